/* lower_util — what the lowering modules share: the state of one lowering, text
 * turned into code points (whitespace between Han characters dropped, the
 * author's line breaks kept), paragraph vectors with labels and hanging indents,
 * flow content (paragraphs, lists, notes) lowered into paragraphs, blocks, and
 * table grids. */
#include "lower_util.h"
#include "linebreak.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

/* ---- text -------------------------------------------------------------- */

void pp_lower_tb_push(pp_lower_tbuf *b, uint32_t cp, uint8_t fl)
{
    PP_GROW(b->cps, b->cap, b->n + 1);
    PP_GROW(b->flags, b->fcap, b->n + 1);
    b->cps[b->n] = cp;
    b->flags[b->n++] = fl;
}

void pp_lower_tb_utf8(pp_lower_tbuf *b, const char *s, uint8_t fl)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, len - i, &cp);
        bool ws = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
        if (ws) {
            /* a run of source whitespace is at most one space */
            if (b->n && b->cps[b->n - 1] == ' ') continue;
            cp = ' ';
        }
        pp_lower_tb_push(b, cp, fl);
    }
}

void pp_lower_tb_inline(pp_lower_tbuf *b, const pp_node *n, uint8_t fl, bool *pending_break)
{
    for (const pp_node *c = n->first; c; c = c->next) {
        if (c->type == PP_NODE_TEXT) {
            size_t before = b->n;
            pp_lower_tb_utf8(b, c->text, fl);
            if (*pending_break && b->n > before) { b->flags[before] |= PP_CF_BREAK_BEFORE; *pending_break = false; }
        } else if (c->type == PP_NODE_EM) {
            pp_lower_tb_inline(b, c, fl | PP_CF_EM, pending_break);
        } else if (c->type == PP_NODE_BR) {
            *pending_break = true;
        }
    }
}

static bool latinish(uint32_t cp)
{
    pp_script s = pp_lb_script(cp);
    return s == PP_SCRIPT_LATIN || s == PP_SCRIPT_DIGIT;
}

/* A space survives only between two Latin letters/digits: between Han characters
 * the source's line breaks and spaces print nothing, and next to Han the layout's
 * quarter-em gap replaces it. */
static void tb_finish(pp_lower_tbuf *b)
{
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->cps[i] == ' ') {
            bool keep = k > 0 && i + 1 < b->n && latinish(b->cps[k - 1]) && latinish(b->cps[i + 1]);
            if (!keep) {
                if (i + 1 < b->n) b->flags[i + 1] |= (b->flags[i] & PP_CF_BREAK_BEFORE);
                continue;
            }
        }
        b->cps[k] = b->cps[i];
        b->flags[k++] = b->flags[i];
    }
    b->n = k;
}

/* ---- paragraphs -------------------------------------------------------- */

pp_para *pp_lower_pv_add(pp_lower_pvec *pv, pp_textstyle_id style, pp_srole role, const pp_node *src)
{
    PP_GROW(pv->v, pv->cap, pv->n + 1);
    pp_para *p = &pv->v[pv->n++];
    memset(p, 0, sizeof *p);
    p->style = style;
    p->role = role;
    p->src = src;
    p->align = -1;
    return p;
}

void pp_lower_para_take(pp_para *p, pp_lower_tbuf *b)
{
    tb_finish(b);
    p->cps = b->cps;
    p->flags = b->flags;
    p->n = b->n;
    memset(b, 0, sizeof *b);
}

void pp_lower_para_text(pp_para *p, const char *s)
{
    /* each '\n' (a header over two lines: 承辦/單位) starts a line of its own */
    pp_lower_tbuf b = { 0 };
    for (const char *part = s; part;) {
        const char *nl = strchr(part, '\n');
        char *piece = nl ? pp_xstrndup(part, (size_t)(nl - part)) : pp_xstrdup(part);
        size_t before = b.n;
        pp_lower_tb_utf8(&b, piece, 0);
        if (part != s && b.n > before) b.flags[before] |= PP_CF_BREAK_BEFORE;
        free(piece);
        part = nl ? nl + 1 : NULL;
    }
    pp_lower_para_take(p, &b);
}


pp_lower_indent pp_lower_indent_plus(pp_lower_indent in, const char *label)
{
    if (label && in.n < PP_MAX_INDENT) in.v[in.n++] = label;
    return in;
}

void pp_lower_set_indent(pp_para *p, pp_lower_indent in)
{
    memcpy(p->indent, in.v, sizeof in.v);
    p->nindent = in.n;
}

void pp_lower_list(pp_lowering *c, pp_lower_pvec *pv, const pp_node *list, pp_lower_indent in, pp_textstyle_id style)
{
    for (const pp_node *it = list->first; it; it = it->next) {
        if (it->type != PP_NODE_ITEM) continue;
        pp_lower_flow(c, pv, it, in, it->label ? it->label : "", style, PP_SR_LI);
    }
}

