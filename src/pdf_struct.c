/* pdf_struct.c — see pdf_struct.h.  Objects through pdf_internal.h only. */
#define _POSIX_C_SOURCE 200809L
#include "pdf_struct.h"
#include "pdf_internal.h"
#include "pdf_pua.h"
#include "utf16.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct elem {
    pp_pobj *dict, *kids;
    size_t nkids;
    struct elem *spill;     /* where kids go once /K is full: a NonStruct, its last kid */
    long pg;                /* page of its first marked content; -1 none yet */
    const char *tag;        /* /S */
} elem;

/* libharu refuses an array longer than HPDF_LIMIT_MAX_ARRAY (32767). An element
 * with more kids (a list of 40,000 items, a table of 40,000 rows) keeps its first
 * ones and groups the rest in a NonStruct, an element readers process as if its
 * kids were its parent's (ISO 32000-1, 14.8.4.2); a number tree holds its pairs
 * in leaves of that many entries. */
#ifndef PP_STRUCT_KIDS_MAX
#define PP_STRUCT_KIDS_MAX 32000   /* below the limit; smaller in a build that tests the splitting */
#endif
#define KIDS_MAX PP_STRUCT_KIDS_MAX

/* What a paragraph's runs go into: label runs and the rest (the same element
 * except for list items, Lbl and LBody). */
typedef struct target { elem *label, *body; } target;

enum { K_PARA = 1, K_CELL, K_TABLE };
typedef struct slot { const void *key; int kind; target t; } slot;

/* Open lists of one flow (the document body or one table cell). */
typedef struct level { int depth; elem *l, *lbody; } level;
typedef struct flow {
    elem *container;
    level st[PP_MAX_INDENT + 1];
    int n;
} flow;

typedef enum { OPEN_NONE, OPEN_ELEM, OPEN_ARTIFACT } open_kind;

struct pp_tagger {
    HPDF_Doc pdf;
    pp_pobj *root, *root_kids;
    pp_pobj **leaves; long *leaf_first; size_t nleaves, capleaves;   /* the ParentTree's /Nums, in leaves */
    size_t leaf_n;                      /* entries in the last leaf */
    elem *doc;
    elem *toc;                          /* the open table of contents, while its entries come */
    elem **elems; size_t nelems, capelems;
    slot *map; size_t mapcap, mapn;     /* open addressing, power of two */
    flow body;
    bool heading_open[8];               /* outline levels currently open, as the bookmarks nest */
    /* the page being drawn */
    HPDF_Page page;
    pp_pobj *page_dict, *parents;       /* parents: this page's element per MCID */
    long page_index;
    long next_mcid;
    open_kind open;
    const elem *open_elem;
    int open_artifact;
    int failed;
};

/* ---- elements -------------------------------------------------------------- */

static elem *make_elem(pp_tagger *t, elem *parent, const char *tag);
static void new_leaf(pp_tagger *t);

/* The element whose /K takes e's next kid: e, or the NonStruct its kids spill into. */
static elem *holder(pp_tagger *t, elem *e)
{
    while (e->spill) e = e->spill;
    if (e->nkids + 1 >= KIDS_MAX) {
        e->spill = make_elem(t, e, "NonStruct");
        e = e->spill;
    }
    e->nkids++;
    return e;
}

static elem *new_elem(pp_tagger *t, elem *parent, const char *tag)
{
    return make_elem(t, parent ? holder(t, parent) : NULL, tag);
}

static elem *make_elem(pp_tagger *t, elem *parent, const char *tag)
{
    elem *e = pp_xcalloc(1, sizeof *e);
    PP_GROW(t->elems, t->capelems, t->nelems + 1);
    t->elems[t->nelems++] = e;
    e->pg = -1;
    e->tag = tag;
    e->dict = pp_pdfi_dict(t->pdf, true);
    e->kids = pp_pdfi_array(t->pdf);
    if (!e->dict || !e->kids) { t->failed = 1; return e; }
    /* /Type /StructElem is optional and left out (its cost: bench/README.md) */
    pp_pdfi_put_name(e->dict, "S", tag);
    pp_pdfi_put(e->dict, "P", parent ? parent->dict : t->root);
    pp_pdfi_put(e->dict, "K", e->kids);
    pp_pdfi_push(parent ? parent->kids : t->root_kids, e->dict);
    return e;
}

