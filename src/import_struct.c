#define _POSIX_C_SOURCE 200809L
#include "import_struct.h"
#include "import_meta.h"
#include "numbering.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the outline builder: a stack of open levels -------------------------------------- */

/* A body paragraph or table, in reading order. */
typedef struct unit { pp_itext *text; const pp_imp_table *table; size_t index; int toc; } unit;

typedef struct frame {
    pp_node *node;           /* the SECTION or ITEM (frame 0: the container) */
    pp_node *list;           /* an ITEM's LIST */
    int style, last;
    pp_label_family fam;
    bool section;
    int child;               /* a SECTION's children levels: 0 undecided, 1 sections, 2 lists */
    int heading;             /* a SECTION's heading level (its paragraph's outline level), 0 none */
    double margin;           /* an ITEM's text start (its labelled paragraph's left margin), pt; -1 not known */
} frame;

/* A body paragraph or table on an upright or turned page, and the section it went into. */
typedef struct turn { pp_node *sec, *table; bool turned; } turn;

typedef struct builder {
    pp_imp *c;
    frame *v;
    size_t n, cap;
    bool body;
    /* body only: the units, to look ahead from a label for a table */
    const unit *units;
    size_t nunits, at;
    bool *roles_taken;       /* per role of the template: a section already has it */
    turn *turns;             /* body only: every unit's page, in order */
    size_t nturns, capturns;
} builder;


static frame *push(builder *b)
{
    PP_GROW(b->v, b->cap, b->n + 1);
    frame *f = &b->v[b->n++];
    memset(f, 0, sizeof *f);
    f->style = -1;
    return f;
}

static int style_of(const pp_itext *t)
{
    if (t->bullet) return PP_NUM_NONE;
    if (t->labelled) return t->label.style;
    return PP_IMP_HEADING_STYLE + t->src->heading;
}

/* The open level the label continues, or 0 for a new one below the innermost. */
static size_t find_level(const builder *b, const pp_itext *t, size_t lowest)
{
    int style = style_of(t), number = t->labelled ? t->label.number : 0;
    for (size_t i = b->n; i-- > lowest;)
        if (b->v[i].style == style) return i;
    /* the same numbers in other dress: （二） after (一), (五) after （四） */
    pp_label_family fam = t->labelled ? pp_label_family_of(style) : PP_LF_NONE;
    for (size_t i = b->n; fam != PP_LF_NONE && i-- > lowest;)
        if (b->v[i].fam == fam && b->v[i].last + 1 == number) return i;
    return 0;
}

static pp_node *add_para(pp_node *parent, const pp_itext *t, size_t from)
{
    pp_node *p = pp_node_new(t->note ? PP_NODE_NOTE : PP_NODE_PARAGRAPH, 0, 0);
    pp_itext_inline(t, from, t->n, p);
    if (!p->first) { pp_node_free(p); return NULL; }
    pp_node_append(parent, p);
    return p;
}

/* ---- sections -------------------------------------------------------------------------- */

/* The role whose words (the template's <roles>) the heading holds, the longest
 * word winning (執行策略及具體推動作法 over 執行策略); each role goes to the first
 * section that names it. NULL: none. */
static char *role_of(builder *b, const char *title, bool top)
{
    const pp_template *t = b->c->t;
    /* the roles the file lists by title (a planpress .odt's own) come first */
    for (size_t k = 0; k < b->c->nhints; k++) {
        pp_imp_role_hint *h = &b->c->hints[k];
        if (h->used || strcmp(h->title, title) != 0) continue;
        h->used = true;
        int i = 0;
        while (*h->role && i < t->nroles && strcmp(t->roles[i].name, h->role) != 0) i++;
        if (!*h->role || i == t->nroles) return NULL;
        b->roles_taken[i] = true;
        return pp_xstrdup(h->role);
    }
    if (!top) return NULL;
    const char *role = pp_template_role_of_title(t, title);
    int i = 0;
    while (role && i < t->nroles && strcmp(t->roles[i].name, role) != 0) i++;
    if (!role || i == t->nroles || b->roles_taken[i]) return NULL;
    b->roles_taken[i] = true;
    return pp_xstrdup(role);
}

