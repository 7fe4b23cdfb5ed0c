#define _POSIX_C_SOURCE 200809L
#include "pdf_write.h"
#include "clock.h"
#include "buf.h"
#include "pdf_early.h"
#include "pdf_font.h"
#include "pdf_internal.h"
#include "pdf_meta.h"
#include "pdf_pack.h"
#include "pdf_struct.h"
#include "xalloc.h"
#include <errno.h>
#include <hpdf.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* libharu's error handler only records: the writer checks once per stage
 * (a sticky error, like a HarfBuzz buffer's). */
typedef struct werr { HPDF_STATUS no, detail; } werr;

static void on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
    werr *e = data;
    if (!e->no) { e->no = no; e->detail = detail; }
}

/* What was drawn, for the document ID: positions in 1/1000 pt, so the digest
 * is the same wherever the same pages are made. */
static void digest_long(pp_md5 *c, long v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)((unsigned long)v >> (8 * i));
    pp_md5_update(c, b, sizeof b);
}

static void digest_pt(pp_md5 *c, double v) { digest_long(c, lround(v * 1000)); }

static void digest_page(pp_md5 *c, const pp_page *pg)
{
    for (size_t i = 0; i < pg->nfills; i++) {
        const pp_fill *f = &pg->fills[i];
        digest_pt(c, f->x); digest_pt(c, f->y); digest_pt(c, f->w); digest_pt(c, f->h); digest_pt(c, f->gray);
    }
    for (size_t i = 0; i < pg->nrules; i++) {
        const pp_rule *r = &pg->rules[i];
        digest_pt(c, r->x0); digest_pt(c, r->y0); digest_pt(c, r->x1); digest_pt(c, r->y1); digest_pt(c, r->width);
    }
    for (size_t i = 0; i < pg->nruns; i++) {
        const pp_run *r = &pg->runs[i];
        digest_long(c, r->face);
        digest_long(c, (long)r->role * 4 + r->artifact * 2 + r->label);
        digest_pt(c, r->size); digest_pt(c, r->x); digest_pt(c, r->y); digest_pt(c, r->char_space);
        pp_md5_update(c, r->text, strlen(r->text) + 1);
    }
    digest_long(c, -1);
}

/* *tag_ms accumulates the time spent tagging (marked content, structure elements). */
static void draw_page(HPDF_Doc pdf, HPDF_Page page, const pp_page *pg, HPDF_Font *fonts, pp_fonts *pf,
                      unsigned *seed, pp_tagger *tg, double *tag_ms)
{
    double t0 = tg ? pp_now_ms() : 0;
    if (tg) pp_tagger_begin_page(tg, page);
    if (tg) *tag_ms += pp_now_ms() - t0;
    /* shading under everything, then rules, then text; all of it page furniture */
    if (tg && (pg->nfills || pg->nrules)) pp_tagger_layout_artifact(tg, true);
    for (size_t i = 0; i < pg->nfills; i++) {
        const pp_fill *f = &pg->fills[i];
        HPDF_Page_SetGrayFill(page, (HPDF_REAL)f->gray);
        HPDF_Page_Rectangle(page, (HPDF_REAL)f->x, (HPDF_REAL)f->y, (HPDF_REAL)f->w, (HPDF_REAL)f->h);
        HPDF_Page_Fill(page);
    }
    if (pg->nrules) {
        HPDF_Page_SetGrayStroke(page, 0);
        HPDF_Page_SetLineWidth(page, (HPDF_REAL)pg->rules[0].width);
        for (size_t i = 0; i < pg->nrules; i++) {
            const pp_rule *r = &pg->rules[i];
            HPDF_Page_MoveTo(page, (HPDF_REAL)r->x0, (HPDF_REAL)r->y0);
            HPDF_Page_LineTo(page, (HPDF_REAL)r->x1, (HPDF_REAL)r->y1);
        }
        HPDF_Page_Stroke(page);
    }
    if (tg && (pg->nfills || pg->nrules)) pp_tagger_layout_artifact(tg, false);
    if (!pg->nruns) return;
    HPDF_Page_SetGrayFill(page, 0);
    HPDF_Page_BeginText(page);
    int cur_face = -1;
    double cur_size = 0, cur_tc = 0;
    for (size_t i = 0; i < pg->nruns; i++) {
        const pp_run *r = &pg->runs[i];
        if (!fonts[r->face]) {
            pp_face *face = pp_fonts_face(pf, r->face);
            fonts[r->face] = pp_pdf_font_new(pdf, pp_face_hb(face), pp_face_psname(face), (*seed)++);
            if (!fonts[r->face]) continue;
        }
        if (tg) {
            t0 = pp_now_ms();
            pp_tagger_run(tg, r);
            *tag_ms += pp_now_ms() - t0;
        }
        if (r->face != cur_face || r->size != cur_size) {
            HPDF_Page_SetFontAndSize(page, fonts[r->face], (HPDF_REAL)r->size);
            cur_face = r->face;
            cur_size = r->size;
        }
        if (r->char_space != cur_tc) {
            HPDF_Page_SetCharSpace(page, (HPDF_REAL)r->char_space);
            cur_tc = r->char_space;
        }
        HPDF_Page_TextOut(page, (HPDF_REAL)r->x, (HPDF_REAL)r->y, r->text);
    }
    if (tg) pp_tagger_end_text(tg);
    HPDF_Page_EndText(page);
}

