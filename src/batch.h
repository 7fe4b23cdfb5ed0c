/* batch — `planpress batch`: every source of a folder or a list rendered by a pool
 * of worker processes (batch_pool), so a bad or crashing source never stops or
 * corrupts the others; outputs that are newer than their source and template are
 * skipped; a report.json (batch_report) and, on request, an index.html (batch_index). */
#ifndef PP_BATCH_H
#define PP_BATCH_H
#include "diag.h"

/* argv[1] is "batch"; options follow. Messages go to d (progress and the summary
 * to d->out). Returns the exit status: the worst of the documents' and its own. */
int pp_batch_main(int argc, char **argv, pp_diag *d);
#endif
