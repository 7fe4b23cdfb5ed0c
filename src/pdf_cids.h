/* pdf_cids — the CID table of one embedded font: code points numbered 1, 2, 3 ...
 * in order of first use (CID 0 is .notdef), each with the glyph that draws it and
 * its advance, and the way back from a code point to its CID (open addressing). No
 * libharu, no HarfBuzz: pdf_font.c looks the glyphs up. */
#ifndef PP_PDF_CIDS_H
#define PP_PDF_CIDS_H
#include <stdint.h>

enum { PP_CIDS_MAX = 65536 };   /* CIDs 0..65535 (two-byte codes) */

typedef struct pp_cids {
    uint32_t *cp, *gid;      /* per CID; [0] is .notdef (cp 0, glyph 0) */
    uint16_t *w;             /* advance in 1/1000 em, as in /W */
    uint32_t n, cap;
    uint32_t *h_key;         /* code point + 1, 0 = empty */
    uint16_t *h_val;
    uint32_t h_cap;          /* power of two */
} pp_cids;

/* A table holding CID 0 only, with advance notdef_w. Returns 0, or -1 when out of
 * memory (release it all the same). */
int pp_cids_init(pp_cids *t, uint16_t notdef_w);
/* Frees what the table holds. */
void pp_cids_release(pp_cids *t);
/* The CID of cp, or -1 when it has none yet. */
long pp_cids_find(const pp_cids *t, uint32_t cp);
/* Gives cp the next CID, drawn by glyph gid with advance w. Returns it, or -1 when
 * the table is full or memory runs out. cp must have no CID yet. */
long pp_cids_add(pp_cids *t, uint32_t cp, uint32_t gid, uint16_t w);
#endif
