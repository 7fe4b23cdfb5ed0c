#define _POSIX_C_SOURCE 200809L
#include "import_odf.h"
#include "import_label.h"
#include "import_part.h"
#include "odf_styles.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char OFFICE[] = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
static const char TEXT[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
static const char TABLE[] = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
static const char STYLE[] = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
static const char FO[] = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
static const char DRAW[] = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
static const char MANIFEST[] = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
static const char DC[] = "http://purl.org/dc/elements/1.1/";
static const char META[] = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
static const char XMLNS[] = "http://www.w3.org/XML/1998/namespace";

enum { MAX_LEVELS = 10, MAX_DEPTH = 48, MAX_CHAIN = 16, MAX_REPEAT = 1000 };

/* ---- styles ------------------------------------------------------------------------ */

typedef struct ostyle {
    char *name, *parent, *list_style;
    char *master;            /* style:master-page-name: a page break to that master page before it */
    int family;              /* 'p' paragraph, 't' text, 'c' table column, 'b' table, 0 other */
    int center;              /* -1 not said */
    int em;                  /* bold or underlined; -1 not said */
    int outline;             /* style:default-outline-level, 0 none */
    double margin;           /* fo:margin-left, pt; -1 not said */
    double width;            /* table column: relative or absolute width, 0 none */
    bool optimal;            /* table column: style:use-optimal-column-width="true" */
} ostyle;

typedef struct olevel {
    char *fmt, *prefix, *suffix;
    int start, display;
    bool bullet, set;
} olevel;

typedef struct olist_style {
    char *name;
    olevel lv[MAX_LEVELS];
} olist_style;

/* One list as numbered: its style and a counter per level. */
typedef struct olist {
    const olist_style *style;
    char *id;                /* xml:id, for text:continue-list */
    int count[MAX_LEVELS];
} olist;

/* A page layout or a master page, and whether its pages are landscape (wider than tall). */
typedef struct opage { char *name, *layout; bool landscape; } opage;

typedef struct odf {
    const char *file;
    pp_diag *d;
    pp_imp_doc *doc;
    ostyle *styles;
    size_t nstyles, capstyles;
    olist_style *lists;
    size_t nlists, caplists;
    olist_style outline;     /* text:outline-style, numbering the headings */
    olist *inst;             /* list instances, in document order */
    size_t ninst, capinst;
    olist headings;
    opage *layouts, *masters;
    size_t nlayouts, caplayouts, nmasters, capmasters;
    const opage *page;       /* the master page the body has switched to, NULL: the document's first */
    bool warned_picture, warned_toc;
} odf;

static const char *oattr(const xmlNode *n, const char *ns, const char *name) { return pp_part_attr_ns(n, ns, name); }
static char *dup_or_null(const char *s) { return s ? pp_xstrdup(s) : NULL; }

static int int_of(const char *s, int dflt)
{
    if (!s) return dflt;
    char *end;
    long v = strtol(s, &end, 10);
    return end != s && v > -100000 && v < 100000 ? (int)v : dflt;
}

/* The length in points of an ODF length (12pt, 21cm, 210mm, 8.5in), 0 when unreadable. */
static double length_pt(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || !(v > 0 && v < 1e6)) return 0;
    static const struct { const char *unit; double pt; } units[] = {
        { "pt", 1 }, { "cm", 72 / 2.54 }, { "mm", 72 / 25.4 }, { "in", 72 }, { "pc", 12 }, { "px", 0.75 } };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(end, units[i].unit) == 0) return v * units[i].pt;
    return 0;
}

static void read_levels(odf *x, const xmlNode *ls, olist_style *out)
{
    for (const xmlNode *l = ls->children; l; l = l->next) {
        bool num = pp_part_is(l, TEXT, "list-level-style-number") || pp_part_is(l, TEXT, "outline-level-style");
        bool bul = pp_part_is(l, TEXT, "list-level-style-bullet") || pp_part_is(l, TEXT, "list-level-style-image");
        if (!num && !bul) continue;
        int k = int_of(oattr(l, TEXT, "level"), 0) - 1;
        if (k < 0 || k >= MAX_LEVELS) continue;
        olevel *lv = &out->lv[k];
        free(lv->fmt); free(lv->prefix); free(lv->suffix);
        lv->fmt = dup_or_null(oattr(l, STYLE, "num-format"));
        lv->prefix = dup_or_null(oattr(l, STYLE, "num-prefix"));
        lv->suffix = dup_or_null(oattr(l, STYLE, "num-suffix"));
        lv->start = int_of(oattr(l, TEXT, "start-value"), 1);
        lv->display = int_of(oattr(l, TEXT, "display-levels"), 1);
        lv->bullet = bul;
        lv->set = true;
    }
    (void)x;
}

