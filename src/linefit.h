/* linefit — chooses the line breaks of one paragraph as a whole (total fit, in
 * the manner of Knuth and Plass) and says how each line is adjusted to its
 * measure. linefill prepares the characters and places the glyphs; this module
 * knows only widths, break opportunities and what each gap between two
 * characters may do:
 *
 *   - a Latin word space and a Han–Latin gap stretch and shrink within a band
 *     (1/6 to 1/3 em for the default quarter em);
 *   - a gap between two CJK characters (or a CJK character and a Latin one
 *     with no Han–Latin gap) takes the even spacing of a justified line;
 *   - a gap inside a Latin word, inside —— or ……, or beside a connector or a
 *     solidus takes nothing (clreq, inter-character space expansion);
 *   - where a bracket's blank half meets another full-width mark (」。 『「 ）、)
 *     the blank half may be taken away when the paragraph allows it.
 *
 * Every line but a paragraph's last (or the last before an author's line break
 * or a continued mark) must fill its measure; the cost of a line grows with the
 * cube of the even spacing it needs, and a paragraph's cost adds up its lines'
 * costs squared, plus penalties for emergency breaks and for a last line of one
 * character. Allocates only what it returns; thread-safe. */
#ifndef PP_LINEFIT_H
#define PP_LINEFIT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What happens in the gap before a character. */
enum { PP_JOINT_FIXED = 0, PP_JOINT_CJK = 1, PP_JOINT_GLUE = 2 };

typedef struct pp_fitchar {
    double adv;          /* natural advance, pt (a word space: its natural width) */
    double glue;         /* natural Han–Latin gap before it, pt; 0 with no gap */
    uint8_t brk;         /* pp_break before it (linebreak.h) */
    uint8_t joint;       /* PP_JOINT_* of the gap before it */
    bool space;          /* a Latin word space: stretches, dropped at a line's ends */
    bool forced;         /* the author broke the line before it */
    bool soft;           /* a continued mark starts here: a break before it is free and
                            leaves the line before it unjustified */
    bool pair;           /* the gap before it is a bracket's blank half next to another mark */
    bool anywhere;       /* a last-resort break before it keeps the kinsoku rules and two
                            letters or digits on each side of a Latin word */
    bool nostart;        /* a mark that may not start a line (for the one-character test) */
} pp_fitchar;

typedef struct pp_fitopts {
    double measure_first;   /* pt: the first line's measure */
    double measure;         /* pt: every other line's */
    double size;            /* pt: one em */
    bool justify;           /* lines but the last fill the measure; else ragged */
    bool compress;          /* pair gaps may lose up to half an em */
    double glue_min, glue_max;   /* pt: the Han–Latin gap's band */
    double space_min, space_max; /* pt: a word space's band */
    bool orphan_matters;    /* a last line of one character costs much (measure >= 5 em) */
    double spread_max;      /* pt per CJK gap: a line spread more is a last resort */
} pp_fitopts;

/* One line as it is to be set: chars [start, end) are printed (spaces at the
 * ends dropped); the amounts say how each kind of gap differs from natural. */
typedef struct pp_fitline {
    size_t start, end;      /* the printed characters */
    size_t next;            /* where the next line's characters begin (a break position) */
    double space_delta;     /* pt added to every word space (negative: shrunk) */
    double glue_delta;      /* pt added to every Han–Latin gap */
    double cjk_extra;       /* pt added to every CJK gap */
    double pair_cut;        /* pt taken from every pair gap */
    double width;           /* pt: the line as set */
    bool last;              /* a paragraph's last line (or before a forced break or a mark) */
} pp_fitline;

/* Breaks c[0..n) into lines. Returns the number of lines (0 when n is 0) and
 * the lines in *out (malloc'd; the caller frees). *forced becomes true when a
 * word had to be broken at a last-resort place (the caller warns). */
size_t pp_linefit(const pp_fitchar *c, size_t n, const pp_fitopts *o, pp_fitline **out, bool *forced);
#endif
