#define _POSIX_C_SOURCE 200809L
#include "rng.h"
#include "xalloc.h"
#include <libxml/xmlregexp.h>
#include <libxml/xmlschemastypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define ANN_NS "http://relaxng.org/ns/compatibility/annotations/1.0"
#define XSD_LIB "http://www.w3.org/2001/XMLSchema-datatypes"
#define WORK_LIMIT 2000000   /* patterns one explanation may make */

typedef struct define { char *name; int body; } define;

struct pp_rng {
    pp_rng_pat *pats;
    size_t n, cap;
    char **strings;          /* every string the patterns point at */
    size_t nstrings, capstrings;
    pp_rng_param **params;
    size_t nparams, capparams;
    define *defs;
    size_t ndefs, capdefs;
    int start;
    bool bad;                /* a construct the model does not know */
};

/* ---- building ------------------------------------------------------------------ */

static const char *keep(pp_rng *g, const char *s)
{
    if (!s) return NULL;
    PP_GROW(g->strings, g->capstrings, g->nstrings + 1);
    return g->strings[g->nstrings++] = pp_xstrdup(s);
}

static int add(pp_rng *g, pp_rng_kind kind, int a, int b)
{
    PP_GROW(g->pats, g->cap, g->n + 1);
    g->pats[g->n] = (pp_rng_pat){ .kind = kind, .a = a, .b = b };
    return (int)g->n++;
}

static bool is_rng(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, RNG_NS) &&
           (!name || !strcmp((const char *)n->name, name));
}

static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v) return NULL;
    char *s = pp_xstrdup((const char *)v);
    xmlFree(v);
    /* names and type names are tokens: surrounding blanks do not count */
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) *--e = 0;
    char *b = s;
    while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r') b++;
    if (b != s) memmove(s, b, strlen(b) + 1);
    return s;
}

/* An attribute inherited from the nearest ancestor that has it (ns, datatypeLibrary). */
static char *inherited(const xmlNode *n, const char *name, const char *dflt)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        char *v = attr(n, name);
        if (v) return v;
    }
    return pp_xstrdup(dflt);
}

static char *text_of(const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *s = pp_xstrdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static bool is_doc(const xmlNode *c)
{
    return c->type == XML_ELEMENT_NODE && c->ns && !strcmp((const char *)c->ns->href, ANN_NS) &&
           !strcmp((const char *)c->name, "documentation");
}

/* The a:documentation among n's children; for a value (whose content is its
 * text) the one right after it, as trang writes the compact syntax's "##"
 * before a value. NULL if none. */
static const char *documentation(pp_rng *g, const xmlNode *n)
{
    const xmlNode *c = n->children;
    if (is_rng(n, "value")) {
        for (c = n->next; c && c->type != XML_ELEMENT_NODE; c = c->next) {}
        if (!c || !is_doc(c)) return NULL;
    }
    for (; c; c = c->next) {
        if (!is_doc(c)) continue;
        char *t = text_of(c);
        const char *r = keep(g, t);
        free(t);
        return r;
    }
    return NULL;
}

static int pattern(pp_rng *g, const xmlNode *n);

/* The children of n (from `from` on) that are patterns, folded into one with
 * `kind` (an empty list: empty). */
static int fold(pp_rng *g, const xmlNode *from, pp_rng_kind kind)
{
    int acc = -1;
    for (const xmlNode *c = from; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !is_rng(c, NULL)) continue;
        int p = pattern(g, c);
        acc = acc < 0 ? p : add(g, kind, acc, p);
    }
    return acc < 0 ? add(g, PP_RNG_EMPTY, -1, -1) : acc;
}

/* A name attribute as (ns, local): a prefix is looked up in the schema's scope. */
static bool qname(pp_rng *g, const xmlNode *n, const char *dflt_ns, const char **ns, const char **local)
{
    char *name = attr(n, "name");
    if (!name) { g->bad = true; return false; }   /* a name class: not modelled */
    char *colon = strchr(name, ':');
    if (colon) {
        *colon = 0;
        xmlNsPtr x = xmlSearchNs(n->doc, (xmlNode *)n, (const xmlChar *)name);
        if (!x) { free(name); g->bad = true; return false; }
        *ns = keep(g, (const char *)x->href);
        *local = keep(g, colon + 1);
    } else {
        *ns = keep(g, dflt_ns);
        *local = keep(g, name);
    }
    free(name);
    return true;
}