static void free_levels(olist_style *s)
{
    for (int k = 0; k < MAX_LEVELS; k++) { free(s->lv[k].fmt); free(s->lv[k].prefix); free(s->lv[k].suffix); }
    free(s->name);
}

static void read_style_list(odf *x, const xmlNode *parent)
{
    for (const xmlNode *s = parent ? parent->children : NULL; s; s = s->next) {
        if (pp_part_is(s, TEXT, "list-style")) {
            PP_GROW(x->lists, x->caplists, x->nlists + 1);
            olist_style *ls = &x->lists[x->nlists++];
            memset(ls, 0, sizeof *ls);
            ls->name = dup_or_null(oattr(s, STYLE, "name"));
            read_levels(x, s, ls);
            continue;
        }
        if (pp_part_is(s, TEXT, "outline-style")) { read_levels(x, s, &x->outline); continue; }
        if (pp_part_is(s, STYLE, "page-layout")) {
            const xmlNode *pl = pp_part_child(s, STYLE, "page-layout-properties");
            const char *o = pl ? oattr(pl, STYLE, "print-orientation") : NULL;
            double w = pl && oattr(pl, FO, "page-width") ? length_pt(oattr(pl, FO, "page-width")) : 0;
            double h = pl && oattr(pl, FO, "page-height") ? length_pt(oattr(pl, FO, "page-height")) : 0;
            PP_GROW(x->layouts, x->caplayouts, x->nlayouts + 1);
            x->layouts[x->nlayouts++] = (opage){ dup_or_null(oattr(s, STYLE, "name")), NULL,
                                                 w > 0 && h > 0 ? w > h : o && strcmp(o, "landscape") == 0 };
            continue;
        }
        if (!pp_part_is(s, STYLE, "style")) continue;
        const char *fam = oattr(s, STYLE, "family");
        PP_GROW(x->styles, x->capstyles, x->nstyles + 1);
        ostyle *st = &x->styles[x->nstyles++];
        memset(st, 0, sizeof *st);
        st->center = st->em = -1;
        st->name = dup_or_null(oattr(s, STYLE, "name"));
        st->parent = dup_or_null(oattr(s, STYLE, "parent-style-name"));
        st->list_style = dup_or_null(oattr(s, STYLE, "list-style-name"));
        st->master = dup_or_null(oattr(s, STYLE, "master-page-name"));
        st->family = !fam ? 0 : !strcmp(fam, "paragraph") ? 'p' : !strcmp(fam, "text") ? 't' : !strcmp(fam, "table-column") ? 'c'
                   : !strcmp(fam, "table") ? 'b' : 0;
        st->outline = int_of(oattr(s, STYLE, "default-outline-level"), 0);
        const xmlNode *pp = pp_part_child(s, STYLE, "paragraph-properties");
        const char *align = pp ? oattr(pp, FO, "text-align") : NULL;
        const char *ml = pp ? oattr(pp, FO, "margin-left") : NULL;
        st->margin = !ml ? -1 : strtod(ml, NULL) == 0 ? 0 : length_pt(ml) > 0 ? length_pt(ml) : -1;
        if (align) st->center = strcmp(align, "center") == 0;
        const xmlNode *tp = pp_part_child(s, STYLE, "text-properties");
        if (tp) {
            const char *w = oattr(tp, FO, "font-weight"), *u = oattr(tp, STYLE, "text-underline-style");
            if (w || u) st->em = (w && strcmp(w, "bold") == 0) || (u && strcmp(u, "none") != 0);
        }
        const xmlNode *cp = pp_part_child(s, STYLE, "table-column-properties");
        if (cp) {
            const char *rel = oattr(cp, STYLE, "rel-column-width"), *abs = oattr(cp, STYLE, "column-width");
            st->width = rel ? strtod(rel, NULL) : abs ? strtod(abs, NULL) : 0;
            const char *opt = oattr(cp, STYLE, "use-optimal-column-width");
            st->optimal = opt && strcmp(opt, "true") == 0;
        }
    }
}

static const ostyle *style_named(const odf *x, const char *name, int family)
{
    /* later definitions (content.xml's automatic styles) win over earlier ones */
    for (size_t i = x->nstyles; name && i-- > 0;)
        if (x->styles[i].name && x->styles[i].family == family && strcmp(x->styles[i].name, name) == 0) return &x->styles[i];
    return NULL;
}

static const olist_style *list_style_named(const odf *x, const char *name)
{
    for (size_t i = x->nlists; name && i-- > 0;)
        if (x->lists[i].name && strcmp(x->lists[i].name, name) == 0) return &x->lists[i];
    return NULL;
}

