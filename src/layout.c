#include "layout.h"
#include "flow.h"
#include "table.h"
#include "utf8.h"
#include "xalloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.01

static void add_mark(pp_flow *f, const pp_para *p)
{
    pp_pages *o = f->out;
    PP_GROW(o->marks, o->capmarks, o->nmarks + 1);
    size_t cap = (p->label ? strlen(p->label) : 0) + p->n * 4 + 1, len = 0;
    char *t = pp_xmalloc(cap);
    if (p->label) { strcpy(t, p->label); len = strlen(t); }
    /* a run-in heading's bookmark stops at its colon */
    for (size_t i = 0; i < p->n && i < 80; i++) {
        len += pp_utf8_encode(p->cps[i], t + len);
        if (p->cps[i] == 0xFF1A || p->cps[i] == 0x3002) break;
    }
    t[len] = 0;
    o->marks[o->nmarks++] = (pp_mark){ p->outline_level, t, (int)f->page, f->y, p->src };
}

static double para_space_before(pp_flow *f, const pp_para *p)
{
    return f->fresh ? 0 : f->t->styles[p->style].space_before_pt;
}

/* Height a block needs at the least to start on this page with what it keeps with. */
static double min_height(pp_flow *f, const pp_blocks *b, size_t i, int depth);

static double para_height(pp_flow *f, const pp_para *p, size_t lines)
{
    const pp_textstyle *st = &f->t->styles[p->style];
    return para_space_before(f, p) + lines * st->leading_pt;
}

static size_t para_lines(pp_flow *f, const pp_para *p)
{
    pp_setpara sp = { 0 };
    bool quiet = f->s->quiet;
    f->s->quiet = true;   /* a look ahead: the real layout reports */
    pp_linefill(f->s, p, f->width, NULL, &sp);
    f->s->quiet = quiet;
    size_t n = sp.nlines;
    pp_setpara_release(&sp);
    return n;
}

static double min_height(pp_flow *f, const pp_blocks *b, size_t i, int depth)
{
    if (i >= b->n || depth > 8) return 0;
    const pp_block *bl = &b->v[i];
    if (bl->type == PP_BLOCK_TABLE) return pp_table_min_height(f, &bl->table);
    if (bl->type == PP_BLOCK_TOC) return bl->toc.n ? f->t->styles[PP_TS_TOC].leading_pt : 0;
    const pp_para *p = &bl->para;
    size_t n = para_lines(f, p);
    if (p->keep_with_next)
        return para_height(f, p, n) + f->t->styles[p->style].space_after_pt + min_height(f, b, i + 1, depth + 1);
    return para_height(f, p, n < 2 ? n : 2);
}

static void flow_para(pp_flow *f, const pp_blocks *b, size_t i)
{
    const pp_para *p = &b->v[i].para;
    const pp_textstyle *st = &f->t->styles[p->style];
    if (p->keep_with_next && !f->fresh && f->y + min_height(f, b, i, 0) > f->bottom + EPS)
        pp_flow_new_page(f);
    pp_setpara sp = { 0 };
    pp_linefill(f->s, p, f->width, NULL, &sp);
    f->y += para_space_before(f, p);
    if (p->outline_level > 0) add_mark(f, p);
    f->cur_para = p;
    double L = st->leading_pt;
    size_t done = 0, n = sp.nlines;
    while (done < n) {
        size_t fit = (size_t)fmax(0, floor((f->bottom - f->y) / L + EPS));
        size_t rem = n - done;
        size_t k = rem;
        if (fit < rem) {
            /* no orphan (one line at a page foot) and no widow (one line at a head) */
            k = fit;
            if (rem - k < 2) k = rem >= 2 ? rem - 2 : 0;
            if (k < 2 || rem <= 3) k = 0;
            if (k == 0 && f->fresh) k = fit ? fit : 1;   /* taller than a page: cut where it must */
        }
        for (size_t l = 0; l < k; l++) {
            pp_flow_emit_line(f, &sp, done + l, 0, f->y, p->role, false, p->src);
            f->y += L;
        }
        done += k;
        if (done < n) pp_flow_new_page(f);
    }
    f->y += st->space_after_pt;
    f->cur_para = NULL;
    pp_setpara_release(&sp);
}

