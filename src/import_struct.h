/* import_struct — an import_doc's flat paragraphs and tables made into the
 * document model: the head (import_meta), then sections from the top-level
 * labels (壹、 or heading styles) with their run-in titles and roles, lists
 * nested by the labels typed or numbered before their items (a label of a new
 * form opens a level, one seen before closes back to it, （二） after (一) is a
 * slip at the same level), notes (註：), paragraphs, and tables (import_table).
 * Labels are then compared with what planpress generates for the place each
 * node ended up in (resolve, with the document kind's template): equal ones
 * are dropped, a list typed consistently in another style gets style="…",
 * and any other difference is kept as label="…" with a warning. Paragraphs and
 * tables on turned pages make their section (the outermost turned whole) or
 * their table orientation="landscape". Nothing here knows which format the
 * document came in. */
#ifndef PP_IMPORT_STRUCT_H
#define PP_IMPORT_STRUCT_H
#include "diag.h"
#include "import_doc.h"
#include "import_text.h"
#include "model.h"
#include "template.h"

/* A pseudo label style per heading level (PP_IMP_HEADING_STYLE + level): a
 * heading styled, not labelled, opens a level of its own. */
enum { PP_IMP_HEADING_STYLE = 100 };

/* A label as typed (or numbered) for a node, to compare with the generated one. */
typedef struct pp_imp_label {
    pp_node *n;
    char typed[48];          /* "" when none was typed */
    bool odd;                /* a form planpress does not print */
    bool any_ok;             /* nothing typed and nothing expected: a heading styled, not numbered */
    int style;               /* the typed pp_numstyle, -1 none */
    int number;
    char where[128];         /* for messages */
} pp_imp_label;

struct pp_imp;
/* How tables are made (import_table): handed in, so that the outline builder
 * does not depend on the table reader, which builds on it. */
typedef struct pp_imp_tables {
    /* the node of table t (caller owns it) or NULL; *used: the caption went into it */
    pp_node *(*node)(struct pp_imp *c, const pp_imp_table *t, pp_itext *caption, bool *used);
    /* moves from's rows into into, a strategy table right before it; false: they do not go together */
    bool (*merge)(pp_node *into, pp_node *from);
} pp_imp_tables;

/* A section's role as the file lists it by the section's title ("" none). */
typedef struct pp_imp_role_hint { char *role, *title; bool used; } pp_imp_role_hint;

/* One import: where messages go, the template, the document being built and
 * the labels to compare once it is whole. */
typedef struct pp_imp {
    const pp_imp_tables *tables;
    const char *file;
    pp_diag *d;
    pp_template *t;
    pp_doc *doc;
    pp_imp_label *labels;    /* in document order */
    size_t nlabels, caplabels;
    pp_imp_label **index;    /* the same, by node, once the document is whole */
    pp_imp_role_hint *hints; /* the roles the file lists (planpress's own .odt), in order */
    size_t nhints;
    bool labelled_tops;      /* the top sections are opened by typed labels (壹、), not heading styles */
} pp_imp;

/* Records the label text t typed (or its absence, t NULL or unlabelled) for node n. */
void pp_imp_label_note(pp_imp *c, pp_node *n, const pp_itext *t);
/* Records a label given as text (typed "" for none) for node n. */
void pp_imp_label_raw(pp_imp *c, pp_node *n, const char *typed, int style, int number, const char *where);
/* Compares every recorded label with the one planpress generates for its node
 * (the document whole, its template loaded), sets start, style and label
 * where they differ, with warnings (import_labels.c). */
void pp_imp_labels_finish(pp_imp *c);
/* The outline of texts[from..to) (paragraphs, notes, nested lists by their
 * labels) appended to parent: a cell, a list item, a description, actions or
 * results. */
void pp_imp_flow(pp_imp *c, pp_itext *texts, size_t n, pp_node *parent);

/* Builds the document from in. A kind given (not NULL) is the document kind. Returns the
 * document (caller frees) or NULL after a message. The template is loaded for
 * the kind found (PP_ENV message if it cannot be). */
pp_doc *pp_import_structure(const pp_imp_doc *in, const char *file, const char *kind,
                            const pp_imp_tables *tables, pp_diag *d);
#endif
