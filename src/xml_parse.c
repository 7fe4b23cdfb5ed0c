#define _POSIX_C_SOURCE 200809L
#include "xml_parse.h"
#include "caps.h"
#include <limits.h>
#include "input.h"
#include "buf.h"
#include "rng_explain.h"
#include "xalloc.h"
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
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

/* A catalog message's text, for a template's or schema's problems, which are
 * the environment's (TEMPLATE_XML) and not the author's. */
#define FMT_OF(M) FMT_OF_(PP_MSG_##M)
#define FMT_OF_(...) FMT_OF__(__VA_ARGS__)
#define FMT_OF__(level, id, fmt) fmt

static void env_msg(pp_xml *x, pp_loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void env_msg(pp_xml *x, pp_loc at, const char *fmt, ...)
{
    pp_buf b = PP_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (x->role == PP_XML_SCHEMA) pp_msg(x->d, at, SCHEMA_PARSE, pp_buf_str(&b));
    else pp_msg(x->d, at, TEMPLATE_XML, pp_buf_str(&b));
    pp_buf_release(&b);
}

/* Where the markup the parser complains about starts: back from offset `off`
 * to the nearest `c` (at most a short way), as a position. */
static bool back_to(pp_xml *x, size_t off, char c, pp_loc *at)
{
    if (!x->text || off > x->len) return false;
    for (size_t i = off, n = 0; i-- > 0 && n < 64; n++) {
        if (x->text[i] != c) continue;
        pp_xml_pos p;
        locate(x, i, &p);
        *at = PP_LOC(x->name, p.line, p.col);
        return true;
    }
    return false;
}

/* The name after the '&' that starts at or before off ("amp" of "&amp x"). */
static void entity_name(const pp_xml *x, size_t off, char *out, size_t cap)
{
    out[0] = 0;
    if (!x->text || off > x->len) return;
    size_t i = off;
    while (i > 0 && x->text[i - 1] != '&' && off - i < 64) i--;
    if (i == 0 || x->text[i - 1] != '&') return;
    size_t n = 0;
    while (i + n < x->len && n + 1 < cap && x->text[i + n] != ';' && x->text[i + n] != ' ' && x->text[i + n] != '<' &&
           x->text[i + n] != '\n' && x->text[i + n] != '&' && x->text[i + n] != '"')
        n++;
    memcpy(out, x->text + i, n);
    out[n] = 0;
}

/* A well-formedness error said in planpress's words where libxml2's are
 * obscure; false to keep libxml2's. */
static bool say_syntax(pp_xml *x, const xmlError *e, size_t off, pp_loc at)
{
    bool src = x->role == PP_XML_SOURCE;
    char name[80];
    pp_loc here = at;
    const char *m = e->message ? e->message : "";
    switch (e->code) {
    case XML_ERR_NAME_REQUIRED:
        if (strstr(m, "EntityRef") && back_to(x, off, '&', &here)) {
            if (src) pp_msg(x->d, here, BARE_AMPERSAND); else env_msg(x, here, FMT_OF(BARE_AMPERSAND));
            return true;
        }
        if (strstr(m, "StartTag") && back_to(x, off, '<', &here)) {
            if (src) pp_msg(x->d, here, BARE_LESS_THAN); else env_msg(x, here, FMT_OF(BARE_LESS_THAN));
            return true;
        }
        return false;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
        entity_name(x, off, name, sizeof name);
        if (!name[0] || !back_to(x, off, '&', &here)) return false;
        if (src) pp_msg(x->d, here, ENTITY_SEMICOLON, name, name); else env_msg(x, here, FMT_OF(ENTITY_SEMICOLON), name, name);
        return true;
    case XML_ERR_UNDECLARED_ENTITY: case XML_WAR_UNDECLARED_ENTITY:
        if (!e->str1) return false;
        back_to(x, off, '&', &here);
        if (src) pp_msg(x->d, here, UNKNOWN_ENTITY, e->str1); else env_msg(x, here, FMT_OF(UNKNOWN_ENTITY), e->str1);
        return true;
    case XML_ERR_TAG_NAME_MISMATCH:
        if (!e->str1 || !e->str2) return false;
        back_to(x, off, '<', &here);
        if (src) pp_msg(x->d, here, TAG_MISMATCH, e->str2, e->str1, e->int1, e->str1, e->str1);
        else env_msg(x, here, FMT_OF(TAG_MISMATCH), e->str2, e->str1, e->int1, e->str1, e->str1);
        return true;
    default:
        return false;
    }
}

/* The router for every libxml2 message about x's file (parsing; validation
 * collects its messages through collect() instead). `off` is where the parser
 * stood, when known. */
static void route_at(pp_xml *x, xmlErrorPtr e, size_t off)
{
    if (!e || e->level == XML_ERR_NONE) return;
    bool validity = e->domain == XML_FROM_RELAXNGV;
    /* after a well-formedness error, the parser's later complaints are its own confusion */
    if (!validity && x->syntax_error) return;
    pp_loc at = PP_LOC(x->name, e->line, e->int2);
    if (e->node) {
        pp_loc n = pp_xml_loc(x, e->node);
        if (n.line > 0) at = n;
    }
    bool warning = !validity && e->level == XML_ERR_WARNING;
    if (!validity && (e->domain == XML_FROM_PARSER || e->domain == XML_FROM_NAMESPACE) && say_syntax(x, e, off, at)) {
        if (!warning) { x->errors++; x->syntax_error = true; }
        return;
    }
    pp_buf msg = PP_BUF_INIT;
    one_line(&msg, e->message);
    if (validity) {
        x->errors++;
        if (x->role == PP_XML_SOURCE) pp_msg(x->d, at, SCHEMA, pp_buf_str(&msg));
        else pp_msg(x->d, at, TEMPLATE_XML, pp_buf_str(&msg));
    } else {
        report(x, at, pp_buf_str(&msg), warning);
        if (!warning && (e->domain == XML_FROM_PARSER || e->domain == XML_FROM_NAMESPACE)) x->syntax_error = true;
    }
    pp_buf_release(&msg);
}

static void route(void *ctx, xmlErrorPtr e) { route_at(ctx, e, (size_t)-1); }

/* The parser hands its own context to the SAX error hook. */
static void route_parser(void *ctx, xmlErrorPtr e)
{
    pp_xml *x = state(ctx);
    route_at(x, e, x->text ? parser_offset(ctx) : (size_t)-1);
}

/* ---- parsing -------------------------------------------------------------------- */

/* The attributes of every start tag counted before libxml2 reads the text (it
 * checks each against the others: 50,000 on one element take seconds). Markup
 * that holds no attributes -- comments, CDATA, processing instructions, the
 * DOCTYPE -- is skipped; an = outside quotes in a tag is one attribute. Returns
 * false after a message at the tag that has too many. */
static bool attributes_within_cap(pp_xml *x)
{
    const char *s = x->text;
    size_t n = x->len;
    long line = 1, col = 1, tag_line = 0, tag_col = 0;
    int in_tag = 0, count = 0;
    char quote = 0;
    const char *skip_to = NULL;         /* the end of a comment, CDATA section or PI */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (skip_to) {
            size_t k = strlen(skip_to);
            if (i + k <= n && memcmp(s + i, skip_to, k) == 0) { skip_to = NULL; i += k - 1; col += (long)k - 1; }
        } else if (in_tag) {
            if (quote) { if (c == (unsigned char)quote) quote = 0; }
            else if (c == '"' || c == '\'') quote = (char)c;
            else if (c == '=' && ++count > PP_MAX_ATTRIBUTES) {
                pp_msg(x->d, PP_LOC(x->name, tag_line, tag_col), TOO_MANY_ATTRIBUTES, PP_MAX_ATTRIBUTES);
                x->errors++;
                return false;
            } else if (c == '>') in_tag = 0;
        } else if (c == '<') {
            if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) skip_to = "-->";
            else if (i + 9 <= n && memcmp(s + i, "<![CDATA[", 9) == 0) skip_to = "]]>";
            else if (i + 2 <= n && (s[i + 1] == '?' || s[i + 1] == '!')) skip_to = ">";
            else if (i + 1 < n && s[i + 1] != '/') { in_tag = 1; count = 0; tag_line = line; tag_col = col; }
        }
        if (c == '\n') { line++; col = 1; }
        else if ((c & 0xC0) != 0x80) col++;
    }
    return true;
}

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
    if (!attributes_within_cap(x)) { x->text = NULL; return -1; }
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

