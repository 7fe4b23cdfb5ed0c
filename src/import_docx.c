#define _POSIX_C_SOURCE 200809L
#include "import_docx.h"
#include "import_label.h"
#include "import_part.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char W[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_STRICT[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char MC[] = "http://schemas.openxmlformats.org/markup-compatibility/2006";
static const char RELS[] = "http://schemas.openxmlformats.org/package/2006/relationships";
static const char CT[] = "http://schemas.openxmlformats.org/package/2006/content-types";

enum { MAX_LEVELS = 9, MAX_DEPTH = 48, MAX_STYLE_CHAIN = 16 };

/* ---- what styles.xml and numbering.xml say ------------------------------------ */

typedef struct wstyle {
    char *id, *name, *based;
    int outline;             /* outline level + 1 (1 = top), 0 none */
    int num_id, ilvl;        /* numbering the style carries (num_id 0: none, -1: not said) */
    int center;              /* 1 centred, 0 other, -1 not said */
} wstyle;

typedef struct wlevel {
    char *fmt, *text;        /* w:numFmt, w:lvlText */
    int start;
    bool legal;              /* w:isLgl: numbers of all levels printed as decimals */
} wlevel;

typedef struct wabstract {
    int id;
    char *link;              /* w:numStyleLink: the levels are another definition's, through a numbering style */
    wlevel lv[MAX_LEVELS];
    int count[MAX_LEVELS];   /* the current number per level; 0 = not started */
} wabstract;

typedef struct wnum {
    int id, abstract;        /* abstract: index into the abstracts */
    int override[MAX_LEVELS];/* w:startOverride + 1, 0 = none */
    bool used;
} wnum;

typedef struct docx {
    const char *file;
    pp_diag *d;
    pp_imp_doc *doc;
    const char *ns;          /* the WordprocessingML namespace in use */
    wstyle *styles;
    size_t nstyles, capstyles;
    wabstract *abs;
    size_t nabs, capabs;
    wnum *nums;
    size_t nnums, capnums;
    struct { char *id; int num_id; } *numstyles;   /* numbering styles: w:numStyleLink targets */
    size_t nnumstyles, capnumstyles;
    const xmlNode *notes[2];  /* footnotes.xml and endnotes.xml roots, or NULL */
    bool warned_picture, warned_chunk, warned_toc;
    pp_imp_para *toc;        /* the table of contents whose entry lines are being read, or NULL */
} docx;

static bool is_w(const docx *x, const xmlNode *n, const char *name) { return pp_part_is(n, x->ns, name); }
static const char *wval(const docx *x, const xmlNode *n, const char *name)
{
    return pp_part_attr_ns(n, x->ns, name);
}
static xmlNode *wchild(const docx *x, const xmlNode *n, const char *name) { return pp_part_child(n, x->ns, name); }

/* w:b, w:u, w:tblHeader …: on unless w:val says false/0/none/off. */
static bool on(const docx *x, const xmlNode *n)
{
    if (!n) return false;
    const char *v = wval(x, n, "val");
    return !v || !(strcmp(v, "false") == 0 || strcmp(v, "0") == 0 || strcmp(v, "none") == 0 || strcmp(v, "off") == 0);
}

static int int_of(const char *s, int dflt)
{
    if (!s) return dflt;
    char *end;
    long v = strtol(s, &end, 10);
    return end != s && v > -100000 && v < 100000 ? (int)v : dflt;
}

static char *dup_or_null(const char *s) { return s ? pp_xstrdup(s) : NULL; }

