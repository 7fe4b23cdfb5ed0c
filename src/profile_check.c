#include "profile_check.h"
#include "numbering.h"
#include "suggest.h"
#include "xalloc.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Whether `role` is one of the space-separated `roles`. */
static bool one_of(const char *roles, const char *role)
{
    size_t l = strlen(role);
    for (const char *p = roles; (p = strstr(p, role)); p += l)
        if ((p == roles || p[-1] == ' ') && (p[l] == 0 || p[l] == ' ')) return true;
    return false;
}

/* Does any section have one of the space-separated roles: by role= at any depth,
 * or, at the top without role=, by its title holding one of the role's words
 * (計畫依據, 執行策略 …, as the template's <roles> list them)? */
static bool has_role(const pp_template *t, const pp_node *n, const char *roles, bool top)
{
    for (const pp_node *x = n->first; x; x = x->next) {
        if (x->type != PP_NODE_SECTION) continue;
        const char *role = x->role ? x->role : top ? pp_template_role_of_title(t, x->text) : NULL;
        if (role && one_of(roles, role)) return true;
        if (has_role(t, x, roles, false)) return true;
    }
    return false;
}

static void check_roles(const pp_doc *doc, const pp_template *t, const pp_node *n, pp_diag *d)
{
    for (const pp_node *x = n->first; x; x = x->next) {
        if (x->type != PP_NODE_SECTION) continue;
        if (x->role && !pp_template_role(t, x->role)) {
            const char **names = pp_xmalloc(((size_t)t->nroles + 1) * sizeof *names);
            for (int i = 0; i < t->nroles; i++) names[i] = t->roles[i].name;
            const char *near = pp_suggest(x->role, names, (size_t)t->nroles);
            char list[1024];
            pp_suggest_list(list, sizeof list, names, (size_t)t->nroles);
            pp_loc at = PP_LOC(doc->file, x->line, x->col);
            pp_msg(d, at, UNKNOWN_ROLE, x->role, near ? ": did you mean '" : "", near ? near : "", near ? "'?" : "", list);
            free(names);
        }
        check_roles(doc, t, x, d);
    }
}

static void check_needs(const pp_doc *doc, const pp_template *t, const pp_profile *p, pp_diag *d)
{
    pp_loc at = PP_LOC(doc->file, doc->root->line, doc->root->col);
    for (int i = 0; i < p->nneeds; i++) {
        const pp_need *nd = &p->needs[i];
        if (has_role(t, doc->root, nd->roles, true)) continue;
        /* the first role is the one to write; the others count too */
        char first[64];
        size_t l = strcspn(nd->roles, " ");
        snprintf(first, sizeof first, "%.*s", (int)(l < 63 ? l : 63), nd->roles);
        if (nd->required) pp_msg(d, at, SECTION_MISSING, p->noun, nd->name, first);
        else pp_msg(d, at, SECTION_MISSING_WARN, p->noun, nd->name, first);
    }
}

static long date_key(const pp_issued *is) { return (long)is->y * 10000 + is->m * 100 + is->d; }

static void check_issued(const pp_doc *doc, const pp_profile *p, pp_diag *d)
{
    const pp_meta *m = &doc->meta;
    for (size_t i = 1; i < m->nissued; i++)
        if (m->issued[i].y && m->issued[i - 1].y && date_key(&m->issued[i]) < date_key(&m->issued[i - 1]))
            pp_msg(d, PP_LOC(doc->file, m->issued[i].line, m->issued[i].col), ISSUED_ORDER);
    if (!m->nissued || !m->year || !p->has_issued_years) return;
    const pp_issued *last = &m->issued[m->nissued - 1];
    if (!last->y) return;
    int roc = pp_roc_year(last->y);
    int lo = m->year + p->issued_lo, hi = m->year + p->issued_hi;
    if (roc >= lo && roc <= hi) return;
    pp_msg(d, PP_LOC(doc->file, last->line, last->col), ISSUED_YEAR,
           last->y, last->m, last->d, roc, m->year, p->noun, lo, hi);
}

const pp_profile *pp_profile_check(const pp_doc *doc, const pp_template *t, pp_diag *d)
{
    const pp_profile *p = pp_template_profile(t, doc->kind);
    if (!p) {
        const char **names = pp_xmalloc(((size_t)t->nprofiles + 1) * sizeof *names);
        for (int i = 0; i < t->nprofiles; i++) names[i] = t->profiles[i].kind;
        const char *near = pp_suggest(doc->kind, names, (size_t)t->nprofiles);
        char list[1024];
        pp_suggest_list(list, sizeof list, names, (size_t)t->nprofiles);
        pp_loc at = PP_LOC(doc->file, doc->kind_line, doc->kind_col);
        pp_msg(d, at, UNKNOWN_KIND, doc->kind, near ? ": did you mean '" : "", near ? near : "", near ? "'?" : "",
               t->name, list);
        free(names);
    }
    check_roles(doc, t, doc->root, d);
    if (!p) return NULL;
    check_needs(doc, t, p, d);
    check_issued(doc, p, d);
    return p;
}
