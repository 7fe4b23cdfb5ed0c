#define _POSIX_C_SOURCE 200809L
#include "source_write.h"
#include "numbering.h"
#include "template.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct writer {
    pp_buf *out;
    const pp_source_opts *o;
} writer;

void pp_source_escape(pp_buf *out, const char *s, bool attr)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': pp_buf_puts(out, "&amp;"); break;
        case '<': pp_buf_puts(out, "&lt;"); break;
        case '>': pp_buf_puts(out, "&gt;"); break;
        case '"': if (attr) pp_buf_puts(out, "&quot;"); else pp_buf_putc(out, '"'); break;
        case '\n': if (attr) pp_buf_puts(out, "&#10;"); else pp_buf_putc(out, '\n'); break;
        case '\t': if (attr) pp_buf_puts(out, "&#9;"); else pp_buf_putc(out, '\t'); break;
        case '\r': pp_buf_puts(out, "&#13;"); break;
        default:
            if (*p < 0x20) break;                 /* not an XML 1.0 character */
            pp_buf_putc(out, *p);
        }
    }
}

static void indent(writer *w, int n)
{
    for (int i = 0; i < n; i++) pp_buf_putc(w->out, ' ');
}

static void before(writer *w, const pp_node *n, int ind)
{
    if (w->o && w->o->before) w->o->before(w->out, n, ind, w->o->ctx);
}

static void attr(writer *w, const char *name, const char *value)
{
    pp_buf_printf(w->out, " %s=\"", name);
    pp_source_escape(w->out, value ? value : "", true);
    pp_buf_putc(w->out, '"');
}

static void label_attr(writer *w, const pp_node *n)
{
    if (n->has_label) attr(w, "label", n->label ? n->label : "");
    else if (n->unnumbered) attr(w, "numbered", "no");
}

static void orientation_attr(writer *w, const pp_node *n)
{
    if (n->landscape) attr(w, "orientation", "landscape");
}

static void score_attr(writer *w, const pp_node *n)
{
    if (n->score > 0) pp_buf_printf(w->out, " score=\"%ld\"", n->score);
}

static const char *align_name(int a)
{
    switch (a) {
    case PP_ALIGN_START: return "start";
    case PP_ALIGN_CENTER: return "center";
    case PP_ALIGN_END: return "end";
    case PP_ALIGN_NUMBER: return "number";
    default: return NULL;
    }
}

static void inline_nodes(writer *w, const pp_node *first)
{
    for (const pp_node *c = first; c; c = c->next) {
        switch (c->type) {
        case PP_NODE_TEXT: pp_source_escape(w->out, c->text ? c->text : "", false); break;
        case PP_NODE_EM:
            pp_buf_puts(w->out, "<em>");
            inline_nodes(w, c->first);
            pp_buf_puts(w->out, "</em>");
            break;
        case PP_NODE_BR: pp_buf_puts(w->out, "<br/>"); break;
        default: break;
        }
    }
}

static void block(writer *w, const pp_node *n, int ind, bool on_line);

/* An element holding inline content only, on one line. */
static void inline_element(writer *w, const char *tag, const pp_node *n, int ind, bool on_line)
{
    if (!on_line) indent(w, ind);
    pp_buf_printf(w->out, "<%s>", tag);
    inline_nodes(w, n->first);
    pp_buf_printf(w->out, "</%s>\n", tag);
}

/* Mixed content (item, cell, desc, actions, results): its first paragraph as
 * bare text after the start tag, and a block right after such text on the same
 * line, so that no white space joins the text (the reader drops white space
 * only where it stands alone between blocks). `open` has the start tag's
 * attributes already written after "<tag". */
static void flow_body(writer *w, const char *tag, const pp_node *n, int ind)
{
    const pp_node *k = n->first;
    if (!k) { pp_buf_puts(w->out, "/>\n"); return; }
    pp_buf_putc(w->out, '>');
    if (k->type == PP_NODE_PARAGRAPH && !k->next) {
        inline_nodes(w, k->first);
        pp_buf_printf(w->out, "</%s>\n", tag);
        return;
    }
    bool tight = false;
    if (k->type == PP_NODE_PARAGRAPH) {
        inline_nodes(w, k->first);
        tight = true;
        k = k->next;
    } else {
        pp_buf_putc(w->out, '\n');
    }
    for (; k; k = k->next) {
        block(w, k, ind + 2, tight);
        tight = false;
    }
    indent(w, ind);
    pp_buf_printf(w->out, "</%s>\n", tag);
}

