/* diag — every message planpress prints about a source goes through here, as
 * `file:line:col: error|warning: message`, counted so the caller can decide the
 * exit status. One pp_diag per document (batch workers own their own). */
#ifndef PP_DIAG_H
#define PP_DIAG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes of the command line (design.md). */
enum { PP_EXIT_OK = 0, PP_EXIT_INPUT = 1, PP_EXIT_USAGE = 2, PP_EXIT_ENV = 3 };

typedef enum { PP_WARNING, PP_ERROR } pp_level;

typedef struct pp_diag {
    FILE *out;        /* where messages go; NULL to count only */
    int errors;
    int warnings;
    int max_messages; /* stop printing (still counting) past this many; 0 = no limit */
    /* capture mode (pp_diag_capture): each message line, without its newline, is kept
     * here instead of printed, so a batch shows a document's messages together */
    bool capture;
    char **lines;
    size_t nlines, cap_lines;
} pp_diag;

void pp_diag_init(pp_diag *d, FILE *out);
/* Keeps messages in d->lines from now on (out is ignored); free with pp_diag_release. */
void pp_diag_capture(pp_diag *d);
void pp_diag_release(pp_diag *d);
/* Prints one message. file may be NULL (program-level); line/col 0 are omitted. */
void pp_diag_emit(pp_diag *d, pp_level lvl, const char *file, long line, long col,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define pp_error(d, f, l, c, ...) pp_diag_emit((d), PP_ERROR, (f), (l), (c), __VA_ARGS__)
#define pp_warning(d, f, l, c, ...) pp_diag_emit((d), PP_WARNING, (f), (l), (c), __VA_ARGS__)
#endif
