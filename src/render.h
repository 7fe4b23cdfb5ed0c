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
    const char *plan;            /* NULL, or the plan a report is checked against (--plan) */
    bool pdfa;                   /* PDF/A-2u (render --pdfa) */
    bool untagged;               /* no structure tree (render --untagged) */
    bool one_thread;             /* the PDF writer starts no second thread (batch: the workers fill the cores) */
    bool keep_fonts;             /* keep the opened faces for the next render with the same template
                                    (a batch worker: opening TW-Kai and faulting its pages in costs ~4 ms) */
    /* batch: asked once the source and its template are read; true means the output is
     * up to date, so pp_render stops there with PP_EXIT_OK and stats->skipped set */
    bool (*up_to_date)(const char *template_path, void *ctx);
    void *up_to_date_ctx;
} pp_render_opts;

typedef struct pp_render_stats {
    double read_ms, fonts_ms, layout_ms, write_ms;
    double subset_ms, deflate_ms, tag_ms, pack_ms, wait_ms;   /* inside write */
    size_t pages, bytes, glyph_bytes;
    bool skipped;                   /* opts->up_to_date said so: nothing was written */
    /* the document's metadata once read (for batch's index); kind -1 = not read */
    int kind, year;
    char agency[256], title[512];   /* UTF-8, cut at a character boundary */
} pp_render_stats;

/* Frees the faces kept by keep_fonts renders. */
void pp_render_release_fonts(void);
/* Returns a PP_EXIT_* code; every message went to d. stats may be NULL. */
int pp_render(const char *in, const char *out, const pp_render_opts *o, pp_diag *d, pp_render_stats *stats);
#endif
