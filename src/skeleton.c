#define _POSIX_C_SOURCE 200809L
#include "skeleton.h"
#include "names.h"
#include "numbering.h"
#include "resolve.h"
#include "source_write.h"
#include "template.h"
#include "xalloc.h"
#include "xml_read.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the sections of each kind ---------------------------------------------------------------
 * What the seeds' kinds hold (the implementation plans' 伍、實施步驟 二 names the
 * items an agency's plan contains; a report restates its plan's items, of which
 * only the results are essential). */
static const pp_skeleton_section plan_sections[] = {
    { "計畫依據", PP_ROLE_BASIS, true, "計畫依據，如行政院函頒「政府服務躍升方案」及上級機關計畫之日期、文號" },
    { "計畫目標", PP_ROLE_GOALS, true, "計畫目標" },
    { "實施對象", PP_ROLE_SCOPE, true, "實施對象（機關、單位）" },
    { "執行策略及具體推動作法", PP_ROLE_STRATEGIES, true, NULL },
    { "實施步驟", PP_ROLE_STEPS, true, "實施步驟與時程" },
    { "考核作業", PP_ROLE_EVALUATION, true, "考核方式與時程" },
    { "獎勵方式", PP_ROLE_REWARDS, true, "獎勵方式" },
    { "本計畫如有未盡事宜，得依實際需要修正或另行補充規定。", PP_ROLE_OTHER, false, NULL },
};
static const pp_skeleton_section implementation_sections[] = {
    { "計畫依據：", PP_ROLE_BASIS, true, "計畫依據，如行政院函頒方案之日期、文號" },
    { "計畫目標：", PP_ROLE_GOALS, true, "計畫目標" },
    { "實施機關（單位）：", PP_ROLE_SCOPE, true, "實施機關（單位）" },
    { "執行構面及策略方法：", PP_ROLE_STRATEGIES, true, NULL },
    { "實施步驟", PP_ROLE_STEPS, true, "各實施機關（單位）訂定執行計畫之步驟與時程" },
    { "考核作業", PP_ROLE_EVALUATION, true, "考核方式與時程" },
    { "獎勵方式", PP_ROLE_REWARDS, true, "獎勵方式" },
    { "本計畫如有未盡事宜，得依實際需要修正或另行補充規定。", PP_ROLE_OTHER, false, NULL },
};
static const pp_skeleton_section report_sections[] = {
    { "計畫依據", PP_ROLE_BASIS, false, "計畫依據，含本年度執行計畫之日期、文號" },
    { "計畫目標", PP_ROLE_GOALS, false, "計畫目標" },
    { "實施對象", PP_ROLE_SCOPE, false, "實施對象" },
    { "執行策略及具體推動作法", PP_ROLE_STRATEGIES, true, NULL },
    { "實施步驟", PP_ROLE_STEPS, false, "實施步驟" },
    { "考核作業", PP_ROLE_EVALUATION, false, "考核作業" },
    { "獎勵方式", PP_ROLE_REWARDS, false, "獎勵方式" },
};

const pp_skeleton_section *pp_skeleton_sections(pp_kind kind, size_t *n)
{
    switch (kind) {
    case PP_KIND_IMPLEMENTATION_PLAN: *n = sizeof implementation_sections / sizeof *implementation_sections; return implementation_sections;
    case PP_KIND_REPORT: *n = sizeof report_sections / sizeof *report_sections; return report_sections;
    default: *n = sizeof plan_sections / sizeof *plan_sections; return plan_sections;
    }
}

static const char *default_title(pp_kind kind)
{
    return kind == PP_KIND_REPORT ? "提升服務效能執行績效與成果"
         : kind == PP_KIND_IMPLEMENTATION_PLAN ? "提升服務效能實施計畫" : "提升服務效能執行計畫";
}

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

