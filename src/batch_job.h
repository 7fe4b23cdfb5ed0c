/* batch_job — one source of a batch and what rendering it gave: the parent
 * fills the paths, a worker the results (status, counts, messages, metadata),
 * which travel back to the parent through batch_pool's pipe. And the summary
 * of a whole run. */
#ifndef PP_BATCH_JOB_H
#define PP_BATCH_JOB_H
#include "diag.h"
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef enum { PP_JOB_PENDING, PP_JOB_OK, PP_JOB_SKIPPED, PP_JOB_FAILED } pp_job_status;

/* One source. The parent fills source/output/rel/odt/odt_rel and, after the run,
 * the files' dates; a worker fills the rest. */
typedef struct pp_job {
    char *source;          /* path as found under DIR or as listed */
    char *output;          /* OUTDIR/rel: the PDF */
    char *rel;             /* output path relative to OUTDIR (the index links to it) */
    char *odt, *odt_rel;   /* the .odt beside the PDF (batch --odt), else NULL */
    pp_job_status status;
    int exit_code;         /* PP_EXIT_* of the render (a crash counts as PP_EXIT_INPUT) */
    size_t pages, bytes;   /* of the PDF */
    size_t odt_bytes;
    time_t mtime, odt_mtime;   /* the files' modification times (0: none), for the index and report */
    double ms;
    int warnings, errors;
    char **messages;       /* `file:line:col: error: ...` lines, in order */
    char **json;           /* the same messages as JSON objects (--diagnostics=json) */
    unsigned char *levels; /* and their pp_level (-q prints only errors) */
    size_t nmessages;
    int year;
    char *kind, *kind_label;   /* NULL when the source could not be read */
    char *agency, *parent, *title, *issued;   /* NULL when absent; issued: YYYY-MM-DD */
    char *template_name;   /* the template it was checked and set with (NULL: not loaded) */
    bool has_profile;      /* that template has a profile for its kind */
} pp_job;

typedef struct pp_batch_summary {
    size_t total, ok, skipped, failed;
    double elapsed_ms;
    int workers;
    long peak_rss_kb;      /* largest peak resident size of any worker */
} pp_batch_summary;

/* Frees and resets only what a worker fills (a worker reuses its copy of the job). */
void pp_job_reset(pp_job *j);
/* Frees what a job holds (paths, strings, messages), not the job itself. */
void pp_job_release(pp_job *j);
/* Appends a copy of one message line to a job. */
void pp_job_add_message(pp_job *j, const char *line, const char *json, int level);
/* Reports a catalog message about the job into its messages (and counts):
 * pp_job_msg(j, at, NAME, args...), as pp_msg does for a diag. */
void pp_job_vreport(pp_job *j, pp_loc at, pp_level lvl, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
#define pp_job_msg(j, at, M, ...) pp_job_vreport((j), (at), PP_MSG_##M, ##__VA_ARGS__)
#endif
