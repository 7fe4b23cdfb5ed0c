#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE   /* flock(2) */
#include "batch_lock.h"
#include "xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static const char lock_name[] = ".planpress-batch.lock";

static long holder(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) return 0;
    buf[n] = 0;
    long pid = strtol(buf, NULL, 10);
    return pid > 0 ? pid : 0;
}

/* The open file is still the one at the path: a batch that ends removes its lock
 * file while holding it, so a waiter can be left holding a file nobody else sees. */
static bool current(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int pp_batch_lock_take(pp_batch_lock *l, const char *outdir, bool wait, pp_batch_lock_waiting waiting, void *ctx,
                       pp_diag *d)
{
    l->fd = -1;
    size_t dl = strlen(outdir);
    while (dl > 1 && outdir[dl - 1] == '/') dl--;
    l->path = pp_xmalloc(dl + sizeof lock_name + 1);
    sprintf(l->path, "%.*s/%s", (int)dl, outdir, lock_name);
    bool told = false;
    for (;;) {
        int fd = open(l->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
        if (fd < 0) {
            pp_msg(d, PP_LOC(outdir, 0, 0), OUTDIR_UNWRITABLE, strerror(errno));
            break;
        }
        struct stat st;
        if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            pp_msg(d, PP_LOC(l->path, 0, 0), OUTDIR_LOCK, "it is not a regular file");
            close(fd);
            break;
        }
        int rc;
        while ((rc = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR) {}
        if (rc != 0 && errno == EWOULDBLOCK) {
            long pid = holder(fd);
            if (!wait) {
                char who[40] = "its process id is not known yet";
                if (pid) snprintf(who, sizeof who, "process %ld", pid);
                pp_msg(d, PP_LOC(outdir, 0, 0), OUTDIR_BUSY, who);
                close(fd);
                break;
            }
            if (!told && waiting) waiting(pid, ctx);
            told = true;
            while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR) {}
        }
        if (rc != 0) {
            pp_msg(d, PP_LOC(l->path, 0, 0), OUTDIR_LOCK, strerror(errno));
            close(fd);
            break;
        }
        if (!current(fd, l->path)) { close(fd); continue; }
        char pid[32];
        int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
        if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
            pp_msg(d, PP_LOC(outdir, 0, 0), OUTDIR_UNWRITABLE, strerror(errno));
            close(fd);
            break;
        }
        l->fd = fd;
        return 0;
    }
    free(l->path);
    l->path = NULL;
    return -1;
}

void pp_batch_lock_release(pp_batch_lock *l)
{
    if (l->fd < 0) return;
    if (current(l->fd, l->path)) unlink(l->path);
    close(l->fd);
    l->fd = -1;
    free(l->path);
    l->path = NULL;
}
