/* xml_parse — libxml2 under planpress's rules, for every XML file it reads
 * (sources, templates, schemas). The text is parsed with no network access, no
 * DTD: a DOCTYPE with an internal subset or an external identifier is refused
 * at once, so no entity is ever declared, let alone expanded. Every element and
 * text node gets its line and column while it is parsed (libxml2 2.9 keeps only
 * a line, and not for every node): they are recorded in one pass, in linear
 * time, and read back with pp_xml_loc. All of libxml2's messages come through
 * one router into diag, one line each, with a position; after a
 * well-formedness error the parser's follow-on errors are dropped. The common
 * slips (a bare '&' or '<', an unknown entity, a mismatched end tag) are said in
 * planpress's words. A document that breaks its schema is explained by the
 * schema's model (rng_explain.h): what was found, what is allowed there, the
 * nearest allowed name; libxml2's own validity messages are said only when the
 * model cannot explain the document. */
#ifndef PP_XML_PARSE_H
#define PP_XML_PARSE_H
#include "diag.h"
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* Which messages a file's problems become: a source's are the author's errors,
 * a template's or schema's the environment's; a part of a Word or ODF package
 * being imported is the input's, as a source's. */
typedef enum { PP_XML_SOURCE, PP_XML_TEMPLATE, PP_XML_SCHEMA, PP_XML_PART } pp_xml_role;

typedef struct pp_xml_pos { long line, col; } pp_xml_pos;

typedef struct pp_xml {
    xmlDoc *doc;             /* the tree, or NULL when the text was not well-formed */
    const char *name;        /* the file, for messages (borrowed) */
    pp_xml_role role;
    pp_diag *d;
    pp_xml_pos *pos;         /* node->_private is an index + 1 into this */
    size_t npos, cappos;
    /* while parsing */
    const char *text;        /* the UTF-8 text being parsed (borrowed) */
    size_t len;
    size_t cur_off;          /* a forward cursor over text: offset, line and column */
    long cur_line, cur_col;
    size_t markup_end;       /* offset just after the last tag, comment or PI */
    bool syntax_error;       /* a well-formedness error was reported */
    int errors;              /* errors reported through the router */
} pp_xml;

/* Parses UTF-8 text (decoded, LF line ends) into x->doc. Returns 0, or -1 after
 * messages. x is initialised here; release it with pp_xml_release either way. */
int pp_xml_parse(pp_xml *x, const char *text, size_t len, const char *name, pp_xml_role role, pp_diag *d);
/* Validates x->doc against schema; messages point at the offending nodes.
 * Returns 0 when valid. */
int pp_xml_validate(pp_xml *x, xmlRelaxNGPtr schema);
/* Parses a RELAX NG schema file (role PP_XML_SCHEMA); NULL after messages. */
xmlRelaxNGPtr pp_xml_load_schema(const char *path, pp_diag *d);
/* Where node n (an element, text or attribute node; else its nearest recorded
 * ancestor) starts. */
pp_loc pp_xml_loc(const pp_xml *x, const xmlNode *n);
/* Where the value of n's attribute `name` starts (n's own position if unknown). */
pp_loc pp_xml_attr_loc(const pp_xml *x, const xmlNode *n, const char *name);
void pp_xml_release(pp_xml *x);
/* Frees what pp_xml_load_schema keeps for its messages (each schema's model). */
void pp_xml_cleanup(void);
#endif
