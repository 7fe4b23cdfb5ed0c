/* pages — what layout produces and the writer draws: per page, runs of glyphs
 * on a baseline (one face, one size, one character spacing), rules and shaded
 * boxes. Coordinates are PDF points from the page's bottom-left corner. Each run
 * keeps its structure role and source node, and whether it is page furniture. */
#ifndef PP_PAGES_H
#define PP_PAGES_H
#include "blocks.h"
#include <stddef.h>
#include <stdio.h>

typedef struct pp_run {
    int face;               /* index into pp_fonts */
    double size;            /* type size, pt */
    double x, y;            /* pen position of the first glyph, baseline */
    double char_space;      /* extra space after every glyph (PDF Tc), pt */
    char *text;             /* UTF-8 */
    pp_srole role;
    bool artifact;          /* page number, repeated header row */
    const pp_node *src;
    /* The block it came from, for the structure tree: the paragraph (NULL for
     * page numbers), and for table text the cell and its table. Blocks outlive
     * the pages until the PDF is written. */
    const pp_para *para;
    const pp_cell *cell;
    const pp_table *table;
    bool label;             /* the run is (part of) a list label */
    long order;             /* reading-order key inside a table (row, column); 0 elsewhere */
} pp_run;

typedef struct pp_rule { double x0, y0, x1, y1, width; } pp_rule;
typedef struct pp_fill { double x, y, w, h, gray; } pp_fill;

/* A link: a box on the page that leads to a place in the document. */
typedef struct pp_link { double x0, y0, x1, y1; int page; double y; } pp_link;

typedef struct pp_page {
    double width, height;   /* this page's size, pt (landscape pages differ) */
    pp_run *runs;   size_t nruns, capruns;
    pp_rule *rules; size_t nrules, caprules;
    pp_fill *fills; size_t nfills, capfills;
    pp_link *links; size_t nlinks, caplinks;
} pp_page;

typedef struct pp_mark {    /* a bookmark */
    int level;              /* 1 = 壹、 */
    char *title;            /* UTF-8 */
    int page;
    double y;               /* top of the heading */
    const pp_node *src;     /* the heading's section */
} pp_mark;

typedef struct pp_pages {
    double width, height;   /* the document's page size (a page may have its own) */
    pp_page *v;   size_t n, cap;
    pp_mark *marks; size_t nmarks, capmarks;
} pp_pages;

/* Checks the pages' invariants: every run, rule and box on its page, runs with
 * text, a face and a size, bookmarks pointing at pages that exist. Returns 0, or
 * -1 after describing each broken one to err (may be NULL). Run in debug builds
 * after layout, and by the tests and the fuzzer. */
int pp_pages_check(const pp_pages *p, FILE *err);
/* Frees what the pages hold; the struct itself is the caller's. */
void pp_pages_release(pp_pages *p);
#endif
