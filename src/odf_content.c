/* odf_content — content.xml: the blocks in order, paragraphs and headings
 * through odf_body, tables through odf_table, the first block of each run of
 * turned pages switching to the Landscape master page and the first after it
 * back to Standard. The body is written first (into a fragment) so that the
 * automatic styles it used can be written before it. */
#include "odf_content.h"
#include "odf_body.h"
#include "odf_table.h"
#include "odf_xml.h"
#include "utf8.h"

/* The outline level a block asks for, as the PDF's bookmarks and tags read it. */
static int raw_level(const pp_para *p)
{
    switch (p->role) {
    case PP_SR_H1: return p->outline_level > 0 ? p->outline_level : 1;
    case PP_SR_H2: return p->outline_level > 0 ? p->outline_level : 2;
    case PP_SR_H3: return p->outline_level > 0 ? p->outline_level : 3;
    case PP_SR_CAPTION: return p->outline_level;   /* a dimension caption; a table caption is text */
    default: return 0;
    }
}

/* A table of contents as Writer keeps one: its source (the outline levels it
 * lists), entry templates with a right tab and dot leaders before the page
 * number, and a body of the entries, label and title. The page numbers are
 * Writer's to fill: it paginates the document (Tools > Update). */
static void toc(pp_odf_body *bc, const pp_toc *t)
{
    pp_ox *x = &bc->x;
    /* the depth asked for (as lower.c reads it), not only the levels the document has */
    const pp_node *at = t->src;
    int depth = at && at->type == PP_NODE_TOC && at->score > 0 ? (int)at->score : bc->c->t->toc_depth;
    for (size_t i = 0; i < t->n; i++) if (t->v[i].level > depth) depth = t->v[i].level;
    if (depth < 1) depth = 1;
    if (depth > 10) depth = 10;
    pp_ox_start(x, "text:table-of-content");
    pp_ox_attr(x, "text:name", "Table of Contents");
    pp_ox_attr(x, "text:protected", "false");
    pp_ox_start(x, "text:table-of-content-source");
    pp_ox_attrf(x, "text:outline-level", "%d", depth);
    pp_ox_attr(x, "text:use-index-marks", "false");
    for (int lv = 1; lv <= depth; lv++) {
        pp_ox_start(x, "text:table-of-content-entry-template");
        pp_ox_attrf(x, "text:outline-level", "%d", lv);
        pp_ox_attrf(x, "text:style-name", "Contents_20_%d", lv);
        pp_ox_start(x, "text:index-entry-text");
        pp_ox_end(x);
        pp_ox_start(x, "text:index-entry-tab-stop");
        pp_ox_attr(x, "style:type", "right");
        pp_ox_attr(x, "style:leader-char", ".");
        pp_ox_end(x);
        pp_ox_start(x, "text:index-entry-page-number");
        pp_ox_end(x);
        pp_ox_end(x);
    }
    pp_ox_end(x);
    pp_ox_start(x, "text:index-body");
    for (size_t i = 0; i < t->n; i++) {
        const pp_toc_entry *e = &t->v[i];
        pp_ox_start(x, "text:p");
        pp_ox_attrf(x, "text:style-name", "Contents_20_%d", e->level < 1 ? 1 : e->level > 10 ? 10 : e->level);
        if (e->para.label) pp_ox_chars(x, e->para.label);
        bool sp = false;
        char buf[4096];
        size_t len = 0;
        for (size_t k = 0; k < e->para.n && len + 4 < sizeof buf; k++) len += pp_utf8_encode(e->para.cps[k], buf + len);
        pp_ox_text(x, buf, len, &sp);
        pp_ox_start(x, "text:tab");
        pp_ox_end(x);
        pp_ox_end(x);
    }
    pp_ox_end(x);
    pp_ox_end(x);
}

int pp_odf_content(const pp_odf *c, pp_buf *out)
{
    pp_odf_body bc;
    pp_odf_body_init(&bc, c);
    /* a landscape section or table turns its pages, and the document turns back
     * after it: the block starting each run starts the other master page (page 1,
     * turned or not, is the first master page's, which knows what follows it) */
    bool turned = c->first_turned;
    for (size_t i = 0; i < c->b->n; i++) {
        const pp_block *b = &c->b->v[i];
        bool want = pp_odf_turned(c, b);
        if (want != turned || (i == 0 && want && !c->first_page))
            bc.next_master = want ? PP_ODF_MASTER_LANDSCAPE : PP_ODF_MASTER_STANDARD;
        turned = want;
        double width = want ? c->turned_w : c->text_w;
        if (b->type == PP_BLOCK_PARA) pp_odf_para(&bc, &b->para, width, raw_level(&b->para));
        else if (b->type == PP_BLOCK_TOC) toc(&bc, &b->toc);
        else pp_odf_table(&bc, &b->table, width);
    }
    pp_buf body = PP_BUF_INIT;
    int rc = pp_ox_close(&bc.x, &body);

    pp_ox x;
    pp_ox_open(&x, true);
    pp_ox_start(&x, "office:document-content");
    pp_ox_namespaces(&x, "office style text table fo svg");
    pp_ox_attr(&x, "office:version", "1.3");
    pp_ox_start(&x, "office:automatic-styles");
    pp_odf_para_styles(&bc, &x);
    pp_odf_table_styles(&bc, &x);
    pp_ox_end(&x);
    pp_ox_start(&x, "office:body");
    pp_ox_start(&x, "office:text");
    if (rc == 0) pp_ox_raw(&x, pp_buf_str(&body));
    pp_ox_end(&x);
    pp_ox_end(&x);
    pp_ox_end(&x);
    pp_buf_release(&body);
    pp_odf_body_release(&bc);
    if (rc != 0) {
        pp_ox_discard(&x);
        return -1;
    }
    return pp_ox_close(&x, out);
}
