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
    pp_setpara_release(&sp);
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
    pp_setpara_release(&sp);
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
