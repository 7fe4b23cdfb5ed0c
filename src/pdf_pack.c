/* pdf_pack.c — see pdf_pack.h.
 *
 * What libharu 2.3.0 writes (hpdf_doc.c, hpdf_xref.c, hpdf_dict.c), and so the only
 * shape accepted here:
 *   %PDF-1.x\n%<4 bytes>\n                  header, up to object 1
 *   N 0 obj\n VALUE \nendobj\n               objects 1..n-1, in number order
 *     a stream's VALUE: DICT \nstream\r\n DATA \nendstream, with /Length M 0 R, an
 *     integer object written after it
 *   xref\n0 n\n + n entries of 20 bytes      entry 0 free, the others in use, gen 0
 *   trailer\n DICT \nstartxref\n OFFSET \n%%EOF\n
 * Objects are cut at the xref offsets (strictly increasing), values by a small
 * tokenizer that knows PDF's delimiters, strings and nesting; stream data is never
 * tokenized. Every check that fails names what was wrong in *why.
 *
 * Output: the header; the page tree root as libharu wrote it (batch.c reads its
 * /Count from the first 64 KB); the object streams; the stream objects in number
 * order; the late streams; the cross-reference stream.
 *
 * One object stream of up to 1000 objects, deflated at level 6 like the other
 * streams: the measurements behind both are in bench/README.md. */
#define _POSIX_C_SOURCE 200809L
#include "pdf_pack.h"
#include "pdf_zpool.h"
#include "xalloc.h"
#include <libdeflate.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const pp_pack_opts pp_pack_defaults = { .level = 6, .per_objstm = 1000 };

/* ---- output ------------------------------------------------------------------------ */

typedef struct buf { unsigned char *p; size_t len, cap; } buf;

static void reserve(buf *b, size_t n)
{
    if (b->len + n <= b->cap) return;
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->len + n) cap *= 2;
    b->p = pp_xrealloc(b->p, cap);
    b->cap = cap;
}

