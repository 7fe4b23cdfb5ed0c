/* diag — where every message planpress prints goes: `file:line:col: level: text`
 * (or one JSON object a line), counted by level so that the command line can
 * decide the exit status from the worst one seen. The messages themselves, each
 * with its id, level and wording, are the catalog in messages.h; code reports
 * them with pp_msg(d, at, ID, args...). One pp_diag per document stream (batch
 * workers own their own). */
#ifndef PP_DIAG_H
#define PP_DIAG_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes of the command line; pp_diag_exit_code maps levels onto them. */
enum { PP_EXIT_OK = 0, PP_EXIT_INPUT = 1, PP_EXIT_USAGE = 2, PP_EXIT_ENV = 3, PP_EXIT_SYSTEM = 4 };

/* Message levels, in rising severity. Anything from PP_ERROR up means the
 * document was not (or could not be) made. */
typedef enum {
    PP_NOTE = 0,    /* a remark that goes with the message before it */
    PP_WARNING,     /* printed; the output is made */
    PP_ERROR,       /* bad input: the source (or template) must change */
    PP_USAGE,       /* the command line is wrong: nothing was done */
    PP_ENV,         /* the environment: a font, template or profile cannot be found */
    PP_SYS,         /* the system: a file cannot be read or written, memory ran out */
    PP_LEVEL__COUNT
} pp_level;

/* Where a message points; file NULL is the program itself, line/col 0 are left out. */
typedef struct pp_loc { const char *file; long line, col; } pp_loc;
#define PP_LOC(file, line, col) ((pp_loc){ (file), (line), (col) })
#define PP_NOWHERE ((pp_loc){ NULL, 0, 0 })

typedef enum { PP_DIAG_TEXT, PP_DIAG_JSON } pp_diag_format;

typedef struct pp_diag {
    FILE *out;              /* where messages go; NULL to count only */
    pp_diag_format format;
    bool quiet;             /* warnings and notes are counted, not printed */
    int count[PP_LEVEL__COUNT];
    int errors;             /* messages at PP_ERROR or worse */
    int warnings;
    pp_level worst;         /* the most severe level seen (PP_NOTE: none) */
    int max_messages;       /* stop printing (still counting) past this many; 0 = no limit */
    int printed;
    /* capture mode (pp_diag_capture): each message line, without its newline, is
     * kept here instead of printed, so a batch shows a document's messages together */
    bool capture;
    char **lines;           /* in d->format */
    char **other;           /* the same messages in the other format (a batch's parent prints
                             * one and keeps the text in its report) */
    unsigned char *levels;  /* each message's pp_level */
    size_t nlines, cap_lines;
} pp_diag;

/* Prints to `out` (NULL: counts only), text format, at most 200 messages. */
void pp_diag_init(pp_diag *d, FILE *out);
/* Keeps messages in d->lines from now on (out is ignored); free with pp_diag_release. */
void pp_diag_capture(pp_diag *d);
/* Frees the captured lines; the counts stay. */
void pp_diag_release(pp_diag *d);

/* Reports one message. Use pp_msg, which takes level, id and format from the catalog. */
void pp_diag_report(pp_diag *d, pp_loc at, pp_level lvl, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
#define pp_msg(d, at, M, ...) pp_diag_report((d), (at), PP_MSG_##M, ##__VA_ARGS__)
/* The same with a va_list, for wrappers that are themselves keyed by catalog name. */
void pp_diag_vreport(pp_diag *d, pp_loc at, pp_level lvl, const char *id, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

/* The exit status for the worst level seen: 0 up to warnings, then 1, 2, 3 or 4. */
int pp_diag_exit_code(const pp_diag *d);
/* Raises d's counts and worst level by those of `from` (a batch summing its documents). */
void pp_diag_merge_counts(pp_diag *d, const pp_diag *from);
/* The level's name as printed ("error", "warning", ...). */
const char *pp_level_name(pp_level lvl);

#include "messages.h"
#endif
