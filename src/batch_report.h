/* batch_report — OUTDIR/report.json: the batch's summary and, per source in input
 * order, its output, status, pages, bytes, time, warning and error counts and
 * messages. Written atomically; strings are escaped as JSON requires (invalid
 * UTF-8 becomes U+FFFD, so the file always parses). */
#ifndef PP_BATCH_REPORT_H
#define PP_BATCH_REPORT_H
#include "batch_job.h"

/* Returns 0, or -1 with errno set (nothing is left at path then). */
int pp_batch_write_report(const char *path, const pp_job *jobs, size_t n, const pp_batch_summary *s);
#endif
