/* Numbering labels (壹、 一、 （一） 1. (1) （１） A. …), Chinese numerals and ROC (民國) dates.
 * The forms and their sources: docs/numbering.md.
 *
 * Every formatter writes UTF-8 into a caller buffer and behaves like snprintf:
 *  - it returns the number of bytes the whole text needs (excluding the NUL);
 *  - if cap > 0 the buffer is always NUL-terminated;
 *  - if the text does not fit, it is cut at a UTF-8 character boundary, so a multi-byte
 *    character is never split (with cap 3, "壹、" gives "", "(一)" gives "(").
 *  - buf may be NULL when cap is 0 (to measure).
 * Nothing allocates; everything is reentrant. */
#ifndef PP_NUMBERING_H
#define PP_NUMBERING_H

#include <stddef.h>
#include <stdbool.h>

typedef enum {
  PP_NUM_NONE = 0,
  PP_NUM_FORMAL,            /* 壹、 貳、 … 拾、 拾壹、 … 貳拾、 (Taiwan forms 參/貳/肆/陸) */
  PP_NUM_HAN,               /* 一、 … 十、 十一、 … 二十一、 … 九十九、 一百、 */
  PP_NUM_HAN_PAREN,         /* （一） full-width parens */
  PP_NUM_HAN_PAREN_HALF,    /* (一) */
  PP_NUM_DECIMAL,           /* 1. */
  PP_NUM_DECIMAL_PAREN,     /* (1) */
  PP_NUM_DECIMAL_PAREN_FULL,/* （1） full-width parens, ASCII digits */
  PP_NUM_DECIMAL_PAREN_WIDE,/* （１） full-width parens and full-width digits */
  PP_NUM_UPPER_LATIN,       /* A. … Z. AA. */
  PP_NUM_LOWER_LATIN_PAREN, /* (a) */
  PP_NUM_HAN_BARE,          /* 一 (no punctuation: for "構面一") */
  PP_NUM_FORMAL_BARE,       /* 壹 */
  PP_NUM_DECIMAL_COMMA,     /* 1、 (an Arabic numeral with the enumeration comma) */
  PP_NUM_CHECKBOX,          /* □ for every item: options to tick, hanging like labels */
  PP_NUM_DECIMAL_BARE,      /* 1 (no punctuation: for "構面1") */
  PP_NUM__COUNT
} pp_numstyle;

/* Largest n that the non-decimal styles spell out. */
#define PP_NUM_MAX 999

/* Style from its name in the source/template: "formal" "han" "han-paren" "han-paren-half" "decimal"
 * "decimal-paren" "decimal-paren-full" "decimal-paren-wide" "upper-latin" "lower-latin-paren"
 * "han-bare" "formal-bare" "decimal-comma" "checkbox" "decimal-bare" "none". Exact, case-sensitive match. Returns -1 for an unknown name
 * or NULL. */
int pp_numstyle_from_name(const char *name);

/* The name above for s; NULL if s is not a valid style (PP_NUM__COUNT or out of range). */
const char *pp_numstyle_name(pp_numstyle s);

/* Writes the label for n (1..999) in style s as UTF-8 into buf; snprintf-like (see top).
 *  - PP_NUM_NONE gives "" for every n.
 *  - Latin styles are bijective base 26: A..Z, AA (27) … AZ (52), BA … ZZ (702), AAA (703) ….
 *  - Decimal styles (1. (1) （1） （１）) format any int, in range or not ("0." "(-3)" "（１０００）";
 *    the wide style writes a negative sign as U+FF0D FULLWIDTH HYPHEN-MINUS).
 *  - Han, formal and Latin styles with n outside 1..999 fall back to ASCII decimal digits inside
 *    the style's own punctuation: formal 1000 -> "1000、", han-paren 0 -> "（0）", han-bare -5 -> "-5".
 *  - An invalid s is treated as PP_NUM_DECIMAL. */
size_t pp_number_format(char *buf, size_t cap, pp_numstyle s, int n);

/* Chinese numeral only (no punctuation), lower-case 一…九十九 or formal 壹…玖拾玖, and
 * 一百 一百零一 一百一十 … 九百九十九 / 壹佰 壹佰零壹 壹佰壹拾 … 玖佰玖拾玖.
 * 10..19 are 十…十九 / 拾…拾玖 (no leading 一/壹); after a hundreds digit the tens digit is always
 * written (110 -> 一百一十, 壹佰壹拾), and a zero tens digit before a non-zero unit is 零.
 * 200 is 二百 (not 兩百). n outside 1..999: ASCII decimal digits. snprintf-like. */
size_t pp_number_han(char *buf, size_t cap, int n, bool formal);

/* ROC (民國) dates. */
typedef struct { int year, month, day; } pp_date;   /* Gregorian */

/* True for a Gregorian leap year. */
bool pp_is_leap_year(int year);
/* Days in month (1..12) of year; 0 for a month out of range. */
int pp_days_in_month(int year, int month);
/* True if the date exists (year 1..9999, month 1..12, day 1..days in month). */
bool pp_date_valid(const pp_date *d);

/* Parses "YYYY-MM-DD" strictly (exactly 10 characters, ASCII digits, '-' at 4 and 7, nothing
 * after) and checks it exists (2024-02-29 ok, 2023-02-29 not; year 0000 does not exist).
 * Returns 0 ok, -1 malformed (or s NULL), -2 no such date. out (may be NULL) is written only on 0. */
int pp_date_parse(const char *s, pp_date *out);

int pp_roc_year(int gregorian_year);   /* year - 1911 (2025 -> 114); <= 0 before 1912 */

/* "114 年 1 月 6 日"-style text: ROC year, month, day, not zero-padded, no 中華民國 prefix.
 * spaced=true puts a U+0020 between digits and Han ("114 年 1 月 6 日"); false gives "114年1月6日".
 * The fields are printed as given (no validation; callers pass dates from 1912 on).
 * d NULL gives "". snprintf-like. */
size_t pp_roc_date_format(char *buf, size_t cap, const pp_date *d, bool spaced);

#endif
