#define _XOPEN_SOURCE 700   /* realpath */
#include "template.h"
#include "buf.h"
#include "numbering.h"
#include "xalloc.h"
#include "xml_util.h"
#include "xml_parse.h"
#include "decode.h"
#include "input.h"
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const style_names[PP_TS__COUNT] = {
    "title", "issued", "heading", "subheading", "body", "note", "caption", "table",
    "table-head", "footer" };

static char template_dir[PATH_MAX];
static pthread_once_t dir_once = PTHREAD_ONCE_INIT;

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Uses `dir` if it is a folder and fits. */
static bool try_dir(const char *dir)
{
    static char real[PATH_MAX];
    if (!is_dir(dir)) return false;
    if (realpath(dir, real)) dir = real;   /* messages name /x/templates, not /x/build/../templates */
    if (strlen(dir) >= sizeof template_dir) return false;
    memcpy(template_dir, dir, strlen(dir) + 1);
    return true;
}

static void find_dir(void)
{
    const char *env = getenv("PLANPRESS_TEMPLATES");
    if (env && *env && try_dir(env)) return;
    static char exe[PATH_MAX], cand[PATH_MAX + 32];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            /* build/planpress and build/tests/test_x both sit below the source tree */
            static const char *const up[] = { "/../templates", "/../../templates", "/../share/planpress/templates" };
            for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
                size_t l = strlen(exe);
                if (l + strlen(up[i]) + 1 > sizeof cand) continue;
                memcpy(cand, exe, l);
                memcpy(cand + l, up[i], strlen(up[i]) + 1);
                if (try_dir(cand)) return;
            }
        }
    }
    try_dir(PP_DATADIR);
}

const char *pp_template_dir(void)
{
    pthread_once(&dir_once, find_dir);
    return template_dir;
}

/* ---- small parsers for attribute values ---------------------------------- */
typedef struct tctx { const char *file; pp_diag *d; bool bad; const pp_xml *x; } tctx;

static void __attribute__((format(printf, 3, 0))) bad(tctx *c, const xmlNode *n, const char *fmt, const char *v)
{
    pp_buf msg = PP_BUF_INIT;
    pp_buf_printf(&msg, fmt, v);
    pp_loc at = n && c->x ? pp_xml_loc(c->x, n) : PP_LOC(c->file, 0, 0);
    pp_msg(c->d, PP_LOC(c->file, at.line, 0), TEMPLATE_INVALID, pp_buf_str(&msg));
    pp_buf_release(&msg);
    c->bad = true;
}

static char *get(const xmlNode *n, const char *name) { return pp_xml_attr(n, name); }

/* "25mm", "2.5cm", "12pt", "12" (points). */
static bool length(tctx *c, const xmlNode *n, const char *name, double *out)
{
    char *v = get(n, name);
    if (!v) return false;
    char *end;
    double x = strtod(v, &end);
    double k = 1;
    if (strcmp(end, "mm") == 0) k = 72.0 / 25.4;
    else if (strcmp(end, "cm") == 0) k = 720.0 / 25.4;
    else if (strcmp(end, "pt") == 0 || *end == 0) k = 1;
    else { bad(c, n, "'%s' is not a length (write e.g. 25mm, 2.5cm or 12pt)", v); free(v); return false; }
    if (end == v || x < 0 || x > 5000) { bad(c, n, "'%s' is not a usable length", v); free(v); return false; }
    *out = x * k;
    free(v);
    return true;
}

static bool number(tctx *c, const xmlNode *n, const char *name, double lo, double hi, double *out)
{
    char *v = get(n, name);
    if (!v) return false;
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || x < lo || x > hi) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s must be a number from %g to %g, not '%%s'", name, lo, hi);
        bad(c, n, msg, v);
        free(v);
        return false;
    }
    *out = x;
    free(v);
    return true;
}

