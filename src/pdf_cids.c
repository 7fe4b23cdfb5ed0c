#include "pdf_cids.h"
#include <stdlib.h>

static uint32_t hash(uint32_t cp)
{
    uint32_t x = (cp + 1) * 2654435761u; /* Fibonacci hashing; fold the good high bits down */
    return x ^ (x >> 16);
}

int pp_cids_init(pp_cids *t, uint16_t notdef_w)
{
    *t = (pp_cids){ .cap = 256 };
    t->cp = malloc(t->cap * sizeof *t->cp);
    t->gid = malloc(t->cap * sizeof *t->gid);
    t->w = malloc(t->cap * sizeof *t->w);
    if (!t->cp || !t->gid || !t->w) return -1;
    t->cp[0] = t->gid[0] = 0;
    t->w[0] = notdef_w;
    t->n = 1;
    return 0;
}

void pp_cids_release(pp_cids *t)
{
    free(t->cp);
    free(t->gid);
    free(t->w);
    free(t->h_key);
    free(t->h_val);
    *t = (pp_cids){ 0 };
}

long pp_cids_find(const pp_cids *t, uint32_t cp)
{
    if (!t->h_cap) return -1;
    uint32_t mask = t->h_cap - 1, i = hash(cp) & mask;
    for (;;) {
        uint32_t k = t->h_key[i];
        if (k == 0) return -1;
        if (k == cp + 1) return t->h_val[i];
        i = (i + 1) & mask;
    }
}

static int hash_insert(pp_cids *t, uint32_t cp, uint16_t cid)
{
    if ((t->n + 1) * 2 > t->h_cap) {
        uint32_t ncap = t->h_cap ? t->h_cap * 2 : 256;
        uint32_t *nk = calloc(ncap, sizeof *nk);
        uint16_t *nv = calloc(ncap, sizeof *nv);
        if (!nk || !nv) { free(nk); free(nv); return -1; }
        for (uint32_t j = 0; j < t->h_cap; j++) {
            if (!t->h_key[j]) continue;
            uint32_t i = hash(t->h_key[j] - 1) & (ncap - 1);
            while (nk[i]) i = (i + 1) & (ncap - 1);
            nk[i] = t->h_key[j];
            nv[i] = t->h_val[j];
        }
        free(t->h_key);
        free(t->h_val);
        t->h_key = nk;
        t->h_val = nv;
        t->h_cap = ncap;
    }
    uint32_t mask = t->h_cap - 1, i = hash(cp) & mask;
    while (t->h_key[i]) i = (i + 1) & mask;
    t->h_key[i] = cp + 1;
    t->h_val[i] = cid;
    return 0;
}

long pp_cids_add(pp_cids *t, uint32_t cp, uint32_t gid, uint16_t w)
{
    if (t->n >= PP_CIDS_MAX) return -1;
    if (t->n == t->cap) {
        uint32_t ncap = t->cap * 2;
        if (ncap > PP_CIDS_MAX) ncap = PP_CIDS_MAX;
        uint32_t *a = realloc(t->cp, ncap * sizeof *a);
        if (!a) return -1;
        t->cp = a;
        uint32_t *g = realloc(t->gid, ncap * sizeof *g);
        if (!g) return -1;
        t->gid = g;
        uint16_t *v = realloc(t->w, ncap * sizeof *v);
        if (!v) return -1;
        t->w = v;
        t->cap = ncap;
    }
    uint16_t cid = (uint16_t)t->n;
    if (hash_insert(t, cp, cid) != 0) return -1;
    t->cp[cid] = cp;
    t->gid[cid] = gid;
    t->w[cid] = w;
    t->n++;
    return cid;
}
