/* sigshim — a preload library for the hostile-input suite: when
 * PP_HOSTILE_SIGNAL_AT_RENAME=N is set, rename() and renameat() first note in
 * $PP_HOSTILE_NOTE whether the file being renamed (planpress's temporary)
 * exists, then raise signal N in the calling thread. So a signal arrives, every
 * time, exactly while a temporary output exists, and the test sees what the
 * signal handler left behind. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void before(int dir, const char *from)
{
    const char *sig = getenv("PP_HOSTILE_SIGNAL_AT_RENAME");
    if (!sig) return;
    const char *note = getenv("PP_HOSTILE_NOTE");
    if (note) {
        int fd = open(note, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd >= 0) {
            dprintf(fd, "%s %s\n", from, faccessat(dir, from, F_OK, 0) == 0 ? "existed" : "missing");
            close(fd);
        }
    }
    raise(atoi(sig));
}

int renameat(int olddir, const char *from, int newdir, const char *to)
{
    before(olddir, from);
    int (*real)(int, const char *, int, const char *) =
        (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
    return real(olddir, from, newdir, to);
}

int rename(const char *from, const char *to)
{
    before(AT_FDCWD, from);
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}
