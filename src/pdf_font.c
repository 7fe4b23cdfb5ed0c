/* pdf_font.c — Type0 / CIDFontType2 font embedding on top of libharu 2.3.0.
 *
 * libharu is reached through its public API (hpdf.h) and pdf_internal.h only: the
 * font is pdf_internal's custom font (pp_pdfi_font_new), an HPDF_Font whose callbacks
 * (measuring, encoding, the save hooks) are this file's, with a pf_font as their ctx.
 * libharu's internals (struct fields, non-public functions) stay in pdf_internal.c;
 * the #pragma GCC poison below makes their use here a compile error.
 *
 * Objects written per font, all created by pp_pdf_font_new (so they follow the Type0
 * dict in the cross-reference table and are written after it):
 *   Type0 (HPDF_Font; ctx = pf_font)       /Encoding /Identity-H, /ToUnicode
 *     CIDFontType2                         /CIDSystemInfo Adobe-Identity-0, /DW /W
 *       FontDescriptor                     /FontFile2
 *         FontFile2 stream                 made by pdf_subset (as the two below), deflated
 *       CIDToGIDMap stream
 *     ToUnicode stream
 * The contents are produced by the font's before_write callback at save time.
 * Pre-deflated streams keep libharu's filter at NONE (so it neither compresses them
 * again nor removes our key) and print "/Filter /FlateDecode" from their write_keys
 * callback.
 *
 * The font program touches neither libharu nor the font, so it can be made on another
 * thread while the document is written (pp_pdf_font_defer, or a job made before
 * layout: pp_pdf_font_adopt), even left out of the save for pdf_pack (late streams). */
#define _POSIX_C_SOURCE 200809L

#include "pdf_font.h"
#include "clock.h"
#include "buf.h"
#include "pdf_cids.h"
#include "pdf_internal.h"
#include "pdf_subset.h"
#include "utf8.h"

#include <hpdf.h>

#include <hb.h>
#include <hb-ot.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libharu's internals are pdf_internal.c's alone.  hpdf.h (built without HPDF_SHARED)
 * declares them all, so the ones a font is tempted to use are poisoned: naming any
 * of them below fails to compile.  Its public API, types, constants and error codes
 * stay usable. */
#pragma GCC poison HPDF_Dict_New HPDF_DictStream_New HPDF_Dict_Add HPDF_Dict_AddName \
    HPDF_Dict_AddNumber HPDF_Array_New HPDF_Array_Add HPDF_Array_AddNumber HPDF_String_New \
    HPDF_Xref_Add HPDF_Stream_Write HPDF_Stream_WriteStr HPDF_MemStream_FreeData \
    HPDF_List_ItemAt HPDF_GetMem HPDF_SetError HPDF_RaiseError HPDF_Error_GetCode \
    HPDF_Font_Validate HPDF_Doc_FindEncoder HPDF_Doc_RegisterEncoder \
    HPDF_FontAttr_Rec HPDF_FontDef_Rec HPDF_Encoder_Rec HPDF_ParseText_Rec HPDF_Dict_Rec \
    HPDF_Dict HPDF_Stream HPDF_Xref HPDF_MMgr HPDF_Error HPDF_CheckError HPDF_Obj_Header \
    HPDF_XrefEntry attr obj_class before_write_fn write_fn free_fn text_width_fn \
    measure_text_fn encode_text_fn byte_type_fn to_unicode_fn cur_encoder mmgr xref

/* ------------------------------------------------------------------------------ */
/* Small helpers                                                                   */
/* ------------------------------------------------------------------------------ */

/* One code point from UTF-8 (utf8.c: malformed input is U+FFFD for one byte). */
static size_t pf_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    return pp_utf8_decode((const char *)s, n, cp);
}

