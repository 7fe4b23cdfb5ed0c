#include "flow.h"
#include "utf8.h"
#include "xalloc.h"
#include <math.h>
#include <string.h>

#define EPS 0.01

void pp_flow_new_page(pp_flow *f)
{
    pp_pages *o = f->out;
    PP_GROW(o->v, o->cap, o->n + 1);
    memset(&o->v[o->n], 0, sizeof o->v[o->n]);
    o->v[o->n].width = f->page_w;
    o->v[o->n].height = f->page_h;
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
    p->runs[p->nruns++] = (pp_run){ .face = face, .size = size, .x = x, .y = cur(f)->height - y,
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
    double h = cur(f)->height;
    p->rules[p->nrules++] = (pp_rule){ x0, h - y0, x1, h - y1, f->t->border_pt };
}

void pp_flow_fill(pp_flow *f, double x, double y, double w, double hgt, double gray)
{
    pp_page *p = cur(f);
    PP_GROW(p->fills, p->capfills, p->nfills + 1);
    p->fills[p->nfills++] = (pp_fill){ x, p->height - y - hgt, w, hgt, gray };
}


void pp_flow_link(pp_flow *f, double x0, double y0, double x1, double y1, int page, double target_y)
{
    pp_page *p = cur(f);
    PP_GROW(p->links, p->caplinks, p->nlinks + 1);
    p->links[p->nlinks++] = (pp_link){ x0, p->height - y1, x1, p->height - y0, page, target_y };
}

void pp_flow_orient(pp_flow *f, bool landscape)
{
    const pp_template *t = f->t;
    double w = t->page_w, h = t->page_h;
    if (landscape != (w > h)) { double k = w; w = h; h = k; }
    f->page_w = w;
    f->page_h = h;
    f->landscape = landscape;
    f->top = t->margin_top;
    f->bottom = h - t->margin_bottom;
    f->left = t->margin_left;
    f->width = w - t->margin_left - t->margin_right;
}

void pp_flow_text(pp_flow *f, const char *text, int style, double dx, double y, double tc, bool artifact)
{
    const pp_textstyle *st = &f->t->styles[style];
    double size = st->size_pt;
    double base = y + (st->leading_pt - size) / 2 + 0.88 * size;
    /* one run per face: a dot leader or a page number is one face */
    uint32_t cp;
    pp_utf8_decode(text, strlen(text), &cp);
    int face = pp_fonts_pick(f->s->fonts, cp, style);
    add_run(f, face < 0 ? 0 : face, size, f->left + dx, base, tc, text, strlen(text), PP_SR_TOCI, artifact, NULL, false);
}
