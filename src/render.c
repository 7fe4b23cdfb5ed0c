#define _POSIX_C_SOURCE 200809L
#include "render.h"
#include "clock.h"
#include "colwidths.h"
#include "dump.h"
#include "fonts.h"
#include "glyphs.h"
#include "input.h"
#include "layout.h"
#include "lower.h"
#include "odf.h"
#include "output.h"
#include "pdf_early.h"
#include "pdf_write.h"
#include "plan_match.h"
#include "resolve.h"
#include "rules.h"
#include "template.h"
#include "xalloc.h"
#include "xml_read.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Builds that check for leaks free everything, always. */
#if defined(__SANITIZE_ADDRESS__)
#define PP_LEAK_CHECK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define PP_LEAK_CHECK 1
#endif
#endif
#ifndef PP_LEAK_CHECK
#define PP_LEAK_CHECK 0
#endif

typedef enum { ST_NEW, ST_READ, ST_CHECKED, ST_LAID_OUT, ST_FAILED } render_stage;

struct pp_render {
    const pp_render_opts *o;
    pp_diag *d;
    render_stage at;
    pp_doc *doc;
    pp_template *t;
    pp_fonts *fonts;         /* owned unless kept across renders (o->keep_fonts) */
    pp_blocks blocks;
    pp_pages pages;
    int missing_glyphs;      /* characters no installed font has (PDF/A refuses them) */
    pp_pdf_early *early;     /* the largest font's program, started after lowering */
    pp_render_stats stats;
};

/* Faces kept across renders with one template (a batch worker is one process
 * rendering one document after another). */
static pp_fonts *kept;
static char *kept_template;

static pp_fonts *kept_fonts(const pp_template *t, pp_diag *d)
{
    if (kept && strcmp(kept_template, t->path) == 0) return kept;
    pp_render_release_fonts();
    kept = pp_fonts_open(t, d);
    if (kept) kept_template = pp_xstrdup(t->path);
    return kept;
}

void pp_render_release_fonts(void)
{
    pp_fonts_free(kept);
    free(kept_template);
    kept = NULL;
    kept_template = NULL;
}

/* Copies UTF-8 text into a fixed field, never cutting a character in two. */
static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
    }
    if (n) memcpy(dst, src, n);
    dst[n] = 0;
}

pp_render *pp_render_new(const pp_render_opts *o, pp_diag *d)
{
    static const pp_render_opts defaults = { 0 };
    pp_render *r = pp_xcalloc(1, sizeof *r);
    r->o = o ? o : &defaults;
    r->d = d;
    return r;
}

void pp_render_free(pp_render *r)
{
    if (!r) return;
    pp_pdf_early_free(r->early);   /* before the faces it is made from */
    pp_pages_release(&r->pages);
    pp_blocks_release(&r->blocks);
    if (r->fonts != kept) pp_fonts_free(r->fonts);
    pp_template_free(r->t);
    pp_doc_free(r->doc);
    free(r);
}

/* The source schema's path, or NULL after a message when the templates folder is missing. */
static const char *schema_path(pp_diag *d)
{
    static char path[PATH_MAX + 16];
    const char *dir = pp_template_dir(d);
    if (!dir) return NULL;
    snprintf(path, sizeof path, "%s/document.rng", dir);
    return path;
}

/* In debug builds (and the fuzzer's), every stage's output is checked: a broken
 * invariant is a planpress bug, so it stops the program where it happened. */
static void check_invariants(const pp_render *r, const char *stage)
{
#ifdef PP_CHECK_INVARIANTS
    if (r->doc && pp_model_check(r->doc, stderr) != 0) { fprintf(stderr, "after %s\n", stage); abort(); }
    if (r->at == ST_LAID_OUT && pp_pages_check(&r->pages, stderr) != 0) { fprintf(stderr, "after %s\n", stage); abort(); }
#else
    (void)r;
    (void)stage;
#endif
}

static int failed(pp_render *r)
{
    r->at = ST_FAILED;
    return -1;
}

