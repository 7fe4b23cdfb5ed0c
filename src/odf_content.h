/* odf_content — content.xml: the blocks in order (paragraphs through odf_body,
 * tables through odf_table), after the automatic styles they used. */
#ifndef PP_ODF_CONTENT_H
#define PP_ODF_CONTENT_H
#include "buf.h"
#include "odf_ctx.h"

/* Appends content.xml to *out. Returns 0, or -1 (writer failure). */
int pp_odf_content(const pp_odf *c, pp_buf *out);
#endif