static void put(buf *b, const void *s, size_t n)
{
    if (!n) return;
    reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void put_str(buf *b, const char *s) { put(b, s, strlen(s)); }

/* v in decimal into t (20 bytes, no terminator); returns the length. */
static size_t utoa(char *t, size_t v)
{
    char r[20];
    size_t n = 0;
    do { r[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    for (size_t i = 0; i < n; i++) t[i] = r[n - 1 - i];
    return n;
}

static void put_uint(buf *b, size_t v)
{
    char t[20];
    put(b, t, utoa(t, v));
}

/* ---- tokens ------------------------------------------------------------------------- */

typedef enum { TK_END, TK_ERR, TK_NAME, TK_WORD, TK_STR, TK_HEX, TK_DOPEN, TK_DCLOSE, TK_AOPEN, TK_ACLOSE } tk_type;
typedef struct tk { tk_type t; size_t s, e; } tk;

/* Byte classes of PDF's lexer: white space, delimiters, the rest ("regular"). */
enum { C_REG = 0, C_WS = 1, C_DELIM = 2 };
static const unsigned char cls[256] = {
    [0] = C_WS, [9] = C_WS, [10] = C_WS, [12] = C_WS, [13] = C_WS, [32] = C_WS,
    ['('] = C_DELIM, [')'] = C_DELIM, ['<'] = C_DELIM, ['>'] = C_DELIM, ['['] = C_DELIM,
    [']'] = C_DELIM, ['{'] = C_DELIM, ['}'] = C_DELIM, ['/'] = C_DELIM, ['%'] = C_DELIM,
};

static bool is_ws(unsigned char c) { return cls[c] == C_WS; }
static bool is_regular(unsigned char c) { return cls[c] == C_REG; }
static bool is_hex(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'f'); }

/* The next token of b[*pos..end). Comments, braces and unbalanced strings are errors:
 * libharu never writes them inside an object. */
static tk lex(const unsigned char *b, size_t *pos, size_t end)
{
    size_t i = *pos;
    while (i < end && is_ws(b[i])) i++;
    tk k = { TK_END, i, i };
    if (i >= end) { *pos = i; return k; }
    size_t j = i + 1;
    unsigned char c = b[i];
    if (c == '/' || is_regular(c)) {
        while (j < end && is_regular(b[j])) j++;
        k.t = c == '/' ? TK_NAME : TK_WORD;
    } else if (c == '(') {
        int depth = 1;
        while (j < end && depth) {
            if (b[j] == '\\') { if (++j >= end) break; }
            else if (b[j] == '(') depth++;
            else if (b[j] == ')') depth--;
            j++;
        }
        k.t = depth ? TK_ERR : TK_STR;
    } else if (c == '<' && j < end && b[j] == '<') {
        j++;
        k.t = TK_DOPEN;
    } else if (c == '<') {
        while (j < end && (is_hex(b[j]) || is_ws(b[j]))) j++;
        if (j < end && b[j] == '>') { j++; k.t = TK_HEX; }
        else k.t = TK_ERR;
    } else if (c == '>' && j < end && b[j] == '>') {
        j++;
        k.t = TK_DCLOSE;
    } else if (c == '[') {
        k.t = TK_AOPEN;
    } else if (c == ']') {
        k.t = TK_ACLOSE;
    } else {
        k.t = TK_ERR;
    }
    k.e = j;
    *pos = j;
    return k;
}

static bool tk_is(const unsigned char *b, tk k, const char *s)
{
    size_t n = strlen(s);
    return k.e - k.s == n && memcmp(b + k.s, s, n) == 0;
}

/* A non-negative integer of at most 18 digits; -1 otherwise. */
static long long tk_uint(const unsigned char *b, tk k)
{
    if (k.t != TK_WORD || k.e == k.s || k.e - k.s > 18) return -1;
    long long v = 0;
    for (size_t i = k.s; i < k.e; i++) {
        if (b[i] < '0' || b[i] > '9') return -1;
        v = v * 10 + (b[i] - '0');
    }
    return v;
}

enum { MAX_DEPTH = 64 };

/* Consumes one value at *pos; at the top level "n g R" is one value. *ref gets n for
 * a top-level reference, else -1. False on anything malformed. */
static bool skip_value(const unsigned char *b, size_t *pos, size_t end, long long *ref)
{
    tk_type stack[MAX_DEPTH];
    int depth = 0;
    if (ref) *ref = -1;
    do {
        tk k = lex(b, pos, end);
        switch (k.t) {
        case TK_END: case TK_ERR:
            return false;
        case TK_DOPEN: case TK_AOPEN:
            if (depth == MAX_DEPTH) return false;
            stack[depth++] = k.t;
            break;
        case TK_DCLOSE: case TK_ACLOSE:
            if (!depth || stack[depth - 1] != (k.t == TK_DCLOSE ? TK_DOPEN : TK_AOPEN)) return false;
            depth--;
            break;
        case TK_WORD:
            if (depth == 0 && tk_uint(b, k) >= 0) {
                size_t p = *pos;
                tk g = lex(b, &p, end), r = lex(b, &p, end);
                if (tk_uint(b, g) >= 0 && tk_is(b, r, "R")) {
                    *pos = p;
                    if (ref) *ref = tk_uint(b, k);
                }
            }
            break;
        default:
            break;
        }
    } while (depth > 0);
    return true;
}

/* ---- the document ------------------------------------------------------------------- */

/* What becomes of an object: K_PLAIN is the page tree root, kept as libharu wrote
 * it right after the header, because batch.c reads "/Type /Pages ... /Count N"
 * from a PDF's first 64 KB to list an up-to-date output without rendering it. */
enum { K_PACK, K_STREAM, K_DROP, K_PLAIN, K_LATE };

typedef struct obj {
    size_t vs, ve;          /* the value, or a stream's dict */
    size_t ds, de;          /* a stream's data */
    int kind;
    size_t where;           /* written: its offset; packed: its object stream; dropped: next free */
    size_t index;           /* packed: index in its object stream */
} obj;

typedef struct pack {
    const unsigned char *b;
    size_t len, n;          /* n = /Size: objects 0..n-1 */
    size_t head_len, xref;  /* the header (up to object 1); where the xref table is */
    size_t trailer_s, trailer_e;
    obj *o;
    const char *why;
    buf out;
    struct libdeflate_compressor *z;
    pp_pack_stats st;
} pack;

static bool fail(pack *p, const char *why)
{
    if (!p->why) p->why = why;
    return false;
}

static bool at(const pack *p, size_t pos, const char *s)
{
    size_t n = strlen(s);
    return pos <= p->len && p->len - pos >= n && memcmp(p->b + pos, s, n) == 0;
}

/* Digits at *pos up to `stop`; false when none, more than 18, or another byte. */
static bool read_uint(const pack *p, size_t *pos, char stop, size_t *v)
{
    size_t i = *pos, x = 0;
    while (i < p->len && p->b[i] >= '0' && p->b[i] <= '9' && i - *pos < 18) x = x * 10 + (size_t)(p->b[i++] - '0');
    if (i == *pos || i >= p->len || p->b[i] != stop) return false;
    *v = x;
    *pos = i + 1;
    return true;
}

/* Calls fn for each top-level entry of the dict at b[s..e): the key's token, the
 * value's span and, for a reference, its object number (else -1). */
typedef bool (*entry_fn)(pack *p, size_t self, tk key, size_t vs, size_t ve, long long ref, void *ctx);

static bool each_entry(pack *p, size_t self, size_t s, size_t e, entry_fn fn, void *ctx)
{
    size_t pos = s;
    if (lex(p->b, &pos, e).t != TK_DOPEN) return fail(p, "not a dictionary");
    for (;;) {
        tk key = lex(p->b, &pos, e);
        if (key.t == TK_DCLOSE) break;
        if (key.t != TK_NAME) return fail(p, "dictionary key is not a name");
        size_t vs = pos;
        long long ref;
        if (!skip_value(p->b, &pos, e, &ref)) return fail(p, "malformed dictionary value");
        if (!fn(p, self, key, vs, pos, ref, ctx)) return false;
    }
    return lex(p->b, &pos, e).t == TK_END || fail(p, "junk after a dictionary");
}

/* The tail, the xref table and the trailer; the object offsets go to p->o[i].vs. */
static bool parse_xref(pack *p)
{
    if (p->len < 64 || !at(p, 0, "%PDF-1.")) return fail(p, "no PDF header");
    if (p->b[7] < '5' || p->b[7] > '9') return fail(p, "object streams need PDF 1.5 or later");
    if (!at(p, p->len - 6, "%%EOF\012")) return fail(p, "no %%EOF at the end");
    size_t sx = p->len - 6;
    while (sx > p->len - 40 && !at(p, sx, "\012startxref\012")) sx--;
    if (!at(p, sx, "\012startxref\012")) return fail(p, "no startxref");
    size_t pos = sx + 11, xref, n;
    if (!read_uint(p, &pos, '\012', &xref) || pos != p->len - 6) return fail(p, "bad startxref");
    if (xref >= sx || !at(p, xref, "xref\0120 ")) return fail(p, "startxref does not point at an xref table");
    pos = xref + 7;
    if (!read_uint(p, &pos, '\012', &n) || n < 2) return fail(p, "bad xref subsection");
    if (pos > sx || n > (sx - pos) / 20) return fail(p, "xref table longer than the file");
    if (!at(p, pos, "0000000000 65535 f\015\012")) return fail(p, "bad xref entry 0");
    p->n = n;
    p->xref = xref;
    p->o = pp_xcalloc(n, sizeof *p->o);
    size_t prev = 0;
    for (size_t i = 1; i < n; i++) {
        const unsigned char *e = p->b + pos + 20 * i;
        size_t off = 0;
        for (int k = 0; k < 10; k++) {
            if (e[k] < '0' || e[k] > '9') return fail(p, "bad xref entry");
            off = off * 10 + (size_t)(e[k] - '0');
        }
        if (memcmp(e + 10, " 00000 n\015\012", 10) != 0) return fail(p, "xref entry not in use or not generation 0");
        if (off <= prev || off >= xref) return fail(p, "xref offsets out of order");
        p->o[i].vs = prev = off;
    }
    pos += 20 * n;
    if (!at(p, pos, "trailer\012")) return fail(p, "no trailer");
    p->trailer_s = pos + 8;
    pos = p->trailer_s;
    if (!skip_value(p->b, &pos, sx, NULL) || pos != sx) return fail(p, "bad trailer");
    p->trailer_e = pos;
    p->head_len = p->o[1].vs;
    if (p->head_len < 9 || p->head_len > 64) return fail(p, "bad header");
    return true;
}

typedef struct pages_probe { bool pages, parent; } pages_probe;

static bool probe_pages(pack *p, size_t self, tk key, size_t vs, size_t ve, long long ref, void *ctx)
{
    pages_probe *q = ctx;
    (void)self; (void)ref;
    size_t pos = vs;
    if (tk_is(p->b, key, "/Type") && tk_is(p->b, lex(p->b, &pos, ve), "/Pages")) q->pages = true;
    if (tk_is(p->b, key, "/Parent")) q->parent = true;
    return true;
}

/* Cuts every object into its value, or its dict and data. */
static bool parse_objects(pack *p)
{
    for (size_t i = 1; i < p->n; i++) {
        obj *o = &p->o[i];
        size_t start = o->vs, end = i + 1 < p->n ? p->o[i + 1].vs : p->xref;
        char head[32];
        size_t hl = utoa(head, i);
        memcpy(head + hl, " 0 obj\012", 8);
        if (!at(p, start, head)) return fail(p, "object not where the xref says");
        size_t vs = start + hl + 7;
        if (end < vs + 8 || !at(p, end - 8, "\012endobj\012")) return fail(p, "object without endobj");
        size_t ve = end - 8, pos = vs;
        if (!skip_value(p->b, &pos, ve, NULL)) return fail(p, "malformed object");
        o->vs = vs;
        o->ve = pos;
        if (at(p, pos, "\012stream\015\012") && ve - pos >= 19 && at(p, ve - 10, "\012endstream")) {
            if (!at(p, vs, "<<")) return fail(p, "stream without a dictionary");
            o->kind = K_STREAM;
            o->ds = pos + 9;
            o->de = ve - 10;
        } else {
            while (pos < ve && is_ws(p->b[pos])) pos++;
            if (pos != ve) return fail(p, "junk after an object");
            o->kind = K_PACK;
            pages_probe q = { false, false };
            if (at(p, vs, "<<") && !each_entry(p, i, vs, o->ve, probe_pages, &q)) return false;
            if (q.pages && !q.parent) o->kind = K_PLAIN;
        }
    }
    return true;
}

/* A stream's /Length: direct, or an integer object, which is then dropped. */
static bool check_length(pack *p, size_t self, tk key, size_t vs, size_t ve, long long ref, void *ctx)
{
    size_t *found = ctx;
    if (!tk_is(p->b, key, "/Length")) return true;
    size_t pos = vs;
    long long len;
    if (ref >= 0) {
        if (ref < 1 || (size_t)ref >= p->n || (size_t)ref == self) return fail(p, "stream /Length refers to no object");
        obj *l = &p->o[ref];
        if (l->kind != K_PACK) return fail(p, "stream /Length object is not an integer");
        pos = l->vs;
        len = tk_uint(p->b, lex(p->b, &pos, l->ve));
        if (lex(p->b, &pos, l->ve).t != TK_END) len = -1;
        l->kind = K_DROP;
        p->st.dropped++;
    } else {
        len = tk_uint(p->b, lex(p->b, &pos, ve));
    }
    const obj *o = &p->o[self];
    if (len < 0 || (size_t)len != o->de - o->ds) return fail(p, "stream /Length does not match its data");
    (*found)++;
    return true;
}

/* ---- writing ------------------------------------------------------------------------ */

/* Writes tokens with only the spaces PDF needs: between two tokens that would
 * otherwise run together (a name, number or keyword before a number or keyword).
 * Checks every reference "n 0 R" against the objects written. */
typedef struct emit {
    pack *p;
    buf *o;
    tk_type prev;
    long long w1, w2;       /* the last two tokens as integers (-1: not one) */
} emit;

static void emit_raw(emit *e, tk_type t, const void *s, size_t n)
{
    if ((e->prev == TK_NAME || e->prev == TK_WORD) && t == TK_WORD) put(e->o, " ", 1);
    put(e->o, s, n);
    e->prev = t;
    e->w1 = e->w2 = -1;
}

static bool emit_span(emit *e, size_t s, size_t end)
{
    const unsigned char *b = e->p->b;
    size_t pos = s;
    for (;;) {
        tk k = lex(b, &pos, end);
        if (k.t == TK_END) return true;
        if (k.t == TK_ERR) return fail(e->p, "malformed token");
        long long w1 = e->w2, w2 = tk_uint(b, k), ref = e->w1;
        if (k.t == TK_WORD && tk_is(b, k, "R") && e->w1 >= 0 && e->w2 >= 0) {
            if (e->w2 != 0 || ref == 0 || (size_t)ref >= e->p->n || e->p->o[ref].kind == K_DROP)
                return fail(e->p, "reference to a missing object");
        }
        emit_raw(e, k.t, b + k.s, k.e - k.s);
        e->w1 = w1;
        e->w2 = w2;
    }
}

static bool deflate_into(pack *p, buf *o, const unsigned char *data, size_t n)
{
    size_t cap = libdeflate_zlib_compress_bound(p->z, n);
    reserve(o, cap);
    size_t z = libdeflate_zlib_compress(p->z, data, n, o->p + o->len, cap);
    o->len += z;
    return z > 0 || fail(p, "deflate failed");
}

typedef struct sdict {
    emit *e;
    bool filtered, metadata;
    const char *skip;       /* a key not to copy (set anew), or NULL */
} sdict;

static bool scan_stream_dict(pack *p, size_t self, tk key, size_t vs, size_t ve, long long ref, void *ctx)
{
    sdict *d = ctx;
    (void)self; (void)ref;
    if (tk_is(p->b, key, "/Filter") || tk_is(p->b, key, "/DecodeParms")) d->filtered = true;
    if (tk_is(p->b, key, "/Type") || tk_is(p->b, key, "/Subtype")) {
        size_t pos = vs;
        tk v = lex(p->b, &pos, ve);
        if (tk_is(p->b, v, "/Metadata") || tk_is(p->b, v, "/XML")) d->metadata = true;
    }
    return true;
}

static bool copy_entry(pack *p, size_t self, tk key, size_t vs, size_t ve, long long ref, void *ctx)
{
    sdict *d = ctx;
    (void)self; (void)ref;
    if (tk_is(p->b, key, "/Length") || (d->skip && tk_is(p->b, key, d->skip))) return true;
    emit_raw(d->e, TK_NAME, p->b + key.s, key.e - key.s);
    return emit_span(d->e, vs, ve);
}

/* One stream object, its dict rewritten with a direct /Length (and /Filter when
 * deflated here: every stream libharu left raw but XMP metadata); a late one with
 * the data and entry it was given. */
static bool write_stream(pack *p, size_t i, buf *tmp, const pp_pack_late *late)
{
    obj *o = &p->o[i];
    buf *out = &p->out;
    emit e = { p, out, TK_END, -1, -1 };
    sdict d = { &e, false, false, late ? late->set_key : NULL };
    if (!each_entry(p, i, o->vs, o->ve, scan_stream_dict, &d)) return false;
    const unsigned char *data = late ? late->data : p->b + o->ds;
    size_t n = late ? late->len : o->de - o->ds;
    bool deflated = false;
    if (!late && !d.filtered && !d.metadata && n > 0) {
        tmp->len = 0;
        if (!deflate_into(p, tmp, data, n)) return false;
        if (tmp->len + 20 < n) {   /* "/Filter/FlateDecode" must pay for itself */
            data = tmp->p;
            n = tmp->len;
            deflated = true;
            p->st.deflated++;
        }
    }
    if (n && !data) return fail(p, "late stream without data");
    o->where = out->len;
    put_uint(out, i);
    put_str(out, " 0 obj\012<</Length ");
    put_uint(out, n);
    if (deflated) put_str(out, "/Filter/FlateDecode");
    if (d.skip) {
        put_str(out, d.skip);
        put(out, " ", 1);
        put_uint(out, late->set_value < 0 ? 0 : (size_t)late->set_value);
    }
    e.prev = TK_WORD;
    if (!each_entry(p, i, o->vs, o->ve, copy_entry, &d)) return false;
    put_str(out, ">>stream\012");
    put(out, data, n);
    put_str(out, "\012endstream\012endobj\012");
    return true;
}

/* An object as libharu wrote it (its references checked all the same). */
static bool write_plain(pack *p, size_t i, buf *tmp)
{
    obj *o = &p->o[i];
    tmp->len = 0;
    emit e = { p, tmp, TK_END, -1, -1 };
    if (!emit_span(&e, o->vs, o->ve)) return false;
    o->where = p->out.len;
    put_uint(&p->out, i);
    put_str(&p->out, " 0 obj\012");
    put(&p->out, p->b + o->vs, o->ve - o->vs);
    put_str(&p->out, "\012endobj\012");
    return true;
}

/* Object streams of up to `per` objects each, numbered from p->n on; their offsets
 * go to off[]. */
static bool write_objstms(pack *p, unsigned per, size_t *off)
{
    buf head = { 0 }, body = { 0 }, z = { 0 };
    size_t i = 1, stm = 0;
    bool ok = true;
    for (;;) {
        while (i < p->n && p->o[i].kind != K_PACK) i++;
        if (i >= p->n) break;
        head.len = body.len = z.len = 0;
        size_t count = 0;
        for (; i < p->n && count < per && ok; i++) {
            obj *o = &p->o[i];
            if (o->kind != K_PACK) continue;
            if (count) {
                put(&head, " ", 1);
                put(&body, "\012", 1);
            }
            put_uint(&head, i);
            put(&head, " ", 1);
            put_uint(&head, body.len);
            emit e = { p, &body, TK_END, -1, -1 };
            ok = emit_span(&e, o->vs, o->ve);
            o->where = p->n + stm;
            o->index = count++;
        }
        if (!ok) break;
        put(&head, "\012", 1);
        size_t first = head.len;
        put(&head, body.p, body.len);
        if (!(ok = deflate_into(p, &z, head.p, head.len))) break;
        buf *out = &p->out;
        off[stm] = out->len;
        put_uint(out, p->n + stm);
        put_str(out, " 0 obj\012<</Type/ObjStm/N ");
        put_uint(out, count);
        put_str(out, "/First ");
        put_uint(out, first);
        put_str(out, "/Filter/FlateDecode/Length ");
        put_uint(out, z.len);
        put_str(out, ">>stream\012");
        put(out, z.p, z.len);
        put_str(out, "\012endstream\012endobj\012");
        stm++;
        p->st.packed += count;
    }
    free(head.p);
    free(body.p);
    free(z.p);
    p->st.objstms = stm;
    return ok;
}

typedef struct trailer { size_t root_s, root_e, info_s, info_e, id_s, id_e; } trailer;

static bool scan_trailer(pack *p, size_t self, tk key, size_t vs, size_t ve, long long ref, void *ctx)
{
    trailer *t = ctx;
    (void)self;
    if (tk_is(p->b, key, "/Root") && ref > 0) { t->root_s = vs; t->root_e = ve; }
    else if (tk_is(p->b, key, "/Info") && ref > 0) { t->info_s = vs; t->info_e = ve; }
    else if (tk_is(p->b, key, "/ID")) { t->id_s = vs; t->id_e = ve; }
    else if (tk_is(p->b, key, "/Size")) {
        size_t pos = vs;
        if (tk_uint(p->b, lex(p->b, &pos, ve)) != (long long)p->n) return fail(p, "trailer /Size is not the xref's");
    } else {
        return fail(p, "trailer entry not written by libharu (encrypted or updated file?)");
    }
    return true;
}

static unsigned bytes_for(size_t v)
{
    unsigned n = 1;
    while (n < 8 && (v >> (8 * n))) n++;
    return n;
}

static void put_be(unsigned char *d, size_t v, unsigned w)
{
    for (unsigned k = 0; k < w; k++) d[k] = (unsigned char)(v >> (8 * (w - 1 - k)));
}

/* The cross-reference stream, object number p->n + nstm, and the file's tail. Rows
 * are type | offset, object stream or next free | generation or index, with the
 * PNG Up predictor (each byte minus the one above: the columns barely change). */
static bool write_xref(pack *p, const trailer *t, const size_t *stm_off, size_t nstm)
{
    buf *out = &p->out;
    size_t self = p->n + nstm, size = self + 1, at_xref = out->len;
    size_t max2 = at_xref, max3 = 65535, next_free = 0;   /* object 0: generation 65535 */
    for (size_t i = p->n; i-- > 1;) {
        obj *o = &p->o[i];
        if (o->kind == K_PACK) { if (o->where > max2) max2 = o->where; if (o->index > max3) max3 = o->index; }
        if (o->kind == K_DROP) { o->where = next_free; next_free = i; }
    }
    unsigned w2 = bytes_for(max2), w3 = bytes_for(max3), cols = 1 + w2 + w3;
    unsigned char *rows = pp_xcalloc(size, (size_t)cols + 1), prev[17] = { 0 }, cur[17];
    for (size_t i = 0; i < size; i++) {
        size_t type = 1, f2, f3 = 0;
        if (i == 0) { type = 0; f2 = next_free; f3 = 65535; }
        else if (i >= p->n) f2 = i == self ? at_xref : stm_off[i - p->n];
        else if (p->o[i].kind == K_PACK) { type = 2; f2 = p->o[i].where; f3 = p->o[i].index; }
        else if (p->o[i].kind == K_DROP) { type = 0; f2 = p->o[i].where; f3 = 1; }
        else f2 = p->o[i].where;
        cur[0] = (unsigned char)type;
        put_be(cur + 1, f2, w2);
        put_be(cur + 1 + w2, f3, w3);
        unsigned char *r = rows + i * (cols + 1);
        r[0] = 2;
        for (unsigned k = 0; k < cols; k++) r[1 + k] = (unsigned char)(cur[k] - prev[k]);
        memcpy(prev, cur, cols);
    }
    buf z = { 0 };
    bool ok = deflate_into(p, &z, rows, size * (cols + 1));
    free(rows);
    put_uint(out, self);
    put_str(out, " 0 obj\012<</Type/XRef/Size ");
    put_uint(out, size);
    put_str(out, "/W[1 ");
    put_uint(out, w2);
    put_str(out, " ");
    put_uint(out, w3);
    put_str(out, "]/Root");
    emit e = { p, out, TK_NAME, -1, -1 };
    ok = ok && emit_span(&e, t->root_s, t->root_e);
    if (t->info_e) {
        emit_raw(&e, TK_NAME, "/Info", 5);
        ok = ok && emit_span(&e, t->info_s, t->info_e);
    }
    if (t->id_e) {
        emit_raw(&e, TK_NAME, "/ID", 3);
        ok = ok && emit_span(&e, t->id_s, t->id_e);
    }
    put_str(out, "/Filter/FlateDecode/DecodeParms<</Columns ");
    put_uint(out, cols);
    put_str(out, "/Predictor 12>>/Length ");
    put_uint(out, z.len);
    put_str(out, ">>stream\012");
    put(out, z.p, z.len);
    put_str(out, "\012endstream\012endobj\012startxref\012");
    put_uint(out, at_xref);
    put_str(out, "\012%%EOF\012");
    free(z.p);
    return ok;
}

int pp_pdf_pack(const unsigned char *in, size_t len, const pp_pack_opts *o,
                unsigned char **out, size_t *out_len, pp_pack_stats *stats, const char **why)
{
    if (!o) o = &pp_pack_defaults;
    pack p = { .b = in, .len = len };
    trailer t = { 0 };
    size_t *stm_off = NULL;
    buf tmp = { 0 };
    *out = NULL;
    *out_len = 0;
    bool ok = (in && o->per_objstm > 0 && o->level >= 1 && o->level <= 12) || fail(&p, "bad arguments");
    ok = ok && parse_xref(&p) && parse_objects(&p);
    for (size_t k = 0; ok && k < o->nlate; k++) {
        unsigned long i = o->late[k];
        if (!o->late_fn || i == 0 || i >= p.n || p.o[i].kind != K_STREAM || p.o[i].de != p.o[i].ds)
            ok = fail(&p, "a late stream is not an empty stream");
        else
            p.o[i].kind = K_LATE;
    }
    ok = ok && each_entry(&p, 0, p.trailer_s, p.trailer_e, scan_trailer, &t);
    if (ok && !t.root_e) ok = fail(&p, "trailer without /Root");
    for (size_t i = 1; ok && i < p.n; i++) {
        if (p.o[i].kind != K_STREAM && p.o[i].kind != K_LATE) continue;
        size_t found = 0;
        ok = each_entry(&p, i, p.o[i].vs, p.o[i].ve, check_length, &found);
        if (ok && found != 1) ok = fail(&p, "stream without exactly one /Length");
    }
    if (ok && !(p.z = pp_zpool_get(o->level))) ok = fail(&p, "out of memory");
    if (ok) {
        size_t npack = 0;
        for (size_t i = 1; i < p.n; i++) npack += p.o[i].kind == K_PACK;
        stm_off = pp_xcalloc(npack / o->per_objstm + 1, sizeof *stm_off);
        reserve(&p.out, len + 4096);
        put(&p.out, in, p.head_len);
        for (size_t i = 1; ok && i < p.n; i++)
            if (p.o[i].kind == K_PLAIN) ok = write_plain(&p, i, &tmp);
        ok = ok && write_objstms(&p, o->per_objstm, stm_off);
        for (size_t i = 1; ok && i < p.n; i++)
            if (p.o[i].kind == K_STREAM) ok = write_stream(&p, i, &tmp, NULL);
        for (size_t i = 1; ok && i < p.n; i++) {   /* last: their makers had all this time */
            if (p.o[i].kind != K_LATE) continue;
            pp_pack_late late = { 0 };
            ok = o->late_fn(o->late_ctx, i, &late) == 0 ? write_stream(&p, i, &tmp, &late)
                                                        : fail(&p, "a late stream could not be made");
        }
        ok = ok && write_xref(&p, &t, stm_off, p.st.objstms);
    }
    pp_zpool_put(p.z, o->level);
    free(stm_off);
    free(tmp.p);
    free(p.o);
    if (!ok) {
        free(p.out.p);
        if (why) *why = p.why ? p.why : "cannot pack";
        return -1;
    }
    reserve(&p.out, 1);
    p.out.p[p.out.len] = 0;
    *out = p.out.p;
    *out_len = p.out.len;
    if (stats) *stats = p.st;
    if (why) *why = NULL;
    return 0;
}
