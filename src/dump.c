#include "dump.h"
#include "utf8.h"
#include <string.h>

static const char *const role_names[] = { "title", "issued", "h1", "h2", "h3", "caption", "p", "li", "note", "td", "th" };

static void put_cps(const uint32_t *cps, size_t n, FILE *out)
{
    char buf[4];
    for (size_t i = 0; i < n; i++) fwrite(buf, 1, pp_utf8_encode(cps[i], buf), out);
}

static void dump_para(const pp_para *p, const char *pre, FILE *out)
{
    fprintf(out, "%s%s", pre, role_names[p->role]);
    if (p->nindent) {
        fputs(" indent=", out);
        for (int i = 0; i < p->nindent; i++) fputs(p->indent[i], out);
    }
    if (p->label) fprintf(out, " [%s]", p->label);
    fputs(" ", out);
    put_cps(p->cps, p->n, out);
    fputc('\n', out);
}

void pp_dump_blocks(const pp_blocks *b, FILE *out)
{
    for (size_t i = 0; i < b->n; i++) {
        const pp_block *bl = &b->v[i];
        if (bl->type == PP_BLOCK_PARA) { dump_para(&bl->para, "", out); continue; }
        const pp_table *t = &bl->table;
        fprintf(out, "table %d cols x %d rows (%d head) widths", t->ncols, t->nrows, t->nhead);
        for (int c = 0; c < t->ncols; c++) fprintf(out, " %.2f", t->widths[c]);
        fputc('\n', out);
        for (size_t k = 0; k < t->ncells; k++) {
            const pp_cell *c = &t->cells[k];
            fprintf(out, "  cell r%d c%d", c->row, c->col);
            if (c->rowspan > 1) fprintf(out, " rowspan=%d", c->rowspan);
            if (c->colspan > 1) fprintf(out, " colspan=%d", c->colspan);
            fputc('\n', out);
            for (size_t j = 0; j < c->npara; j++) dump_para(&c->paras[j], "    ", out);
        }
    }
}

void pp_dump_pages(const pp_pages *p, FILE *out)
{
    for (size_t i = 0; i < p->n; i++) {
        const pp_page *pg = &p->v[i];
        fprintf(out, "page %zu: %zu runs, %zu rules\n", i + 1, pg->nruns, pg->nrules);
        for (size_t k = 0; k < pg->nruns; k++) {
            const pp_run *r = &pg->runs[k];
            fprintf(out, "  %6.1f %6.1f %s%s %s\n", r->x, r->y, role_names[r->role], r->artifact ? "*" : "",
                    r->text);
        }
    }
}