/* ---- validation ------------------------------------------------------------------ */

/* The models of the schemas loaded (one per file): validation asks libxml2
 * whether a document is valid, and the model what to say when it is not. */
typedef struct known_schema { char *path; xmlRelaxNGPtr rng; pp_rng *model; } known_schema;
static pthread_mutex_t known_lock = PTHREAD_MUTEX_INITIALIZER;
static known_schema *known;
static size_t nknown, capknown;

static void ignore_error(void *ctx, xmlErrorPtr e) { (void)ctx; (void)e; }

/* The model of a schema file, read again as a tree (libxml2 keeps its own parse
 * to itself); built the first time a document fails that schema, as valid
 * documents never need it. */
static pp_rng *model_of(const char *path)
{
    xmlSetStructuredErrorFunc(NULL, ignore_error);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    xmlSetStructuredErrorFunc(NULL, NULL);
    pp_rng *model = doc ? pp_rng_build(doc) : NULL;
    if (doc) xmlFreeDoc(doc);
    return model;
}

static void remember(const char *path, xmlRelaxNGPtr rng)
{
    pthread_mutex_lock(&known_lock);
    size_t i = 0;
    while (i < nknown && strcmp(known[i].path, path) != 0 && known[i].rng != rng) i++;
    if (i == nknown) {
        PP_GROW(known, capknown, nknown + 1);
        known[nknown++] = (known_schema){ pp_xstrdup(path), rng, NULL };
    } else {
        pp_rng_free(known[i].model);
        free(known[i].path);
        known[i] = (known_schema){ pp_xstrdup(path), rng, NULL };
    }
    pthread_mutex_unlock(&known_lock);
}

