#include "lower.h"
#include "columns.h"
#include "title_block.h"
#include "caps.h"
#include "linebreak.h"
#include "numbering.h"
#include "resolve.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>


typedef struct lctx {
    const pp_doc *doc;
    const pp_template *t;
    const pp_profile *profile;
    pp_diag *d;
    pp_blocks *out;
    int status;
} lctx;

/* ---- text -------------------------------------------------------------- */
typedef struct tbuf { uint32_t *cps; uint8_t *flags; size_t n, cap, fcap; } tbuf;

static void tb_push(tbuf *b, uint32_t cp, uint8_t fl)
{
    PP_GROW(b->cps, b->cap, b->n + 1);
    PP_GROW(b->flags, b->fcap, b->n + 1);
    b->cps[b->n] = cp;
    b->flags[b->n++] = fl;
}

static void tb_utf8(tbuf *b, const char *s, uint8_t fl)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, len - i, &cp);
        bool ws = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
        if (ws) {
            /* a run of source whitespace is at most one space */
            if (b->n && b->cps[b->n - 1] == ' ') continue;
            cp = ' ';
        }
        tb_push(b, cp, fl);
    }
}

static void tb_inline(tbuf *b, const pp_node *n, uint8_t fl, bool *pending_break)
{
    for (const pp_node *c = n->first; c; c = c->next) {
        if (c->type == PP_NODE_TEXT) {
            size_t before = b->n;
            tb_utf8(b, c->text, fl);
            if (*pending_break && b->n > before) { b->flags[before] |= PP_CF_BREAK_BEFORE; *pending_break = false; }
        } else if (c->type == PP_NODE_EM) {
            tb_inline(b, c, fl | PP_CF_EM, pending_break);
        } else if (c->type == PP_NODE_BR) {
            *pending_break = true;
        }
    }
}

static bool latinish(uint32_t cp)
{
    pp_script s = pp_lb_script(cp);
    return s == PP_SCRIPT_LATIN || s == PP_SCRIPT_DIGIT;
}

/* A space survives only between two Latin letters/digits: between Han characters
 * the source's line breaks and spaces print nothing, and next to Han the layout's
 * quarter-em gap replaces it. */
static void tb_finish(tbuf *b)
{
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->cps[i] == ' ') {
            bool keep = k > 0 && i + 1 < b->n && latinish(b->cps[k - 1]) && latinish(b->cps[i + 1]);
            if (!keep) {
                if (i + 1 < b->n) b->flags[i + 1] |= (b->flags[i] & PP_CF_BREAK_BEFORE);
                continue;
            }
        }
        b->cps[k] = b->cps[i];
        b->flags[k++] = b->flags[i];
    }
    b->n = k;
}

/* ---- paragraphs -------------------------------------------------------- */
typedef struct pvec { pp_para *v; size_t n, cap; } pvec;

static pp_para *pv_new(pvec *pv, pp_textstyle_id style, pp_srole role, const pp_node *src)
{
    PP_GROW(pv->v, pv->cap, pv->n + 1);
    pp_para *p = &pv->v[pv->n++];
    memset(p, 0, sizeof *p);
    p->style = style;
    p->role = role;
    p->src = src;
    p->align = -1;
    return p;
}

static void para_take(pp_para *p, tbuf *b)
{
    tb_finish(b);
    p->cps = b->cps;
    p->flags = b->flags;
    p->n = b->n;
    memset(b, 0, sizeof *b);
}

static void para_text(pp_para *p, const char *s)
{
    tbuf b = { 0 };
    tb_utf8(&b, s, 0);
    para_take(p, &b);
}

typedef struct indent { const char *v[PP_MAX_INDENT]; int n; } indent;

static indent indent_plus(indent in, const char *label)
{
    if (label && in.n < PP_MAX_INDENT) in.v[in.n++] = label;
    return in;
}

static void set_indent(pp_para *p, indent in)
{
    memcpy(p->indent, in.v, sizeof in.v);
    p->nindent = in.n;
}

static void lower_nodes(lctx *c, pvec *pv, const pp_node *first, bool single, const pp_node *owner,
                        indent in, const char *first_label, pp_textstyle_id style, pp_srole role);
#define lower_flow(c, pv, flow, in, lab, style, role) \
    lower_nodes((c), (pv), (flow)->first, false, (flow), (in), (lab), (style), (role))

