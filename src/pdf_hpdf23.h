/* pdf_hpdf23.h — private to pdf_internal.c, the only file of planpress that touches
 * libharu internals (everything else goes through hpdf.h's public API and
 * pdf_internal.h).  It spells the libharu 2.3.0 struct layouts pdf_internal.c relies
 * on with plain C types and checks at build time that the installed headers agree,
 * so another libharu fails to compile instead of corrupting memory.  Include it after
 * the hpdf_*.h headers, with PP_PDF_HPDF23_OWNER defined. */
#ifndef PP_PDF_HPDF23_H
#define PP_PDF_HPDF23_H

#ifndef PP_PDF_HPDF23_OWNER
#error "pdf_hpdf23.h is private to pdf_internal.c: reach libharu's internals through pdf_internal.h"
#endif

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_consts.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_error.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>
#include <stddef.h>
#include <stdint.h>


#ifdef HPDF_SHARED
#error "pdf_internal.c needs libharu's internal headers (build without HPDF_SHARED)"
#endif
_Static_assert(HPDF_VERSION_ID == 20300, "pdf_internal.c is written against libharu 2.3.0");

/* The 2.3.0 definitions, spelled with plain C types; every field we touch (and every
 * struct we embed) must sit at the same offset in the installed headers. */
typedef void (*pf_fn)(void);
struct pf23_obj_header { uint32_t obj_id; uint16_t gen_no; uint16_t obj_class; };
struct pf23_dict {
    struct pf23_obj_header header; void *mmgr; void *error; void *list;
    pf_fn before_write_fn, write_fn, after_write_fn, free_fn;
    void *stream; unsigned filter; void *filter_params; void *attr;
};
struct pf23_font_attr {
    int type; int writing_mode; pf_fn text_width_fn, measure_text_fn;
    void *fontdef, *encoder; int16_t *widths; unsigned char *used;
    void *xref, *descendant_font, *map_stream, *cmap_stream;
};
struct pf23_fontdef {
    uint32_t sig_bytes; char base_font[128]; void *mmgr; void *error; int type;
    pf_fn clean_fn, free_fn, init_fn;
    int16_t ascent, descent; unsigned flags; float bbox[4]; int16_t italic_angle;
    uint16_t stemv; int16_t avg_width, max_width, missing_width; uint16_t stemh,
    x_height, cap_height; void *descriptor; void *data; int valid; void *attr;
};
struct pf23_encoder {
    uint32_t sig_bytes; char name[128]; void *mmgr; void *error; int type;
    pf_fn byte_type_fn, to_unicode_fn, encode_text_fn, write_fn, free_fn, init_fn;
    void *attr;
};
struct pf23_error { unsigned long error_no, detail_no; pf_fn error_fn; void *user_data; };
struct pf23_doc {
    uint32_t sig_bytes; int pdf_version; void *mmgr, *catalog, *outlines, *xref,
    *root_pages, *cur_pages, *cur_page, *page_list; struct pf23_error error;
    void *info, *trailer, *font_mgr; unsigned char ttfont_tag[6]; void *fontdef_list,
    *encoder_list, *cur_encoder; int compression_mode; int encrypt_on;
    void *encrypt_dict, *def_encoder; unsigned page_per_pages, cur_page_num; void *stream;
};
struct pf23_xref {
    void *mmgr; void *error; uint32_t start_offset; void *entries; unsigned addr;
    void *prev; void *trailer;
};
struct pf23_xref_entry { char entry_typ; unsigned byte_offset; uint16_t gen_no; void *obj; };
struct pf23_list { void *mmgr; void *error; unsigned block_siz, items_per_block, count; void **obj; };
struct pf23_parse_text { const unsigned char *text; unsigned index, len; int byte_type; };

