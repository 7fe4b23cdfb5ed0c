#include "import_label.h"
#include "numbering.h"
#include "utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static bool is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0; }

/* A Chinese numeral up to 999: 一 … 十 十一 二十 一百零一; formal 壹 … 拾 佰. */
static int digit_of(uint32_t cp, bool *formal)
{
    static const uint32_t low[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };
    static const uint32_t up[] = { 0x96F6, 0x58F9, 0x8CB3, 0x53C3, 0x8086, 0x4F0D, 0x9678, 0x67D2, 0x634C, 0x7396 };
    for (int i = 0; i < 10; i++) {
        if (cp == low[i]) { *formal = false; return i; }
        if (cp == up[i]) { *formal = true; return i; }
    }
    if (cp == 0x3007) { *formal = false; return 0; }   /* 〇 */
    if (cp == 0x53C4 || cp == 0x53C1) { *formal = true; return 3; }   /* 叄 叁 */
    if (cp == 0x8D30) { *formal = true; return 2; }    /* 贰 */
    return -1;
}

/* Reads a Chinese numeral at s; returns bytes used (0: none), *value, *formal. */
static size_t han_numeral(const char *s, size_t len, int *value, bool *formal)
{
    size_t i = 0;
    int total = 0, cur = -1, kinds = 0;
    bool any = false, f = false, saw_formal = false, saw_low = false;
    while (i < len) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, len - i, &cp);
        int dgt = digit_of(cp, &f);
        if (dgt >= 0) {
            if (cur >= 0 && cur != 0) return 0;        /* two digits in a row: not a numeral we print */
            cur = dgt;
            if (f) saw_formal = true; else saw_low = true;
        } else if (cp == 0x5341 || cp == 0x62FE) {        /* 十 拾 */
            if (cp == 0x62FE) saw_formal = true; else saw_low = true;
            total += (cur < 0 ? 1 : cur) * 10;
            cur = -1;
            kinds++;
        } else if (cp == 0x767E || cp == 0x4F70) {        /* 百 佰 */
            if (cp == 0x4F70) saw_formal = true; else saw_low = true;
            if (cur <= 0) return 0;
            total += cur * 100;
            cur = -1;
            kinds++;
        } else {
            break;
        }
        any = true;
        i += k;
        if (i > 24) return 0;
    }
    if (!any || (saw_formal && saw_low)) return 0;
    if (cur > 0) total += cur;
    if (total < 1 || total > 999) return 0;
    (void)kinds;
    *value = total;
    *formal = saw_formal;
    return i;
}

static size_t ascii_digits(const char *s, size_t len, int *value)
{
    size_t i = 0;
    int v = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9' && i < 4) { v = v * 10 + (s[i] - '0'); i++; }
    if (!i || i >= 4 || v < 1) return 0;
    *value = v;
    return i;
}

static size_t wide_digits(const char *s, size_t len, int *value)
{
    size_t i = 0;
    int v = 0, n = 0;
    while (i < len && n < 3) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, len - i, &cp);
        if (cp < 0xFF10 || cp > 0xFF19) break;
        v = v * 10 + (int)(cp - 0xFF10);
        i += k;
        n++;
    }
    if (!n || v < 1) return 0;
    *value = v;
    return i;
}

static size_t one(const char *s, size_t len, uint32_t *cp)
{
    if (!len) { *cp = 0; return 0; }
    return pp_utf8_decode(s, len, cp);
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
    while (i < len) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, len - i, &cp);
        if (!is_space(cp)) break;
        i += k;
    }
    return i;
}

/* The typed label without white space, for messages and label="…". */
static void keep_text(pp_label *out, const char *s, size_t end)
{
    size_t o = 0;
    for (size_t i = 0; i < end;) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, end - i, &cp);
        if (!is_space(cp) && o + k < sizeof out->text) { memcpy(out->text + o, s + i, k); o += k; }
        i += k;
    }
    out->text[o] = 0;
}

