#define _POSIX_C_SOURCE 200809L
#include "rng_explain.h"
#include "buf.h"
#include "suggest.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 128   /* names one list may hold (the schema has about 40 elements) */

typedef struct ctx {
    const pp_rng *g;
    pp_rng_work w;
    pp_rng_report_fn report;
    void *rctx;
    int found;
    const char *suggested[8];   /* attribute names offered as "did you mean" on the element at hand */
    size_t nsuggested;
} ctx;

static bool blank(const char *s)
{
    for (; s && *s; s++) if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

static const char *ns_of(const xmlNode *n) { return n->ns && n->ns->href ? (const char *)n->ns->href : ""; }

/* A name as the user wrote it (prefix:local when it has a prefix). */
static void qname(pp_buf *b, const xmlNode *n)
{
    if (n->ns && n->ns->prefix) pp_buf_printf(b, "%s:", (const char *)n->ns->prefix);
    pp_buf_puts(b, (const char *)n->name);
}

/* At most ~30 characters of text, blanks folded, for quoting in a message. */
static void excerpt(pp_buf *b, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    int n = 0;
    bool space = false;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = true; continue; }
        if ((c & 0xC0) != 0x80) {
            if (n == 30) { pp_buf_puts(b, "…"); return; }
            if (space) { pp_buf_putc(b, ' '); n++; }
            n++;
        }
        space = false;
        pp_buf_putc(b, (char)c);
    }
}

/* "<a>, <b> or <c>" (or with bare words when !brackets). */
static void list(pp_buf *b, const char *const *names, size_t n, bool brackets, const char *last)
{
    for (size_t i = 0; i < n; i++) {
        if (i) pp_buf_puts(b, i + 1 == n ? last : ", ");
        pp_buf_printf(b, brackets ? "<%s>" : "%s", names[i]);
    }
}

static void emit(ctx *c, pp_rng_finding *f)
{
    static const char none[] = "";
    const char **s[] = { &f->parent, &f->name, &f->attr, &f->value, &f->suggest, &f->allowed, &f->example, &f->where };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++) if (!*s[i]) *s[i] = none;
    c->found++;
    c->report(c->rctx, f);
}

/* The elements that may come next in content p: names into out. */
static size_t expected(ctx *c, int p, const char **out, size_t cap)
{
    int els[MAX_NAMES];
    size_t n = pp_rng_elements(&c->w, p, PP_RNG_ELEMENT, els, MAX_NAMES), k = 0;
    for (size_t i = 0; i < n && k < cap; i++) {
        const pp_rng_pat *e = pp_rng_pat_at(&c->w, els[i]);
        size_t mark = pp_rng_work_mark(&c->w);
        if (pp_rng_deriv_element(&c->w, p, e->ns, e->name, NULL) >= 0) out[k++] = e->name;
        pp_rng_work_reset(&c->w, mark);
    }
    return k;
}

static bool in(const char *name, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) if (!strcmp(names[i], name)) return true;
    return false;
}

/* The elements whose content can hold an element named `name` (its parents). */
static size_t parents_of(ctx *c, const char *name, const char **out, size_t cap)
{
    int all[MAX_NAMES];
    size_t n = pp_rng_all_elements(c->g, all, MAX_NAMES), k = 0;
    for (size_t i = 0; i < n && k < cap; i++) {
        const pp_rng_pat *e = pp_rng_pat_at(&c->w, all[i]);
        /* every element pattern of that name, not only the first */
        bool holds = false;
        for (size_t j = 0; j < c->w.nstatic && !holds; j++) {
            const pp_rng_pat *f = pp_rng_pat_at(&c->w, (int)j);
            if (f->kind != PP_RNG_ELEMENT || strcmp(f->name, e->name)) continue;
            int kids[MAX_NAMES];
            size_t nk = pp_rng_elements(&c->w, f->a, PP_RNG_ELEMENT, kids, MAX_NAMES);
            for (size_t q = 0; q < nk && !holds; q++) holds = !strcmp(pp_rng_pat_at(&c->w, kids[q])->name, name);
        }
        if (holds && !in(e->name, out, k)) out[k++] = e->name;
    }
    return k;
}

static bool known_element(ctx *c, const char *name)
{
    int all[MAX_NAMES];
    size_t n = pp_rng_all_elements(c->g, all, MAX_NAMES);
    for (size_t i = 0; i < n; i++) if (!strcmp(pp_rng_pat_at(&c->w, all[i])->name, name)) return true;
    return false;
}