#define PF_SAME(T, M, U, N) \
    _Static_assert(offsetof(T, M) == offsetof(U, N), #T "." #M " moved")
#define PF_SIZE(T, U) _Static_assert(sizeof(T) == sizeof(U), "sizeof " #T " changed")

PF_SIZE(HPDF_Obj_Header, struct pf23_obj_header);
PF_SAME(HPDF_Obj_Header, obj_id, struct pf23_obj_header, obj_id);
PF_SAME(HPDF_Obj_Header, obj_class, struct pf23_obj_header, obj_class);
PF_SIZE(HPDF_Dict_Rec, struct pf23_dict);
PF_SAME(HPDF_Dict_Rec, header, struct pf23_dict, header);
PF_SAME(HPDF_Dict_Rec, mmgr, struct pf23_dict, mmgr);
PF_SAME(HPDF_Dict_Rec, error, struct pf23_dict, error);
PF_SAME(HPDF_Dict_Rec, before_write_fn, struct pf23_dict, before_write_fn);
PF_SAME(HPDF_Dict_Rec, write_fn, struct pf23_dict, write_fn);
PF_SAME(HPDF_Dict_Rec, free_fn, struct pf23_dict, free_fn);
PF_SAME(HPDF_Dict_Rec, stream, struct pf23_dict, stream);
PF_SAME(HPDF_Dict_Rec, filter, struct pf23_dict, filter);
PF_SAME(HPDF_Dict_Rec, attr, struct pf23_dict, attr);
PF_SIZE(HPDF_FontAttr_Rec, struct pf23_font_attr);
PF_SAME(HPDF_FontAttr_Rec, type, struct pf23_font_attr, type);
PF_SAME(HPDF_FontAttr_Rec, writing_mode, struct pf23_font_attr, writing_mode);
PF_SAME(HPDF_FontAttr_Rec, text_width_fn, struct pf23_font_attr, text_width_fn);
PF_SAME(HPDF_FontAttr_Rec, measure_text_fn, struct pf23_font_attr, measure_text_fn);
PF_SAME(HPDF_FontAttr_Rec, fontdef, struct pf23_font_attr, fontdef);
PF_SAME(HPDF_FontAttr_Rec, encoder, struct pf23_font_attr, encoder);
PF_SAME(HPDF_FontAttr_Rec, xref, struct pf23_font_attr, xref);
PF_SAME(HPDF_FontAttr_Rec, descendant_font, struct pf23_font_attr, descendant_font);
PF_SAME(HPDF_FontAttr_Rec, map_stream, struct pf23_font_attr, map_stream);
PF_SAME(HPDF_FontAttr_Rec, cmap_stream, struct pf23_font_attr, cmap_stream);
PF_SIZE(HPDF_FontDef_Rec, struct pf23_fontdef);
PF_SAME(HPDF_FontDef_Rec, sig_bytes, struct pf23_fontdef, sig_bytes);
PF_SAME(HPDF_FontDef_Rec, base_font, struct pf23_fontdef, base_font);
PF_SAME(HPDF_FontDef_Rec, mmgr, struct pf23_fontdef, mmgr);
PF_SAME(HPDF_FontDef_Rec, error, struct pf23_fontdef, error);
PF_SAME(HPDF_FontDef_Rec, type, struct pf23_fontdef, type);
PF_SAME(HPDF_FontDef_Rec, ascent, struct pf23_fontdef, ascent);
PF_SAME(HPDF_FontDef_Rec, descent, struct pf23_fontdef, descent);
PF_SAME(HPDF_FontDef_Rec, flags, struct pf23_fontdef, flags);
PF_SAME(HPDF_FontDef_Rec, font_bbox, struct pf23_fontdef, bbox);
PF_SAME(HPDF_FontDef_Rec, italic_angle, struct pf23_fontdef, italic_angle);
PF_SAME(HPDF_FontDef_Rec, stemv, struct pf23_fontdef, stemv);
PF_SAME(HPDF_FontDef_Rec, missing_width, struct pf23_fontdef, missing_width);
PF_SAME(HPDF_FontDef_Rec, cap_height, struct pf23_fontdef, cap_height);
PF_SAME(HPDF_FontDef_Rec, x_height, struct pf23_fontdef, x_height);
PF_SAME(HPDF_FontDef_Rec, descriptor, struct pf23_fontdef, descriptor);
PF_SAME(HPDF_FontDef_Rec, valid, struct pf23_fontdef, valid);
PF_SAME(HPDF_FontDef_Rec, attr, struct pf23_fontdef, attr);
PF_SIZE(HPDF_Box, float[4]);
PF_SIZE(HPDF_Encoder_Rec, struct pf23_encoder);
PF_SAME(HPDF_Encoder_Rec, sig_bytes, struct pf23_encoder, sig_bytes);
PF_SAME(HPDF_Encoder_Rec, name, struct pf23_encoder, name);
PF_SAME(HPDF_Encoder_Rec, mmgr, struct pf23_encoder, mmgr);
PF_SAME(HPDF_Encoder_Rec, error, struct pf23_encoder, error);
PF_SAME(HPDF_Encoder_Rec, type, struct pf23_encoder, type);
PF_SAME(HPDF_Encoder_Rec, byte_type_fn, struct pf23_encoder, byte_type_fn);
PF_SAME(HPDF_Encoder_Rec, to_unicode_fn, struct pf23_encoder, to_unicode_fn);
PF_SAME(HPDF_Encoder_Rec, encode_text_fn, struct pf23_encoder, encode_text_fn);
PF_SAME(HPDF_Encoder_Rec, free_fn, struct pf23_encoder, free_fn);
PF_SAME(HPDF_Encoder_Rec, init_fn, struct pf23_encoder, init_fn);
PF_SAME(HPDF_Encoder_Rec, attr, struct pf23_encoder, attr);
PF_SIZE(HPDF_Error_Rec, struct pf23_error);
PF_SIZE(HPDF_Doc_Rec, struct pf23_doc);
PF_SAME(HPDF_Doc_Rec, mmgr, struct pf23_doc, mmgr);
PF_SAME(HPDF_Doc_Rec, xref, struct pf23_doc, xref);
PF_SAME(HPDF_Doc_Rec, error, struct pf23_doc, error);
PF_SAME(HPDF_Doc_Rec, cur_encoder, struct pf23_doc, cur_encoder);
PF_SIZE(HPDF_Xref_Rec, struct pf23_xref);
PF_SAME(HPDF_Xref_Rec, prev, struct pf23_xref, prev);
PF_SAME(HPDF_Xref_Rec, entries, struct pf23_xref, entries);
PF_SIZE(HPDF_XrefEntry_Rec, struct pf23_xref_entry);
PF_SAME(HPDF_XrefEntry_Rec, obj, struct pf23_xref_entry, obj);
PF_SIZE(HPDF_List_Rec, struct pf23_list);
PF_SAME(HPDF_List_Rec, count, struct pf23_list, count);
PF_SIZE(HPDF_ParseText_Rec, struct pf23_parse_text);
PF_SAME(HPDF_ParseText_Rec, text, struct pf23_parse_text, text);
PF_SAME(HPDF_ParseText_Rec, index, struct pf23_parse_text, index);
PF_SAME(HPDF_ParseText_Rec, len, struct pf23_parse_text, len);
_Static_assert(sizeof(HPDF_UNICODE) == 2 && sizeof(HPDF_UINT) == 4, "libharu base types");
_Static_assert(HPDF_LIMIT_MAX_NAME_LEN == 127, "libharu name limit");

/* The document's catalog, trailer, info, version and save stream, and a page's
 * content stream. */
PF_SAME(HPDF_Doc_Rec, pdf_version, struct pf23_doc, pdf_version);
PF_SAME(HPDF_Doc_Rec, catalog, struct pf23_doc, catalog);
PF_SAME(HPDF_Doc_Rec, info, struct pf23_doc, info);
PF_SAME(HPDF_Doc_Rec, trailer, struct pf23_doc, trailer);
PF_SAME(HPDF_Doc_Rec, encrypt_on, struct pf23_doc, encrypt_on);
PF_SAME(HPDF_Doc_Rec, stream, struct pf23_doc, stream);
struct pf23_page_attr {
    void *parent, *fonts, *xobjects, *ext_gstates, *gstate;
    float str_pos[2], cur_pos[2], text_pos[2], text_matrix[6];
    uint16_t gmode; void *contents, *stream, *xref; unsigned compression_mode; void *ver;
};
PF_SIZE(HPDF_PageAttr_Rec, struct pf23_page_attr);
PF_SAME(HPDF_PageAttr_Rec, gmode, struct pf23_page_attr, gmode);
PF_SAME(HPDF_PageAttr_Rec, stream, struct pf23_page_attr, stream);
_Static_assert(HPDF_VER_17 == 5, "libharu PDF version enum");

#endif
