/* batch_pool.c — the workers and the parent's loop over them. A worker dies with
 * its parent: on Linux the kernel sends it SIGTERM when the parent dies
 * (PR_SET_PDEATHSIG; the signal handler of atomic.c removes its temporary file),
 * and it also sees the end of its job pipe between jobs. Each job runs under the
 * worker's own alarm as well as the parent's timeout, so a stuck render ends even
 * when the parent cannot act (stopped, or gone on a system without
 * PR_SET_PDEATHSIG). */
#define _POSIX_C_SOURCE 200809L
#include "batch_pool.h"
#include "clock.h"
#include "diag.h"
#include "output.h"
#include "xalloc.h"
#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* One worker process as the parent sees it. */
typedef struct slot {
    pid_t pid;           /* 0: no worker */
    int cmd, res;        /* parent's ends: job numbers out, results in */
    long job;            /* job being rendered, -1 when idle */
    double started;      /* ms */
} slot;

/* A result on the wire: this header, then nstr strings (agency, title, messages),
 * each a uint32 length (NO_STR for NULL) and its bytes. Both ends are the same
 * executable, so the layout needs no encoding. */
typedef struct rec_head {
    uint32_t idx;
    int32_t status, exit_code, warnings, errors, year, has_profile;
    uint64_t pages, bytes, odt_bytes;
    double ms;
    int64_t maxrss_kb;
    uint32_t nstr;
} rec_head;

enum { NO_STR = UINT32_MAX, MAX_STR = 1 << 24, MAX_MESSAGES = 1 << 20, TICK_MS = 400 };
/* the strings of a result before its messages: agency, title, kind, kind label, parent, issued, template,
 * the messages' levels (a byte each); then each message as text and as JSON */
enum { NFIELDS = 8 };
/* A worker's own alarm comes this much after the parent's timeout: the parent,
 * when it can act, stops a stuck worker first and says why. */
enum { WORKER_GRACE_S = 2 };

static int write_full(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* 0 when all n bytes came, -1 on EOF or error (a worker that died mid-record). */
static int read_full(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* ---- worker side ---- */

typedef struct wbuf { char *p; size_t n, cap; } wbuf;

static void put(wbuf *b, const void *data, size_t n)
{
    PP_GROW(b->p, b->cap, b->n + n);
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void put_str(wbuf *b, const char *s)
{
    size_t l = s ? strlen(s) : 0;
    if (l >= MAX_STR) l = MAX_STR - 1;
    uint32_t len = s ? (uint32_t)l : NO_STR;
    put(b, &len, sizeof len);
    if (s) put(b, s, l);
}

static int send_result(int fd, uint32_t idx, const pp_job *j)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    rec_head h = { .idx = idx, .status = (int32_t)j->status, .exit_code = j->exit_code,
                   .warnings = j->warnings, .errors = j->errors, .year = j->year, .has_profile = j->has_profile,
                   .pages = j->pages, .bytes = j->bytes, .odt_bytes = j->odt_bytes, .ms = j->ms,
                   .maxrss_kb = ru.ru_maxrss,
                   .nstr = (uint32_t)(NFIELDS + 2 * j->nmessages) };
    wbuf b = { 0 };
    put(&b, &h, sizeof h);
    char *levels = pp_xcalloc(j->nmessages + 1, 1);
    for (size_t i = 0; i < j->nmessages; i++) levels[i] = (char)('0' + j->levels[i]);
    const char *fields[NFIELDS] = { j->agency, j->title, j->kind, j->kind_label, j->parent, j->issued,
                                    j->template_name, levels };
    for (int i = 0; i < NFIELDS; i++) put_str(&b, fields[i]);
    free(levels);
    for (size_t i = 0; i < j->nmessages; i++) {
        put_str(&b, j->messages[i]);
        put_str(&b, j->json[i]);
    }
    int rc = write_full(fd, b.p, b.n);   /* one buffer: a record is never half sent by a live worker */
    free(b.p);
    return rc;
}

/* Seconds for the worker's own alarm: the parent's timeout, rounded up, plus the
 * grace; 0 (none) without a timeout. */
static unsigned alarm_s(double timeout_s)
{
    if (timeout_s <= 0) return 0;
    double s = timeout_s + WORKER_GRACE_S + 1;
    return s >= (double)UINT_MAX ? UINT_MAX : (unsigned)s;
}

/* In a new worker: die with the parent, let SIGTERM and SIGALRM end it. */
static void worker_signals(pid_t parent)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL }, old;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGALRM, &dfl, NULL);
    /* a SIGTERM the caller ignored would make the death signal a no-op */
    if (sigaction(SIGTERM, NULL, &old) == 0 && old.sa_handler == SIG_IGN) sigaction(SIGTERM, &dfl, NULL);
    signal(SIGPIPE, SIG_DFL);
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
    if (getppid() != parent) _exit(0);   /* the parent died before the line above */
}

