#define _POSIX_C_SOURCE 200809L
#include "input.h"
#include "xalloc.h"
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m) ? "a folder" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) || S_ISBLK(m) ? "a device"
         : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

/* Every regular file read so far, by device and inode: pp_output_check refuses
 * them all as outputs (a template's parents, not only the one named). */
typedef struct seen_file { dev_t dev; ino_t ino; char *path; } seen_file;
static seen_file *seen;
static size_t nseen, capseen;
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

static void remember(const struct stat *st, const char *path)
{
    pthread_mutex_lock(&seen_lock);
    size_t i = 0;
    while (i < nseen && !(seen[i].dev == st->st_dev && seen[i].ino == st->st_ino)) i++;
    if (i == nseen) {
        PP_GROW(seen, capseen, nseen + 1);
        seen[nseen++] = (seen_file){ st->st_dev, st->st_ino, pp_xstrdup(path) };
    }
    pthread_mutex_unlock(&seen_lock);
}

void pp_input_note(const char *path)
{
    struct stat st;
    if (path && stat(path, &st) == 0 && S_ISREG(st.st_mode)) remember(&st, path);
}

const char *pp_input_seen(const struct stat *st)
{
    const char *path = NULL;
    pthread_mutex_lock(&seen_lock);
    for (size_t i = 0; i < nseen && !path; i++) {
        if (seen[i].dev != st->st_dev || seen[i].ino != st->st_ino) continue;
        /* still that file at that path? A file read long ago (a long-running watch)
         * may have been replaced since and its inode number given to another */
        struct stat now;
        if (stat(seen[i].path, &now) == 0 && now.st_dev == st->st_dev && now.st_ino == st->st_ino) path = seen[i].path;
    }
    pthread_mutex_unlock(&seen_lock);
    return path;
}

int pp_input_read(const char *path, size_t max, pp_buf *out, pp_diag *d)
{
    pp_loc at = PP_LOC(path, 0, 0);
    int fd;
    bool in = strcmp(path, "-") == 0;   /* standard input: a pipe is what it is for */
    if (in) {
        fd = dup(STDIN_FILENO);
        if (fd < 0) { pp_msg(d, at, CANNOT_OPEN, strerror(errno)); return -1; }
    } else {
        /* O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked next */
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        struct stat st;
        if (fd < 0) {
            int e = errno;
            /* a socket cannot be opened at all (ENXIO): say what it is */
            if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) pp_msg(d, at, NOT_REGULAR, kind_of(st.st_mode));
            else pp_msg(d, at, CANNOT_OPEN, strerror(e));
            return -1;
        }
        if (fstat(fd, &st) != 0) { pp_msg(d, at, CANNOT_READ, strerror(errno)); close(fd); return -1; }
        if (!S_ISREG(st.st_mode)) { pp_msg(d, at, NOT_REGULAR, kind_of(st.st_mode)); close(fd); return -1; }
        if ((size_t)st.st_size > max) { pp_msg(d, at, FILE_TOO_LARGE, max >> 20); close(fd); return -1; }
        remember(&st, path);
        pp_buf_reserve(out, (size_t)st.st_size);
    }
    size_t start = out->len;
    for (;;) {
        if (out->len - start > max) {   /* the file grew while being read */
            pp_msg(d, at, FILE_TOO_LARGE, max >> 20);
            out->len = start;
            close(fd);
            return -1;
        }
        pp_buf_reserve(out, 65536);
        ssize_t k = read(fd, out->data + out->len, out->cap - out->len - 1);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            pp_msg(d, at, CANNOT_READ, strerror(errno));
            out->len = start;
            out->data[out->len] = 0;
            close(fd);
            return -1;
        }
        if (k == 0) break;
        out->len += (size_t)k;
    }
    out->data[out->len] = 0;
    close(fd);
    return 0;
}
