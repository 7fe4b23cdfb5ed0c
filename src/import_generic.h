/* import_generic — an imported table that is not a strategy table, as a
 * generic <table>: its header rows (<head>), every cell with its spans (a span
 * reaching past the header rows or the table is cut there), the column widths
 * as fractions, and a caption typed above it as 「表1 …」. */
#ifndef PP_IMPORT_GENERIC_H
#define PP_IMPORT_GENERIC_H
#include "import_cells.h"

/* The TABLE node for x->t (caller owns it), or NULL for a table with no rows;
 * *used is set when the caption paragraph became its <caption>. */
pp_node *pp_imp_generic_table(pp_imp_cells *x, pp_itext *caption, bool *used);
#endif
