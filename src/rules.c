#define _POSIX_C_SOURCE 200809L
#include "rules.h"
#include "numbering.h"
#include "utf8.h"
#include "xalloc.h"
#include "xml_read.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The items a plan must contain (伍、實施步驟 二 of the implementation plans). */
static const struct { pp_role role; const char *name; } required[] = {
    { PP_ROLE_BASIS, "計畫依據" }, { PP_ROLE_GOALS, "目標" }, { PP_ROLE_SCOPE, "實施對象" },
    { PP_ROLE_STRATEGIES, "執行策略及具體推動作法" }, { PP_ROLE_STEPS, "實施步驟" },
    { PP_ROLE_EVALUATION, "考核作業" }, { PP_ROLE_REWARDS, "獎勵方式" },
};

/* ---- names ------------------------------------------------------------------ */

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000;
}

static bool blank(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, len - i, &cp);
        if (!is_space(cp)) return false;
    }
    return true;
}

/* Whitespace dropped and full-width ASCII (（）：，) folded, so that 「跨機關（單位）整合」
 * and 「跨機關(單位)整合」 are one strategy; then the trailing colons the report
 * prints after a name (「提升服務及時性:」) go. */
char *pp_rules_name_key(const char *name)
{
    size_t len = strlen(name), o = 0;
    char *k = pp_xmalloc(len + 1);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(name + i, len - i, &cp);
        if (is_space(cp)) continue;
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFF01 - 0x21;
        o += pp_utf8_encode(cp, k + o);
    }
    while (o && k[o - 1] == ':') o--;
    k[o] = 0;
    return k;
}

/* A name as messages quote it: whitespace runs as one space, no trailing colon, long
 * description-like names (002 開放創新) cut after 30 characters. */
static void display(char *buf, size_t cap, const char *name)
{
    enum { MAX_CHARS = 30 };
    size_t len = strlen(name), o = 0, chars = 0;
    bool space = false;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = pp_utf8_decode(name + i, len - i, &cp);
        if (is_space(cp)) { space = o > 0; i += n; continue; }
        if (chars == MAX_CHARS) {
            if (o + 4 < cap) { memcpy(buf + o, "…", 3); o += 3; }
            break;
        }
        if (space) { if (o + 2 >= cap) break; buf[o++] = ' '; chars++; space = false; }
        if (o + n + 4 >= cap) break;
        memcpy(buf + o, name + i, n);
        o += n;
        chars++;
        i += n;
    }
    buf[o] = 0;
    /* drop a trailing ":" or "：" (not when the name was cut) */
    if (i >= len) {
        if (o >= 1 && buf[o - 1] == ':') buf[--o] = 0;
        else if (o >= 3 && memcmp(buf + o - 3, "：", 3) == 0) buf[o -= 3] = 0;
    }
}

static char *strategy_name(const pp_node *st)
{
    return pp_node_text(pp_node_child(st, PP_NODE_NAME));
}

/* "strategy 「X」", "sub-item 2 of strategy 「X」", "group 「X」". */
static void describe(char *buf, size_t cap, const pp_node *owner)
{
    char name[160];
    if (owner->type == PP_NODE_GROUP || owner->type == PP_NODE_DIMENSION) {
        display(name, sizeof name, owner->text ? owner->text : "");
        snprintf(buf, cap, "%s 「%s」", owner->type == PP_NODE_GROUP ? "group" : "dimension", name);
        return;
    }
    const pp_node *st = owner->type == PP_NODE_SUB ? owner->parent : owner;
    char *s = strategy_name(st);
    display(name, sizeof name, s);
    free(s);
    if (owner->type == PP_NODE_SUB) {
        int k = 1;
        for (const pp_node *p = owner->prev; p; p = p->prev) if (p->type == PP_NODE_SUB) k++;
        snprintf(buf, cap, "sub-item %d of strategy 「%s」", k, name);
    } else {
        snprintf(buf, cap, "strategy 「%s」", name);
    }
}

/* ---- the source, re-read only to place a date found inside a text ------------
 * The tree keeps a line and column per element; text nodes have neither (libxml2
 * records their line inconsistently). To point at the date itself, the source is
 * read again, once, and only when there is a date to report. */
typedef struct source {
    bool tried;
    char *buf;
    size_t len;
    size_t *lines;          /* offset of each line's start, 1-based */
    size_t nlines;
    size_t cursor;          /* dates are placed in document order: search from here on */
} source;