static uint16_t pf_be16(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static int16_t pf_bes16(const unsigned char *p) { return (int16_t)pf_be16(p); }
static uint32_t pf_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ------------------------------------------------------------------------------ */
/* The font                                                                        */
/* ------------------------------------------------------------------------------ */

typedef struct pf_font {
    pp_pdfi_font_metrics m;   /* numbers only (names NULL): libharu's copy and the descriptor */
    pp_utf16_walk u16;        /* byte classifier state of the font's encoder */
    int ready;                /* all objects built; before that, writing does nothing */
    hb_face_t *face;          /* borrowed from the caller */
    hb_font_t *hb;            /* ours; holds a reference to face; scale = upem */
    unsigned upem;
    HPDF_Doc doc;             /* errors go to its record */
    pp_pobj *type0, *cidfont, *descriptor, *fontfile, *cidtogid, *tounicode;
    pp_cids cids;             /* code point -> CID, and per CID its glyph and advance */
    uint32_t n_final;         /* n_cid at the last finalisation, 0 = never */
    unsigned dw;              /* /DW chosen at finalisation */
    pp_pdf_font_stats stats;
    pp_subset *job;           /* the program being made (maybe on another thread), or NULL */
    int job_owned;            /* made by pp_pdf_font_defer (else adopted: the caller's) */
    int job_exact;            /* an adopted job is used only when it is exactly the glyphs drawn */
    pp_zbytes map_z, tu_z;    /* CIDToGIDMap and ToUnicode of the last finalisation */
    int late;                 /* the next save may leave the program streams to pp_pdf_font_late */
    int late_state;           /* 0, PF_LATE_WAITING (a save left them empty), PF_LATE_DONE */
} pf_font;

enum { PF_LATE_WAITING = 1, PF_LATE_DONE = 2 };

static const pp_pdfi_font_fns pf_fns;

/* The pf_font of a font made by pp_pdf_font_new, else NULL. */
static pf_font *pf_of(HPDF_Font font)
{
    return pp_pdfi_font_ctx(font, &pf_fns);
}

static unsigned pf_scale_1000(const pf_font *pf, long v)
{
    /* font units -> 1/1000 em, rounded half away from zero, clamped to 0..65535 */
    long long x = (long long)v * 1000;
    long long r = x >= 0 ? (x + pf->upem / 2) / pf->upem : -((-x + pf->upem / 2) / pf->upem);
    if (r < 0) r = 0;
    if (r > 65535) r = 65535;
    return (unsigned)r;
}

static int pf_scale_signed(const pf_font *pf, long v)
{
    long long x = (long long)v * 1000;
    return (int)(x >= 0 ? (x + pf->upem / 2) / pf->upem : -((-x + pf->upem / 2) / pf->upem));
}

static hb_codepoint_t pf_glyph_of(const pf_font *pf, uint32_t cp)
{
    hb_codepoint_t gid = 0;
    if (!hb_font_get_nominal_glyph(pf->hb, cp, &gid)) gid = 0;
    return gid;
}

static unsigned pf_glyph_width(const pf_font *pf, hb_codepoint_t gid)
{
    return pf_scale_1000(pf, hb_font_get_glyph_h_advance(pf->hb, gid));
}

/* The CID of `cp`, assigning the next one on first use.  0 (.notdef) when the table
 * is full or memory runs out. */
static uint16_t pf_cid_for(pf_font *pf, uint32_t cp)
{
    long cid = pp_cids_find(&pf->cids, cp);
    if (cid < 0) {
        hb_codepoint_t gid = pf_glyph_of(pf, cp);
        cid = pp_cids_add(&pf->cids, cp, gid, (uint16_t)pf_glyph_width(pf, gid));
    }
    return cid < 0 ? 0 : (uint16_t)cid;
}

static unsigned pf_width_of(const pf_font *pf, uint32_t cp)
{
    long cid = pp_cids_find(&pf->cids, cp);
    if (cid >= 0) return pf->cids.w[cid];
    return pf_glyph_width(pf, pf_glyph_of(pf, cp));
}

/* ---- libharu callbacks: measuring and encoding -------------------------------- */

static HPDF_TextWidth pf_text_width_fn(void *ctx, const HPDF_BYTE *text, HPDF_UINT len)
{
    HPDF_TextWidth tw = {0, 0, 0, 0};
    const pf_font *pf = ctx;
    uint32_t cp = 0;
    for (size_t i = 0; i < len && text[i];) {
        i += pf_utf8_next(text + i, len - i, &cp);
        tw.width += pf_width_of(pf, cp);
        tw.numchars++;
        if (cp == ' ') tw.numwords++;
    }
    if (tw.numchars && cp != ' ') tw.numwords++;
    tw.numspace = 0; /* Tw never applies to 2-byte codes */
    return tw;
}

/* libharu's contract: how many bytes of `text` fit in `width` (text space units) at
 * `font_size` with `char_space` between characters; with `wordwrap` only after a
 * space, otherwise at any character boundary.  `word_space` is ignored (Tw does not
 * apply to these codes). */
static HPDF_UINT pf_measure_text_fn(void *ctx, const HPDF_BYTE *text, HPDF_UINT len,
                                    HPDF_REAL width, HPDF_REAL font_size,
                                    HPDF_REAL char_space, HPDF_REAL word_space,
                                    HPDF_BOOL wordwrap, HPDF_REAL *real_width)
{
    const pf_font *pf = ctx;
    double w = 0;
    HPDF_UINT fit = 0;
    (void)word_space;
    for (size_t i = 0; i < len && text[i];) {
        uint32_t cp;
        size_t n = pf_utf8_next(text + i, len - i, &cp);
        if (cp == ' ') {
            fit = (HPDF_UINT)(i + n);
            if (real_width) *real_width = (HPDF_REAL)w;
        } else if (!wordwrap) {
            fit = (HPDF_UINT)i;
            if (real_width) *real_width = (HPDF_REAL)w;
        }
        if (i > 0) w += char_space;
        w += (double)pf_width_of(pf, cp) * font_size / 1000.0;
        if (w > width || cp == '\n') return fit;
        i += n;
    }
    if (real_width) *real_width = (HPDF_REAL)w;
    return len;
}

/* HPDF_Page_ShowText hands the UTF-8 text here and free()s the result. */
static char *pf_encode_text_fn(void *ctx, const char *text, HPDF_UINT len, HPDF_UINT *encoded_length)
{
    pf_font *pf = ctx;
    const unsigned char *s = (const unsigned char *)text;
    unsigned char *out = malloc((size_t)len * 2 + 2);
    size_t k = 0;
    *encoded_length = 0;
    if (!out) return NULL;
    for (size_t i = 0; i < len && s[i];) {
        uint32_t cp;
        i += pf_utf8_next(s + i, len - i, &cp);
        uint16_t cid = pf_cid_for(pf, cp);
        out[k++] = (unsigned char)(cid >> 8);
        out[k++] = (unsigned char)(cid & 0xFF);
    }
    *encoded_length = (HPDF_UINT)k;
    return (char *)out;
}

static HPDF_ByteType pf_font_byte_type(void *ctx, const HPDF_BYTE *text, HPDF_UINT len, HPDF_UINT *index)
{
    return pp_pdfi_utf16_classify(&((pf_font *)ctx)->u16, text, len, index);
}

static HPDF_UNICODE pf_font_to_unicode(void *ctx, HPDF_UINT16 code)
{
    (void)code;
    return ((pf_font *)ctx)->u16.unit;
}

/* ---- object writing ----------------------------------------------------------- */

/* /DW and /W of the CIDFontType2: runs of consecutive CIDs whose width is not DW. */
static HPDF_STATUS pf_write_widths(const pf_font *pf, pp_pdfi_out *out)
{
    pp_buf b = PP_BUF_INIT;
    HPDF_STATUS ret;
    pp_buf_printf(&b, "/DW %u\012", pf->dw);
    int any = 0;
    for (uint32_t c = 0; c < pf->cids.n;) {
        if (pf->cids.w[c] == pf->dw) { c++; continue; }
        pp_buf_printf(&b, any ? " %u [" : "/W [%u [", c);
        any = 1;
        for (int first = 1; c < pf->cids.n && pf->cids.w[c] != pf->dw; c++, first = 0)
            pp_buf_printf(&b, first ? "%u" : " %u", pf->cids.w[c]);
        pp_buf_put(&b, "]", 1);
    }
    if (any) pp_buf_put(&b, "]\012", 2);
    ret = pp_pdfi_out_write(out, b.data, b.len);
    pp_buf_release(&b);
    return ret;
}

/* write_keys of the CIDFontType2 (/DW, /W) and of the three pre-deflated streams. */
static HPDF_STATUS pf_write_keys(void *ctx, pp_pobj *obj, pp_pdfi_out *out)
{
    static const char flate[] = "/Filter /FlateDecode\012";
    const pf_font *pf = ctx;
    if (!pf || !pf->ready) return HPDF_OK; /* left empty by a failed pp_pdf_font_new */
    if (obj == pf->cidfont) return pf_write_widths(pf, out);
    return pp_pdfi_out_write(out, flate, sizeof flate - 1);
}

/* Stops an owned job nobody started, waits for one running, and frees it. */
static void pf_drop_job(pf_font *pf)
{
    if (!pf->job) return;
    if (pf->job_owned) {
        pp_subset_cancel(pf->job);
        pp_subset_run(pf->job);
        pp_subset_free(pf->job);
    }
    pf->job = NULL;
    pf->job_owned = pf->job_exact = 0;
}

/* Nonzero when the job's glyph set holds every glyph the CIDs draw. */
static int pf_job_covers(const pf_font *pf)
{
    if (!pf->job) return 0;
    if (pf->job_exact) return pp_subset_is(pf->job, pf->cids.gid, pf->cids.n);
    return pp_subset_covers(pf->job, pf->cids.gid, pf->cids.n);
}

/* A job of the font's own for the glyphs its CIDs draw, replacing any other. */
static pp_subset *pf_own_job(pf_font *pf)
{
    pf_drop_job(pf);
    pp_subset *s = pp_subset_new(pf->face);
    if (!s) return NULL;
    for (uint32_t c = 0; c < pf->cids.n; c++) pp_subset_add_glyph(s, pf->cids.gid[c]);
    pf->job = s;
    pf->job_owned = 1;
    return s;
}

/* libharu's view of what went wrong in a job. */
static HPDF_STATUS pf_job_error(pp_subset_status st, HPDF_STATUS *detail)
{
    *detail = 0;
    switch (st) {
    case PP_SUBSET_OK: return HPDF_OK;
    case PP_SUBSET_FAILED: *detail = 1; return HPDF_TTF_INVALID_FOMAT;
    case PP_SUBSET_EMPTY: *detail = 2; return HPDF_TTF_INVALID_FOMAT;
    case PP_SUBSET_CANCELLED: return HPDF_INVALID_OPERATION;
    default: return HPDF_FAILD_TO_ALLOC_MEM;
    }
}

/* Finishes the job (here, or waiting for the thread that runs it), then makes the
 * CIDToGIDMap and ToUnicode of the CIDs assigned now. Returns HPDF_OK or the error
 * (recorded in the document; reported with `report`). */
static HPDF_STATUS pf_make_program(pf_font *pf, bool report)
{
    free(pf->map_z.data);
    free(pf->tu_z.data);
    pf->map_z = pf->tu_z = (pp_zbytes){ 0 };
    /* ToUnicode needs no glyph ids: made before waiting for a job running elsewhere */
    if (pp_subset_tounicode(pf->cids.cp, pf->cids.n, &pf->tu_z, &pf->stats.deflate_ns) != 0)
        return pp_pdfi_error(pf->doc, HPDF_FAILD_TO_ALLOC_MEM, 0, report);
    pf->stats.wait_ns += pp_subset_run(pf->job);
    unsigned long long sub = 0, def = 0;
    pp_subset_take_times(pf->job, &sub, &def);   /* a job's times count once */
    pf->stats.subset_ns += sub;
    pf->stats.deflate_ns += def;
    HPDF_STATUS detail, err = pf_job_error(pp_subset_program(pf->job, NULL, NULL, NULL, NULL), &detail);
    if (err) return pp_pdfi_error(pf->doc, err, detail, report);
    if (pp_subset_cid_map(pf->job, pf->cids.gid, pf->cids.n, &pf->map_z, &pf->stats.deflate_ns) != 0)
        return pp_pdfi_error(pf->doc, HPDF_FAILD_TO_ALLOC_MEM, 0, report);
    size_t glyphs = 0;
    pp_subset_program(pf->job, NULL, &pf->stats.glyph_bytes, NULL, &glyphs);
    pf->stats.glyphs = glyphs;   /* what the file holds now; times accumulate */
    return HPDF_OK;
}

/* /DW = the most frequent width among the used CIDs (written by pf_write_widths); of
 * equally frequent ones the smallest. Counted over a sorted copy of the widths. */
static int pf_cmp_u16(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

static HPDF_STATUS pf_choose_dw(pf_font *pf)
{
    uint32_t first = pf->cids.n > 1 ? 1 : 0, n = pf->cids.n - first;
    uint16_t *w = malloc((n ? n : 1) * sizeof *w);
    if (!w) return pp_pdfi_error(pf->doc, HPDF_FAILD_TO_ALLOC_MEM, 0, false);
    memcpy(w, pf->cids.w + first, n * sizeof *w);
    qsort(w, n, sizeof *w, pf_cmp_u16);
    uint32_t best = 0, best_n = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i;
        while (j < n && w[j] == w[i]) j++;
        if (j - i > best_n) { best = w[i]; best_n = j - i; }
        i = j;
    }
    free(w);
    pf->dw = best;
    return HPDF_OK;
}

/* Puts the program's bytes into the font's streams. */
static HPDF_STATUS pf_install(pf_font *pf)
{
    HPDF_STATUS ret;
    const unsigned char *data;
    size_t len;
    unsigned length1;
    pp_subset_program(pf->job, &data, &len, &length1, NULL);
    if ((ret = pp_pdfi_stream_set(pf->fontfile, data, len)) != HPDF_OK) return ret;
    if ((ret = (HPDF_STATUS)pp_pdfi_put_int(pf->fontfile, "Length1", (long)length1)) != HPDF_OK) return ret;
    if ((ret = pp_pdfi_stream_set(pf->cidtogid, pf->map_z.data, pf->map_z.len)) != HPDF_OK) return ret;
    if ((ret = pp_pdfi_stream_set(pf->tounicode, pf->tu_z.data, pf->tu_z.len)) != HPDF_OK) return ret;
    pf->n_final = pf->cids.n;
    return HPDF_OK;
}

/* Fills subset, CIDToGIDMap, /W data and ToUnicode for the CIDs used so far, from
 * the job when its glyph set covers them all (the subset depends on the glyph set
 * alone), else from a job made and run here. Idempotent; runs again only when new
 * code points were drawn since. */
static HPDF_STATUS pf_finalise(pf_font *pf)
{
    HPDF_STATUS ret;
    if (!pf->ready || (pf->n_final && pf->n_final == pf->cids.n)) return HPDF_OK;
    if (pf->late_state == PF_LATE_WAITING) return HPDF_OK;   /* this save already left them */
    int covered = pf_job_covers(pf);
    if (pf->late && covered) {
        /* the three streams stay empty in this save: pp_pdf_font_late fills them */
        pf->late = 0;
        pf->late_state = PF_LATE_WAITING;
        return pf_choose_dw(pf);
    }
    if (!covered && !pf_own_job(pf)) return pp_pdfi_error(pf->doc, HPDF_FAILD_TO_ALLOC_MEM, 0, false);
    pf->late_state = 0;
    if ((ret = pf_make_program(pf, false)) != HPDF_OK) return ret;
    if ((ret = pf_install(pf)) != HPDF_OK) return ret;
    return pf_choose_dw(pf);
}

static HPDF_STATUS pf_before_write(void *ctx)
{
    pf_font *pf = ctx;
    return pf ? pf_finalise(pf) : HPDF_OK;
}

static void pf_font_destroy(pf_font *pf)
{
    if (!pf) return;
    pf_drop_job(pf);   /* a job never started is not worth running; a running one is waited for */
    free(pf->map_z.data);
    free(pf->tu_z.data);
    hb_font_destroy(pf->hb);
    pp_cids_release(&pf->cids);
    free(pf);
}

/* The font is freed with its document (pdf_internal frees its own records after). */
static void pf_free(void *ctx) { pf_font_destroy(ctx); }

static const pp_pdfi_font_fns pf_fns = {
    .enc = { .byte_type = pf_font_byte_type, .to_unicode = pf_font_to_unicode,
             .encode_text = pf_encode_text_fn },
    .text_width = pf_text_width_fn,
    .measure_text = pf_measure_text_fn,
    .before_write = pf_before_write,
    .write_keys = pf_write_keys,
    .free = pf_free,
};

/* ---- construction ------------------------------------------------------------- */

/* Six capital letters from the seed: an affine bijection of Z/26^6, so distinct seeds
 * below 26^6 give distinct tags, and the same seed always the same tag. */
static void pf_subset_tag(unsigned seed, char tag[7])
{
    const uint64_t m = 308915776u; /* 26^6 */
    uint64_t v = ((uint64_t)(seed % m) * 1103515245u + 12345u) % m; /* gcd(1103515245, 26)=1 */
    for (int i = 5; i >= 0; i--) { tag[i] = (char)('A' + v % 26); v /= 26; }
    tag[6] = 0;
}

/* PostScript-name-safe copy: printable ASCII minus PDF delimiters, at most 63 chars. */
static void pf_ps_name(hb_face_t *face, const char *given, char out[64])
{
    char buf[128];
    const char *src = given;
    size_t k = 0;
    if (!src || !*src) {
        unsigned n = sizeof buf;
        if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &n, buf))
            src = buf;
        else
            src = "";
    }
    for (; *src && k < 63; src++) {
        unsigned char ch = (unsigned char)*src;
        if (ch > 0x20 && ch < 0x7F && !strchr("()<>[]{}/%#", ch)) out[k++] = (char)ch;
    }
    if (!k) { memcpy(out, "Font", 4); k = 4; }
    out[k] = 0;
}