/* A section from its heading text: 「計畫依據：行政院…」 is a run-in title and its first paragraph. */
static pp_node *make_section(builder *b, pp_node *parent, const pp_itext *t, bool top)
{
    size_t from = pp_itext_label_chars(t);
    pp_node *s = pp_node_new(PP_NODE_SECTION, 0, 0);
    pp_node_append(parent, s);
    size_t colon = (size_t)-1;
    for (size_t i = from; i < t->n && i < from + 17; i++) {
        uint32_t ch = t->cp[i];
        if (ch == 0xFF1A || ch == ':') { colon = i; break; }
        if (ch == 0x3002 || ch == 0xFF0C || ch == 0xFF1B) break;      /* 。，； : a sentence, not a title */
    }
    bool runin = colon != (size_t)-1 && colon + 1 < t->n;
    pp_itext head = *t;
    if (runin) head.n = colon + 1;
    s->text = pp_itext_utf8(&head, from);
    if (!*s->text) { free(s->text); s->text = pp_xstrdup("【請填寫：標題】"); }
    s->runin = runin;
    s->role = role_of(b, s->text, top);
    pp_imp_label_note(b->c, s, t);
    /* a heading typed without a label among labelled ones: a section that uses no number */
    if (!t->labelled && !t->bullet && t->src->heading && b->c->labelled_tops) {
        s->unnumbered = true;
        b->c->labels[b->c->nlabels - 1].any_ok = true;
    }
    if (runin) add_para(s, t, colon + 1);
    return s;
}

static bool title_like(const pp_itext *t)
{
    size_t from = pp_itext_label_chars(t);
    if (t->n - from > 20) return false;
    for (size_t i = from; i < t->n; i++)
        if (t->cp[i] == 0x3002 || t->cp[i] == 0xFF0C || t->cp[i] == 0xFF1B) return false;
    return true;
}

/* Does a table come before the next label of this level or above? (一、整體服務類, then its tables) */
static bool table_ahead(const builder *b, const pp_itext *t)
{
    for (size_t i = b->at + 1; i < b->nunits; i++) {
        if (b->units[i].table) return true;
        const pp_itext *u = b->units[i].text;
        if (!u) return false;
        if (u->labelled && pp_label_family_of(u->label.style) == pp_label_family_of(t->label.style)) return false;
        if (u->labelled && u->label.style == PP_NUM_FORMAL) return false;
    }
    return false;
}

/* ---- placing a labelled paragraph ---------------------------------------------------------- */

static void add_item(builder *b, frame *f, pp_node *list, const pp_itext *t)
{
    pp_node *it = pp_node_new(PP_NODE_ITEM, 0, 0);
    pp_node_append(list, it);
    pp_imp_label_note(b->c, it, t);
    if (t->bullet && !t->labelled) b->c->labels[b->c->nlabels - 1].any_ok = true;
    add_para(it, t, pp_itext_label_chars(t));
    f->node = it;
    f->list = list;
    f->margin = t->src->margin_pt;
}

/* A paragraph set left of the item's text (not under it, as the item's own next
 * paragraph is), with the list going on after it in its numbers: an item of
 * the list that uses no number (numbered="no"). Only where the file says where
 * paragraphs start (ODF). */
static bool unnumbered_item(builder *b, const pp_itext *t)
{
    if (!b->body || b->n < 2) return false;
    frame *f = &b->v[b->n - 1];
    if (f->section || !f->list || f->margin < 0 || t->src->margin_pt < 0 || t->src->margin_pt + 1 > f->margin) return false;
    if (t->src->heading || t->note) return false;
    const pp_itext *next = b->at + 1 < b->nunits ? b->units[b->at + 1].text : NULL;
    if (!next || !next->labelled || next->automatic || find_level(b, next, 2) != b->n - 1) return false;
    if (next->label.style == PP_NUM_CHECKBOX ? false : next->label.number != f->last + 1) return false;
    pp_node *it = pp_node_new(PP_NODE_ITEM, 0, 0);
    it->unnumbered = true;
    pp_node_append(f->list, it);
    pp_imp_label_note(b->c, it, t);
    b->c->labels[b->c->nlabels - 1].any_ok = true;
    add_para(it, t, 0);
    f->node = it;
    return true;
}

