#include "import_text.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

static void put(pp_itext *t, uint32_t cp, bool em)
{
    if (t->n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        t->cp = pp_xrealloc(t->cp, cap * sizeof *t->cp);
        t->em = pp_xrealloc(t->em, cap);
        t->cap = cap;
    }
    t->cp[t->n] = cp;
    t->em[t->n] = em;
    t->n++;
}

static void put_utf8(pp_itext *t, const char *s, bool em)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, len - i, &cp);
        put(t, cp, em);
    }
}

static bool is_space(uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0; }
/* Han, kana, CJK and full-width punctuation, general punctuation (… “ ”): no spaces beside them. */
static bool wide(uint32_t c) { return c >= 0x2E80 || (c >= 0x2000 && c <= 0x206F); }

/* White space folded: runs become one space, none next to a wide character, none at the ends;
 * an ideographic space inside a line stays one. */
static void fold(pp_itext *t)
{
    size_t o = 0;
    for (size_t i = 0; i < t->n; i++) {
        uint32_t c = t->cp[i];
        if (is_space(c)) {
            size_t j = i;
            while (j < t->n && is_space(t->cp[j])) j++;
            /* an ideographic space typed between words (表一　衡量指標) is the author's,
             * unless the run holds a line end (a hand-wrapped line's indent) */
            bool ideo = false, eol = false;
            for (size_t k = i; k < j; k++) { ideo |= t->cp[k] == 0x3000; eol |= t->cp[k] == '\n' || t->cp[k] == '\r'; }
            bool inside = o > 0 && j < t->n;
            if (inside && ideo && !eol) { t->cp[o] = 0x3000; t->em[o] = t->em[i] && t->em[o - 1]; o++; }
            else if (inside && !wide(t->cp[o - 1]) && !wide(t->cp[j])) { t->cp[o] = ' '; t->em[o] = t->em[i] && t->em[o - 1]; o++; }
            i = j - 1;
            continue;
        }
        t->cp[o] = c;
        t->em[o] = t->em[i];
        o++;
    }
    t->n = o;
}

void pp_itext_append(pp_itext *a, const pp_itext *b, bool space)
{
    if (space) put(a, ' ', false);
    for (size_t k = 0; k < b->n; k++) put(a, b->cp[k], b->em[k]);
    fold(a);
}

char *pp_itext_utf8(const pp_itext *t, size_t from)
{
    char *s = pp_xmalloc((t->n > from ? t->n - from : 0) * 4 + 1);
    size_t o = 0;
    for (size_t i = from; i < t->n; i++) o += pp_utf8_encode(t->cp[i], s + o);
    s[o] = 0;
    return s;
}

static bool starts_note(const pp_itext *t)
{
    /* 註： 註1： 註一： 備註： 附註： */
    size_t i = 0;
    if (t->n >= 1 && (t->cp[0] == 0x5099 || t->cp[0] == 0x9644)) i = 1;   /* 備 附 */
    if (i >= t->n || t->cp[i] != 0x8A3B) return false;                  /* 註 */
    i++;
    while (i < t->n && i < 5 && ((t->cp[i] >= '0' && t->cp[i] <= '9') || t->cp[i] == 0x4E00 || t->cp[i] == 0x4E8C ||
                                 t->cp[i] == 0x4E09 || t->cp[i] == 0x56DB || t->cp[i] == 0x4E94)) i++;
    return i < t->n && (t->cp[i] == 0xFF1A || t->cp[i] == ':');
}

void pp_itext_relabel(pp_itext *t)
{
    t->note = starts_note(t) || (t->src && t->src->note);
    if (t->automatic) return;
    t->labelled = false;
    memset(&t->label, 0, sizeof t->label);
    size_t k = t->n < 64 ? t->n : 64;
    pp_itext head = { t->cp, t->em, k, k, NULL, false, false, { 0 }, false, false, false };
    char *s = pp_itext_utf8(&head, 0);
    pp_label l;
    if (pp_label_scan(s, strlen(s), &l)) { t->label = l; t->labelled = true; }
    free(s);
}

