/* pdf_subset.c — see pdf_subset.h. Deflate level and subset flags were chosen by
 * measurement (bench/README.md). */
#define _POSIX_C_SOURCE 200809L
#include "pdf_subset.h"
#include "pdf_zpool.h"
#include "utf16.h"

#include <hb-subset.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { JOB_PENDING, JOB_RUNNING, JOB_DONE };

struct pp_subset {
    pthread_mutex_t mu;               /* guards state */
    pthread_cond_t done;
    int state;                        /* JOB_* */
    hb_face_t *face;                  /* a reference of its own */
    hb_font_t *font;                  /* for pp_subset_add_char, made on first use */
    /* the glyph set: a bitmap over the face's glyph ids (fixed once the job runs,
     * so pp_subset_covers may read it while another thread runs the job) */
    uint64_t *bits;
    uint32_t nglyphs, count;
    pp_subset_status status;
    unsigned char *font_z;            /* the deflated program */
    size_t font_z_len, glyphs;
    unsigned length1;
    hb_map_t *old_to_new;             /* original glyph id -> subset glyph id */
    unsigned long long subset_ns, deflate_ns;
};

static unsigned long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

pp_subset *pp_subset_new(hb_face_t *face)
{
    pp_subset *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (pthread_mutex_init(&s->mu, NULL) != 0) { free(s); return NULL; }
    if (pthread_cond_init(&s->done, NULL) != 0) { pthread_mutex_destroy(&s->mu); free(s); return NULL; }
    s->status = PP_SUBSET_PENDING;
    s->face = hb_face_reference(face);
    s->nglyphs = hb_face_get_glyph_count(face);
    if (s->nglyphs == 0) s->nglyphs = 1;
    s->bits = calloc((s->nglyphs + 63) / 64, sizeof *s->bits);
    if (!s->bits) { pp_subset_free(s); return NULL; }
    pp_subset_add_glyph(s, 0);
    return s;
}

void pp_subset_free(pp_subset *s)
{
    if (!s) return;
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->done);
    hb_font_destroy(s->font);
    hb_face_destroy(s->face);
    hb_map_destroy(s->old_to_new);
    free(s->bits);
    free(s->font_z);
    free(s);
}

void pp_subset_add_glyph(pp_subset *s, uint32_t gid)
{
    if (!s || gid >= s->nglyphs) return;
    uint64_t bit = 1ull << (gid & 63);
    if (s->bits[gid >> 6] & bit) return;
    s->bits[gid >> 6] |= bit;
    s->count++;
}

void pp_subset_add_char(pp_subset *s, uint32_t cp)
{
    if (!s) return;
    if (!s->font) s->font = hb_font_create(s->face);
    hb_codepoint_t gid = 0;
    if (hb_font_get_nominal_glyph(s->font, cp, &gid)) pp_subset_add_glyph(s, gid);
}

size_t pp_subset_count(const pp_subset *s) { return s ? s->count : 0; }

int pp_subset_covers(const pp_subset *s, const uint32_t *gids, size_t n)
{
    if (!s) return 0;
    for (size_t i = 0; i < n; i++)
        if (gids[i] >= s->nglyphs || !(s->bits[gids[i] >> 6] & (1ull << (gids[i] & 63)))) return 0;
    return 1;
}

int pp_subset_is(const pp_subset *s, const uint32_t *gids, size_t n)
{
    if (!pp_subset_covers(s, gids, n)) return 0;
    uint64_t *seen = calloc((s->nglyphs + 63) / 64, sizeof *seen);
    if (!seen) return 0;
    uint32_t distinct = 1;   /* .notdef */
    seen[0] = 1;
    for (size_t i = 0; i < n; i++) {
        uint64_t bit = 1ull << (gids[i] & 63);
        if (seen[gids[i] >> 6] & bit) continue;
        seen[gids[i] >> 6] |= bit;
        distinct++;
    }
    free(seen);
    return distinct == s->count;
}

