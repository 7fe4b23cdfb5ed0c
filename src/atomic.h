/* atomic — replacing a file so that a reader never sees it half written: a
 * temporary file beside the target (.NAME.XXXXXX, or a short .pp-XXXXXX when the
 * target's name is near the file system's limit), renamed over it once complete.
 * Both are named relative to the target's folder, held open, so that a target
 * whose path is just short of PATH_MAX works too. A temporary file is removed on
 * every failure path, and by a SIGINT/SIGTERM/SIGHUP handler while it exists
 * (pp_atomic_cleanup_on_signals). */
#ifndef PP_ATOMIC_H
#define PP_ATOMIC_H
#include <limits.h>
#include <stdio.h>

typedef struct pp_atomic {
    FILE *f;                 /* write here */
    int dir;                 /* the target's folder, open */
    char tmp[NAME_MAX + 1];  /* the temporary's name in it */
    char name[NAME_MAX + 1]; /* the target's name in it */
    int slot;                /* its place in the signal handler's list, or -1 */
} pp_atomic;

/* Opens a temporary file beside path. Returns 0, or -1 with errno set. */
int pp_atomic_open(pp_atomic *a, const char *path);
/* Closes and renames into place (0), or removes the temporary on any write error (-1, errno set). */
int pp_atomic_commit(pp_atomic *a);
/* Abandons the file: nothing is left behind. */
void pp_atomic_abort(pp_atomic *a);
/* Installs SIGINT, SIGTERM and SIGHUP handlers that remove open temporaries and
 * then let the signal do what it would have done. Once per process (the CLI). */
void pp_atomic_cleanup_on_signals(void);
#endif
