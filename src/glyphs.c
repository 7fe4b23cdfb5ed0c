#include "glyphs.h"
#include "utf8.h"
#include <string.h>

static void add_cp(pp_glyphs *g, pp_fonts *f, uint32_t cp, int style)
{
    int face = pp_fonts_pick(f, cp, style);
    if (face >= 0 && face < PP_MAX_FACES) pp_cpset_add(&g->face[face], cp);
}

static void add_utf8(pp_glyphs *g, pp_fonts *f, const char *s, int style)
{
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, n - i, &cp);
        add_cp(g, f, cp, style);
    }
}

static void add_para(pp_glyphs *g, pp_fonts *f, const pp_para *p)
{
    add_utf8(g, f, p->label, (int)p->style);
    for (size_t i = 0; i < p->n; i++) add_cp(g, f, p->cps[i], (int)p->style);
}

/* The page-number format without its fields, and every digit a field may print. */
static void add_page_number(pp_glyphs *g, pp_fonts *f, const char *fmt)
{
    for (const char *c = fmt; *c;) {
        if (strncmp(c, "{n}", 3) == 0) c += 3;
        else if (strncmp(c, "{total}", 7) == 0) c += 7;
        else {
            uint32_t cp;
            c += pp_utf8_decode(c, strlen(c), &cp);
            add_cp(g, f, cp, PP_TS_FOOTER);
        }
    }
    for (uint32_t d = '0'; d <= '9'; d++) add_cp(g, f, d, PP_TS_FOOTER);
}

void pp_glyphs_collect(const pp_blocks *b, const pp_template *t, pp_fonts *f, pp_glyphs *out)
{
    memset(out, 0, sizeof *out);
    /* in the order layout meets them, so faces found on the way get the same indexes */
    for (size_t i = 0; i < b->n; i++) {
        const pp_block *bl = &b->v[i];
        if (bl->type == PP_BLOCK_PARA) {
            add_para(out, f, &bl->para);
            continue;
        }
        for (size_t c = 0; c < bl->table.ncells; c++) {
            const pp_cell *cell = &bl->table.cells[c];
            for (size_t k = 0; k < cell->npara; k++) add_para(out, f, &cell->paras[k]);
            if (cell->rowspan > 1 && cell->npara && t->continue_repeat)
                add_utf8(out, f, t->continued_mark, (int)cell->paras[0].style);
        }
    }
    if (t->page_number && *t->page_number) add_page_number(out, f, t->page_number);
    add_utf8(out, f, b->running_header, PP_TS_FOOTER);
    out->nfaces = pp_fonts_count(f);
}

int pp_glyphs_largest(const pp_glyphs *g)
{
    int best = -1;
    for (int i = 0; i < g->nfaces && i < PP_MAX_FACES; i++)
        if (g->face[i].n && (best < 0 || g->face[i].n > g->face[best].n)) best = i;
    return best;
}

void pp_glyphs_release(pp_glyphs *g)
{
    for (int i = 0; i < PP_MAX_FACES; i++) pp_cpset_release(&g->face[i]);
    memset(g, 0, sizeof *g);
}
