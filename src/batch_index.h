/* batch_index — OUTDIR/index.html: a downloads page listing every rendered
 * document (year, title, kind, pages, size, link) in one table per agency. Plain
 * HTML with captions and scoped header cells, no script, links relative to OUTDIR;
 * written atomically. */
#ifndef PP_BATCH_INDEX_H
#define PP_BATCH_INDEX_H
#include "batch_job.h"

/* Lists the jobs whose output exists (ok or skipped). Returns 0, or -1 with errno set. */
int pp_batch_write_index(const char *path, const pp_job *jobs, size_t n);
#endif
