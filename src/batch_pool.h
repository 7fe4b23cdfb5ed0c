/* batch_pool — runs jobs in N forked worker processes, one document at a time
 * each, results sent back through a pipe. A worker that dies (signal, exit) or
 * overruns the timeout fails only its current job, its temporary output files are
 * removed, and a fresh worker takes its place. */
#ifndef PP_BATCH_POOL_H
#define PP_BATCH_POOL_H
#include "batch_job.h"

typedef struct pp_pool_opts {
    int workers;
    double timeout_s;                         /* per document; <= 0: none */
    /* runs in a worker: fills the job's results (status, counts, messages, metadata) */
    void (*work)(pp_job *job, void *ctx);
    void *work_ctx;
    /* runs in the parent as each job is finished, in completion order */
    void (*done)(pp_job *job, void *ctx);
    /* runs in the parent at least twice a second while jobs are running (may be NULL) */
    void (*tick)(void *ctx);
    void *ctx;
} pp_pool_opts;

typedef struct pp_pool_stats {
    long peak_rss_kb;      /* largest peak resident size reported by a worker */
    int replaced;          /* workers that died and were replaced */
} pp_pool_stats;

/* Runs *jobs[0..n-1]. Returns 0, or -1 when workers could not be started (errno
 * set); jobs not run are then left PP_JOB_PENDING. */
int pp_pool_run(pp_job **jobs, size_t n, const pp_pool_opts *o, pp_pool_stats *st);
#endif
