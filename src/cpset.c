#include "cpset.h"
#include "xalloc.h"
#include <stdlib.h>

static size_t hash(uint32_t cp) { return (size_t)(cp * 2654435761u); }

bool pp_cpset_has(const pp_cpset *s, uint32_t cp)
{
    if (!s->cap) return false;
    for (size_t i = hash(cp) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (!s->slot[i]) return false;
        if (s->slot[i] == cp + 1) return true;
    }
}

static void put(uint32_t *slot, size_t cap, uint32_t v)
{
    size_t i = hash(v - 1) & (cap - 1);
    while (slot[i]) i = (i + 1) & (cap - 1);
    slot[i] = v;
}

bool pp_cpset_add(pp_cpset *s, uint32_t cp)
{
    if (pp_cpset_has(s, cp)) return false;
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        uint32_t *slot = pp_xcalloc(cap, sizeof *slot);
        for (size_t i = 0; i < s->cap; i++) if (s->slot[i]) put(slot, cap, s->slot[i]);
        free(s->slot);
        s->slot = slot;
        s->cap = cap;
    }
    put(s->slot, s->cap, cp + 1);
    s->n++;
    return true;
}

void pp_cpset_release(pp_cpset *s)
{
    free(s->slot);
    s->slot = NULL;
    s->cap = s->n = 0;
}