size_t pp_itext_label_chars(const pp_itext *t)
{
    if (!t->labelled || t->automatic) return 0;
    size_t chars = 0, bytes = 0;
    char buf[4];
    while (chars < t->n && bytes < t->label.len) bytes += pp_utf8_encode(t->cp[chars++], buf);
    return chars;
}

void pp_itext_drop(pp_itext *t, size_t k)
{
    if (k > t->n) k = t->n;
    while (k < t->n && is_space(t->cp[k])) k++;
    memmove(t->cp, t->cp + k, (t->n - k) * sizeof *t->cp);
    memmove(t->em, t->em + k, t->n - k);
    t->n -= k;
}


static void finish(pp_itexts *out, pp_itext *t)
{
    fold(t);
    if (!t->n) { pp_itext_release(t); return; }
    pp_itext_relabel(t);
    PP_GROW(out->v, out->cap, out->n + 1);
    out->v[out->n++] = *t;
}

void pp_itext_lines(pp_itexts *out, const pp_imp_para *p, pp_itext_mode mode)
{
    pp_itext cur = { .src = p };
    /* the automatic label: read by the label scanner, or typed in as text when it prints something else */
    if (p->autolabel) {
        pp_label l;
        if (pp_label_scan(p->autolabel, strlen(p->autolabel), &l)) {
            cur.label = l;
            cur.labelled = cur.automatic = true;
        } else {
            put_utf8(&cur, p->autolabel, false);
        }
    } else if (p->bullet) {
        cur.bullet = true;
    }
    for (size_t i = 0; i <= p->nspans; i++) {
        if (i < p->nspans && p->spans[i].kind == PP_IMP_TEXT) { put_utf8(&cur, p->spans[i].text, p->spans[i].em); continue; }
        if (i == p->nspans) break;
        /* a line break: the next line is read on its own first */
        pp_itext line = { .src = p };
        size_t j = i + 1;
        for (; j < p->nspans && p->spans[j].kind == PP_IMP_TEXT; j++) put_utf8(&line, p->spans[j].text, p->spans[j].em);
        fold(&line);
        pp_itext_relabel(&line);
        bool alone = mode == PP_IT_UNITS || line.labelled || line.note;
        if (alone) {
            finish(out, &cur);      /* (a blank line before it is dropped there) */
            cur = line;
        } else {
            put(&cur, ' ', false);
            for (size_t k = 0; k < line.n; k++) put(&cur, line.cp[k], line.em[k]);
            pp_itext_release(&line);
        }
        i = j - 1;
    }
    finish(out, &cur);
}

double pp_itext_width(const pp_itext *t)
{
    double w = 0;
    for (size_t i = 0; i < t->n; i++) w += wide(t->cp[i]) ? 1.0 : 0.5;
    return w;
}

uint32_t pp_itext_last(const pp_itext *t)
{
    for (size_t i = t->n; i-- > 0;) if (!is_space(t->cp[i])) return t->cp[i];
    return 0;
}

bool pp_itext_terminal(uint32_t c)
{
    switch (c) {
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B: case 0xFF1A:   /* 。！？；： */
    case ':': case ';': case '!': case '?': case 0x300D: case 0x300F:  /* 」』 */
        return true;
    default:
        return false;
    }
}

/* Brackets opened and not closed in t: a line ending inside one runs on. */
static int open_brackets(const pp_itext *t)
{
    int depth = 0;
    for (size_t i = 0; i < t->n; i++) {
        uint32_t c = t->cp[i];
        if (c == 0x300C || c == 0x300E || c == 0xFF08 || c == '(') depth++;
        else if ((c == 0x300D || c == 0x300F || c == 0xFF09 || c == ')') && depth > 0) depth--;
    }
    return depth;
}

