#define _POSIX_C_SOURCE 200809L
#include "rules.h"
#include "caps.h"
#include "columns.h"
#include "profile_check.h"
#include "typed_labels.h"
#include "buf.h"
#include "names.h"
#include "numbering.h"
#include "punct_check.h"
#include "roc_dates.h"
#include "xalloc.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef struct seen_strategy { char *key; const pp_node *n; } seen_strategy;

typedef struct ctx {
    const pp_doc *doc;
    const pp_template *t;
    const pp_profile *profile;   /* NULL: an unknown kind (already reported) */
    pp_diag *d;
    bool has_units;          /* the current strategy table has a units column */
    bool has_outcome;        /* ... and an outcome column */
    const pp_node *cur_table;    /* the generic table whose scores are being added */
    seen_strategy *seen;     /* strategies so far, for duplicates */
    size_t nseen, capseen;
} ctx;

/* What a row's outcome is called: the profile's element, else both. */
static const char *outcome_word(const ctx *c)
{
    return c->profile && c->profile->outcome ? c->profile->outcome : "actions or results";
}

/* A date that does not exist, reported where it stands in the text. The text is
 * one node's or a paragraph's concatenated text nodes (segs); each segment knows
 * where its node starts, and the date's line and column follow from that. */
typedef struct textseg { size_t start; const pp_node *node; } textseg;

typedef struct datectx {
    ctx *c;
    const char *text;
    const textseg *seg;
    size_t nseg;
    long line, col;          /* the element holding the text, when no segment is known */
} datectx;

static void bad_date(void *arg, size_t start, size_t end, const char *why)
{
    datectx *x = arg;
    long line = x->line, col = x->col;
    size_t k = 0;
    while (k + 1 < x->nseg && x->seg[k + 1].start <= start) k++;
    if (x->nseg && x->seg[k].node->line > 0) {
        /* count lines and characters from the segment's start to the date */
        line = x->seg[k].node->line;
        col = x->seg[k].node->col > 0 ? x->seg[k].node->col : 1;
        for (size_t i = x->seg[k].start; i < start; i++) {
            unsigned char b = (unsigned char)x->text[i];
            if (b == '\n') { line++; col = 1; }
            else if ((b & 0xC0) != 0x80) col++;
        }
    }
    char *lit = pp_xstrndup(x->text + start, end - start);
    pp_msg(x->c->d, PP_LOC(x->c->doc->file, line, col), TEXT_DATE, lit, why);
    free(lit);
}

/* The dates of a string that belongs to node n (an attribute or a unit's text). */
static void scan_dates(ctx *c, const pp_node *n, const char *s)
{
    /* an attribute's text (a title) starts where its value does */
    pp_node at = { .line = n->text_line ? n->text_line : n->line, .col = n->text_line ? n->text_col : n->col };
    textseg seg = { 0, &at };
    datectx x = { .c = c, .text = s, .seg = &seg, .nseg = 1, .line = n->line, .col = n->col };
    pp_roc_dates_scan(s, strlen(s), bad_date, &x);
}

/* The text of an inline subtree, with where each of its text nodes starts in it. */
static void collect_text(const pp_node *n, pp_buf *b, textseg **seg, size_t *nseg, size_t *cap)
{
    for (const pp_node *k = n->first; k; k = k->next) {
        if (k->type == PP_NODE_TEXT && k->text) {
            PP_GROW(*seg, *cap, *nseg + 1);
            (*seg)[(*nseg)++] = (textseg){ b->len, k };
            pp_buf_puts(b, k->text);
        } else {
            collect_text(k, b, seg, nseg, cap);
        }
    }
}

static void scan_inline_dates(ctx *c, const pp_node *n, const pp_node *anchor)
{
    pp_buf b = PP_BUF_INIT;
    textseg *seg = NULL;
    size_t nseg = 0, cap = 0;
    collect_text(n, &b, &seg, &nseg, &cap);
    datectx x = { .c = c, .text = pp_buf_str(&b), .seg = seg, .nseg = nseg, .line = anchor->line, .col = anchor->col };
    pp_roc_dates_scan(x.text, b.len, bad_date, &x);
    free(seg);
    pp_buf_release(&b);
}