static void read_styles(docx *x, const xmlNode *root)
{
    for (const xmlNode *s = root ? root->children : NULL; s; s = s->next) {
        if (!is_w(x, s, "style")) continue;
        const char *type = wval(x, s, "type");
        if (type && strcmp(type, "numbering") == 0) {
            const xmlNode *np = wchild(x, wchild(x, s, "pPr"), "numPr");
            const char *id = wval(x, s, "styleId");
            if (np && id) {
                PP_GROW(x->numstyles, x->capnumstyles, x->nnumstyles + 1);
                x->numstyles[x->nnumstyles].id = pp_xstrdup(id);
                x->numstyles[x->nnumstyles++].num_id = int_of(wval(x, wchild(x, np, "numId"), "val"), 0);
            }
            continue;
        }
        if (type && strcmp(type, "paragraph") != 0) continue;
        PP_GROW(x->styles, x->capstyles, x->nstyles + 1);
        wstyle *st = &x->styles[x->nstyles++];
        memset(st, 0, sizeof *st);
        st->num_id = -1;
        st->center = -1;
        st->id = dup_or_null(wval(x, s, "styleId"));
        st->name = dup_or_null(wval(x, wchild(x, s, "name"), "val"));
        st->based = dup_or_null(wval(x, wchild(x, s, "basedOn"), "val"));
        const xmlNode *ppr = wchild(x, s, "pPr");
        const xmlNode *ol = wchild(x, ppr, "outlineLvl");
        if (ol) { int v = int_of(wval(x, ol, "val"), 9); st->outline = v >= 0 && v < 9 ? v + 1 : 0; }
        const xmlNode *np = wchild(x, ppr, "numPr");
        if (np) {
            st->num_id = int_of(wval(x, wchild(x, np, "numId"), "val"), 0);
            st->ilvl = int_of(wval(x, wchild(x, np, "ilvl"), "val"), 0);
        }
        const xmlNode *jc = wchild(x, ppr, "jc");
        if (jc) st->center = wval(x, jc, "val") && strcmp(wval(x, jc, "val"), "center") == 0;
        /* "heading 2", "標題 2": the built-in heading styles, whatever their outline level says */
        if (!st->outline && st->name) {
            const char *n = st->name;
            size_t l = strlen(n);
            if (l > 1 && n[l - 1] >= '1' && n[l - 1] <= '9' &&
                (strncasecmp(n, "heading", 7) == 0 || strncmp(n, "標題", strlen("標題")) == 0))
                st->outline = n[l - 1] - '0';
        }
    }
}

static const wstyle *style_by_id(const docx *x, const char *id)
{
    for (size_t i = 0; id && i < x->nstyles; i++)
        if (x->styles[i].id && strcmp(x->styles[i].id, id) == 0) return &x->styles[i];
    return NULL;
}

static void read_numbering(docx *x, const xmlNode *root)
{
    for (const xmlNode *a = root ? root->children : NULL; a; a = a->next) {
        if (!is_w(x, a, "abstractNum")) continue;
        PP_GROW(x->abs, x->capabs, x->nabs + 1);
        wabstract *ab = &x->abs[x->nabs++];
        memset(ab, 0, sizeof *ab);
        ab->id = int_of(wval(x, a, "abstractNumId"), -1);
        ab->link = dup_or_null(wval(x, wchild(x, a, "numStyleLink"), "val"));
        for (int i = 0; i < MAX_LEVELS; i++) ab->lv[i].start = 1;
        for (const xmlNode *l = a->children; l; l = l->next) {
            if (!is_w(x, l, "lvl")) continue;
            int k = int_of(wval(x, l, "ilvl"), -1);
            if (k < 0 || k >= MAX_LEVELS) continue;
            wlevel *lv = &ab->lv[k];
            free(lv->fmt); free(lv->text);
            lv->fmt = dup_or_null(wval(x, wchild(x, l, "numFmt"), "val"));
            lv->text = dup_or_null(wval(x, wchild(x, l, "lvlText"), "val"));
            lv->start = int_of(wval(x, wchild(x, l, "start"), "val"), 1);
            lv->legal = on(x, wchild(x, l, "isLgl"));
        }
    }
    for (const xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (!is_w(x, n, "num")) continue;
        int aid = int_of(wval(x, wchild(x, n, "abstractNumId"), "val"), -1);
        int idx = -1;
        for (size_t i = 0; i < x->nabs; i++) if (x->abs[i].id == aid) { idx = (int)i; break; }
        if (idx < 0) continue;
        PP_GROW(x->nums, x->capnums, x->nnums + 1);
        wnum *nm = &x->nums[x->nnums++];
        memset(nm, 0, sizeof *nm);
        nm->id = int_of(wval(x, n, "numId"), -1);
        nm->abstract = idx;
        for (const xmlNode *o = n->children; o; o = o->next) {
            if (!is_w(x, o, "lvlOverride")) continue;
            int k = int_of(wval(x, o, "ilvl"), -1);
            const xmlNode *so = wchild(x, o, "startOverride");
            if (k >= 0 && k < MAX_LEVELS && so) nm->override[k] = int_of(wval(x, so, "val"), 1) + 1;
        }
    }
    /* a list defined by a list style: its numbers are the style's list's (one hop) */
    for (size_t i = 0; i < x->nnums; i++) {
        const wabstract *ab = &x->abs[x->nums[i].abstract];
        if (!ab->link) continue;
        for (size_t k = 0; k < x->nnumstyles; k++) {
            if (strcmp(x->numstyles[k].id, ab->link) != 0) continue;
            for (size_t j = 0; j < x->nnums; j++)
                if (x->nums[j].id == x->numstyles[k].num_id && !x->abs[x->nums[j].abstract].link) x->nums[i].abstract = x->nums[j].abstract;
        }
    }
}

