#define _POSIX_C_SOURCE 200809L
#include "batch_report.h"
#include "atomic.h"
#include "model.h"
#include "utf8.h"
#include <string.h>
#include <time.h>

/* A JSON string: quotes, backslashes and control characters escaped, anything
 * that is not UTF-8 replaced by U+FFFD. */
static void json_str(FILE *f, const char *s)
{
    if (!s) { fputs("null", f); return; }
    fputc('"', f);
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, len - i, &cp);
        if (cp == '"') fputs("\\\"", f);
        else if (cp == '\\') fputs("\\\\", f);
        else if (cp == '\n') fputs("\\n", f);
        else if (cp == '\t') fputs("\\t", f);
        else if (cp == '\r') fputs("\\r", f);
        else if (cp < 0x20 || cp == 0x7F) fprintf(f, "\\u%04x", (unsigned)cp);
        else if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) fputs("\\ufffd", f);
        else fwrite(s + i, 1, k, f);
        i += k;
    }
    fputc('"', f);
}

static const char *status_name(pp_job_status s)
{
    switch (s) {
    case PP_JOB_OK: return "ok";
    case PP_JOB_SKIPPED: return "skipped";
    case PP_JOB_FAILED: return "failed";
    default: return "pending";
    }
}

/* A file's modification time as ISO 8601 on Taiwan's clock (UTC+8), or null. */
static void json_time(FILE *f, time_t t)
{
    if (!t) { fputs("null", f); return; }
    time_t local = t + 8 * 3600;
    struct tm tm;
    gmtime_r(&local, &tm);
    fprintf(f, "\"%04d-%02d-%02dT%02d:%02d:%02d+08:00\"", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
            tm.tm_min, tm.tm_sec);
}

int pp_batch_write_report(const char *path, const pp_job *jobs, size_t n, const pp_batch_summary *s)
{
    pp_atomic a;
    if (pp_atomic_open(&a, path) != 0) return -1;
    FILE *f = a.f;
    fprintf(f, "{\n  \"planpress\": \"%s\",\n  \"format\": %d,\n", PP_VERSION, PP_BATCH_REPORT_FORMAT);
    fprintf(f, "  \"summary\": {\"total\": %zu, \"ok\": %zu, \"skipped\": %zu, \"failed\": %zu, "
               "\"elapsed_ms\": %.1f, \"workers\": %d, \"worker_peak_rss_kb\": %ld},\n",
            s->total, s->ok, s->skipped, s->failed, s->elapsed_ms, s->workers, s->peak_rss_kb);
    fputs("  \"sources\": [", f);
    for (size_t i = 0; i < n; i++) {
        const pp_job *j = &jobs[i];
        bool has_output = j->status == PP_JOB_OK || j->status == PP_JOB_SKIPPED;
        fputs(i ? ",\n    {" : "\n    {", f);
        fputs("\"source\": ", f); json_str(f, j->source);
        fputs(", \"output\": ", f); json_str(f, has_output ? j->output : NULL);
        fputs(", \"odt\": ", f); json_str(f, has_output ? j->odt : NULL);
        fprintf(f, ", \"status\": \"%s\", \"exit_code\": %d,\n     \"pages\": %zu, \"bytes\": %zu, \"odt_bytes\": %zu, "
                   "\"modified\": ", status_name(j->status),
                j->status != PP_JOB_FAILED ? 0 : j->exit_code ? j->exit_code : 1,
                j->pages, j->bytes, has_output && j->odt ? j->odt_bytes : 0);
        json_time(f, has_output ? j->mtime : 0);
        fprintf(f, ", \"ms\": %.1f, \"warnings\": %d, \"errors\": %d", j->ms, j->warnings, j->errors);
        fputs(",\n     \"kind\": ", f); json_str(f, j->kind);
        fputs(", \"kind_label\": ", f); json_str(f, j->kind_label);
        fputs(", \"template\": ", f); json_str(f, j->template_name);
        fprintf(f, ", \"profile\": %s", j->template_name ? (j->has_profile ? "true" : "false") : "null");
        fputs(",\n     \"agency\": ", f); json_str(f, j->agency);
        fputs(", \"parent\": ", f); json_str(f, j->parent);
        if (j->year > 0) fprintf(f, ", \"year\": %d", j->year); else fputs(", \"year\": null", f);
        fputs(", \"title\": ", f); json_str(f, j->title);
        fputs(", \"issued\": ", f); json_str(f, j->issued);
        fputs(",\n     \"messages\": [", f);
        for (size_t m = 0; m < j->nmessages; m++) {
            if (m) fputs(", ", f);
            json_str(f, j->messages[m]);
        }
        fputs("]}", f);
    }
    fputs(n ? "\n  ]\n}\n" : "]\n}\n", f);
    return pp_atomic_commit(&a);
}
