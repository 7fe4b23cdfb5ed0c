/* Unit tests for src/numbering.c: labels, Chinese numerals, ROC dates. */
#include "numbering.h"
#include "harness.h"

#include <limits.h>
#include <stdbool.h>
#include <string.h>

static char out[256];

static const char *fmt(pp_numstyle s, int n) {
  size_t need = pp_number_format(out, sizeof out, s, n);
  OK(need == strlen(out), "length %zu of style %d n %d matches strlen %zu", need, (int)s, n, strlen(out));
  return out;
}

static const char *han(int n, bool formal) {
  size_t need = pp_number_han(out, sizeof out, n, formal);
  OK(need == strlen(out), "length %zu of han %d matches strlen %zu", need, n, strlen(out));
  return out;
}

static const char *roc(int y, int m, int d, bool spaced) {
  pp_date dt = {y, m, d};
  size_t need = pp_roc_date_format(out, sizeof out, &dt, spaced);
  OK(need == strlen(out), "length %zu of date matches strlen %zu", need, strlen(out));
  return out;
}

/* Hand-written expectations: n, lower-case, formal. */
static const struct { int n; const char *lo, *up; } numerals[] = {
  {1, "一", "壹"},           {2, "二", "貳"},           {3, "三", "參"},
  {4, "四", "肆"},           {5, "五", "伍"},           {6, "六", "陸"},
  {7, "七", "柒"},           {8, "八", "捌"},           {9, "九", "玖"},
  {10, "十", "拾"},          {11, "十一", "拾壹"},      {12, "十二", "拾貳"},
  {15, "十五", "拾伍"},      {19, "十九", "拾玖"},      {20, "二十", "貳拾"},
  {21, "二十一", "貳拾壹"},  {22, "二十二", "貳拾貳"},  {29, "二十九", "貳拾玖"},
  {30, "三十", "參拾"},      {33, "三十三", "參拾參"},  {40, "四十", "肆拾"},
  {46, "四十六", "肆拾陸"},  {50, "五十", "伍拾"},      {64, "六十四", "陸拾肆"},
  {77, "七十七", "柒拾柒"},  {88, "八十八", "捌拾捌"},  {90, "九十", "玖拾"},
  {98, "九十八", "玖拾捌"},  {99, "九十九", "玖拾玖"},
  {100, "一百", "壹佰"},     {101, "一百零一", "壹佰零壹"}, {105, "一百零五", "壹佰零伍"},
  {110, "一百一十", "壹佰壹拾"}, {111, "一百一十一", "壹佰壹拾壹"},
  {119, "一百一十九", "壹佰壹拾玖"}, {120, "一百二十", "壹佰貳拾"},
  {123, "一百二十三", "壹佰貳拾參"}, {200, "二百", "貳佰"}, {208, "二百零八", "貳佰零捌"},
  {350, "三百五十", "參佰伍拾"}, {999, "九百九十九", "玖佰玖拾玖"},
};

static void test_han_numerals(void) {
  for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++) {
    int n = numerals[i].n;
    OK(strcmp(han(n, false), numerals[i].lo) == 0, "han(%d) = \"%s\", want \"%s\"", n, out, numerals[i].lo);
    OK(strcmp(han(n, true), numerals[i].up) == 0, "formal(%d) = \"%s\", want \"%s\"", n, out, numerals[i].up);
    /* The bare styles are the numeral alone. */
    OK(strcmp(fmt(PP_NUM_HAN_BARE, n), numerals[i].lo) == 0, "han-bare(%d) = \"%s\"", n, out);
    OK(strcmp(fmt(PP_NUM_FORMAL_BARE, n), numerals[i].up) == 0, "formal-bare(%d) = \"%s\"", n, out);
  }
  /* Out of range: ASCII decimal, no crash. */
  STR_EQ(han(0, false), "0");
  STR_EQ(han(1000, true), "1000");
  STR_EQ(han(-7, false), "-7");
  STR_EQ(han(INT_MIN, false), "-2147483648");
  STR_EQ(han(INT_MAX, true), "2147483647");
}

/* An independent reader of lower-case/formal numerals, to check 1..999 round-trips. Returns -1 on
 * anything not in the expected shape. */
