#include "dump.h"
#include "template.h"
#include "utf8.h"
#include <string.h>

static const char *const node_names[] = {
    "document", "section", "p", "note", "list", "item", "table", "caption", "head", "row", "cell",
    "strategies", "dimension", "group", "strategy", "sub", "name", "desc", "units", "unit",
    "actions", "results", "text", "em", "br", "toc", "columns", "column", "extra" };

/* Text on one line: newlines shown as \n, so each node stays one line of the dump. */
static void put_escaped(const char *s, FILE *out)
{
    for (; *s; s++) {
        if (*s == '\n') fputs("\\n", out);
        else fputc(*s, out);
    }
}

void pp_dump_model(const pp_doc *doc, FILE *out)
{
    fprintf(out, "document kind=%s lang=%s\n", doc->kind, doc->lang ? doc->lang : "");
    const pp_meta *m = &doc->meta;
    if (m->banner) fprintf(out, "  banner %s\n", m->banner);
    if (m->annex) fprintf(out, "  annex %s\n", m->annex);
    if (m->agency) fprintf(out, "  agency %s%s%s\n", m->agency, m->parent ? " parent=" : "", m->parent ? m->parent : "");
    if (m->year) fprintf(out, "  year %d\n", m->year);
    if (m->title) { fputs("  title ", out); put_escaped(m->title, out); fputc('\n', out); }
    for (size_t i = 0; i < m->nissued; i++)
        fprintf(out, "  issued %04d-%02d-%02d %s\n", m->issued[i].y, m->issued[i].m, m->issued[i].d, m->issued[i].text);
    for (size_t i = 0; i < m->ntitle_lines; i++) {
        fprintf(out, "  line %s ", pp_textstyle_name(m->title_styles[i]));
        put_escaped(m->title_lines[i], out);
        fputc('\n', out);
    }
    /* depth-first without recursion: a deep document cannot exhaust the stack */
    const pp_node *n = doc->root ? doc->root->first : NULL;
    int depth = 1;
    while (n) {
        for (int i = 0; i < depth; i++) fputs("  ", out);
        fputs((unsigned)n->type < sizeof node_names / sizeof node_names[0] ? node_names[n->type] : "?", out);
        fprintf(out, " @%ld:%ld", n->line, n->col);
        if (n->label) fprintf(out, " [%s]", n->label);
        if (n->role) fprintf(out, " role=%s", n->role);
        if (n->unnumbered) fputs(" unnumbered", out);
        if (n->landscape) fputs(" landscape", out);
        if (n->runin) fputs(" runin", out);
        if (n->type == PP_NODE_CELL && (n->rowspan > 1 || n->colspan > 1)) fprintf(out, " span=%dx%d", n->rowspan, n->colspan);
        if (n->score) fprintf(out, " score=%ld", n->score);
        if (n->text) { fputs(" \"", out); put_escaped(n->text, out); fputc('"', out); }
        fputc('\n', out);
        if (n->first) { n = n->first; depth++; continue; }
        while (n && !n->next && depth > 1) { n = n->parent; depth--; }
        n = n && depth >= 1 ? n->next : NULL;
    }
}

static const char *const role_names[] = { "title", "issued", "h1", "h2", "h3", "caption", "p", "li", "note", "td", "th", "toci" };

static void put_cps(const uint32_t *cps, size_t n, FILE *out)
{
    char buf[4];
    for (size_t i = 0; i < n; i++) fwrite(buf, 1, pp_utf8_encode(cps[i], buf), out);
}

static void dump_para(const pp_para *p, const char *pre, FILE *out)
{
    fprintf(out, "%s%s", pre, role_names[p->role]);
    if (p->nindent) {
        fputs(" indent=", out);
        for (int i = 0; i < p->nindent; i++) fputs(p->indent[i], out);
    }
    if (p->label) fprintf(out, " [%s]", p->label);
    fputs(" ", out);
    put_cps(p->cps, p->n, out);
    fputc('\n', out);
}

void pp_dump_blocks(const pp_blocks *b, FILE *out)
{
    for (size_t i = 0; i < b->n; i++) {
        const pp_block *bl = &b->v[i];
        if (bl->type == PP_BLOCK_PARA) { dump_para(&bl->para, "", out); continue; }
        const pp_table *t = &bl->table;
        fprintf(out, "table %d cols x %d rows (%d head) widths", t->ncols, t->nrows, t->nhead);
        for (int c = 0; c < t->ncols; c++) fprintf(out, " %.2f", t->widths[c]);
        fputc('\n', out);
        for (size_t k = 0; k < t->ncells; k++) {
            const pp_cell *c = &t->cells[k];
            fprintf(out, "  cell r%d c%d", c->row, c->col);
            if (c->rowspan > 1) fprintf(out, " rowspan=%d", c->rowspan);
            if (c->colspan > 1) fprintf(out, " colspan=%d", c->colspan);
            fputc('\n', out);
            for (size_t j = 0; j < c->npara; j++) dump_para(&c->paras[j], "    ", out);
        }
    }
}

void pp_dump_pages(const pp_pages *p, FILE *out)
{
    for (size_t i = 0; i < p->n; i++) {
        const pp_page *pg = &p->v[i];
        fprintf(out, "page %zu: %zu runs, %zu rules\n", i + 1, pg->nruns, pg->nrules);
        for (size_t k = 0; k < pg->nruns; k++) {
            const pp_run *r = &pg->runs[k];
            fprintf(out, "  %6.1f %6.1f %s%s %s\n", r->x, r->y, role_names[r->role], r->artifact ? "*" : "",
                    r->text);
        }
    }
}