/* Byte offsets of the OpenType fields read below (OpenType spec, "head", "OS/2" and
 * "post" tables; every version has these). */
enum {
    HEAD_X_MIN = 36, HEAD_Y_MIN = 38, HEAD_X_MAX = 40, HEAD_Y_MAX = 42,   /* int16 FUnits */
    HEAD_MAC_STYLE = 44,          /* uint16; bit 1 italic */
    HEAD_SIZE = 54,               /* the whole table */
    OS2_WEIGHT_CLASS = 4,         /* uint16 usWeightClass */
    OS2_FS_TYPE = 8,              /* uint16 fsType: embedding licensing rights */
    OS2_FAMILY_CLASS = 30,        /* int16 sFamilyClass: IBM class (high byte), subclass */
    POST_ITALIC_ANGLE = 4,        /* Fixed 16.16, degrees counter-clockwise from vertical */
    POST_IS_FIXED_PITCH = 12,     /* uint32, nonzero when monospaced */
};
enum {
    MAC_STYLE_ITALIC = 0x0002,
    FS_TYPE_USAGE_MASK = 0x000F,  /* bits 0-3: usage permissions */
    FS_TYPE_RESTRICTED = 0x0002,  /* restricted licence embedding: must not embed */
    FS_TYPE_BITMAP_ONLY = 0x0200, /* only bitmaps may be embedded */
    IBM_CLASS_OLDSTYLE_SERIF = 1, /* IBM font classes 1-7 are serif designs */
    IBM_CLASS_FREEFORM_SERIF = 7,
};

