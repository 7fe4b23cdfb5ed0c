/* punct_check — half-width pause and stop marks between Chinese characters.
 * See punct_check.h. */
#include "punct_check.h"
#include "buf.h"
#include "linebreak.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

/* A text and where its pieces start in the source. */
typedef struct seg { size_t start; long line, col; } seg;

typedef struct text {
    pp_buf b;
    seg *seg;
    size_t nseg, cap;
} text;

static void add(text *t, const char *s, long line, long col)
{
    if (!s || !*s) return;
    PP_GROW(t->seg, t->cap, t->nseg + 1);
    t->seg[t->nseg++] = (seg){ t->b.len, line, col > 0 ? col : 1 };
    pp_buf_puts(&t->b, s);
}

/* The text nodes of an inline subtree, in order. */
static void add_inline(text *t, const pp_node *n)
{
    for (const pp_node *k = n->first; k; k = k->next) {
        if (k->type == PP_NODE_TEXT) add(t, k->text, k->line, k->col);
        else add_inline(t, k);
    }
}

static void release(text *t)
{
    pp_buf_release(&t->b);
    free(t->seg);
    memset(t, 0, sizeof *t);
}

static bool mark(uint32_t cp)
{
    return cp == ':' || cp == ';' || cp == ',' || cp == '.' || cp == '?' || cp == '!';
}

static bool white(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'; }

static const char *fullwidth(uint32_t cp)
{
    switch (cp) {
    case ':': return "：";
    case ';': return "；";
    case ',': return "，";
    case '.': return "。";
    case '?': return "？";
    default: return "！";
    }
}

/* Where byte `at` of the text is in the source. */
static void locate(const text *t, size_t at, long *line, long *col)
{
    size_t k = 0;
    while (k + 1 < t->nseg && t->seg[k + 1].start <= at) k++;
    *line = t->seg[k].line;
    *col = t->seg[k].col;
    const char *s = pp_buf_str(&t->b);
    for (size_t i = t->seg[k].start; i < at; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == '\n') { (*line)++; *col = 1; }
        else if ((b & 0xC0) != 0x80) (*col)++;
    }
}

/* The character before byte `i` that is not white space (0: none). */
/* The warning for mark cp at byte `at` of t, between Han characters prev and next. */
static void warn(const text *t, size_t at, uint32_t prev, uint32_t cp, uint32_t next, const char *file, pp_diag *d)
{
    char ctx[16] = { 0 }, m[2] = { (char)cp, 0 };
    size_t k = pp_utf8_encode(prev, ctx);
    ctx[k++] = (char)cp;
    pp_utf8_encode(next, ctx + k);
    long line, col;
    locate(t, at, &line, &col);
    pp_msg(d, PP_LOC(file, line, col), HALFWIDTH_PUNCT, m, ctx, fullwidth(cp));
}

static uint32_t before(const char *s, size_t i)
{
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
        uint32_t cp;
        pp_utf8_decode(s + j, i - j, &cp);
        if (!white(cp)) return cp;
        i = j;
    }
    return 0;
}

/* The character from byte `i` on that is not white space (0: none). */
static uint32_t after(const char *s, size_t len, size_t i)
{
    while (i < len) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, len - i, &cp);
        if (!white(cp)) return cp;
    }
    return 0;
}

/* Reports every Han, mark, Han in the text (white space between them ignored).
 * The marks are ASCII bytes, which never occur inside a UTF-8 sequence: the
 * bytes are scanned, and only around a mark are characters decoded. */
static void scan(const text *t, const char *file, pp_diag *d)
{
    const char *s = pp_buf_str(&t->b);
    size_t len = t->b.len;
    for (size_t at = 0; at < len; at++) {
        uint32_t cp = (unsigned char)s[at];
        if (!mark(cp)) continue;
        uint32_t prev = before(s, at);
        if (pp_lb_script(prev) != PP_SCRIPT_HAN) continue;
        uint32_t next = after(s, len, at + 1);
        if (!next || pp_lb_script(next) != PP_SCRIPT_HAN) continue;
        warn(t, at, prev, cp, next, file, d);
    }
}

/* An attribute's text (a title, a name), from where its value starts. */
static void scan_attr(const pp_node *n, const char *file, pp_diag *d)
{
    text t = { .b = PP_BUF_INIT };
    add(&t, n->text, n->text_line ? n->text_line : n->line, n->text_line ? n->text_col : n->col);
    scan(&t, file, d);
    release(&t);
}

/* The last (k = 1) or last but one (k = 2) character of a text that is not
 * white space, and its byte offset; 0 when there is none. */
static uint32_t from_end(const text *t, int k, size_t *at)
{
    const char *s = pp_buf_str(&t->b);
    size_t i = t->b.len;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
        uint32_t cp;
        pp_utf8_decode(s + j, i - j, &cp);
        i = j;
        if (white(cp)) continue;
        if (--k == 0) { *at = j; return cp; }
    }
    return 0;
}

/* Two parts printed as one paragraph -- a strategy's name and the first
 * paragraph of its description, a run-in heading and its first paragraph:
 * the mark that ends the first part sits between Chinese characters too. */
static void scan_joint(const text *first, const pp_node *para, const char *file, pp_diag *d)
{
    size_t at, at2;
    uint32_t m = from_end(first, 1, &at), before = from_end(first, 2, &at2);
    if (!mark(m) || pp_lb_script(before) != PP_SCRIPT_HAN) return;
    text t = { .b = PP_BUF_INIT };
    add_inline(&t, para);
    const char *s = pp_buf_str(&t.b);
    uint32_t next = 0;
    for (size_t i = 0; i < t.b.len;) {
        i += pp_utf8_decode(s + i, t.b.len - i, &next);
        if (!white(next)) break;
        next = 0;
    }
    if (next && pp_lb_script(next) == PP_SCRIPT_HAN) {
        warn(first, at, before, m, next, file, d);
    }
    release(&t);
}

static void walk(const pp_node *n, const char *file, pp_diag *d)
{
    for (const pp_node *x = n->first; x; x = x->next) {
        switch (x->type) {
        case PP_NODE_PARAGRAPH: case PP_NODE_NOTE: case PP_NODE_CAPTION: case PP_NODE_NAME: {
            text t = { .b = PP_BUF_INIT };
            add_inline(&t, x);
            scan(&t, file, d);
            if (x->type == PP_NODE_NAME) {
                const pp_node *desc = pp_node_child(x->parent, PP_NODE_DESC);
                if (desc && desc->first && desc->first->type == PP_NODE_PARAGRAPH) scan_joint(&t, desc->first, file, d);
            }
            release(&t);
            continue;               /* inline content only below */
        }
        case PP_NODE_SECTION:
            if (x->text) {
                text t = { .b = PP_BUF_INIT };
                add(&t, x->text, x->text_line ? x->text_line : x->line, x->text_line ? x->text_col : x->col);
                scan(&t, file, d);
                if (x->runin && x->first && x->first->type == PP_NODE_PARAGRAPH) scan_joint(&t, x->first, file, d);
                release(&t);
            }
            break;
        case PP_NODE_DIMENSION: case PP_NODE_GROUP: case PP_NODE_UNIT:
            if (x->text) scan_attr(x, file, d);
            break;
        default:
            break;
        }
        walk(x, file, d);
    }
}

void pp_punct_check(const pp_doc *doc, pp_diag *d)
{
    walk(doc->root, doc->file, d);
}
