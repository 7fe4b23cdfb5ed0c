#define _POSIX_C_SOURCE 200809L
#include "decode.h"
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ---- which encoding ------------------------------------------------------- */

static bool ascii_ieq(const char *a, size_t n, const char *b)
{
    if (strlen(b) != n) return false;
    for (size_t i = 0; i < n; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
        char y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] + 32) : b[i];
        if (x != y) return false;
    }
    return true;
}

/* The encoding="..." of an XML declaration at the start of ASCII-compatible
 * text, or NULL; *n gets its length. */
static const char *declared_encoding(const char *s, size_t len, size_t *n)
{
    if (len < 6 || memcmp(s, "<?xml", 5) != 0) return NULL;
    const char *end = memchr(s, '>', len < 512 ? len : 512);
    if (!end) return NULL;
    for (const char *p = s + 5; p + 9 < end; p++) {
        if (memcmp(p, "encoding", 8) != 0) continue;
        const char *q = p + 8;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')) q++;
        if (q >= end || *q != '=') return NULL;
        q++;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')) q++;
        if (q >= end || (*q != '"' && *q != '\'')) return NULL;
        char quote = *q++;
        const char *v = q;
        while (q < end && *q != quote) q++;
        if (q >= end) return NULL;
        *n = (size_t)(q - v);
        return v;
    }
    return NULL;
}

/* UTF-16, UTF-32, UCS-2, UCS-4 in any spelling: encodings whose text is not ASCII-compatible. */
static bool wide_name(const char *e)
{
    char k[16];
    size_t n = 0;
    for (; *e && n + 1 < sizeof k; e++)
        if (*e != '-' && *e != '_') k[n++] = *e >= 'a' && *e <= 'z' ? (char)(*e - 32) : *e;
    k[n] = 0;
    return strncmp(k, "UTF16", 5) == 0 || strncmp(k, "UTF32", 5) == 0 || strncmp(k, "UCS2", 4) == 0
        || strncmp(k, "UCS4", 4) == 0;
}

/* ---- UTF-8 ------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s (shortest form, no surrogates, at most
 * U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
    unsigned char b = s[0];
    if (b < 0x80) return 1;
    size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
    if (!n || b > 0xF4 || n > len) return 0;
    for (size_t i = 1; i < n; i++) if ((s[i] & 0xC0) != 0x80) return 0;
    if (b == 0xE0 && s[1] < 0xA0) return 0;                  /* overlong */
    if (b == 0xED && s[1] >= 0xA0) return 0;                 /* surrogate */
    if (b == 0xF0 && s[1] < 0x90) return 0;                  /* overlong */
    if (b == 0xF4 && s[1] >= 0x90) return 0;                 /* past U+10FFFF */
    return n;
}

/* Does the text around a bad byte look like Big5 (a lead byte 81–FE before a
 * trail byte 40–7E or A1–FE)? Then the advice names Big5. */
static bool looks_big5(const unsigned char *s, size_t len, size_t at)
{
    int pairs = 0, bad = 0;
    for (size_t i = at; i < len && i < at + 256;) {
        if (s[i] < 0x80) { i++; continue; }
        if (i + 1 < len && s[i] >= 0x81 && s[i] <= 0xFE &&
            ((s[i + 1] >= 0x40 && s[i + 1] <= 0x7E) || (s[i + 1] >= 0xA1 && s[i + 1] <= 0xFE))) { pairs++; i += 2; }
        else { bad++; i++; }
    }
    return pairs > 0 && bad <= pairs / 8;
}

/* Line and column (in characters, counting a byte that is no character as one)
 * of byte offset `at`. */
static void position(const unsigned char *s, size_t at, long *line, long *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < at; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= at || s[i + 1] != '\n'))) { (*line)++; *col = 1; }
        else if ((s[i] & 0xC0) != 0x80) (*col)++;
    }
}