/* One furniture line (a page number, a running header) in the bottom or top
 * margin of page k, placed across the page as the template says. */
static void furniture_line(pp_flow *f, size_t k, const char *text, bool foot, pp_align align)
{
    pp_para p = { .style = PP_TS_FOOTER, .role = PP_SR_P, .align = (int)align, .ragged = true };
    p.cps = pp_utf8_to_cps(text, strlen(text), &p.n);
    p.flags = pp_xcalloc(p.n + 1, 1);
    /* across this page's own width, turned or not */
    double h = f->out->v[k].height, w = f->out->v[k].width;
    double width = f->width, left = f->left;
    f->width = w - f->t->margin_left - f->t->margin_right;
    f->left = f->t->margin_left;
    pp_setpara sp = { 0 };
    pp_linefill(f->s, &p, f->width, NULL, &sp);
    /* centred in the bottom (or top) margin */
    double y = foot ? h - f->t->margin_bottom / 2 - sp.leading / 2 : f->t->margin_top / 2 - sp.leading / 2;
    f->page = k;
    f->cur_para = NULL;
    for (size_t l = 0; l < sp.nlines && l < 1; l++) pp_flow_emit_line(f, &sp, l, 0, y, PP_SR_P, true, NULL);
    f->width = width;
    f->left = left;
    pp_setpara_release(&sp);
    free(p.cps);
    free(p.flags);
}

/* Page numbers ("- {n} -", "第 {n} 頁，共 {total} 頁") and the running header:
 * drawn once every page exists, so the total is known. */
static void furniture(pp_flow *f, const pp_blocks *b)
{
    const char *fmt = f->t->page_number;
    for (size_t k = 0; k < f->out->n; k++) {
        if (fmt && *fmt) {
            char text[256];
            size_t len = 0;
            for (const char *c = fmt; *c && len < sizeof text - 24;) {
                if (strncmp(c, "{n}", 3) == 0) { len += (size_t)snprintf(text + len, sizeof text - len, "%zu", k + 1); c += 3; }
                else if (strncmp(c, "{total}", 7) == 0) { len += (size_t)snprintf(text + len, sizeof text - len, "%zu", f->out->n); c += 7; }
                else text[len++] = *c++;
            }
            text[len] = 0;
            furniture_line(f, k, text, !f->t->number_at_head, f->t->number_align);
        }
        if (b->running_header && (k > 0 || f->t->header_on_first))
            furniture_line(f, k, b->running_header, false, f->t->header_align);
    }
}

/* ---- a table of contents ---------------------------------------------------- */

/* The page (counted from 1) and place of section `target`'s heading, from the
 * bookmarks of a layout: the one before this pass, or this one. */
static const pp_mark *mark_of(const pp_pages *p, const pp_node *target)
{
    for (size_t i = 0; p && i < p->nmarks; i++) if (p->marks[i].src == target) return &p->marks[i];
    return NULL;
}

/* One entry a line or more: label and title hanging, dot leaders after its last
 * line, the page number at the right edge; the whole entry a link to its page.
 * The numbers are set in a column as wide as three digits, so that the second
 * pass, which knows them, makes the same lines. */
