#include "lower.h"
#include "caps.h"
#include "lower_strategies.h"
#include "lower_util.h"
#include "numbering.h"
#include "title_block.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

/* The caption of a table goes before it as its own paragraph, kept with it. */
static void caption_para(pp_lowering *c, const pp_node *caption)
{
    pp_lower_pvec pv = { 0 };
    pp_para *p = pp_lower_pv_add(&pv, PP_TS_CAPTION, PP_SR_CAPTION, caption);
    pp_lower_tbuf tb = { 0 };
    bool br = false;
    pp_lower_tb_inline(&tb, caption, 0, &br);
    pp_lower_para_take(p, &tb);
    p->keep_with_next = true;
    pp_lower_flush(c, &pv);
}

/* widths="0.3 0.2 0.5", or the declared columns' widths; none: automatic (0). */
static void table_widths(pp_lowering *c, const pp_node *table, pp_table *t)
{
    const pp_node *cols = pp_node_child(table, PP_NODE_COLUMNS);
    int k = 0;
    for (const pp_node *col = cols ? cols->first : NULL; col && k < t->ncols; col = col->next)
        if (col->type == PP_NODE_COLUMN) {
            t->col_align[k] = col->align;
            t->col_blank[k] = col->head;
            t->widths[k++] = col->width;
        }
    if (!table->text) return;
    int given = 0;
    char *end;
    const char *p = table->text;
    double w[PP_MAX_COLUMNS], sum = 0;
    while (given < PP_MAX_COLUMNS) {
        double v = strtod(p, &end);
        if (end == p) break;
        w[given++] = v;
        sum += v;
        p = end;
    }
    if (given != t->ncols || !(sum > 0)) {
        pp_msg(c->d, PP_LOC(c->doc->file, table->line, table->col), BAD_WIDTHS, table->text, t->ncols);
        return;   /* automatic widths instead */
    }
    for (int i = 0; i < t->ncols; i++) t->widths[i] = w[i] / sum;
}

static void lower_grid(pp_lowering *c, const pp_node *table);

/* The generic <table>: cells placed row by row into the first free columns. A
 * rowspan or colspan that runs past the table is an error at its cell. */
static void lower_table(pp_lowering *c, const pp_node *table)
{
    if (table->landscape) c->landscape++;
    lower_grid(c, table);
    if (table->landscape) c->landscape--;
}

static void lower_grid(pp_lowering *c, const pp_node *table)
{
    const pp_node *caption = pp_node_child(table, PP_NODE_CAPTION);
    if (caption) caption_para(c, caption);
    pp_block *b = pp_lower_new_block(c, PP_BLOCK_TABLE);
    pp_table *t = &b->table;
    t->src = table;
    t->landscape = table->landscape;
    for (int i = 0; i < PP_MAX_COLUMNS; i++) t->col_align[i] = -1;
    pp_lower_grid g = { t, 0 };
    /* occupancy of rows by earlier rowspans, per column */
    int busy[PP_MAX_COLUMNS] = { 0 };
    int row = 0, ncols = 0, width = 0;   /* width: the columns the first row set */
    for (int pass = 0; pass < 2; pass++) {
        for (const pp_node *r = table->first; r; r = r->next) {
            bool head = r->type == PP_NODE_HEAD;
            if (pass == 0 && !head) continue;
            if (pass == 1 && r->type != PP_NODE_ROW) continue;
            for (const pp_node *rr = head ? r->first : r; rr; rr = head ? rr->next : NULL) {
                if (row >= PP_MAX_ROWS) {
                    pp_msg(c->d, PP_LOC(c->doc->file, rr->line, rr->col), TOO_MANY_ROWS, PP_MAX_ROWS);
                    c->status = -1;
                    return;
                }
                int col = 0;
                for (const pp_node *cell = rr->first; cell; cell = cell->next) {
                    while (col < PP_MAX_COLUMNS && busy[col] > 0) col++;
                    if (col + cell->colspan > PP_MAX_COLUMNS) {
                        pp_msg(c->d, PP_LOC(c->doc->file, cell->line, cell->col), TOO_MANY_COLUMNS, PP_MAX_COLUMNS);
                        c->status = -1;
                        break;
                    }
                    if (width && col + cell->colspan > width) {
                        pp_msg(c->d, PP_LOC(c->doc->file, cell->line, cell->col), COLSPAN_BEYOND, col + cell->colspan, width);
                        c->status = -1;
                        break;
                    }
                    bool head_cell = head || cell->head || (table->head && col == 0);
                    pp_cell *pc = pp_lower_grid_cell(&g, row, col, cell->rowspan, cell->colspan, cell);
                    pc->head = head_cell;
                    pc->row_head = !head && head_cell;
                    pc->key = !head && (col == 0 || head_cell);   /* repeated when its row is split */
                    pp_lower_pvec pv = { 0 };
                    pp_lower_flow(c, &pv, cell, (pp_lower_indent){ 0 }, NULL, head ? PP_TS_TABLE_HEAD : PP_TS_TABLE,
                                  head_cell ? PP_SR_HEADCELL : PP_SR_CELL);
                    for (size_t i = 0; i < pv.n; i++) pv.v[i].align = cell->align;
                    pp_lower_cell_take(pc, &pv);
                    for (int k = 0; k < cell->colspan; k++) busy[col + k] = cell->rowspan;
                    col += cell->colspan;
                    if (col > ncols) ncols = col;
                }
                if (!width) width = ncols;
                for (int k = 0; k < PP_MAX_COLUMNS; k++) if (busy[k] > 0) busy[k]--;
                row++;
                if (head) t->nhead = row;
            }
        }
    }
    /* a rowspan that runs past the last row would add empty rows */
    for (size_t k = 0; k < t->ncells; k++) {
        const pp_cell *pc = &t->cells[k];
        if (pc->row + pc->rowspan > row) {
            pp_msg(c->d, PP_LOC(c->doc->file, pc->src->line, pc->src->col), ROWSPAN_BEYOND, pc->rowspan, row - pc->row);
            c->status = -1;
        }
    }
    t->nrows = row;
    t->ncols = ncols ? ncols : 1;
    table_widths(c, table, t);
    /* a column's alignment applies to its cells that do not have their own */
    for (size_t k = 0; k < t->ncells; k++) {
        pp_cell *pc = &t->cells[k];
        if (pc->head || pc->colspan != 1 || t->col_align[pc->col] < 0) continue;
        for (size_t i = 0; i < pc->npara; i++)
            if (pc->paras[i].align < 0) pc->paras[i].align = t->col_align[pc->col];
    }
}

