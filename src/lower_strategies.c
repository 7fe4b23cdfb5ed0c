#include "lower_strategies.h"
#include "columns.h"
#include "resolve.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

/* ---- strategy tables ---------------------------------------------------- */
typedef struct stab {
    pp_lowering *c;
    const pp_columnset *cs;
    pp_lower_grid g;
    int col[PP_COL__COUNT];   /* column index per pp_colkind, -1 if the set has none */
    int row;
    bool overflow;
} stab;

static const char *label_or_empty(const pp_node *n) { return n->label ? n->label : ""; }

/* Name cell paragraph: label + name, and the description run in after it. */
static void name_paras(stab *s, pp_lower_pvec *pv, const pp_node *owner, const char *name_text)
{
    pp_para *p = pp_lower_pv_add(pv, PP_TS_TABLE, PP_SR_CELL, owner);
    pp_lower_tbuf b = { 0 };
    bool br = false;
    const pp_node *name = pp_node_child(owner, PP_NODE_NAME);
    if (name) pp_lower_tb_inline(&b, name, 0, &br);
    else pp_lower_tb_utf8(&b, name_text, 0);
    const pp_node *desc = pp_node_child(owner, PP_NODE_DESC);
    const pp_node *rest = desc ? desc->first : NULL;
    if (rest && rest->type == PP_NODE_PARAGRAPH) {
        pp_lower_tb_inline(&b, rest, 0, &br);
        rest = rest->next;
    }
    pp_lower_para_take(p, &b);
    p->label = owner->label ? pp_xstrdup(owner->label) : NULL;
    pp_lower_indent in = pp_lower_indent_plus((pp_lower_indent){ 0 }, owner->label);
    /* the rest of the description hangs under the name */
    if (rest) pp_lower_nodes(s->c, pv, rest, false, desc, in, NULL, PP_TS_TABLE, PP_SR_CELL);
}

/* The cells a row's owner (a sub-item, a strategy without sub-items, a group
 * without strategies) fills: its outcome, its score, and each extra column (its
 * <extra key="…">, or nothing: a column left blank for handwriting). */
static void owner_cells(stab *s, int row, int rowspan, const pp_node *owner)
{
    const pp_columnset *cs = s->cs;
    for (int i = 0; i < cs->ncols; i++) {
        const pp_column *col = &cs->cols[i];
        if (col->content == PP_COL_OUTCOME) {
            if (i != s->col[PP_COL_OUTCOME]) continue;
            const pp_node *o = pp_node_child(owner, PP_NODE_ACTIONS);
            if (!o) o = pp_node_child(owner, PP_NODE_RESULTS);
            pp_cell *cell = pp_lower_grid_cell(&s->g, row, i, rowspan, 1, o ? o : owner);
            if (!o) continue;
            pp_lower_pvec pv = { 0 };
            const char *echo = o->numbered && owner->label ? owner->label : NULL;
            pp_lower_flow(s->c, &pv, o, (pp_lower_indent){ 0 }, echo, PP_TS_TABLE, PP_SR_CELL);
            pp_lower_cell_take(cell, &pv);
        } else if (col->content == PP_COL_EXTRA) {
            const pp_node *x = NULL;
            for (const pp_node *k = owner->first; k && !col->blank; k = k->next)
                if (k->type == PP_NODE_EXTRA && k->text && col->key && strcmp(k->text, col->key) == 0) { x = k; break; }
            pp_cell *cell = pp_lower_grid_cell(&s->g, row, i, rowspan, 1, x ? x : owner);
            if (!x) continue;
            pp_lower_pvec pv = { 0 };
            pp_lower_flow(s->c, &pv, x, (pp_lower_indent){ 0 }, NULL, PP_TS_TABLE, PP_SR_CELL);
            pp_lower_cell_take(cell, &pv);
        } else if (col->content == PP_COL_SCORE && i == s->col[PP_COL_SCORE]) {
            pp_cell *cell = pp_lower_grid_cell(&s->g, row, i, rowspan, 1, owner);
            if (!owner->score) continue;
            char v[24];
            snprintf(v, sizeof v, "%ld", owner->score);
            pp_lower_cell_text(cell, v, PP_TS_TABLE, PP_SR_CELL);
            cell->paras[0].align = PP_ALIGN_CENTER;
            cell->paras[0].ragged = true;
        }
    }
}