/* Did hand wrapping cut a before b? */
static bool joinable(const pp_itext *a, const pp_itext *b, pp_itext_mode mode)
{
    if (mode == PP_IT_UNITS) return false;
    if (b->labelled || b->bullet || b->note || b->gap) return false;
    if (a->src && (a->src->center || a->src->heading)) return false;
    if (b->src && (b->src->center || b->src->heading)) return false;
    uint32_t last = pp_itext_last(a);
    if (!last) return false;
    /* body text: a clause ending ； runs on, and a closing quote ends a paragraph
     * only after a sentence's end (「…。」) */
    bool runs_on = mode == PP_IT_BODY && (last == 0xFF1B || last == ';');
    if (last == 0x300D || last == 0x300F) {
        size_t k = a->n;
        while (k > 0 && a->cp[k - 1] != last) k--;
        uint32_t before = k >= 2 ? a->cp[k - 2] : 0;
        runs_on = !(before == 0x3002 || before == 0xFF01 || before == 0xFF1F);
    }
    if (pp_itext_terminal(last) && !runs_on) return false;
    if (mode == PP_IT_CELL) return last == 0xFF0C || last == 0x3001 || last == ',' || open_brackets(a) > 0;
    /* a labelled line is a heading unless it ran to the end of a full line */
    if (a->labelled) return pp_itext_width(a) >= 20 || open_brackets(a) > 0;
    return true;
}

void pp_itext_join(pp_itexts *out, size_t from, pp_itext_mode mode)
{
    size_t o = from;
    for (size_t i = from; i < out->n; i++) {
        if (o > from && joinable(&out->v[o - 1], &out->v[i], mode)) {
            pp_itext_append(&out->v[o - 1], &out->v[i], true);
            pp_itext_release(&out->v[i]);
            continue;
        }
        out->v[o++] = out->v[i];
    }
    out->n = o;
}

size_t pp_itext_find(const pp_itext *t, uint32_t c, size_t from)
{
    for (size_t i = from; i < t->n; i++) if (t->cp[i] == c) return i;
    return (size_t)-1;
}

pp_itext pp_itext_split(pp_itext *t, size_t k)
{
    pp_itext r = { .src = t->src };
    for (size_t i = k; i < t->n; i++) put(&r, t->cp[i], t->em[i]);
    if (k < t->n) t->n = k;
    fold(&r);
    fold(t);
    r.automatic = false;
    pp_itext_relabel(&r);
    return r;
}

static void add_run(pp_node *parent, const pp_itext *t, size_t a, size_t b, bool em)
{
    if (a >= b) return;
    pp_itext piece = { t->cp + a, t->em + a, b - a, b - a, NULL, false, false, { 0 }, false, false, false };
    pp_node *txt = pp_node_new(PP_NODE_TEXT, 0, 0);
    txt->text = pp_itext_utf8(&piece, 0);
    if (!em) { pp_node_append(parent, txt); return; }
    pp_node *e = pp_node_new(PP_NODE_EM, 0, 0);
    pp_node_append(parent, e);
    pp_node_append(e, txt);
}

void pp_itext_inline(const pp_itext *t, size_t from, size_t to, pp_node *parent)
{
    if (to > t->n) to = t->n;
    bool all = true, any = false;
    for (size_t i = from; i < to; i++) {
        if (is_space(t->cp[i])) continue;
        if (t->em[i]) any = true; else all = false;
    }
    bool use = any && !all;
    for (size_t start = from; start < to;) {
        bool e = use && t->em[start];
        size_t i = start + 1;
        while (i < to && (use && t->em[i]) == e) i++;
        add_run(parent, t, start, i, e);
        start = i;
    }
}

void pp_itext_release(pp_itext *t)
{
    free(t->cp);
    free(t->em);
    t->cp = NULL;
    t->em = NULL;
    t->n = t->cap = 0;
}

void pp_itexts_release(pp_itexts *v)
{
    for (size_t i = 0; i < v->n; i++) pp_itext_release(&v->v[i]);
    free(v->v);
    memset(v, 0, sizeof *v);
}
