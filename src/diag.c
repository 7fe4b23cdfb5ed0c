#define _POSIX_C_SOURCE 200809L
#include "diag.h"
#include "buf.h"
#include "xalloc.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_names[PP_LEVEL__COUNT] = { "note", "warning", "error", "usage", "environment", "system" };

const char *pp_level_name(pp_level lvl)
{
    return (unsigned)lvl < PP_LEVEL__COUNT ? level_names[lvl] : "error";
}

void pp_diag_init(pp_diag *d, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->out = out;
    d->format = PP_DIAG_TEXT;
    d->max_messages = 200;
}

void pp_diag_capture(pp_diag *d) { d->capture = true; }

void pp_diag_release(pp_diag *d)
{
    for (size_t i = 0; i < d->nlines; i++) {
        free(d->lines[i]);
        free(d->other[i]);
    }
    free(d->lines);
    free(d->other);
    free(d->levels);
    d->lines = d->other = NULL;
    d->levels = NULL;
    d->nlines = d->cap_lines = 0;
}

int pp_diag_exit_code(const pp_diag *d)
{
    switch (d->worst) {
    case PP_SYS: return PP_EXIT_SYSTEM;
    case PP_ENV: return PP_EXIT_ENV;
    case PP_USAGE: return PP_EXIT_USAGE;
    case PP_ERROR: return PP_EXIT_INPUT;
    default: return PP_EXIT_OK;
    }
}

void pp_diag_merge_counts(pp_diag *d, const pp_diag *from)
{
    for (int i = 0; i < PP_LEVEL__COUNT; i++) d->count[i] += from->count[i];
    d->errors += from->errors;
    d->warnings += from->warnings;
    if (from->worst > d->worst) d->worst = from->worst;
}

/* Text as printed: `file:line:col: error: message`, the three top levels all
 * read "error" (the exit status tells them apart). */
static void format_text(pp_buf *b, pp_loc at, pp_level lvl, const char *msg)
{
    if (at.file) {
        pp_buf_puts(b, at.file);
        if (at.line > 0) pp_buf_printf(b, ":%ld", at.line);
        if (at.line > 0 && at.col > 0) pp_buf_printf(b, ":%ld", at.col);
        pp_buf_puts(b, ": ");
    } else {
        pp_buf_puts(b, "planpress: ");
    }
    pp_buf_puts(b, lvl >= PP_ERROR ? "error: " : lvl == PP_WARNING ? "warning: " : "note: ");
    /* one message, one line: a value quoted from the source may hold line ends
     * and other control characters; they are shown as escapes */
    for (const char *p = msg; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n') pp_buf_puts(b, "\\n");
        else if (c == '\r') pp_buf_puts(b, "\\r");
        else if (c == '\t') pp_buf_puts(b, "\\t");
        else if (c < 0x20 || c == 0x7f) pp_buf_printf(b, "\\x%02X", c);
        else pp_buf_putc(b, (char)c);
    }
}

static void format_json(pp_buf *b, pp_loc at, pp_level lvl, const char *id, const char *msg)
{
    pp_buf_puts(b, "{\"file\":");
    if (at.file) pp_buf_json_string(b, at.file); else pp_buf_puts(b, "null");
    pp_buf_printf(b, ",\"line\":%ld,\"column\":%ld,\"level\":\"%s\",\"id\":", at.line, at.col, pp_level_name(lvl));
    pp_buf_json_string(b, id);
    pp_buf_puts(b, ",\"message\":");
    pp_buf_json_string(b, msg);
    pp_buf_putc(b, '}');
}

void pp_diag_report(pp_diag *d, pp_loc at, pp_level lvl, const char *id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pp_diag_vreport(d, at, lvl, id, fmt, ap);
    va_end(ap);
}

void pp_diag_vreport(pp_diag *d, pp_loc at, pp_level lvl, const char *id, const char *fmt, va_list ap)
{
    if ((unsigned)lvl >= PP_LEVEL__COUNT) lvl = PP_ERROR;
    d->count[lvl]++;
    if (lvl >= PP_ERROR) d->errors++;
    else if (lvl == PP_WARNING) d->warnings++;
    if (lvl > d->worst) d->worst = lvl;
    if (!d->out && !d->capture) return;
    if (d->quiet && lvl < PP_ERROR) return;
    if (d->max_messages && d->printed > d->max_messages) return;
    d->printed++;
    pp_buf msg = PP_BUF_INIT, line = PP_BUF_INIT;
    if (d->max_messages && d->printed > d->max_messages) {
        pp_buf_puts(&msg, "too many messages, the rest are counted only");
        lvl = PP_NOTE;
        id = "too-many-messages";
    } else {
        pp_buf_vprintf(&msg, fmt, ap);
    }
    if (d->format == PP_DIAG_JSON) format_json(&line, at, lvl, id, pp_buf_str(&msg));
    else format_text(&line, at, lvl, pp_buf_str(&msg));
    if (d->capture) {
        pp_buf other = PP_BUF_INIT;
        if (d->format == PP_DIAG_JSON) format_text(&other, at, lvl, pp_buf_str(&msg));
        else format_json(&other, at, lvl, id, pp_buf_str(&msg));
        size_t cap0 = d->cap_lines;
        PP_GROW(d->lines, d->cap_lines, d->nlines + 1);
        if (d->cap_lines != cap0) {   /* the parallel arrays grow with lines */
            d->other = pp_xrealloc(d->other, d->cap_lines * sizeof *d->other);
            d->levels = pp_xrealloc(d->levels, d->cap_lines * sizeof *d->levels);
        }
        d->other[d->nlines] = pp_buf_take(&other);
        d->levels[d->nlines] = (unsigned char)lvl;
        d->lines[d->nlines++] = pp_buf_take(&line);
        pp_buf_release(&msg);
        return;
    }
    pp_buf_release(&msg);
    pp_buf_putc(&line, '\n');
    fwrite(line.data, 1, line.len, d->out);
    pp_buf_release(&line);
}
