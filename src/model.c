#include "model.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pp_node *pp_node_new(pp_node_type t, long line, long col)
{
    pp_node *n = pp_xcalloc(1, sizeof *n);
    n->type = t;
    n->line = line;
    n->col = col;
    n->style = -1;
    n->start = 1;
    n->rowspan = n->colspan = 1;
    n->numbered = true;
    n->align = -1;
    n->lone = -1;
    return n;
}

void pp_node_append(pp_node *p, pp_node *c)
{
    c->parent = p;
    c->prev = p->last;
    c->next = NULL;
    if (p->last) p->last->next = c; else p->first = c;
    p->last = c;
}

void pp_node_unlink(pp_node *n)
{
    if (!n) return;
    if (n->prev) n->prev->next = n->next; else if (n->parent) n->parent->first = n->next;
    if (n->next) n->next->prev = n->prev; else if (n->parent) n->parent->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

void pp_node_free(pp_node *n)
{
    if (!n) return;
    pp_node_unlink(n);
    /* Splice each node's children into the work list instead of recursing (cmark);
     * n has no siblings now, so only its own subtree is in the list. */
    while (n) {
        if (n->first) {
            n->last->next = n->next;
            n->next = n->first;
            n->first = n->last = NULL;
        }
        pp_node *next = n->next;
        free(n->text);
        free(n->label);
        free(n->role);
        free(n);
        n = next;
    }
}

void pp_doc_free(pp_doc *d)
{
    if (!d) return;
    pp_node_free(d->root);
    free(d->file);
    free(d->kind);
    free(d->template_name);
    free(d->lang);
    pp_meta *m = &d->meta;
    free(m->banner); free(m->annex); free(m->agency); free(m->parent); free(m->title);
    free(m->year_phrase); free(m->subject); free(m->keywords);
    for (size_t i = 0; i < m->nissued; i++) { free(m->issued[i].text); free(m->issued[i].format); }
    free(m->issued);
    for (size_t i = 0; i < m->ntitle_lines; i++) free(m->title_lines[i]);
    free(m->title_lines);
    free(m->title_styles);
    free(m->printed_title); free(m->pdf_subject); free(m->pdf_keywords);
    free(d);
}

pp_node *pp_node_child(const pp_node *n, pp_node_type t)
{
    for (pp_node *c = n ? n->first : NULL; c; c = c->next) if (c->type == t) return c;
    return NULL;
}

static void text_cat(const pp_node *n, char **buf, size_t *len, size_t *cap)
{
    for (const pp_node *c = n->first; c; c = c->next) {
        if (c->type == PP_NODE_TEXT && c->text) {
            size_t l = strlen(c->text);
            PP_GROW(*buf, *cap, *len + l + 1);
            memcpy(*buf + *len, c->text, l + 1);
            *len += l;
        } else {
            text_cat(c, buf, len, cap);
        }
    }
}

char *pp_node_text(const pp_node *n)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    PP_GROW(buf, cap, 1);
    buf[0] = 0;
    if (n) text_cat(n, &buf, &len, &cap);
    return buf;
}

/* ---- invariants ------------------------------------------------------------- */

/* Which node types may hold which: the shapes xml_read builds and later stages read. */
static bool may_hold(pp_node_type parent, pp_node_type child)
{
    switch (parent) {
    case PP_NODE_DOCUMENT:   /* a form has its blocks without a section */
    case PP_NODE_SECTION:
        return child == PP_NODE_SECTION || child == PP_NODE_PARAGRAPH || child == PP_NODE_NOTE ||
               child == PP_NODE_LIST || child == PP_NODE_TABLE || child == PP_NODE_STRATEGIES || child == PP_NODE_TOC;
    case PP_NODE_PARAGRAPH: case PP_NODE_NOTE: case PP_NODE_CAPTION: case PP_NODE_NAME: case PP_NODE_EM:
    case PP_NODE_COLUMN:
        return child == PP_NODE_TEXT || child == PP_NODE_EM || child == PP_NODE_BR;
    case PP_NODE_COLUMNS: return child == PP_NODE_COLUMN;
    case PP_NODE_LIST: return child == PP_NODE_ITEM;
    case PP_NODE_ITEM: case PP_NODE_CELL: case PP_NODE_DESC: case PP_NODE_ACTIONS: case PP_NODE_RESULTS:
    case PP_NODE_EXTRA:
        return child == PP_NODE_PARAGRAPH || child == PP_NODE_NOTE || child == PP_NODE_LIST ||
               child == PP_NODE_TABLE || child == PP_NODE_STRATEGIES;
    case PP_NODE_TABLE:
        return child == PP_NODE_CAPTION || child == PP_NODE_HEAD || child == PP_NODE_ROW || child == PP_NODE_COLUMNS;
    case PP_NODE_HEAD: return child == PP_NODE_ROW;
    case PP_NODE_ROW: return child == PP_NODE_CELL;
    case PP_NODE_STRATEGIES:
        return child == PP_NODE_DIMENSION || child == PP_NODE_GROUP || child == PP_NODE_STRATEGY ||
               child == PP_NODE_COLUMNS;
    case PP_NODE_DIMENSION: case PP_NODE_GROUP:
        return child == PP_NODE_DIMENSION || child == PP_NODE_GROUP || child == PP_NODE_STRATEGY ||
               child == PP_NODE_DESC || child == PP_NODE_UNITS || child == PP_NODE_ACTIONS || child == PP_NODE_RESULTS ||
               child == PP_NODE_EXTRA;
    case PP_NODE_STRATEGY: case PP_NODE_SUB:
        return child == PP_NODE_NAME || child == PP_NODE_DESC || child == PP_NODE_UNITS ||
               child == PP_NODE_ACTIONS || child == PP_NODE_RESULTS || child == PP_NODE_SUB || child == PP_NODE_EXTRA;
    case PP_NODE_UNITS: return child == PP_NODE_UNIT;
    default: return false;
    }
}

int pp_model_check(const pp_doc *doc, FILE *err)
{
    int bad = 0;
#define FAIL(n, ...) do { if (err) { fprintf(err, "model invariant: node %d at %ld:%ld: ", (int)(n)->type, (n)->line, (n)->col); \
                                     fprintf(err, __VA_ARGS__); fputc('\n', err); } bad++; } while (0)
    if (!doc || !doc->root || doc->root->type != PP_NODE_DOCUMENT || doc->root->parent) {
        if (err) fputs("model invariant: no document root\n", err);
        return -1;
    }
    /* depth first, without recursion */
    const pp_node *n = doc->root;
    while (n) {
        const pp_node *last = NULL;
        for (const pp_node *c = n->first; c; c = c->next) {
            if (c->parent != n) FAIL(c, "its parent link is wrong");
            if (c->prev != last) FAIL(c, "its prev link is wrong");
            if (!may_hold(n->type, c->type)) FAIL(c, "may not stand inside node type %d", (int)n->type);
            if ((c->type == PP_NODE_TEXT || c->type == PP_NODE_UNIT) && !c->text) FAIL(c, "has no text");
            if (c->line < 0 || c->col < 0) FAIL(c, "has a negative position");
            if (c->type == PP_NODE_CELL && (c->rowspan < 1 || c->colspan < 1)) FAIL(c, "spans fewer than one row or column");
            last = c;
            if (bad > 20) return -1;
        }
        if (n->last != last) FAIL(n, "its last link is wrong");
        if (n->first) { n = n->first; continue; }
        while (n && !n->next) n = n->parent;
        if (n) n = n->next;
    }
#undef FAIL
    return bad ? -1 : 0;
}
