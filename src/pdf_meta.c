/* pdf_meta.c — see pdf_meta.h.  Objects through pdf_internal.h only. */
#define _POSIX_C_SOURCE 200809L
#include "pdf_meta.h"
#include "doc_date.h"
#include "input.h"
#include "pdf_internal.h"
#include "xalloc.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- ICC profile -------------------------------------------------------------- */

static const char *const icc_paths[] = {
    "/usr/share/color/icc/sRGB.icc",              /* icc-profiles-free (ICC v2, 7 KB) */
    "/usr/share/color/icc/colord/sRGB.icc",       /* colord-data (ICC v4) */
};

/* An ICC profile of the RGB data colour space whose size field matches the file. */
static bool icc_valid(const unsigned char *p, size_t n)
{
    if (n < 132) return false;
    size_t size = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
    return size == n && memcmp(p + 36, "acsp", 4) == 0 && memcmp(p + 16, "RGB ", 4) == 0;
}

/* 0, -1 (cannot be read: missing, not a regular file, too large) or -2 (no RGB profile). */
static int icc_read(pp_icc *icc, const char *path)
{
    pp_diag quiet;
    pp_diag_init(&quiet, NULL);
    pp_buf b = PP_BUF_INIT;
    /* regular files only (a FIFO would block), no sRGB profile is over 64 MB */
    int rc = pp_input_read(path, (size_t)64 << 20, &b, &quiet);
    pp_diag_release(&quiet);
    if (rc != 0) { pp_buf_release(&b); return -1; }
    if (!icc_valid((const unsigned char *)b.data, b.len)) { pp_buf_release(&b); return -2; }
    icc->len = b.len;
    icc->data = (unsigned char *)pp_buf_take(&b);
    snprintf(icc->path, sizeof icc->path, "%s", path);
    return 0;
}

int pp_icc_load(pp_icc *icc, pp_diag *d)
{
    memset(icc, 0, sizeof *icc);
    const char *env = getenv("PLANPRESS_ICC");
    if (env && *env) {
        int rc = icc_read(icc, env);
        if (rc == 0) return 0;
        pp_msg(d, PP_NOWHERE, ICC_BAD, env, rc == -1 ? "cannot be read" : "is not an RGB ICC profile");
        return -1;
    }
    for (size_t i = 0; i < sizeof icc_paths / sizeof icc_paths[0]; i++)
        if (icc_read(icc, icc_paths[i]) == 0) return 0;
    pp_msg(d, PP_NOWHERE, ICC_MISSING, icc_paths[0], icc_paths[1]);
    return -1;
}

void pp_icc_free(pp_icc *icc)
{
    free(icc->data);
    memset(icc, 0, sizeof *icc);
}

/* ---- text ------------------------------------------------------------------------ */

typedef struct sbuf { char *p; size_t len, cap; } sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        b->p = pp_xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

__attribute__((format(printf, 2, 3)))
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) sb_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* XML character data: the five specials escaped, C0 controls dropped (XML 1.0
 * cannot carry them). */
static void sb_xml(sbuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': sb_str(b, "&amp;"); break;
        case '<': sb_str(b, "&lt;"); break;
        case '>': sb_str(b, "&gt;"); break;
        case '"': sb_str(b, "&quot;"); break;
        case '\'': sb_str(b, "&apos;"); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n') sb_put(b, s, 1);
        }
    }
}

/* The document's language as a BCP 47 tag (letters, digits, hyphens), zh-TW when
 * the source's is unusable. */
static void lang_tag(const pp_doc *doc, char out[64])
{
    const char *s = doc->lang && *doc->lang ? doc->lang : "zh-TW";
    size_t k = 0;
    for (; *s && k < 63; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) break;
        out[k++] = c;
    }
    out[k] = 0;
    if (*s || !k) strcpy(out, "zh-TW");
}

/* ---- dates ------------------------------------------------------------------------ */

typedef pp_doc_date pdate;

static void xmp_date(sbuf *b, const char *tag, const pdate *t)
{
    sb_printf(b, "   <%s>%04d-%02d-%02dT%02d:%02d:%02d+%02d:%02d</%s>\n", tag, t->y, t->mo, t->d, t->h, t->mi,
              t->s, t->tz_min / 60, t->tz_min % 60, tag);
}

/* ---- XMP ----------------------------------------------------------------------------- */

