/* import_odf — an OpenDocument text (.odt package, or flat .fodt) read into an
 * import_doc: content.xml's body with the styles of both content.xml and
 * styles.xml (centred paragraphs, bold or underlined spans, heading levels)
 * and its list styles, so that every automatic label is computed as the
 * application prints it (a counter per list and level, continued lists, the
 * prefix, format and suffix of each level, display-levels); the master page
 * each paragraph and table is on, so that turned pages are known; the
 * language from meta.xml. Tracked deletions,
 * comments and the table of contents are left out; text boxes and footnotes
 * come in as paragraphs after the one that holds them, with a warning. */
#ifndef PP_IMPORT_ODF_H
#define PP_IMPORT_ODF_H
#include "diag.h"
#include "import_doc.h"
#include "import_zip.h"
#include <stdbool.h>

/* The package's mimetype when it is an ODF text document, else false (and
 * *mimetype says what it is, malloc'd, or NULL when there is none). */
bool pp_import_is_odt(pp_zip *z, char **mimetype, pp_diag *d);
/* True when the manifest marks content.xml as encrypted (a password-protected
 * document). */
bool pp_import_odt_encrypted(pp_zip *z, const char *file, pp_diag *d);
/* Reads the package's document into *out. Returns 0, or -1 after a message. */
int pp_import_odt(pp_zip *z, const char *file, pp_imp_doc *out, pp_diag *d);
/* Reads a flat ODF document (one XML file, office:document) into *out. */
int pp_import_fodt(const char *data, size_t len, const char *file, pp_imp_doc *out, pp_diag *d);
#endif
