#define _POSIX_C_SOURCE 200809L
#include "cli_import.h"
#include "cli_args.h"
#include "diag.h"
#include "import.h"
#include "model.h"
#include "output.h"
#include "skeleton.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

int pp_cli_import(pp_args *a)
{
    const char *in = NULL, *out = NULL, *v;
    pp_import_opts o = { .kind = NULL, .check_out = stderr };
    for (a->i = 2; a->i < a->argc && !a->bad; a->i++) {
        if (pp_args_common(a)) continue;
        if ((v = pp_args_value(a, "-o", false))) out = v;
        else if (pp_args_flag(a, "--force")) o.force = true;
        else if ((v = pp_args_value(a, "--kind", false))) o.kind = v;
        else if ((v = pp_args_value(a, "--template", false))) o.template_spec = v;
        else if (a->bad) break;
        else if (pp_args_is_option(a)) pp_args_usage(a, "unknown option", a->argv[a->i]);
        else if (!in) in = a->argv[a->i];
        else pp_args_usage(a, "import takes one document", a->argv[a->i]);
    }
    if (!a->bad && !in) pp_args_usage(a, "import needs a .docx or .odt file", NULL);
    if (a->bad) return pp_diag_exit_code(a->d);
    char *def = out ? NULL : default_output(in);
    pp_import_file(in, out ? out : def, &o, a->d);
    free(def);
    return pp_diag_exit_code(a->d);
}

int pp_cli_new(pp_args *a)
{
    const char *kind = NULL, *out = NULL, *from = NULL, *v;
    bool force = false;
    for (a->i = 2; a->i < a->argc && !a->bad; a->i++) {
        if (pp_args_common(a)) continue;
        if ((v = pp_args_value(a, "-o", false))) out = v;
        else if (pp_args_flag(a, "--force")) force = true;
        else if ((v = pp_args_value(a, "--from", false))) from = v;
        else if (a->bad) break;
        else if (pp_args_is_option(a)) pp_args_usage(a, "unknown option", a->argv[a->i]);
        else if (!kind) kind = a->argv[a->i];
        else pp_args_usage(a, "new takes one kind", a->argv[a->i]);
    }
    if (!a->bad && !kind) pp_args_usage(a, "new needs a kind (plan, implementation-plan, report, ...)", NULL);
    if (a->bad) return pp_diag_exit_code(a->d);
    if (!out) out = "-";
    pp_diag *d = a->d;
    struct stat st;
    if (strcmp(out, "-") != 0 && !force && stat(out, &st) == 0) {
        pp_msg(d, PP_LOC(out, 0, 0), OUTPUT_EXISTS, out);
        return pp_diag_exit_code(d);
    }
    const char *inputs[] = { from };
    if (pp_output_check(out, inputs, 1, d) != 0) return pp_diag_exit_code(d);
    pp_skeleton_opts o = { .from = from };
    pp_buf text = PP_BUF_INIT;
    if (pp_skeleton_write(kind, &o, &text, d) == 0) pp_output_write(out, text.data, text.len, d);
    pp_buf_release(&text);
    return pp_diag_exit_code(d);
}
