/* roc_dates — finds the dates in running text that do not exist: 「110年2月30日」,
 * 「110年13月」, 「8月31日」 after a year in the same text (「110年2月5日及8月31日」;
 * a month and day with no year before them are checked as if in a leap year),
 * 「0年」, years of five or more digits and negative years. ROC years (110) and
 * Gregorian ones (2021) both count; ASCII and full-width digits alike. A digit
 * run never starts inside a number (「第11490000310號」 holds no date), and a month
 * alone is no date (「每3月」). Pure: no allocation, no I/O. */
#ifndef PP_ROC_DATES_H
#define PP_ROC_DATES_H
#include <stddef.h>

/* Called for each date that does not exist: bytes [start, end) of the text, and
 * why (" (no such month)", " (there is no year 0)", "" when the day does not exist). */
typedef void (*pp_bad_date_fn)(void *ctx, size_t start, size_t end, const char *why);

/* Scans text[0..len) (UTF-8) and reports every impossible date, in order. */
void pp_roc_dates_scan(const char *text, size_t len, pp_bad_date_fn fn, void *ctx);
#endif