/* The next MCID of the current page, owned by e. */
static long add_mcid(pp_tagger *t, elem *e)
{
    long id = t->next_mcid++;
    e = holder(t, e);
    pp_pdfi_push(t->parents, e->dict);
    if (e->pg < 0) {
        e->pg = t->page_index;
        pp_pdfi_put(e->dict, "Pg", t->page_dict);
        pp_pdfi_push_int(e->kids, id);
    } else if (e->pg == t->page_index) {
        pp_pdfi_push_int(e->kids, id);
    } else {   /* content continued from an earlier page: a marked-content reference */
        pp_pobj *mcr = pp_pdfi_dict(t->pdf, false);
        pp_pdfi_put_name(mcr, "Type", "MCR");
        pp_pdfi_put(mcr, "Pg", t->page_dict);
        pp_pdfi_put_int(mcr, "MCID", id);
        pp_pdfi_push(e->kids, mcr);
    }
    return id;
}

/* ---- pointer map: paragraph, cell, table -> target --------------------------- */

static size_t hash_ptr(const void *p, int kind)
{
    uint64_t x = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull + (uint64_t)kind;
    return (size_t)(x ^ (x >> 29));
}

static target *map_get(pp_tagger *t, const void *key, int kind)
{
    if (!t->mapcap) return NULL;
    for (size_t i = hash_ptr(key, kind) & (t->mapcap - 1);; i = (i + 1) & (t->mapcap - 1)) {
        if (!t->map[i].key) return NULL;
        if (t->map[i].key == key && t->map[i].kind == kind) return &t->map[i].t;
    }
}

static void map_put(pp_tagger *t, const void *key, int kind, target v)
{
    if ((t->mapn + 1) * 2 > t->mapcap) {
        size_t ncap = t->mapcap ? t->mapcap * 2 : 256;
        slot *nm = pp_xcalloc(ncap, sizeof *nm);
        for (size_t j = 0; j < t->mapcap; j++) {
            if (!t->map[j].key) continue;
            size_t i = hash_ptr(t->map[j].key, t->map[j].kind) & (ncap - 1);
            while (nm[i].key) i = (i + 1) & (ncap - 1);
            nm[i] = t->map[j];
        }
        free(t->map);
        t->map = nm;
        t->mapcap = ncap;
    }
    size_t i = hash_ptr(key, kind) & (t->mapcap - 1);
    while (t->map[i].key && !(t->map[i].key == key && t->map[i].kind == kind)) i = (i + 1) & (t->mapcap - 1);
    if (!t->map[i].key) t->mapn++;
    t->map[i] = (slot){ key, kind, v };
}

/* ---- flows: paragraphs, lists ------------------------------------------------ */

/* A list item (a labelled LI paragraph) joins the open list of its depth or opens
 * one inside the LBody of the item above; any other paragraph closes the lists at
 * its depth and deeper and continues the body of the item it is indented under. */
static target flow_feed(pp_tagger *t, flow *f, const pp_para *p)
{
    int d = p->nindent < 0 ? 0 : p->nindent;
    if (p->role == PP_SR_LI && p->label && *p->label) {
        while (f->n && f->st[f->n - 1].depth > d) f->n--;
        if (!f->n || f->st[f->n - 1].depth < d) {
            if (f->n == PP_MAX_INDENT + 1) f->n--;
            elem *parent = f->n ? f->st[f->n - 1].lbody : f->container;
            f->st[f->n++] = (level){ d, new_elem(t, parent, "L"), NULL };
        }
        level *top = &f->st[f->n - 1];
        elem *li = new_elem(t, top->l, "LI");
        elem *lbl = new_elem(t, li, "Lbl");
        top->lbody = new_elem(t, li, "LBody");
        return (target){ lbl, top->lbody };
    }
    while (f->n && f->st[f->n - 1].depth >= d) f->n--;
    elem *e = new_elem(t, f->n ? f->st[f->n - 1].lbody : f->container, "P");
    return (target){ e, e };
}

/* H1…H6 by the nesting of outline levels, exactly as the bookmarks nest: a level
 * is one deeper than the open levels above it, so no heading level is skipped. */
static const char *heading_tag(pp_tagger *t, int raw)
{
    static const char *const h[] = { "H1", "H2", "H3", "H4", "H5", "H6" };
    if (raw < 1) raw = 1;
    if (raw > 7) raw = 7;
    int depth = 0;
    for (int k = 1; k < raw; k++) depth += t->heading_open[k];
    t->heading_open[raw] = true;
    for (int k = raw + 1; k < 8; k++) t->heading_open[k] = false;
    return h[depth > 5 ? 5 : depth];
}

