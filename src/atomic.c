#define _POSIX_C_SOURCE 200809L
#include "atomic.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Temporaries the signal handler removes: a fixed table, since a handler may
 * neither allocate nor lock. A slot is published only once its name is complete. */
enum { MAX_OPEN = 16 };
static char open_tmp[MAX_OPEN][NAME_MAX + 1];
static int open_dir[MAX_OPEN];
static volatile sig_atomic_t open_used[MAX_OPEN];

static int claim(int dir, const char *tmp)
{
    for (int i = 0; i < MAX_OPEN; i++) {
        if (open_used[i]) continue;
        memcpy(open_tmp[i], tmp, strlen(tmp) + 1);
        open_dir[i] = dir;
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
        if (open_used[i]) unlinkat(open_dir[i], open_tmp[i], 0);
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

/* Creates tmp (its last six characters XXXXXX replaced) in dir, as mkstemp does. */
static int make_temp(int dir, char *tmp)
{
    static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static unsigned counter;
    char *x = tmp + strlen(tmp) - 6;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t v = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 40);
    for (int tries = 0; tries < 1000; tries++) {
        v = v * 6364136223846793005u + 1442695040888963407u + counter++;
        uint64_t r = v >> 16;
        for (int i = 0; i < 6; i++, r /= 62) x[i] = chars[r % 62];
        /* 0666 less the umask: a published file is as readable as any other output */
        int fd = openat(dir, tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

int pp_atomic_open(pp_atomic *a, const char *path)
{
    a->f = NULL;
    a->dir = -1;
    a->slot = -1;
    size_t len = strlen(path);
    if (len >= PATH_MAX) { errno = ENAMETOOLONG; return -1; }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base) { errno = *path ? EISDIR : ENOENT; return -1; }
    if (strlen(base) > NAME_MAX) { errno = ENAMETOOLONG; return -1; }   /* as rename would say */
    strcpy(a->name, base);
    /* ".NAME.XXXXXX" beside the target (a batch finds a crashed worker's by it), or
     * ".pp-XXXXXX" when that would be longer than a file name may be */
    size_t bl = strlen(base);
    if (bl + 8 <= NAME_MAX) {
        a->tmp[0] = '.';
        memcpy(a->tmp + 1, base, bl);
        memcpy(a->tmp + 1 + bl, ".XXXXXX", 8);
    } else {
        strcpy(a->tmp, ".pp-XXXXXX");
    }
    char dir[PATH_MAX];
    if (!slash) strcpy(dir, ".");
    else if (slash == path) strcpy(dir, "/");
    else { memcpy(dir, path, (size_t)(slash - path)); dir[slash - path] = 0; }
    a->dir = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (a->dir < 0) return -1;
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);   /* no signal between creating and recording it */
    int fd = make_temp(a->dir, a->tmp);
    if (fd >= 0) a->slot = claim(a->dir, a->tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) { int e = errno; close(a->dir); a->dir = -1; errno = e; return -1; }
    a->f = fdopen(fd, "w");
    if (!a->f) { int e = errno; close(fd); pp_atomic_abort(a); errno = e; return -1; }
    return 0;
}

int pp_atomic_commit(pp_atomic *a)
{
    int bad = ferror(a->f);
    int e = bad ? EIO : 0;
    if (fclose(a->f) != 0) { bad = 1; e = errno; }
    a->f = NULL;
    if (!bad && renameat(a->dir, a->tmp, a->dir, a->name) != 0) { bad = 1; e = errno; }
    if (bad) unlinkat(a->dir, a->tmp, 0);
    unclaim(a);
    close(a->dir);
    a->dir = -1;
    if (bad) { errno = e; return -1; }
    return 0;
}

void pp_atomic_abort(pp_atomic *a)
{
    if (a->f) fclose(a->f);
    a->f = NULL;
    if (a->dir >= 0) unlinkat(a->dir, a->tmp, 0);
    unclaim(a);   /* before its folder is closed: the handler never sees a stale descriptor */
    if (a->dir >= 0) close(a->dir);
    a->dir = -1;
}
