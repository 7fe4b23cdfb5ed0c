/* batch.c — `planpress batch`: options, the list of sources, what a worker does
 * with one source, progress and the summary. Processes and pipes are batch_pool's,
 * the output folder's lock batch_lock's, the folder walk batch_walk's.
 *
 * Test hooks (tests/batch): when the environment variable PP_TEST_CRASH_ON names a
 * source's file name (e.g. PP_TEST_CRASH_ON=crash.xml), the worker rendering it calls
 * abort(); PP_TEST_HANG_ON likewise makes it hang, for --timeout. They show that a
 * crashing or stuck source fails alone. Nothing else reads them. */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"
#include "clock.h"
#include "batch_index.h"
#include "batch_lock.h"
#include "batch_pool.h"
#include "batch_report.h"
#include "batch_walk.h"
#include "buf.h"
#include "cli_args.h"
#include "input.h"
#include "diag.h"
#include "fonts.h"
#include "render.h"
#include "xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct batch_opts {
    const char *input, *outdir, *template_spec;
    const char *index_title, *site;   /* the downloads page's title and site name (NULL: defaults) */
    int workers;
    bool force, index, odt, no_wait;
    bool pdfa, untagged;   /* passed to every render, as render's own options */
    double timeout_s;
} batch_opts;

typedef struct job_list { pp_job *v; size_t n, cap; } job_list;

/* Parent-side state for progress lines. */
typedef struct progress {
    FILE *err;
    bool tty;              /* a live line redrawn in place, else one plain line per source */
    size_t total, done, failed;
    double t0, drawn;      /* start, last redraw (ms) */
    bool line_shown;
    bool json;             /* --diagnostics=json: the messages only, one JSON object a line */
    bool quiet;            /* -q: failures and errors only */
} progress;




static bool ends_with(const char *s, const char *suffix)
{
    size_t l = strlen(s), k = strlen(suffix);
    return l >= k && strcmp(s + l - k, suffix) == 0;
}

/* NAME.xml -> NAME.pdf (or .odt; anything else gets the extension appended). */
static char *out_name(const char *rel, const char *ext)
{
    size_t l = strlen(rel);
    if (ends_with(rel, ".xml")) l -= 4;
    char *p = pp_xmalloc(l + strlen(ext) + 1);
    memcpy(p, rel, l);
    strcpy(p + l, ext);
    return p;
}

static void add_job(job_list *L, const batch_opts *o, const char *source, const char *rel_source)
{
    PP_GROW(L->v, L->cap, L->n + 1);
    pp_job *j = &L->v[L->n++];
    memset(j, 0, sizeof *j);
    j->source = pp_xstrdup(source);
    j->rel = out_name(rel_source, ".pdf");
    j->output = pp_path_join(o->outdir, j->rel);
    if (o->odt) {
        j->odt_rel = out_name(rel_source, ".odt");
        j->odt = pp_path_join(o->outdir, j->odt_rel);
    }
}

/* Every *.xml under the input folder (the output folder left out), as check finds them too. */
static int find_sources(job_list *L, const batch_opts *o, const struct stat *outst, pp_diag *d)
{
    pp_source_list found = { 0 };
    int rc = pp_batch_walk(o->input, outst, &found, d);
    for (size_t i = 0; i < found.n; i++) add_job(L, o, found.path[i], found.rel[i]);
    pp_source_list_release(&found);
    return rc;
}

/* A list file: one source path a line (relative paths as on the command line);
 * blank lines and lines starting with # are ignored. Outputs take the file name. */
static int read_list(job_list *L, const batch_opts *o, pp_diag *d)
{
    pp_buf text = PP_BUF_INIT;
    if (pp_input_read(o->input, PP_INPUT_MAX, &text, d) != 0) return -1;
    for (char *line = text.data; line && *line;) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : NULL;
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t')) len--;
        line[len] = 0;
        while (*line == ' ' || *line == '\t') line++;
        if (*line && *line != '#') {
            const char *slash = strrchr(line, '/');
            add_job(L, o, line, slash ? slash + 1 : line);
        }
        line = next;
    }
    pp_buf_release(&text);
    return 0;
}

/* mkdir -p; 0 when the folder exists afterwards, else -1 with errno saying why
 * (that of the mkdir that failed: EACCES under an unwritable parent). */