static int pattern(pp_rng *g, const xmlNode *n)
{
    const char *k = (const char *)n->name;
    if (!strcmp(k, "element") || !strcmp(k, "attribute")) {
        bool el = k[0] == 'e';
        char *own_ns = attr(n, "ns");
        char *ns = el ? inherited(n, "ns", "") : pp_xstrdup(own_ns ? own_ns : "");
        const char *pns = "", *local = "";
        bool named = qname(g, n, ns, &pns, &local);
        free(ns);
        free(own_ns);
        if (!named) return add(g, PP_RNG_NOTALLOWED, -1, -1);
        bool any = false;
        for (const xmlNode *c = n->children; c; c = c->next) any |= is_rng(c, NULL);
        int content = any ? fold(g, n->children, PP_RNG_GROUP) : add(g, el ? PP_RNG_EMPTY : PP_RNG_TEXT, -1, -1);
        int p = add(g, el ? PP_RNG_ELEMENT : PP_RNG_ATTRIBUTE, content, -1);
        g->pats[p].name = local;
        g->pats[p].ns = pns;
        g->pats[p].doc = documentation(g, n);
        return p;
    }
    if (!strcmp(k, "group")) return fold(g, n->children, PP_RNG_GROUP);
    if (!strcmp(k, "interleave")) return fold(g, n->children, PP_RNG_INTERLEAVE);
    if (!strcmp(k, "choice")) return fold(g, n->children, PP_RNG_CHOICE);
    if (!strcmp(k, "mixed")) return add(g, PP_RNG_INTERLEAVE, fold(g, n->children, PP_RNG_GROUP), add(g, PP_RNG_TEXT, -1, -1));
    if (!strcmp(k, "optional"))
        return add(g, PP_RNG_CHOICE, fold(g, n->children, PP_RNG_GROUP), add(g, PP_RNG_EMPTY, -1, -1));
    if (!strcmp(k, "oneOrMore")) return add(g, PP_RNG_ONEORMORE, fold(g, n->children, PP_RNG_GROUP), -1);
    if (!strcmp(k, "zeroOrMore"))
        return add(g, PP_RNG_CHOICE, add(g, PP_RNG_ONEORMORE, fold(g, n->children, PP_RNG_GROUP), -1),
                   add(g, PP_RNG_EMPTY, -1, -1));
    if (!strcmp(k, "empty")) return add(g, PP_RNG_EMPTY, -1, -1);
    if (!strcmp(k, "notAllowed")) return add(g, PP_RNG_NOTALLOWED, -1, -1);
    if (!strcmp(k, "text")) return add(g, PP_RNG_TEXT, -1, -1);
    if (!strcmp(k, "list")) return add(g, PP_RNG_LIST, -1, -1);
    if (!strcmp(k, "ref")) {
        char *name = attr(n, "name");
        int p = add(g, PP_RNG_REF, -1, -1);
        g->pats[p].name = keep(g, name ? name : "");
        free(name);
        return p;
    }
    if (!strcmp(k, "value") || !strcmp(k, "data")) {
        char *type = attr(n, "type");
        char *lib = type ? inherited(n, "datatypeLibrary", "") : pp_xstrdup("");
        int p = add(g, k[0] == 'v' ? PP_RNG_VALUE : PP_RNG_DATA, -1, -1);
        g->pats[p].lib = keep(g, lib);
        if (k[0] == 'v') {
            char *v = text_of(n);
            g->pats[p].value = keep(g, v);
            g->pats[p].name = keep(g, type ? type : "token");
            g->pats[p].doc = documentation(g, n);
            free(v);
        } else {
            g->pats[p].value = keep(g, type ? type : "string");
            int np = 0;
            for (const xmlNode *c = n->children; c; c = c->next) np += is_rng(c, "param");
            pp_rng_param *ps = np ? pp_xcalloc((size_t)np, sizeof *ps) : NULL;
            int i = 0;
            for (const xmlNode *c = n->children; c; c = c->next) {
                if (!is_rng(c, "param")) continue;
                char *pn = attr(c, "name"), *pv = text_of(c);
                ps[i].name = keep(g, pn ? pn : "");
                ps[i].value = keep(g, pv);
                free(pn);
                free(pv);
                i++;
            }
            if (ps) { PP_GROW(g->params, g->capparams, g->nparams + 1); g->params[g->nparams++] = ps; }
            g->pats[p].params = ps;
            g->pats[p].nparams = np;
        }
        free(type);
        free(lib);
        return p;
    }
    g->bad = true;   /* anyName, nsName, include, externalRef, parentRef, grammar, … */
    return add(g, PP_RNG_NOTALLOWED, -1, -1);
}

