/* import_part — one XML part of a Word or ODF package, read under the rules
 * sources are read by: inflated within the zip caps (import_zip), decoded from
 * its declared encoding, parsed by xml_parse (no network, no DTD, no entity
 * substitution), its problems reported as "IN.docx:word/document.xml:L:C". Also
 * the libxml2 helpers the two readers share, which match names by local name
 * and namespace. */
#ifndef PP_IMPORT_PART_H
#define PP_IMPORT_PART_H
#include "diag.h"
#include "import_zip.h"
#include "xml_parse.h"
#include <libxml/tree.h>
#include <stdbool.h>

typedef struct pp_part {
    pp_xml x;            /* x.doc is the tree */
    char *name;          /* "IN.docx:word/document.xml", for messages */
    pp_buf text;         /* the decoded text the tree was parsed from */
} pp_part;

/* Reads part `path` of z (file `file`). Returns 0, 1 when the package has no
 * such part (nothing reported), -1 after a message. Release p either way. */
int pp_part_read(pp_part *p, pp_zip *z, const char *file, const char *path, pp_diag *d);
/* Parses text already in memory (a flat ODF file) as the part `name`. */
int pp_part_parse(pp_part *p, const char *data, size_t len, const char *name, pp_diag *d);
void pp_part_release(pp_part *p);

/* True when n is an element with local name `name` in namespace ns. */
bool pp_part_is(const xmlNode *n, const char *ns, const char *name);
/* The value of n's attribute with local name `name` (any namespace), borrowed
 * from the tree, or NULL. */
const char *pp_part_attr(const xmlNode *n, const char *name);
/* The value of n's attribute `name` in namespace ns, borrowed, or NULL. */
const char *pp_part_attr_ns(const xmlNode *n, const char *ns, const char *name);
/* The first child element of n with that name, or NULL. */
xmlNode *pp_part_child(const xmlNode *n, const char *ns, const char *name);
#endif