static target body_para(pp_tagger *t, const pp_para *p)
{
    int raw = 0;
    switch (p->role) {
    case PP_SR_H1: raw = p->outline_level > 0 ? p->outline_level : 1; break;
    case PP_SR_H2: raw = p->outline_level > 0 ? p->outline_level : 2; break;
    case PP_SR_H3: raw = p->outline_level > 0 ? p->outline_level : 3; break;
    case PP_SR_CAPTION: raw = p->outline_level; break;   /* a dimension caption; a table caption is P */
    default: break;
    }
    target v;
    if (p->role == PP_SR_TOCI) {
        /* the entries of a table of contents, each a TOCI of one TOC */
        t->body.n = 0;
        if (!t->toc) t->toc = new_elem(t, t->doc, "TOC");
        elem *e = new_elem(t, t->toc, "TOCI");
        map_put(t, p, K_PARA, (target){ e, e });
        return (target){ e, e };
    }
    t->toc = NULL;
    if (raw > 0 || p->role == PP_SR_TITLE) {
        t->body.n = 0;
        elem *e = new_elem(t, t->doc, raw > 0 ? heading_tag(t, raw) : "Title");
        v = (target){ e, e };
    } else {
        v = flow_feed(t, &t->body, p);
    }
    map_put(t, p, K_PARA, v);
    return v;
}

/* ---- tables ------------------------------------------------------------------- */

static int cell_order(const void *a, const void *b)
{
    const pp_cell *x = *(const pp_cell *const *)a, *y = *(const pp_cell *const *)b;
    if (x->row != y->row) return (x->row > y->row) - (x->row < y->row);
    return (x->col > y->col) - (x->col < y->col);
}

static void cell_attrs(pp_tagger *t, elem *e, const pp_cell *c)
{
    if (!c->head && c->rowspan <= 1 && c->colspan <= 1) return;
    pp_pobj *a = pp_pdfi_dict(t->pdf, false);
    pp_pdfi_put_name(a, "O", "Table");
    if (c->head) pp_pdfi_put_name(a, "Scope", c->row_head ? "Row" : "Column");
    if (c->rowspan > 1) pp_pdfi_put_int(a, "RowSpan", c->rowspan);
    if (c->colspan > 1) pp_pdfi_put_int(a, "ColSpan", c->colspan);
    pp_pdfi_put(e->dict, "A", a);
}

/* The whole table at its first run: rows in order, each cell once (a merged cell
 * in the row it starts in), whatever pages its content falls on. */
static void build_table(pp_tagger *t, const pp_table *tb)
{
    t->body.n = 0;
    elem *table = new_elem(t, t->doc, "Table");
    map_put(t, tb, K_TABLE, (target){ table, table });
    const pp_cell **cells = pp_xcalloc(tb->ncells + 1, sizeof *cells);
    for (size_t i = 0; i < tb->ncells; i++) cells[i] = &tb->cells[i];
    qsort(cells, tb->ncells, sizeof *cells, cell_order);
    elem *thead = tb->nhead > 0 ? new_elem(t, table, "THead") : NULL;
    elem *tbody = tb->nrows > tb->nhead ? new_elem(t, table, "TBody") : NULL;
    size_t k = 0;
    for (int r = 0; r < tb->nrows; r++) {
        elem *tr = new_elem(t, r < tb->nhead || !tbody ? (thead ? thead : table) : tbody, "TR");
        for (; k < tb->ncells && cells[k]->row <= r; k++) {
            const pp_cell *c = cells[k];
            elem *cell = new_elem(t, tr, c->head ? "TH" : "TD");
            cell_attrs(t, cell, c);
            map_put(t, c, K_CELL, (target){ cell, cell });
            if (c->npara == 1 && c->paras[0].role != PP_SR_LI) {
                map_put(t, &c->paras[0], K_PARA, (target){ cell, cell });
                continue;
            }
            flow f = { .container = cell };
            for (size_t i = 0; i < c->npara; i++) map_put(t, &c->paras[i], K_PARA, flow_feed(t, &f, &c->paras[i]));
        }
    }
    free(cells);
}

/* ---- runs ------------------------------------------------------------------------ */

static void emit(pp_tagger *t, const char *s)
{
    if (pp_pdfi_content(t->page, s, strlen(s)) != 0) t->failed = 1;
}

