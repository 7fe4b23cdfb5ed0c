#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "atomic.h"
#include "batch.h"
#include "cli_import.h"
#include "diag.h"
#include "fonts.h"
#include "model.h"
#include "render.h"
#include "template.h"
#include "xalloc.h"
#include "xml_read.h"
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: planpress render IN.xml [-o OUT.pdf] [--template NAME|FILE] [--pdfa] [--untagged]\n"
    "                        [--dump=model|blocks|pages] [--stats] [--plan PLAN.xml]\n"
    "       planpress check [--plan PLAN.xml] FILE...\n"
    "       planpress batch DIR|LIST -o OUTDIR [-j N] [--force] [--index] [--template NAME|FILE] [--timeout SEC]\n"
    "                       [--pdfa] [--untagged]\n"
    "       planpress fonts [--template NAME|FILE]\n"
    "       planpress import IN.docx|IN.odt [-o OUT.xml] [--kind KIND] [--force]\n"
    "       planpress new KIND [--from FILE] [-o OUT.xml] [--force]\n"
    "       planpress --help | --version\n"
    "\n"
    "render   typeset one source into an A4 PDF (default OUT: IN with .pdf); tagged for\n"
    "         screen readers unless --untagged; --pdfa makes it PDF/A-2u (needs an sRGB\n"
    "         ICC profile: package icc-profiles-free)\n"
    "check    validate sources (schema and document rules), print file:line:col messages;\n"
    "         --plan PLAN.xml also checks each report against its plan's strategies\n"
    "batch    render every *.xml under DIR (or each path listed in LIST, one a line) into OUTDIR\n"
    "         with N worker processes (default: one per core); a source whose PDF is newer than\n"
    "         it and its template is skipped unless --force; writes OUTDIR/report.json and, with\n"
    "         --index, OUTDIR/index.html; a source running over --timeout (default 300 s) fails\n"
    "fonts    show which font file serves each role and the fallback chain\n"
    "import   make a source of a Word (.docx) or ODF (.odt) document (default OUT: IN with .xml),\n"
    "         then check it; an existing OUT is kept unless --force\n"
    "new      write a skeleton source of a kind (plan, implementation-plan, report); --from a plan\n"
    "         makes its report (results to fill) or, for a plan, next year's plan\n"
    "\n"
    "Templates: plan, implementation-plan, report (templates/NAME.xml), or a file path.\n"
    "Exit codes: 0 success, 1 bad input, 2 usage, 3 environment (font or template missing),\n"
    "4 system (a file cannot be read or written).\n";

static int usage_error(FILE *err, const char *msg, const char *arg)
{
    fprintf(err, "planpress: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fputs("Try 'planpress --help'.\n", err);
    return PP_EXIT_USAGE;
}

/* Takes the value of an option given as "--opt V" or "--opt=V". */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    size_t l = strlen(name);
    if (strncmp(argv[*i], name, l) != 0) return NULL;
    if (argv[*i][l] == '=') return argv[*i] + l + 1;
    if (argv[*i][l] == 0 && *i + 1 < argc) return argv[++*i];
    return NULL;
}

static char *default_output(const char *in)
{
    size_t l = strlen(in);
    char *out = pp_xmalloc(l + 5);
    memcpy(out, in, l + 1);
    if (l > 4 && strcmp(in + l - 4, ".xml") == 0) out[l - 4] = 0;
    strcat(out, ".pdf");
    return out;
}

