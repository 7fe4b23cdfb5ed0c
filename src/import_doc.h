/* import_doc — what the Word and ODF readers hand on: a document's body as a
 * flat sequence of paragraphs and tables, in reading order, with each
 * paragraph's text runs (emphasis, line breaks), alignment, heading level and
 * the label its automatic numbering prints. Nothing here is structure yet:
 * import_struct makes sections, lists and strategy tables of it. Tables are
 * regular grids: every cell knows its first column and its spans, and merged
 * or covered continuation cells are gone. The tree owns its strings;
 * pp_imp_doc_free releases everything. */
#ifndef PP_IMPORT_DOC_H
#define PP_IMPORT_DOC_H
#include <stdbool.h>
#include <stddef.h>

typedef enum { PP_IMP_TEXT, PP_IMP_BREAK } pp_imp_span_kind;

typedef struct pp_imp_span {
    pp_imp_span_kind kind;
    bool em;                 /* bold or underlined (the structurer decides whether it is emphasis) */
    char *text;              /* TEXT: UTF-8; BREAK: NULL */
} pp_imp_span;

/* A title block line a paragraph style names (planpress's own .odt: Banner Line,
 * Annex Label), so that import need not guess it. */
typedef enum { PP_IMP_LINE_ANY, PP_IMP_LINE_BANNER, PP_IMP_LINE_ANNEX } pp_imp_head_line;

typedef struct pp_imp_para {
    pp_imp_span *spans;
    size_t nspans, capspans;
    bool center;             /* centred (title lines) */
    int heading;             /* outline level 1..9 of a heading paragraph, 0 for body text */
    char *autolabel;         /* what automatic numbering prints before the text ("壹、"), or NULL */
    int autolevel;           /* the numbering's level (0-based), -1 without */
    bool bullet;             /* automatic numbering is a bullet (no number) */
    pp_imp_head_line head_line;   /* set in a style that names a line of the title block */
    long no;                 /* paragraph number: body paragraphs count 1, 2, …; in a table, within its cell */
    bool turned;             /* on a page turned from the document's first (a landscape page in a portrait document) */
    int table, row, col;     /* 1-based table, row and column when inside a table; 0 outside */
    int toc;                 /* no text but a table of contents: >0 listing this many outline levels, -1 levels not known */
    bool note;               /* set in a style that names a note (planpress's own .odt: Note) */
    double margin_pt;        /* left margin (where its text lines start), pt; -1 not known */
} pp_imp_para;

typedef struct pp_imp_table pp_imp_table;

typedef struct pp_imp_block {
    pp_imp_para *para;       /* exactly one of para and table is set */
    pp_imp_table *table;
} pp_imp_block;

typedef struct pp_imp_blocks {
    pp_imp_block *v;
    size_t n, cap;
} pp_imp_blocks;

typedef struct pp_imp_cell {
    int col;                 /* first grid column, 0-based */
    int colspan, rowspan;    /* >= 1 */
    pp_imp_blocks blocks;    /* paragraphs (a nested table stays a table here) */
} pp_imp_cell;

typedef struct pp_imp_row {
    pp_imp_cell *cells;
    size_t ncells, capcells;
    bool header;             /* repeated at the top of each page (w:tblHeader, table:table-header-rows) */
} pp_imp_row;

struct pp_imp_table {
    pp_imp_row *rows;
    size_t nrows, caprows;
    int ncols;               /* grid columns */
    double *widths;          /* ncols relative widths (any unit), or NULL */
    int no;                  /* 1-based table number in the document */
    bool turned;             /* on a turned page, as a paragraph's turned */
    bool declared;           /* planpress wrote it from a strategy table with declared columns */
};

typedef struct pp_imp_doc {
    pp_imp_blocks body;
    int ntables;             /* tables numbered so far (nested ones too) */
    long nparas;             /* body paragraphs numbered so far */
    char *lang;              /* the document's language (a Chinese BCP 47 tag from its metadata), or NULL */
    char *creator;           /* the author its metadata names (planpress writes the agency), or NULL */
    char *kind;              /* the document kind its metadata names (a planpress file's own), or NULL */
    char *roles;             /* its sections' roles by title, "role:title;…" (a planpress file's own), or NULL */
    char *template_path;     /* the template its metadata names (a planpress file's own, as its
                              * source named it), or import's --template; NULL: none */
    bool template_given;     /* template_path is import's --template (a path from the current folder) */
} pp_imp_doc;

/* A new, empty paragraph appended to blocks (the reader sets its number and
 * table position). */
pp_imp_para *pp_imp_para_add(pp_imp_blocks *blocks);
void pp_imp_para_text(pp_imp_para *p, const char *text, size_t len, bool em);
void pp_imp_para_break(pp_imp_para *p);
/* The paragraph's text with breaks as '\n', malloc'd (caller frees). */
char *pp_imp_para_plain(const pp_imp_para *p);
/* True when the paragraph holds nothing but white space. */
bool pp_imp_para_blank(const pp_imp_para *p);

pp_imp_table *pp_imp_table_add(pp_imp_blocks *blocks);
pp_imp_row *pp_imp_row_add(pp_imp_table *t);
pp_imp_cell *pp_imp_cell_add(pp_imp_row *r, int col, int colspan);

void pp_imp_blocks_release(pp_imp_blocks *b);
void pp_imp_doc_free(pp_imp_doc *d);

/* "paragraph 12" or "table 2, row 3, column 1" for messages, with the first
 * words of text (up to ~12 characters) when given: writes into buf (cap bytes). */
void pp_imp_where(char *buf, size_t cap, const pp_imp_para *p, const char *text);
#endif
