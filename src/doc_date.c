#define _POSIX_C_SOURCE 200809L   /* gmtime_r */
#include "doc_date.h"
#include <errno.h>
#include <stdlib.h>
#include <time.h>

pp_doc_date pp_doc_date_of(const pp_doc *doc, pp_diag *d)
{
    pp_doc_date r = { 0 };
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        struct tm tm;
        time_t tt = (time_t)v;
        if (errno || *end || v < 0 || v > 253402300799LL || !gmtime_r(&tt, &tm)) {
            pp_msg(d, PP_NOWHERE, BAD_SOURCE_DATE_EPOCH, sde);
        } else {
            return (pp_doc_date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 0, true };
        }
    }
    /* the latest issuance (the last line) dates the document */
    const pp_issued *is = doc->meta.nissued ? &doc->meta.issued[doc->meta.nissued - 1] : NULL;
    if (is && is->y > 0 && is->m > 0 && is->d > 0) r = (pp_doc_date){ is->y, is->m, is->d, 0, 0, 0, 8 * 60, true };
    return r;
}
