/* template — the look of a document and the profiles of the document kinds, read
 * once from templates/NAME.xml (and the templates it extends) and passed down
 * immutable: page, fonts per role, text styles, numbering per level, the title
 * block, page numbers, table rules, the strategy-table column sets, the section
 * roles and, per kind, which sections are required or expected. Layout and the
 * writer take every size and font from here; rules take every requirement.
 * Lengths are in points. */
#ifndef PP_TEMPLATE_H
#define PP_TEMPLATE_H
#include "caps.h"
#include "diag.h"
#include "model.h"
#include <stdbool.h>

typedef enum { PP_ALIGN_JUSTIFY, PP_ALIGN_START, PP_ALIGN_CENTER, PP_ALIGN_END,
               PP_ALIGN_NUMBER /* a column of numbers: end-aligned on the last digit or the decimal point */
} pp_align;
typedef enum { PP_COMPRESS_NEVER, PP_COMPRESS_NARROW_CELLS, PP_COMPRESS_ALWAYS } pp_compress;

typedef struct pp_textstyle {
    double size_pt, leading_pt, space_before_pt, space_after_pt;
    pp_align align;
    char *han_family, *latin_family;   /* this style's own faces, or NULL for the document's */
} pp_textstyle;

typedef enum {
    PP_TS_TITLE, PP_TS_ISSUED, PP_TS_HEADING, PP_TS_SUBHEADING, PP_TS_BODY, PP_TS_NOTE,
    PP_TS_CAPTION, PP_TS_TABLE, PP_TS_TABLE_HEAD, PP_TS_FOOTER, PP_TS_BANNER, PP_TS_ANNEX, PP_TS_TOC,
    PP_TS__COUNT
} pp_textstyle_id;

/* A style's name in templates ("title", "table-head", ...), or "?" */
const char *pp_textstyle_name(int id);

/* What a strategy-table column shows. */
typedef enum {
    PP_COL_DIMENSION, PP_COL_GROUP, PP_COL_STRATEGY, PP_COL_SUB, PP_COL_UNITS, PP_COL_OUTCOME, PP_COL_SCORE,
    PP_COL_EXTRA, PP_COL__COUNT
} pp_colkind;

/* A column kind's name ("dimension", ... "extra"), and back (-1 if unknown). */
const char *pp_colkind_name(int k);
int pp_colkind_from_name(const char *s);


typedef struct pp_column {
    char *header;        /* "" continues the previous column's header (merged header cell); '\n' breaks it */
    double width;        /* fraction of the text width (0: automatic) */
    pp_colkind content;
    char *key;           /* PP_COL_EXTRA: which <extra key> fills it */
    bool blank;          /* left empty on purpose (a column for handwriting, e.g. 檢討管考) */
} pp_column;

/* Numbering levels of a strategy table: dimension, group, strategy, sub, then lists in cells. */
enum { PP_LV_DIMENSION, PP_LV_GROUP, PP_LV_STRATEGY, PP_LV_SUB, PP_LV_LIST };

typedef struct pp_columnset {
    char *name;
    int ncols;
    pp_column cols[PP_MAX_COLUMNS];
    char *caption;       /* dimension caption above each table ("構面{n}:{name}（{score} 分）"), or NULL */
    int levels[PP_MAX_LEVELS]; /* pp_numstyle per level (PP_LV_*) */
    int nlevels;
    bool number_lone;    /* number a group/strategy that is the only child of its parent */
    bool sub_rules;      /* rules between a strategy's sub-item rows (else they read as one row) */
} pp_columnset;

/* A section role a document may name, and the headings agencies give it. */
typedef struct pp_roledef {
    char *name;                  /* "basis" */
    char *words;                 /* "計畫依據 依據 法令依據": space-separated headings */
} pp_roledef;

/* How agencies head a strategy-table column that holds `content` (<column-words>):
 * import knows a strategy table and its columns by these words. */
typedef struct pp_colwords {
    pp_colkind content;
    char *words;                 /* "主辦單位 承辦單位": space-separated, each found anywhere in a header */
} pp_colwords;

