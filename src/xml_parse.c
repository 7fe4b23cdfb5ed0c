#define _POSIX_C_SOURCE 200809L
#include "xml_parse.h"
#include "buf.h"
#include "xalloc.h"
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- positions ---------------------------------------------------------------
 * The cursor only moves forward, as the parser does, so placing every node costs
 * one pass over the text in all. */
static void locate(pp_xml *x, size_t off, pp_xml_pos *out)
{
    if (off > x->len) off = x->len;
    if (off < x->cur_off) { x->cur_off = 0; x->cur_line = 1; x->cur_col = 1; }   /* never expected */
    for (size_t i = x->cur_off; i < off; i++) {
        unsigned char b = (unsigned char)x->text[i];
        if (b == '\n') { x->cur_line++; x->cur_col = 1; }
        else if ((b & 0xC0) != 0x80) x->cur_col++;
    }
    x->cur_off = off;
    out->line = x->cur_line;
    out->col = x->cur_col;
}

static void record(pp_xml *x, xmlNode *n, size_t off)
{
    PP_GROW(x->pos, x->cappos, x->npos + 1);
    locate(x, off, &x->pos[x->npos]);
    n->_private = (void *)(intptr_t)(x->npos + 1);
    x->npos++;
}

/* Where the parser is, as an offset into x->text. */
static size_t parser_offset(xmlParserCtxtPtr ctxt)
{
    xmlParserInputPtr in = ctxt->input;
    return (size_t)in->consumed + (size_t)(in->cur - in->base);
}

static bool name_char(char c)
{
    return c && c != ' ' && c != '\t' && c != '\n' && c != '=' && c != '>' && c != '/';
}

/* Where each attribute's value starts: the start tag text[start, end) read again
 * (the parser copies values it had to convert, so its pointers do not tell). */
static void record_attributes(pp_xml *x, xmlNode *el, size_t start, size_t end)
{
    if (!el->properties) return;
    const char *t = x->text;
    size_t i = start + 1;
    while (i < end && name_char(t[i])) i++;                       /* the element's name */
    for (;;) {
        while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')) i++;
        size_t n0 = i;
        while (i < end && name_char(t[i])) i++;
        size_t n1 = i;
        while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')) i++;
        if (n1 == n0 || i >= end || t[i] != '=') return;
        i++;
        while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')) i++;
        if (i >= end || (t[i] != '"' && t[i] != '\'')) return;
        char q = t[i++];
        size_t value = i;
        while (i < end && t[i] != q) i++;
        i++;
        for (xmlAttr *a = el->properties; a; a = a->next) {
            const char *local = (const char *)a->name, *prefix = a->ns && a->ns->prefix ? (const char *)a->ns->prefix : NULL;
            size_t pl = prefix ? strlen(prefix) + 1 : 0, ll = strlen(local);
            if (n1 - n0 != pl + ll || a->_private) continue;
            if (prefix && (memcmp(t + n0, prefix, pl - 1) != 0 || t[n0 + pl - 1] != ':')) continue;
            if (memcmp(t + n0 + pl, local, ll) != 0) continue;
            record(x, (xmlNode *)a, value);
            break;
        }
    }
}

static pp_xml *state(void *ctx) { return ((xmlParserCtxtPtr)ctx)->_private; }

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    pp_xml *x = state(ctx);
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                          nb_defaulted, attributes);
    if (!ctxt->node) return;
    /* the parser stands at the '>' or '/>' of the start tag; the tag began at the
     * '<' before it (attribute values hold no raw '<') */
    size_t end = parser_offset(ctxt);
    if (end > x->len) end = x->len;
    size_t start = end;
    while (start > 0 && x->text[start - 1] != '<') start--;
    if (start > 0) start--;
    record(x, ctxt->node, start);
    record_attributes(x, ctxt->node, start, end);
    x->markup_end = end < x->len && x->text[end] == '/' ? end + 2 : end + 1;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    xmlSAX2EndElementNs(ctx, localname, prefix, uri);
    state(ctx)->markup_end = parser_offset(ctx);
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr ctxt = ctx;
    pp_xml *x = state(ctx);
    xmlNode *parent = ctxt->node;
    xmlNode *before = parent ? parent->last : NULL;
    xmlSAX2Characters(ctx, ch, len);
    if (!parent || parent->last == before || !parent->last || parent->last->type != XML_TEXT_NODE) return;
    /* a new text node: where its first characters stand, if the parser handed them
     * over from its input (the usual case); else just after the markup before it */
    xmlParserInputPtr in = ctxt->input;
    size_t off = ch >= in->base && ch < in->end ? (size_t)in->consumed + (size_t)(ch - in->base) : x->markup_end;
    record(x, parent->last, off);
}