static void units_cell(stab *s, int row, int rowspan, const pp_node *units)
{
    if (s->col[PP_COL_UNITS] < 0) return;
    pp_cell *cell = pp_lower_grid_cell(&s->g, row, s->col[PP_COL_UNITS], rowspan, 1, units);
    if (!units) return;
    pp_lower_pvec pv = { 0 };
    for (const pp_node *u = units->first; u; u = u->next) {
        pp_para *p = pp_lower_pv_add(&pv, PP_TS_TABLE, PP_SR_CELL, u);
        pp_lower_para_text(p, u->text);
        p->ragged = true;
    }
    pp_lower_cell_take(cell, &pv);
}

/* Column where a name cell starts, spanning the columns of missing levels to its left. */
static void name_span(stab *s, pp_colkind kind, bool parent_has_col, int *col, int *span)
{
    int own = s->col[kind];
    *col = own;
    *span = 1;
    /* a strategy with no group above it takes the group column too (003 五、) */
    if (kind == PP_COL_STRATEGY && !parent_has_col && s->col[PP_COL_GROUP] >= 0 && s->col[PP_COL_GROUP] < own) {
        *col = s->col[PP_COL_GROUP];
        *span = own - *col + 1;
    }
    /* a group with no strategies takes the strategy column */
    if (kind == PP_COL_GROUP && !parent_has_col && s->col[PP_COL_STRATEGY] > own) {
        *span = s->col[PP_COL_STRATEGY] - own + 1;
    }
}

static bool next_row(stab *s, const pp_node *n)
{
    if (s->row >= PP_MAX_ROWS) {
        if (!s->overflow) pp_msg(s->c->d, PP_LOC(s->c->doc->file, n->line, n->col), STRATEGY_ROWS, PP_MAX_ROWS);
        s->overflow = true;
        s->c->status = -1;
        return false;
    }
    return true;
}

/* sub-rules="no": the cells of sub-item row i (of nsub) made since first_cell
 * read as one with the rows beside it, without rules between them. */
static void join_row(stab *s, size_t first_cell, int i, int nsub)
{
    bool above = i > 0 && !s->cs->sub_rules, below = i + 1 < nsub && !s->cs->sub_rules;
    for (size_t k = first_cell; k < s->g.t->ncells; k++) {
        s->g.t->cells[k].join_above = above;
        s->g.t->cells[k].join_below = below;
    }
}

/* A strategy whose sub-items have a column of their own: its name spans their
 * rows; each sub-item row has its label and description in the sub column. */
static int emit_strategy_subcol(stab *s, const pp_node *st, int col, int span, int nsub)
{
    int start = s->row;
    const pp_node *units = pp_node_child(st, PP_NODE_UNITS);
    int i = 0;
    for (const pp_node *sub = st->first; sub; sub = sub->next) {
        if (sub->type != PP_NODE_SUB) continue;
        if (!next_row(s, sub)) break;
        size_t first_cell = s->g.t->ncells;
        pp_cell *cell = pp_lower_grid_cell(&s->g, s->row, s->col[PP_COL_SUB], 1, 1, sub);
        pp_lower_pvec pv = { 0 };
        const pp_node *desc = pp_node_child(sub, PP_NODE_DESC);
        if (desc) pp_lower_flow(s->c, &pv, desc, (pp_lower_indent){ 0 }, label_or_empty(sub), PP_TS_TABLE, PP_SR_CELL);
        pp_lower_cell_take(cell, &pv);
        if (!units) units_cell(s, s->row, 1, pp_node_child(sub, PP_NODE_UNITS));
        owner_cells(s, s->row, 1, sub);
        join_row(s, first_cell, i, nsub);
        s->row++;
        i++;
    }
    if (col >= 0 && s->row > start) {
        pp_cell *cell = pp_lower_grid_cell(&s->g, start, col, s->row - start, span, st);
        pp_lower_pvec pv = { 0 };
        name_paras(s, &pv, st, "");
        pp_lower_cell_take(cell, &pv);
    }
    if (units) units_cell(s, start, s->row - start, units);
    return s->row - start;
}