static _Noreturn void worker(pp_job **jobs, size_t n, int cmd, int res, const pp_pool_opts *o)
{
    uint32_t idx;
    unsigned limit = alarm_s(o->timeout_s);
    while (read_full(cmd, &idx, sizeof idx) == 0 && idx < n) {
        pp_job *j = jobs[idx];
        alarm(limit);   /* SIGALRM's default action ends the worker: the parent says why */
        o->work(j, o->work_ctx);
        alarm(0);
        if (send_result(res, idx, j) != 0) break;
        pp_job_reset(j);
    }
    /* _exit: the parent's stdio buffers and atexit handlers are not ours to run */
    _exit(0);
}

/* ---- parent side ---- */

static int spawn(slot *slots, int nslots, int k, pp_job **jobs, size_t n, const pp_pool_opts *o)
{
    int cmd[2], res[2];
    if (pipe(cmd) != 0) return -1;
    if (pipe(res) != 0) { close(cmd[0]); close(cmd[1]); return -1; }
    fflush(NULL);   /* else the child would print the parent's pending output again */
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) {
        int e = errno;
        close(cmd[0]); close(cmd[1]); close(res[0]); close(res[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        /* the other workers' pipes must close when the parent closes them, so a
         * worker never holds another's ends (EOF is how deaths and the end are seen) */
        for (int i = 0; i < nslots; i++)
            if (i != k && slots[i].pid > 0) { close(slots[i].cmd); close(slots[i].res); }
        close(cmd[1]);
        close(res[0]);
        worker_signals(parent);
        worker(jobs, n, cmd[0], res[1], o);
    }
    close(cmd[0]);
    close(res[1]);
    slots[k] = (slot){ .pid = pid, .cmd = cmd[1], .res = res[0], .job = -1 };
    return 0;
}

/* Waits for a worker known to be ending; returns its wait status. */
static int reap(slot *s)
{
    int status = 0;
    close(s->cmd);
    close(s->res);
    while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR) {}
    s->pid = 0;
    s->job = -1;
    return status;
}

/* A crashed render may have left its temporary beside the output (pdf_write names
 * it .NAME.XXXXXX) or, if it died after the rename, an output nobody checked. */
static void remove_leftovers(const char *output)
{
    pp_output_discard(output);
    const char *slash = strrchr(output, '/');
    char *dir = slash ? pp_xstrndup(output, (size_t)(slash - output)) : pp_xstrdup(".");
    const char *base = slash ? slash + 1 : output;
    size_t bl = strlen(base);
    DIR *dp = opendir(*dir ? dir : "/");
    if (dp) {
        struct dirent *e;
        while ((e = readdir(dp))) {
            const char *nm = e->d_name;
            if (nm[0] == '.' && strncmp(nm + 1, base, bl) == 0 && nm[1 + bl] == '.' && strlen(nm + 2 + bl) == 6) {
                char *p = pp_xmalloc(strlen(dir) + strlen(nm) + 2);
                sprintf(p, "%s/%s", dir, nm);
                unlink(p);
                free(p);
            }
        }
        closedir(dp);
    }
    free(dir);
}

/* The job failed in its worker: say why (why's text is built by the caller). */
static void fail_job(pp_job *j, const char *why)
{
    pp_job_msg(j, PP_LOC(j->source, 0, 0), WORKER_DIED, why);
    j->status = PP_JOB_FAILED;
    j->exit_code = PP_EXIT_INPUT;   /* the source made the worker fail: it is the one to look at */
    remove_leftovers(j->output);
    if (j->odt) remove_leftovers(j->odt);
}

