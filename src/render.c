#define _POSIX_C_SOURCE 200809L
#include "render.h"
#include "clock.h"
#include "dump.h"
#include "fonts.h"
#include "layout.h"
#include "lower.h"
#include "pdf_write.h"
#include "resolve.h"
#include "rules.h"
#include "template.h"
#include "xalloc.h"
#include "xml_read.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

static int render(const char *in, const char *out, const pp_render_opts *o, pp_diag *d, pp_render_stats *st)
{
    pp_render_stats local;
    if (!st) st = &local;
    memset(st, 0, sizeof *st);
    st->kind = -1;
    char schema[PATH_MAX];
    snprintf(schema, sizeof schema, "%s/document.rng", pp_template_dir());

    double t0 = pp_now_ms();
    int errors0 = d->errors;
    pp_doc *doc = pp_xml_read(in, schema, d);
    if (!doc) return PP_EXIT_INPUT;
    st->kind = (int)doc->kind;
    st->year = doc->meta.year;
    copy_text(st->agency, sizeof st->agency, doc->meta.agency);
    copy_text(st->title, sizeof st->title, doc->meta.title);
    pp_template *t = pp_template_load(o->template_spec, doc->kind, d);
    if (!t) { pp_doc_free(doc); return PP_EXIT_ENV; }
    pp_resolve(doc, t);
    pp_rules_check(doc, t, d);
    if (o->plan) pp_rules_check_plan(doc, o->plan, schema, d);
    st->read_ms = pp_now_ms() - t0;
    if (d->errors != errors0) { pp_template_free(t); pp_doc_free(doc); return PP_EXIT_INPUT; }
    if (o->check_only) { pp_template_free(t); pp_doc_free(doc); return PP_EXIT_OK; }
    if (o->up_to_date && o->up_to_date(t->path, o->up_to_date_ctx)) {
        st->skipped = true;
        pp_template_free(t);
        pp_doc_free(doc);
        return PP_EXIT_OK;
    }

    int rc = PP_EXIT_OK;
    double t1 = pp_now_ms();
    pp_fonts *fonts = o->keep_fonts ? kept_fonts(t, d) : pp_fonts_open(t, d);
    st->fonts_ms = pp_now_ms() - t1;
    if (!fonts) { pp_template_free(t); pp_doc_free(doc); return PP_EXIT_ENV; }

    double t2 = pp_now_ms();
    pp_blocks blocks;
    pp_pages pages = { 0 };
    if (pp_lower(doc, t, &blocks, d) != 0) {
        rc = PP_EXIT_INPUT;
    } else {
        pp_setter setter = { .t = t, .fonts = fonts, .d = d, .file = doc->file };
        pp_layout(&blocks, &setter, &pages);
        /* PDF/A forbids drawing .notdef: a character no font has cannot go into an archive copy */
        if ((o->pdfa || t->pdfa) && setter.nwarned > 0) {
            pp_error(d, doc->file, 0, 0, "PDF/A cannot hold the %d character%s no installed font has "
                     "(listed above); install a font that covers %s, or render without --pdfa",
                     setter.nwarned, setter.nwarned == 1 ? "" : "s", setter.nwarned == 1 ? "it" : "them");
            rc = PP_EXIT_INPUT;
        }
    }
    st->layout_ms = pp_now_ms() - t2;
    st->pages = pages.n;
    if (rc == PP_EXIT_OK && o->dump && o->dump_out) {
        if (strcmp(o->dump, "blocks") == 0) pp_dump_blocks(&blocks, o->dump_out);
        else pp_dump_pages(&pages, o->dump_out);
    }
    if (rc == PP_EXIT_OK && out) {
        double t3 = pp_now_ms();
        pp_write_stats ws;
        pp_write_opts wo = { .pdfa = o->pdfa || t->pdfa, .untagged = o->untagged, .one_thread = o->one_thread };
        rc = pp_pdf_write(&pages, fonts, doc, &wo, out, d, &ws);
        st->write_ms = pp_now_ms() - t3;
        st->bytes = ws.bytes;
        st->glyph_bytes = ws.glyph_bytes;
        st->subset_ms = ws.subset_ms;
        st->deflate_ms = ws.deflate_ms;
        st->tag_ms = ws.tag_ms;
        st->pack_ms = ws.pack_ms;
        st->wait_ms = ws.wait_ms;
    }
    pp_pages_free(&pages);
    pp_blocks_free(&blocks);
    if (!o->keep_fonts) pp_fonts_free(fonts);
    pp_template_free(t);
    pp_doc_free(doc);
    return rc;
}

int pp_render(const char *in, const char *out, const pp_render_opts *o, pp_diag *d, pp_render_stats *st)
{
    int rc = render(in, out, o, d, st);
    /* a failed render leaves nothing at the output path, not even an older PDF */
    if (rc != PP_EXIT_OK && out) unlink(out);
    return rc;
}
