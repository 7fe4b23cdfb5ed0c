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
    "table-head", "footer", "banner", "annex", "toc" };

const char *pp_textstyle_name(int id) { return id >= 0 && id < PP_TS__COUNT ? style_names[id] : "?"; }

static const char *const colkind_names[PP_COL__COUNT] = {
    "dimension", "group", "strategy", "sub", "units", "outcome", "score", "extra" };

const char *pp_colkind_name(int k) { return k >= 0 && k < PP_COL__COUNT ? colkind_names[k] : "?"; }

int pp_colkind_from_name(const char *s)
{
    for (int i = 0; s && i < PP_COL__COUNT; i++) if (strcmp(s, colkind_names[i]) == 0) return i;
    return -1;
}

static int style_from_name(const char *s)
{
    for (int i = 0; s && i < PP_TS__COUNT; i++) if (strcmp(s, style_names[i]) == 0) return i;
    return -1;
}

/* ---- where templates live ----------------------------------------------------
 * $PLANPRESS_TEMPLATES, then an installed tree (beside the executable's
 * ../share/planpress, or the configured prefix), then the source tree the
 * program was built from; an executable still in its build tree takes its own
 * source tree's first, so that a development build never reads stale installed
 * templates. A folder counts only if it holds the source schema. */
static char template_dir[PATH_MAX];
static char searched[4 * PATH_MAX];
static pthread_once_t dir_once = PTHREAD_ONCE_INIT;

static bool holds_schema(const char *dir)
{
    char p[PATH_MAX + 16];
    snprintf(p, sizeof p, "%s/document.rng", dir);
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Uses `dir` if it holds the templates; else notes it among the places searched. */
static bool try_dir(const char *dir)
{
    char real[PATH_MAX];
    if (holds_schema(dir) && realpath(dir, real) && strlen(real) < sizeof template_dir) {
        memcpy(template_dir, real, strlen(real) + 1);   /* messages name /x/templates, not /x/build/../templates */
        return true;
    }
    size_t l = strlen(searched);
    snprintf(searched + l, sizeof searched - l, "%s%s", l ? ", " : "", dir);
    return false;
}

static void find_dir(void)
{
    const char *env = getenv("PLANPRESS_TEMPLATES");
    if (env && *env && try_dir(env)) return;
    char exe[PATH_MAX], cand[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    bool in_build = false;
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) *slash = 0;
        size_t bl = strlen(PP_BUILD_DIR);
        in_build = strncmp(exe, PP_BUILD_DIR, bl) == 0 && (exe[bl] == 0 || exe[bl] == '/');
    }
    if (in_build && try_dir(PP_DATADIR)) return;
    if (n > 0) {
        snprintf(cand, sizeof cand, "%s/../share/planpress/templates", exe);
        if (try_dir(cand)) return;
    }
    if (try_dir(PP_INSTALL_DATADIR "/templates")) return;
    if (!in_build) try_dir(PP_DATADIR);
}