/* Reads metrics and licence bits from head, hhea/OS/2, post.  Returns 0 or an HPDF
 * error code. */
static HPDF_STATUS pf_read_metrics(pf_font *pf)
{
    pp_pdfi_font_metrics *d = &pf->m;
    hb_face_t *face = pf->face;
    HPDF_STATUS err = HPDF_OK;
    hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
    hb_blob_t *os2 = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
    hb_blob_t *post = hb_face_reference_table(face, HB_TAG('p', 'o', 's', 't'));
    hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned hl = 0, ol = 0, pl = 0;
    const unsigned char *h = (const unsigned char *)hb_blob_get_data(head, &hl);
    const unsigned char *o = (const unsigned char *)hb_blob_get_data(os2, &ol);
    const unsigned char *p = (const unsigned char *)hb_blob_get_data(post, &pl);
    hb_position_t asc = 0, desc = 0, cap = 0, xh = 0;

    if (hl < HEAD_SIZE || hb_blob_get_length(glyf) == 0 || pf->upem == 0 ||
        hb_face_get_glyph_count(face) == 0) {
        err = HPDF_UNSUPPORTED_FONT_TYPE; /* not a TrueType-outline (glyf) face */
        goto out;
    }
    if (ol >= OS2_FS_TYPE + 2) {
        uint16_t fs_type = pf_be16(o + OS2_FS_TYPE);
        if ((fs_type & FS_TYPE_USAGE_MASK) == FS_TYPE_RESTRICTED || (fs_type & FS_TYPE_BITMAP_ONLY)) {
            err = HPDF_TTF_CANNOT_EMBEDDING_FONT; /* restricted, or bitmap-only embedding */
            goto out;
        }
    }
    d->bbox[0] = (HPDF_REAL)pf_scale_signed(pf, pf_bes16(h + HEAD_X_MIN));   /* left, bottom, right, top */
    d->bbox[1] = (HPDF_REAL)pf_scale_signed(pf, pf_bes16(h + HEAD_Y_MIN));
    d->bbox[2] = (HPDF_REAL)pf_scale_signed(pf, pf_bes16(h + HEAD_X_MAX));
    d->bbox[3] = (HPDF_REAL)pf_scale_signed(pf, pf_bes16(h + HEAD_Y_MAX));
    if (!hb_ot_metrics_get_position(pf->hb, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc))
        asc = pf_bes16(h + HEAD_Y_MAX);
    if (!hb_ot_metrics_get_position(pf->hb, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc))
        desc = pf_bes16(h + HEAD_Y_MIN);
    if (!hb_ot_metrics_get_position(pf->hb, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) || cap <= 0)
        cap = asc;
    if (!hb_ot_metrics_get_position(pf->hb, HB_OT_METRICS_TAG_X_HEIGHT, &xh) || xh <= 0)
        xh = cap / 2;
    d->ascent = (HPDF_INT16)pf_scale_signed(pf, asc);
    d->descent = (HPDF_INT16)pf_scale_signed(pf, desc < 0 ? desc : -desc);
    d->cap_height = (HPDF_UINT16)pf_scale_signed(pf, cap);
    d->x_height = (HPDF_UINT16)pf_scale_signed(pf, xh);

    double italic = 0;
    int fixed = 0;
    if (pl >= POST_IS_FIXED_PITCH + 4) {
        italic = (int32_t)pf_be32(p + POST_ITALIC_ANGLE) / 65536.0;   /* 16.16 fixed */
        fixed = pf_be32(p + POST_IS_FIXED_PITCH) != 0;
    }
    d->italic_angle = (HPDF_INT16)(italic < 0 ? italic - 0.5 : italic + 0.5);
    unsigned weight = ol >= OS2_WEIGHT_CLASS + 2 ? pf_be16(o + OS2_WEIGHT_CLASS) : 400;
    if (weight < 100 || weight > 900) weight = 400;
    d->stemv = (HPDF_UINT16)(10 + 220 * (weight - 50) / 900); /* usual estimate */
    unsigned family = ol >= OS2_FAMILY_CLASS + 2 ? (unsigned)(pf_be16(o + OS2_FAMILY_CLASS) >> 8) : 0;
    d->flags = HPDF_FONT_SYMBOLIC; /* CID fonts: glyphs outside the standard Latin set */
    if (fixed) d->flags |= HPDF_FONT_FIXED_WIDTH;
    if (family >= IBM_CLASS_OLDSTYLE_SERIF && family <= IBM_CLASS_FREEFORM_SERIF) d->flags |= HPDF_FONT_SERIF;
    if (italic != 0 || (pf_be16(h + HEAD_MAC_STYLE) & MAC_STYLE_ITALIC)) d->flags |= HPDF_FONT_ITALIC;
    d->missing_width = (HPDF_INT16)pf_glyph_width(pf, 0);
out:
    hb_blob_destroy(head);
    hb_blob_destroy(os2);
    hb_blob_destroy(post);
    hb_blob_destroy(glyf);
    return err;
}

