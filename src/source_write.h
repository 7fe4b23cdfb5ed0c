/* source_write — the one writer of planpress sources: a document model out as
 * the XML of templates/document.rng, formatted the way the samples are (two
 * spaces a level, one element a line, a paragraph's text on its element's
 * line, a list right after the text it continues), so that the reader reads
 * the same model back. Used by import and new, and usable as a formatter
 * (read a source, write it out). Only what the model holds is written: labels
 * the author gave (has_label), not generated ones; numbered="no", style,
 * start, spans and widths where they differ from the defaults. */
#ifndef PP_SOURCE_WRITE_H
#define PP_SOURCE_WRITE_H
#include "buf.h"
#include "model.h"

typedef struct pp_source_opts {
    /* an <?xml-model?> line naming the schema at this path or URL (NULL: none) */
    const char *schema_href;
    /* called before each node is written, at the node's indentation, to add
     * comments (new's hints); NULL for none */
    void (*before)(pp_buf *out, const pp_node *n, int indent, void *ctx);
    void *ctx;
} pp_source_opts;

/* Appends the source text of doc to *out. o may be NULL. */
void pp_source_write(const pp_doc *doc, const pp_source_opts *o, pp_buf *out);
/* Appends s with XML's special characters escaped (attr: for an attribute
 * value in double quotes); characters XML 1.0 cannot hold are left out. */
void pp_source_escape(pp_buf *out, const char *s, bool attr);
#endif