static void lower_list(lctx *c, pvec *pv, const pp_node *list, indent in, pp_textstyle_id style)
{
    for (const pp_node *it = list->first; it; it = it->next) {
        if (it->type != PP_NODE_ITEM) continue;
        lower_flow(c, pv, it, in, it->label ? it->label : "", style, PP_SR_LI);
    }
}

static void lower_table(lctx *c, const pp_node *table);

/* Paragraphs, lists and notes of a flow (from `first` on, or only `first`). The
 * first paragraph carries first_label (a list item's or an echoed owner's label);
 * what follows hangs under its text. */
static void lower_nodes(lctx *c, pvec *pv, const pp_node *first, bool single, const pp_node *owner,
                        indent in, const char *first_label, pp_textstyle_id style, pp_srole role)
{
    bool labelled = first_label == NULL;   /* nothing to print first */
    indent inner = first_label && *first_label ? indent_plus(in, first_label) : in;
    for (const pp_node *n = first; n; n = single ? NULL : n->next) {
        if (n->type == PP_NODE_PARAGRAPH || n->type == PP_NODE_NOTE) {
            pp_para *p = pv_new(pv, n->type == PP_NODE_NOTE && style == PP_TS_BODY ? PP_TS_NOTE : style,
                                n->type == PP_NODE_NOTE ? PP_SR_NOTE : role, n);
            tbuf b = { 0 };
            bool br = false;
            tb_inline(&b, n, 0, &br);
            para_take(p, &b);
            if (!labelled) {
                p->label = first_label && *first_label ? pp_xstrdup(first_label) : NULL;
                set_indent(p, in);
                labelled = true;
            } else {
                set_indent(p, inner);
            }
        } else if (n->type == PP_NODE_LIST) {
            if (!labelled) {   /* an item that starts with a list: its label stands alone */
                pp_para *p = pv_new(pv, style, role, n);
                p->label = first_label && *first_label ? pp_xstrdup(first_label) : NULL;
                set_indent(p, in);
                labelled = true;
            }
            lower_list(c, pv, n, inner, style);
        } else if (n->type == PP_NODE_TABLE || n->type == PP_NODE_STRATEGIES) {
            pp_msg(c->d, PP_LOC(c->doc->file, n->line, n->col), NESTED_TABLE);
            lower_flow(c, pv, n, inner, NULL, style, role);
        } else if (n->type == PP_NODE_ROW || n->type == PP_NODE_CELL || n->type == PP_NODE_HEAD) {
            lower_flow(c, pv, n, inner, NULL, style, role);
        }
    }
    if (!labelled && first_label && *first_label) {
        pp_para *p = pv_new(pv, style, role, owner);
        p->label = pp_xstrdup(first_label);
        set_indent(p, in);
    }
}

/* ---- blocks ------------------------------------------------------------- */
static pp_block *new_block(lctx *c, pp_block_type type)
{
    PP_GROW(c->out->v, c->out->cap, c->out->n + 1);
    pp_block *b = &c->out->v[c->out->n++];
    memset(b, 0, sizeof *b);
    b->type = type;
    return b;
}

static void flush_paras(lctx *c, pvec *pv)
{
    for (size_t i = 0; i < pv->n; i++) {
        pp_block *b = new_block(c, PP_BLOCK_PARA);
        b->para = pv->v[i];
    }
    free(pv->v);
    memset(pv, 0, sizeof *pv);
}

/* ---- grids ---------------------------------------------------------------- */
typedef struct grid { pp_table *t; size_t cap; } grid;

static pp_cell *grid_cell(grid *g, int row, int col, int rowspan, int colspan, const pp_node *src)
{
    PP_GROW(g->t->cells, g->cap, g->t->ncells + 1);
    pp_cell *cell = &g->t->cells[g->t->ncells++];
    memset(cell, 0, sizeof *cell);
    cell->row = row; cell->col = col; cell->rowspan = rowspan; cell->colspan = colspan;
    cell->src = src;
    if (row + rowspan > g->t->nrows) g->t->nrows = row + rowspan;
    return cell;
}

static void cell_take(pp_cell *cell, pvec *pv)
{
    cell->paras = pv->v;
    cell->npara = pv->n;
    memset(pv, 0, sizeof *pv);
}