int pp_subset_same(const pp_subset *a, const pp_subset *b)
{
    return a && b && a->face == b->face && a->nglyphs == b->nglyphs && a->count == b->count &&
           memcmp(a->bits, b->bits, (a->nglyphs + 63) / 64 * sizeof *a->bits) == 0;
}

/* Tables a PDF viewer never reads from an embedded CIDFontType2: layout, vertical
 * metrics, hinting helpers, signatures, variations, colour and bitmaps. */
static void drop_tables(hb_subset_input_t *in)
{
    static const char *const drop[] = {
        "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "kerx",
        "vhea", "vmtx", "VORG", "hdmx", "VDMX", "LTSH", "gasp", "DSIG", "meta", "PCLT",
        "fvar", "gvar", "avar", "cvar", "HVAR", "VVAR", "MVAR", "STAT",
        "COLR", "CPAL", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "EBSC", "SVG ",
    };
    hb_set_t *set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(set, hb_tag_from_string(drop[i], 4));
}

/* data[0..len) deflated into a new buffer; 0, or -1 when out of memory. */
static int deflate_into(struct libdeflate_compressor *z, const void *data, size_t len, pp_zbytes *out,
                        unsigned long long *ns)
{
    size_t cap = libdeflate_zlib_compress_bound(z, len);
    out->data = malloc(cap);
    if (!out->data) return -1;
    unsigned long long t0 = now_ns();
    out->len = libdeflate_zlib_compress(z, data, len, out->data, cap);
    *ns += now_ns() - t0;
    if (!out->len) { free(out->data); out->data = NULL; return -1; }
    return 0;
}

static void run_job(pp_subset *s)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_subset_plan_t *plan = NULL;
    hb_face_t *sub = NULL;
    hb_blob_t *blob = NULL;
    struct libdeflate_compressor *z = NULL;
    s->status = PP_SUBSET_NOMEM;
    if (!in) goto out;
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    for (uint32_t w = 0; w < (s->nglyphs + 63) / 64; w++)
        for (uint64_t b = s->bits[w]; b; b &= b - 1)
            hb_set_add(glyphs, w * 64 + (uint32_t)__builtin_ctzll(b));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    drop_tables(in);
    unsigned long long t0 = now_ns();
    plan = hb_subset_plan_create_or_fail(s->face, in);
    if (plan) sub = hb_subset_plan_execute_or_fail(plan);
    s->subset_ns += now_ns() - t0;
    if (!sub) { s->status = PP_SUBSET_FAILED; goto out; }
    s->old_to_new = hb_map_copy(hb_subset_plan_old_to_new_glyph_mapping(plan));
    if (!hb_map_allocation_successful(s->old_to_new)) goto out;
    blob = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    if (!data || !len) { s->status = PP_SUBSET_EMPTY; goto out; }
    z = pp_zpool_get(PP_PDF_FONT_DEFLATE_LEVEL);
    pp_zbytes zb = { 0 };
    if (!z || deflate_into(z, data, len, &zb, &s->deflate_ns) != 0) goto out;
    s->font_z = zb.data;
    s->font_z_len = zb.len;
    s->length1 = len;
    s->glyphs = hb_face_get_glyph_count(sub);
    s->status = PP_SUBSET_OK;
out:
    pp_zpool_put(z, PP_PDF_FONT_DEFLATE_LEVEL);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(in);
}

unsigned long long pp_subset_run(pp_subset *s)
{
    unsigned long long waited = 0;
    if (!s) return 0;
    pthread_mutex_lock(&s->mu);
    if (s->state == JOB_PENDING) {
        s->state = JOB_RUNNING;
        pthread_mutex_unlock(&s->mu);
        run_job(s);
        pthread_mutex_lock(&s->mu);
        s->state = JOB_DONE;
        pthread_cond_broadcast(&s->done);
    } else if (s->state == JOB_RUNNING) {
        unsigned long long t0 = now_ns();
        while (s->state != JOB_DONE) pthread_cond_wait(&s->done, &s->mu);
        waited = now_ns() - t0;
    }
    pthread_mutex_unlock(&s->mu);
    return waited;
}