/* The nearest of the expected names, else of all the element names. */
static const char *near_name(ctx *c, const char *name, const char *const *exp, size_t nexp)
{
    const char *s = pp_suggest(name, exp, nexp);
    if (s) return s;
    int all[MAX_NAMES];
    const char *names[MAX_NAMES];
    size_t n = pp_rng_all_elements(c->g, all, MAX_NAMES);
    for (size_t i = 0; i < n; i++) names[i] = pp_rng_pat_at(&c->w, all[i])->name;
    return pp_suggest(name, names, n);
}

/* Where text could go instead, among the elements expected: one that takes text
 * itself (a <p> first), else a <p> inside one of them. */
static void text_home(ctx *c, const char *const *exp, size_t nexp, int p, pp_buf *out)
{
    int els[MAX_NAMES];
    size_t n = pp_rng_elements(&c->w, p, PP_RNG_ELEMENT, els, MAX_NAMES);
    const char *direct = NULL, *via = NULL;
    for (size_t i = 0; i < n; i++) {
        const pp_rng_pat *e = pp_rng_pat_at(&c->w, els[i]);
        if (!in(e->name, exp, nexp)) continue;
        if (pp_rng_takes_text(&c->w, e->a)) {
            if (!direct || !strcmp(e->name, "p")) direct = e->name;
            continue;
        }
        int kids[MAX_NAMES];
        size_t nk = pp_rng_elements(&c->w, e->a, PP_RNG_ELEMENT, kids, MAX_NAMES);
        for (size_t q = 0; q < nk && !via; q++) {
            const pp_rng_pat *k = pp_rng_pat_at(&c->w, kids[q]);
            if (!strcmp(k->name, "p") && pp_rng_takes_text(&c->w, k->a)) via = e->name;
        }
    }
    if (direct) pp_buf_printf(out, "<%s>", direct);
    else if (via) pp_buf_printf(out, "<p> inside a <%s>", via);
}

/* Whether content p allows only listed values (then they need no example). */
static bool only_values(ctx *c, int p)
{
    int vals[MAX_NAMES];
    size_t n = pp_rng_values(&c->w, p, vals, MAX_NAMES);
    for (size_t i = 0; i < n; i++) if (pp_rng_pat_at(&c->w, vals[i])->kind != PP_RNG_VALUE) return false;
    return n > 0 && !pp_rng_takes_text(&c->w, p);
}

/* The values an attribute (or a value-holding element's content) allows, in words. */
static void describe_values(ctx *c, int content, pp_buf *out, const char *found, const char **suggest, pp_buf *sbuf)
{
    int vals[MAX_NAMES];
    size_t n = pp_rng_values(&c->w, content, vals, MAX_NAMES);
    const char *words[MAX_NAMES];
    size_t nw = 0;
    bool text = pp_rng_takes_text(&c->w, content);
    char desc[200];
    for (size_t i = 0; i < n; i++) {
        const pp_rng_pat *v = pp_rng_pat_at(&c->w, vals[i]);
        words[nw++] = v->kind == PP_RNG_VALUE ? v->value : pp_rng_describe_data(v, desc, sizeof desc);
        if (v->kind == PP_RNG_DATA) {
            /* one datatype at most is described (the buffer is reused) */
            pp_buf_reset(sbuf);
            pp_buf_puts(sbuf, desc);
            words[nw - 1] = pp_buf_str(sbuf);
        }
    }
    if (!nw && text) words[nw++] = "any text";
    list(out, words, nw, false, " or ");
    if (suggest) {
        const char *vs[MAX_NAMES];
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            const pp_rng_pat *v = pp_rng_pat_at(&c->w, vals[i]);
            if (v->kind == PP_RNG_VALUE) vs[k++] = v->value;
        }
        *suggest = found ? pp_suggest(found, vs, k) : NULL;
    }
}

/* ---- attributes ---------------------------------------------------------------------- */

/* The attribute pattern of content p with this name (-1 if none). */
static int attribute_pattern(ctx *c, int p, const char *ns, const char *name)
{
    int offered[MAX_NAMES];
    size_t n = pp_rng_elements(&c->w, p, PP_RNG_ATTRIBUTE, offered, MAX_NAMES);
    for (size_t i = 0; i < n; i++) {
        const pp_rng_pat *a = pp_rng_pat_at(&c->w, offered[i]);
        if (!strcmp(a->name, name) && !strcmp(a->ns, ns)) return offered[i];
    }
    return -1;
}