static int make_dirs(const char *path)
{
    char *p = pp_xstrdup(path);
    int err = 0;
    for (char *s = p + 1; ; s++) {
        if (*s != '/' && *s) continue;
        char c = *s;
        *s = 0;
        if (mkdir(p, 0777) != 0 && errno != EEXIST) err = errno;
        *s = c;
        if (!c) break;
    }
    struct stat st;
    int rc = 0;
    if (stat(p, &st) != 0) { rc = -1; if (!err) err = errno; }
    else if (!S_ISDIR(st.st_mode)) { rc = -1; err = ENOTDIR; }
    free(p);
    if (rc) errno = err;
    return rc;
}

/* Two sources that would write the same PDF: the later one fails, neither is lost. */
static void refuse_duplicates(job_list *L)
{
    pp_job **by = pp_xmalloc((L->n + 1) * sizeof *by);
    for (size_t i = 0; i < L->n; i++) by[i] = &L->v[i];
    for (size_t i = 1; i < L->n; i++)   /* insertion sort by output, stable: input order kept */
        for (size_t k = i; k > 0 && strcmp(by[k - 1]->rel, by[k]->rel) > 0; k--) {
            pp_job *t = by[k]; by[k] = by[k - 1]; by[k - 1] = t;
        }
    for (size_t i = 1; i < L->n; i++) {
        if (strcmp(by[i - 1]->rel, by[i]->rel) != 0) continue;
        size_t first = i - 1;
        while (first > 0 && strcmp(by[first - 1]->rel, by[i]->rel) == 0) first--;
        pp_job *j = by[i];
        pp_job_msg(j, PP_LOC(j->source, 0, 0), SAME_OUTPUT, j->output, by[first]->source);
        j->status = PP_JOB_FAILED;
        j->exit_code = PP_EXIT_INPUT;
    }
    free(by);
}

/* ---- in a worker ---- */

typedef struct work_ctx {
    const batch_opts *o;
    pp_job *job;          /* the one being rendered (up_to_date's context) */
} work_ctx;

static bool newer(const struct stat *a, const struct stat *b)
{
    return a->st_mtim.tv_sec > b->st_mtim.tv_sec ||
           (a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec > b->st_mtim.tv_nsec);
}

/* Page count of a PDF planpress wrote: libharu puts the page tree root (/Type /Pages
 * ... /Count N) near the start. 0 when not found: the source is then rendered again
 * rather than listed with a wrong count. */
static size_t pdf_pages(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    static char buf[65536 + 1];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = 0;
    for (ssize_t i = 0; i < n; i++) if (!buf[i]) buf[i] = ' ';   /* binary bytes: keep strstr going */
    const char *p = strstr(buf, "/Type /Pages");
    if (!p) return 0;
    const char *end = strstr(p, ">>"), *c = strstr(p, "/Count ");
    if (!c || (end && c > end)) return 0;
    char *e;
    long v = strtol(c + 7, &e, 10);
    return e != c + 7 && v > 0 ? (size_t)v : 0;
}

static bool up_to_date(const char *template_path, void *ctx)
{
    work_ctx *w = ctx;
    pp_job *j = w->job;
    struct stat out, src, tpl;
    if (stat(j->output, &out) != 0 || stat(j->source, &src) != 0 || stat(template_path, &tpl) != 0) return false;
    if (!newer(&out, &src) || !newer(&out, &tpl)) return false;
    if (j->odt) {   /* both files, or both are made again */
        struct stat odt;
        if (stat(j->odt, &odt) != 0 || !S_ISREG(odt.st_mode) || !newer(&odt, &src) || !newer(&odt, &tpl)) return false;
        j->odt_bytes = (size_t)odt.st_size;
    }
    size_t pages = pdf_pages(j->output);
    if (!pages) return false;
    j->pages = pages;
    j->bytes = (size_t)out.st_size;
    return true;
}