/* ---- the table of contents ------------------------------------------------- */

/* A heading as an entry lists it: the title without a run-in heading's colon. */
static char *entry_title(const char *t)
{
    size_t l = strlen(t);
    while (l && (t[l - 1] == ' ' || t[l - 1] == ':')) l--;
    if (l >= 3 && memcmp(t + l - 3, "：", 3) == 0) l -= 3;
    return pp_xstrndup(t, l);
}

static void toc_entries(pp_toc *toc, size_t *cap, const pp_node *parent, int depth, int max_depth, pp_lower_indent in)
{
    for (const pp_node *s = parent->first; s; s = s->next) {
        if (s->type != PP_NODE_SECTION) continue;
        if (pp_node_child(s, PP_NODE_TOC)) continue;   /* the 目錄 section itself is not listed */
        PP_GROW(toc->v, *cap, toc->n + 1);
        pp_toc_entry *e = &toc->v[toc->n++];
        memset(e, 0, sizeof *e);
        e->level = depth + 1;
        e->target = s;
        pp_para *p = &e->para;
        p->style = PP_TS_TOC;
        p->role = PP_SR_TOCI;
        p->src = s;
        p->align = PP_ALIGN_START;
        p->ragged = true;
        char *title = entry_title(s->text ? s->text : "");
        pp_lower_para_text(p, title);
        free(title);
        p->label = s->label ? pp_xstrdup(s->label) : NULL;
        pp_lower_set_indent(p, in);
        if (depth + 1 < max_depth) toc_entries(toc, cap, s, depth + 1, max_depth, pp_lower_indent_plus(in, s->label));
    }
}

/* A table of contents: its heading when the template adds it on its own (a
 * <toc/> stands in the section that heads it), then its entries. */
static void lower_toc(pp_lowering *c, const pp_node *at, bool with_heading)
{
    if (with_heading && c->t->toc_title && *c->t->toc_title) {
        pp_lower_pvec pv = { 0 };
        pp_para *h = pp_lower_pv_add(&pv, PP_TS_HEADING, PP_SR_H1, at);
        pp_lower_para_text(h, c->t->toc_title);
        h->keep_with_next = true;
        pp_lower_flush(c, &pv);
    }
    pp_block *b = pp_lower_new_block(c, PP_BLOCK_TOC);
    b->toc.src = at;
    size_t cap = 0;
    int depth = at->type == PP_NODE_TOC && at->score > 0 ? (int)at->score : c->t->toc_depth;
    toc_entries(&b->toc, &cap, c->doc->root, 0, depth, (pp_lower_indent){ 0 });
}

/* ---- sections ------------------------------------------------------------ */
static void lower_section(pp_lowering *c, const pp_node *sec);
/* The blocks of a section (from `first` on), or of the document itself (a form:
 * 附表二, its title and a table, with no section heading): paragraphs go into *pv,
 * flushed before each block of its own. `top`: the document's own level, where
 * a table of contents brings its 目錄 heading. */
