/* import_docx — a WordprocessingML package (.docx) read into an import_doc:
 * the main document part the package relationships name, with its styles
 * (heading levels, centred paragraphs, numbering a style carries) and its
 * numbering definitions, so that every automatic label is computed as Word
 * prints it (counters per list, restarts below a higher level, %1-style level
 * texts). Tracked insertions are kept and deletions dropped (the document as
 * it reads with all changes accepted); hidden text, field codes and pictures
 * are left out (a picture with a warning), text boxes, footnotes and
 * endnotes come in as paragraphs after the one that holds them, with a
 * warning; a table of contents is left out. */
#ifndef PP_IMPORT_DOCX_H
#define PP_IMPORT_DOCX_H
#include "diag.h"
#include "import_doc.h"
#include "import_zip.h"

/* True when the package is WordprocessingML (its content types name a main
 * document part). */
bool pp_import_is_docx(pp_zip *z, const char *file, pp_diag *d);
/* Reads the document into *out (empty on entry). Returns 0, or -1 after a
 * message (out then holds what was read; free it either way). */
int pp_import_docx(pp_zip *z, const char *file, pp_imp_doc *out, pp_diag *d);
#endif
