/* pdf_write — the PDF document: pages, rules, shaded boxes, glyph runs and
 * bookmarks through libharu's public API; tagged (pdf_struct), described
 * (pdf_meta: Info, XMP, /Lang, /ID, PDF/A), packed (pdf_pack: object streams,
 * xref stream, libdeflate) and saved atomically (a temporary file beside the
 * output, renamed at the end; removed on failure). The largest font's subset and
 * deflate run on the calling thread while a second one writes the document (unless
 * one_thread). The same pages, fonts and source give the same bytes, with one
 * thread or two. */
#ifndef PP_PDF_WRITE_H
#define PP_PDF_WRITE_H
#include "diag.h"
#include "fonts.h"
#include "model.h"
#include "pages.h"

typedef struct pp_write_opts {
    bool untagged;                /* leave out the structure tree (tagged is the default) */
    bool pdfa;                    /* PDF/A-2u: XMP identification, sRGB OutputIntent */
    bool one_thread;              /* no second thread (the largest font is made during the save) */
} pp_write_opts;

typedef struct pp_write_stats {
    size_t bytes;                 /* size of the PDF */
    size_t glyph_bytes;           /* compressed font programs */
    double subset_ms, deflate_ms; /* making the fonts, on whichever thread */
    double wait_ms;               /* the writing thread waiting for the largest font */
    double tag_ms;                /* building the structure tree and marked content */
    double pack_ms;               /* pdf_pack: object streams, stream deflate, xref stream */
} pp_write_stats;

/* Writes the pages to out_path. Returns PP_EXIT_OK; PP_EXIT_ENV when PDF/A is asked
 * for and no sRGB profile is installed; PP_EXIT_INPUT when the PDF cannot be made
 * or saved. Every failure leaves a message and nothing at out_path, not even an
 * older file. o and stats may be NULL. */
int pp_pdf_write(const pp_pages *pages, pp_fonts *fonts, const pp_doc *doc,
                 const pp_write_opts *o, const char *out_path, pp_diag *d, pp_write_stats *stats);
#endif
