/* pdf_meta — what a PDF says about itself: the Info dictionary (title, author,
 * subject, keywords, creator, producer, dates), the catalog's /Lang, viewer
 * preferences and page mode, XMP metadata mirroring Info (with the PDF/A and
 * PDF/UA identification), the sRGB OutputIntent of PDF/A-2u, and a trailer /ID
 * derived from the content.
 *
 * Reproducible: no clock is read. The dates are SOURCE_DATE_EPOCH when it is set
 * (UTC), else the source's issuance date (00:00 Taiwan time), else left out. */
#ifndef PP_PDF_META_H
#define PP_PDF_META_H
#include "diag.h"
#include "model.h"
#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

/* An ICC profile read at run time (for the PDF/A OutputIntent). */
typedef struct pp_icc {
    unsigned char *data;
    size_t len;
    char path[512];
} pp_icc;

/* Finds and reads an sRGB ICC profile: $PLANPRESS_ICC when set, else the files of
 * the Debian packages icc-profiles-free and colord-data. Returns 0, or -1 after a
 * message (the caller exits with PP_EXIT_ENV). */
int pp_icc_load(pp_icc *icc, pp_diag *d);
void pp_icc_free(pp_icc *icc);

typedef struct pp_meta_opts {
    bool tagged;               /* claim PDF/UA-1 (pdfuaid) in XMP */
    const pp_icc *pdfa;        /* non-NULL: PDF/A-2u with this profile */
    bool has_outline;          /* open with the bookmarks shown */
    unsigned char digest[16];  /* MD5 of what was drawn: the /ID comes from it */
} pp_meta_opts;

/* Sets all of the above on pdf. Returns 0, or -1 after a message. */
int pp_pdf_meta(HPDF_Doc pdf, const pp_doc *doc, const pp_meta_opts *o, pp_diag *d);
#endif
