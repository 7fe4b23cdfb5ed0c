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
    PP_NODE_BR,
    PP_NODE_TOC,         /* depth: a table of contents */
    PP_NODE_COLUMNS,     /* declared strategy-table columns: COLUMN children */
    PP_NODE_COLUMN,      /* text = key (extra); colkind, width; inline children = header words */
    PP_NODE_EXTRA,       /* text = key; block children: an extra column's cell */
    PP_NODE__COUNT
} pp_node_type;

typedef struct pp_node pp_node;
struct pp_node {
    pp_node_type type;
    pp_node *parent, *first, *last, *next, *prev;
    long line, col;          /* where the element (or text) starts in the source */
    long text_line, text_col;/* where `text` starts, when it is an attribute's value (0: unknown) */
    char *text;              /* TEXT/UNIT: content; SECTION: title; DIMENSION/GROUP: name;
                                STRATEGIES: column-set name; TABLE: widths; COLUMN/EXTRA: key */
    char *role;              /* SECTION: its role (a name the profile knows), or NULL;
                                TABLE: score-column; COLUMN: content kind */
    char *label;             /* author's verbatim label (has_label) or, after resolve, the generated one */
    bool has_label;          /* the author gave label="..." */
    bool unnumbered;         /* numbered="no" (or label=""): no label, no number used up */
    bool runin;              /* SECTION */
    bool numbered;           /* ACTIONS/RESULTS: print the owner's label first */
    int style;               /* LIST: pp_numstyle or -1 for the template's default */
    int start;               /* LIST: first number */
    int rowspan, colspan;    /* CELL */
    int align;               /* CELL, COLUMN: a pp_align, or -1 (the style's); COLUMN: PP_ALIGN_NUMBER */
    bool head;               /* CELL head="yes", TABLE header-column="yes", ROW total="yes", COLUMN blank="yes" */
    bool landscape;          /* SECTION, TABLE, STRATEGIES orientation="landscape" */
    int lone;                /* STRATEGIES lone=: 1 number, 0 unnumbered, -1 the column set's */
    double width;            /* COLUMN: fraction of the text width (0 = automatic) */
    long score;              /* DIMENSION/GROUP/STRATEGY/SUB: score; STRATEGIES: total; TOC: depth;
                                TABLE: total x 1000 (0 = none) */
    int depth;               /* after resolve: outline level of a SECTION / nesting of a LIST */
};

/* One issuance line: its Gregorian date, its text, and its own pattern (NULL:
 * the template's), e.g. "公告日期：{date}" or "中華民國{date}{text}". */
typedef struct pp_issued {
    int y, m, d;
    char *text, *format;
    long line, col;
} pp_issued;

typedef struct pp_meta {
    char *banner, *annex;            /* the lines above the title, or NULL */
    char *agency, *parent;           /* the agency (NULL: no agency line) and the agency it belongs to */
    char *title;                     /* '\n' where the author broke it (<br/>) */
    char *year_phrase;               /* "年度", "年", "" (none), or NULL: the profile's */
    char *subject, *keywords;        /* for the PDF, or NULL: the profile's patterns */
    int year;                        /* ROC year, 0 = none */
    pp_issued *issued;               /* in the source's order (the last is the latest) */
    size_t nissued;
    long year_line, year_col;
    /* filled by resolve from the template's title block and profile: */
    char **title_lines;              /* the title block as printed, one string a line */
    int *title_styles;               /* each line's text style (pp_textstyle_id) */
    size_t ntitle_lines;
    char *printed_title;             /* the title line(s) joined: the PDF's /Title */
    char *pdf_subject, *pdf_keywords;
} pp_meta;

typedef struct pp_doc {
    char *file;              /* source path, for messages */
    char *kind;              /* the document kind, a name the profiles define ("plan", "report", ...) */
    char *template_name;     /* <document template="..."> or NULL */
    long kind_line, kind_col;
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