void pp_xml_cleanup(void)
{
    pthread_mutex_lock(&known_lock);
    for (size_t i = 0; i < nknown; i++) { pp_rng_free(known[i].model); free(known[i].path); }
    free(known);
    known = NULL;
    nknown = capknown = 0;
    pthread_mutex_unlock(&known_lock);
}

/* libxml2's own validity messages, kept while it validates: said only when the
 * model cannot explain the document. */
typedef struct raw_error { const xmlNode *node; char *str1; int code; char *message; long line; } raw_error;
typedef struct collector { pp_xml *x; raw_error *e; size_t n, cap; } collector;

static void collect(void *ctx, xmlErrorPtr e)
{
    collector *c = ctx;
    if (!e || e->level == XML_ERR_NONE) return;
    if (e->domain != XML_FROM_RELAXNGV) { route(c->x, e); return; }
    if (c->n >= 200) return;
    PP_GROW(c->e, c->cap, c->n + 1);
    c->e[c->n++] = (raw_error){ e->node, e->str1 ? pp_xstrdup(e->str1) : NULL, e->code,
                                pp_xstrdup(e->message ? e->message : "the document does not follow the schema"), e->line };
}

/* The first element named `name` in document order, else the root. */
static const xmlNode *first_named(const xmlNode *n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (name && !strcmp((const char *)n->name, name)) return n;
        const xmlNode *k = first_named(n->children, name);
        if (k) return k;
    }
    return NULL;
}

/* libxml2's messages, each with a position: its node, else the element it names. */
static void say_raw(pp_xml *x, const collector *c)
{
    const xmlNode *root = xmlDocGetRootElement(x->doc);
    for (size_t i = 0; i < c->n; i++) {
        const raw_error *r = &c->e[i];
        /* "failed to validate content", "extra content": the one before said it */
        if (i && (r->code == XML_RELAXNG_ERR_CONTENTVALID || r->code == XML_RELAXNG_ERR_EXTRACONTENT ||
                  r->code == XML_RELAXNG_ERR_INTERSEQ)) continue;
        const xmlNode *n = r->node ? r->node : first_named(root, r->str1);
        pp_loc at = pp_xml_loc(x, n ? n : root);
        if (at.line <= 0) at = PP_LOC(x->name, r->line > 0 ? r->line : 1, 1);
        pp_buf msg = PP_BUF_INIT;
        one_line(&msg, r->message);
        x->errors++;
        if (x->role == PP_XML_SOURCE) pp_msg(x->d, at, SCHEMA, pp_buf_str(&msg));
        else pp_msg(x->d, at, TEMPLATE_XML, pp_buf_str(&msg));
        pp_buf_release(&msg);
    }
}