static void list(writer *w, const pp_node *n, int ind, bool on_line)
{
    if (!on_line) indent(w, ind);
    pp_buf_puts(w->out, "<list");
    if (n->style >= 0) attr(w, "style", pp_numstyle_name((pp_numstyle)n->style));
    if (n->start != 1) pp_buf_printf(w->out, " start=\"%d\"", n->start);
    pp_buf_puts(w->out, ">\n");
    for (const pp_node *it = n->first; it; it = it->next) {
        if (it->type != PP_NODE_ITEM) continue;
        before(w, it, ind + 2);
        indent(w, ind + 2);
        pp_buf_puts(w->out, "<item");
        label_attr(w, it);
        flow_body(w, "item", it, ind + 2);
    }
    indent(w, ind);
    pp_buf_puts(w->out, "</list>\n");
}

/* A table's or a strategy table's declared columns. */
static void columns(writer *w, const pp_node *n, int ind, bool strategies)
{
    indent(w, ind);
    pp_buf_puts(w->out, "<columns");
    if (strategies) {
        if (n->text) attr(w, "caption", n->text);
        if (n->label) attr(w, "levels", n->label);
        if (n->head) attr(w, "sub-rules", n->numbered ? "yes" : "no");
    }
    pp_buf_puts(w->out, ">\n");
    for (const pp_node *c = n->first; c; c = c->next) {
        if (c->type != PP_NODE_COLUMN) continue;
        indent(w, ind + 2);
        pp_buf_puts(w->out, "<column");
        if (strategies) {
            attr(w, "content", c->role ? c->role : "extra");
            if (c->text) attr(w, "key", c->text);
        }
        if (c->width > 0) pp_buf_printf(w->out, " width=\"%g\"", c->width);
        if (!strategies && align_name(c->align)) attr(w, "align", align_name(c->align));
        if (c->head) attr(w, "blank", "yes");
        if (!strategies) { pp_buf_puts(w->out, "/>\n"); continue; }
        /* header words: an attribute when plain text, else an element (<br/>, <em>) */
        if (!c->first || (c->first == c->last && c->first->type == PP_NODE_TEXT)) {
            attr(w, "header", c->first && c->first->text ? c->first->text : "");
            pp_buf_puts(w->out, "/>\n");
        } else {
            pp_buf_puts(w->out, "><header>");
            inline_nodes(w, c->first);
            pp_buf_puts(w->out, "</header></column>\n");
        }
    }
    indent(w, ind);
    pp_buf_puts(w->out, "</columns>\n");
}

static void row(writer *w, const pp_node *r, int ind)
{
    indent(w, ind);
    pp_buf_puts(w->out, "<row");
    if (r->head) attr(w, "total", "yes");
    pp_buf_puts(w->out, ">\n");
    for (const pp_node *cell = r->first; cell; cell = cell->next) {
        indent(w, ind + 2);
        pp_buf_puts(w->out, "<cell");
        if (cell->rowspan > 1) pp_buf_printf(w->out, " rowspan=\"%d\"", cell->rowspan);
        if (cell->colspan > 1) pp_buf_printf(w->out, " colspan=\"%d\"", cell->colspan);
        if (align_name(cell->align) && cell->align != PP_ALIGN_NUMBER) attr(w, "align", align_name(cell->align));
        if (cell->head) attr(w, "head", "yes");
        flow_body(w, "cell", cell, ind + 2);
    }
    indent(w, ind);
    pp_buf_puts(w->out, "</row>\n");
}

static void table(writer *w, const pp_node *n, int ind, bool on_line)
{
    if (!on_line) indent(w, ind);
    pp_buf_puts(w->out, "<table");
    if (n->text) attr(w, "widths", n->text);
    if (n->head) attr(w, "header-column", "yes");
    if (n->role) attr(w, "score-column", n->role);
    if (n->score > 0) pp_buf_printf(w->out, " total=\"%g\"", (double)n->score / 1000);
    orientation_attr(w, n);
    pp_buf_puts(w->out, ">\n");
    for (const pp_node *c = n->first; c; c = c->next) {
        if (c->type == PP_NODE_COLUMNS) columns(w, c, ind + 2, false);
        else if (c->type == PP_NODE_CAPTION) inline_element(w, "caption", c, ind + 2, false);
        else if (c->type == PP_NODE_ROW) row(w, c, ind + 2);
        else if (c->type == PP_NODE_HEAD) {
            indent(w, ind + 2);
            pp_buf_puts(w->out, "<head>\n");
            for (const pp_node *r = c->first; r; r = r->next) if (r->type == PP_NODE_ROW) row(w, r, ind + 4);
            indent(w, ind + 2);
            pp_buf_puts(w->out, "</head>\n");
        }
    }
    indent(w, ind);
    pp_buf_puts(w->out, "</table>\n");
}

