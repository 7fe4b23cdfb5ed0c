#define _POSIX_C_SOURCE 200809L
#include "import_table.h"
#include "import_cells.h"
#include "import_columns.h"
#include "import_generic.h"
#include "buf.h"
#include "numbering.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef pp_imp_slot slot;
typedef pp_imp_grid grid;
typedef pp_imp_layout layout;

static const slot *at(const grid *g, size_t r, int c) { return pp_imp_grid_at(g, r, c); }
static int find_col(const layout *l, int k) { return pp_imp_layout_find(l, k); }

/* ---- strategy rows ---------------------------------------------------------------------------- */

typedef struct srows {
    pp_imp_cells *x;
    const pp_columnset *cs;
    pp_node *root;            /* STRATEGIES */
    pp_node *dim, *group, *strategy;
    pp_node *target;          /* what this row's units and outcome belong to */
    pp_node *subs[64];        /* sub-items started in this row */
    int nsubs;
    int strategy_style, sub_style;
    bool report;
    size_t row;               /* the row being read (0-based) */
} srows;

static void where_of(char *w, size_t cap, const pp_itext *t)
{
    char *s = pp_itext_utf8(t, 0);
    pp_imp_where(w, cap, t->src, s);
    free(s);
}

/* A dimension or group from its cell: label and name. */
static pp_node *named(srows *s, pp_node_type type, pp_node *parent, const pp_imp_cell *cell)
{
    pp_itexts v;
    pp_imp_cell_texts(s->x, cell, PP_IT_CELL, &v);
    pp_node *n = pp_node_new(type, 0, 0);
    pp_node_append(parent, n);
    pp_imp_label_note(s->x->c, n, v.n ? &v.v[0] : NULL);
    pp_itext name = { 0 };
    for (size_t i = 0; i < v.n; i++) {
        if (i == 0) pp_itext_drop(&v.v[0], pp_itext_label_chars(&v.v[0]));
        pp_itext_append(&name, &v.v[i], false);
    }
    n->text = pp_itext_utf8(&name, 0);
    if (!*n->text) { free(n->text); n->text = pp_xstrdup("【請填寫：名稱】"); }
    pp_itext_release(&name);
    pp_itexts_release(&v);
    return n;
}

/* Puts n into owner right before `before` (NULL: at the end). */
static void insert_before(pp_node *owner, pp_node *n, pp_node *before)
{
    if (!before) { pp_node_append(owner, n); return; }
    n->parent = owner;
    n->prev = before->prev;
    n->next = before;
    if (before->prev) before->prev->next = n; else owner->first = n;
    before->prev = n;
}

/* The outcome goes before the owner's extra cells (name desc? units? outcome? extra* sub*). */
static pp_node *outcome_node(srows *s, pp_node *owner)
{
    pp_node *o = pp_node_new(s->report ? PP_NODE_RESULTS : PP_NODE_ACTIONS, 0, 0);
    insert_before(owner, o, pp_node_child(owner, PP_NODE_EXTRA));
    return o;
}

/* An extra column's cell: the owner's <extra key>, after its outcome and before its sub-items. */
static void add_extra(srows *s, pp_node *owner, const pp_imp_cell *cell, const char *key)
{
    pp_itexts v;
    pp_imp_cell_texts(s->x, cell, PP_IT_CELL, &v);
    if (v.n) {
        pp_node *e = NULL;
        for (pp_node *k = owner->first; k; k = k->next)
            if (k->type == PP_NODE_EXTRA && k->text && strcmp(k->text, key) == 0) e = k;
        if (!e) {
            e = pp_node_new(PP_NODE_EXTRA, 0, 0);
            e->text = pp_xstrdup(key);
            insert_before(owner, e, pp_node_child(owner, PP_NODE_SUB));
        }
        pp_imp_flow(s->x->c, v.v, v.n, e);
    }
    pp_itexts_release(&v);
}

/* The typed label of a node (its record), or NULL. */
static const pp_imp_label *typed_of(const pp_imp *c, const pp_node *n)
{
    for (size_t i = c->nlabels; i-- > 0;) if (c->labels[i].n == n) return &c->labels[i];
    return NULL;
}

/* Outcome texts v[a..b) for owner: a first label that repeats the owner's is planpress's to print. */
static void add_outcome(srows *s, pp_node *owner, pp_itext *v, size_t a, size_t b)
{
    if (a >= b) return;
    pp_node *o = pp_node_child(owner, s->report ? PP_NODE_RESULTS : PP_NODE_ACTIONS);
    bool fresh = !o;
    if (!o) o = outcome_node(s, owner);
    const pp_imp_label *r = typed_of(s->x->c, owner);
    pp_itext first = v[a];
    /* the same number in the same form: 「2.」 before 2.提升… ; 「(1)」 under 1. is a list */
    if (fresh && first.labelled && r && r->typed[0] && first.label.number == r->number && first.label.style == r->style) {
        pp_itext_drop(&first, pp_itext_label_chars(&first));
        first.labelled = first.automatic = false;
        pp_itext_relabel(&first);
        v[a] = first;
    } else if (fresh) {
        o->numbered = false;
    }
    pp_imp_flow(s->x->c, v + a, b - a, o);
}

