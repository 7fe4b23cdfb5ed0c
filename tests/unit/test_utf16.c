/* Unit test of src/utf16.c: units, hexadecimal, and the byte-at-a-time walk that
 * libharu's string writer drives, against hand-worked UTF-16 of every UTF-8 length. */
#include "utf16.h"
#include "harness.h"
#include <string.h>

static void test_units(void)
{
    uint16_t u[2];
    char hex[9];
    INT_EQ(pp_utf16_units(0x41, u), 1); INT_EQ(u[0], 0x41);
    INT_EQ(pp_utf16_units(0xFFFF, u), 1); INT_EQ(u[0], 0xFFFF);
    INT_EQ(pp_utf16_units(0x10000, u), 2); INT_EQ(u[0], 0xD800); INT_EQ(u[1], 0xDC00);
    INT_EQ(pp_utf16_units(0x2A6A5, u), 2); INT_EQ(u[0], 0xD869); INT_EQ(u[1], 0xDEA5);
    INT_EQ(pp_utf16_units(0x10FFFF, u), 2); INT_EQ(u[0], 0xDBFF); INT_EQ(u[1], 0xDFFF);
    INT_EQ(pp_utf16_units(0xD800, u), 1); INT_EQ(u[0], 0xFFFD);    /* a lone surrogate */
    INT_EQ(pp_utf16_units(0x110000, u), 1); INT_EQ(u[0], 0xFFFD);  /* past Unicode */
    INT_EQ(pp_utf16_hex(0x7D93, hex), 4); STR_EQ(hex, "7D93");
    INT_EQ(pp_utf16_hex(0x0A, hex), 4); STR_EQ(hex, "000A");
    INT_EQ(pp_utf16_hex(0x20000, hex), 8); STR_EQ(hex, "D840DC00");
    INT_EQ(pp_utf16_hex(0xF0000, hex), 8); STR_EQ(hex, "DB80DC00");
}

/* Walks s byte by byte and collects the units completed, as libharu would. */
static size_t walk(const char *s, uint16_t *out, int *ends)
{
    pp_utf16_walk w = { 0 };
    size_t n = strlen(s), k = 0;
    for (size_t i = 0; i < n; i++) {
        int done = pp_utf16_walk_byte(&w, (const unsigned char *)s, n, i);
        ends[i] = done;
        if (done) out[k++] = w.unit;
    }
    return k;
}

static void test_walk(void)
{
    uint16_t u[16];
    int ends[32];
    /* A (1 byte), é (2), 經 (3), 𠀀 (4) */
    size_t k = walk("A\xC3\xA9\xE7\xB6\x93\xF0\xA0\x80\x80", u, ends);
    INT_EQ(k, 5);
    INT_EQ(u[0], 0x41); INT_EQ(u[1], 0xE9); INT_EQ(u[2], 0x7D93); INT_EQ(u[3], 0xD840); INT_EQ(u[4], 0xDC00);
    static const int want[] = { 1, 0, 1, 0, 0, 1, 0, 0, 1, 1 };
    OK(memcmp(ends, want, sizeof want) == 0, "a unit ends at the last byte of its character; a pair at bytes 3 and 4");
    /* a stray continuation byte is U+FFFD for one byte; byte 0 restarts the walk */
    k = walk("\x80" "B", u, ends);
    INT_EQ(k, 2); INT_EQ(u[0], 0xFFFD); INT_EQ(u[1], 0x42);
    k = walk("C", u, ends);
    INT_EQ(k, 1); INT_EQ(u[0], 0x43);
}

int main(void)
{
    test_units();
    test_walk();
    printf("%d passed, %d failed\n", pp_test_passed, pp_test_failed);
    return pp_test_failed ? 1 : 0;
}
