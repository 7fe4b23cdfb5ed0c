#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
    fputs("planpress: error: out of memory\n", stderr);
    exit(3);
}

void *pp_xmalloc(size_t n) { void *p = malloc(n ? n : 1); if (!p) oom(); return p; }
void *pp_xcalloc(size_t c, size_t s) { void *p = calloc(c ? c : 1, s ? s : 1); if (!p) oom(); return p; }
void *pp_xrealloc(void *p, size_t n) { p = realloc(p, n ? n : 1); if (!p) oom(); return p; }
char *pp_xstrdup(const char *s) { return pp_xstrndup(s, strlen(s)); }
char *pp_xstrndup(const char *s, size_t n)
{
    char *p = pp_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}
void pp_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return;
    size_t c = *cap ? *cap : 8;
    while (c < need) c += c / 2 + 8;   /* 1.5x: amortised linear */
    *arr = pp_xrealloc(*arr, c * elem);
    *cap = c;
}