static void add_units(srows *s, pp_node *owner, const pp_imp_cell *cell)
{
    pp_itexts v;
    pp_imp_cell_texts(s->x, cell, PP_IT_UNITS, &v);
    pp_node *units = pp_node_child(owner, PP_NODE_UNITS);
    for (size_t i = 0; i < v.n; i++) {
        /* one a line, and 、-separated ones split (not inside brackets) */
        int depth = 0;
        size_t from = 0;
        for (size_t k = 0; k <= v.v[i].n; k++) {
            uint32_t ch = k < v.v[i].n ? v.v[i].cp[k] : 0;
            if (ch == '(' || ch == 0xFF08) depth++;
            if ((ch == ')' || ch == 0xFF09) && depth) depth--;
            if (k < v.v[i].n && !(depth == 0 && (ch == 0x3001 || ch == 0xFF0C || ch == ','))) continue;
            pp_itext piece = { v.v[i].cp + from, v.v[i].em + from, k - from, k - from, NULL, false, false, { 0 }, false, false, false };
            char *u = pp_itext_utf8(&piece, 0);
            if (*u) {
                if (!units) { units = pp_node_new(PP_NODE_UNITS, 0, 0); pp_node_append(owner, units); }
                pp_node *un = pp_node_new(PP_NODE_UNIT, 0, 0);
                un->text = u;
                pp_node_append(units, un);
            } else {
                free(u);
            }
            from = k + 1;
        }
    }
    pp_itexts_release(&v);
    /* units come after the name and description, before the outcome and the sub-items */
    if (units && units->prev) {
        pp_node *before = pp_node_child(owner, s->report ? PP_NODE_RESULTS : PP_NODE_ACTIONS);
        if (!before) before = pp_node_child(owner, PP_NODE_EXTRA);
        if (!before) before = pp_node_child(owner, PP_NODE_SUB);
        if (before && units != before) {
            /* unlink units and put it before `before` */
            if (units->prev) units->prev->next = units->next; else owner->first = units->next;
            if (units->next) units->next->prev = units->prev; else owner->last = units->prev;
            units->prev = before->prev;
            units->next = before;
            if (before->prev) before->prev->next = units; else owner->first = units;
            before->prev = units;
        }
    }
}

/* A description flow from texts v[a..b) (the first may have had its label dropped). */
static void add_desc(srows *s, pp_node *owner, pp_itext *v, size_t a, size_t b)
{
    if (a >= b) return;
    pp_node *d = pp_node_child(owner, PP_NODE_DESC);
    if (!d) {
        d = pp_node_new(PP_NODE_DESC, 0, 0);
        /* the description follows the name */
        pp_node *name = pp_node_child(owner, PP_NODE_NAME);
        if (name && name->next) {
            d->parent = owner;
            d->prev = name;
            d->next = name->next;
            name->next->prev = d;
            name->next = d;
        } else {
            pp_node_append(owner, d);
        }
    }
    pp_imp_flow(s->x->c, v + a, b - a, d);
}

/* A sub-item from v[i] (labelled) and the unlabelled texts after it, up to the next sub label. */
static size_t add_sub(srows *s, pp_itext *v, size_t i, size_t n)
{
    pp_node *sub = pp_node_new(PP_NODE_SUB, 0, 0);
    pp_node_append(s->strategy, sub);
    pp_imp_label_note(s->x->c, sub, &v[i]);
    if (s->sub_style < 0) s->sub_style = v[i].label.style;
    pp_itext_drop(&v[i], pp_itext_label_chars(&v[i]));
    v[i].labelled = v[i].automatic = false;
    pp_itext_relabel(&v[i]);
    size_t j = i + 1;
    while (j < n && !(v[j].labelled && v[j].label.style == s->sub_style)) j++;
    pp_node *d = pp_node_new(PP_NODE_DESC, 0, 0);
    pp_node_append(sub, d);
    pp_imp_flow(s->x->c, v + i, j - i, d);
    if (s->nsubs < 64) s->subs[s->nsubs++] = sub;
    return j;
}

static bool is_sub_label(const srows *s, const pp_itext *t)
{
    if (!t->labelled) return false;
    if (s->sub_style >= 0) return t->label.style == s->sub_style;
    return s->strategy_style >= 0 && t->label.style != s->strategy_style;
}