static void add_define(pp_rng *g, const char *name, int body, const char *combine)
{
    for (size_t i = 0; i < g->ndefs; i++) {
        if (strcmp(g->defs[i].name, name)) continue;
        pp_rng_kind k = combine && !strcmp(combine, "interleave") ? PP_RNG_INTERLEAVE : PP_RNG_CHOICE;
        g->defs[i].body = add(g, k, g->defs[i].body, body);
        return;
    }
    PP_GROW(g->defs, g->capdefs, g->ndefs + 1);
    g->defs[g->ndefs++] = (define){ pp_xstrdup(name), body };
}

static void grammar_contents(pp_rng *g, const xmlNode *first)
{
    for (const xmlNode *c = first; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !is_rng(c, NULL)) continue;
        char *combine = attr(c, "combine");
        if (is_rng(c, "start")) {
            int body = fold(g, c->children, PP_RNG_GROUP);
            if (g->start < 0) g->start = body;
            else g->start = add(g, combine && !strcmp(combine, "interleave") ? PP_RNG_INTERLEAVE : PP_RNG_CHOICE, g->start, body);
        } else if (is_rng(c, "define")) {
            char *name = attr(c, "name");
            add_define(g, name ? name : "", fold(g, c->children, PP_RNG_GROUP), combine);
            free(name);
        } else if (is_rng(c, "div")) {
            grammar_contents(g, c->children);
        } else {
            g->bad = true;   /* include */
        }
        free(combine);
    }
}

pp_rng *pp_rng_build(const xmlDoc *schema)
{
    const xmlNode *root = schema ? xmlDocGetRootElement((xmlDoc *)schema) : NULL;
    if (!root) return NULL;
    pp_rng *g = pp_xcalloc(1, sizeof *g);
    g->start = -1;
    if (is_rng(root, "grammar")) grammar_contents(g, root->children);
    else g->start = pattern(g, root);
    for (size_t i = 0; i < g->n && !g->bad; i++) {
        if (g->pats[i].kind != PP_RNG_REF) continue;
        size_t d = 0;
        while (d < g->ndefs && strcmp(g->defs[d].name, g->pats[i].name)) d++;
        if (d == g->ndefs) g->bad = true;
        else g->pats[i].a = g->defs[d].body;
    }
    if (g->bad || g->start < 0) { pp_rng_free(g); return NULL; }
    xmlSchemaInitTypes();
    return g;
}

void pp_rng_free(pp_rng *g)
{
    if (!g) return;
    for (size_t i = 0; i < g->nstrings; i++) free(g->strings[i]);
    for (size_t i = 0; i < g->nparams; i++) free(g->params[i]);
    for (size_t i = 0; i < g->ndefs; i++) free(g->defs[i].name);
    free(g->strings);
    free(g->params);
    free(g->defs);
    free(g->pats);
    free(g);
}

int pp_rng_start(const pp_rng *g) { return g->start; }

/* ---- the work area --------------------------------------------------------------- */

void pp_rng_work_init(pp_rng_work *w, const pp_rng *g)
{
    w->g = g;
    w->n = w->nstatic = g->n;
    w->cap = g->n + 256;
    w->pats = pp_xmalloc(w->cap * sizeof *w->pats);
    memcpy(w->pats, g->pats, g->n * sizeof *w->pats);
    w->exhausted = false;
    w->pats[w->n] = (pp_rng_pat){ .kind = PP_RNG_EMPTY, .a = -1, .b = -1 };
    w->empty = (int)w->n++;
    w->nstatic = w->n;
}

const pp_rng_pat *pp_rng_pat_at(const pp_rng_work *w, int p)
{
    return (size_t)p < w->g->n ? &w->g->pats[p] : &w->pats[p];
}

void pp_rng_work_release(pp_rng_work *w) { free(w->pats); memset(w, 0, sizeof *w); }

void pp_rng_work_reset(pp_rng_work *w, size_t mark) { if (mark >= w->nstatic && mark < w->n) w->n = mark; }

