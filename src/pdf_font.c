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
 *         FontFile2 stream                 hb-subset, deflated here
 *       CIDToGIDMap stream                 deflated here
 *     ToUnicode stream                     deflated here
 * The contents are produced by the font's before_write callback at save time.
 * Pre-deflated streams keep libharu's filter at NONE (so it neither compresses them
 * again nor removes our key) and print "/Filter /FlateDecode" from their write_keys
 * callback.
 *
 * The font program (subset + CIDToGIDMap + ToUnicode, deflated: a pf_build) touches
 * neither libharu nor the font, so it can be made on another thread while the
 * document is written (pp_pdf_font_defer / pp_pdf_font_job_run), and even be left
 * out of the save and fetched by pdf_pack at the end (late streams).
 *
 * Deflate level (libdeflate, zlib format) measured on the 951 glyphs used by the five
 * seed documents in TW-Kai (subset 1 101 308 bytes; best of 3 runs, one core):
 *   level 1: 626 227 B  7.3 ms | level 4: 614 670 B 11.5 ms | level 6: 601 769 B 17.5 ms
 *   level 9: 597 064 B 46.5 ms | level 12: 577 554 B 130 ms | zlib 6: 601 806 B 42.6 ms
 * and again on the report sample's TW-Kai subset (1 000 416 B; best of 7):
 *   level 4: 557 708 B 11.0 ms | level 5: 551 986 B 14.5 ms | level 6: 548 179 B 16.5 ms
 * With the rest packed (pdf_pack) the whole report is 614 638 B at level 4 (over the
 * 600 KiB = 614 400 B asked for), 608 359 B at 5, 604 526 B at 6; level 5 buys 2 ms
 * per document (single render ~36 ms instead of ~40, batch 55 documents/s instead of
 * 52) for 3.8 KB, and keeps 6 KB under the limit.
 * HB_SUBSET_FLAGS_RETAIN_GIDS was measured too: same compressed size ±0.3 % (larger
 * loca/hmtx that compress away), so glyph ids are renumbered and read from the plan.
 */
#define _POSIX_C_SOURCE 200809L

#include "pdf_font.h"
#include "clock.h"
#include "pdf_internal.h"
#include "utf8.h"

#include <hpdf.h>

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <libdeflate.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

#define PF_MAX_CIDS 65536u /* CIDs 0..65535; CID 0 is .notdef */

/* One code point from UTF-8 (utf8.c: malformed input is U+FFFD for one byte). */
static size_t pf_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    return pp_utf8_decode((const char *)s, n, cp);
}

/* Growable byte buffer for the ToUnicode CMap and the /W array. */
typedef struct { char *p; size_t len, cap; int failed; } pf_buf;

static void pf_buf_put(pf_buf *b, const char *s, size_t n)
{
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->failed = 1; return; }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void pf_buf_printf(pf_buf *b, const char *fmt, unsigned a, unsigned c)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, fmt, a, c);
    if (n > 0) pf_buf_put(b, tmp, (size_t)n);
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

/* Per-encoder scratch of the UTF-8 -> UTF-16 byte classifier (see pf_u16_classify). */
typedef struct {
    unsigned seq_len, pos; /* current sequence, 1-based position of the last byte seen */
    uint32_t cp;
    HPDF_UNICODE unit;     /* what to_unicode_fn returns for the current byte */
} pf_u16_state;