/* A strategy cell: a new strategy (label, name: description, sub-items) or, when
 * it starts with a sub-item's label, more sub-items of the strategy above. */
static void strategy_cell(srows *s, pp_node *parent, const pp_imp_cell *cell)
{
    pp_itexts v;
    pp_imp_cell_texts(s->x, cell, PP_IT_CELL, &v);
    s->nsubs = 0;
    size_t i = 0;
    if (v.n && s->strategy && is_sub_label(s, &v.v[0])) {
        while (i < v.n) i = add_sub(s, v.v, i, v.n);
        s->target = s->nsubs == 1 ? s->subs[0] : s->strategy;
        pp_itexts_release(&v);
        return;
    }
    pp_node *st = pp_node_new(PP_NODE_STRATEGY, 0, 0);
    pp_node_append(parent, st);
    s->strategy = st;
    s->target = st;
    pp_node *name = pp_node_new(PP_NODE_NAME, 0, 0);
    pp_node_append(st, name);
    pp_imp_label_note(s->x->c, st, v.n ? &v.v[0] : NULL);
    if (!v.n) {
        /* no name: a placeholder check will flag, numbered as planpress numbers it */
        pp_imp_label *rec = &s->x->c->labels[s->x->c->nlabels - 1];
        rec->any_ok = true;
        char w[64];
        snprintf(w, sizeof w, "table %d, row %zu", s->x->t->no, s->row + 1);
        pp_msg(s->x->c->d, PP_LOC(s->x->c->file, 0, 0), IMPORT_UNPLACED, w, "a strategy whose name is a placeholder");
        pp_node *txt = pp_node_new(PP_NODE_TEXT, 0, 0);
        txt->text = pp_xstrdup("【請填寫：策略名稱】");
        pp_node_append(name, txt);
        pp_itexts_release(&v);
        return;
    }
    pp_itext *t = &v.v[0];
    if (t->labelled && s->strategy_style < 0) s->strategy_style = t->label.style;
    size_t from = pp_itext_label_chars(t);
    /* 「訂定申辦業務標準作業流程：訂定…」: the name runs to its colon, the description after */
    size_t colon = (size_t)-1;
    for (size_t k = from; k < t->n && k < from + 31; k++) {
        if (t->cp[k] == 0x3002) break;
        if (t->cp[k] == 0xFF1A || t->cp[k] == ':') { colon = k; break; }
    }
    size_t name_end = colon != (size_t)-1 ? colon + 1 : t->n;
    pp_itext_inline(t, from, name_end, name);
    if (!name->first) {
        pp_node *txt = pp_node_new(PP_NODE_TEXT, 0, 0);
        txt->text = pp_xstrdup("【請填寫：策略名稱】");
        pp_node_append(name, txt);
    }
    size_t desc_from = 1;
    if (name_end < t->n) {
        pp_itext rest = pp_itext_split(t, name_end);
        pp_itext_release(&v.v[0]);
        v.v[0] = rest;                        /* the description's first paragraph */
        desc_from = 0;
    }
    i = desc_from;
    /* the description runs to the first labelled paragraph: the sub-items start there */
    size_t j = i;
    while (j < v.n && !v.v[j].labelled) j++;
    if (j < v.n && s->sub_style < 0) s->sub_style = v.v[j].label.style;
    add_desc(s, st, v.v, i, j);
    i = j;
    while (i < v.n) i = add_sub(s, v.v, i, v.n);
    s->target = s->nsubs == 1 ? s->subs[0] : st;
    pp_itexts_release(&v);
}

/* A cell of the sub-item column: a sub-item of the strategy beside it (its label,
 * if typed, noted), what the rest of the row holds belonging to it. */
static void sub_cell(srows *s, const pp_imp_cell *cell)
{
    pp_itexts v;
    pp_imp_cell_texts(s->x, cell, PP_IT_CELL, &v);
    if (v.n && s->strategy) {
        pp_node *sub = pp_node_new(PP_NODE_SUB, 0, 0);
        pp_node_append(s->strategy, sub);
        pp_imp_label_note(s->x->c, sub, &v.v[0]);
        if (v.v[0].labelled) {
            pp_itext_drop(&v.v[0], pp_itext_label_chars(&v.v[0]));
            v.v[0].labelled = v.v[0].automatic = false;
            pp_itext_relabel(&v.v[0]);
        }
        pp_node *d = pp_node_new(PP_NODE_DESC, 0, 0);
        pp_node_append(sub, d);
        pp_imp_flow(s->x->c, v.v, v.n, d);
        s->subs[0] = sub;
        s->nsubs = 1;
        s->target = sub;
    }
    pp_itexts_release(&v);
}

