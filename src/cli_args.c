#include "cli_args.h"
#include <string.h>

const char *pp_args_value(pp_args *a, const char *name, bool glued)
{
    const char *s = a->argv[a->i];
    size_t l = strlen(name);
    if (strncmp(s, name, l) != 0) return NULL;
    if (s[l] == '=') return s + l + 1;
    if (s[l] == 0) {
        if (a->i + 1 < a->argc) return a->argv[++a->i];
        pp_msg(a->d, PP_NOWHERE, USAGE_NO_VALUE, name, a->cmd ? a->cmd : "");
        a->bad = true;
        return NULL;
    }
    return glued && name[1] != '-' ? s + l : NULL;
}

bool pp_args_flag(const pp_args *a, const char *name) { return strcmp(a->argv[a->i], name) == 0; }

bool pp_args_is_option(const pp_args *a)
{
    const char *s = a->argv[a->i];
    return s[0] == '-' && s[1];
}

void pp_args_usage(pp_args *a, const char *what, const char *arg)
{
    pp_msg(a->d, PP_NOWHERE, USAGE, what, arg ? ": " : "", arg ? arg : "", a->cmd ? " " : "", a->cmd ? a->cmd : "");
    a->bad = true;
}

bool pp_args_common(pp_args *a)
{
    const char *v;
    if (pp_args_flag(a, "-q") || pp_args_flag(a, "--quiet")) {
        if (a->verbose) pp_args_usage(a, "--quiet and --verbose exclude each other", NULL);
        a->d->quiet = true;
        return true;
    }
    if (pp_args_flag(a, "-v") || pp_args_flag(a, "--verbose")) {
        if (a->d->quiet) pp_args_usage(a, "--quiet and --verbose exclude each other", NULL);
        a->verbose = true;
        return true;
    }
    if ((v = pp_args_value(a, "--diagnostics", false))) {
        if (!strcmp(v, "json")) a->d->format = PP_DIAG_JSON;
        else if (!strcmp(v, "text")) a->d->format = PP_DIAG_TEXT;
        else pp_args_usage(a, "--diagnostics takes text or json", v);
        return true;
    }
    return a->bad;
}