const char *pp_template_dir(pp_diag *d)
{
    pthread_once(&dir_once, find_dir);
    if (template_dir[0]) return template_dir;
    if (d) pp_msg(d, PP_NOWHERE, TEMPLATES_NOT_FOUND, searched);
    return NULL;
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

/* ---- defaults: the published documents' look (docs/templates.md) ---------- */
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
    t->styles[PP_TS_BANNER] = t->styles[PP_TS_ISSUED];
    t->styles[PP_TS_ANNEX] = (pp_textstyle){ .size_pt = 14, .leading_pt = 25, .align = PP_ALIGN_START };
    t->styles[PP_TS_TOC] = (pp_textstyle){ .size_pt = 14, .leading_pt = 25, .align = PP_ALIGN_START };
    t->title[0] = (pp_titleline){ PP_TS_TITLE, pp_xstrdup("{agency}{year}{title}") };
    t->ntitle = 1;
    t->issued_format = pp_xstrdup("{date}{text}");
    t->issued_style = PP_TS_ISSUED;
    t->toc_title = pp_xstrdup("目錄");
    t->toc_depth = 2;
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

static void free_columnset(pp_columnset *cs)
{
    free(cs->name);
    free(cs->caption);
    for (int k = 0; k < cs->ncols; k++) { free(cs->cols[k].header); free(cs->cols[k].key); }
    memset(cs, 0, sizeof *cs);
}

/* A <columns> set; one of the same name from an extended template is replaced. */
static void read_columns(tctx *c, pp_template *t, const xmlNode *n)
{
    char *name = get(n, "name");
    if (!name) name = pp_xstrdup("");
    pp_columnset *cs = NULL;
    for (int i = 0; i < t->ncolsets; i++)
        if (strcmp(t->colsets[i].name, name) == 0) { cs = &t->colsets[i]; free_columnset(cs); }
    if (!cs) {
        t->colsets = pp_xrealloc(t->colsets, ((size_t)t->ncolsets + 1) * sizeof *t->colsets);
        cs = &t->colsets[t->ncolsets++];
        memset(cs, 0, sizeof *cs);
    }
    cs->name = name;
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
        if (cs->ncols == PP_MAX_COLUMNS) { bad(c, k2, "%s: too many columns", cs->name); break; }
        pp_column *col = &cs->cols[cs->ncols++];
        col->header = get(k2, "header");
        if (!col->header) col->header = pp_xstrdup("");
        col->width = 0;
        number(c, k2, "width", 0.01, 1, &col->width);
        sum += col->width;
        char *what = get(k2, "content");
        int kind = pp_colkind_from_name(what);
        col->content = kind < 0 ? PP_COL_OUTCOME : (pp_colkind)kind;
        if (kind < 0) bad(c, k2, "unknown column content '%s'", what ? what : "");
        free(what);
        col->key = get(k2, "key");
        if (col->content == PP_COL_EXTRA && !col->key) bad(c, k2, "%s: an extra column needs a key", cs->name);
    }
    if (cs->ncols && sum > 0 && (sum < 0.99 || sum > 1.01)) {
        char v[32];
        snprintf(v, sizeof v, "%.3f", sum);
        bad(c, n, "column widths add up to %s, not 1", v);
    }
}

/* <title-block>: its lines replace the ones before (from an extended template). */
static int read_title_block(tctx *c, const xmlNode *n, pp_titleline *lines)
{
    int k = 0;
    for (const xmlNode *l = n->children; l; l = l->next) {
        if (!is(l, "line")) continue;
        if (k == PP_MAX_TITLE_LINES) { bad(c, l, "%s: too many title lines", "title-block"); break; }
        char *st = get(l, "style");
        int id = style_from_name(st);
        if (id < 0) bad(c, l, "unknown style '%s'", st ? st : "");
        free(st);
        xmlChar *v = xmlNodeGetContent(l);
        lines[k].style = id < 0 ? PP_TS_TITLE : id;
        lines[k].format = pp_xstrdup(v ? (const char *)v : "");
        xmlFree(v);
        k++;
    }
    return k;
}

static void free_titles(pp_titleline *lines, int *n)
{
    for (int i = 0; i < *n; i++) free(lines[i].format);
    *n = 0;
}

/* Old templates wrote "{year}年度"; {year} now carries its own phrase. */
static char *year_field(char *format)
{
    char *p = format ? strstr(format, "{year}年度") : NULL;
    if (p) memmove(p + 6, p + 6 + strlen("年度"), strlen(p + 6 + strlen("年度")) + 1);
    return format;
}