static int levels(tctx *c, const xmlNode *n, const char *name, int *out, int max)
{
    char *v = get(n, name);
    if (!v) return -1;
    int k = 0;
    char *save = NULL;
    for (char *tok = strtok_r(v, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save)) {
        int s = pp_numstyle_from_name(tok);
        if (s < 0) { bad(c, n, "unknown numbering style '%s'", tok); continue; }
        if (k < max) out[k++] = s;
    }
    free(v);
    return k;
}

static bool is(const xmlNode *n, const char *name) { return pp_xml_is(n, name); }

static void set_str(char **dst, char *v) { if (v) { free(*dst); *dst = v; } }

/* ---- defaults: the seeds' look (typesetting.md §2.3) ---------------------- */
static void defaults(pp_template *t)
{
    t->page_w = 595.276; t->page_h = 841.89;
    t->margin_top = t->margin_bottom = t->margin_left = t->margin_right = 72.0;
    t->han_family = pp_xstrdup("TW-Kai");
    t->latin_family = NULL;
    const pp_textstyle body = { .size_pt = 14, .leading_pt = 25, .align = PP_ALIGN_JUSTIFY };
    for (int i = 0; i < PP_TS__COUNT; i++) t->styles[i] = body;
    t->styles[PP_TS_TITLE] = (pp_textstyle){ .size_pt = 18, .leading_pt = 30, .space_after_pt = 6, .align = PP_ALIGN_CENTER };
    t->styles[PP_TS_ISSUED] = (pp_textstyle){ .size_pt = 12, .leading_pt = 18, .space_after_pt = 12, .align = PP_ALIGN_CENTER };
    t->styles[PP_TS_TABLE] = (pp_textstyle){ .size_pt = 12, .leading_pt = 18, .align = PP_ALIGN_JUSTIFY };
    t->styles[PP_TS_TABLE_HEAD] = (pp_textstyle){ .size_pt = 12, .leading_pt = 18, .align = PP_ALIGN_CENTER };
    t->styles[PP_TS_FOOTER] = (pp_textstyle){ .size_pt = 10, .leading_pt = 12, .align = PP_ALIGN_CENTER };
    t->title_format = pp_xstrdup("{agency}{title}");
    int outline[] = { PP_NUM_FORMAL, PP_NUM_HAN, PP_NUM_HAN_PAREN, PP_NUM_DECIMAL,
                      PP_NUM_DECIMAL_PAREN, PP_NUM_UPPER_LATIN, PP_NUM_LOWER_LATIN_PAREN };
    t->noutline = 7;
    memcpy(t->outline, outline, sizeof outline);
    int tl[] = { PP_NUM_DECIMAL, PP_NUM_DECIMAL_PAREN, PP_NUM_UPPER_LATIN, PP_NUM_LOWER_LATIN_PAREN };
    t->ntable_lists = 4;
    memcpy(t->table_lists, tl, sizeof tl);
    t->page_number = NULL;
    t->number_align = t->header_align = PP_ALIGN_CENTER;
    t->border_pt = 0.6;
    t->padding_pt = 3;
    t->head_gray = 0.9;
    t->continue_repeat = true;
    t->continued_mark = pp_xstrdup("");
    t->max_stretch_em = 0.5;
    t->glue_em = 0.25;
    t->compress_pairs = PP_COMPRESS_NARROW_CELLS;
    t->narrow_cell_em = 10;
}

/* position="foot-center" (the default), foot-start, foot-end, head-start, head-center, head-end */
static void furniture_position(tctx *c, const xmlNode *n, bool *head, pp_align *align)
{
    char *v = get(n, "position");
    *align = PP_ALIGN_CENTER;
    if (!v) return;
    static const char *const where[] = { "start", "center", "end" };
    static const pp_align how[] = { PP_ALIGN_START, PP_ALIGN_CENTER, PP_ALIGN_END };
    bool ok = false;
    for (int at = 0; at < 2; at++)
        for (int k = 0; k < 3; k++) {
            char want[32];
            snprintf(want, sizeof want, "%s-%s", at ? "head" : "foot", where[k]);
            if (strcmp(v, want) == 0) { *head = at == 1; *align = how[k]; ok = true; }
        }
    if (!ok) bad(c, n, "unknown position '%s' (foot-center, foot-end, head-end, ...)", v);
    free(v);
}

