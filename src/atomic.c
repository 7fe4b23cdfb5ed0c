#define _POSIX_C_SOURCE 200809L
#include "atomic.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pp_atomic_open(pp_atomic *a, const char *path)
{
    a->f = NULL;
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path) : 0;
    if (strlen(path) >= sizeof a->path) { errno = ENAMETOOLONG; return -1; }
    strcpy(a->path, path);
    int n = snprintf(a->tmp, sizeof a->tmp, "%.*s%s.%s.XXXXXX", dirlen, path, slash ? "/" : "",
                     slash ? slash + 1 : path);
    if (n < 0 || (size_t)n >= sizeof a->tmp) { errno = ENAMETOOLONG; return -1; }
    int fd = mkstemp(a->tmp);
    if (fd < 0) return -1;
    /* mkstemp makes it 0600; a published file is as readable as any other output */
    mode_t um = umask(0);
    umask(um);
    fchmod(fd, 0666 & ~um);
    a->f = fdopen(fd, "w");
    if (!a->f) { int e = errno; close(fd); unlink(a->tmp); errno = e; return -1; }
    return 0;
}

int pp_atomic_commit(pp_atomic *a)
{
    int bad = ferror(a->f);
    if (fclose(a->f) != 0) bad = 1;
    a->f = NULL;
    if (bad || rename(a->tmp, a->path) != 0) {
        int e = errno;
        unlink(a->tmp);
        errno = e;
        return -1;
    }
    return 0;
}

void pp_atomic_abort(pp_atomic *a)
{
    if (a->f) fclose(a->f);
    a->f = NULL;
    unlink(a->tmp);
}