/* A property along a style's parent chain: which = 'c' centre, 'e' emphasis, 'o' outline. */
static int style_prop(const odf *x, const char *name, int family, int which)
{
    const ostyle *s = style_named(x, name, family);
    for (int k = 0; s && k < MAX_CHAIN; k++, s = style_named(x, s->parent, family)) {
        int v = which == 'c' ? s->center : which == 'e' ? s->em : s->outline ? s->outline : -1;
        if (v >= 0) return v;
    }
    return which == 'o' ? 0 : 0;
}

/* A paragraph style's left margin along its parent chain, pt (0 where none says). */
static double style_margin(const odf *x, const char *name)
{
    const ostyle *s = style_named(x, name, 'p');
    for (int k = 0; s && k < MAX_CHAIN; k++, s = style_named(x, s->parent, 'p'))
        if (s->margin >= 0) return s->margin;
    return 0;
}

/* Whether a paragraph style is, or derives from, the named one. */
static bool style_is(const odf *x, const char *name, const char *want)
{
    const ostyle *s = style_named(x, name, 'p');
    if (!s && name && !strcmp(name, want)) return true;
    for (int k = 0; s && k < MAX_CHAIN; k++, s = style_named(x, s->parent, 'p'))
        if (s->name && !strcmp(s->name, want)) return true;
    return false;
}

/* ---- pages ------------------------------------------------------------------------------ */

static void read_masters(odf *x, const xmlNode *ms)
{
    for (const xmlNode *m = ms ? ms->children : NULL; m; m = m->next) {
        if (!pp_part_is(m, STYLE, "master-page")) continue;
        const char *lay = oattr(m, STYLE, "page-layout-name");
        PP_GROW(x->masters, x->capmasters, x->nmasters + 1);
        x->masters[x->nmasters++] = (opage){ dup_or_null(oattr(m, STYLE, "name")), dup_or_null(lay), false };
    }
}

static const opage *page_named(const opage *v, size_t n, const char *name)
{
    for (size_t i = n; name && i-- > 0;) if (v[i].name && strcmp(v[i].name, name) == 0) return &v[i];
    return NULL;
}

static bool master_landscape(const odf *x, const opage *m)
{
    const opage *l = m ? page_named(x->layouts, x->nlayouts, m->layout) : NULL;
    return l && l->landscape;
}

/* The document's first master page: Standard, which a paragraph naming none is
 * on, else the first one defined. */
static const opage *first_master(const odf *x)
{
    const opage *m = page_named(x->masters, x->nmasters, "Standard");
    return m ? m : x->nmasters ? &x->masters[0] : NULL;
}

/* Whether a paragraph or table of the body (style `sty`, family 'p' or 'b') is
 * on a turned page: its style (or a parent) switches to a master page, or the
 * last switch holds; turned is landscape where the first master page is upright, or
 * the other way round. */
static bool on_turned_page(odf *x, const char *sty, int family)
{
    const ostyle *s = style_named(x, sty, family);
    for (int k = 0; s && k < MAX_CHAIN; k++, s = style_named(x, s->parent, family)) {
        const opage *m = s->master && *s->master ? page_named(x->masters, x->nmasters, s->master) : NULL;
        if (m) { x->page = m; break; }
    }
    const opage *first = first_master(x);
    return x->page && first && master_landscape(x, x->page) != master_landscape(x, first);
}

/* ---- numbering ------------------------------------------------------------------------ */

/* The label a level prints: prefix, the numbers of display-levels levels, suffix. */
static void make_label(const olist_style *ls, const int *count, int level, pp_imp_para *p)
{
    const olevel *lv = &ls->lv[level];
    p->autolevel = level;
    if (lv->bullet) { p->bullet = true; return; }
    char nums[96] = "";
    size_t o = 0;
    int from = level - (lv->display > 1 ? lv->display - 1 : 0);
    if (from < 0) from = 0;
    bool any = false;
    for (int k = from; k <= level; k++) {
        char one[32];
        int v = count[k] ? count[k] : ls->lv[k].start;
        if (!pp_label_odf_number(one, sizeof one, ls->lv[k].fmt, v)) continue;
        int n = snprintf(nums + o, sizeof nums - o, "%s%s", any ? "." : "", one);
        if (n < 0 || (size_t)n >= sizeof nums - o) break;
        o += (size_t)n;
        any = true;
    }
    if (!any && !lv->prefix && !lv->suffix) return;
    if (!any && !(lv->fmt && *lv->fmt)) return;   /* no number: nothing printed */
    size_t cap = o + (lv->prefix ? strlen(lv->prefix) : 0) + (lv->suffix ? strlen(lv->suffix) : 0) + 1;
    p->autolabel = pp_xmalloc(cap);
    snprintf(p->autolabel, cap, "%s%s%s", lv->prefix ? lv->prefix : "", nums, lv->suffix ? lv->suffix : "");
}

