/* odf_body — the body of content.xml while it is written: paragraphs as text:p
 * and headings as text:h, and the automatic styles the paragraphs and tables
 * need, kept here (each distinct one once) until they are written ahead of the
 * body they serve. */
#ifndef PP_ODF_BODY_H
#define PP_ODF_BODY_H
#include "odf_ctx.h"
#include "odf_xml.h"

typedef struct pp_odf_pstyle {
    char parent[32];        /* the named style it derives from */
    long margin_cpt, indent_cpt;  /* fo:margin-left, fo:text-indent in 1/100 pt */
    int align;              /* pp_align, or -1: the named style's */
    int keep;               /* -1: the named style's; 0: off; 1: keep with next */
    long size_cpt;          /* type size in 1/100 pt, 0: the named style's */
    pp_odf_master master;   /* the master page it starts (page 1's own, turned pages, back) */
} pp_odf_pstyle;

typedef struct pp_odf_cstyle { bool head, top, bottom; } pp_odf_cstyle;

typedef struct pp_odf_tstyle {
    int ncols;
    double colw[16];        /* pt */
    bool optimal[16];       /* the source left the column's width automatic */
    pp_odf_master master;   /* the master page the table starts */
} pp_odf_tstyle;

typedef struct pp_odf_body {
    const pp_odf *c;
    pp_ox x;                        /* office:text, written before the automatic styles it uses */
    pp_odf_pstyle *ps; size_t nps, capps;   /* paragraph styles P1, P2, ... */
    pp_odf_cstyle *cs; size_t ncs, capcs;   /* cell styles ce1, ce2, ... */
    pp_odf_tstyle *ts; size_t nts, capts;   /* table n: Table<n> and its columns */
    bool open_level[PP_ODF_MAX_LEVEL + 2];  /* outline levels open above, as the PDF's bookmarks nest */
    bool started;                   /* the first paragraph has been written */
    pp_odf_master next_master;      /* the master page the next paragraph or table starts */
} pp_odf_body;

void pp_odf_body_init(pp_odf_body *bc, const pp_odf *c);
/* Frees what the body holds (its writer, if still open, and the style lists). */
void pp_odf_body_release(pp_odf_body *bc);
/* Writes one paragraph set in a measure `width` pt wide: as text:h at outline
 * level `raw` (> 0; nested into the levels open above, so none is skipped),
 * else as text:p. */
void pp_odf_para(pp_odf_body *bc, const pp_para *p, double width, int raw);
/* Writes the paragraph styles the body used (style:style P<n>) into x. */
void pp_odf_para_styles(const pp_odf_body *bc, pp_ox *x);
#endif
