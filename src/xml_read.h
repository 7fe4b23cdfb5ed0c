/* xml_read — the only reader of sources: libxml2 parse (no network, no entity
 * substitution, no DTD loading), RELAX NG validation against the schema, then the
 * document model. Every libxml2 message is routed into diag with file:line:col. */
#ifndef PP_XML_READ_H
#define PP_XML_READ_H
#include "diag.h"
#include "model.h"

/* Reads and validates `path` against the RELAX NG schema at `schema_path`.
 * Returns the document (caller frees with pp_doc_free) or NULL when any error was
 * reported; every problem found is reported before returning. */
pp_doc *pp_xml_read(const char *path, const char *schema_path, pp_diag *d);
/* Same, from memory (for tests and the fuzzer); `name` is used in messages. */
pp_doc *pp_xml_read_memory(const char *buf, size_t len, const char *name,
                           const char *schema_path, pp_diag *d);
/* Releases the cached schema (at exit, so leak checkers stay quiet). */
void pp_xml_read_cleanup(void);
#endif
