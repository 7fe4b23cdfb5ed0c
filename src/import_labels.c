/* import_labels — the labels an import read (typed, or numbered by the
 * application) against what planpress prints at the place each node ended
 * up: equal ones are dropped, a list that starts at another number gets
 * start="…", one typed throughout in another style style="…", and any other
 * difference is kept as label="…" with a warning. */
#include "import_struct.h"
#include "names.h"
#include "numbering.h"
#include "resolve.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pp_imp_label_note(pp_imp *c, pp_node *n, const pp_itext *t)
{
    PP_GROW(c->labels, c->caplabels, c->nlabels + 1);
    pp_imp_label *r = &c->labels[c->nlabels++];
    memset(r, 0, sizeof *r);
    r->n = n;
    r->style = -1;
    if (t && t->labelled && t->label.style < PP_IMP_HEADING_STYLE) {
        snprintf(r->typed, sizeof r->typed, "%s", t->label.text);
        r->odd = t->label.odd;
        r->style = t->label.style;
        r->number = t->label.number;
    }
    if (t && !t->labelled && t->src && t->src->heading) r->any_ok = true;
    if (t && t->src) {
        char *s = pp_itext_utf8(t, 0);
        pp_imp_where(r->where, sizeof r->where, t->src, s);
        free(s);
    }
}

void pp_imp_label_raw(pp_imp *c, pp_node *n, const char *typed, int style, int number, const char *where)
{
    PP_GROW(c->labels, c->caplabels, c->nlabels + 1);
    pp_imp_label *r = &c->labels[c->nlabels++];
    memset(r, 0, sizeof *r);
    r->n = n;
    r->style = style;
    r->number = number;
    snprintf(r->typed, sizeof r->typed, "%s", typed ? typed : "");
    snprintf(r->where, sizeof r->where, "%s", where ? where : "");
}

/* ---- labels: typed against generated -------------------------------------------------------- */

static int by_node(const void *a, const void *b)
{
    const pp_imp_label *x = *(const pp_imp_label *const *)a, *y = *(const pp_imp_label *const *)b;
    return (uintptr_t)x->n < (uintptr_t)y->n ? -1 : (uintptr_t)x->n > (uintptr_t)y->n;
}

static pp_imp_label *record_of(pp_imp *c, const pp_node *n)
{
    pp_imp_label key = { .n = (pp_node *)n }, *kp = &key;
    pp_imp_label **r = bsearch(&kp, c->index, c->nlabels, sizeof *c->index, by_node);
    return r ? *r : NULL;
}

static void clear_labels(pp_node *n)
{
    for (pp_node *x = n->first; x; x = x->next) {
        if (!x->has_label) { free(x->label); x->label = NULL; }
        clear_labels(x);
    }
}

static bool odd_list(pp_imp *c, const pp_node *item);

/* A list that does not start at one gets start="…" (pass 0); one typed
 * throughout in another style than its level's gets style="…" (pass 1). */
static void list_attrs(pp_imp *c, pp_node *n, int pass)
{
    for (pp_node *x = n->first; x; x = x->next) {
        if (x->type == PP_NODE_LIST && x->first) {
            const pp_imp_label *r = record_of(c, x->first);
            if (pass == 0 && r && r->typed[0] && r->number > 1) x->start = r->number;
            if (pass == 1 && r && r->typed[0] && x->first->label && strcmp(r->typed, x->first->label) != 0) {
                char want[48];
                pp_number_format(want, sizeof want, (pp_numstyle)r->style, r->number);
                /* a form planpress lacks throughout (1、 2、): the nearest one it has (1. 2.) */
                if (strcmp(want, r->typed) == 0 || (r->odd && odd_list(c, x->first))) x->style = r->style;
            }
        }
        list_attrs(c, x, pass);
    }
}

/* Whether every labelled item of item's list is typed in one odd form (1、 1、 1、). */
static bool odd_list(pp_imp *c, const pp_node *item)
{
    const pp_node *list = item->parent;
    if (!list || list->type != PP_NODE_LIST) return false;
    int odd = 0, all = 0;
    for (const pp_node *i = list->first; i; i = i->next) {
        const pp_imp_label *r = record_of(c, i);
        if (!r || !r->typed[0]) continue;
        all++;
        if (r->odd) odd++;
    }
    return all > 0 && odd == all;
}

static void compare_labels(pp_imp *c)
{
    const pp_node *warned_list = NULL;
    for (size_t i = 0; i < c->nlabels; i++) {
        pp_imp_label *r = &c->labels[i];
        pp_node *n = r->n;
        const char *gen = n->label ? n->label : "";
        if (strcmp(r->typed, gen) == 0 || (r->any_ok && !r->typed[0])) continue;
        if (!r->where[0]) {
            if (n->type == PP_NODE_SECTION) snprintf(r->where, sizeof r->where, "section 「%s」", n->text ? n->text : "");
            else if (n->type == PP_NODE_ITEM) snprintf(r->where, sizeof r->where, "a list item");
            else pp_name_describe(r->where, sizeof r->where, n);
        }
        if (r->odd && n->type == PP_NODE_ITEM && odd_list(c, n)) {
            if (n->parent != warned_list) pp_msg(c->d, PP_LOC(c->file, 0, 0), IMPORT_ODD_STYLE, r->where, r->typed, gen);
            warned_list = n->parent;
            continue;
        }
        if (r->typed[0]) pp_msg(c->d, PP_LOC(c->file, 0, 0), IMPORT_LABEL_KEPT, r->where, r->typed, gen);
        else pp_msg(c->d, PP_LOC(c->file, 0, 0), IMPORT_LABEL_NONE, r->where, gen);
        n->has_label = true;
        free(n->label);
        n->label = pp_xstrdup(r->typed);
    }
}

void pp_imp_labels_finish(pp_imp *c)
{
    c->index = pp_xmalloc((c->nlabels + 1) * sizeof *c->index);
    for (size_t i = 0; i < c->nlabels; i++) c->index[i] = &c->labels[i];
    qsort(c->index, c->nlabels, sizeof *c->index, by_node);
    list_attrs(c, c->doc->root, 0);
    pp_resolve(c->doc, c->t);
    list_attrs(c, c->doc->root, 1);
    pp_resolve(c->doc, c->t);
    compare_labels(c);
    clear_labels(c->doc->root);
    free(c->index);
    c->index = NULL;
}

