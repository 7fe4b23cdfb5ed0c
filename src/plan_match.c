#include "plan_match.h"
#include "names.h"
#include "xalloc.h"
#include "xml_read.h"
#include <stdlib.h>
#include <string.h>

/* Both sides become a list of strategy-level rows: every <strategy> (named by its
 * whole <name>, however long), and every <group> without strategies (003 開放參與),
 * which stands for the strategies a report may list under that group. */
typedef struct entry {
    char *key, *group, *dim;    /* group/dim: keys of the enclosing group and dimension, or NULL */
    const pp_node *n;
    bool group_row;             /* a strategy-less group */
} entry;

typedef struct entries {
    entry *v;
    size_t n, cap;
    entry *groups;              /* every group and dimension, for placing messages */
    size_t ngroups, capgroups;
    const pp_node *first_table;
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
            e->groups[e->ngroups++] = (entry){ key_of(x), NULL, key_of(x->type == PP_NODE_GROUP ? dim : NULL), x, false };
            if (x->type == PP_NODE_DIMENSION) { collect(x, x, NULL, e); break; }
            if (!pp_node_child(x, PP_NODE_STRATEGY)) {
                PP_GROW(e->v, e->cap, e->n + 1);
                e->v[e->n++] = (entry){ key_of(x), NULL, key_of(dim), x, true };
            }
            collect(x, dim, x, e);
            break;
        }
        case PP_NODE_STRATEGY: {
            char *k = key_of(x);
            if (!*k) { free(k); break; }
            PP_GROW(e->v, e->cap, e->n + 1);
            e->v[e->n++] = (entry){ k, key_of(group), key_of(dim), x, false };
            break;
        }
        default: break;
        }
    }
}

static void entries_free(entries *e)
{
    for (size_t i = 0; i < e->n; i++) { free(e->v[i].key); free(e->v[i].group); free(e->v[i].dim); }
    for (size_t i = 0; i < e->ngroups; i++) { free(e->groups[i].key); free(e->groups[i].dim); }
    free(e->v);
    free(e->groups);
}

static bool eq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Is row r of one side covered by the other side? */
static bool covered(const entry *r, const entries *other)
{
    for (size_t i = 0; i < other->n; i++) {
        const entry *o = &other->v[i];
        if (eq(o->key, r->key)) return true;                 /* same name, either level */
        if (o->group_row && eq(o->key, r->group)) return true; /* r lies under a group that stands as one row */
    }
    if (r->group_row)                                        /* a group row, listed with strategies on the other side */
        for (size_t i = 0; i < other->ngroups; i++)
            if (other->groups[i].n->type == PP_NODE_GROUP && eq(other->groups[i].key, r->key)) return true;
    return false;
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

/* The plan check's messages, sorted by their place in the report before printing:
 * a report row the plan lacks (extra) or a plan row the report lacks. */
typedef struct pmsg { long line, col; size_t seq; const entry *e; bool extra; } pmsg;

static int pmsg_cmp(const void *a, const void *b)
{
    const pmsg *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void pmsg_add(pmsg **v, size_t *n, size_t *cap, const pp_node *at, const entry *e, bool extra)
{
    PP_GROW(*v, *cap, *n + 1);
    (*v)[*n] = (pmsg){ at->line, at->col, *n, e, extra };
    (*n)++;
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
    pmsg *msgs = NULL;
    size_t nmsgs = 0, cap = 0;
    for (size_t i = 0; i < re.n; i++)
        if (!covered(&re.v[i], &pe)) pmsg_add(&msgs, &nmsgs, &cap, re.v[i].n, &re.v[i], true);
    for (size_t i = 0; i < pe.n; i++)
        if (!covered(&pe.v[i], &re)) pmsg_add(&msgs, &nmsgs, &cap, place_missing(&pe.v[i], &re, report), &pe.v[i], false);
    if (nmsgs) qsort(msgs, nmsgs, sizeof *msgs, pmsg_cmp);
    for (size_t i = 0; i < nmsgs; i++) {
        const entry *e = msgs[i].e;
        char *name = pp_name_of_row(e->n);
        pp_loc at = PP_LOC(report->file, msgs[i].line, msgs[i].col);
        const char *what = e->group_row ? "group" : "strategy";
        if (msgs[i].extra) pp_msg(d, at, PLAN_EXTRA, what, name, plan_path);
        else pp_msg(d, at, PLAN_MISSING, what, name, plan_path, e->n->line, e->n->col);
        free(name);
    }
    free(msgs);
    entries_free(&pe);
    entries_free(&re);
    pp_doc_free(plan);
}
