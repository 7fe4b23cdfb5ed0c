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

/* zlib-format deflate level used for FontFile2, CIDToGIDMap and ToUnicode (libdeflate).
 * Chosen by measurement on a 951-glyph TW-Kai subset (1.10 MB raw): level 6 is where
 * size stops paying for time (see pdf_font.c). */
#ifndef PP_PDF_FONT_DEFLATE_LEVEL
#define PP_PDF_FONT_DEFLATE_LEVEL 6
#endif

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

/* Nonzero when the face maps `cp` to a real glyph (not .notdef). */
int pp_pdf_font_has_glyph(HPDF_Font font, unsigned long cp);

/* Registers (once per document) an encoder named "PP-UTF16" that writes UTF-8 strings
 * as UTF-16BE with surrogate pairs, for HPDF_SetInfoAttr (make it current with
 * HPDF_SetCurrentEncoder(doc, "PP-UTF16"), or use pp_pdf_set_info_utf8) and for
 * HPDF_CreateOutline(doc, parent, utf8_title, encoder).  It is for strings only: a font
 * asked for with this encoding is refused by libharu.  Owned by `doc`.
 * Returns the encoder, or NULL (error recorded in doc). */
HPDF_Encoder pp_pdf_utf16_encoder(HPDF_Doc doc);

/* HPDF_SetInfoAttr with a UTF-8 value through the "PP-UTF16" encoder, leaving the
 * document's current encoder as it was.  For the text entries (title, author,
 * subject, keywords, creator, producer). */
HPDF_STATUS pp_pdf_set_info_utf8(HPDF_Doc doc, HPDF_InfoType type, const char *utf8);

/* Statistics for the benchmark, summed over the pp fonts of `doc` and filled at save
 * time: glyph_bytes = compressed FontFile2 bytes in the saved file, glyphs = glyphs in
 * those subsets (including .notdef and composite components); subset_ns = time spent in
 * hb-subset and deflate_ns = time compressing FontFile2, CIDToGIDMap and ToUnicode,
 * both accumulated over every (re-)finalisation.  All zero before the first save. */
typedef struct {
    size_t glyph_bytes;
    size_t glyphs;
    unsigned long long subset_ns, deflate_ns;
} pp_pdf_font_stats;
void pp_pdf_font_get_stats(HPDF_Doc doc, pp_pdf_font_stats *out);

#endif
