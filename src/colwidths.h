/* colwidths — a table's column widths in points. Widths the source or the
 * template gives (fractions of the text width) win; the other columns are
 * sized from their content as browsers lay out automatic tables: each column's
 * minimum (its widest piece that may not be broken) and preferred width (its
 * widest line), the room shared between them, every automatic column's text
 * width rounded to whole characters of the table style (the em grid). A column
 * always holds at least one character. */
#ifndef PP_COLWIDTHS_H
#define PP_COLWIDTHS_H
#include "blocks.h"
#include "linefill.h"

/* Fills out[0..ncols) for a table `width` pt wide. Returns 0; 1 when the columns
 * do not fit at their minimum widths (they were squeezed); 2 when a column had
 * to be widened to one character. */
int pp_column_widths(pp_setter *s, const pp_table *t, double width, double *out);
#endif
