/* The reader and the numbering of the model: XML in, a checked and numbered
 * tree out; bad XML in, file:line:col messages out and no tree. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "lower.h"
#include "resolve.h"
#include "template.h"
#include "utf8.h"
#include "xml_read.h"
#include <string.h>
#include <limits.h>
#include <stdlib.h>

static const char doc_src[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<document kind=\"plan\" xml:lang=\"zh-TW\">\n"
    "  <meta><agency>經濟部標準檢驗局</agency><year>114</year><title>提升服務效能執行計畫</title>\n"
    "    <issued date=\"2025-01-06\">經標秘字第11490000310號函訂定</issued></meta>\n"
    "  <section title=\"計畫依據\" role=\"basis\">\n"
    "    <list><item>行政院 106年\n      1月9日函頒</item><item>平時查核：<list><item>本局</item><item>各分局</item></list></item></list>\n"
    "  </section>\n"
    "  <section title=\"計畫目標：\" role=\"goals\" runin=\"yes\"><p>掌握 <em>call center</em> 民眾需求</p></section>\n"
    "  <section title=\"執行策略\" role=\"strategies\"><section title=\"整體服務類\"/></section>\n"
    "</document>\n";

static char schema[PATH_MAX];

static void test_good(void)
{
    pp_diag d;
    pp_diag_init(&d, stderr);
    pp_doc *doc = pp_xml_read_memory(doc_src, sizeof doc_src - 1, "t.xml", schema, &d);
    OK(doc != NULL, "a valid document reads");
    if (!doc) return;
    INT_EQ(d.errors, 0);
    STR_EQ(doc->kind, "plan");
    STR_EQ(doc->meta.agency, "經濟部標準檢驗局");
    INT_EQ(doc->meta.year, 114);
    INT_EQ(doc->meta.nissued, 1);
    INT_EQ(doc->meta.issued[0].y, 2025);
    INT_EQ(doc->meta.issued[0].m, 1);
    INT_EQ(doc->meta.issued[0].d, 6);
    STR_EQ(doc->meta.issued[0].text, "經標秘字第11490000310號函訂定");
    STR_EQ(doc->lang, "zh-TW");
    pp_node *s1 = doc->root->first;
    OK(s1 && s1->type == PP_NODE_SECTION, "first child is a section");
    STR_EQ(s1->role, "basis");
    INT_EQ(s1->line, 5);
    INT_EQ(s1->col, 3);
    pp_node *s2 = s1->next;
    OK(s2 && s2->runin, "run-in section");
    pp_node *list = pp_node_child(s1, PP_NODE_LIST);
    OK(list != NULL, "list read");
    /* item text becomes a paragraph; the nested list follows it */
    pp_node *item2 = list->first->next;
    OK(item2->first->type == PP_NODE_PARAGRAPH && item2->last->type == PP_NODE_LIST, "mixed item content");

    pp_template *t = pp_template_load(pp_template_for_kind(doc->kind), NULL, &d);
    OK(t != NULL, "plan template loads");
    if (t) {
        pp_resolve(doc, t);
        STR_EQ(s1->label, "壹、");
        STR_EQ(s2->label, "貳、");
        STR_EQ(list->first->label, "一、");
        STR_EQ(item2->label, "二、");
        STR_EQ(item2->last->first->label, "（一）");
        STR_EQ(item2->last->first->next->label, "（二）");
        pp_node *sub = s2->next->first;
        STR_EQ(sub->label, "一、");

        /* whitespace: dropped between Han and digits, kept between Latin words */
        pp_blocks b;
        INT_EQ(pp_lower(doc, t, &b, &d), 0);
        char buf[256] = { 0 };
        size_t k = 0;
        for (size_t i = 0; i < b.n; i++) {
            if (b.v[i].type != PP_BLOCK_PARA || !b.v[i].para.label || strcmp(b.v[i].para.label, "一、")) continue;
            for (size_t j = 0; j < b.v[i].para.n && k < 200; j++) k += pp_utf8_encode(b.v[i].para.cps[j], buf + k);
            break;
        }
        STR_EQ(buf, "行政院106年1月9日函頒");
        k = 0;
        memset(buf, 0, sizeof buf);
        for (size_t i = 0; i < b.n; i++) {
            if (b.v[i].type != PP_BLOCK_PARA || !b.v[i].para.label || strcmp(b.v[i].para.label, "貳、")) continue;
            for (size_t j = 0; j < b.v[i].para.n && k < 200; j++) k += pp_utf8_encode(b.v[i].para.cps[j], buf + k);
        }
        STR_EQ(buf, "計畫目標：掌握call center民眾需求");
        pp_blocks_release(&b);
        pp_template_free(t);
    }
    pp_doc_free(doc);
}

static void expect_error(const char *src, int min_errors, const char *what)
{
    pp_diag d;
    pp_diag_init(&d, NULL);
    pp_doc *doc = pp_xml_read_memory(src, strlen(src), "bad.xml", schema, &d);
    OK(doc == NULL, "%s: no document", what);
    OK(d.errors >= min_errors, "%s: %d errors, want >= %d", what, d.errors, min_errors);
    pp_doc_free(doc);
}

int main(void)
{
    snprintf(schema, sizeof schema, "%s/document.rng", pp_template_dir(NULL));
    test_good();
    expect_error("<document kind=\"plan\"><meta>", 1, "truncated XML");
    expect_error("", 1, "empty file");
    expect_error("<document kind=\"plan\"><meta><agency>a</agency></meta></document>", 1, "no title");
    expect_error("<document kind=\"1x\"><meta><agency>a</agency><title>t</title></meta><section title=\"s\"/></document>", 1, "a kind that is no name");
    expect_error("<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><document kind=\"plan\"><meta><agency>&e;</agency>"
                 "<title>t</title></meta><section title=\"s\"/></document>", 1, "external entity");
    pp_xml_read_cleanup();
    return pp_test_summary();
}
