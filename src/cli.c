#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "atomic.h"
#include "batch.h"
#include "batch_walk.h"
#include "cli_args.h"
#include "diag.h"
#include "fonts.h"
#include "model.h"
#include "planpress.h"
#include "render.h"
#include "template.h"
#include "xalloc.h"
#include "xml_read.h"
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- help ---------------------------------------------------------------------- */

typedef struct command {
    const char *name;
    int (*run)(pp_args *a);
    const char *synopsis;   /* after "planpress NAME " */
    const char *help;       /* what it does and its options, one a line */
} command;

static int cmd_render(pp_args *a);
static int cmd_check(pp_args *a);
static int cmd_batch(pp_args *a);
static int cmd_fonts(pp_args *a);
static int cmd_help(pp_args *a);

static const char common_options[] =
    "  --diagnostics=text|json  messages as file:line:col lines (default) or one JSON object a line\n"
    "                           (file, line, column, level, id, message), for editors and CMSs\n"
    "  -q, --quiet              print errors only (warnings are still counted)\n"
    "  -h, --help               this help\n";

static const command commands[] = {
    { "render", cmd_render, "IN.xml [-o OUT.pdf|OUT.odt] [options]",
      "Typesets one source into an A4 PDF: tagged for screen readers, with bookmarks and\n"
      "metadata; or, for an output named *.odt (or --format odt), the same document as an\n"
      "editable ODF text. Without -o the file goes beside the source (plan.xml -> plan.pdf);\n"
      "'-' as IN reads the source from standard input, '-o -' writes to standard output.\n"
      "The output is written to a temporary file and renamed at the end: a failed render\n"
      "leaves none, not even an older one.\n"
      "  -o OUT.pdf|OUT.odt       the output file\n"
      "  --format pdf|odt         the output format (default: from -o, else pdf)\n"
      "  --template NAME|FILE     the look (templates/NAME.xml, or a file); default: the kind's\n"
      "  --plan PLAN.xml          also check this report against its plan\n"
      "  --pdfa                   PDF/A-2u (needs an sRGB profile: package icc-profiles-free)\n"
      "  --untagged               no structure tree\n"
      "  --stats                  print the time of each stage and the file's size split\n"
      "  --dump=model|blocks|pages  print what a stage made (for debugging)\n" },
    { "check", cmd_check, "[--plan PLAN.xml] [--template NAME|FILE] FILE|DIR...",
      "Validates sources against the schema and the document rules without making a PDF,\n"
      "and prints every problem as file:line:col: error|warning: message. A folder stands\n"
      "for every *.xml under it, as batch finds them.\n"
      "  --plan PLAN.xml          check each report against its plan: every strategy of the\n"
      "                           plan has results, and no results belong to another\n"
      "  --template NAME|FILE     check against this template's column sets and profile\n" },
    { "batch", cmd_batch, "DIR|LIST -o OUTDIR [--odt] [--index] [options]",
      "Renders every *.xml under DIR (or each path listed in LIST, one a line) into OUTDIR\n"
      "with worker processes, writes OUTDIR/report.json and, with --index, an index.html\n"
      "downloads page. A source whose PDF is newer than it and its template is skipped.\n"
      "One batch at a time writes into an OUTDIR: a second one waits for the first.\n"
      "  -o OUTDIR                the output folder\n"
      "  -j N, --jobs N           worker processes (default: one per core)\n"
      "  --odt                    also write each document as an editable .odt beside its PDF\n"
      "  --force                  render even what is up to date\n"
      "  --index                  also write OUTDIR/index.html\n"
      "  --index-title TEXT       the downloads page's title (default: 文件下載)\n"
      "  --site NAME              the site's or agency's name at the top of that page\n"
      "  --template NAME|FILE     the look for every source\n"
      "  --timeout SEC            a source running longer fails (default 300, 0: none)\n"
      "  --no-wait                fail at once if another batch is writing into OUTDIR\n"
      "  --pdfa, --untagged       as for render\n" },
    { "fonts", cmd_fonts, "[--template NAME|FILE]",
      "Shows which font file serves each role and the fallback chain, so that a missing\n"
      "glyph can be explained at once.\n"
      "  --template NAME|FILE     the template whose fonts to show (default: plan)\n" },
    { "help", cmd_help, "[COMMAND]", "Shows the help of a command, or the list of commands.\n" },
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static const command *find_command(const char *name)
{
    for (int i = 0; i < NCOMMANDS; i++) if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

static void print_usage(FILE *out)
{
    fputs("usage:", out);
    for (int i = 0; i < NCOMMANDS; i++)
        fprintf(out, "%s planpress %s %s\n", i ? "      " : "", commands[i].name, commands[i].synopsis);
    fputs("       planpress --version\n\n", out);
    for (int i = 0; i < NCOMMANDS; i++) {
        const char *nl = strchr(commands[i].help, '\n');
        fprintf(out, "  %-7s %.*s\n", commands[i].name, (int)(nl ? nl - commands[i].help : 70), commands[i].help);
    }
    fputs("\n'planpress help COMMAND' or 'planpress COMMAND --help' shows a command's options.\n"
          "Exit status: 0 success (warnings allowed), 1 bad input, 2 usage, 3 environment (a font,\n"
          "template or schema is missing), 4 system (a file cannot be read or written, no memory).\n", out);
}

static void print_help(const command *c, FILE *out)
{
    fprintf(out, "usage: planpress %s %s\n\n%s\n%s", c->name, c->synopsis, c->help, common_options);
}

static int cmd_help(pp_args *a)
{
    if (a->argc <= 2) { print_usage(stdout); return PP_EXIT_OK; }
    const command *c = find_command(a->argv[2]);
    if (!c) { pp_args_usage(a, "no such command", a->argv[2]); return PP_EXIT_USAGE; }
    print_help(c, stdout);
    return PP_EXIT_OK;
}

/* Options every command takes; true when argv[i] was one of them. */
static bool common_option(pp_args *a)
{
    const char *v;
    if (pp_args_flag(a, "-q") || pp_args_flag(a, "--quiet")) { a->d->quiet = true; return true; }
    if ((v = pp_args_value(a, "--diagnostics", false))) {
        if (!strcmp(v, "json")) a->d->format = PP_DIAG_JSON;
        else if (!strcmp(v, "text")) a->d->format = PP_DIAG_TEXT;
        else pp_args_usage(a, "--diagnostics takes text or json", v);
        return true;
    }
    return a->bad;
}

/* ---- commands ----------------------------------------------------------------------- */

static char *default_output(const char *in, const char *ext)
{
    size_t l = strlen(in);
    char *out = pp_xmalloc(l + strlen(ext) + 1);
    memcpy(out, in, l + 1);
    if (l > 4 && strcmp(in + l - 4, ".xml") == 0) out[l - 4] = 0;
    strcat(out, ext);
    return out;
}

static int exit_status(const pp_diag *d) { return pp_diag_exit_code(d); }

static int cmd_render(pp_args *a)
{
    const char *in = NULL, *out = NULL, *v;
    pp_render_opts o = { .dump_out = stdout };
    bool stats = false;
    for (a->i = 2; a->i < a->argc && !a->bad; a->i++) {
        if (common_option(a)) continue;
        if ((v = pp_args_value(a, "-o", false))) out = v;
        else if ((v = pp_args_value(a, "--template", false))) o.template_spec = v;
        else if ((v = pp_args_value(a, "--format", false))) {
            if (strcmp(v, "pdf") && strcmp(v, "odt")) pp_args_usage(a, "--format takes pdf or odt", v);
            o.format = strcmp(v, "odt") == 0 ? PP_FORMAT_ODT : PP_FORMAT_PDF;
        }
        else if ((v = pp_args_value(a, "--dump", false))) {
            if (strcmp(v, "model") && strcmp(v, "blocks") && strcmp(v, "pages"))
                pp_args_usage(a, "--dump takes model, blocks or pages", v);
            o.dump = v;
        }
        else if ((v = pp_args_value(a, "--plan", false))) o.plan = v;
        else if (pp_args_flag(a, "--stats")) stats = true;
        else if (pp_args_flag(a, "--pdfa")) o.pdfa = true;
        else if (pp_args_flag(a, "--untagged")) o.untagged = true;
        else if (a->bad) break;
        else if (pp_args_is_option(a)) pp_args_usage(a, "unknown option", a->argv[a->i]);
        else if (!in) in = a->argv[a->i];
        else pp_args_usage(a, "render takes one source", a->argv[a->i]);
    }
    if (!a->bad && !in) pp_args_usage(a, "render needs a source file", NULL);
    if (!a->bad && !out && strcmp(in, "-") == 0) pp_args_usage(a, "a source read from standard input needs -o", NULL);
    if (a->bad) return exit_status(a->d);
    char *def = out ? NULL : default_output(in, o.format == PP_FORMAT_ODT ? ".odt" : ".pdf");
    if (out && strcmp(out, "-") == 0) o.dump_out = stderr;   /* standard output holds the PDF */
    pp_render_stats st;
    int rc = pp_render_file(in, out ? out : def, &o, a->d, &st);
    if (stats && rc == 0)   /* one line for bench/: milliseconds per stage, sizes */
        fprintf(stderr, "stats: read %.2f fonts %.2f layout %.2f write %.2f (subset %.2f deflate %.2f wait %.2f tag %.2f pack %.2f) "
                "pages %zu bytes %zu glyph_bytes %zu\n", st.read_ms, st.fonts_ms, st.layout_ms,
                st.write_ms, st.subset_ms, st.deflate_ms, st.wait_ms, st.tag_ms, st.pack_ms, st.pages, st.bytes, st.glyph_bytes);
    free(def);
    return exit_status(a->d);
}

/* Checks one source; one line on standard output: the profile it was checked against. */
static void check_one(pp_args *a, const pp_render_opts *o, const char *arg)
{
    int errors0 = a->d->errors, warnings0 = a->d->warnings;
    pp_render_stats st;
    pp_render_file(arg, NULL, o, a->d, &st);
    if (!a->d->quiet && st.kind[0]) {
        int e = a->d->errors - errors0, w = a->d->warnings - warnings0;
        printf("%s: checked as %s%s (%s, template '%s'): %d error%s, %d warning%s\n", arg, st.kind,
               st.has_profile ? "" : " (no such profile)", st.kind_label[0] ? st.kind_label : "?",
               st.template_name[0] ? st.template_name : "?", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
    }
}

static int cmd_check(pp_args *a)
{
    pp_render_opts o = { .check_only = true };
    const char *v;
    int nfiles = 0;
    /* options first: --plan applies to every report given, wherever it stands */
    for (a->i = 2; a->i < a->argc && !a->bad; a->i++) {
        if (common_option(a)) continue;
        if ((v = pp_args_value(a, "--plan", false))) o.plan = v;
        else if ((v = pp_args_value(a, "--template", false))) o.template_spec = v;
        else if (a->bad) break;
        else if (pp_args_is_option(a)) pp_args_usage(a, "unknown option", a->argv[a->i]);
        else nfiles++;
    }
    if (!a->bad && !nfiles) pp_args_usage(a, "check needs at least one file", NULL);
    if (a->bad) return exit_status(a->d);
    for (a->i = 2; a->i < a->argc; a->i++) {
        const char *arg = a->argv[a->i];
        if (!strcmp(arg, "--plan") || !strcmp(arg, "--template") || !strcmp(arg, "--diagnostics")) { a->i++; continue; }
        if (arg[0] == '-' && arg[1]) continue;
        struct stat st;
        if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) { check_one(a, &o, arg); continue; }
        pp_source_list found = { 0 };
        pp_batch_walk(arg, NULL, &found, a->d);
        if (found.n == 0) pp_msg(a->d, PP_LOC(arg, 0, 0), NO_SOURCES);
        for (size_t k = 0; k < found.n; k++) check_one(a, &o, found.path[k]);
        pp_source_list_release(&found);
    }
    return exit_status(a->d);
}

static int cmd_batch(pp_args *a) { return pp_batch_main(a->argc, a->argv, a->d); }

static int cmd_fonts(pp_args *a)
{
    const char *spec = NULL, *v;
    for (a->i = 2; a->i < a->argc && !a->bad; a->i++) {
        if (common_option(a)) continue;
        if ((v = pp_args_value(a, "--template", false))) spec = v;
        else if (!a->bad) pp_args_usage(a, "unknown argument", a->argv[a->i]);
    }
    if (a->bad) return exit_status(a->d);
    pp_template *t = pp_template_load(spec ? spec : "plan", NULL, a->d);
    if (!t) return exit_status(a->d);
    pp_fonts *f = pp_fonts_open(t, a->d);
    if (f) pp_fonts_describe(f, t, stdout);
    pp_fonts_free(f);
    pp_template_free(t);
    return exit_status(a->d);
}

int pp_cli_main(int argc, char **argv, FILE *err)
{
    xmlInitParser();
    pp_atomic_cleanup_on_signals();
    pp_diag d;
    pp_diag_init(&d, err);
    pp_args a = { .argc = argc, .argv = argv, .i = 1, .d = &d };
    int rc;
    const command *c = argc >= 2 ? find_command(argv[1]) : NULL;
    if (argc < 2) {
        pp_args_usage(&a, "no command given", NULL);
        rc = PP_EXIT_USAGE;
    } else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_usage(stdout);
        rc = PP_EXIT_OK;
    } else if (!strcmp(argv[1], "--version")) {
        printf("planpress %s\n", pp_version());
        rc = PP_EXIT_OK;
    } else if (!c) {
        pp_args_usage(&a, "unknown command", argv[1]);
        rc = PP_EXIT_USAGE;
    } else {
        a.cmd = c->name;
        bool help = false;
        for (int i = 2; i < argc; i++) if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) help = true;
        if (help) { print_help(c, stdout); rc = PP_EXIT_OK; }
        else rc = c->run(&a);
    }
    pp_diag_release(&d);
    pp_xml_read_cleanup();
    xmlCleanupParser();
    return rc;
}