static int cmd_render(int argc, char **argv, FILE *err)
{
    const char *in = NULL, *out = NULL, *v;
    pp_render_opts o = { .dump_out = stdout };
    bool stats = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) out = argv[++i];
        else if ((v = opt_value(argc, argv, &i, "--template"))) o.template_spec = v;
        else if ((v = opt_value(argc, argv, &i, "--dump"))) {
            if (strcmp(v, "model") && strcmp(v, "blocks") && strcmp(v, "pages"))
                return usage_error(err, "--dump takes model, blocks or pages", v);
            o.dump = v;
        }
        else if (strcmp(argv[i], "--stats") == 0) stats = true;
        else if (strcmp(argv[i], "--pdfa") == 0) o.pdfa = true;
        else if (strcmp(argv[i], "--untagged") == 0) o.untagged = true;
        else if ((v = opt_value(argc, argv, &i, "--plan"))) o.plan = v;
        else if (argv[i][0] == '-' && argv[i][1]) return usage_error(err, "unknown option", argv[i]);
        else if (!in) in = argv[i];
        else return usage_error(err, "render takes one source", argv[i]);
    }
    if (!in) return usage_error(err, "render needs a source file", NULL);
    char *def = out ? NULL : default_output(in);
    pp_diag d;
    pp_diag_init(&d, err);
    pp_render_stats st;
    int rc = pp_render_file(in, out ? out : def, &o, &d, &st) == 0 ? PP_EXIT_OK : pp_diag_exit_code(&d);
    if (rc == PP_EXIT_OK && d.errors) rc = pp_diag_exit_code(&d);
    if (stats && rc == PP_EXIT_OK)   /* one line for bench/: milliseconds per stage, sizes */
        fprintf(err, "stats: read %.2f fonts %.2f layout %.2f write %.2f (subset %.2f deflate %.2f wait %.2f tag %.2f pack %.2f) "
                "pages %zu bytes %zu glyph_bytes %zu\n", st.read_ms, st.fonts_ms, st.layout_ms,
                st.write_ms, st.subset_ms, st.deflate_ms, st.wait_ms, st.tag_ms, st.pack_ms, st.pages, st.bytes, st.glyph_bytes);
    free(def);
    return rc;
}

static int cmd_check(int argc, char **argv, FILE *err)
{
    int worst = PP_EXIT_OK, nfiles = 0;
    pp_render_opts o = { .check_only = true };
    const char *v;
    /* options first: --plan applies to every report given, wherever it stands */
    for (int i = 2; i < argc; i++) {
        if ((v = opt_value(argc, argv, &i, "--plan"))) o.plan = v;
        else if (argv[i][0] == '-' && argv[i][1]) return usage_error(err, "unknown option", argv[i]);
        else nfiles++;
    }
    if (!nfiles) return usage_error(err, "check needs at least one file", NULL);
    for (int i = 2; i < argc; i++) {
        if (opt_value(argc, argv, &i, "--plan")) continue;
        pp_diag d;
        pp_diag_init(&d, err);
        pp_render_file(argv[i], NULL, &o, &d, NULL);
        int rc = pp_diag_exit_code(&d);
        if (rc > worst) worst = rc;
    }
    return worst;
}

static int cmd_fonts(int argc, char **argv, FILE *err)
{
    const char *spec = NULL, *v;
    for (int i = 2; i < argc; i++) {
        if ((v = opt_value(argc, argv, &i, "--template"))) spec = v;
        else return usage_error(err, "unknown argument", argv[i]);
    }
    pp_diag d;
    pp_diag_init(&d, err);
    pp_template *t = pp_template_load(spec, PP_KIND_PLAN, &d);
    if (!t) return pp_diag_exit_code(&d);
    pp_fonts *f = pp_fonts_open(t, &d);
    if (!f) { pp_template_free(t); return pp_diag_exit_code(&d); }
    pp_fonts_describe(f, t, stdout);
    pp_fonts_free(f);
    pp_template_free(t);
    return PP_EXIT_OK;
}

int pp_cli_main(int argc, char **argv, FILE *err)
{
    xmlInitParser();
    pp_atomic_cleanup_on_signals();
    int rc;
    if (argc < 2) rc = usage_error(err, "no command given", NULL);
    else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) { fputs(usage, stdout); rc = PP_EXIT_OK; }
    else if (!strcmp(argv[1], "--version")) { printf("planpress %s\n", PP_VERSION); rc = PP_EXIT_OK; }
    else if (!strcmp(argv[1], "render")) rc = cmd_render(argc, argv, err);
    else if (!strcmp(argv[1], "check")) rc = cmd_check(argc, argv, err);
    else if (!strcmp(argv[1], "batch")) rc = pp_batch_main(argc, argv, err);
    else if (!strcmp(argv[1], "fonts")) rc = cmd_fonts(argc, argv, err);
    else if (!strcmp(argv[1], "import")) rc = pp_cli_import(argc, argv, err);
    else if (!strcmp(argv[1], "new")) rc = pp_cli_new(argc, argv, err);
    else rc = usage_error(err, "unknown command", argv[1]);
    pp_xml_read_cleanup();
    xmlCleanupParser();
    return rc;
}
