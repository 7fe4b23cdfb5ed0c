/* pdf_pua.c — the table behind pp_pua_equivalent.
 *
 * Derived from the fonts themselves (scripts/gen_pua_table.c): a TW-Kai-Plus
 * plane-15 glyph whose outline is byte-for-byte the outline of a TW-Kai or
 * TW-Kai-Ext-B glyph mapped from a standard code point is the same character
 * (the 全字庫 fonts 98_1 of fonts-cns11643-kai draw both from one source).
 * A complete CNS 11643 to Unicode mapping would add more; none ships in Debian. */
#include "pdf_pua.h"
#include <stddef.h>

static const uint32_t table[][2] = {   /* sorted by PUA code point */
    { 0xFB957, 0x2C582 },
    { 0xFB973, 0x2C13E },
    { 0xFBB5D, 0x2CD19 },
    { 0xFC5AC, 0x2C3BC },
    { 0xFD7D6, 0x2BC35 },
};

uint32_t pp_pua_equivalent(uint32_t cp)
{
    size_t lo = 0, hi = sizeof table / sizeof table[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (table[mid][0] == cp) return table[mid][1];
        if (table[mid][0] < cp) lo = mid + 1; else hi = mid;
    }
    return 0;
}
