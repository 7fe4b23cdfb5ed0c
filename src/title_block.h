/* title_block — what goes above the text, as the template (or the kind's
 * profile) lays it out: lines of fields ({banner} {annex} {agency} {parent}
 * {year} {title}), each in its text style; a line whose fields are all empty is
 * left out, and a title the author broke (<br/>) gives one line per part. {year}
 * is the ROC year with its phrase: the source's <year phrase>, else the
 * profile's (「106年度」, 「106年」, or nothing). Also the PDF's title (the title
 * as printed), subject and keywords (the source's, else the profile's patterns). */
#ifndef PP_TITLE_BLOCK_H
#define PP_TITLE_BLOCK_H
#include "model.h"
#include "template.h"

/* Fills doc->meta's title_lines, title_styles, printed_title, pdf_subject and
 * pdf_keywords. prof may be NULL (an unknown kind: the template's defaults). */
void pp_resolve_title(pp_doc *doc, const pp_template *t, const pp_profile *prof);
/* A pattern with the document's fields filled in ({n} and {total} are left as
 * they are, for page furniture). malloc'd; *all_empty says whether every field
 * the pattern names came out empty (may be NULL). */
char *pp_title_fields(const pp_doc *doc, const pp_profile *prof, const char *pattern, bool *all_empty);
/* The same for text set on one line: the author's line breaks taken out. */
char *pp_title_fields_line(const pp_doc *doc, const pp_profile *prof, const char *pattern);
#endif
