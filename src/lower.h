/* lower — the numbered model becomes blocks: the title block, headings,
 * paragraphs and list items with their hanging labels, and every table
 * (generic or strategy) as one kind of grid with row and column spans. The
 * template's column set decides where each strategy level goes. */
#ifndef PP_LOWER_H
#define PP_LOWER_H
#include "blocks.h"
#include "diag.h"

/* Lowers a resolved document. Returns 0, or -1 after reporting errors
 * (e.g. an unknown column set). `out` is filled either way; free it with pp_blocks_free. */
int pp_lower(const pp_doc *doc, const pp_template *t, pp_blocks *out, pp_diag *d);
#endif
