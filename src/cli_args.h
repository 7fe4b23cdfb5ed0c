/* cli_args — the command-line conventions every command shares: options as
 * "--name VALUE" or "--name=VALUE" (and "-jN" where a short option takes a glued
 * value), flags, an option given without its value said so by name, and usage
 * errors reported through the catalog (exit status 2). */
#ifndef PP_CLI_ARGS_H
#define PP_CLI_ARGS_H
#include "diag.h"
#include <stdbool.h>

typedef struct pp_args {
    int argc;
    char **argv;
    int i;              /* the argument being looked at */
    const char *cmd;    /* "render", "check", ... for messages */
    pp_diag *d;
    bool bad;           /* a usage error was reported */
    bool verbose;       /* --verbose: say what was done */
} pp_args;

/* The value of option `name` if argv[i] is it ("--name V", "--name=V"; with
 * `glued`, also "-nV"), advancing past the value; NULL when argv[i] is another
 * argument. An option given without its value reports a usage error (a->bad) and
 * returns NULL. */
const char *pp_args_value(pp_args *a, const char *name, bool glued);
/* True when argv[i] is the flag `name`. */
bool pp_args_flag(const pp_args *a, const char *name);
/* True when argv[i] looks like an option (starts with '-' and is not "-"). */
bool pp_args_is_option(const pp_args *a);
/* Reports a usage error: `what`, and the argument it is about (may be NULL). */
void pp_args_usage(pp_args *a, const char *what, const char *arg);
/* The options every command takes (-q/--quiet, --diagnostics=text|json), applied to
 * the diagnostics; true when argv[i] was one of them (or a usage error). */
bool pp_args_common(pp_args *a);
#endif
