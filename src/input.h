/* input — reading a whole input file (a source, a template, a plan, a batch
 * list) safely: it is opened only if it is a regular file, since a FIFO would
 * block for ever and a device never end, and read up to a size cap. */
#ifndef PP_INPUT_H
#define PP_INPUT_H
#include "buf.h"
#include "diag.h"

/* The largest input planpress reads, in bytes: far above any real plan (the
 * largest sample is ~60 kB), small enough that a mistaken path fails at once. */
#define PP_INPUT_MAX ((size_t)64 << 20)

/* Appends the file's bytes to *out ("-" is standard input, whatever it is).
 * Returns 0, or -1 after a message naming path (missing, unreadable, not a
 * regular file, larger than max). */
int pp_input_read(const char *path, size_t max, pp_buf *out, pp_diag *d);
/* Notes a file planpress reads by other means (a font mapped by HarfBuzz), so
 * that it too is refused as an output. Nothing for a path that is no regular file. */
void pp_input_note(const char *path);
/* The path a file (st: its stat) was read by, if pp_input_read has read it in
 * this process and that path still names it; else NULL. The string lives as
 * long as the process. */
struct stat;
const char *pp_input_seen(const struct stat *st);
#endif