static int emit_strategy(stab *s, const pp_node *st, bool under_group)
{
    int start = s->row;
    int nsub = 0;
    for (const pp_node *c = st->first; c; c = c->next) if (c->type == PP_NODE_SUB) nsub++;
    int col, span;
    name_span(s, PP_COL_STRATEGY, under_group, &col, &span);
    const pp_node *units = pp_node_child(st, PP_NODE_UNITS);
    if (nsub && s->col[PP_COL_SUB] >= 0) return emit_strategy_subcol(s, st, col, span, nsub);
    if (!nsub) {
        if (!next_row(s, st)) return 0;
        /* no sub-items in a table with a sub column: the name takes that column too */
        if (col >= 0 && s->col[PP_COL_SUB] == col + span) span++;
        if (col >= 0) {
            pp_cell *cell = pp_lower_grid_cell(&s->g, s->row, col, 1, span, st);
            pp_lower_pvec pv = { 0 };
            name_paras(s, &pv, st, "");
            pp_lower_cell_take(cell, &pv);
        }
        units_cell(s, s->row, 1, units);
        owner_cells(s, s->row, 1, st);
        s->row++;
        return 1;
    }
    int i = 0;
    for (const pp_node *sub = st->first; sub; sub = sub->next) {
        if (sub->type != PP_NODE_SUB) continue;
        if (!next_row(s, sub)) break;
        size_t first_cell = s->g.t->ncells;
        if (col >= 0) {
            pp_cell *cell = pp_lower_grid_cell(&s->g, s->row, col, 1, span, i == 0 ? st : sub);
            pp_lower_pvec pv = { 0 };
            if (i == 0) {
                name_paras(s, &pv, st, "");
                pv.v[pv.n - 1].keep_with_next = true;   /* a page break never parts the name from (一) */
            }
            const pp_node *desc = pp_node_child(sub, PP_NODE_DESC);
            if (desc) pp_lower_flow(s->c, &pv, desc, (pp_lower_indent){ 0 }, label_or_empty(sub), PP_TS_TABLE, PP_SR_CELL);
            pp_lower_cell_take(cell, &pv);
        }
        if (!units) units_cell(s, s->row, 1, pp_node_child(sub, PP_NODE_UNITS));
        owner_cells(s, s->row, 1, sub);
        join_row(s, first_cell, i, nsub);
        s->row++;
        i++;
    }
    if (units) units_cell(s, start, s->row - start, units);
    return s->row - start;
}

static void emit_group(stab *s, const pp_node *g)
{
    int start = s->row;
    bool has_strategies = pp_node_child(g, PP_NODE_STRATEGY) != NULL;
    if (has_strategies) {
        for (const pp_node *c = g->first; c; c = c->next)
            if (c->type == PP_NODE_STRATEGY) emit_strategy(s, c, s->col[PP_COL_GROUP] >= 0);
    } else {
        if (!next_row(s, g)) return;
        units_cell(s, s->row, 1, pp_node_child(g, PP_NODE_UNITS));
        owner_cells(s, s->row, 1, g);
        s->row++;
    }
    int col, span;
    name_span(s, PP_COL_GROUP, has_strategies, &col, &span);
    if (col < 0) col = s->col[PP_COL_STRATEGY] >= 0 ? s->col[PP_COL_STRATEGY] : 0;
    if (s->row > start) {
        pp_cell *cell = pp_lower_grid_cell(&s->g, start, col, s->row - start, span, g);
        pp_lower_pvec pv = { 0 };
        name_paras(s, &pv, g, g->text);
        pp_lower_cell_take(cell, &pv);
    }
}