static void source_load(source *s, const char *path)
{
    s->tried = true;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) return;
    size_t cap = 0;
    for (;;) {
        PP_GROW(s->buf, cap, s->len + 65536);
        size_t got = fread(s->buf + s->len, 1, cap - s->len, f);
        s->len += got;
        if (got == 0) break;
    }
    fclose(f);
    size_t lcap = 0;
    PP_GROW(s->lines, lcap, 2);
    s->lines[0] = s->lines[1] = 0;
    s->nlines = 1;
    for (size_t i = 0; i < s->len; i++)
        if (s->buf[i] == '\n') {
            PP_GROW(s->lines, lcap, s->nlines + 2);
            s->lines[++s->nlines] = i + 1;
        }
}

static long chars_between(const char *b, size_t from, size_t to)
{
    long n = 0;
    for (size_t k = from; k < to; k++) if (((unsigned char)b[k] & 0xC0) != 0x80) n++;
    return n;
}

/* Finds `lit` at or after the element at line:col; on success sets line/col to it. */
static void source_place(source *s, const char *file, const char *lit, long *line, long *col)
{
    if (!s->tried) source_load(s, file);
    if (!s->buf || *line < 1 || (size_t)*line > s->nlines) return;
    size_t from = s->lines[*line];
    size_t eol = (size_t)*line < s->nlines ? s->lines[*line + 1] : s->len;
    for (long c = 1; c < *col && from < eol; from++)
        if (from + 1 >= s->len || ((unsigned char)s->buf[from + 1] & 0xC0) != 0x80) c++;
    /* a start tag over several lines has the line of its end: then search the whole line */
    if (from >= eol) from = s->lines[*line];
    if (from < s->cursor) from = s->cursor;
    size_t ll = strlen(lit);
    for (size_t i = from; ll && i + ll <= s->len; i++) {
        if (memcmp(s->buf + i, lit, ll) != 0) continue;
        /* 「2月30日」 is not the tail of 「102月30日」 (full-width digits end in EF BC 9x) */
        if (i && s->buf[i - 1] >= '0' && s->buf[i - 1] <= '9') continue;
        if (i >= 3 && (unsigned char)s->buf[i - 3] == 0xEF && (unsigned char)s->buf[i - 2] == 0xBC
            && (unsigned char)s->buf[i - 1] >= 0x90 && (unsigned char)s->buf[i - 1] <= 0x99) continue;
        size_t lo = 1, hi = s->nlines;   /* last line starting at or before i */
        while (lo < hi) {
            size_t mid = (lo + hi + 1) / 2;
            if (s->lines[mid] <= i) lo = mid; else hi = mid - 1;
        }
        *line = (long)lo;
        *col = chars_between(s->buf, s->lines[lo], i) + 1;
        s->cursor = i + 1;
        return;
    }
}

static void source_free(source *s)
{
    free(s->buf);
    free(s->lines);
}

/* ---- the checks ---------------------------------------------------------------- */

typedef struct seen_strategy { char *key; const pp_node *n; } seen_strategy;

typedef struct ctx {
    const pp_doc *doc;
    const pp_template *t;
    pp_diag *d;
    bool has_units;          /* the current strategy table has a units column */
    seen_strategy *seen;     /* strategies so far, for duplicates */
    size_t nseen, capseen;
    source src;
} ctx;

static const char *outcome_word(const ctx *c)
{
    return c->doc->kind == PP_KIND_REPORT ? "results" : "actions";
}

/* ROC dates in running text: 「110年2月30日」, 「110年13月」, and 「8月31日」 after a year
 * in the same text (「110年2月5日及8月31日」), else checked as if in a leap year. */
static size_t read_digits(const char *s, size_t len, size_t i, long *v, int *ndig)
{
    *v = 0;
    *ndig = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        int dig;
        size_t n;
        if (b >= '0' && b <= '9') { dig = b - '0'; n = 1; }
        else if (b == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC
                 && (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
            dig = (unsigned char)s[i + 2] - 0x90; n = 3;        /* full-width ０-９ */
        } else break;
        if (*ndig < 6) *v = *v * 10 + dig;
        (*ndig)++;
        i += n;
    }
    return i;
}

static bool at(const char *s, size_t len, size_t i, const char *w)
{
    size_t l = strlen(w);
    return i + l <= len && memcmp(s + i, w, l) == 0;
}