/* Every code point is known before anything is drawn (the pages are laid out): the
 * fonts get their CIDs here, in drawing order (so the same as drawing would give).
 * Returns the font with the most CIDs (NULL: none). */
static HPDF_Font prepare_fonts(HPDF_Doc pdf, const pp_pages *pages, HPDF_Font *fonts, size_t nfonts,
                                      pp_fonts *pf, unsigned *seed)
{
    HPDF_Font big = NULL;
    for (size_t i = 0; i < pages->n; i++) {
        const pp_page *pg = &pages->v[i];
        for (size_t k = 0; k < pg->nruns; k++) {
            const pp_run *r = &pg->runs[k];
            if (!fonts[r->face]) {
                pp_face *face = pp_fonts_face(pf, r->face);
                fonts[r->face] = pp_pdf_font_new(pdf, pp_face_hb(face), pp_face_psname(face), (*seed)++);
                if (!fonts[r->face]) continue;
            }
            pp_pdf_font_use(fonts[r->face], r->text, strlen(r->text));
        }
    }
    for (size_t f = 0; f < nfonts; f++)
        if (fonts[f] && (!big || pp_pdf_font_cids(fonts[f]) > pp_pdf_font_cids(big))) big = fonts[f];
    return big;
}

/* The links layout placed (a table of contents' entries), once every page exists. */
static void add_links(HPDF_Doc pdf, const pp_pages *pages, HPDF_Page *hp)
{
    (void)pdf;
    for (size_t i = 0; i < pages->n; i++) {
        const pp_page *pg = &pages->v[i];
        for (size_t k = 0; k < pg->nlinks; k++) {
            const pp_link *l = &pg->links[k];
            if (l->page < 0 || (size_t)l->page >= pages->n) continue;
            HPDF_Rect r = { (HPDF_REAL)l->x0, (HPDF_REAL)l->y0, (HPDF_REAL)l->x1, (HPDF_REAL)l->y1 };
            HPDF_Destination dst = HPDF_Page_CreateDestination(hp[l->page]);
            HPDF_Destination_SetFitH(dst, (HPDF_REAL)(pages->v[l->page].height - l->y + 4));
            HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(hp[i], r, dst);
            if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        }
    }
}

