/* doc_date — the date a document's files carry (PDF Info and XMP, ODF meta.xml,
 * zip entries): SOURCE_DATE_EPOCH (UTC) when it is set, so that two runs give the
 * same bytes; else the latest issuance, at 00:00 Taiwan time (UTC+8); else none.
 * No clock is read. */
#ifndef PP_DOC_DATE_H
#define PP_DOC_DATE_H
#include "diag.h"
#include "model.h"
#include <stdbool.h>

typedef struct pp_doc_date {
    int y, mo, d, h, mi, s;
    int tz_min;         /* offset from UTC, minutes */
    bool set;           /* false: no date is known */
} pp_doc_date;

/* The document's date (a warning when SOURCE_DATE_EPOCH is not a number of seconds). */
pp_doc_date pp_doc_date_of(const pp_doc *doc, pp_diag *d);
#endif
