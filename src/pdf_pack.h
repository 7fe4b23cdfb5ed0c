/* pdf_pack — rewrites a PDF exactly as libharu 2.3.0 saves it (every object
 * "N 0 obj ... endobj", one classic xref table, a trailer) into an equivalent,
 * smaller PDF 1.5+ file:
 *  - every non-stream object goes, whitespace squeezed out, into compressed object
 *    streams (/Type /ObjStm, FlateDecode);
 *  - stream objects are copied with a direct /Length; those without a /Filter are
 *    deflated here (libdeflate), except XMP metadata, which stays readable;
 *  - the indirect /Length objects libharu writes are dropped (free entries);
 *  - a cross-reference stream (/Type /XRef, PNG-Up predictor) replaces xref + trailer.
 * Object numbers, /Root, /Info and /ID stay as they were. Pure bytes in, bytes out:
 * no libharu here, no global state, the same input always gives the same output.
 * Anything that is not what libharu writes (encryption, incremental sections,
 * comments inside objects, a bad length or offset) is refused, never guessed at. */
#ifndef PP_PDF_PACK_H
#define PP_PDF_PACK_H
#include <stddef.h>

/* A late stream: one that libharu wrote empty because its bytes were still being made
 * (pdf_font's thread). The packer writes it after everything else, asking for it only
 * then, so that the rest of the packing overlaps with that work. */
typedef struct pp_pack_late {
    const unsigned char *data;  /* the bytes as they go into the file (the dict's /Filter) */
    size_t len;
    const char *set_key;        /* one integer entry to set, e.g. "/Length1"; NULL: none */
    long set_value;
} pp_pack_late;

typedef struct pp_pack_opts {
    int level;              /* libdeflate level for everything compressed here (1..12) */
    unsigned per_objstm;    /* objects per object stream (>= 1) */
    const unsigned long *late;   /* object numbers of late streams (nlate of them) */
    size_t nlate;
    /* fills *out for late stream obj; 0, or nonzero to fail the packing */
    int (*late_fn)(void *ctx, unsigned long obj, pp_pack_late *out);
    void *late_ctx;
} pp_pack_opts;

typedef struct pp_pack_stats {
    size_t packed;          /* objects moved into object streams */
    size_t objstms;         /* object streams written */
    size_t deflated;        /* streams deflated here */
    size_t dropped;         /* length objects dropped */
} pp_pack_stats;

/* Default options: the level and stream size chosen by measurement (pdf_pack.c). */
extern const pp_pack_opts pp_pack_defaults;

/* Packs in[0..len). Returns 0 and a malloc'd *out of *out_len bytes followed by a
 * NUL not counted (so a pp_buf may adopt it; the caller frees it), or -1 with *why naming the first thing that was not as expected (a static
 * string) and *out NULL. o and stats may be NULL. */
int pp_pdf_pack(const unsigned char *in, size_t len, const pp_pack_opts *o,
                unsigned char **out, size_t *out_len, pp_pack_stats *stats, const char **why);
#endif
