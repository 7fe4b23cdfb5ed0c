/* template — the look of a document kind, read once from templates/NAME.xml and
 * passed down immutable: page, fonts per role, text styles, numbering per level,
 * title block, page numbers, table rules and the strategy-table column sets.
 * Layout and the writer take every size and font from here. Lengths are in points. */
#ifndef PP_TEMPLATE_H
#define PP_TEMPLATE_H
#include "diag.h"
#include "model.h"
#include <stdbool.h>

typedef enum { PP_ALIGN_JUSTIFY, PP_ALIGN_START, PP_ALIGN_CENTER, PP_ALIGN_END } pp_align;
typedef enum { PP_COMPRESS_NEVER, PP_COMPRESS_NARROW_CELLS, PP_COMPRESS_ALWAYS } pp_compress;

typedef struct pp_textstyle {
    double size_pt, leading_pt, space_before_pt, space_after_pt;
    pp_align align;
    char *han_family, *latin_family;   /* this style's own faces, or NULL for the document's */
} pp_textstyle;

typedef enum {
    PP_TS_TITLE, PP_TS_ISSUED, PP_TS_HEADING, PP_TS_SUBHEADING, PP_TS_BODY, PP_TS_NOTE,
    PP_TS_CAPTION, PP_TS_TABLE, PP_TS_TABLE_HEAD, PP_TS_FOOTER, PP_TS__COUNT
} pp_textstyle_id;

/* What a strategy-table column shows. */
typedef enum { PP_COL_DIMENSION, PP_COL_GROUP, PP_COL_STRATEGY, PP_COL_UNITS, PP_COL_OUTCOME } pp_colkind;

enum { PP_MAX_COLS = 8, PP_MAX_LEVELS = 8 };

typedef struct pp_column {
    char *header;        /* "" continues the previous column's header (merged header cell) */
    double width;        /* fraction of the text width */
    pp_colkind content;
} pp_column;

/* Numbering levels of a strategy table: dimension, group, strategy, sub, then lists in cells. */
enum { PP_LV_DIMENSION, PP_LV_GROUP, PP_LV_STRATEGY, PP_LV_SUB, PP_LV_LIST };

typedef struct pp_columnset {
    char *name;
    int ncols;
    pp_column cols[PP_MAX_COLS];
    char *caption;       /* dimension caption above each table ("構面{n}:{name}（{score} 分）"), or NULL */
    int levels[PP_MAX_LEVELS]; /* pp_numstyle per level (PP_LV_*) */
    int nlevels;
    bool number_lone;    /* number a group/strategy that is the only child of its parent */
    bool sub_rules;      /* rules between a strategy's sub-item rows (else they read as one row) */
} pp_columnset;

typedef struct pp_template {
    char *path;                  /* file it came from, for messages */
    double page_w, page_h;
    double margin_top, margin_bottom, margin_left, margin_right;
    char *han_family, *latin_family;   /* latin_family may be NULL: Han face draws everything */
    char *fallback[8];                 /* fallback families after han_family, in order */
    int nfallback;
    pp_textstyle styles[PP_TS__COUNT];
    char *title_format;          /* "{agency} {year}年度{title}" */
    int outline[PP_MAX_LEVELS];  /* section and list numbering by depth (pp_numstyle) */
    int noutline;
    int table_lists[PP_MAX_LEVELS]; /* lists inside generic table cells */
    int ntable_lists;
    char *page_number;           /* "- {n} -", "第 {n} 頁，共 {total} 頁", or NULL for none */
    bool number_at_head;         /* the page number in the top margin instead of the bottom */
    pp_align number_align;       /* its place across the page: start, center, end */
    char *running_header;        /* "{agency} {year}年度{title}" at the head of pages, or NULL */
    pp_align header_align;
    bool header_on_first;        /* the running header on page 1 too (the title is there already) */
    double border_pt, padding_pt, head_gray; /* head_gray: 1 = white, 0 = black */
    bool continue_repeat;        /* merged cell continued on a new page: repeat its text (else blank) */
    char *continued_mark;        /* appended to a repeated label, e.g. "（續）"; may be "" */
    bool pdfa;                   /* always write PDF/A-2u (as render --pdfa) */
    double max_stretch_em;       /* even spacing per gap (em) above which a justified line is a last resort */
    double glue_em;              /* Han–Latin gap */
    pp_compress compress_pairs;  /* where a bracket's blank half beside another mark may be taken away */
    double narrow_cell_em;       /* PP_COMPRESS_NARROW_CELLS: in table cells narrower than this (em) */
    pp_columnset *colsets;
    int ncolsets;
    char *default_columns;
} pp_template;

/* Loads a template: `spec` is a file path (contains '/' or ends in .xml) or a name
 * looked up in the templates folder; NULL means the document kind's own template.
 * Returns NULL after reporting `file:line: error:` messages. Caller frees. */
pp_template *pp_template_load(const char *spec, pp_kind kind, pp_diag *d);
void pp_template_free(pp_template *t);
/* The column set `name` (NULL: the template's default), or NULL if there is none. */
const pp_columnset *pp_template_columns(const pp_template *t, const char *name);
/* The folder holding templates and schemas: $PLANPRESS_TEMPLATES, else templates/ beside
 * the executable's parent folder, else the source tree's. Returned string is static. */
const char *pp_template_dir(void);
#endif
