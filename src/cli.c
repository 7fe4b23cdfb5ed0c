#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "atomic.h"
#include "batch.h"
#include "batch_walk.h"
#include "cli_args.h"
#include "cli_import.h"
#include "diag.h"
#include "fonts.h"
#include "model.h"
#include "planpress.h"
#include "render.h"
#include "summary.h"
#include "template.h"
#include "xalloc.h"
#include "xml_parse.h"
#include "xml_read.h"
#include "watch.h"
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <libxml/parser.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- help ---------------------------------------------------------------------- */

typedef struct command {
    const char *name;
    int (*run)(pp_args *a);
    const char *synopsis;   /* after "planpress NAME " */
    const char *summary;    /* one line for the list of commands */
    const char *help;       /* what it does and its options, one a line */
} command;

static int cmd_render(pp_args *a);
static int cmd_check(pp_args *a);
static int cmd_batch(pp_args *a);
static int cmd_fonts(pp_args *a);
static int cmd_watch(pp_args *a);
static int cmd_help(pp_args *a);

static const char common_options[] =
    "  --diagnostics=text|json  messages as file:line:col lines (default) or one JSON object a line\n"
    "                           (file, line, column, level, id, message), for editors and CMSs\n"
    "  -q, --quiet              print errors only (warnings are still counted)\n"
    "  -v, --verbose            also say what was done: template, profile, stage times, output\n"
    "  -h, --help               this help\n";

