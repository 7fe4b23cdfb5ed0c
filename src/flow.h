/* flow — the page builder that paragraph flow (layout.c) and tables (table.c)
 * share: the text area, the current position, and putting set lines, rules and
 * shaded boxes onto the current page as runs that remember their paragraph,
 * cell and table (for the structure tree). */
#ifndef PP_FLOW_H
#define PP_FLOW_H
#include "blocks.h"
#include "linefill.h"
#include "pages.h"

typedef struct pp_flow {
    pp_setter *s;
    const pp_blocks *blocks;            /* all of the document's (a table's family is among them) */
    const pp_template *t;
    pp_pages *out;
    double page_w, page_h;              /* the size of the pages being made */
    bool landscape;                     /* they are turned (a landscape section or table) */
    double top, bottom, left, width;   /* text area; y grows downward from the page top */
    double y;
    bool fresh;                         /* nothing placed on this page yet */
    size_t page;                        /* index of the page being drawn on */
    long run_order;                     /* order key given to the runs emitted now */
    const pp_para *cur_para;            /* what the runs emitted now belong to */
    const pp_cell *cur_cell;
    const pp_table *cur_table;
} pp_flow;

/* Starts a new page and moves to the top of its text area. */
void pp_flow_new_page(pp_flow *f);
/* Emits line `li` of a set paragraph with its top at y (from the page top), x offset dx. */
void pp_flow_emit_line(pp_flow *f, const pp_setpara *sp, size_t li, double dx, double y,
                       pp_srole role, bool artifact, const pp_node *src);
/* A rule from (x0, y0) to (x1, y1), page coordinates with y from the top. */
void pp_flow_rule(pp_flow *f, double x0, double y0, double x1, double y1);
/* A shaded box (gray 1 = white, 0 = black). */
void pp_flow_fill(pp_flow *f, double x, double y, double w, double h, double gray);
/* A short text (a dot leader, a page number) in text style `style`, one face, at
 * dx from the text area's left and y (a line's top), with character spacing tc. */
void pp_flow_text(pp_flow *f, const char *text, int style, double dx, double y, double tc, bool artifact);
/* A link on the current page (box in page coordinates, y from the top) to page `page`
 * at target_y (PDF coordinates). */
void pp_flow_link(pp_flow *f, double x0, double y0, double x1, double y1, int page, double target_y);
/* Sets the page size and text area for pages made from now on: the template's,
 * turned when `landscape` differs from its orientation. */
void pp_flow_orient(pp_flow *f, bool landscape);
/* Puts the runs of the current page from index `from` on into reading order (stable by order key). */
void pp_flow_sort_runs(pp_flow *f, size_t from);
#endif
