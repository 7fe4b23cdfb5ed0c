#include "rules.h"
#include "numbering.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

/* The items a plan must contain (伍、實施步驟 二 of the implementation plans). */
static const struct { pp_role role; const char *name; } required[] = {
    { PP_ROLE_BASIS, "計畫依據" }, { PP_ROLE_GOALS, "目標" }, { PP_ROLE_SCOPE, "實施對象" },
    { PP_ROLE_STRATEGIES, "執行策略及具體推動作法" }, { PP_ROLE_STEPS, "實施步驟" },
    { PP_ROLE_EVALUATION, "考核作業" }, { PP_ROLE_REWARDS, "獎勵方式" },
};

static void check_strategies(const pp_doc *doc, const pp_template *t, const pp_node *st, pp_diag *d)
{
    if (!pp_template_columns(t, st->text))
        pp_error(d, doc->file, st->line, st->col, "the template has no strategy column set '%s'", st->text ? st->text : "");
    long sum = 0;
    bool any_score = false;
    for (const pp_node *dim = st->first; dim; dim = dim->next)
        if (dim->type == PP_NODE_DIMENSION && dim->score) { sum += dim->score; any_score = true; }
    if (st->score && any_score && sum != st->score)
        pp_error(d, doc->file, st->line, st->col, "the dimension scores add up to %ld, not the declared total %ld", sum, st->score);
}

static void walk(const pp_doc *doc, const pp_template *t, const pp_node *n, pp_diag *d, bool *seen)
{
    for (const pp_node *c = n->first; c; c = c->next) {
        if (c->type == PP_NODE_SECTION && c->role) seen[c->role] = true;
        if (c->type == PP_NODE_STRATEGIES) check_strategies(doc, t, c, d);
        walk(doc, t, c, d, seen);
    }
}

void pp_rules_check(const pp_doc *doc, const pp_template *t, pp_diag *d)
{
    bool seen[PP_ROLE__COUNT] = { 0 };
    walk(doc, t, doc->root, d, seen);
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!seen[required[i].role])
            pp_error(d, doc->file, doc->root->line, doc->root->col,
                     "the %s lacks the required item %s (a <section role=\"%s\">)",
                     doc->kind == PP_KIND_REPORT ? "report" : "plan", required[i].name, pp_role_name(required[i].role));
    if (doc->meta.issued_y && doc->meta.year) {
        int roc = pp_roc_year(doc->meta.issued_y);
        /* a year's plan is issued late in the year before it or during the year */
        if (roc != doc->meta.year && roc != doc->meta.year - 1 && roc != doc->meta.year + 1)
            pp_error(d, doc->file, doc->meta.issued_line, doc->meta.issued_col,
                     "issued in ROC year %d, which does not fit the document year %d", roc, doc->meta.year);
    }
}