/* Content a table's columns have no place for would be lost or overprinted:
 * every kind of content present needs a column (or, for dimensions, a caption). */
static void check_places(ctx *c, const pp_node *n, const pp_columnset *cs, const char *set_name, bool *said)
{
    for (const pp_node *x = n->first; x; x = x->next) {
        int need = -1;
        switch (x->type) {
        case PP_NODE_GROUP: need = PP_COL_GROUP; break;
        case PP_NODE_UNITS: need = PP_COL_UNITS; break;
        case PP_NODE_ACTIONS: case PP_NODE_RESULTS: need = PP_COL_OUTCOME; break;
        case PP_NODE_EXTRA: need = PP_COL_EXTRA; break;
        default: break;
        }
        if (need >= 0 && !said[need] && pp_columns_find(cs, (pp_colkind)need, x->type == PP_NODE_EXTRA ? x->text : NULL) < 0) {
            /* a group may take a strategy column when it has no strategies of its own (開放參與) */
            bool fallback = need == PP_COL_GROUP && pp_columns_find(cs, PP_COL_STRATEGY, NULL) >= 0 &&
                            !pp_node_child(x, PP_NODE_STRATEGY);
            if (!fallback) {
                const char *what = x->type == PP_NODE_EXTRA ? "extra" : x->type == PP_NODE_GROUP ? "group"
                                 : x->type == PP_NODE_UNITS ? "units" : x->type == PP_NODE_ACTIONS ? "actions" : "results";
                char key[96] = "";
                if (x->type == PP_NODE_EXTRA) snprintf(key, sizeof key, " key=\"%.80s\"", x->text ? x->text : "");
                pp_msg(c->d, PP_LOC(c->doc->file, x->line, x->col), NO_PLACE, what, key, set_name, pp_colkind_name(need));
                if (need != PP_COL_EXTRA) said[need] = true;   /* once per kind per table */
            }
        }
        if (x->type == PP_NODE_DIMENSION || x->type == PP_NODE_GROUP || x->type == PP_NODE_STRATEGY || x->type == PP_NODE_SUB)
            check_places(c, x, cs, set_name, said);
    }
}

/* A node's score against its children's: they add up where both are given. */
static void check_score_sum(ctx *c, const pp_node *n)
{
    long sum = 0;
    int scored = 0;
    for (const pp_node *x = n->first; x; x = x->next)
        if ((x->type == PP_NODE_GROUP || x->type == PP_NODE_STRATEGY || x->type == PP_NODE_SUB) && x->score) {
            sum += x->score;
            scored++;
        }
    if (scored && n->score && sum != n->score) {
        char who[200];
        pp_name_describe(who, sizeof who, n);
        pp_msg(c->d, PP_LOC(c->doc->file, n->line, n->col), PARTS_SUM, sum, who, n->score);
    }
}

static void check_table(ctx *c, const pp_node *st)
{
    pp_columnset cs;
    c->has_units = c->has_outcome = false;
    if (pp_resolve_columns(st, c->t, c->profile, &cs) != 0) {
        const char *name = pp_columns_preset_name(st, c->t, c->profile);
        pp_msg(c->d, PP_LOC(c->doc->file, st->line, st->col), NO_COLUMN_SET, c->t->name, name ? name : "(default)");
    } else {
        c->has_units = pp_columns_find(&cs, PP_COL_UNITS, NULL) >= 0;
        c->has_outcome = pp_columns_find(&cs, PP_COL_OUTCOME, NULL) >= 0;
        bool said[PP_COL__COUNT] = { 0 };
        const char *name = pp_node_child(st, PP_NODE_COLUMNS) ? "declared" : pp_columns_preset_name(st, c->t, c->profile);
        check_places(c, st, &cs, name ? name : "", said);
        pp_columnset_release(&cs);
    }
    if (!st->score) return;
    long sum = 0;
    int ndims = 0;
    for (const pp_node *dim = st->first; dim; dim = dim->next)
        if (dim->type == PP_NODE_DIMENSION) { ndims++; sum += dim->score; }
    if (!ndims)
        pp_msg(c->d, PP_LOC(c->doc->file, st->line, st->col), TOTAL_NO_DIMENSIONS, st->score);
    else if (sum != st->score)
        pp_msg(c->d, PP_LOC(c->doc->file, st->line, st->col), SCORES_SUM, sum, st->score);
}