/* A finding of the model, kept (strings copied) until they are sorted. */
typedef struct finding {
    pp_rng_problem what;
    pp_loc at;
    size_t order;
    char *parent, *name, *attr, *value, *suggest, *allowed, *example, *where;
    bool can_end, unknown, before, again, text_only, nothing;
} finding;
typedef struct findings { pp_xml *x; finding *f; size_t n, cap; } findings;

/* Where a text node's first visible character stands. */
static pp_loc text_loc(const pp_xml *x, const xmlNode *t)
{
    pp_loc at = pp_xml_loc(x, t);
    if (at.line <= 0 || !t->content) return at;
    for (const char *s = (const char *)t->content; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'; s++) {
        if (*s == '\n') { at.line++; at.col = 1; }
        else if (*s != '\r') at.col++;
    }
    return at;
}

static void keep_finding(void *ctx, const pp_rng_finding *f)
{
    findings *fs = ctx;
    pp_xml *x = fs->x;
    PP_GROW(fs->f, fs->cap, fs->n + 1);
    finding *k = &fs->f[fs->n];
    pp_loc at = f->what == PP_RNG_STRAY_TEXT ? text_loc(x, f->node)
              : f->attr[0] && f->what != PP_RNG_MISSING_ATTR ? pp_xml_attr_loc(x, f->node, f->attr) : pp_xml_loc(x, f->node);
    if (at.line <= 0) at = pp_xml_loc(x, xmlDocGetRootElement(x->doc));
    if (at.line <= 0) at = PP_LOC(x->name, 1, 1);
    *k = (finding){ f->what, at, fs->n, pp_xstrdup(f->parent), pp_xstrdup(f->name), pp_xstrdup(f->attr), pp_xstrdup(f->value),
                    pp_xstrdup(f->suggest), pp_xstrdup(f->allowed), pp_xstrdup(f->example), pp_xstrdup(f->where),
                    f->can_end, f->unknown, f->before, f->again, f->text_only, f->nothing };
    fs->n++;
}

static int by_place(const void *a, const void *b)
{
    const finding *p = a, *q = b;
    if (p->at.line != q->at.line) return p->at.line < q->at.line ? -1 : 1;
    if (p->at.col != q->at.col) return p->at.col < q->at.col ? -1 : 1;
    return p->order < q->order ? -1 : p->order > q->order;
}

/* "(here <sub> may contain <units> or <actions>, or nothing more)"'s list. */
static void may_contain(pp_buf *b, const finding *f)
{
    if (f->nothing) pp_buf_puts(b, "nothing");
    else if (f->text_only) pp_buf_puts(b, "only text");
    else if (!f->allowed[0]) pp_buf_puts(b, "nothing more");
    else pp_buf_printf(b, "%s%s", f->allowed, f->can_end ? ", or nothing more" : "");
}

