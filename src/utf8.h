/* utf8 — decoding and encoding of UTF-8, nothing else. */
#ifndef PP_UTF8_H
#define PP_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (len bytes available) into *cp; returns bytes used
 * (>= 1). Invalid sequences decode as U+FFFD consuming one byte. */
size_t pp_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (room for 4 bytes); returns bytes written. */
size_t pp_utf8_encode(uint32_t cp, char *out);
/* Decodes a whole string into a newly malloc'd array (caller frees); *n gets the count. */
uint32_t *pp_utf8_to_cps(const char *s, size_t len, size_t *n);
#endif