static void outcome_cell(srows *s, const pp_imp_cell *cell)
{
    pp_itexts v;
    pp_imp_cell_texts(s->x, cell, PP_IT_CELL, &v);
    if (!v.n || !s->target) { pp_itexts_release(&v); return; }
    if (s->nsubs >= 2 && s->target == s->strategy) {
        /* the sub-items' actions in one cell: paired by their labels, (一) with (一) */
        size_t starts[64];
        int k = 0;
        for (size_t i = 0; i < v.n && k < s->nsubs; i++) {
            const pp_imp_label *r = typed_of(s->x->c, s->subs[k]);
            if (v.v[i].labelled && r && v.v[i].label.number == r->number && v.v[i].label.style == r->style)
                starts[k++] = i;
        }
        if (k == s->nsubs && starts[0] == 0) {
            for (int m = 0; m < k; m++) add_outcome(s, s->subs[m], v.v, starts[m], m + 1 < k ? starts[m + 1] : v.n);
        } else {
            char w[160];
            where_of(w, sizeof w, &v.v[0]);
            pp_msg(s->x->c->d, PP_LOC(s->x->c->file, 0, 0), IMPORT_OUTCOME_SPLIT, w, s->report ? "results" : "actions");
            add_outcome(s, s->subs[s->nsubs - 1], v.v, 0, v.n);
        }
    } else {
        add_outcome(s, s->target, v.v, 0, v.n);
    }
    pp_itexts_release(&v);
}

static bool new_at(const grid *g, size_t r, int col, const slot **out)
{
    const slot *s = at(g, r, col);
    *out = s && s->cell ? s : NULL;
    return s && s->cell && s->row0 == r;
}

/* Is row r a header row typed again (after a page break, by hand)? */
static bool repeats_header(pp_imp_cells *x, size_t r, size_t hdr)
{
    if (!hdr) return false;
    const pp_imp_row *a = &x->t->rows[hdr - 1], *b = &x->t->rows[r];
    if (a->ncells != b->ncells) return false;
    for (size_t k = 0; k < a->ncells; k++) {
        char *p = pp_imp_squash(pp_imp_cell_string(x, &a->cells[k])), *q = pp_imp_squash(pp_imp_cell_string(x, &b->cells[k]));
        bool same = strcmp(p, q) == 0;
        free(p); free(q);
        if (!same) return false;
    }
    return true;
}

/* A units cell merged down over several rows (主辦單位 once beside a strategy's
 * sub-items, as the PDF prints a strategy's own units): whose they are is known
 * once the rows it covers have been read. */
typedef struct merged_units {
    const pp_imp_cell *cell;  /* NULL: none pending */
    size_t end;               /* the first row after it */
    pp_node *target;          /* what its first row's outcome belongs to */
    pp_node *strategies[64];  /* the strategies its rows belong to, in order */
    int nstrategies;
    bool whole;               /* each of them starts inside the cell's rows */
} merged_units;

/* The units go to the strategies whose rows the cell covers exactly (each gets
 * them: the cell says so for every row beside it); when the cell covers part of
 * a strategy, or rows without one, to its first row's owner. */
static void units_resolve(srows *s, merged_units *m, bool continued)
{
    if (!m->cell) return;
    if (m->whole && !continued && m->nstrategies > 0)
        for (int i = 0; i < m->nstrategies; i++) add_units(s, m->strategies[i], m->cell);
    else if (m->target)
        add_units(s, m->target, m->cell);
    m->cell = NULL;
}

static void units_row(merged_units *m, const srows *s, bool started)
{
    if (!m->cell) return;
    if (!s->strategy) { m->whole = false; return; }
    if (m->nstrategies && m->strategies[m->nstrategies - 1] == s->strategy) return;
    if (!started || m->nstrategies == 64) m->whole = false;
    else m->strategies[m->nstrategies++] = s->strategy;
}

static bool has_text(srows *s, const pp_imp_cell *cell)
{
    char *t = pp_imp_squash(pp_imp_cell_string(s->x, cell));
    bool any = *t != 0;
    free(t);
    return any;
}

/* Whether an extra column has text starting in row r. */
static bool extra_text(srows *s, const grid *g, const layout *l, size_t r)
{
    for (int k = 0; k < l->n; k++) {
        const slot *sl;
        if (l->col[k].kind == PP_COL_EXTRA && new_at(g, r, l->col[k].g0, &sl) && has_text(s, sl->cell)) return true;
    }
    return false;
}