static int digit_of(const char *p, bool formal) {
  static const char *const lo[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char *const up[] = {"壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"};
  for (int i = 0; i < 9; i++)
    if (strncmp(p, formal ? up[i] : lo[i], 3) == 0) return i + 1;
  return -1;
}

static int read_han(const char *s, bool formal) {
  const char *ten = formal ? "拾" : "十", *hun = formal ? "佰" : "百";
  const char *p = s;
  int v = 0, d;
  size_t len = strlen(s);
  if (len % 3) return -1;
  /* hundreds */
  if ((d = digit_of(p, formal)) > 0 && strncmp(p + 3, hun, 3) == 0) {
    v += 100 * d;
    p += 6;
    if (*p == '\0') return v;
    if (strncmp(p, "零", 3) == 0) {
      p += 3;
      d = digit_of(p, formal);
      if (d < 0 || p[3] != '\0') return -1;
      return v + d;
    }
    /* after a hundreds digit the tens digit must be written, even 1 */
    d = digit_of(p, formal);
    if (d < 0 || strncmp(p + 3, ten, 3) != 0) return -1;
    v += 10 * d;
    p += 6;
  } else if (strncmp(p, ten, 3) == 0) {
    v += 10;
    p += 3;
  } else if ((d = digit_of(p, formal)) > 0 && strncmp(p + 3, ten, 3) == 0) {
    if (d == 1) return -1; /* 一十 / 壹拾 not allowed without hundreds */
    v += 10 * d;
    p += 6;
  }
  if (*p == '\0') return v;
  d = digit_of(p, formal);
  if (d < 0 || p[3] != '\0') return -1;
  return v + d;
}

static void test_han_roundtrip(void) {
  int bad_lo = 0, bad_up = 0, prc = 0;
  for (int n = 1; n <= 999; n++) {
    if (read_han(han(n, false), false) != n) bad_lo++;
    if (read_han(han(n, true), true) != n) bad_up++;
    if (strstr(out, "叁") || strstr(out, "贰") || strstr(out, "陆") || strstr(out, "佰零零")) prc++;
  }
  INT_EQ(bad_lo, 0);
  INT_EQ(bad_up, 0);
  INT_EQ(prc, 0);
}

static void test_styles(void) {
  /* formal */
  STR_EQ(fmt(PP_NUM_FORMAL, 1), "壹、");
  STR_EQ(fmt(PP_NUM_FORMAL, 2), "貳、");
  STR_EQ(fmt(PP_NUM_FORMAL, 9), "玖、");
  STR_EQ(fmt(PP_NUM_FORMAL, 10), "拾、");
  STR_EQ(fmt(PP_NUM_FORMAL, 11), "拾壹、");
  STR_EQ(fmt(PP_NUM_FORMAL, 19), "拾玖、");
  STR_EQ(fmt(PP_NUM_FORMAL, 20), "貳拾、");
  STR_EQ(fmt(PP_NUM_FORMAL, 21), "貳拾壹、");
  STR_EQ(fmt(PP_NUM_FORMAL, 30), "參拾、");
  STR_EQ(fmt(PP_NUM_FORMAL, 99), "玖拾玖、");
  STR_EQ(fmt(PP_NUM_FORMAL, 100), "壹佰、");
  STR_EQ(fmt(PP_NUM_FORMAL, 101), "壹佰零壹、");
  STR_EQ(fmt(PP_NUM_FORMAL, 110), "壹佰壹拾、");
  /* han */
  STR_EQ(fmt(PP_NUM_HAN, 1), "一、");
  STR_EQ(fmt(PP_NUM_HAN, 2), "二、");
  STR_EQ(fmt(PP_NUM_HAN, 9), "九、");
  STR_EQ(fmt(PP_NUM_HAN, 10), "十、");
  STR_EQ(fmt(PP_NUM_HAN, 11), "十一、");
  STR_EQ(fmt(PP_NUM_HAN, 19), "十九、");
  STR_EQ(fmt(PP_NUM_HAN, 20), "二十、");
  STR_EQ(fmt(PP_NUM_HAN, 21), "二十一、");
  STR_EQ(fmt(PP_NUM_HAN, 30), "三十、");
  STR_EQ(fmt(PP_NUM_HAN, 99), "九十九、");
  STR_EQ(fmt(PP_NUM_HAN, 100), "一百、");
  STR_EQ(fmt(PP_NUM_HAN, 101), "一百零一、");
  STR_EQ(fmt(PP_NUM_HAN, 110), "一百一十、");
  /* han-paren (full-width) */
  STR_EQ(fmt(PP_NUM_HAN_PAREN, 1), "（一）");
  STR_EQ(fmt(PP_NUM_HAN_PAREN, 10), "（十）");
  STR_EQ(fmt(PP_NUM_HAN_PAREN, 11), "（十一）");
  STR_EQ(fmt(PP_NUM_HAN_PAREN, 20), "（二十）");
  STR_EQ(fmt(PP_NUM_HAN_PAREN, 99), "（九十九）");
  STR_EQ(fmt(PP_NUM_HAN_PAREN, 110), "（一百一十）");
  /* han-paren-half */
  STR_EQ(fmt(PP_NUM_HAN_PAREN_HALF, 1), "(一)");
  STR_EQ(fmt(PP_NUM_HAN_PAREN_HALF, 2), "(二)");
  STR_EQ(fmt(PP_NUM_HAN_PAREN_HALF, 19), "(十九)");
  STR_EQ(fmt(PP_NUM_HAN_PAREN_HALF, 21), "(二十一)");
  STR_EQ(fmt(PP_NUM_HAN_PAREN_HALF, 101), "(一百零一)");
  /* decimal */
  STR_EQ(fmt(PP_NUM_DECIMAL, 1), "1.");
  STR_EQ(fmt(PP_NUM_DECIMAL, 9), "9.");
  STR_EQ(fmt(PP_NUM_DECIMAL, 10), "10.");
  STR_EQ(fmt(PP_NUM_DECIMAL, 99), "99.");
  STR_EQ(fmt(PP_NUM_DECIMAL, 110), "110.");
  STR_EQ(fmt(PP_NUM_DECIMAL, 999), "999.");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN, 1), "(1)");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN, 11), "(11)");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN, 99), "(99)");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_FULL, 1), "（1）");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_FULL, 20), "（20）");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_WIDE, 1), "（１）");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_WIDE, 10), "（１０）");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_WIDE, 99), "（９９）");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_WIDE, 1234567890), "（１２３４５６７８９０）");
  /* Full-width digits are exactly U+FF10..U+FF19 (EF BC 90..99). */
  fmt(PP_NUM_DECIMAL_PAREN_WIDE, 7);
  OK(memcmp(out + 3, "\xEF\xBC\x97", 3) == 0, "７ is U+FF17");
  /* Latin: A..Z, then AA, AB … */
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 1), "A.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 2), "B.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 26), "Z.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 27), "AA.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 28), "AB.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 52), "AZ.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 53), "BA.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 99), "CU.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 702), "ZZ.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 703), "AAA.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 999), "ALK.");
  STR_EQ(fmt(PP_NUM_LOWER_LATIN_PAREN, 1), "(a)");
  STR_EQ(fmt(PP_NUM_LOWER_LATIN_PAREN, 3), "(c)");
  STR_EQ(fmt(PP_NUM_LOWER_LATIN_PAREN, 26), "(z)");
  STR_EQ(fmt(PP_NUM_LOWER_LATIN_PAREN, 27), "(aa)");
  /* bare */
  STR_EQ(fmt(PP_NUM_HAN_BARE, 1), "一");
  STR_EQ(fmt(PP_NUM_HAN_BARE, 5), "五");
  STR_EQ(fmt(PP_NUM_FORMAL_BARE, 1), "壹");
  STR_EQ(fmt(PP_NUM_FORMAL_BARE, 3), "參");
  /* none */
  STR_EQ(fmt(PP_NUM_NONE, 1), "");
  STR_EQ(fmt(PP_NUM_NONE, 999), "");
  STR_EQ(fmt(PP_NUM_NONE, -1), "");
}

