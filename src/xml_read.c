#define _POSIX_C_SOURCE 200809L
#include "xml_read.h"
#include "numbering.h"
#include "xalloc.h"
#include "xml_util.h"
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 64 };

/* State for one read: where messages go and the source bytes (to find columns). */
typedef struct reader {
    const char *name;
    pp_diag *diag;
    const char *buf;
    size_t len;
    size_t *line_start;      /* offset of each line (1-based index) */
    size_t nlines;
    size_t *line_cursor;     /* per line: where the next start-tag search begins */
    int errors_before;
} reader;

/* ---- columns ---------------------------------------------------------------
 * libxml2 2.9 keeps only a line per node. The column of a start tag is found by
 * searching its line for "<name", in document order, so that two elements on one
 * line get their own columns. */
static void index_lines(reader *r)
{
    size_t cap = 0;
    r->nlines = 0;
    PP_GROW(r->line_start, cap, 2);
    r->line_start[0] = 0;
    r->line_start[1] = 0;
    r->nlines = 1;
    for (size_t i = 0; i < r->len; i++) {
        if (r->buf[i] == '\n') {
            PP_GROW(r->line_start, cap, r->nlines + 2);
            r->line_start[++r->nlines] = i + 1;
        }
    }
    r->line_cursor = pp_xcalloc(r->nlines + 2, sizeof *r->line_cursor);
    for (size_t l = 1; l <= r->nlines; l++) r->line_cursor[l] = r->line_start[l];
}

static long find_column(reader *r, long line, const char *name)
{
    size_t nl = strlen(name);
    /* The recorded line is where the start tag ended: look there, then a few above. */
    for (long l = line; l >= 1 && l > line - 8; l--) {
        if ((size_t)l > r->nlines) continue;
        size_t end = (size_t)l < r->nlines ? r->line_start[l + 1] : r->len;
        for (size_t i = r->line_cursor[l]; i + nl < end; i++) {
            if (r->buf[i] == '<' && memcmp(r->buf + i + 1, name, nl) == 0) {
                char c = r->buf[i + 1 + nl];
                if (c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r') {
                    r->line_cursor[l] = i + 1;
                    /* columns count characters, not bytes */
                    long col = 1;
                    for (size_t k = r->line_start[l]; k < i; k++)
                        if (((unsigned char)r->buf[k] & 0xC0) != 0x80) col++;
                    return col;
                }
            }
        }
    }
    return 1;
}

static void assign_columns(reader *r, xmlNode *n, int depth)
{
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        c->_private = (void *)(intptr_t)find_column(r, xmlGetLineNo(c), (const char *)c->name);
        if (depth < MAX_DEPTH + 2) assign_columns(r, c->children, depth + 1);
    }
}

static long node_col(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE ? (long)(intptr_t)n->_private : 0;
}

/* ---- libxml2 messages -> diag --------------------------------------------- */
static void structured_error(void *ctx, xmlErrorPtr e)
{
    reader *r = ctx;
    if (!e || e->level == XML_ERR_NONE) return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "unknown XML problem");
    size_t l = strlen(msg);
    while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' ')) msg[--l] = 0;
    long line = e->line, col = e->int2;
    if (e->node) {
        const xmlNode *node = e->node;
        line = xmlGetLineNo(node);
        col = node_col(node);
    }
    const char *what = e->domain == XML_FROM_RELAXNGV ? "schema: " : "";
    pp_diag_emit(r->diag, e->level == XML_ERR_WARNING ? PP_WARNING : PP_ERROR,
                 r->name, line, col, "%s%s", what, msg);
}

/* ---- the schema, parsed once per process ------------------------------------ */
static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static xmlRelaxNGPtr schema;
static char *schema_file;

