/* pdf_zpool — libdeflate compressors kept for reuse: making one costs a few hundred
 * KB of fresh memory (its hash tables), and a render compresses a dozen streams
 * with two levels, a batch worker thousands. Thread-safe; the pool is freed at exit. */
#ifndef PP_PDF_ZPOOL_H
#define PP_PDF_ZPOOL_H

struct libdeflate_compressor;

/* A compressor for `level` (1..12), from the pool or new; NULL when out of memory.
 * Give it back with pp_zpool_put (or free it with libdeflate_free_compressor). */
struct libdeflate_compressor *pp_zpool_get(int level);
/* Returns z (from pp_zpool_get(level)) to the pool, or frees it when the pool is
 * full. NULL does nothing. */
void pp_zpool_put(struct libdeflate_compressor *z, int level);
#endif
