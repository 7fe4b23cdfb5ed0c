/* pdf_internal — the writer's narrow bridge to what libharu 2.3.0 has no public
 * API for: building arbitrary PDF objects (structure tree, metadata, output
 * intents), writing raw operators (marked content) into a page's content stream,
 * the catalog and trailer, the PDF version, an MD5 for the document ID, the UTF-16
 * string encoder, and the custom fonts and encoders of pdf_font.c (a font libharu
 * does not build itself).
 *
 * pdf_internal.c is the only file of planpress that touches libharu internals
 * (struct fields, functions outside hpdf.h's public API); the struct layouts it
 * relies on are checked at build time (pdf_hpdf23.h, included by it alone).
 * pdf_write.c, pdf_struct.c, pdf_meta.c and pdf_font.c use libharu's public API
 * plus this header only.
 *
 * Errors are libharu's: every failure is recorded in the document's error record
 * (the writer's error handler sees it) and the functions return nonzero / NULL.
 * Objects made here belong to the document once added to it (freed with it);
 * a direct dict or array may be added to one container only. */
#ifndef PP_PDF_INTERNAL_H
#define PP_PDF_INTERNAL_H
#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "utf16.h"

typedef struct pp_pobj pp_pobj;   /* a libharu dict or array */

/* A dict; `indirect` makes it an object of its own (referable from many places). */
pp_pobj *pp_pdfi_dict(HPDF_Doc doc, bool indirect);
/* A direct array. */
pp_pobj *pp_pdfi_array(HPDF_Doc doc);
/* An indirect stream object holding a copy of data[0..len) (data may be NULL when
 * len is 0); `deflate` lets libharu compress it. */
pp_pobj *pp_pdfi_stream(HPDF_Doc doc, const void *data, size_t len, bool deflate);
pp_pobj *pp_pdfi_catalog(HPDF_Doc doc);
pp_pobj *pp_pdfi_trailer(HPDF_Doc doc);
pp_pobj *pp_pdfi_page(HPDF_Page page);  /* the page dict itself */

int pp_pdfi_put(pp_pobj *dict, const char *key, pp_pobj *value);
int pp_pdfi_put_name(pp_pobj *dict, const char *key, const char *name);
int pp_pdfi_put_int(pp_pobj *dict, const char *key, long value);
int pp_pdfi_put_bool(pp_pobj *dict, const char *key, bool value);
/* A byte string (ASCII: language tags, identifiers). */
int pp_pdfi_put_str(HPDF_Doc doc, pp_pobj *dict, const char *key, const char *ascii);
/* A text string from UTF-8, written as UTF-16BE with BOM (every plane). */
int pp_pdfi_put_text(HPDF_Doc doc, pp_pobj *dict, const char *key, const char *utf8);

int pp_pdfi_push(pp_pobj *array, pp_pobj *value);
int pp_pdfi_push_int(pp_pobj *array, long value);
int pp_pdfi_push_name(pp_pobj *array, const char *name);
/* A hexadecimal byte string (the trailer /ID). */
int pp_pdfi_push_hex(HPDF_Doc doc, pp_pobj *array, const unsigned char *bytes, size_t n);
size_t pp_pdfi_count(const pp_pobj *array);

/* Appends raw operators to the page's content stream, between libharu's own. */
int pp_pdfi_content(HPDF_Page page, const char *ops, size_t len);
/* %PDF-1.minor in the header (libharu 2.3.0 writes 1.3 unless told). */
void pp_pdfi_set_version(HPDF_Doc doc, int minor);
/* Saves the document as libharu writes it into a malloc'd buffer (*data, *len; the
 * caller frees it). Returns 0, or nonzero with the error recorded. */
int pp_pdfi_save_mem(HPDF_Doc doc, unsigned char **data, size_t *len);
/* Nonzero when the document will be encrypted (PDF/A refuses that). */
bool pp_pdfi_encrypted(HPDF_Doc doc);

/* ---- Errors ---------------------------------------------------------------------
 * For code that reaches libharu through this header: the document's error record. */

/* Records `no` (and `detail`) as the document's error and returns `no`.  With
 * `report`, the error handler is called now (HPDF_RaiseError); without, only recorded
 * (HPDF_SetError): for a failure returned from a save callback below, which libharu
 * reports itself when the save fails. */
HPDF_STATUS pp_pdfi_error(HPDF_Doc doc, HPDF_STATUS no, HPDF_STATUS detail, bool report);
/* Calls the error handler for the error already recorded, if any (HPDF_CheckError):
 * after a pp_pdfi_* failure that only recorded it.  Returns the error, or HPDF_OK. */