static void advance(olist *l, int level)
{
    l->count[level] = l->count[level] ? l->count[level] + 1 : (l->style ? l->style->lv[level].start : 1);
    for (int k = level + 1; k < MAX_LEVELS; k++) l->count[k] = 0;
}

/* ---- the body ------------------------------------------------------------------------- */

typedef struct where { int table, row, col; } where;

/* The list context of the paragraphs being read: the list, its level, whether
 * this item's label is still to print (only its first paragraph carries it). */
typedef struct listctx { olist *list; int level; bool label_due; int start_value; } listctx;

static void read_blocks(odf *x, const xmlNode *first, pp_imp_blocks *out, where at, listctx *lc, int depth);

static void add_spaces(pp_imp_para *p, int n, bool em)
{
    for (int i = 0; i < n && i < 64; i++) pp_imp_para_text(p, " ", 1, em);
}

static void add_text(pp_imp_para *p, const char *s, bool em)
{
    /* XML white space in ODF text collapses (text:s holds the spaces that count) */
    size_t len = strlen(s), from = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
            pp_imp_para_text(p, s + from, i - from, em);
            pp_imp_para_text(p, " ", 1, em);
            from = i + 1;
        }
    }
    pp_imp_para_text(p, s + from, len - from, em);
}

static void read_inline(odf *x, const xmlNode *first, pp_imp_para *p, pp_imp_blocks *later, bool em, where at, int depth)
{
    if (depth > MAX_DEPTH) return;
    for (const xmlNode *c = first; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) add_text(p, (const char *)c->content, em);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (pp_part_is(c, TEXT, "span")) {
            int e = style_prop(x, oattr(c, TEXT, "style-name"), 't', 'e');
            read_inline(x, c->children, p, later, em || e == 1, at, depth + 1);
        } else if (pp_part_is(c, TEXT, "s")) {
            add_spaces(p, int_of(oattr(c, TEXT, "c"), 1), em);
        } else if (pp_part_is(c, TEXT, "tab")) {
            pp_imp_para_text(p, " ", 1, em);
        } else if (pp_part_is(c, TEXT, "line-break")) {
            pp_imp_para_break(p);
        } else if (pp_part_is(c, TEXT, "note")) {
            const xmlNode *body = pp_part_child(c, TEXT, "note-body");
            if (body) {
                char w[96];
                pp_imp_where(w, sizeof w, p, NULL);
                pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_FOOTNOTE, w);
                read_blocks(x, body->children, later, at, NULL, depth + 1);
            }
        } else if (pp_part_is(c, DRAW, "frame") || pp_part_is(c, DRAW, "a")) {
            const xmlNode *box = pp_part_child(c, DRAW, "text-box");
            if (box) {
                char w[96];
                pp_imp_where(w, sizeof w, p, NULL);
                pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_TEXT_BOX, w);
                read_blocks(x, box->children, later, at, NULL, depth + 1);
            } else if (pp_part_is(c, DRAW, "a")) {
                read_inline(x, c->children, p, later, em, at, depth + 1);
            } else if (!x->warned_picture) {
                char w[96];
                pp_imp_where(w, sizeof w, p, NULL);
                pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_PICTURE, w);
                x->warned_picture = true;
            }
        } else if (pp_part_is(c, OFFICE, "annotation") || pp_part_is(c, OFFICE, "annotation-end") ||
                   pp_part_is(c, TEXT, "number") || pp_part_is(c, TEXT, "soft-page-break") ||
                   pp_part_is(c, TEXT, "note-citation") || pp_part_is(c, TEXT, "ruby-text") ||
                   pp_part_is(c, TEXT, "bookmark") || pp_part_is(c, TEXT, "change")) {
            continue;
        } else {
            /* links, fields, ruby bases, meta: their text is the text */
            read_inline(x, c->children, p, later, em, at, depth + 1);
        }
    }
}

