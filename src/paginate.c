#include "layout.h"
#include "utf8.h"
#include "xalloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.01

void pp_flow_new_page(pp_flow *f)
{
    pp_pages *o = f->out;
    PP_GROW(o->v, o->cap, o->n + 1);
    memset(&o->v[o->n], 0, sizeof o->v[o->n]);
    o->n++;
    f->y = f->top;
    f->fresh = true;
    f->page = o->n - 1;
}

static pp_page *cur(pp_flow *f) { return &f->out->v[f->page]; }

static void add_run(pp_flow *f, int face, double size, double x, double y, double tc,
                    const char *text, size_t len, pp_srole role, bool artifact, const pp_node *src, bool label)
{
    pp_page *p = cur(f);
    PP_GROW(p->runs, p->capruns, p->nruns + 1);
    p->runs[p->nruns++] = (pp_run){ .face = face, .size = size, .x = x, .y = f->out->height - y,
                                    .char_space = tc, .text = pp_xstrndup(text, len), .role = role,
                                    .artifact = artifact, .src = src, .para = f->cur_para,
                                    .cell = f->cur_cell, .table = f->cur_table, .label = label,
                                    .order = f->run_order };
}

/* Glyphs become runs: one face, one label-or-text part, and a constant gap
 * between neighbours (the PDF character spacing), so justified Han text is one run. */
void pp_flow_emit_line(pp_flow *f, const pp_setpara *sp, size_t li, double dx, double y,
                       pp_srole role, bool artifact, const pp_node *src)
{
    const pp_line *ln = &sp->lines[li];
    double size = sp->size;
    /* the em box sits centred in the line box; the ideographic baseline is 0.12 em above its foot */
    double base = y + (sp->leading - size) / 2 + 0.88 * size;
    char buf[4096];
    size_t i = 0;
    while (i < ln->count) {
        const pp_glyph *g0 = &sp->g[ln->first + i];
        size_t j = i + 1;
        double tc = 0;
        size_t len = pp_utf8_encode(g0->cp, buf);
        while (j < ln->count && len + 8 < sizeof buf) {
            const pp_glyph *a = &sp->g[ln->first + j - 1], *b = &sp->g[ln->first + j];
            if (b->face != g0->face || b->label != g0->label) break;
            if (a->missing || b->missing) break;   /* .notdef's own advance is not the em we gave it */
            double gap = b->x - (a->x + a->adv);
            if (j == i + 1) { if (gap < -EPS || gap > 4 * size) break; tc = gap; }
            else if (fabs(gap - tc) > EPS) break;
            len += pp_utf8_encode(b->cp, buf + len);
            j++;
        }
        add_run(f, g0->face, size, f->left + dx + g0->x, base, tc, buf, len, role, artifact, src, g0->label);
        for (size_t k = i; k < j; k++) {
            const pp_glyph *g = &sp->g[ln->first + k];
            if (!g->missing) continue;
            /* the face's .notdef may be blank: draw the box that says "a character is missing" */
            double x0 = f->left + dx + g->x + 0.1 * size, x1 = x0 + g->adv - 0.2 * size;
            double y0 = base - 0.8 * size, y1 = base + 0.05 * size;
            pp_flow_rule(f, x0, y0, x1, y0);
            pp_flow_rule(f, x1, y0, x1, y1);
            pp_flow_rule(f, x1, y1, x0, y1);
            pp_flow_rule(f, x0, y1, x0, y0);
        }
        i = j;
    }
    /* <em>: a rule under each emphasised stretch of the line */
    for (size_t k = 0; k < ln->count;) {
        if (!sp->g[ln->first + k].em) { k++; continue; }
        size_t e = k;
        while (e + 1 < ln->count && sp->g[ln->first + e + 1].em) e++;
        const pp_glyph *a = &sp->g[ln->first + k], *b = &sp->g[ln->first + e];
        double uy = base + 0.16 * size;
        pp_flow_rule(f, f->left + dx + a->x, uy, f->left + dx + b->x + b->adv, uy);
        k = e + 1;
    }
    f->fresh = false;
}