static int after_read(pp_render *r, pp_doc *doc, double t0)
{
    r->stats.read_ms += pp_now_ms() - t0;
    if (!doc) return failed(r);
    r->doc = doc;
    pp_render_stats *st = &r->stats;
    st->year = doc->meta.year;
    copy_text(st->kind, sizeof st->kind, doc->kind);
    copy_text(st->agency, sizeof st->agency, doc->meta.agency);
    copy_text(st->parent, sizeof st->parent, doc->meta.parent);
    copy_text(st->title, sizeof st->title, doc->meta.title);
    if (doc->meta.nissued) {
        const pp_issued *is = &doc->meta.issued[doc->meta.nissued - 1];
        if (is->y) snprintf(st->issued, sizeof st->issued, "%04d-%02d-%02d", is->y, is->m, is->d);
    }
    r->at = ST_READ;
    check_invariants(r, "read");
    return 0;
}

int pp_render_read_file(pp_render *r, const char *path)
{
    if (r->at != ST_NEW) return -1;
    double t0 = pp_now_ms();
    const char *schema = schema_path(r->d);
    return after_read(r, schema ? pp_xml_read(path, schema, r->d) : NULL, t0);
}

int pp_render_read_memory(pp_render *r, const char *data, size_t len, const char *name)
{
    if (r->at != ST_NEW) return -1;
    double t0 = pp_now_ms();
    const char *schema = schema_path(r->d);
    return after_read(r, schema ? pp_xml_read_memory(data, len, name, schema, r->d) : NULL, t0);
}

int pp_render_check(pp_render *r)
{
    if (r->at == ST_CHECKED || r->at == ST_LAID_OUT) return 0;
    if (r->at != ST_READ) return -1;
    double t0 = pp_now_ms();
    int errors0 = r->d->errors;
    /* the command line's template, else the source's (relative to it), else the kind's */
    const char *spec = r->o->template_spec, *base = NULL;
    char *dir = NULL;
    if (!spec && r->doc->template_name) {
        spec = r->doc->template_name;
        const char *slash = strrchr(r->doc->file, '/');
        dir = slash ? pp_xstrndup(r->doc->file, (size_t)(slash - r->doc->file)) : pp_xstrdup(".");
        base = dir;
    }
    if (!spec) spec = pp_template_for_kind(r->doc->kind);
    r->t = pp_template_load(spec, base, r->d);
    free(dir);
    if (!r->t) return failed(r);
    pp_resolve(r->doc, r->t);
    const pp_profile *prof = pp_template_profile(r->t, r->doc->kind);
    if (prof) copy_text(r->stats.kind_label, sizeof r->stats.kind_label, prof->label ? prof->label : prof->kind);
    r->stats.has_profile = prof != NULL;
    copy_text(r->stats.template_name, sizeof r->stats.template_name, r->t->name);
    pp_rules_check(r->doc, r->t, r->d);
    const char *schema = r->o->plan ? schema_path(r->d) : NULL;
    if (schema) pp_plan_match(r->doc, r->t, r->o->plan, schema, r->d);
    r->stats.read_ms += pp_now_ms() - t0;
    if (r->d->errors != errors0) return failed(r);
    r->at = ST_CHECKED;
    check_invariants(r, "check");
    return 0;
}

int pp_render_layout(pp_render *r)
{
    if (r->at == ST_LAID_OUT) return 0;
    if (pp_render_check(r) != 0) return -1;
    /* lowering needs no fonts: it runs first, while fontconfig may still be loading
     * (pp_fonts_preload); a failure counts once the fonts are known too */
    double t2 = pp_now_ms();
    int errors0 = r->d->errors;
    int lowered = pp_lower(r->doc, r->t, &r->blocks, r->d);
    double lower_ms = pp_now_ms() - t2;
    double t1 = pp_now_ms();
    r->fonts = r->o->keep_fonts ? kept_fonts(r->t, r->d) : pp_fonts_open(r->t, r->d);
    r->stats.fonts_ms = pp_now_ms() - t1;
    r->stats.layout_ms = lower_ms;
    if (!r->fonts || lowered != 0) return failed(r);
    t2 = pp_now_ms();
    /* every character to print is known now: the largest font's program starts here,
     * beside line filling, pagination and drawing */
    pp_glyphs glyphs;
    pp_glyphs_collect(&r->blocks, r->t, r->fonts, &glyphs);
    r->early = pp_pdf_early_start(&glyphs, r->fonts, r->o->one_thread);
    pp_glyphs_release(&glyphs);
    pp_setter setter = { .t = r->t, .fonts = r->fonts, .d = r->d, .file = r->doc->file };
    pp_layout(&r->blocks, &setter, &r->pages);
    r->missing_glyphs = (int)setter.warned.n;
    pp_setter_release(&setter);
    r->stats.layout_ms = lower_ms + (pp_now_ms() - t2);   /* lowering counts as layout */
    r->stats.pages = r->pages.n;
    if (r->d->errors != errors0) return failed(r);
    r->at = ST_LAID_OUT;
    check_invariants(r, "layout");
    return 0;
}