static void work(pp_job *j, void *ctx)
{
    work_ctx *w = ctx;
    /* test hooks, see the top of this file */
    const char *crash = getenv("PP_TEST_CRASH_ON"), *hang = getenv("PP_TEST_HANG_ON");
    const char *base = strrchr(j->source, '/');
    base = base ? base + 1 : j->source;
    if (crash && strcmp(base, crash) == 0) abort();
    if (hang && strcmp(base, hang) == 0) for (;;) pause();

    double t0 = pp_now_ms();
    pp_diag d;
    pp_diag_init(&d, NULL);
    pp_diag_capture(&d);
    w->job = j;
    /* one_thread: the workers already keep every core busy (a writer thread each measured ~4 % slower) */
    pp_render_opts ro = { .template_spec = w->o->template_spec, .pdfa = w->o->pdfa, .untagged = w->o->untagged,
                          .keep_fonts = true, .odt_out = j->odt,
                          .one_thread = true, .up_to_date = w->o->force ? NULL : up_to_date, .up_to_date_ctx = w };
    pp_render_stats st = { 0 };   /* a render that fails early fills none of it */
    int rc = pp_render_file(j->source, j->output, &ro, &d, &st) == 0 ? PP_EXIT_OK : pp_diag_exit_code(&d);
    if (rc == PP_EXIT_OK && d.errors) rc = pp_diag_exit_code(&d);
    j->ms = pp_now_ms() - t0;
    j->exit_code = rc;
    j->status = rc != PP_EXIT_OK ? PP_JOB_FAILED : st.skipped ? PP_JOB_SKIPPED : PP_JOB_OK;
    if (!st.skipped) {
        j->pages = rc == PP_EXIT_OK ? st.pages : 0;
        j->bytes = rc == PP_EXIT_OK ? st.bytes : 0;
        j->odt_bytes = rc == PP_EXIT_OK && j->odt ? st.odt_bytes : 0;
    }
    if (rc != PP_EXIT_OK && d.errors == 0)   /* every failure must say why in the report */
        pp_msg(&d, PP_LOC(j->source, 0, 0), RENDER_FAILED, rc);
    j->warnings = d.warnings;
    j->errors = d.errors;
    j->messages = d.lines;
    j->json = d.other;
    j->levels = d.levels;
    j->nmessages = d.nlines;
    d.lines = d.other = NULL;
    d.levels = NULL;
    d.nlines = d.cap_lines = 0;
    j->year = st.year;
    j->kind = st.kind[0] ? pp_xstrdup(st.kind) : NULL;
    j->kind_label = st.kind_label[0] ? pp_xstrdup(st.kind_label) : NULL;
    j->agency = st.agency[0] ? pp_xstrdup(st.agency) : NULL;
    j->parent = st.parent[0] ? pp_xstrdup(st.parent) : NULL;
    j->title = st.title[0] ? pp_xstrdup(st.title) : NULL;
    j->issued = st.issued[0] ? pp_xstrdup(st.issued) : NULL;
    j->template_name = st.template_name[0] ? pp_xstrdup(st.template_name) : NULL;
    j->has_profile = st.has_profile;
}

/* ---- in the parent ---- */

static void show_progress(progress *p)
{
    double s = (pp_now_ms() - p->t0) / 1e3;
    fprintf(p->err, "\r\033[Kbatch: %zu/%zu done, %zu failed, %.1f s", p->done, p->total, p->failed, s);
    fflush(p->err);
    p->line_shown = true;
    p->drawn = pp_now_ms();
}

static void clear_progress(progress *p)
{
    if (p->tty && p->line_shown) fputs("\r\033[K", p->err);
    p->line_shown = false;
}

static void tick(void *ctx)
{
    progress *p = ctx;
    if (p->tty && pp_now_ms() - p->drawn >= 250) show_progress(p);   /* the elapsed time moves on */
}

