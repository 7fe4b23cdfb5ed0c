/* suggest — "did you mean …?": the known word closest to a misspelt one (edit
 * distance, counting characters, not bytes), if it is close enough to be the
 * likely intent; and a known list as one line for messages. */
#ifndef PP_SUGGEST_H
#define PP_SUGGEST_H
#include <stddef.h>

/* The candidate nearest to `word` when it is at most a third of its length away
 * (and at most 3 edits), else NULL. */
const char *pp_suggest(const char *word, const char *const *candidates, size_t n);
/* Writes "a, b, c" (at most cap bytes, cut with "…") into buf; returns buf. */
char *pp_suggest_list(char *buf, size_t cap, const char *const *candidates, size_t n);
#endif