/* The label numbering (num_id, ilvl) prints on its next paragraph, advancing the
 * counters: Word numbers a level on from its last paragraph, restarts every
 * level below, and shares the counters of one abstract definition between the
 * lists that use it, unless a list overrides the start. */
static void number_para(docx *x, pp_imp_para *p, int num_id, int ilvl)
{
    wnum *nm = NULL;
    for (size_t i = 0; i < x->nnums; i++) if (x->nums[i].id == num_id) { nm = &x->nums[i]; break; }
    if (!nm || ilvl < 0 || ilvl >= MAX_LEVELS) return;
    wabstract *ab = &x->abs[nm->abstract];
    if (!nm->used) {
        nm->used = true;
        for (int k = 0; k < MAX_LEVELS; k++)
            if (nm->override[k]) ab->count[k] = 0, ab->lv[k].start = nm->override[k] - 1;
    }
    ab->count[ilvl] = ab->count[ilvl] ? ab->count[ilvl] + 1 : ab->lv[ilvl].start;
    for (int k = ilvl + 1; k < MAX_LEVELS; k++) ab->count[k] = 0;
    const wlevel *lv = &ab->lv[ilvl];
    p->autolevel = ilvl;
    if (lv->fmt && (strcmp(lv->fmt, "bullet") == 0)) { p->bullet = true; return; }
    if (!lv->text || !*lv->text) return;
    char out[128];
    size_t o = 0;
    for (const char *t = lv->text; *t && o + 1 < sizeof out;) {
        if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
            int k = t[1] - '1';
            int v = ab->count[k] ? ab->count[k] : ab->lv[k].start;
            char num[48];
            const char *fmt = lv->legal && k != ilvl ? "decimal" : ab->lv[k].fmt;
            if (!pp_label_word_number(num, sizeof num, fmt, v)) num[0] = 0;   /* none: the level text alone */
            size_t l = strlen(num);
            if (o + l + 1 >= sizeof out) break;
            memcpy(out + o, num, l);
            o += l;
            t += 2;
        } else {
            out[o++] = *t++;
        }
    }
    out[o] = 0;
    if (o) p->autolabel = pp_xstrdup(out);
}

/* ---- the body ------------------------------------------------------------------- */

typedef struct where { int table, row, col; } where;

static void read_blocks(docx *x, const xmlNode *first, pp_imp_blocks *out, where at, int depth);

/* Paragraphs found inside another (text boxes, footnotes) go after it. */
typedef struct pending { pp_imp_blocks blocks; } pending;

static void add_text(pp_imp_para *p, const char *s, bool em)
{
    /* tabs and non-breaking spaces read as spaces; the structurer folds runs of them */
    size_t len = strlen(s), from = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
            pp_imp_para_text(p, s + from, i - from, em);
            pp_imp_para_text(p, " ", 1, em);
            from = i + 1;
        }
    }
    pp_imp_para_text(p, s + from, len - from, em);
}

/* The paragraphs of the text boxes under n (w:txbxContent), skipping the
 * mc:Fallback copy Word writes beside each mc:Choice. */
static void find_text_boxes(docx *x, const xmlNode *n, pending *later, where at, int depth)
{
    if (depth > MAX_DEPTH || pp_part_is(n, MC, "Fallback")) return;
    if (is_w(x, n, "txbxContent")) { read_blocks(x, n->children, &later->blocks, at, depth + 1); return; }
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) find_text_boxes(x, c, later, at, depth + 1);
}