static void read_para(odf *x, const xmlNode *e, pp_imp_blocks *out, where at, listctx *lc, int depth)
{
    pp_imp_para *p = pp_imp_para_add(out);
    if (at.table) { p->table = at.table; p->row = at.row; p->col = at.col; p->no = (long)out->n; }
    else p->no = ++x->doc->nparas;
    const char *sty = oattr(e, TEXT, "style-name");
    p->center = style_prop(x, sty, 'p', 'c') == 1;
    if (!at.table) p->turned = on_turned_page(x, sty, 'p');
    p->margin_pt = style_margin(x, sty);
    /* the title block lines planpress's own .odt names, by the writer's own names */
    if (!at.table && style_is(x, sty, pp_odf_style_name(PP_TS_BANNER))) p->head_line = PP_IMP_LINE_BANNER;
    else if (!at.table && style_is(x, sty, pp_odf_style_name(PP_TS_ANNEX))) p->head_line = PP_IMP_LINE_ANNEX;
    p->note = style_is(x, sty, pp_odf_style_name(PP_TS_NOTE));
    if (pp_part_is(e, TEXT, "h")) {
        int lvl = int_of(oattr(e, TEXT, "outline-level"), style_prop(x, sty, 'p', 'o'));
        p->heading = lvl > 0 && lvl <= 10 ? lvl : 1;
        const char *hdr = oattr(e, TEXT, "is-list-header");
        if (!lc && !(hdr && strcmp(hdr, "true") == 0) && p->heading <= MAX_LEVELS && x->outline.lv[p->heading - 1].set) {
            x->headings.style = &x->outline;
            advance(&x->headings, p->heading - 1);
            make_label(&x->outline, x->headings.count, p->heading - 1, p);
        }
    }
    if (lc && lc->label_due) {
        lc->label_due = false;
        if (lc->list->style && lc->list->style->lv[lc->level].set) {
            if (lc->start_value > 0) {
                lc->list->count[lc->level] = lc->start_value;
                for (int k = lc->level + 1; k < MAX_LEVELS; k++) lc->list->count[k] = 0;
            } else {
                advance(lc->list, lc->level);
            }
            make_label(lc->list->style, lc->list->count, lc->level, p);
        }
    }
    pp_imp_blocks later = { 0 };
    read_inline(x, e->children, p, &later, false, at, depth + 1);
    for (size_t i = 0; i < later.n; i++) {
        PP_GROW(out->v, out->cap, out->n + 1);
        out->v[out->n++] = later.v[i];
    }
    free(later.v);
}

static olist *new_list(odf *x, const olist_style *style, const char *id)
{
    PP_GROW(x->inst, x->capinst, x->ninst + 1);
    olist *l = &x->inst[x->ninst++];
    memset(l, 0, sizeof *l);
    l->style = style;
    l->id = dup_or_null(id);
    return l;
}

static void read_list(odf *x, const xmlNode *e, pp_imp_blocks *out, where at, listctx *outer, int depth)
{
    listctx lc = { 0 };
    if (outer) {
        lc.list = outer->list;
        lc.level = outer->level + 1 < MAX_LEVELS ? outer->level + 1 : MAX_LEVELS - 1;
    } else {
        const olist_style *style = list_style_named(x, oattr(e, TEXT, "style-name"));
        const char *cont = oattr(e, TEXT, "continue-list"), *num = oattr(e, TEXT, "continue-numbering");
        olist *prev = NULL;
        /* inst is reallocated by new_list: keep an index, not a pointer, across it */
        size_t found = x->ninst;
        for (size_t i = x->ninst; cont && i-- > 0;)
            if (x->inst[i].id && strcmp(x->inst[i].id, cont) == 0) { found = i; break; }
        if (found == x->ninst && num && strcmp(num, "true") == 0)
            for (size_t i = x->ninst; i-- > 0;)
                if (x->inst[i].style == style) { found = i; break; }
        if (found < x->ninst) prev = &x->inst[found];
        if (prev) {
            olist copy = *prev;
            olist *l = new_list(x, style ? style : copy.style, oattr(e, XMLNS, "id"));
            memcpy(l->count, copy.count, sizeof l->count);
            lc.list = l;
        } else {
            lc.list = new_list(x, style, oattr(e, XMLNS, "id"));
        }
        lc.level = 0;
    }
    size_t me = (size_t)(lc.list - x->inst);
    for (const xmlNode *it = e->children; it; it = it->next) {
        bool item = pp_part_is(it, TEXT, "list-item"), header = pp_part_is(it, TEXT, "list-header");
        if (!item && !header) continue;
        lc.list = &x->inst[me];
        lc.label_due = item;
        lc.start_value = item ? int_of(oattr(it, TEXT, "start-value"), 0) : 0;
        read_blocks(x, it->children, out, at, &lc, depth + 1);
    }
}

static void add_columns(odf *x, const xmlNode *c, double *widths, int *ncols)
{
    int rep = int_of(oattr(c, TABLE, "number-columns-repeated"), 1);
    const ostyle *cs = style_named(x, oattr(c, TABLE, "style-name"), 'c');
    /* a column whose width is the optimal one (planpress: the source gave none)
     * counts as one without a width: the table's widths stay automatic */
    for (int k = 0; k < rep && *ncols < 64; k++) widths[(*ncols)++] = cs && !cs->optimal ? cs->width : 0;
}