static void job_done(pp_job *j, void *ctx)
{
    progress *p = ctx;
    p->done++;
    if (j->status == PP_JOB_FAILED) p->failed++;
    clear_progress(p);
    if (p->json || p->quiet) {   /* no status lines: what a program or a -q reader needs */
        if (p->quiet && j->status == PP_JOB_FAILED && !p->json) fprintf(p->err, "[%zu/%zu] FAILED %s\n", p->done, p->total, j->source);
        for (size_t i = 0; i < j->nmessages; i++)
            if (!p->quiet || j->levels[i] >= PP_ERROR) fprintf(p->err, "%s\n", p->json ? j->json[i] : j->messages[i]);
        fflush(p->err);
        return;
    }
    /* on a terminal only what needs reading is printed above the live line */
    if (!p->tty || j->status == PP_JOB_FAILED || j->nmessages) {
        if (j->status == PP_JOB_OK && j->odt)
            fprintf(p->err, "[%zu/%zu] ok %s -> %s (%zu pages, %zu KB) and %s (%zu KB), %.0f ms\n", p->done,
                    p->total, j->source, j->output, j->pages, (j->bytes + 512) / 1024, j->odt,
                    (j->odt_bytes + 512) / 1024, j->ms);
        else if (j->status == PP_JOB_OK)
            fprintf(p->err, "[%zu/%zu] ok %s -> %s (%zu pages, %zu KB, %.0f ms)\n", p->done, p->total,
                    j->source, j->output, j->pages, (j->bytes + 512) / 1024, j->ms);
        else if (j->status == PP_JOB_SKIPPED)
            fprintf(p->err, "[%zu/%zu] up to date %s -> %s\n", p->done, p->total, j->source, j->output);
        else
            fprintf(p->err, "[%zu/%zu] FAILED %s\n", p->done, p->total, j->source);
        for (size_t i = 0; i < j->nmessages; i++) fprintf(p->err, "%s\n", j->messages[i]);
    }
    if (p->tty) show_progress(p);
    else fflush(p->err);
}

static int parse_args(int argc, char **argv, batch_opts *o, pp_diag *d)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    *o = (batch_opts){ .workers = cores > 0 ? (int)cores : 1, .timeout_s = 300 };
    pp_args a = { .argc = argc, .argv = argv, .cmd = "batch", .d = d };
    for (a.i = 2; a.i < argc && !a.bad; a.i++) {
        const char *v;
        char *end;
        if ((v = pp_args_value(&a, "-o", false))) o->outdir = v;
        else if ((v = pp_args_value(&a, "-j", true)) || (!a.bad && (v = pp_args_value(&a, "--jobs", false)))) {
            long n = strtol(v, &end, 10);
            if (*end || end == v || n < 1 || n > 256) pp_args_usage(&a, "-j takes a number of workers from 1 to 256", v);
            o->workers = (int)n;
        }
        else if ((v = pp_args_value(&a, "--template", false))) o->template_spec = v;
        else if ((v = pp_args_value(&a, "--index-title", false))) o->index_title = v;
        else if ((v = pp_args_value(&a, "--site", false))) o->site = v;
        else if ((v = pp_args_value(&a, "--timeout", false))) {
            double t = strtod(v, &end);
            if (*end || end == v || !(t >= 0)) pp_args_usage(&a, "--timeout takes seconds (0: none)", v);
            o->timeout_s = t;
        }
        else if ((v = pp_args_value(&a, "--diagnostics", false))) {
            if (!strcmp(v, "json")) d->format = PP_DIAG_JSON;
            else if (strcmp(v, "text")) pp_args_usage(&a, "--diagnostics takes text or json", v);
        }
        else if (pp_args_flag(&a, "-q") || pp_args_flag(&a, "--quiet")) d->quiet = true;
        else if (pp_args_flag(&a, "--force")) o->force = true;
        else if (pp_args_flag(&a, "--index")) o->index = true;
        else if (pp_args_flag(&a, "--odt")) o->odt = true;
        else if (pp_args_flag(&a, "--no-wait")) o->no_wait = true;
        else if (pp_args_flag(&a, "--pdfa")) o->pdfa = true;
        else if (pp_args_flag(&a, "--untagged")) o->untagged = true;
        else if (a.bad) break;
        else if (pp_args_is_option(&a)) pp_args_usage(&a, "unknown option", argv[a.i]);
        else if (!o->input) o->input = argv[a.i];
        else pp_args_usage(&a, "batch takes one folder or list file", argv[a.i]);
    }
    if (!a.bad && !o->input) pp_args_usage(&a, "batch needs a folder or a list file", NULL);
    if (!a.bad && !o->outdir) pp_args_usage(&a, "batch needs -o OUTDIR", NULL);
    if (!a.bad && !o->index && (o->index_title || o->site))
        pp_args_usage(&a, "--index-title and --site name the downloads page: add --index", NULL);
    return a.bad ? -1 : 0;
}

