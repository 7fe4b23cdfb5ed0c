/* cli — the command line: render, check, batch, fonts; --help, --version. */
#ifndef PP_CLI_H
#define PP_CLI_H
#include <stdio.h>
int pp_cli_main(int argc, char **argv, FILE *err);
#endif
