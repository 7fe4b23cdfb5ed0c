#include "cli.h"
int main(int argc, char **argv) { return pp_cli_main(argc, argv, stderr); }
