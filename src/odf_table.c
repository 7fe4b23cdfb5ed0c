/* odf_table — a table of the blocks as an ODF table, cell for cell as the
 * PDF draws it: the same grid (a merged cell spans with
 * table:number-rows-spanned / number-columns-spanned and the positions it
 * covers are table:covered-table-cell), the same column widths (a column too
 * narrow for one character widened as the PDF widens it), the header rows in
 * table:table-header-rows so Writer repeats them on every page, the template's
 * rules and grey header, and no rule between paired sub-item rows. A column
 * whose width the source left automatic says so with
 * style:use-optimal-column-width="true" beside the width the PDF gave it; a
 * strategy table with declared columns is named Strategies<n> (docs/odf.md). */
#include "odf_table.h"
#include "odf_styles.h"
#include "xalloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAXC = 16 };

/* Column widths in pt: the PDF's (the caller's widths function), else the
 * table's fractions of the text width (equal shares when it gives none), with
 * every column at least one character wide (room taken from the wide ones). */
static void column_widths(const pp_odf *c, const pp_table *t, int ncols, double width, double colw[MAXC])
{
    if (c->widths && t->ncols == ncols) {
        c->widths(c->measure_ctx, t, width, colw);
        for (int i = 0; i < ncols; i++) if (!(colw[i] >= 1)) colw[i] = 1;
        return;
    }
    double minw = c->t->styles[PP_TS_TABLE].size_pt + 2 * c->t->padding_pt, deficit = 0, spare = 0, sum = 0;
    for (int i = 0; i < ncols; i++) sum += isfinite(t->widths[i]) && t->widths[i] > 0 ? t->widths[i] : 0;
    for (int i = 0; i < ncols; i++) {
        double f = isfinite(t->widths[i]) && t->widths[i] > 0 ? t->widths[i] / sum : 0;
        colw[i] = (sum > 0 ? f : 1.0 / ncols) * width;
        if (colw[i] < minw) deficit += minw - colw[i]; else spare += colw[i] - minw;
    }
    if (deficit > 0 && spare >= deficit)
        for (int i = 0; i < ncols; i++) colw[i] = colw[i] < minw ? minw : colw[i] - (colw[i] - minw) * deficit / spare;
    for (int i = 0; i < ncols; i++) if (colw[i] < 1) colw[i] = 1;   /* ODF wants a positive width */
}

static const char *cell_style(pp_odf_body *bc, bool head, bool top, bool bottom, char out[16])
{
    pp_odf_cstyle want = { head, top, bottom };
    size_t k = 0;
    while (k < bc->ncs && memcmp(&bc->cs[k], &want, sizeof want) != 0) k++;
    if (k == bc->ncs) {
        PP_GROW(bc->cs, bc->capcs, bc->ncs + 1);
        bc->cs[bc->ncs++] = want;
    }
    snprintf(out, 16, "ce%zu", k + 1);
    return out;
}

typedef struct grid {
    int nrows, ncols, nhead;
    int *owner;        /* per position: 1 + the cell that covers it, 0 for none */
    int *row0, *col0;  /* per cell: where it is placed */
    int *rows, *cols;  /* per cell: its span once fitted into the grid (0: not placed) */
    int *into;         /* per cell whose place is taken: the cell its text joins, else -1 */
} grid;

static bool free_area(const grid *g, int r0, int c0, int rs, int cs)
{
    for (int r = r0; r < r0 + rs; r++)
        for (int k = c0; k < c0 + cs; k++)
            if (g->owner[(size_t)r * (size_t)g->ncols + (size_t)k]) return false;
    return true;
}

/* Places every cell; a span reaching past the grid, out of the header rows
 * or over another cell is shortened, a cell outside the grid moves to the nearest position inside it,
 * and a cell whose position is taken gives its text to the cell there
 * (nothing the blocks hold is dropped). */