static void cell_text(pp_cell *cell, const char *s, pp_textstyle_id style, pp_srole role)
{
    pvec pv = { 0 };
    pp_para *p = pv_new(&pv, style, role, cell->src);
    para_text(p, s);
    cell_take(cell, &pv);
}

/* The generic <table>: cells placed row by row into the first free columns. */
static void lower_table(lctx *c, const pp_node *table)
{
    const pp_node *caption = pp_node_child(table, PP_NODE_CAPTION);
    if (caption) {
        /* the caption goes before the table as its own paragraph, kept with it */
        pvec pv = { 0 };
        pp_para *p = pv_new(&pv, PP_TS_CAPTION, PP_SR_CAPTION, caption);
        tbuf tb = { 0 };
        bool br = false;
        tb_inline(&tb, caption, 0, &br);
        para_take(p, &tb);
        p->keep_with_next = true;
        flush_paras(c, &pv);
    }
    pp_block *b = new_block(c, PP_BLOCK_TABLE);
    pp_table *t = &b->table;
    t->src = table;
    grid g = { t, 0 };
    /* occupancy of rows by earlier rowspans, per column */
    int busy[PP_MAX_COLUMNS] = { 0 };
    int row = 0, ncols = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (const pp_node *r = table->first; r; r = r->next) {
            bool head = r->type == PP_NODE_HEAD;
            if (pass == 0 && !head) continue;
            if (pass == 1 && r->type != PP_NODE_ROW) continue;
            for (const pp_node *rr = head ? r->first : r; rr; rr = head ? rr->next : NULL) {
                if (row >= PP_MAX_ROWS) {
                    pp_msg(c->d, PP_LOC(c->doc->file, rr->line, rr->col), TOO_MANY_ROWS, PP_MAX_ROWS);
                    c->status = -1;
                    return;
                }
                int col = 0;
                for (const pp_node *cell = rr->first; cell; cell = cell->next) {
                    while (col < PP_MAX_COLUMNS && busy[col] > 0) col++;
                    if (col + cell->colspan > PP_MAX_COLUMNS) {
                        pp_msg(c->d, PP_LOC(c->doc->file, cell->line, cell->col), TOO_MANY_COLUMNS, PP_MAX_COLUMNS);
                        c->status = -1;
                        break;
                    }
                    pp_cell *pc = grid_cell(&g, row, col, cell->rowspan, cell->colspan, cell);
                    pc->head = head;
                    pvec pv = { 0 };
                    lower_flow(c, &pv, cell, (indent){ 0 }, NULL, head ? PP_TS_TABLE_HEAD : PP_TS_TABLE,
                               head ? PP_SR_HEADCELL : PP_SR_CELL);
                    cell_take(pc, &pv);
                    for (int k = 0; k < cell->colspan; k++) busy[col + k] = cell->rowspan;
                    col += cell->colspan;
                    if (col > ncols) ncols = col;
                }
                for (int k = 0; k < PP_MAX_COLUMNS; k++) if (busy[k] > 0) busy[k]--;
                row++;
                if (head) t->nhead = row;
            }
        }
    }
    t->ncols = ncols ? ncols : 1;
    /* widths: "0.3 0.2 0.5" or equal shares */
    int given = 0;
    if (table->text) {
        char *end;
        const char *p = table->text;
        while (given < t->ncols) {
            double w = strtod(p, &end);
            if (end == p) break;
            t->widths[given++] = w;
            p = end;
        }
    }
    double sum = 0;
    for (int i = 0; i < given; i++) sum += t->widths[i];
    if (given != t->ncols || sum <= 0) {
        if (table->text) pp_msg(c->d, PP_LOC(c->doc->file, table->line, table->col), BAD_WIDTHS, table->text, t->ncols);
        for (int i = 0; i < t->ncols; i++) t->widths[i] = 1.0 / t->ncols;
    } else {
        for (int i = 0; i < t->ncols; i++) t->widths[i] /= sum;
    }
}

/* ---- strategy tables ---------------------------------------------------- */
typedef struct stab {
    lctx *c;
    const pp_columnset *cs;
    grid g;
    int col[PP_COL__COUNT];   /* column index per pp_colkind, -1 if the set has none */
    int row;
    bool overflow;
} stab;

static const char *label_or_empty(const pp_node *n) { return n->label ? n->label : ""; }

