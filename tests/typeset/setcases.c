/* Spec cases of line setting: a paragraph (or a cell's paragraph), its measure,
 * and the lines it must be set in, with checks on how each line is spaced.
 * The cases are text files (the .cases files in tests/typeset/cases, format in README.md);
 * each paragraph goes through pp_linefill with a stock template and the
 * installed faces, exactly as layout sets it.
 *
 * usage: setcases [--show] FILE.cases...
 *   --show prints every case's lines as set (to write a new case), and still
 *   checks. Exit status 1 when a case fails. */
#define _POSIX_C_SOURCE 200809L
#include "fonts.h"
#include "linebreak.h"
#include "linefill.h"
#include "template.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXLINES 64
#define MAXTEXT 4096

typedef struct tcase {
    char name[128];
    char file[256];
    int line;
    char template_name[64];
    int style;
    double measure_em;          /* 0: measure_pt */
    double measure_pt;
    char label[64];
    char indent[8][64];
    int nindent;
    char extra[64];
    char text[MAXTEXT];
    bool ragged;
    int align;                  /* -1: the style's */
    int role;
    char *expect[MAXLINES];
    int nexpect;
    bool have_expect;
    char checks[512];
} tcase;

static int failures, passes;
static bool show;

static const char *style_names[PP_TS__COUNT] = { "title", "issued", "heading", "subheading", "body",
                                                "note", "caption", "table", "table-head", "footer" };

static void fail(const tcase *c, const char *fmt, const char *detail)
{
    fprintf(stderr, "%s:%d: FAIL %s: ", c->file, c->line, c->name);
    fprintf(stderr, fmt, detail);
    fputc('\n', stderr);
    failures++;
}

/* The text of line k as set: its glyphs' characters. */
static void line_text(const pp_setpara *sp, size_t k, char *out, size_t cap)
{
    size_t len = 0;
    const pp_line *l = &sp->lines[k];
    for (size_t i = 0; i < l->count && len + 5 < cap; i++) len += pp_utf8_encode(sp->g[l->first + i].cp, out + len);
    out[len] = 0;
}

static bool is_space(uint32_t cp) { return cp == ' '; }

/* What a Han–Latin gap stands next to: a Western letter or digit, or '%'. */
static bool is_word(uint32_t cp)
{
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp == '%';
    return pp_lb_script(cp) == PP_SCRIPT_LATIN && cp != 0xD7 && cp != 0xF7 && !(cp >= 0xA0 && cp < 0xC0);
}

/* The grid measure's right end for a line whose text starts at x (linefill's em grid). */
static double grid_end(double x, double width, double em)
{
    double room = width - x;
    if (room > 2 * em) room = floor(room / em + 0.01) * em;
    return x + room;
}