static void add_outline(HPDF_Doc pdf, const pp_pages *pages, HPDF_Page *hp)
{
    HPDF_Encoder enc = pp_pdfi_utf16_encoder(pdf);
    HPDF_Outline parents[8] = { 0 };
    for (size_t i = 0; i < pages->nmarks; i++) {
        const pp_mark *m = &pages->marks[i];
        if (m->page < 0 || (size_t)m->page >= pages->n) continue;
        int lv = m->level < 1 ? 1 : m->level > 7 ? 7 : m->level;
        HPDF_Outline parent = NULL;
        for (int k = lv - 1; k >= 1 && !parent; k--) parent = parents[k];
        HPDF_Outline o = HPDF_CreateOutline(pdf, parent, m->title, enc);
        if (!o) continue;
        HPDF_Destination dst = HPDF_Page_CreateDestination(hp[m->page]);
        /* libharu 2.3.0 refuses an XYZ zoom of 0 ("keep"): fit the width at the heading */
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(pages->v[m->page].height - m->y + 4));
        HPDF_Outline_SetDestination(o, dst);
        HPDF_Outline_SetOpened(o, HPDF_TRUE);
        parents[lv] = o;
        for (int k = lv + 1; k < 8; k++) parents[k] = NULL;
    }
}

/* The font streams a save left empty (pp_pdf_font_defer's late ones), for pdf_pack. */
typedef struct late_fonts {
    unsigned long *obj;
    HPDF_Font *font;
    size_t n;
    double ms;          /* inside pp_pdf_font_late: waiting for (or making) the font */
} late_fonts;

static int late_fn(void *ctx, unsigned long obj, pp_pack_late *out)
{
    late_fonts *l = ctx;
    for (size_t i = 0; i < l->n; i++) {
        if (l->obj[i] != obj) continue;
        long length1 = -1;
        double t0 = pp_now_ms();
        int rc = pp_pdf_font_late(l->font[i], obj, &out->data, &out->len, &length1);
        l->ms += pp_now_ms() - t0;
        if (rc != 0) return -1;
        out->set_key = length1 >= 0 ? "/Length1" : NULL;
        out->set_value = length1;
        return 0;
    }
    return -1;
}

/* libharu's bytes, packed (pdf_pack), appended to out. */
static int save(HPDF_Doc pdf, const HPDF_Font *fonts, size_t nfonts, const werr *e,
                pp_loc at, pp_diag *d, pp_buf *out, double *pack_ms)
{
    unsigned char *raw = NULL, *packed = NULL;
    size_t raw_len = 0, packed_len = 0;
    if (pp_pdfi_save_mem(pdf, &raw, &raw_len) != 0 || e->no) {
        pp_msg(d, at, PDF_LIBHARU, (unsigned)e->no, (unsigned)e->detail);
        free(raw);
        return -1;
    }
    late_fonts late = { .obj = pp_xcalloc(3 * nfonts + 1, sizeof *late.obj),
                        .font = pp_xcalloc(3 * nfonts + 1, sizeof *late.font) };
    for (size_t i = 0; i < nfonts; i++) {
        unsigned long obj[3];
        size_t k = fonts[i] ? pp_pdf_font_late_objects(fonts[i], obj) : 0;
        for (size_t j = 0; j < k; j++) {
            late.obj[late.n] = obj[j];
            late.font[late.n++] = fonts[i];
        }
    }
    pp_pack_opts po = pp_pack_defaults;
    po.late = late.obj;
    po.nlate = late.n;
    po.late_fn = late_fn;
    po.late_ctx = &late;
    double t0 = pp_now_ms();
    const char *why = NULL;
    int rc = pp_pdf_pack(raw, raw_len, &po, &packed, &packed_len, NULL, &why);
    *pack_ms = pp_now_ms() - t0 - late.ms;
    free(raw);
    free(late.obj);
    free(late.font);
    if (rc != 0 && e->no) {   /* a font could not be made (its thread's error) */
        pp_msg(d, at, PDF_LIBHARU, (unsigned)e->no, (unsigned)e->detail);
        return -1;
    }
    if (rc != 0) {
        pp_msg(d, at, PDF_PACK, why);
        return -1;
    }
    if (out->len == 0) {   /* the usual case: take the bytes over instead of copying 600 KB */
        pp_buf_release(out);
        out->data = (char *)packed;
        out->len = packed_len;
        out->cap = packed_len + 1;   /* pp_pdf_pack leaves a NUL after them */
    } else {
        pp_buf_put(out, packed, packed_len);
        free(packed);
    }
    return 0;
}

