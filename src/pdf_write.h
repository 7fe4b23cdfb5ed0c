/* pdf_write — the only user of libharu's public API: pages, rules, shaded
 * boxes, glyph runs, bookmarks and document information, saved atomically
 * (a temporary file beside the output, renamed at the end; removed on failure). */
#ifndef PP_PDF_WRITE_H
#define PP_PDF_WRITE_H
#include "diag.h"
#include "fonts.h"
#include "model.h"
#include "pages.h"
#include "template.h"

typedef struct pp_write_stats {
    size_t bytes;                 /* size of the PDF */
    size_t glyph_bytes;           /* compressed font programs */
    double subset_ms, deflate_ms; /* inside the save */
} pp_write_stats;

/* Writes the pages to out_path. Returns 0, or -1 after a message (nothing is
 * left at out_path, not even an older file). stats may be NULL. */
int pp_pdf_write(const pp_pages *pages, pp_fonts *fonts, const pp_doc *doc,
                 const pp_template *t, const char *out_path, pp_diag *d, pp_write_stats *stats);
#endif
