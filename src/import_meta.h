/* import_meta — the head of an imported document, the lines before its first
 * section: the title lines (agency, ROC year, title, and from the title the
 * document kind) and the issuance line, its ROC date turned Gregorian
 * (「114 年 1 月 6 日經標秘字第…號函訂定」 → 2025-01-06 and the words after it).
 * Lines that are neither are left for the first section, with a warning. */
#ifndef PP_IMPORT_META_H
#define PP_IMPORT_META_H
#include "diag.h"
#include "import_text.h"
#include "model.h"

/* Reads head[0..n) into doc->meta, and doc->kind: `kind` if given, else the
 * kind whose profile (in tpl) the title's words tell; the title lines are read
 * by what that kind's title block prints (an agency, a year, the title's own
 * line breaks). `creator` (the file's author, or NULL) that the title starts
 * with is the agency.
 * Returns how many of the head's paragraphs it took; those after are the
 * preamble. Warnings name `file`. */
struct pp_template;
size_t pp_import_meta(pp_itext *head, size_t n, pp_doc *doc, const struct pp_template *tpl, const char *kind,
                      const char *creator, const char *file, pp_diag *d);
/* The ROC date at t[from..] ("114年1月6日", "114.1.6", "中華民國114年1月6日"):
 * returns the characters it spans (0: none) and the Gregorian date. */
size_t pp_import_roc_date(const pp_itext *t, size_t from, int *y, int *m, int *day);
#endif