/* Everything after the fonts are prepared: pages, tags, outline, metadata, the save.
 * pp_pdf_write runs it on a second thread while it makes the largest font itself. */
typedef struct body {
    HPDF_Doc pdf;
    werr *e;
    const pp_pages *pages;
    pp_fonts *fonts;
    const pp_doc *doc;
    pp_loc at;                /* where messages point */
    pp_buf *out;
    pp_diag *d;
    HPDF_Font *hf;
    size_t nhf;
    HPDF_Page *hp;
    unsigned *seed;
    pp_tagger *tg;
    pp_meta_opts *mo;
    int errors0;
    double tag_ms, pack_ms;   /* out */
    int rc;                   /* out: 0 when the PDF is in place */
} body;

static void write_body(body *b)
{
    HPDF_Doc pdf = b->pdf;
    const pp_pages *pages = b->pages;
    pp_diag *d = b->d;
    double t0;
    pp_md5 digest;
    pp_md5_init(&digest);
    digest_pt(&digest, pages->width);
    digest_pt(&digest, pages->height);
    for (size_t i = 0; i < pages->n && !b->e->no; i++) {
        b->hp[i] = HPDF_AddPage(pdf);
        /* a landscape page in a portrait document has its own size */
        HPDF_Page_SetWidth(b->hp[i], (HPDF_REAL)pages->v[i].width);
        HPDF_Page_SetHeight(b->hp[i], (HPDF_REAL)pages->v[i].height);
        draw_page(pdf, b->hp[i], &pages->v[i], b->hf, b->fonts, b->seed, b->tg, &b->tag_ms);
        digest_page(&digest, &pages->v[i]);
    }
    for (size_t i = 0; i < pages->nmarks; i++) {
        const pp_mark *m = &pages->marks[i];
        digest_long(&digest, m->level);
        digest_long(&digest, m->page);
        digest_pt(&digest, m->y);
        pp_md5_update(&digest, m->title, strlen(m->title) + 1);
    }
    for (int i = 0, nf = pp_fonts_count(b->fonts); i < nf; i++) {
        const char *ps = pp_face_psname(pp_fonts_face(b->fonts, i));
        if (ps) pp_md5_update(&digest, ps, strlen(ps) + 1);
    }
    pp_md5_final(&digest, b->mo->digest);
    t0 = pp_now_ms();
    if (!b->e->no && b->tg && pp_tagger_finish(b->tg) != 0 && !b->e->no)
        pp_msg(d, b->at, PDF_STRUCT);
    b->tag_ms += pp_now_ms() - t0;
    if (!b->e->no) {
        add_outline(pdf, pages, b->hp);
        add_links(pdf, pages, b->hp);
        if (pages->n) HPDF_SetOpenAction(pdf, HPDF_Page_CreateDestination(b->hp[0]));
        pp_pdf_meta(pdf, b->doc, b->mo, d);
    }

    b->rc = -1;
    if (d->errors != b->errors0) {
        /* the message is out already */
    } else if (b->e->no) {
        pp_msg(d, b->at, PDF_LIBHARU, (unsigned)b->e->no, (unsigned)b->e->detail);
    } else {
        b->rc = save(pdf, b->hf, b->nhf, b->e, b->at, d, b->out, &b->pack_ms);
    }
}

static void *body_thread(void *arg)
{
    write_body(arg);
    return NULL;
}

