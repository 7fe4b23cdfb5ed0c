/* lower_util — what the lowering modules (lower.c, lower_strategies.c) share:
 * the state of one lowering; text turned into code points (whitespace between
 * Han characters dropped, next to Latin made the layout's own gap, the author's
 * <br/> kept); vectors of paragraphs with their labels and hanging indents; flow
 * content (paragraphs, lists, notes) lowered into paragraphs; blocks; grids. */
#ifndef PP_LOWER_UTIL_H
#define PP_LOWER_UTIL_H
#include "blocks.h"
#include "diag.h"
#include "template.h"
#include <stdbool.h>
#include <stdint.h>

/* One lowering: the document, its template and profile, where messages go,
 * the blocks being made; status -1 once an error was reported. */
typedef struct pp_lowering {
    const pp_doc *doc;
    const pp_template *t;
    const pp_profile *profile;
    pp_diag *d;
    pp_blocks *out;
    int landscape;           /* > 0 inside a landscape section or table: its blocks go on landscape pages */
    int status;
} pp_lowering;

/* Text being gathered into a paragraph: code points and PP_CF_* flags. */
typedef struct pp_lower_tbuf { uint32_t *cps; uint8_t *flags; size_t n, cap, fcap; } pp_lower_tbuf;
void pp_lower_tb_push(pp_lower_tbuf *b, uint32_t cp, uint8_t fl);
/* UTF-8 text; a run of source whitespace is at most one space. */
void pp_lower_tb_utf8(pp_lower_tbuf *b, const char *s, uint8_t fl);
/* An inline subtree (text, <em>, <br/>); *pending_break carries a <br/> to the next text. */
void pp_lower_tb_inline(pp_lower_tbuf *b, const pp_node *n, uint8_t fl, bool *pending_break);

/* A vector of paragraphs; pp_lower_pv_add appends a fresh one. */
typedef struct pp_lower_pvec { pp_para *v; size_t n, cap; } pp_lower_pvec;
pp_para *pp_lower_pv_add(pp_lower_pvec *pv, pp_textstyle_id style, pp_srole role, const pp_node *src);
/* Gives p the buffer's text (spaces dropped where they print nothing); b is emptied. */
void pp_lower_para_take(pp_para *p, pp_lower_tbuf *b);
/* Sets p's text from UTF-8 ('\n' starts a new line). */
void pp_lower_para_text(pp_para *p, const char *s);

/* The labels a paragraph hangs under (its parents' text start). */
typedef struct pp_lower_indent { const char *v[PP_MAX_INDENT]; int n; } pp_lower_indent;
pp_lower_indent pp_lower_indent_plus(pp_lower_indent in, const char *label);
void pp_lower_set_indent(pp_para *p, pp_lower_indent in);

/* Paragraphs, lists and notes of a flow (from `first` on, or only `first` when
 * `single`). The first paragraph carries first_label (a list item's, or an
 * echoed owner's), and what follows hangs under its text. */
void pp_lower_nodes(pp_lowering *c, pp_lower_pvec *pv, const pp_node *first, bool single, const pp_node *owner,
                    pp_lower_indent in, const char *first_label, pp_textstyle_id style, pp_srole role);
#define pp_lower_flow(c, pv, flow, in, lab, style, role) \
    pp_lower_nodes((c), (pv), (flow)->first, false, (flow), (in), (lab), (style), (role))
/* The items of a list, each with its label. */
void pp_lower_list(pp_lowering *c, pp_lower_pvec *pv, const pp_node *list, pp_lower_indent in, pp_textstyle_id style);

/* A new block at the end of the output; the paragraphs of pv as blocks (pv emptied). */
pp_block *pp_lower_new_block(pp_lowering *c, pp_block_type type);
void pp_lower_flush(pp_lowering *c, pp_lower_pvec *pv);

/* A table grid being built. */
typedef struct pp_lower_grid { pp_table *t; size_t cap; } pp_lower_grid;
pp_cell *pp_lower_grid_cell(pp_lower_grid *g, int row, int col, int rowspan, int colspan, const pp_node *src);
/* Gives the cell pv's paragraphs (pv emptied). */
void pp_lower_cell_take(pp_cell *cell, pp_lower_pvec *pv);
/* A cell of one paragraph of text. */
void pp_lower_cell_text(pp_cell *cell, const char *s, pp_textstyle_id style, pp_srole role);
#endif
