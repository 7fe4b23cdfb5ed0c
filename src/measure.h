/* measure — how narrow and how wide a paragraph can be set, for automatic
 * column widths: its widest piece that may not be broken (a Latin word, a
 * number, a Han character with the marks that may not leave it; a short label
 * such as a unit's name, whole) and its whole width on one line, both with its
 * label, in points, at its style's size. */
#ifndef PP_MEASURE_H
#define PP_MEASURE_H
#include "blocks.h"
#include "linefill.h"

/* *min_pt: the narrowest measure that needs no forced break; *max_pt: the width
 * of the paragraph on one line (the widest line when the author broke it). */
void pp_measure_para(pp_setter *s, const pp_para *p, double *min_pt, double *max_pt);
#endif