static pp_node *new_list(pp_node *parent, const pp_itext *t)
{
    pp_node *l = pp_node_new(PP_NODE_LIST, 0, 0);
    if (t->bullet && !t->labelled) l->style = PP_NUM_NONE;
    pp_node_append(parent, l);
    return l;
}

static void add_labelled(builder *b, const pp_itext *t)
{
    size_t lowest = b->body ? 2 : 1;
    size_t lvl = find_level(b, t, lowest);
    if (!lvl && b->body && !t->labelled && !t->bullet && t->src->heading)
        for (size_t i = b->n; !lvl && i-- > lowest;)
            if (b->v[i].section && b->v[i].heading == t->src->heading) lvl = i;
    if (lvl && b->v[lvl].section && !t->labelled && !t->bullet && t->src->heading) {
        /* an unnumbered sibling section: it takes no number from the level */
        b->n = lvl + 1;
        b->v[lvl].node = make_section(b, b->v[lvl - 1].node, t, false);
        return;
    }
    /* □ is the same on every item: it numbers by its place */
    bool mark = t->labelled && t->label.style == PP_NUM_CHECKBOX;
    int number = t->labelled && !mark ? t->label.number : mark && !lvl ? 1 : b->v[lvl ? lvl : 0].last + 1;
    if (lvl && b->body && !b->v[lvl].section && b->v[lvl - 1].section && t->src->heading > 1) {
        /* a heading after a section's list in its form (一、 items, then 一、 set as a
         * heading): a subsection after the list, numbered on its own */
        b->n = lvl + 1;
        frame *f = &b->v[lvl];
        f->section = true;
        f->list = NULL;
        f->heading = t->src->heading;
        f->node = make_section(b, b->v[lvl - 1].node, t, false);
        f->last = number;
        return;
    }
    if (lvl) {
        b->n = lvl + 1;
        frame *f = &b->v[lvl];
        if (f->section) {
            pp_node *s = make_section(b, b->v[lvl - 1].node, t, false);
            f->node = s;
        } else if (number == 1 && f->last >= 1 && t->labelled) {
            /* numbering starts again: a new list in the same place */
            add_item(b, f, new_list(b->v[lvl - 1].node, t), t);
        } else {
            add_item(b, f, f->list, t);
        }
        f->last = number;
        return;
    }
    frame *parent = &b->v[b->n - 1];
    bool section = false;
    if (b->body && parent->section) {
        if (!parent->child) {
            bool sub = t->src->heading > 1 || (t->labelled && title_like(t) && table_ahead(b, t));
            parent->child = sub ? 1 : 2;
        }
        section = parent->child == 1;
    }
    pp_node *pnode = parent->node;
    frame *f = push(b);
    f->style = style_of(t);
    f->fam = t->labelled ? pp_label_family_of(f->style) : PP_LF_NONE;
    f->last = number;
    f->section = section;
    f->heading = t->src->heading;
    if (section) f->node = make_section(b, pnode, t, false);
    else add_item(b, f, new_list(pnode, t), t);
}

static void add_plain(builder *b, const pp_itext *t)
{
    add_para(b->v[b->n - 1].node, t, 0);
}

void pp_imp_flow(pp_imp *c, pp_itext *texts, size_t n, pp_node *parent)
{
    builder b = { .c = c, .roles_taken = pp_xcalloc((size_t)c->t->nroles + 1, sizeof(bool)) };
    frame *base = push(&b);
    base->node = parent;
    for (size_t i = 0; i < n; i++) {
        const pp_itext *t = &texts[i];
        if (t->labelled || t->bullet) add_labelled(&b, t);
        else add_plain(&b, t);
    }
    free(b.v);
    free(b.roles_taken);
}

/* ---- the body ------------------------------------------------------------------------------------ */

typedef struct body {
    pp_itexts texts;
    unit *units;
    size_t nunits, capunits;
} body;

static void flush_run(body *bd, size_t from)
{
    pp_itext_join(&bd->texts, from, PP_IT_BODY);
    for (size_t i = from; i < bd->texts.n; i++) {
        PP_GROW(bd->units, bd->capunits, bd->nunits + 1);
        bd->units[bd->nunits++] = (unit){ NULL, NULL, i, 0 };   /* the pointer once texts stop moving */
    }
}