/* Paragraphs, lists and notes of a flow (from `first` on, or only `first`). The
 * first paragraph carries first_label (a list item's or an echoed owner's label);
 * what follows hangs under its text. */
void pp_lower_nodes(pp_lowering *c, pp_lower_pvec *pv, const pp_node *first, bool single, const pp_node *owner,
                        pp_lower_indent in, const char *first_label, pp_textstyle_id style, pp_srole role)
{
    bool labelled = first_label == NULL;   /* nothing to print first */
    pp_lower_indent inner = first_label && *first_label ? pp_lower_indent_plus(in, first_label) : in;
    for (const pp_node *n = first; n; n = single ? NULL : n->next) {
        if (n->type == PP_NODE_PARAGRAPH || n->type == PP_NODE_NOTE) {
            pp_para *p = pp_lower_pv_add(pv, n->type == PP_NODE_NOTE && style == PP_TS_BODY ? PP_TS_NOTE : style,
                                n->type == PP_NODE_NOTE ? PP_SR_NOTE : role, n);
            pp_lower_tbuf b = { 0 };
            bool br = false;
            pp_lower_tb_inline(&b, n, 0, &br);
            pp_lower_para_take(p, &b);
            if (!labelled) {
                p->label = first_label && *first_label ? pp_xstrdup(first_label) : NULL;
                pp_lower_set_indent(p, in);
                labelled = true;
            } else {
                pp_lower_set_indent(p, inner);
            }
        } else if (n->type == PP_NODE_LIST) {
            if (!labelled) {   /* an item that starts with a list: its label stands alone */
                pp_para *p = pp_lower_pv_add(pv, style, role, n);
                p->label = first_label && *first_label ? pp_xstrdup(first_label) : NULL;
                pp_lower_set_indent(p, in);
                labelled = true;
            }
            pp_lower_list(c, pv, n, inner, style);
        } else if (n->type == PP_NODE_TABLE || n->type == PP_NODE_STRATEGIES) {
            pp_msg(c->d, PP_LOC(c->doc->file, n->line, n->col), NESTED_TABLE);
            pp_lower_flow(c, pv, n, inner, NULL, style, role);
        } else if (n->type == PP_NODE_ROW || n->type == PP_NODE_CELL || n->type == PP_NODE_HEAD) {
            pp_lower_flow(c, pv, n, inner, NULL, style, role);
        }
    }
    if (!labelled && first_label && *first_label) {
        pp_para *p = pp_lower_pv_add(pv, style, role, owner);
        p->label = pp_xstrdup(first_label);
        pp_lower_set_indent(p, in);
    }
}

/* ---- blocks ------------------------------------------------------------- */
pp_block *pp_lower_new_block(pp_lowering *c, pp_block_type type)
{
    PP_GROW(c->out->v, c->out->cap, c->out->n + 1);
    pp_block *b = &c->out->v[c->out->n++];
    memset(b, 0, sizeof *b);
    b->type = type;
    b->landscape = c->landscape > 0;
    return b;
}

void pp_lower_flush(pp_lowering *c, pp_lower_pvec *pv)
{
    for (size_t i = 0; i < pv->n; i++) {
        pp_block *b = pp_lower_new_block(c, PP_BLOCK_PARA);
        b->para = pv->v[i];
    }
    free(pv->v);
    memset(pv, 0, sizeof *pv);
}

/* ---- grids ---------------------------------------------------------------- */

pp_cell *pp_lower_grid_cell(pp_lower_grid *g, int row, int col, int rowspan, int colspan, const pp_node *src)
{
    PP_GROW(g->t->cells, g->cap, g->t->ncells + 1);
    pp_cell *cell = &g->t->cells[g->t->ncells++];
    memset(cell, 0, sizeof *cell);
    cell->row = row; cell->col = col; cell->rowspan = rowspan; cell->colspan = colspan;
    cell->src = src;
    if (row + rowspan > g->t->nrows) g->t->nrows = row + rowspan;
    return cell;
}

void pp_lower_cell_take(pp_cell *cell, pp_lower_pvec *pv)
{
    cell->paras = pv->v;
    cell->npara = pv->n;
    memset(pv, 0, sizeof *pv);
}

void pp_lower_cell_text(pp_cell *cell, const char *s, pp_textstyle_id style, pp_srole role)
{
    pp_lower_pvec pv = { 0 };
    pp_para *p = pp_lower_pv_add(&pv, style, role, cell->src);
    pp_lower_para_text(p, s);
    pp_lower_cell_take(cell, &pv);
}

