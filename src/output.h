/* output — where a finished document goes. The output path is refused when it
 * names one of the inputs (the source, the template, the plan) or something that
 * is not a regular file (a device, a FIFO, a folder); the bytes are written
 * atomically (atomic.c), so a reader never sees half a file. After a failed
 * render the stale output of an earlier run is removed, so that no out-of-date
 * PDF is taken for the new one — and only a PDF or ODF file: this module is the
 * only one that deletes. */
#ifndef PP_OUTPUT_H
#define PP_OUTPUT_H
#include "diag.h"
#include <stddef.h>

/* Checks that `path` may be written: not one of inputs[0..n) (NULL entries are
 * skipped) nor any file pp_input_read has read in this process; if it exists,
 * a regular file; if not, a name its folder can take. Returns 0, or -1 after a
 * message. */
int pp_output_check(const char *path, const char *const *inputs, size_t n, pp_diag *d);
/* Writes data[0..len) to path atomically ("-" is standard output). Returns 0, or -1
 * after a message (nothing is left at path then, and an older file is kept). */
int pp_output_write(const char *path, const void *data, size_t len, pp_diag *d);
/* Removes an earlier output at path after a failed render: only a regular file
 * that holds what planpress writes (a PDF, an ODF package), never anything else. */
void pp_output_discard(const char *path);
#endif