static void strategy_rows(srows *s, const grid *g, const layout *l)
{
    int cd = find_col(l, PP_COL_DIMENSION), cg = find_col(l, PP_COL_GROUP), cst = find_col(l, PP_COL_STRATEGY);
    int cu = find_col(l, PP_COL_UNITS), co = find_col(l, PP_COL_OUTCOME);
    merged_units mu = { 0 };
    for (size_t r = l->header_rows; r < g->rows; r++) {
        if (s->x->t->rows[r].header || repeats_header(s->x, r, l->header_rows)) continue;
        s->row = r;
        pp_node *strategy_before = s->strategy;
        const slot *sl;
        if (cd >= 0 && new_at(g, r, l->col[cd].g0, &sl)) {
            s->dim = named(s, PP_NODE_DIMENSION, s->root, sl->cell);
            s->group = s->strategy = NULL;
        }
        pp_node *under = s->dim ? s->dim : s->root;
        bool group_row = false;
        if (cg >= 0 && new_at(g, r, l->col[cg].g0, &sl)) {
            s->group = named(s, PP_NODE_GROUP, under, sl->cell);
            s->strategy = NULL;
            s->target = NULL;
            s->nsubs = 0;
            /* a group cell across the strategy column: the group has no strategies */
            if (cst >= 0 && sl->cell->col + sl->cell->colspan > l->col[cst].g0) {
                s->target = s->group;
                group_row = true;
            }
        }
        if (s->group) under = s->group;
        if (!group_row && cst >= 0) {
            const slot *gs = cg >= 0 ? at(g, r, l->col[cg].g0) : NULL;
            if (new_at(g, r, l->col[cst].g0, &sl) && !(gs && gs->cell == sl->cell)) strategy_cell(s, under, sl->cell);
            else if (gs && sl && gs->cell == sl->cell && gs->row0 != r) { /* the group's own row, merged down */ }
            else s->nsubs = 0;
        }
        int csub = find_col(l, PP_COL_SUB);
        if (!group_row && csub >= 0 && new_at(g, r, l->col[csub].g0, &sl)) {
            if (!s->strategy && has_text(s, sl->cell)) strategy_cell(s, under, NULL);  /* kept, under a strategy to name */
            sub_cell(s, sl->cell);
        }
        bool started = s->strategy && s->strategy != strategy_before;
        if (mu.cell && r >= mu.end)   /* continued: the last strategy it covers goes on in this row */
            units_resolve(s, &mu, !started && mu.nstrategies && s->strategy == mu.strategies[mu.nstrategies - 1]);
        const slot *su = NULL, *so = NULL;
        bool units_new = cu >= 0 && new_at(g, r, l->col[cu].g0, &su), outcome_new = co >= 0 && new_at(g, r, l->col[co].g0, &so);
        if (!s->target && (units_new || outcome_new || extra_text(s, g, l, r))) {
            /* units or an outcome with no strategy beside them: kept, under a strategy to name */
            strategy_cell(s, under, NULL);
            started = true;
        }
        if (units_new && su->cell->rowspan > 1 && s->target) {
            mu = (merged_units){ .cell = su->cell, .end = r + (size_t)su->cell->rowspan, .target = s->target, .whole = true };
        } else if (units_new) {
            add_units(s, s->target, su->cell);
        }
        units_row(&mu, s, started);
        if (outcome_new) outcome_cell(s, so->cell);
        for (int k = 0; k < l->n && s->target; k++)
            if (l->col[k].kind == PP_COL_EXTRA && new_at(g, r, l->col[k].g0, &sl)) add_extra(s, s->target, sl->cell, l->col[k].key);
    }
    units_resolve(s, &mu, false);
}

/* ---- the dimension caption (構面一:基礎服務（200 分）) ---------------------------------------------- */

static uint32_t fold_cp(uint32_t c) { return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFF01 + 0x21 : c; }

