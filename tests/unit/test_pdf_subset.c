/* Unit test of src/pdf_subset.c: the font program made for a glyph set, read back
 * with HarfBuzz (the inflated subset is a font whose glyphs keep their outlines'
 * advances), the CIDToGIDMap and ToUnicode streams inflated and parsed, the same
 * bytes whichever thread ran the job, covering and cancelling. */
#define _POSIX_C_SOURCE 200809L
#include "pdf_subset.h"
#include "harness.h"

#include <hb.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KAI "/usr/share/fonts/truetype/cns11643/TW-Kai-98_1.ttf"
#define SERIF "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"

static hb_face_t *load_face(const char *path)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) return NULL;
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    return face;
}

/* zlib data inflated into a new buffer of `want` bytes (or at most 1 MiB when 0). */
static unsigned char *inflate_all(const unsigned char *z, size_t zlen, size_t want, size_t *len)
{
    size_t cap = want ? want : 1u << 20;
    unsigned char *out = malloc(cap + 1);
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    enum libdeflate_result r = libdeflate_zlib_decompress(d, z, zlen, out, cap, len);
    libdeflate_free_decompressor(d);
    if (r != LIBDEFLATE_SUCCESS) { free(out); return NULL; }
    out[*len] = 0;
    return out;
}

static uint32_t glyph_of(hb_font_t *f, uint32_t cp)
{
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(f, cp, &g) ? g : 0;
}

static const uint32_t TEXT[] = { 0x7D93, 0x6FDF, 0x90E8, 0x6A19, 0x6E96, 0x3002, 0xFF0C, 0x4E00 };   /* 經濟部標準。，一 */
#define NTEXT (sizeof TEXT / sizeof TEXT[0])

/* The program of a job over TEXT: a font of NTEXT + 1 glyphs whose advances and
 * cmap agree with the original face's; the map and ToUnicode for CIDs 1..NTEXT. */