static void date_error(ctx *c, long line, long col, const char *s, size_t from, size_t to, const char *why)
{
    char *lit = pp_xstrndup(s + from, to - from);
    source_place(&c->src, c->doc->file, lit, &line, &col);
    pp_error(c->d, c->doc->file, line, col, "date %s does not exist%s", lit, why);
    free(lit);
}

/* line:col is the element holding the text: the date is looked for from there on. */
static void scan_dates(ctx *c, long line, long col, const char *s)
{
    size_t len = strlen(s);
    long year = 0;                       /* Gregorian year of the last 「N年」, 0 = none */
    for (size_t i = 0; i < len;) {
        long a, m, dd;
        int na, nm, nd;
        size_t j = read_digits(s, len, i, &a, &na);   /* a whole run: never starts mid-number */
        if (j == i) {
            unsigned char b = (unsigned char)s[i];
            i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            continue;
        }
        size_t start = i;
        i = j;
        if (na > 4) continue;             /* 第11490000310號 */
        if (at(s, len, i, "年")) {
            i += 3;
            long y = a >= 1912 ? a : a + 1911;
            size_t k = read_digits(s, len, i, &m, &nm);
            if (nm == 0 || !at(s, len, k, "月")) continue;   /* 「110年度」「連續3年」 */
            year = a > 0 ? y : 0;
            size_t end = k + 3;
            size_t k2 = read_digits(s, len, end, &dd, &nd);
            bool day = nd > 0 && nd <= 2 && at(s, len, k2, "日");
            if (day) end = k2 + 3;
            pp_date dt = { (int)y, nm <= 2 ? (int)m : 0, day ? (int)dd : 1 };
            if (a == 0) date_error(c, line, col, s, start, end, " (there is no year 0)");
            else if (dt.month < 1 || dt.month > 12) date_error(c, line, col, s, start, end, " (no such month)");
            else if (!pp_date_valid(&dt)) date_error(c, line, col, s, start, end, "");
            i = end;
        } else if (at(s, len, i, "月") && na <= 2) {
            /* a month alone may be a count (「每3月」): only a month with a day is a date */
            i += 3;
            size_t k2 = read_digits(s, len, i, &dd, &nd);
            if (nd == 0 || nd > 2 || !at(s, len, k2, "日")) continue;
            pp_date dt = { year ? (int)year : 2000, (int)a, (int)dd };
            if (dt.month < 1 || dt.month > 12) date_error(c, line, col, s, start, k2 + 3, " (no such month)");
            else if (!pp_date_valid(&dt)) date_error(c, line, col, s, start, k2 + 3, "");
            i = k2 + 3;
        }
    }
}

static void mark_roles(const pp_node *n, bool *seen)
{
    for (const pp_node *x = n->first; x; x = x->next)
        if (x->type == PP_NODE_SECTION) { seen[x->role] = true; mark_roles(x, seen); }
}

static void check_required(ctx *c)
{
    bool seen[PP_ROLE__COUNT] = { 0 };
    mark_roles(c->doc->root, seen);
    const pp_doc *doc = c->doc;
    const char *what = doc->kind == PP_KIND_REPORT ? "report"
                     : doc->kind == PP_KIND_IMPLEMENTATION_PLAN ? "implementation plan" : "plan";
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (seen[required[i].role]) continue;
        /* 伍、實施步驟 二 binds plans; a report restates them, but only its results are essential */
        pp_level lvl = doc->kind != PP_KIND_REPORT || required[i].role == PP_ROLE_STRATEGIES ? PP_ERROR : PP_WARNING;
        pp_diag_emit(c->d, lvl, doc->file, doc->root->line, doc->root->col,
                     "the %s lacks %s (no <section role=\"%s\">)", what, required[i].name,
                     pp_role_name(required[i].role));
    }
}

static void check_issued(ctx *c)
{
    const pp_meta *m = &c->doc->meta;
    if (!m->issued_y || !m->year) return;
    int roc = pp_roc_year(m->issued_y);
    /* a plan is issued late in the year before its year or during it; a report
     * after its year is over, or during it for a half-year report */
    bool report = c->doc->kind == PP_KIND_REPORT;
    int lo = report ? m->year : m->year - 1, hi = report ? m->year + 1 : m->year;
    if (roc >= lo && roc <= hi) return;
    pp_error(c->d, c->doc->file, m->issued_line, m->issued_col,
             "issued %04d-%02d-%02d, in ROC year %d, which does not fit the document year %d "
             "(a %s is issued in ROC year %d or %d)", m->issued_y, m->issued_m, m->issued_d, roc,
             m->year, report ? "report" : "plan", lo, hi);
}