static void read_run(docx *x, const xmlNode *r, pp_imp_para *p, pending *later, where at, int depth)
{
    const xmlNode *rpr = wchild(x, r, "rPr");
    if (rpr && on(x, wchild(x, rpr, "vanish"))) return;          /* hidden text */
    bool em = rpr && (on(x, wchild(x, rpr, "b")) || on(x, wchild(x, rpr, "u")));
    for (const xmlNode *c = r->children; c; c = c->next) {
        if (is_w(x, c, "t")) {
            xmlChar *v = xmlNodeGetContent(c);
            if (v) add_text(p, (const char *)v, em);
            xmlFree(v);
        } else if (is_w(x, c, "tab") || is_w(x, c, "ptab")) {
            pp_imp_para_text(p, " ", 1, em);
        } else if (is_w(x, c, "br") || is_w(x, c, "cr")) {
            const char *type = wval(x, c, "type");
            if (!type || strcmp(type, "textWrapping") == 0) pp_imp_para_break(p);
        } else if (is_w(x, c, "footnoteReference") || is_w(x, c, "endnoteReference")) {
            /* the note's paragraphs come in after this one */
            const xmlNode *root = x->notes[is_w(x, c, "endnoteReference")];
            const char *id = wval(x, c, "id");
            for (const xmlNode *fn = root ? root->children : NULL; fn && id; fn = fn->next) {
                if (!(is_w(x, fn, "footnote") || is_w(x, fn, "endnote"))) continue;
                const char *fid = wval(x, fn, "id");
                if (!fid || strcmp(fid, id) != 0) continue;
                char w[96];
                pp_imp_where(w, sizeof w, p, NULL);
                pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_FOOTNOTE, w);
                if (depth < MAX_DEPTH) read_blocks(x, fn->children, &later->blocks, at, depth + 1);
                break;
            }
        } else if (is_w(x, c, "noBreakHyphen")) {
            pp_imp_para_text(p, "-", 1, em);
        } else if (is_w(x, c, "drawing") || is_w(x, c, "pict") || is_w(x, c, "object") ||
                   pp_part_is(c, MC, "AlternateContent")) {
            /* a text box's paragraphs come in after this one; a picture cannot */
            size_t before = later->blocks.n;
            find_text_boxes(x, c, later, at, depth + 1);
            if (later->blocks.n > before) {
                char w[96];
                pp_imp_where(w, sizeof w, p, NULL);
                pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_TEXT_BOX, w);
            } else if (!x->warned_picture) {
                char w[96];
                pp_imp_where(w, sizeof w, p, NULL);
                pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_PICTURE, w);
                x->warned_picture = true;
            }
        }
    }
}

/* Inline content: runs, and the elements that only wrap runs. */
static void read_inline(docx *x, const xmlNode *first, pp_imp_para *p, pending *later, where at, int depth)
{
    if (depth > MAX_DEPTH) return;
    for (const xmlNode *c = first; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_w(x, c, "r")) read_run(x, c, p, later, at, depth);
        else if (is_w(x, c, "del") || is_w(x, c, "moveFrom") || is_w(x, c, "pPr")) continue;
        else if (is_w(x, c, "sdt")) read_inline(x, wchild(x, c, "sdtContent") ? wchild(x, c, "sdtContent")->children : NULL, p, later, at, depth + 1);
        else if (pp_part_is(c, MC, "AlternateContent")) {
            const xmlNode *ch = pp_part_child(c, MC, "Choice");
            if (ch) read_inline(x, ch->children, p, later, at, depth + 1);
        } else if (is_w(x, c, "hyperlink") || is_w(x, c, "ins") || is_w(x, c, "moveTo") || is_w(x, c, "smartTag") ||
                   is_w(x, c, "fldSimple") || is_w(x, c, "customXml") || is_w(x, c, "dir") || is_w(x, c, "bdo")) {
            read_inline(x, c->children, p, later, at, depth + 1);
        }
    }
}

static bool toc_style(const wstyle *st)
{
    /* toc 1 … toc 9 (not TOC Heading, the contents' own heading) */
    return st && st->name && strncasecmp(st->name, "toc ", 4) == 0 && st->name[4] >= '1' && st->name[4] <= '9';
}

static void warn_toc(docx *x)
{
    if (!x->warned_toc) pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_TOC);
    x->warned_toc = true;
}