static int check_utf8(const char *data, size_t len, const char *name, pp_diag *d)
{
    const unsigned char *s = (const unsigned char *)data;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq(s + i, len - i);
        if (n) { i += n; continue; }
        long line, col;
        position(s, i, &line, &col);
        pp_loc at = PP_LOC(name, line, col);
        if (looks_big5(s, len, i)) pp_msg(d, at, NOT_UTF8_BIG5, s[i], name, name);
        else pp_msg(d, at, NOT_UTF8, s[i], name, name);
        return -1;
    }
    return 0;
}

/* ---- conversion --------------------------------------------------------------- */

static int convert(const char *data, size_t len, const char *from, const char *name, pp_buf *out, pp_diag *d)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        pp_msg(d, PP_LOC(name, 1, 1), UNKNOWN_ENCODING, from, name, name);
        return -1;
    }
    size_t start = out->len;
    char *in = (char *)data;
    size_t left = len;
    while (left) {
        pp_buf_reserve(out, left * 2 + 16);
        char *o = out->data + out->len;
        size_t room = out->cap - out->len - 1;
        size_t before = room;
        size_t r = iconv(cd, &in, &left, &o, &room);
        out->len += before - room;
        if (r != (size_t)-1) continue;
        if (errno == E2BIG) continue;
        /* EILSEQ or EINVAL: the bytes are not what the file says they are */
        long line = 1, col = 1;
        for (size_t i = start; i < out->len; i++) {
            if (out->data[i] == '\n') { line++; col = 1; }
            else if (((unsigned char)out->data[i] & 0xC0) != 0x80) col++;
        }
        pp_msg(d, PP_LOC(name, line, col), BAD_ENCODING, from, (unsigned char)*in, name, name);
        iconv_close(cd);
        out->len = start;
        out->data[start] = 0;
        return -1;
    }
    iconv_close(cd);
    out->data[out->len] = 0;
    return 0;
}

/* CRLF and lone CR become LF, as XML itself reads them (XML 1.0 §2.11). */
static void normalise_line_ends(pp_buf *b, size_t from)
{
    size_t k = from;
    for (size_t i = from; i < b->len; i++) {
        char c = b->data[i];
        if (c == '\r') {
            if (i + 1 < b->len && b->data[i + 1] == '\n') continue;
            c = '\n';
        }
        b->data[k++] = c;
    }
    b->len = k;
    if (b->data) b->data[k] = 0;
}

int pp_decode_source(const char *data, size_t len, const char *name, pp_buf *out, pp_diag *d)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t start = out->len;
    const char *from = NULL;
    char declared[64];
    size_t skip = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) skip = 3;
    else if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) { from = "UTF-32LE"; skip = 4; }
    else if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) { from = "UTF-32BE"; skip = 4; }
    else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) { from = "UTF-16LE"; skip = 2; }
    else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) { from = "UTF-16BE"; skip = 2; }
    else if (len >= 4 && s[0] == '<' && s[1] == 0 && s[2] == '?' && s[3] == 0) from = "UTF-16LE";
    else if (len >= 4 && s[0] == 0 && s[1] == '<' && s[2] == 0 && s[3] == '?') from = "UTF-16BE";
    else {
        size_t n = 0;
        const char *enc = declared_encoding(data, len, &n);
        if (enc && n < sizeof declared && !ascii_ieq(enc, n, "utf-8") && !ascii_ieq(enc, n, "utf8") &&
            !ascii_ieq(enc, n, "us-ascii") && !ascii_ieq(enc, n, "ascii")) {
            memcpy(declared, enc, n);
            declared[n] = 0;
            /* a declaration read as ASCII cannot be in a two- or four-byte encoding */
            if (wide_name(declared)) {
                pp_msg(d, PP_LOC(name, 1, 1), BAD_ENCODING, declared, s[0], name, name);
                return -1;
            }
            /* Big5 as Windows writes it is CP950 (a superset) */
            from = ascii_ieq(enc, n, "big5") ? "CP950" : declared;
        }
    }
    int rc;
    if (from) {
        rc = convert(data + skip, len - skip, from, name, out, d);
    } else {
        rc = check_utf8(data + skip, len - skip, name, d);
        if (rc == 0) pp_buf_put(out, data + skip, len - skip);
    }
    if (rc != 0) return -1;
    normalise_line_ends(out, start);
    return 0;
}
