/* Unit test of src/glyphs.c: the characters a document will print, collected from
 * its blocks before layout, sorted by the face that draws them: text and labels by
 * their style, every digit and the page-number format's characters, the running
 * header, the continued mark only where a merged cell may be continued; characters
 * no face has left out. Against the plan template and its installed fonts. */
#define _POSIX_C_SOURCE 200809L
#include "glyphs.h"
#include "utf8.h"
#include "harness.h"
#include <stdlib.h>
#include <string.h>

static pp_para para(const char *text, const char *label, pp_textstyle_id style)
{
    pp_para p = { .style = style, .role = PP_SR_P, .align = -1 };
    p.cps = pp_utf8_to_cps(text, strlen(text), &p.n);
    p.flags = calloc(p.n + 1, 1);
    p.label = label ? strdup(label) : NULL;
    return p;
}

/* Nonzero when every character of s is in face f's set. */
static int has_all(const pp_glyphs *g, int f, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, n - i, &cp);
        if (!pp_cpset_has(&g->face[f], cp)) return 0;
    }
    return 1;
}

static int in_any(const pp_glyphs *g, uint32_t cp)
{
    for (int f = 0; f < g->nfaces; f++) if (pp_cpset_has(&g->face[f], cp)) return 1;
    return 0;
}

int main(void)
{
    pp_diag d;
    pp_diag_init(&d, stderr);
    pp_template *t = pp_template_load("plan", NULL, &d);
    pp_fonts *f = t ? pp_fonts_open(t, &d) : NULL;
    OK(t && f, "plan template and its fonts");
    if (!f) return 1;

    pp_blocks b = { 0 };
    b.cap = 4;
    b.v = calloc(b.cap, sizeof *b.v);
    b.v[b.n++] = (pp_block){ .type = PP_BLOCK_PARA, .para = para("經濟部 call center\xe0\xb6\x80", "壹、", PP_TS_HEADING) };
    /* a table with one merged cell: its continued mark may be printed */
    pp_block tb = { .type = PP_BLOCK_TABLE };
    tb.table.ncols = 2;
    tb.table.nrows = 2;
    tb.table.ncells = 2;
    tb.table.cells = calloc(2, sizeof *tb.table.cells);
    tb.table.cells[0] = (pp_cell){ .row = 0, .col = 0, .rowspan = 2, .colspan = 1, .npara = 1 };
    tb.table.cells[0].paras = calloc(1, sizeof(pp_para));
    tb.table.cells[0].paras[0] = para("標準", NULL, PP_TS_TABLE);
    tb.table.cells[1] = (pp_cell){ .row = 0, .col = 1, .rowspan = 1, .colspan = 1, .npara = 1 };
    tb.table.cells[1].paras = calloc(1, sizeof(pp_para));
    tb.table.cells[1].paras[0] = para("檢驗", "(一)", PP_TS_TABLE);
    b.v[b.n++] = tb;
    b.running_header = strdup("測試機關 114年度");

    pp_glyphs g;
    pp_glyphs_collect(&b, t, f, &g);
    OK(g.nfaces >= 2, "%d faces", g.nfaces);
    int largest = pp_glyphs_largest(&g);
    for (int k = 0; k < g.nfaces; k++)
        OK(g.face[k].n <= g.face[largest].n, "face %d has more than the largest, %d", k, largest);
    OK(has_all(&g, 0, "經濟部壹、標準檢驗一測試機關年度"), "Han text, labels and header in face 0");
    OK(in_any(&g, '(') && in_any(&g, ')'), "the label's brackets");
    int latin = pp_fonts_pick(f, 'c', PP_TS_BODY);
    OK(latin > 0 && has_all(&g, latin, "call center"), "Latin letters in the Latin face %d", latin);
    OK(latin > 0 && has_all(&g, latin, "0123456789"), "every digit a page number may print");
    if (t->page_number) {   /* the format's own characters, outside its fields */
        char lit[256] = { 0 };
        size_t k = 0;
        for (const char *c = t->page_number; *c && k < sizeof lit - 1;) {
            if (!strncmp(c, "{n}", 3)) c += 3;
            else if (!strncmp(c, "{total}", 7)) c += 7;
            else if (*c == ' ') c++;
            else lit[k++] = *c++;
        }
        int ok = 1;
        for (size_t i = 0; i < k;) {
            uint32_t cp;
            i += pp_utf8_decode(lit + i, k - i, &cp);
            ok &= in_any(&g, cp);
        }
        OK(ok, "page-number format \"%s\"", t->page_number);
    }
    if (t->continue_repeat && t->continued_mark && *t->continued_mark) {
        uint32_t cp;
        pp_utf8_decode(t->continued_mark, strlen(t->continued_mark), &cp);
        OK(in_any(&g, cp), "continued mark \"%s\" for the merged cell", t->continued_mark);
    }
    OK(!in_any(&g, 0x0D80), "a character no face has is left out");
    pp_glyphs_release(&g);

    /* without a merged cell, no continued mark */
    if (t->continue_repeat && t->continued_mark && *t->continued_mark) {
        b.v[1].table.cells[0].rowspan = 1;
        pp_glyphs_collect(&b, t, f, &g);
        uint32_t cp;
        pp_utf8_decode(t->continued_mark, strlen(t->continued_mark), &cp);
        OK(!in_any(&g, cp) || cp == '(', "continued mark without a merged cell");
        pp_glyphs_release(&g);
    }

    pp_blocks_release(&b);
    pp_fonts_free(f);
    pp_template_free(t);
    printf("%d passed, %d failed\n", pp_test_passed, pp_test_failed);
    return pp_test_failed ? 1 : 0;
}