int pp_render_pdf(pp_render *r, pp_buf *out)
{
    if (pp_render_layout(r) != 0) return -1;
    bool pdfa = r->o->pdfa || r->t->pdfa;
    /* PDF/A forbids drawing .notdef: a character no font has cannot go into an archive copy */
    if (pdfa && r->missing_glyphs > 0) {
        int n = r->missing_glyphs;
        pp_msg(r->d, PP_LOC(r->doc->file, 0, 0), PDFA_MISSING_GLYPHS, n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
        return -1;
    }
    double t3 = pp_now_ms();
    pp_write_stats ws;
    pp_write_opts wo = { .name = r->doc->file, .pdfa = pdfa, .untagged = r->o->untagged,
                         .one_thread = r->o->one_thread, .early = r->early };
    int rc = pp_pdf_write(&r->pages, r->fonts, r->doc, &wo, out, r->d, &ws);
    pp_pdf_early_free(r->early);
    r->early = NULL;
    pp_render_stats *st = &r->stats;
    st->write_ms = pp_now_ms() - t3;
    st->bytes = ws.bytes;
    st->glyph_bytes = ws.glyph_bytes;
    st->subset_ms = ws.subset_ms;
    st->deflate_ms = ws.deflate_ms;
    st->tag_ms = ws.tag_ms;
    st->pack_ms = ws.pack_ms;
    st->wait_ms = ws.wait_ms;
    return rc;
}

/* Label widths for the ODF writer, from the faces the PDF is set with. */
static double measure_label(void *ctx, const char *utf8, pp_textstyle_id style)
{
    pp_setter *s = ctx;
    return pp_measure(s, utf8, (int)style, s->t->styles[style].size_pt);
}

/* Column widths for the ODF writer, as the PDF's layout computes them. */
static void table_widths(void *ctx, const pp_table *t, double width, double *out)
{
    pp_column_widths(ctx, t, width, out);
}

int pp_render_odt(pp_render *r, pp_buf *out)
{
    if (pp_render_layout(r) != 0) return -1;
    double t3 = pp_now_ms();
    size_t before = out->len;
    pp_setter setter = { .t = r->t, .fonts = r->fonts, .d = r->d, .file = r->doc->file, .quiet = true };
    pp_odf_opts oo = { .name = r->doc->file, .measure = measure_label, .widths = table_widths, .measure_ctx = &setter };
    int rc = pp_odf_write(&r->blocks, r->t, r->doc, &oo, out, r->d);
    pp_setter_release(&setter);
    r->stats.write_ms = pp_now_ms() - t3;
    r->stats.bytes = out->len - before;
    return rc;
}

const pp_doc *pp_render_doc(const pp_render *r) { return r->doc; }
const char *pp_render_template_path(const pp_render *r) { return r->t ? r->t->path : NULL; }
const pp_blocks *pp_render_blocks(const pp_render *r) { return r->at == ST_LAID_OUT ? &r->blocks : NULL; }
const pp_pages *pp_render_pages(const pp_render *r) { return r->at == ST_LAID_OUT ? &r->pages : NULL; }
const pp_render_stats *pp_render_get_stats(const pp_render *r) { return &r->stats; }

/* --dump: the model once numbered, or what lowering and layout made. */
static void dump(const pp_render *r)
{
    const pp_render_opts *o = r->o;
    if (!o->dump || !o->dump_out) return;
    if (strcmp(o->dump, "model") == 0) pp_dump_model(r->doc, o->dump_out);
    else if (strcmp(o->dump, "blocks") == 0) pp_dump_blocks(&r->blocks, o->dump_out);
    else pp_dump_pages(&r->pages, o->dump_out);
}

/* The stages every front end shares; out NULL stops after the check (or after
 * layout, for a dump of blocks or pages). */
static int run(pp_render *r, pp_buf *out, bool odt)
{
    const pp_render_opts *o = r->o;
    if (pp_render_check(r) != 0) return -1;
    bool dump_layout = o->dump && strcmp(o->dump, "model") != 0;
    if (o->dump && !dump_layout) dump(r);
    if (o->check_only) return 0;
    if (o->up_to_date && o->up_to_date(r->t->path, o->up_to_date_ctx)) {
        r->stats.skipped = true;
        return 0;
    }
    if (!out && !dump_layout) return 0;
    if (pp_render_layout(r) != 0) return -1;
    if (dump_layout) dump(r);
    if (!out) return 0;
    return odt ? pp_render_odt(r, out) : pp_render_pdf(r, out);
}

/* ODT when asked for, or for an output named *.odt. */
static bool wants_odt(const char *out, const pp_render_opts *o)
{
    if (o && o->format != PP_FORMAT_AUTO) return o->format == PP_FORMAT_ODT;
    size_t l = out ? strlen(out) : 0;
    return l > 4 && strcasecmp(out + l - 4, ".odt") == 0;
}

int pp_render_file(const char *in, const char *out, const pp_render_opts *o, pp_diag *d, pp_render_stats *stats)
{
    if (stats) memset(stats, 0, sizeof *stats);   /* filled whatever the outcome, early refusals too */
    bool writes = out && !(o && o->check_only);
    /* the output may not be an input: checked before anything is read, again once
     * the template is known */
    const char *inputs[] = { in, o ? o->plan : NULL, o ? o->template_spec : NULL };
    const char *odt_out = writes && o ? o->odt_out : NULL;
    if (writes && pp_output_check(out, inputs, 3, d) != 0) return -1;
    if (odt_out && pp_output_check(odt_out, inputs, 3, d) != 0) return -1;
    pp_render *r = pp_render_new(o, d);
    pp_buf pdf = PP_BUF_INIT;
    int rc = pp_render_read_file(r, in);
    if (rc == 0) rc = run(r, writes ? &pdf : NULL, wants_odt(out, o));
    bool refused = false;
    if (rc == 0 && writes && !r->stats.skipped) {
        const char *tpl[] = { pp_render_template_path(r) };
        refused = pp_output_check(out, tpl, 1, d) != 0 || (odt_out && pp_output_check(odt_out, tpl, 1, d) != 0);
        rc = refused ? -1 : pp_output_write(out, pdf.data, pdf.len, d);
        if (rc == 0 && odt_out) {   /* the same blocks again, as ODF; the PDF's figures kept */
            pp_buf odt = PP_BUF_INIT;
            size_t pdf_bytes = r->stats.bytes;
            double write_ms = r->stats.write_ms;
            rc = pp_render_odt(r, &odt);
            r->stats.odt_bytes = odt.len;
            r->stats.bytes = pdf_bytes;
            r->stats.write_ms += write_ms;
            if (rc == 0) rc = pp_output_write(odt_out, odt.data, odt.len, d);
            pp_buf_release(&odt);
        }
    }
    /* a failed render leaves no older output at the path to be taken for this one */
    if (rc != 0 && writes && !refused) {
        pp_output_discard(out);
        if (odt_out) pp_output_discard(odt_out);
    }
    if (stats) *stats = r->stats;
#if !PP_LEAK_CHECK
    if (o && o->exit_after) {   /* ~15 MB in thousands of blocks, and the font files' mappings */
        pp_pdf_early_free(r->early);   /* no thread left running */
        return rc;
    }
#endif
    pp_buf_release(&pdf);
    pp_render_free(r);
    return rc;
}

int pp_render_memory(const char *data, size_t len, const char *name, const pp_render_opts *o,
                     pp_diag *d, pp_buf *pdf, pp_render_stats *stats)
{
    pp_render *r = pp_render_new(o, d);
    int rc = pp_render_read_memory(r, data, len, name);
    if (rc == 0) rc = run(r, pdf, o && o->format == PP_FORMAT_ODT);
    if (stats) *stats = r->stats;
    pp_render_free(r);
    return rc;
}
