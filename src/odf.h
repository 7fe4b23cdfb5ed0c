/* odf — the document as an editable OpenDocument text (.odt, ODF 1.3), written
 * from the same blocks the PDF layout gets: paragraphs with their generated
 * labels typed as text and hanging indents, headings as text:h with outline
 * levels, table grids with spans and repeated header rows. The look comes from
 * the template as named styles an editor can change (styles.xml); the page is
 * left to the word processor to break. Nothing here knows about pages or fonts:
 * label widths come from the caller (the faces the PDF is set with).
 *
 * The package is a zip (libzip) holding mimetype (first, stored), content.xml,
 * styles.xml, meta.xml and META-INF/manifest.xml; the XML is written with
 * libxml2's xmlTextWriter. Reproducible: no clock is read — dates come from
 * SOURCE_DATE_EPOCH, else the issuance date (as the PDF's), and two runs give the
 * same bytes. docs/odf.md says what is written and why. */
#ifndef PP_ODF_H
#define PP_ODF_H
#include "blocks.h"
#include "buf.h"
#include "diag.h"
#include "model.h"
#include "template.h"

typedef struct pp_odf_opts {
    const char *name;   /* the source's path, for messages (may be NULL) */
    /* Width in pt of UTF-8 text set in a text style at its size, as the PDF
     * measures it; NULL estimates 1 em for wide (CJK) characters, 0.5 em else. */
    double (*measure)(void *ctx, const char *utf8, pp_textstyle_id style);
    /* A table's column widths in pt for a table `width` pt wide, as the PDF sets
     * them (automatic widths from the content); NULL: the table's fractions,
     * equal shares where it gives none. Shares measure_ctx. */
    void (*widths)(void *ctx, const pp_table *t, double width, double *out);
    void *measure_ctx;
} pp_odf_opts;

/* Writes the whole .odt package for the blocks (from pp_lower), the template
 * and the document's metadata, appending its bytes to *out. o may be NULL.
 * Returns 0, or -1 after a message (nothing is appended then). */
int pp_odf_write(const pp_blocks *b, const pp_template *t, const pp_doc *doc, const pp_odf_opts *o,
                 pp_buf *out, pp_diag *d);
#endif