/* An empty stream of the font (filled at save time, already deflated: libharu's filter
 * stays NONE and pf_write_keys writes the /Filter). */
static pp_pobj *pf_new_stream(pf_font *pf, HPDF_Font font)
{
    pp_pobj *d = pp_pdfi_stream(pf->doc, NULL, 0, false);
    if (d) pp_pdfi_font_hook(font, d, true);
    return d;
}

HPDF_Font pp_pdf_font_new(HPDF_Doc doc, hb_face_t *face, const char *postscript_name,
                          unsigned subset_seed)
{
    if (!HPDF_HasDoc(doc)) return NULL;
    if (!face) { pp_pdfi_error(doc, HPDF_INVALID_PARAMETER, 0, true); return NULL; }

    HPDF_STATUS st;
    int ret = 0;
    pf_font *pf = calloc(1, sizeof *pf);
    if (!pf) { pp_pdfi_error(doc, HPDF_FAILD_TO_ALLOC_MEM, 0, true); return NULL; }
    pf->face = face;
    pf->doc = doc;
    pf->upem = hb_face_get_upem(face);
    pf->hb = hb_font_create(face); /* scale defaults to upem: positions in font units */
    if (pf->hb == hb_font_get_empty()) {
        pf_font_destroy(pf);
        pp_pdfi_error(doc, HPDF_FAILD_TO_ALLOC_MEM, 0, true);
        return NULL;
    }
    if ((st = pf_read_metrics(pf)) != HPDF_OK) {
        pf_font_destroy(pf);
        pp_pdfi_error(doc, st, 0, true);
        return NULL;
    }
    if (pp_cids_init(&pf->cids, (uint16_t)pf->m.missing_width) != 0) {   /* CID 0 = .notdef */
        pf_font_destroy(pf);
        pp_pdfi_error(doc, HPDF_FAILD_TO_ALLOC_MEM, 0, true);
        return NULL;
    }

    char tag[7], ps[64], name[HPDF_LIMIT_MAX_NAME_LEN + 1];
    pf_subset_tag(subset_seed, tag);
    pf_ps_name(face, postscript_name, ps);
    snprintf(name, sizeof name, "%s+%s", tag, ps);

    /* Type0 first, so it precedes (and its before_write fills) everything below. */
    pp_pdfi_font_metrics m = pf->m;
    m.base_font = name;
    m.encoding = "Identity-H";
    HPDF_Font font = pp_pdfi_font_new(doc, &m, &pf_fns, pf);
    if (!font) return NULL;   /* pf freed (pf_free), error reported */
    const pp_pdfi_font_metrics *d = &pf->m;
    pp_pobj *type0 = pp_pdfi_font_dict(font);
    pf->type0 = type0;

    ret |= pp_pdfi_put_name(type0, "Type", "Font");
    ret |= pp_pdfi_put_name(type0, "Subtype", "Type0");
    ret |= pp_pdfi_put_name(type0, "BaseFont", name);
    ret |= pp_pdfi_put_name(type0, "Encoding", "Identity-H");
    pp_pobj *descendants = pp_pdfi_array(doc);
    ret |= pp_pdfi_put(type0, "DescendantFonts", descendants);
    if (ret) goto fail;

    pp_pobj *cid = pp_pdfi_dict(doc, true);
    if (!cid) goto fail;
    pf->cidfont = cid;
    ret |= pp_pdfi_font_hook(font, cid, true);
    ret |= pp_pdfi_push(descendants, cid);
    ret |= pp_pdfi_put_name(cid, "Type", "Font");
    ret |= pp_pdfi_put_name(cid, "Subtype", "CIDFontType2");
    ret |= pp_pdfi_put_name(cid, "BaseFont", name);
    pp_pobj *sysinfo = pp_pdfi_dict(doc, false);
    ret |= pp_pdfi_put(cid, "CIDSystemInfo", sysinfo);
    if (ret) goto fail;
    ret |= pp_pdfi_put_str(doc, sysinfo, "Registry", "Adobe");
    ret |= pp_pdfi_put_str(doc, sysinfo, "Ordering", "Identity");
    ret |= pp_pdfi_put_int(sysinfo, "Supplement", 0);
    if (ret) goto fail;

    pp_pobj *desc = pp_pdfi_dict(doc, true);
    if (!desc) goto fail;
    pf->descriptor = desc;
    ret |= pp_pdfi_put(cid, "FontDescriptor", desc);
    ret |= pp_pdfi_put_name(desc, "Type", "FontDescriptor");
    ret |= pp_pdfi_put_name(desc, "FontName", name);
    ret |= pp_pdfi_put_int(desc, "Flags", (long)d->flags);
    pp_pobj *bbox = pp_pdfi_array(doc);
    ret |= pp_pdfi_put(desc, "FontBBox", bbox);
    if (ret) goto fail;
    for (int i = 0; i < 4; i++) ret |= pp_pdfi_push_int(bbox, (long)d->bbox[i]);
    ret |= pp_pdfi_put_int(desc, "ItalicAngle", d->italic_angle);
    ret |= pp_pdfi_put_int(desc, "Ascent", d->ascent);
    ret |= pp_pdfi_put_int(desc, "Descent", d->descent);
    ret |= pp_pdfi_put_int(desc, "CapHeight", d->cap_height);
    ret |= pp_pdfi_put_int(desc, "XHeight", d->x_height);
    ret |= pp_pdfi_put_int(desc, "StemV", d->stemv);
    ret |= pp_pdfi_put_int(desc, "MissingWidth", d->missing_width);
    if (ret) goto fail;

    pf->fontfile = pf_new_stream(pf, font);
    if (!pf->fontfile) goto fail;
    ret |= pp_pdfi_put_int(pf->fontfile, "Length1", 0); /* set at save time */
    ret |= pp_pdfi_put(desc, "FontFile2", pf->fontfile);
    pf->cidtogid = pf_new_stream(pf, font);
    if (!pf->cidtogid) goto fail;
    ret |= pp_pdfi_put(cid, "CIDToGIDMap", pf->cidtogid);
    pf->tounicode = pf_new_stream(pf, font);
    if (!pf->tounicode) goto fail;
    ret |= pp_pdfi_put(type0, "ToUnicode", pf->tounicode);
    if (ret) goto fail;

    pp_pdfi_font_link(font, cid, desc, pf->cidtogid);
    pf->ready = 1;
    return font;

fail:
    /* The objects already made belong to the document and are freed with it; pf stays
     * attached to the font (freed by pf_free) but never writes anything. */
    if (HPDF_GetError(doc) == HPDF_OK)
        pp_pdfi_error(doc, HPDF_FAILD_TO_ALLOC_MEM, 0, false);
    pp_pdfi_report(doc);
    return NULL;
}

