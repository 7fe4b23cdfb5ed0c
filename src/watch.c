#define _POSIX_C_SOURCE 200809L
#include "watch.h"
#include "clock.h"
#include "summary.h"
#include "xalloc.h"
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define QUIET_MS 150   /* a save is over when the folder has been still this long */

/* A file watched through its folder: the folder's watch and the file's name in it. */
typedef struct target { int wd; char *dir, *name; } target;

static void split(const char *path, target *t)
{
    const char *slash = strrchr(path, '/');
    t->dir = slash ? (slash == path ? pp_xstrdup("/") : pp_xstrndup(path, (size_t)(slash - path))) : pp_xstrdup(".");
    t->name = pp_xstrdup(slash ? slash + 1 : path);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void stamp(char *buf, size_t cap)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(buf, cap, "%H:%M:%S", &tm);
}

static int render_once(const pp_watch *w, pp_diag *total)
{
    pp_diag d;
    pp_diag_init(&d, w->err);
    d.format = w->format;
    d.quiet = w->quiet;
    pp_render_opts o = *w->opts;
    o.keep_fonts = true;    /* the faces stay open from one save to the next */
    o.dump = NULL;
    pp_render_stats st;
    memset(&st, 0, sizeof st);
    int rc = pp_render_file(w->in, w->out, &o, &d, &st);
    char when[16];
    stamp(when, sizeof when);
    fflush(w->err);
    printf("[%s] ", when);
    pp_summary_print(stdout, w->in, w->out, rc, &st, w->opts, d.errors, d.warnings, w->verbose);
    fflush(stdout);
    int status = pp_diag_exit_code(&d);
    pp_diag_merge_counts(total, &d);
    pp_diag_release(&d);
    return status;
}

/* Which of the targets an event names (-1: none). */
static int which(const target *ts, int n, const struct inotify_event *e)
{
    for (int i = 0; i < n; i++)
        if (e->wd == ts[i].wd && e->len && strcmp(e->name, ts[i].name) == 0) return i;
    return -1;
}

int pp_watch_run(const pp_watch *w, pp_diag *d)
{
    target ts[2];
    int nt = 0;
    split(w->in, &ts[nt++]);
    if (w->opts && w->opts->plan) split(w->opts->plan, &ts[nt++]);
    int status = 0;
    int ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    sigset_t sigs, old;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGHUP);
    /* signals wait for the end of a render, read from a descriptor between renders */
    sigprocmask(SIG_BLOCK, &sigs, &old);
    int sfd = signalfd(-1, &sigs, SFD_CLOEXEC | SFD_NONBLOCK);
    if (ino < 0 || sfd < 0) {
        pp_msg(d, PP_NOWHERE, WATCH_FAILED, ts[0].dir, strerror(errno));
        status = PP_EXIT_SYSTEM;
        goto out;
    }
    for (int i = 0; i < nt; i++) {
        ts[i].wd = inotify_add_watch(ino, ts[i].dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE |
                                                     IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR);
        if (ts[i].wd < 0) {
            pp_msg(d, PP_NOWHERE, WATCH_FAILED, ts[i].dir, strerror(errno));
            status = errno == ENOENT || errno == ENOTDIR ? PP_EXIT_INPUT : PP_EXIT_SYSTEM;
            goto out;
        }
    }
    printf("watching %s: each time it is saved, %s is made again (Ctrl-C to stop)\n", w->in, w->out);
    fflush(stdout);
    int renders = 0;
    bool pending = true, gone = false;   /* the first render at once */
    double due = pp_now_ms();
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        if (pending && pp_now_ms() >= due) {
            pending = false;
            if (!exists(w->in)) {
                if (!gone) pp_msg(d, PP_LOC(w->in, 0, 0), WATCH_SOURCE_GONE);
                gone = true;
            } else {
                gone = false;
                status = render_once(w, d);
                if (w->max_renders && ++renders >= w->max_renders) break;
            }
        }
        struct pollfd p[2] = { { .fd = ino, .events = POLLIN }, { .fd = sfd, .events = POLLIN } };
        int timeout = pending ? (int)(due - pp_now_ms()) + 1 : -1;
        if (timeout == 0) timeout = 1;
        int k = poll(p, 2, timeout);
        if (k < 0 && errno != EINTR) { pp_msg(d, PP_NOWHERE, WATCH_FAILED, ts[0].dir, strerror(errno)); status = PP_EXIT_SYSTEM; break; }
        if (p[1].revents & POLLIN) {
            struct signalfd_siginfo si;
            if (read(sfd, &si, sizeof si) > 0) {
                printf("stopped watching %s\n", w->in);
                status = 0;
                break;
            }
        }
        if (!(p[0].revents & POLLIN)) continue;
        ssize_t len;
        bool folder_gone = false;
        while ((len = read(ino, buf, sizeof buf)) > 0) {
            for (char *q = buf; q < buf + len;) {
                const struct inotify_event *e = (const struct inotify_event *)q;
                q += sizeof *e + e->len;
                if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) { folder_gone = true; continue; }
                if (which(ts, nt, e) < 0) continue;
                /* saved in place, renamed over, created, or gone (perhaps renamed away on
                 * the way to a new version): looked at once the folder is quiet */
                pending = true;
                due = pp_now_ms() + QUIET_MS;
            }
        }
        if (folder_gone) {
            pp_msg(d, PP_NOWHERE, WATCH_FAILED, ts[0].dir, "the folder was deleted or moved");
            status = PP_EXIT_INPUT;
            break;
        }
    }
out:
    if (sfd >= 0) close(sfd);
    if (ino >= 0) close(ino);
    sigprocmask(SIG_SETMASK, &old, NULL);
    for (int i = 0; i < nt; i++) { free(ts[i].dir); free(ts[i].name); }
    pp_render_release_fonts();
    fflush(stdout);
    return status;
}
