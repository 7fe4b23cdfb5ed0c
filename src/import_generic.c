#define _POSIX_C_SOURCE 200809L
#include "import_generic.h"
#include "buf.h"
#include "names.h"
#include "numbering.h"
#include "utf8.h"
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


/* The box planpress prints before each item of a checkbox list (numbering's own). */
static size_t box_mark(char *buf, size_t cap)
{
    return pp_number_format(buf, cap, PP_NUM_CHECKBOX, 1);
}

/* A paragraph whose text starts with the box and goes on: an item of a checkbox
 * list, as the .odt prints one (the box typed before its text). */
static bool box_para(const pp_node *p, const char *box, size_t blen)
{
    if (p->type != PP_NODE_PARAGRAPH || !p->first || p->first->type != PP_NODE_TEXT || !p->first->text) return false;
    const char *t = p->first->text;
    if (strncmp(t, box, blen) != 0) return false;
    char *all = pp_node_text(p);
    bool more = !pp_name_blank(all + blen);
    free(all);
    return more;
}

void pp_imp_cell_checkboxes(pp_node *cell)
{
    char box[16];
    size_t blen = box_mark(box, sizeof box);
    if (!blen || blen >= sizeof box) return;
    for (pp_node *k = cell->first; k;) {
        if (!box_para(k, box, blen)) { k = k->next; continue; }
        pp_node *list = pp_node_new(PP_NODE_LIST, 0, 0);
        list->style = PP_NUM_CHECKBOX;
        /* the list takes the place of its first item's paragraph */
        list->parent = cell;
        list->prev = k->prev;
        list->next = k;
        if (k->prev) k->prev->next = list; else cell->first = list;
        k->prev = list;
        while (k && box_para(k, box, blen)) {
            pp_node *next = k->next;
            pp_node_unlink(k);
            char *t = k->first->text;
            size_t skip = blen;
            while (t[skip] == ' ') skip++;
            memmove(t, t + skip, strlen(t + skip) + 1);
            pp_node *item = pp_node_new(PP_NODE_ITEM, 0, 0);
            pp_node_append(item, k);
            pp_node_append(list, item);
            k = next;
        }
    }
}

/* A number as a score is written: digits, perhaps a decimal part. */
static bool score_number(const char *s, double *v)
{
    size_t i = 0, digits = 0;
    while (s[i] >= '0' && s[i] <= '9') { i++; digits++; }
    if (s[i] == '.') { i++; while (s[i] >= '0' && s[i] <= '9') i++; }
    if (!digits || s[i]) return false;
    *v = strtod(s, NULL);
    return true;
}

/* The score column of a table whose last row is a total: that row holds one
 * number, in a column whose body cells above are all numbers (two or more)
 * adding up to it; its other cells are words or empty (總分：100分). Returns
 * the column (0-based) or -1. */
static int score_column(pp_imp_cells *x, size_t hdr)
{
    const pp_imp_table *t = x->t;
    if (t->nrows < hdr + 3) return -1;
    const pp_imp_row *last = &t->rows[t->nrows - 1];
    int col = -1;
    double total = 0;
    for (size_t k = 0; k < last->ncells; k++) {
        char *s = pp_imp_squash(pp_imp_cell_string(x, &last->cells[k]));
        double v;
        bool num = score_number(s, &v);
        free(s);
        if (!num) continue;
        if (col >= 0 || last->cells[k].colspan != 1) return -1;   /* one number, in one column */
        col = last->cells[k].col;
        total = v;
    }
    if (col < 0 || !(total > 0)) return -1;
    double sum = 0;
    for (size_t r = hdr; r + 1 < t->nrows; r++) {
        const pp_imp_row *row = &t->rows[r];
        const pp_imp_cell *c = NULL;
        for (size_t k = 0; k < row->ncells; k++)
            if (row->cells[k].col == col) c = &row->cells[k];
        if (!c || c->colspan != 1 || c->rowspan != 1) return -1;
        char *s = pp_imp_squash(pp_imp_cell_string(x, c));
        double v;
        bool num = score_number(s, &v);
        free(s);
        if (!num) return -1;
        sum += v;
    }
    return sum > total - 1e-6 && sum < total + 1e-6 ? col : -1;
}

/* The score column as score-column= names it: its header text when that names
 * no other column, else its place (1-based). */