/* The levels a TOC field lists: \o "1-3" gives 3; 0 when it does not say. */
static int toc_field_depth(const docx *x, const xmlNode *n, int depth)
{
    for (const xmlNode *c = n ? n->children : NULL; c && depth < MAX_DEPTH; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_w(x, c, "instrText")) {
            xmlChar *v = xmlNodeGetContent(c);
            const char *s = (const char *)v, *o = s ? strstr(s, "\\o") : NULL;
            int to = 0;
            if (s && strstr(s, "TOC") && o) {
                const char *dash = strchr(o, '-');
                if (dash) to = atoi(dash + 1);
            }
            xmlFree(v);
            if (to >= 1 && to <= 9) return to;
        }
        int k = toc_field_depth(x, c, depth + 1);
        if (k) return k;
    }
    return 0;
}

/* A table of contents where the body has one: a block of its own, listing the
 * levels its field says, else the deepest of its entry styles (toc 1 … toc 9). */
static pp_imp_para *toc_block(docx *x, pp_imp_blocks *out, int depth)
{
    pp_imp_para *p = pp_imp_para_add(out);
    p->no = ++x->doc->nparas;
    p->toc = depth >= 1 && depth <= 9 ? depth : -1;
    return p;
}

/* The contents' own heading style (Word's TOC Heading). */
static bool toc_heading_style(const wstyle *st)
{
    return st && st->name && strncasecmp(st->name, "toc heading", 11) == 0;
}

static void read_para(docx *x, const xmlNode *e, pp_imp_blocks *out, where at, int depth)
{
    /* a table of contents' lines repeat the headings: the contents stand there once */
    const wstyle *ts = style_by_id(x, wval(x, wchild(x, wchild(x, e, "pPr"), "pStyle"), "val"));
    if (toc_style(ts)) {
        if (at.table) { warn_toc(x); return; }
        int level = atoi(ts->name + 4), field = toc_field_depth(x, e, 0);
        if (!x->toc) x->toc = toc_block(x, out, field ? field : level);
        else if (!field && level > x->toc->toc && level <= 9) x->toc->toc = level;
        if (field) x->toc->toc = field;
        return;
    }
    x->toc = NULL;
    pp_imp_para *p = pp_imp_para_add(out);
    if (at.table) { p->table = at.table; p->row = at.row; p->col = at.col; p->no = (long)out->n; }
    else p->no = ++x->doc->nparas;
    const xmlNode *ppr = wchild(x, e, "pPr");
    const wstyle *st = style_by_id(x, wval(x, wchild(x, ppr, "pStyle"), "val"));
    if (!ppr && !st) st = style_by_id(x, "Normal");
    /* what the paragraph says, else what its style (and the styles it is based on) says */
    int num_id = -1, ilvl = 0, center = -1, outline = 0;
    const xmlNode *np = wchild(x, ppr, "numPr");
    if (np) {
        num_id = int_of(wval(x, wchild(x, np, "numId"), "val"), 0);
        ilvl = int_of(wval(x, wchild(x, np, "ilvl"), "val"), -1);
    }
    const xmlNode *jc = wchild(x, ppr, "jc");
    if (jc) center = wval(x, jc, "val") && strcmp(wval(x, jc, "val"), "center") == 0;
    const xmlNode *ol = wchild(x, ppr, "outlineLvl");
    if (ol) { int v = int_of(wval(x, ol, "val"), 9); outline = v >= 0 && v < 9 ? v + 1 : -1; }
    int style_ilvl = -1;
    for (int k = 0; st && k < MAX_STYLE_CHAIN; k++, st = style_by_id(x, st->based)) {
        if (num_id < 0 && st->num_id >= 0) { num_id = st->num_id; style_ilvl = st->ilvl; }
        if (center < 0 && st->center >= 0) center = st->center;
        if (!outline && st->outline) outline = st->outline;
    }
    if (ilvl < 0) ilvl = style_ilvl >= 0 ? style_ilvl : 0;
    p->center = center == 1;
    p->heading = outline > 0 ? outline : 0;
    if (num_id > 0) number_para(x, p, num_id, ilvl);
    pending later = { { 0 } };
    read_inline(x, e->children, p, &later, at, depth);
    /* text boxes and the like: their paragraphs follow */
    for (size_t i = 0; i < later.blocks.n; i++) {
        PP_GROW(out->v, out->cap, out->n + 1);
        out->v[out->n++] = later.blocks.v[i];
    }
    free(later.blocks.v);
}

/* A cell still open for vertical merging: where it is. */
typedef struct open_cell { size_t row, cell; bool open; } open_cell;

