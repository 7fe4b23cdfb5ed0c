/* cpset — a set of code points (open addressing, grows by doubling): the
 * characters already reported or already searched for in vain, however many a
 * document has. */
#ifndef PP_CPSET_H
#define PP_CPSET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pp_cpset {
    uint32_t *slot;      /* 0 = empty; code point + 1 otherwise */
    size_t cap, n;
} pp_cpset;

#define PP_CPSET_INIT { NULL, 0, 0 }

bool pp_cpset_has(const pp_cpset *s, uint32_t cp);
/* Adds cp; returns true when it was not there before. */
bool pp_cpset_add(pp_cpset *s, uint32_t cp);
void pp_cpset_release(pp_cpset *s);
#endif