static void check_case(pp_setter *s, pp_diag *d, tcase *c)
{
    const pp_template *t = s->t;
    double size = t->styles[c->style].size_pt;
    double width = c->measure_em > 0 ? c->measure_em * size : c->measure_pt;
    pp_para p = { .style = (pp_textstyle_id)c->style, .role = (pp_srole)c->role, .align = c->align,
                  .ragged = c->ragged, .label = c->label[0] ? c->label : NULL, .nindent = c->nindent };
    for (int k = 0; k < c->nindent; k++) p.indent[k] = c->indent[k];
    p.cps = pp_utf8_to_cps(c->text, strlen(c->text), &p.n);
    p.flags = calloc(p.n + 1, 1);
    pp_setpara sp = { 0 };
    int msgs0 = (int)d->nlines;
    pp_linefill(s, &p, width, c->extra[0] ? c->extra : NULL, &sp);
    int before = failures;
    char buf[MAXTEXT];

    if (show) {
        printf("%s (%.4g em):", c->name, width / size);
        for (size_t k = 0; k < sp.nlines; k++) { line_text(&sp, k, buf, sizeof buf); printf("%s %s", k ? " /" : "", buf); }
        printf("\n");
    }
    if (c->have_expect) {
        bool same = (int)sp.nlines == c->nexpect;
        for (size_t k = 0; same && k < sp.nlines; k++) {
            line_text(&sp, k, buf, sizeof buf);
            same = strcmp(buf, c->expect[k]) == 0;
        }
        if (!same) {
            char got[MAXTEXT * 2] = "";
            for (size_t k = 0; k < sp.nlines; k++) {
                line_text(&sp, k, buf, sizeof buf);
                if (k) strncat(got, " / ", sizeof got - strlen(got) - 1);
                strncat(got, buf, sizeof got - strlen(got) - 1);
            }
            fail(c, "lines are '%s'", got);
        }
    }
    /* the checks, word by word */
    char checks[512];
    snprintf(checks, sizeof checks, "%s", c->checks);
    for (char *w = strtok(checks, " \t"); w; w = strtok(NULL, " \t")) {
        if (strcmp(w, "full") == 0) {
            /* every line but the last ends within 0.05 em of its measure */
            for (size_t k = 0; k + 1 < sp.nlines; k++) {
                const pp_line *l = &sp.lines[k];
                size_t first = l->first, end = l->first + l->count;
                while (first < end && sp.g[first].label) first++;
                while (end > first && is_space(sp.g[end - 1].cp)) end--;
                if (first >= end) continue;
                double x1 = sp.g[end - 1].x + sp.g[end - 1].adv;
                double want = grid_end(sp.g[first].x, width, sp.size);
                if (fabs(x1 - want) > 0.05 * sp.size) {
                    line_text(&sp, k, buf, sizeof buf);
                    char det[MAXTEXT + 64];
                    snprintf(det, sizeof det, "%s' ends %.2f em from its measure", buf, (want - x1) / sp.size);
                    fail(c, "line '%s", det);
                }
            }
        } else if (strcmp(w, "band") == 0 || strncmp(w, "max-gap=", 8) == 0 || strncmp(w, "min-gap=", 8) == 0) {
            /* band: every Han–Latin gap and word space between 1/6 and 1/3 em;
             * max-gap=X / min-gap=X: no gap between neighbouring glyphs over / under X em */
            bool band = w[0] == 'b', below = w[1] == 'i';
            double maxgap = band ? 0 : atof(w + 8);
            for (size_t k = 0; k < sp.nlines; k++) {
                const pp_line *l = &sp.lines[k];
                const pp_glyph *prev = NULL;
                bool spaced = false;
                for (size_t i = l->first; i < l->first + l->count; i++) {
                    const pp_glyph *g = &sp.g[i];
                    if (is_space(g->cp)) { spaced = true; continue; }
                    if (prev && !(prev->label && !g->label)) {
                        double gap = (g->x - prev->x - prev->adv) / sp.size;
                        bool hl = (pp_lb_script(prev->cp) == PP_SCRIPT_HAN && is_word(g->cp)) ||
                                  (pp_lb_script(g->cp) == PP_SCRIPT_HAN && is_word(prev->cp));
                        char det[MAXTEXT + 64];
                        line_text(&sp, k, buf, sizeof buf);
                        if (band && (hl || spaced) && (gap < 1.0 / 6 - 0.001 || gap > 1.0 / 3 + 0.001)) {
                            snprintf(det, sizeof det, "%.3f em %s in '%s'", gap, spaced ? "word space" : "Han–Latin gap", buf);
                            fail(c, "gap of %s outside 1/6..1/3 em", det);
                        }
                        if (!band && (below ? gap < maxgap - 0.001 : gap > maxgap + 0.001)) {
                            snprintf(det, sizeof det, "%.3f em in '%s'", gap, buf);
                            fail(c, "gap of %s", det);
                        }
                    }
                    prev = g;
                    spaced = false;
                }
            }
        } else if (strncmp(w, "solid=", 6) == 0) {
            /* every occurrence of the string is set without a gap inside */
            uint32_t *pat;
            size_t np;
            pat = pp_utf8_to_cps(w + 6, strlen(w + 6), &np);
            for (size_t k = 0; k < sp.nlines; k++) {
                const pp_line *l = &sp.lines[k];
                for (size_t i = l->first; i + np <= l->first + l->count; i++) {
                    bool match = true;
                    for (size_t j = 0; j < np && match; j++) match = sp.g[i + j].cp == pat[j];
                    if (!match) continue;
                    for (size_t j = 1; j < np; j++) {
                        double gap = sp.g[i + j].x - sp.g[i + j - 1].x - sp.g[i + j - 1].adv;
                        if (fabs(gap) > 0.001) {
                            line_text(&sp, k, buf, sizeof buf);
                            fail(c, "a gap inside the mark in '%s'", buf);
                            break;
                        }
                    }
                }
            }
            free(pat);
        } else if (strcmp(w, "no-orphan") == 0) {
            /* the last line holds more than one character besides its punctuation */
            if (sp.nlines >= 2) {
                const pp_line *l = &sp.lines[sp.nlines - 1];
                int real = 0;
                for (size_t i = l->first; i < l->first + l->count; i++)
                    if (!sp.g[i].label && !is_space(sp.g[i].cp) && !pp_lb_no_start(sp.g[i].cp)) real++;
                if (real < 2) {
                    line_text(&sp, sp.nlines - 1, buf, sizeof buf);
                    fail(c, "last line '%s' holds one character", buf);
                }
            }
        } else if (strcmp(w, "no-missing") == 0) {
            for (size_t i = 0; i < sp.ng; i++)
                if (sp.g[i].missing) {
                    char ch[8] = { 0 };
                    pp_utf8_encode(sp.g[i].cp, ch);
                    fail(c, "'%s' is drawn as a missing glyph", ch);
                }
        } else if (strcmp(w, "no-message") == 0) {
            if ((int)d->nlines > msgs0) fail(c, "message: %s", d->lines[msgs0]);
        } else if (strncmp(w, "message=", 8) == 0) {
            bool found = false;
            for (size_t i = (size_t)msgs0; i < d->nlines; i++) found |= strstr(d->lines[i], w + 8) != NULL;
            if (!found) fail(c, "no message with '%s'", w + 8);
        } else {
            fail(c, "unknown check '%s'", w);
        }
    }
    if (failures == before) passes++;
    pp_setpara_release(&sp);
    free(p.cps);
    free(p.flags);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = 0;
    return s;
}