static void read_body(body *bd, const pp_imp_doc *in)
{
    size_t run = 0;
    bool gap = false;
    for (size_t i = 0; i < in->body.n; i++) {
        const pp_imp_block *k = &in->body.v[i];
        if (k->table) {
            flush_run(bd, run);
            run = bd->texts.n;
            PP_GROW(bd->units, bd->capunits, bd->nunits + 1);
            bd->units[bd->nunits++] = (unit){ NULL, k->table, 0, 0 };
            gap = false;
            continue;
        }
        if (k->para->toc) {
            flush_run(bd, run);
            run = bd->texts.n;
            PP_GROW(bd->units, bd->capunits, bd->nunits + 1);
            bd->units[bd->nunits++] = (unit){ NULL, NULL, 0, k->para->toc };
            gap = false;
            continue;
        }
        if (pp_imp_para_blank(k->para) && !k->para->autolabel) { gap = true; continue; }
        size_t before = bd->texts.n;
        pp_itext_lines(&bd->texts, k->para, PP_IT_BODY);
        if (bd->texts.n > before) bd->texts.v[before].gap = gap;
        gap = false;
    }
    flush_run(bd, run);
    for (size_t i = 0; i < bd->nunits; i++)
        if (!bd->units[i].table && !bd->units[i].toc) bd->units[i].text = &bd->texts.v[bd->units[i].index];
}

/* Which paragraphs open top-level sections: 壹、 when the document has any, else
 * the first heading level, else the first label form used. */
typedef struct top { int style; bool heading; } top;

static top find_top(const body *bd)
{
    top tp = { -1, false };
    int first = -1;
    bool heading = false;
    for (size_t i = 0; i < bd->texts.n; i++) {
        const pp_itext *t = &bd->texts.v[i];
        if (t->labelled && t->label.style == PP_NUM_FORMAL) { tp.style = PP_NUM_FORMAL; return tp; }
        if (t->src->heading == 1) heading = true;
        if (first < 0 && t->labelled) first = t->label.style;
    }
    if (heading) tp.heading = true;
    else tp.style = first;
    return tp;
}

static bool is_top(top tp, const pp_itext *t)
{
    if (!t) return false;   /* a table of contents */
    if (tp.heading) return t->src->heading == 1;
    /* among 壹、 sections, a first-level heading typed without a label (前言, 附錄) is one */
    if (tp.style == PP_NUM_FORMAL && !t->labelled && !t->bullet && t->src->heading == 1 && !t->src->center) return true;
    return t->labelled && t->label.style == tp.style && tp.style >= 0;
}

/* The section the builder is in (NULL before the first). */
static pp_node *current_section(const builder *b)
{
    for (size_t k = b->n; k-- > 1;) if (b->v[k].section) return b->v[k].node;
    return NULL;
}

static void note_turn(builder *b, pp_node *table, bool turned)
{
    PP_GROW(b->turns, b->capturns, b->nturns + 1);
    b->turns[b->nturns++] = (turn){ current_section(b), table, turned };
}

/* A table's node where tables stand: in their section, not inside a list item,
 * or merged into the strategy table right before it. */
static void place_table(builder *b, pp_imp *c, pp_node *node, const pp_imp_table *tb)
{
    if (!node) return;
    while (b->n > 1 && !b->v[b->n - 1].section) b->n--;
    pp_node *sec = b->v[b->n - 1].node;
    if (sec->last && sec->last->type == PP_NODE_STRATEGIES && node->type == PP_NODE_STRATEGIES &&
        c->tables->merge(sec->last, node)) {
        note_turn(b, NULL, tb->turned);
        return;
    }
    pp_node_append(sec, node);
    note_turn(b, node, tb->turned);
}

/* ---- turned pages --------------------------------------------------------------------- */

typedef struct secturn { const pp_node *sec; bool all, any; } secturn;

static int by_sec(const void *a, const void *b)
{
    const secturn *x = a, *y = b;
    return (uintptr_t)x->sec < (uintptr_t)y->sec ? -1 : (uintptr_t)x->sec > (uintptr_t)y->sec;
}