typedef struct pf_font {
    pp_pdfi_font_metrics m;   /* numbers only (names NULL): libharu's copy and the descriptor */
    pf_u16_state u16;         /* byte classifier state of the font's encoder */
    int ready;                /* all objects built; before that, writing does nothing */
    hb_face_t *face;          /* borrowed from the caller */
    hb_font_t *hb;            /* ours; holds a reference to face; scale = upem */
    unsigned upem;
    HPDF_Doc doc;             /* errors go to its record */
    pp_pobj *type0, *cidfont, *descriptor, *fontfile, *cidtogid, *tounicode;
    /* CID table, indexed by CID; [0] is .notdef (cp 0, glyph 0) */
    uint32_t *cid_cp, *cid_gid;
    uint16_t *cid_w;          /* advance in 1/1000 em, as in /W */
    uint32_t n_cid, cap_cid;
    /* open-addressing hash code point -> CID; key is cp + 1, 0 = empty */
    uint32_t *h_key;
    uint16_t *h_val;
    uint32_t h_cap;           /* power of two */
    uint32_t n_final;         /* n_cid at the last finalisation, 0 = never */
    unsigned dw;              /* /DW chosen at finalisation */
    pp_pdf_font_stats stats;
    struct pp_pdf_font_job *job; /* pp_pdf_font_defer's build (maybe running on another thread) */
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

static uint32_t pf_hash(uint32_t cp)
{
    uint32_t x = (cp + 1) * 2654435761u; /* Fibonacci hashing; fold the good high bits down */
    return x ^ (x >> 16);
}

static long pf_lookup(const pf_font *pf, uint32_t cp)
{
    if (!pf->h_cap) return -1;
    uint32_t mask = pf->h_cap - 1, i = pf_hash(cp) & mask;
    for (;;) {
        uint32_t k = pf->h_key[i];
        if (k == 0) return -1;
        if (k == cp + 1) return pf->h_val[i];
        i = (i + 1) & mask;
    }
}

static int pf_hash_insert(pf_font *pf, uint32_t cp, uint16_t cid)
{
    if ((pf->n_cid + 1) * 2 > pf->h_cap) {
        uint32_t ncap = pf->h_cap ? pf->h_cap * 2 : 256;
        uint32_t *nk = calloc(ncap, sizeof *nk);
        uint16_t *nv = calloc(ncap, sizeof *nv);
        if (!nk || !nv) { free(nk); free(nv); return -1; }
        for (uint32_t j = 0; j < pf->h_cap; j++) {
            if (!pf->h_key[j]) continue;
            uint32_t i = pf_hash(pf->h_key[j] - 1) & (ncap - 1);
            while (nk[i]) i = (i + 1) & (ncap - 1);
            nk[i] = pf->h_key[j];
            nv[i] = pf->h_val[j];
        }
        free(pf->h_key);
        free(pf->h_val);
        pf->h_key = nk;
        pf->h_val = nv;
        pf->h_cap = ncap;
    }
    uint32_t mask = pf->h_cap - 1, i = pf_hash(cp) & mask;
    while (pf->h_key[i]) i = (i + 1) & mask;
    pf->h_key[i] = cp + 1;
    pf->h_val[i] = cid;
    return 0;
}

/* The CID of `cp`, assigning the next one on first use.  0 (.notdef) when the table
 * is full or memory runs out. */
static uint16_t pf_cid_for(pf_font *pf, uint32_t cp)
{
    long found = pf_lookup(pf, cp);
    if (found >= 0) return (uint16_t)found;
    if (pf->n_cid >= PF_MAX_CIDS) return 0;
    if (pf->n_cid == pf->cap_cid) {
        uint32_t ncap = pf->cap_cid * 2;
        if (ncap > PF_MAX_CIDS) ncap = PF_MAX_CIDS;
        uint32_t *a = realloc(pf->cid_cp, ncap * sizeof *a);
        if (!a) return 0;
        pf->cid_cp = a;
        uint32_t *g = realloc(pf->cid_gid, ncap * sizeof *g);
        if (!g) return 0;
        pf->cid_gid = g;
        uint16_t *w = realloc(pf->cid_w, ncap * sizeof *w);
        if (!w) return 0;
        pf->cid_w = w;
        pf->cap_cid = ncap;
    }
    uint16_t cid = (uint16_t)pf->n_cid;
    if (pf_hash_insert(pf, cp, cid) != 0) return 0;
    hb_codepoint_t gid = pf_glyph_of(pf, cp);
    pf->cid_cp[cid] = cp;
    pf->cid_gid[cid] = gid;
    pf->cid_w[cid] = (uint16_t)pf_glyph_width(pf, gid);
    pf->n_cid++;
    return cid;
}

static unsigned pf_width_of(const pf_font *pf, uint32_t cp)
{
    long cid = pf_lookup(pf, cp);
    if (cid >= 0) return pf->cid_w[cid];
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

/* Byte classifier for libharu's per-byte string walkers (HPDF_String_Write): every
 * byte but the one ending a BMP character is TRIAL; a supplementary character's 3rd
 * and 4th bytes are SINGLE and yield its high and low surrogate.  The walker then asks
 * to_unicode, which returns st->unit.  This function must advance *index. */
static HPDF_ByteType pf_u16_classify(pf_u16_state *st, const HPDF_BYTE *text, HPDF_UINT len, HPDF_UINT *index)
{
    HPDF_UINT i = *index;
    if (i == 0) st->seq_len = st->pos = 0;
    if (!text || i >= len) { st->unit = 0xFFFD; (*index)++; return HPDF_BYTE_TYPE_SINGLE; }
    (*index)++;
    if (st->pos >= st->seq_len) { /* a new sequence starts at byte i */
        st->seq_len = (unsigned)pf_utf8_next(text + i, len - i, &st->cp);
        st->pos = 0;
    }
    st->pos++;
    if (st->cp < 0x10000) {
        if (st->pos < st->seq_len) return HPDF_BYTE_TYPE_TRIAL;
        st->unit = (HPDF_UNICODE)st->cp;
        return HPDF_BYTE_TYPE_SINGLE;
    }
    if (st->pos == 3) { st->unit = (HPDF_UNICODE)(0xD800 + ((st->cp - 0x10000) >> 10)); return HPDF_BYTE_TYPE_SINGLE; }
    if (st->pos == 4) { st->unit = (HPDF_UNICODE)(0xDC00 + ((st->cp - 0x10000) & 0x3FF)); return HPDF_BYTE_TYPE_SINGLE; }
    return HPDF_BYTE_TYPE_TRIAL;
}

static HPDF_ByteType pf_font_byte_type(void *ctx, const HPDF_BYTE *text, HPDF_UINT len, HPDF_UINT *index)
{
    return pf_u16_classify(&((pf_font *)ctx)->u16, text, len, index);
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
    pf_buf b = {0};
    HPDF_STATUS ret;
    pf_buf_printf(&b, "/DW %u\012", pf->dw, 0);
    int any = 0;
    for (uint32_t c = 0; c < pf->n_cid;) {
        if (pf->cid_w[c] == pf->dw) { c++; continue; }
        pf_buf_printf(&b, any ? " %u [" : "/W [%u [", c, 0);
        any = 1;
        for (int first = 1; c < pf->n_cid && pf->cid_w[c] != pf->dw; c++, first = 0)
            pf_buf_printf(&b, first ? "%u" : " %u", pf->cid_w[c], 0);
        pf_buf_put(&b, "]", 1);
    }
    if (any) pf_buf_put(&b, "]\012", 2);
    if (b.failed) { free(b.p); return pp_pdfi_error(pf->doc, HPDF_FAILD_TO_ALLOC_MEM, 0, false); }
    ret = pp_pdfi_out_write(out, b.p, b.len);
    free(b.p);
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

static void pf_build_tounicode(const uint32_t *cid_cp, uint32_t n_cid, pf_buf *b)
{
    static const char head[] =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    static const char tail[] =
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n";
    pf_buf_put(b, head, sizeof head - 1);
    for (uint32_t c = 1; c < n_cid;) {
        uint32_t n = n_cid - c < 100 ? n_cid - c : 100;
        pf_buf_printf(b, "%u beginbfchar\n", n, 0);
        for (uint32_t end = c + n; c < end; c++) {
            uint32_t cp = cid_cp[c];
            if (cp < 0x10000) {
                pf_buf_printf(b, "<%04X> <%04X>\n", c, cp);
            } else {
                uint32_t v = cp - 0x10000;
                pf_buf_printf(b, "<%04X> <%04X", c, 0xD800 + (v >> 10));
                pf_buf_printf(b, "%04X>\n", 0xDC00 + (v & 0x3FF), 0);
            }
        }
        pf_buf_put(b, "endbfchar\n", 10);
    }
    pf_buf_put(b, tail, sizeof tail - 1);
}

static void pf_add_drop_tables(hb_subset_input_t *in)
{
    static const char *const drop[] = {
        "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "kerx",
        "vhea", "vmtx", "VORG", "hdmx", "VDMX", "LTSH", "gasp", "DSIG", "meta", "PCLT",
        "fvar", "gvar", "avar", "cvar", "HVAR", "VVAR", "MVAR", "STAT",
        "COLR", "CPAL", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "EBSC", "SVG ",
    };
    hb_set_t *set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(set, hb_tag_from_string(drop[i], 4));
}

/* ---- the font program: no libharu, so it may run on a thread of its own ---------- */

/* Everything a font's save needs that does not touch libharu: the deflated subset,
 * CIDToGIDMap and ToUnicode for CIDs 0..n-1. Inputs are copies (the font's tables
 * may grow while a thread works on them); the same inputs give the same bytes. */
typedef struct pp_pdf_font_job {
    pthread_mutex_t mu;               /* guards state */
    pthread_cond_t done;
    int state;                        /* PF_PENDING, PF_RUNNING, PF_DONE */
    hb_face_t *face;                  /* a reference of its own */
    uint32_t n, *gid, *cp;            /* per CID: original glyph id, code point */
    HPDF_STATUS err, detail;          /* HPDF_OK, or what went wrong */
    unsigned char *font_z, *map_z, *tu_z;
    size_t font_z_len, map_z_len, tu_z_len;
    unsigned font_len;                /* /Length1 */
    size_t glyphs;
    unsigned long long subset_ns, deflate_ns;
} pf_build;   /* pdf_font.h's pp_pdf_font_job */

enum { PF_PENDING, PF_RUNNING, PF_DONE };

static void pf_build_free(pf_build *b)
{
    if (!b) return;
    pthread_mutex_destroy(&b->mu);
    pthread_cond_destroy(&b->done);
    hb_face_destroy(b->face);
    free(b->gid);
    free(b->cp);
    free(b->font_z);
    free(b->map_z);
    free(b->tu_z);
    free(b);
}

static pf_build *pf_build_new(const pf_font *pf)
{
    pf_build *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    if (pthread_mutex_init(&b->mu, NULL) != 0) { free(b); return NULL; }
    if (pthread_cond_init(&b->done, NULL) != 0) { pthread_mutex_destroy(&b->mu); free(b); return NULL; }
    b->n = pf->n_cid;
    b->gid = malloc(b->n * sizeof *b->gid);
    b->cp = malloc(b->n * sizeof *b->cp);
    if (!b->gid || !b->cp) { pf_build_free(b); return NULL; }
    memcpy(b->gid, pf->cid_gid, b->n * sizeof *b->gid);
    memcpy(b->cp, pf->cid_cp, b->n * sizeof *b->cp);
    b->face = hb_face_reference(pf->face);
    return b;
}

/* Deflates data into a new buffer (*out, *out_len); 0 or -1 (out of memory). */
static int pf_deflate(pf_build *b, struct libdeflate_compressor *z, const void *data, size_t len,
                      unsigned char **out, size_t *out_len)
{
    size_t cap = libdeflate_zlib_compress_bound(z, len);
    *out = malloc(cap);
    if (!*out) return -1;
    unsigned long long t0 = (unsigned long long)(pp_now_ms() * 1e6);
    *out_len = libdeflate_zlib_compress(z, data, len, *out, cap);
    b->deflate_ns += (unsigned long long)(pp_now_ms() * 1e6) - t0;
    return *out_len ? 0 : -1;
}

static void pf_build_run(pf_build *b)
{
    hb_subset_input_t *in = NULL;
    hb_subset_plan_t *plan = NULL;
    hb_face_t *sub = NULL;
    hb_blob_t *blob = NULL;
    struct libdeflate_compressor *z = NULL;
    unsigned char *map = NULL;
    pf_buf tu = {0};

    /* 1. subset of the glyphs used (glyph 0 always kept) */
    in = hb_subset_input_create_or_fail();
    if (!in) goto nomem;
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    for (uint32_t c = 0; c < b->n; c++) hb_set_add(glyphs, b->gid[c]);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    pf_add_drop_tables(in);
    unsigned long long t0 = (unsigned long long)(pp_now_ms() * 1e6);
    plan = hb_subset_plan_create_or_fail(b->face, in);
    if (plan) sub = hb_subset_plan_execute_or_fail(plan);
    b->subset_ns += (unsigned long long)(pp_now_ms() * 1e6) - t0;
    if (!sub) { b->err = HPDF_TTF_INVALID_FOMAT; b->detail = 1; goto out; }
    const hb_map_t *old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
    blob = hb_face_reference_blob(sub);
    unsigned font_len = 0;
    const char *font_data = hb_blob_get_data(blob, &font_len);
    if (!font_data || !font_len) { b->err = HPDF_TTF_INVALID_FOMAT; b->detail = 2; goto out; }
    z = libdeflate_alloc_compressor(PP_PDF_FONT_DEFLATE_LEVEL);
    if (!z || pf_deflate(b, z, font_data, font_len, &b->font_z, &b->font_z_len) != 0) goto nomem;
    b->font_len = font_len;
    b->glyphs = hb_face_get_glyph_count(sub);

    /* 2. CIDToGIDMap: big-endian new glyph id per CID; glyph ids read from the plan */
    map = malloc((size_t)b->n * 2);
    if (!map) goto nomem;
    for (uint32_t c = 0; c < b->n; c++) {
        hb_codepoint_t g = hb_map_get(old_to_new, b->gid[c]);
        if (g == HB_MAP_VALUE_INVALID || b->gid[c] == 0) g = 0;
        map[2 * c] = (unsigned char)(g >> 8);
        map[2 * c + 1] = (unsigned char)(g & 0xFF);
    }
    if (pf_deflate(b, z, map, (size_t)b->n * 2, &b->map_z, &b->map_z_len) != 0) goto nomem;

    /* 3. ToUnicode */
    pf_build_tounicode(b->cp, b->n, &tu);
    if (tu.failed || pf_deflate(b, z, tu.p, tu.len, &b->tu_z, &b->tu_z_len) != 0) goto nomem;
    goto out;
nomem:
    b->err = HPDF_FAILD_TO_ALLOC_MEM;
    b->detail = 0;
out:
    free(tu.p);
    free(map);
    libdeflate_free_compressor(z);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(in);
}

/* Runs the build here unless another thread has it; then waits until it is done.
 * Returns the nanoseconds spent waiting for another thread. */
static unsigned long long pf_build_finish(pf_build *b)
{
    unsigned long long waited = 0;
    pthread_mutex_lock(&b->mu);
    if (b->state == PF_PENDING) {
        b->state = PF_RUNNING;
        pthread_mutex_unlock(&b->mu);
        pf_build_run(b);
        pthread_mutex_lock(&b->mu);
        b->state = PF_DONE;
        pthread_cond_broadcast(&b->done);
    } else if (b->state == PF_RUNNING) {
        unsigned long long t0 = (unsigned long long)(pp_now_ms() * 1e6);
        while (b->state != PF_DONE) pthread_cond_wait(&b->done, &b->mu);
        waited = (unsigned long long)(pp_now_ms() * 1e6) - t0;
    }
    pthread_mutex_unlock(&b->mu);
    return waited;
}

/* The font's deferred build, finished (by this thread if nobody started it). */
static void pf_join(pf_font *pf)
{
    if (pf->job) pf->stats.wait_ns += pf_build_finish(pf->job);
}

/* /DW = the most frequent width among the used CIDs (written by pf_write_widths). */
static HPDF_STATUS pf_choose_dw(pf_font *pf)
{
    uint32_t best = 0, best_n = 0;
    uint32_t *count = calloc(65536, sizeof *count);
    if (!count) return pp_pdfi_error(pf->doc, HPDF_FAILD_TO_ALLOC_MEM, 0, false);
    for (uint32_t c = pf->n_cid > 1 ? 1 : 0; c < pf->n_cid; c++) {
        uint32_t n = ++count[pf->cid_w[c]];
        if (n > best_n || (n == best_n && pf->cid_w[c] < best)) { best = pf->cid_w[c]; best_n = n; }
    }
    free(count);
    pf->dw = best;
    return HPDF_OK;
}

/* Puts a build's bytes into the font's streams. */
static HPDF_STATUS pf_install(pf_font *pf, const pf_build *b)
{
    HPDF_STATUS ret;
    if ((ret = pp_pdfi_stream_set(pf->fontfile, b->font_z, b->font_z_len)) != HPDF_OK) return ret;
    if ((ret = (HPDF_STATUS)pp_pdfi_put_int(pf->fontfile, "Length1", (long)b->font_len)) != HPDF_OK) return ret;
    if ((ret = pp_pdfi_stream_set(pf->cidtogid, b->map_z, b->map_z_len)) != HPDF_OK) return ret;
    if ((ret = pp_pdfi_stream_set(pf->tounicode, b->tu_z, b->tu_z_len)) != HPDF_OK) return ret;
    pf->stats.glyph_bytes = b->font_z_len; /* what the file holds now; times accumulate */
    pf->stats.glyphs = b->glyphs;
    pf->n_final = pf->n_cid;
    return HPDF_OK;
}

/* Fills subset, CIDToGIDMap, /W data and ToUnicode for the CIDs used so far, from
 * the thread's build when it covers them all, else built here. Idempotent; runs
 * again only when new code points were drawn since. */
static HPDF_STATUS pf_finalise(pf_font *pf)
{
    HPDF_STATUS ret = HPDF_OK;
    if (!pf->ready || (pf->n_final && pf->n_final == pf->n_cid)) return HPDF_OK;
    if (pf->late_state == PF_LATE_WAITING) return HPDF_OK;   /* this save already left them */
    if (pf->late && pf->job && pf->job->n == pf->n_cid) {
        /* the three streams stay empty in this save: pp_pdf_font_late fills them */
        pf->late = 0;
        pf->late_state = PF_LATE_WAITING;
        return pf_choose_dw(pf);
    }

    /* the deferred job's bytes when it covers every CID; it stays attached to the font
     * (another thread may still be leaving pf_build_finish) until pf_font_destroy */
    pf_build *b = pf->job, *own = NULL;
    if (b && b->n == pf->n_cid) {
        pf_join(pf);
    } else {
        if (b) {   /* code points first drawn after pp_pdf_font_defer: not worth running now */
            pthread_mutex_lock(&b->mu);
            if (b->state == PF_PENDING) b->state = PF_DONE;
            pthread_mutex_unlock(&b->mu);
        }
        b = own = pf_build_new(pf);
        if (!b) return pp_pdfi_error(pf->doc, HPDF_FAILD_TO_ALLOC_MEM, 0, false);
        pf_build_run(b);
    }
    pf->late_state = 0;
    pf->stats.subset_ns += b->subset_ns;
    pf->stats.deflate_ns += b->deflate_ns;
    b->subset_ns = b->deflate_ns = 0;   /* counted */
    if (b->err) ret = pp_pdfi_error(pf->doc, b->err, b->detail, false);
    else if ((ret = pf_install(pf, b)) == HPDF_OK) ret = pf_choose_dw(pf);
    pf_build_free(own);
    return ret;
}

static HPDF_STATUS pf_before_write(void *ctx)
{
    pf_font *pf = ctx;
    return pf ? pf_finalise(pf) : HPDF_OK;
}

static void pf_font_destroy(pf_font *pf)
{
    if (!pf) return;
    if (pf->job) {   /* a build never started is not worth running; a running one is waited for */
        pthread_mutex_lock(&pf->job->mu);
        if (pf->job->state == PF_PENDING) pf->job->state = PF_DONE;
        pthread_mutex_unlock(&pf->job->mu);
        pf_build_finish(pf->job);
    }
    pf_build_free(pf->job);
    hb_font_destroy(pf->hb);
    free(pf->cid_cp);
    free(pf->cid_gid);
    free(pf->cid_w);
    free(pf->h_key);
    free(pf->h_val);
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

    if (hl < 54 || hb_blob_get_length(glyf) == 0 || pf->upem == 0 ||
        hb_face_get_glyph_count(face) == 0) {
        err = HPDF_UNSUPPORTED_FONT_TYPE; /* not a TrueType-outline (glyf) face */
        goto out;
    }
    if (ol >= 10) {
        uint16_t fs_type = pf_be16(o + 8);
        if ((fs_type & 0x000F) == 0x0002 || (fs_type & 0x0200)) {
            err = HPDF_TTF_CANNOT_EMBEDDING_FONT; /* restricted, or bitmap-only embedding */
            goto out;
        }
    }
    d->bbox[0] = (HPDF_REAL)pf_scale_signed(pf, pf_bes16(h + 36));   /* left, bottom, right, top */
    d->bbox[1] = (HPDF_REAL)pf_scale_signed(pf, pf_bes16(h + 38));
    d->bbox[2] = (HPDF_REAL)pf_scale_signed(pf, pf_bes16(h + 40));
    d->bbox[3] = (HPDF_REAL)pf_scale_signed(pf, pf_bes16(h + 42));
    if (!hb_ot_metrics_get_position(pf->hb, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc))
        asc = pf_bes16(h + 42);
    if (!hb_ot_metrics_get_position(pf->hb, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc))
        desc = pf_bes16(h + 38);
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
    if (pl >= 16) {
        italic = (int32_t)pf_be32(p + 4) / 65536.0;
        fixed = pf_be32(p + 12) != 0;
    }
    d->italic_angle = (HPDF_INT16)(italic < 0 ? italic - 0.5 : italic + 0.5);
    unsigned weight = ol >= 6 ? pf_be16(o + 4) : 400;
    if (weight < 100 || weight > 900) weight = 400;
    d->stemv = (HPDF_UINT16)(10 + 220 * (weight - 50) / 900); /* usual estimate */
    unsigned family = ol >= 32 ? (unsigned)(pf_be16(o + 30) >> 8) : 0;
    d->flags = HPDF_FONT_SYMBOLIC; /* CID fonts: glyphs outside the standard Latin set */
    if (fixed) d->flags |= HPDF_FONT_FIXED_WIDTH;
    if (family >= 1 && family <= 7) d->flags |= HPDF_FONT_SERIF;
    if (italic != 0 || (pf_be16(h + 44) & 2)) d->flags |= HPDF_FONT_ITALIC;
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
    pf->cap_cid = 256;
    pf->cid_cp = malloc(pf->cap_cid * sizeof *pf->cid_cp);
    pf->cid_gid = malloc(pf->cap_cid * sizeof *pf->cid_gid);
    pf->cid_w = malloc(pf->cap_cid * sizeof *pf->cid_w);
    if (!pf->cid_cp || !pf->cid_gid || !pf->cid_w || pf->hb == hb_font_get_empty()) {
        pf_font_destroy(pf);
        pp_pdfi_error(doc, HPDF_FAILD_TO_ALLOC_MEM, 0, true);
        return NULL;
    }
    if ((st = pf_read_metrics(pf)) != HPDF_OK) {
        pf_font_destroy(pf);
        pp_pdfi_error(doc, st, 0, true);
        return NULL;
    }
    pf->n_cid = 1; /* CID 0 = .notdef */
    pf->cid_cp[0] = 0;
    pf->cid_gid[0] = 0;
    pf->cid_w[0] = (uint16_t)pf->m.missing_width;

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
    const pf_font *pf = pf_of(font);
    unsigned w = 0;
    if (!pf || !text) return 0;
    for (size_t i = 0; i < len && text[i];) {
        uint32_t cp;
        i += pf_utf8_next((const unsigned char *)text + i, len - i, &cp);
        w += pf_width_of(pf, cp);
    }
    return w;
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
    return pf ? pf->n_cid : 0;
}

pp_pdf_font_job *pp_pdf_font_defer(HPDF_Font font, int late)
{
    pf_font *pf = pf_of(font);
    if (!pf || !pf->ready || pf->job) return NULL;
    pf->job = pf_build_new(pf);
    pf->late = pf->job ? late : 0;
    return pf->job;
}

void pp_pdf_font_job_run(pp_pdf_font_job *job)
{
    if (job) pf_build_finish(job);
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
        pf_join(pf);
        pf_build *b = pf->job;
        if (!b || b->n != pf->n_cid) { pp_pdfi_error(pf->doc, HPDF_INVALID_OPERATION, 0, true); return -1; }
        pf->stats.subset_ns += b->subset_ns;
        pf->stats.deflate_ns += b->deflate_ns;
        b->subset_ns = b->deflate_ns = 0;   /* counted */
        if (b->err) { pp_pdfi_error(pf->doc, b->err, b->detail, true); return -1; }
        pf->stats.glyph_bytes = b->font_z_len;
        pf->stats.glyphs = b->glyphs;
        /* n_final stays 0: a later save puts the bytes into the streams (pf_finalise) */
        pf->late_state = PF_LATE_DONE;
    }
    const pf_build *b = pf->job;
    *length1 = -1;
    if (obj == pp_pdfi_obj_num(pf->fontfile)) {
        *data = b->font_z;
        *len = b->font_z_len;
        *length1 = b->font_len;
    } else if (obj == pp_pdfi_obj_num(pf->cidtogid)) {
        *data = b->map_z;
        *len = b->map_z_len;
    } else if (obj == pp_pdfi_obj_num(pf->tounicode)) {
        *data = b->tu_z;
        *len = b->tu_z_len;
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

/* ------------------------------------------------------------------------------ */
/* UTF-16 string encoder                                                           */
/* ------------------------------------------------------------------------------ */

#define PF_U16_NAME "PP-UTF16"

/* ctx: a pf_u16_state allocated with the encoder (pp_pdfi_encoder_register). */
static HPDF_ByteType pf_u16_byte_type(void *ctx, const HPDF_BYTE *text, HPDF_UINT len, HPDF_UINT *index)
{
    return pf_u16_classify(ctx, text, len, index);
}

static HPDF_UNICODE pf_u16_to_unicode(void *ctx, HPDF_UINT16 code)
{
    (void)code;
    return ((const pf_u16_state *)ctx)->unit;
}

static const pp_pdfi_encoder_fns pf_u16_fns = {
    .byte_type = pf_u16_byte_type,
    .to_unicode = pf_u16_to_unicode,
    .encode_text = NULL,   /* strings only */
};

HPDF_Encoder pp_pdf_utf16_encoder(HPDF_Doc doc)
{
    if (!HPDF_HasDoc(doc)) return NULL;
    HPDF_Encoder found = pp_pdfi_encoder_find(doc, PF_U16_NAME);
    if (found) return found;
    return pp_pdfi_encoder_register(doc, PF_U16_NAME, &pf_u16_fns, sizeof(pf_u16_state));
}

HPDF_STATUS pp_pdf_set_info_utf8(HPDF_Doc doc, HPDF_InfoType type, const char *utf8)
{
    HPDF_Encoder enc = pp_pdf_utf16_encoder(doc);
    if (!enc) return HPDF_HasDoc(doc) ? HPDF_GetError(doc) : HPDF_INVALID_DOCUMENT;
    return pp_pdfi_set_info(doc, type, utf8, enc);
}