static void attr_names(ctx *c, int p, const char **out, size_t *n)
{
    int offered[MAX_NAMES];
    size_t k = pp_rng_elements(&c->w, p, PP_RNG_ATTRIBUTE, offered, MAX_NAMES);
    *n = 0;
    for (size_t i = 0; i < k; i++) {
        const pp_rng_pat *a = pp_rng_pat_at(&c->w, offered[i]);
        out[(*n)++] = !strcmp(a->ns, "http://www.w3.org/XML/1998/namespace") && !strcmp(a->name, "lang") ? "xml:lang" : a->name;
    }
}

static int check_attributes(ctx *c, const xmlNode *el, int content)
{
    int p = content;
    bool bad = false;
    pp_buf pname = PP_BUF_INIT;
    qname(&pname, el);
    c->nsuggested = 0;
    for (const xmlAttr *a = el->properties; a; a = a->next) {
        xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
        const char *value = v ? (const char *)v : "";
        const char *ns = a->ns && a->ns->href ? (const char *)a->ns->href : "";
        int d = pp_rng_deriv_attribute(&c->w, p, ns, (const char *)a->name, value, false);
        if (d >= 0) { p = d; xmlFree(v); continue; }
        bad = true;
        pp_buf full = PP_BUF_INIT, allowed = PP_BUF_INIT, sbuf = PP_BUF_INIT, val = PP_BUF_INIT;
        if (a->ns && a->ns->prefix) pp_buf_printf(&full, "%s:", (const char *)a->ns->prefix);
        pp_buf_puts(&full, (const char *)a->name);
        int ap = attribute_pattern(c, content, ns, (const char *)a->name);
        pp_rng_finding f = { .node = el, .parent = pp_buf_str(&pname), .attr = pp_buf_str(&full), .name = pp_buf_str(&full) };
        char ex[200];
        if (ap >= 0) {
            f.what = PP_RNG_BAD_VALUE;
            excerpt(&val, value);
            f.value = pp_buf_str(&val);
            describe_values(c, pp_rng_pat_at(&c->w, ap)->a, &allowed, value, &f.suggest, &sbuf);
            f.allowed = pp_buf_str(&allowed);
            if (!only_values(c, pp_rng_pat_at(&c->w, ap)->a)) f.example = pp_rng_example(pp_rng_pat_at(&c->w, ap)->doc, ex, sizeof ex);
            int d2 = pp_rng_deriv_attribute(&c->w, p, ns, (const char *)a->name, value, true);
            if (d2 >= 0) p = d2;
        } else {
            f.what = PP_RNG_UNKNOWN_ATTR;
            const char *names[MAX_NAMES];
            size_t nn;
            attr_names(c, content, names, &nn);
            f.suggest = pp_suggest((const char *)a->name, names, nn);
            if (f.suggest && c->nsuggested < 8) c->suggested[c->nsuggested++] = f.suggest;
            list(&allowed, names, nn, false, ", ");
            f.allowed = pp_buf_str(&allowed);
        }
        emit(c, &f);
        pp_buf_release(&full);
        pp_buf_release(&allowed);
        pp_buf_release(&sbuf);
        pp_buf_release(&val);
        xmlFree(v);
    }
    int closed = pp_rng_close_tag(&c->w, p, false);
    if (closed < 0 && !c->w.exhausted) {
        /* a required attribute is missing: the first whose presence would do */
        int offered[MAX_NAMES];
        size_t n = pp_rng_elements(&c->w, p, PP_RNG_ATTRIBUTE, offered, MAX_NAMES);
        for (size_t i = 0; i < n; i++) {
            const pp_rng_pat *a = pp_rng_pat_at(&c->w, offered[i]);
            size_t mark = pp_rng_work_mark(&c->w);
            int t = pp_rng_close_tag(&c->w, pp_rng_deriv_attribute(&c->w, p, a->ns, a->name, "", true), false);
            pp_rng_work_reset(&c->w, mark);
            if (t < 0) continue;
            /* already said: "has no attribute 'titel': did you mean 'title'?" */
            if (in(a->name, c->suggested, c->nsuggested)) break;
            pp_buf allowed = PP_BUF_INIT, sbuf = PP_BUF_INIT;
            describe_values(c, a->a, &allowed, NULL, NULL, &sbuf);
            char ex[200];
            pp_rng_finding f = { .what = PP_RNG_MISSING_ATTR, .node = el, .parent = pp_buf_str(&pname),
                                 .attr = a->name, .name = a->name, .allowed = pp_buf_str(&allowed),
                                 .example = only_values(c, a->a) ? NULL : pp_rng_example(a->doc, ex, sizeof ex) };
            emit(c, &f);
            pp_buf_release(&allowed);
            pp_buf_release(&sbuf);
            break;
        }
        bad = true;
    }
    pp_buf_release(&pname);
    return bad || closed < 0 ? pp_rng_close_tag(&c->w, p, true) : closed;
}