static void check_units(ctx *c, const pp_node *units, const pp_node *owner)
{
    for (const pp_node *u = units->first; u; u = u->next) {
        if (u->type != PP_NODE_UNIT || !pp_name_blank(u->text ? u->text : "")) continue;
        char who[200];
        pp_name_describe(who, sizeof who, owner);
        pp_msg(c->d, PP_LOC(c->doc->file, u->line, u->col), EMPTY_UNIT, who);
    }
}

static const pp_node *outcome_of(const pp_node *owner)
{
    const pp_node *o = pp_node_child(owner, PP_NODE_ACTIONS);
    return o ? o : pp_node_child(owner, PP_NODE_RESULTS);
}

/* A row owner: a strategy without sub-items, a sub-item, or a strategy-less group. */
static void check_row(ctx *c, const pp_node *owner, bool units_above)
{
    char who[200];
    pp_name_describe(who, sizeof who, owner);
    const pp_node *units = pp_node_child(owner, PP_NODE_UNITS);
    if (units) check_units(c, units, owner);
    if (units && units_above)
        pp_msg(c->d, PP_LOC(c->doc->file, units->line, units->col), UNITS_TWICE, who);
    else if (c->has_units && !units && !units_above && owner->type == PP_NODE_SUB) {
        /* a strategy whose sub-items have no units at all is reported once, on the strategy */
        bool any = false;
        for (const pp_node *s = owner->parent->first; s; s = s->next)
            if (s->type == PP_NODE_SUB && pp_node_child(s, PP_NODE_UNITS)) any = true;
        if (any) pp_msg(c->d, PP_LOC(c->doc->file, owner->line, owner->col), NO_UNITS, who);
    } else if (c->has_units && !units && !units_above) {
        pp_msg(c->d, PP_LOC(c->doc->file, owner->line, owner->col), NO_UNITS, who);
    }
    if (!outcome_of(owner) && c->has_outcome)
        pp_msg(c->d, PP_LOC(c->doc->file, owner->line, owner->col), NO_OUTCOME, who, outcome_word(c));
}

static void check_strategy(ctx *c, const pp_node *st)
{
    char who[200];
    pp_name_describe(who, sizeof who, st);
    const pp_node *name = pp_node_child(st, PP_NODE_NAME);
    char *text = pp_name_of_strategy(st);
    if (pp_name_blank(text)) {
        pp_msg(c->d, PP_LOC(c->doc->file, name ? name->line : st->line, name ? name->col : st->col), EMPTY_NAME);
    } else {
        char *key = pp_name_key(text);
        size_t i = 0;
        while (i < c->nseen && strcmp(c->seen[i].key, key) != 0) i++;
        if (i < c->nseen) {
            pp_msg(c->d, PP_LOC(c->doc->file, st->line, st->col), DUPLICATE, who, c->seen[i].n->line, c->seen[i].n->col);
            free(key);
        } else {
            PP_GROW(c->seen, c->capseen, c->nseen + 1);
            c->seen[c->nseen++] = (seen_strategy){ key, st };
        }
    }
    free(text);
    bool subs = pp_node_child(st, PP_NODE_SUB) != NULL;
    if (!subs) { check_row(c, st, false); return; }
    const pp_node *units = pp_node_child(st, PP_NODE_UNITS);
    if (units) check_units(c, units, st);
    const pp_node *o = outcome_of(st);
    if (o)
        pp_msg(c->d, PP_LOC(c->doc->file, o->line, o->col), OUTCOME_LOST, who, o->type == PP_NODE_ACTIONS ? "actions" : "results");
    if (c->has_units && !units) {
        bool any = false;
        for (const pp_node *s = st->first; s; s = s->next)
            if (s->type == PP_NODE_SUB && pp_node_child(s, PP_NODE_UNITS)) any = true;
        if (!any) pp_msg(c->d, PP_LOC(c->doc->file, st->line, st->col), NO_UNITS, who);
    }
}

