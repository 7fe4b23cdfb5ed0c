#include "plan_match.h"
#include "names.h"
#include "strindex.h"
#include "utf8.h"
#include "xalloc.h"
#include "xml_read.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Both sides become a list of strategy-level rows: every <strategy> (named by its
 * whole <name>, however long), and every <group> without strategies (003 開放參與),
 * which stands for the strategies a report may list under that group. */
typedef struct entry {
    char *key, *group, *dim;    /* group/dim: keys of the enclosing group and dimension, or NULL */
    const pp_node *n;
    bool group_row;             /* a strategy-less group */
    bool paired;                /* taken by a rename */
} entry;

typedef struct entries {
    entry *v;
    size_t n, cap;
    entry *groups;              /* every group and dimension, for placing messages */
    size_t ngroups, capgroups;
    const pp_node *first_table;
    pp_strindex by_key;         /* v's keys, to the first row with each */
    pp_strindex group_rows;     /* the keys of v's strategy-less groups, to the first such row */
    pp_strindex group_keys;     /* the keys of the groups (not dimensions) in groups, to the first */
} entries;

static char *key_of(const pp_node *n)
{
    if (!n) return NULL;
    if (n->type == PP_NODE_STRATEGY) {
        char *s = pp_name_of_strategy(n);
        char *k = pp_name_key(s);
        free(s);
        return k;
    }
    return pp_name_key(n->text ? n->text : "");
}

static void collect(const pp_node *n, const pp_node *dim, const pp_node *group, entries *e)
{
    for (const pp_node *x = n->first; x; x = x->next) {
        switch (x->type) {
        case PP_NODE_SECTION: collect(x, NULL, NULL, e); break;
        case PP_NODE_STRATEGIES:
            if (!e->first_table) e->first_table = x;
            collect(x, NULL, NULL, e);
            break;
        case PP_NODE_DIMENSION: case PP_NODE_GROUP: {
            PP_GROW(e->groups, e->capgroups, e->ngroups + 1);
            e->groups[e->ngroups++] = (entry){ key_of(x), NULL, key_of(x->type == PP_NODE_GROUP ? dim : NULL), x, false, false };
            if (x->type == PP_NODE_DIMENSION) { collect(x, x, NULL, e); break; }
            if (!pp_node_child(x, PP_NODE_STRATEGY)) {
                PP_GROW(e->v, e->cap, e->n + 1);
                e->v[e->n++] = (entry){ key_of(x), NULL, key_of(dim), x, true, false };
            }
            collect(x, dim, x, e);
            break;
        }
        case PP_NODE_STRATEGY: {
            char *k = key_of(x);
            if (!*k) { free(k); break; }
            PP_GROW(e->v, e->cap, e->n + 1);
            e->v[e->n++] = (entry){ k, key_of(group), key_of(dim), x, false, false };
            break;
        }
        default: break;
        }
    }
}

/* The indexes cover() looks rows up in, once the rows are collected. */
static void index_entries(entries *e)
{
    for (size_t i = 0; i < e->n; i++) {
        pp_strindex_put(&e->by_key, e->v[i].key, i);
        if (e->v[i].group_row) pp_strindex_put(&e->group_rows, e->v[i].key, i);
    }
    for (size_t i = 0; i < e->ngroups; i++)
        if (e->groups[i].n->type == PP_NODE_GROUP && e->groups[i].key) pp_strindex_put(&e->group_keys, e->groups[i].key, i);
}

static void entries_free(entries *e)
{
    pp_strindex_release(&e->by_key);
    pp_strindex_release(&e->group_rows);
    pp_strindex_release(&e->group_keys);
    for (size_t i = 0; i < e->n; i++) { free(e->v[i].key); free(e->v[i].group); free(e->v[i].dim); }
    for (size_t i = 0; i < e->ngroups; i++) { free(e->groups[i].key); free(e->groups[i].dim); }
    free(e->v);
    free(e->groups);
}

static bool eq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* The row of the other side that covers r, or NULL. *same is set when it is
 * the same strategy by name (so their sub-items can be compared). */
