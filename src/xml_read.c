#define _POSIX_C_SOURCE 200809L
#include "xml_read.h"
#include "caps.h"
#include "numbering.h"
#include "xalloc.h"
#include "xml_parse.h"
#include "xml_util.h"
#include "decode.h"
#include "input.h"
#include "buf.h"
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <errno.h>
#include "template.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* State for one read: where messages go, and the parsed file with its positions. */
typedef struct reader {
    const char *name;
    pp_diag *diag;
    pp_xml *x;
} reader;


/* ---- the schema, parsed once per process ------------------------------------ */
static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static xmlRelaxNGPtr schema;
static char *schema_file;

static xmlRelaxNGPtr get_schema(const char *path, pp_diag *d)
{
    pthread_mutex_lock(&schema_lock);
    if (!schema || strcmp(schema_file, path) != 0) {
        if (schema) { xmlRelaxNGFree(schema); free(schema_file); schema = NULL; }
        schema = pp_xml_load_schema(path, d);
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

/* The node for element or text x, at x's position. */
#define new_from(t, x) new_at(r, (t), (x))
static pp_node *new_at(const reader *r, pp_node_type t, const xmlNode *x)
{
    pp_loc at = pp_xml_loc(r->x, x);
    return pp_node_new(t, at.line, at.col);
}

/* n->text came from attribute `name` of x: remember where its value stands. */
static void text_at(const reader *r, pp_node *n, const xmlNode *x, const char *name)
{
    pp_loc at = pp_xml_attr_loc(r->x, x, name);
    n->text_line = at.line;
    n->text_col = at.col;
}

/* label="…" reproduces a published label; label="" and numbered="no" leave the
 * node unnumbered (it uses no number up). */
static void read_label(pp_node *n, const xmlNode *x)
{
    char *l = attr(x, "label");
    if (l && !*l) { free(l); n->unnumbered = true; }
    else if (l) { n->label = l; n->has_label = true; }
    char *num = attr(x, "numbered");
    if (num && strcmp(num, "no") == 0) n->unnumbered = true;
    free(num);
}

static bool yes(const xmlNode *x, const char *name)
{
    char *v = attr(x, name);
    bool y = v && strcmp(v, "yes") == 0;
    free(v);
    return y;
}

static bool landscape(const xmlNode *x)
{
    char *v = attr(x, "orientation");
    bool l = v && strcmp(v, "landscape") == 0;
    free(v);
    return l;
}

/* A whole-number attribute in [lo, hi]: out of range is an error at the element
 * (not a silent clamp); absent or invalid keeps *out. */
static void int_attr(reader *r, const xmlNode *x, const char *name, long lo, long hi, long *out)
{
    char *v = attr(x, name);
    if (!v) return;
    char *end;
    errno = 0;
    long k = strtol(v, &end, 10);
    if (errno || end == v || *end || k < lo || k > hi) pp_msg(r->diag, pp_xml_attr_loc(r->x, x, name), BAD_NUMBER, name, v, lo, hi);
    else *out = k;
    free(v);
}

static int align_of(const char *v)
{
    if (!v) return -1;
    if (!strcmp(v, "start")) return PP_ALIGN_START;
    if (!strcmp(v, "center")) return PP_ALIGN_CENTER;
    if (!strcmp(v, "end")) return PP_ALIGN_END;
    if (!strcmp(v, "number")) return PP_ALIGN_NUMBER;
    return -1;
}

static void read_inline(reader *r, pp_node *parent, const xmlNode *x, int depth);
static void read_flow(reader *r, pp_node *parent, const xmlNode *x, int depth);
static void read_blocks(reader *r, pp_node *parent, const xmlNode *x, int depth);

static bool deep(reader *r, const xmlNode *x, int depth)
{
    if (depth <= PP_MAX_NESTING) return false;
    pp_msg(r->diag, pp_xml_loc(r->x, x), TOO_DEEP, PP_MAX_NESTING);
    return true;
}

static void read_inline(reader *r, pp_node *parent, const xmlNode *first, int depth)
{
    for (const xmlNode *c = first; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            pp_node *t = new_from(PP_NODE_TEXT, c);
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
            /* an unmarked run of text: it starts where its first node does */
            pp_node *p = new_from(PP_NODE_PARAGRAPH, start);
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

static void read_extra(reader *r, pp_node *owner, const xmlNode *c, int depth)
{
    pp_node *e = new_from(PP_NODE_EXTRA, c);
    e->text = attr(c, "key");
    pp_node_append(owner, e);
    read_flow(r, e, c, depth + 1);
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
    } else if (is(c, "extra")) {
        read_extra(r, owner, c, depth);
    }
}

static void read_strategy(reader *r, pp_node *parent, const xmlNode *x, int depth)
{
    pp_node *s = new_from(is(x, "sub") ? PP_NODE_SUB : PP_NODE_STRATEGY, x);
    read_label(s, x);
    int_attr(r, x, "score", 1, 1000000, &s->score);
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

/* Declared strategy-table columns. */
static void read_columns(reader *r, pp_node *parent, const xmlNode *x)
{
    pp_node *cols = new_from(PP_NODE_COLUMNS, x);
    cols->text = attr(x, "caption");
    cols->label = attr(x, "levels");          /* the levels, as the template writes them */
    char *rules = attr(x, "sub-rules");
    cols->head = rules != NULL;               /* sub-rules given ... */
    cols->numbered = !rules || strcmp(rules, "no") != 0;   /* ... and its value */
    free(rules);
    pp_node_append(parent, cols);
    for (const xmlNode *c = x->children; c; c = c->next) {
        if (!is(c, "column")) continue;
        pp_node *col = new_from(PP_NODE_COLUMN, c);
        col->role = attr(c, "content");
        col->text = attr(c, "key");
        col->head = yes(c, "blank");
        char *w = attr(c, "width");
        if (w) {
            char *end;
            double v = strtod(w, &end);
            if (end == w || *end || !(v > 0 && v <= 1))
                pp_msg(r->diag, pp_xml_attr_loc(r->x, c, "width"), BAD_FRACTION, "width", w);
            else col->width = v;
            free(w);
        }
        pp_node_append(cols, col);
        char *h = attr(c, "header");
        if (h) {
            pp_node *t = new_from(PP_NODE_TEXT, c);
            t->text = h;
            pp_node_append(col, t);
        }
        for (const xmlNode *k = c->children; k; k = k->next)
            if (is(k, "header")) read_inline(r, col, k->children, 1);
    }
}

static void read_cell(reader *r, pp_node *row, const xmlNode *c, int depth)
{
    pp_node *cell = new_from(PP_NODE_CELL, c);
    long span = 1;
    int_attr(r, c, "rowspan", 1, PP_MAX_ROWS, &span);
    cell->rowspan = (int)span;
    span = 1;
    int_attr(r, c, "colspan", 1, PP_MAX_COLUMNS, &span);
    cell->colspan = (int)span;
    char *v = attr(c, "align");
    cell->align = align_of(v);
    free(v);
    cell->head = yes(c, "head");
    pp_node_append(row, cell);
    read_flow(r, cell, c, depth);
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
            text_at(r, s, x, "title");
            s->role = attr(x, "role");
            s->runin = yes(x, "runin");
            s->landscape = landscape(x);
            read_label(s, x);
            pp_node_append(parent, s);
            read_blocks(r, s, x->children, depth + 1);
        } else if (is(x, "toc")) {
            pp_node *t = new_from(PP_NODE_TOC, x);
            t->score = 0;                          /* depth: 0 = the template's */
            int_attr(r, x, "depth", 1, 6, &t->score);
            pp_node_append(parent, t);
        } else if (is(x, "p") || is(x, "note") || is(x, "caption")) {
            pp_node *p = new_from(is(x, "p") ? PP_NODE_PARAGRAPH : is(x, "note") ? PP_NODE_NOTE : PP_NODE_CAPTION, x);
            pp_node_append(parent, p);
            read_inline(r, p, x->children, depth + 1);
        } else if (is(x, "list")) {
            pp_node *l = new_from(PP_NODE_LIST, x);
            char *style = attr(x, "style");
            if (style) { l->style = pp_numstyle_from_name(style); free(style); }
            long start = 1;
            int_attr(r, x, "start", 1, PP_NUM_MAX, &start);
            l->start = (int)start;
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
            t->role = attr(x, "score-column");
            t->head = yes(x, "header-column");
            t->landscape = landscape(x);
            char *total = attr(x, "total");
            if (total) {
                char *end;
                double v = strtod(total, &end);
                if (end == total || *end || !(v > 0 && v < 1e9))
                    pp_msg(r->diag, pp_xml_attr_loc(r->x, x, "total"), BAD_NUMBER, "total", total, 1L, 999999999L);
                else t->score = (long)(v * 1000 + 0.5);
                free(total);
            }
            pp_node_append(parent, t);
            read_blocks(r, t, x->children, depth + 1);
        } else if (is(x, "columns") && parent->type == PP_NODE_TABLE) {
            pp_node *cols = new_from(PP_NODE_COLUMNS, x);
            pp_node_append(parent, cols);
            for (const xmlNode *c = x->children; c; c = c->next) {
                if (!is(c, "column")) continue;
                pp_node *col = new_from(PP_NODE_COLUMN, c);
                char *v = attr(c, "align");
                col->align = align_of(v);
                free(v);
                col->head = yes(c, "blank");
                char *w = attr(c, "width");
                if (w) { col->width = strtod(w, NULL); free(w); }
                pp_node_append(cols, col);
            }
        } else if (is(x, "columns")) {
            read_columns(r, parent, x);
        } else if (is(x, "head")) {
            pp_node *h = new_from(PP_NODE_HEAD, x);
            pp_node_append(parent, h);
            read_blocks(r, h, x->children, depth + 1);
        } else if (is(x, "row")) {
            pp_node *row = new_from(PP_NODE_ROW, x);
            row->head = yes(x, "total");
            pp_node_append(parent, row);
            for (const xmlNode *c = x->children; c; c = c->next)
                if (is(c, "cell")) read_cell(r, row, c, depth + 2);
        } else if (is(x, "strategies")) {
            pp_node *s = new_from(PP_NODE_STRATEGIES, x);
            s->text = attr(x, "columns");
            int_attr(r, x, "total", 1, 1000000, &s->score);
            char *lone = attr(x, "lone");
            s->lone = !lone ? -1 : strcmp(lone, "number") == 0 ? 1 : 0;
            free(lone);
            s->landscape = landscape(x);
            pp_node_append(parent, s);
            read_blocks(r, s, x->children, depth + 1);
        } else if (is(x, "dimension") || is(x, "group")) {
            pp_node *g = new_from(is(x, "dimension") ? PP_NODE_DIMENSION : PP_NODE_GROUP, x);
            g->text = attr(x, "name");
            if (!g->text) g->text = pp_xstrdup("");
            text_at(r, g, x, "name");
            int_attr(r, x, "score", 1, 1000000, &g->score);
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

/* The title's text: whitespace runs as in the text, <br/> as '\n'. */
static void title_text(const xmlNode *x, pp_buf *b)
{
    for (const xmlNode *c = x->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) pp_buf_puts(b, (const char *)c->content);
        else if (is(c, "br")) pp_buf_putc(b, '\n');
        else if (c->type == XML_ELEMENT_NODE) title_text(c, b);
    }
}

static char *trim_lines(const char *s)
{
    /* each line trimmed, empty lines dropped */
    pp_buf out = PP_BUF_INIT;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        const char *a = s, *e = s + len;
        while (a < e && (*a == ' ' || *a == '\t' || *a == '\r')) a++;
        while (e > a && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
        if (e > a) {
            if (out.len) pp_buf_putc(&out, '\n');
            pp_buf_put(&out, a, (size_t)(e - a));
        }
        s += len + (nl ? 1 : 0);
    }
    return pp_buf_take(&out);
}

static void read_issued(reader *r, pp_doc *doc, const xmlNode *c)
{
    pp_meta *m = &doc->meta;
    PP_GROW_N(m->issued, m->nissued);
    pp_issued *is = &m->issued[m->nissued++];
    memset(is, 0, sizeof *is);
    pp_loc at = pp_xml_loc(r->x, c);
    is->line = at.line;
    is->col = at.col;
    is->text = trimmed(c);
    is->format = attr(c, "format");
    char *date = attr(c, "date");
    pp_date dt;
    int rc = date ? pp_date_parse(date, &dt) : -1;
    pp_loc dat = pp_xml_attr_loc(r->x, c, "date");
    if (rc == 0 && (dt.year < 1912 || dt.year > 2911)) {
        pp_msg(r->diag, dat, ISSUED_OUT_OF_RANGE, date);
    } else if (rc == 0) {
        is->y = dt.year; is->m = dt.month; is->d = dt.day;
    } else if (rc == -2) {
        pp_msg(r->diag, at, ISSUED_NO_SUCH_DATE, date ? date : "");
    } else {
        pp_msg(r->diag, at, ISSUED_NOT_A_DATE, date ? date : "");
    }
    free(date);
}

static void read_meta(reader *r, pp_doc *doc, const xmlNode *m)
{
    for (const xmlNode *c = m->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is(c, "issued")) { read_issued(r, doc, c); continue; }
        char *v = trimmed(c);
        pp_loc at = pp_xml_loc(r->x, c);
        if (!*v) pp_msg(r->diag, at, EMPTY_META, (const char *)c->name);
        char **slot = is(c, "agency") ? &doc->meta.agency : is(c, "banner") ? &doc->meta.banner
                    : is(c, "annex") ? &doc->meta.annex : is(c, "subject") ? &doc->meta.subject
                    : is(c, "keywords") ? &doc->meta.keywords : NULL;
        if (slot) { free(*slot); *slot = v; v = NULL; }
        if (is(c, "agency")) { free(doc->meta.parent); doc->meta.parent = attr(c, "parent"); }
        if (is(c, "title")) {
            pp_buf b = PP_BUF_INIT;
            title_text(c, &b);
            free(doc->meta.title);
            doc->meta.title = trim_lines(pp_buf_str(&b));
            pp_buf_release(&b);
        } else if (is(c, "year") && v) {
            char *end;
            long y = strtol(v, &end, 10);
            if (*v && !*end && y > 0 && y < 1000) doc->meta.year = (int)y;
            else if (*v) pp_msg(r->diag, at, BAD_YEAR, v);
            doc->meta.year_line = at.line;
            doc->meta.year_col = at.col;
            char *phrase = attr(c, "phrase");
            if (phrase && strcmp(phrase, "none") == 0) { free(phrase); phrase = pp_xstrdup(""); }
            free(doc->meta.year_phrase);
            doc->meta.year_phrase = phrase;
        }
        free(v);
    }
}

static pp_doc *build(reader *r, xmlDoc *x)
{
    xmlNode *root = xmlDocGetRootElement(x);
    if (!root || !is(root, "document")) {
        pp_msg(r->diag, root ? pp_xml_loc(r->x, root) : PP_LOC(r->name, 1, 1), ROOT_NOT_DOCUMENT);
        return NULL;
    }
    pp_doc *doc = pp_xcalloc(1, sizeof *doc);
    doc->file = pp_xstrdup(r->name);
    doc->root = new_from(PP_NODE_DOCUMENT, root);
    /* the kind is checked against the template's profiles once the template is known */
    doc->kind = attr(root, "kind");
    if (!doc->kind) doc->kind = pp_xstrdup("document");
    pp_loc kat = pp_xml_attr_loc(r->x, root, "kind");
    doc->kind_line = kat.line;
    doc->kind_col = kat.col;
    doc->template_name = attr(root, "template");
    xmlChar *lang = xmlNodeGetLang(root);
    doc->lang = pp_xstrdup(lang ? (const char *)lang : "zh-TW");
    xmlFree(lang);
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (is(c, "meta")) read_meta(r, doc, c);
        else if (c->type == XML_ELEMENT_NODE) {   /* sections, a toc, or a form's blocks */
            xmlNode *save = c->next;
            ((xmlNode *)c)->next = NULL;
            read_blocks(r, doc->root, c, 1);
            ((xmlNode *)c)->next = save;
        }
    }
    return doc;
}

/* Every element holds at most PP_MAX_INLINE <em> and <br/>, checked before the
 * schema is (libxml2 validates mixed content in time growing with the square of
 * its children). A walk over the tree without recursion. */
static bool inline_within_cap(reader *r, const xmlNode *root)
{
    for (const xmlNode *n = root; n;) {
        int k = 0;
        for (const xmlNode *c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && (is(c, "em") || is(c, "br")) && ++k > PP_MAX_INLINE) {
                pp_msg(r->diag, pp_xml_loc(r->x, n), TOO_MANY_INLINE, (const char *)n->name, PP_MAX_INLINE);
                return false;
            }
        /* next element in document order */
        const xmlNode *next = NULL;
        for (const xmlNode *c = n->children; c && !next; c = c->next) if (c->type == XML_ELEMENT_NODE) next = c;
        while (!next && n) {
            for (const xmlNode *c = n->next; c && !next; c = c->next) if (c->type == XML_ELEMENT_NODE) next = c;
            if (!next) n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
        }
        n = next;
        if (n == root) break;
    }
    return true;
}

pp_doc *pp_xml_read_memory(const char *buf, size_t len, const char *name,
                           const char *schema_path, pp_diag *d)
{
    int errors0 = d->errors;
    xmlRelaxNGPtr rng = get_schema(schema_path, d);
    if (!rng) {
        pp_msg(d, PP_LOC(schema_path, 0, 0), SCHEMA_UNLOADABLE);
        return NULL;
    }
    pp_buf text = PP_BUF_INIT;
    if (pp_decode_source(buf, len, name, &text, d) != 0) { pp_buf_release(&text); return NULL; }
    pp_xml x;
    pp_doc *doc = NULL;
    if (pp_xml_parse(&x, pp_buf_str(&text), text.len, name, PP_XML_SOURCE, d) == 0) {
        reader r = { .name = name, .diag = d, .x = &x };
        if (inline_within_cap(&r, xmlDocGetRootElement(x.doc))) {
            pp_xml_validate(&x, rng);
            doc = build(&r, x.doc);
        }
    }
    pp_xml_release(&x);
    pp_buf_release(&text);
    if (doc && d->errors != errors0) { pp_doc_free(doc); doc = NULL; }
    return doc;
}

pp_doc *pp_xml_read(const char *path, const char *schema_path, pp_diag *d)
{
    pp_buf raw = PP_BUF_INIT;
    pp_doc *doc = NULL;
    if (pp_input_read(path, PP_INPUT_MAX, &raw, d) == 0)
        doc = pp_xml_read_memory(pp_buf_str(&raw), raw.len, path, schema_path, d);
    pp_buf_release(&raw);
    return doc;
}
