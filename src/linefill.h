/* linefill — sets one paragraph into lines: picks the face of every character,
 * finds the breaks (linebreak's rules: kinsoku, Latin words whole, emergency
 * breaks last), puts the quarter-em Han–Latin gap in, hangs the text after its
 * label, avoids a last line of one character, and justifies every line but the
 * last in clreq's order (word spaces, Han–Latin gaps, then even spacing). */
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

/* Shared by every paragraph of a document: the template, the faces, where
 * messages go, and which missing characters were already reported. */
typedef struct pp_setter {
    const pp_template *t;
    pp_fonts *fonts;
    pp_diag *d;
    const char *file;
    pp_cpset warned;     /* missing characters already reported */
    bool quiet;      /* looking ahead (keep rules): set, but do not report */
} pp_setter;

/* Sets p into lines `width` pt wide. `extra` (may be NULL) is appended to the
 * text first (a continued-cell mark). Clears and fills out. */
void pp_linefill(pp_setter *s, const pp_para *p, double width, const char *extra, pp_setpara *out);
/* Width of a UTF-8 string in text style `style` at `size`, pt. */
double pp_measure(pp_setter *s, const char *utf8, int style, double size);
void pp_setpara_release(pp_setpara *sp);
/* Frees what the setter holds (its list of reported characters). */
void pp_setter_release(pp_setter *s);
#endif