static void collect_sections(const pp_node *n, secturn **v, size_t *len, size_t *cap)
{
    /* import nests sections one level per label form (a few dozen at most) */
    for (const pp_node *k = n->first; k; k = k->next) {
        if (k->type != PP_NODE_SECTION) continue;
        PP_GROW(*v, *cap, *len + 1);
        (*v)[(*len)++] = (secturn){ k, true, false };
        collect_sections(k, v, len, cap);
    }
}

static secturn *sec_of(secturn *v, size_t n, const pp_node *s)
{
    secturn key = { s, false, false };
    return s ? bsearch(&key, v, n, sizeof *v, by_sec) : NULL;
}

/* Pages turned from the document's first (a landscape page in a portrait
 * document) as orientation="landscape": on the outermost section whose heading
 * and everything in it are turned, else on each turned table. */
static void apply_turns(builder *b, pp_doc *doc)
{
    secturn *v = NULL;
    size_t n = 0, cap = 0;
    bool any = false;
    for (size_t i = 0; i < b->nturns; i++) any |= b->turns[i].turned;
    if (!any) return;
    collect_sections(doc->root, &v, &n, &cap);
    qsort(v, n, sizeof *v, by_sec);
    for (size_t i = 0; i < b->nturns; i++)
        for (const pp_node *s = b->turns[i].sec; s && s->type == PP_NODE_SECTION; s = s->parent) {
            secturn *st = sec_of(v, n, s);
            if (!st) break;
            st->all &= b->turns[i].turned;
            st->any = true;
        }
    /* a section is turned whole when it is and the one around it is not */
    for (size_t i = 0; i < n; i++) {
        secturn *up = sec_of(v, n, v[i].sec->parent);
        bool whole = v[i].all && v[i].any, outer = up && up->all && up->any;
        ((pp_node *)v[i].sec)->landscape = whole && !outer;
    }
    for (size_t i = 0; i < b->nturns; i++) {
        if (!b->turns[i].table || !b->turns[i].turned) continue;
        bool inside = false;
        for (const pp_node *s = b->turns[i].sec; s && s->type == PP_NODE_SECTION && !inside; s = s->parent) {
            const secturn *st = sec_of(v, n, s);
            inside = st && st->all && st->any;
        }
        b->turns[i].table->landscape = !inside;
    }
    free(v);
}

static void open_top(builder *b, pp_imp *c, pp_itext *t)
{
    b->n = 1;
    frame *f = push(b);
    f->section = true;
    f->style = style_of(t);
    f->fam = t->labelled ? pp_label_family_of(f->style) : PP_LF_NONE;
    f->last = t->labelled ? t->label.number : 0;
    f->heading = t->src->heading;
    f->node = make_section(b, c->doc->root, t, true);
    note_turn(b, NULL, t->src->turned);
}

/* A table of contents listing `levels` outline levels (-1: not known); the
 * template's depth goes without saying, and a source lists at most six. */
static pp_node *toc_node(const pp_imp *c, int levels)
{
    enum { MAX_TOC_DEPTH = 6 };
    pp_node *toc = pp_node_new(PP_NODE_TOC, 0, 0);
    if (levels > MAX_TOC_DEPTH) levels = MAX_TOC_DEPTH;
    if (levels > 0 && levels != c->t->toc_depth) toc->score = levels;
    return toc;
}

static void body_unit(builder *b, pp_imp *c, const body *bd, size_t *i, top tp)
{
    b->at = *i;
    const unit *u = &bd->units[*i];
    if (u->toc) {
        /* in its section, as a table stands */
        pp_node *toc = toc_node(c, u->toc);
        while (b->n > 1 && !b->v[b->n - 1].section) b->n--;
        pp_node_append(b->v[b->n - 1].node, toc);
        note_turn(b, NULL, false);
        return;
    }
    if (u->table) {
        bool used = false;
        place_table(b, c, c->tables->node(c, u->table, NULL, &used), u->table);
        return;
    }
    pp_itext *t = u->text;
    if (is_top(tp, t)) { open_top(b, c, t); return; }
    if (!t->labelled && !t->bullet && *i + 1 < bd->nunits && bd->units[*i + 1].table) {
        /* a caption, perhaps: the table decides. A heading too (構面一:基礎服務（200 分）
         * set as a heading, so that a navigator lists it): a heading the table does
         * not take stays a heading, and the table follows it. */
        bool used = false;
        pp_node *node = c->tables->node(c, bd->units[*i + 1].table, t, &used);
        if (!used && t->src->heading) add_labelled(b, t);
        else if (!used) add_plain(b, t);
        note_turn(b, NULL, t->src->turned);
        b->at = ++*i;
        place_table(b, c, node, bd->units[*i].table);
        return;
    }
    if (t->labelled || t->bullet || t->src->heading) add_labelled(b, t);
    else if (!unnumbered_item(b, t)) add_plain(b, t);
    note_turn(b, NULL, t->src->turned);
}