static pp_doc *blank(pp_kind kind, int year, const pp_template *t)
{
    pp_doc *doc = pp_xcalloc(1, sizeof *doc);
    doc->kind = kind;
    doc->lang = pp_xstrdup("zh-TW");
    doc->meta.agency = placeholder("機關名稱");
    doc->meta.title = pp_xstrdup(default_title(kind));
    doc->meta.year = year;
    doc->root = pp_node_new(PP_NODE_DOCUMENT, 0, 0);
    size_t n;
    const pp_skeleton_section *secs = pp_skeleton_sections(kind, &n);
    for (size_t i = 0; i < n; i++) {
        pp_node *s = pp_node_new(PP_NODE_SECTION, 0, 0);
        s->text = pp_xstrdup(secs[i].title);
        s->role = secs[i].role;
        pp_node_append(doc->root, s);
        if (secs[i].role == PP_ROLE_STRATEGIES) {
            const pp_columnset *cs = pp_template_columns(t, NULL);
            if (cs) pp_node_append(s, example_table(cs, kind == PP_KIND_REPORT));
            else pp_node_append(s, para(PP_NODE_PARAGRAPH, "執行策略"));
        } else if (secs[i].ask) {
            pp_node_append(s, para(PP_NODE_PARAGRAPH, secs[i].ask));
        }
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
            c->next = NULL;
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

/* 提升服務效能執行計畫 ↔ 提升服務效能執行績效與成果 */
static char *retitle(const char *title, bool to_report)
{
    const char *from = to_report ? "執行計畫" : "執行績效與成果", *to = to_report ? "執行績效與成果" : "執行計畫";
    size_t l = strlen(title);
    char *s = pp_xmalloc(l + strlen(to) + strlen(from) + 1);
    if (ends_with(title, from)) {
        memcpy(s, title, l - strlen(from));
        strcpy(s + l - strlen(from), to);
    } else {
        strcpy(s, title);
        if (to_report && !ends_with(title, "成果")) strcat(s, "執行績效與成果");
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

static int renumber(pp_doc *doc, pp_kind from, pp_kind to, pp_diag *d)
{
    if (from == to) return 0;
    pp_template *a = pp_template_load(NULL, from, d), *b = a ? pp_template_load(NULL, to, d) : NULL;
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

static pp_doc *derive(pp_kind kind, const char *from, const char *schema, pp_diag *d)
{
    pp_doc *doc = pp_xml_read(from, schema, d);
    if (!doc) return NULL;
    if (renumber(doc, doc->kind, kind, d) != 0) { pp_doc_free(doc); return NULL; }
    bool was_report = doc->kind == PP_KIND_REPORT, report = kind == PP_KIND_REPORT;
    /* a plan's report is for the plan's year; anything else is next year's */
    if (!(report && !was_report) && doc->meta.year) doc->meta.year++;
    free(doc->meta.issued);
    doc->meta.issued = NULL;
    doc->meta.issued_y = doc->meta.issued_m = doc->meta.issued_d = 0;
    if (report != was_report) {
        char *t = retitle(doc->meta.title, report);
        free(doc->meta.title);
        doc->meta.title = t;
    }
    if (report || was_report) refill(doc->root, report);
    doc->kind = kind;
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

int pp_skeleton_write(pp_kind kind, const pp_skeleton_opts *o, pp_buf *out, pp_diag *d)
{
    char schema[PATH_MAX];
    snprintf(schema, sizeof schema, "%s/document.rng", pp_template_dir());
    pp_doc *doc = NULL;
    if (o && o->from) {
        doc = derive(kind, o->from, schema, d);
    } else {
        pp_template *t = pp_template_load(NULL, kind, d);
        if (t) doc = blank(kind, o && o->year ? o->year : this_roc_year(), t);
        pp_template_free(t);
    }
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
    const char *fields[] = { m->agency, m->title, m->issued };
    const char *names[] = { "<agency>", "<title>", "<issued>" };
    long lines[] = { m->agency_line, 0, m->issued_line };
    for (int i = 0; i < 3; i++) {
        if (!fields[i] || !strstr(fields[i], PP_PLACEHOLDER)) continue;
        char q[160];
        quote(q, sizeof q, fields[i]);
        pp_msg(d, PP_LOC(doc->file, lines[i], 0), PLACEHOLDER, names[i], q);
    }
    scan(doc, doc->root, d);
}
