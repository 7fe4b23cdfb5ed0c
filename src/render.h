/* render — one document through the whole pipeline: read, resolve, lower,
 * lay out, write. Shared by `render` and `batch`. */
#ifndef PP_RENDER_H
#define PP_RENDER_H
#include "diag.h"
#include <stdbool.h>
#include <stdio.h>

typedef struct pp_render_opts {
    const char *template_spec;   /* NULL: the document kind's template */
    const char *dump;            /* NULL, "blocks" or "pages": print that stage to dump_out */
    FILE *dump_out;
    bool check_only;             /* stop after reading and the rules */
} pp_render_opts;

typedef struct pp_render_stats {
    double read_ms, fonts_ms, layout_ms, write_ms;
    double subset_ms, deflate_ms;   /* inside write */
    size_t pages, bytes, glyph_bytes;
} pp_render_stats;

/* Returns a PP_EXIT_* code; every message went to d. stats may be NULL. */
int pp_render(const char *in, const char *out, const pp_render_opts *o, pp_diag *d, pp_render_stats *stats);
#endif
