/* strindex — strings to the first index they were given (open addressing,
 * grows by doubling): finding a name among thousands in constant time, where a
 * document's strategies are checked for duplicates or matched against a plan's.
 * The index keeps its own copies of the strings. */
#ifndef PP_STRINDEX_H
#define PP_STRINDEX_H
#include <stddef.h>

typedef struct pp_strindex {
    struct pp_strindex_slot *slot;
    size_t cap, n;
} pp_strindex;

#define PP_STRINDEX_INIT { NULL, 0, 0 }

/* The index given with key, or (size_t)-1 when key is not there. */
size_t pp_strindex_get(const pp_strindex *x, const char *key);
/* Gives key the index `value` unless it has one; returns the index key has now. */
size_t pp_strindex_put(pp_strindex *x, const char *key, size_t value);
void pp_strindex_release(pp_strindex *x);
#endif
