/* summary — the account of one render that --verbose and watch print: what
 * was made from what (output path, pages, size), with which template and
 * profile, and how long the stages took. */
#ifndef PP_SUMMARY_H
#define PP_SUMMARY_H
#include "render.h"
#include <stdbool.h>
#include <stdio.h>

/* Writes to f, for a render of `in` to `out` (NULL: checked only) that
 * returned rc, whose stats are st: one line, or with `verbose` also the
 * template, the profile and the stage timings, one a line. errors and
 * warnings are the render's counts. */
void pp_summary_print(FILE *f, const char *in, const char *out, int rc, const pp_render_stats *st,
                      const pp_render_opts *o, int errors, int warnings, bool verbose);
/* Only the verbose part: template, profile, stage timings, output. */
void pp_summary_details(FILE *f, const char *out, int rc, const pp_render_stats *st, const pp_render_opts *o);
#endif