static int notallowed(pp_rng_work *w) { (void)w; return -1; }   /* -1 stands for notAllowed */

static int make(pp_rng_work *w, pp_rng_kind kind, int a, int b)
{
    if (w->n >= WORK_LIMIT) { w->exhausted = true; return -1; }
    PP_GROW(w->pats, w->cap, w->n + 1);
    w->pats[w->n] = (pp_rng_pat){ .kind = kind, .a = a, .b = b };
    return (int)w->n++;
}

static pp_rng_kind kind_of(const pp_rng_work *w, int p) { return p < 0 ? PP_RNG_NOTALLOWED : w->pats[p].kind; }

static int empty_pat(pp_rng_work *w) { return w->empty; }

static int choice(pp_rng_work *w, int a, int b)
{
    if (a < 0) return b;
    if (b < 0 || a == b) return a;
    if (kind_of(w, a) == PP_RNG_EMPTY && kind_of(w, b) == PP_RNG_EMPTY) return a;
    return make(w, PP_RNG_CHOICE, a, b);
}

static int group(pp_rng_work *w, int a, int b)
{
    if (a < 0 || b < 0) return -1;
    if (kind_of(w, a) == PP_RNG_EMPTY) return b;
    if (kind_of(w, b) == PP_RNG_EMPTY) return a;
    return make(w, PP_RNG_GROUP, a, b);
}

static int interleave(pp_rng_work *w, int a, int b)
{
    if (a < 0 || b < 0) return -1;
    if (kind_of(w, a) == PP_RNG_EMPTY) return b;
    if (kind_of(w, b) == PP_RNG_EMPTY) return a;
    return make(w, PP_RNG_INTERLEAVE, a, b);
}

static int one_or_more(pp_rng_work *w, int a) { return a < 0 ? -1 : make(w, PP_RNG_ONEORMORE, a, -1); }

/* ---- the algorithm ------------------------------------------------------------------ */

bool pp_rng_nullable(pp_rng_work *w, int p)
{
    for (int depth = 0; p >= 0 && depth < 1000; depth++) {
        const pp_rng_pat *x = &w->pats[p];
        switch (x->kind) {
        case PP_RNG_EMPTY: case PP_RNG_TEXT: return true;
        case PP_RNG_GROUP: case PP_RNG_INTERLEAVE: return pp_rng_nullable(w, x->a) && pp_rng_nullable(w, x->b);
        case PP_RNG_CHOICE: if (pp_rng_nullable(w, x->a)) return true; p = x->b; break;
        case PP_RNG_ONEORMORE: case PP_RNG_REF: p = x->a; break;
        default: return false;
        }
    }
    return false;
}

int pp_rng_deriv_element(pp_rng_work *w, int p, const char *ns, const char *name, int *match)
{
    if (p < 0 || w->exhausted) return -1;
    const pp_rng_pat x = w->pats[p];
    switch (x.kind) {
    case PP_RNG_CHOICE:
        return choice(w, pp_rng_deriv_element(w, x.a, ns, name, match), pp_rng_deriv_element(w, x.b, ns, name, match));
    case PP_RNG_INTERLEAVE:
        return choice(w, interleave(w, pp_rng_deriv_element(w, x.a, ns, name, match), x.b),
                      interleave(w, x.a, pp_rng_deriv_element(w, x.b, ns, name, match)));
    case PP_RNG_GROUP: {
        int r = group(w, pp_rng_deriv_element(w, x.a, ns, name, match), x.b);
        return pp_rng_nullable(w, x.a) ? choice(w, r, pp_rng_deriv_element(w, x.b, ns, name, match)) : r;
    }
    case PP_RNG_ONEORMORE:
        return group(w, pp_rng_deriv_element(w, x.a, ns, name, match), choice(w, p, empty_pat(w)));
    case PP_RNG_REF: return pp_rng_deriv_element(w, x.a, ns, name, match);
    case PP_RNG_ELEMENT:
        if (strcmp(x.name, name) || strcmp(x.ns, ns)) return notallowed(w);
        if (match && *match < 0) *match = p;
        return empty_pat(w);
    default: return notallowed(w);
    }
}

