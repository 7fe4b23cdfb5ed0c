#define _POSIX_C_SOURCE 200809L
#include "rules.h"
#include "buf.h"
#include "names.h"
#include "numbering.h"
#include "roc_dates.h"
#include "skeleton.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The items a plan must contain (伍、實施步驟 二 of the implementation plans). */
static const struct { pp_role role; const char *name; } required[] = {
    { PP_ROLE_BASIS, "計畫依據" }, { PP_ROLE_GOALS, "目標" }, { PP_ROLE_SCOPE, "實施對象" },
    { PP_ROLE_STRATEGIES, "執行策略及具體推動作法" }, { PP_ROLE_STEPS, "實施步驟" },
    { PP_ROLE_EVALUATION, "考核作業" }, { PP_ROLE_REWARDS, "獎勵方式" },
};

typedef struct seen_strategy { char *key; const pp_node *n; } seen_strategy;

typedef struct ctx {
    const pp_doc *doc;
    const pp_template *t;
    pp_diag *d;
    bool has_units;          /* the current strategy table has a units column */
    seen_strategy *seen;     /* strategies so far, for duplicates */
    size_t nseen, capseen;
} ctx;

static const char *outcome_word(const ctx *c)
{
    return c->doc->kind == PP_KIND_REPORT ? "results" : "actions";
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

static void mark_roles(const pp_node *n, bool *seen)
{
    for (const pp_node *x = n->first; x; x = x->next)
        if (x->type == PP_NODE_SECTION) { seen[x->role] = true; mark_roles(x, seen); }
}

static void check_required(ctx *c)
{
    bool seen[PP_ROLE__COUNT] = { 0 };
    mark_roles(c->doc->root, seen);
    const pp_doc *doc = c->doc;
    const char *what = doc->kind == PP_KIND_REPORT ? "report"
                     : doc->kind == PP_KIND_IMPLEMENTATION_PLAN ? "implementation plan" : "plan";
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (seen[required[i].role]) continue;
        /* 伍、實施步驟 二 binds plans; a report restates them, but only its results are essential */
        pp_loc at = PP_LOC(doc->file, doc->root->line, doc->root->col);
        if (doc->kind != PP_KIND_REPORT || required[i].role == PP_ROLE_STRATEGIES)
            pp_msg(c->d, at, SECTION_MISSING, what, required[i].name, pp_role_name(required[i].role));
        else
            pp_msg(c->d, at, SECTION_MISSING_WARN, what, required[i].name, pp_role_name(required[i].role));
    }
}

static void check_issued(ctx *c)
{
    const pp_meta *m = &c->doc->meta;
    if (!m->issued_y || !m->year) return;
    int roc = pp_roc_year(m->issued_y);
    /* a plan is issued late in the year before its year or during it; a report
     * after its year is over, or during it for a half-year report */
    bool report = c->doc->kind == PP_KIND_REPORT;
    int lo = report ? m->year : m->year - 1, hi = report ? m->year + 1 : m->year;
    if (roc >= lo && roc <= hi) return;
    pp_msg(c->d, PP_LOC(c->doc->file, m->issued_line, m->issued_col), ISSUED_YEAR,
           m->issued_y, m->issued_m, m->issued_d, roc, m->year, report ? "report" : "plan", lo, hi);
}

static void check_table(ctx *c, const pp_node *st)
{
    const pp_columnset *cs = pp_template_columns(c->t, st->text);
    c->has_units = false;
    if (!cs)
        pp_msg(c->d, PP_LOC(c->doc->file, st->line, st->col), NO_COLUMN_SET, c->t->path, st->text ? st->text : "(default)");
    else
        for (int i = 0; i < cs->ncols; i++) if (cs->cols[i].content == PP_COL_UNITS) c->has_units = true;
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
    if (!outcome_of(owner))
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
    bool report = c->doc->kind == PP_KIND_REPORT;
    if (report != (o->type == PP_NODE_RESULTS))
        pp_msg(c->d, PP_LOC(c->doc->file, o->line, o->col), OUTCOME_KIND, who, el, report ? "report" : "plan", report ? "results" : "actions");
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

static void check_cell(ctx *c, const pp_node *cell)
{
    char *text = pp_node_text(cell);
    bool empty = pp_name_blank(text);
    free(text);
    if (!empty) return;
    int k = 1, r = 1;
    for (const pp_node *p = cell->prev; p; p = p->prev) if (p->type == PP_NODE_CELL) k++;
    const pp_node *row = cell->parent;
    for (const pp_node *p = row->prev; p; p = p->prev) if (p->type == PP_NODE_ROW) r++;
    bool head = row->parent && row->parent->type == PP_NODE_HEAD;
    pp_msg(c->d, PP_LOC(c->doc->file, cell->line, cell->col), EMPTY_CELL, k, head ? "header" : "table", r);
}

static void walk(ctx *c, const pp_node *n)
{
    for (const pp_node *x = n->first; x; x = x->next) {
        switch (x->type) {
        case PP_NODE_SECTION:
            if (x->text) scan_dates(c, x, x->text);
            break;
        case PP_NODE_STRATEGIES: check_table(c, x); break;
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
            break;
        case PP_NODE_STRATEGY: check_strategy(c, x); break;
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
        case PP_NODE_CELL: check_cell(c, x); break;
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
    check_required(&c);
    check_issued(&c);
    if (doc->meta.issued) {
        pp_node at = { .line = doc->meta.issued_line, .col = doc->meta.issued_col };
        scan_dates(&c, &at, doc->meta.issued);
    }
    walk(&c, doc->root);
    pp_skeleton_placeholders(doc, d);
    for (size_t i = 0; i < c.nseen; i++) free(c.seen[i].key);
    free(c.seen);
}