static void check_outcome(ctx *c, const pp_node *o)
{
    char who[200];
    pp_name_describe(who, sizeof who, o->parent);
    const char *el = o->type == PP_NODE_ACTIONS ? "actions" : "results";
    char *text = pp_node_text(o);
    if (pp_name_blank(text)) pp_msg(c->d, PP_LOC(c->doc->file, o->line, o->col), EMPTY_OUTCOME, el, who);
    free(text);
    const pp_profile *p = c->profile;
    if (p && p->outcome && strcmp(p->outcome, el) != 0)
        pp_msg(c->d, PP_LOC(c->doc->file, o->line, o->col), OUTCOME_KIND, who, el, p->noun, p->outcome);
}

static void check_group(ctx *c, const pp_node *g)
{
    char *key = pp_name_key(g->text ? g->text : "");
    for (const pp_node *p = g->prev; p; p = p->prev) {
        if (p->type != PP_NODE_GROUP) continue;
        char *pk = pp_name_key(p->text ? p->text : "");
        bool same = strcmp(pk, key) == 0;
        free(pk);
        if (!same) continue;
        char who[200];
        pp_name_describe(who, sizeof who, g);
        pp_msg(c->d, PP_LOC(c->doc->file, g->line, g->col), DUPLICATE, who, p->line, p->col);
        break;
    }
    free(key);
    if (!pp_node_child(g, PP_NODE_STRATEGY)) check_row(c, g, false);
}

/* A column declared blank="yes" is left empty on purpose (評分, to fill by hand):
 * blank[k] for each column, read once per table (not once per cell: the table's
 * rows come before nothing, so a search among its children is as long as the table). */
static void blank_columns(const pp_node *table, bool blank[PP_MAX_COLUMNS])
{
    memset(blank, 0, PP_MAX_COLUMNS * sizeof blank[0]);
    const pp_node *cols = pp_node_child(table, PP_NODE_COLUMNS);
    int k = 0;
    for (const pp_node *c = cols ? cols->first : NULL; c && k < PP_MAX_COLUMNS; c = c->next)
        if (c->type == PP_NODE_COLUMN) blank[k++] = c->head;
}

/* row_no: the row's 1-based place among the rows of its part (header or body). */
static void check_cell(ctx *c, const pp_node *cell, int row_no)
{
    char *text = pp_node_text(cell);
    bool empty = pp_name_blank(text);
    free(text);
    if (!empty) return;
    int k = 1;
    for (const pp_node *p = cell->prev; p; p = p->prev) if (p->type == PP_NODE_CELL) k++;
    const pp_node *row = cell->parent;
    bool head = row->parent && row->parent->type == PP_NODE_HEAD;
    pp_msg(c->d, PP_LOC(c->doc->file, cell->line, cell->col), EMPTY_CELL, k, head ? "header" : "table", row_no);
}

/* ---- scored generic tables ---------------------------------------------------
 * <table score-column="配分" total="100">: the numbers of that column (named by
 * its header text or its 1-based place) add up to the total, given on the
 * table or in a row marked total="yes". */

/* The first number in a cell's text ("30", "40.5分"), or NAN. */
static double cell_number(const pp_node *cell)
{
    char *text = pp_node_text(cell);
    double v = NAN;
    for (char *p = text; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p == '-' && p[1] >= '0' && p[1] <= '9')) { v = strtod(p, NULL); break; }
    }
    free(text);
    return v;
}

/* Calls fn for every cell with the column it starts in (as lower places them). */
typedef struct scored {
    ctx *c; int col; double sum, total_row; bool has_total_row; const pp_node *total_at; int found;
    int row_no;                       /* place_cells: the current row's place in its part, from 1 */
    bool blank[PP_MAX_COLUMNS];       /* warn_empty: the columns declared blank */
} scored;

