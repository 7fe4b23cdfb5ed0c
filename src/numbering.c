/* Numbering labels, Chinese numerals and ROC dates. See numbering.h. */
#include "numbering.h"

#include <limits.h>
#include <string.h>

/* ---- a tiny fixed-size builder; every text here is far shorter than PP__TMP ---- */

#define PP__TMP 128

typedef struct {
  char s[PP__TMP];
  size_t len;
} pp__sb;

static void sb_put(pp__sb *b, const char *t) {
  size_t n = strlen(t);
  if (n > PP__TMP - 1 - b->len) n = PP__TMP - 1 - b->len; /* cannot happen; stay safe */
  memcpy(b->s + b->len, t, n);
  b->len += n;
  b->s[b->len] = '\0';
}

/* Appends n in decimal. wide: full-width digits U+FF10..FF19 and U+FF0D for '-'. */
static void sb_int(pp__sb *b, int n, bool wide) {
  static const char *const wd[10] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};
  char digits[16];
  size_t k = 0;
  /* Work in unsigned so INT_MIN is fine. */
  unsigned int u = n < 0 ? 0u - (unsigned int)n : (unsigned int)n;
  do {
    digits[k++] = (char)('0' + u % 10u);
    u /= 10u;
  } while (u && k < sizeof digits);
  if (n < 0) sb_put(b, wide ? "－" : "-");
  while (k > 0) {
    char d = digits[--k];
    if (wide) {
      sb_put(b, wd[d - '0']);
    } else {
      char one[2] = {d, '\0'};
      sb_put(b, one);
    }
  }
}

/* Copies src (len bytes) to buf like snprintf, cutting at a UTF-8 character boundary. */
static size_t emit(char *buf, size_t cap, const char *src, size_t len) {
  if (cap == 0 || buf == NULL) return len;
  size_t cut = len;
  if (cut > cap - 1) {
    cut = cap - 1;
    /* src[cut] is the first byte left out; if it continues a character, drop that character. */
    while (cut > 0 && ((unsigned char)src[cut] & 0xC0u) == 0x80u) cut--;
  }
  memcpy(buf, src, cut);
  buf[cut] = '\0';
  return len;
}

/* ---- style names ---- */

static const char *const style_names[PP_NUM__COUNT] = {
  [PP_NUM_NONE] = "none",
  [PP_NUM_FORMAL] = "formal",
  [PP_NUM_HAN] = "han",
  [PP_NUM_HAN_PAREN] = "han-paren",
  [PP_NUM_HAN_PAREN_HALF] = "han-paren-half",
  [PP_NUM_DECIMAL] = "decimal",
  [PP_NUM_DECIMAL_PAREN] = "decimal-paren",
  [PP_NUM_DECIMAL_PAREN_FULL] = "decimal-paren-full",
  [PP_NUM_DECIMAL_PAREN_WIDE] = "decimal-paren-wide",
  [PP_NUM_UPPER_LATIN] = "upper-latin",
  [PP_NUM_LOWER_LATIN_PAREN] = "lower-latin-paren",
  [PP_NUM_HAN_BARE] = "han-bare",
  [PP_NUM_FORMAL_BARE] = "formal-bare",
  [PP_NUM_DECIMAL_COMMA] = "decimal-comma",
  [PP_NUM_CHECKBOX] = "checkbox",
  [PP_NUM_DECIMAL_BARE] = "decimal-bare",
};

int pp_numstyle_from_name(const char *name) {
  if (name == NULL) return -1;
  for (int i = 0; i < PP_NUM__COUNT; i++)
    if (strcmp(name, style_names[i]) == 0) return i;
  return -1;
}

const char *pp_numstyle_name(pp_numstyle s) {
  int i = (int)s;
  if (i < 0 || i >= PP_NUM__COUNT) return NULL;
  return style_names[i];
}

/* ---- Chinese numerals ---- */

