/* layout — blocks to pages. paginate.c flows paragraphs (keeping headings with
 * what follows, no widows or orphans) and page furniture; table.c sets and splits
 * grids. Both share the flow state declared here. */
#ifndef PP_LAYOUT_H
#define PP_LAYOUT_H
#include "blocks.h"
#include "linefill.h"
#include "pages.h"

/* Lays out every block. Returns 0 (messages about forced breaks go to d). */
int pp_layout(const pp_blocks *b, pp_setter *s, pp_pages *out);

/* ---- shared by paginate.c and table.c ---- */
typedef struct pp_flow {
    pp_setter *s;
    const pp_template *t;
    pp_pages *out;
    double top, bottom, left, width;   /* text area; y grows downward from the page top */
    double y;
    bool fresh;                         /* nothing placed on this page yet */
    size_t page;                        /* index of the page being drawn on */
    long run_order;                     /* order key given to the runs emitted now */
    const pp_para *cur_para;            /* what the runs emitted now belong to */
    const pp_cell *cur_cell;
    const pp_table *cur_table;
} pp_flow;

void pp_flow_new_page(pp_flow *f);
/* Emits line `li` of a set paragraph with its top at y (from the page top), x offset dx. */
void pp_flow_emit_line(pp_flow *f, const pp_setpara *sp, size_t li, double dx, double y,
                       pp_srole role, bool artifact, const pp_node *src);
void pp_flow_rule(pp_flow *f, double x0, double y0, double x1, double y1);
void pp_flow_fill(pp_flow *f, double x, double y, double w, double h, double gray);
/* Puts the runs of page `page` from index `from` on into reading order (stable by order key). */
void pp_flow_sort_runs(pp_flow *f, size_t from);
/* Lays out a table at the flow's position, splitting rows across pages. */
void pp_table_flow(pp_flow *f, const pp_table *t);
/* Height of the table's header plus the first lines of its first row: what a
 * heading or caption before it needs to stay with it. */
double pp_table_min_height(pp_flow *f, const pp_table *t);
#endif