HPDF_STATUS pp_pdfi_report(HPDF_Doc doc);

/* ---- Objects: more ------------------------------------------------------------- */

/* The object number of an indirect object (0 for a direct one). */
unsigned long pp_pdfi_obj_num(const pp_pobj *obj);
/* Replaces the data of stream `stream` (pp_pdfi_stream) by data[0..len), written as
 * is: its /Filter, if any, is the caller's.  May be called from a save callback for
 * a stream not yet written.  Returns HPDF_OK or the error (recorded). */
HPDF_STATUS pp_pdfi_stream_set(pp_pobj *stream, const void *data, size_t len);

/* ---- Encoders -------------------------------------------------------------------
 * libharu's per-encoder callbacks without its records: each gets back the `ctx` it
 * was registered with.  For a registered encoder a NULL member leaves libharu's hook
 * empty. */
typedef struct pp_pdfi_encoder_fns {
    /* Classifies byte text[*index] of text[0..len) for libharu's per-byte string
     * walkers (writing an HPDF string made with this encoder) and must advance *index
     * by one.  text may be NULL, or *index >= len. */
    HPDF_ByteType (*byte_type)(void *ctx, const HPDF_BYTE *text, HPDF_UINT len, HPDF_UINT *index);
    /* The UTF-16 unit written for the byte byte_type just classified SINGLE. */
    HPDF_UNICODE (*to_unicode)(void *ctx, HPDF_UINT16 code);
    /* The codes HPDF_Page_ShowText writes for text[0..len), malloc'd (libharu free()s
     * them), their byte count in *encoded_len; NULL (out of memory) shows nothing. */
    char *(*encode_text)(void *ctx, const char *text, HPDF_UINT len, HPDF_UINT *encoded_len);
} pp_pdfi_encoder_fns;

/* The encoder registered in `doc` under `name`, or NULL (no error recorded). */
HPDF_Encoder pp_pdfi_encoder_find(HPDF_Doc doc, const char *name);
/* Registers a string-only encoder `name` (at most 127 bytes) in `doc`: usable for
 * HPDF strings (HPDF_SetInfoAttr, HPDF_CreateOutline), refused by every libharu font
 * constructor.  Its ctx is `ctx_size` zeroed bytes (suitably aligned) allocated with
 * it and freed with the document; `fns` must outlive the document.  Returns the
 * encoder, or NULL with the error reported (name taken, out of memory). */
HPDF_Encoder pp_pdfi_encoder_register(HPDF_Doc doc, const char *name, const pp_pdfi_encoder_fns *fns,
                                      size_t ctx_size);
/* HPDF_SetInfoAttr with `enc` as the current encoder for this call only (the
 * document's current encoder is left as it was). */
HPDF_STATUS pp_pdfi_set_info(HPDF_Doc doc, HPDF_InfoType type, const char *value, HPDF_Encoder enc);

/* ---- UTF-16 strings ----------------------------------------------------------------
 * An encoder named "PP-UTF16" (one per document, owned by it) that writes UTF-8
 * strings as UTF-16BE with surrogate pairs: for HPDF_SetInfoAttr and
 * HPDF_CreateOutline(doc, parent, utf8_title, encoder), and pp_pdfi_put_text. Strings
 * only: a font asked for with this encoding is refused by libharu. Returns the
 * encoder, or NULL (error recorded in doc). */
HPDF_Encoder pp_pdfi_utf16_encoder(HPDF_Doc doc);
/* HPDF_SetInfoAttr with a UTF-8 value through "PP-UTF16", leaving the document's
 * current encoder as it was (title, author, subject, keywords, creator, producer). */
HPDF_STATUS pp_pdfi_set_info_utf8(HPDF_Doc doc, HPDF_InfoType type, const char *utf8);
/* libharu's byte classifier for UTF-8 written as UTF-16 (pp_utf16_walk_byte): every
 * byte but the one completing a unit is TRIAL; the unit is then w->unit, for the
 * to_unicode callback. Advances *index. For encoders of this shape (pdf_font's). */
HPDF_ByteType pp_pdfi_utf16_classify(pp_utf16_walk *w, const HPDF_BYTE *text, HPDF_UINT len, HPDF_UINT *index);

/* ---- Custom fonts ----------------------------------------------------------------
 * An HPDF_Font whose measuring, encoding and writing are the caller's: to libharu an
 * ordinary font (HPDF_Page_SetFontAndSize, HPDF_Page_ShowText / TextOut,
 * HPDF_Page_TextWidth, HPDF_Font_GetAscent & co. from the metrics below) of type
 * Type0 TrueType, horizontal, with a double-byte encoder.  The font object is an
 * empty indirect dict, the first object made: the caller fills it (pp_pdfi_font_dict)
 * and makes the rest of the font's objects after it with the functions above. */