static void check_table(ctx *c, const pp_node *st)
{
    const pp_columnset *cs = pp_template_columns(c->t, st->text);
    c->has_units = false;
    if (!cs)
        pp_error(c->d, c->doc->file, st->line, st->col, "the template has no strategy column set '%s'", st->text ? st->text : "");
    else
        for (int i = 0; i < cs->ncols; i++) if (cs->cols[i].content == PP_COL_UNITS) c->has_units = true;
    if (!st->score) return;
    long sum = 0;
    int ndims = 0;
    for (const pp_node *dim = st->first; dim; dim = dim->next)
        if (dim->type == PP_NODE_DIMENSION) { ndims++; sum += dim->score; }
    if (!ndims)
        pp_error(c->d, c->doc->file, st->line, st->col, "the table declares a total of %ld but has no dimensions to score", st->score);
    else if (sum != st->score)
        pp_error(c->d, c->doc->file, st->line, st->col, "the dimension scores add up to %ld, not the declared total %ld", sum, st->score);
}

static void check_units(ctx *c, const pp_node *units, const pp_node *owner)
{
    for (const pp_node *u = units->first; u; u = u->next) {
        if (u->type != PP_NODE_UNIT || !blank(u->text ? u->text : "")) continue;
        char who[200];
        describe(who, sizeof who, owner);
        pp_error(c->d, c->doc->file, u->line, u->col, "%s has an empty <unit>", who);
    }
}

static const pp_node *outcome_of(const pp_node *owner)
{
    const pp_node *o = pp_node_child(owner, PP_NODE_ACTIONS);
    return o ? o : pp_node_child(owner, PP_NODE_RESULTS);
}

/* A row owner: a strategy without sub-items, a sub-item, or a strategy-less group. */
static void check_row(ctx *c, const pp_node *owner, bool units_above)
{
    char who[200];
    describe(who, sizeof who, owner);
    const pp_node *units = pp_node_child(owner, PP_NODE_UNITS);
    if (units) check_units(c, units, owner);
    if (units && units_above)
        pp_error(c->d, c->doc->file, units->line, units->col,
                 "%s has its own <units>, but the strategy's <units> are printed for all its sub-items", who);
    else if (c->has_units && !units && !units_above && owner->type == PP_NODE_SUB) {
        /* a strategy whose sub-items have no units at all is reported once, on the strategy */
        bool any = false;
        for (const pp_node *s = owner->parent->first; s; s = s->next)
            if (s->type == PP_NODE_SUB && pp_node_child(s, PP_NODE_UNITS)) any = true;
        if (any) pp_error(c->d, c->doc->file, owner->line, owner->col, "%s has no units", who);
    } else if (c->has_units && !units && !units_above) {
        pp_error(c->d, c->doc->file, owner->line, owner->col, "%s has no units", who);
    }
    if (!outcome_of(owner))
        pp_error(c->d, c->doc->file, owner->line, owner->col, "%s has no %s", who, outcome_word(c));
}

static void check_strategy(ctx *c, const pp_node *st)
{
    char who[200];
    describe(who, sizeof who, st);
    const pp_node *name = pp_node_child(st, PP_NODE_NAME);
    char *text = strategy_name(st);
    if (blank(text)) {
        pp_error(c->d, c->doc->file, name ? name->line : st->line, name ? name->col : st->col, "a strategy has an empty <name>");
    } else {
        char *key = pp_rules_name_key(text);
        size_t i = 0;
        while (i < c->nseen && strcmp(c->seen[i].key, key) != 0) i++;
        if (i < c->nseen) {
            pp_error(c->d, c->doc->file, st->line, st->col, "%s appears twice (first at %ld:%ld)",
                     who, c->seen[i].n->line, c->seen[i].n->col);
            free(key);
        } else {
            PP_GROW(c->seen, c->capseen, c->nseen + 1);
            c->seen[c->nseen++] = (seen_strategy){ key, st };
        }
    }
    free(text);
    bool subs = pp_node_child(st, PP_NODE_SUB) != NULL;
    if (!subs) { check_row(c, st, false); return; }
    const pp_node *units = pp_node_child(st, PP_NODE_UNITS);
    if (units) check_units(c, units, st);
    const pp_node *o = outcome_of(st);
    if (o)
        pp_error(c->d, c->doc->file, o->line, o->col, "%s has sub-items, so its own <%s> are not printed (give them to the sub-items)",
                 who, o->type == PP_NODE_ACTIONS ? "actions" : "results");
    if (c->has_units && !units) {
        bool any = false;
        for (const pp_node *s = st->first; s; s = s->next)
            if (s->type == PP_NODE_SUB && pp_node_child(s, PP_NODE_UNITS)) any = true;
        if (!any) pp_error(c->d, c->doc->file, st->line, st->col, "%s has no units", who);
    }
}