static void place_cells(const pp_node *table, void (*fn)(scored *, const pp_node *row, const pp_node *cell, int col, bool head),
                        scored *sc)
{
    int busy[PP_MAX_COLUMNS] = { 0 };
    for (int pass = 0; pass < 2; pass++) {
        sc->row_no = 0;
        for (const pp_node *r = table->first; r; r = r->next) {
            bool head = r->type == PP_NODE_HEAD;
            if ((pass == 0) != head || (r->type != PP_NODE_ROW && !head)) continue;
            if (head) sc->row_no = 0;
            else sc->row_no++;
            for (const pp_node *row = head ? r->first : r; row; row = head ? row->next : NULL) {
                if (head && row->type == PP_NODE_ROW) sc->row_no++;
                int col = 0;
                for (const pp_node *cell = row->first; cell; cell = cell->next) {
                    while (col < PP_MAX_COLUMNS && busy[col] > 0) col++;
                    if (col + cell->colspan > PP_MAX_COLUMNS) break;
                    fn(sc, row, cell, col, head);
                    for (int k = 0; k < cell->colspan; k++) busy[col + k] = cell->rowspan;
                    col += cell->colspan;
                }
                for (int k = 0; k < PP_MAX_COLUMNS; k++) if (busy[k] > 0) busy[k]--;
            }
        }
    }
}

static void find_score_column(scored *sc, const pp_node *row, const pp_node *cell, int col, bool head)
{
    (void)row;
    if (!head || sc->col >= 0) return;
    char *text = pp_node_text(cell), *key = pp_name_key(text), *want = pp_name_key(sc->c->cur_table->role);
    if (strcmp(key, want) == 0) sc->col = col;
    free(text); free(key); free(want);
}

static void add_score(scored *sc, const pp_node *row, const pp_node *cell, int col, bool head)
{
    if (head || col != sc->col || cell->colspan != 1) return;
    double v = cell_number(cell);
    if (isnan(v)) return;
    sc->found++;
    if (row->head) { sc->total_row = v; sc->has_total_row = true; sc->total_at = cell; }
    else sc->sum += v;
}

static void check_scored_table(ctx *c, const pp_node *table)
{
    if (!table->role) return;
    c->cur_table = table;
    scored sc = { .c = c, .col = -1 };
    char *end;
    long k = strtol(table->role, &end, 10);
    if (*table->role && !*end && k >= 1 && k <= PP_MAX_COLUMNS) sc.col = (int)k - 1;
    else place_cells(table, find_score_column, &sc);
    pp_loc at = PP_LOC(c->doc->file, table->line, table->col);
    if (sc.col < 0) { pp_msg(c->d, at, NO_SCORE_COLUMN, table->role); return; }
    place_cells(table, add_score, &sc);
    double total = table->score ? table->score / 1000.0 : sc.total_row;
    if (!table->score && !sc.has_total_row) { pp_msg(c->d, at, NO_TOTAL, table->role); return; }
    if (table->score && sc.has_total_row && fabs(sc.total_row - total) > 1e-6)
        pp_msg(c->d, PP_LOC(c->doc->file, sc.total_at->line, sc.total_at->col), TOTAL_ROW_DIFFERS, sc.total_row, total);
    if (fabs(sc.sum - total) > 1e-6) pp_msg(c->d, at, SCORE_COLUMN_SUM, table->role, sc.sum, total);
}

static void warn_empty(scored *sc, const pp_node *row, const pp_node *cell, int col, bool head)
{
    (void)row; (void)head;
    if (!sc->blank[col]) check_cell(sc->c, cell, sc->row_no);
}

static void check_empty_cells(ctx *c, const pp_node *table)
{
    c->cur_table = table;
    scored sc = { .c = c, .col = -1 };
    blank_columns(table, sc.blank);
    place_cells(table, warn_empty, &sc);
}

/* A label typed into the text that planpress prints anyway (「一、一、」): the
 * text is the node's own (a title or name) or that of `inl`'s first text. */