/* The document information strings, each cut to at most 1 KB at a character
 * boundary: libharu refuses a string over 64 KB (HPDF_LIMIT_MAX_STRING_LEN) and
 * fails the whole PDF, and a title or an agency name that long is a slip, not
 * metadata anyone reads. */
typedef struct info {
    char title[1024], keywords[1024], author_buf[1024], subject_buf[1024];
    const char *author, *subject, *creator, *producer;
    char lang[64];
    pdate date;
} info;

static void build_xmp(sbuf *b, const info *in, const pp_meta_opts *o)
{
    sb_str(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
              "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
              " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
              "  <rdf:Description rdf:about=\"\"\n"
              "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
              "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
              "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");
    if (o->pdfa) sb_str(b, "\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    if (o->tagged) sb_str(b, "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    if (o->pdfa && o->tagged)
        sb_str(b, "\n    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
                  "\n    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
                  "\n    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"");
    sb_str(b, ">\n   <dc:format>application/pdf</dc:format>\n");
    sb_str(b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    sb_xml(b, in->title);
    sb_str(b, "</rdf:li></rdf:Alt></dc:title>\n");
    if (in->author) {
        sb_str(b, "   <dc:creator><rdf:Seq><rdf:li>");
        sb_xml(b, in->author);
        sb_str(b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    sb_str(b, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    sb_xml(b, in->subject);
    sb_str(b, "</rdf:li></rdf:Alt></dc:description>\n   <dc:language><rdf:Bag><rdf:li>");
    sb_xml(b, in->lang);
    sb_str(b, "</rdf:li></rdf:Bag></dc:language>\n   <pdf:Keywords>");
    sb_xml(b, in->keywords);
    sb_str(b, "</pdf:Keywords>\n   <pdf:Producer>");
    sb_xml(b, in->producer);
    sb_str(b, "</pdf:Producer>\n   <xmp:CreatorTool>");
    sb_xml(b, in->creator);
    sb_str(b, "</xmp:CreatorTool>\n");
    if (in->date.set) {
        xmp_date(b, "xmp:CreateDate", &in->date);
        xmp_date(b, "xmp:ModifyDate", &in->date);
        xmp_date(b, "xmp:MetadataDate", &in->date);
    }
    if (o->pdfa) sb_str(b, "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>U</pdfaid:conformance>\n");
    if (o->tagged) sb_str(b, "   <pdfuaid:part>1</pdfuaid:part>\n");
    if (o->pdfa && o->tagged)   /* PDF/A-2 knows pdfuaid only from an extension schema */
        sb_str(b, "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
                  "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
                  "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
                  "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
                  "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
                  "     <pdfaProperty:name>part</pdfaProperty:name>\n"
                  "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
                  "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
                  "     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
                  "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
                  "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n");
    sb_str(b, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n");
    /* the customary padding, so an editor can update the packet in place */
    for (int i = 0; i < 20; i++)
        sb_str(b, "                                                                                                   \n");
    sb_str(b, "<?xpacket end=\"w\"?>");
}

/* ---- the whole ------------------------------------------------------------------------ */

/* Copies src into dst[cap], cut before the UTF-8 character that would not fit. */
static void copy_cut(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;   /* src[n] starts the character cut off */
    }
    memcpy(dst, src, n);
    dst[n] = 0;
}

int pp_pdf_meta(HPDF_Doc pdf, const pp_doc *doc, const pp_meta_opts *o, pp_diag *d)
{
    /* the title as printed, subject and keywords as the source or its kind's profile give them (resolve) */
    const pp_meta *m = &doc->meta;
    info in = { .creator = "planpress " PP_VERSION,
                .producer = "planpress " PP_VERSION " (libharu " HPDF_VERSION_TEXT ")" };
    copy_cut(in.title, sizeof in.title, m->printed_title ? m->printed_title : m->title ? m->title : "");
    copy_cut(in.keywords, sizeof in.keywords, m->pdf_keywords ? m->pdf_keywords : "");
    if (m->agency && *m->agency) {
        copy_cut(in.author_buf, sizeof in.author_buf, m->agency);
        in.author = in.author_buf;
    }
    if (m->pdf_subject && *m->pdf_subject) {
        copy_cut(in.subject_buf, sizeof in.subject_buf, m->pdf_subject);
        in.subject = in.subject_buf;
    }
    if (!in.subject) in.subject = in.title;
    lang_tag(doc, in.lang);
    in.date = pp_doc_date_of(doc, d);

    pp_pdfi_set_info_utf8(pdf, HPDF_INFO_TITLE, in.title);
    if (in.author) pp_pdfi_set_info_utf8(pdf, HPDF_INFO_AUTHOR, in.author);
    pp_pdfi_set_info_utf8(pdf, HPDF_INFO_SUBJECT, in.subject);
    if (in.keywords[0]) pp_pdfi_set_info_utf8(pdf, HPDF_INFO_KEYWORDS, in.keywords);
    pp_pdfi_set_info_utf8(pdf, HPDF_INFO_CREATOR, in.creator);
    pp_pdfi_set_info_utf8(pdf, HPDF_INFO_PRODUCER, in.producer);
    if (in.date.set) {
        HPDF_Date dt = { in.date.y, in.date.mo, in.date.d, in.date.h, in.date.mi, in.date.s, '+',
                         in.date.tz_min / 60, in.date.tz_min % 60 };
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
    }

    pp_pdfi_set_version(pdf, 7);
    pp_pobj *cat = pp_pdfi_catalog(pdf);
    pp_pdfi_put_str(pdf, cat, "Lang", in.lang);
    pp_pobj *vp = pp_pdfi_dict(pdf, false);
    pp_pdfi_put_bool(vp, "DisplayDocTitle", true);
    pp_pdfi_put(cat, "ViewerPreferences", vp);
    if (o->has_outline) HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);

    sbuf x = { 0 };
    build_xmp(&x, &in, o);
    pp_pobj *meta = pp_pdfi_stream(pdf, x.p, x.len, false);   /* uncompressed: readable by any tool */
    free(x.p);
    pp_pdfi_put_name(meta, "Type", "Metadata");
    pp_pdfi_put_name(meta, "Subtype", "XML");
    pp_pdfi_put(cat, "Metadata", meta);

    if (o->pdfa) {
        if (pp_pdfi_encrypted(pdf)) {
            pp_msg(d, PP_NOWHERE, PDFA_ENCRYPTED);
            return -1;
        }
        pp_pobj *prof = pp_pdfi_stream(pdf, o->pdfa->data, o->pdfa->len, true);
        pp_pdfi_put_int(prof, "N", 3);
        pp_pobj *oi = pp_pdfi_dict(pdf, true);
        pp_pdfi_put_name(oi, "Type", "OutputIntent");
        pp_pdfi_put_name(oi, "S", "GTS_PDFA1");
        pp_pdfi_put_str(pdf, oi, "OutputConditionIdentifier", "sRGB IEC61966-2.1");
        pp_pdfi_put_str(pdf, oi, "Info", "sRGB IEC61966-2.1");
        pp_pdfi_put(oi, "DestOutputProfile", prof);
        pp_pobj *ois = pp_pdfi_array(pdf);
        pp_pdfi_push(ois, oi);
        pp_pdfi_put(cat, "OutputIntents", ois);
    }

    /* /ID: what was drawn, what the document says about itself, and how it was made */
    pp_md5 c;
    unsigned char id[16];
    pp_md5_init(&c);
    pp_md5_update(&c, o->digest, sizeof o->digest);
    pp_md5_update(&c, in.title, strlen(in.title) + 1);
    pp_md5_update(&c, in.keywords, strlen(in.keywords) + 1);
    pp_md5_update(&c, in.lang, strlen(in.lang) + 1);
    char when[64];
    snprintf(when, sizeof when, "%d %d-%d-%d %d:%d:%d %d", in.date.set, in.date.y, in.date.mo, in.date.d,
             in.date.h, in.date.mi, in.date.s, in.date.tz_min);
    pp_md5_update(&c, when, strlen(when));
    unsigned char flags[2] = { o->tagged, o->pdfa != NULL };
    pp_md5_update(&c, flags, sizeof flags);
    pp_md5_final(&c, id);
    pp_pobj *ids = pp_pdfi_array(pdf);
    pp_pdfi_push_hex(pdf, ids, id, sizeof id);
    pp_pdfi_push_hex(pdf, ids, id, sizeof id);
    pp_pdfi_put(pp_pdfi_trailer(pdf), "ID", ids);
    return 0;
}