/* name, desc, units, actions/results of a strategy, sub-item or group. */
static void owner_parts(writer *w, const pp_node *n, int ind)
{
    for (const pp_node *c = n->first; c; c = c->next) {
        before(w, c, ind);
        switch (c->type) {
        case PP_NODE_NAME: inline_element(w, "name", c, ind, false); break;
        case PP_NODE_DESC:
            indent(w, ind);
            pp_buf_puts(w->out, "<desc");
            flow_body(w, "desc", c, ind);
            break;
        case PP_NODE_UNITS:
            indent(w, ind);
            pp_buf_puts(w->out, "<units>");
            for (const pp_node *u = c->first; u; u = u->next) {
                pp_buf_puts(w->out, "<unit>");
                pp_source_escape(w->out, u->text ? u->text : "", false);
                pp_buf_puts(w->out, "</unit>");
            }
            pp_buf_puts(w->out, "</units>\n");
            break;
        case PP_NODE_ACTIONS: case PP_NODE_RESULTS: {
            const char *tag = c->type == PP_NODE_ACTIONS ? "actions" : "results";
            indent(w, ind);
            pp_buf_printf(w->out, "<%s", tag);
            if (!c->numbered) attr(w, "numbered", "no");
            flow_body(w, tag, c, ind);
            break;
        }
        case PP_NODE_EXTRA:
            indent(w, ind);
            pp_buf_puts(w->out, "<extra");
            attr(w, "key", c->text);
            flow_body(w, "extra", c, ind);
            break;
        case PP_NODE_SUB:
            indent(w, ind);
            pp_buf_puts(w->out, "<sub");
            label_attr(w, c);
            score_attr(w, c);
            pp_buf_puts(w->out, ">\n");
            owner_parts(w, c, ind + 2);
            indent(w, ind);
            pp_buf_puts(w->out, "</sub>\n");
            break;
        case PP_NODE_DIMENSION: case PP_NODE_GROUP: case PP_NODE_STRATEGY:
            block(w, c, ind, false);
            break;
        default: break;
        }
    }
}

static void strategy_level(writer *w, const pp_node *n, int ind)
{
    const char *tag = n->type == PP_NODE_DIMENSION ? "dimension" : n->type == PP_NODE_GROUP ? "group" : "strategy";
    indent(w, ind);
    pp_buf_printf(w->out, "<%s", tag);
    if (n->type != PP_NODE_STRATEGY) attr(w, "name", n->text);
    label_attr(w, n);
    score_attr(w, n);
    pp_buf_puts(w->out, ">\n");
    owner_parts(w, n, ind + 2);
    indent(w, ind);
    pp_buf_printf(w->out, "</%s>\n", tag);
}

