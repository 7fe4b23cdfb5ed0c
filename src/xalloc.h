/* xalloc — allocation that never returns NULL: a CLI cannot do anything useful
 * without memory, so it says so and exits (cmark's xcalloc does the same). */
#ifndef PP_XALLOC_H
#define PP_XALLOC_H
#include <stddef.h>
void *pp_xmalloc(size_t n);
void *pp_xcalloc(size_t count, size_t size);
void *pp_xrealloc(void *p, size_t n);
char *pp_xstrdup(const char *s);
char *pp_xstrndup(const char *s, size_t n);
/* Grows *arr (of *cap elements of size elem) to hold at least need elements. */
void pp_grow(void **arr, size_t *cap, size_t need, size_t elem);
#define PP_GROW(arr, cap, need) pp_grow((void **)&(arr), &(cap), (need), sizeof *(arr))
/* Grows an array that keeps no capacity of its own (n elements, growing one at a
 * time, rarely): room for one more. */
#define PP_GROW_N(arr, n) ((arr) = pp_xrealloc((arr), ((n) + 1) * sizeof *(arr)))
#endif
