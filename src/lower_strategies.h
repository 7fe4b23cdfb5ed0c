/* lower_strategies — a strategy table (<strategies>) becomes grids: its columns
 * (columns.c: a template preset, or declared in the source) decide which level
 * is a column with merged cells, which a caption above the table (a dimension
 * with no column of its own: one table per dimension), and where units,
 * outcomes, scores and extra columns go. */
#ifndef PP_LOWER_STRATEGIES_H
#define PP_LOWER_STRATEGIES_H
#include "lower_util.h"

/* Appends the table(s) of strategies node st to c->out. */
void pp_lower_strategies(pp_lowering *c, const pp_node *st);
#endif