void pp_subset_cancel(pp_subset *s)
{
    if (!s) return;
    pthread_mutex_lock(&s->mu);
    if (s->state == JOB_PENDING) {
        s->state = JOB_DONE;
        s->status = PP_SUBSET_CANCELLED;
    }
    pthread_mutex_unlock(&s->mu);
}

pp_subset_status pp_subset_program(const pp_subset *s, const unsigned char **data, size_t *len,
                                   unsigned *length1, size_t *glyphs)
{
    if (data) *data = s->font_z;
    if (len) *len = s->font_z_len;
    if (length1) *length1 = s->length1;
    if (glyphs) *glyphs = s->glyphs;
    return s->status;
}

void pp_subset_take_times(pp_subset *s, unsigned long long *subset_ns, unsigned long long *deflate_ns)
{
    if (subset_ns) *subset_ns = s->subset_ns;
    if (deflate_ns) *deflate_ns = s->deflate_ns;
    s->subset_ns = s->deflate_ns = 0;
}

/* Growable text for the ToUnicode CMap; `failed` once memory ran out. */
typedef struct { char *p; size_t len, cap; int failed; } tbuf;

static void put(tbuf *b, const char *s, size_t n)
{
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->failed = 1; return; }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

/* The ToUnicode CMap: one bfchar per CID 1..n-1 (at most 100 per section, as the
 * CMap format allows), the destination in UTF-16BE. */
static void tounicode(const uint32_t *cp, uint32_t n, tbuf *b)
{
    static const char head[] =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    static const char tail[] =
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n";
    char line[64];
    put(b, head, sizeof head - 1);
    for (uint32_t c = 1; c < n;) {
        uint32_t k = n - c < 100 ? n - c : 100;
        put(b, line, (size_t)snprintf(line, sizeof line, "%u beginbfchar\n", k));
        for (uint32_t end = c + k; c < end; c++) {
            char hex[9];
            pp_utf16_hex(cp[c], hex);
            put(b, line, (size_t)snprintf(line, sizeof line, "<%04X> <%s>\n", c, hex));
        }
        put(b, "endbfchar\n", 10);
    }
    put(b, tail, sizeof tail - 1);
}

int pp_subset_cid_map(const pp_subset *s, const uint32_t *gid, uint32_t n, pp_zbytes *map,
                      unsigned long long *deflate_ns)
{
    int rc = -1;
    unsigned long long ns = 0;
    *map = (pp_zbytes){ 0 };
    unsigned char *m = malloc((size_t)n * 2 + 1);
    struct libdeflate_compressor *z = pp_zpool_get(PP_PDF_FONT_DEFLATE_LEVEL);
    if (m && z && s->status == PP_SUBSET_OK) {
        for (uint32_t c = 0; c < n; c++) {
            hb_codepoint_t g = hb_map_get(s->old_to_new, gid[c]);
            if (g == HB_MAP_VALUE_INVALID || gid[c] == 0) g = 0;
            m[2 * c] = (unsigned char)(g >> 8);
            m[2 * c + 1] = (unsigned char)(g & 0xFF);
        }
        rc = deflate_into(z, m, (size_t)n * 2, map, &ns);
    }
    if (deflate_ns) *deflate_ns += ns;
    pp_zpool_put(z, PP_PDF_FONT_DEFLATE_LEVEL);
    free(m);
    return rc;
}

int pp_subset_tounicode(const uint32_t *cp, uint32_t n, pp_zbytes *tu, unsigned long long *deflate_ns)
{
    int rc = -1;
    unsigned long long ns = 0;
    tbuf t = { 0 };
    *tu = (pp_zbytes){ 0 };
    struct libdeflate_compressor *z = pp_zpool_get(PP_PDF_FONT_DEFLATE_LEVEL);
    tounicode(cp, n, &t);
    if (z && !t.failed) rc = deflate_into(z, t.p, t.len, tu, &ns);
    if (deflate_ns) *deflate_ns += ns;
    pp_zpool_put(z, PP_PDF_FONT_DEFLATE_LEVEL);
    free(t.p);
    return rc;
}
