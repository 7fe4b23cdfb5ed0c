#define _POSIX_C_SOURCE 200809L
#include "cli_import.h"
#include "diag.h"
#include "import.h"
#include "model.h"
#include "output.h"
#include "skeleton.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int usage_error(FILE *err, const char *msg, const char *arg)
{
    fprintf(err, "planpress: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fputs("Try 'planpress --help'.\n", err);
    return PP_EXIT_USAGE;
}

static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    size_t l = strlen(name);
    if (strncmp(argv[*i], name, l) != 0) return NULL;
    if (argv[*i][l] == '=') return argv[*i] + l + 1;
    if (argv[*i][l] == 0 && *i + 1 < argc) return argv[++*i];
    return NULL;
}

/* IN.docx -> IN.xml (also .odt, .fodt; else .xml is added). */
static char *default_output(const char *in)
{
    size_t l = strlen(in);
    char *out = pp_xmalloc(l + 5);
    memcpy(out, in, l + 1);
    const char *exts[] = { ".docx", ".odt", ".fodt", ".DOCX", ".ODT" };
    for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
        size_t e = strlen(exts[k]);
        if (l > e && strcmp(in + l - e, exts[k]) == 0) { out[l - e] = 0; break; }
    }
    strcat(out, ".xml");
    return out;
}

int pp_cli_import(int argc, char **argv, FILE *err)
{
    const char *in = NULL, *out = NULL, *v;
    pp_import_opts o = { .kind = -1, .check_out = err };
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) out = argv[++i];
        else if (strcmp(argv[i], "--force") == 0) o.force = true;
        else if ((v = opt_value(argc, argv, &i, "--kind"))) {
            o.kind = pp_kind_from_name(v);
            if (o.kind < 0) return usage_error(err, "--kind takes plan, implementation-plan or report", v);
        }
        else if (argv[i][0] == '-' && argv[i][1]) return usage_error(err, "unknown option", argv[i]);
        else if (!in) in = argv[i];
        else return usage_error(err, "import takes one document", argv[i]);
    }
    if (!in) return usage_error(err, "import needs a .docx or .odt file", NULL);
    char *def = out ? NULL : default_output(in);
    pp_diag d;
    pp_diag_init(&d, err);
    pp_import_file(in, out ? out : def, &o, &d);
    free(def);
    return pp_diag_exit_code(&d);
}

int pp_cli_new(int argc, char **argv, FILE *err)
{
    const char *kind = NULL, *out = NULL, *from = NULL, *v;
    bool force = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) out = argv[++i];
        else if (strcmp(argv[i], "--force") == 0) force = true;
        else if ((v = opt_value(argc, argv, &i, "--from"))) from = v;
        else if (argv[i][0] == '-' && argv[i][1]) return usage_error(err, "unknown option", argv[i]);
        else if (!kind) kind = argv[i];
        else return usage_error(err, "new takes one kind", argv[i]);
    }
    if (!kind) return usage_error(err, "new needs a kind: plan, implementation-plan or report", NULL);
    int k = pp_kind_from_name(kind);
    if (k < 0) return usage_error(err, "unknown kind (plan, implementation-plan or report)", kind);
    if (!out) out = "-";
    pp_diag d;
    pp_diag_init(&d, err);
    struct stat st;
    if (strcmp(out, "-") != 0 && !force && stat(out, &st) == 0) {
        pp_msg(&d, PP_LOC(out, 0, 0), OUTPUT_EXISTS, out);
        return pp_diag_exit_code(&d);
    }
    const char *inputs[] = { from };
    if (pp_output_check(out, inputs, 1, &d) != 0) return pp_diag_exit_code(&d);
    pp_skeleton_opts o = { .from = from };
    pp_buf text = PP_BUF_INIT;
    if (pp_skeleton_write((pp_kind)k, &o, &text, &d) == 0) pp_output_write(out, text.data, text.len, &d);
    pp_buf_release(&text);
    return pp_diag_exit_code(&d);
}