/* Every level string in the published documents. */
static void test_seed_levels(void) {
  static const char *const formal[] = {"壹、", "貳、", "參、", "肆、", "伍、", "陸、", "柒、", "捌、"};
  for (int i = 0; i < 8; i++) STR_EQ(fmt(PP_NUM_FORMAL, i + 1), formal[i]);
  STR_EQ(fmt(PP_NUM_HAN, 1), "一、");
  STR_EQ(fmt(PP_NUM_HAN_PAREN, 1), "（一）");
  STR_EQ(fmt(PP_NUM_HAN_PAREN, 3), "（三）");
  STR_EQ(fmt(PP_NUM_HAN_PAREN_HALF, 1), "(一)");
  STR_EQ(fmt(PP_NUM_HAN_PAREN_HALF, 3), "(三)");
  STR_EQ(fmt(PP_NUM_DECIMAL, 1), "1.");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN, 1), "(1)");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN, 8), "(8)");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_FULL, 1), "（1）");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_FULL, 2), "（2）");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_WIDE, 1), "（１）");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 1), "A.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 5), "E.");
  /* 構面一 … 構面五 */
  static const char *const bare[] = {"一", "二", "三", "四", "五"};
  for (int i = 0; i < 5; i++) STR_EQ(fmt(PP_NUM_HAN_BARE, i + 1), bare[i]);
}

