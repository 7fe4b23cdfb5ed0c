/* render — one document through the whole pipeline. A pp_render owns
 * everything made for one document — the model, its template, the blocks, the
 * pages, the PDF bytes — and frees it in one place (pp_render_free). The stages
 * run in order, each only if the ones before it succeeded:
 *
 *   read (source -> model) -> check (template, numbering, rules)
 *   -> layout (fonts, lowering, pages) -> pdf (bytes in memory)
 *                          (blocks) -> odt (odf.c: bytes in memory)
 *
 * `render`, `check`, `batch` and the fuzzer all drive this one pipeline; the
 * file-level wrappers below add only the output file (output.c). */
#ifndef PP_RENDER_H
#define PP_RENDER_H
#include "blocks.h"
#include "buf.h"
#include "diag.h"
#include "model.h"
#include "pages.h"
#include <stdbool.h>
#include <stdio.h>

/* What the pipeline writes: a PDF, or the same document as an editable ODF text. */
typedef enum { PP_FORMAT_AUTO, PP_FORMAT_PDF, PP_FORMAT_ODT } pp_render_format;

typedef struct pp_render_opts {
    pp_render_format format;     /* AUTO: pp_render_file takes ODT for an output named *.odt, else PDF */
    const char *template_spec;   /* NULL: the document kind's template */
    const char *dump;            /* NULL, "model", "blocks" or "pages": print that stage to dump_out */
    FILE *dump_out;
    bool check_only;             /* pp_render_file: stop after the rules */
    const char *odt_out;         /* pp_render_file: also write the .odt here, from the same context
                                    (batch --odt); both files are written or neither */
    const char *plan;            /* NULL, or the plan a report is checked against (--plan) */
    bool pdfa;                   /* PDF/A-2u (render --pdfa) */
    bool untagged;               /* no structure tree (render --untagged) */
    bool one_thread;             /* the PDF writer starts no second thread (batch: the workers fill the cores) */
    bool exit_after;             /* pp_render_file: the process exits next, so what the render
                                    made is left to the OS, not freed (freed all the same in
                                    builds that check for leaks: the sanitizers) */
    bool keep_fonts;             /* keep the opened faces for the next render with the same template
                                    (a batch worker: opening TW-Kai and faulting its pages in costs ~4 ms) */
    /* batch: asked once the source and its template are read; true means the output is
     * up to date, so pp_render_file stops there (stats->skipped set, returns 0) */
    bool (*up_to_date)(const char *template_path, void *ctx);
    void *up_to_date_ctx;
} pp_render_opts;

typedef struct pp_render_stats {
    double read_ms, fonts_ms, layout_ms, write_ms;
    double subset_ms, deflate_ms, tag_ms, pack_ms, wait_ms;   /* inside write */
    size_t pages, bytes, glyph_bytes;
    size_t odt_bytes;               /* the .odt of opts->odt_out */
    bool skipped;                   /* opts->up_to_date said so: nothing was written */
    /* the document's metadata once read (for batch's report and index); kind "" = not read */
    int year;
    char kind[64], kind_label[128];  /* its kind, and the kind's name as its profile gives it (執行計畫) */
    char agency[256], parent[256];   /* UTF-8, cut at a character boundary */
    char title[512];                 /* the source's <title> (without agency and year) */
    char issued[16];                 /* the latest issuance, YYYY-MM-DD, or "" */
    char template_name[128];         /* the template it was checked and set with */
    bool has_profile;                /* its kind has a profile in that template */
} pp_render_stats;

typedef struct pp_render pp_render;

/* A context for one document; o and d are borrowed and must outlive it. */
pp_render *pp_render_new(const pp_render_opts *o, pp_diag *d);
/* Frees the context and everything it made. NULL does nothing. */
void pp_render_free(pp_render *r);

/* The stages. Each returns 0, or -1 when it (or an earlier stage) failed; every
 * problem found is reported to d first. */
int pp_render_read_file(pp_render *r, const char *path);
int pp_render_read_memory(pp_render *r, const char *data, size_t len, const char *name);
int pp_render_check(pp_render *r);
int pp_render_layout(pp_render *r);
/* Appends the PDF to *out (the context keeps nothing of it). */
int pp_render_pdf(pp_render *r, pp_buf *out);
/* Appends the document as an .odt package to *out, from the same blocks (labels
 * measured with the faces the PDF uses). */
int pp_render_odt(pp_render *r, pp_buf *out);

/* What the stages made so far (NULL before), borrowed from the context. */
const pp_doc *pp_render_doc(const pp_render *r);
const char *pp_render_template_path(const pp_render *r);
const pp_blocks *pp_render_blocks(const pp_render *r);
const pp_pages *pp_render_pages(const pp_render *r);
const pp_render_stats *pp_render_get_stats(const pp_render *r);

/* The whole pipeline from a file to a file: `out` NULL (or opts->check_only)
 * stops after the rules. A failure leaves nothing at `out` (an older file there
 * is removed, so it cannot be taken for this one). Returns 0 or -1; the exit
 * status is pp_diag_exit_code(d). stats may be NULL. */
int pp_render_file(const char *in, const char *out, const pp_render_opts *o, pp_diag *d,
                   pp_render_stats *stats);
/* The whole pipeline in memory (tests, the fuzzer, services): the PDF (the
 * .odt when opts->format is PP_FORMAT_ODT) is appended to *pdf. */
int pp_render_memory(const char *data, size_t len, const char *name, const pp_render_opts *o,
                     pp_diag *d, pp_buf *pdf, pp_render_stats *stats);

/* Frees the faces kept by keep_fonts renders. */
void pp_render_release_fonts(void);
#endif
