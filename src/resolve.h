/* resolve — numbers the model: every section, list item, dimension, group,
 * strategy and sub gets its printed label (壹、 一、 （一） 1. (1) A. …) from its
 * nesting and the template, unless the author gave one verbatim. */
#ifndef PP_RESOLVE_H
#define PP_RESOLVE_H
#include "model.h"
#include "template.h"

/* Sets node->label (and node->depth) throughout the document. */
void pp_resolve(pp_doc *doc, const pp_template *t);
/* The caption of a dimension per the column set's format, malloc'd (caller frees). */
char *pp_resolve_caption(const pp_columnset *cs, const pp_node *dimension);
#endif
