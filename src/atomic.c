#define _POSIX_C_SOURCE 200809L
#include "atomic.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporaries the signal handler removes: a fixed table, since a handler may
 * neither allocate nor lock. A slot is published only once its path is complete. */
enum { MAX_OPEN = 16 };
static char open_tmp[MAX_OPEN][PATH_MAX];
static volatile sig_atomic_t open_used[MAX_OPEN];

static int claim(const char *tmp)
{
    for (int i = 0; i < MAX_OPEN; i++) {
        if (open_used[i]) continue;
        memcpy(open_tmp[i], tmp, strlen(tmp) + 1);
        open_used[i] = 1;
        return i;
    }
    return -1;   /* more open at once than the table holds: still removed on errors, not on signals */
}

static void unclaim(pp_atomic *a)
{
    if (a->slot >= 0) open_used[a->slot] = 0;
    a->slot = -1;
}

static void on_signal(int sig)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_used[i]) unlink(open_tmp[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

void pp_atomic_cleanup_on_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    int sigs[] = { SIGINT, SIGTERM, SIGHUP };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* a signal the caller chose to ignore stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

int pp_atomic_open(pp_atomic *a, const char *path)
{
    a->f = NULL;
    a->slot = -1;
    if (strlen(path) >= sizeof a->path) { errno = ENAMETOOLONG; return -1; }
    strcpy(a->path, path);
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path) : 0;
    /* ".NAME.XXXXXX" beside the target (a batch finds a crashed worker's by it), or
     * ".pp-XXXXXX" when that would be longer than a file name may be */
    const char *base = slash ? slash + 1 : path;
    int n = strlen(base) + 8 <= NAME_MAX
          ? snprintf(a->tmp, sizeof a->tmp, "%.*s%s.%s.XXXXXX", dirlen, path, slash ? "/" : "", base)
          : snprintf(a->tmp, sizeof a->tmp, "%.*s%s.pp-XXXXXX", dirlen, path, slash ? "/" : "");
    if (n < 0 || (size_t)n >= sizeof a->tmp) { errno = ENAMETOOLONG; return -1; }
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);   /* no signal between creating and recording it */
    int fd = mkstemp(a->tmp);
    if (fd >= 0) a->slot = claim(a->tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) return -1;
    /* mkstemp makes it 0600; a published file is as readable as any other output */
    mode_t um = umask(0);
    umask(um);
    fchmod(fd, 0666 & ~um);
    a->f = fdopen(fd, "w");
    if (!a->f) { int e = errno; close(fd); unlink(a->tmp); unclaim(a); errno = e; return -1; }
    return 0;
}

int pp_atomic_commit(pp_atomic *a)
{
    int bad = ferror(a->f);
    int e = bad ? EIO : 0;
    if (fclose(a->f) != 0) { bad = 1; e = errno; }
    a->f = NULL;
    if (!bad && rename(a->tmp, a->path) != 0) { bad = 1; e = errno; }
    if (bad) unlink(a->tmp);
    unclaim(a);
    if (bad) { errno = e; return -1; }
    return 0;
}

void pp_atomic_abort(pp_atomic *a)
{
    if (a->f) fclose(a->f);
    a->f = NULL;
    unlink(a->tmp);
    unclaim(a);
}
