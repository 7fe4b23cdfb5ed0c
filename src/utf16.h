/* utf16 — UTF-16 code units of a code point (a surrogate pair above the BMP), the
 * one encoder behind the PDF writer's UTF-16 output: text strings (Info, outline
 * titles, /ActualText), ToUnicode CMaps, and libharu's byte-at-a-time string
 * walkers. Nothing else. */
#ifndef PP_UTF16_H
#define PP_UTF16_H
#include <stddef.h>
#include <stdint.h>

/* The units of cp (U+0000..U+10FFFF; anything else, or a lone surrogate, is
 * U+FFFD) into u[]; returns their count, 1 or 2. */
size_t pp_utf16_units(uint32_t cp, uint16_t u[2]);

/* The units of cp as upper-case hexadecimal, 4 or 8 digits, NUL-terminated into
 * hex (room for 9 bytes); returns the digits written. */
size_t pp_utf16_hex(uint32_t cp, char hex[9]);

/* For a walker that hands UTF-8 over one byte at a time (libharu's string writer):
 * feed it bytes 0, 1, 2, ... of s[0..len). Returns 1 when byte i is the last one
 * that makes up a UTF-16 unit (the unit is then in w->unit: the whole character in
 * the BMP; above it the high surrogate at its 3rd byte, the low one at its 4th),
 * else 0. Byte 0 restarts the walk. Malformed UTF-8 is U+FFFD for one byte. */
typedef struct pp_utf16_walk {
    unsigned seq_len, pos;   /* current UTF-8 sequence; bytes of it seen */
    uint32_t cp;
    uint16_t unit;
} pp_utf16_walk;
int pp_utf16_walk_byte(pp_utf16_walk *w, const unsigned char *s, size_t len, size_t i);
#endif
