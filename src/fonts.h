/* fonts — which face draws which character. fontconfig resolves the template's
 * families (checking that the family it returns is the one asked for: FcFontMatch
 * always returns something) and, for a character no listed face covers, any
 * installed face that does. FreeType gives coverage and advances, cached per
 * character. HarfBuzz faces are opened here for the PDF writer's subsetter. */
#ifndef PP_FONTS_H
#define PP_FONTS_H
#include "diag.h"
#include "template.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct pp_face pp_face;
typedef struct pp_fonts pp_fonts;

enum { PP_MAX_FACES = 16 };

/* Opens the faces the template names. Returns NULL (after a message naming the
 * family and the Debian package that provides it) when a role's font is missing:
 * the caller exits with PP_EXIT_ENV. */
pp_fonts *pp_fonts_open(const pp_template *t, pp_diag *d);
void pp_fonts_free(pp_fonts *f);
/* Loads fontconfig's configuration once for every later pp_fonts_open in this
 * process (and in processes forked from it): batch workers render many documents,
 * and parsing it is about a tenth of a report's render. Each pp_fonts holds a
 * reference, so unsharing while fonts are open is safe. */
void pp_fonts_share_config(void);
void pp_fonts_unshare_config(void);
/* pp_fonts_share_config on a thread of its own, so the process can read and check
 * its source meanwhile: the next pp_fonts_open (or share/unshare) waits for it.
 * Parsing fontconfig's configuration is most of the fonts stage. */
void pp_fonts_preload(void);

/* Index of the face that draws cp in text style `style` (pp_textstyle_id): the
 * style's (else the document's) Latin face for Latin letters and digits when it
 * covers cp, else the style's Han face, else the first face of the fallback chain
 * that covers it, else an installed face found by fontconfig. Returns -1 when
 * nothing covers cp. */
int pp_fonts_pick(pp_fonts *f, uint32_t cp, int style);
int pp_fonts_count(const pp_fonts *f);
pp_face *pp_fonts_face(pp_fonts *f, int i);

/* Advance of cp in em (0 for an uncovered character: use the .notdef advance). */
double pp_face_advance(pp_face *face, uint32_t cp);
bool pp_face_covers(pp_face *face, uint32_t cp);
const char *pp_face_path(const pp_face *face);
const char *pp_face_family(const pp_face *face);
const char *pp_face_psname(const pp_face *face);
int pp_face_index(const pp_face *face);
/* The HarfBuzz face (hb_face_t *) for subsetting, as void * to keep hb.h out of layout. */
void *pp_face_hb(pp_face *face);
/* Ascender and descender in em (descender negative), for vertical placement. */
double pp_face_ascent(const pp_face *face);
double pp_face_descent(const pp_face *face);

/* One thing a caller keeps with the faces and that lives as long as they do (the
 * PDF writer's font programs, worth keeping while the faces are): set replaces (and
 * frees) the one before; free_fn(p) runs when the faces are freed. */
void pp_fonts_set_attachment(pp_fonts *f, void *p, void (*free_fn)(void *));
void *pp_fonts_attachment(const pp_fonts *f);

/* Prints, per role, the family asked for, the file and face chosen, and the chain. */
void pp_fonts_describe(pp_fonts *f, const pp_template *t, FILE *out);
#endif
