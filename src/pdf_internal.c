/* pdf_internal.c — see pdf_internal.h.  The only file of planpress that uses
 * libharu 2.3.0 internals (struct fields, functions outside hpdf.h's public API);
 * the struct layouts relied on are checked at build time in pdf_hpdf23.h. */
#define _POSIX_C_SOURCE 200809L
#include "pdf_internal.h"
#include "utf16.h"

#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_encoder.h>
#include <hpdf_error.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_list.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#define PP_PDF_HPDF23_OWNER   /* pdf_hpdf23.h refuses any other includer */
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
    HPDF_Encoder enc = pp_pdfi_utf16_encoder(doc);
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

unsigned long pp_pdfi_obj_num(const pp_pobj *obj)
{
    return obj ? ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFu : 0;
}

HPDF_STATUS pp_pdfi_stream_set(pp_pobj *stream, const void *data, size_t len)
{
    HPDF_Dict d = (HPDF_Dict)stream;
    if (!d || !d->stream) return HPDF_INVALID_OBJECT;
    if (len > UINT32_MAX) return HPDF_SetError(d->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
    HPDF_MemStream_FreeData(d->stream);
    return HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len);
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

/* ---- errors ----------------------------------------------------------------------- */

/* Not HPDF_HasDoc: it raises HPDF_INVALID_DOCUMENT once any error is recorded. */
HPDF_STATUS pp_pdfi_error(HPDF_Doc doc, HPDF_STATUS no, HPDF_STATUS detail, bool report)
{
    if (!HPDF_Doc_Validate(doc)) return no;
    return report ? HPDF_RaiseError(&doc->error, no, detail) : HPDF_SetError(&doc->error, no, detail);
}

HPDF_STATUS pp_pdfi_report(HPDF_Doc doc)
{
    return HPDF_Doc_Validate(doc) ? HPDF_CheckError(&doc->error) : HPDF_INVALID_DOCUMENT;
}

/* ---- encoders --------------------------------------------------------------------- */

/* What an encoder's attr points to: the caller's callbacks and their ctx. */
typedef struct pdfi_enc_cb {
    const pp_pdfi_encoder_fns *fns;
    void *ctx;
} pdfi_enc_cb;

static HPDF_ByteType pdfi_byte_type(HPDF_Encoder encoder, HPDF_ParseText_Rec *state)
{
    const pdfi_enc_cb *cb = encoder->attr;
    return cb->fns->byte_type(cb->ctx, state->text, state->len, &state->index);
}

static HPDF_UNICODE pdfi_to_unicode(HPDF_Encoder encoder, HPDF_UINT16 code)
{
    const pdfi_enc_cb *cb = encoder->attr;
    return cb->fns->to_unicode(cb->ctx, code);
}

static char *pdfi_encode_text(HPDF_Encoder encoder, const char *text, HPDF_UINT len, HPDF_UINT *encoded_length)
{
    const pdfi_enc_cb *cb = encoder->attr;
    return cb->fns->encode_text(cb->ctx, text, len, encoded_length);
}

/* Fills libharu's view of an encoder; type and init/free hooks are the caller's. */
static void pdfi_encoder_init(HPDF_Encoder_Rec *e, HPDF_Doc doc, const char *name, pdfi_enc_cb *cb)
{
    e->sig_bytes = HPDF_ENCODER_SIG_BYTES;
    memcpy(e->name, name, strlen(name) + 1);   /* checked: at most HPDF_LIMIT_MAX_NAME_LEN */
    e->mmgr = doc->mmgr;
    e->error = &doc->error;
    e->byte_type_fn = cb->fns->byte_type ? pdfi_byte_type : NULL;
    e->to_unicode_fn = cb->fns->to_unicode ? pdfi_to_unicode : NULL;
    e->encode_text_fn = cb->fns->encode_text ? pdfi_encode_text : NULL;
    e->attr = cb;
}

HPDF_Encoder pp_pdfi_encoder_find(HPDF_Doc doc, const char *name)
{
    return HPDF_Doc_Validate(doc) && name ? HPDF_Doc_FindEncoder(doc, name) : NULL;
}

/* One allocation from the document's mmgr (libharu frees it with HPDF_FreeMem):
 * the record, the callbacks, then ctx_size bytes of ctx at PDFI_ENCODER_CTX. */
typedef struct pdfi_encoder {
    HPDF_Encoder_Rec enc;
    pdfi_enc_cb cb;
} pdfi_encoder;
#define PDFI_ALIGN _Alignof(max_align_t)
#define PDFI_ENCODER_CTX ((sizeof(pdfi_encoder) + PDFI_ALIGN - 1) / PDFI_ALIGN * PDFI_ALIGN)

/* Type stays UNINITIALIZED so that every libharu font constructor refuses the
 * encoder; HPDF_Doc_FindEncoder then calls init_fn on each lookup, a no-op here. */
static HPDF_STATUS pdfi_string_encoder_init(HPDF_Encoder encoder)
{
    (void)encoder;
    return HPDF_OK;
}

static void pdfi_string_encoder_free(HPDF_Encoder encoder) { (void)encoder; }

HPDF_Encoder pp_pdfi_encoder_register(HPDF_Doc doc, const char *name, const pp_pdfi_encoder_fns *fns,
                                      size_t ctx_size)
{
    if (!HPDF_Doc_Validate(doc)) return NULL;
    if (!name || !fns || strlen(name) > HPDF_LIMIT_MAX_NAME_LEN || ctx_size > 0x10000000u) {
        HPDF_RaiseError(&doc->error, HPDF_INVALID_PARAMETER, 0);
        return NULL;
    }
    size_t size = PDFI_ENCODER_CTX + ctx_size;
    pdfi_encoder *u = HPDF_GetMem(doc->mmgr, (HPDF_UINT)size);
    if (!u) { HPDF_CheckError(&doc->error); return NULL; }
    memset(u, 0, size);
    u->cb.fns = fns;
    u->cb.ctx = (unsigned char *)u + PDFI_ENCODER_CTX;
    pdfi_encoder_init(&u->enc, doc, name, &u->cb);
    u->enc.type = HPDF_ENCODER_TYPE_UNINITIALIZED;
    u->enc.free_fn = pdfi_string_encoder_free;
    u->enc.init_fn = pdfi_string_encoder_init;
    if (HPDF_Doc_RegisterEncoder(doc, &u->enc) != HPDF_OK) {   /* it freed u */
        HPDF_CheckError(&doc->error);
        return NULL;
    }
    return &u->enc;
}

HPDF_STATUS pp_pdfi_set_info(HPDF_Doc doc, HPDF_InfoType type, const char *value, HPDF_Encoder enc)
{
    if (!HPDF_Doc_Validate(doc)) return HPDF_INVALID_DOCUMENT;
    HPDF_Encoder saved = doc->cur_encoder;
    doc->cur_encoder = enc;
    HPDF_STATUS ret = HPDF_SetInfoAttr(doc, type, value);
    doc->cur_encoder = saved;
    return ret;
}

/* ---- the UTF-16 string encoder ------------------------------------------------- */

#define PDFI_U16_NAME "PP-UTF16"

/* ctx: a pp_utf16_walk allocated with the encoder. */
static HPDF_ByteType u16_byte_type(void *ctx, const HPDF_BYTE *text, HPDF_UINT len, HPDF_UINT *index)
{
    return pp_pdfi_utf16_classify(ctx, text, len, index);
}

static HPDF_UNICODE u16_to_unicode(void *ctx, HPDF_UINT16 code)
{
    (void)code;
    return ((const pp_utf16_walk *)ctx)->unit;
}

static const pp_pdfi_encoder_fns u16_fns = {
    .byte_type = u16_byte_type,
    .to_unicode = u16_to_unicode,
    .encode_text = NULL,   /* strings only */
};

HPDF_ByteType pp_pdfi_utf16_classify(pp_utf16_walk *w, const HPDF_BYTE *text, HPDF_UINT len, HPDF_UINT *index)
{
    HPDF_UINT i = (*index)++;
    if (!text || i >= len) { w->unit = 0xFFFD; return HPDF_BYTE_TYPE_SINGLE; }
    return pp_utf16_walk_byte(w, text, len, i) ? HPDF_BYTE_TYPE_SINGLE : HPDF_BYTE_TYPE_TRIAL;
}

HPDF_Encoder pp_pdfi_utf16_encoder(HPDF_Doc doc)
{
    if (!HPDF_HasDoc(doc)) return NULL;
    HPDF_Encoder found = pp_pdfi_encoder_find(doc, PDFI_U16_NAME);
    if (found) return found;
    return pp_pdfi_encoder_register(doc, PDFI_U16_NAME, &u16_fns, sizeof(pp_utf16_walk));
}

HPDF_STATUS pp_pdfi_set_info_utf8(HPDF_Doc doc, HPDF_InfoType type, const char *utf8)
{
    HPDF_Encoder enc = pp_pdfi_utf16_encoder(doc);
    if (!enc) return HPDF_HasDoc(doc) ? HPDF_GetError(doc) : HPDF_INVALID_DOCUMENT;
    return pp_pdfi_set_info(doc, type, utf8, enc);
}

/* ---- custom fonts ----------------------------------------------------------------- */

/* The attr of the font dict and of every object hooked to it.  Separately allocated
 * (calloc) and freed by the font dict's free_fn, after the caller's fns->free. */
typedef struct pdfi_font {
    HPDF_FontAttr_Rec attr;   /* libharu reads font->attr as HPDF_FontAttr */
    HPDF_FontDef_Rec def;     /* name and metrics (HPDF_Font_GetAscent ...) */
    HPDF_Encoder_Rec enc;     /* the caller's encoding callbacks (attr = &ecb) */
    pdfi_enc_cb ecb;
    const pp_pdfi_font_fns *fns;
    void *ctx;
} pdfi_font;

static HPDF_TextWidth pdfi_text_width(HPDF_Font font, const HPDF_BYTE *text, HPDF_UINT len)
{
    const pdfi_font *w = font->attr;
    return w->fns->text_width(w->ctx, text, len);
}

static HPDF_UINT pdfi_measure_text(HPDF_Font font, const HPDF_BYTE *text, HPDF_UINT len, HPDF_REAL width,
                                   HPDF_REAL font_size, HPDF_REAL char_space, HPDF_REAL word_space,
                                   HPDF_BOOL wordwrap, HPDF_REAL *real_width)
{
    const pdfi_font *w = font->attr;
    return w->fns->measure_text(w->ctx, text, len, width, font_size, char_space, word_space, wordwrap,
                                real_width);
}

static HPDF_STATUS pdfi_font_before_write(HPDF_Dict obj)
{
    const pdfi_font *w = obj->attr;
    return w ? w->fns->before_write(w->ctx) : HPDF_OK;
}

static HPDF_STATUS pdfi_font_write(HPDF_Dict obj, HPDF_Stream stream)
{
    const pdfi_font *w = obj->attr;
    return w ? w->fns->write_keys(w->ctx, (pp_pobj *)obj, (pp_pdfi_out *)stream) : HPDF_OK;
}

/* free_fn of the font dict: libharu never frees a dict's attr itself.  (The hooked
 * objects keep a stale attr, but libharu calls nothing of theirs once freeing.) */
static void pdfi_font_free(HPDF_Dict obj)
{
    pdfi_font *w = obj->attr;
    obj->attr = NULL;
    if (!w) return;
    w->fns->free(w->ctx);
    free(w);
}

HPDF_Font pp_pdfi_font_new(HPDF_Doc doc, const pp_pdfi_font_metrics *m, const pp_pdfi_font_fns *fns,
                           void *ctx)
{
    if (!HPDF_Doc_Validate(doc) || !fns) return NULL;
    if (!m || !m->base_font || !m->encoding || strlen(m->base_font) > HPDF_LIMIT_MAX_NAME_LEN ||
        strlen(m->encoding) > HPDF_LIMIT_MAX_NAME_LEN) {
        fns->free(ctx);
        HPDF_RaiseError(&doc->error, HPDF_INVALID_PARAMETER, 0);
        return NULL;
    }
    pdfi_font *w = calloc(1, sizeof *w);
    if (!w) {
        fns->free(ctx);
        HPDF_RaiseError(&doc->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
        return NULL;
    }
    w->fns = fns;
    w->ctx = ctx;
    w->ecb.fns = &fns->enc;
    w->ecb.ctx = ctx;

    HPDF_FontDef_Rec *d = &w->def;
    d->sig_bytes = HPDF_FONTDEF_SIG_BYTES;
    memcpy(d->base_font, m->base_font, strlen(m->base_font) + 1);
    d->mmgr = doc->mmgr;
    d->error = &doc->error;
    d->type = HPDF_FONTDEF_TYPE_UNINITIALIZED;   /* keeps libharu's per-type code away */
    d->ascent = m->ascent;
    d->descent = m->descent;
    d->flags = m->flags;
    d->font_bbox.left = m->bbox[0];
    d->font_bbox.bottom = m->bbox[1];
    d->font_bbox.right = m->bbox[2];
    d->font_bbox.top = m->bbox[3];
    d->italic_angle = m->italic_angle;
    d->stemv = m->stemv;
    d->missing_width = m->missing_width;
    d->cap_height = m->cap_height;
    d->x_height = m->x_height;
    d->valid = HPDF_TRUE;
    d->attr = w;
    pdfi_encoder_init(&w->enc, doc, m->encoding, &w->ecb);
    w->enc.type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
    HPDF_FontAttr a = &w->attr;
    a->type = HPDF_FONT_TYPE0_TT;
    a->writing_mode = HPDF_WMODE_HORIZONTAL;
    a->text_width_fn = pdfi_text_width;
    a->measure_text_fn = pdfi_measure_text;
    a->fontdef = d;
    a->encoder = &w->enc;
    a->xref = doc->xref;

    HPDF_Dict font = HPDF_Dict_New(doc->mmgr);
    if (!font) {
        fns->free(ctx);
        free(w);
        HPDF_CheckError(&doc->error);
        return NULL;
    }
    font->header.obj_class |= HPDF_OSUBCLASS_FONT;
    font->attr = w;
    font->free_fn = pdfi_font_free;
    font->before_write_fn = pdfi_font_before_write;
    if (HPDF_Xref_Add(doc->xref, font) != HPDF_OK) {   /* it freed font, w and ctx */
        HPDF_CheckError(&doc->error);
        return NULL;
    }
    return font;
}

pp_pobj *pp_pdfi_font_dict(HPDF_Font font) { return (pp_pobj *)font; }

void *pp_pdfi_font_ctx(HPDF_Font font, const pp_pdfi_font_fns *fns)
{
    if (!HPDF_Font_Validate(font) || font->free_fn != pdfi_font_free) return NULL;
    const pdfi_font *w = font->attr;
    return w && w->fns == fns ? w->ctx : NULL;
}

int pp_pdfi_font_hook(HPDF_Font font, pp_pobj *obj, bool write_keys)
{
    HPDF_Dict d = (HPDF_Dict)obj;
    if (!HPDF_Font_Validate(font) || font->free_fn != pdfi_font_free || !font->attr || !d ||
        (d->header.obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
        return -1;
    d->attr = font->attr;
    d->before_write_fn = pdfi_font_before_write;
    if (write_keys) d->write_fn = pdfi_font_write;
    return 0;
}

void pp_pdfi_font_link(HPDF_Font font, pp_pobj *descendant, pp_pobj *descriptor, pp_pobj *map_stream)
{
    if (!HPDF_Font_Validate(font) || font->free_fn != pdfi_font_free || !font->attr) return;
    pdfi_font *w = font->attr;
    w->attr.descendant_font = (HPDF_Font)descendant;
    w->attr.map_stream = (HPDF_Dict)map_stream;
    w->def.descriptor = (HPDF_Dict)descriptor;
}

void pp_pdfi_font_each(HPDF_Doc doc, const pp_pdfi_font_fns *fns, void (*visit)(void *ctx, void *arg),
                       void *arg)
{
    if (!HPDF_Doc_Validate(doc) || !visit) return;
    for (HPDF_Xref x = doc->xref; x; x = x->prev) {
        for (HPDF_UINT i = 0; i < x->entries->count; i++) {
            HPDF_XrefEntry entry = (HPDF_XrefEntry)HPDF_List_ItemAt(x->entries, i);
            const HPDF_Obj_Header *h = entry ? (const HPDF_Obj_Header *)entry->obj : NULL;
            if (!h || h->obj_class != (HPDF_OSUBCLASS_FONT | HPDF_OCLASS_DICT)) continue;
            void *ctx = pp_pdfi_font_ctx((HPDF_Font)entry->obj, fns);
            if (ctx) visit(ctx, arg);
        }
    }
}

HPDF_STATUS pp_pdfi_out_write(pp_pdfi_out *out, const void *data, size_t len)
{
    const HPDF_BYTE *p = data;
    HPDF_STATUS ret = HPDF_OK;
    do {   /* HPDF_Stream_Write takes 32-bit lengths */
        HPDF_UINT n = len > 0x40000000u ? 0x40000000u : (HPDF_UINT)len;
        ret = HPDF_Stream_Write((HPDF_Stream)out, p, n);
        p += n;
        len -= n;
    } while (len && ret == HPDF_OK);
    return ret;
}

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
