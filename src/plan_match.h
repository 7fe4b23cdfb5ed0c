/* plan_match — a report checked against its plan (check --plan): every strategy
 * of the plan has results in the report, and every result belongs to a strategy
 * of the plan. Names are compared by their key (names.h); a plan's strategy-less
 * group (開放參與) matches a report group of the same name and covers the
 * strategies under it. Where the plan and the report both give a strategy
 * sub-items, those are compared too, by their descriptions. A row (or sub-item)
 * missing on one side and one extra on the other whose names are alike
 * (character bigrams, Dice's coefficient of at least 0.5, or one name inside the
 * other) is reported once, as renamed, not as two errors. Messages point into
 * the report, in its order; the plan's position is quoted. */
#ifndef PP_PLAN_MATCH_H
#define PP_PLAN_MATCH_H
#include "diag.h"
#include "model.h"
#include "template.h"

/* Reads the plan at plan_path (validated against schema_path) and reports every
 * mismatch to d. Which kinds are reports and which plans, the report's template
 * says (its profiles' outcome: results or actions). */
void pp_plan_match(const pp_doc *report, const pp_template *t, const char *plan_path, const char *schema_path,
                   pp_diag *d);
#endif