static void emit_children(stab *s, const pp_node *parent)
{
    for (const pp_node *c = parent->first; c; c = c->next) {
        if (c->type == PP_NODE_GROUP) emit_group(s, c);
        else if (c->type == PP_NODE_STRATEGY) emit_strategy(s, c, false);
    }
}

static pp_table *start_strategy_table(pp_lowering *c, stab *s, const pp_node *src, const pp_node *family)
{
    pp_block *b = pp_lower_new_block(c, PP_BLOCK_TABLE);
    pp_table *t = &b->table;
    t->src = src;
    t->family = family;
    t->ncols = s->cs->ncols;
    for (int i = 0; i < t->ncols; i++) {
        t->widths[i] = s->cs->cols[i].width;
        t->col_blank[i] = s->cs->cols[i].blank;
    }
    s->g = (pp_lower_grid){ t, 0 };
    /* the header row: an empty header continues the previous one (執行策略 over two columns) */
    for (int i = 0; i < t->ncols;) {
        int span = 1;
        while (i + span < t->ncols && !*s->cs->cols[i + span].header) span++;
        pp_cell *cell = pp_lower_grid_cell(&s->g, 0, i, 1, span, src);
        cell->head = true;
        pp_lower_cell_text(cell, s->cs->cols[i].header, PP_TS_TABLE_HEAD, PP_SR_HEADCELL);
        i += span;
    }
    t->nhead = 1;
    s->row = 1;
    return t;
}

static void emit_strategies(pp_lowering *c, const pp_node *st, const pp_columnset *cs)
{
    stab s = { .c = c, .cs = cs };
    for (int k = 0; k < PP_COL__COUNT; k++) s.col[k] = -1;
    for (int i = 0; i < cs->ncols; i++) if (s.col[cs->cols[i].content] < 0) s.col[cs->cols[i].content] = i;
    bool dims = pp_node_child(st, PP_NODE_DIMENSION) != NULL;
    if (dims && s.col[PP_COL_DIMENSION] < 0) {
        /* each dimension: its caption, then a table of its own */
        for (const pp_node *dim = st->first; dim; dim = dim->next) {
            if (dim->type != PP_NODE_DIMENSION) continue;
            pp_lower_pvec pv = { 0 };
            pp_para *p = pp_lower_pv_add(&pv, PP_TS_CAPTION, PP_SR_CAPTION, dim);
            char *cap = pp_resolve_caption(cs, dim);
            pp_lower_para_text(p, cap);
            free(cap);
            p->keep_with_next = true;
            p->outline_level = 3;
            pp_lower_flush(c, &pv);
            start_strategy_table(c, &s, dim, st);
            emit_children(&s, dim);
        }
        return;
    }
    start_strategy_table(c, &s, st, NULL);
    if (!dims) { emit_children(&s, st); return; }
    for (const pp_node *dim = st->first; dim; dim = dim->next) {
        if (dim->type != PP_NODE_DIMENSION) continue;
        int start = s.row;
        emit_children(&s, dim);
        if (s.row > start) {
            pp_cell *cell = pp_lower_grid_cell(&s.g, start, s.col[PP_COL_DIMENSION], s.row - start, 1, dim);
            pp_lower_pvec pv = { 0 };
            pp_para *p = pp_lower_pv_add(&pv, PP_TS_TABLE, PP_SR_CELL, dim);
            pp_lower_para_text(p, dim->text);
            p->label = dim->label ? pp_xstrdup(dim->label) : NULL;
            pp_lower_cell_take(cell, &pv);
        }
    }
}

void pp_lower_strategies(pp_lowering *c, const pp_node *st)
{
    pp_columnset set;
    if (pp_resolve_columns(st, c->t, c->profile, &set) != 0) {
        const char *name = pp_columns_preset_name(st, c->t, c->profile);
        pp_msg(c->d, PP_LOC(c->doc->file, st->line, st->col), NO_COLUMN_SET, c->t->name, name ? name : "(default)");
        c->status = -1;
        return;
    }
    emit_strategies(c, st, &set);
    pp_columnset_release(&set);
}

