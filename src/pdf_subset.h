/* pdf_subset — the font program of one embedded font, made without libharu, so on
 * any thread: the HarfBuzz subset of a set of glyphs (no hinting, no layout,
 * vertical, variation or colour tables; glyph ids renumbered), deflated (zlib
 * format, libdeflate); and for a CID table the CIDToGIDMap and ToUnicode streams
 * built on that subset, deflated too.
 *
 * A job is filled (pp_subset_add_*), then run once by whichever thread calls
 * pp_subset_run first; other callers wait for it. The same face and glyph set give
 * the same bytes on any thread. pdf_font.c embeds the results. */
#ifndef PP_PDF_SUBSET_H
#define PP_PDF_SUBSET_H
#include <hb.h>
#include <stddef.h>
#include <stdint.h>

/* zlib-format deflate level of FontFile2, CIDToGIDMap and ToUnicode (libdeflate),
 * chosen by measurement (bench/README.md). */
#ifndef PP_PDF_FONT_DEFLATE_LEVEL
#define PP_PDF_FONT_DEFLATE_LEVEL 5
#endif

typedef struct pp_subset pp_subset;

typedef enum {
    PP_SUBSET_OK,
    PP_SUBSET_NOMEM,
    PP_SUBSET_FAILED,      /* hb-subset refused the face */
    PP_SUBSET_EMPTY,       /* hb-subset made no bytes */
    PP_SUBSET_CANCELLED,   /* pp_subset_cancel before anyone ran it */
    PP_SUBSET_PENDING      /* not run yet */
} pp_subset_status;

/* A job for `face` (the job takes a reference of its own), its glyph set holding
 * glyph 0 (.notdef). Returns NULL when out of memory. Free with pp_subset_free. */
pp_subset *pp_subset_new(hb_face_t *face);
void pp_subset_free(pp_subset *s);

/* Adds a glyph id, or the glyph the face's cmap gives cp (none when it has none).
 * Only before the job runs. */
void pp_subset_add_glyph(pp_subset *s, uint32_t gid);
void pp_subset_add_char(pp_subset *s, uint32_t cp);
/* Glyphs in the set so far, .notdef included. */
size_t pp_subset_count(const pp_subset *s);
/* Nonzero when each of gids[0..n) is in the set; pp_subset_is exactly when the set
 * is these glyphs (and .notdef), nothing more. */
int pp_subset_covers(const pp_subset *s, const uint32_t *gids, size_t n);
int pp_subset_is(const pp_subset *s, const uint32_t *gids, size_t n);

/* Nonzero when a and b are for the same face and the same glyph set (so they make
 * the same bytes). */
int pp_subset_same(const pp_subset *a, const pp_subset *b);

/* Runs the job on this thread unless another one has it, then waits until it is
 * done. Thread-safe; later calls return at once. Returns the nanoseconds spent
 * waiting for another thread. */
unsigned long long pp_subset_run(pp_subset *s);
/* A job nobody started is never run (pp_subset_run then returns at once and the
 * status is PP_SUBSET_CANCELLED); a running one is not stopped. Thread-safe. */
void pp_subset_cancel(pp_subset *s);

/* After pp_subset_run: the status, and for PP_SUBSET_OK the deflated program
 * (*data, *len: owned by the job), its inflated length (/Length1) and the glyph
 * count of the subset (composite components included). Any out-pointer may be NULL. */
pp_subset_status pp_subset_program(const pp_subset *s, const unsigned char **data, size_t *len,
                                   unsigned *length1, size_t *glyphs);
/* Time spent in hb-subset and in deflating the program, ns, not yet taken: the
 * first call after the run gives it, later ones 0 (a job reused by several
 * documents was paid for once). Call from the thread that ran or waited for it. */
void pp_subset_take_times(pp_subset *s, unsigned long long *subset_ns, unsigned long long *deflate_ns);

/* Deflated bytes, malloc'd: the caller frees data. */
typedef struct pp_zbytes { unsigned char *data; size_t len; } pp_zbytes;

/* For a font whose CID c (c = 0..n-1; CID 0 is .notdef) draws original glyph
 * gid[c] and stands for code point cp[c]:
 * pp_subset_cid_map gives the CIDToGIDMap (the subset's glyph id of each CID, 2
 * bytes big-endian), deflated; it needs the job run with PP_SUBSET_OK and covering
 * every gid[c]. pp_subset_tounicode gives the ToUnicode CMap of CIDs 1..n-1,
 * deflated; it needs no job (so it can be made while one runs elsewhere).
 * *deflate_ns (may be NULL) accumulates the compressing time. Each returns 0, or -1
 * (out of memory, or the job not done) with nothing allocated. */
int pp_subset_cid_map(const pp_subset *s, const uint32_t *gid, uint32_t n, pp_zbytes *map,
                      unsigned long long *deflate_ns);
int pp_subset_tounicode(const uint32_t *cp, uint32_t n, pp_zbytes *tu, unsigned long long *deflate_ns);
#endif
