#define _POSIX_C_SOURCE 200809L
#include "summary.h"
#include "template.h"
#include <string.h>

static void size_words(char *buf, size_t cap, size_t bytes)
{
    if (bytes >= 1024 * 1024) snprintf(buf, cap, "%.1f MB", bytes / (1024.0 * 1024.0));
    else if (bytes >= 1024) snprintf(buf, cap, "%zu KB", (bytes + 512) / 1024);
    else snprintf(buf, cap, "%zu bytes", bytes);
}

void pp_summary_print(FILE *f, const char *in, const char *out, int rc, const pp_render_stats *st,
                      const pp_render_opts *o, int errors, int warnings, bool verbose)
{
    double total = st->read_ms + st->fonts_ms + st->layout_ms + st->write_ms;
    char counts[80];
    snprintf(counts, sizeof counts, "%d error%s, %d warning%s", errors, errors == 1 ? "" : "s", warnings,
             warnings == 1 ? "" : "s");
    if (rc == 0 && out) {
        char size[32];
        size_words(size, sizeof size, st->bytes);
        fprintf(f, "%s -> %s: %zu page%s, %s, %s (%.2f s)\n", in, strcmp(out, "-") ? out : "standard output", st->pages,
                st->pages == 1 ? "" : "s", size, counts, total / 1000);
    } else if (rc == 0) {
        fprintf(f, "%s: checked, %s\n", in, counts);
    } else {
        fprintf(f, "%s: %s; %s\n", in, counts, out ? "no output written (the messages above say what to fix)" : "not valid");
    }
    if (verbose) pp_summary_details(f, out, rc, st, o);
}

void pp_summary_details(FILE *f, const char *out, int rc, const pp_render_stats *st, const pp_render_opts *o)
{
    double total = st->read_ms + st->fonts_ms + st->layout_ms + st->write_ms;
    if (st->template_name[0]) {
        const char *spec = o && o->template_spec ? o->template_spec : NULL;
        const char *dir = pp_template_dir(NULL);
        if (spec && strchr(spec, '/')) fprintf(f, "  template: '%s' (%s)\n", st->template_name, spec);
        else fprintf(f, "  template: '%s' (%s/%s.xml)%s\n", st->template_name, dir ? dir : "?", spec ? spec : st->template_name,
                     spec ? "" : ", the document kind's own");
    }
    if (st->kind[0])
        fprintf(f, "  profile: %s%s%s%s%s\n", st->kind, st->kind_label[0] ? " (" : "", st->kind_label,
                st->kind_label[0] ? ")" : "", st->has_profile ? "" : " — no such profile in the template: no sections are required");
    if (o && o->plan) fprintf(f, "  checked against the plan %s\n", o->plan);
    if (st->title[0]) fprintf(f, "  title: %s%s%s\n", st->agency, st->agency[0] ? " " : "", st->title);
    fprintf(f, "  stages: read and check %.1f ms, fonts %.1f ms, layout %.1f ms, write %.1f ms; total %.1f ms\n",
            st->read_ms, st->fonts_ms, st->layout_ms, st->write_ms, total);
    if (rc == 0 && out && strcmp(out, "-")) fprintf(f, "  output: %s (%zu bytes)\n", out, st->bytes);
}
