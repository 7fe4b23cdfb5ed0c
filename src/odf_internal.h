/* odf_internal — what the parts of the ODF writer share, and nothing else
 * includes: the writer's context, a checked wrapper over libxml2's xmlTextWriter
 * (odf_xml.c), the names of the named styles (odf_styles.c), the body writer's
 * state (odf_content.c for paragraphs, odf_table.c for tables), and the parts
 * of the package (odf_meta.c, odf_package.c). Lengths are in points. */
#ifndef PP_ODF_INTERNAL_H
#define PP_ODF_INTERNAL_H
#include "odf.h"
#include <libxml/xmlwriter.h>
#include <stdbool.h>

enum { PP_ODF_MAX_LEVEL = 10 };   /* ODF outline levels 1..10 */

typedef struct pp_odf_date {
    int y, mo, d, h, mi, s;
    int tz_min;         /* offset from UTC, minutes */
    bool set;           /* false: no date is known (meta.xml leaves the dates out) */
} pp_odf_date;

typedef struct pp_odf {
    const pp_blocks *b;
    const pp_template *t;
    const pp_doc *doc;
    const pp_odf_opts *o;
    pp_diag *d;
    double text_w;          /* width of the text area, pt */
    bool first_page;        /* page 1 has a master page of its own (no running header on it) */
    char lang[16], country[8];              /* the document's language, for dc:language */
    char asian_lang[16], asian_country[8];  /* style:language-asian / country-asian */
    char west_lang[16], west_country[8];    /* fo:language / fo:country */
    int nlevels;            /* named heading styles Heading 1 .. Heading nlevels */
    pp_odf_date date;
} pp_odf;

/* ---- odf_xml.c: xmlTextWriter, with errors kept instead of returned --------- */
typedef struct pp_ox {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    bool bad;               /* a libxml2 call failed (memory): the part is not written */
    bool document;          /* a whole part (ended with EndDocument), not a fragment */
} pp_ox;

/* Opens a writer into memory; `document` starts with the XML declaration. */
void pp_ox_open(pp_ox *x, bool document);
void pp_ox_start(pp_ox *x, const char *name);
void pp_ox_end(pp_ox *x);
void pp_ox_attr(pp_ox *x, const char *name, const char *value);
void pp_ox_attrf(pp_ox *x, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A length attribute: "12.5pt" (two decimals at most). */
void pp_ox_len(pp_ox *x, const char *name, double pt);
/* An empty element with one attribute (name NULL: none). */
void pp_ox_empty(pp_ox *x, const char *elem, const char *name, const char *value);
/* Character data as is (escaped by libxml2). */
void pp_ox_chars(pp_ox *x, const char *utf8);
/* Text inside text:p/text:h/text:span under ODF's white-space rules: a space
 * at the start (*after_space true) or after another space is written as
 * <text:s/>, a tab as <text:tab/>, a newline as <text:line-break/>, so what is
 * read back is what was meant. *after_space is updated for the next call. */
void pp_ox_text(pp_ox *x, const char *utf8, size_t len, bool *after_space);
/* Bytes written by another writer (a finished fragment), copied in as they are. */
void pp_ox_raw(pp_ox *x, const char *bytes);
/* The xmlns declarations ODF roots carry: office, style, text, table, fo, svg,
 * meta, dc, xlink, manifest as listed in `which` (space-separated prefixes). */
void pp_ox_namespaces(pp_ox *x, const char *which);
/* Finishes the writer and appends what it wrote to *out (also when bad, which
 * the caller checks first). Frees the writer. Returns 0, or -1 when bad. */
int pp_ox_close(pp_ox *x, pp_buf *out);
/* Frees a writer without taking its bytes. */
void pp_ox_discard(pp_ox *x);

/* ---- odf_styles.c: styles.xml and the named styles ---------------------------- */
/* The named paragraph style for a text style ("Text_20_body", "Table_20_Contents"). */
const char *pp_odf_style_name(pp_textstyle_id s);
/* The named style of a heading at outline level `level` whose block is in text
 * style `s` (a run-in heading is set as body text; a dimension caption as a caption). */
void pp_odf_heading_style(pp_textstyle_id s, int level, char out[32]);
/* Name of the master page of page 1, when it has one of its own. */
#define PP_ODF_FIRST_MASTER "First_20_Page"
/* Writes styles.xml. Returns 0, or -1 (writer failure). */
int pp_odf_styles(pp_odf *c, pp_buf *out);

/* ---- odf_content.c / odf_table.c: content.xml ------------------------------------ */
typedef struct pp_odf_pstyle {
    char parent[32];        /* the named style it derives from */
    long margin_cpt, indent_cpt;  /* fo:margin-left, fo:text-indent in 1/100 pt */
    int align;              /* pp_align, or -1: the named style's */
    int keep;               /* -1: the named style's; 0: off; 1: keep with next */
    long size_cpt;          /* type size in 1/100 pt, 0: the named style's */
    bool first_page;        /* starts page 1 with its own master page */
} pp_odf_pstyle;

typedef struct pp_odf_cstyle { bool head, top, bottom; } pp_odf_cstyle;

typedef struct pp_odf_tstyle {
    int ncols;
    double colw[16];        /* pt */
} pp_odf_tstyle;

typedef struct pp_odf_body {
    pp_odf *c;
    pp_ox x;                        /* office:text, written before the automatic styles it uses */
    pp_odf_pstyle *ps; size_t nps, capps;
    pp_odf_cstyle *cs; size_t ncs, capcs;
    pp_odf_tstyle *ts; size_t nts, capts;
    bool open_level[PP_ODF_MAX_LEVEL + 2];   /* outline levels open above, as the PDF's bookmarks nest */
    bool started;                   /* the first paragraph has been written */
} pp_odf_body;

/* Writes one paragraph set in a measure `width` pt wide: as text:h at outline
 * level `raw` (> 0, nested into a level without gaps), else as text:p. */
void pp_odf_para(pp_odf_body *bc, const pp_para *p, double width, int raw);
/* Writes one table (odf_table.c). */
void pp_odf_table(pp_odf_body *bc, const pp_table *t);
/* Writes the table, column and cell styles the tables used (odf_table.c). */
void pp_odf_table_styles(pp_odf_body *bc, pp_ox *x);
/* Width of UTF-8 text in a text style, pt: the caller's measure or the estimate. */
double pp_odf_measure(const pp_odf *c, const char *utf8, pp_textstyle_id s);
/* Writes content.xml. Returns 0, or -1 (writer failure). */
int pp_odf_content(pp_odf *c, pp_buf *out);

/* ---- odf_meta.c: meta.xml, the manifest, the date ---------------------------------- */
/* SOURCE_DATE_EPOCH (UTC) when set, else the issuance date at 00:00 Taiwan time. */
pp_odf_date pp_odf_doc_date(const pp_doc *doc, pp_diag *d);
int pp_odf_meta(pp_odf *c, pp_buf *out);
int pp_odf_manifest(pp_buf *out);
#endif
