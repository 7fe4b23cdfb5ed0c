#include "resolve.h"
#include "columns.h"
#include "title_block.h"
#include "numbering.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Gives n its label; an unnumbered node gets none (and its caller uses no number up). */
static void set_label(pp_node *n, int style, int number)
{
    if (n->unnumbered) { free(n->label); n->label = NULL; return; }
    if (n->has_label) return;
    char buf[64];
    pp_number_format(buf, sizeof buf, style < 0 ? PP_NUM_NONE : (pp_numstyle)style, number);
    free(n->label);
    n->label = buf[0] ? pp_xstrdup(buf) : NULL;
}

static int level_style(const int *levels, int n, int k)
{
    if (n <= 0) return PP_NUM_DECIMAL;
    return levels[k < n ? k : n - 1];
}

/* Context of a list: which sequence of styles numbers it and at which level. */
typedef struct numctx { const int *levels; int nlevels; int level; } numctx;

static void resolve_flow(pp_node *n, const pp_template *t, numctx ctx);

/* Lists in generic table cells follow the template's table sequence (1. (1) A.). */
static void resolve_table(pp_node *table, const pp_template *t)
{
    numctx tc = { t->table_lists, t->ntable_lists, 0 };
    for (pp_node *r = table->first; r; r = r->next) {
        pp_node *rows = r->type == PP_NODE_HEAD ? r->first : r->type == PP_NODE_ROW ? r : NULL;
        for (pp_node *row = rows; row; row = r->type == PP_NODE_HEAD ? row->next : NULL)
            for (pp_node *cell = row->first; cell; cell = cell->next) resolve_flow(cell, t, tc);
    }
}

static void resolve_list(pp_node *list, const pp_template *t, numctx ctx)
{
    int style = list->style >= 0 ? list->style : level_style(ctx.levels, ctx.nlevels, ctx.level);
    list->depth = ctx.level;
    int k = list->start;
    for (pp_node *it = list->first; it; it = it->next) {
        if (it->type != PP_NODE_ITEM) continue;
        set_label(it, style, k);
        if (!it->unnumbered) k++;
        numctx inner = ctx;
        inner.level++;
        resolve_flow(it, t, inner);
    }
}

/* Lists anywhere below n (paragraph flow, cells, outcomes) at the context's level. */
static void resolve_flow(pp_node *n, const pp_template *t, numctx ctx)
{
    for (pp_node *c = n->first; c; c = c->next) {
        if (c->type == PP_NODE_LIST) resolve_list(c, t, ctx);
        else if (c->type == PP_NODE_TABLE) resolve_table(c, t);
    }
}

static int count_type(const pp_node *parent, pp_node_type type)
{
    int k = 0;
    for (const pp_node *c = parent->first; c; c = c->next) if (c->type == type) k++;
    return k;
}

static void resolve_owner(pp_node *owner, const pp_columnset *cs, const pp_template *t, int level)
{
    numctx ctx = { cs->levels, cs->nlevels, level + 1 };
    for (pp_node *c = owner->first; c; c = c->next)
        if (c->type == PP_NODE_DESC || c->type == PP_NODE_ACTIONS || c->type == PP_NODE_RESULTS)
            resolve_flow(c, t, ctx);
}

/* The lone-child rule: a group, strategy or sub that is the only one of its
 * parent is left unnumbered (三、服務量能 | 內部作業簡化 | …) unless the column set
 * (number-lone="yes") or the table (lone="number") says to number it. */
static void resolve_level(pp_node *parent, const pp_columnset *cs, const pp_template *t, bool number_lone)
{
    static const pp_node_type types[] = { PP_NODE_DIMENSION, PP_NODE_GROUP, PP_NODE_STRATEGY, PP_NODE_SUB };
    for (int lv = 0; lv < 4; lv++) {
        int total = count_type(parent, types[lv]);
        if (!total) continue;
        bool number = lv == 0 || total > 1 || number_lone;
        int k = 0;
        for (pp_node *c = parent->first; c; c = c->next) {
            if (c->type != types[lv]) continue;
            if (!c->unnumbered) k++;
            if (number) set_label(c, level_style(cs->levels, cs->nlevels, lv), k);
            else if (!c->has_label) { free(c->label); c->label = NULL; }
            c->depth = lv;
            resolve_owner(c, cs, t, lv);
            resolve_level(c, cs, t, number_lone);
        }
    }
}

static void resolve_section(pp_node *s, const pp_template *t, const pp_profile *prof, int depth)
{
    int k = 0;
    for (pp_node *c = s->first; c; c = c->next) {
        if (c->type == PP_NODE_SECTION) {
            if (!c->unnumbered) k++;
            set_label(c, level_style(t->outline, t->noutline, depth), k);
            c->depth = depth;
            resolve_section(c, t, prof, depth + 1);
        } else if (c->type == PP_NODE_LIST) {
            numctx ctx = { t->outline, t->noutline, depth };
            resolve_list(c, t, ctx);
        } else if (c->type == PP_NODE_TABLE) {
            resolve_table(c, t);
        } else if (c->type == PP_NODE_STRATEGIES) {
            pp_columnset cs;
            if (pp_resolve_columns(c, t, prof, &cs) == 0) {
                resolve_level(c, &cs, t, c->lone >= 0 ? c->lone == 1 : cs.number_lone);
                pp_columnset_release(&cs);
            }
        }
    }
}

void pp_resolve(pp_doc *doc, const pp_template *t)
{
    const pp_profile *prof = pp_template_profile(t, doc->kind);
    resolve_section(doc->root, t, prof, 0);
    pp_resolve_title(doc, t, prof);
}

char *pp_resolve_caption(const pp_columnset *cs, const pp_node *dim)
{
    const char *fmt = cs->caption ? cs->caption : "{n}{name}";
    size_t cap = strlen(fmt) + strlen(dim->text) + 64, len = 0;
    char *out = pp_xmalloc(cap);
    out[0] = 0;
    for (const char *p = fmt; *p;) {
        char piece[64];
        const char *add = NULL;
        size_t skip = 1;
        if (strncmp(p, "{n}", 3) == 0) {
            /* the number in the caption is the bare numeral of the dimension's label style */
            add = dim->label ? dim->label : "";
            skip = 3;
        } else if (strncmp(p, "{name}", 6) == 0) {
            add = dim->text; skip = 6;
        } else if (strncmp(p, "{score}", 7) == 0) {
            if (!dim->score) {
                /* no score: drop the bracket that holds it, "（{score} 分）" */
                char *open = strstr(out, "（");
                char *open2 = strrchr(out, '(');
                if (open2 && (!open || open2 > open)) open = open2;
                if (open) { *open = 0; len = strlen(out); }
                const char *close = strstr(p, "）");
                const char *close2 = strchr(p, ')');
                if (close2 && (!close || close2 < close)) close = close2;
                p = close ? close + (*close == ')' ? 1 : strlen("）")) : p + 7;
                continue;
            }
            snprintf(piece, sizeof piece, "%ld", dim->score);
            add = piece; skip = 7;
        }
        if (add) {
            size_t l = strlen(add);
            if (len + l + 1 > cap) { cap = (len + l + 1) * 2; out = pp_xrealloc(out, cap); }
            memcpy(out + len, add, l + 1);
            len += l;
            p += skip;
        } else {
            if (len + 2 > cap) { cap *= 2; out = pp_xrealloc(out, cap); }
            out[len++] = *p++;
            out[len] = 0;
        }
    }
    return out;
}