static void read_table(docx *x, const xmlNode *e, pp_imp_blocks *out, int depth)
{
    pp_imp_table *t = pp_imp_table_add(out);
    t->no = ++x->doc->ntables;
    const xmlNode *grid = wchild(x, e, "tblGrid");
    int ncols = 0;
    for (const xmlNode *g = grid ? grid->children : NULL; g; g = g->next)
        if (is_w(x, g, "gridCol")) ncols++;
    if (ncols > 0 && ncols <= 64) {
        t->widths = pp_xcalloc((size_t)ncols, sizeof *t->widths);
        int k = 0;
        for (const xmlNode *g = grid->children; g; g = g->next)
            if (is_w(x, g, "gridCol")) t->widths[k++] = int_of(wval(x, g, "w"), 0);
    }
    open_cell *open = NULL;
    size_t capopen = 0;
    int maxcol = 0;
    for (const xmlNode *tr = e->children; tr; tr = tr->next) {
        if (is_w(x, tr, "sdt") || is_w(x, tr, "customXml")) continue;   /* rare: rows inside controls */
        if (!is_w(x, tr, "tr")) continue;
        pp_imp_row *row = pp_imp_row_add(t);
        size_t rowno = t->nrows - 1;
        const xmlNode *trpr = wchild(x, tr, "trPr");
        row->header = trpr && wchild(x, trpr, "tblHeader") && on(x, wchild(x, trpr, "tblHeader"));
        int col = trpr ? int_of(wval(x, wchild(x, trpr, "gridBefore"), "val"), 0) : 0;
        if (col < 0 || col > 64) col = 0;
        for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
            if (!is_w(x, tc, "tc")) continue;
            const xmlNode *tcpr = wchild(x, tc, "tcPr");
            int span = int_of(wval(x, wchild(x, tcpr, "gridSpan"), "val"), 1);
            if (span < 1 || span > 64) span = 1;
            const xmlNode *vm = wchild(x, tcpr, "vMerge");
            const char *vmv = vm ? wval(x, vm, "val") : NULL;
            bool cont = vm && (!vmv || strcmp(vmv, "continue") == 0);
            const xmlNode *hm = wchild(x, tcpr, "hMerge");
            const char *hmv = hm ? wval(x, hm, "val") : NULL;
            where at = { t->no, (int)t->nrows, col + 1 };
            if (hm && (!hmv || strcmp(hmv, "continue") == 0) && row->ncells) {
                /* the legacy horizontal merge: this cell widens the one before it */
                row->cells[row->ncells - 1].colspan += span;
                col += span;
                continue;
            }
            PP_GROW(open, capopen, (size_t)col + (size_t)span);
            if (cont && (size_t)col < capopen && open[col].open) {
                pp_imp_cell *above = &t->rows[open[col].row].cells[open[col].cell];
                above->rowspan = (int)(rowno - open[col].row) + 1;
                /* text typed into a continued cell is kept with the merged cell */
                pp_imp_blocks more = { 0 };
                read_blocks(x, tc->children, &more, at, depth + 1);
                for (size_t i = 0; i < more.n; i++) {
                    if (more.v[i].para && pp_imp_para_blank(more.v[i].para)) continue;   /* freed with more */
                    PP_GROW(above->blocks.v, above->blocks.cap, above->blocks.n + 1);
                    above->blocks.v[above->blocks.n++] = more.v[i];
                    more.v[i] = (pp_imp_block){ 0 };
                }
                pp_imp_blocks_release(&more);
                col += span;
                continue;
            }
            pp_imp_cell *cell = pp_imp_cell_add(row, col, span);
            read_blocks(x, tc->children, &cell->blocks, at, depth + 1);
            for (int k = col; k < col + span; k++) {
                open[k].open = vm != NULL;
                open[k].row = rowno;
                open[k].cell = row->ncells - 1;
            }
            col += span;
        }
        if (col > maxcol) maxcol = col;
    }
    free(open);
    if (maxcol > ncols) {
        free(t->widths);
        t->widths = NULL;
        ncols = maxcol;
    }
    t->ncols = ncols;
}