static void test_out_of_range(void) {
  STR_EQ(fmt(PP_NUM_FORMAL, 0), "0、");
  STR_EQ(fmt(PP_NUM_FORMAL, 1000), "1000、");
  STR_EQ(fmt(PP_NUM_HAN, -3), "-3、");
  STR_EQ(fmt(PP_NUM_HAN_PAREN, 0), "（0）");
  STR_EQ(fmt(PP_NUM_HAN_PAREN_HALF, 1000), "(1000)");
  STR_EQ(fmt(PP_NUM_HAN_BARE, -5), "-5");
  STR_EQ(fmt(PP_NUM_FORMAL_BARE, 1000), "1000");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 0), "0.");
  STR_EQ(fmt(PP_NUM_UPPER_LATIN, 1000), "1000.");
  STR_EQ(fmt(PP_NUM_LOWER_LATIN_PAREN, -1), "(-1)");
  STR_EQ(fmt(PP_NUM_DECIMAL, 0), "0.");
  STR_EQ(fmt(PP_NUM_DECIMAL, INT_MIN), "-2147483648.");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN, -3), "(-3)");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_WIDE, 1000), "（１０００）");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_WIDE, -1), "（－１）");
  STR_EQ(fmt(PP_NUM_DECIMAL_PAREN_WIDE, INT_MIN), "（－２１４７４８３６４８）");
  STR_EQ(fmt(PP_NUM_FORMAL, INT_MAX), "2147483647、");
  /* Invalid style: decimal. */
  STR_EQ(fmt(PP_NUM__COUNT, 4), "4.");
  STR_EQ(fmt((pp_numstyle)-1, 4), "4.");
  STR_EQ(fmt((pp_numstyle)1000, 12), "12.");
}

static void test_new_styles(void) {
  STR_EQ(fmt(PP_NUM_DECIMAL_COMMA, 1), "1、");
  STR_EQ(fmt(PP_NUM_DECIMAL_COMMA, 12), "12、");
  STR_EQ(fmt(PP_NUM_CHECKBOX, 1), "□");
  STR_EQ(fmt(PP_NUM_CHECKBOX, 7), "□");
  STR_EQ(fmt(PP_NUM_DECIMAL_BARE, 1), "1");
}

static void test_names(void) {
  static const char *const names[PP_NUM__COUNT] = {
    "none", "formal", "han", "han-paren", "han-paren-half", "decimal", "decimal-paren",
    "decimal-paren-full", "decimal-paren-wide", "upper-latin", "lower-latin-paren",
    "han-bare", "formal-bare", "decimal-comma", "checkbox", "decimal-bare",
  };
  for (int i = 0; i < PP_NUM__COUNT; i++) {
    STR_EQ(pp_numstyle_name((pp_numstyle)i), names[i]);
    INT_EQ(pp_numstyle_from_name(names[i]), i);
    INT_EQ(pp_numstyle_from_name(pp_numstyle_name((pp_numstyle)i)), i);
  }
  INT_EQ(pp_numstyle_from_name("formal"), PP_NUM_FORMAL);
  INT_EQ(pp_numstyle_from_name("decimal-paren-wide"), PP_NUM_DECIMAL_PAREN_WIDE);
  INT_EQ(pp_numstyle_from_name("roman"), -1);
  INT_EQ(pp_numstyle_from_name(""), -1);
  INT_EQ(pp_numstyle_from_name("Formal"), -1);
  INT_EQ(pp_numstyle_from_name("han "), -1);
  INT_EQ(pp_numstyle_from_name("han-paren-"), -1);
  INT_EQ(pp_numstyle_from_name(NULL), -1);
  OK(pp_numstyle_name(PP_NUM__COUNT) == NULL, "name of PP_NUM__COUNT is NULL");
  OK(pp_numstyle_name((pp_numstyle)-1) == NULL, "name of -1 is NULL");
}

