/* batch_report — OUTDIR/report.json: the batch's summary and, per source in input
 * order, its outputs (PDF, and ODF with --odt), status and exit status, pages,
 * sizes, the PDF's date, time, warning and error counts and messages, and what
 * was read from it: kind, profile (its label, the template), agency and parent,
 * year, title, issuance date. docs/batch.md describes every field; "format"
 * changes when a field changes meaning or goes away. Written atomically; strings
 * are escaped as JSON requires (invalid UTF-8 becomes U+FFFD, so the file always
 * parses). */
#ifndef PP_BATCH_REPORT_H
#define PP_BATCH_REPORT_H
#include "batch_job.h"

/* The version of the report's layout (its "format" field). */
enum { PP_BATCH_REPORT_FORMAT = 2 };

/* Returns 0, or -1 with errno set (nothing is left at path then). */
int pp_batch_write_report(const char *path, const pp_job *jobs, size_t n, const pp_batch_summary *s);
#endif
