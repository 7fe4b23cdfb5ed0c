#define _POSIX_C_SOURCE 200809L
#include "import_generic.h"
#include "buf.h"
#include "names.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool table_caption(const pp_itext *t)
{
    /* 表1 表一 表 1-1 */
    if (t->n < 2 || t->cp[0] != 0x8868) return false;
    uint32_t c = t->cp[1] == ' ' && t->n > 2 ? t->cp[2] : t->cp[1];
    return (c >= '0' && c <= '9') || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94 ||
           c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D || c == 0x5341;
}

pp_node *pp_imp_generic_table(pp_imp_cells *x, pp_itext *caption, bool *used)
{
    const pp_imp_table *t = x->t;
    pp_node *tab = pp_node_new(PP_NODE_TABLE, 0, 0);
    if (t->widths && t->ncols > 0 && t->ncols <= 64) {
        double sum = 0;
        for (int k = 0; k < t->ncols; k++) sum += t->widths[k];
        if (sum > 0) {
            pp_buf b = PP_BUF_INIT;
            for (int k = 0; k < t->ncols; k++) pp_buf_printf(&b, "%s%.3f", k ? " " : "", t->widths[k] / sum);
            tab->text = pp_buf_take(&b);
        }
    }
    if (caption && table_caption(caption)) {
        pp_node *cap = pp_node_new(PP_NODE_CAPTION, 0, 0);
        pp_itext_inline(caption, 0, caption->n, cap);
        pp_node_append(tab, cap);
        *used = true;
    }
    size_t hdr = 0;
    while (hdr < t->nrows && t->rows[hdr].header) hdr++;
    if (hdr == t->nrows) hdr = 0;            /* all header rows: they are the body */
    pp_node *head = NULL;
    /* a column every body row leaves empty is one to fill by hand (評分, 紀錄事項) */
    enum { COLS = 16 };
    int empty[COLS] = { 0 }, filled[COLS] = { 0 };
    for (size_t r = 0; r < t->nrows; r++) {
        const pp_imp_row *row = &t->rows[r];
        if (!row->ncells) continue;
        pp_node *rn = pp_node_new(PP_NODE_ROW, 0, 0);
        if (r < hdr) {
            if (!head) { head = pp_node_new(PP_NODE_HEAD, 0, 0); pp_node_append(tab, head); }
            pp_node_append(head, rn);
        } else {
            pp_node_append(tab, rn);
        }
        for (size_t k = 0; k < row->ncells; k++) {
            const pp_imp_cell *c = &row->cells[k];
            pp_node *cell = pp_node_new(PP_NODE_CELL, 0, 0);
            /* a span reaching past the header rows, or past the table, is cut there */
            size_t limit = r < hdr ? hdr : t->nrows;
            cell->rowspan = r + (size_t)c->rowspan > limit ? (int)(limit - r) : c->rowspan;
            cell->colspan = c->colspan;
            pp_node_append(rn, cell);
            pp_itexts v;
            pp_imp_cell_texts(x, c, PP_IT_CELL, &v);
            pp_imp_flow(x->c, v.v, v.n, cell);
            pp_itexts_release(&v);
            if (r >= hdr && c->colspan == 1 && c->col >= 0 && c->col < COLS) {
                char *text = pp_node_text(cell);
                if (pp_name_blank(text)) empty[c->col]++;
                else filled[c->col]++;
                free(text);
            }
        }
    }
    bool any_blank = false;
    for (int k = 0; k < COLS && k < t->ncols; k++) any_blank |= empty[k] >= 2 && !filled[k];
    if (any_blank && t->ncols <= COLS) {
        pp_node *cols = pp_node_new(PP_NODE_COLUMNS, 0, 0);
        for (int k = 0; k < t->ncols; k++) {
            pp_node *col = pp_node_new(PP_NODE_COLUMN, 0, 0);
            col->head = empty[k] >= 2 && !filled[k];   /* blank="yes" */
            pp_node_append(cols, col);
        }
        /* <columns> comes first: the table's children move after it */
        pp_node *kids = pp_node_new(PP_NODE_TABLE, 0, 0);
        while (tab->first) {
            pp_node *k = tab->first;
            pp_node_unlink(k);
            pp_node_append(kids, k);
        }
        pp_node_append(tab, cols);
        while (kids->first) {
            pp_node *k = kids->first;
            pp_node_unlink(k);
            pp_node_append(tab, k);
        }
        pp_node_free(kids);
    }
    if (!pp_node_child(tab, PP_NODE_ROW)) {
        /* header rows only: they are the body; no rows at all: no table */
        pp_node *h = pp_node_child(tab, PP_NODE_HEAD);
        if (!h) { pp_node_free(tab); return NULL; }
        while (h->first) {
            pp_node *r = h->first;
            h->first = r->next;
            if (h->first) h->first->prev = NULL;
            pp_node_append(tab, r);
        }
        h->last = NULL;
        if (h->prev) h->prev->next = h->next; else tab->first = h->next;
        if (h->next) h->next->prev = h->prev; else tab->last = h->prev;
        h->next = NULL;
        pp_node_free(h);
    }
    return tab;
}

