/* layout — blocks to pages: paragraphs flow down the text area (headings kept
 * with what follows, no widow or orphan lines), tables go to table.c, and once
 * every page exists the page numbers and the running header are added. */
#ifndef PP_LAYOUT_H
#define PP_LAYOUT_H
#include "blocks.h"
#include "linefill.h"
#include "pages.h"

/* Lays out every block into out (cleared first; release with pp_pages_release).
 * Messages about forced breaks go to the setter's diag. Returns 0. */
int pp_layout(const pp_blocks *b, pp_setter *s, pp_pages *out);
#endif
