#define _POSIX_C_SOURCE 200809L
#include "skeleton.h"
#include "names.h"
#include "numbering.h"
#include "resolve.h"
#include "source_write.h"
#include "suggest.h"
#include "template.h"
#include "xalloc.h"
#include "xml_read.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- building blocks --------------------------------------------------------------------------- */

static char *placeholder(const char *ask)
{
    size_t l = strlen(PP_PLACEHOLDER) + strlen(ask) + 16;
    char *s = pp_xmalloc(l);
    snprintf(s, l, "%s：%s】", PP_PLACEHOLDER, ask);
    return s;
}

static pp_node *text_node(char *s)
{
    pp_node *t = pp_node_new(PP_NODE_TEXT, 0, 0);
    t->text = s;
    return t;
}

static pp_node *para(pp_node_type type, const char *ask)
{
    pp_node *p = pp_node_new(type, 0, 0);
    pp_node_append(p, text_node(placeholder(ask)));
    return p;
}

/* An outcome to fill: ACTIONS in a plan, RESULTS in a report. */
static pp_node *outcome(bool report, bool numbered)
{
    pp_node *o = pp_node_new(report ? PP_NODE_RESULTS : PP_NODE_ACTIONS, 0, 0);
    o->numbered = numbered;
    pp_node_append(o, para(PP_NODE_PARAGRAPH, report ? "執行績效與成果" : "具體推動作法"));
    return o;
}

/* The example row of a strategy table, shaped by the column set: a dimension
 * and a group where the set has them. */
static pp_node *example_table(const pp_columnset *cs, bool report)
{
    pp_node *st = pp_node_new(PP_NODE_STRATEGIES, 0, 0);
    st->text = pp_xstrdup(cs->name);
    bool dim = cs->caption != NULL, group = false, units = false;
    for (int i = 0; i < cs->ncols; i++) {
        if (cs->cols[i].content == PP_COL_DIMENSION) dim = true;
        if (cs->cols[i].content == PP_COL_GROUP) group = true;
        if (cs->cols[i].content == PP_COL_UNITS) units = true;
    }
    pp_node *parent = st;
    if (dim) {
        pp_node *d = pp_node_new(PP_NODE_DIMENSION, 0, 0);
        d->text = placeholder("構面名稱");
        pp_node_append(parent, d);
        parent = d;
    }
    if (group) {
        pp_node *g = pp_node_new(PP_NODE_GROUP, 0, 0);
        g->text = placeholder("策略類別");
        pp_node_append(parent, g);
        parent = g;
    }
    pp_node *s = pp_node_new(PP_NODE_STRATEGY, 0, 0);
    pp_node_append(parent, s);
    pp_node *name = pp_node_new(PP_NODE_NAME, 0, 0);
    pp_node_append(name, text_node(placeholder("策略名稱")));
    pp_node_append(s, name);
    if (units) {
        pp_node *u = pp_node_new(PP_NODE_UNITS, 0, 0);
        pp_node *un = pp_node_new(PP_NODE_UNIT, 0, 0);
        un->text = placeholder("主辦單位");
        pp_node_append(u, un);
        pp_node_append(s, u);
    }
    pp_node_append(s, outcome(report, false));
    return st;
}

static int this_roc_year(void)
{
    /* SOURCE_DATE_EPOCH, when set, is "now" (reproducible builds and tests) */
    const char *e = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long v = e ? strtoll(e, &end, 10) : 0;
    time_t now = e && end && !*end && v > 0 ? (time_t)v : time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return pp_roc_year(tm.tm_year + 1900);
}

/* The kind's title when its profile's subject is plain words (not a pattern). */
static char *default_title(const pp_profile *p)
{
    if (p && p->subject && *p->subject && !strchr(p->subject, '{')) return pp_xstrdup(p->subject);
    return placeholder("文件名稱");
}

static bool reports_results(const pp_profile *p) { return p && p->outcome && strcmp(p->outcome, "results") == 0; }