static void read_row(odf *x, pp_imp_table *t, const xmlNode *tr, bool header, double *widths, int *ncols, int depth)
{
    int rep = int_of(oattr(tr, TABLE, "number-rows-repeated"), 1);
    if (rep < 1 || rep > MAX_REPEAT) rep = 1;
    for (int rr = 0; rr < rep; rr++) {
        pp_imp_row *row = pp_imp_row_add(t);
        row->header = header;
        int col = 0;
        for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
            bool cell = pp_part_is(tc, TABLE, "table-cell"), cov = pp_part_is(tc, TABLE, "covered-table-cell");
            if (!cell && !cov) continue;
            int crep = int_of(oattr(tc, TABLE, "number-columns-repeated"), 1);
            if (crep < 1 || crep > 64) crep = 1;
            if (cov) { col += crep; continue; }   /* the spanning cell stands for it */
            int cs = int_of(oattr(tc, TABLE, "number-columns-spanned"), 1);
            int rs = int_of(oattr(tc, TABLE, "number-rows-spanned"), 1);
            if (cs < 1 || cs > 64) cs = 1;
            if (rs < 1 || rs > 100000) rs = 1;
            /* every cell, covered or not, stands in one column: the covered ones
             * after a spanning cell are listed, so a cell moves on by one */
            for (int k = 0; k < crep && col < 64; k++) {
                pp_imp_cell *c = pp_imp_cell_add(row, col, cs);
                c->rowspan = rs;
                where at = { t->no, (int)t->nrows, col + 1 };
                read_blocks(x, tc->children, &c->blocks, at, NULL, depth + 1);
                col++;
                if (col + cs - 1 > *ncols && col + cs - 1 <= 64) {
                    for (int w = *ncols; w < col + cs - 1; w++) widths[w] = 0;
                    *ncols = col + cs - 1;
                }
            }
        }
        if (col > *ncols && col <= 64) {
            for (int k = *ncols; k < col; k++) widths[k] = 0;
            *ncols = col;
        }
    }
}

/* Rows directly under the table or in its header-rows, rows and row-group wrappers. */
static void read_rows(odf *x, pp_imp_table *t, const xmlNode *holder, bool header, double *widths, int *ncols, int depth)
{
    if (depth > MAX_DEPTH) return;
    for (const xmlNode *r = holder->children; r; r = r->next) {
        if (pp_part_is(r, TABLE, "table-column")) add_columns(x, r, widths, ncols);
        else if (pp_part_is(r, TABLE, "table-columns") || pp_part_is(r, TABLE, "table-header-columns") ||
                 pp_part_is(r, TABLE, "table-column-group"))
            read_rows(x, t, r, header, widths, ncols, depth + 1);
        else if (pp_part_is(r, TABLE, "table-header-rows")) read_rows(x, t, r, true, widths, ncols, depth + 1);
        else if (pp_part_is(r, TABLE, "table-rows") || pp_part_is(r, TABLE, "table-row-group"))
            read_rows(x, t, r, header, widths, ncols, depth + 1);
        else if (pp_part_is(r, TABLE, "table-row")) read_row(x, t, r, header, widths, ncols, depth);
    }
}

static void read_table(odf *x, const xmlNode *e, pp_imp_blocks *out, int depth)
{
    pp_imp_table *t = pp_imp_table_add(out);
    t->no = ++x->doc->ntables;
    t->turned = on_turned_page(x, oattr(e, TABLE, "style-name"), 'b');
    const char *name = oattr(e, TABLE, "name");
    t->declared = name && strncmp(name, "Strategies", 10) == 0;   /* odf_table's name for it */
    double widths[64];
    int ncols = 0;
    read_rows(x, t, e, false, widths, &ncols, depth + 1);
    t->ncols = ncols;
    bool all = ncols > 0;
    for (int k = 0; k < ncols; k++) if (widths[k] <= 0) all = false;
    if (all) {
        t->widths = pp_xmalloc((size_t)ncols * sizeof *t->widths);
        memcpy(t->widths, widths, (size_t)ncols * sizeof *t->widths);
    }
}

/* A table of contents (Writer's, or planpress's own): where it stands and the
 * outline levels its source lists; its entries repeat the headings. */
static void read_toc(odf *x, const xmlNode *e, pp_imp_blocks *out)
{
    const xmlNode *src = pp_part_child(e, TEXT, "table-of-content-source");
    int depth = int_of(src ? oattr(src, TEXT, "outline-level") : NULL, 10);
    pp_imp_para *p = pp_imp_para_add(out);
    p->no = ++x->doc->nparas;
    p->toc = depth >= 1 && depth <= 10 ? depth : 10;
}

