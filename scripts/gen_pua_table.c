/* gen_pua_table.c — prints the table of src/pdf_pua.c: each private-use code point
 * of the first font whose glyph outline is byte-for-byte the outline of a glyph
 * that the other fonts map from a standard code point.
 *
 *   cc -O2 scripts/gen_pua_table.c -o /tmp/gen_pua $(pkg-config --cflags --libs harfbuzz)
 *   /tmp/gen_pua /usr/share/fonts/truetype/cns11643/TW-Kai-Plus-98_1.ttf \
 *       /usr/share/fonts/truetype/cns11643/TW-Kai-98_1.ttf \
 *       /usr/share/fonts/truetype/cns11643/TW-Kai-Ext-B-98_1.ttf
 *
 * Outlines are compared without their bounding-box header; empty glyphs are
 * skipped. Not part of the build. */
#include <hb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { uint64_t hash; uint32_t cp; } entry;

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ull; }
    return h;
}

static int by_hash(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return (x->cp > y->cp) - (x->cp < y->cp);
}

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static uint32_t be16(const unsigned char *p) { return (uint32_t)p[0] << 8 | p[1]; }

/* One entry per mapped code point with a non-empty glyph, sorted by outline hash. */
static entry *load(const char *path, size_t *n)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) { fprintf(stderr, "cannot read %s\n", path); exit(1); }
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
    hb_blob_t *loca = hb_face_reference_table(face, HB_TAG('l', 'o', 'c', 'a'));
    hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned hl, ll, gl;
    const unsigned char *h = (const void *)hb_blob_get_data(head, &hl);
    const unsigned char *l = (const void *)hb_blob_get_data(loca, &ll);
    const unsigned char *g = (const void *)hb_blob_get_data(glyf, &gl);
    if (hl < 54 || !ll || !gl) { fprintf(stderr, "%s: not a glyf font\n", path); exit(1); }
    int long_loca = be16(h + 50) != 0;
    hb_set_t *cps = hb_set_create();
    hb_face_collect_unicodes(face, cps);
    entry *v = malloc(sizeof *v * (hb_set_get_population(cps) + 1));
    size_t k = 0;
    for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(cps, &cp);) {
        hb_codepoint_t gid = 0;
        if (!hb_font_get_nominal_glyph(font, cp, &gid)) continue;
        size_t o0, o1;
        if (long_loca) {
            if ((gid + 2) * 4 > ll) continue;
            o0 = be32(l + 4 * gid); o1 = be32(l + 4 * gid + 4);
        } else {
            if ((gid + 2) * 2 > ll) continue;
            o0 = 2 * (size_t)be16(l + 2 * gid); o1 = 2 * (size_t)be16(l + 2 * gid + 2);
        }
        if (o1 <= o0 + 10 || o1 > gl) continue;
        v[k].hash = fnv1a(g + o0 + 10, o1 - o0 - 10);   /* contours, instructions, points */
        v[k].cp = cp;
        k++;
    }
    qsort(v, k, sizeof *v, by_hash);
    *n = k;
    return v;
}

/* The standard code point whose outline hashes to `hash`, or 0. */
static uint32_t find(const entry *v, size_t n, uint64_t hash)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {   /* first entry with this hash */
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].hash < hash) lo = mid + 1; else hi = mid;
    }
    for (; lo < n && v[lo].hash == hash; lo++)
        if (v[lo].cp < 0xE000 || (v[lo].cp > 0xF8FF && v[lo].cp < 0xF0000)) return v[lo].cp;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: %s PUA-FONT STANDARD-FONT...\n", argv[0]); return 2; }
    size_t np, ns[16] = { 0 };
    entry *pua = load(argv[1], &np), *std[16] = { 0 };
    int nstd = argc - 2 > 16 ? 16 : argc - 2;
    for (int f = 0; f < nstd; f++) std[f] = load(argv[f + 2], &ns[f]);
    entry *out = malloc(sizeof *out * (np + 1));
    size_t k = 0;
    for (size_t i = 0; i < np; i++) {
        uint32_t cp = pua[i].cp, eq = 0;
        if (!((cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000)) continue;
        for (int f = 0; f < nstd && !eq; f++) eq = find(std[f], ns[f], pua[i].hash);
        if (eq) out[k++] = (entry){ cp, eq };   /* (pua, standard) in (hash, cp) */
    }
    qsort(out, k, sizeof *out, by_hash);        /* by PUA code point */
    for (size_t i = 0; i < k; i++) printf("    { 0x%X, 0x%X },\n", (unsigned)out[i].hash, out[i].cp);
    return 0;
}