static void place(grid *g, const pp_table *t)
{
    size_t n = t->ncells;
    g->owner = pp_xcalloc((size_t)g->nrows * (size_t)g->ncols + 1, sizeof *g->owner);
    g->row0 = pp_xcalloc(n + 1, sizeof *g->row0);
    g->col0 = pp_xcalloc(n + 1, sizeof *g->col0);
    g->rows = pp_xcalloc(n + 1, sizeof *g->rows);
    g->cols = pp_xcalloc(n + 1, sizeof *g->cols);
    g->into = pp_xmalloc((n + 1) * sizeof *g->into);
    for (size_t k = 0; k < n; k++) {
        const pp_cell *cell = &t->cells[k];
        g->into[k] = -1;
        int r0 = cell->row < 0 ? 0 : cell->row >= g->nrows ? g->nrows - 1 : cell->row;
        int c0 = cell->col < 0 ? 0 : cell->col >= g->ncols ? g->ncols - 1 : cell->col;
        int at = g->owner[(size_t)r0 * (size_t)g->ncols + (size_t)c0];
        if (at) {
            g->into[k] = at - 1;
            continue;
        }
        int rs = cell->rowspan < 1 ? 1 : cell->rowspan, cs = cell->colspan < 1 ? 1 : cell->colspan;
        if (r0 + rs > g->nrows) rs = g->nrows - r0;
        if (r0 < g->nhead && r0 + rs > g->nhead) rs = g->nhead - r0;   /* a header cell stays in the header rows */
        if (c0 + cs > g->ncols) cs = g->ncols - c0;
        while (cs > 1 && !free_area(g, r0, c0, 1, cs)) cs--;
        while (rs > 1 && !free_area(g, r0, c0, rs, cs)) rs--;
        for (int r = r0; r < r0 + rs; r++)
            for (int q = c0; q < c0 + cs; q++) g->owner[(size_t)r * (size_t)g->ncols + (size_t)q] = (int)k + 1;
        g->row0[k] = r0;
        g->col0[k] = c0;
        g->rows[k] = rs;
        g->cols[k] = cs;
    }
}

static void grid_free(grid *g)
{
    free(g->owner);
    free(g->row0);
    free(g->col0);
    free(g->rows);
    free(g->cols);
    free(g->into);
}

static void cell_paras(pp_odf_body *bc, const pp_cell *cell, double w, bool *any)
{
    for (size_t i = 0; i < cell->npara; i++) {
        pp_odf_para(bc, &cell->paras[i], w, 0);
        *any = true;
    }
}

static void empty_para(pp_odf_body *bc, bool head)
{
    pp_ox_empty(&bc->x, "text:p", "text:style-name", pp_odf_style_name(head ? PP_TS_TABLE_HEAD : PP_TS_TABLE));
}

static void write_row(pp_odf_body *bc, const pp_table *t, const grid *g, int r, const double *colw, size_t nmerged)
{
    pp_ox *x = &bc->x;
    double pad = bc->c->t->padding_pt;
    char name[16];
    pp_ox_start(x, "table:table-row");
    for (int q = 0; q < g->ncols; q++) {
        int own = g->owner[(size_t)r * (size_t)g->ncols + (size_t)q];
        if (!own) {   /* a position no cell of the source fills */
            pp_ox_start(x, "table:table-cell");
            pp_ox_attr(x, "table:style-name", cell_style(bc, r < g->nhead, true, true, name));
            pp_ox_attr(x, "office:value-type", "string");
            empty_para(bc, r < g->nhead);
            pp_ox_end(x);
            continue;
        }
        size_t k = (size_t)own - 1;
        const pp_cell *cell = &t->cells[k];
        if (g->row0[k] != r || g->col0[k] != q) {
            pp_ox_empty(x, "table:covered-table-cell", NULL, NULL);
            continue;
        }
        pp_ox_start(x, "table:table-cell");
        pp_ox_attr(x, "table:style-name", cell_style(bc, cell->head, !cell->join_above, !cell->join_below, name));
        if (g->cols[k] > 1) pp_ox_attrf(x, "table:number-columns-spanned", "%d", g->cols[k]);
        if (g->rows[k] > 1) pp_ox_attrf(x, "table:number-rows-spanned", "%d", g->rows[k]);
        pp_ox_attr(x, "office:value-type", "string");
        double w = -2 * pad;
        for (int i = q; i < q + g->cols[k]; i++) w += colw[i];
        bool any = false;
        cell_paras(bc, cell, w, &any);
        for (size_t j = 0; nmerged && j < t->ncells; j++)
            if (g->into[j] == (int)k) cell_paras(bc, &t->cells[j], w, &any);
        if (!any) empty_para(bc, cell->head);
        pp_ox_end(x);
    }
    pp_ox_end(x);
}

