/* odf_meta — what the package says about the document: meta.xml and
 * META-INF/manifest.xml. */
#ifndef PP_ODF_META_H
#define PP_ODF_META_H
#include "buf.h"
#include "odf_ctx.h"

/* Appends meta.xml (title, subject, keywords, the agency as creator, generator,
 * language, the date when one is known) to *out. Returns 0, or -1. */
int pp_odf_meta(const pp_odf *c, pp_buf *out);
/* Appends META-INF/manifest.xml (the package and each part with its type). */
int pp_odf_manifest(pp_buf *out);
#endif