/* Matches the caption against the column set's format; fills name, number, score. */
static bool read_caption(const char *fmt, const pp_itext *cap, char **name, int *number, long *score)
{
    size_t n = 0;
    uint32_t *f = pp_utf8_to_cps(fmt, strlen(fmt), &n);
    size_t fi = 0, ci = 0;
    size_t name_from = 0, name_to = 0;
    bool have_name = false, ok = true;
    *number = 0;
    *score = 0;
    while (ok && fi < n) {
        if (f[fi] == ' ') { fi++; continue; }
        if (f[fi] == '{') {
            size_t end = fi;
            while (end < n && f[end] != '}') end++;
            size_t plen = end - fi - 1;
            bool is_n = plen == 1 && f[fi + 1] == 'n', is_score = plen == 5 && f[fi + 1] == 's', is_name = plen == 4;
            fi = end + 1;
            if (is_n || is_score) {
                pp_itext piece = { cap->cp + ci, cap->em + ci, cap->n - ci, cap->n - ci, NULL, false, false, { 0 }, false, false, false };
                char *s = pp_itext_utf8(&piece, 0);
                int v = 0;
                size_t bytes = is_n ? pp_label_numeral(s, strlen(s), &v) : 0;
                if (is_score) { while (s[bytes] >= '0' && s[bytes] <= '9') { v = v * 10 + (s[bytes] - '0'); bytes++; } }
                /* bytes back to characters */
                size_t chars = 0;
                for (size_t b = 0; b < bytes;) { uint32_t cp; b += pp_utf8_decode(s + b, bytes - b, &cp); chars++; }
                free(s);
                if (!chars) { ok = false; break; }
                ci += chars;
                if (is_n) *number = v; else *score = v;
            } else if (is_name) {
                /* the name runs to where the rest of the format matches, or to the end */
                name_from = ci;
                size_t lit = fi;
                while (lit < n && f[lit] == ' ') lit++;
                uint32_t next = lit < n ? fold_cp(f[lit]) : 0;
                size_t k = ci;
                while (k < cap->n && (next == 0 || next == '{' || fold_cp(cap->cp[k]) != next)) k++;
                name_to = k;
                ci = k;
                have_name = true;
                if (k == cap->n) fi = n;     /* no score part: the format's rest is optional */
            }
            continue;
        }
        while (ci < cap->n && cap->cp[ci] == ' ') ci++;
        if (ci < cap->n && fold_cp(cap->cp[ci]) == fold_cp(f[fi])) { ci++; fi++; continue; }
        ok = false;
    }
    free(f);
    if (!ok || !have_name || name_to <= name_from || ci < cap->n) return false;
    pp_itext piece = { cap->cp + name_from, cap->em + name_from, name_to - name_from, name_to - name_from, NULL, false, false, { 0 }, false, false, false };
    *name = pp_itext_utf8(&piece, 0);
    return true;
}

/* ---- the shape the schema wants -------------------------------------------------------------------- */

static bool outcome(const pp_node *n) { return n && (n->type == PP_NODE_ACTIONS || n->type == PP_NODE_RESULTS); }

/* name desc? units? outcome? sub* (a strategy), desc units? outcome? (a sub-item) */
static bool owner_ok(const pp_node *n)
{
    const pp_node *c = n->first;
    if (n->type == PP_NODE_STRATEGY) { if (!c || c->type != PP_NODE_NAME) return false; c = c->next; }
    else { if (!c || c->type != PP_NODE_DESC) return false; c = c->next; }
    if (c && c->type == PP_NODE_DESC && n->type == PP_NODE_STRATEGY) c = c->next;
    if (c && c->type == PP_NODE_UNITS) c = c->next;
    if (outcome(c)) c = c->next;
    while (c && c->type == PP_NODE_EXTRA) c = c->next;
    for (; c; c = c->next) if (n->type != PP_NODE_STRATEGY || c->type != PP_NODE_SUB || !owner_ok(c)) return false;
    return true;
}

/* Children all of one of the given types (and each right inside). */
static bool level_ok(const pp_node *n)
{
    if (!n->first) return false;
    pp_node_type t = n->first->type;
    for (const pp_node *c = n->first; c; c = c->next) {
        if (c->type != t) return false;
        switch (t) {
        case PP_NODE_DIMENSION: if (n->type != PP_NODE_STRATEGIES || !level_ok(c)) return false; break;
        case PP_NODE_GROUP:
            if (n->type == PP_NODE_GROUP) return false;
            if (pp_node_child(c, PP_NODE_STRATEGY)) { if (!level_ok(c)) return false; break; }
            /* a group without strategies: units? outcome extra* */
            {
                const pp_node *k = c->first;
                if (k && k->type == PP_NODE_UNITS) k = k->next;
                if (!outcome(k)) return false;
                for (k = k->next; k; k = k->next) if (k->type != PP_NODE_EXTRA) return false;
            }
            break;
        case PP_NODE_STRATEGY: if (!owner_ok(c)) return false; break;
        default: return false;
        }
    }
    return true;
}

/* A group row with nothing in its outcome cell still needs an (empty) outcome. */
static void empty_outcomes(srows *s, pp_node *n)
{
    for (pp_node *c = n->first; c; c = c->next) {
        if (c->type == PP_NODE_GROUP && !pp_node_child(c, PP_NODE_STRATEGY) &&
            !pp_node_child(c, PP_NODE_ACTIONS) && !pp_node_child(c, PP_NODE_RESULTS))
            outcome_node(s, c)->numbered = false;
        if (c->type == PP_NODE_DIMENSION) empty_outcomes(s, c);
    }
}

/* A strategy with sub-items prints their rows only: its extra cells (a cell beside
 * all of them) go to its first sub-item, ahead of what that one has of the key. */
