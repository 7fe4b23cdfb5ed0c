#include "model.h"
#include "xalloc.h"
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

void pp_node_free(pp_node *n)
{
    /* Splice each node's children into the work list instead of recursing (cmark). */
    while (n) {
        if (n->first) {
            n->last->next = n->next;
            n->next = n->first;
            n->first = n->last = NULL;
        }
        pp_node *next = n->next;
        free(n->text);
        free(n->label);
        free(n);
        n = next;
    }
}

void pp_doc_free(pp_doc *d)
{
    if (!d) return;
    pp_node_free(d->root);
    free(d->file);
    free(d->lang);
    free(d->meta.agency);
    free(d->meta.title);
    free(d->meta.issued);
    free(d);
}

static const char *const kind_names[PP_KIND__COUNT] = { "plan", "implementation-plan", "report" };
static const char *const role_names[PP_ROLE__COUNT] = {
    "", "basis", "goals", "scope", "strategies", "steps", "evaluation", "rewards", "other" };

const char *pp_kind_name(pp_kind k) { return (unsigned)k < PP_KIND__COUNT ? kind_names[k] : "?"; }
const char *pp_role_name(pp_role r) { return (unsigned)r < PP_ROLE__COUNT ? role_names[r] : "?"; }

int pp_kind_from_name(const char *s)
{
    for (int i = 0; i < PP_KIND__COUNT; i++) if (strcmp(s, kind_names[i]) == 0) return i;
    return -1;
}

int pp_role_from_name(const char *s)
{
    for (int i = 1; i < PP_ROLE__COUNT; i++) if (strcmp(s, role_names[i]) == 0) return i;
    return -1;
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
