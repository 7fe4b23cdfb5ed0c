#define _POSIX_C_SOURCE 200809L
#include "output.h"
#include "atomic.h"
#include "input.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file that does not exist yet: its folder must, and take a new file of that
 * name, so that a render does not run to its end only to fail there. */
static int new_file_ok(const char *path, pp_diag *d)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int e = 0;
    if (!*base) e = *path ? EISDIR : ENOENT;
    else if (strlen(base) > NAME_MAX || strlen(path) >= PATH_MAX) e = ENAMETOOLONG;
    else {
        char dir[PATH_MAX];
        if (!slash) strcpy(dir, ".");
        else if (slash == path) strcpy(dir, "/");
        else { memcpy(dir, path, (size_t)(slash - path)); dir[slash - path] = 0; }
        struct stat st;
        if (stat(dir, &st) != 0) e = errno;
        else if (!S_ISDIR(st.st_mode)) e = ENOTDIR;
        else if (access(dir, W_OK | X_OK) != 0) e = errno;
    }
    if (!e) return 0;
    pp_msg(d, PP_LOC(path, 0, 0), OUTPUT_CREATE, strerror(e));
    return -1;
}

int pp_output_check(const char *path, const char *const *inputs, size_t n, pp_diag *d)
{
    if (strcmp(path, "-") == 0) return 0;
    struct stat out;
    if (stat(path, &out) != 0) return new_file_ok(path, d);
    if (!S_ISREG(out.st_mode)) {
        pp_msg(d, PP_LOC(path, 0, 0), OUTPUT_NOT_REGULAR,
               S_ISDIR(out.st_mode) ? "a folder" : S_ISCHR(out.st_mode) || S_ISBLK(out.st_mode) ? "a device"
               : S_ISFIFO(out.st_mode) ? "a FIFO" : "not a regular file");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        struct stat in;
        if (!inputs[i] || stat(inputs[i], &in) != 0) continue;
        if (in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
            pp_msg(d, PP_LOC(path, 0, 0), OUTPUT_IS_INPUT, inputs[i]);
            return -1;
        }
    }
    /* any other file read so far: a template the named one extends, a --plan */
    const char *read = pp_input_seen(&out);
    if (read) {
        pp_msg(d, PP_LOC(path, 0, 0), OUTPUT_IS_INPUT, read);
        return -1;
    }
    return 0;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t k = write(fd, p, len);
        if (k < 0) { if (errno == EINTR) continue; return -1; }
        p += k;
        len -= (size_t)k;
    }
    return 0;
}

int pp_output_write(const char *path, const void *data, size_t len, pp_diag *d)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != 0) {
            pp_msg(d, PP_LOC("(standard output)", 0, 0), OUTPUT_WRITE, strerror(errno));
            return -1;
        }
        return 0;
    }
    pp_atomic a;
    if (pp_atomic_open(&a, path) != 0) {
        pp_msg(d, PP_LOC(path, 0, 0), OUTPUT_CREATE, strerror(errno));
        return -1;
    }
    if (len) fwrite(data, 1, len, a.f);
    if (pp_atomic_commit(&a) != 0) {
        pp_msg(d, PP_LOC(path, 0, 0), OUTPUT_WRITE, strerror(errno));
        return -1;
    }
    return 0;
}

/* Only what planpress writes is removed: a PDF, or a zip (an ODF package). */
static bool ours(const char *path)
{
    char head[5] = { 0 };
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return false;
    ssize_t k = read(fd, head, sizeof head);
    close(fd);
    return (k == 5 && memcmp(head, "%PDF-", 5) == 0) || (k >= 4 && memcmp(head, "PK\3\4", 4) == 0);
}

void pp_output_discard(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && lstat(path, &st) == 0 && S_ISREG(st.st_mode) && ours(path)) unlink(path);
}
