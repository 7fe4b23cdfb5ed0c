/* cli_import — the import and new commands of the command line. */
#ifndef PP_CLI_IMPORT_H
#define PP_CLI_IMPORT_H
#include <stdio.h>
/* planpress import IN.docx|IN.odt [-o OUT.xml] [--kind KIND] [--force]; returns the exit status. */
int pp_cli_import(int argc, char **argv, FILE *err);
/* planpress new KIND [--from FILE] [-o OUT.xml] [--force]; returns the exit status. */
int pp_cli_new(int argc, char **argv, FILE *err);
#endif
