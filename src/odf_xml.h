/* odf_xml — the ODF writer's XML output: libxml2's xmlTextWriter into memory,
 * each call checked once here so the writers above read as the documents they
 * write. A failed call (libxml2 out of memory) marks the writer bad; the part
 * is then refused as a whole. */
#ifndef PP_ODF_XML_H
#define PP_ODF_XML_H
#include "buf.h"
#include <libxml/xmlwriter.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct pp_ox {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    bool bad;               /* a libxml2 call failed (memory): the part is not written */
    bool document;          /* a whole part (ended with EndDocument), not a fragment */
} pp_ox;

/* Opens a writer into memory; `document` starts with the XML declaration. */
void pp_ox_open(pp_ox *x, bool document);
void pp_ox_start(pp_ox *x, const char *name);
void pp_ox_end(pp_ox *x);
void pp_ox_attr(pp_ox *x, const char *name, const char *value);
void pp_ox_attrf(pp_ox *x, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A length attribute: "12.5pt" (two decimals at most). */
void pp_ox_len(pp_ox *x, const char *name, double pt);
/* An empty element with one attribute (name NULL: none). */
void pp_ox_empty(pp_ox *x, const char *elem, const char *name, const char *value);
/* Character data as is (escaped by libxml2). */
void pp_ox_chars(pp_ox *x, const char *utf8);
/* Text inside text:p/text:h/text:span under ODF's white-space rules: a space
 * at the start (*after_space true) or after another space is written as
 * <text:s/>, a tab as <text:tab/>, a newline as <text:line-break/>, so what is
 * read back is what was meant. *after_space is updated for the next call. */
void pp_ox_text(pp_ox *x, const char *utf8, size_t len, bool *after_space);
/* Bytes written by another writer (a finished fragment), copied in as they are. */
void pp_ox_raw(pp_ox *x, const char *bytes);
/* The xmlns declarations of the prefixes listed in `which` (space-separated):
 * office, style, text, table, fo, svg, meta, dc, xlink, manifest. */
void pp_ox_namespaces(pp_ox *x, const char *which);
/* Finishes the writer and appends what it wrote to *out unless it went bad.
 * Frees the writer. Returns 0, or -1 when bad (nothing appended). */
int pp_ox_close(pp_ox *x, pp_buf *out);
/* Frees a writer without taking its bytes. */
void pp_ox_discard(pp_ox *x);
#endif