/* ---- content --------------------------------------------------------------------------- */

static void check_element(ctx *c, const xmlNode *el, int pat, int depth);

static bool text_node(const xmlNode *n) { return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE; }

/* An element whose content is a value (data or value patterns, no elements). */
static bool value_content(ctx *c, int p)
{
    int els[1], vals[1];
    return pp_rng_elements(&c->w, p, PP_RNG_ELEMENT, els, 1) == 0 && pp_rng_values(&c->w, p, vals, 1) > 0;
}

/* Whether element pattern elpat holds only text, or nothing at all. */
static void content_kind(ctx *c, int elpat, pp_rng_finding *f)
{
    int content = pp_rng_pat_at(&c->w, elpat)->a, els[1], vals[1];
    if (pp_rng_elements(&c->w, content, PP_RNG_ELEMENT, els, 1)) return;
    if (pp_rng_takes_text(&c->w, content) || pp_rng_values(&c->w, content, vals, 1)) f->text_only = true;
    else f->nothing = true;
}

static void report_missing(ctx *c, const xmlNode *el, int p, const char *before)
{
    const char *exp[MAX_NAMES];
    size_t n = expected(c, p, exp, MAX_NAMES);
    if (!n) return;
    /* name the ones that would complete it on their own (not every optional one) */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t mark = pp_rng_work_mark(&c->w);
        if (pp_rng_nullable(&c->w, pp_rng_deriv_element(&c->w, p, "", exp[i], NULL))) exp[k++] = exp[i];
        pp_rng_work_reset(&c->w, mark);
    }
    if (k) n = k;
    pp_buf pname = PP_BUF_INIT, allowed = PP_BUF_INIT;
    qname(&pname, el);
    list(&allowed, exp, n, true, " or ");
    pp_rng_finding f = { .what = PP_RNG_MISSING, .node = el, .parent = pp_buf_str(&pname), .name = exp[0],
                         .allowed = pp_buf_str(&allowed), .where = before };
    emit(c, &f);
    pp_buf_release(&pname);
    pp_buf_release(&allowed);
}

static void report_value(ctx *c, const xmlNode *el, int content, const char *text, int elpat)
{
    pp_buf pname = PP_BUF_INIT, allowed = PP_BUF_INIT, sbuf = PP_BUF_INIT, val = PP_BUF_INIT;
    qname(&pname, el);
    excerpt(&val, text);
    describe_values(c, content, &allowed, text, NULL, &sbuf);
    char ex[200];
    pp_rng_finding f = { .what = PP_RNG_BAD_CONTENT, .node = el, .parent = pp_buf_str(&pname), .name = pp_buf_str(&pname),
                         .value = pp_buf_str(&val), .allowed = pp_buf_str(&allowed),
                         .example = pp_rng_example(pp_rng_pat_at(&c->w, elpat)->doc, ex, sizeof ex) };
    emit(c, &f);
    pp_buf_release(&pname);
    pp_buf_release(&allowed);
    pp_buf_release(&sbuf);
    pp_buf_release(&val);
}

