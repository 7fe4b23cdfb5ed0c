/* pdf_font — planpress's own CID font embedding for libharu 2.3.0.
 *
 * A font made here is an ordinary HPDF_Font to the rest of libharu: select it with
 * HPDF_Page_SetFontAndSize and draw with HPDF_Page_ShowText / HPDF_Page_TextOut,
 * whose text argument is UTF-8 (every plane, CJK Ext-B included).  In the PDF it is a
 * Type0 font (/Encoding /Identity-H, exact /ToUnicode) over a CIDFontType2 whose
 * /FontFile2 is a HarfBuzz subset of the glyphs actually drawn.
 *
 * Rules for callers (see the report in the module's commit for the reasons):
 *  - One CID per code point, in order of first use.  A code point the face lacks is
 *    drawn with glyph 0 (.notdef) but still extracts as itself; split text into runs
 *    per face beforehand (fallback) and measure each run with the font that draws it.
 *  - Draw only with HPDF_Page_ShowText, HPDF_Page_TextOut, HPDF_Page_ShowTextNextLine
 *    (they encode through this module).  HPDF_Page_TextRect is unsupported.
 *  - libharu skips a ShowText whose measured width is 0 (a run of zero-advance marks
 *    only): such a run is neither drawn nor extracted.
 *  - Word spacing (Tw) never applies to these 2-byte codes (libharu is told numspace
 *    = 0, so its pen agrees with viewers): justify with explicit positions or Tc.
 *    Character spacing (Tc, HPDF_Page_SetCharSpace) is added once per code point, by
 *    HPDF_Page_TextWidth and by viewers alike (checked with MuPDF and poppler).
 *  - One ShowText takes at most 65535 bytes (libharu truncates longer strings).
 *  - Everything (subset, /W, CIDToGIDMap, ToUnicode) is produced when the document is
 *    first saved.  Draw everything before saving; text drawn after a save with new
 *    code points is folded in by re-subsetting at the next save (slower, but correct).
 *  - At most 65535 distinct code points per font; further new ones draw as .notdef.
 *  - No global state: fonts of different documents may be used from different threads
 *    (one document per thread).  A face may be shared between threads.
 */
#ifndef PP_PDF_FONT_H
#define PP_PDF_FONT_H

#include <stddef.h>
#include <hpdf.h>
#include <hb.h>
#include "pdf_subset.h"

/* Embeds one TrueType (glyf) face as Type0 /Identity-H over a CIDFontType2 whose
 * /FontFile2 is an hb-subset (no hinting, no layout or vertical tables) of the glyphs
 * actually drawn.  `face` stays owned by the caller, who must keep it alive until the
 * document is saved (the font also holds its own HarfBuzz reference).
 * `postscript_name` may be NULL (then the face's name table is used); it is reduced to
 * PDF-name-safe ASCII.  `subset_seed` makes the 6-letter subset tag unique within a
 * document and reproducible (distinct seeds below 26^6 give distinct tags).
 * Returns a font owned by `doc` (freed with it), or NULL with the error recorded in
 * `doc` (HPDF_GetError): invalid arguments, a CFF/bitmap face, a face whose licence
 * forbids embedding (OS/2 fsType restricted / bitmap-only), or out of memory. */
HPDF_Font pp_pdf_font_new(HPDF_Doc doc, hb_face_t *face, const char *postscript_name,
                          unsigned subset_seed);

/* Width of UTF-8 `text` (`len` bytes) in 1/1000 em, exactly as viewers will advance
 * (integer /W widths).  Does not assign CIDs.  Returns 0 for a non-pp font. */
unsigned pp_pdf_font_text_width(HPDF_Font font, const char *text, size_t len);

/* Gives the code points of UTF-8 `text` (`len` bytes) their CIDs, in order of first
 * use, exactly as drawing it would, without drawing. */
void pp_pdf_font_use(HPDF_Font font, const char *text, size_t len);

/* CIDs assigned so far, .notdef included (0 for a non-pp font). */
unsigned pp_pdf_font_cids(HPDF_Font font);

/* Making the font program (pdf_subset: subset, CIDToGIDMap, ToUnicode, all deflated)
 * as a job that any one thread may run while the document's thread goes on drawing
 * and saving (the job touches neither libharu nor the font).
 * pp_pdf_font_defer makes a job of the font's own for the glyphs of the CIDs assigned
 * so far (call it once every code point is known: pp_pdf_font_use over all the
 * text), to be run with pp_subset_run on some thread; it is owned by the font.
 * pp_pdf_font_adopt hands the font a job made beforehand by the caller (who keeps
 * it alive, and joins any thread running it, until the document is freed).
 * Either way the save uses the job when its glyph set holds every glyph drawn (with
 * `exact`, when it is exactly the glyphs drawn) (waiting for it if it runs
 * elsewhere, running it itself if nobody started it),
 * and otherwise makes the font again by itself: the bytes depend on the set of
 * glyphs drawn and on the glyph set of the job used, not on the thread.
 * With `late`, the next save does not even wait: it writes the FontFile2, CIDToGIDMap
 * and ToUnicode streams empty (FontFile2 with /Length1 0) and the saver must take their
 * bytes from pp_pdf_font_late (pdf_pack's late streams).
 * pp_pdf_font_defer returns the job, or NULL (out of memory, or a job already given;
 * the save then works as without this call); pp_pdf_font_adopt returns 0, or -1 for
 * a font not made by pp_pdf_font_new. */
pp_subset *pp_pdf_font_defer(HPDF_Font font, int late);
int pp_pdf_font_adopt(HPDF_Font font, pp_subset *job, int late, int exact);

/* After a save that left them empty: their object numbers (returns 3), else 0. */
size_t pp_pdf_font_late_objects(HPDF_Font font, unsigned long obj[3]);

/* The bytes of late stream `obj` (one of pp_pdf_font_late_objects'), already deflated
 * (the stream's dict says /FlateDecode), and for FontFile2 its /Length1 (else -1).
 * Waits for the job if another thread runs it, runs it here if nobody started it. The
 * bytes stay valid until the next save or until the document is freed (a later save
 * puts them into the font's streams itself). Returns 0, or -1 with the error raised
 * in the document (its error handler called). */
int pp_pdf_font_late(HPDF_Font font, unsigned long obj, const unsigned char **data, size_t *len,
                     long *length1);

/* Nonzero when the face maps `cp` to a real glyph (not .notdef). */
int pp_pdf_font_has_glyph(HPDF_Font font, unsigned long cp);

/* Statistics for the benchmark, summed over the pp fonts of `doc` and filled at save
 * time: glyph_bytes = compressed FontFile2 bytes in the saved file, glyphs = glyphs in
 * those subsets (including .notdef and composite components); subset_ns = time spent in
 * hb-subset and deflate_ns = time compressing FontFile2, CIDToGIDMap and ToUnicode,
 * both accumulated over every (re-)finalisation, on whichever thread did it.  All zero
 * before the first save. */
typedef struct {
    size_t glyph_bytes;
    size_t glyphs;
    unsigned long long subset_ns, deflate_ns;
    unsigned long long wait_ns;   /* the save waiting for a job running on another thread */
} pp_pdf_font_stats;
void pp_pdf_font_get_stats(HPDF_Doc doc, pp_pdf_font_stats *out);

#endif
