/* import_text — a paragraph as the structurer reads it: its characters (code
 * points, each with an emphasis flag), the label typed or numbered before it,
 * and the source paragraph it came from (for messages). Word documents wrap
 * by hand: lines broken with Shift+Enter are joined back unless the next line
 * starts with a label, and a paragraph cut short by Enter is joined to the one
 * after it (pp_itext_lines, pp_itext_join). White space is folded as the
 * source format wants it: none around Han characters, one space between Latin
 * words. */
#ifndef PP_IMPORT_TEXT_H
#define PP_IMPORT_TEXT_H
#include "import_doc.h"
#include "import_label.h"
#include "model.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pp_itext {
    uint32_t *cp;
    unsigned char *em;
    size_t n, cap;
    const pp_imp_para *src;
    bool labelled;           /* label below is set */
    bool automatic;          /* the label came from automatic numbering */
    pp_label label;
    bool bullet;             /* automatic numbering gives it a bullet (no number) */
    bool note;               /* starts 註： (a note) */
    bool gap;                /* an empty paragraph stood before it (no hand wrap joins across one) */
} pp_itext;

typedef struct pp_itexts {
    pp_itext *v;
    size_t n, cap;
} pp_itexts;

/* How a run of paragraphs is read: body text (hand wraps joined across
 * paragraphs), a table cell (joined only inside a paragraph and after a
 * paragraph cut in mid-clause), or a units cell (every line is one unit). */
typedef enum { PP_IT_BODY, PP_IT_CELL, PP_IT_UNITS } pp_itext_mode;

/* Appends the logical paragraphs of source paragraph p to out: its lines are
 * joined or split (mode), each result folded and its label read. Blank
 * results are dropped. */
void pp_itext_lines(pp_itexts *out, const pp_imp_para *p, pp_itext_mode mode);
/* Joins paragraphs of out[from..] that hand wrapping split (mode BODY or
 * CELL), in place. */
void pp_itext_join(pp_itexts *out, size_t from, pp_itext_mode mode);

/* Appends b's characters to a (after a space when `space`) and folds a. */
void pp_itext_append(pp_itext *a, const pp_itext *b, bool space);
/* The text as UTF-8, malloc'd (caller frees); from character `from` on. */
char *pp_itext_utf8(const pp_itext *t, size_t from);
/* Drops the first k characters (and the white space after them). */
void pp_itext_drop(pp_itext *t, size_t k);
/* Characters of the label (what label.len bytes are), to drop. */
size_t pp_itext_label_chars(const pp_itext *t);
/* Reads the label again (after a change at the start). */
void pp_itext_relabel(pp_itext *t);
/* Width in full-width characters (Latin letters and digits count half). */
double pp_itext_width(const pp_itext *t);
/* The last character that is not white space, or 0. */
uint32_t pp_itext_last(const pp_itext *t);
/* True when c ends a sentence or clause (。！？；：: and closing quotes after them). */
bool pp_itext_terminal(uint32_t c);
/* Index of the first c in t at or after from, or (size_t)-1. */
size_t pp_itext_find(const pp_itext *t, uint32_t c, size_t from);
/* Splits t at character k: t keeps [0,k), the result gets [k,n) (folded). */
pp_itext pp_itext_split(pp_itext *t, size_t k);
/* Appends t's characters [from, to) to parent as TEXT and EM nodes (emphasis
 * only where part of the paragraph is emphasised: a whole bold paragraph is a
 * heading's look, not emphasis). */
void pp_itext_inline(const pp_itext *t, size_t from, size_t to, pp_node *parent);
void pp_itext_release(pp_itext *t);
void pp_itexts_release(pp_itexts *v);
#endif