/* After the label proper: white space, then text that is not a digit (1.5, 2.0AA). */
static bool finish(pp_label *out, const char *s, size_t len, size_t i, int style, int number, bool odd, bool point)
{
    size_t label_end = i;
    if (point && i < len) {
        /* 1.5倍 and 2.0AA are numbers, 4.110年1月 is a label before a date */
        size_t j = i;
        while (j < len && s[j] >= '0' && s[j] <= '9') j++;
        uint32_t cp = 0;
        if (j > i) one(s + j, len - j, &cp);
        if (j > i && cp != 0x5E74 && cp != 0x6708 && cp != 0x65E5) return false;   /* 年 月 日 */
        one(s + i, len - i, &cp);
        if (cp >= 0xFF10 && cp <= 0xFF19) return false;
    }
    i = skip_space(s, len, i);
    out->style = style;
    out->number = number;
    out->len = i;
    out->odd = odd;
    keep_text(out, s, label_end);
    return true;
}

bool pp_label_scan(const char *s, size_t len, pp_label *out)
{
    memset(out, 0, sizeof *out);
    size_t i = skip_space(s, len, 0);
    uint32_t cp;
    size_t k = one(s + i, len - i, &cp);
    if (!k) return false;
    int v = 0;
    bool formal = false;
    /* □ before an option to tick: the same mark on every item, numbered by its place */
    if (cp == 0x25A1) return finish(out, s, len, i + k, PP_NUM_CHECKBOX, 1, false, false);
    /* ( … ) in either width */
    if (cp == '(' || cp == 0xFF08) {
        bool open_full = cp == 0xFF08;
        size_t j = skip_space(s, len, i + k), n;
        int style = -1;
        bool odd = false;
        if ((n = han_numeral(s + j, len - j, &v, &formal))) {
            if (formal) return false;
            style = open_full ? PP_NUM_HAN_PAREN : PP_NUM_HAN_PAREN_HALF;
        } else if ((n = ascii_digits(s + j, len - j, &v))) {
            style = open_full ? PP_NUM_DECIMAL_PAREN_FULL : PP_NUM_DECIMAL_PAREN;
        } else if ((n = wide_digits(s + j, len - j, &v))) {
            style = PP_NUM_DECIMAL_PAREN_WIDE;
            odd = !open_full;
        } else if (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) {
            if (j + 1 < len && ((s[j + 1] >= 'a' && s[j + 1] <= 'z') || (s[j + 1] >= 'A' && s[j + 1] <= 'Z'))) return false;
            v = (s[j] | 0x20) - 'a' + 1;
            n = 1;
            style = PP_NUM_LOWER_LATIN_PAREN;
            odd = open_full || (s[j] >= 'A' && s[j] <= 'Z');
        } else {
            return false;
        }
        j = skip_space(s, len, j + n);
        size_t kc = one(s + j, len - j, &cp);
        if (cp != ')' && cp != 0xFF09) return false;
        bool close_full = cp == 0xFF09;
        if (close_full != open_full) odd = true;       /* (二） */
        return finish(out, s, len, j + kc, style, v, odd, false);
    }
    /* 壹、 一、 (and 一. 一，) */
    size_t n = han_numeral(s + i, len - i, &v, &formal);
    if (n) {
        size_t j = skip_space(s, len, i + n);
        size_t kp = one(s + j, len - j, &cp);
        if (cp == 0x3001) return finish(out, s, len, j + kp, formal ? PP_NUM_FORMAL : PP_NUM_HAN, v, false, false);
        if (cp == 0xFF0E || cp == '.')
            return finish(out, s, len, j + kp, formal ? PP_NUM_FORMAL : PP_NUM_HAN, v, true, true);
        return false;
    }
    /* 1. 1、 １. */
    bool wide = false;
    n = ascii_digits(s + i, len - i, &v);
    if (!n) { n = wide_digits(s + i, len - i, &v); wide = n > 0; }
    if (n) {
        size_t j = i + n;
        size_t kp = one(s + j, len - j, &cp);
        if (cp == '.' || cp == 0xFF0E) return finish(out, s, len, j + kp, PP_NUM_DECIMAL, v, wide || cp == 0xFF0E, true);
        if (cp == 0x3001) return finish(out, s, len, j + kp, PP_NUM_DECIMAL_COMMA, v, wide, false);   /* 1、 */
        return false;
    }
    /* A. a. (one letter; A.I. is an abbreviation) */
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) {
        size_t j = i + 1;
        size_t kp = one(s + j, len - j, &cp);
        if ((cp == '.' || cp == 0xFF0E || cp == 0x3001)) {
            size_t after = j + kp;
            uint32_t nx;
            if (one(s + after, len - after, &nx) && ((nx >= 'A' && nx <= 'Z') || (nx >= 'a' && nx <= 'z'))) return false;
            bool upper = s[i] >= 'A' && s[i] <= 'Z';
            return finish(out, s, len, after, upper ? PP_NUM_UPPER_LATIN : PP_NUM_LOWER_LATIN_PAREN,
                          (s[i] | 0x20) - 'a' + 1, !upper || cp != '.', false);
        }
    }
    return false;
}

