/* rng_explain — why a document breaks a RELAX NG schema, in terms a person can
 * act on: for each problem, what was found, where, and what the schema allows
 * there (the elements that may come at that point, an attribute's values, a
 * datatype in words), with the nearest allowed name when the found one looks
 * like a misspelling. It walks the document as a validator does (rng.h, one
 * element at a time), so every problem is local: an element that is not
 * allowed is skipped, a missing one is assumed, and the rest is still checked.
 * It is asked only about documents libxml2 found invalid. */
#ifndef PP_RNG_EXPLAIN_H
#define PP_RNG_EXPLAIN_H
#include "rng.h"
#include <libxml/tree.h>
#include <stdbool.h>

typedef enum {
    PP_RNG_BAD_ROOT,        /* node: the root element; allowed: the root names */
    PP_RNG_UNEXPECTED,      /* node: a child element not allowed where it stands */
    PP_RNG_MISSING,         /* node: the element lacking a child; name: what it needs */
    PP_RNG_STRAY_TEXT,      /* node: a text node where no text is allowed */
    PP_RNG_UNKNOWN_ATTR,    /* node: the element; attr: the attribute it has no business with */
    PP_RNG_BAD_VALUE,       /* node: the element; attr: the attribute whose value is wrong */
    PP_RNG_MISSING_ATTR,    /* node: the element; attr: the attribute it needs */
    PP_RNG_BAD_CONTENT      /* node: an element holding a value (text) that is wrong or empty */
} pp_rng_problem;

/* One problem. Strings are valid only during the callback; empty when they do
 * not apply, never NULL. Lists are written out: "<a>, <b> or <c>", "yes or no". */
typedef struct pp_rng_finding {
    pp_rng_problem what;
    const xmlNode *node;
    const char *parent;     /* the name of the element the problem is in */
    const char *name;       /* the element or attribute found (or needed) */
    const char *attr;       /* the attribute, for attribute problems */
    const char *value;      /* the value or text found (cut to a few dozen characters) */
    const char *suggest;    /* "did you mean" candidate */
    const char *allowed;    /* what may stand there instead */
    const char *example;    /* an example from the schema's documentation */
    const char *where;      /* UNEXPECTED: where the element belongs (its parents, or
                             * the sibling it must come before); STRAY_TEXT: the
                             * element to put the text in; MISSING: the element it
                             * must come before */
    bool can_end;           /* UNEXPECTED/STRAY_TEXT: the parent may end at that point */
    bool unknown;           /* UNEXPECTED: no element of the schema has this name */
    bool before;            /* UNEXPECTED: `where` is a sibling to come before, not a parent */
    bool text_only;         /* UNEXPECTED/STRAY_TEXT: the parent holds only text (no elements) */
    bool nothing;           /* UNEXPECTED/STRAY_TEXT: the parent is always empty */
    bool again;             /* UNEXPECTED: `where` is an earlier sibling of the same name (one is allowed) */
} pp_rng_finding;

typedef void (*pp_rng_report_fn)(void *ctx, const pp_rng_finding *f);

/* Walks doc against g, calling report once per problem (not in document
 * order). Returns the number of problems, or -1 when the explanation had to be
 * abandoned (too large a derivative). */
int pp_rng_explain(const pp_rng *g, const xmlDoc *doc, pp_rng_report_fn report, void *ctx);
#endif
