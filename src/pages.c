#include "pages.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void pp_pages_release(pp_pages *p)
{
    for (size_t i = 0; i < p->n; i++) {
        for (size_t k = 0; k < p->v[i].nruns; k++) free(p->v[i].runs[k].text);
        free(p->v[i].runs);
        free(p->v[i].rules);
        free(p->v[i].fills);
        free(p->v[i].links);
    }
    free(p->v);
    for (size_t i = 0; i < p->nmarks; i++) free(p->marks[i].title);
    free(p->marks);
    memset(p, 0, sizeof *p);
}

/* ---- invariants ------------------------------------------------------------- */

static bool inside(double v, double lo, double hi) { return v >= lo - 0.01 && v <= hi + 0.01; }

int pp_pages_check(const pp_pages *p, FILE *err)
{
    int bad = 0;
#define FAIL(...) do { if (err) { fputs("pages invariant: ", err); fprintf(err, __VA_ARGS__); fputc('\n', err); } \
                       if (++bad > 20) return -1; } while (0)
    if (!(p->width > 0 && p->height > 0)) FAIL("page size %g x %g", p->width, p->height);
    for (size_t i = 0; i < p->n; i++) {
        const pp_page *pg = &p->v[i];
        /* each page against its own size: a turned page is wider than tall */
        double W = pg->width > 0 ? pg->width : p->width, H = pg->height > 0 ? pg->height : p->height;
        for (size_t k = 0; k < pg->nruns; k++) {
            const pp_run *r = &pg->runs[k];
            if (!r->text || !*r->text) FAIL("page %zu run %zu has no text", i + 1, k);
            if (r->face < 0) FAIL("page %zu run %zu has no face", i + 1, k);
            if (!(r->size > 0)) FAIL("page %zu run %zu has size %g", i + 1, k, r->size);
            if (!inside(r->x, 0, W) || !inside(r->y, 0, H))
                FAIL("page %zu run %zu '%s' starts off the page at (%.1f, %.1f)", i + 1, k, r->text ? r->text : "", r->x, r->y);
        }
        for (size_t k = 0; k < pg->nrules; k++) {
            const pp_rule *r = &pg->rules[k];
            if (!inside(r->x0, 0, W) || !inside(r->x1, 0, W) || !inside(r->y0, 0, H) ||
                !inside(r->y1, 0, H))
                FAIL("page %zu rule %zu runs off the page", i + 1, k);
        }
        for (size_t k = 0; k < pg->nfills; k++) {
            const pp_fill *f = &pg->fills[k];
            if (f->w < 0 || f->h < 0 || !inside(f->x, 0, W) || !inside(f->x + f->w, 0, W) ||
                !inside(f->y, 0, H) || !inside(f->y + f->h, 0, H))
                FAIL("page %zu box %zu lies off the page", i + 1, k);
        }
    }
    for (size_t i = 0; i < p->nmarks; i++) {
        const pp_mark *m = &p->marks[i];
        if (m->page < 0 || (size_t)m->page >= p->n) FAIL("bookmark %zu points at page %d of %zu", i, m->page + 1, p->n);
        if (m->level < 1) FAIL("bookmark %zu has level %d", i, m->level);
    }
#undef FAIL
    return bad ? -1 : 0;
}
