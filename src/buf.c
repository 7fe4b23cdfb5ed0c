#define _POSIX_C_SOURCE 200809L
#include "buf.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pp_buf_reserve(pp_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) { cap = b->len + extra + 1; break; }
        cap *= 2;
    }
    b->data = pp_xrealloc(b->data, cap);
    b->cap = cap;
}

void pp_buf_put(pp_buf *b, const void *p, size_t n)
{
    pp_buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void pp_buf_puts(pp_buf *b, const char *s) { pp_buf_put(b, s, strlen(s)); }

void pp_buf_putc(pp_buf *b, int c)
{
    char ch = (char)c;
    pp_buf_put(b, &ch, 1);
}

void pp_buf_vprintf(pp_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    pp_buf_reserve(b, 64);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    if (n < 0) { va_end(again); return; }
    if ((size_t)n >= b->cap - b->len) {
        pp_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, again);
    }
    va_end(again);
    b->len += (size_t)n;
}

void pp_buf_printf(pp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pp_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void pp_buf_json_string(pp_buf *b, const char *s)
{
    pp_buf_putc(b, '"');
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, len - i, &cp);
        if (cp == '"') pp_buf_puts(b, "\\\"");
        else if (cp == '\\') pp_buf_puts(b, "\\\\");
        else if (cp == '\n') pp_buf_puts(b, "\\n");
        else if (cp == '\t') pp_buf_puts(b, "\\t");
        else if (cp == '\r') pp_buf_puts(b, "\\r");
        else if (cp < 0x20 || cp == 0x7F) pp_buf_printf(b, "\\u%04x", (unsigned)cp);
        else if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) pp_buf_puts(b, "\\ufffd");
        else pp_buf_put(b, s + i, k);
        i += k;
    }
    pp_buf_putc(b, '"');
}

const char *pp_buf_str(const pp_buf *b) { return b->data ? b->data : ""; }

void pp_buf_reset(pp_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = 0;
}

char *pp_buf_take(pp_buf *b)
{
    char *s = b->data ? b->data : pp_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void pp_buf_release(pp_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
