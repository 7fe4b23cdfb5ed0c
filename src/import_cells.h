/* import_cells — the text of an imported table cell, read as the structurer
 * reads paragraphs (import_text): a cell's paragraphs and line breaks made
 * logical paragraphs in one of the reading modes (body, cell, units), a table
 * nested in the cell read as the paragraphs of its cells (with one warning per
 * table), and a cell's whole text as one folded string. */
#ifndef PP_IMPORT_CELLS_H
#define PP_IMPORT_CELLS_H
#include "import_struct.h"

/* The table being read, for messages. */
typedef struct pp_imp_cells {
    pp_imp *c;
    const pp_imp_table *t;
    bool warned_nested;
} pp_imp_cells;

/* The logical paragraphs of cell (NULL: none) into *out (initialised here;
 * release with pp_itexts_release). */
void pp_imp_cell_texts(pp_imp_cells *x, const pp_imp_cell *cell, pp_itext_mode mode, pp_itexts *out);
/* All of a cell's text as one string, folded (header words, names); malloc'd. */
char *pp_imp_cell_string(pp_imp_cells *x, const pp_imp_cell *cell);
/* s with its white space (ASCII and ideographic) removed, in place; returns s. */
char *pp_imp_squash(char *s);
#endif
