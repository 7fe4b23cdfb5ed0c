/* dump — readable text of a stage's output (--dump=model|blocks|pages), for
 * golden tests and for looking at what a stage did without a PDF viewer. */
#ifndef PP_DUMP_H
#define PP_DUMP_H
#include "blocks.h"
#include "model.h"
#include "pages.h"
#include <stdio.h>

/* The numbered model: one node a line, indented by depth, with its position. */
void pp_dump_model(const pp_doc *doc, FILE *out);
void pp_dump_blocks(const pp_blocks *b, FILE *out);
void pp_dump_pages(const pp_pages *p, FILE *out);
#endif
