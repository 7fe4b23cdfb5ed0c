/* blocks — what lowering hands to layout: paragraphs with their labels and
 * hanging indents, and table grids with spans. No XML, no points: lengths here
 * are in em of the paragraph's own style. Every block remembers its source node. */
#ifndef PP_BLOCKS_H
#define PP_BLOCKS_H
#include "caps.h"
#include "model.h"
#include "template.h"
#include <stdint.h>

/* Structure role, for tagging and for keep rules. */
typedef enum {
    PP_SR_TITLE, PP_SR_ISSUED, PP_SR_H1, PP_SR_H2, PP_SR_H3, PP_SR_CAPTION, PP_SR_P,
    PP_SR_LI, PP_SR_NOTE, PP_SR_CELL, PP_SR_HEADCELL,
    PP_SR_TOCI              /* an entry of a table of contents */
} pp_srole;

enum { PP_CF_EM = 1, PP_CF_BREAK_BEFORE = 2 };

typedef struct pp_para {
    pp_textstyle_id style;
    pp_srole role;
    uint32_t *cps;          /* the text, whitespace already handled */
    uint8_t *flags;         /* PP_CF_* per character */
    size_t n;
    char *label;            /* printed before the text, hanging (may be NULL) */
    /* The label starts after these labels' widths (the text start of the parent
     * level); continuation lines hang at that plus the label's width. */
    const char *indent[PP_MAX_INDENT];
    int nindent;
    bool keep_with_next;    /* headings and captions stay with what follows */
    bool ragged;            /* never justified: short labels such as a unit's name */
    int align;              /* a pp_align overriding the style's, or -1 (page furniture uses it) */
    int outline_level;      /* >0: a bookmark at this level (1 = 壹、) */
    const pp_node *src;
} pp_para;

typedef struct pp_cell {
    int row, col, rowspan, colspan;
    bool head;              /* a header cell: shaded, centred, repeated on each page */
    bool join_above, join_below; /* no rule between this cell and its neighbour (paired sub-items) */
    bool row_head;          /* a header cell of its row (a header column), not of the header rows */
    bool key;               /* repeated, with the continued mark, when its row is split across pages */
    pp_para *paras;
    size_t npara;
    const pp_node *src;
} pp_cell;

typedef struct pp_table {
    int ncols, nrows, nhead; /* rows 0..nhead-1 are header rows */
    double widths[PP_MAX_COLUMNS];      /* fractions of the text width; 0: automatic */
    int col_align[PP_MAX_COLUMNS];      /* a pp_align per column, or -1 */
    bool col_blank[PP_MAX_COLUMNS];     /* left empty for handwriting (blank="yes") */
    bool landscape;         /* set on landscape pages */
    pp_cell *cells;
    size_t ncells;
    const pp_node *src;
    const pp_node *family;  /* tables with the same family (a strategy table's dimensions,
                               each a table of its own) share their automatic column widths */
} pp_table;

/* A table of contents: an entry per section down to a depth, each pointing at
 * the section whose heading's page it prints. */
typedef struct pp_toc_entry {
    int level;              /* 1 = 壹、 */
    pp_para para;           /* label and title, hanging under its parents' labels */
    const pp_node *target;  /* the SECTION */
} pp_toc_entry;

typedef struct pp_toc {
    pp_toc_entry *v;
    size_t n;
    const pp_node *src;
} pp_toc;

typedef enum { PP_BLOCK_PARA, PP_BLOCK_TABLE, PP_BLOCK_TOC } pp_block_type;

typedef struct pp_block {
    pp_block_type type;
    bool landscape;         /* set on landscape pages */
    pp_para para;
    pp_table table;
    pp_toc toc;
} pp_block;

typedef struct pp_blocks {
    pp_block *v;
    size_t n, cap;
    char *running_header;   /* the template's running header with the document's data, or NULL */
} pp_blocks;

/* Free what the blocks (a paragraph) hold; the struct itself is the caller's. */
void pp_blocks_release(pp_blocks *b);
void pp_para_release(pp_para *p);
#endif