static void say_finding(pp_xml *x, const finding *f)
{
    bool src = x->role == PP_XML_SOURCE;
    const char *format = src ? "planpress sources" : "planpress templates";
    pp_buf a = PP_BUF_INIT, b = PP_BUF_INIT;
    pp_loc at = f->at;
    switch (f->what) {
    case PP_RNG_BAD_ROOT:
        /* a source's root of another name: the reader says it (ROOT_NOT_DOCUMENT);
         * here only the one whose name is right in the wrong namespace */
        if (src && !strncmp(f->name, "document xmlns", 14)) pp_msg(x->d, at, SCHEMA_ROOT, f->name, f->allowed);
        else if (!src) env_msg(x, at, FMT_OF(SCHEMA_ROOT), f->name, f->allowed);
        break;
    case PP_RNG_UNEXPECTED:
        may_contain(&b, f);
        if (f->unknown) {
            if (f->suggest[0]) pp_buf_printf(&a, ": did you mean <%s>?", f->suggest);
            if (src) pp_msg(x->d, at, SCHEMA_UNKNOWN_ELEMENT, f->name, format, pp_buf_str(&a), f->parent, pp_buf_str(&b));
            else env_msg(x, at, FMT_OF(SCHEMA_UNKNOWN_ELEMENT), f->name, format, pp_buf_str(&a), f->parent, pp_buf_str(&b));
            break;
        }
        if (f->again) pp_buf_printf(&a, ": <%s> takes one <%s> only", f->parent, f->name);
        else if (f->before) pp_buf_printf(&a, ": it must come before <%s>", f->where);
        else if (f->where[0]) pp_buf_printf(&a, "; it belongs in %s", f->where);
        if (src) pp_msg(x->d, at, SCHEMA_MISPLACED, f->name, f->parent, pp_buf_str(&a), f->parent, pp_buf_str(&b));
        else env_msg(x, at, FMT_OF(SCHEMA_MISPLACED), f->name, f->parent, pp_buf_str(&a), f->parent, pp_buf_str(&b));
        break;
    case PP_RNG_MISSING:
        if (f->where[0]) pp_buf_printf(&a, " before <%s>", f->where);
        else pp_buf_puts(&a, ", and it has none");
        if (src) pp_msg(x->d, at, SCHEMA_MISSING_ELEMENT, f->parent, f->allowed, pp_buf_str(&a));
        else env_msg(x, at, FMT_OF(SCHEMA_MISSING_ELEMENT), f->parent, f->allowed, pp_buf_str(&a));
        break;
    case PP_RNG_STRAY_TEXT:
        may_contain(&b, f);
        if (f->where[0]) pp_buf_printf(&a, ": delete it, or put it in %s%s", strchr(f->where, ' ') ? "a " : "", f->where);
        else pp_buf_puts(&a, ": delete it");
        if (src) pp_msg(x->d, at, SCHEMA_STRAY_TEXT, f->value, f->parent, pp_buf_str(&a), f->parent, pp_buf_str(&b));
        else env_msg(x, at, FMT_OF(SCHEMA_STRAY_TEXT), f->value, f->parent, pp_buf_str(&a), f->parent, pp_buf_str(&b));
        break;
    case PP_RNG_UNKNOWN_ATTR:
        if (f->suggest[0]) pp_buf_printf(&a, ": did you mean '%s'?", f->suggest);
        if (f->allowed[0]) pp_buf_printf(&b, "<%s> takes %s", f->parent, f->allowed);
        else pp_buf_printf(&b, "<%s> takes no attributes", f->parent);
        if (src) pp_msg(x->d, at, SCHEMA_UNKNOWN_ATTRIBUTE, f->parent, f->attr, pp_buf_str(&a), pp_buf_str(&b));
        else env_msg(x, at, FMT_OF(SCHEMA_UNKNOWN_ATTRIBUTE), f->parent, f->attr, pp_buf_str(&a), pp_buf_str(&b));
        break;
    case PP_RNG_BAD_VALUE:
        if (f->suggest[0]) pp_buf_printf(&a, ": did you mean '%s'?", f->suggest);
        if (f->example[0]) pp_buf_printf(&b, ", e.g. %s", f->example);
        if (src) pp_msg(x->d, at, SCHEMA_BAD_VALUE, f->attr, f->value, f->parent, pp_buf_str(&a), f->attr, f->allowed, pp_buf_str(&b));
        else env_msg(x, at, FMT_OF(SCHEMA_BAD_VALUE), f->attr, f->value, f->parent, pp_buf_str(&a), f->attr, f->allowed, pp_buf_str(&b));
        break;
    case PP_RNG_MISSING_ATTR:
        if (f->example[0]) pp_buf_printf(&b, ", e.g. %s", f->example);
        if (src) pp_msg(x->d, at, SCHEMA_MISSING_ATTRIBUTE, f->parent, f->attr, f->attr, f->allowed, pp_buf_str(&b));
        else env_msg(x, at, FMT_OF(SCHEMA_MISSING_ATTRIBUTE), f->parent, f->attr, f->attr, f->allowed, pp_buf_str(&b));
        break;
    case PP_RNG_BAD_CONTENT:
        if (f->example[0]) pp_buf_printf(&b, ", e.g. <%s>%s</%s>", f->name, f->example, f->name);
        if (!f->value[0]) {
            if (src) pp_msg(x->d, at, SCHEMA_EMPTY_CONTENT, f->name, f->allowed, pp_buf_str(&b));
            else env_msg(x, at, FMT_OF(SCHEMA_EMPTY_CONTENT), f->name, f->allowed, pp_buf_str(&b));
        } else {
            if (src) pp_msg(x->d, at, SCHEMA_BAD_CONTENT, f->name, f->value, f->allowed, pp_buf_str(&b));
            else env_msg(x, at, FMT_OF(SCHEMA_BAD_CONTENT), f->name, f->value, f->allowed, pp_buf_str(&b));
        }
        break;
    }
    pp_buf_release(&a);
    pp_buf_release(&b);
}