static void check_typed(ctx *c, const pp_node *n, const pp_node *inl)
{
    if (!n->label || n->has_label) return;
    const pp_node *t = NULL;
    const char *text = n->text;
    long line = n->text_line ? n->text_line : n->line, col = n->text_line ? n->text_col : n->col;
    if (inl) {
        for (t = inl->first; t && t->type != PP_NODE_TEXT; t = t->next) {}
        if (!t || !t->text) return;
        text = t->text;
        line = t->line;
        col = t->col;
    }
    if (!text) return;
    int typed, own;
    size_t k = pp_typed_label(text, &typed);
    if (!k || !pp_typed_label(n->label, &own) || typed != own) return;
    char lit[64];
    size_t skip = 0;
    while (text[skip] == ' ' || text[skip] == '\t' || text[skip] == '\n') skip++;
    snprintf(lit, sizeof lit, "%.*s", (int)(k - skip < 60 ? k - skip : 60), text + skip);
    pp_msg(c->d, PP_LOC(c->doc->file, line, col), TYPED_LABEL, lit, n->label, n->label, lit);
}

static void walk(ctx *c, const pp_node *n)
{
    for (const pp_node *x = n->first; x; x = x->next) {
        switch (x->type) {
        case PP_NODE_SECTION:
            if (x->text) scan_dates(c, x, x->text);
            check_typed(c, x, NULL);
            break;
        case PP_NODE_STRATEGIES: check_table(c, x); break;
        case PP_NODE_ITEM: check_typed(c, x, x->first && x->first->type == PP_NODE_PARAGRAPH ? x->first : NULL); break;
        case PP_NODE_DIMENSION:
            if (x->text) scan_dates(c, x, x->text);
            if (!x->score && x->parent->type == PP_NODE_STRATEGIES && x->parent->score) {
                char who[200];
                pp_name_describe(who, sizeof who, x);
                pp_msg(c->d, PP_LOC(c->doc->file, x->line, x->col), DIMENSION_NO_SCORE, who, x->parent->score);
            }
            break;
        case PP_NODE_GROUP:
            if (x->text) scan_dates(c, x, x->text);
            check_group(c, x);
            check_typed(c, x, NULL);
            check_score_sum(c, x);
            break;
        case PP_NODE_STRATEGY:
            check_strategy(c, x);
            check_typed(c, x, pp_node_child(x, PP_NODE_NAME));
            check_score_sum(c, x);
            break;
        case PP_NODE_SUB: {
            const pp_node *desc = pp_node_child(x, PP_NODE_DESC);
            char *text = pp_node_text(desc);
            if (pp_name_blank(text)) {
                char who[200];
                pp_name_describe(who, sizeof who, x);
                pp_msg(c->d, PP_LOC(c->doc->file, desc ? desc->line : x->line, desc ? desc->col : x->col), EMPTY_DESC, who);
            }
            free(text);
            check_row(c, x, pp_node_child(x->parent, PP_NODE_UNITS) != NULL);
            break;
        }
        case PP_NODE_ACTIONS: case PP_NODE_RESULTS: check_outcome(c, x); break;
        case PP_NODE_TABLE: check_scored_table(c, x); check_empty_cells(c, x); break;
        case PP_NODE_UNIT:
            if (x->text) scan_dates(c, x, x->text);
            break;
        case PP_NODE_PARAGRAPH: case PP_NODE_NOTE: case PP_NODE_CAPTION: case PP_NODE_NAME:
            /* a paragraph may be an unmarked run of text: its parent element is the anchor */
            scan_inline_dates(c, x, x->type == PP_NODE_PARAGRAPH && x->parent ? x->parent : x);
            continue;                     /* inline content only below */
        default: break;
        }
        walk(c, x);
    }
}

void pp_rules_check(const pp_doc *doc, const pp_template *t, pp_diag *d)
{
    ctx c = { .doc = doc, .t = t, .d = d };
    c.profile = pp_profile_check(doc, t, d);
    for (size_t i = 0; i < doc->meta.nissued; i++) {
        const pp_issued *is = &doc->meta.issued[i];
        pp_node at = { .line = is->line, .col = is->col };
        if (is->text) scan_dates(&c, &at, is->text);
    }
    walk(&c, doc->root);
    pp_punct_check(doc, d);
    for (size_t i = 0; i < c.nseen; i++) free(c.seen[i].key);
    free(c.seen);
}