static void read_blocks(odf *x, const xmlNode *first, pp_imp_blocks *out, where at, listctx *lc, int depth)
{
    if (depth > MAX_DEPTH) return;
    for (const xmlNode *c = first; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (pp_part_is(c, TEXT, "p") || pp_part_is(c, TEXT, "h")) read_para(x, c, out, at, lc, depth);
        else if (pp_part_is(c, TEXT, "list")) read_list(x, c, out, at, lc, depth + 1);
        else if (pp_part_is(c, TABLE, "table")) read_table(x, c, out, depth + 1);
        else if (pp_part_is(c, TEXT, "section")) read_blocks(x, c->children, out, at, lc, depth + 1);
        else if (pp_part_is(c, TEXT, "table-of-content") && !at.table) read_toc(x, c, out);
        else if (pp_part_is(c, TEXT, "table-of-content") || pp_part_is(c, TEXT, "alphabetical-index") ||
                 pp_part_is(c, TEXT, "illustration-index") || pp_part_is(c, TEXT, "table-index") ||
                 pp_part_is(c, TEXT, "bibliography") || pp_part_is(c, TEXT, "user-index") ||
                 pp_part_is(c, TEXT, "object-index")) {
            /* an index repeats the headings (or names what planpress does not print) */
            if (!x->warned_toc) pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_TOC);
            x->warned_toc = true;
        }
    }
}

/* ---- the package ----------------------------------------------------------------------- */

/* dc:language of office:meta, when it names Chinese in a tag of xsd:language's
 * form (zh-TW, zh-Hant-TW). Another language is the editor's locale more often
 * than the document's (an English Writer writes en-US on a Chinese text), so
 * the source keeps its default then. */
static void read_lang(odf *x, const xmlNode *meta)
{
    const xmlNode *l = pp_part_child(meta, DC, "language");
    xmlChar *v = l ? xmlNodeGetContent(l) : NULL;
    const char *s = (const char *)v;
    bool ok = s && (s[0] == 'z' || s[0] == 'Z') && (s[1] == 'h' || s[1] == 'H') && (s[2] == '-' || !s[2]);
    size_t k = 0;
    for (const char *p = s; ok && *p; p++) {
        bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
        if (alnum) ok = ++k <= 8;
        else if (*p == '-') { ok = k > 0; k = 0; }
        else ok = false;
    }
    if (ok && k > 0 && strlen(s) < 36) {
        free(x->doc->lang);
        x->doc->lang = pp_xstrdup(s);
    }
    xmlFree(v);
}

/* The text of a meta element, trimmed, malloc'd; NULL when empty. */
static char *meta_text(const xmlNode *n)
{
    xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
    const char *s = (const char *)v;
    char *out = NULL;
    if (s) {
        while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') s++;
        size_t l = strlen(s);
        while (l && (s[l - 1] == ' ' || s[l - 1] == '\n' || s[l - 1] == '\t' || s[l - 1] == '\r')) l--;
        if (l && l < 4096) out = pp_xstrndup(s, l);
    }
    xmlFree(v);
    return out;
}

/* The author (dc:creator, else meta:initial-creator: planpress writes the
 * agency there) and the custom properties planpress writes, "planpress kind"
 * and "planpress roles", which Writer keeps when it saves. */
static void read_meta(odf *x, const xmlNode *meta)
{
    read_lang(x, meta);
    free(x->doc->creator);
    x->doc->creator = meta_text(pp_part_child(meta, DC, "creator"));
    if (!x->doc->creator) x->doc->creator = meta_text(pp_part_child(meta, META, "initial-creator"));
    for (const xmlNode *u = meta ? meta->children : NULL; u; u = u->next) {
        if (!pp_part_is(u, META, "user-defined")) continue;
        const char *name = oattr(u, META, "name");
        char **to = !name ? NULL : !strcmp(name, "planpress kind") ? &x->doc->kind
                  : !strcmp(name, "planpress roles") ? &x->doc->roles
                  : !strcmp(name, "planpress template") ? &x->doc->template_path : NULL;
        if (!to) continue;
        free(*to);
        *to = meta_text(u);
    }
}

static void odf_free(odf *x)
{
    for (size_t i = 0; i < x->nstyles; i++) {
        free(x->styles[i].name); free(x->styles[i].parent); free(x->styles[i].list_style); free(x->styles[i].master);
    }
    for (size_t i = 0; i < x->nlayouts; i++) free(x->layouts[i].name);
    for (size_t i = 0; i < x->nmasters; i++) { free(x->masters[i].name); free(x->masters[i].layout); }
    free(x->layouts);
    free(x->masters);
    free(x->styles);
    for (size_t i = 0; i < x->nlists; i++) free_levels(&x->lists[i]);
    free(x->lists);
    free_levels(&x->outline);
    for (size_t i = 0; i < x->ninst; i++) free(x->inst[i].id);
    free(x->inst);
}