static char *score_name(pp_imp_cells *x, size_t hdr, int col)
{
    const pp_imp_table *t = x->t;
    char *name = NULL;
    int same = 0;
    for (size_t r = 0; r < hdr; r++)
        for (size_t k = 0; k < t->rows[r].ncells; k++) {
            const pp_imp_cell *c = &t->rows[r].cells[k];
            char *s = pp_imp_squash(pp_imp_cell_string(x, c));
            if (c->col == col && c->colspan == 1 && r + 1 == hdr) { free(name); name = pp_xstrdup(s); }
            free(s);
        }
    for (size_t k = 0; name && *name && hdr && k < t->rows[hdr - 1].ncells; k++) {
        char *s = pp_imp_squash(pp_imp_cell_string(x, &t->rows[hdr - 1].cells[k]));
        same += strcmp(s, name) == 0;
        free(s);
    }
    if (name && *name && same == 1) return name;
    free(name);
    char num[16];
    snprintf(num, sizeof num, "%d", col + 1);
    return pp_xstrdup(num);
}

/* Whether every body cell of grid column col that has text is set centred. */
static bool centred_column(const pp_imp_table *t, size_t hdr, int col)
{
    int seen = 0;
    for (size_t r = hdr; r < t->nrows; r++)
        for (size_t k = 0; k < t->rows[r].ncells; k++) {
            const pp_imp_cell *c = &t->rows[r].cells[k];
            if (c->col != col || c->colspan != 1) continue;
            for (size_t i = 0; i < c->blocks.n; i++) {
                const pp_imp_para *p = c->blocks.v[i].para;
                if (!p || pp_imp_para_blank(p)) continue;
                if (!p->center) return false;
                seen++;
            }
        }
    return seen >= 2;
}

/* A header cell is set line by line as its author broke it (預定<br/>場次): when
 * the cell is one plain paragraph whose lines the flow joined, the breaks go back. */
static void header_breaks(pp_imp_cells *x, const pp_imp_cell *c, pp_node *cell)
{
    pp_node *p = cell->first;
    if (!p || p != cell->last || p->type != PP_NODE_PARAGRAPH) return;
    for (const pp_node *k = p->first; k; k = k->next) if (k->type != PP_NODE_TEXT) return;
    pp_itexts lines;
    pp_imp_cell_texts(x, c, PP_IT_UNITS, &lines);
    pp_buf all = PP_BUF_INIT;
    char **s = pp_xcalloc(lines.n + 1, sizeof *s);
    for (size_t i = 0; i < lines.n; i++) {
        s[i] = pp_itext_utf8(&lines.v[i], 0);
        pp_buf_puts(&all, s[i]);
    }
    char *joined = pp_node_text(p);
    if (lines.n > 1 && !strcmp(joined, pp_buf_str(&all))) {
        while (p->first) pp_node_free(p->first);
        for (size_t i = 0; i < lines.n; i++) {
            if (i) pp_node_append(p, pp_node_new(PP_NODE_BR, 0, 0));
            pp_node *t = pp_node_new(PP_NODE_TEXT, 0, 0);
            t->text = pp_xstrdup(s[i]);
            pp_node_append(p, t);
        }
    }
    free(joined);
    for (size_t i = 0; i < lines.n; i++) free(s[i]);
    free(s);
    pp_buf_release(&all);
    pp_itexts_release(&lines);
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
            if (r < hdr) header_breaks(x, c, cell);
            pp_imp_cell_checkboxes(cell);
            if (r >= hdr && c->colspan == 1 && c->col >= 0 && c->col < COLS) {
                char *text = pp_node_text(cell);
                if (pp_name_blank(text)) empty[c->col]++;
                else filled[c->col]++;
                free(text);
            }
        }
    }
    int score = score_column(x, hdr);
    if (score >= 0) {
        tab->role = score_name(x, hdr, score);   /* score-column="配分" */
        tab->last->head = true;                  /* the last row: total="yes" */
    }
    bool declare = false, centre[COLS] = { false };
    for (int k = 0; k < COLS && k < t->ncols; k++) {
        centre[k] = centred_column(t, hdr, k);
        declare |= (empty[k] >= 2 && !filled[k]) || centre[k];
    }
    if (declare && t->ncols <= COLS) {
        pp_node *cols = pp_node_new(PP_NODE_COLUMNS, 0, 0);
        for (int k = 0; k < t->ncols; k++) {
            pp_node *col = pp_node_new(PP_NODE_COLUMN, 0, 0);
            col->head = empty[k] >= 2 && !filled[k];   /* blank="yes" */
            if (centre[k]) col->align = PP_ALIGN_CENTER;
            pp_node_append(cols, col);
        }
        /* with the columns declared, their widths go with them */
        if (tab->text) {
            const char *w = tab->text;
            for (pp_node *col = cols->first; col; col = col->next) {
                char *end;
                double v = strtod(w, &end);
                col->width = v > 0 && v <= 1 ? v : 0;
                w = end;
            }
            free(tab->text);
            tab->text = NULL;
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

