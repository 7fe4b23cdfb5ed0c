/* odf_content — content.xml: the blocks in order, paragraphs and headings
 * through odf_body, tables through odf_table. The body is written first (into a
 * fragment) so that the automatic styles it used can be written before it. */
#include "odf_content.h"
#include "odf_body.h"
#include "odf_table.h"
#include "odf_xml.h"

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

int pp_odf_content(const pp_odf *c, pp_buf *out)
{
    pp_odf_body bc;
    pp_odf_body_init(&bc, c);
    for (size_t i = 0; i < c->b->n; i++) {
        const pp_block *b = &c->b->v[i];
        if (b->type == PP_BLOCK_PARA) pp_odf_para(&bc, &b->para, c->text_w, raw_level(&b->para));
        else pp_odf_table(&bc, &b->table);
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