static bool word_is(const char *line, const char *w, const char **rest)
{
    size_t n = strlen(w);
    if (strncmp(line, w, n) != 0 || (line[n] != ' ' && line[n] != 0)) return false;
    *rest = line[n] ? line + n + 1 : line + n;
    return true;
}

/* A file of cases; each is checked when the next begins or the file ends. */
static void run_file(const char *path, pp_template **tpls, const char **tnames, int *ntpl, pp_fonts **fonts,
                     pp_diag *d)
{
    FILE *fp = fopen(path, "r");
    if (!fp) { fprintf(stderr, "%s: cannot open\n", path); failures++; return; }
    char raw[MAXTEXT];
    tcase c;
    bool open = false;
    int lineno = 0;
    for (;;) {
        char *got = fgets(raw, sizeof raw, fp);
        lineno++;
        const char *rest;
        char *line = got ? trim(raw) : NULL;
        if (!got || (line && word_is(line, "case", &rest))) {
            if (open) {
                /* the template and its faces, loaded once per name */
                int k = 0;
                while (k < *ntpl && strcmp(tnames[k], c.template_name) != 0) k++;
                if (k == *ntpl) {
                    tpls[k] = pp_template_load(c.template_name, NULL, d);
                    fonts[k] = tpls[k] ? pp_fonts_open(tpls[k], d) : NULL;
                    tnames[k] = strdup(c.template_name);
                    (*ntpl)++;
                }
                if (!tpls[k] || !fonts[k]) { fail(&c, "template '%s' or its fonts cannot be loaded", c.template_name); }
                else {
                    pp_setter s = { .t = tpls[k], .fonts = fonts[k], .d = d, .file = c.name };
                    check_case(&s, d, &c);
                    pp_setter_release(&s);
                }
                for (int i = 0; i < c.nexpect; i++) free(c.expect[i]);
            }
            if (!got) break;
            memset(&c, 0, sizeof c);
            snprintf(c.name, sizeof c.name, "%s", rest);
            snprintf(c.file, sizeof c.file, "%s", path);
            snprintf(c.template_name, sizeof c.template_name, "plan");
            c.line = lineno;
            c.style = PP_TS_TABLE;
            c.align = -1;
            c.role = PP_SR_P;
            open = true;
            continue;
        }
        if (!line[0] || line[0] == '#' || !open) continue;
        if (word_is(line, "template", &rest)) snprintf(c.template_name, sizeof c.template_name, "%s", rest);
        else if (word_is(line, "style", &rest)) {
            int k = 0;
            while (k < PP_TS__COUNT && strcmp(style_names[k], rest) != 0) k++;
            if (k == PP_TS__COUNT) fail(&c, "unknown style '%s'", rest); else c.style = k;
        } else if (word_is(line, "measure", &rest)) {
            char *end;
            double v = strtod(rest, &end);
            if (strcmp(end, "em") == 0) c.measure_em = v; else c.measure_pt = v;
        } else if (word_is(line, "label", &rest)) snprintf(c.label, sizeof c.label, "%s", rest);
        else if (word_is(line, "indent", &rest) && c.nindent < 8) snprintf(c.indent[c.nindent++], 64, "%s", rest);
        else if (word_is(line, "extra", &rest)) snprintf(c.extra, sizeof c.extra, "%s", rest);
        else if (word_is(line, "ragged", &rest)) c.ragged = true;
        else if (word_is(line, "title", &rest)) c.role = PP_SR_TITLE;
        else if (word_is(line, "align", &rest))
            c.align = !strcmp(rest, "start") ? PP_ALIGN_START : !strcmp(rest, "center") ? PP_ALIGN_CENTER
                    : !strcmp(rest, "end") ? PP_ALIGN_END : PP_ALIGN_JUSTIFY;
        else if (word_is(line, "text", &rest)) strncat(c.text, rest, sizeof c.text - strlen(c.text) - 1);
        else if (word_is(line, "lines", &rest)) {
            /* expected lines separated by " / " */
            c.have_expect = true;
            const char *p = rest;
            while (c.nexpect < MAXLINES) {
                const char *sep = strstr(p, " / ");
                size_t n = sep ? (size_t)(sep - p) : strlen(p);
                c.expect[c.nexpect] = strndup(p, n);
                c.nexpect++;
                if (!sep) break;
                p = sep + 3;
            }
        } else if (word_is(line, "why", &rest)) {
            /* the reason for the case: documentation only */
        } else if (word_is(line, "check", &rest)) {
            strncat(c.checks, " ", sizeof c.checks - strlen(c.checks) - 1);
            strncat(c.checks, rest, sizeof c.checks - strlen(c.checks) - 1);
        } else {
            fail(&c, "unknown directive '%s'", line);
        }
    }
    fclose(fp);
}

int main(int argc, char **argv)
{
    pp_diag d;
    pp_diag_init(&d, stderr);
    pp_diag_capture(&d);
    pp_template *tpls[8] = { 0 };
    pp_fonts *fonts[8] = { 0 };
    const char *tnames[8] = { 0 };
    int ntpl = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--show") == 0) { show = true; continue; }
        run_file(argv[i], tpls, tnames, &ntpl, fonts, &d);
    }
    for (int k = 0; k < ntpl; k++) {
        if (fonts[k]) pp_fonts_free(fonts[k]);
        if (tpls[k]) pp_template_free(tpls[k]);
        free((char *)tnames[k]);
    }
    for (size_t i = 0; i < d.nlines && failures; i++) fprintf(stderr, "  message: %s\n", d.lines[i]);
    pp_diag_release(&d);
    printf("%d passed, %d failed\n", passes, failures);
    return failures ? 1 : 0;
}