static void read_columns(tctx *c, pp_template *t, const xmlNode *n)
{
    t->colsets = pp_xrealloc(t->colsets, ((size_t)t->ncolsets + 1) * sizeof *t->colsets);
    pp_columnset *cs = &t->colsets[t->ncolsets++];
    memset(cs, 0, sizeof *cs);
    cs->name = get(n, "name");
    if (!cs->name) cs->name = pp_xstrdup("");
    cs->caption = get(n, "caption");
    int lv[PP_MAX_LEVELS] = { PP_NUM_HAN, PP_NUM_HAN_PAREN, PP_NUM_DECIMAL, PP_NUM_DECIMAL_PAREN,
                              PP_NUM_UPPER_LATIN, PP_NUM_LOWER_LATIN_PAREN };
    memcpy(cs->levels, lv, sizeof lv);
    cs->nlevels = 6;
    int k = levels(c, n, "levels", cs->levels, PP_MAX_LEVELS);
    if (k >= 0) cs->nlevels = k;
    char *lone = get(n, "number-lone");
    cs->number_lone = lone && strcmp(lone, "yes") == 0;
    free(lone);
    char *rules = get(n, "sub-rules");
    cs->sub_rules = !rules || strcmp(rules, "no") != 0;
    free(rules);
    double sum = 0;
    for (const xmlNode *k2 = n->children; k2; k2 = k2->next) {
        if (!is(k2, "column")) continue;
        if (cs->ncols == PP_MAX_COLS) { bad(c, k2, "%s: too many columns", cs->name); break; }
        pp_column *col = &cs->cols[cs->ncols++];
        col->header = get(k2, "header");
        if (!col->header) col->header = pp_xstrdup("");
        col->width = 0;
        number(c, k2, "width", 0.01, 1, &col->width);
        sum += col->width;
        char *what = get(k2, "content");
        static const char *const kinds[] = { "dimension", "group", "strategy", "units", "outcome" };
        col->content = PP_COL_OUTCOME;
        bool found = false;
        for (int i = 0; what && i < 5; i++) if (strcmp(what, kinds[i]) == 0) { col->content = (pp_colkind)i; found = true; }
        if (!found) bad(c, k2, "unknown column content '%s'", what ? what : "");
        free(what);
    }
    if (cs->ncols && (sum < 0.99 || sum > 1.01)) {
        char s[32];
        snprintf(s, sizeof s, "%.3f", sum);
        bad(c, n, "column widths add up to %s, not 1", s);
    }
}