static void summarize(const pp_batch_summary *s, const char *report, const char *index, const job_list *L, FILE *err)
{
    double sec = s->elapsed_ms / 1e3;
    fprintf(err, "planpress: batch: %zu source%s in %.2f s: %zu rendered, %zu up to date, %zu failed",
            s->total, s->total == 1 ? "" : "s", sec, s->ok, s->skipped, s->failed);
    if (s->ok && sec > 0) fprintf(err, "; %.1f documents/s", s->ok / sec);
    fprintf(err, " with %d worker%s, peak memory per worker %.1f MiB\n", s->workers, s->workers == 1 ? "" : "s",
            s->peak_rss_kb / 1024.0);
    for (size_t i = 0; i < L->n; i++)
        if (L->v[i].status == PP_JOB_FAILED) fprintf(err, "planpress: failed: %s\n", L->v[i].source);
    if (report) fprintf(err, "planpress: report: %s\n", report);
    if (index) fprintf(err, "planpress: index: %s\n", index);
}

typedef struct wait_ctx { const char *outdir; pp_diag *d; } wait_ctx;

/* Printed once when another batch holds OUTDIR (status output, like progress). */
static void waiting(long pid, void *ctx)
{
    const wait_ctx *w = ctx;
    if (w->d->quiet || w->d->format == PP_DIAG_JSON) return;
    FILE *err = w->d->out ? w->d->out : stderr;
    char who[40] = "";
    if (pid) snprintf(who, sizeof who, " (process %ld)", pid);
    fprintf(err, "planpress: batch: %s is in use by another batch%s; waiting for it to finish\n", w->outdir, who);
    fflush(err);
}

/* The files' dates and sizes as they are on disk, for the report and the index. */
static void stat_outputs(job_list *L)
{
    for (size_t i = 0; i < L->n; i++) {
        pp_job *j = &L->v[i];
        if (j->status != PP_JOB_OK && j->status != PP_JOB_SKIPPED) continue;
        struct stat st;
        if (stat(j->output, &st) == 0) { j->mtime = st.st_mtime; j->bytes = (size_t)st.st_size; }
        if (j->odt && stat(j->odt, &st) == 0) { j->odt_mtime = st.st_mtime; j->odt_bytes = (size_t)st.st_size; }
    }
}

/* Nested folders of DIR are mirrored under OUTDIR; a source whose folder cannot be
 * made fails at once, with the reason. */
static void make_subdirs(job_list *L)
{
    for (size_t i = 0; i < L->n; i++) {
        pp_job *j = &L->v[i];
        const char *slash = strrchr(j->rel, '/');
        if (!slash || j->status != PP_JOB_PENDING) continue;
        char *sub = pp_xstrndup(j->output, strlen(j->output) - strlen(slash));
        if (make_dirs(sub) != 0) {
            pp_job_msg(j, PP_LOC(sub, 0, 0), OUTDIR_CREATE, strerror(errno));
            j->status = PP_JOB_FAILED;
            j->exit_code = PP_EXIT_SYSTEM;
        }
        free(sub);
    }
}