size_t pp_label_numeral(const char *s, size_t len, int *value)
{
    bool formal;
    size_t n = han_numeral(s, len, value, &formal);
    return n ? n : ascii_digits(s, len, value);
}

pp_label_family pp_label_family_of(int style)
{
    switch (style) {
    case PP_NUM_FORMAL: case PP_NUM_FORMAL_BARE: return PP_LF_FORMAL;
    case PP_NUM_HAN: case PP_NUM_HAN_PAREN: case PP_NUM_HAN_PAREN_HALF: case PP_NUM_HAN_BARE: return PP_LF_HAN;
    case PP_NUM_DECIMAL: case PP_NUM_DECIMAL_PAREN: case PP_NUM_DECIMAL_PAREN_FULL: case PP_NUM_DECIMAL_PAREN_WIDE:
    case PP_NUM_DECIMAL_COMMA: case PP_NUM_DECIMAL_BARE:
        return PP_LF_DECIMAL;
    case PP_NUM_UPPER_LATIN: return PP_LF_UPPER;
    case PP_NUM_LOWER_LATIN_PAREN: return PP_LF_LOWER;
    default: return PP_LF_NONE;
    }
}

/* ---- automatic numbering ------------------------------------------------------ */

static bool latin(char *buf, size_t cap, int n, bool upper)
{
    char tmp[16];
    size_t len = pp_number_format(tmp, sizeof tmp, PP_NUM_UPPER_LATIN, n);
    if (len && tmp[len - 1] == '.') tmp[--len] = 0;
    if (!upper) for (size_t i = 0; i < len; i++) tmp[i] = (char)(tmp[i] | 0x20);
    snprintf(buf, cap, "%s", tmp);
    return true;
}