static void test_program(hb_face_t *kai)
{
    hb_font_t *orig = hb_font_create(kai);
    pp_subset *s = pp_subset_new(kai);
    OK(s != NULL, "pp_subset_new");
    INT_EQ(pp_subset_count(s), 1);                       /* .notdef from the start */
    for (size_t i = 0; i < NTEXT; i++) pp_subset_add_char(s, TEXT[i]);
    pp_subset_add_char(s, TEXT[0]);                      /* again: no new glyph */
    pp_subset_add_char(s, 0x0D80);                       /* a character TW-Kai lacks: nothing */
    INT_EQ(pp_subset_count(s), NTEXT + 1);
    uint32_t gids[NTEXT + 1] = { 0 }, cps[NTEXT + 1] = { 0 };
    for (size_t i = 0; i < NTEXT; i++) { gids[i + 1] = glyph_of(orig, TEXT[i]); cps[i + 1] = TEXT[i]; }
    OK(pp_subset_covers(s, gids, NTEXT + 1), "covers the glyphs added");
    uint32_t other = glyph_of(orig, 0x9AD4);             /* 體: not added */
    OK(other != 0 && !pp_subset_covers(s, &other, 1), "does not cover a glyph not added");

    INT_EQ(pp_subset_run(s), 0);                         /* ran here: nothing waited for */
    const unsigned char *z;
    size_t zlen, glyphs;
    unsigned length1;
    INT_EQ(pp_subset_program(s, &z, &zlen, &length1, &glyphs), PP_SUBSET_OK);
    OK(zlen > 100 && length1 > zlen, "program %zu bytes deflated, %u inflated", zlen, length1);
    INT_EQ(glyphs, NTEXT + 1);                           /* Kai's Han glyphs are simple glyphs */
    unsigned long long sub_ns = 0, def_ns = 0;
    pp_subset_take_times(s, &sub_ns, &def_ns);
    OK(sub_ns > 0 && def_ns > 0, "times recorded");
    pp_subset_take_times(s, &sub_ns, &def_ns);
    OK(sub_ns == 0 && def_ns == 0, "times taken once");

    size_t flen = 0;
    unsigned char *font = inflate_all(z, zlen, length1, &flen);
    OK(font && flen == length1, "FontFile2 inflates to /Length1 bytes");
    hb_blob_t *blob = hb_blob_create((const char *)font, (unsigned)flen, HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *sf = hb_face_create(blob, 0);
    hb_font_t *sub = hb_font_create(sf);
    INT_EQ(hb_face_get_glyph_count(sf), NTEXT + 1);
    INT_EQ(hb_face_get_upem(sf), hb_face_get_upem(kai));
    hb_blob_t *gsub = hb_face_reference_table(sf, HB_TAG('G', 'S', 'U', 'B'));
    INT_EQ(hb_blob_get_length(gsub), 0);                 /* layout tables dropped */
    hb_blob_destroy(gsub);

    pp_zbytes map, tu;
    unsigned long long ns = 0;
    INT_EQ(pp_subset_cid_map(s, gids, NTEXT + 1, &map, &ns), 0);
    INT_EQ(pp_subset_tounicode(cps, NTEXT + 1, &tu, &ns), 0);
    OK(ns > 0, "cid streams deflate time counted");
    size_t mlen = 0, tlen = 0;
    unsigned char *m = inflate_all(map.data, map.len, 0, &mlen);
    char *t = (char *)inflate_all(tu.data, tu.len, 0, &tlen);
    INT_EQ(mlen, 2 * (NTEXT + 1));
    OK(m && m[0] == 0 && m[1] == 0, "CID 0 is glyph 0");
    for (size_t c = 1; m && c <= NTEXT; c++) {
        uint32_t ng = (uint32_t)m[2 * c] << 8 | m[2 * c + 1];
        INT_EQ(ng, glyph_of(sub, TEXT[c - 1]));          /* the subset's cmap agrees with the map */
        INT_EQ(hb_font_get_glyph_h_advance(sub, ng), hb_font_get_glyph_h_advance(orig, gids[c]));
    }
    OK(t && strstr(t, "8 beginbfchar\n<0001> <7D93>\n<0002> <6FDF>\n"), "ToUnicode bfchar: %s", t ? t : "");
    OK(t && strstr(t, "<0008> <4E00>\nendbfchar\n"), "ToUnicode ends with the last CID");
    free(m);
    free(t);
    free(map.data);
    free(tu.data);

    /* code points above the BMP go into ToUnicode as surrogate pairs, 100 per section */
    uint32_t many_g[1] = { 0 }, many_c[150] = { 0 };
    for (size_t c = 1; c < 150; c++) many_c[c] = 0x20000 + (uint32_t)c;
    (void)many_g;
    INT_EQ(pp_subset_tounicode(many_c, 150, &tu, &ns), 0);
    t = (char *)inflate_all(tu.data, tu.len, 0, &tlen);
    OK(t && strstr(t, "100 beginbfchar\n<0001> <D840DC01>\n"), "surrogate pair in ToUnicode");
    OK(t && strstr(t, "49 beginbfchar\n<0065> <D840DC65>\n"), "second section of 49");
    free(t);
    free(tu.data);

    hb_font_destroy(sub);
    hb_face_destroy(sf);
    hb_blob_destroy(blob);
    free(font);
    pp_subset_free(s);
    hb_font_destroy(orig);
}

static void *runner(void *arg)
{
    pp_subset_run(arg);
    return NULL;
}

/* Run on another thread while this one waits for it: the same bytes as run here. */
static void test_threads(hb_face_t *face)
{
    pp_subset *a = pp_subset_new(face), *b = pp_subset_new(face);
    for (uint32_t cp = 0x20; cp < 0x7F; cp++) { pp_subset_add_char(a, cp); pp_subset_add_char(b, cp); }
    pthread_t th;
    OK(pthread_create(&th, NULL, runner, a) == 0, "pthread_create");
    pp_subset_run(a);   /* waits for the thread, or runs it first: either way done after */
    pthread_join(th, NULL);
    pp_subset_run(b);
    const unsigned char *za, *zb;
    size_t la, lb;
    INT_EQ(pp_subset_program(a, &za, &la, NULL, NULL), PP_SUBSET_OK);
    INT_EQ(pp_subset_program(b, &zb, &lb, NULL, NULL), PP_SUBSET_OK);
    OK(la == lb && memcmp(za, zb, la) == 0, "same bytes on either thread");
    pp_subset_free(a);
    pp_subset_free(b);
}

static void test_cancel(hb_face_t *face)
{
    pp_subset *s = pp_subset_new(face);
    pp_subset_add_char(s, 'A');
    pp_subset_cancel(s);
    INT_EQ(pp_subset_run(s), 0);
    const unsigned char *z = (const unsigned char *)"x";
    INT_EQ(pp_subset_program(s, &z, NULL, NULL, NULL), PP_SUBSET_CANCELLED);
    OK(z == NULL, "no program after a cancel");
    pp_zbytes map;
    uint32_t g = 0;
    INT_EQ(pp_subset_cid_map(s, &g, 1, &map, NULL), -1);
    OK(map.data == NULL, "nothing allocated");
    pp_subset_free(s);
    /* a job that ran is not undone by a late cancel */
    s = pp_subset_new(face);
    pp_subset_run(s);
    pp_subset_cancel(s);
    INT_EQ(pp_subset_program(s, NULL, NULL, NULL, NULL), PP_SUBSET_OK);
    pp_subset_free(s);
}

int main(void)
{
    hb_face_t *kai = load_face(KAI), *serif = load_face(SERIF);
    OK(kai && serif, "fonts " KAI " and " SERIF " (fonts-cns11643-kai, fonts-liberation2)");
    if (kai && serif) {
        test_program(kai);
        test_threads(serif);
        test_cancel(serif);
    }
    hb_face_destroy(kai);
    hb_face_destroy(serif);
    printf("%d passed, %d failed\n", pp_test_passed, pp_test_failed);
    return pp_test_failed ? 1 : 0;
}
