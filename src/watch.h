/* watch — `planpress watch IN.xml`: renders the source now and again each time
 * it is saved, for editing beside a PDF viewer. It watches the source's folder
 * with inotify, not the file itself, so that editors which save by writing a
 * new file and renaming it over the old one (most do) are followed like those
 * that write in place; a source deleted or moved away is waited for. Each
 * render prints its messages as `render` does and one status line on standard
 * output. Ctrl-C (SIGINT), SIGTERM and SIGHUP are taken between renders, so a
 * render is never cut short: the watch ends after it, with status 0. */
#ifndef PP_WATCH_H
#define PP_WATCH_H
#include "diag.h"
#include "render.h"
#include <stdbool.h>
#include <stdio.h>

typedef struct pp_watch {
    const char *in, *out;           /* the source and the output file */
    const pp_render_opts *opts;     /* as for render */
    pp_diag_format format;          /* each render's messages: text or JSON */
    bool quiet, verbose;
    FILE *err;                      /* where messages go */
    int max_renders;                /* stop after this many renders (0: never; for tests) */
} pp_watch;

/* Runs until a signal (or max_renders); returns the exit status: 0 after a
 * signal, the last render's status after max_renders, or 3/4 when the folder
 * cannot be watched (after a message). */
int pp_watch_run(const pp_watch *w, pp_diag *d);
#endif
