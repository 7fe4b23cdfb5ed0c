#include "diag.h"
#include <stdarg.h>

void pp_diag_init(pp_diag *d, FILE *out)
{
    d->out = out;
    d->errors = d->warnings = 0;
    d->max_messages = 200;
}

void pp_diag_emit(pp_diag *d, pp_level lvl, const char *file, long line, long col,
                  const char *fmt, ...)
{
    if (lvl == PP_ERROR) d->errors++; else d->warnings++;
    int seen = d->errors + d->warnings;
    if (!d->out || (d->max_messages && seen > d->max_messages)) return;
    if (d->max_messages && seen == d->max_messages) {
        fprintf(d->out, "%s: note: too many messages, the rest are counted only\n",
                file ? file : "planpress");
        return;
    }
    if (file) {
        fputs(file, d->out);
        if (line > 0) fprintf(d->out, ":%ld", line);
        if (line > 0 && col > 0) fprintf(d->out, ":%ld", col);
        fputs(": ", d->out);
    } else {
        fputs("planpress: ", d->out);
    }
    fputs(lvl == PP_ERROR ? "error: " : "warning: ", d->out);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(d->out, fmt, ap);
    va_end(ap);
    fputc('\n', d->out);
}