static void on_comment(void *ctx, const xmlChar *value)
{
    xmlSAX2Comment(ctx, value);
    state(ctx)->markup_end = parser_offset(ctx);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    xmlSAX2ProcessingInstruction(ctx, target, data);
    state(ctx)->markup_end = parser_offset(ctx);
}

static void report(pp_xml *x, pp_loc at, const char *msg, bool warning);

/* <!DOCTYPE …>: a bare one is harmless, but an internal subset (where entities
 * are declared) or an external identifier is refused, and parsing stops. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    pp_xml *x = state(ctx);
    bool subset = ctxt->input->cur < ctxt->input->end && *ctxt->input->cur == '[';
    if (!subset && !external_id && !system_id) return;
    pp_xml_pos p;
    size_t off = parser_offset(ctxt);
    locate(x, off, &p);
    const char *what = subset ? "an internal subset (where entities are declared)"
                              : external_id ? "a public identifier" : "a system identifier";
    pp_loc at = PP_LOC(x->name, p.line, p.col);
    if (x->role == PP_XML_SOURCE) pp_msg(x->d, at, DOCTYPE_REFUSED, (const char *)name, what);
    else if (x->role == PP_XML_PART) pp_msg(x->d, at, IMPORT_DOCTYPE, (const char *)name, what);
    else pp_msg(x->d, at, TEMPLATE_XML, "a DOCTYPE with an internal subset or an external identifier is refused");
    x->errors++;
    x->syntax_error = true;
    xmlStopParser(ctxt);
}

/* Any entity declaration (only reachable inside a subset, which is refused
 * above; kept as a second lock). */
static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
    (void)type; (void)public_id; (void)system_id; (void)content; (void)name;
    xmlStopParser(ctx);
}

/* ---- messages ------------------------------------------------------------------ */

/* libxml2's text, one line: trailing newlines cut, inner ones joined with "; ". */
static void one_line(pp_buf *b, const char *msg)
{
    for (const char *p = msg ? msg : "unknown XML problem"; *p; p++) {
        if (*p == '\n') {
            while (p[1] == '\n' || p[1] == ' ') p++;
            if (p[1]) pp_buf_puts(b, "; ");
        } else {
            pp_buf_putc(b, *p);
        }
    }
    while (b->len && b->data[b->len - 1] == ' ') b->data[--b->len] = 0;
}

static void report(pp_xml *x, pp_loc at, const char *msg, bool warning)
{
    if (!warning) x->errors++;
    switch (x->role) {
    case PP_XML_SOURCE:
    case PP_XML_PART:
        if (warning) pp_msg(x->d, at, XML_WARNING, msg); else pp_msg(x->d, at, XML_SYNTAX, msg);
        break;
    case PP_XML_TEMPLATE: pp_msg(x->d, at, TEMPLATE_XML, msg); break;
    case PP_XML_SCHEMA: pp_msg(x->d, at, SCHEMA_PARSE, msg); break;
    }
}

/* The router for every libxml2 message about x's file. */
static void route(void *ctx, xmlErrorPtr e)
{
    pp_xml *x = ctx;
    if (!e || e->level == XML_ERR_NONE) return;
    bool validity = e->domain == XML_FROM_RELAXNGV;
    /* after a well-formedness error, the parser's later complaints are its own confusion */
    if (!validity && x->syntax_error) return;
    pp_buf msg = PP_BUF_INIT;
    one_line(&msg, e->message);
    pp_loc at = PP_LOC(x->name, e->line, e->int2);
    if (e->node) {
        pp_loc n = pp_xml_loc(x, e->node);
        if (n.line > 0) at = n;
    }
    if (validity) {
        x->errors++;
        if (x->role == PP_XML_SOURCE) pp_msg(x->d, at, SCHEMA, pp_buf_str(&msg));
        else pp_msg(x->d, at, TEMPLATE_XML, pp_buf_str(&msg));
    } else {
        bool warning = e->level == XML_ERR_WARNING;
        report(x, at, pp_buf_str(&msg), warning);
        if (!warning && (e->domain == XML_FROM_PARSER || e->domain == XML_FROM_NAMESPACE)) x->syntax_error = true;
    }
    pp_buf_release(&msg);
}

