#define _POSIX_C_SOURCE 200809L
#include "import_columns.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the grid ---------------------------------------------------------------------------- */

void pp_imp_grid_build(pp_imp_grid *g, const pp_imp_table *t)
{
    g->rows = t->nrows;
    g->cols = t->ncols > 0 ? t->ncols : 1;
    g->s = pp_xcalloc(g->rows * (size_t)g->cols, sizeof *g->s);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t k = 0; k < t->rows[r].ncells; k++) {
            const pp_imp_cell *c = &t->rows[r].cells[k];
            for (size_t rr = r; rr < r + (size_t)c->rowspan && rr < g->rows; rr++)
                for (int cc = c->col; cc < c->col + c->colspan && cc < g->cols; cc++)
                    if (!g->s[rr * (size_t)g->cols + (size_t)cc].cell) g->s[rr * (size_t)g->cols + (size_t)cc] = (pp_imp_slot){ c, r };
        }
}

void pp_imp_grid_release(pp_imp_grid *g)
{
    free(g->s);
    g->s = NULL;
}

const pp_imp_slot *pp_imp_grid_at(const pp_imp_grid *g, size_t r, int c)
{
    return r < g->rows && c >= 0 && c < g->cols ? &g->s[r * (size_t)g->cols + (size_t)c] : NULL;
}

/* ---- what a header names ------------------------------------------------------------------- */

/* Whether s holds one of the space-separated words. */
static bool any_word(const char *s, const char *words)
{
    for (const char *w = words; *w;) {
        while (*w == ' ') w++;
        size_t n = strcspn(w, " ");
        if (!n) break;
        char word[128];
        if (n < sizeof word) {
            memcpy(word, w, n);
            word[n] = 0;
            if (strstr(s, word)) return true;
        }
        w += n;
    }
    return false;
}

/* What a header holds as the importer reads it: a dimension, a strategy (a
 * group or strategy header: one grid column or the two of 執行策略), units, an
 * outcome; an extra column the template names (*key set); -1 for none. */
static int read_content(pp_colkind k)
{
    switch (k) {
    case PP_COL_DIMENSION: return PP_COL_DIMENSION;
    case PP_COL_GROUP: case PP_COL_STRATEGY: return PP_COL_STRATEGY;
    case PP_COL_UNITS: return PP_COL_UNITS;
    case PP_COL_OUTCOME: return PP_COL_OUTCOME;
    case PP_COL_SUB: return PP_COL_SUB;
    case PP_COL_EXTRA: return PP_COL_EXTRA;
    default: return -1;       /* a score column: kept as an extra column */
    }
}

/* The header's content: the template's column sets' own headers first, then its
 * <column-words> in their order. */
static int header_kind(const pp_template *t, const char *s, const char **key)
{
    *key = NULL;
    if (!*s) return -1;
    for (int i = 0; i < t->ncolsets; i++)
        for (int k = 0; k < t->colsets[i].ncols; k++) {
            const pp_column *col = &t->colsets[i].cols[k];
            if (col->header[0] && strcmp(col->header, s) == 0) {
                int kind = read_content(col->content);
                if (kind == PP_COL_EXTRA) *key = col->key;
                return kind;
            }
        }
    for (int i = 0; i < t->ncolwords; i++) {
        /* a word for the group column names a column of its own (實施要項) */
        int kind = t->colwords[i].content == PP_COL_GROUP ? PP_COL_GROUP : read_content(t->colwords[i].content);
        if (kind >= 0 && kind != PP_COL_EXTRA && any_word(s, t->colwords[i].words)) return kind;
    }
    return -1;
}

/* ---- the header row ------------------------------------------------------------------------ */

void pp_imp_layout_release(pp_imp_layout *l)
{
    for (int i = 0; i < l->n; i++) { free(l->col[i].header); free(l->col[i].shown); }
    l->n = 0;
}

int pp_imp_layout_find(const pp_imp_layout *l, int k)
{
    for (int i = 0; i < l->n; i++) if (l->col[i].kind == k) return i;
    return -1;
}

static void add_col(pp_imp_layout *l, int kind, int g0, int g1, char *header, const char *key)
{
    pp_imp_col *c = &l->col[l->n++];
    *c = (pp_imp_col){ kind, g0, g1, header, NULL, "" };
    if (key) snprintf(c->key, sizeof c->key, "%s", key);
}

/* A header cell's lines (its paragraphs and line breaks), folded, joined by
 * '\n'; NULL when it has one line. */
static char *header_lines(pp_imp_cells *x, const pp_imp_cell *c)
{
    pp_itexts v;
    pp_imp_cell_texts(x, c, PP_IT_UNITS, &v);
    char *out = NULL;
    if (v.n > 1) {
        size_t len = 0;
        for (size_t i = 0; i < v.n; i++) {
            char *s = pp_imp_squash(pp_itext_utf8(&v.v[i], 0));
            out = pp_xrealloc(out, len + strlen(s) + 2);
            if (len) out[len++] = '\n';
            memcpy(out + len, s, strlen(s) + 1);
            len += strlen(s);
            free(s);
        }
    }
    pp_itexts_release(&v);
    return out;
}