static xmlRelaxNGPtr get_schema(const char *path, pp_diag *d)
{
    pthread_mutex_lock(&schema_lock);
    if (!schema || strcmp(schema_file, path) != 0) {
        if (schema) { xmlRelaxNGFree(schema); free(schema_file); schema = NULL; }
        xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
        reader r = { .name = path, .diag = d };
        xmlRelaxNGSetParserStructuredErrors(pc, structured_error, &r);
        schema = xmlRelaxNGParse(pc);
        xmlRelaxNGFreeParserCtxt(pc);
        if (schema) schema_file = pp_xstrdup(path);
    }
    xmlRelaxNGPtr s = schema;
    pthread_mutex_unlock(&schema_lock);
    return s;
}

void pp_xml_read_cleanup(void)
{
    pthread_mutex_lock(&schema_lock);
    if (schema) xmlRelaxNGFree(schema);
    schema = NULL;
    free(schema_file);
    schema_file = NULL;
    pthread_mutex_unlock(&schema_lock);
}

/* ---- tree -> model ----------------------------------------------------------- */
static bool is(const xmlNode *n, const char *name) { return pp_xml_is(n, name); }

static char *attr(const xmlNode *n, const char *name) { return pp_xml_attr(n, name); }

static char *content(const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *s = pp_xstrdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static bool blank(const char *s)
{
    for (; *s; s++) if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

static pp_node *new_from(pp_node_type t, const xmlNode *x)
{
    return pp_node_new(t, xmlGetLineNo(x), node_col(x));
}

static void read_label(pp_node *n, const xmlNode *x)
{
    char *l = attr(x, "label");
    if (l) { n->label = l; n->has_label = true; }
}

static void read_inline(reader *r, pp_node *parent, const xmlNode *x, int depth);
static void read_flow(reader *r, pp_node *parent, const xmlNode *x, int depth);
static void read_blocks(reader *r, pp_node *parent, const xmlNode *x, int depth);

static bool deep(reader *r, const xmlNode *x, int depth)
{
    if (depth <= MAX_DEPTH) return false;
    pp_error(r->diag, r->name, xmlGetLineNo(x), node_col(x),
             "elements nested deeper than %d levels", MAX_DEPTH);
    return true;
}

static void read_inline(reader *r, pp_node *parent, const xmlNode *first, int depth)
{
    for (const xmlNode *c = first; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            pp_node *t = pp_node_new(PP_NODE_TEXT, xmlGetLineNo(c), 0);
            t->text = pp_xstrdup(c->content ? (const char *)c->content : "");
            pp_node_append(parent, t);
        } else if (is(c, "em")) {
            if (deep(r, c, depth)) continue;
            pp_node *e = new_from(PP_NODE_EM, c);
            pp_node_append(parent, e);
            read_inline(r, e, c->children, depth + 1);
        } else if (is(c, "br")) {
            pp_node_append(parent, new_from(PP_NODE_BR, c));
        }
    }
}

static bool is_inline(const xmlNode *c)
{
    return c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE || is(c, "em") || is(c, "br");
}

/* Mixed content: each run of inline nodes becomes a PARAGRAPH, blocks stay blocks. */
static void read_flow(reader *r, pp_node *parent, const xmlNode *x, int depth)
{
    const xmlNode *c = x->children;
    while (c) {
        if (is_inline(c)) {
            const xmlNode *start = c;
            bool any = false;
            for (; c && is_inline(c); c = c->next)
                if (c->type != XML_TEXT_NODE || !blank((const char *)c->content)) any = true;
            if (!any) continue;
            pp_node *p = pp_node_new(PP_NODE_PARAGRAPH, xmlGetLineNo(start), node_col(start));
            if (!p->col) p->col = node_col(x);
            pp_node_append(parent, p);
            /* read the run only: temporarily stop at c */
            for (const xmlNode *k = start; k != c; k = k->next) {
                xmlNode *save = k->next;
                ((xmlNode *)k)->next = NULL;
                read_inline(r, p, k, depth + 1);
                ((xmlNode *)k)->next = save;
            }
        } else {
            if (c->type == XML_ELEMENT_NODE) {
                xmlNode *save = c->next;
                ((xmlNode *)c)->next = NULL;
                read_blocks(r, parent, c, depth);
                ((xmlNode *)c)->next = save;
            }
            c = c->next;
        }
    }
}

static void read_outcome_parts(reader *r, pp_node *owner, const xmlNode *c, int depth)
{
    if (is(c, "desc")) {
        pp_node *d = new_from(PP_NODE_DESC, c);
        pp_node_append(owner, d);
        read_flow(r, d, c, depth + 1);
    } else if (is(c, "units")) {
        pp_node *u = new_from(PP_NODE_UNITS, c);
        pp_node_append(owner, u);
        for (const xmlNode *k = c->children; k; k = k->next) {
            if (!is(k, "unit")) continue;
            pp_node *un = new_from(PP_NODE_UNIT, k);
            un->text = content(k);
            pp_node_append(u, un);
        }
    } else if (is(c, "actions") || is(c, "results")) {
        pp_node *o = new_from(is(c, "actions") ? PP_NODE_ACTIONS : PP_NODE_RESULTS, c);
        char *num = attr(c, "numbered");
        if (num) { o->numbered = strcmp(num, "no") != 0; free(num); }
        pp_node_append(owner, o);
        read_flow(r, o, c, depth + 1);
    }
}

static void read_strategy(reader *r, pp_node *parent, const xmlNode *x, int depth)
{
    pp_node *s = new_from(is(x, "sub") ? PP_NODE_SUB : PP_NODE_STRATEGY, x);
    read_label(s, x);
    pp_node_append(parent, s);
    for (const xmlNode *c = x->children; c; c = c->next) {
        if (is(c, "name")) {
            pp_node *n = new_from(PP_NODE_NAME, c);
            pp_node_append(s, n);
            read_inline(r, n, c->children, depth + 1);
        } else if (is(c, "sub")) {
            read_strategy(r, s, c, depth + 1);
        } else {
            read_outcome_parts(r, s, c, depth + 1);
        }
    }
}

static void read_blocks(reader *r, pp_node *parent, const xmlNode *first, int depth)
{
    for (const xmlNode *x = first; x; x = x->next) {
        if (x->type != XML_ELEMENT_NODE) continue;
        if (deep(r, x, depth)) continue;
        if (is(x, "section")) {
            pp_node *s = new_from(PP_NODE_SECTION, x);
            s->text = attr(x, "title");
            if (!s->text) s->text = pp_xstrdup("");
            char *role = attr(x, "role");
            if (role) { int ro = pp_role_from_name(role); s->role = ro > 0 ? (pp_role)ro : PP_ROLE_NONE; free(role); }
            char *runin = attr(x, "runin");
            if (runin) { s->runin = strcmp(runin, "yes") == 0; free(runin); }
            read_label(s, x);
            pp_node_append(parent, s);
            read_blocks(r, s, x->children, depth + 1);
        } else if (is(x, "p") || is(x, "note") || is(x, "caption")) {
            pp_node *p = new_from(is(x, "p") ? PP_NODE_PARAGRAPH : is(x, "note") ? PP_NODE_NOTE : PP_NODE_CAPTION, x);
            pp_node_append(parent, p);
            read_inline(r, p, x->children, depth + 1);
        } else if (is(x, "list")) {
            pp_node *l = new_from(PP_NODE_LIST, x);
            char *style = attr(x, "style");
            if (style) { l->style = pp_numstyle_from_name(style); free(style); }
            char *start = attr(x, "start");
            if (start) { long v = strtol(start, NULL, 10); l->start = v > 0 && v < 1000 ? (int)v : 1; free(start); }
            pp_node_append(parent, l);
            for (const xmlNode *c = x->children; c; c = c->next) {
                if (!is(c, "item")) continue;
                pp_node *it = new_from(PP_NODE_ITEM, c);
                read_label(it, c);
                pp_node_append(l, it);
                read_flow(r, it, c, depth + 2);
            }
        } else if (is(x, "table")) {
            pp_node *t = new_from(PP_NODE_TABLE, x);
            t->text = attr(x, "widths");
            pp_node_append(parent, t);
            read_blocks(r, t, x->children, depth + 1);
        } else if (is(x, "head")) {
            pp_node *h = new_from(PP_NODE_HEAD, x);
            pp_node_append(parent, h);
            read_blocks(r, h, x->children, depth + 1);
        } else if (is(x, "row")) {
            pp_node *row = new_from(PP_NODE_ROW, x);
            pp_node_append(parent, row);
            for (const xmlNode *c = x->children; c; c = c->next) {
                if (!is(c, "cell")) continue;
                pp_node *cell = new_from(PP_NODE_CELL, c);
                char *v;
                if ((v = attr(c, "rowspan"))) { long k = strtol(v, NULL, 10); cell->rowspan = k > 0 && k < 100000 ? (int)k : 1; free(v); }
                if ((v = attr(c, "colspan"))) { long k = strtol(v, NULL, 10); cell->colspan = k > 0 && k < 64 ? (int)k : 1; free(v); }
                if ((v = attr(c, "align"))) { cell->center = strcmp(v, "center") == 0; free(v); }
                pp_node_append(row, cell);
                read_flow(r, cell, c, depth + 2);
            }
        } else if (is(x, "strategies")) {
            pp_node *s = new_from(PP_NODE_STRATEGIES, x);
            s->text = attr(x, "columns");
            char *total = attr(x, "total");
            if (total) { s->score = strtol(total, NULL, 10); free(total); }
            pp_node_append(parent, s);
            read_blocks(r, s, x->children, depth + 1);
        } else if (is(x, "dimension") || is(x, "group")) {
            pp_node *g = new_from(is(x, "dimension") ? PP_NODE_DIMENSION : PP_NODE_GROUP, x);
            g->text = attr(x, "name");
            if (!g->text) g->text = pp_xstrdup("");
            char *score = attr(x, "score");
            if (score) { g->score = strtol(score, NULL, 10); free(score); }
            read_label(g, x);
            pp_node_append(parent, g);
            for (const xmlNode *c = x->children; c; c = c->next) {
                if (is(c, "dimension") || is(c, "group")) {
                    xmlNode *save = c->next;
                    ((xmlNode *)c)->next = NULL;
                    read_blocks(r, g, c, depth + 1);
                    ((xmlNode *)c)->next = save;
                } else if (is(c, "strategy")) {
                    read_strategy(r, g, c, depth + 1);
                } else {
                    read_outcome_parts(r, g, c, depth + 1);
                }
            }
        } else if (is(x, "strategy")) {
            read_strategy(r, parent, x, depth + 1);
        }
    }
}

static char *trimmed(const xmlNode *x)
{
    char *s = content(x);
    char *b = s;
    while (*b == ' ' || *b == '\n' || *b == '\t' || *b == '\r') b++;
    size_t l = strlen(b);
    while (l && (b[l - 1] == ' ' || b[l - 1] == '\n' || b[l - 1] == '\t' || b[l - 1] == '\r')) l--;
    char *t = pp_xstrndup(b, l);
    free(s);
    return t;
}

static void read_meta(reader *r, pp_doc *doc, const xmlNode *m)
{
    for (const xmlNode *c = m->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        char *v = trimmed(c);
        long line = xmlGetLineNo(c), col = node_col(c);
        if (!*v) pp_error(r->diag, r->name, line, col, "<%s> is empty", (const char *)c->name);
        if (is(c, "agency")) { free(doc->meta.agency); doc->meta.agency = v; doc->meta.agency_line = line; continue; }
        if (is(c, "title")) { free(doc->meta.title); doc->meta.title = v; continue; }
        if (is(c, "year")) {
            char *end;
            long y = strtol(v, &end, 10);
            if (*v && !*end && y > 0 && y < 1000) doc->meta.year = (int)y;
            else if (*v) pp_error(r->diag, r->name, line, col, "<year> must be an ROC year such as 114, not '%s'", v);
            doc->meta.year_line = line;
        } else if (is(c, "issued")) {
            free(doc->meta.issued);
            doc->meta.issued = pp_xstrdup(v);
            doc->meta.issued_line = line;
            doc->meta.issued_col = col;
            char *date = attr(c, "date");
            pp_date dt;
            int rc = date ? pp_date_parse(date, &dt) : -1;
            if (rc == 0) {
                doc->meta.issued_y = dt.year; doc->meta.issued_m = dt.month; doc->meta.issued_d = dt.day;
            } else {
                pp_error(r->diag, r->name, line, col,
                         rc == -2 ? "issued date '%s' does not exist"
                                  : "issued date '%s' is not a date (expected YYYY-MM-DD, e.g. 2025-01-06)",
                         date ? date : "");
            }
            free(date);
        }
        free(v);
    }
}

static pp_doc *build(reader *r, xmlDoc *x)
{
    xmlNode *root = xmlDocGetRootElement(x);
    if (!root || !is(root, "document")) {
        pp_error(r->diag, r->name, root ? xmlGetLineNo(root) : 1, root ? node_col(root) : 1,
                 "the root element must be <document>");
        return NULL;
    }
    pp_doc *doc = pp_xcalloc(1, sizeof *doc);
    doc->file = pp_xstrdup(r->name);
    doc->root = new_from(PP_NODE_DOCUMENT, root);
    char *kind = attr(root, "kind");
    int k = kind ? pp_kind_from_name(kind) : -1;
    if (k < 0)
        pp_error(r->diag, r->name, xmlGetLineNo(root), node_col(root),
                 "unknown document kind '%s': expected plan, implementation-plan or report",
                 kind ? kind : "");
    doc->kind = k < 0 ? PP_KIND_PLAN : (pp_kind)k;
    free(kind);
    xmlChar *lang = xmlNodeGetLang(root);
    doc->lang = pp_xstrdup(lang ? (const char *)lang : "zh-TW");
    xmlFree(lang);
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (is(c, "meta")) read_meta(r, doc, c);
        else if (is(c, "section")) {
            xmlNode *save = c->next;
            ((xmlNode *)c)->next = NULL;
            read_blocks(r, doc->root, c, 1);
            ((xmlNode *)c)->next = save;
        }
    }
    return doc;
}