static void where_unit(char *w, size_t cap, const unit *u)
{
    if (u->table) { snprintf(w, cap, "table %d", u->table->no); return; }
    if (!u->text) { snprintf(w, cap, "the table of contents"); return; }
    char *txt = pp_itext_utf8(u->text, 0);
    pp_imp_where(w, cap, u->text->src, txt);
    free(txt);
}

/* Sections from units[start..]; what stands before the first section heading
 * (the preamble) goes into the first section, after its run-in paragraph. */
static void build_body(pp_imp *c, body *bd, size_t start, top tp)
{
    builder b = { .c = c, .body = true, .units = bd->units, .nunits = bd->nunits,
                  .roles_taken = pp_xcalloc((size_t)c->t->nroles + 1, sizeof(bool)) };
    frame *root = push(&b);
    root->node = c->doc->root;
    size_t first = start;
    while (first < bd->nunits && (bd->units[first].table || !is_top(tp, bd->units[first].text))) first++;
    c->labelled_tops = !tp.heading && tp.style >= 0;
    char w[160];
    if (first == bd->nunits) {
        /* no section headings at all: the content stands in the document itself
         * (a form: 附表二, its title, a table); a kind whose profile asks for
         * sections is told to divide it */
        const pp_profile *pr = pp_template_profile(c->t, c->doc->kind);
        if (pr && pr->nneeds) pp_msg(c->d, PP_LOC(c->file, 0, 0), IMPORT_NO_SECTIONS, c->doc->kind);
    } else {
        /* contents before the first section with no heading of their own (Word's
         * block): a section of their own, under the template's heading for them */
        while (start < first && bd->units[start].toc) {
            pp_node *s = pp_node_new(PP_NODE_SECTION, 0, 0);
            pp_node_append(c->doc->root, s);
            s->text = pp_xstrdup(c->t->toc_title ? c->t->toc_title : "目錄");
            s->role = role_of(&b, s->text, true);
            s->unnumbered = true;
            pp_imp_label_raw(c, s, "", -1, 0, "");
            c->labels[c->nlabels - 1].any_ok = true;
            pp_node_append(s, toc_node(c, bd->units[start].toc));
            start++;
        }
        open_top(&b, c, bd->units[first].text);
        if (first > start) {
            where_unit(w, sizeof w, &bd->units[start]);
            pp_msg(c->d, PP_LOC(c->file, 0, 0), IMPORT_PREAMBLE, w);
        }
    }
    for (size_t i = start; i < first; i++) body_unit(&b, c, bd, &i, tp);
    for (size_t i = first + 1; i < bd->nunits; i++) body_unit(&b, c, bd, &i, tp);
    apply_turns(&b, c->doc);
    free(b.v);
    free(b.roles_taken);
    free(b.turns);
}

/* "role:title;role:title;…" (the file's custom property) as hints. */
static void read_hints(pp_imp *c, const char *s)
{
    while (s && *s) {
        const char *colon = strchr(s, ':'), *end = strchr(s, ';');
        if (!end) end = s + strlen(s);
        if (colon && colon < end) {
            PP_GROW_N(c->hints, c->nhints);
            c->hints[c->nhints++] = (pp_imp_role_hint){ pp_xstrndup(s, (size_t)(colon - s)),
                                                        pp_xstrndup(colon + 1, (size_t)(end - colon - 1)), false };
        }
        s = *end ? end + 1 : end;
    }
}

/* The contents a template adds by itself (toc auto="yes") come in as a first
 * section titled as its heading holding nothing but them: left to the template. */