bool pp_imp_layout_read(pp_imp_cells *x, const pp_imp_grid *g, pp_imp_layout *l)
{
    memset(l, 0, sizeof *l);
    const pp_imp_table *t = x->t;
    size_t hdr = 0;
    while (hdr < t->nrows && t->rows[hdr].header) hdr++;
    size_t row = hdr ? hdr - 1 : 0;
    if (!t->nrows) return false;
    bool strat = false, outcome = false;
    for (size_t k = 0; k < t->rows[row].ncells && l->n < PP_MAX_COLUMNS; k++) {
        const pp_imp_cell *c = &t->rows[row].cells[k];
        char *h = pp_imp_squash(pp_imp_cell_string(x, c));
        const char *key;
        int kind = header_kind(x->c->t, h, &key);
        if (kind < 0) {                          /* a column no strategy table has */
            add_col(l, PP_IMP_COL_OTHER, c->col, c->col + c->colspan, h, NULL);
            continue;
        }
        if (kind == PP_COL_STRATEGY) strat = true;
        if (kind == PP_COL_OUTCOME) outcome = true;
        if (kind == PP_COL_STRATEGY && c->colspan >= 2 && l->n + 1 < PP_MAX_COLUMNS) {
            /* where the group column ends: the first body cell boundary inside the span */
            int split = c->col + c->colspan;
            for (size_t r = row + 1; r < g->rows; r++) {
                const pp_imp_slot *s = pp_imp_grid_at(g, r, c->col);
                if (s && s->cell && s->cell->col + s->cell->colspan < split) split = s->cell->col + s->cell->colspan;
            }
            if (split >= c->col + c->colspan) split = c->col + 1;
            add_col(l, PP_COL_GROUP, c->col, split, h, NULL);
            add_col(l, PP_COL_STRATEGY, split, c->col + c->colspan, pp_xstrdup(""), NULL);
            continue;
        }
        add_col(l, kind, c->col, c->col + c->colspan, h, key);
        l->col[l->n - 1].shown = header_lines(x, c);
    }
    /* every grid column under one header cell, none left over: declarable as it is */
    l->whole = l->n > 0 && l->col[0].g0 == 0 && l->col[l->n - 1].g1 == g->cols;
    for (int i = 1; i < l->n; i++) if (l->col[i].g0 != l->col[i - 1].g1) l->whole = false;
    if (l->n < (int)t->rows[row].ncells) l->whole = false;
    /* a strategy column beside what is done for it: an outcome, or sub-items */
    l->strategy_like = strat && (outcome || pp_imp_layout_find(l, PP_COL_SUB) >= 0);
    l->header_rows = hdr ? hdr : (l->strategy_like ? 1 : 0);
    return l->strategy_like;
}

const pp_columnset *pp_imp_layout_match(const pp_template *t, const pp_imp_layout *l)
{
    for (int i = 0; i < t->ncolsets; i++) {
        const pp_columnset *cs = &t->colsets[i];
        if (cs->ncols != l->n) continue;
        bool same = true;
        for (int k = 0; k < l->n; k++)
            if ((int)cs->cols[k].content != l->col[k].kind || cs->cols[k].content == PP_COL_EXTRA) same = false;
        if (same) return cs;
    }
    return NULL;
}

/* ---- the declaration ------------------------------------------------------------------------- */

pp_node *pp_imp_layout_declare(pp_imp_layout *l)
{
    pp_node *cols = pp_node_new(PP_NODE_COLUMNS, 0, 0);
    for (int i = 0; i < l->n; i++) {
        pp_imp_col *c = &l->col[i];
        bool taken = false;
        for (int k = 0; k < i; k++)
            if (l->col[k].kind == c->kind && (c->kind != PP_COL_EXTRA || strcmp(l->col[k].key, c->key) == 0)) taken = true;
        if (c->kind == PP_IMP_COL_OTHER || taken) {
            c->kind = PP_COL_EXTRA;
            snprintf(c->key, sizeof c->key, "col%d", i + 1);
        }
        pp_node *col = pp_node_new(PP_NODE_COLUMN, 0, 0);
        col->role = pp_xstrdup(pp_colkind_name(c->kind));
        if (c->kind == PP_COL_EXTRA) col->text = pp_xstrdup(c->key);
        /* the header as printed: a line break where the cell has one (承辦<br/>單位) */
        const char *shown = c->shown ? c->shown : c->header;
        while (*shown) {
            size_t n = strcspn(shown, "\n");
            if (n) {
                pp_node *h = pp_node_new(PP_NODE_TEXT, 0, 0);
                h->text = pp_xstrndup(shown, n);
                pp_node_append(col, h);
            }
            if (!shown[n]) break;
            pp_node_append(col, pp_node_new(PP_NODE_BR, 0, 0));
            shown += n + 1;
        }
        pp_node_append(cols, col);
        /* sub-items in a column of their own were printed a row each, with rules between */
        if (c->kind == PP_COL_SUB) cols->head = cols->numbered = true;
    }
    return cols;
}

void pp_imp_layout_describe(const pp_imp_layout *l, char *buf, size_t cap)
{
    if (cap) buf[0] = 0;
    for (int k = 0; k < l->n; k++) {
        size_t used = strlen(buf);
        const char *name = l->col[k].kind == PP_IMP_COL_OTHER ? "other" : pp_colkind_name(l->col[k].kind);
        snprintf(buf + used, cap - used, "%s%s", k ? " | " : "", name);
    }
}
