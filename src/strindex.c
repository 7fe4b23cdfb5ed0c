/* strindex.c — see strindex.h. */
#include "strindex.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pp_strindex_slot { char *key; size_t value; uint64_t hash; };

/* FNV-1a, 64 bits */
static uint64_t hash_of(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) h = (h ^ *p) * 0x100000001b3ull;
    return h;
}

static struct pp_strindex_slot *find(const pp_strindex *x, const char *key, uint64_t h)
{
    for (size_t i = (size_t)h & (x->cap - 1);; i = (i + 1) & (x->cap - 1)) {
        struct pp_strindex_slot *s = &x->slot[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0)) return s;
    }
}

size_t pp_strindex_get(const pp_strindex *x, const char *key)
{
    if (!x->cap) return (size_t)-1;
    const struct pp_strindex_slot *s = find(x, key, hash_of(key));
    return s->key ? s->value : (size_t)-1;
}

size_t pp_strindex_put(pp_strindex *x, const char *key, size_t value)
{
    if ((x->n + 1) * 2 > x->cap) {
        pp_strindex grown = { pp_xcalloc(x->cap ? x->cap * 2 : 64, sizeof *x->slot), x->cap ? x->cap * 2 : 64, x->n };
        for (size_t i = 0; i < x->cap; i++)
            if (x->slot[i].key) *find(&grown, x->slot[i].key, x->slot[i].hash) = x->slot[i];
        free(x->slot);
        *x = grown;
    }
    uint64_t h = hash_of(key);
    struct pp_strindex_slot *s = find(x, key, h);
    if (s->key) return s->value;
    *s = (struct pp_strindex_slot){ pp_xstrdup(key), value, h };
    x->n++;
    return value;
}

void pp_strindex_release(pp_strindex *x)
{
    for (size_t i = 0; i < x->cap; i++) free(x->slot[i].key);
    free(x->slot);
    x->slot = NULL;
    x->cap = x->n = 0;
}
