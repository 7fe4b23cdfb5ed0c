/* names — how strategy, group and dimension names are compared and quoted:
 * one comparison key (so that 「跨機關（單位）整合」 and 「跨機關(單位)整合」 are one
 * strategy) and one way of naming a row in a message ("sub-item 2 of strategy
 * 「…」"). Shared by the document rules and the report↔plan matching. */
#ifndef PP_NAMES_H
#define PP_NAMES_H
#include "model.h"
#include <stdbool.h>
#include <stddef.h>

/* The comparison key of a name: whitespace dropped, full-width ASCII forms
 * folded, trailing colons dropped. malloc'd (caller frees). */
char *pp_name_key(const char *name);
/* A name as messages quote it: whitespace runs as one space, no trailing colon,
 * long description-like names cut after 30 characters with "…". */
void pp_name_display(char *buf, size_t cap, const char *name);
/* True when s holds only whitespace (ideographic space included). */
bool pp_name_blank(const char *s);
/* A strategy's name text (its <name>), malloc'd (caller frees). */
char *pp_name_of_strategy(const pp_node *strategy);
/* The name of a row's node as messages quote it (display form), malloc'd. */
char *pp_name_of_row(const pp_node *n);
/* "strategy 「X」", "sub-item 2 of strategy 「X」", "group 「X」", "dimension 「X」". */
void pp_name_describe(char *buf, size_t cap, const pp_node *owner);
#endif
