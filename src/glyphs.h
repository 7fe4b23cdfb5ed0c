/* glyphs — every character a document will print, known right after lowering and
 * before any line is set, sorted by the face that will draw it: the paragraphs' and
 * cells' text and labels, the continued-cell mark where a merged cell may be
 * continued, the page-number format with every digit, and the running header. So
 * the PDF writer can start making the font programs beside line filling,
 * pagination and drawing.
 *
 * The sets may hold a little more than gets printed (digits of page numbers that
 * do not occur, a continued mark never needed, a space only ever at a line end),
 * never less: the writer checks what was drawn against them. Faces are picked as
 * linefill picks them (pp_fonts_pick, by text style); a character no face has is
 * left out (it prints as face 0's .notdef, glyph 0, which every subset keeps). */
#ifndef PP_GLYPHS_H
#define PP_GLYPHS_H
#include "blocks.h"
#include "cpset.h"
#include "fonts.h"
#include "template.h"

typedef struct pp_glyphs {
    pp_cpset face[PP_MAX_FACES];   /* per face index: the code points it draws */
    int nfaces;                    /* faces known when collected */
} pp_glyphs;

/* Collects the characters of `b` under template `t` into out (cleared first). May
 * open faces (pp_fonts_pick's search of installed fonts), as layout would. */
void pp_glyphs_collect(const pp_blocks *b, const pp_template *t, pp_fonts *f, pp_glyphs *out);
/* The face with the most characters, or -1 when there are none. */
int pp_glyphs_largest(const pp_glyphs *g);
/* Frees what the sets hold. */
void pp_glyphs_release(pp_glyphs *g);
#endif