static void check_outcome(ctx *c, const pp_node *o)
{
    char who[200];
    describe(who, sizeof who, o->parent);
    const char *el = o->type == PP_NODE_ACTIONS ? "actions" : "results";
    char *text = pp_node_text(o);
    if (blank(text)) pp_error(c->d, c->doc->file, o->line, o->col, "the %s of %s are empty", el, who);
    free(text);
    bool report = c->doc->kind == PP_KIND_REPORT;
    if (report != (o->type == PP_NODE_RESULTS))
        pp_warning(c->d, c->doc->file, o->line, o->col, "%s has <%s> in a %s, where <%s> are expected",
                   who, el, report ? "report" : "plan", report ? "results" : "actions");
}

static void check_group(ctx *c, const pp_node *g)
{
    char *key = pp_rules_name_key(g->text ? g->text : "");
    for (const pp_node *p = g->prev; p; p = p->prev) {
        if (p->type != PP_NODE_GROUP) continue;
        char *pk = pp_rules_name_key(p->text ? p->text : "");
        bool same = strcmp(pk, key) == 0;
        free(pk);
        if (!same) continue;
        char who[200];
        describe(who, sizeof who, g);
        pp_error(c->d, c->doc->file, g->line, g->col, "%s appears twice (first at %ld:%ld)", who, p->line, p->col);
        break;
    }
    free(key);
    if (!pp_node_child(g, PP_NODE_STRATEGY)) check_row(c, g, false);
}

static void check_cell(ctx *c, const pp_node *cell)
{
    char *text = pp_node_text(cell);
    bool empty = blank(text);
    free(text);
    if (!empty) return;
    int k = 1, r = 1;
    for (const pp_node *p = cell->prev; p; p = p->prev) if (p->type == PP_NODE_CELL) k++;
    const pp_node *row = cell->parent;
    for (const pp_node *p = row->prev; p; p = p->prev) if (p->type == PP_NODE_ROW) r++;
    bool head = row->parent && row->parent->type == PP_NODE_HEAD;
    pp_warning(c->d, c->doc->file, cell->line, cell->col, "cell %d of %s row %d is empty", k, head ? "header" : "table", r);
}

static void walk(ctx *c, const pp_node *n)
{
    for (const pp_node *x = n->first; x; x = x->next) {
        switch (x->type) {
        case PP_NODE_SECTION:
            if (x->text) scan_dates(c, x->line, x->col, x->text);
            break;
        case PP_NODE_STRATEGIES: check_table(c, x); break;
        case PP_NODE_DIMENSION:
            if (x->text) scan_dates(c, x->line, x->col, x->text);
            if (!x->score && x->parent->type == PP_NODE_STRATEGIES && x->parent->score) {
                char who[200];
                describe(who, sizeof who, x);
                pp_error(c->d, c->doc->file, x->line, x->col, "%s has no score, but the table declares a total of %ld",
                         who, x->parent->score);
            }
            break;
        case PP_NODE_GROUP:
            if (x->text) scan_dates(c, x->line, x->col, x->text);
            check_group(c, x);
            break;
        case PP_NODE_STRATEGY: check_strategy(c, x); break;
        case PP_NODE_SUB: {
            const pp_node *desc = pp_node_child(x, PP_NODE_DESC);
            char *text = pp_node_text(desc);
            if (blank(text)) {
                char who[200];
                describe(who, sizeof who, x);
                pp_error(c->d, c->doc->file, desc ? desc->line : x->line, desc ? desc->col : x->col,
                         "%s has an empty description", who);
            }
            free(text);
            check_row(c, x, pp_node_child(x->parent, PP_NODE_UNITS) != NULL);
            break;
        }
        case PP_NODE_ACTIONS: case PP_NODE_RESULTS: check_outcome(c, x); break;
        case PP_NODE_CELL: check_cell(c, x); break;
        case PP_NODE_UNIT:
            if (x->text) scan_dates(c, x->line, x->col, x->text);
            break;
        case PP_NODE_PARAGRAPH: case PP_NODE_NOTE: case PP_NODE_CAPTION: case PP_NODE_NAME: {
            /* a paragraph may be an unmarked run of text: its parent element is the anchor */
            const pp_node *anchor = x->type == PP_NODE_PARAGRAPH && x->parent ? x->parent : x;
            char *text = pp_node_text(x);
            scan_dates(c, anchor->line, anchor->col, text);
            free(text);
            continue;                     /* inline content only below */
        }
        default: break;
        }
        walk(c, x);
    }
}

