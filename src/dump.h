/* dump — readable text of a stage's output (--dump=blocks|pages), for golden
 * tests and for looking at what layout did without a PDF viewer. */
#ifndef PP_DUMP_H
#define PP_DUMP_H
#include "blocks.h"
#include "pages.h"
#include <stdio.h>

void pp_dump_blocks(const pp_blocks *b, FILE *out);
void pp_dump_pages(const pp_pages *p, FILE *out);
#endif