static char *collapse(const char *s)
{
    char *out = pp_xmalloc(strlen(s) + 1), *o = out;
    bool space = false;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') { space = o != out; continue; }
        if (space) *o++ = ' ';
        space = false;
        *o++ = *s;
    }
    *o = 0;
    return out;
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char *param(const pp_rng_pat *p, const char *name)
{
    for (int i = 0; i < p->nparams; i++) if (!strcmp(p->params[i].name, name)) return p->params[i].value;
    return NULL;
}

/* The XSD pattern facet: the whole value matches (libxml2's XSD regular expressions). */
static bool pattern_ok(const char *re, const char *text)
{
    xmlRegexpPtr r = xmlRegexpCompile((const xmlChar *)re);
    if (!r) return true;   /* a pattern libxml2 cannot compile: it did not judge by it either */
    bool ok = xmlRegexpExec(r, (const xmlChar *)text) == 1;
    xmlRegFreeRegexp(r);
    return ok;
}

bool pp_rng_value_ok(const pp_rng_pat *p, const char *text)
{
    if (p->kind == PP_RNG_VALUE) {
        if (!strcmp(p->name, "string")) return !strcmp(p->value, text);
        char *a = collapse(p->value), *b = collapse(text);
        bool ok = !strcmp(a, b);
        free(a);
        free(b);
        return ok;
    }
    if (p->kind != PP_RNG_DATA) return p->kind == PP_RNG_TEXT || p->kind == PP_RNG_LIST;
    if (strcmp(p->lib, XSD_LIB)) return true;   /* the built-in library: string and token take anything */
    bool whole = !strcmp(p->value, "string") || !strcmp(p->value, "normalizedString");
    char *v = whole ? pp_xstrdup(text) : collapse(text);
    bool ok = true;
    xmlSchemaTypePtr t = xmlSchemaGetPredefinedType((const xmlChar *)p->value, (const xmlChar *)"http://www.w3.org/2001/XMLSchema");
    if (t) {
        xmlSchemaValPtr val = NULL;
        ok = xmlSchemaValPredefTypeNode(t, (const xmlChar *)v, &val, NULL) == 0;
        if (val) xmlSchemaFreeValue(val);
    }
    const char *f;
    if (ok && (f = param(p, "minLength"))) ok = chars(v) >= (size_t)atol(f);
    if (ok && (f = param(p, "maxLength"))) ok = chars(v) <= (size_t)atol(f);
    if (ok && (f = param(p, "length"))) ok = chars(v) == (size_t)atol(f);
    if (ok && (f = param(p, "minInclusive"))) ok = strtod(v, NULL) >= strtod(f, NULL);
    if (ok && (f = param(p, "maxInclusive"))) ok = strtod(v, NULL) <= strtod(f, NULL);
    if (ok && (f = param(p, "minExclusive"))) ok = strtod(v, NULL) > strtod(f, NULL);
    if (ok && (f = param(p, "maxExclusive"))) ok = strtod(v, NULL) < strtod(f, NULL);
    for (int i = 0; ok && i < p->nparams; i++)
        if (!strcmp(p->params[i].name, "pattern")) ok = pattern_ok(p->params[i].value, v);
    free(v);
    return ok;
}

int pp_rng_deriv_text(pp_rng_work *w, int p, const char *text)
{
    if (p < 0 || w->exhausted) return -1;
    const pp_rng_pat x = w->pats[p];
    switch (x.kind) {
    case PP_RNG_CHOICE: return choice(w, pp_rng_deriv_text(w, x.a, text), pp_rng_deriv_text(w, x.b, text));
    case PP_RNG_INTERLEAVE:
        return choice(w, interleave(w, pp_rng_deriv_text(w, x.a, text), x.b), interleave(w, x.a, pp_rng_deriv_text(w, x.b, text)));
    case PP_RNG_GROUP: {
        int r = group(w, pp_rng_deriv_text(w, x.a, text), x.b);
        return pp_rng_nullable(w, x.a) ? choice(w, r, pp_rng_deriv_text(w, x.b, text)) : r;
    }
    case PP_RNG_ONEORMORE: return group(w, pp_rng_deriv_text(w, x.a, text), choice(w, p, empty_pat(w)));
    case PP_RNG_REF: return pp_rng_deriv_text(w, x.a, text);
    case PP_RNG_TEXT: return p;
    case PP_RNG_LIST: return empty_pat(w);
    case PP_RNG_VALUE: case PP_RNG_DATA: return pp_rng_value_ok(&x, text) ? empty_pat(w) : notallowed(w);
    default: return notallowed(w);
    }
}