/* True if s is well-formed UTF-8 (enough for what we emit: 1- and 3-byte sequences). */
static bool utf8_ok(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    int k = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
    if (k < 0) return false;
    p++;
    for (int i = 0; i < k; i++, p++)
      if ((*p & 0xC0) != 0x80) return false;
  }
  return true;
}

static void test_truncation(void) {
  char b[16];
  /* cap 0: nothing written, length still reported; NULL buffer allowed. */
  memset(b, 'X', sizeof b);
  INT_EQ(pp_number_format(b, 0, PP_NUM_FORMAL, 1), strlen("壹、"));
  OK(b[0] == 'X', "cap 0 leaves the buffer alone");
  INT_EQ(pp_number_format(NULL, 0, PP_NUM_HAN_PAREN, 1), strlen("（一）"));
  INT_EQ(pp_number_han(NULL, 0, 21, false), strlen("二十一"));
  INT_EQ(pp_roc_date_format(NULL, 0, &(pp_date){2025, 1, 6}, true), strlen("114 年 1 月 6 日"));
  /* cap 1: empty string. */
  INT_EQ(pp_number_format(b, 1, PP_NUM_DECIMAL, 12), 3);
  STR_EQ(b, "");
  /* cap 3 in the middle of a 3-byte character: cut before it. */
  memset(b, 'X', sizeof b);
  INT_EQ(pp_number_format(b, 3, PP_NUM_FORMAL, 1), 6);
  STR_EQ(b, "");
  OK(b[3] == 'X', "cap 3 writes at most 3 bytes");
  INT_EQ(pp_number_format(b, 3, PP_NUM_HAN_PAREN_HALF, 1), 5);
  STR_EQ(b, "(");
  INT_EQ(pp_number_format(b, 3, PP_NUM_DECIMAL_PAREN, 1), 3);
  STR_EQ(b, "(1");
  INT_EQ(pp_number_format(b, 4, PP_NUM_FORMAL, 1), 6);
  STR_EQ(b, "壹");
  INT_EQ(pp_number_format(b, 6, PP_NUM_FORMAL, 1), 6);
  STR_EQ(b, "壹");
  INT_EQ(pp_number_format(b, 7, PP_NUM_FORMAL, 1), 6);
  STR_EQ(b, "壹、");
  INT_EQ(pp_number_han(b, 5, 21, true), 9);
  STR_EQ(b, "貳");
  INT_EQ(pp_roc_date_format(b, 7, &(pp_date){2025, 1, 6}, true), 19);
  STR_EQ(b, "114 ");
  INT_EQ(pp_roc_date_format(b, 8, &(pp_date){2025, 1, 6}, true), 19);
  STR_EQ(b, "114 年");

  /* Exhaustive: every style, a spread of n, every cap up to the full length + 1. The output must be
   * a prefix of the full text, whole characters only, and nothing written past cap. */
  static const int ns[] = {1, 9, 10, 11, 21, 99, 100, 101, 110, 999, 0, 1000, -12};
  int bad = 0;
  for (int s = 0; s < PP_NUM__COUNT; s++) {
    for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++) {
      char full[64];
      size_t len = pp_number_format(full, sizeof full, (pp_numstyle)s, ns[j]);
      for (size_t cap = 0; cap <= len + 1; cap++) {
        char g[80];
        memset(g, 'X', sizeof g);
        size_t r = pp_number_format(g, cap, (pp_numstyle)s, ns[j]);
        bool ok = r == len;
        for (size_t k = cap; k < sizeof g; k++) ok = ok && g[k] == 'X';
        if (cap > 0) {
          size_t got = 0;
          while (got < cap && g[got]) got++;
          ok = ok && got < cap && strncmp(g, full, got) == 0 && utf8_ok(g);
          /* Maximal: cut at most one character (< 4 bytes) short of the room. */
          ok = ok && (got == len || cap - 1 - got < 3);
          if (cap > len) ok = ok && got == len;
        }
        if (!ok) {
          bad++;
          fprintf(stderr, "truncation: style %d n %d cap %zu\n", s, ns[j], cap);
        }
      }
    }
  }
  INT_EQ(bad, 0);
}