pp_doc *pp_xml_read_memory(const char *buf, size_t len, const char *name,
                           const char *schema_path, pp_diag *d)
{
    reader r = { .name = name, .diag = d, .buf = buf, .len = len };
    int errors0 = d->errors;
    pp_doc *doc = NULL;
    xmlRelaxNGPtr rng = get_schema(schema_path, d);
    if (!rng) {
        pp_error(d, schema_path, 0, 0, "cannot load the source schema");
        return NULL;
    }
    if (len > INT32_MAX) { pp_error(d, name, 0, 0, "file too large"); return NULL; }
    index_lines(&r);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlSetStructuredErrorFunc(&r, structured_error);
    xmlDoc *x = xmlCtxtReadMemory(ctxt, buf, (int)len, name, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOCDATA);
    if (!x && d->errors == errors0) pp_error(d, name, 0, 0, "cannot parse the file as XML");
    if (x) {
        assign_columns(&r, xmlDocGetRootElement(x), 0);
        xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
        xmlRelaxNGSetValidStructuredErrors(vc, structured_error, &r);
        int rc = xmlRelaxNGValidateDoc(vc, x);
        if (rc != 0 && d->errors == errors0)
            pp_error(d, name, 1, 1, "schema: the document does not follow the source schema");
        xmlRelaxNGFreeValidCtxt(vc);
        doc = build(&r, x);
        xmlFreeDoc(x);
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFreeParserCtxt(ctxt);
    free(r.line_start);
    free(r.line_cursor);
    if (doc && d->errors != errors0) { pp_doc_free(doc); doc = NULL; }
    return doc;
}

pp_doc *pp_xml_read(const char *path, const char *schema_path, pp_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) { pp_error(d, path, 0, 0, "cannot open the file"); return NULL; }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        PP_GROW(buf, cap, len + 65536);
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    bool bad = ferror(f);
    fclose(f);
    pp_doc *doc = NULL;
    if (bad) pp_error(d, path, 0, 0, "cannot read the file");
    else doc = pp_xml_read_memory(buf, len, path, schema_path, d);
    free(buf);
    return doc;
}
