/* rules — the domain checks `check` and `render` run after the schema: what a
 * plan must contain, dates that exist and match the year, strategies with units
 * and actions, scores that add up, no empty cells, no strategy twice, and a
 * report against its plan. Each problem is a file:line:col message.
 *
 * Levels (errors refuse the document, warnings only print):
 *   error    a plan or implementation plan lacks a required item (計畫依據 … 獎勵方式)
 *   error    a report lacks 執行策略及具體推動作法; warning: it lacks another item
 *   error    dimension scores that do not add up to the table's total, or a
 *            dimension without a score in a table that declares one
 *   error    an issued date whose ROC year does not fit the document year (a plan:
 *            that year or the one before; a report: that year or the one after);
 *            an issued date that does not exist is the reader's error (xml_read)
 *   error    a date in the text (「110年2月30日」, 「13月」 after a year) that does not exist
 *   error    a strategy, sub-item or strategy-less group without units (where the
 *            table has a units column) or without actions/results; units or
 *            actions given twice (on a strategy and its sub-items: one is lost)
 *   error    empty <actions>/<results>, strategy name, sub-item description or unit
 *   warning  an empty generic table cell (forms leave cells blank on purpose)
 *   warning  <actions> in a report or <results> in a plan
 *   error    the same strategy twice in a document, or the same group twice in
 *            one dimension
 * A report against its plan (--plan) is plan_match's. */
#ifndef PP_RULES_H
#define PP_RULES_H
#include "diag.h"
#include "model.h"
#include "template.h"

void pp_rules_check(const pp_doc *doc, const pp_template *t, pp_diag *d);

#endif