static const entry *cover(const entry *r, const entries *other, bool *same)
{
    *same = false;
    /* the first row that has r's name (either level), or that is a group row
     * standing for r's group, whichever comes first */
    size_t byname = r->key ? pp_strindex_get(&other->by_key, r->key) : (size_t)-1;
    size_t bygroup = r->group ? pp_strindex_get(&other->group_rows, r->group) : (size_t)-1;
    if (byname != (size_t)-1 && byname <= bygroup) {
        const entry *o = &other->v[byname];
        *same = !o->group_row && !r->group_row;
        return o;
    }
    if (bygroup != (size_t)-1) return &other->v[bygroup];
    if (r->group_row && r->key) {   /* a group row, listed with strategies on the other side */
        size_t g = pp_strindex_get(&other->group_keys, r->key);
        if (g != (size_t)-1) return &other->groups[g];
    }
    return NULL;
}

/* Where the report should have had a plan row: its group, else its dimension, else the table. */
static const pp_node *place_missing(const entry *p, const entries *rep, const pp_doc *report)
{
    const char *want[2] = { p->group_row ? NULL : p->group, p->dim };
    pp_node_type type[2] = { PP_NODE_GROUP, PP_NODE_DIMENSION };
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; want[k] && i < rep->ngroups; i++)
            if (rep->groups[i].n->type == type[k] && eq(rep->groups[i].key, want[k])) return rep->groups[i].n;
    return rep->first_table ? rep->first_table : report->root;
}

/* ---- how alike two names are ---------------------------------------------------------------- */

/* Dice's coefficient of the two keys' character bigrams (counted), 0..1; a key
 * that holds the other whole (four characters or more) counts as alike. */
static double alike(const char *a, const char *b)
{
    size_t na, nb;
    uint32_t *x = pp_utf8_to_cps(a, strlen(a), &na), *y = pp_utf8_to_cps(b, strlen(b), &nb);
    double score = 0;
    if (na >= 2 && nb >= 2) {
        bool *used = pp_xcalloc(nb, sizeof *used);
        size_t common = 0;
        for (size_t i = 0; i + 1 < na; i++)
            for (size_t j = 0; j + 1 < nb; j++)
                if (!used[j] && x[i] == y[j] && x[i + 1] == y[j + 1]) { used[j] = true; common++; break; }
        free(used);
        score = 2.0 * (double)common / (double)(na - 1 + nb - 1);
    }
    if ((na >= 4 && strstr(b, a)) || (nb >= 4 && strstr(a, b))) score = score > 0.8 ? score : 0.8;
    free(x);
    free(y);
    return score;
}

enum { ALIKE_PERCENT = 50 };   /* a missing and an extra row this alike read as one renamed */

/* ---- messages, sorted by their place in the report -------------------------------------------- */

typedef enum { M_EXTRA, M_MISSING, M_RENAMED, M_SUB_EXTRA, M_SUB_MISSING, M_SUB_RENAMED } mkind;

typedef struct pmsg {
    long line, col;
    size_t seq;
    mkind kind;
    const pp_node *plan, *report;   /* the rows (or sub-items) on each side; either may be NULL */
    bool group_row;
} pmsg;

typedef struct msgs { pmsg *v; size_t n, cap; } msgs;

