#define _POSIX_C_SOURCE 200809L
#include "columns.h"
#include "numbering.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

const char *pp_columns_preset_name(const pp_node *st, const pp_template *t, const pp_profile *prof)
{
    if (st->text) return st->text;
    if (prof && prof->columns) return prof->columns;
    return t->default_columns;
}

static void copy_set(pp_columnset *out, const pp_columnset *in)
{
    *out = *in;
    out->name = pp_xstrdup(in->name ? in->name : "");
    out->caption = in->caption ? pp_xstrdup(in->caption) : NULL;
    for (int i = 0; i < in->ncols; i++) {
        out->cols[i].header = pp_xstrdup(in->cols[i].header ? in->cols[i].header : "");
        out->cols[i].key = in->cols[i].key ? pp_xstrdup(in->cols[i].key) : NULL;
    }
}

/* A declared column's header: its text, <br/> as a line break. */
static char *header_text(const pp_node *col)
{
    size_t cap = 16, len = 0;
    char *s = pp_xmalloc(cap);
    s[0] = 0;
    for (const pp_node *k = col->first; k; k = k->next) {
        const char *add = k->type == PP_NODE_TEXT && k->text ? k->text : k->type == PP_NODE_BR ? "\n" : "";
        char *sub = k->type == PP_NODE_EM ? pp_node_text(k) : NULL;
        if (sub) add = sub;
        size_t l = strlen(add);
        PP_GROW(s, cap, len + l + 1);
        memcpy(s + len, add, l + 1);
        len += l;
        free(sub);
    }
    /* whitespace at the ends of each line is the source's layout, not the header's */
    char *o = s, *w = s;
    for (char *p = s; *p; p++) {
        if (*p == '\n') { while (w > s && w[-1] == ' ') w--; *w++ = '\n'; continue; }
        if ((*p == ' ' || *p == '\t' || *p == '\r') && (w == s || w[-1] == '\n' || w[-1] == ' ')) continue;
        *w++ = *p == '\t' || *p == '\r' ? ' ' : *p;
    }
    while (w > s && (w[-1] == ' ' || w[-1] == '\n')) w--;
    *w = 0;
    return o;
}

int pp_resolve_columns(const pp_node *st, const pp_template *t, const pp_profile *prof, pp_columnset *out)
{
    memset(out, 0, sizeof *out);
    const pp_node *decl = pp_node_child(st, PP_NODE_COLUMNS);
    const char *name = pp_columns_preset_name(st, t, prof);
    const pp_columnset *preset = name ? pp_template_columns(t, name) : NULL;
    /* a table that names a preset must find it; a declaration may stand alone */
    if (!preset && (st->text || !decl)) return -1;
    if (preset) copy_set(out, preset);
    else {
        out->name = pp_xstrdup("");
        int lv[] = { PP_NUM_HAN, PP_NUM_HAN_PAREN, PP_NUM_DECIMAL, PP_NUM_DECIMAL_PAREN, PP_NUM_UPPER_LATIN,
                     PP_NUM_LOWER_LATIN_PAREN };
        memcpy(out->levels, lv, sizeof lv);
        out->nlevels = 6;
        out->sub_rules = true;
    }
    if (!decl) return 0;
    if (decl->text) { free(out->caption); out->caption = pp_xstrdup(decl->text); }
    if (decl->head) out->sub_rules = decl->numbered;     /* sub-rules="yes|no" given */
    if (decl->label) {
        int k = 0;
        char *v = pp_xstrdup(decl->label), *save = NULL;
        for (char *tok = strtok_r(v, " \t\n", &save); tok && k < PP_MAX_LEVELS; tok = strtok_r(NULL, " \t\n", &save)) {
            int s = pp_numstyle_from_name(tok);
            if (s >= 0) out->levels[k++] = s;
        }
        free(v);
        if (k) out->nlevels = k;
    }
    int ncols = 0;
    for (const pp_node *c = decl->first; c; c = c->next) if (c->type == PP_NODE_COLUMN) ncols++;
    if (!ncols) return 0;
    for (int i = 0; i < out->ncols; i++) { free(out->cols[i].header); free(out->cols[i].key); }
    out->ncols = 0;
    for (const pp_node *c = decl->first; c && out->ncols < PP_MAX_COLUMNS; c = c->next) {
        if (c->type != PP_NODE_COLUMN) continue;
        pp_column *col = &out->cols[out->ncols++];
        int kind = pp_colkind_from_name(c->role);
        col->content = kind < 0 ? PP_COL_EXTRA : (pp_colkind)kind;
        col->key = c->text ? pp_xstrdup(c->text) : NULL;
        col->width = c->width;
        col->blank = c->head;
        col->header = header_text(c);
    }
    return 0;
}

void pp_columnset_release(pp_columnset *cs)
{
    free(cs->name);
    free(cs->caption);
    for (int i = 0; i < cs->ncols; i++) { free(cs->cols[i].header); free(cs->cols[i].key); }
    memset(cs, 0, sizeof *cs);
}

int pp_columns_find(const pp_columnset *cs, pp_colkind k, const char *key)
{
    for (int i = 0; i < cs->ncols; i++) {
        if (cs->cols[i].content != k) continue;
        if (k == PP_COL_EXTRA && (!key || !cs->cols[i].key || strcmp(key, cs->cols[i].key) != 0)) continue;
        return i;
    }
    return -1;
}