void pp_odf_table(pp_odf_body *bc, const pp_table *t, double width)
{
    const pp_odf *c = bc->c;
    pp_ox *x = &bc->x;
    int ncols = t->ncols < 1 ? 1 : t->ncols > MAXC ? MAXC : t->ncols;
    pp_odf_tstyle ts = { .ncols = ncols, .master = !bc->started && c->first_page ? PP_ODF_MASTER_FIRST : bc->next_master };
    bc->next_master = PP_ODF_MASTER_NONE;
    column_widths(c, t, ncols, width, ts.colw);
    for (int q = 0; q < ncols; q++) ts.optimal[q] = !(isfinite(t->widths[q]) && t->widths[q] > 0);
    PP_GROW(bc->ts, bc->capts, bc->nts + 1);
    bc->ts[bc->nts++] = ts;
    size_t id = bc->nts;

    /* a master page named later than the first block would break the page there */
    bc->started = true;
    grid g = { .nrows = t->nrows < 1 ? 1 : t->nrows, .ncols = ncols };
    g.nhead = t->nhead < 0 ? 0 : t->nhead > g.nrows ? g.nrows : t->nhead;
    place(&g, t);
    size_t nmerged = 0;
    for (size_t k = 0; k < t->ncells; k++) nmerged += g.into[k] >= 0;

    pp_ox_start(x, "table:table");
    /* a strategy table whose source declares its columns (<strategies><columns>)
     * is named Strategies<n>: import then knows its columns are the source's
     * declaration, not a guess at a table of another shape */
    bool declared = t->src && t->src->type == PP_NODE_STRATEGIES && pp_node_child(t->src, PP_NODE_COLUMNS);
    pp_ox_attrf(x, "table:name", "%s%zu", declared ? "Strategies" : "Table", id);
    pp_ox_attrf(x, "table:style-name", "Table%zu", id);
    for (int q = 0; q < ncols; q++) {
        pp_ox_start(x, "table:table-column");
        pp_ox_attrf(x, "table:style-name", "Table%zu.%c", id, 'A' + q);
        pp_ox_end(x);
    }
    if (g.nhead) {
        pp_ox_start(x, "table:table-header-rows");
        for (int r = 0; r < g.nhead; r++) write_row(bc, t, &g, r, ts.colw, nmerged);
        pp_ox_end(x);
    }
    for (int r = g.nhead; r < g.nrows; r++) write_row(bc, t, &g, r, ts.colw, nmerged);
    pp_ox_end(x);
    grid_free(&g);
}

static void border(pp_ox *x, const char *side, bool on, const char *rule)
{
    pp_ox_attr(x, side, on ? rule : "none");
}

void pp_odf_table_styles(const pp_odf_body *bc, pp_ox *x)
{
    const pp_template *t = bc->c->t;
    for (size_t k = 0; k < bc->nts; k++) {
        const pp_odf_tstyle *ts = &bc->ts[k];
        double total = 0;
        for (int q = 0; q < ts->ncols; q++) total += ts->colw[q];
        pp_ox_start(x, "style:style");
        pp_ox_attrf(x, "style:name", "Table%zu", k + 1);
        pp_ox_attr(x, "style:family", "table");
        if (ts->master) pp_ox_attr(x, "style:master-page-name", pp_odf_master_name(ts->master));
        pp_ox_start(x, "style:table-properties");
        pp_ox_len(x, "style:width", total);
        pp_ox_attr(x, "table:align", "margins");
        pp_ox_end(x);
        pp_ox_end(x);
        for (int q = 0; q < ts->ncols; q++) {
            pp_ox_start(x, "style:style");
            pp_ox_attrf(x, "style:name", "Table%zu.%c", k + 1, 'A' + q);
            pp_ox_attr(x, "style:family", "table-column");
            pp_ox_start(x, "style:table-column-properties");
            pp_ox_len(x, "style:column-width", ts->colw[q]);
            pp_ox_attrf(x, "style:rel-column-width", "%ld*", total > 0 ? lround(ts->colw[q] / total * 10000) : 1L);
            /* the widths are the PDF's; this says the source gave none (automatic
             * layout chose them), so that import leaves them automatic */
            if (ts->optimal[q]) pp_ox_attr(x, "style:use-optimal-column-width", "true");
            pp_ox_end(x);
            pp_ox_end(x);
        }
    }
    char rule[64];
    snprintf(rule, sizeof rule, "%.2fpt solid #000000", t->border_pt);
    int gray = (int)(t->head_gray * 255 + 0.5);
    gray = gray < 0 ? 0 : gray > 255 ? 255 : gray;
    for (size_t k = 0; k < bc->ncs; k++) {
        const pp_odf_cstyle *s = &bc->cs[k];
        pp_ox_start(x, "style:style");
        pp_ox_attrf(x, "style:name", "ce%zu", k + 1);
        pp_ox_attr(x, "style:family", "table-cell");
        pp_ox_start(x, "style:table-cell-properties");
        pp_ox_attr(x, "style:vertical-align", "top");
        /* Writer sets a cell's text inside its rules and the padding: the PDF's
         * padding counts from the rules' centre lines, and Writer takes the
         * whole of each rule, so the text keeps the PDF's measure with less */
        double pad = t->padding_pt - (t->border_pt > 0 ? t->border_pt : 0);
        pp_ox_len(x, "fo:padding", pad > 0 ? pad : 0);
        border(x, "fo:border-left", t->border_pt > 0, rule);
        border(x, "fo:border-right", t->border_pt > 0, rule);
        border(x, "fo:border-top", s->top && t->border_pt > 0, rule);
        border(x, "fo:border-bottom", s->bottom && t->border_pt > 0, rule);
        if (s->head) pp_ox_attrf(x, "fo:background-color", "#%02x%02x%02x", gray, gray, gray);
        pp_ox_end(x);
        pp_ox_end(x);
    }
}