/* A section a kind must (required: an error) or should (expected: a warning) have:
 * any of `roles` (space-separated) satisfies it; `name` is what messages call it. */
typedef struct pp_need {
    char *roles, *name;
    bool required;
    char *file;                  /* where it was written, for messages */
    long line;
} pp_need;

/* A line of the title block: a text style and a pattern of fields. */
typedef struct pp_titleline {
    int style;                   /* pp_textstyle_id */
    char *format;                /* "{agency}{year}{title}" */
} pp_titleline;

enum { PP_MAX_TITLE_LINES = 8 };

/* A document kind. */
typedef struct pp_profile {
    char *kind;                  /* "plan" */
    char *noun;                  /* what messages call it: "plan", "implementation plan" */
    char *label;                 /* what readers call it: "執行計畫" (the downloads page) */
    char *title_words;           /* words in a title that tell this kind (import), space-separated */
    char *template_name;         /* its template, when not the one named like the kind */
    char *outcome;               /* the element its tables hold: "actions", "results" or NULL (any) */
    bool has_issued_years;
    int issued_lo, issued_hi;    /* the issuance's ROC year, relative to the document year */
    char *year_phrase;           /* "年度", "年" or "" */
    char *subject, *keywords;    /* the PDF's, as patterns of fields */
    char *columns;               /* its strategy tables' default column set, or NULL */
    pp_need *needs;
    int nneeds;
    pp_titleline title[PP_MAX_TITLE_LINES];   /* ntitle 0: the template's */
    int ntitle;
} pp_profile;

typedef struct pp_template {
    char *path;                  /* file it came from, for messages */
    char *name;                  /* what messages call it: its name="" or its file's name */
    double page_w, page_h;
    double margin_top, margin_bottom, margin_left, margin_right;
    char *han_family, *latin_family;   /* latin_family may be NULL: Han face draws everything */
    char *fallback[8];                 /* fallback families after han_family, in order */
    int nfallback;
    pp_textstyle styles[PP_TS__COUNT];
    pp_titleline title[PP_MAX_TITLE_LINES];   /* the title block */
    int ntitle;
    char *issued_format;         /* an issuance line: "{date}{text}" */
    int issued_style;
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
    char *toc_title;             /* the table of contents' heading ("目錄") */
    int toc_depth;               /* section levels it lists */
    bool toc_auto;               /* every document gets one after its title block */
    pp_roledef *roles;
    int nroles;
    pp_colwords *colwords;       /* <column-words>, in the order they are tried */
    int ncolwords;
    pp_profile *profiles;
    int nprofiles;
} pp_template;

/* Loads a template: `spec` is a file path (contains '/' or ends in .xml; relative
 * to `base_dir` when that is given) or a name looked up in the templates folder.
 * The templates it extends are read first. Returns NULL after reporting
 * `file:line: error:` messages. Caller frees. */
pp_template *pp_template_load(const char *spec, const char *base_dir, pp_diag *d);
/* The template name for a document of `kind` when neither the command line nor
 * the source names one: the stock template named like the kind if there is one,
 * else "document". The string is static or `kind` itself. */
const char *pp_template_for_kind(const char *kind);
/* The profile of `kind`, or NULL. */
const pp_profile *pp_template_profile(const pp_template *t, const char *kind);
/* The role named `name`, or NULL. */
/* The role whose words (<roles>) a section title holds, the longest word winning
 * (執行策略及具體推動作法 over 執行策略), or NULL. */
const char *pp_template_role_of_title(const pp_template *t, const char *title);
const pp_roledef *pp_template_role(const pp_template *t, const char *name);
void pp_template_free(pp_template *t);
/* The column set `name` (NULL: the template's default), or NULL if there is none. */
const pp_columnset *pp_template_columns(const pp_template *t, const char *name);
/* The folder holding templates and schemas: $PLANPRESS_TEMPLATES, else the
 * installed share/planpress/templates (beside the executable, or under the
 * configured prefix), else the source tree's (first, for a program still in its
 * build tree). NULL, after a message naming every place searched (exit 3), when
 * none holds them. The string is static. */
const char *pp_template_dir(pp_diag *d);
#endif