static int pmsg_cmp(const void *a, const void *b)
{
    const pmsg *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void add(msgs *m, const pp_node *at, mkind kind, const pp_node *plan, const pp_node *report, bool group_row)
{
    PP_GROW(m->v, m->cap, m->n + 1);
    m->v[m->n] = (pmsg){ at->line, at->col, m->n, kind, plan, report, group_row };
    m->n++;
}

/* A sub-item's description, as a comparison key and as messages quote it. */
static char *sub_key(const pp_node *sub)
{
    char *t = pp_node_text(pp_node_child(sub, PP_NODE_DESC));
    char *k = pp_name_key(t);
    free(t);
    return k;
}

static void sub_display(char *buf, size_t cap, const pp_node *sub)
{
    char *t = pp_node_text(pp_node_child(sub, PP_NODE_DESC));
    pp_name_display(buf, cap, t);
    free(t);
}

static int sub_number(const pp_node *sub)
{
    int k = 1;
    for (const pp_node *p = sub->prev; p; p = p->prev) if (p->type == PP_NODE_SUB) k++;
    return k;
}

/* The sub-items of one strategy on both sides, when both have them: the same
 * description is the same sub-item; an unmatched pair alike enough is one renamed. */
static void compare_subs(const pp_node *ps, const pp_node *rs, msgs *m)
{
    const pp_node *p[256], *r[256];
    char *pk[256], *rk[256];
    bool pu[256] = { 0 }, ru[256] = { 0 };
    size_t np = 0, nr = 0;
    for (const pp_node *c = ps->first; c && np < 256; c = c->next) if (c->type == PP_NODE_SUB) { p[np] = c; pk[np++] = sub_key(c); }
    for (const pp_node *c = rs->first; c && nr < 256; c = c->next) if (c->type == PP_NODE_SUB) { r[nr] = c; rk[nr++] = sub_key(c); }
    if (np && nr) {
        for (size_t i = 0; i < nr; i++)
            for (size_t j = 0; j < np; j++)
                if (!pu[j] && strcmp(rk[i], pk[j]) == 0) { ru[i] = pu[j] = true; break; }
        for (;;) {   /* the most alike unmatched pair first */
            double best = (double)ALIKE_PERCENT / 100.0;
            size_t bi = nr, bj = np;
            for (size_t i = 0; i < nr; i++)
                for (size_t j = 0; j < np && !ru[i]; j++) {
                    if (pu[j]) continue;
                    double s = alike(rk[i], pk[j]);
                    if (s >= best) { best = s; bi = i; bj = j; }
                }
            if (bi == nr) break;
            ru[bi] = pu[bj] = true;
            add(m, r[bi], M_SUB_RENAMED, p[bj], r[bi], false);
        }
        for (size_t i = 0; i < nr; i++) if (!ru[i]) add(m, r[i], M_SUB_EXTRA, NULL, r[i], false);
        for (size_t j = 0; j < np; j++) if (!pu[j]) add(m, rs, M_SUB_MISSING, p[j], rs, false);
    }
    for (size_t i = 0; i < np; i++) free(pk[i]);
    for (size_t i = 0; i < nr; i++) free(rk[i]);
}

static void print(const pmsg *x, const pp_doc *report, const char *plan_path, pp_diag *d)
{
    pp_loc at = PP_LOC(report->file, x->line, x->col);
    char a[160], b[160], owner[160];
    const char *what = x->group_row ? "group" : "strategy";
    switch (x->kind) {
    case M_EXTRA: {
        char *name = pp_name_of_row(x->report);
        pp_msg(d, at, PLAN_EXTRA, what, name, plan_path);
        free(name);
        break;
    }
    case M_MISSING: {
        char *name = pp_name_of_row(x->plan);
        pp_msg(d, at, PLAN_MISSING, what, name, plan_path, x->plan->line, x->plan->col);
        free(name);
        break;
    }
    case M_RENAMED: {
        char *pn = pp_name_of_row(x->plan), *rn = pp_name_of_row(x->report);
        pp_msg(d, at, PLAN_RENAMED, x->plan->line, pn, x->report->line, rn, what, plan_path);
        free(pn);
        free(rn);
        break;
    }
    case M_SUB_RENAMED:
        sub_display(a, sizeof a, x->plan);
        sub_display(b, sizeof b, x->report);
        pp_msg(d, at, PLAN_RENAMED, x->plan->line, a, x->report->line, b, "sub-item", plan_path);
        break;
    case M_SUB_EXTRA: {
        char *name = pp_name_of_row(x->report->parent);
        snprintf(owner, sizeof owner, "%s", name);
        free(name);
        sub_display(b, sizeof b, x->report);
        pp_msg(d, at, PLAN_SUB_EXTRA, sub_number(x->report), owner, b, plan_path);
        break;
    }
    case M_SUB_MISSING: {
        char *name = pp_name_of_row(x->plan->parent);
        snprintf(owner, sizeof owner, "%s", name);
        free(name);
        sub_display(a, sizeof a, x->plan);
        pp_msg(d, at, PLAN_SUB_MISSING, sub_number(x->plan), owner, a, plan_path, x->plan->line, x->plan->col);
        break;
    }
    }
}

/* Does the kind's profile hold results (a report of what was done)? */
static bool holds_results(const pp_template *t, const char *kind)
{
    const pp_profile *p = pp_template_profile(t, kind);
    return p && p->outcome && strcmp(p->outcome, "results") == 0;
}

void pp_plan_match(const pp_doc *report, const pp_template *t, const char *plan_path, const char *schema_path,
                   pp_diag *d)
{
    if (!holds_results(t, report->kind)) {
        pp_msg(d, PP_LOC(report->file, report->root->line, report->root->col), PLAN_NOT_REPORT, report->kind);
        return;
    }
    pp_doc *plan = pp_xml_read(plan_path, schema_path, d);
    if (!plan) return;
    if (holds_results(t, plan->kind)) {
        pp_msg(d, PP_LOC(plan->file, plan->root->line, plan->root->col), PLAN_IS_REPORT);
        pp_doc_free(plan);
        return;
    }
    entries pe = { 0 }, re = { 0 };
    collect(plan->root, NULL, NULL, &pe);
    collect(report->root, NULL, NULL, &re);
    index_entries(&pe);
    index_entries(&re);
    msgs m = { 0 };
    /* rows of each side the other lacks; the same strategy on both: its sub-items */
    size_t *extra = pp_xcalloc(re.n + 1, sizeof *extra), *missing = pp_xcalloc(pe.n + 1, sizeof *missing);
    size_t nextra = 0, nmissing = 0;
    for (size_t i = 0; i < re.n; i++) {
        bool same;
        const entry *o = cover(&re.v[i], &pe, &same);
        if (!o) extra[nextra++] = i;
        else if (same) compare_subs(o->n, re.v[i].n, &m);
    }
    for (size_t i = 0; i < pe.n; i++) {
        bool same;
        if (!cover(&pe.v[i], &re, &same)) missing[nmissing++] = i;
    }
    /* a row missing and one extra, alike: one renamed row (the most alike pairs first) */
    for (;;) {
        double best = (double)ALIKE_PERCENT / 100.0;
        size_t bi = nextra, bj = nmissing;
        for (size_t i = 0; i < nextra; i++)
            for (size_t j = 0; j < nmissing && !re.v[extra[i]].paired; j++) {
                const entry *r = &re.v[extra[i]], *p = &pe.v[missing[j]];
                if (p->paired || r->group_row != p->group_row) continue;
                double s = alike(r->key, p->key);
                if (s >= best) { best = s; bi = i; bj = j; }
            }
        if (bi == nextra) break;
        entry *r = &re.v[extra[bi]], *p = &pe.v[missing[bj]];
        r->paired = p->paired = true;
        add(&m, r->n, M_RENAMED, p->n, r->n, r->group_row);
        compare_subs(p->n, r->n, &m);
    }
    for (size_t i = 0; i < nextra; i++) {
        const entry *r = &re.v[extra[i]];
        if (!r->paired) add(&m, r->n, M_EXTRA, NULL, r->n, r->group_row);
    }
    for (size_t j = 0; j < nmissing; j++) {
        const entry *p = &pe.v[missing[j]];
        if (!p->paired) add(&m, place_missing(p, &re, report), M_MISSING, p->n, NULL, p->group_row);
    }
    free(extra);
    free(missing);
    if (m.n) qsort(m.v, m.n, sizeof *m.v, pmsg_cmp);
    for (size_t i = 0; i < m.n; i++) print(&m.v[i], report, plan_path, d);
    free(m.v);
    entries_free(&pe);
    entries_free(&re);
    pp_doc_free(plan);
}
