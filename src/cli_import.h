/* cli_import — the import and new commands of the command line. */
#ifndef PP_CLI_IMPORT_H
#define PP_CLI_IMPORT_H
#include "cli_args.h"
/* planpress import IN.docx|IN.odt [-o OUT.xml] [--kind KIND] [--force]; returns the exit status. */
int pp_cli_import(pp_args *a);
/* planpress new KIND [--from FILE] [-o OUT.xml] [--force]; returns the exit status. */
int pp_cli_new(pp_args *a);
#endif