static void read_template(tctx *c, pp_template *t, const xmlNode *root)
{
    for (const xmlNode *n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (is(n, "page")) {
            char *size = get(n, "size");
            if (size && strcmp(size, "A4") == 0) { t->page_w = 595.276; t->page_h = 841.89; }
            else if (size && strcmp(size, "A3") == 0) { t->page_w = 841.89; t->page_h = 1190.55; }
            else if (size) bad(c, n, "unknown page size '%s' (A4 or A3)", size);
            free(size);
            char *o = get(n, "orientation");
            if (o && strcmp(o, "landscape") == 0) { double w = t->page_w; t->page_w = t->page_h; t->page_h = w; }
            free(o);
            length(c, n, "top", &t->margin_top);
            length(c, n, "bottom", &t->margin_bottom);
            length(c, n, "left", &t->margin_left);
            length(c, n, "right", &t->margin_right);
            if (t->margin_left + t->margin_right > t->page_w - 72 || t->margin_top + t->margin_bottom > t->page_h - 144)
                bad(c, n, "%s: the margins leave no room for text", "page");
        } else if (is(n, "fonts")) {
            set_str(&t->han_family, get(n, "han"));
            set_str(&t->latin_family, get(n, "latin"));
            char *fb = get(n, "fallback");
            if (fb) {
                char *save = NULL;
                for (char *tok = strtok_r(fb, ",", &save); tok && t->nfallback < 8; tok = strtok_r(NULL, ",", &save)) {
                    while (*tok == ' ') tok++;
                    size_t l = strlen(tok);
                    while (l && tok[l - 1] == ' ') tok[--l] = 0;
                    if (l) t->fallback[t->nfallback++] = pp_xstrdup(tok);
                }
                free(fb);
            }
        } else if (is(n, "style")) {
            char *name = get(n, "name");
            int id = -1;
            for (int i = 0; name && i < PP_TS__COUNT; i++) if (strcmp(name, style_names[i]) == 0) id = i;
            if (id < 0) { bad(c, n, "unknown style '%s'", name ? name : ""); free(name); continue; }
            free(name);
            pp_textstyle *s = &t->styles[id];
            number(c, n, "size", 4, 72, &s->size_pt);
            number(c, n, "leading", 4, 144, &s->leading_pt);
            length(c, n, "space-before", &s->space_before_pt);
            length(c, n, "space-after", &s->space_after_pt);
            char *a = get(n, "align");
            if (a) {
                if (strcmp(a, "justify") == 0) s->align = PP_ALIGN_JUSTIFY;
                else if (strcmp(a, "start") == 0) s->align = PP_ALIGN_START;
                else if (strcmp(a, "center") == 0) s->align = PP_ALIGN_CENTER;
                else if (strcmp(a, "end") == 0) s->align = PP_ALIGN_END;
                else bad(c, n, "unknown alignment '%s'", a);
                free(a);
            }
            if (s->leading_pt < s->size_pt) bad(c, n, "%s: leading smaller than the type size", style_names[id]);
            set_str(&s->han_family, get(n, "han"));
            set_str(&s->latin_family, get(n, "latin"));
        } else if (is(n, "title")) {
            set_str(&t->title_format, get(n, "format"));
        } else if (is(n, "numbering")) {
            int k = levels(c, n, "outline", t->outline, PP_MAX_LEVELS);
            if (k > 0) t->noutline = k;
            k = levels(c, n, "table", t->table_lists, PP_MAX_LEVELS);
            if (k > 0) t->ntable_lists = k;
        } else if (is(n, "page-number")) {
            set_str(&t->page_number, get(n, "format"));
            furniture_position(c, n, &t->number_at_head, &t->number_align);
        } else if (is(n, "running-header")) {
            set_str(&t->running_header, get(n, "format"));
            bool head = true;
            furniture_position(c, n, &head, &t->header_align);
            if (!head) bad(c, n, "%s: a running header goes at the head (head-start, head-center, head-end)", "position");
            char *first = get(n, "first-page");
            t->header_on_first = first && strcmp(first, "yes") == 0;
            free(first);
        } else if (is(n, "table")) {
            length(c, n, "border", &t->border_pt);
            length(c, n, "padding", &t->padding_pt);
            number(c, n, "head-gray", 0, 1, &t->head_gray);
            char *cont = get(n, "continuation");
            if (cont) {
                if (strcmp(cont, "repeat") == 0) t->continue_repeat = true;
                else if (strcmp(cont, "blank") == 0) t->continue_repeat = false;
                else bad(c, n, "continuation must be repeat or blank, not '%s'", cont);
                free(cont);
            }
            set_str(&t->continued_mark, get(n, "continued-mark"));
        } else if (is(n, "pdf")) {
            char *a = get(n, "pdfa");
            t->pdfa = a && strcmp(a, "yes") == 0;
            free(a);
        } else if (is(n, "justify")) {
            number(c, n, "max-stretch", 0, 4, &t->max_stretch_em);
            number(c, n, "latin-gap", 0, 1, &t->glue_em);
            char *cp = get(n, "compress-pairs");
            if (cp) {
                if (strcmp(cp, "never") == 0) t->compress_pairs = PP_COMPRESS_NEVER;
                else if (strcmp(cp, "narrow-cells") == 0) t->compress_pairs = PP_COMPRESS_NARROW_CELLS;
                else if (strcmp(cp, "always") == 0) t->compress_pairs = PP_COMPRESS_ALWAYS;
                else bad(c, n, "compress-pairs must be never, narrow-cells or always, not '%s'", cp);
                free(cp);
            }
            number(c, n, "narrow-cell", 0, 100, &t->narrow_cell_em);
        } else if (is(n, "columns")) {
            read_columns(c, t, n);
        }
    }
    set_str(&t->default_columns, get(root, "columns"));
}