static bool blank(const char *s)
{
    for (; *s; s++) if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

int pp_rng_deriv_attribute(pp_rng_work *w, int p, const char *ns, const char *name, const char *value, bool any_value)
{
    if (p < 0 || w->exhausted) return -1;
    const pp_rng_pat x = w->pats[p];
    switch (x.kind) {
    case PP_RNG_CHOICE:
        return choice(w, pp_rng_deriv_attribute(w, x.a, ns, name, value, any_value),
                      pp_rng_deriv_attribute(w, x.b, ns, name, value, any_value));
    case PP_RNG_GROUP: case PP_RNG_INTERLEAVE: {
        int (*k)(pp_rng_work *, int, int) = x.kind == PP_RNG_GROUP ? group : interleave;
        return choice(w, k(w, pp_rng_deriv_attribute(w, x.a, ns, name, value, any_value), x.b),
                      k(w, x.a, pp_rng_deriv_attribute(w, x.b, ns, name, value, any_value)));
    }
    case PP_RNG_ONEORMORE:
        return group(w, pp_rng_deriv_attribute(w, x.a, ns, name, value, any_value), choice(w, p, empty_pat(w)));
    case PP_RNG_REF: return pp_rng_deriv_attribute(w, x.a, ns, name, value, any_value);
    case PP_RNG_ATTRIBUTE: {
        if (strcmp(x.name, name) || strcmp(x.ns, ns)) return notallowed(w);
        if (any_value) return empty_pat(w);
        bool ok = (pp_rng_nullable(w, x.a) && blank(value)) || pp_rng_nullable(w, pp_rng_deriv_text(w, x.a, value));
        return ok ? empty_pat(w) : notallowed(w);
    }
    default: return notallowed(w);
    }
}

int pp_rng_close_tag(pp_rng_work *w, int p, bool lenient)
{
    if (p < 0 || w->exhausted) return -1;
    const pp_rng_pat x = w->pats[p];
    switch (x.kind) {
    case PP_RNG_CHOICE: return choice(w, pp_rng_close_tag(w, x.a, lenient), pp_rng_close_tag(w, x.b, lenient));
    case PP_RNG_GROUP: return group(w, pp_rng_close_tag(w, x.a, lenient), pp_rng_close_tag(w, x.b, lenient));
    case PP_RNG_INTERLEAVE: return interleave(w, pp_rng_close_tag(w, x.a, lenient), pp_rng_close_tag(w, x.b, lenient));
    case PP_RNG_ONEORMORE: return one_or_more(w, pp_rng_close_tag(w, x.a, lenient));
    case PP_RNG_REF: {
        int r = pp_rng_close_tag(w, x.a, lenient);
        return r == x.a ? p : r;
    }
    case PP_RNG_ATTRIBUTE: return lenient ? empty_pat(w) : notallowed(w);
    default: return p;
    }
}

/* ---- what a pattern offers ----------------------------------------------------------- */

typedef struct walk { pp_rng_work *w; pp_rng_kind kind; int *out; size_t n, cap; int *seen; size_t nseen, capseen; } walk;

static void offers(walk *k, int p, int depth)
{
    if (p < 0 || depth > 200) return;
    const pp_rng_pat *x = &k->w->pats[p];
    switch (x->kind) {
    case PP_RNG_CHOICE: case PP_RNG_GROUP: case PP_RNG_INTERLEAVE:
        offers(k, x->a, depth + 1);
        offers(k, x->b, depth + 1);
        break;
    case PP_RNG_ONEORMORE: offers(k, x->a, depth + 1); break;
    case PP_RNG_REF:
        for (size_t i = 0; i < k->nseen; i++) if (k->seen[i] == p) return;
        PP_GROW(k->seen, k->capseen, k->nseen + 1);
        k->seen[k->nseen++] = p;
        offers(k, x->a, depth + 1);
        break;
    case PP_RNG_ATTRIBUTE: case PP_RNG_ELEMENT: case PP_RNG_VALUE: case PP_RNG_DATA: case PP_RNG_TEXT:
        if (k->kind == PP_RNG_VALUE ? (x->kind != PP_RNG_VALUE && x->kind != PP_RNG_DATA) : x->kind != k->kind) break;
        for (size_t i = 0; i < k->n; i++) {
            const pp_rng_pat *y = &k->w->pats[k->out[i]];
            if (x->kind == PP_RNG_VALUE ? (y->kind == PP_RNG_VALUE && !strcmp(y->value, x->value))
                                        : (x->name && y->name && !strcmp(y->name, x->name) && !strcmp(y->ns, x->ns))) return;
        }
        if (k->n < k->cap) k->out[k->n++] = p;
        break;
    default: break;
    }
}

size_t pp_rng_elements(pp_rng_work *w, int p, pp_rng_kind kind, int *out, size_t cap)
{
    walk k = { .w = w, .kind = kind, .out = out, .cap = cap };
    offers(&k, p, 0);
    free(k.seen);
    return k.n;
}

size_t pp_rng_values(pp_rng_work *w, int p, int *out, size_t cap)
{
    walk k = { .w = w, .kind = PP_RNG_VALUE, .out = out, .cap = cap };
    offers(&k, p, 0);
    free(k.seen);
    return k.n;
}

bool pp_rng_takes_text(pp_rng_work *w, int p)
{
    walk k = { .w = w, .kind = PP_RNG_TEXT, .out = (int[1]){ 0 }, .cap = 1 };
    offers(&k, p, 0);
    free(k.seen);
    return k.n > 0;
}

size_t pp_rng_all_elements(const pp_rng *g, int *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (g->pats[i].kind != PP_RNG_ELEMENT) continue;
        bool dup = false;
        for (size_t j = 0; j < n && !dup; j++) dup = !strcmp(g->pats[out[j]].name, g->pats[i].name);
        if (!dup && n < cap) out[n++] = (int)i;
    }
    return n;
}

