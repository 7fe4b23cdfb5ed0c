/* odf_table — one table of the blocks as an ODF table, cell for cell as the
 * PDF draws it, and the table, column and cell styles the tables used. */
#ifndef PP_ODF_TABLE_H
#define PP_ODF_TABLE_H
#include "odf_body.h"

/* Writes t into the body, its columns the table's fractions of `width` pt
 * (the text area's, or a turned page's). */
void pp_odf_table(pp_odf_body *bc, const pp_table *t, double width);
/* Writes the styles of every table written so far into x. */
void pp_odf_table_styles(const pp_odf_body *bc, pp_ox *x);
#endif
