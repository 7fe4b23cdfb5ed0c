/* pdf_early — the largest font's program (pdf_subset: subset + deflate, the longest
 * task of a render) started as soon as the glyphs are known (glyphs.c, right after
 * lowering), on a thread of its own, so it runs beside line filling, pagination and
 * drawing; pp_pdf_write hands it to that font and the save waits for it at the very
 * end (pdf_pack's late streams). The programs made are kept with the faces
 * (pp_fonts_set_attachment) for the next document drawing exactly the same glyphs
 * of the same face: a batch worker keeps its faces between documents.
 * The bytes are the same with or without this, with or without the thread. */
#ifndef PP_PDF_EARLY_H
#define PP_PDF_EARLY_H
#include "fonts.h"
#include "glyphs.h"
#include <stdbool.h>

typedef struct pp_pdf_early pp_pdf_early;
struct pp_subset;

/* Starts the program of g's largest face (on a new thread unless one_thread; else
 * the save runs it), and readies those of the other faces (the save makes them).
 * Returns the handle (free with pp_pdf_early_free, before `fonts`), or NULL when
 * there is nothing to start. */
pp_pdf_early *pp_pdf_early_start(const pp_glyphs *g, pp_fonts *fonts, bool one_thread);
/* The largest face's index (-1 for NULL), and the job for face index `face` (NULL:
 * none; borrowed, valid until pp_pdf_early_free). The largest face's job holds at
 * least its glyphs; the others' exactly theirs, or they are not used (see glyphs.h). */
int pp_pdf_early_face(const pp_pdf_early *e);
struct pp_subset *pp_pdf_early_job(pp_pdf_early *e, int face);
/* Waits for its thread, if any, and frees the handle (the job stays with the faces;
 * one nobody started is cancelled). NULL does nothing. */
void pp_pdf_early_free(pp_pdf_early *e);
#endif