/* Name cell paragraph: label + name, and the description run in after it. */
static void name_paras(stab *s, pvec *pv, const pp_node *owner, const char *name_text)
{
    pp_para *p = pv_new(pv, PP_TS_TABLE, PP_SR_CELL, owner);
    tbuf b = { 0 };
    bool br = false;
    const pp_node *name = pp_node_child(owner, PP_NODE_NAME);
    if (name) tb_inline(&b, name, 0, &br);
    else tb_utf8(&b, name_text, 0);
    const pp_node *desc = pp_node_child(owner, PP_NODE_DESC);
    const pp_node *rest = desc ? desc->first : NULL;
    if (rest && rest->type == PP_NODE_PARAGRAPH) {
        tb_inline(&b, rest, 0, &br);
        rest = rest->next;
    }
    para_take(p, &b);
    p->label = owner->label ? pp_xstrdup(owner->label) : NULL;
    indent in = indent_plus((indent){ 0 }, owner->label);
    /* the rest of the description hangs under the name */
    if (rest) lower_nodes(s->c, pv, rest, false, desc, in, NULL, PP_TS_TABLE, PP_SR_CELL);
}

static void outcome_cell(stab *s, int row, int rowspan, const pp_node *owner)
{
    if (s->col[PP_COL_OUTCOME] < 0) return;
    const pp_node *o = pp_node_child(owner, PP_NODE_ACTIONS);
    if (!o) o = pp_node_child(owner, PP_NODE_RESULTS);
    pp_cell *cell = grid_cell(&s->g, row, s->col[PP_COL_OUTCOME], rowspan, 1, o ? o : owner);
    if (!o) return;
    pvec pv = { 0 };
    const char *echo = o->numbered && owner->label ? owner->label : NULL;
    lower_flow(s->c, &pv, o, (indent){ 0 }, echo, PP_TS_TABLE, PP_SR_CELL);
    cell_take(cell, &pv);
}