/* The parser hands its own context to the SAX error hook. */
static void route_parser(void *ctx, xmlErrorPtr e) { route(state(ctx), e); }

/* ---- parsing -------------------------------------------------------------------- */

int pp_xml_parse(pp_xml *x, const char *text, size_t len, const char *name, pp_xml_role role, pp_diag *d)
{
    memset(x, 0, sizeof *x);
    x->name = name;
    x->role = role;
    x->d = d;
    x->text = text;
    x->len = len;
    x->cur_line = x->cur_col = 1;
    if (len > INT32_MAX) { report(x, PP_LOC(name, 0, 0), "file too large", false); return -1; }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) { pp_msg(d, PP_NOWHERE, OUT_OF_MEMORY); return -1; }
    ctxt->_private = x;
    xmlSAXHandlerPtr sax = ctxt->sax;
    sax->startElementNs = on_start;
    sax->endElementNs = on_end;
    sax->characters = on_characters;
    sax->comment = on_comment;
    sax->processingInstruction = on_pi;
    sax->internalSubset = on_doctype;
    sax->entityDecl = on_entity_decl;
    sax->serror = route_parser;
    xmlSetStructuredErrorFunc(x, route);
    /* no network, no DTD loading, no entity substitution, no XInclude; the text
     * is UTF-8 already (decode.c), whatever its declaration says */
    x->doc = xmlCtxtReadMemory(ctxt, text, (int)len, name, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC);
    xmlSetStructuredErrorFunc(NULL, NULL);
    bool ok = x->doc && ctxt->wellFormed && !x->syntax_error;
    xmlFreeParserCtxt(ctxt);
    x->text = NULL;
    if (!ok) {
        if (!x->errors && role == PP_XML_SOURCE) pp_msg(d, PP_LOC(name, 0, 0), NOT_XML);
        else if (!x->errors) report(x, PP_LOC(name, 0, 0), "cannot parse the file as XML", false);
        if (x->doc) { xmlFreeDoc(x->doc); x->doc = NULL; }
        return -1;
    }
    return 0;
}

int pp_xml_validate(pp_xml *x, xmlRelaxNGPtr schema)
{
    int errors0 = x->errors;
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    if (!vc) { pp_msg(x->d, PP_NOWHERE, OUT_OF_MEMORY); return -1; }
    xmlRelaxNGSetValidStructuredErrors(vc, route, x);
    xmlSetStructuredErrorFunc(x, route);
    int rc = xmlRelaxNGValidateDoc(vc, x->doc);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlRelaxNGFreeValidCtxt(vc);
    if (rc != 0 && x->errors == errors0) {
        x->errors++;
        if (x->role == PP_XML_SOURCE) pp_msg(x->d, PP_LOC(x->name, 1, 1), SCHEMA_FAILED);
        else pp_msg(x->d, PP_LOC(x->name, 1, 1), TEMPLATE_SCHEMA);
    }
    return rc == 0 ? 0 : -1;
}

xmlRelaxNGPtr pp_xml_load_schema(const char *path, pp_diag *d)
{
    pp_xml x = { .name = path, .role = PP_XML_SCHEMA, .d = d };
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
    if (!pc) return NULL;
    xmlRelaxNGSetParserStructuredErrors(pc, route, &x);
    xmlSetStructuredErrorFunc(&x, route);
    xmlRelaxNGPtr s = xmlRelaxNGParse(pc);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlRelaxNGFreeParserCtxt(pc);
    return s;
}

pp_loc pp_xml_loc(const pp_xml *x, const xmlNode *n)
{
    for (; n; n = n->parent) {
        if (n->type != XML_ELEMENT_NODE && n->type != XML_TEXT_NODE && n->type != XML_ATTRIBUTE_NODE) continue;
        size_t k = (size_t)(intptr_t)n->_private;
        if (k >= 1 && k <= x->npos) return PP_LOC(x->name, x->pos[k - 1].line, x->pos[k - 1].col);
    }
    return PP_LOC(x->name, 0, 0);
}

pp_loc pp_xml_attr_loc(const pp_xml *x, const xmlNode *n, const char *name)
{
    const xmlAttr *a = n ? xmlHasProp(n, (const xmlChar *)name) : NULL;
    return a ? pp_xml_loc(x, (const xmlNode *)a) : pp_xml_loc(x, n);
}

void pp_xml_release(pp_xml *x)
{
    if (x->doc) xmlFreeDoc(x->doc);
    free(x->pos);
    memset(x, 0, sizeof *x);
}