static void extras_down(pp_node *n)
{
    for (pp_node *c = n->first; c; c = c->next) {
        if (c->type == PP_NODE_DIMENSION || c->type == PP_NODE_GROUP) { extras_down(c); continue; }
        pp_node *sub = c->type == PP_NODE_STRATEGY ? pp_node_child(c, PP_NODE_SUB) : NULL;
        if (!sub) continue;
        for (pp_node *e = c->first, *next; e; e = next) {
            next = e->next;
            if (e->type != PP_NODE_EXTRA) continue;
            pp_node_unlink(e);
            pp_node *mine = NULL;
            for (pp_node *k = sub->first; k; k = k->next)
                if (k->type == PP_NODE_EXTRA && k->text && e->text && strcmp(k->text, e->text) == 0) mine = k;
            if (!mine) { insert_before(sub, e, pp_node_child(sub, PP_NODE_EXTRA)); continue; }
            while (e->last) {          /* e's paragraphs before mine's */
                pp_node *p = e->last;
                pp_node_unlink(p);
                insert_before(mine, p, mine->first);
            }
            pp_node_free(e);
        }
    }
}

/* Whether the document's kind holds results in its tables (its profile's outcome). */
static bool reports_results(const pp_imp *c)
{
    const pp_profile *p = pp_template_profile(c->t, c->doc->kind);
    return p && p->outcome && strcmp(p->outcome, "results") == 0;
}

/* Whether n is the only one of its kind under its parent. */
static bool lone_child(const pp_node *n)
{
    for (const pp_node *k = n->parent ? n->parent->first : NULL; k; k = k->next)
        if (k != n && k->type == n->type) return false;
    return n->parent != NULL;
}

/* A group, strategy or sub-item alone at its level is printed without a label
 * unless the table says lone="number": when every lone one of the table has
 * its number typed (1. alone under its group), the table said so. */
static void lone_numbered(pp_imp *c, size_t from, pp_node *root)
{
    int typed = 0, bare = 0;
    for (size_t i = from; i < c->nlabels; i++) {
        const pp_node *n = c->labels[i].n;
        if (n->type != PP_NODE_GROUP && n->type != PP_NODE_STRATEGY && n->type != PP_NODE_SUB) continue;
        const pp_node *up = n;
        while (up && up != root) up = up->parent;
        if (!up || !lone_child(n)) continue;
        if (c->labels[i].typed[0] && c->labels[i].number == 1) typed++;
        else bare++;
    }
    if (typed && !bare) root->lone = 1;
}

/* The strategy table in the column set cs, or (cs NULL) in the columns l
 * declares, which it then holds as its <columns>. */
static pp_node *strategies(pp_imp_cells *x, const grid *g, layout *l, const pp_columnset *cs, pp_itext *caption, bool *used)
{
    srows s = { .x = x, .cs = cs, .strategy_style = -1, .sub_style = -1, .report = reports_results(x->c) };
    size_t labels0 = x->c->nlabels;      /* the labels noted from here on belong to this table's nodes */
    s.root = pp_node_new(PP_NODE_STRATEGIES, 0, 0);
    pp_node *declared = cs ? NULL : pp_imp_layout_declare(l);
    if (cs) s.root->text = pp_xstrdup(cs->name);
    bool dim_col = find_col(l, PP_COL_DIMENSION) >= 0;
    char *name = NULL;
    int number = 0;
    long score = 0;
    if (cs && !dim_col && cs->caption && caption && read_caption(cs->caption, caption, &name, &number, &score)) {
        pp_node *dim = pp_node_new(PP_NODE_DIMENSION, 0, 0);
        dim->text = name;
        dim->score = score;
        pp_node_append(s.root, dim);
        char typed[16] = "", w[160];
        if (number > 0) pp_number_format(typed, sizeof typed, PP_NUM_HAN_BARE, number);
        where_of(w, sizeof w, caption);
        pp_imp_label_raw(x->c, dim, typed, PP_NUM_HAN_BARE, number, w);
        s.dim = dim;
        *used = true;
    }
    /* the template's header words are what gets printed: say where the document's differ */
    for (int k = 0; cs && k < l->n; k++) {
        const char *mine = l->col[k].header, *theirs = cs->cols[k].header;
        if (mine[0] && theirs[0] && strcmp(mine, theirs) != 0)
            pp_msg(x->c->d, PP_LOC(x->c->file, 0, 0), IMPORT_HEADER_WORDS, x->t->no, mine, theirs, cs->name);
    }
    strategy_rows(&s, g, l);
    extras_down(s.root);
    empty_outcomes(&s, s.root);
    if (!level_ok(s.root)) {
        /* rows that make no strategy table (a group beside strategies, a dimension with
         * nothing in it): the generic form keeps every word */
        char w[64];
        snprintf(w, sizeof w, "table %d", x->t->no);
        pp_msg(x->c->d, PP_LOC(x->c->file, 0, 0), IMPORT_UNPLACED, w, "a generic <table> (its rows do not make a strategy table)");
        pp_node_free(s.root);
        pp_node_free(declared);
        x->c->nlabels = labels0;
        return NULL;
    }
    pp_imp_table_merge(s.root, NULL);
    if (declared) insert_before(s.root, declared, s.root->first);
    lone_numbered(x->c, labels0, s.root);
    return s.root;
}

