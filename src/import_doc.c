#include "import_doc.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pp_imp_block *block_add(pp_imp_blocks *b)
{
    PP_GROW(b->v, b->cap, b->n + 1);
    pp_imp_block *k = &b->v[b->n++];
    memset(k, 0, sizeof *k);
    return k;
}

pp_imp_para *pp_imp_para_add(pp_imp_blocks *blocks)
{
    pp_imp_para *p = pp_xcalloc(1, sizeof *p);
    p->autolevel = -1;
    p->margin_pt = -1;
    block_add(blocks)->para = p;
    return p;
}

void pp_imp_para_text(pp_imp_para *p, const char *text, size_t len, bool em)
{
    if (!len) return;
    pp_imp_span *last = p->nspans ? &p->spans[p->nspans - 1] : NULL;
    if (last && last->kind == PP_IMP_TEXT && last->em == em) {   /* runs of one look merge */
        size_t l = strlen(last->text);
        last->text = pp_xrealloc(last->text, l + len + 1);
        memcpy(last->text + l, text, len);
        last->text[l + len] = 0;
        return;
    }
    PP_GROW(p->spans, p->capspans, p->nspans + 1);
    p->spans[p->nspans++] = (pp_imp_span){ PP_IMP_TEXT, em, pp_xstrndup(text, len) };
}

void pp_imp_para_break(pp_imp_para *p)
{
    PP_GROW(p->spans, p->capspans, p->nspans + 1);
    p->spans[p->nspans++] = (pp_imp_span){ PP_IMP_BREAK, false, NULL };
}

char *pp_imp_para_plain(const pp_imp_para *p)
{
    size_t len = 0;
    for (size_t i = 0; i < p->nspans; i++) len += p->spans[i].text ? strlen(p->spans[i].text) : 1;
    char *s = pp_xmalloc(len + 1), *o = s;
    for (size_t i = 0; i < p->nspans; i++) {
        if (p->spans[i].kind == PP_IMP_BREAK) { *o++ = '\n'; continue; }
        size_t l = strlen(p->spans[i].text);
        memcpy(o, p->spans[i].text, l);
        o += l;
    }
    *o = 0;
    return s;
}

bool pp_imp_para_blank(const pp_imp_para *p)
{
    for (size_t i = 0; i < p->nspans; i++) {
        const char *t = p->spans[i].text;
        if (!t) continue;
        size_t len = strlen(t);
        for (size_t k = 0; k < len;) {
            uint32_t cp;
            k += pp_utf8_decode(t + k, len - k, &cp);
            if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r' && cp != 0x3000 && cp != 0xA0) return false;
        }
    }
    return true;
}

pp_imp_table *pp_imp_table_add(pp_imp_blocks *blocks)
{
    pp_imp_table *t = pp_xcalloc(1, sizeof *t);
    block_add(blocks)->table = t;
    return t;
}

pp_imp_row *pp_imp_row_add(pp_imp_table *t)
{
    PP_GROW(t->rows, t->caprows, t->nrows + 1);
    pp_imp_row *r = &t->rows[t->nrows++];
    memset(r, 0, sizeof *r);
    return r;
}

pp_imp_cell *pp_imp_cell_add(pp_imp_row *r, int col, int colspan)
{
    PP_GROW(r->cells, r->capcells, r->ncells + 1);
    pp_imp_cell *c = &r->cells[r->ncells++];
    memset(c, 0, sizeof *c);
    c->col = col;
    c->colspan = colspan > 0 ? colspan : 1;
    c->rowspan = 1;
    return c;
}

static void para_free(pp_imp_para *p)
{
    for (size_t i = 0; i < p->nspans; i++) free(p->spans[i].text);
    free(p->spans);
    free(p->autolabel);
    free(p);
}

static void table_free(pp_imp_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->rows[r].ncells; c++) pp_imp_blocks_release(&t->rows[r].cells[c].blocks);
        free(t->rows[r].cells);
    }
    free(t->rows);
    free(t->widths);
    free(t);
}

void pp_imp_blocks_release(pp_imp_blocks *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->v[i].para) para_free(b->v[i].para);
        if (b->v[i].table) table_free(b->v[i].table);
    }
    free(b->v);
    memset(b, 0, sizeof *b);
}

void pp_imp_doc_free(pp_imp_doc *d)
{
    if (!d) return;
    pp_imp_blocks_release(&d->body);
    free(d->lang);
    free(d->creator);
    free(d->kind);
    free(d->roles);
    free(d->template_path);
    free(d);
}

void pp_imp_where(char *buf, size_t cap, const pp_imp_para *p, const char *text)
{
    enum { WORDS = 12 };
    int n;
    if (p->table) n = snprintf(buf, cap, "table %d, row %d, column %d", p->table, p->row, p->col);
    else n = snprintf(buf, cap, "paragraph %ld", p->no);
    if (n < 0 || (size_t)n >= cap || !text) return;
    /* the first words: white space folded, cut after WORDS characters */
    size_t o = (size_t)n, len = strlen(text), chars = 0;
    const char *open = " 「";
    if (o + strlen(open) + 1 >= cap) return;
    memcpy(buf + o, open, strlen(open));
    o += strlen(open);
    bool space = false, any = false;
    for (size_t i = 0; i < len && chars < WORDS;) {
        uint32_t cp;
        size_t k = pp_utf8_decode(text + i, len - i, &cp);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000) { space = any; i += k; continue; }
        if (space) { if (o + 2 >= cap) break; buf[o++] = ' '; space = false; }
        if (o + k + 1 >= cap) break;
        memcpy(buf + o, text + i, k);
        o += k;
        i += k;
        chars++;
        any = true;
    }
    const char *tail = chars >= WORDS ? "…」" : "」";
    if (o + strlen(tail) + 1 < cap) { memcpy(buf + o, tail, strlen(tail)); o += strlen(tail); }
    buf[o] = 0;
}