static int by_order(const void *a, const void *b)
{
    const pp_run *x = a, *y = b;
    return (x->order > y->order) - (x->order < y->order);
}

void pp_flow_sort_runs(pp_flow *f, size_t from)
{
    pp_page *p = cur(f);
    if (from >= p->nruns) return;
    /* a stable sort: insertion, since rows arrive nearly in order */
    for (size_t i = from + 1; i < p->nruns; i++) {
        pp_run r = p->runs[i];
        size_t j = i;
        while (j > from && by_order(&p->runs[j - 1], &r) > 0) { p->runs[j] = p->runs[j - 1]; j--; }
        p->runs[j] = r;
    }
}

void pp_flow_rule(pp_flow *f, double x0, double y0, double x1, double y1)
{
    pp_page *p = cur(f);
    PP_GROW(p->rules, p->caprules, p->nrules + 1);
    double h = f->out->height;
    p->rules[p->nrules++] = (pp_rule){ x0, h - y0, x1, h - y1, f->t->border_pt };
}

void pp_flow_fill(pp_flow *f, double x, double y, double w, double hgt, double gray)
{
    pp_page *p = cur(f);
    PP_GROW(p->fills, p->capfills, p->nfills + 1);
    p->fills[p->nfills++] = (pp_fill){ x, f->out->height - y - hgt, w, hgt, gray };
}

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
    o->marks[o->nmarks++] = (pp_mark){ p->outline_level, t, (int)f->page, f->y };
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
    pp_setpara_free(&sp);
    return n;
}

static double min_height(pp_flow *f, const pp_blocks *b, size_t i, int depth)
{
    if (i >= b->n || depth > 8) return 0;
    const pp_block *bl = &b->v[i];
    if (bl->type == PP_BLOCK_TABLE) return pp_table_min_height(f, &bl->table);
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
    pp_setpara_free(&sp);
}

/* One furniture line (a page number, a running header) in the bottom or top
 * margin of page k, placed across the page as the template says. */
static void furniture_line(pp_flow *f, size_t k, const char *text, bool foot, pp_align align)
{
    pp_para p = { .style = PP_TS_FOOTER, .role = PP_SR_P, .align = (int)align, .ragged = true };
    p.cps = pp_utf8_to_cps(text, strlen(text), &p.n);
    p.flags = pp_xcalloc(p.n + 1, 1);
    pp_setpara sp = { 0 };
    pp_linefill(f->s, &p, f->width, NULL, &sp);
    /* centred in the bottom (or top) margin */
    double y = foot ? f->out->height - f->t->margin_bottom / 2 - sp.leading / 2
                    : f->t->margin_top / 2 - sp.leading / 2;
    f->page = k;
    f->cur_para = NULL;
    for (size_t l = 0; l < sp.nlines && l < 1; l++) pp_flow_emit_line(f, &sp, l, 0, y, PP_SR_P, true, NULL);
    pp_setpara_free(&sp);
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

int pp_layout(const pp_blocks *b, pp_setter *s, pp_pages *out)
{
    const pp_template *t = s->t;
    memset(out, 0, sizeof *out);
    out->width = t->page_w;
    out->height = t->page_h;
    pp_flow f = { .s = s, .t = t, .out = out, .top = t->margin_top, .bottom = t->page_h - t->margin_bottom,
                  .left = t->margin_left, .width = t->page_w - t->margin_left - t->margin_right };
    pp_flow_new_page(&f);
    for (size_t i = 0; i < b->n; i++) {
        if (b->v[i].type == PP_BLOCK_PARA) flow_para(&f, b, i);
        else pp_table_flow(&f, &b->v[i].table);
    }
    furniture(&f, b);
    return 0;
}

void pp_pages_free(pp_pages *p)
{
    for (size_t i = 0; i < p->n; i++) {
        for (size_t k = 0; k < p->v[i].nruns; k++) free(p->v[i].runs[k].text);
        free(p->v[i].runs);
        free(p->v[i].rules);
        free(p->v[i].fills);
    }
    free(p->v);
    for (size_t i = 0; i < p->nmarks; i++) free(p->marks[i].title);
    free(p->marks);
    memset(p, 0, sizeof *p);
}
