/* model — the document tree read from a source: sections, blocks, the strategy
 * hierarchy, inline text. Built by xml_read, numbered by resolve, read by lower.
 * Nothing here knows about XML, points or pages. The tree owns its nodes and
 * strings; pp_doc_free releases everything. */
#ifndef PP_MODEL_H
#define PP_MODEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
    PP_NODE_DOCUMENT,
    PP_NODE_SECTION,     /* title; role; runin */
    PP_NODE_PARAGRAPH,   /* inline children */
    PP_NODE_NOTE,        /* inline children */
    PP_NODE_LIST,        /* style, start; ITEM children */
    PP_NODE_ITEM,        /* block children */
    PP_NODE_TABLE,       /* widths; optional CAPTION, HEAD, then ROWs */
    PP_NODE_CAPTION,     /* inline children */
    PP_NODE_HEAD,        /* ROW children */
    PP_NODE_ROW,         /* CELL children */
    PP_NODE_CELL,        /* rowspan, colspan, align; block children */
    PP_NODE_STRATEGIES,  /* columns, total; DIMENSION | GROUP | STRATEGY children */
    PP_NODE_DIMENSION,   /* title = name; score */
    PP_NODE_GROUP,       /* title = name; STRATEGY children, or UNITS? + OUTCOME */
    PP_NODE_STRATEGY,    /* NAME, DESC?, UNITS?, OUTCOME?, SUB* */
    PP_NODE_SUB,         /* DESC, UNITS?, OUTCOME? */
    PP_NODE_NAME,        /* inline children */
    PP_NODE_DESC,        /* block children */
    PP_NODE_UNITS,       /* UNIT children */
    PP_NODE_UNIT,        /* text */
    PP_NODE_ACTIONS,     /* numbered; block children */
    PP_NODE_RESULTS,     /* numbered; block children */
    PP_NODE_TEXT,        /* text */
    PP_NODE_EM,          /* inline children */
    PP_NODE_BR
} pp_node_type;

typedef enum {
    PP_ROLE_NONE, PP_ROLE_BASIS, PP_ROLE_GOALS, PP_ROLE_SCOPE, PP_ROLE_STRATEGIES,
    PP_ROLE_STEPS, PP_ROLE_EVALUATION, PP_ROLE_REWARDS, PP_ROLE_OTHER, PP_ROLE__COUNT
} pp_role;

typedef struct pp_node pp_node;
struct pp_node {
    pp_node_type type;
    pp_node *parent, *first, *last, *next, *prev;
    long line, col;          /* where the element (or text) starts in the source */
    long text_line, text_col;/* where `text` starts, when it is an attribute's value (0: unknown) */
    char *text;              /* TEXT/UNIT: content; SECTION: title; DIMENSION/GROUP: name;
                                STRATEGIES: column-set name; TABLE: widths */
    char *label;             /* author's verbatim label (has_label) or, after resolve, the generated one */
    bool has_label;          /* the author gave label="..." */
    bool runin;              /* SECTION */
    bool numbered;           /* ACTIONS/RESULTS: print the owner's label first */
    pp_role role;            /* SECTION */
    int style;               /* LIST: pp_numstyle or -1 for the template's default */
    int start;               /* LIST: first number */
    int rowspan, colspan;    /* CELL */
    bool center;             /* CELL align="center" */
    long score;              /* DIMENSION: score, STRATEGIES: total (0 = none) */
    int depth;               /* after resolve: outline level of a SECTION / nesting of a LIST */
};

typedef struct pp_meta {
    char *agency, *title, *issued;   /* issued: the text after the date */
    int year;                        /* ROC year, 0 = none */
    int issued_y, issued_m, issued_d;/* Gregorian date of the issuance, 0 = none */
    long agency_line, year_line, issued_line, issued_col;
} pp_meta;

typedef enum { PP_KIND_PLAN, PP_KIND_IMPLEMENTATION_PLAN, PP_KIND_REPORT, PP_KIND__COUNT } pp_kind;

typedef struct pp_doc {
    char *file;              /* source path, for messages */
    pp_kind kind;
    char *lang;              /* xml:lang, default zh-TW */
    pp_meta meta;
    pp_node *root;           /* DOCUMENT: SECTION children */
} pp_doc;

pp_node *pp_node_new(pp_node_type t, long line, long col);
void pp_node_append(pp_node *parent, pp_node *child);
/* Takes n (with its subtree) out of its parent's children. */
void pp_node_unlink(pp_node *n);
/* Unlinks n and frees it and its subtree (iteratively, so deep input cannot
 * exhaust the stack); its siblings stay. NULL does nothing. */
void pp_node_free(pp_node *n);
void pp_doc_free(pp_doc *d);

const char *pp_kind_name(pp_kind k);
int pp_kind_from_name(const char *s);            /* -1 if unknown */
const char *pp_role_name(pp_role r);
int pp_role_from_name(const char *s);            /* -1 if unknown */
/* First child of the given type, or NULL. */
pp_node *pp_node_child(const pp_node *n, pp_node_type t);
/* Concatenated text of a subtree's TEXT nodes, malloc'd (caller frees). */
char *pp_node_text(const pp_node *n);
/* Checks the tree's invariants (links both ways, which node may hold which,
 * texts present, spans at least 1). Returns 0, or -1 after describing each broken
 * one to err (may be NULL). Run in debug builds after every stage that builds or
 * changes the model, and by the tests and the fuzzer. */
int pp_model_check(const pp_doc *doc, FILE *err);
#endif
