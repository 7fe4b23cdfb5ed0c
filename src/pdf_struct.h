/* pdf_struct — the logical structure of a tagged PDF, built while the writer draws.
 *
 * Before each run the writer asks the tagger, which writes the marked-content
 * operators into the page's content stream: a BDC with an MCID for content (the
 * MCID joins the structure element the run belongs to, found from the run's
 * paragraph, cell and table, never guessed from positions), an /Artifact
 * sequence for page furniture (page numbers, repeated header rows and labels,
 * rules and shading). Consecutive runs of one element share one sequence.
 *
 * The tree: Document → Title, P, H1…H6 (nested as the bookmarks are), L → LI →
 * Lbl + LBody (lists nest inside LBody, from the paragraphs' indent depth),
 * Table → THead/TBody → TR → TH (/Scope /Column) / TD with /RowSpan and /ColSpan;
 * a cell continued on the next page stays one TD whose /K holds the content of
 * both pages, so the reading order is the logical one. Latin-script runs long
 * enough to be read as words become a Span with /Lang (en); runs holding
 * private-use characters with a standard equivalent get a Span with /ActualText.
 * Custom types are role-mapped (Title → P). */
#ifndef PP_PDF_STRUCT_H
#define PP_PDF_STRUCT_H
#include "pages.h"
#include <hpdf.h>

typedef struct pp_tagger pp_tagger;

pp_tagger *pp_tagger_new(HPDF_Doc pdf);
/* Drawing moves to a new page (pages in order, each once). */
void pp_tagger_begin_page(pp_tagger *t, HPDF_Page page);
/* Around non-text furniture (rules, shading): begin=true before, false after. */
void pp_tagger_layout_artifact(pp_tagger *t, bool begin);
/* Before drawing run r on the current page, inside the text object. */
void pp_tagger_run(pp_tagger *t, const pp_run *r);
/* Before the text object ends: closes the open marked-content sequence. */
void pp_tagger_end_text(pp_tagger *t);
/* Writes the structure tree root, parent tree, role map and /MarkInfo into the
 * catalog. Returns 0, or -1 (the error is recorded in the document). */
int pp_tagger_finish(pp_tagger *t);
void pp_tagger_free(pp_tagger *t);
#endif
