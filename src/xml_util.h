/* xml_util — the two libxml2 tree helpers both readers (sources and templates)
 * use. Header-only so that libxml2 stays confined to xml_read.c and template.c. */
#ifndef PP_XML_UTIL_H
#define PP_XML_UTIL_H
#include "xalloc.h"
#include <libxml/tree.h>
#include <stdbool.h>
#include <string.h>

/* True when n is an element named `name`. */
static inline bool pp_xml_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The attribute's value, malloc'd (caller frees), or NULL when absent. */
static inline char *pp_xml_attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) return NULL;
    char *s = pp_xstrdup((const char *)v);
    xmlFree(v);
    return s;
}
#endif
