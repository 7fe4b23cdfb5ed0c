#define _POSIX_C_SOURCE 200809L
#include "import_cells.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cell_paras(pp_imp_cells *x, const pp_imp_blocks *b, pp_itext_mode mode, pp_itexts *out, int depth)
{
    bool gap = false;
    for (size_t i = 0; i < b->n; i++) {
        if (b->v[i].table) {
            if (!x->warned_nested) {
                char w[64];
                snprintf(w, sizeof w, "table %d", x->t->no);
                pp_msg(x->c->d, PP_LOC(x->c->file, 0, 0), IMPORT_NESTED_TABLE, w);
                x->warned_nested = true;
            }
            const pp_imp_table *in = b->v[i].table;
            for (size_t r = 0; r < in->nrows && depth < 8; r++)
                for (size_t k = 0; k < in->rows[r].ncells; k++) cell_paras(x, &in->rows[r].cells[k].blocks, mode, out, depth + 1);
            continue;
        }
        const pp_imp_para *p = b->v[i].para;
        if (pp_imp_para_blank(p) && !p->autolabel) { gap = true; continue; }
        size_t before = out->n;
        pp_itext_lines(out, p, mode);
        if (out->n > before) out->v[before].gap = gap;
        gap = false;
    }
}

void pp_imp_cell_texts(pp_imp_cells *x, const pp_imp_cell *cell, pp_itext_mode mode, pp_itexts *out)
{
    memset(out, 0, sizeof *out);
    if (!cell) return;
    cell_paras(x, &cell->blocks, mode, out, 0);
    if (mode != PP_IT_UNITS) pp_itext_join(out, 0, mode);
}

char *pp_imp_cell_string(pp_imp_cells *x, const pp_imp_cell *cell)
{
    pp_itexts v;
    pp_imp_cell_texts(x, cell, PP_IT_CELL, &v);
    pp_itext all = { 0 };
    for (size_t i = 0; i < v.n; i++) pp_itext_append(&all, &v.v[i], false);
    char *s = pp_itext_utf8(&all, 0);
    pp_itext_release(&all);
    pp_itexts_release(&v);
    return s;
}

char *pp_imp_squash(char *s)
{
    size_t o = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, len - i, &cp);
        if (cp != ' ' && cp != 0x3000) { memmove(s + o, s + i, k); o += k; }
        i += k;
    }
    s[o] = 0;
    return s;
}

