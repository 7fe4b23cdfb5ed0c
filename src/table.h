/* table — one grid engine for strategy tables and generic tables: cells are set
 * with the paragraph setter, rows get the height of their tallest cell (a merged
 * cell's extra height goes to its last row), and rows are split between lines at
 * a page foot. Header rows repeat on every page; a merged cell crossing a page
 * is continued, its text repeated (with the template's mark) or left blank. */
#ifndef PP_TABLE_H
#define PP_TABLE_H
#include "flow.h"

/* Lays out a table at the flow's position, splitting rows across pages. */
void pp_table_flow(pp_flow *f, const pp_table *t);
/* Height of the table's header plus the first lines of its first row: what a
 * heading or caption before it needs to stay with it. */
double pp_table_min_height(pp_flow *f, const pp_table *t);
#endif