/* A section of the skeleton: its title, role and placeholder text (or a strategy table). */
static void add_section(pp_node *root, const char *title, const char *role, const pp_template *t, bool report)
{
    pp_node *s = pp_node_new(PP_NODE_SECTION, 0, 0);
    s->text = pp_xstrdup(title);
    s->role = role ? pp_xstrdup(role) : NULL;
    pp_node_append(root, s);
    if (role && strcmp(role, "strategies") == 0) {
        const pp_columnset *cs = pp_template_columns(t, NULL);
        if (cs) { pp_node_append(s, example_table(cs, report)); return; }
    }
    pp_node_append(s, para(PP_NODE_PARAGRAPH, title));
}

/* The skeleton of `kind`: a section for each one its profile requires or expects,
 * in the profile's order; a kind that names none gets one section to rename. */
static pp_doc *blank(const char *kind, int year, const pp_template *t)
{
    const pp_profile *p = pp_template_profile(t, kind);
    pp_doc *doc = pp_xcalloc(1, sizeof *doc);
    doc->kind = pp_xstrdup(kind);
    doc->lang = pp_xstrdup("zh-TW");
    doc->meta.agency = placeholder("機關名稱");
    doc->meta.title = default_title(p);
    doc->meta.year = year;
    doc->root = pp_node_new(PP_NODE_DOCUMENT, 0, 0);
    bool report = reports_results(p);
    for (int i = 0; p && i < p->nneeds; i++) {
        char role[64];
        snprintf(role, sizeof role, "%s", p->needs[i].roles ? p->needs[i].roles : "");
        role[strcspn(role, " ")] = 0;   /* the first of the roles that satisfy it */
        add_section(doc->root, p->needs[i].name ? p->needs[i].name : role, *role ? role : NULL, t, report);
    }
    if (!p || !p->nneeds) {
        char *title = placeholder("章節標題");
        add_section(doc->root, title, NULL, t, report);
        free(title);
    }
    return doc;
}

/* ---- from an existing document ------------------------------------------------------------------- */