static void fail_timeout(pp_job *j, double timeout_s)
{
    char why[128];
    snprintf(why, sizeof why, "rendering took longer than %g s (--timeout); the worker was stopped", timeout_s);
    fail_job(j, why);
}

static void describe_death(pp_job *j, int status, double timeout_s)
{
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM && timeout_s > 0) {
        fail_timeout(j, timeout_s);   /* the worker's own alarm went off */
        return;
    }
    char why[192];
    if (WIFSIGNALED(status))
        snprintf(why, sizeof why, "the worker rendering this source was killed by signal %d (%s); no output was written",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(why, sizeof why, "the worker rendering this source exited (status %d) before reporting; no output was written",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    fail_job(j, why);
}

/* Reads one result into jobs[]. -1: the worker died (nothing applied). */
static int recv_result(slot *s, pp_job **jobs, size_t n, long *peak_kb)
{
    rec_head h;
    if (read_full(s->res, &h, sizeof h) != 0 || h.idx != (uint32_t)s->job || h.idx >= n || h.nstr < NFIELDS
        || (h.nstr - NFIELDS) % 2 || h.nstr > MAX_MESSAGES)
        return -1;
    char **strs = pp_xcalloc(h.nstr, sizeof *strs);
    uint32_t got = 0;
    for (; got < h.nstr; got++) {
        uint32_t len;
        if (read_full(s->res, &len, sizeof len) != 0) break;
        if (len == NO_STR) continue;
        if (len >= MAX_STR) break;
        strs[got] = pp_xmalloc((size_t)len + 1);
        if (read_full(s->res, strs[got], len) != 0) { got++; break; }
        strs[got][len] = 0;
    }
    if (got < h.nstr) {
        for (uint32_t i = 0; i < got; i++) free(strs[i]);
        free(strs);
        return -1;
    }
    pp_job *j = jobs[h.idx];
    j->status = (pp_job_status)h.status;
    j->exit_code = h.exit_code;
    j->warnings = h.warnings;
    j->errors = h.errors;
    j->year = h.year;
    j->has_profile = h.has_profile != 0;
    j->pages = (size_t)h.pages;
    j->bytes = (size_t)h.bytes;
    j->odt_bytes = (size_t)h.odt_bytes;
    j->ms = h.ms;
    char *levels = strs[NFIELDS - 1];
    char **fields[NFIELDS - 1] = { &j->agency, &j->title, &j->kind, &j->kind_label, &j->parent, &j->issued,
                                   &j->template_name };
    for (int i = 0; i < NFIELDS - 1; i++) *fields[i] = strs[i];
    j->nmessages = (h.nstr - NFIELDS) / 2;
    j->messages = pp_xcalloc(j->nmessages + 1, sizeof *j->messages);
    j->json = pp_xcalloc(j->nmessages + 1, sizeof *j->json);
    j->levels = pp_xcalloc(j->nmessages + 1, 1);
    size_t nlev = levels ? strlen(levels) : 0;
    for (size_t i = 0; i < j->nmessages; i++) {
        j->messages[i] = strs[NFIELDS + 2 * i] ? strs[NFIELDS + 2 * i] : pp_xstrdup("");
        j->json[i] = strs[NFIELDS + 2 * i + 1] ? strs[NFIELDS + 2 * i + 1] : pp_xstrdup("{}");
        j->levels[i] = (unsigned char)(i < nlev && levels[i] >= '0' && levels[i] < '0' + PP_LEVEL__COUNT
                                       ? levels[i] - '0' : PP_ERROR);
    }
    free(levels);
    free(strs);
    if (h.maxrss_kb > *peak_kb) *peak_kb = (long)h.maxrss_kb;
    return 0;
}

int pp_pool_run(pp_job **jobs, size_t n, const pp_pool_opts *o, pp_pool_stats *st)
{
    memset(st, 0, sizeof *st);
    if (n == 0) return 0;
    int nw = o->workers < 1 ? 1 : o->workers;
    if ((size_t)nw > n) nw = (int)n;
    slot *slots = pp_xcalloc((size_t)nw, sizeof *slots);
    struct pollfd *fds = pp_xcalloc((size_t)nw, sizeof *fds);
    int *who = pp_xcalloc((size_t)nw, sizeof *who);
    /* a worker may die between two writes of ours: EPIPE, not a fatal signal */
    struct sigaction ign = { .sa_handler = SIG_IGN }, old_pipe;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old_pipe);

    int live = 0, spawn_errno = 0;
    for (int k = 0; k < nw; k++) {
        if (spawn(slots, nw, k, jobs, n, o) == 0) live++;
        else spawn_errno = errno;
    }
    size_t next = 0, finished = 0;
    while (live && finished < n) {
        for (int k = 0; k < nw; k++) {
            slot *s = &slots[k];
            if (s->pid <= 0 || s->job >= 0 || next >= n) continue;
            uint32_t idx = (uint32_t)next;
            if (write_full(s->cmd, &idx, sizeof idx) != 0) {
                /* died while idle: replace it, the job waits for the next round */
                reap(s);
                st->replaced++;
                if (spawn(slots, nw, k, jobs, n, o) != 0) { live--; spawn_errno = errno; }
                continue;
            }
            s->job = (long)next++;
            s->started = pp_now_ms();
        }
        int nf = 0, wait_ms = o->tick ? TICK_MS : -1;
        double t = pp_now_ms();
        for (int k = 0; k < nw; k++) {
            if (slots[k].pid <= 0 || slots[k].job < 0) continue;
            fds[nf] = (struct pollfd){ .fd = slots[k].res, .events = POLLIN };
            who[nf++] = k;
            if (o->timeout_s > 0) {
                double left = slots[k].started + o->timeout_s * 1e3 - t;
                int ms = left < 0 ? 0 : left > 3.6e6 ? 3600000 : (int)left + 1;
                if (wait_ms < 0 || ms < wait_ms) wait_ms = ms;
            }
        }
        if (nf == 0) continue;   /* every idle worker was just replaced */
        int r = poll(fds, (nfds_t)nf, wait_ms);
        if (r < 0 && errno != EINTR) break;
        for (int i = 0; r > 0 && i < nf; i++) {
            if (!fds[i].revents) continue;
            slot *s = &slots[who[i]];
            pp_job *j = jobs[s->job];
            if (recv_result(s, jobs, n, &st->peak_rss_kb) == 0) {
                s->job = -1;
            } else {
                j->ms = pp_now_ms() - s->started;
                describe_death(j, reap(s), o->timeout_s);
                st->replaced++;
                if (next < n && spawn(slots, nw, who[i], jobs, n, o) != 0) { live--; spawn_errno = errno; }
                else if (next >= n) live--;
            }
            finished++;
            if (o->done) o->done(j, o->ctx);
        }
        if (o->timeout_s > 0) {
            t = pp_now_ms();
            for (int k = 0; k < nw; k++) {
                slot *s = &slots[k];
                if (s->pid <= 0 || s->job < 0 || t - s->started < o->timeout_s * 1e3) continue;
                pp_job *j = jobs[s->job];
                kill(s->pid, SIGKILL);
                reap(s);
                j->ms = t - s->started;
                fail_timeout(j, o->timeout_s);
                st->replaced++;
                if (next < n && spawn(slots, nw, k, jobs, n, o) != 0) { live--; spawn_errno = errno; }
                else if (next >= n) live--;
                finished++;
                if (o->done) o->done(j, o->ctx);
            }
        }
        if (o->tick) o->tick(o->ctx);
    }
    /* closing a worker's job pipe is its signal to exit */
    for (int k = 0; k < nw; k++) if (slots[k].pid > 0) close(slots[k].cmd);
    for (int k = 0; k < nw; k++) {
        if (slots[k].pid <= 0) continue;
        close(slots[k].res);
        while (waitpid(slots[k].pid, NULL, 0) < 0 && errno == EINTR) {}
    }
    sigaction(SIGPIPE, &old_pipe, NULL);
    free(who);
    free(fds);
    free(slots);
    if (finished < n) { errno = spawn_errno ? spawn_errno : EAGAIN; return -1; }
    return 0;
}