static void read_blocks(docx *x, const xmlNode *first, pp_imp_blocks *out, where at, int depth)
{
    if (depth > MAX_DEPTH) return;
    for (const xmlNode *c = first; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_w(x, c, "p")) read_para(x, c, out, at, depth);
        else if (is_w(x, c, "tbl")) read_table(x, c, out, depth + 1);
        else if (is_w(x, c, "sdt")) {
            const xmlNode *gallery = wchild(x, wchild(x, wchild(x, c, "sdtPr"), "docPartObj"), "docPartGallery");
            const char *g = gallery ? wval(x, gallery, "val") : NULL;
            if (g && strstr(g, "Table of Contents")) {
                /* its entry lines (and any heading in it, 目錄) give way to one block */
                if (at.table) { warn_toc(x); continue; }
                const xmlNode *sc = wchild(x, c, "sdtContent");
                int field = toc_field_depth(x, sc, 0);
                x->toc = NULL;
                pp_imp_para *t = NULL;
                for (const xmlNode *q = sc ? sc->children : NULL; q; q = q->next) {
                    if (!is_w(x, q, "p")) continue;
                    /* the first line with the field or an entry style starts the entries */
                    const wstyle *ts = style_by_id(x, wval(x, wchild(x, wchild(x, q, "pPr"), "pStyle"), "val"));
                    int level = toc_style(ts) ? atoi(ts->name + 4) : 0;
                    if (!t && toc_heading_style(ts)) {
                        read_para(x, q, out, at, depth + 1);   /* the contents' own heading */
                        x->toc = NULL;
                        continue;
                    }
                    if (!t) t = toc_block(x, out, field ? field : level ? level : -1);
                    else if (!field && level > t->toc && level <= 9) t->toc = level;
                }
                if (!t) t = toc_block(x, out, field ? field : -1);
                x->toc = field ? NULL : t;   /* entry lines after the block go on with it */
                continue;
            }
            const xmlNode *sc = wchild(x, c, "sdtContent");
            if (sc) read_blocks(x, sc->children, out, at, depth + 1);
        } else if (is_w(x, c, "customXml") || is_w(x, c, "ins") || is_w(x, c, "moveTo")) {
            read_blocks(x, c->children, out, at, depth + 1);
        } else if (is_w(x, c, "altChunk") && !x->warned_chunk) {
            pp_msg(x->d, PP_LOC(x->file, 0, 0), IMPORT_ALT_CHUNK);
            x->warned_chunk = true;
        }
    }
}

/* ---- the package ---------------------------------------------------------------- */

/* The target of the first relationship of `type` (its last path segment) in a .rels part. */
static char *rel_target(pp_zip *z, const char *file, const char *rels, const char *type, pp_diag *d)
{
    pp_part p;
    char *target = NULL;
    if (pp_part_read(&p, z, file, rels, d) == 0) {
        const xmlNode *root = xmlDocGetRootElement(p.x.doc);
        for (const xmlNode *r = root ? root->children : NULL; r && !target; r = r->next) {
            if (!pp_part_is(r, RELS, "Relationship")) continue;
            const char *ty = pp_part_attr(r, "Type"), *tg = pp_part_attr(r, "Target");
            const char *mode = pp_part_attr(r, "TargetMode");
            if (!ty || !tg || (mode && strcmp(mode, "External") == 0)) continue;
            size_t lt = strlen(ty), l = strlen(type);
            if (lt >= l && strcmp(ty + lt - l, type) == 0) target = pp_xstrdup(tg[0] == '/' ? tg + 1 : tg);
        }
    }
    pp_part_release(&p);
    return target;
}

bool pp_import_is_docx(pp_zip *z, const char *file, pp_diag *d)
{
    pp_part p;
    bool yes = false;
    if (pp_part_read(&p, z, file, "[Content_Types].xml", d) == 0) {
        const xmlNode *root = xmlDocGetRootElement(p.x.doc);
        for (const xmlNode *o = root ? root->children : NULL; o && !yes; o = o->next) {
            if (!pp_part_is(o, CT, "Override")) continue;
            const char *ct = pp_part_attr(o, "ContentType");
            yes = ct && strstr(ct, "wordprocessingml.") && strstr(ct, ".main+xml");
        }
    }
    pp_part_release(&p);
    return yes;
}

/* A sibling part of the main one: "word/document.xml" + "styles.xml". */
static char *beside(const char *main, const char *target)
{
    const char *slash = strrchr(main, '/');
    size_t dir = slash ? (size_t)(slash - main) + 1 : 0;
    char *s = pp_xmalloc(dir + strlen(target) + 1);
    memcpy(s, main, dir);
    strcpy(s + dir, target);
    return s;
}