static bool roman(char *buf, size_t cap, int n, bool upper)
{
    static const struct { int v; const char *s; } r[] = {
        { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
        { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" } };
    char tmp[32];
    size_t o = 0;
    for (size_t i = 0; i < sizeof r / sizeof r[0] && n > 0 && n < 4000; i++)
        while (n >= r[i].v && o + 3 < sizeof tmp) { for (const char *p = r[i].s; *p; p++) tmp[o++] = upper ? (char)(*p & ~0x20) : *p; n -= r[i].v; }
    tmp[o] = 0;
    snprintf(buf, cap, "%s", tmp);
    return o > 0;
}

static bool wide_number(char *buf, size_t cap, int n)
{
    char tmp[64];
    pp_number_format(tmp, sizeof tmp, PP_NUM_DECIMAL_PAREN_WIDE, n);   /* （１２） */
    size_t l = strlen(tmp);
    const size_t paren = strlen("（");
    if (l < 2 * paren) return false;
    tmp[l - paren] = 0;
    snprintf(buf, cap, "%s", tmp + paren);
    return true;
}

/* 甲 乙 丙 … 癸 (the heavenly stems), then decimal digits. */
static bool stem(char *buf, size_t cap, int n)
{
    static const char *const stems[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };
    if (n >= 1 && n <= 10) snprintf(buf, cap, "%s", stems[n - 1]);
    else snprintf(buf, cap, "%d", n);
    return true;
}

/* ① … ⑳, then decimal digits. */
static bool circled(char *buf, size_t cap, int n)
{
    char tmp[8];
    if (n >= 1 && n <= 20) tmp[pp_utf8_encode(0x2460 + (uint32_t)(n - 1), tmp)] = 0;
    else snprintf(tmp, sizeof tmp, "%d", n);
    snprintf(buf, cap, "%s", tmp);
    return true;
}

bool pp_label_word_number(char *buf, size_t cap, const char *fmt, int n)
{
    if (cap) buf[0] = 0;
    if (!fmt || !strcmp(fmt, "decimal") || !strcmp(fmt, "decimalHalfWidth")) { snprintf(buf, cap, "%d", n); return true; }
    if (!strcmp(fmt, "decimalZero")) { snprintf(buf, cap, "%02d", n); return true; }
    if (!strcmp(fmt, "decimalFullWidth") || !strcmp(fmt, "decimalFullWidth2")) return wide_number(buf, cap, n);
    if (!strcmp(fmt, "upperLetter")) return latin(buf, cap, n, true);
    if (!strcmp(fmt, "lowerLetter")) return latin(buf, cap, n, false);
    if (!strcmp(fmt, "upperRoman")) return roman(buf, cap, n, true);
    if (!strcmp(fmt, "lowerRoman")) return roman(buf, cap, n, false);
    if (!strcmp(fmt, "taiwaneseCountingThousand") || !strcmp(fmt, "taiwaneseCounting") ||
        !strcmp(fmt, "chineseCounting") || !strcmp(fmt, "chineseCountingThousand") ||
        !strcmp(fmt, "japaneseCounting") || !strcmp(fmt, "ideographDigital") || !strcmp(fmt, "taiwaneseDigital")) {
        pp_number_han(buf, cap, n, false);
        return true;
    }
    if (!strcmp(fmt, "ideographLegalTraditional") || !strcmp(fmt, "chineseLegalSimplified") ||
        !strcmp(fmt, "japaneseLegal")) {
        pp_number_han(buf, cap, n, true);
        return true;
    }
    if (!strcmp(fmt, "ideographTraditional")) return stem(buf, cap, n);
    if (!strncmp(fmt, "decimalEnclosedCircle", strlen("decimalEnclosedCircle"))) return circled(buf, cap, n);
    return false;   /* bullet, none, and formats read as none here */
}

bool pp_label_odf_number(char *buf, size_t cap, const char *fmt, int n)
{
    if (cap) buf[0] = 0;
    if (!fmt || !*fmt) return false;
    if (!strcmp(fmt, "1")) { snprintf(buf, cap, "%d", n); return true; }
    if (!strcmp(fmt, "A")) return latin(buf, cap, n, true);
    if (!strcmp(fmt, "a")) return latin(buf, cap, n, false);
    if (!strcmp(fmt, "I")) return roman(buf, cap, n, true);
    if (!strcmp(fmt, "i")) return roman(buf, cap, n, false);
    /* the CJK formats are named by their first numbers, "一, 二, 三, ..." */
    uint32_t cp;
    pp_utf8_decode(fmt, strlen(fmt), &cp);
    bool formal;
    int dgt = digit_of(cp, &formal);
    if (dgt == 1) { pp_number_han(buf, cap, n, formal); return true; }
    if (cp == 0xFF11) return wide_number(buf, cap, n);
    if (cp == 0x7532) return stem(buf, cap, n);        /* 甲, 乙, 丙, ... */
    if (cp == 0x2460) return circled(buf, cap, n);     /* ①, ②, ③, ... */
    return false;
}