static void read_roles(tctx *c, pp_template *t, const xmlNode *n)
{
    for (const xmlNode *r = n->children; r; r = r->next) {
        if (!is(r, "role")) continue;
        char *name = get(r, "name");
        if (!name || !*name) { bad(c, r, "%s: a role needs a name", "roles"); free(name); continue; }
        pp_roledef *def = (pp_roledef *)pp_template_role(t, name);
        if (def) { free(def->words); free(name); }
        else {
            t->roles = pp_xrealloc(t->roles, ((size_t)t->nroles + 1) * sizeof *t->roles);
            def = &t->roles[t->nroles++];
            def->name = name;
        }
        def->words = get(r, "words");
        if (!def->words) def->words = pp_xstrdup("");
    }
}

/* <column-words>: a content named again replaces its words, keeping its place. */
static void read_colwords(tctx *c, pp_template *t, const xmlNode *n)
{
    for (const xmlNode *r = n->children; r; r = r->next) {
        if (!is(r, "column")) continue;
        char *what = get(r, "content");
        int kind = pp_colkind_from_name(what);
        if (kind < 0) { bad(c, r, "unknown column content '%s'", what ? what : ""); free(what); continue; }
        free(what);
        pp_colwords *cw = NULL;
        for (int i = 0; i < t->ncolwords; i++) if (t->colwords[i].content == (pp_colkind)kind) cw = &t->colwords[i];
        if (cw) free(cw->words);
        else {
            t->colwords = pp_xrealloc(t->colwords, ((size_t)t->ncolwords + 1) * sizeof *t->colwords);
            cw = &t->colwords[t->ncolwords++];
            cw->content = (pp_colkind)kind;
        }
        cw->words = get(r, "words");
        if (!cw->words) cw->words = pp_xstrdup("");
    }
}

static void free_profile(pp_profile *p)
{
    free(p->kind); free(p->noun); free(p->label); free(p->title_words); free(p->template_name); free(p->outcome); free(p->year_phrase);
    free(p->subject); free(p->keywords); free(p->columns);
    for (int i = 0; i < p->nneeds; i++) { free(p->needs[i].roles); free(p->needs[i].name); free(p->needs[i].file); }
    free(p->needs);
    free_titles(p->title, &p->ntitle);
    memset(p, 0, sizeof *p);
}