int pp_batch_main(int argc, char **argv, pp_diag *d)
{
    batch_opts o;
    if (parse_args(argc, argv, &o, d) != 0) return pp_diag_exit_code(d);
    double t0 = pp_now_ms();
    FILE *err = d->out ? d->out : stderr;

    struct stat in;
    if (stat(o.input, &in) != 0) {
        pp_msg(d, PP_LOC(o.input, 0, 0), CANNOT_OPEN, strerror(errno));
        return pp_diag_exit_code(d);
    }
    if (!S_ISDIR(in.st_mode) && ends_with(o.input, ".xml")) {
        pp_args a = { .cmd = "batch", .d = d };
        pp_args_usage(&a, "batch takes a folder or a list file (for one source use render)", o.input);
        return pp_diag_exit_code(d);
    }
    if (make_dirs(o.outdir) != 0) {
        pp_msg(d, PP_LOC(o.outdir, 0, 0), OUTDIR_CREATE, strerror(errno));
        return pp_diag_exit_code(d);
    }
    /* one batch at a time in OUTDIR; the lock file is also the first write there,
     * so an unwritable folder fails before anything is rendered */
    pp_batch_lock lock;
    wait_ctx wc = { o.outdir, d };
    if (pp_batch_lock_take(&lock, o.outdir, !o.no_wait, waiting, &wc, d) != 0) return pp_diag_exit_code(d);
    t0 = pp_now_ms();   /* the run starts once the folder is ours (after any wait) */
    struct stat outst;
    stat(o.outdir, &outst);

    job_list L = { 0 };
    int collect = S_ISDIR(in.st_mode) ? find_sources(&L, &o, &outst, d) : read_list(&L, &o, d);
    if (collect != 0 && L.n == 0) {
        free(L.v);
        pp_batch_lock_release(&lock);
        return pp_diag_exit_code(d);
    }
    if (L.n == 0) pp_msg(d, PP_LOC(o.input, 0, 0), NO_SOURCES);
    refuse_duplicates(&L);
    make_subdirs(&L);

    pp_job **run = pp_xmalloc((L.n + 1) * sizeof *run);
    size_t nrun = 0;
    for (size_t i = 0; i < L.n; i++) if (L.v[i].status == PP_JOB_PENDING) run[nrun++] = &L.v[i];
    progress p = { .err = err, .tty = isatty(fileno(err)) == 1, .total = L.n, .t0 = t0,
                   .json = d->format == PP_DIAG_JSON, .quiet = d->quiet };
    if (p.json || p.quiet) p.tty = false;
    for (size_t i = 0; i < L.n; i++) if (L.v[i].status == PP_JOB_FAILED) job_done(&L.v[i], &p);
    work_ctx w = { .o = &o };
    pp_pool_opts po = { .workers = o.workers, .timeout_s = o.timeout_s, .work = work, .work_ctx = &w,
                        .done = job_done, .tick = p.tty ? tick : NULL, .ctx = &p };
    pp_pool_stats ps;
    pp_fonts_share_config();   /* loaded once here, inherited by every worker */
    int pool_rc = pp_pool_run(run, nrun, &po, &ps);
    int pool_errno = errno;
    pp_fonts_unshare_config();
    free(run);
    clear_progress(&p);
    if (pool_rc != 0) {
        pp_msg(d, PP_NOWHERE, NO_WORKERS, strerror(pool_errno));
        for (size_t i = 0; i < L.n; i++) {
            if (L.v[i].status != PP_JOB_PENDING) continue;
            pp_job_msg(&L.v[i], PP_LOC(L.v[i].source, 0, 0), NOT_RENDERED, "no worker process could run it");
            L.v[i].status = PP_JOB_FAILED;
            L.v[i].exit_code = PP_EXIT_SYSTEM;
        }
    }
    stat_outputs(&L);

    pp_batch_summary s = { .total = L.n, .workers = o.workers < (int)L.n ? o.workers : (int)L.n,
                           .peak_rss_kb = ps.peak_rss_kb };
    int worst = PP_EXIT_OK;
    for (size_t i = 0; i < L.n; i++) {
        const pp_job *j = &L.v[i];
        if (j->status == PP_JOB_OK) s.ok++;
        else if (j->status == PP_JOB_SKIPPED) s.skipped++;
        else {
            s.failed++;
            int code = j->exit_code ? j->exit_code : PP_EXIT_INPUT;
            if (code > worst) worst = code;
        }
    }
    s.elapsed_ms = pp_now_ms() - t0;

    char *report = pp_path_join(o.outdir, "report.json"), *index = o.index ? pp_path_join(o.outdir, "index.html") : NULL;
    if (pp_batch_write_report(report, L.v, L.n, &s) != 0) {
        pp_msg(d, PP_LOC(report, 0, 0), OUTPUT_WRITE, strerror(errno));
        free(report);
        report = NULL;
    }
    pp_index_opts io = { .title = o.index_title, .site = o.site, .odt = o.odt };
    if (index && pp_batch_write_index(index, L.v, L.n, &io) != 0) {
        pp_msg(d, PP_LOC(index, 0, 0), OUTPUT_WRITE, strerror(errno));
        free(index);
        index = NULL;
    }
    pp_batch_lock_release(&lock);
    int own = pp_diag_exit_code(d);
    if (own > worst) worst = own;
    if (!p.json && !p.quiet) summarize(&s, report, index, &L, err);   /* the report has it all */
    free(report);
    free(index);
    for (size_t i = 0; i < L.n; i++) pp_job_release(&L.v[i]);
    free(L.v);
    return worst;
}
