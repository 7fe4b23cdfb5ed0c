/* import_generic — an imported table that is not a strategy table, as a
 * generic <table>: its header rows (<head>), every cell with its spans (a span
 * reaching past the header rows or the table is cut there), the column widths
 * as fractions, and a caption typed above it as 「表1 …」; declared columns
 * when some column is left blank (every body cell empty) or set centred
 * (every body cell); a last row holding one number, the sum of the numbers
 * above it in its column, as the total row of that score column
 * (score-column=, total="yes"); paragraphs starting with □ in a cell as a
 * checkbox list. */
#ifndef PP_IMPORT_GENERIC_H
#define PP_IMPORT_GENERIC_H
#include "import_cells.h"

/* The TABLE node for x->t (caller owns it), or NULL for a table with no rows;
 * *used is set when the caption paragraph became its <caption>. */
pp_node *pp_imp_generic_table(pp_imp_cells *x, pp_itext *caption, bool *used);
/* Turns each run of paragraphs of cell (any flow node) that start with the box
 * of a checkbox list (□ and text) into a <list style="checkbox">, the boxes
 * taken off: how a checkbox list comes back from the .odt, which prints them. */
void pp_imp_cell_checkboxes(pp_node *cell);
#endif