static void close_open(pp_tagger *t)
{
    if (t->open != OPEN_NONE) emit(t, "EMC\n");
    t->open = OPEN_NONE;
    t->open_elem = NULL;
}

enum { ART_LAYOUT = 1, ART_FOOTER, ART_REPEAT, ART_OTHER };

static void open_artifact(pp_tagger *t, int kind)
{
    if (t->open == OPEN_ARTIFACT && t->open_artifact == kind) return;
    close_open(t);
    static const char *const ops[] = {
        [ART_LAYOUT] = "/Artifact <</Type /Layout>> BDC\n",
        [ART_FOOTER] = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
        [ART_REPEAT] = "/Artifact <</Type /Pagination>> BDC\n",
        [ART_OTHER] = "/Artifact BMC\n",
    };
    emit(t, ops[kind]);
    t->open = OPEN_ARTIFACT;
    t->open_artifact = kind;
}

static void open_elem(pp_tagger *t, elem *e, const char *extra)
{
    close_open(t);
    char buf[64];
    snprintf(buf, sizeof buf, "/%s <</MCID %ld", e->tag, add_mcid(t, e));
    emit(t, buf);
    if (extra) emit(t, extra);
    emit(t, ">> BDC\n");
    t->open = OPEN_ELEM;
    t->open_elem = e;
}

/* Latin script only, with at least four letters and a lower-case one: a word a
 * screen reader should pronounce in English, not spell (YouTube, E-mail, call
 * center; codes such as DN25 and acronyms read the same in either language). */
static bool latin_words(const char *s)
{
    int letters = 0, lower = 0;
    for (size_t i = 0, n = strlen(s); i < n;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, n - i, &cp);
        if (cp >= 0x250) return false;
        if ((cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0x24F && cp != 0xF7)) { letters++; lower++; }
        else if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) letters++;
    }
    return letters >= 4 && lower > 0;
}

/* " /ActualText <FEFF…>" when the run holds a private-use character with a
 * standard equivalent (malloc'd), else NULL; *utf8 gets the actual text. */
static char *actual_text(const char *s, char **utf8)
{
    size_t n = strlen(s);
    bool any = false;
    for (size_t i = 0; i < n && !any;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, n - i, &cp);
        any = cp >= 0xE000 && pp_pua_equivalent(cp);
    }
    if (!any) return NULL;
    char *hex = pp_xmalloc(n * 8 + 32), *u8 = pp_xmalloc(n * 2 + 8);
    size_t h = (size_t)sprintf(hex, " /ActualText <FEFF"), k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp, eq;
        i += pp_utf8_decode(s + i, n - i, &cp);
        if (cp >= 0xE000 && (eq = pp_pua_equivalent(cp))) cp = eq;
        k += pp_utf8_encode(cp, u8 + k);
        h += pp_utf16_hex(cp, hex + h);
    }
    u8[k] = 0;
    strcpy(hex + h, ">");
    *utf8 = u8;
    return hex;
}

static target run_target(pp_tagger *t, const pp_run *r)
{
    target *v;
    if (r->table && !map_get(t, r->table, K_TABLE)) build_table(t, r->table);
    if (r->para && (v = map_get(t, r->para, K_PARA))) return *v;
    if (r->cell && (v = map_get(t, r->cell, K_CELL))) return *v;
    if (r->para) return body_para(t, r->para);
    /* content with no paragraph (none is laid out so): a paragraph of its own */
    t->body.n = 0;
    elem *e = new_elem(t, t->doc, "P");
    return (target){ e, e };
}

void pp_tagger_run(pp_tagger *t, const pp_run *r)
{
    if (r->artifact) {
        open_artifact(t, r->cell || r->table ? ART_REPEAT : r->para ? ART_OTHER : ART_FOOTER);
        return;
    }
    target v = run_target(t, r);
    elem *e = r->label ? v.label : v.body;
    char *u8 = NULL, *at = actual_text(r->text, &u8);
    if (at || latin_words(r->text)) {
        elem *span = new_elem(t, e, "Span");
        if (at) pp_pdfi_put_text(t->pdf, span->dict, "ActualText", u8);
        else pp_pdfi_put_str(t->pdf, span->dict, "Lang", "en");
        open_elem(t, span, at);
        free(at);
        free(u8);
        return;
    }
    if (t->open == OPEN_ELEM && t->open_elem == e) return;
    open_elem(t, e, NULL);
}

