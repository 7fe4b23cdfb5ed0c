/* batch — `planpress batch`: every source of a folder or a list rendered by a pool
 * of worker processes (batch_pool), so a bad or crashing source never stops or
 * corrupts the others; outputs that are newer than their source and template are
 * skipped; a report.json (batch_report) and, on request, an index.html (batch_index). */
#ifndef PP_BATCH_H
#define PP_BATCH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { PP_JOB_PENDING, PP_JOB_OK, PP_JOB_SKIPPED, PP_JOB_FAILED } pp_job_status;

/* One source. The parent fills source/output/rel; a worker fills the rest. */
typedef struct pp_job {
    char *source;          /* path as found under DIR or as listed */
    char *output;          /* OUTDIR/rel */
    char *rel;             /* output path relative to OUTDIR (the index links to it) */
    pp_job_status status;
    int exit_code;         /* PP_EXIT_* of the render (a crash counts as PP_EXIT_INPUT) */
    size_t pages, bytes;
    double ms;
    int warnings, errors;
    char **messages;       /* `file:line:col: error: ...` lines, in order */
    size_t nmessages;
    int kind, year;        /* kind: pp_kind, -1 when the source could not be read */
    char *agency, *title;  /* NULL when absent */
} pp_job;

typedef struct pp_batch_summary {
    size_t total, ok, skipped, failed;
    double elapsed_ms;
    int workers;
    long peak_rss_kb;      /* largest peak resident size of any worker */
} pp_batch_summary;

/* argv[1] is "batch"; options follow. Returns a PP_EXIT_* code. */
int pp_batch_main(int argc, char **argv, FILE *err);

/* Frees what a job owns (paths, strings, messages), not the job itself. */
void pp_job_clear(pp_job *j);
/* Frees and resets only what a worker fills (a worker reuses its copy of the job). */
void pp_job_clear_results(pp_job *j);
/* Appends one message line to a job (copied). */
void pp_job_add_message(pp_job *j, const char *line);
#endif
