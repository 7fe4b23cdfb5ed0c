#define _POSIX_C_SOURCE 200809L
#include "import_part.h"
#include "decode.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pp_part_parse(pp_part *p, const char *data, size_t len, const char *name, pp_diag *d)
{
    memset(p, 0, sizeof *p);
    p->name = pp_xstrdup(name);
    if (pp_decode_source(data, len, p->name, &p->text, d) != 0) return -1;
    return pp_xml_parse(&p->x, pp_buf_str(&p->text), p->text.len, p->name, PP_XML_PART, d);
}

int pp_part_read(pp_part *p, pp_zip *z, const char *file, const char *path, pp_diag *d)
{
    memset(p, 0, sizeof *p);
    pp_buf raw = PP_BUF_INIT;
    int rc = pp_zip_read(z, path, &raw, d);
    if (rc != 0) { pp_buf_release(&raw); return rc; }
    size_t l = strlen(file) + strlen(path) + 2;
    char *name = pp_xmalloc(l);
    snprintf(name, l, "%s:%s", file, path);
    rc = pp_part_parse(p, pp_buf_str(&raw), raw.len, name, d);
    free(name);
    pp_buf_release(&raw);
    return rc;
}

void pp_part_release(pp_part *p)
{
    pp_xml_release(&p->x);
    pp_buf_release(&p->text);
    free(p->name);
    memset(p, 0, sizeof *p);
}

bool pp_part_is(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, ns) == 0 && strcmp((const char *)n->name, name) == 0;
}

static const char *value_of(const xmlAttr *a)
{
    /* the parser keeps a value as one text node (no entity references survive) */
    return a->children && a->children->content ? (const char *)a->children->content : "";
}

const char *pp_part_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0) return value_of(a);
    return NULL;
}

const char *pp_part_attr_ns(const xmlNode *n, const char *ns, const char *name)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->ns && a->ns->href && strcmp((const char *)a->ns->href, ns) == 0)
            return value_of(a);
    return NULL;
}

xmlNode *pp_part_child(const xmlNode *n, const char *ns, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (pp_part_is(c, ns, name)) return c;
    return NULL;
}