void pp_tagger_end_text(pp_tagger *t) { close_open(t); }

void pp_tagger_layout_artifact(pp_tagger *t, bool begin)
{
    if (begin) open_artifact(t, ART_LAYOUT);
    else close_open(t);
}

void pp_tagger_begin_page(pp_tagger *t, HPDF_Page page)
{
    close_open(t);
    t->page = page;
    t->page_dict = pp_pdfi_page(page);
    t->page_index++;
    t->next_mcid = 0;
    t->parents = pp_pdfi_array(t->pdf);
    if (t->leaf_n + 2 > KIDS_MAX) new_leaf(t);
    pp_pdfi_push_int(t->leaves[t->nleaves - 1], t->page_index);
    pp_pdfi_push(t->leaves[t->nleaves - 1], t->parents);
    t->leaf_n += 2;
    pp_pdfi_put_int(t->page_dict, "StructParents", t->page_index);
}

/* A new leaf of the ParentTree; its first key is the page being finished. */
static void new_leaf(pp_tagger *t)
{
    PP_GROW(t->leaves, t->capleaves, t->nleaves + 1);
    t->leaf_first = pp_xrealloc(t->leaf_first, t->capleaves * sizeof *t->leaf_first);
    t->leaves[t->nleaves] = pp_pdfi_array(t->pdf);
    if (!t->leaves[t->nleaves]) t->failed = 1;
    t->leaf_first[t->nleaves++] = t->page_index < 0 ? 0 : t->page_index;
    t->leaf_n = 0;
}

/* ---- the tree ------------------------------------------------------------------ */

pp_tagger *pp_tagger_new(HPDF_Doc pdf)
{
    pp_tagger *t = pp_xcalloc(1, sizeof *t);
    t->pdf = pdf;
    t->page_index = -1;
    t->root = pp_pdfi_dict(pdf, true);
    t->root_kids = pp_pdfi_array(pdf);
    new_leaf(t);
    if (!t->root || !t->root_kids || t->failed) { t->failed = 1; return t; }
    pp_pdfi_put_name(t->root, "Type", "StructTreeRoot");
    pp_pdfi_put(t->root, "K", t->root_kids);
    t->doc = new_elem(t, NULL, "Document");
    t->body.container = t->doc;
    return t;
}

int pp_tagger_finish(pp_tagger *t)
{
    close_open(t);
    if (t->failed) return -1;
    pp_pobj *parent_tree = pp_pdfi_dict(t->pdf, true);
    if (t->nleaves == 1) {
        pp_pdfi_put(parent_tree, "Nums", t->leaves[0]);
    } else {   /* a root of leaves, each with the keys it holds (ISO 32000-1, 7.9.7) */
        pp_pobj *kids = pp_pdfi_array(t->pdf);
        for (size_t i = 0; i < t->nleaves; i++) {
            pp_pobj *leaf = pp_pdfi_dict(t->pdf, true), *limits = pp_pdfi_array(t->pdf);
            long last = i + 1 < t->nleaves ? t->leaf_first[i + 1] - 1 : t->page_index;
            pp_pdfi_push_int(limits, t->leaf_first[i]);
            pp_pdfi_push_int(limits, last);
            pp_pdfi_put(leaf, "Limits", limits);
            pp_pdfi_put(leaf, "Nums", t->leaves[i]);
            pp_pdfi_push(kids, leaf);
        }
        pp_pdfi_put(parent_tree, "Kids", kids);
    }
    pp_pdfi_put(t->root, "ParentTree", parent_tree);
    pp_pdfi_put_int(t->root, "ParentTreeNextKey", t->page_index + 1);
    pp_pobj *roles = pp_pdfi_dict(t->pdf, false);
    pp_pdfi_put_name(roles, "Title", "P");
    pp_pdfi_put(t->root, "RoleMap", roles);
    pp_pobj *cat = pp_pdfi_catalog(t->pdf);
    pp_pdfi_put(cat, "StructTreeRoot", t->root);
    pp_pobj *mark = pp_pdfi_dict(t->pdf, false);
    pp_pdfi_put_bool(mark, "Marked", true);
    pp_pdfi_put(cat, "MarkInfo", mark);
    return t->failed ? -1 : 0;
}

void pp_tagger_free(pp_tagger *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->nelems; i++) free(t->elems[i]);
    free(t->elems);
    free(t->leaves);
    free(t->leaf_first);
    free(t->map);
    free(t);
}
