/* linefill — sets one paragraph into lines: picks the face of every character,
 * knows the gaps between them (the quarter-em Han–Latin gap, word spaces, the
 * even spacing of CJK text, the blank halves of brackets), hangs the text
 * after its label on a whole-em measure, has linefit choose the breaks for the
 * whole paragraph (kinsoku, no last line of one character, no loose lines),
 * and places every glyph as the line's justification says (clreq's order:
 * word spaces, Han–Latin gaps, then even spacing). docs/typesetting.md. */
#ifndef PP_LINEFILL_H
#define PP_LINEFILL_H
#include "blocks.h"
#include "cpset.h"
#include "diag.h"
#include "fonts.h"
#include "template.h"

typedef struct pp_glyph {
    uint32_t cp;
    int face;
    double x;        /* from the left edge of the measure, pt */
    double adv;      /* natural advance, pt */
    bool label;      /* part of the list label, not the text */
    bool missing;    /* no installed font has it: drawn as .notdef with a visible box */
    bool em;         /* <em>: underlined */
} pp_glyph;

typedef struct pp_line { size_t first, count; } pp_line;

typedef struct pp_setpara {
    pp_glyph *g;     size_t ng, capg;
    pp_line *lines;  size_t nlines, caplines;
    double size, leading;
} pp_setpara;

typedef struct pp_setcache pp_setcache;

/* Shared by every paragraph of a document: the template, the faces, where
 * messages go, which missing characters were already reported, and the
 * paragraphs set lately (layout sets a table's cells again for every look
 * ahead; a paragraph set again with the same text and measure is copied). */
typedef struct pp_setter {
    const pp_template *t;
    pp_fonts *fonts;
    pp_diag *d;
    const char *file;
    pp_cpset warned;     /* missing characters already reported */
    bool quiet;      /* looking ahead (keep rules): set, but do not report */
    pp_setcache *cache;  /* NULL until the first paragraph; freed by pp_setter_release */
} pp_setter;

/* Sets p into lines `width` pt wide. `extra` (may be NULL) is appended to the
 * text first (a continued-cell mark). Clears and fills out. */
void pp_linefill(pp_setter *s, const pp_para *p, double width, const char *extra, pp_setpara *out);
/* Width of a UTF-8 string in text style `style` at `size`, pt. */
double pp_measure(pp_setter *s, const char *utf8, int style, double size);
void pp_setpara_release(pp_setpara *sp);
/* Frees what the setter holds (its list of reported characters, its cache). */
void pp_setter_release(pp_setter *s);
#endif