static void flow_toc(pp_flow *f, const pp_toc *toc, const pp_pages *known)
{
    const pp_textstyle *st = &f->t->styles[PP_TS_TOC];
    double L = st->leading_pt, size = st->size_pt;
    double numw = pp_measure(f->s, "888", PP_TS_TOC, size), gap = size / 2;
    double dot = pp_measure(f->s, ".", PP_TS_TOC, size);
    for (size_t i = 0; i < toc->n; i++) {
        const pp_toc_entry *e = &toc->v[i];
        pp_setpara sp = { 0 };
        pp_linefill(f->s, &e->para, f->width - numw - gap, NULL, &sp);
        if (!sp.nlines) { pp_setpara_release(&sp); continue; }
        if (f->y + sp.nlines * L > f->bottom + EPS && !f->fresh) pp_flow_new_page(f);
        f->cur_para = &e->para;
        double y0 = f->y;
        for (size_t l = 0; l < sp.nlines; l++) {
            pp_flow_emit_line(f, &sp, l, 0, f->y, PP_SR_TOCI, false, e->target);
            f->y += L;
        }
        double yl = f->y - L;   /* the last line's top */
        const pp_line *ln = &sp.lines[sp.nlines - 1];
        const pp_glyph *g = ln->count ? &sp.g[ln->first + ln->count - 1] : NULL;
        double x_end = g ? g->x + g->adv : 0;
        const pp_mark *m = mark_of(known, e->target);
        char num[24];
        snprintf(num, sizeof num, "%d", m ? m->page + 1 : 0);
        double w = pp_measure(f->s, num, PP_TS_TOC, size);
        /* the leaders: as many dots as fit between the text and the number */
        double from = x_end + gap / 2, to = f->width - numw - gap / 2;
        int ndots = dot > 0 ? (int)((to - from) / (dot * 2)) : 0;
        if (ndots > 0) {
            char leader[512];
            int k = ndots < (int)sizeof leader - 1 ? ndots : (int)sizeof leader - 1;
            memset(leader, '.', (size_t)k);
            leader[k] = 0;
            pp_flow_text(f, leader, PP_TS_TOC, to - k * dot * 2 + dot / 2, yl, dot, true);
        }
        pp_flow_text(f, num, PP_TS_TOC, f->width - w, yl, 0, false);
        if (m) pp_flow_link(f, f->left, y0, f->left + f->width, f->y, m->page, m->y);
        f->cur_para = NULL;
        pp_setpara_release(&sp);
    }
    f->y += st->space_after_pt;
}

/* ---- the whole -------------------------------------------------------------------- */

static bool has_toc(const pp_blocks *b)
{
    for (size_t i = 0; i < b->n; i++) if (b->v[i].type == PP_BLOCK_TOC) return true;
    return false;
}

/* One layout of every block; `known` holds a previous pass's pages (their
 * bookmarks give a table of contents its page numbers), or NULL. */
static void layout_pass(const pp_blocks *b, pp_setter *s, pp_pages *out, const pp_pages *known)
{
    const pp_template *t = s->t;
    memset(out, 0, sizeof *out);
    out->width = t->page_w;
    out->height = t->page_h;
    pp_flow f = { .s = s, .blocks = b, .t = t, .out = out };
    pp_flow_orient(&f, t->page_w > t->page_h);
    bool base = f.landscape;
    pp_flow_new_page(&f);
    for (size_t i = 0; i < b->n; i++) {
        /* a landscape section or table turns its pages, and the document turns back after it */
        bool want = b->v[i].landscape ? true : base;
        if (want != f.landscape) {
            pp_flow_orient(&f, want);
            if (f.fresh && f.page == out->n - 1 && out->v[f.page].nruns == 0) {
                out->v[f.page].width = f.page_w;
                out->v[f.page].height = f.page_h;
                f.y = f.top;
            } else {
                pp_flow_new_page(&f);
            }
        }
        if (b->v[i].type == PP_BLOCK_PARA) flow_para(&f, b, i);
        else if (b->v[i].type == PP_BLOCK_TOC) flow_toc(&f, &b->v[i].toc, known ? known : out);
        else pp_table_flow(&f, &b->v[i].table);
    }
    furniture(&f, b);
}

int pp_layout(const pp_blocks *b, pp_setter *s, pp_pages *out)
{
    if (!has_toc(b)) { layout_pass(b, s, out, NULL); return 0; }
    /* a table of contents needs the pages its headings fall on: a first pass finds
     * them (its page-number column is fixed, so the second makes the same pages) */
    pp_pages first;
    bool quiet = s->quiet;
    s->quiet = true;
    layout_pass(b, s, &first, NULL);
    s->quiet = quiet;
    layout_pass(b, s, out, &first);
    pp_pages_release(&first);
    return 0;
}