/* ------------------------------------------------------------------------------ */
/* Queries                                                                         */
/* ------------------------------------------------------------------------------ */

unsigned pp_pdf_font_text_width(HPDF_Font font, const char *text, size_t len)
{
    pf_font *pf = pf_of(font);
    return pf && text ? (unsigned)pf_text_width_fn(pf, (const HPDF_BYTE *)text, (HPDF_UINT)len).width : 0;
}

void pp_pdf_font_use(HPDF_Font font, const char *text, size_t len)
{
    pf_font *pf = pf_of(font);
    if (!pf || !text) return;
    for (size_t i = 0; i < len && text[i];) {
        uint32_t cp;
        i += pf_utf8_next((const unsigned char *)text + i, len - i, &cp);
        pf_cid_for(pf, cp);
    }
}

unsigned pp_pdf_font_cids(HPDF_Font font)
{
    const pf_font *pf = pf_of(font);
    return pf ? pf->cids.n : 0;
}

pp_subset *pp_pdf_font_defer(HPDF_Font font, int late)
{
    pf_font *pf = pf_of(font);
    if (!pf || !pf->ready || pf->job) return NULL;
    pp_subset *s = pf_own_job(pf);
    pf->late = s ? late : 0;
    return s;
}

int pp_pdf_font_adopt(HPDF_Font font, pp_subset *job, int late, int exact)
{
    pf_font *pf = pf_of(font);
    if (!pf || !pf->ready || !job) return -1;
    pf_drop_job(pf);
    pf->job = job;
    pf->job_exact = exact;
    pf->late = late;
    return 0;
}

