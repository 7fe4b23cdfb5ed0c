/* rules — the domain checks `check` and `render` run after the schema: what a
 * plan must contain, dates that exist and match the year, strategies with units
 * and actions, scores that add up. Each problem is a file:line:col message. */
#ifndef PP_RULES_H
#define PP_RULES_H
#include "diag.h"
#include "model.h"
#include "template.h"

void pp_rules_check(const pp_doc *doc, const pp_template *t, pp_diag *d);
#endif
