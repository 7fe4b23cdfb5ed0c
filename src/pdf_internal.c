/* pdf_internal.c — see pdf_internal.h.  With pdf_font.c, the only file that uses
 * libharu 2.3.0 internals (struct layouts checked in pdf_hpdf23.h). */
#define _POSIX_C_SOURCE 200809L
#include "pdf_internal.h"
#include "pdf_font.h"

#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include "pdf_hpdf23.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(HPDF_MD5_CTX) <= sizeof(pp_md5), "pp_md5 too small for libharu's MD5 context");
_Static_assert(sizeof(HPDF_MD5_CTX) == 88, "libharu MD5 context");

static HPDF_Error doc_error(HPDF_Doc doc) { return &doc->error; }

pp_pobj *pp_pdfi_dict(HPDF_Doc doc, bool indirect)
{
    HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
    if (!d) { HPDF_CheckError(doc_error(doc)); return NULL; }
    if (indirect && HPDF_Xref_Add(doc->xref, d) != HPDF_OK) return NULL; /* freed it */
    return (pp_pobj *)d;
}

pp_pobj *pp_pdfi_array(HPDF_Doc doc)
{
    HPDF_Array a = HPDF_Array_New(doc->mmgr);
    if (!a) HPDF_CheckError(doc_error(doc));
    return (pp_pobj *)a;
}

pp_pobj *pp_pdfi_stream(HPDF_Doc doc, const void *data, size_t len, bool deflate)
{
    if (len > 0x7FFFFFFFu) { HPDF_SetError(doc_error(doc), HPDF_INVALID_PARAMETER, 0); return NULL; }
    HPDF_Dict d = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!d) return NULL;
    d->filter = deflate ? HPDF_STREAM_FILTER_FLATE_DECODE : HPDF_STREAM_FILTER_NONE;
    if (len && HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len) != HPDF_OK) return NULL;
    return (pp_pobj *)d;
}

pp_pobj *pp_pdfi_catalog(HPDF_Doc doc) { return (pp_pobj *)doc->catalog; }
pp_pobj *pp_pdfi_trailer(HPDF_Doc doc) { return (pp_pobj *)doc->trailer; }
pp_pobj *pp_pdfi_page(HPDF_Page page) { return (pp_pobj *)page; }

int pp_pdfi_put(pp_pobj *dict, const char *key, pp_pobj *value)
{
    return dict ? (int)HPDF_Dict_Add((HPDF_Dict)dict, key, value) : -1;
}

int pp_pdfi_put_name(pp_pobj *dict, const char *key, const char *name)
{
    return dict ? (int)HPDF_Dict_AddName((HPDF_Dict)dict, key, name) : -1;
}

int pp_pdfi_put_int(pp_pobj *dict, const char *key, long value)
{
    return dict ? (int)HPDF_Dict_AddNumber((HPDF_Dict)dict, key, (HPDF_INT32)value) : -1;
}

int pp_pdfi_put_bool(pp_pobj *dict, const char *key, bool value)
{
    return dict ? (int)HPDF_Dict_AddBoolean((HPDF_Dict)dict, key, value ? HPDF_TRUE : HPDF_FALSE) : -1;
}

int pp_pdfi_put_str(HPDF_Doc doc, pp_pobj *dict, const char *key, const char *ascii)
{
    if (!dict) return -1;
    return (int)HPDF_Dict_Add((HPDF_Dict)dict, key, HPDF_String_New(doc->mmgr, ascii, NULL));
}

int pp_pdfi_put_text(HPDF_Doc doc, pp_pobj *dict, const char *key, const char *utf8)
{
    HPDF_Encoder enc = pp_pdf_utf16_encoder(doc);
    if (!dict || !enc) return -1;
    return (int)HPDF_Dict_Add((HPDF_Dict)dict, key, HPDF_String_New(doc->mmgr, utf8, enc));
}

int pp_pdfi_push(pp_pobj *array, pp_pobj *value)
{
    return array ? (int)HPDF_Array_Add((HPDF_Array)array, value) : -1;
}

int pp_pdfi_push_int(pp_pobj *array, long value)
{
    return array ? (int)HPDF_Array_AddNumber((HPDF_Array)array, (HPDF_INT32)value) : -1;
}

int pp_pdfi_push_name(pp_pobj *array, const char *name)
{
    return array ? (int)HPDF_Array_AddName((HPDF_Array)array, name) : -1;
}

int pp_pdfi_push_hex(HPDF_Doc doc, pp_pobj *array, const unsigned char *bytes, size_t n)
{
    if (!array) return -1;
    return (int)HPDF_Array_Add((HPDF_Array)array, HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)bytes, (HPDF_UINT)n));
}

size_t pp_pdfi_count(const pp_pobj *array)
{
    return array ? HPDF_Array_Items((HPDF_Array)array) : 0;
}

int pp_pdfi_content(HPDF_Page page, const char *ops, size_t len)
{
    if (!HPDF_Page_Validate(page)) return -1;
    HPDF_PageAttr attr = (HPDF_PageAttr)((HPDF_Dict)page)->attr;
    return (int)HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)ops, (HPDF_UINT)len);
}

void pp_pdfi_set_version(HPDF_Doc doc, int minor)
{
    if (minor >= 2 && minor <= 7) doc->pdf_version = (HPDF_PDFVer)(HPDF_VER_12 + (minor - 2));
}

int pp_pdfi_save_mem(HPDF_Doc doc, unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (!HPDF_HasDoc(doc)) return -1;
    /* larger chunks than HPDF_SaveToStream's 4 KB: fewer allocations, one copy below */
    if (!doc->stream) doc->stream = HPDF_MemStream_New(doc->mmgr, 1u << 16);
    if (!doc->stream) { HPDF_CheckError(doc_error(doc)); return -1; }
    if (HPDF_SaveToStream(doc) != HPDF_OK) return -1;
    HPDF_Stream s = doc->stream;
    size_t total = HPDF_Stream_Size(s), got = 0;
    unsigned char *p = malloc(total ? total : 1);
    if (!p) { HPDF_SetError(doc_error(doc), HPDF_FAILD_TO_ALLOC_MEM, 0); HPDF_CheckError(doc_error(doc)); return -1; }
    for (HPDF_UINT i = 0, n = HPDF_MemStream_GetBufCount(s); i < n; i++) {
        HPDF_UINT l = 0;
        HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(s, i, &l);
        if (!b || l > total - got) break;
        memcpy(p + got, b, l);
        got += l;
    }
    HPDF_MemStream_FreeData(s);   /* the copy is all that is needed now */
    if (got != total) {
        free(p);
        HPDF_SetError(doc_error(doc), HPDF_INVALID_STREAM, 0);
        HPDF_CheckError(doc_error(doc));
        return -1;
    }
    *data = p;
    *len = total;
    return 0;
}

bool pp_pdfi_encrypted(HPDF_Doc doc) { return doc->encrypt_on != HPDF_FALSE; }

void pp_md5_init(pp_md5 *c) { HPDF_MD5Init((HPDF_MD5_CTX *)(void *)c); }

void pp_md5_update(pp_md5 *c, const void *data, size_t len)
{
    const HPDF_BYTE *p = data;
    while (len) {
        HPDF_UINT32 n = len > 0x40000000u ? 0x40000000u : (HPDF_UINT32)len;
        HPDF_MD5Update((HPDF_MD5_CTX *)(void *)c, p, n);
        p += n;
        len -= n;
    }
}

void pp_md5_final(pp_md5 *c, unsigned char digest[16]) { HPDF_MD5Final(digest, (HPDF_MD5_CTX *)(void *)c); }