static void units_cell(stab *s, int row, int rowspan, const pp_node *units)
{
    if (s->col[PP_COL_UNITS] < 0) return;
    pp_cell *cell = grid_cell(&s->g, row, s->col[PP_COL_UNITS], rowspan, 1, units);
    if (!units) return;
    pvec pv = { 0 };
    for (const pp_node *u = units->first; u; u = u->next) {
        pp_para *p = pv_new(&pv, PP_TS_TABLE, PP_SR_CELL, u);
        para_text(p, u->text);
        p->ragged = true;
    }
    cell_take(cell, &pv);
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

static int emit_strategy(stab *s, const pp_node *st, bool under_group)
{
    int start = s->row;
    int nsub = 0;
    for (const pp_node *c = st->first; c; c = c->next) if (c->type == PP_NODE_SUB) nsub++;
    int col, span;
    name_span(s, PP_COL_STRATEGY, under_group, &col, &span);
    const pp_node *units = pp_node_child(st, PP_NODE_UNITS);
    if (!nsub) {
        if (!next_row(s, st)) return 0;
        if (col >= 0) {
            pp_cell *cell = grid_cell(&s->g, s->row, col, 1, span, st);
            pvec pv = { 0 };
            name_paras(s, &pv, st, "");
            cell_take(cell, &pv);
        }
        units_cell(s, s->row, 1, units);
        outcome_cell(s, s->row, 1, st);
        s->row++;
        return 1;
    }
    int i = 0;
    for (const pp_node *sub = st->first; sub; sub = sub->next) {
        if (sub->type != PP_NODE_SUB) continue;
        if (!next_row(s, sub)) break;
        bool join_above = i > 0 && !s->cs->sub_rules, join_below = i + 1 < nsub && !s->cs->sub_rules;
        size_t first_cell = s->g.t->ncells;
        if (col >= 0) {
            pp_cell *cell = grid_cell(&s->g, s->row, col, 1, span, i == 0 ? st : sub);
            pvec pv = { 0 };
            if (i == 0) {
                name_paras(s, &pv, st, "");
                pv.v[pv.n - 1].keep_with_next = true;   /* a page break never parts the name from (一) */
            }
            const pp_node *desc = pp_node_child(sub, PP_NODE_DESC);
            if (desc) lower_flow(s->c, &pv, desc, (indent){ 0 }, label_or_empty(sub), PP_TS_TABLE, PP_SR_CELL);
            cell_take(cell, &pv);
        }
        if (!units) units_cell(s, s->row, 1, pp_node_child(sub, PP_NODE_UNITS));
        outcome_cell(s, s->row, 1, sub);
        for (size_t k = first_cell; k < s->g.t->ncells; k++) {
            s->g.t->cells[k].join_above = join_above;
            s->g.t->cells[k].join_below = join_below;
        }
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
        outcome_cell(s, s->row, 1, g);
        s->row++;
    }
    int col, span;
    name_span(s, PP_COL_GROUP, has_strategies, &col, &span);
    if (col < 0) col = s->col[PP_COL_STRATEGY] >= 0 ? s->col[PP_COL_STRATEGY] : 0;
    if (s->row > start) {
        pp_cell *cell = grid_cell(&s->g, start, col, s->row - start, span, g);
        pvec pv = { 0 };
        name_paras(s, &pv, g, g->text);
        cell_take(cell, &pv);
    }
}

static void emit_children(stab *s, const pp_node *parent)
{
    for (const pp_node *c = parent->first; c; c = c->next) {
        if (c->type == PP_NODE_GROUP) emit_group(s, c);
        else if (c->type == PP_NODE_STRATEGY) emit_strategy(s, c, false);
    }
}

static pp_table *start_strategy_table(lctx *c, stab *s, const pp_node *src)
{
    pp_block *b = new_block(c, PP_BLOCK_TABLE);
    pp_table *t = &b->table;
    t->src = src;
    t->ncols = s->cs->ncols;
    for (int i = 0; i < t->ncols; i++) t->widths[i] = s->cs->cols[i].width;
    s->g = (grid){ t, 0 };
    /* the header row: an empty header continues the previous one (執行策略 over two columns) */
    for (int i = 0; i < t->ncols;) {
        int span = 1;
        while (i + span < t->ncols && !*s->cs->cols[i + span].header) span++;
        pp_cell *cell = grid_cell(&s->g, 0, i, 1, span, src);
        cell->head = true;
        cell_text(cell, s->cs->cols[i].header, PP_TS_TABLE_HEAD, PP_SR_HEADCELL);
        i += span;
    }
    t->nhead = 1;
    s->row = 1;
    return t;
}

static void emit_strategies(lctx *c, const pp_node *st, const pp_columnset *cs)
{
    stab s = { .c = c, .cs = cs };
    for (int k = 0; k < PP_COL__COUNT; k++) s.col[k] = -1;
    for (int i = 0; i < cs->ncols; i++) if (s.col[cs->cols[i].content] < 0) s.col[cs->cols[i].content] = i;
    bool dims = pp_node_child(st, PP_NODE_DIMENSION) != NULL;
    if (dims && s.col[PP_COL_DIMENSION] < 0) {
        /* each dimension: its caption, then a table of its own */
        for (const pp_node *dim = st->first; dim; dim = dim->next) {
            if (dim->type != PP_NODE_DIMENSION) continue;
            pvec pv = { 0 };
            pp_para *p = pv_new(&pv, PP_TS_CAPTION, PP_SR_CAPTION, dim);
            char *cap = pp_resolve_caption(cs, dim);
            para_text(p, cap);
            free(cap);
            p->keep_with_next = true;
            p->outline_level = 3;
            flush_paras(c, &pv);
            start_strategy_table(c, &s, dim);
            emit_children(&s, dim);
        }
        return;
    }
    start_strategy_table(c, &s, st);
    if (!dims) { emit_children(&s, st); return; }
    for (const pp_node *dim = st->first; dim; dim = dim->next) {
        if (dim->type != PP_NODE_DIMENSION) continue;
        int start = s.row;
        emit_children(&s, dim);
        if (s.row > start) {
            pp_cell *cell = grid_cell(&s.g, start, s.col[PP_COL_DIMENSION], s.row - start, 1, dim);
            pvec pv = { 0 };
            pp_para *p = pv_new(&pv, PP_TS_TABLE, PP_SR_CELL, dim);
            para_text(p, dim->text);
            p->label = dim->label ? pp_xstrdup(dim->label) : NULL;
            cell_take(cell, &pv);
        }
    }
}

static void lower_strategies(lctx *c, const pp_node *st)
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

/* ---- sections ------------------------------------------------------------ */
static void lower_section(lctx *c, const pp_node *sec)
{
    pvec pv = { 0 };
    pp_para *h = pv_new(&pv, sec->depth == 0 ? PP_TS_HEADING : PP_TS_SUBHEADING,
                        sec->depth == 0 ? PP_SR_H1 : PP_SR_H2, sec);
    tbuf b = { 0 };
    tb_utf8(&b, sec->text, 0);
    const pp_node *first = sec->first;
    if (sec->runin && first && first->type == PP_NODE_PARAGRAPH) {
        /* 壹、計畫依據：行政院…: the first paragraph runs on from the heading */
        bool br = false;
        tb_inline(&b, first, 0, &br);
        first = first->next;
        h->style = PP_TS_BODY;
        h->keep_with_next = first != NULL;   /* still a heading for what follows it */
    } else {
        h->keep_with_next = true;
    }
    para_take(h, &b);
    h->label = sec->label ? pp_xstrdup(sec->label) : NULL;
    h->outline_level = sec->depth + 1;
    indent body = { 0 };
    for (const pp_node *n = first; n; n = n->next) {
        switch (n->type) {
        case PP_NODE_SECTION:
            flush_paras(c, &pv);
            lower_section(c, n);
            break;
        case PP_NODE_TABLE:
            flush_paras(c, &pv);
            lower_table(c, n);
            break;
        case PP_NODE_STRATEGIES:
            flush_paras(c, &pv);
            lower_strategies(c, n);
            break;
        case PP_NODE_LIST:
            lower_list(c, &pv, n, body, PP_TS_BODY);
            break;
        case PP_NODE_PARAGRAPH:
        case PP_NODE_NOTE:
            lower_nodes(c, &pv, n, true, sec, body, NULL, PP_TS_BODY, PP_SR_P);
            break;
        default:
            break;
        }
    }
    flush_paras(c, &pv);
}

/* An issuance line: its pattern ("{date}{text}", "公告日期：{date}",
 * "中華民國{date}{text}") with the ROC date and the text filled in. Caller frees. */
static char *issued_line(const pp_issued *is, const char *format)
{
    pp_date dt = { is->y, is->m, is->d };
    char date[64];
    pp_roc_date_format(date, sizeof date, &dt, false);
    size_t cap = strlen(format) + strlen(date) + strlen(is->text ? is->text : "") + 1, len = 0;
    char *out = pp_xmalloc(cap);
    for (const char *p = format; *p;) {
        const char *add = NULL;
        if (strncmp(p, "{date}", 6) == 0) { add = date; p += 6; }
        else if (strncmp(p, "{text}", 6) == 0) { add = is->text ? is->text : ""; p += 6; }
        if (add) { memcpy(out + len, add, strlen(add)); len += strlen(add); }
        else out[len++] = *p++;
    }
    out[len] = 0;
    return out;
}

int pp_lower(const pp_doc *doc, const pp_template *t, pp_blocks *out, pp_diag *d)
{
    lctx c = { .doc = doc, .t = t, .d = d, .out = out, .profile = pp_template_profile(t, doc->kind) };
    memset(out, 0, sizeof *out);
    pvec pv = { 0 };
    /* the title block, as resolve laid it out */
    const pp_meta *m = &doc->meta;
    for (size_t i = 0; i < m->ntitle_lines; i++) {
        int style = m->title_styles[i];
        pp_para *p = pv_new(&pv, (pp_textstyle_id)style, style == PP_TS_TITLE ? PP_SR_TITLE : PP_SR_P, doc->root);
        para_text(p, m->title_lines[i]);
        p->keep_with_next = true;
    }
    for (size_t i = 0; i < m->nissued; i++) {
        const pp_issued *is = &m->issued[i];
        if (!is->y) continue;
        pp_para *p = pv_new(&pv, (pp_textstyle_id)t->issued_style, PP_SR_ISSUED, doc->root);
        char *line = issued_line(is, is->format ? is->format : t->issued_format);
        para_text(p, line);
        free(line);
        p->keep_with_next = true;
    }
    flush_paras(&c, &pv);
    if (t->running_header) out->running_header = pp_title_fields(doc, c.profile, t->running_header, NULL);
    for (const pp_node *s = doc->root->first; s; s = s->next)
        if (s->type == PP_NODE_SECTION) lower_section(&c, s);
    return c.status;
}