typedef struct pp_pdfi_out pp_pdfi_out;   /* where a write_keys callback writes */

/* Every member is required (enc's three too). */
typedef struct pp_pdfi_font_fns {
    pp_pdfi_encoder_fns enc;   /* the font's encoder (encode_text: what ShowText writes) */
    /* libharu's text_width_fn: HPDF_Page_TextWidth and the show operators' pen. */
    HPDF_TextWidth (*text_width)(void *ctx, const HPDF_BYTE *text, HPDF_UINT len);
    /* libharu's measure_text_fn (HPDF_Page_MeasureText, HPDF_Font_MeasureText). */
    HPDF_UINT (*measure_text)(void *ctx, const HPDF_BYTE *text, HPDF_UINT len, HPDF_REAL width,
                              HPDF_REAL font_size, HPDF_REAL char_space, HPDF_REAL word_space,
                              HPDF_BOOL wordwrap, HPDF_REAL *real_width);
    /* Called before the font dict and before each object given to pp_pdfi_font_hook
     * is written, at every save (so possibly several times per save: be idempotent).
     * Anything but HPDF_OK (recorded with pp_pdfi_error) fails the save. */
    HPDF_STATUS (*before_write)(void *ctx);
    /* For an object hooked with write_keys: extra entries of its dictionary, written
     * with pp_pdfi_out_write after the entries it holds (before ">>"). */
    HPDF_STATUS (*write_keys)(void *ctx, pp_pobj *obj, pp_pdfi_out *out);
    /* The font is freed (with its document, or by a failed pp_pdfi_font_new). */
    void (*free)(void *ctx);
} pp_pdfi_font_fns;

/* What libharu's font record (font definition) says of the font. */
typedef struct pp_pdfi_font_metrics {
    const char *base_font;   /* HPDF_Font_GetFontName; at most 127 bytes */
    const char *encoding;    /* HPDF_Font_GetEncodingName; at most 127 bytes */
    int16_t ascent, descent, italic_angle, missing_width;   /* 1/1000 em */
    uint16_t cap_height, x_height, stemv;
    unsigned flags;          /* HPDF_FONT_* */
    float bbox[4];           /* left, bottom, right, top */
} pp_pdfi_font_metrics;

/* Makes the font, an indirect object of `doc` owned by it, with `ctx` handed to the
 * callbacks of `fns` (which must outlive the document).  Returns it, or NULL with the
 * error reported; on failure fns->free(ctx) has been called. */
HPDF_Font pp_pdfi_font_new(HPDF_Doc doc, const pp_pdfi_font_metrics *m, const pp_pdfi_font_fns *fns,
                           void *ctx);
/* The font's own dict (the PDF font object). */
pp_pobj *pp_pdfi_font_dict(HPDF_Font font);
/* The ctx of a font made by pp_pdfi_font_new with these `fns`; NULL for any other
 * font (or NULL, or a font being freed). */
void *pp_pdfi_font_ctx(HPDF_Font font, const pp_pdfi_font_fns *fns);
/* Gives dict or stream `obj` (made for the font) the font's before_write callback,
 * and with `write_keys` its write_keys callback.  Returns 0, or -1 (bad arguments). */
int pp_pdfi_font_hook(HPDF_Font font, pp_pobj *obj, bool write_keys);
/* Records the descendant CIDFont, the font descriptor and the CIDToGIDMap stream in
 * libharu's font record, where its own Type0 fonts have them (libharu 2.3.0 does not
 * read them for a font it did not build; kept for its sake). */
void pp_pdfi_font_link(HPDF_Font font, pp_pobj *descendant, pp_pobj *descriptor, pp_pobj *map_stream);
/* Calls visit(ctx, arg) for each font of `doc` made with `fns`, in object order. */
void pp_pdfi_font_each(HPDF_Doc doc, const pp_pdfi_font_fns *fns, void (*visit)(void *ctx, void *arg),
                       void *arg);
/* From a write_keys callback: appends data[0..len) to the dictionary being written. */
HPDF_STATUS pp_pdfi_out_write(pp_pdfi_out *out, const void *data, size_t len);

/* MD5, for a document ID derived from the content. */
typedef struct pp_md5 { uint32_t opaque[24]; } pp_md5;
void pp_md5_init(pp_md5 *c);
void pp_md5_update(pp_md5 *c, const void *data, size_t len);
void pp_md5_final(pp_md5 *c, unsigned char digest[16]);
#endif
