#include "utf16.h"
#include "utf8.h"

size_t pp_utf16_units(uint32_t cp, uint16_t u[2])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x10000) {
        u[0] = (uint16_t)cp;
        return 1;
    }
    cp -= 0x10000;
    u[0] = (uint16_t)(0xD800 + (cp >> 10));
    u[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    return 2;
}

size_t pp_utf16_hex(uint32_t cp, char hex[9])
{
    static const char digits[] = "0123456789ABCDEF";
    uint16_t u[2];
    size_t n = pp_utf16_units(cp, u), k = 0;
    for (size_t i = 0; i < n; i++)
        for (int shift = 12; shift >= 0; shift -= 4) hex[k++] = digits[(u[i] >> shift) & 0xF];
    hex[k] = 0;
    return k;
}

int pp_utf16_walk_byte(pp_utf16_walk *w, const unsigned char *s, size_t len, size_t i)
{
    if (i == 0) w->seq_len = w->pos = 0;
    if (w->pos >= w->seq_len) {   /* a new sequence starts at byte i */
        w->seq_len = (unsigned)pp_utf8_decode((const char *)s + i, len - i, &w->cp);
        w->pos = 0;
    }
    w->pos++;
    uint16_t u[2];
    size_t n = pp_utf16_units(w->cp, u);
    if (n == 1) {
        if (w->pos < w->seq_len) return 0;
        w->unit = u[0];
        return 1;
    }
    if (w->pos == 3 || w->pos == 4) {
        w->unit = u[w->pos - 3];
        return 1;
    }
    return 0;
}