static const command commands[] = {
    { "render", cmd_render, "IN.xml [-o OUT.pdf|OUT.odt] [options]", "make the PDF (or ODF text) of one source",
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
    { "watch", cmd_watch, "IN.xml [-o OUT.pdf|OUT.odt] [options]", "render a source again each time it is saved",
      "Renders the source now and again each time it is saved, for editing beside a PDF\n"
      "viewer: each time it prints the messages and one line (pages, size, or what failed).\n"
      "Editors that save by renaming a new file over the old one are followed too; a source\n"
      "deleted or moved away is waited for. After a save with errors there is no output\n"
      "until the next good save (no out-of-date PDF is left to be taken for the new one).\n"
      "Ctrl-C stops it (after the render under way, if any).\n"
      "  -o OUT.pdf|OUT.odt       the output file (default: beside the source)\n"
      "  --format pdf|odt         the output format (default: from -o, else pdf)\n"
      "  --template NAME|FILE     the look, as for render\n"
      "  --plan PLAN.xml          also check this report against its plan (watched too)\n"
      "  --pdfa, --untagged       as for render\n" },
    { "check", cmd_check, "[--plan PLAN.xml] [--template NAME|FILE] FILE|DIR...", "check sources for mistakes, without making anything",
      "Validates sources against the schema and the document rules without making a PDF,\n"
      "and prints every problem as file:line:col: error|warning: message. A folder stands\n"
      "for every *.xml under it, as batch finds them.\n"
      "  --plan PLAN.xml          check each report against its plan: every strategy of the\n"
      "                           plan has results, and no results belong to another\n"
      "  --template NAME|FILE     check against this template's column sets and profile\n" },
    { "batch", cmd_batch, "DIR|LIST -o OUTDIR [--odt] [--index] [options]", "make the PDFs of a whole folder, with a downloads page",
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
    { "fonts", cmd_fonts, "[--template NAME|FILE]", "show which font files are used",
      "Shows which font file serves each role and the fallback chain, so that a missing\n"
      "glyph can be explained at once.\n"
      "  --template NAME|FILE     the template whose fonts to show (default: plan)\n" },
    { "import", pp_cli_import, "IN.docx|IN.odt [-o OUT.xml] [--kind KIND] [--template NAME|FILE] [--force]",
      "make a source of a Word or ODF document",
      "Makes a planpress source of a Word (.docx) or ODF (.odt, .fodt) document: sections,\n"
      "numbered items, strategy and other tables, the title block; then checks it.\n"
      "  -o OUT.xml               the source to write (default: IN with .xml)\n"
      "  --kind KIND              the document kind, when the title does not tell it\n"
      "  --template NAME|FILE     an agency's template: its kinds, roles and column sets read the\n"
      "                           document, and the source names it (default: the one a planpress\n"
      "                           .odt names, else the kind's)\n"
      "  --force                  replace an existing OUT\n" },
    { "new", pp_cli_new, "KIND [--from FILE] [-o OUT.xml] [--force]",
      "write the skeleton of a new source, or a plan's report",
      "Writes the skeleton of a new source of KIND, each section it needs with text to\n"
      "replace; --from a plan makes its report (results to fill in) or next year's plan.\n"
      "  -o OUT.xml               the source to write (default: standard output)\n"
      "  --from FILE              start from this plan\n"
      "  --force                  replace an existing OUT\n" },
        { "help", cmd_help, "[COMMAND|templates]", "show a command's options; 'help templates' lists the templates",
      "Shows the help of a command, or the list of commands; 'help templates' lists the\n"
      "templates --template NAME can name, and the folder they are in.\n" },
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
    for (int i = 0; i < NCOMMANDS; i++) fprintf(out, "  %-7s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'planpress help COMMAND' or 'planpress COMMAND --help' shows a command's options.\n"
          "Exit status: 0 success (warnings allowed), 1 bad input, 2 usage, 3 environment (a font,\n"
          "template or schema is missing), 4 system (a file cannot be read or written, no memory).\n", out);
}

static void print_help(const command *c, FILE *out)
{
    fprintf(out, "usage: planpress %s %s\n\n%s\n", c->name, c->synopsis, c->help);
    if (c->run == cmd_help) return;
    /* batch reads its own options (batch.c) and prints a line per source anyway, and
     * fonts says all it knows: no --verbose for them */
    for (const char *l = common_options; *l;) {
        const char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) + 1 : strlen(l);
        if (!((c->run == cmd_batch || c->run == cmd_fonts) && strstr(l, "--verbose") && strstr(l, "--verbose") < l + n)) fwrite(l, 1, n, out);
        l += n;
    }
}

/* `planpress help templates`: the folder and the template names in it (what
 * --template NAME takes; bash completion reads the names from here). */
static int help_templates(pp_args *a)
{
    const char *dir = pp_template_dir(a->d);
    if (!dir) return pp_diag_exit_code(a->d);
    glob_t g;
    char pattern[PATH_MAX];
    snprintf(pattern, sizeof pattern, "%s/*.xml", dir);
    printf("Templates (--template NAME) in %s:\n", dir);
    if (glob(pattern, 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            const char *b = strrchr(g.gl_pathv[i], '/') + 1;
            printf("  %.*s\n", (int)(strlen(b) - 4), b);
        }
        globfree(&g);
    }
    printf("Each document kind takes the template named like it; --template FILE takes any template file.\n");
    return PP_EXIT_OK;
}

static int cmd_help(pp_args *a)
{
    if (a->argc <= 2) { print_usage(stdout); return PP_EXIT_OK; }
    if (!strcmp(a->argv[2], "templates")) return help_templates(a);
    const command *c = find_command(a->argv[2]);
    if (!c) { pp_args_usage(a, "no such command", a->argv[2]); return PP_EXIT_USAGE; }
    print_help(c, stdout);
    return PP_EXIT_OK;
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

static bool ends_with(const char *s, const char *tail)
{
    size_t l = strlen(s), t = strlen(tail);
    return l >= t && strcasecmp(s + l - t, tail) == 0;
}

/* An output named neither *.pdf nor *.odt is written, with a warning: a file
 * manager would not know what opens it. */
static void check_extension(pp_args *a, const char *out, pp_render_format format)
{
    if (!out || !strcmp(out, "-") || ends_with(out, ".pdf") || ends_with(out, ".odt")) return;
    bool odt = format == PP_FORMAT_ODT;
    /* a short extension is taken for a slip (plan.pfd -> plan.pdf), else one is added */
    const char *base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out, *dot = strrchr(base, '.');
    size_t keep = dot && dot > base && strlen(dot + 1) >= 2 && strlen(dot + 1) <= 4 ? (size_t)(dot - out) : strlen(out);
    char *better = pp_xmalloc(keep + 5);
    memcpy(better, out, keep);
    strcpy(better + keep, odt ? ".odt" : ".pdf");
    pp_msg(a->d, PP_LOC(out, 0, 0), OUTPUT_EXTENSION, odt ? "an ODF text" : "a PDF", better);
    free(better);
}

/* The options render and watch share (the look, the format, the plan, PDF/A,
 * tagging); true when argv[i] was one of them. */
static bool render_option(pp_args *a, pp_render_opts *o)
{
    const char *v;
    if ((v = pp_args_value(a, "--template", false))) o->template_spec = v;
    else if ((v = pp_args_value(a, "--format", false))) {
        if (strcmp(v, "pdf") && strcmp(v, "odt")) pp_args_usage(a, "--format takes pdf or odt", v);
        o->format = strcmp(v, "odt") == 0 ? PP_FORMAT_ODT : PP_FORMAT_PDF;
    }
    else if ((v = pp_args_value(a, "--plan", false))) o->plan = v;
    else if (pp_args_flag(a, "--pdfa")) o->pdfa = true;
    else if (pp_args_flag(a, "--untagged")) o->untagged = true;
    else return false;
    return true;
}

static int cmd_render(pp_args *a)
{
    const char *in = NULL, *out = NULL, *v;
    pp_render_opts o = { .dump_out = stdout, .exit_after = true };
    bool stats = false;
    for (a->i = 2; a->i < a->argc && !a->bad; a->i++) {
        if (pp_args_common(a)) continue;
        if ((v = pp_args_value(a, "-o", false))) out = v;
        else if (render_option(a, &o)) continue;
        else if ((v = pp_args_value(a, "--dump", false))) {
            if (strcmp(v, "model") && strcmp(v, "blocks") && strcmp(v, "pages"))
                pp_args_usage(a, "--dump takes model, blocks or pages", v);
            o.dump = v;
        }
        else if (pp_args_flag(a, "--stats")) stats = true;
        else if (a->bad) break;
        else if (pp_args_is_option(a)) pp_args_usage(a, "unknown option", a->argv[a->i]);
        else if (!in) in = a->argv[a->i];
        else pp_args_usage(a, "render takes one source", a->argv[a->i]);
    }
    if (!a->bad && !in) pp_args_usage(a, "render needs a source file", NULL);
    if (!a->bad && !out && strcmp(in, "-") == 0) pp_args_usage(a, "a source read from standard input needs -o", NULL);
    if (a->bad) return exit_status(a->d);
    pp_fonts_preload();   /* fontconfig's configuration loads while the source is read */
    char *def = out ? NULL : default_output(in, o.format == PP_FORMAT_ODT ? ".odt" : ".pdf");
    if (out && strcmp(out, "-") == 0) o.dump_out = stderr;   /* standard output holds the PDF */
    int errors0 = a->d->errors, warnings0 = a->d->warnings;
    check_extension(a, out, o.format);
    pp_render_stats st;
    memset(&st, 0, sizeof st);
    int rc = pp_render_file(in, out ? out : def, &o, a->d, &st);
    if (a->verbose)   /* on standard error: standard output may hold the PDF */
        pp_summary_print(stderr, in, out ? out : def, rc, &st, &o, a->d->errors - errors0, a->d->warnings - warnings0, true);
    if (stats && rc == 0)   /* one line for bench/: milliseconds per stage, sizes */
        fprintf(stderr, "stats: read %.2f fonts %.2f layout %.2f write %.2f (subset %.2f deflate %.2f wait %.2f tag %.2f pack %.2f) "
                "pages %zu bytes %zu glyph_bytes %zu\n", st.read_ms, st.fonts_ms, st.layout_ms,
                st.write_ms, st.subset_ms, st.deflate_ms, st.wait_ms, st.tag_ms, st.pack_ms, st.pages, st.bytes, st.glyph_bytes);
    free(def);
    pp_fonts_unshare_config();
    return exit_status(a->d);
}

/* Checks one source; one line on standard output: the profile it was checked against. */
static void check_one(pp_args *a, const pp_render_opts *o, const char *arg)
{
    int errors0 = a->d->errors, warnings0 = a->d->warnings;
    pp_render_stats st;
    memset(&st, 0, sizeof st);
    pp_render_file(arg, NULL, o, a->d, &st);
    /* one line a file on standard output: the profile it was checked against */
    if (!a->d->quiet && st.kind[0] && !st.template_name[0]) {
        int e = a->d->errors - errors0;
        printf("%s: not checked against a profile (its template could not be read): %d error%s\n", arg, e, e == 1 ? "" : "s");
    } else if (!a->d->quiet && st.kind[0]) {
        int e = a->d->errors - errors0, w = a->d->warnings - warnings0;
        printf("%s: checked as %s%s (%s, template '%s'): %d error%s, %d warning%s\n", arg, st.kind,
               st.has_profile ? "" : " (no such profile)", st.kind_label[0] ? st.kind_label : "?",
               st.template_name[0] ? st.template_name : "?", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
    }
    if (a->verbose) pp_summary_details(stdout, NULL, a->d->errors > errors0 ? -1 : 0, &st, o);
}

static int cmd_check(pp_args *a)
{
    pp_render_opts o = { .check_only = true };
    const char *v;
    int nfiles = 0;
    /* options first: --plan applies to every report given, wherever it stands */
    for (a->i = 2; a->i < a->argc && !a->bad; a->i++) {
        if (pp_args_common(a)) continue;
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

static int cmd_watch(pp_args *a)
{
    const char *in = NULL, *out = NULL, *v;
    pp_render_opts o = { .dump_out = stdout };
    for (a->i = 2; a->i < a->argc && !a->bad; a->i++) {
        if (pp_args_common(a)) continue;
        if ((v = pp_args_value(a, "-o", false))) out = v;
        else if (render_option(a, &o)) continue;
        else if (a->bad) break;
        else if (pp_args_is_option(a)) pp_args_usage(a, "unknown option", a->argv[a->i]);
        else if (!in) in = a->argv[a->i];
        else pp_args_usage(a, "watch takes one source", a->argv[a->i]);
    }
    if (!a->bad && !in) pp_args_usage(a, "watch needs a source file", NULL);
    if (!a->bad && !strcmp(in, "-")) pp_args_usage(a, "watch needs a file to watch, not standard input", NULL);
    if (!a->bad && out && !strcmp(out, "-")) pp_args_usage(a, "watch writes a file each time, not standard output", NULL);
    if (a->bad) return exit_status(a->d);
    struct stat sb;
    if (stat(in, &sb) != 0) { pp_msg(a->d, PP_LOC(in, 0, 0), CANNOT_OPEN, strerror(errno)); return exit_status(a->d); }
    if (!S_ISREG(sb.st_mode)) { pp_msg(a->d, PP_LOC(in, 0, 0), NOT_REGULAR, S_ISDIR(sb.st_mode) ? "a folder" : "not a file"); return exit_status(a->d); }
    char *def = out ? NULL : default_output(in, o.format == PP_FORMAT_ODT ? ".odt" : ".pdf");
    check_extension(a, out, o.format);
    const char *renders = getenv("PLANPRESS_WATCH_RENDERS");   /* tests: stop after N renders */
    pp_watch w = { .in = in, .out = out ? out : def, .opts = &o, .format = a->d->format, .quiet = a->d->quiet,
                   .verbose = a->verbose, .err = a->d->out, .max_renders = renders ? atoi(renders) : 0 };
    int rc = pp_watch_run(&w, a->d);
    free(def);
    return rc ? rc : exit_status(a->d) >= PP_EXIT_USAGE ? exit_status(a->d) : 0;
}

static int cmd_batch(pp_args *a) { return pp_batch_main(a->argc, a->argv, a->d); }

static int cmd_fonts(pp_args *a)
{
    const char *spec = NULL, *v;
    for (a->i = 2; a->i < a->argc && !a->bad; a->i++) {
        if (pp_args_common(a)) continue;
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
    /* memory freed stays with the process for the next allocation instead of going
     * back to the kernel and being faulted in again, zeroed (glibc: large blocks
     * are mapped and unmapped one by one, and the heap top is trimmed); a render
     * allocates and frees its font subset's and PDF's megabytes several times */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    xmlInitParser();
    pp_atomic_cleanup_on_signals();
    pp_diag d;
    pp_diag_init(&d, err);
    pp_args a = { .argc = argc, .argv = argv, .i = 1, .d = &d };
    int rc;
    const command *c = argc >= 2 ? find_command(argv[1]) : NULL;
    if (argc < 2) {
        pp_args_usage(&a, "no command given", NULL);
        fputc('\n', err);
        print_usage(err);
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
    pp_xml_cleanup();
    xmlCleanupParser();
    return rc;
}