/* The model's account of why x->doc is invalid, in document order; the number
 * of problems said (-1: no model, or it gave up). */
static int explain(pp_xml *x, const pp_rng *model)
{
    findings fs = { .x = x };
    int n = pp_rng_explain(model, x->doc, keep_finding, &fs);
    if (n > 0) {
        qsort(fs.f, fs.n, sizeof *fs.f, by_place);
        for (size_t i = 0; i < fs.n; i++) {
            say_finding(x, &fs.f[i]);
            x->errors++;
        }
    }
    for (size_t i = 0; i < fs.n; i++) {
        finding *f = &fs.f[i];
        char *strs[] = { f->parent, f->name, f->attr, f->value, f->suggest, f->allowed, f->example, f->where };
        for (size_t j = 0; j < sizeof strs / sizeof *strs; j++) free(strs[j]);
    }
    free(fs.f);
    return n;
}

int pp_xml_validate(pp_xml *x, xmlRelaxNGPtr schema)
{
    int errors0 = x->errors;
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    if (!vc) { pp_msg(x->d, PP_NOWHERE, OUT_OF_MEMORY); return -1; }
    collector c = { .x = x };
    xmlRelaxNGSetValidStructuredErrors(vc, collect, &c);
    xmlSetStructuredErrorFunc(&c, collect);
    int rc = xmlRelaxNGValidateDoc(vc, x->doc);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlRelaxNGFreeValidCtxt(vc);
    if (rc != 0) {
        /* the model, read under the lock; it is replaced only when its file is loaded again */
        pthread_mutex_lock(&known_lock);
        const pp_rng *model = NULL;
        for (size_t i = 0; i < nknown && !model; i++) {
            if (known[i].rng != schema) continue;
            if (!known[i].model) known[i].model = model_of(known[i].path);
            model = known[i].model;
        }
        int said = model ? explain(x, model) : -1;
        pthread_mutex_unlock(&known_lock);
        if (said <= 0 && x->errors == errors0) say_raw(x, &c);
    }
    for (size_t i = 0; i < c.n; i++) { free(c.e[i].str1); free(c.e[i].message); }
    free(c.e);
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
    /* read as every input is (a regular file, known to the output check), then
     * handed to libxml2 from memory */
    pp_buf text = PP_BUF_INIT;
    pp_diag quiet;
    pp_diag_init(&quiet, NULL);
    int rc = pp_input_read(path, PP_INPUT_MAX, &text, &quiet);
    pp_diag_release(&quiet);
    if (rc != 0 || text.len > INT_MAX) { pp_buf_release(&text); return NULL; }
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(text.data, (int)text.len);
    if (!pc) { pp_buf_release(&text); return NULL; }
    xmlRelaxNGSetParserStructuredErrors(pc, route, &x);
    xmlSetStructuredErrorFunc(&x, route);
    xmlRelaxNGPtr s = xmlRelaxNGParse(pc);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlRelaxNGFreeParserCtxt(pc);
    pp_buf_release(&text);
    if (s) remember(path, s);
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
