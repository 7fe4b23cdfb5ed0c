/* pdf_pua — standard Unicode equivalents of private-use code points, for
 * /ActualText: a glyph drawn from TW-Kai-Plus's plane-15 private-use area extracts
 * as its PUA code point (that is what the font's cmap says), which means nothing
 * to a screen reader or a search; where the same character has since been
 * encoded, the writer gives the standard code point as its actual text. */
#ifndef PP_PDF_PUA_H
#define PP_PDF_PUA_H
#include <stdint.h>

/* The standard code point for private-use `cp`, or 0 when there is none known. */
uint32_t pp_pua_equivalent(uint32_t cp);
#endif
