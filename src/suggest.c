#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Edit distance between two code-point strings, two neighbours swapped counting
 * as one edit ("acitons" is one slip from "actions"): the optimal string
 * alignment distance, three rows of the table. */
static size_t distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t *prev2 = pp_xmalloc((nb + 1) * sizeof *prev2), *prev = pp_xmalloc((nb + 1) * sizeof *prev),
           *cur = pp_xmalloc((nb + 1) * sizeof *cur);
    for (size_t j = 0; j <= nb; j++) prev[j] = prev2[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
        }
        size_t *t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    size_t d = prev[nb];
    free(prev2);
    free(prev);
    free(cur);
    return d;
}

const char *pp_suggest(const char *word, const char *const *candidates, size_t n)
{
    if (!word || !*word || strlen(word) > 256) return NULL;
    size_t nw;
    uint32_t *w = pp_utf8_to_cps(word, strlen(word), &nw);
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i] || strlen(candidates[i]) > 256) continue;
        size_t nc;
        uint32_t *c = pp_utf8_to_cps(candidates[i], strlen(candidates[i]), &nc);
        size_t d = distance(w, nw, c, nc);
        free(c);
        if (d < best_d) { best_d = d; best = candidates[i]; }
    }
    free(w);
    size_t limit = nw / 3 > 3 ? 3 : nw / 3;
    if (limit < 1) limit = 1;
    return best && best_d > 0 && best_d <= limit ? best : NULL;
}

char *pp_suggest_list(char *buf, size_t cap, const char *const *candidates, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (size_t i = 0; i < n && cap > 8; i++) {
        size_t l = strlen(candidates[i]);
        if (len + l + 6 >= cap) { memcpy(buf + len, ", …", 5); len += 5; buf[len] = 0; break; }
        if (i) { memcpy(buf + len, ", ", 2); len += 2; }
        memcpy(buf + len, candidates[i], l);
        len += l;
        buf[len] = 0;
    }
    return buf;
}