void pp_rules_check(const pp_doc *doc, const pp_template *t, pp_diag *d)
{
    ctx c = { .doc = doc, .t = t, .d = d };
    check_required(&c);
    check_issued(&c);
    if (doc->meta.issued) scan_dates(&c, doc->meta.issued_line, doc->meta.issued_col, doc->meta.issued);
    walk(&c, doc->root);
    for (size_t i = 0; i < c.nseen; i++) free(c.seen[i].key);
    free(c.seen);
    source_free(&c.src);
}

/* ---- a report against its plan ----------------------------------------------------
 * Both sides become a list of strategy-level rows: every <strategy> (named by its
 * whole <name>, however long), and every <group> without strategies (003 開放參與),
 * which stands for the strategies a report may list under that group. */
typedef struct entry {
    char *key, *group, *dim;    /* group/dim: keys of the enclosing group and dimension, or NULL */
    const pp_node *n;
    bool group_row;             /* a strategy-less group */
} entry;

typedef struct entries {
    entry *v;
    size_t n, cap;
    entry *groups;              /* every group and dimension, for placing messages */
    size_t ngroups, capgroups;
    const pp_node *first_table;
} entries;

static char *key_of(const pp_node *n)
{
    if (!n) return NULL;
    if (n->type == PP_NODE_STRATEGY) {
        char *s = strategy_name(n);
        char *k = pp_rules_name_key(s);
        free(s);
        return k;
    }
    return pp_rules_name_key(n->text ? n->text : "");
}

static void collect(const pp_node *n, const pp_node *dim, const pp_node *group, entries *e)
{
    for (const pp_node *x = n->first; x; x = x->next) {
        switch (x->type) {
        case PP_NODE_SECTION: collect(x, NULL, NULL, e); break;
        case PP_NODE_STRATEGIES:
            if (!e->first_table) e->first_table = x;
            collect(x, NULL, NULL, e);
            break;
        case PP_NODE_DIMENSION: case PP_NODE_GROUP: {
            PP_GROW(e->groups, e->capgroups, e->ngroups + 1);
            e->groups[e->ngroups++] = (entry){ key_of(x), NULL, key_of(x->type == PP_NODE_GROUP ? dim : NULL), x, false };
            if (x->type == PP_NODE_DIMENSION) { collect(x, x, NULL, e); break; }
            if (!pp_node_child(x, PP_NODE_STRATEGY)) {
                PP_GROW(e->v, e->cap, e->n + 1);
                e->v[e->n++] = (entry){ key_of(x), NULL, key_of(dim), x, true };
            }
            collect(x, dim, x, e);
            break;
        }
        case PP_NODE_STRATEGY: {
            char *k = key_of(x);
            if (!*k) { free(k); break; }
            PP_GROW(e->v, e->cap, e->n + 1);
            e->v[e->n++] = (entry){ k, key_of(group), key_of(dim), x, false };
            break;
        }
        default: break;
        }
    }
}

static void entries_free(entries *e)
{
    for (size_t i = 0; i < e->n; i++) { free(e->v[i].key); free(e->v[i].group); free(e->v[i].dim); }
    for (size_t i = 0; i < e->ngroups; i++) { free(e->groups[i].key); free(e->groups[i].dim); }
    free(e->v);
    free(e->groups);
}

