/* odf_styles — styles.xml: the template as named styles an editor changes in
 * Writer, the faces, an outline style without numbers, and the page with its
 * page-number and running-header bands; and the names the body uses. */
#ifndef PP_ODF_STYLES_H
#define PP_ODF_STYLES_H
#include "buf.h"
#include "odf_ctx.h"

/* Name of the master page of page 1, when it has one of its own. */
#define PP_ODF_FIRST_MASTER "First_20_Page"
/* Name of the master page of turned pages (a landscape section or table in a
 * portrait document): Writer's own Landscape page style. */
#define PP_ODF_LANDSCAPE_MASTER "Landscape"

/* The style:master-page-name a paragraph or table style carries, or NULL. */
const char *pp_odf_master_name(pp_odf_master m);

/* The named paragraph style for a text style ("Text_20_body", "Table_20_Contents"). */
const char *pp_odf_style_name(pp_textstyle_id s);
/* The named style of a heading at outline level `level` whose block is in text
 * style `s` (a run-in heading is set as body text; a dimension caption as a caption). */
void pp_odf_heading_style(pp_textstyle_id s, int level, char out[32]);
/* Whether a named style keeps its paragraphs with the next (titles, headings, captions). */
bool pp_odf_style_keeps(const char *name);
/* Appends styles.xml to *out. Returns 0, or -1 (writer failure). */
int pp_odf_styles(const pp_odf *c, pp_buf *out);
#endif
