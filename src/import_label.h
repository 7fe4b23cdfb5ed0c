/* import_label — the outline labels people type at the start of a paragraph
 * (壹、 一、 （一） (一) 1. 1、 (1) （1） （１） A. (a), □ before an option, and the forms planpress does
 * not print: (二） a. …), read back as a numbering style and a number; and
 * the numbers Word and ODF automatic numbering print, from their format names,
 * so that an automatic label is read by the same scanner as a typed one. */
#ifndef PP_IMPORT_LABEL_H
#define PP_IMPORT_LABEL_H
#include <stdbool.h>
#include <stddef.h>

/* Label families: styles of one family number one level in different dress,
 * so （二） after (一) is a slip at that level, not a new level. */
typedef enum { PP_LF_NONE, PP_LF_FORMAL, PP_LF_HAN, PP_LF_DECIMAL, PP_LF_UPPER, PP_LF_LOWER } pp_label_family;

typedef struct pp_label {
    int style;          /* the pp_numstyle it reads as; for an odd form, the nearest one */
    int number;         /* 1..999 (□: 1, its place is the list's to say) */
    size_t len;         /* bytes taken from the text: the label and the white space after it */
    bool odd;           /* a form planpress does not print ((二） a. １、): keep it as typed */
    char text[48];      /* the label as typed, without white space */
} pp_label;

/* Reads a label at the start of s[0..len). Returns true and fills *out when
 * there is one (followed by text or the end); a number with a decimal point
 * (1.5), a year (110年) or a word (一站式) is no label. */
bool pp_label_scan(const char *s, size_t len, pp_label *out);
/* A bare number at s: a Chinese numeral (一 … 九百九十九, 壹 …) or ASCII
 * digits. Returns the bytes it spans (0: none) and *value. */
size_t pp_label_numeral(const char *s, size_t len, int *value);
/* The family of a pp_numstyle. */
pp_label_family pp_label_family_of(int style);

/* The number n as Word's numbering format `fmt` (w:numFmt: decimal,
 * taiwaneseCountingThousand, ideographLegalTraditional, upperLetter,
 * ideographTraditional 甲乙丙, decimalEnclosedCircle ①②, …) prints it, into buf
 * (snprintf-like). Returns false, buf empty, for bullet, none and formats not
 * known here. Whether the label reads back as a planpress label is the
 * scanner's to say (甲、 does not: it stays text). */
bool pp_label_word_number(char *buf, size_t cap, const char *fmt, int n);
/* The same for ODF's style:num-format ("1", "a", "A", "i", "I", "一, 二, 三, ...",
 * "壹, 貳, 參, ...", "１, ２, ３, ...", "甲, 乙, 丙, ...", "①, ②, ③, ..."). */
bool pp_label_odf_number(char *buf, size_t cap, const char *fmt, int n);
#endif
