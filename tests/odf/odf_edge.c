/* Writes .odt packages from blocks no source gives (cells on top of each other,
 * spans past the grid, an empty table, more header rows than rows, spaces at a
 * paragraph's start and doubled inside it, characters XML escapes, a
 * supplementary-plane character, heading levels that skip) with the label
 * widths estimated (no measure given), for check_edge.py to read back; checks
 * here that pp_odf_write succeeds and gives the same bytes twice. A second
 * package starts on a turned page that is page 1's own (no running header on
 * it), turns back, and turns again with a table as the first block of the run.
 * Usage: odf_edge OUTDIR */
#define _POSIX_C_SOURCE 200809L
#include "odf.h"
#include "template.h"
#include "utf8.h"
#include "xalloc.h"
#include "../unit/harness.h"
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

static pp_para para(pp_textstyle_id st, pp_srole role, const char *label, const char *text)
{
    pp_para p = { .style = st, .role = role, .align = -1 };
    p.cps = pp_utf8_to_cps(text, strlen(text), &p.n);
    p.flags = pp_xcalloc(p.n + 1, 1);
    p.label = label ? pp_xstrdup(label) : NULL;
    return p;
}

static pp_block *add(pp_blocks *b, pp_block_type type)
{
    PP_GROW(b->v, b->cap, b->n + 1);
    pp_block *bl = &b->v[b->n++];
    memset(bl, 0, sizeof *bl);
    bl->type = type;
    return bl;
}

static pp_cell *cell(pp_table *t, int row, int col, int rowspan, int colspan, const char *text)
{
    t->cells = pp_xrealloc(t->cells, (t->ncells + 1) * sizeof *t->cells);
    pp_cell *c = &t->cells[t->ncells++];
    memset(c, 0, sizeof *c);
    c->row = row; c->col = col; c->rowspan = rowspan; c->colspan = colspan;
    c->head = row < t->nhead;
    if (text) {
        c->paras = pp_xmalloc(sizeof *c->paras);
        c->paras[0] = para(c->head ? PP_TS_TABLE_HEAD : PP_TS_TABLE, c->head ? PP_SR_HEADCELL : PP_SR_CELL, NULL, text);
        c->npara = 1;
    }
    return c;
}

