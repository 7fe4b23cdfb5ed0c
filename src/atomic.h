/* atomic — replacing a small text file so a reader never sees it half written:
 * a temporary file beside the target, renamed over it once complete. */
#ifndef PP_ATOMIC_H
#define PP_ATOMIC_H
#include <limits.h>
#include <stdio.h>

typedef struct pp_atomic {
    FILE *f;                 /* write here */
    char tmp[PATH_MAX];
    char path[PATH_MAX];
} pp_atomic;

/* Opens a temporary file beside path. Returns 0, or -1 with errno set. */
int pp_atomic_open(pp_atomic *a, const char *path);
/* Closes and renames into place (0), or removes the temporary on any write error (-1). */
int pp_atomic_commit(pp_atomic *a);
/* Abandons the file: nothing is left behind. */
void pp_atomic_abort(pp_atomic *a);
#endif