const char *pp_rng_describe_data(const pp_rng_pat *p, char *buf, size_t cap)
{
    const char *t = p->kind == PP_RNG_DATA ? p->value : "string";
    bool xsd = p->kind == PP_RNG_DATA && !strcmp(p->lib, XSD_LIB);
    const char *min = param(p, "minInclusive"), *max = param(p, "maxInclusive"), *minlen = param(p, "minLength");
    if (p->kind == PP_RNG_TEXT) snprintf(buf, cap, "any text");
    else if (!xsd || !strcmp(t, "string") || !strcmp(t, "token") || !strcmp(t, "normalizedString")) {
        const char *pat = param(p, "pattern");
        if (pat) snprintf(buf, cap, "text of the form %s", pat);
        else if (minlen && atol(minlen) > 0) snprintf(buf, cap, "non-empty text");
        else snprintf(buf, cap, "any text");
    } else if (!strcmp(t, "positiveInteger") || !strcmp(t, "nonNegativeInteger") || !strcmp(t, "integer")) {
        const char *lo = min ? min : !strcmp(t, "positiveInteger") ? "1" : !strcmp(t, "integer") ? NULL : "0";
        if (lo && max) snprintf(buf, cap, "a whole number from %s to %s", lo, max);
        else if (lo) snprintf(buf, cap, "a whole number from %s up", lo);
        else snprintf(buf, cap, "a whole number");
    } else if (!strcmp(t, "decimal") || !strcmp(t, "double") || !strcmp(t, "float")) {
        snprintf(buf, cap, "a number written with digits and a point (such as 0.25)");
    } else if (!strcmp(t, "NCName")) {
        snprintf(buf, cap, "one word of letters, digits, '-', '_' or '.', not starting with a digit");
    } else if (!strcmp(t, "date")) {
        snprintf(buf, cap, "a date written YYYY-MM-DD");
    } else {
        snprintf(buf, cap, "a value of the type %s", t);
    }
    return buf;
}

const char *pp_rng_example(const char *doc, char *buf, size_t cap)
{
    static const char mark[] = "例：";
    if (!doc) return NULL;
    const char *at = NULL;
    for (const char *s = strstr(doc, mark); s; s = strstr(s + 1, mark)) at = s;
    if (!at) return NULL;
    at += sizeof mark - 1;
    while (*at == ' ') at++;
    size_t n = strcspn(at, "\n");
    while (n && (at[n - 1] == ' ' || at[n - 1] == '\t')) n--;
    if (!n || n >= cap) return NULL;
    memcpy(buf, at, n);
    buf[n] = 0;
    return buf;
}