size_t pp_pdf_font_late_objects(HPDF_Font font, unsigned long obj[3])
{
    const pf_font *pf = pf_of(font);
    if (!pf || pf->late_state != PF_LATE_WAITING) return 0;
    obj[0] = pp_pdfi_obj_num(pf->fontfile);
    obj[1] = pp_pdfi_obj_num(pf->cidtogid);
    obj[2] = pp_pdfi_obj_num(pf->tounicode);
    return 3;
}

int pp_pdf_font_late(HPDF_Font font, unsigned long obj, const unsigned char **data, size_t *len,
                     long *length1)
{
    pf_font *pf = pf_of(font);
    if (!pf || !pf->late_state) return -1;
    if (pf->late_state == PF_LATE_WAITING) {
        if (!pf_job_covers(pf)) { pp_pdfi_error(pf->doc, HPDF_INVALID_OPERATION, 0, true); return -1; }
        if (pf_make_program(pf, true) != HPDF_OK) return -1;
        /* n_final stays 0: a later save puts the bytes into the streams (pf_finalise) */
        pf->late_state = PF_LATE_DONE;
    }
    *length1 = -1;
    if (obj == pp_pdfi_obj_num(pf->fontfile)) {
        unsigned l1;
        pp_subset_program(pf->job, data, len, &l1, NULL);
        *length1 = l1;
    } else if (obj == pp_pdfi_obj_num(pf->cidtogid)) {
        *data = pf->map_z.data;
        *len = pf->map_z.len;
    } else if (obj == pp_pdfi_obj_num(pf->tounicode)) {
        *data = pf->tu_z.data;
        *len = pf->tu_z.len;
    } else {
        return -1;
    }
    return 0;
}

int pp_pdf_font_has_glyph(HPDF_Font font, unsigned long cp)
{
    const pf_font *pf = pf_of(font);
    hb_codepoint_t gid;
    return pf && cp <= 0x10FFFF && hb_font_get_nominal_glyph(pf->hb, (hb_codepoint_t)cp, &gid) && gid != 0;
}

static void pf_add_stats(void *ctx, void *arg)
{
    const pf_font *pf = ctx;
    pp_pdf_font_stats *out = arg;
    out->glyph_bytes += pf->stats.glyph_bytes;
    out->glyphs += pf->stats.glyphs;
    out->subset_ns += pf->stats.subset_ns;
    out->deflate_ns += pf->stats.deflate_ns;
    out->wait_ns += pf->stats.wait_ns;
}

void pp_pdf_font_get_stats(HPDF_Doc doc, pp_pdf_font_stats *out)
{
    if (!out) return;
    memset(out, 0, sizeof *out);
    if (!HPDF_HasDoc(doc)) return;
    pp_pdfi_font_each(doc, &pf_fns, pf_add_stats, out);
}
