/* punct_check — half-width pause and stop marks (: ; , . ? !) between two
 * Chinese characters, as they will be printed (a strategy's name and its
 * description, a run-in heading and its paragraph, count as one text). Taiwan
 * sets these marks full width and centred; a half-width one between Han
 * characters looks crammed (效率:聚焦). The source is kept as written -- the
 * published documents have such marks -- and each one is reported as a
 * warning at its file:line:col, so that an author can choose. */
#ifndef PP_PUNCT_CHECK_H
#define PP_PUNCT_CHECK_H
#include "diag.h"
#include "model.h"

/* Reports every such mark of the document (warnings only). */
void pp_punct_check(const pp_doc *doc, pp_diag *d);
#endif
