/* batch_lock — one batch at a time in an output folder: an exclusive flock(2) on
 * OUTDIR/.planpress-batch.lock, which holds the holder's process id. The batch
 * takes it before it writes anything and keeps it until its report is written;
 * its workers inherit it, so a worker that outlives a killed batch still holds
 * the folder. A second batch waits for it, or with --no-wait refuses. Taking the
 * lock is also the first write into OUTDIR, so an unwritable folder fails here,
 * before any source is rendered. The kernel drops the lock when the last holder
 * exits, however it ends; the file is removed by a batch that ends normally. */
#ifndef PP_BATCH_LOCK_H
#define PP_BATCH_LOCK_H
#include "diag.h"
#include <stdbool.h>

typedef struct pp_batch_lock {
    int fd;                /* -1: not held */
    char *path;
} pp_batch_lock;

/* Called once, before blocking, when another batch holds the folder: its process
 * id (0 when unknown). */
typedef void (*pp_batch_lock_waiting)(long holder_pid, void *ctx);

/* Takes the lock on outdir (an existing folder). If another batch holds it:
 * waits when `wait` (calling waiting first, if not NULL), else fails. Returns 0,
 * or -1 after a message (the folder cannot be written, cannot be locked, or is
 * held and wait is false); l->fd is -1 then. */
int pp_batch_lock_take(pp_batch_lock *l, const char *outdir, bool wait, pp_batch_lock_waiting waiting, void *ctx,
                       pp_diag *d);
/* Removes the lock file and lets the lock go (a held lock only). */
void pp_batch_lock_release(pp_batch_lock *l);
#endif