static void lower_contents(pp_lowering *c, pp_lower_pvec *pv, const pp_node *first, const pp_node *owner, bool top)
{
    pp_lower_indent body = { 0 };
    for (const pp_node *n = first; n; n = n->next) {
        switch (n->type) {
        case PP_NODE_SECTION:
            pp_lower_flush(c, pv);
            lower_section(c, n);
            break;
        case PP_NODE_TABLE:
            pp_lower_flush(c, pv);
            lower_table(c, n);
            break;
        case PP_NODE_STRATEGIES:
            pp_lower_flush(c, pv);
            if (n->landscape) c->landscape++;
            pp_lower_strategies(c, n);
            if (n->landscape) c->landscape--;
            break;
        case PP_NODE_TOC:
            pp_lower_flush(c, pv);
            lower_toc(c, n, top);
            break;
        case PP_NODE_LIST:
            pp_lower_list(c, pv, n, body, PP_TS_BODY);
            break;
        case PP_NODE_PARAGRAPH:
        case PP_NODE_NOTE:
            pp_lower_nodes(c, pv, n, true, owner, body, NULL, PP_TS_BODY, PP_SR_P);
            break;
        default:
            break;
        }
    }
    pp_lower_flush(c, pv);
}

static void lower_section(pp_lowering *c, const pp_node *sec)
{
    if (sec->landscape) c->landscape++;
    pp_lower_pvec pv = { 0 };
    pp_para *h = pp_lower_pv_add(&pv, sec->depth == 0 ? PP_TS_HEADING : PP_TS_SUBHEADING,
                        sec->depth == 0 ? PP_SR_H1 : PP_SR_H2, sec);
    pp_lower_tbuf b = { 0 };
    pp_lower_tb_utf8(&b, sec->text, 0);
    const pp_node *first = sec->first;
    if (sec->runin && first && first->type == PP_NODE_PARAGRAPH) {
        /* 壹、計畫依據：行政院…: the first paragraph runs on from the heading */
        bool br = false;
        pp_lower_tb_inline(&b, first, 0, &br);
        first = first->next;
        h->style = PP_TS_BODY;
        h->keep_with_next = first != NULL;   /* still a heading for what follows it */
    } else {
        h->keep_with_next = true;
    }
    pp_lower_para_take(h, &b);
    h->label = sec->label ? pp_xstrdup(sec->label) : NULL;
    h->outline_level = sec->depth + 1;
    lower_contents(c, &pv, first, sec, false);
    if (sec->landscape) c->landscape--;
}

/* An issuance line: its pattern ("{date}{text}", "公告日期：{date}",
 * "中華民國{date}{text}") with the ROC date and the text filled in. Caller frees. */
static char *issued_line(const pp_issued *is, const char *format)
{
    pp_date dt = { is->y, is->m, is->d };
    char date[64];
    pp_roc_date_format(date, sizeof date, &dt, false);
    size_t cap = strlen(format) + strlen(date) + strlen(is->text ? is->text : "") + 1, len = 0;
    char *out = pp_xmalloc(cap);
    for (const char *p = format; *p;) {
        const char *add = NULL;
        if (strncmp(p, "{date}", 6) == 0) { add = date; p += 6; }
        else if (strncmp(p, "{text}", 6) == 0) { add = is->text ? is->text : ""; p += 6; }
        if (add) { memcpy(out + len, add, strlen(add)); len += strlen(add); }
        else out[len++] = *p++;
    }
    out[len] = 0;
    return out;
}

int pp_lower(const pp_doc *doc, const pp_template *t, pp_blocks *out, pp_diag *d)
{
    pp_lowering c = { .doc = doc, .t = t, .d = d, .out = out, .profile = pp_template_profile(t, doc->kind) };
    memset(out, 0, sizeof *out);
    pp_lower_pvec pv = { 0 };
    /* the title block, as resolve laid it out */
    const pp_meta *m = &doc->meta;
    for (size_t i = 0; i < m->ntitle_lines; i++) {
        int style = m->title_styles[i];
        pp_para *p = pp_lower_pv_add(&pv, (pp_textstyle_id)style, style == PP_TS_TITLE ? PP_SR_TITLE : PP_SR_P, doc->root);
        pp_lower_para_text(p, m->title_lines[i]);
        p->keep_with_next = true;
    }
    for (size_t i = 0; i < m->nissued; i++) {
        const pp_issued *is = &m->issued[i];
        if (!is->y) continue;
        pp_para *p = pp_lower_pv_add(&pv, (pp_textstyle_id)t->issued_style, PP_SR_ISSUED, doc->root);
        char *line = issued_line(is, is->format ? is->format : t->issued_format);
        pp_lower_para_text(p, line);
        free(line);
        p->keep_with_next = true;
    }
    pp_lower_flush(&c, &pv);
    if (t->running_header) out->running_header = pp_title_fields_line(doc, c.profile, t->running_header);
    /* a table of contents the template asks for, unless the source places its own */
    bool own_toc = false;
    for (const pp_node *n = doc->root; n; ) {
        if (n->type == PP_NODE_TOC) { own_toc = true; break; }
        if (n->first && (n->type == PP_NODE_DOCUMENT || n->type == PP_NODE_SECTION)) { n = n->first; continue; }
        while (n && !n->next) n = n->parent;
        if (n) n = n->next;
    }
    if (t->toc_auto && !own_toc) lower_toc(&c, doc->root, true);
    lower_contents(&c, &pv, doc->root->first, doc->root, true);
    return c.status;
}