static void report_unexpected(ctx *c, const xmlNode *el, const xmlNode *child, int p, int elpat, const int *before, size_t nbefore,
                              const xmlNode *const *kids)
{
    const char *exp[MAX_NAMES];
    size_t n = expected(c, p, exp, MAX_NAMES);
    pp_buf pname = PP_BUF_INIT, cname = PP_BUF_INIT, allowed = PP_BUF_INIT, where = PP_BUF_INIT;
    qname(&pname, el);
    qname(&cname, child);
    list(&allowed, exp, n, true, " or ");
    const char *name = (const char *)child->name;
    bool unknown = child->ns || !known_element(c, name);
    pp_rng_finding f = { .what = PP_RNG_UNEXPECTED, .node = child, .parent = pp_buf_str(&pname), .name = pp_buf_str(&cname),
                         .allowed = pp_buf_str(&allowed), .can_end = pp_rng_nullable(&c->w, p), .unknown = unknown };
    content_kind(c, elpat, &f);
    if (unknown) {
        f.suggest = near_name(c, name, exp, n);
    } else {
        /* allowed in this element, only earlier: before which sibling */
        for (size_t j = nbefore; j-- > 0;) {
            size_t mark = pp_rng_work_mark(&c->w);
            int d = pp_rng_deriv_element(&c->w, before[j], ns_of(child), name, NULL);
            pp_rng_work_reset(&c->w, mark);
            if (d >= 0) {
                f.before = true;
                f.again = !strcmp((const char *)kids[j]->name, name) && !strcmp(ns_of(kids[j]), ns_of(child));
                qname(&where, kids[j]);
                break;
            }
        }
        if (!f.before && !f.text_only && !f.nothing) {
            int kids_of[MAX_NAMES];
            size_t nk = pp_rng_elements(&c->w, pp_rng_pat_at(&c->w, elpat)->a, PP_RNG_ELEMENT, kids_of, MAX_NAMES);
            bool here = false;
            for (size_t q = 0; q < nk; q++) here |= !strcmp(pp_rng_pat_at(&c->w, kids_of[q])->name, name);
            if (!here) {
                const char *ps[MAX_NAMES];
                size_t np = parents_of(c, name, ps, MAX_NAMES);
                list(&where, ps, np, true, " or ");
            }
        }
    }
    f.where = pp_buf_str(&where);
    emit(c, &f);
    pp_buf_release(&pname);
    pp_buf_release(&cname);
    pp_buf_release(&allowed);
    pp_buf_release(&where);
}

static void report_text(ctx *c, const xmlNode *el, const xmlNode *text, int p, int elpat)
{
    const char *exp[MAX_NAMES];
    size_t n = expected(c, p, exp, MAX_NAMES);
    pp_buf pname = PP_BUF_INIT, allowed = PP_BUF_INIT, home = PP_BUF_INIT, val = PP_BUF_INIT;
    qname(&pname, el);
    list(&allowed, exp, n, true, " or ");
    text_home(c, exp, n, p, &home);
    excerpt(&val, (const char *)text->content);
    pp_rng_finding f = { .what = PP_RNG_STRAY_TEXT, .node = text, .parent = pp_buf_str(&pname), .value = pp_buf_str(&val),
                         .allowed = pp_buf_str(&allowed), .where = pp_buf_str(&home), .can_end = pp_rng_nullable(&c->w, p) };
    content_kind(c, elpat, &f);
    emit(c, &f);
    pp_buf_release(&pname);
    pp_buf_release(&allowed);
    pp_buf_release(&home);
    pp_buf_release(&val);
}

