/* pdf_internal — the writer's narrow bridge to what libharu 2.3.0 has no public
 * API for: building arbitrary PDF objects (structure tree, metadata, output
 * intents), writing raw operators (marked content) into a page's content stream,
 * the catalog and trailer, the PDF version, and an MD5 for the document ID.
 *
 * pdf_write.c, pdf_struct.c and pdf_meta.c use libharu's public API plus this
 * header only; the struct layouts relied on here are checked at build time
 * (pdf_hpdf23.h, shared with pdf_font.c).
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

typedef struct pp_pobj pp_pobj;   /* a libharu dict or array */

/* A dict; `indirect` makes it an object of its own (referable from many places). */
pp_pobj *pp_pdfi_dict(HPDF_Doc doc, bool indirect);
/* A direct array. */
pp_pobj *pp_pdfi_array(HPDF_Doc doc);
/* An indirect stream object holding a copy of data; `deflate` lets libharu compress it. */
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

/* MD5, for a document ID derived from the content. */
typedef struct pp_md5 { uint32_t opaque[24]; } pp_md5;
void pp_md5_init(pp_md5 *c);
void pp_md5_update(pp_md5 *c, const void *data, size_t len);
void pp_md5_final(pp_md5 *c, unsigned char digest[16]);
#endif