static const char *const han_digit[2][10] = {
  {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"},
  {"零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"}, /* Taiwan forms, not 叁/贰 */
};
static const char *const han_ten[2] = {"十", "拾"};
static const char *const han_hundred[2] = {"百", "佰"};

/* Appends the numeral for 1..999 (or ASCII digits outside). */
static void sb_han(pp__sb *b, int n, bool formal) {
  if (n < 1 || n > PP_NUM_MAX) {
    sb_int(b, n, false);
    return;
  }
  int f = formal ? 1 : 0;
  int h = n / 100, t = n / 10 % 10, u = n % 10;
  if (h > 0) {
    sb_put(b, han_digit[f][h]);
    sb_put(b, han_hundred[f]);
    if (t > 0) {               /* 一百一十, 一百二十三: tens digit always written after 百 */
      sb_put(b, han_digit[f][t]);
      sb_put(b, han_ten[f]);
    } else if (u > 0) {        /* 一百零一 */
      sb_put(b, han_digit[f][0]);
    }
  } else if (t > 0) {          /* §2.2: (t>1 ? D[t] : "") + TEN; 十一 not 一十一 */
    if (t > 1) sb_put(b, han_digit[f][t]);
    sb_put(b, han_ten[f]);
  }
  if (u > 0) sb_put(b, han_digit[f][u]);
}

size_t pp_number_han(char *buf, size_t cap, int n, bool formal) {
  pp__sb b = {.len = 0};
  b.s[0] = '\0';
  sb_han(&b, n, formal);
  return emit(buf, cap, b.s, b.len);
}

/* ---- Latin: bijective base 26 ---- */

static void sb_latin(pp__sb *b, int n, bool upper) {
  if (n < 1 || n > PP_NUM_MAX) {
    sb_int(b, n, false);
    return;
  }
  char tmp[8];
  size_t k = 0;
  while (n > 0 && k < sizeof tmp) {
    n--;
    tmp[k++] = (char)((upper ? 'A' : 'a') + n % 26);
    n /= 26;
  }
  while (k > 0) {
    char one[2] = {tmp[--k], '\0'};
    sb_put(b, one);
  }
}

/* ---- labels ---- */

size_t pp_number_format(char *buf, size_t cap, pp_numstyle s, int n) {
  pp__sb b = {.len = 0};
  b.s[0] = '\0';
  int si = (int)s;
  if (si < 0 || si >= PP_NUM__COUNT) s = PP_NUM_DECIMAL;
  switch (s) {
  case PP_NUM_NONE:
  case PP_NUM__COUNT:
    break;
  case PP_NUM_FORMAL:
    sb_han(&b, n, true);
    sb_put(&b, "、");
    break;
  case PP_NUM_HAN:
    sb_han(&b, n, false);
    sb_put(&b, "、");
    break;
  case PP_NUM_HAN_PAREN:
    sb_put(&b, "（");
    sb_han(&b, n, false);
    sb_put(&b, "）");
    break;
  case PP_NUM_HAN_PAREN_HALF:
    sb_put(&b, "(");
    sb_han(&b, n, false);
    sb_put(&b, ")");
    break;
  case PP_NUM_DECIMAL:
    sb_int(&b, n, false);
    sb_put(&b, ".");
    break;
  case PP_NUM_DECIMAL_PAREN:
    sb_put(&b, "(");
    sb_int(&b, n, false);
    sb_put(&b, ")");
    break;
  case PP_NUM_DECIMAL_PAREN_FULL:
    sb_put(&b, "（");
    sb_int(&b, n, false);
    sb_put(&b, "）");
    break;
  case PP_NUM_DECIMAL_PAREN_WIDE:
    sb_put(&b, "（");
    sb_int(&b, n, true);
    sb_put(&b, "）");
    break;
  case PP_NUM_UPPER_LATIN:
    sb_latin(&b, n, true);
    sb_put(&b, ".");
    break;
  case PP_NUM_LOWER_LATIN_PAREN:
    sb_put(&b, "(");
    sb_latin(&b, n, false);
    sb_put(&b, ")");
    break;
  case PP_NUM_HAN_BARE:
    sb_han(&b, n, false);
    break;
  case PP_NUM_FORMAL_BARE:
    sb_han(&b, n, true);
    break;
  case PP_NUM_DECIMAL_COMMA:
    sb_int(&b, n, false);
    sb_put(&b, "、");
    break;
  case PP_NUM_CHECKBOX:
    sb_put(&b, "□");   /* the same box for every item: an option to tick */
    break;
  case PP_NUM_DECIMAL_BARE:
    sb_int(&b, n, false);
    break;
  }
  return emit(buf, cap, b.s, b.len);
}

/* ---- dates ---- */

bool pp_is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int pp_days_in_month(int year, int month) {
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && pp_is_leap_year(year)) return 29;
  return dim[month - 1];
}

bool pp_date_valid(const pp_date *d) {
  if (d == NULL) return false;
  if (d->year < 1 || d->year > 9999) return false;
  if (d->month < 1 || d->month > 12) return false;
  return d->day >= 1 && d->day <= pp_days_in_month(d->year, d->month);
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static int digits_value(const char *s, int k) {
  int v = 0;
  for (int i = 0; i < k; i++) v = v * 10 + (s[i] - '0');
  return v;
}

int pp_date_parse(const char *s, pp_date *out) {
  if (s == NULL) return -1;
  /* Check the shape character by character; stops at the first NUL, so short strings are safe. */
  for (int i = 0; i < 10; i++) {
    char c = s[i];
    if (i == 4 || i == 7) {
      if (c != '-') return -1;
    } else if (!is_digit(c)) {
      return -1;
    }
  }
  if (s[10] != '\0') return -1;
  pp_date d = {digits_value(s, 4), digits_value(s + 5, 2), digits_value(s + 8, 2)};
  if (!pp_date_valid(&d)) return -2;
  if (out) *out = d;
  return 0;
}

int pp_roc_year(int gregorian_year) {
  if (gregorian_year < INT_MIN + 1911) return INT_MIN; /* no overflow */
  return gregorian_year - 1911;
}

size_t pp_roc_date_format(char *buf, size_t cap, const pp_date *d, bool spaced) {
  pp__sb b = {.len = 0};
  b.s[0] = '\0';
  if (d != NULL) {
    const char *sp = spaced ? " " : "";
    sb_int(&b, pp_roc_year(d->year), false);
    sb_put(&b, sp);
    sb_put(&b, "年");
    sb_put(&b, sp);
    sb_int(&b, d->month, false);
    sb_put(&b, sp);
    sb_put(&b, "月");
    sb_put(&b, sp);
    sb_int(&b, d->day, false);
    sb_put(&b, sp);
    sb_put(&b, "日");
  }
  return emit(buf, cap, b.s, b.len);
}