/* Every outcome of the strategy table turned into one to fill (report: results). */
static void refill(pp_node *n, bool report)
{
    for (pp_node *c = n->first; c;) {
        pp_node *next = c->next;
        if (c->type == PP_NODE_ACTIONS || c->type == PP_NODE_RESULTS) {
            pp_node *o = outcome(report, c->numbered);
            /* o takes c's place */
            o->parent = n;
            o->prev = c->prev;
            o->next = c->next;
            if (c->prev) c->prev->next = o; else n->first = o;
            if (c->next) c->next->prev = o; else n->last = o;
            c->parent = c->prev = c->next = NULL;   /* out of the tree already: nothing to unlink */
            pp_node_free(c);
        } else if (c->type == PP_NODE_SECTION || c->type == PP_NODE_STRATEGIES || c->type == PP_NODE_DIMENSION ||
                   c->type == PP_NODE_GROUP || c->type == PP_NODE_STRATEGY || c->type == PP_NODE_SUB) {
            refill(c, report);
        }
        c = next;
    }
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* The title with the old kind's label at its end replaced by the new kind's
 * (提升服務效能執行計畫 -> 提升服務效能執行績效與成果); without it, the label added. */
static char *retitle(const char *title, const pp_profile *from, const pp_profile *to)
{
    const char *old = from && from->label ? from->label : "", *now = to && to->label ? to->label : "";
    size_t l = strlen(title);
    char *s = pp_xmalloc(l + strlen(now) + 1);
    if (*old && ends_with(title, old)) {
        memcpy(s, title, l - strlen(old));
        strcpy(s + l - strlen(old), now);
    } else {
        strcpy(s, title);
        if (!ends_with(title, now)) strcat(s, now);
    }
    return s;
}

/* The labels of every node, in tree order (NULL where none), malloc'd strings. */
typedef struct labels { char **v; size_t n, cap; } labels;

static void take_labels(const pp_node *n, labels *l)
{
    for (const pp_node *c = n->first; c; c = c->next) {
        PP_GROW(l->v, l->cap, l->n + 1);
        l->v[l->n++] = c->label ? pp_xstrdup(c->label) : NULL;
        take_labels(c, l);
    }
}

/* Where the new kind's template numbers a node otherwise than the old kind's
 * did, the old label is kept (label="…"): the new document is in the plan's numbering. */
static void keep_labels(pp_node *n, const labels *l, size_t *i)
{
    for (pp_node *c = n->first; c; c = c->next) {
        const char *old = *i < l->n ? l->v[*i] : NULL;
        (*i)++;
        const char *now = c->label ? c->label : "";
        if (!c->has_label && (c->type == PP_NODE_SECTION || c->type == PP_NODE_ITEM || c->type == PP_NODE_DIMENSION ||
                              c->type == PP_NODE_GROUP || c->type == PP_NODE_STRATEGY || c->type == PP_NODE_SUB) &&
            strcmp(old ? old : "", now) != 0) {
            free(c->label);
            c->label = pp_xstrdup(old ? old : "");
            c->has_label = true;
        }
        keep_labels(c, l, i);
    }
}

static int renumber(pp_doc *doc, const char *from, const char *to, pp_diag *d)
{
    const char *ta = pp_template_for_kind(from), *tb = pp_template_for_kind(to);
    if (strcmp(ta, tb) == 0) return 0;
    pp_template *a = pp_template_load(ta, NULL, d), *b = a ? pp_template_load(tb, NULL, d) : NULL;
    if (!a || !b) { pp_template_free(a); pp_template_free(b); return -1; }
    labels l = { 0 };
    pp_resolve(doc, a);
    take_labels(doc->root, &l);
    pp_resolve(doc, b);
    size_t i = 0;
    keep_labels(doc->root, &l, &i);
    for (size_t k = 0; k < l.n; k++) free(l.v[k]);
    free(l.v);
    pp_template_free(a);
    pp_template_free(b);
    return 0;
}

static pp_doc *derive(const char *kind, const pp_template *t, const char *from, const char *schema, pp_diag *d)
{
    pp_doc *doc = pp_xml_read(from, schema, d);
    if (!doc) return NULL;
    if (renumber(doc, doc->kind, kind, d) != 0) { pp_doc_free(doc); return NULL; }
    const pp_profile *pa = pp_template_profile(t, doc->kind), *pb = pp_template_profile(t, kind);
    bool was_report = reports_results(pa), report = reports_results(pb);
    /* a plan's report is for the plan's year; anything else is next year's */
    if (!(report && !was_report) && doc->meta.year) doc->meta.year++;
    for (size_t i = 0; i < doc->meta.nissued; i++) { free(doc->meta.issued[i].text); free(doc->meta.issued[i].format); }
    free(doc->meta.issued);
    doc->meta.issued = NULL;
    doc->meta.nissued = 0;
    if (strcmp(doc->kind, kind) != 0) {
        char *title = retitle(doc->meta.title, pa, pb);
        free(doc->meta.title);
        doc->meta.title = title;
    }
    if (report || was_report) refill(doc->root, report);
    free(doc->kind);
    doc->kind = pp_xstrdup(kind);
    return doc;
}

/* ---- writing ---------------------------------------------------------------------------------------- */

/* The hints written as comments: what the file is, and how to add to a strategy table. */
static void hints(pp_buf *out, const pp_node *n, int indent, void *ctx)
{
    (void)ctx;
    if (n->type == PP_NODE_DOCUMENT) {
        pp_buf_puts(out, "<!-- planpress source. Replace every 【請填寫：…】 (planpress check lists those left),\n"
                         "     then: planpress check FILE.xml && planpress render FILE.xml\n"
                         "     Numbers (壹、一、（一）1.(1)) are never typed: they come from the nesting. -->\n");
        return;
    }
    if (n->type != PP_NODE_STRATEGIES) return;
    char pad[64];
    int k = indent < 60 ? indent : 60;
    memset(pad, ' ', (size_t)k);
    pad[k] = 0;
    pp_buf_printf(out,
        "%s<!-- To add a strategy, copy a whole <strategy>…</strategy> and rewrite it:\n"
        "%s       <strategy>\n"
        "%s         <name>策略名稱</name>\n"
        "%s         <units><unit>主辦單位</unit><unit>協辦單位</unit></units>\n"
        "%s         <actions>具體推動作法</actions>   (a report: <results>執行績效與成果</results>)\n"
        "%s       </strategy>\n"
        "%s     Sub-items go inside it, after the units: <sub><desc>…</desc><actions>…</actions></sub>.\n"
        "%s     A group or dimension holds strategies: <group name=\"…\"><strategy>…</strategy></group>. -->\n",
        pad, pad, pad, pad, pad, pad, pad, pad);
}

int pp_skeleton_write(const char *kind, const pp_skeleton_opts *o, pp_buf *out, pp_diag *d)
{
    const char *dir = pp_template_dir(d);
    if (!dir) return -1;
    char schema[PATH_MAX];
    snprintf(schema, sizeof schema, "%s/document.rng", dir);
    pp_template *t = pp_template_load(pp_template_for_kind(kind), NULL, d);
    if (!t) return -1;
    if (!pp_template_profile(t, kind)) {
        const char **names = pp_xcalloc((size_t)t->nprofiles + 1, sizeof *names);
        for (int i = 0; i < t->nprofiles; i++) names[i] = t->profiles[i].kind;
        const char *near = pp_suggest(kind, names, (size_t)t->nprofiles);
        char list[1024];
        pp_suggest_list(list, sizeof list, names, (size_t)t->nprofiles);
        pp_msg(d, PP_NOWHERE, NEW_UNKNOWN_KIND, kind, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "",
               list, t->name);
        free(names);
        pp_template_free(t);
        return -1;
    }
    pp_doc *doc = o && o->from ? derive(kind, t, o->from, schema, d)
                               : blank(kind, o && o->year ? o->year : this_roc_year(), t);
    pp_template_free(t);
    if (!doc) return -1;
    pp_source_opts so = { .schema_href = schema, .before = hints };
    pp_source_write(doc, &so, out);
    pp_doc_free(doc);
    return 0;
}

/* ---- placeholders left ------------------------------------------------------------------------------- */

static void quote(char *buf, size_t cap, const char *s)
{
    const char *p = strstr(s, PP_PLACEHOLDER);
    const char *end = p ? strstr(p, "】") : NULL;
    size_t n = p ? (end ? (size_t)(end - p) + strlen("】") : strlen(p)) : 0;
    if (n >= cap) n = cap - 1;
    if (p) memcpy(buf, p, n);
    buf[n] = 0;
}

static void scan(const pp_doc *doc, const pp_node *n, pp_diag *d)
{
    for (const pp_node *c = n->first; c; c = c->next) {
        const char *s = c->text;
        if (s && strstr(s, PP_PLACEHOLDER)) {
            char q[160], what[64];
            quote(q, sizeof q, s);
            long line = c->text_line ? c->text_line : c->line, col = c->text_line ? c->text_col : c->col;
            snprintf(what, sizeof what, "%s", c->type == PP_NODE_SECTION ? "the section title" :
                     c->type == PP_NODE_UNIT ? "a unit" : c->type == PP_NODE_TEXT ? "the text" : "the name");
            pp_msg(d, PP_LOC(doc->file, line, col), PLACEHOLDER, what, q);
        }
        scan(doc, c, d);
    }
}

void pp_skeleton_placeholders(const pp_doc *doc, pp_diag *d)
{
    const pp_meta *m = &doc->meta;
    const char *fields[] = { m->agency, m->title };
    const char *names[] = { "<agency>", "<title>" };
    for (int i = 0; i < 2; i++) {
        if (!fields[i] || !strstr(fields[i], PP_PLACEHOLDER)) continue;
        char q[160];
        quote(q, sizeof q, fields[i]);
        pp_msg(d, PP_LOC(doc->file, 0, 0), PLACEHOLDER, names[i], q);
    }
    for (size_t i = 0; i < m->nissued; i++) {
        if (!m->issued[i].text || !strstr(m->issued[i].text, PP_PLACEHOLDER)) continue;
        char q[160];
        quote(q, sizeof q, m->issued[i].text);
        pp_msg(d, PP_LOC(doc->file, m->issued[i].line, m->issued[i].col), PLACEHOLDER, "<issued>", q);
    }
    scan(doc, doc->root, d);
}