static void test_dates(void) {
  pp_date d = {0, 0, 0};
  INT_EQ(pp_date_parse("2025-01-06", &d), 0);
  INT_EQ(d.year, 2025);
  INT_EQ(d.month, 1);
  INT_EQ(d.day, 6);
  INT_EQ(pp_date_parse("2024-02-29", &d), 0);
  INT_EQ(d.year, 2024);
  INT_EQ(d.month, 2);
  INT_EQ(d.day, 29);
  INT_EQ(pp_date_parse("2000-02-29", &d), 0);
  INT_EQ(pp_date_parse("2025-12-31", &d), 0);
  INT_EQ(pp_date_parse("2017-03-15", NULL), 0);
  /* malformed */
  d = (pp_date){1, 2, 3};
  INT_EQ(pp_date_parse("2025-1-6", &d), -1);
  INT_EQ(d.year, 1); /* untouched on failure */
  INT_EQ(pp_date_parse("2025-01-06x", &d), -1);
  INT_EQ(pp_date_parse("", &d), -1);
  INT_EQ(pp_date_parse("abcd-ef-gh", &d), -1);
  INT_EQ(pp_date_parse("2025-01-6", &d), -1);
  INT_EQ(pp_date_parse("2025/01/06", &d), -1);
  INT_EQ(pp_date_parse(" 2025-01-06", &d), -1);
  INT_EQ(pp_date_parse("2025-01-06 ", &d), -1);
  INT_EQ(pp_date_parse("2025-01", &d), -1);
  INT_EQ(pp_date_parse("+025-01-06", &d), -1);
  INT_EQ(pp_date_parse("2025-0a-06", &d), -1);
  INT_EQ(pp_date_parse("２０２５-01-06", &d), -1);
  INT_EQ(pp_date_parse(NULL, &d), -1);
  /* impossible */
  INT_EQ(pp_date_parse("2025-02-29", &d), -2);
  INT_EQ(pp_date_parse("2023-02-29", &d), -2);
  INT_EQ(pp_date_parse("1900-02-29", &d), -2);
  INT_EQ(pp_date_parse("2025-13-01", &d), -2);
  INT_EQ(pp_date_parse("2025-00-10", &d), -2);
  INT_EQ(pp_date_parse("2025-04-31", &d), -2);
  INT_EQ(pp_date_parse("2025-01-00", &d), -2);
  INT_EQ(pp_date_parse("2025-01-32", &d), -2);
  INT_EQ(pp_date_parse("0000-01-01", &d), -2);
  INT_EQ(d.year, 1);
  /* helpers */
  OK(pp_is_leap_year(2024), "2024 leap");
  OK(!pp_is_leap_year(2025), "2025 not leap");
  OK(!pp_is_leap_year(1900), "1900 not leap");
  OK(pp_is_leap_year(2000), "2000 leap");
  INT_EQ(pp_days_in_month(2024, 2), 29);
  INT_EQ(pp_days_in_month(2025, 2), 28);
  INT_EQ(pp_days_in_month(2025, 4), 30);
  INT_EQ(pp_days_in_month(2025, 0), 0);
  INT_EQ(pp_days_in_month(2025, 13), 0);
  OK(!pp_date_valid(NULL), "NULL date invalid");
  /* ROC */
  INT_EQ(pp_roc_year(2025), 114);
  INT_EQ(pp_roc_year(2024), 113);
  INT_EQ(pp_roc_year(2017), 106);
  INT_EQ(pp_roc_year(1912), 1);
  INT_EQ(pp_roc_year(INT_MIN), INT_MIN);
  STR_EQ(roc(2025, 1, 6, true), "114 年 1 月 6 日");
  STR_EQ(roc(2025, 1, 6, false), "114年1月6日");
  STR_EQ(roc(2024, 9, 5, false), "113年9月5日");
  STR_EQ(roc(2017, 3, 15, false), "106年3月15日");
  STR_EQ(roc(2021, 7, 15, true), "110 年 7 月 15 日");
  STR_EQ(roc(2025, 12, 31, true), "114 年 12 月 31 日");
  /* Parse then format, as the issuance line does. */
  OK(pp_date_parse("2025-01-06", &d) == 0, "parse");
  pp_roc_date_format(out, sizeof out, &d, true);
  STR_EQ(out, "114 年 1 月 6 日");
  INT_EQ(pp_roc_date_format(out, sizeof out, NULL, true), 0);
  STR_EQ(out, "");
}

int main(void) {
  test_han_numerals();
  test_han_roundtrip();
  test_styles();
  test_seed_levels();
  test_out_of_range();
  test_names();
  test_new_styles();
  test_truncation();
  test_dates();
  return pp_test_summary();
}