static void check_children(ctx *c, const xmlNode *el, int elpat, int p, int depth)
{
    size_t nkids = 0;
    bool elements = false;
    for (const xmlNode *k = el->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE) { elements = true; nkids++; }
        else if (text_node(k)) nkids++;
    }
    if (!elements) {
        /* text only (or nothing): the whole text is one value */
        pp_buf text = PP_BUF_INIT;
        const xmlNode *first = NULL;
        for (const xmlNode *k = el->children; k; k = k->next)
            if (text_node(k)) { pp_buf_puts(&text, k->content ? (const char *)k->content : ""); if (!first && !blank((const char *)k->content)) first = k; }
        const char *s = pp_buf_str(&text);
        int d = pp_rng_deriv_text(&c->w, p, s);
        bool ok = pp_rng_nullable(&c->w, d) || (blank(s) && pp_rng_nullable(&c->w, p));
        if (!ok && !c->w.exhausted) {
            if (value_content(c, p)) report_value(c, el, p, s, elpat);
            else if (d < 0 && first) report_text(c, el, first, p, elpat);
            else report_missing(c, el, d >= 0 ? d : p, NULL);
        }
        pp_buf_release(&text);
        return;
    }
    const xmlNode **kids = pp_xmalloc(nkids * sizeof *kids);
    int *match = pp_xmalloc(nkids * sizeof *match);
    size_t nel = 0;   /* element children seen, for "before which sibling" */
    const xmlNode **elkids = pp_xmalloc(nkids * sizeof *elkids);
    int *elstates = pp_xmalloc(nkids * sizeof *elstates);
    size_t i = 0;
    for (const xmlNode *k = el->children; k; k = k->next) {
        if (!(k->type == XML_ELEMENT_NODE || text_node(k))) continue;
        kids[i] = k;
        match[i] = -1;
        if (k->type == XML_ELEMENT_NODE) {
            elkids[nel] = k;
            elstates[nel++] = p;
            int d = pp_rng_deriv_element(&c->w, p, ns_of(k), (const char *)k->name, &match[i]);
            if (d < 0 && !c->w.exhausted) {
                /* a required element left out before it? Assume it, and go on */
                const char *exp[MAX_NAMES];
                size_t n = expected(c, p, exp, MAX_NAMES);
                const char *missing = NULL;
                for (size_t q = 0; q < n && !missing; q++) {
                    int m = -1;
                    int t = pp_rng_deriv_element(&c->w, pp_rng_deriv_element(&c->w, p, "", exp[q], NULL), ns_of(k),
                                                 (const char *)k->name, &m);
                    if (t >= 0 && !pp_rng_nullable(&c->w, p)) { missing = exp[q]; d = t; match[i] = m; }
                }
                /* it is there, only later: said where it stands ("must come before") */
                bool later = false;
                for (const xmlNode *z = k->next; z && missing && !later; z = z->next)
                    later = z->type == XML_ELEMENT_NODE && !strcmp((const char *)z->name, missing) && !z->ns;
                if (missing && later) {
                    /* assumed where it belongs; the later one is reported as misplaced */
                } else if (missing) {
                    pp_buf before = PP_BUF_INIT, pname = PP_BUF_INIT;
                    qname(&before, k);
                    qname(&pname, el);
                    pp_rng_finding f = { .what = PP_RNG_MISSING, .node = k, .parent = pp_buf_str(&pname), .name = missing,
                                         .where = pp_buf_str(&before) };
                    pp_buf al = PP_BUF_INIT;
                    pp_buf_printf(&al, "<%s>", missing);
                    f.allowed = pp_buf_str(&al);
                    emit(c, &f);
                    pp_buf_release(&before);
                    pp_buf_release(&pname);
                    pp_buf_release(&al);
                } else {
                    report_unexpected(c, el, k, p, elpat, elstates, nel - 1, elkids);
                    match[i] = -1;
                    d = p;   /* skip it */
                }
            }
            p = d;
        } else if (!blank((const char *)k->content)) {
            int d = pp_rng_deriv_text(&c->w, p, (const char *)k->content);
            if (d < 0 && !c->w.exhausted) report_text(c, el, k, p, elpat);
            else p = d;
        }
        i++;
        if (c->w.exhausted) break;
    }
    if (!c->w.exhausted && !pp_rng_nullable(&c->w, p)) report_missing(c, el, p, NULL);
    for (size_t j = 0; j < i && !c->w.exhausted; j++)
        if (match[j] >= 0) check_element(c, kids[j], match[j], depth + 1);
    free(kids);
    free(match);
    free(elkids);
    free(elstates);
}

static void check_element(ctx *c, const xmlNode *el, int pat, int depth)
{
    if (depth > 1000 || c->w.exhausted) return;
    size_t mark = pp_rng_work_mark(&c->w);
    int p = check_attributes(c, el, pp_rng_pat_at(&c->w, pat)->a);
    check_children(c, el, pat, p, depth);
    pp_rng_work_reset(&c->w, mark);
}

int pp_rng_explain(const pp_rng *g, const xmlDoc *doc, pp_rng_report_fn report, void *rctx)
{
    const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
    if (!root) return 0;
    ctx c = { .g = g, .report = report, .rctx = rctx };
    pp_rng_work_init(&c.w, g);
    int m = -1;
    int d = pp_rng_deriv_element(&c.w, pp_rng_start(g), ns_of(root), (const char *)root->name, &m);
    if (d < 0 || m < 0) {
        const char *exp[MAX_NAMES];
        size_t n = expected(&c, pp_rng_start(g), exp, MAX_NAMES);
        pp_buf name = PP_BUF_INIT, allowed = PP_BUF_INIT;
        qname(&name, root);
        if (root->ns) pp_buf_printf(&name, " xmlns%s%s=\"%s\"", root->ns->prefix ? ":" : "",
                                    root->ns->prefix ? (const char *)root->ns->prefix : "", ns_of(root));
        list(&allowed, exp, n, true, " or ");
        pp_rng_finding f = { .what = PP_RNG_BAD_ROOT, .node = root, .name = pp_buf_str(&name), .allowed = pp_buf_str(&allowed) };
        emit(&c, &f);
        pp_buf_release(&name);
        pp_buf_release(&allowed);
    } else {
        check_element(&c, root, m, 0);
    }
    bool exhausted = c.w.exhausted;
    pp_rng_work_release(&c.w);
    return exhausted ? -1 : c.found;
}
