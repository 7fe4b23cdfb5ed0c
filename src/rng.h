/* rng — a RELAX NG grammar as planpress reads it for its messages: the patterns
 * of a schema file (elements, attributes, values, datatypes, with their
 * a:documentation annotations), and the derivative algorithm over them (James
 * Clark, "An algorithm for RELAX NG validation", 2002), one element at a time.
 * libxml2 stays the judge of validity; this model only says, for an invalid
 * document, what was allowed at the place where it went wrong (rng_explain.c).
 *
 * Supported: grammar, start, define (with combine), ref, div, element and
 * attribute with a plain name, group, interleave, choice, optional,
 * zeroOrMore, oneOrMore, mixed, empty, notAllowed, text, value, data (with
 * params; except is ignored), list (as any text). A schema with anything else
 * (name classes, include, externalRef, nested grammars) is not modelled:
 * pp_rng_build returns NULL and the caller keeps libxml2's own messages. */
#ifndef PP_RNG_H
#define PP_RNG_H
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PP_RNG_EMPTY, PP_RNG_NOTALLOWED, PP_RNG_TEXT, PP_RNG_ELEMENT, PP_RNG_ATTRIBUTE,
    PP_RNG_GROUP, PP_RNG_INTERLEAVE, PP_RNG_CHOICE, PP_RNG_ONEORMORE,
    PP_RNG_VALUE, PP_RNG_DATA, PP_RNG_LIST, PP_RNG_REF
} pp_rng_kind;

typedef struct pp_rng_param { const char *name, *value; } pp_rng_param;

/* One pattern; patterns refer to each other by index. */
typedef struct pp_rng_pat {
    pp_rng_kind kind;
    int a, b;               /* operands; ELEMENT/ATTRIBUTE: a is the content; REF: a is the define's body */
    const char *name, *ns;  /* ELEMENT/ATTRIBUTE: local name and namespace URI ("" for none) */
    const char *value;      /* VALUE: the value; DATA: the type's name */
    const char *lib;        /* VALUE/DATA: the datatype library ("" built-in) */
    const pp_rng_param *params;   /* DATA: facets */
    int nparams;
    const char *doc;        /* ELEMENT/ATTRIBUTE/VALUE: the a:documentation text, or NULL */
} pp_rng_pat;

typedef struct pp_rng pp_rng;

/* The grammar of a parsed schema document; NULL when it uses a construct this
 * model does not know (see above). Free with pp_rng_free. */
pp_rng *pp_rng_build(const xmlDoc *schema);
void pp_rng_free(pp_rng *g);
/* The start pattern's index. */
int pp_rng_start(const pp_rng *g);

/* Derivatives are made in a work area that starts as a copy of the grammar's
 * patterns and grows; pp_rng_work_mark / pp_rng_work_reset give back what was
 * made after a mark. A work area that grew past its limit is "exhausted": every
 * derivative then comes out as notAllowed and the caller gives up. */
typedef struct pp_rng_work {
    const pp_rng *g;
    pp_rng_pat *pats;
    size_t n, cap, nstatic;
    int empty;              /* the one empty pattern derivatives share */
    bool exhausted;
} pp_rng_work;

void pp_rng_work_init(pp_rng_work *w, const pp_rng *g);
void pp_rng_work_release(pp_rng_work *w);
static inline size_t pp_rng_work_mark(const pp_rng_work *w) { return w->n; }
void pp_rng_work_reset(pp_rng_work *w, size_t mark);
/* Pattern p. The grammar's own patterns are read from the grammar, whose array
 * never moves: a pointer to an element or attribute pattern stays good while
 * derivatives grow (and reallocate) the work's array. A derivative's pointer
 * lasts only until the next derivative is made. */
const pp_rng_pat *pp_rng_pat_at(const pp_rng_work *w, int p);

bool pp_rng_nullable(pp_rng_work *w, int p);
/* After a child element named (ns, name); *match gets the ELEMENT pattern that
 * took it (-1 if none; may be NULL). */
int pp_rng_deriv_element(pp_rng_work *w, int p, const char *ns, const char *name, int *match);
/* After text (the value of a data or value pattern, or mixed text). */
int pp_rng_deriv_text(pp_rng_work *w, int p, const char *text);
/* After an attribute; with any_value, its value is not checked. */
int pp_rng_deriv_attribute(pp_rng_work *w, int p, const char *ns, const char *name, const char *value, bool any_value);
/* At the end of the start tag: attributes not given become notAllowed, or, with
 * lenient, are forgotten (so that the content can be checked on its own). */
int pp_rng_close_tag(pp_rng_work *w, int p, bool lenient);
/* Whether text is a valid value for the data or value pattern p. */
bool pp_rng_value_ok(const pp_rng_pat *p, const char *text);

/* The ELEMENT (or ATTRIBUTE) patterns that p can take next, not looking inside
 * elements; one per name, in schema order. Returns the count (at most cap). */
size_t pp_rng_elements(pp_rng_work *w, int p, pp_rng_kind kind, int *out, size_t cap);
/* The VALUE and DATA patterns an attribute's content p allows (at most cap). */
size_t pp_rng_values(pp_rng_work *w, int p, int *out, size_t cap);
/* Whether p (not looking inside elements) takes free text (a text pattern). */
bool pp_rng_takes_text(pp_rng_work *w, int p);
/* Every ELEMENT pattern of the grammar, in schema order (count at most cap). */
size_t pp_rng_all_elements(const pp_rng *g, int *out, size_t cap);
/* What a data pattern holds, in words ("a whole number from 1 to 6"); into buf. */
const char *pp_rng_describe_data(const pp_rng_pat *p, char *buf, size_t cap);
/* The example in a documentation text: what follows its last "例：" up to the end
 * of that line, into buf; NULL when there is none. */
const char *pp_rng_example(const char *doc, char *buf, size_t cap);
#endif
