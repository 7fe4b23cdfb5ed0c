#include "roc_dates.h"
#include "numbering.h"
#include <stdbool.h>
#include <string.h>

/* Reads a run of ASCII or full-width digits from i; *v holds at most the first
 * six digits' value (enough to tell a year of five digits), *ndig all of them. */
static size_t read_digits(const char *s, size_t len, size_t i, long *v, int *ndig)
{
    *v = 0;
    *ndig = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        int dig;
        size_t n;
        if (b >= '0' && b <= '9') { dig = b - '0'; n = 1; }
        else if (b == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC
                 && (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
            dig = (unsigned char)s[i + 2] - 0x90; n = 3;        /* full-width ０-９ */
        } else break;
        if (*ndig < 6) *v = *v * 10 + dig;
        (*ndig)++;
        i += n;
    }
    return i;
}

static bool at(const char *s, size_t len, size_t i, const char *w)
{
    size_t l = strlen(w);
    return i + l <= len && memcmp(s + i, w, l) == 0;
}

/* Does a digit (ASCII or full-width) end just before byte i? */
static bool digit_before(const char *s, size_t i)
{
    if (i >= 1 && s[i - 1] >= '0' && s[i - 1] <= '9') return true;
    return i >= 3 && (unsigned char)s[i - 3] == 0xEF && (unsigned char)s[i - 2] == 0xBC
        && (unsigned char)s[i - 1] >= 0x90 && (unsigned char)s[i - 1] <= 0x99;
}

/* A minus sign just before the digits: '-' or full-width '－' (EF BC 8D), and
 * not a dash between two numbers (「110-112年」 is a range of years). */
static bool minus_before(const char *s, size_t i)
{
    if (i >= 1 && s[i - 1] == '-') return !digit_before(s, i - 1);
    return i >= 3 && (unsigned char)s[i - 3] == 0xEF && (unsigned char)s[i - 2] == 0xBC && (unsigned char)s[i - 1] == 0x8D
        && !digit_before(s, i - 3);
}

void pp_roc_dates_scan(const char *s, size_t len, pp_bad_date_fn fn, void *ctx)
{
    long year = 0;                       /* Gregorian year of the last 「N年N月」, 0 = none */
    for (size_t i = 0; i < len;) {
        long a, m, dd;
        int na, nm, nd;
        size_t j = read_digits(s, len, i, &a, &na);   /* a whole run: never starts mid-number */
        if (j == i) {
            unsigned char b = (unsigned char)s[i];
            i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            continue;
        }
        size_t start = i;
        i = j;
        if (at(s, len, i, "年")) {
            size_t k = read_digits(s, len, i + 3, &m, &nm);
            if (nm == 0 || !at(s, len, k, "月")) continue;   /* 「110年度」「連續3年」 */
            size_t end = k + 3;
            size_t k2 = read_digits(s, len, end, &dd, &nd);
            bool day = nd > 0 && at(s, len, k2, "日");   /* 「1月123日」 too: no such day */
            if (day) end = k2 + 3;
            if (nd > 2) dd = 0;
            bool negative = minus_before(s, start);
            if (negative) start -= s[start - 1] == '-' ? 1 : 3;
            long y = a >= 1912 ? a : a + 1911;
            pp_date dt = { (int)y, nm <= 2 ? (int)m : 0, day ? (int)dd : 1 };
            year = 0;
            if (na > 4) fn(ctx, start, end, " (no such year)");
            else if (negative) fn(ctx, start, end, " (a year is not negative)");
            else if (a == 0) fn(ctx, start, end, " (there is no year 0)");
            else if (dt.month < 1 || dt.month > 12) fn(ctx, start, end, " (no such month)");
            else if (!pp_date_valid(&dt)) fn(ctx, start, end, "");
            else year = y;
            i = end;
        } else if (na <= 2 && at(s, len, i, "月")) {
            /* a month alone may be a count (「每3月」): only a month with a day is a date */
            size_t k2 = read_digits(s, len, i + 3, &dd, &nd);
            if (nd == 0 || !at(s, len, k2, "日")) { i += 3; continue; }
            pp_date dt = { year ? (int)year : 2000, (int)a, nd > 2 ? 0 : (int)dd };
            if (dt.month < 1 || dt.month > 12) fn(ctx, start, k2 + 3, " (no such month)");
            else if (!pp_date_valid(&dt)) fn(ctx, start, k2 + 3, "");
            i = k2 + 3;
        }
    }
}
