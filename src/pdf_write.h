/* pdf_write — the PDF document: pages, rules, shaded boxes, glyph runs and
 * bookmarks through libharu's public API; tagged (pdf_struct), described
 * (pdf_meta: Info, XMP, /Lang, /ID, PDF/A), packed (pdf_pack: object streams,
 * xref stream, libdeflate) into memory: the caller decides where the bytes go
 * (output.c writes files). The largest font's subset and deflate are the early job
 * when one is given (pdf_early: started after lowering, waited for at the end of
 * the save); else they run on the calling thread while a second one writes the
 * document (unless one_thread). The same pages, fonts and source give the same
 * bytes, with one thread or two, with an early job or without. */
#ifndef PP_PDF_WRITE_H
#define PP_PDF_WRITE_H
#include "buf.h"
#include "diag.h"
#include "fonts.h"
#include "model.h"
#include "pages.h"

typedef struct pp_write_opts {
    const char *name;             /* what messages name (the output path), or NULL */
    bool untagged;                /* leave out the structure tree (tagged is the default) */
    bool pdfa;                    /* PDF/A-2u: XMP identification, sRGB OutputIntent */
    bool one_thread;              /* no second thread (the largest font is made during the save) */
    struct pp_pdf_early *early;   /* the largest font's program, started after lowering, or NULL */
} pp_write_opts;

typedef struct pp_write_stats {
    size_t bytes;                 /* size of the PDF */
    size_t glyph_bytes;           /* compressed font programs */
    double subset_ms, deflate_ms; /* making the fonts, on whichever thread */
    double wait_ms;               /* the writing thread waiting for the largest font */
    double tag_ms;                /* building the structure tree and marked content */
    double pack_ms;               /* pdf_pack: object streams, stream deflate, xref stream */
} pp_write_stats;

/* Appends the PDF of the pages to *out. Returns 0, or -1 after a message (no sRGB
 * profile for PDF/A, libharu or packing failure); out is then as it was. o and
 * stats may be NULL. */
int pp_pdf_write(const pp_pages *pages, pp_fonts *fonts, const pp_doc *doc,
                 const pp_write_opts *o, pp_buf *out, pp_diag *d, pp_write_stats *stats);
#endif