pp_template *pp_template_load(const char *spec, pp_kind kind, pp_diag *d)
{
    char path[PATH_MAX + 64];
    const char *dir = pp_template_dir();
    if (!spec) spec = pp_kind_name(kind);
    size_t sl = strlen(spec);
    if (strchr(spec, '/') || (sl > 4 && strcmp(spec + sl - 4, ".xml") == 0))
        snprintf(path, sizeof path, "%s", spec);
    else
        snprintf(path, sizeof path, "%s/%s.xml", dir, spec);
    if (access(path, R_OK) != 0) {
        pp_msg(d, PP_NOWHERE, TEMPLATE_NOT_FOUND, spec, path);
        return NULL;
    }
    tctx c = { .file = path, .d = d };
    pp_buf raw = PP_BUF_INIT, text = PP_BUF_INIT;
    pp_xml x = { 0 };
    pp_template *t = NULL;
    int errors0 = d->errors;
    if (pp_input_read(path, PP_INPUT_MAX, &raw, d) == 0 && pp_decode_source(raw.data, raw.len, path, &text, d) == 0 &&
        pp_xml_parse(&x, pp_buf_str(&text), text.len, path, PP_XML_TEMPLATE, d) == 0) {
        c.x = &x;
        char rng[PATH_MAX + 32];
        snprintf(rng, sizeof rng, "%s/template.rng", dir);
        xmlRelaxNGPtr schema = pp_xml_load_schema(rng, d);
        if (schema) {
            pp_xml_validate(&x, schema);
            xmlRelaxNGFree(schema);
        } else {
            pp_msg(d, PP_NOWHERE, TEMPLATE_SCHEMA_MISSING, rng);
        }
        t = pp_xcalloc(1, sizeof *t);
        defaults(t);
        t->path = pp_xstrdup(path);
        read_template(&c, t, xmlDocGetRootElement(x.doc));
        if (t->ncolsets == 0) pp_msg(d, pp_xml_loc(&x, xmlDocGetRootElement(x.doc)), TEMPLATE_NO_COLUMNS);
    }
    pp_xml_release(&x);
    pp_buf_release(&raw);
    pp_buf_release(&text);
    if (d->errors != errors0) c.bad = true;
    if (c.bad) { pp_template_free(t); return NULL; }
    return t;
}

void pp_template_free(pp_template *t)
{
    if (!t) return;
    free(t->path);
    free(t->han_family);
    free(t->latin_family);
    for (int i = 0; i < t->nfallback; i++) free(t->fallback[i]);
    for (int i = 0; i < PP_TS__COUNT; i++) { free(t->styles[i].han_family); free(t->styles[i].latin_family); }
    free(t->title_format);
    free(t->page_number);
    free(t->running_header);
    free(t->continued_mark);
    for (int i = 0; i < t->ncolsets; i++) {
        free(t->colsets[i].name);
        free(t->colsets[i].caption);
        for (int k = 0; k < t->colsets[i].ncols; k++) free(t->colsets[i].cols[k].header);
    }
    free(t->colsets);
    free(t->default_columns);
    free(t);
}

const pp_columnset *pp_template_columns(const pp_template *t, const char *name)
{
    if (!name) name = t->default_columns;
    for (int i = 0; name && i < t->ncolsets; i++)
        if (strcmp(t->colsets[i].name, name) == 0) return &t->colsets[i];
    return name ? NULL : (t->ncolsets ? &t->colsets[0] : NULL);
}