int pp_import_docx(pp_zip *z, const char *file, pp_imp_doc *out, pp_diag *d)
{
    docx x = { .file = file, .d = d, .doc = out, .ns = W };
    char *main = rel_target(z, file, "_rels/.rels", "/officeDocument", d);
    if (!main) main = pp_xstrdup("word/document.xml");
    /* the main part's own relationships name its styles and numbering */
    const char *slash = strrchr(main, '/');
    size_t dir = slash ? (size_t)(slash - main) + 1 : 0;
    char *rels = pp_xmalloc(strlen(main) + 16);
    snprintf(rels, strlen(main) + 16, "%.*s_rels/%s.rels", (int)dir, main, main + dir);
    char *sty = rel_target(z, file, rels, "/styles", d), *num = rel_target(z, file, rels, "/numbering", d);
    char *fnt = rel_target(z, file, rels, "/footnotes", d), *ent = rel_target(z, file, rels, "/endnotes", d);
    char *sty_path = beside(main, sty ? sty : "styles.xml"), *num_path = beside(main, num ? num : "numbering.xml");
    char *note_path[2] = { beside(main, fnt ? fnt : "footnotes.xml"), beside(main, ent ? ent : "endnotes.xml") };
    free(sty); free(num); free(fnt); free(ent); free(rels);
    int rc = -1;
    pp_part ps, pn, pd;
    memset(&ps, 0, sizeof ps); memset(&pn, 0, sizeof pn); memset(&pd, 0, sizeof pd);
    pp_part pnotes[2];
    memset(pnotes, 0, sizeof pnotes);
    int rs = pp_part_read(&ps, z, file, sty_path, d), rn = rs < 0 ? -1 : pp_part_read(&pn, z, file, num_path, d);
    int rf = rn < 0 ? -1 : pp_part_read(&pnotes[0], z, file, note_path[0], d);
    int re = rf < 0 ? -1 : pp_part_read(&pnotes[1], z, file, note_path[1], d);
    int rd = re < 0 ? -1 : pp_part_read(&pd, z, file, main, d);
    for (int k = 0; k < 2; k++) x.notes[k] = pnotes[k].x.doc ? xmlDocGetRootElement(pnotes[k].x.doc) : NULL;
    if (rd == 1) pp_msg(d, PP_LOC(file, 0, 0), IMPORT_NO_BODY, main);
    if (rs >= 0 && rn >= 0 && rf >= 0 && re >= 0 && rd == 0) {
        const xmlNode *root = xmlDocGetRootElement(pd.x.doc);
        if (root && root->ns && root->ns->href && strcmp((const char *)root->ns->href, W_STRICT) == 0) x.ns = W_STRICT;
        const xmlNode *body = is_w(&x, root, "document") ? wchild(&x, root, "body") : NULL;
        if (!body) {
            pp_msg(d, PP_LOC(pd.name, 1, 1), IMPORT_NO_BODY, main);
        } else {
            if (rs == 0) read_styles(&x, xmlDocGetRootElement(ps.x.doc));
            if (rn == 0) read_numbering(&x, xmlDocGetRootElement(pn.x.doc));
            read_blocks(&x, body->children, &out->body, (where){ 0, 0, 0 }, 0);
            rc = 0;
        }
    }
    pp_part_release(&ps); pp_part_release(&pn); pp_part_release(&pd);
    pp_part_release(&pnotes[0]); pp_part_release(&pnotes[1]);
    free(note_path[0]); free(note_path[1]);
    for (size_t i = 0; i < x.nnumstyles; i++) free(x.numstyles[i].id);
    free(x.numstyles);
    for (size_t i = 0; i < x.nstyles; i++) { free(x.styles[i].id); free(x.styles[i].name); free(x.styles[i].based); }
    free(x.styles);
    for (size_t i = 0; i < x.nabs; i++)
        for (int k = 0; k < MAX_LEVELS; k++) { free(x.abs[i].lv[k].fmt); free(x.abs[i].lv[k].text); }
    for (size_t i = 0; i < x.nabs; i++) free(x.abs[i].link);
    free(x.abs);
    free(x.nums);
    free(main); free(sty_path); free(num_path);
    return rc;
}
