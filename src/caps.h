/* caps — the limits planpress puts on one document, in one place so that every
 * stage agrees on them: a source beyond them gets a message with its position,
 * never a silent cut or a crash. */
#ifndef PP_CAPS_H
#define PP_CAPS_H

enum {
    PP_MAX_COLUMNS = 16,      /* columns of any table, generic or strategy */
    PP_MAX_ROWS = 200000,     /* rows of one table */
    PP_MAX_NESTING = 64,      /* elements inside elements in a source */
    PP_MAX_LEVELS = 8,        /* numbering levels a template names (outline, lists, strategy tables) */
    PP_MAX_INDENT = 12,       /* labels a paragraph hangs under (its parents' and its own) */
    PP_MAX_ATTRIBUTES = 100,  /* attributes (and namespace declarations) on one element: a source
                                 has a handful; libxml2 checks them against each other */
    PP_MAX_INLINE = 10000,    /* <em> and <br/> in one element: libxml2 validates mixed content
                                 in time growing with the square of its children */
};

/* Reading order of table runs is row * PP_MAX_COLUMNS + column: it must not overflow a long. */
_Static_assert((long)PP_MAX_ROWS * PP_MAX_COLUMNS < 0x7fffffffL, "table order keys fit a long");
_Static_assert(PP_MAX_INDENT >= PP_MAX_LEVELS, "every numbering level can hang under its parents");
#endif
