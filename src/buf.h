/* buf — the one growable byte buffer: text being built (messages, JSON, XML),
 * files read whole, PDF bytes. Always NUL-terminated past `len`, so the text
 * can be read as a C string; bytes may include NULs. Growth doubles, so
 * appending is amortised linear. Allocation failure exits (xalloc). */
#ifndef PP_BUF_H
#define PP_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct pp_buf {
    char *data;     /* NULL until something is put */
    size_t len, cap;
} pp_buf;

#define PP_BUF_INIT { NULL, 0, 0 }

/* Makes room for `extra` more bytes (and the NUL after them). */
void pp_buf_reserve(pp_buf *b, size_t extra);
void pp_buf_put(pp_buf *b, const void *p, size_t n);
void pp_buf_puts(pp_buf *b, const char *s);
void pp_buf_putc(pp_buf *b, int c);
void pp_buf_printf(pp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pp_buf_vprintf(pp_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* A JSON string literal: quotes, backslashes and control characters escaped,
 * bytes that are not UTF-8 written as U+FFFD (so the output always parses). */
void pp_buf_json_string(pp_buf *b, const char *s);
/* The contents as a C string ("" when empty); valid until the next change. */
const char *pp_buf_str(const pp_buf *b);
/* Empties the buffer, keeping its memory for reuse. */
void pp_buf_reset(pp_buf *b);
/* Hands the contents over (malloc'd, NUL-terminated; caller frees) and empties b. */
char *pp_buf_take(pp_buf *b);
/* Frees the contents. */
void pp_buf_release(pp_buf *b);
#endif
