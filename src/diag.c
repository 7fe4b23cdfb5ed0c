#define _POSIX_C_SOURCE 200809L
#include "diag.h"
#include "xalloc.h"
#include <stdarg.h>
#include <stdlib.h>

void pp_diag_init(pp_diag *d, FILE *out)
{
    d->out = out;
    d->errors = d->warnings = 0;
    d->max_messages = 200;
    d->capture = false;
    d->lines = NULL;
    d->nlines = d->cap_lines = 0;
}

void pp_diag_capture(pp_diag *d) { d->capture = true; }

void pp_diag_release(pp_diag *d)
{
    for (size_t i = 0; i < d->nlines; i++) free(d->lines[i]);
    free(d->lines);
    d->lines = NULL;
    d->nlines = d->cap_lines = 0;
}

void pp_diag_emit(pp_diag *d, pp_level lvl, const char *file, long line, long col,
                  const char *fmt, ...)
{
    if (lvl == PP_ERROR) d->errors++; else d->warnings++;
    int seen = d->errors + d->warnings;
    if ((!d->out && !d->capture) || (d->max_messages && seen > d->max_messages)) return;
    /* one line is built in memory first, so printing and capturing share the format */
    char *buf = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&buf, &len);
    if (!o) return;
    if (d->max_messages && seen == d->max_messages) {
        fprintf(o, "%s: note: too many messages, the rest are counted only", file ? file : "planpress");
    } else {
        if (file) {
            fputs(file, o);
            if (line > 0) fprintf(o, ":%ld", line);
            if (line > 0 && col > 0) fprintf(o, ":%ld", col);
            fputs(": ", o);
        } else {
            fputs("planpress: ", o);
        }
        fputs(lvl == PP_ERROR ? "error: " : "warning: ", o);
        va_list ap;
        va_start(ap, fmt);
        vfprintf(o, fmt, ap);
        va_end(ap);
    }
    fclose(o);
    if (d->capture) {
        PP_GROW(d->lines, d->cap_lines, d->nlines + 1);
        d->lines[d->nlines++] = buf;
        return;
    }
    fputs(buf, d->out);
    fputc('\n', d->out);
    free(buf);
}