static void block(writer *w, const pp_node *n, int ind, bool on_line)
{
    if (!on_line) before(w, n, ind);
    switch (n->type) {
    case PP_NODE_PARAGRAPH: inline_element(w, "p", n, ind, on_line); break;
    case PP_NODE_NOTE: inline_element(w, "note", n, ind, on_line); break;
    case PP_NODE_LIST: list(w, n, ind, on_line); break;
    case PP_NODE_TABLE: table(w, n, ind, on_line); break;
    case PP_NODE_STRATEGIES:
        if (!on_line) indent(w, ind);
        pp_buf_puts(w->out, "<strategies");
        if (n->text) attr(w, "columns", n->text);
        if (n->score > 0) pp_buf_printf(w->out, " total=\"%ld\"", n->score);
        if (n->lone >= 0) attr(w, "lone", n->lone ? "number" : "unnumbered");
        orientation_attr(w, n);
        pp_buf_puts(w->out, ">\n");
        for (const pp_node *c = n->first; c; c = c->next)
            if (c->type == PP_NODE_COLUMNS) columns(w, c, ind + 2, true);
        owner_parts(w, n, ind + 2);
        indent(w, ind);
        pp_buf_puts(w->out, "</strategies>\n");
        break;
    case PP_NODE_DIMENSION: case PP_NODE_GROUP: case PP_NODE_STRATEGY:
        strategy_level(w, n, ind);
        break;
    case PP_NODE_TOC:
        if (!on_line) indent(w, ind);
        if (n->score > 0) pp_buf_printf(w->out, "<toc depth=\"%ld\"/>\n", n->score);
        else pp_buf_puts(w->out, "<toc/>\n");
        break;
    case PP_NODE_SECTION:
        indent(w, ind);
        pp_buf_puts(w->out, "<section");
        attr(w, "title", n->text);
        if (n->role) attr(w, "role", n->role);
        if (n->runin) attr(w, "runin", "yes");
        label_attr(w, n);
        orientation_attr(w, n);
        if (!n->first) { pp_buf_puts(w->out, "/>\n"); break; }
        pp_buf_puts(w->out, ">\n");
        for (const pp_node *c = n->first; c; c = c->next) block(w, c, ind + 2, false);
        indent(w, ind);
        pp_buf_puts(w->out, "</section>\n");
        break;
    default: break;
    }
}

static void meta_line(writer *w, const char *tag, const char *value)
{
    pp_buf_printf(w->out, "    <%s>", tag);
    pp_source_escape(w->out, value ? value : "", false);
    pp_buf_printf(w->out, "</%s>\n", tag);
}

void pp_source_write(const pp_doc *doc, const pp_source_opts *o, pp_buf *out)
{
    writer w = { out, o };
    pp_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (o && o->schema_href) {
        pp_buf_puts(out, "<?xml-model href=\"");
        pp_source_escape(out, o->schema_href, true);
        pp_buf_puts(out, "\" schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n");
    }
    before(&w, doc->root, 0);
    pp_buf_puts(out, "<document");
    attr(&w, "kind", doc->kind ? doc->kind : "document");
    if (doc->template_name) attr(&w, "template", doc->template_name);
    if (doc->lang && strcmp(doc->lang, "zh-TW") != 0) attr(&w, "xml:lang", doc->lang);
    pp_buf_puts(out, ">\n  <meta>\n");
    const pp_meta *m = &doc->meta;
    if (m->banner) meta_line(&w, "banner", m->banner);
    if (m->annex) meta_line(&w, "annex", m->annex);
    if (m->agency) {
        pp_buf_puts(out, "    <agency");
        if (m->parent) attr(&w, "parent", m->parent);
        pp_buf_putc(out, '>');
        pp_source_escape(out, m->agency, false);
        pp_buf_puts(out, "</agency>\n");
    }
    if (m->year > 0) {
        pp_buf_puts(out, "    <year");
        if (m->year_phrase) attr(&w, "phrase", *m->year_phrase ? m->year_phrase : "none");
        pp_buf_printf(out, ">%d</year>\n", m->year);
    }
    /* the title: a line break the author made is <br/> */
    pp_buf_puts(out, "    <title>");
    for (const char *t = m->title ? m->title : ""; *t;) {
        const char *nl = strchr(t, '\n');
        size_t len = nl ? (size_t)(nl - t) : strlen(t);
        char *line = pp_xstrndup(t, len);
        pp_source_escape(out, line, false);
        free(line);
        if (!nl) break;
        pp_buf_puts(out, "<br/>");
        t = nl + 1;
    }
    pp_buf_puts(out, "</title>\n");
    if (m->subject) meta_line(&w, "subject", m->subject);
    if (m->keywords) meta_line(&w, "keywords", m->keywords);
    for (size_t i = 0; i < m->nissued; i++) {
        const pp_issued *is = &m->issued[i];
        if (is->y <= 0) continue;
        pp_buf_printf(out, "    <issued date=\"%04d-%02d-%02d\"", is->y, is->m, is->d);
        if (is->format) attr(&w, "format", is->format);
        pp_buf_putc(out, '>');
        pp_source_escape(out, is->text ? is->text : "", false);
        pp_buf_puts(out, "</issued>\n");
    }
    pp_buf_puts(out, "  </meta>\n");
    for (const pp_node *s = doc->root->first; s; s = s->next) {
        pp_buf_putc(out, '\n');
        block(&w, s, 2, false);
    }
    pp_buf_puts(out, "</document>\n");
}