pp_node *pp_imp_table_node(pp_imp *c, const pp_imp_table *t, pp_itext *caption, bool *used)
{
    *used = false;
    pp_imp_cells x = { .c = c, .t = t };
    grid g;
    pp_imp_grid_build(&g, t);
    layout l;
    pp_node *n = NULL;
    if (pp_imp_layout_read(&x, &g, &l)) {
        /* a shape no column set has: the source declares the columns the table prints */
        const pp_columnset *cs = pp_imp_layout_match(c->t, &l);
        if (cs || l.whole) n = strategies(&x, &g, &l, cs, caption, used);
        else {
            /* a header row that does not head every column: declared columns would lose cells */
            char w[64];
            snprintf(w, sizeof w, "table %d", t->no);
            pp_msg(c->d, PP_LOC(c->file, 0, 0), IMPORT_UNPLACED, w, "a generic <table> (its header row does not head each of its columns)");
        }
        if (!n) *used = false;
        /* (a table planpress wrote from declared columns needs no warning) */
        if (n && !cs && !t->declared) {
            char cols[320], sets[160] = "";
            pp_imp_layout_describe(&l, cols, sizeof cols);
            for (int k = 0; k < c->t->ncolsets; k++)
                snprintf(sets + strlen(sets), sizeof sets - strlen(sets), "%s%s", k ? ", " : "", c->t->colsets[k].name);
            pp_msg(c->d, PP_LOC(c->file, 0, 0), IMPORT_STRATEGY_COLUMNS, t->no, cols, sets);
        }
    }
    pp_imp_layout_release(&l);
    if (!n) n = pp_imp_generic_table(&x, caption, used);
    pp_imp_grid_release(&g);
    return n;
}

/* ---- merging, totals ---------------------------------------------------------------------------------- */

static void set_total(pp_node *s)
{
    long sum = 0;
    bool all = true, any = false;
    for (const pp_node *d = s->first; d; d = d->next) {
        if (d->type == PP_NODE_COLUMNS) continue;
        if (d->type != PP_NODE_DIMENSION) { all = false; continue; }
        any = true;
        if (d->score) sum += d->score; else all = false;
    }
    s->score = all && any ? sum : 0;
}

static bool same_str(const char *a, const char *b) { return a && b ? strcmp(a, b) == 0 : a == b; }

/* The declared columns of a strategy table (its first child), or NULL. */
static const pp_node *declared_of(const pp_node *st)
{
    return st->first && st->first->type == PP_NODE_COLUMNS ? st->first : NULL;
}

/* Two declarations alike: column by column the same content, key and header. */
static bool same_columns(const pp_node *a, const pp_node *b)
{
    if (a->head != b->head || a->numbered != b->numbered) return false;
    const pp_node *x = a->first, *y = b->first;
    for (; x && y; x = x->next, y = y->next) {
        const char *hx = x->first ? x->first->text : "", *hy = y->first ? y->first->text : "";
        if (!same_str(x->role, y->role) || !same_str(x->text, y->text) || !same_str(hx, hy)) return false;
    }
    return !x && !y;
}

bool pp_imp_table_merge(pp_node *into, pp_node *from)
{
    if (!from) { set_total(into); return true; }
    if (into->type != PP_NODE_STRATEGIES || from->type != PP_NODE_STRATEGIES) return false;
    const pp_node *di = declared_of(into), *df = declared_of(from);
    if (di || df) {
        /* declared columns: the same declaration (a table typed on across a page) */
        if (!di || !df || into->text || from->text || !same_columns(di, df)) return false;
        if (!di->next || !df->next || di->next->type != df->next->type) return false;
        pp_node_free(from->first);            /* from's declaration goes: into's is the same */
    } else {
        if (!into->text || !from->text || strcmp(into->text, from->text) != 0) return false;
        if (!into->first || !from->first || into->first->type != from->first->type) return false;
    }
    while (from->first) {
        pp_node *k = from->first;
        from->first = k->next;
        if (from->first) from->first->prev = NULL;
        pp_node_append(into, k);
    }
    from->last = NULL;
    pp_node_free(from);
    set_total(into);
    return true;
}