static void build(pp_blocks *b)
{
    memset(b, 0, sizeof *b);
    b->running_header = pp_xstrdup("Running & <header>");
    /* 30 wide characters at 18 pt: a little too long for the line, set smaller */
    add(b, PP_BLOCK_PARA)->para = para(PP_TS_TITLE, PP_SR_TITLE, NULL, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十");
    int raw[] = { 1, 3, 2, 5 };
    for (int i = 0; i < 4; i++) {
        pp_block *h = add(b, PP_BLOCK_PARA);
        h->para = para(i ? PP_TS_SUBHEADING : PP_TS_HEADING, i ? PP_SR_H2 : PP_SR_H1, "壹、", "標題");
        h->para.outline_level = raw[i];
        h->para.keep_with_next = true;
    }
    pp_block *p = add(b, PP_BLOCK_PARA);
    p->para = para(PP_TS_BODY, PP_SR_LI, "（一）", "  leading  and double  spaces & <marks> \"q\" 'a' \xF0\xA0\x80\x80 end ");
    p->para.indent[0] = "一、";
    p->para.nindent = 1;
    for (size_t i = 11; i < 14; i++) p->para.flags[i] |= PP_CF_EM;          /* "and" */
    p->para.flags[15] |= PP_CF_BREAK_BEFORE;                                  /* "double" */
    p = add(b, PP_BLOCK_PARA);
    p->para = para(PP_TS_NOTE, PP_SR_NOTE, NULL, "note");
    p->para.ragged = true;

    /* cells on top of each other and past the grid */
    pp_table *t = &add(b, PP_BLOCK_TABLE)->table;
    t->ncols = 4; t->nrows = 3; t->nhead = 1;
    for (int i = 0; i < 4; i++) t->widths[i] = 0.25;
    cell(t, 0, 0, 1, 2, "甲");
    cell(t, 0, 1, 1, 1, "乙");        /* its place is 甲's: joins it */
    cell(t, 0, 2, 2, 5, "丙");        /* a header cell five columns wide in a table of four, two rows tall over one header row */
    cell(t, 1, 0, 9, 1, "丁");        /* nine rows tall in a table of three */
    cell(t, 1, 1, 1, 1, "戊")->join_below = true;
    cell(t, 2, 1, 1, 1, "己")->join_above = true;
    cell(t, 2, 0, 1, 1, "庚");        /* under 丁: joins it */
    cell(t, 7, 9, 1, 1, "辛");        /* off the grid */
    /* an empty table */
    t = &add(b, PP_BLOCK_TABLE)->table;
    /* more header rows than rows, a column too narrow for a character */
    t = &add(b, PP_BLOCK_TABLE)->table;
    t->ncols = 2; t->nrows = 2; t->nhead = 5;
    t->widths[0] = 0.01; t->widths[1] = 0.99;
    cell(t, 0, 0, 1, 1, "子");
    cell(t, 0, 1, 1, 1, "丑");
    pp_cell *c = cell(t, 1, 0, 1, 1, NULL);
    c->paras = pp_xmalloc(sizeof *c->paras);
    c->paras[0] = para(PP_TS_TABLE, PP_SR_CELL, "（一）", "窄欄");
    c->paras[0].indent[0] = "一、";
    c->paras[0].nindent = 1;
    c->npara = 1;
}

/* Page 1 turned (the title and a table of a landscape section), upright, then a
 * landscape table alone, then upright again. */
static void build_turned(pp_blocks *b)
{
    memset(b, 0, sizeof *b);
    b->running_header = pp_xstrdup("Header");
    pp_block *p = add(b, PP_BLOCK_PARA);
    p->para = para(PP_TS_TITLE, PP_SR_TITLE, NULL, "橫式首頁");
    p->landscape = true;
    pp_block *tb = add(b, PP_BLOCK_TABLE);
    tb->landscape = tb->table.landscape = true;
    pp_table *t = &tb->table;
    t->ncols = 2; t->nrows = 1;
    t->widths[0] = 0.25; t->widths[1] = 0.75;
    cell(t, 0, 0, 1, 1, "甲");
    cell(t, 0, 1, 1, 1, "乙");
    add(b, PP_BLOCK_PARA)->para = para(PP_TS_BODY, PP_SR_P, NULL, "直式一");
    tb = add(b, PP_BLOCK_TABLE);
    tb->landscape = tb->table.landscape = true;
    t = &tb->table;
    t->ncols = 1; t->nrows = 1;
    t->widths[0] = 1;
    cell(t, 0, 0, 1, 1, "丙");
    add(b, PP_BLOCK_PARA)->para = para(PP_TS_BODY, PP_SR_P, NULL, "直式二");
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: odf_edge OUTDIR\n"); return 2; }
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    pp_diag d;
    pp_diag_init(&d, stderr);
    pp_template *t = pp_template_load("plan", NULL, &d);
    OK(t != NULL, "the plan template loads");
    if (!t) return pp_test_summary();
    free(t->latin_family);
    t->latin_family = NULL;              /* the Han face draws everything */
    free(t->page_number);
    t->page_number = pp_xstrdup("第 {n} 頁，共 {total} 頁");
    t->number_at_head = true;            /* beside the running header, at the end of the line */
    t->number_align = PP_ALIGN_END;
    t->header_align = PP_ALIGN_START;
    t->header_on_first = true;

    pp_doc doc = { .kind = "plan", .lang = "en-gb",
                   .meta = { .agency = "A&B <測試>", .title = "T \"1\"",
                             .printed_title = "A&B <測試>T \"1\"", .pdf_keywords = "A&B <測試>, 提升服務效能" } };
    pp_blocks b;
    build(&b);
    pp_buf one = PP_BUF_INIT, two = PP_BUF_INIT;
    INT_EQ(pp_odf_write(&b, t, &doc, NULL, &one, &d), 0);
    INT_EQ(pp_odf_write(&b, t, &doc, NULL, &two, &d), 0);
    OK(one.len > 4 && memcmp(one.data, "PK\3\4", 4) == 0, "a zip");
    OK(one.len == two.len && memcmp(one.data, two.data, one.len) == 0, "the same bytes twice");
    INT_EQ(d.errors, 0);
    char path[4096];
    snprintf(path, sizeof path, "%s/edge.odt", argv[1]);
    FILE *f = fopen(path, "wb");
    OK(f && fwrite(one.data, 1, one.len, f) == one.len, "%s written", path);
    if (f) fclose(f);

    /* appending: the package goes after what the buffer holds */
    pp_buf pre = PP_BUF_INIT;
    pp_buf_puts(&pre, "xyz");
    INT_EQ(pp_odf_write(&b, t, &doc, NULL, &pre, &d), 0);
    OK(pre.len == one.len + 3 && memcmp(pre.data + 3, one.data, one.len) == 0, "appended after the buffer's bytes");

    pp_buf_release(&one);
    pp_buf_release(&two);
    pp_buf_release(&pre);
    pp_blocks_release(&b);

    /* turned pages, page 1 among them */
    t->header_on_first = false;
    build_turned(&b);
    INT_EQ(pp_odf_write(&b, t, &doc, NULL, &one, &d), 0);
    INT_EQ(d.errors, 0);
    snprintf(path, sizeof path, "%s/turned.odt", argv[1]);
    f = fopen(path, "wb");
    OK(f && fwrite(one.data, 1, one.len, f) == one.len, "%s written", path);
    if (f) fclose(f);
    pp_buf_release(&one);
    pp_blocks_release(&b);
    pp_template_free(t);
    xmlCleanupParser();
    return pp_test_summary();
}