static void drop_auto_toc(pp_imp *c)
{
    pp_node *s = c->doc->root->first;
    while (s && s->type != PP_NODE_SECTION) s = s->next;
    if (!c->t->toc_auto || !s || !s->text || !c->t->toc_title || strcmp(s->text, c->t->toc_title) != 0) return;
    if (!s->first || s->first != s->last || s->first->type != PP_NODE_TOC || s->first->score) return;
    size_t o = 0;   /* its label record goes with it */
    for (size_t i = 0; i < c->nlabels; i++) if (c->labels[i].n != s) c->labels[o++] = c->labels[i];
    c->nlabels = o;
    pp_node_unlink(s);
    pp_node_free(s);
}

pp_doc *pp_import_structure(const pp_imp_doc *in, const char *file, const char *kind,
                            const pp_imp_tables *tables, pp_diag *d)
{
    body bd = { 0 };
    read_body(&bd, in);
    if (!bd.texts.n && !bd.nunits) {
        pp_msg(d, PP_LOC(file, 0, 0), IMPORT_EMPTY);
        pp_itexts_release(&bd.texts);
        free(bd.units);
        return NULL;
    }
    pp_doc *doc = pp_xcalloc(1, sizeof *doc);
    doc->file = pp_xstrdup(file);
    doc->lang = pp_xstrdup(in->lang ? in->lang : "zh-TW");
    doc->root = pp_node_new(PP_NODE_DOCUMENT, 0, 0);
    top tp = find_top(&bd);
    /* the head: paragraphs before the first section heading (and before any table) */
    size_t head = 0;
    while (head < bd.nunits && !bd.units[head].table && bd.units[head].text && !is_top(tp, bd.units[head].text)) head++;
    /* units[0..head) are texts, bd.texts.v[0..head) */
    /* the kinds and their title words: the profiles every stock template has */
    /* the template file a planpress .odt names, when it is here and loads */
    pp_template *own = NULL;
    if (in->template_path && in->template_path[0]) {
        /* as the source named it: a stock name, or a path relative to the file
         * (the .odt stands where its source did), else to the current folder */
        const char *slash = strrchr(file, '/');
        char *dir = slash ? pp_xstrndup(file, (size_t)(slash - file)) : pp_xstrdup(".");
        if (in->template_given) {   /* --template: as the command line names it, and it must load */
            own = pp_template_load(in->template_path, NULL, d);
            if (!own) { free(dir); pp_itexts_release(&bd.texts); free(bd.units); pp_doc_free(doc); return NULL; }
        }
        for (int k = 0; k < 2 && !own; k++) {
            pp_diag quiet;
            pp_diag_init(&quiet, NULL);
            pp_diag_capture(&quiet);
            own = pp_template_load(in->template_path, k == 0 ? dir : NULL, &quiet);
            if (own && quiet.errors) { pp_template_free(own); own = NULL; }
            pp_diag_release(&quiet);
        }
        free(dir);
    }
    pp_template *kinds = own ? NULL : pp_template_load("document", NULL, d);
    /* a kind the file names (planpress's own .odt) when it has a template */
    if (!kind && in->kind && (own ? pp_template_profile(own, in->kind) != NULL : !strcmp(pp_template_for_kind(in->kind), in->kind)))
        kind = in->kind;
    size_t used = pp_import_meta(head ? bd.units[0].text : NULL, head, doc, own ? own : kinds, kind, in->creator, file, d);
    pp_template_free(kinds);
    pp_imp c = { .tables = tables, .file = file, .d = d, .doc = doc };
    if (own) doc->template_name = pp_xstrdup(in->template_path);
    c.t = own ? own : pp_template_load(pp_template_for_kind(doc->kind), NULL, d);
    if (!c.t) {
        pp_doc_free(doc);
        doc = NULL;
    } else {
        read_hints(&c, in->roles);
        build_body(&c, &bd, used, tp);
        drop_auto_toc(&c);
        pp_imp_labels_finish(&c);
    }
    pp_template_free(c.t);
    free(c.labels);
    for (size_t i = 0; i < c.nhints; i++) { free(c.hints[i].role); free(c.hints[i].title); }
    free(c.hints);
    pp_itexts_release(&bd.texts);
    free(bd.units);
    return doc;
}