/* Styles from a document root: office:styles, then office:automatic-styles
 * (page layouts among them), and the master pages. */
static void read_all_styles(odf *x, const xmlNode *root)
{
    read_style_list(x, pp_part_child(root, OFFICE, "styles"));
    read_style_list(x, pp_part_child(root, OFFICE, "automatic-styles"));
    read_masters(x, pp_part_child(root, OFFICE, "master-styles"));
}

static int read_body(odf *x, const xmlNode *root, const char *part)
{
    const xmlNode *body = pp_part_child(root, OFFICE, "body");
    const xmlNode *text = pp_part_child(body, OFFICE, "text");
    if (!text) {
        pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_NO_BODY, part);
        return -1;
    }
    read_blocks(x, text->children, &x->doc->body, (where){ 0, 0, 0 }, NULL, 0);
    return 0;
}

bool pp_import_is_odt(pp_zip *z, char **mimetype, pp_diag *d)
{
    *mimetype = NULL;
    pp_buf m = PP_BUF_INIT;
    if (pp_zip_read(z, "mimetype", &m, d) != 0) { pp_buf_release(&m); return false; }
    const char *s = pp_buf_str(&m);
    bool yes = strcmp(s, "application/vnd.oasis.opendocument.text") == 0 ||
               strcmp(s, "application/vnd.oasis.opendocument.text-template") == 0;
    *mimetype = pp_buf_take(&m);
    return yes;
}

bool pp_import_odt_encrypted(pp_zip *z, const char *file, pp_diag *d)
{
    pp_part p;
    bool enc = false;
    if (pp_part_read(&p, z, file, "META-INF/manifest.xml", d) == 0) {
        const xmlNode *root = xmlDocGetRootElement(p.x.doc);
        for (const xmlNode *f = root ? root->children : NULL; f && !enc; f = f->next) {
            if (!pp_part_is(f, MANIFEST, "file-entry")) continue;
            const char *path = oattr(f, MANIFEST, "full-path");
            if (path && strcmp(path, "content.xml") == 0 && pp_part_child(f, MANIFEST, "encryption-data")) enc = true;
        }
    }
    pp_part_release(&p);
    return enc;
}

int pp_import_odt(pp_zip *z, const char *file, pp_imp_doc *out, pp_diag *d)
{
    odf x = { .file = file, .d = d, .doc = out };
    pp_part ps, pc;
    memset(&ps, 0, sizeof ps);
    memset(&pc, 0, sizeof pc);
    int rc = -1;
    int rs = pp_part_read(&ps, z, file, "styles.xml", d);
    int r = rs < 0 ? -1 : pp_part_read(&pc, z, file, "content.xml", d);
    if (r == 1) pp_msg(d, PP_LOC(file, 0, 0), IMPORT_NO_BODY, "content.xml");
    if (rs >= 0 && r == 0) {
        if (rs == 0) read_all_styles(&x, xmlDocGetRootElement(ps.x.doc));
        const xmlNode *root = xmlDocGetRootElement(pc.x.doc);
        read_all_styles(&x, root);
        rc = read_body(&x, root, "content.xml");
    }
    pp_part_release(&ps);
    pp_part_release(&pc);
    /* meta.xml is optional; a missing or broken one (counted, not reported) costs the language only */
    pp_part pm;
    memset(&pm, 0, sizeof pm);
    pp_diag quiet;
    pp_diag_init(&quiet, NULL);
    if (rc == 0 && pp_part_read(&pm, z, file, "meta.xml", &quiet) == 0)
        read_meta(&x, pp_part_child(xmlDocGetRootElement(pm.x.doc), OFFICE, "meta"));
    pp_part_release(&pm);
    odf_free(&x);
    return rc;
}

int pp_import_fodt(const char *data, size_t len, const char *file, pp_imp_doc *out, pp_diag *d)
{
    odf x = { .file = file, .d = d, .doc = out };
    pp_part p;
    int rc = -1;
    if (pp_part_parse(&p, data, len, file, d) == 0) {
        const xmlNode *root = xmlDocGetRootElement(p.x.doc);
        if (!pp_part_is(root, OFFICE, "document")) {
            pp_msg(d, PP_LOC(file, 1, 1), IMPORT_NOT_DOCUMENT, "its root element is not office:document");
        } else {
            read_all_styles(&x, root);
            rc = read_body(&x, root, file);
            read_meta(&x, pp_part_child(root, OFFICE, "meta"));
        }
    }
    pp_part_release(&p);
    odf_free(&x);
    return rc;
}