static bool eq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Is row r of one side covered by the other side? */
static bool covered(const entry *r, const entries *other)
{
    for (size_t i = 0; i < other->n; i++) {
        const entry *o = &other->v[i];
        if (eq(o->key, r->key)) return true;                 /* same name, either level */
        if (o->group_row && eq(o->key, r->group)) return true; /* r lies under a group that stands as one row */
    }
    if (r->group_row)                                        /* a group row, listed with strategies on the other side */
        for (size_t i = 0; i < other->ngroups; i++)
            if (other->groups[i].n->type == PP_NODE_GROUP && eq(other->groups[i].key, r->key)) return true;
    return false;
}

/* Where the report should have had a plan row: its group, else its dimension, else the table. */
static const pp_node *place_missing(const entry *p, const entries *rep, const pp_doc *report)
{
    const char *want[2] = { p->group_row ? NULL : p->group, p->dim };
    pp_node_type type[2] = { PP_NODE_GROUP, PP_NODE_DIMENSION };
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; want[k] && i < rep->ngroups; i++)
            if (rep->groups[i].n->type == type[k] && eq(rep->groups[i].key, want[k])) return rep->groups[i].n;
    return rep->first_table ? rep->first_table : report->root;
}

/* The plan check's messages, sorted by their place in the report before printing. */
typedef struct pmsg { long line, col; size_t seq; char *text; } pmsg;

static int pmsg_cmp(const void *a, const void *b)
{
    const pmsg *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void pmsg_add(pmsg **v, size_t *n, size_t *cap, const pp_node *at, char *text)
{
    PP_GROW(*v, *cap, *n + 1);
    (*v)[*n] = (pmsg){ at->line, at->col, *n, text };
    (*n)++;
}

static char *row_name(const pp_node *n)
{
    char *s = n->type == PP_NODE_STRATEGY ? strategy_name(n) : pp_xstrdup(n->text ? n->text : "");
    char *out = pp_xmalloc(160);
    display(out, 160, s);
    free(s);
    return out;
}

void pp_rules_check_plan(const pp_doc *report, const char *plan_path, const char *schema_path, pp_diag *d)
{
    if (report->kind != PP_KIND_REPORT) {
        pp_error(d, report->file, report->root->line, report->root->col,
                 "--plan checks a report against its plan, but this is a %s", pp_kind_name(report->kind));
        return;
    }
    pp_doc *plan = pp_xml_read(plan_path, schema_path, d);
    if (!plan) return;
    if (plan->kind == PP_KIND_REPORT) {
        pp_error(d, plan->file, plan->root->line, plan->root->col, "the --plan file is a report, not a plan");
        pp_doc_free(plan);
        return;
    }
    entries pe = { 0 }, re = { 0 };
    collect(plan->root, NULL, NULL, &pe);
    collect(report->root, NULL, NULL, &re);
    pmsg *msgs = NULL;
    size_t nmsgs = 0, cap = 0;
    for (size_t i = 0; i < re.n; i++) {
        if (covered(&re.v[i], &pe)) continue;
        char *name = row_name(re.v[i].n);
        size_t l = strlen(name) + strlen(plan_path) + 100;
        char *text = pp_xmalloc(l);
        snprintf(text, l, "%s 「%s」 has results, but the plan %s has no such strategy",
                 re.v[i].group_row ? "group" : "strategy", name, plan_path);
        free(name);
        pmsg_add(&msgs, &nmsgs, &cap, re.v[i].n, text);
    }
    for (size_t i = 0; i < pe.n; i++) {
        if (covered(&pe.v[i], &re)) continue;
        const pp_node *n = pe.v[i].n;
        char *name = row_name(n);
        size_t l = strlen(name) + strlen(plan_path) + 120;
        char *text = pp_xmalloc(l);
        snprintf(text, l, "the plan's %s 「%s」 (%s:%ld:%ld) has no results in the report",
                 pe.v[i].group_row ? "group" : "strategy", name, plan_path, n->line, n->col);
        free(name);
        pmsg_add(&msgs, &nmsgs, &cap, place_missing(&pe.v[i], &re, report), text);
    }
    if (nmsgs) qsort(msgs, nmsgs, sizeof *msgs, pmsg_cmp);
    for (size_t i = 0; i < nmsgs; i++) {
        pp_error(d, report->file, msgs[i].line, msgs[i].col, "%s", msgs[i].text);
        free(msgs[i].text);
    }
    free(msgs);
    entries_free(&pe);
    entries_free(&re);
    pp_doc_free(plan);
}