/* A <profile>: a document kind; one of the same kind from an extended template is replaced. */
static void read_profile(tctx *c, pp_template *t, const xmlNode *n)
{
    char *kind = get(n, "kind");
    if (!kind || !*kind) { bad(c, n, "%s: a profile needs a kind", "profile"); free(kind); return; }
    pp_profile *p = (pp_profile *)pp_template_profile(t, kind);
    if (p) free_profile(p);
    else {
        t->profiles = pp_xrealloc(t->profiles, ((size_t)t->nprofiles + 1) * sizeof *t->profiles);
        p = &t->profiles[t->nprofiles++];
        memset(p, 0, sizeof *p);
    }
    p->kind = kind;
    p->label = get(n, "label");
    p->noun = get(n, "noun");
    if (!p->noun) p->noun = pp_xstrdup(kind);
    p->template_name = get(n, "template");
    p->outcome = get(n, "outcome");
    p->title_words = get(n, "title-words");
    if (p->outcome && strcmp(p->outcome, "any") == 0) { free(p->outcome); p->outcome = NULL; }
    p->year_phrase = get(n, "year-phrase");
    if (!p->year_phrase) p->year_phrase = pp_xstrdup("年度");
    p->subject = get(n, "subject");
    p->keywords = get(n, "keywords");
    p->columns = get(n, "columns");
    char *years = get(n, "issued-years");
    if (years) {
        if (sscanf(years, "%d %d", &p->issued_lo, &p->issued_hi) == 2 && p->issued_lo <= p->issued_hi &&
            p->issued_lo >= -5 && p->issued_hi <= 5)
            p->has_issued_years = true;
        else
            bad(c, n, "issued-years must be two offsets such as \"-1 0\", not '%s'", years);
        free(years);
    }
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (is(k, "title-block")) {
            free_titles(p->title, &p->ntitle);
            p->ntitle = read_title_block(c, k, p->title);
        } else if (is(k, "section")) {
            char *roles = get(k, "role");
            if (!roles) continue;
            p->needs = pp_xrealloc(p->needs, ((size_t)p->nneeds + 1) * sizeof *p->needs);
            pp_need *nd = &p->needs[p->nneeds++];
            nd->roles = roles;
            nd->file = pp_xstrdup(c->file);
            nd->line = c->x ? pp_xml_loc(c->x, k).line : 0;
            nd->name = get(k, "name");
            if (!nd->name) nd->name = pp_xstrdup(roles);
            char *need = get(k, "need");
            nd->required = need && strcmp(need, "required") == 0;
            free(need);
        }
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
            bool land = o ? strcmp(o, "landscape") == 0 : t->page_w > t->page_h;
            if (land != (t->page_w > t->page_h)) { double w = t->page_w; t->page_w = t->page_h; t->page_h = w; }
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
                for (int i = 0; i < t->nfallback; i++) free(t->fallback[i]);
                t->nfallback = 0;
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
            /* the older single-line form of <title-block> */
            char *f = get(n, "format");
            if (f) {
                free_titles(t->title, &t->ntitle);
                t->title[0] = (pp_titleline){ PP_TS_TITLE, year_field(f) };
                t->ntitle = 1;
            }
        } else if (is(n, "title-block")) {
            free_titles(t->title, &t->ntitle);
            t->ntitle = read_title_block(c, n, t->title);
        } else if (is(n, "issued")) {
            set_str(&t->issued_format, get(n, "format"));
            char *st = get(n, "style");
            if (st) {
                int id = style_from_name(st);
                if (id < 0) bad(c, n, "unknown style '%s'", st); else t->issued_style = id;
                free(st);
            }
        } else if (is(n, "toc")) {
            set_str(&t->toc_title, get(n, "title"));
            double depth = t->toc_depth;
            if (number(c, n, "depth", 1, 6, &depth)) t->toc_depth = (int)depth;
            char *a = get(n, "auto");
            if (a) { t->toc_auto = strcmp(a, "yes") == 0; free(a); }
        } else if (is(n, "column-words")) {
            read_colwords(c, t, n);
        } else if (is(n, "roles")) {
            read_roles(c, t, n);
        } else if (is(n, "profile")) {
            read_profile(c, t, n);
        } else if (is(n, "numbering")) {
            int k = levels(c, n, "outline", t->outline, PP_MAX_LEVELS);
            if (k > 0) t->noutline = k;
            k = levels(c, n, "table", t->table_lists, PP_MAX_LEVELS);
            if (k > 0) t->ntable_lists = k;
        } else if (is(n, "page-number")) {
            set_str(&t->page_number, get(n, "format"));
            furniture_position(c, n, &t->number_at_head, &t->number_align);
        } else if (is(n, "running-header")) {
            set_str(&t->running_header, year_field(get(n, "format")));
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

/* Where template `spec` is: a path (with a '/' or ending in .xml, relative to
 * base_dir when given) or a name in the templates folder. */
static void template_path(char *path, size_t cap, const char *spec, const char *base_dir, const char *dir)
{
    size_t sl = strlen(spec);
    if (strchr(spec, '/') || (sl > 4 && strcmp(spec + sl - 4, ".xml") == 0)) {
        if (spec[0] != '/' && base_dir && *base_dir) snprintf(path, cap, "%s/%s", base_dir, spec);
        else snprintf(path, cap, "%s", spec);
    } else {
        snprintf(path, cap, "%s/%s.xml", dir, spec);
    }
}

enum { MAX_EXTENDS = 8 };

/* Reads `spec` onto t: first the template it extends (at most MAX_EXTENDS deep,
 * never one already on the way: `chain`), then its own settings. */
static int load_into(pp_template *t, const char *spec, const char *base_dir, const char *dir, xmlRelaxNGPtr schema,
                     char **chain, int depth, pp_diag *d)
{
    char path[PATH_MAX + 64];
    template_path(path, sizeof path, spec, base_dir, dir);
    if (access(path, R_OK) != 0) {
        pp_msg(d, PP_NOWHERE, TEMPLATE_NOT_FOUND, spec, path);
        return -1;
    }
    for (int i = 0; i < depth; i++)
        if (strcmp(chain[i], path) == 0) { pp_msg(d, PP_LOC(path, 0, 0), TEMPLATE_EXTENDS_LOOP, spec); return -1; }
    if (depth == MAX_EXTENDS) { pp_msg(d, PP_LOC(path, 0, 0), TEMPLATE_EXTENDS_DEEP, MAX_EXTENDS); return -1; }
    chain[depth] = path;
    tctx c = { .file = path, .d = d };
    pp_buf raw = PP_BUF_INIT, text = PP_BUF_INIT;
    pp_xml x = { 0 };
    int errors0 = d->errors;
    if (pp_input_read(path, PP_INPUT_MAX, &raw, d) == 0 && pp_decode_source(raw.data, raw.len, path, &text, d) == 0 &&
        pp_xml_parse(&x, pp_buf_str(&text), text.len, path, PP_XML_TEMPLATE, d) == 0) {
        c.x = &x;
        if (schema) pp_xml_validate(&x, schema);
        const xmlNode *root = xmlDocGetRootElement(x.doc);
        char *base = root ? get(root, "extends") : NULL;
        if (base) {
            /* the base's own relative paths are relative to this file's folder */
            char *slash = strrchr(path, '/');
            char *here = slash ? pp_xstrndup(path, (size_t)(slash - path)) : pp_xstrdup(".");
            if (load_into(t, base, here, dir, schema, chain, depth + 1, d) != 0) c.bad = true;
            free(here);
            free(base);
        }
        if (!c.bad && root) {
            free(t->path);
            t->path = pp_xstrdup(path);
            free(t->name);
            t->name = get(root, "name");
            if (!t->name) {
                const char *slash = strrchr(path, '/'), *b = slash ? slash + 1 : path;
                size_t l = strlen(b);
                t->name = pp_xstrndup(b, l > 4 && strcmp(b + l - 4, ".xml") == 0 ? l - 4 : l);
            }
            read_template(&c, t, root);
        }
    }
    pp_xml_release(&x);
    pp_buf_release(&raw);
    pp_buf_release(&text);
    return c.bad || d->errors != errors0 ? -1 : 0;
}

/* Every role a profile's sections name is one the roles define (once the whole
 * chain of templates is read): a misspelt one would give documents an error
 * they cannot fix. */
static int check_need_roles(const pp_template *t, pp_diag *d)
{
    int bad = 0;
    for (int i = 0; i < t->nprofiles; i++)
        for (int k = 0; k < t->profiles[i].nneeds; k++) {
            const pp_need *nd = &t->profiles[i].needs[k];
            char roles[512];
            snprintf(roles, sizeof roles, "%s", nd->roles);
            for (char *save = NULL, *r = strtok_r(roles, " ", &save); r; r = strtok_r(NULL, " ", &save)) {
                if (pp_template_role(t, r)) continue;
                pp_buf msg = PP_BUF_INIT;
                pp_buf_printf(&msg, "the profile '%s' names the section role '%s', which <roles> does not define",
                              t->profiles[i].kind, r);
                pp_msg(d, PP_LOC(nd->file, nd->line, 0), TEMPLATE_INVALID, pp_buf_str(&msg));
                pp_buf_release(&msg);
                bad = 1;
            }
        }
    return bad ? -1 : 0;
}

pp_template *pp_template_load(const char *spec, const char *base_dir, pp_diag *d)
{
    const char *dir = pp_template_dir(d);
    if (!dir) return NULL;
    char rng[PATH_MAX + 32];
    snprintf(rng, sizeof rng, "%s/template.rng", dir);
    xmlRelaxNGPtr schema = pp_xml_load_schema(rng, d);
    if (!schema) { pp_msg(d, PP_NOWHERE, TEMPLATE_SCHEMA_MISSING, rng); return NULL; }
    pp_template *t = pp_xcalloc(1, sizeof *t);
    defaults(t);
    char *chain[MAX_EXTENDS + 1];
    int rc = load_into(t, spec, base_dir, dir, schema, chain, 0, d);
    xmlRelaxNGFree(schema);
    if (rc == 0 && t->ncolsets == 0) { pp_msg(d, PP_LOC(t->path, 0, 0), TEMPLATE_NO_COLUMNS); rc = -1; }
    if (rc == 0 && check_need_roles(t, d) != 0) rc = -1;
    if (rc != 0) { pp_template_free(t); return NULL; }
    return t;
}

const char *pp_template_for_kind(const char *kind)
{
    const char *dir = pp_template_dir(NULL);
    char path[PATH_MAX + 64];
    bool plain = kind && *kind && !strchr(kind, '/') && !strchr(kind, '.');
    if (dir && plain) {
        snprintf(path, sizeof path, "%s/%s.xml", dir, kind);
        if (access(path, R_OK) == 0) return kind;
    }
    return "document";
}

const pp_profile *pp_template_profile(const pp_template *t, const char *kind)
{
    for (int i = 0; kind && i < t->nprofiles; i++) if (strcmp(t->profiles[i].kind, kind) == 0) return &t->profiles[i];
    return NULL;
}

const char *pp_template_role_of_title(const pp_template *t, const char *title)
{
    const char *best = NULL;
    size_t best_len = 0;
    for (int i = 0; title && i < t->nroles; i++) {
        const char *w = t->roles[i].words;
        while (w && *w) {
            while (*w == ' ') w++;
            size_t l = strcspn(w, " ");
            if (l > best_len) {
                /* the word inside the title: strstr on a copy of it */
                char word[256];
                if (l < sizeof word) {
                    memcpy(word, w, l);
                    word[l] = 0;
                    if (strstr(title, word)) { best = t->roles[i].name; best_len = l; }
                }
            }
            w += l;
        }
    }
    return best;
}

const pp_roledef *pp_template_role(const pp_template *t, const char *name)
{
    for (int i = 0; name && i < t->nroles; i++) if (strcmp(t->roles[i].name, name) == 0) return &t->roles[i];
    return NULL;
}

void pp_template_free(pp_template *t)
{
    if (!t) return;
    free(t->path);
    free(t->name);
    free(t->han_family);
    free(t->latin_family);
    for (int i = 0; i < t->nfallback; i++) free(t->fallback[i]);
    for (int i = 0; i < PP_TS__COUNT; i++) { free(t->styles[i].han_family); free(t->styles[i].latin_family); }
    free_titles(t->title, &t->ntitle);
    free(t->issued_format);
    free(t->page_number);
    free(t->running_header);
    free(t->continued_mark);
    free(t->toc_title);
    for (int i = 0; i < t->ncolsets; i++) free_columnset(&t->colsets[i]);
    free(t->colsets);
    free(t->default_columns);
    for (int i = 0; i < t->nroles; i++) { free(t->roles[i].name); free(t->roles[i].words); }
    free(t->roles);
    for (int i = 0; i < t->ncolwords; i++) free(t->colwords[i].words);
    free(t->colwords);
    for (int i = 0; i < t->nprofiles; i++) free_profile(&t->profiles[i]);
    free(t->profiles);
    free(t);
}

const pp_columnset *pp_template_columns(const pp_template *t, const char *name)
{
    if (!name) name = t->default_columns;
    for (int i = 0; name && i < t->ncolsets; i++)
        if (strcmp(t->colsets[i].name, name) == 0) return &t->colsets[i];
    return name ? NULL : (t->ncolsets ? &t->colsets[0] : NULL);
}