int pp_pdf_write(const pp_pages *pages, pp_fonts *fonts, const pp_doc *doc,
                 const pp_write_opts *o, pp_buf *out, pp_diag *d, pp_write_stats *stats)
{
    static const pp_write_opts defaults = { 0 };
    if (!o) o = &defaults;
    if (stats) memset(stats, 0, sizeof *stats);
    pp_icc icc = { 0 };
    if (o->pdfa && pp_icc_load(&icc, d) != 0) return -1;
    werr e = { 0 };
    HPDF_Doc pdf = HPDF_New(on_error, &e);
    if (!pdf) {
        pp_msg(d, PP_NOWHERE, PDF_CREATE);
        pp_icc_free(&icc);
        return -1;
    }
    /* libharu leaves its streams raw: pdf_pack deflates them with libdeflate (faster
     * than libharu's zlib at the same ratio) */
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
    HPDF_UseUTFEncodings(pdf);
    size_t nhf = (size_t)pp_fonts_count(fonts) + PP_MAX_FACES;
    HPDF_Font *hf = pp_xcalloc(nhf, sizeof *hf);
    HPDF_Page *hp = pp_xcalloc(pages->n + 1, sizeof *hp);
    unsigned seed = 0;
    double t0 = pp_now_ms();
    pp_tagger *tg = o->untagged ? NULL : pp_tagger_new(pdf);
    pp_meta_opts mo = { .tagged = tg != NULL, .pdfa = o->pdfa ? &icc : NULL, .has_outline = pages->nmarks > 0 };
    size_t start = out->len;
    body b = { .pdf = pdf, .e = &e, .pages = pages, .fonts = fonts, .doc = doc,
               .at = PP_LOC(o->name, 0, 0), .out = out, .d = d,
               .hf = hf, .nhf = nhf, .hp = hp, .seed = &seed, .tg = tg, .mo = &mo, .errors0 = d->errors,
               .tag_ms = pp_now_ms() - t0, .rc = -1 };
    HPDF_Font big = prepare_fonts(pdf, pages, hf, nhf, fonts, &seed);
    int early = pp_pdf_early_face(o->early);
    pp_subset *job = NULL;
    pthread_t th;
    /* the programs readied after lowering: the largest face's is being made since
     * (its thread, or the save); the others' are used when they are exactly the
     * glyphs drawn (a superset would change their bytes) */
    for (size_t f = 0; early >= 0 && f < nhf && f < PP_MAX_FACES; f++)
        if (hf[f] && (int)f != early && pp_pdf_early_job(o->early, (int)f))
            pp_pdf_font_adopt(hf[f], pp_pdf_early_job(o->early, (int)f), 0, 1);
    if (early >= 0 && (size_t)early < nhf && hf[early] &&
        pp_pdf_font_adopt(hf[early], pp_pdf_early_job(o->early, early), 1, 0) == 0) {
        write_body(&b);
    } else if ((job = big ? pp_pdf_font_defer(big, 1) : NULL) && !o->one_thread &&
               pthread_create(&th, NULL, body_thread, &b) == 0) {
        /* the largest font's subset + deflate (the longest task) stays on this thread,
         * which keeps the CPU it has; the document is written meanwhile on the new one */
        pp_subset_run(job);
        pthread_join(th, NULL);
    } else {
        write_body(&b);   /* the save makes the font itself */
    }
    int rc = b.rc;
    if (stats) {
        pp_pdf_font_stats fs;
        stats->tag_ms = b.tag_ms;
        stats->pack_ms = b.pack_ms;
        pp_pdf_font_get_stats(pdf, &fs);
        stats->glyph_bytes = fs.glyph_bytes;
        stats->subset_ms = fs.subset_ns / 1e6;
        stats->deflate_ms = fs.deflate_ns / 1e6;
        stats->wait_ms = fs.wait_ns / 1e6;
        if (rc == 0) stats->bytes = out->len - start;
    }
    if (rc != 0) out->len = start;
    HPDF_Free(pdf);
    pp_tagger_free(tg);
    pp_icc_free(&icc);
    free(hf);
    free(hp);
    return rc == 0 ? 0 : -1;
}
