/* odf_ctx — what every part of the ODF writer reads: the blocks, the template
 * and the document, with what follows from them once (the text width, the
 * languages, the date, whether page 1 has a master page of its own) and the
 * label measure. Lengths are in points. */
#ifndef PP_ODF_CTX_H
#define PP_ODF_CTX_H
#include "blocks.h"
#include "diag.h"
#include "model.h"
#include "doc_date.h"
#include "template.h"
#include <stdbool.h>

enum { PP_ODF_MAX_LEVEL = 10 };   /* ODF outline levels 1..10 */

/* the document's date (doc_date.h); unset: meta.xml leaves the dates out */
typedef pp_doc_date pp_odf_date;

/* The master page a paragraph or table starts (a page break before it):
 * none, page 1's own, the turned pages', or back to the standard page. */
typedef enum { PP_ODF_MASTER_NONE, PP_ODF_MASTER_FIRST, PP_ODF_MASTER_LANDSCAPE, PP_ODF_MASTER_STANDARD } pp_odf_master;

typedef double (*pp_odf_measure_fn)(void *ctx, const char *utf8, pp_textstyle_id style);

typedef struct pp_odf {
    const pp_blocks *b;
    const pp_template *t;
    const pp_doc *doc;
    pp_diag *d;
    const char *name;       /* the source, for messages */
    pp_odf_measure_fn measure;   /* NULL: estimated */
    void (*widths)(void *ctx, const pp_table *t, double width, double *out);   /* NULL: the fractions */
    void *measure_ctx;
    double text_w;          /* width of the text area, pt */
    double turned_w;        /* the same on a turned page (a landscape section or table in a portrait document) */
    bool turns;             /* some block is set on turned pages: the Landscape master page is needed */
    bool first_turned;      /* ... and the first block is, so page 1 is turned */
    bool first_page;        /* page 1 has a master page of its own (no running header on it) */
    char lang[16], country[8];              /* the document's language, for dc:language */
    char asian_lang[16], asian_country[8];  /* style:language-asian / country-asian */
    char west_lang[16], west_country[8];    /* fo:language / fo:country */
    pp_odf_date date;
} pp_odf;

/* Whether block b is set on a turned page: landscape in a portrait document
 * (in a landscape one a landscape block changes nothing, as in the PDF). */
bool pp_odf_turned(const pp_odf *c, const pp_block *b);
/* Fills c for one document (a warning when SOURCE_DATE_EPOCH is unusable). */
void pp_odf_init(pp_odf *c, const pp_blocks *b, const pp_template *t, const pp_doc *doc, pp_diag *d);
/* Width of UTF-8 text in a text style, pt: the caller's measure, else 1 em for
 * wide (CJK) characters and half an em for the others. */
double pp_odf_measure(const pp_odf *c, const char *utf8, pp_textstyle_id s);
#endif
