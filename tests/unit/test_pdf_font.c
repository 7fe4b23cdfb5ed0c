/* Unit test of src/pdf_font.c: builds real PDFs with libharu and checks them with the
 * tools a reader would use (qpdf, pdffonts, pdftotext, pdfinfo, mutool).  A check is
 * skipped, with a note, only when its tool is missing. */
#define _POSIX_C_SOURCE 200809L

#include "pdf_font.h"
#include "pdf_internal.h"

#include <hb.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <sys/wait.h>
#include "harness.h"
#include <unistd.h>

#define KAI "/usr/share/fonts/truetype/cns11643/TW-Kai-98_1.ttf"
#define KAI_EXTB "/usr/share/fonts/truetype/cns11643/TW-Kai-Ext-B-98_1.ttf"
#define SERIF "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"

/* The drawn strings, as pdftotext must give them back. */
#define LINE1 "「經濟部標準檢驗局 114 年度 call center 3,025 件。」"
#define LINE2 "申請人：𠀀𪚥"
#define LINE3 "notdef:經濟"
#define TITLE "計畫名冊 𠀀𪚥"
#define OUTLINE1 "第一章 𠀀𪚥"

/* ---- small utilities ------------------------------------------------------------- */

typedef struct { HPDF_STATUS error_no, detail_no; int count, expected; } err_rec;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    err_rec *e = user_data;
    e->error_no = error_no;
    e->detail_no = detail_no;
    e->count++;
    if (!e->expected) fprintf(stderr, "libharu error 0x%04lX detail %lu\n", (unsigned long)error_no,
            (unsigned long)detail_no);
}

static hb_face_t *load_face(const char *path)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) return NULL;
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    return face;
}

static int have_tool(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

/* Runs `cmd` through the shell; returns its stdout (malloc'd, NUL-terminated) and
 * stores the exit status.  stderr goes to `errfile` when given, else /dev/null. */
static char *run(const char *cmd, const char *errfile, int *status, size_t *out_len)
{
    char full[2048];
    snprintf(full, sizeof full, "%s 2>%s", cmd, errfile ? errfile : "/dev/null");
    return pp_test_run(full, status, out_len);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = 0;
    if (len) *len = got;
    return buf;
}

/* Removes a test output, unless PP_TEST_KEEP is set (then says where it is). */
static void drop_output(const char *path)
{
    if (getenv("PP_TEST_KEEP")) printf("kept %s\n", path);
    else unlink(path);
}

static double ms(unsigned long long ns) { return (double)ns / 1e6; }

static unsigned long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

static size_t utf8_next(const char *s, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) { *cp = u[0]; return 1; }
    if (u[0] < 0xE0) { *cp = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F); return 2; }
    if (u[0] < 0xF0) { *cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F); return 3; }
    *cp = (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
    return 4;
}

static size_t utf8_put(char *out, uint32_t cp)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | cp >> 6); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- drawing with fallback: what pdf_write will do ------------------------------- */

typedef struct { HPDF_Font kai, extb, serif; } font_set;

/* ASCII goes to the Latin face, everything else to the first Kai face that has it. */
static HPDF_Font font_for(const font_set *fs, uint32_t cp)
{
    if (cp < 0x80) return fs->serif;
    if (pp_pdf_font_has_glyph(fs->kai, cp)) return fs->kai;
    if (pp_pdf_font_has_glyph(fs->extb, cp)) return fs->extb;
    return fs->kai;
}

/* Draws `text` at the current text position as runs, each measured and drawn with the
 * font that has its glyphs.  Returns the total advance in points. */
static double draw_runs(HPDF_Page page, const font_set *fs, const char *text, float size)
{
    double total = 0;
    const char *p = text;
    while (*p) {
        uint32_t cp;
        size_t n = utf8_next(p, &cp);
        HPDF_Font f = font_for(fs, cp);
        const char *q = p + n;
        while (*q) {
            size_t m = utf8_next(q, &cp);
            if (font_for(fs, cp) != f) break;
            q += m;
        }
        char run_text[512];
        size_t len = (size_t)(q - p);
        memcpy(run_text, p, len);
        run_text[len] = 0;
        HPDF_Page_SetFontAndSize(page, f, size);
        total += HPDF_Page_TextWidth(page, run_text);
        HPDF_Page_ShowText(page, run_text);
        p = q;
    }
    return total;
}

/* ---- checks on a saved file ------------------------------------------------------ */

static void check_qpdf(const char *path)
{
    if (!have_tool("qpdf")) { printf("note: qpdf missing, check skipped\n"); return; }
    char cmd[1024];
    int st;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path);
    char *out = run(cmd, "&1", &st, NULL);
    INT_EQ(st, 0);
    OK(out && strstr(out, "No syntax or stream encoding errors found"), "qpdf --check: %s", out ? out : "");
    OK(out && !strstr(out, "WARNING"), "qpdf warns: %s", out ? out : "");
    free(out);
}

/* Every font emb/sub/uni yes, a CID TrueType with a 6-letter subset tag. */
static void check_pdffonts(const char *path, int want_fonts)
{
    if (!have_tool("pdffonts")) { printf("note: pdffonts missing, check skipped\n"); return; }
    char cmd[1024];
    int st, fonts = 0;
    snprintf(cmd, sizeof cmd, "pdffonts '%s'", path);
    char *out = run(cmd, "&1", &st, NULL);
    INT_EQ(st, 0);
    char *line = out ? strstr(out, "\n---") : NULL;
    line = line ? strchr(line + 1, '\n') : NULL;
    while (line && *++line) {
        char *end = strchr(line, '\n');
        if (end) *end = 0;
        char name[256] = "", yes[3][8] = {"", "", ""};
        /* name type... encoding emb sub uni objnum gen: take the fields from the end */
        char *tok[32];
        int nt = 0;
        for (char *t = strtok(line, " "); t && nt < 32; t = strtok(NULL, " ")) tok[nt++] = t;
        if (nt >= 7) {
            snprintf(name, sizeof name, "%s", tok[0]);
            for (int i = 0; i < 3; i++) snprintf(yes[i], sizeof yes[i], "%s", tok[nt - 5 + i]);
            fonts++;
            OK(strcmp(yes[0], "yes") == 0 && strcmp(yes[1], "yes") == 0 && strcmp(yes[2], "yes") == 0,
               "pdffonts %s: emb %s sub %s uni %s", name, yes[0], yes[1], yes[2]);
            OK(strlen(name) > 7 && name[6] == '+', "subset tag in %s", name);
            OK(strstr(tok[1], "CID") != NULL && strcmp(tok[nt - 6], "Identity-H") == 0,
               "pdffonts %s: %s %s", name, tok[1], tok[nt - 6]);
        }
        line = end;
    }
    INT_EQ(fonts, want_fonts);
    free(out);
}

/* pdftotext: no warning on stderr, every expected string present.  Returns the text. */
static char *check_pdftotext(const char *path, const char *const *want, int n_want)
{
    if (!have_tool("pdftotext")) { printf("note: pdftotext missing, check skipped\n"); return NULL; }
    char cmd[1024], errpath[] = "/tmp/pp_test_pdf_font_errXXXXXX";
    int st, fd = mkstemp(errpath);
    if (fd >= 0) close(fd);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
    char *out = run(cmd, errpath, &st, NULL);
    size_t elen = 0;
    char *err = read_file(errpath, &elen);
    unlink(errpath);
    INT_EQ(st, 0);
    OK(elen == 0, "pdftotext stderr: %s", err ? err : "");
    for (int i = 0; i < n_want; i++)
        OK(out && strstr(out, want[i]), "pdftotext lacks \"%s\"; got:\n%s", want[i], out ? out : "");
    free(err);
    return out;
}

static void check_pdfinfo_title(const char *path, const char *title)
{
    if (!have_tool("pdfinfo")) { printf("note: pdfinfo missing, check skipped\n"); return; }
    char cmd[1024], want[256];
    int st;
    snprintf(cmd, sizeof cmd, "pdfinfo -enc UTF-8 '%s'", path);
    char *out = run(cmd, "&1", &st, NULL);
    INT_EQ(st, 0);
    /* "Title:" then blanks then exactly the title on its line */
    const char *t = out ? strstr(out, "Title:") : NULL;
    if (t) t += 6;
    while (t && *t == ' ') t++;
    snprintf(want, sizeof want, "%s\n", title);
    OK(t && strncmp(t, want, strlen(want)) == 0, "pdfinfo Title: want \"%s\", got:\n%s", title, out ? out : "");
    free(out);
}

/* The outline title, through mutool (UTF-16 surrogates in a text string). */
static void check_outline(const char *path, const char *title)
{
    if (!have_tool("mutool")) { printf("note: mutool missing, outline check skipped\n"); return; }
    char cmd[1024];
    int st;
    snprintf(cmd, sizeof cmd, "mutool show '%s' outline", path);
    char *out = run(cmd, "&1", &st, NULL);
    INT_EQ(st, 0);
    OK(out && strstr(out, title), "outline: want \"%s\", got:\n%s", title, out ? out : "");
    free(out);
}

/* Finds "/Key N 0 R" in `s` and returns N, or -1. */
static long ref_after(const char *s, const char *key)
{
    const char *p = s ? strstr(s, key) : NULL;
    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static unsigned char *mutool_stream(const char *path, long obj, size_t *len)
{
    char cmd[1024];
    int st;
    snprintf(cmd, sizeof cmd, "mutool show -b '%s' %ld", path, obj);
    unsigned char *out = (unsigned char *)run(cmd, NULL, &st, len);
    if (st != 0) { free(out); return NULL; }
    return out;
}

/* End-to-end glyph check for the font whose BaseFont ends in `ps_name`: from the
 * saved file, take FontFile2, CIDToGIDMap and /W, and verify for the code points in
 * `drawn` (in order of first use in this font, so CID i+1) that the CID's glyph in the
 * embedded subset has the original glyph's advance and extents, and that /W agrees. */
static void check_glyphs(const char *path, const char *ps_name, hb_face_t *orig, const char *drawn)
{
    if (!have_tool("mutool")) { printf("note: mutool missing, glyph check skipped\n"); return; }
    char cmd[1024];
    int st;
    snprintf(cmd, sizeof cmd, "mutool show '%s' grep", path);
    char *all = run(cmd, NULL, &st, NULL);
    INT_EQ(st, 0);
    if (!all) return;
    char *cidfont = NULL, *desc = NULL;
    for (char *line = strtok(all, "\n"); line; line = strtok(NULL, "\n")) {
        if (strstr(line, "/CIDFontType2") && strstr(line, ps_name)) cidfont = line;
        if (strstr(line, "/FontDescriptor") && strstr(line, "/FontFile2") && strstr(line, ps_name)) desc = line;
    }
    OK(cidfont && desc, "objects of %s found", ps_name);
    if (!cidfont || !desc) { free(all); return; }
    OK(strstr(cidfont, "/Registry(Adobe)") || strstr(cidfont, "/Registry (Adobe)"), "Registry: %s", cidfont);
    OK(strstr(cidfont, "/Ordering(Identity)") || strstr(cidfont, "/Ordering (Identity)"), "Ordering: %s", cidfont);
    long map_obj = ref_after(cidfont, "/CIDToGIDMap ");
    long ff_obj = ref_after(desc, "/FontFile2 ");
    size_t map_len = 0, ff_len = 0;
    unsigned char *map = mutool_stream(path, map_obj, &map_len);
    unsigned char *ff = mutool_stream(path, ff_obj, &ff_len);
    OK(map && ff && ff_len > 0, "streams of %s read", ps_name);
    /* /DW and /W: parse the "c [w w ...]" runs */
    long dw = ref_after(cidfont, "/DW ");
    long widths[256];
    for (int i = 0; i < 256; i++) widths[i] = dw;
    const char *w = strstr(cidfont, "/W[");
    if (!w) w = strstr(cidfont, "/W [");
    if (w) {
        const char *p = strchr(w, '[') + 1;
        while (*p && *p != ']') {
            char *e;
            long c = strtol(p, &e, 10);
            p = strchr(e, '[');
            if (!p) break;
            p++;
            while (*p && *p != ']') {
                long v = strtol(p, &e, 10);
                if (e == p) { p++; continue; }
                if (c >= 0 && c < 256) widths[c] = v;
                c++;
                p = e;
            }
            if (*p == ']') p++;
        }
    }
    if (map && ff) {
        hb_blob_t *blob = hb_blob_create((const char *)ff, (unsigned)ff_len, HB_MEMORY_MODE_READONLY, NULL, NULL);
        hb_face_t *sub = hb_face_create(blob, 0);
        hb_font_t *fs = hb_font_create(sub), *fo = hb_font_create(orig);
        unsigned upem = hb_face_get_upem(orig);
        INT_EQ(hb_face_get_upem(sub), upem);
        uint32_t seen[256];
        int n_seen = 0, bad = 0, checked = 0;
        for (const char *p = drawn; *p;) {
            uint32_t cp;
            p += utf8_next(p, &cp);
            int dup = 0;
            for (int i = 0; i < n_seen; i++) dup |= seen[i] == cp;
            if (dup || n_seen == 255) continue;
            seen[n_seen++] = cp;
            unsigned cid = (unsigned)n_seen;
            if (2 * cid + 1 >= map_len) { bad++; continue; }
            hb_codepoint_t g_new = (hb_codepoint_t)(map[2 * cid] << 8 | map[2 * cid + 1]), g_old = 0;
            if (!hb_font_get_nominal_glyph(fo, cp, &g_old)) g_old = 0;
            hb_glyph_extents_t eo, en;
            int ok_o = hb_font_get_glyph_extents(fo, g_old, &eo);
            int ok_n = hb_font_get_glyph_extents(fs, g_new, &en);
            hb_position_t ao = hb_font_get_glyph_h_advance(fo, g_old);
            hb_position_t an = hb_font_get_glyph_h_advance(fs, g_new);
            long w1000 = lround((double)ao * 1000.0 / upem);
            int same = ok_o == ok_n && ao == an && (!ok_o || memcmp(&eo, &en, sizeof eo) == 0) &&
                       (g_old == 0) == (g_new == 0) && widths[cid] == w1000;
            if (!same) {
                bad++;
                fprintf(stderr, "%s U+%04X cid %u: old gid %u new %u adv %d/%d w %ld/%ld\n", ps_name,
                        cp, cid, g_old, g_new, ao, an, widths[cid], w1000);
            }
            checked++;
        }
        OK(checked > 0 && bad == 0, "%s: %d of %d glyphs differ", ps_name, bad, checked);
        hb_font_destroy(fs);
        hb_font_destroy(fo);
        hb_face_destroy(sub);
        hb_blob_destroy(blob);
    }
    free(map);
    free(ff);
    free(all);
}

/* x positions of the characters on page 1, as a viewer (MuPDF) places them. */
static int mutool_char_x(const char *path, const char *chars, double *xs, int max)
{
    char cmd[1024];
    int st, n = 0;
    snprintf(cmd, sizeof cmd, "mutool draw -q -F stext -o - '%s' 1", path);
    char *out = run(cmd, NULL, &st, NULL);
    if (!out || st != 0) { free(out); return -1; }
    for (const char *p = strstr(out, "<char "); p && n < max; p = strstr(p + 1, "<char ")) {
        const char *c = strstr(p, " c=\"");
        const char *x = strstr(p, " x=\"");
        if (!c || !x) break;
        c += 4;
        char one[16];
        if (strncmp(c, "&#x", 3) == 0) { /* MuPDF writes non-ASCII as &#xHEX; */
            one[utf8_put(one, (uint32_t)strtoul(c + 3, NULL, 16))] = 0;
        } else {
            const char *q = strchr(c, '"');
            size_t len = (size_t)(q - c);
            if (len >= sizeof one) continue;
            memcpy(one, c, len);
            one[len] = 0;
        }
        if (strstr(chars, one)) xs[n++] = strtod(x + 4, NULL);
    }
    free(out);
    return n;
}

/* ---- tests ----------------------------------------------------------------------- */

static void test_document(hb_face_t *kai, hb_face_t *extb, hb_face_t *serif)
{
    err_rec err = {0, 0, 0, 0};
    HPDF_Doc doc = HPDF_New(on_error, &err);
    OK(doc != NULL, "HPDF_New");
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);

    font_set fs;
    fs.kai = pp_pdf_font_new(doc, kai, NULL, 0);
    fs.extb = pp_pdf_font_new(doc, extb, NULL, 1);
    fs.serif = pp_pdf_font_new(doc, serif, "Liberation Serif", 2);
    OK(fs.kai && fs.extb && fs.serif, "fonts created");
    if (!fs.kai || !fs.extb || !fs.serif) { HPDF_Free(doc); return; }

    /* names: subset tag + PostScript name, tags distinct and reproducible */
    const char *nk = HPDF_Font_GetFontName(fs.kai), *ne = HPDF_Font_GetFontName(fs.extb),
               *ns = HPDF_Font_GetFontName(fs.serif);
    OK(strlen(nk) == 7 + strlen("TW-Kai-98_1") && nk[6] == '+' && strcmp(nk + 7, "TW-Kai-98_1") == 0, "name %s", nk);
    STR_EQ(ns + 7, "LiberationSerif");
    OK(strncmp(nk, ne, 6) != 0 && strncmp(nk, ns, 6) != 0 && strncmp(ne, ns, 6) != 0, "tags %s %s %s", nk, ne, ns);
    {
        HPDF_Doc doc2 = HPDF_New(on_error, &err);
        HPDF_Font again = pp_pdf_font_new(doc2, kai, NULL, 0);
        OK(again && strcmp(HPDF_Font_GetFontName(again), nk) == 0, "same seed, same tag");
        HPDF_Free(doc2);
    }
    STR_EQ(HPDF_Font_GetEncodingName(fs.kai), "Identity-H");
    OK(HPDF_Font_GetAscent(fs.kai) > 700 && HPDF_Font_GetDescent(fs.kai) < 0, "ascent %d descent %d",
       HPDF_Font_GetAscent(fs.kai), HPDF_Font_GetDescent(fs.kai));

    /* coverage: BMP Kai vs Ext-B */
    OK(pp_pdf_font_has_glyph(fs.kai, 0x7D93) && !pp_pdf_font_has_glyph(fs.kai, 0x20000), "Kai coverage");
    OK(pp_pdf_font_has_glyph(fs.extb, 0x20000) && pp_pdf_font_has_glyph(fs.extb, 0x2A6A5), "Ext-B coverage");
    OK(!pp_pdf_font_has_glyph(fs.serif, 0x7D93), "Latin face lacks Han");

    /* widths: 1/1000 em from hmtx, for every plane */
    {
        hb_font_t *f = hb_font_create(extb);
        hb_codepoint_t g;
        hb_font_get_nominal_glyph(f, 0x2A6A5, &g);
        long want = lround(hb_font_get_glyph_h_advance(f, g) * 1000.0 / hb_face_get_upem(extb));
        INT_EQ(pp_pdf_font_text_width(fs.extb, "𪚥", strlen("𪚥")), want);
        INT_EQ(pp_pdf_font_text_width(fs.extb, "𠀀𪚥", strlen("𠀀𪚥")),
               pp_pdf_font_text_width(fs.extb, "𠀀", 4) + want);
        hb_font_destroy(f);
    }

    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    HPDF_Page_BeginText(page);

    /* libharu's measuring goes through our callbacks */
    HPDF_Page_SetFontAndSize(page, fs.kai, 10);
    unsigned w_jing = pp_pdf_font_text_width(fs.kai, "經", 3);
    OK(fabs(HPDF_Page_TextWidth(page, "經濟") - 2 * w_jing * 10 / 1000.0) < 1e-3, "TextWidth 經濟");
    HPDF_Page_SetWordSpace(page, 7);
    HPDF_Page_SetFontAndSize(page, fs.serif, 10);
    double with_tw = HPDF_Page_TextWidth(page, "a b c");
    HPDF_Page_SetWordSpace(page, 0);
    OK(fabs(with_tw - HPDF_Page_TextWidth(page, "a b c")) < 1e-4, "Tw ignored (numspace = 0)");
    HPDF_Page_SetFontAndSize(page, fs.extb, 10);
    HPDF_Page_SetCharSpace(page, 2);
    double with_tc = HPDF_Page_TextWidth(page, "𠀀𪚥");
    HPDF_Page_SetCharSpace(page, 0);
    OK(fabs(with_tc - HPDF_Page_TextWidth(page, "𠀀𪚥") - 4) < 1e-4, "Tc counted once per code point");
    HPDF_Page_SetFontAndSize(page, fs.kai, 10);
    HPDF_REAL real = 0;
    /* 2.5 characters wide: two fit (6 bytes); with word wrap none (no space) */
    INT_EQ(HPDF_Page_MeasureText(page, "經濟部標準", w_jing * 10 / 1000.0f * 2.5f, HPDF_FALSE, &real), 6);
    OK(fabs(real - 2 * w_jing * 10 / 1000.0) < 1e-3, "MeasureText real width %g", real);
    INT_EQ(HPDF_Page_MeasureText(page, "經濟部標準", w_jing * 10 / 1000.0f * 2.5f, HPDF_TRUE, &real), 0);
    HPDF_Page_SetFontAndSize(page, fs.serif, 10);
    INT_EQ(HPDF_Page_MeasureText(page, "call center 3,025", 40, HPDF_TRUE, &real), 5);

    /* line 1: Han, punctuation, Latin, digits in their faces; pen positions must match */
    HPDF_Page_MoveTextPos(page, 56, 780);
    HPDF_Point start = HPDF_Page_GetCurrentTextPos(page);
    double adv = draw_runs(page, &fs, LINE1, 12);
    HPDF_Point end = HPDF_Page_GetCurrentTextPos(page);
    OK(fabs(end.x - start.x - adv) < 1e-3, "pen advanced %g, runs measured %g", end.x - start.x, adv);

    /* line 2: a name with Ext-B characters (fallback to TW-Kai-Ext-B) */
    HPDF_Page_MoveTextPos(page, 0, -24);
    draw_runs(page, &fs, LINE2, 12);

    /* line 3: code points the Latin face lacks: glyph 0, but own CIDs and ToUnicode */
    HPDF_Page_MoveTextPos(page, 0, -24);
    HPDF_Page_SetFontAndSize(page, fs.serif, 12);
    HPDF_Page_ShowText(page, LINE3);

    /* line 4: character spacing, to see how viewers apply Tc to 2-byte codes */
    HPDF_Page_MoveTextPos(page, 0, -24);
    HPDF_Page_SetFontAndSize(page, fs.kai, 10);
    HPDF_Page_SetCharSpace(page, 10);
    HPDF_Point tc0 = HPDF_Page_GetCurrentTextPos(page);
    HPDF_Page_ShowText(page, "甲乙丙");
    HPDF_Point tc1 = HPDF_Page_GetCurrentTextPos(page);
    HPDF_Page_SetCharSpace(page, 0);
    OK(fabs((tc1.x - tc0.x) - 3 * (pp_pdf_font_text_width(fs.kai, "甲乙丙", 9) / 300.0 + 10)) < 1e-3,
       "libharu pen with Tc: %g", tc1.x - tc0.x);

    /* line 5: word spacing, to see that Tw does not move 2-byte spaces */
    HPDF_Page_MoveTextPos(page, 0, -24);
    HPDF_Page_SetFontAndSize(page, fs.serif, 10);
    HPDF_Page_SetWordSpace(page, 30);
    HPDF_Page_ShowText(page, "x y");
    HPDF_Page_SetWordSpace(page, 0);
    HPDF_Page_EndText(page);

    /* Info and outline through the UTF-16 encoder */
    HPDF_Encoder u16 = pp_pdfi_utf16_encoder(doc);
    OK(u16 != NULL && u16 == pp_pdfi_utf16_encoder(doc), "one PP-UTF16 encoder per document");
    INT_EQ(pp_pdfi_set_info_utf8(doc, HPDF_INFO_TITLE, TITLE), HPDF_OK);
    OK(HPDF_GetCurrentEncoder(doc) != u16, "current encoder left alone");
    HPDF_Outline ol = HPDF_CreateOutline(doc, NULL, OUTLINE1, u16);
    OK(ol != NULL, "outline");
    HPDF_Outline_SetDestination(ol, HPDF_Page_CreateDestination(page));
    /* a font asked for with the string encoder is refused, not crashed into */
    err_rec before = err;
    err.expected = 1;
    OK(HPDF_GetFont(doc, "Helvetica", "PP-UTF16") == NULL, "PP-UTF16 is not a font encoding");
    HPDF_ResetError(doc);
    err = before;

    char path[] = "/tmp/pp_test_pdf_font_XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    close(fd);
    INT_EQ(HPDF_SaveToFile(doc, path), HPDF_OK);
    INT_EQ(err.count, 0);
    pp_pdf_font_stats stats;
    pp_pdf_font_get_stats(doc, &stats);
    OK(stats.glyph_bytes > 0 && stats.glyphs >= 30, "stats %zu bytes %zu glyphs", stats.glyph_bytes, stats.glyphs);
    /* widths for the viewer checks below, while the fonts exist */
    double em_jia = pp_pdf_font_text_width(fs.kai, "甲", 3) / 100.0; /* at 10 pt */
    double x_space = pp_pdf_font_text_width(fs.serif, "x ", 2) / 100.0;
    HPDF_Free(doc);

    size_t size = 0;
    free(read_file(path, &size));
    printf("test document: %zu bytes (fonts %zu bytes, %zu glyphs, subset %.2f ms, deflate %.2f ms)\n",
           size, stats.glyph_bytes, stats.glyphs, ms(stats.subset_ns), ms(stats.deflate_ns));
    OK(size < 60000, "file size %zu", size);

    check_qpdf(path);
    check_pdffonts(path, 3);
    const char *want[] = {LINE1, LINE2, LINE3, "𠀀𪚥"};
    char *text = check_pdftotext(path, want, 4);
    if (text) { /* the whole first line, on one line */
        char *nl = strchr(text, '\n');
        if (nl) *nl = 0;
        STR_EQ(text, LINE1);
    }
    free(text);
    check_pdfinfo_title(path, TITLE);
    check_outline(path, OUTLINE1);
    check_glyphs(path, "TW-Kai-98_1", kai, "「經濟部標準檢驗局年度件。」申請人：甲乙丙");
    check_glyphs(path, "TW-Kai-Ext-B-98_1", extb, "𠀀𪚥");
    check_glyphs(path, "LiberationSerif", serif, " 114 call center 3,025 notdef:經濟x y");

    /* what a viewer does with Tc and Tw on these 2-byte codes */
    if (have_tool("mutool")) {
        double xs[8];
        int n = mutool_char_x(path, "甲乙丙", xs, 3);
        double em = em_jia;
        OK(n == 3 && fabs(xs[1] - xs[0] - (em + 10)) < 0.05 && fabs(xs[2] - xs[1] - (em + 10)) < 0.05,
           "MuPDF applies Tc per CID: %g %g (want %g)", n == 3 ? xs[1] - xs[0] : -1, n == 3 ? xs[2] - xs[1] : -1, em + 10);
        if (n == 3) printf("Tc=10 at 10pt: MuPDF advances %.2f, %.2f (glyph %.2f + Tc 10)\n", xs[1] - xs[0], xs[2] - xs[1], em);
        n = mutool_char_x(path, "xy", xs, 2);
        double want_y = x_space;
        OK(n == 2 && fabs(xs[1] - xs[0] - want_y) < 0.05, "MuPDF ignores Tw on 2-byte spaces: %g (want %g)",
           n == 2 ? xs[1] - xs[0] : -1, want_y);
    }
    if (have_tool("pdftotext")) { /* poppler: x of the three Tc-spaced characters */
        char cmd[1024];
        int st;
        snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' -", path);
        char *out = run(cmd, NULL, &st, NULL);
        double x[3];
        int n = 0;
        const char *names[3] = {">甲<", ">乙<", ">丙<"};
        for (int i = 0; i < 3 && out; i++) {
            char *p = strstr(out, names[i]);
            while (p && p > out && strncmp(p, "<word", 5) != 0) p--;
            if (p && (p = strstr(p, "xMin=\""))) x[n++] = strtod(p + 6, NULL);
        }
        OK(n == 3 && fabs(x[1] - x[0] - (em_jia + 10)) < 0.05 && fabs(x[2] - x[1] - (em_jia + 10)) < 0.05,
           "poppler applies Tc per CID");
        if (n == 3) printf("Tc=10 at 10pt: poppler word x %.2f %.2f %.2f\n", x[0], x[1], x[2]);
        free(out);
    }
    drop_output(path);
}

/* ~900 distinct Han characters (every 23rd of U+4E00..U+9FFF that TW-Kai has): the
 * size and the time of subsetting and compressing; then a second save after drawing
 * more text must fold the new characters in. */
static void test_big_subset(hb_face_t *kai)
{
    err_rec err = {0, 0, 0, 0};
    HPDF_Doc doc = HPDF_New(on_error, &err);
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    HPDF_Font kf = pp_pdf_font_new(doc, kai, NULL, 7);
    OK(kf != NULL, "font");
    if (!kf) { HPDF_Free(doc); return; }
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, kf, 12);
    HPDF_Page_MoveTextPos(page, 40, 800);
    char line[45 * 4 + 1];
    size_t len = 0;
    int chars = 0, in_line = 0;
    for (uint32_t cp = 0x4E00; cp <= 0x9FFF && chars < 900; cp += 23) {
        if (!pp_pdf_font_has_glyph(kf, cp)) continue;
        len += utf8_put(line + len, cp);
        chars++;
        if (++in_line == 42) {
            line[len] = 0;
            HPDF_Page_ShowText(page, line);
            HPDF_Page_MoveTextPos(page, 0, -15);
            len = 0;
            in_line = 0;
        }
    }
    line[len] = 0;
    HPDF_Page_ShowText(page, line);
    HPDF_Page_EndText(page);
    INT_EQ(chars, 900);

    char path[] = "/tmp/pp_test_pdf_font_big_XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    unsigned long long t0 = now_ns();
    INT_EQ(HPDF_SaveToFile(doc, path), HPDF_OK);
    unsigned long long t1 = now_ns();
    pp_pdf_font_stats st;
    pp_pdf_font_get_stats(doc, &st);
    size_t size = 0;
    free(read_file(path, &size));
    printf("900-glyph subset: FontFile2 %zu bytes deflated, %zu glyphs; subset %.2f ms, "
           "deflate %.2f ms (level %d); whole save %.2f ms; file %zu bytes\n",
           st.glyph_bytes, st.glyphs, ms(st.subset_ns), ms(st.deflate_ns), PP_PDF_FONT_DEFLATE_LEVEL,
           ms(t1 - t0), size);
    OK(st.glyphs >= 901, "glyphs %zu", st.glyphs);
    OK(size < 800000, "file size %zu", size);
    check_qpdf(path);
    check_pdffonts(path, 1);

    /* draw after the first save: the second save re-subsets */
    HPDF_Page page2 = HPDF_AddPage(doc);
    HPDF_Page_BeginText(page2);
    HPDF_Page_SetFontAndSize(page2, kf, 12);
    HPDF_Page_MoveTextPos(page2, 40, 800);
    HPDF_Page_ShowText(page2, "再存一次：龜鱉");
    HPDF_Page_EndText(page2);
    INT_EQ(HPDF_SaveToFile(doc, path), HPDF_OK);
    const char *want[] = {"再存一次：龜鱉"};
    free(check_pdftotext(path, want, 1));
    check_qpdf(path);
    INT_EQ(err.count, 0);
    HPDF_Free(doc);
    drop_output(path);
}

/* A font that is never drawn with still makes a valid file; bad arguments fail
 * cleanly with the error recorded in the document. */
static void test_edges(hb_face_t *kai)
{
    err_rec err = {0, 0, 0, 1};
    HPDF_Doc doc = HPDF_New(on_error, &err);
    OK(pp_pdf_font_new(doc, NULL, NULL, 0) == NULL, "NULL face refused");
    OK(HPDF_GetError(doc) == HPDF_INVALID_PARAMETER, "error recorded: 0x%lX", (unsigned long)HPDF_GetError(doc));
    HPDF_ResetError(doc);
    hb_face_t *empty = hb_face_get_empty();
    OK(pp_pdf_font_new(doc, empty, NULL, 0) == NULL, "empty face refused");
    HPDF_ResetError(doc);
    err.count = 0;
    err.expected = 0;
    HPDF_Font f = pp_pdf_font_new(doc, kai, "Name With Spaces/()", 3);
    OK(f && strcmp(HPDF_Font_GetFontName(f) + 7, "NameWithSpaces") == 0, "sanitised name %s",
       f ? HPDF_Font_GetFontName(f) : "");
    OK(pp_pdf_font_text_width(NULL, "a", 1) == 0 && !pp_pdf_font_has_glyph(NULL, 'a'), "NULL font");
    /* malformed UTF-8 measures as U+FFFD and never reads past the end */
    OK(pp_pdf_font_text_width(f, "\xE7\xB6", 2) == 2 * pp_pdf_font_text_width(f, "\xEF\xBF\xBD", 3),
       "truncated sequence");
    HPDF_Page page = HPDF_AddPage(doc);
    (void)page;
    char path[] = "/tmp/pp_test_pdf_font_edge_XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    INT_EQ(HPDF_SaveToFile(doc, path), HPDF_OK);
    INT_EQ(err.count, 0);
    check_qpdf(path);
    pp_pdf_font_stats st;
    pp_pdf_font_get_stats(NULL, &st);
    INT_EQ(st.glyph_bytes, 0);
    HPDF_Free(doc);
    drop_output(path);
}

/* Encrypted save: the pre-deflated streams and the UTF-16 strings are encrypted by
 * libharu like any other (this is where an HPDF_Binary title failed with 0x1009). */
static void test_encrypted(hb_face_t *kai, hb_face_t *extb, hb_face_t *serif)
{
    err_rec err = {0, 0, 0, 0};
    HPDF_Doc doc = HPDF_New(on_error, &err);
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    font_set fs = {pp_pdf_font_new(doc, kai, NULL, 0), pp_pdf_font_new(doc, extb, NULL, 1),
                   pp_pdf_font_new(doc, serif, NULL, 2)};
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_BeginText(page);
    HPDF_Page_MoveTextPos(page, 56, 700);
    draw_runs(page, &fs, LINE1, 12);
    HPDF_Page_MoveTextPos(page, 0, -20);
    draw_runs(page, &fs, LINE2, 12);
    HPDF_Page_EndText(page);
    INT_EQ(pp_pdfi_set_info_utf8(doc, HPDF_INFO_TITLE, TITLE), HPDF_OK);
    HPDF_Outline ol = HPDF_CreateOutline(doc, NULL, OUTLINE1, pp_pdfi_utf16_encoder(doc));
    HPDF_Outline_SetDestination(ol, HPDF_Page_CreateDestination(page));
    INT_EQ(HPDF_SetPassword(doc, "owner-secret", ""), HPDF_OK);
    INT_EQ(HPDF_SetEncryptionMode(doc, HPDF_ENCRYPT_R3, 16), HPDF_OK);
    char path[] = "/tmp/pp_test_pdf_font_enc_XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    INT_EQ(HPDF_SaveToFile(doc, path), HPDF_OK);
    INT_EQ(err.count, 0);
    HPDF_Free(doc);
    check_qpdf(path);
    const char *want[] = {LINE1, LINE2};
    free(check_pdftotext(path, want, 2));
    check_pdfinfo_title(path, TITLE);
    check_outline(path, OUTLINE1);
    drop_output(path);
}

/* Batch mode: documents built in parallel threads sharing the same faces. */
typedef struct { hb_face_t *kai, *serif; int ok; size_t glyphs; } thread_job;

static void *thread_main(void *arg)
{
    thread_job *job = arg;
    err_rec err = {0, 0, 0, 0};
    HPDF_Doc doc = HPDF_New(on_error, &err);
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    HPDF_Font k = pp_pdf_font_new(doc, job->kai, NULL, 0), l = pp_pdf_font_new(doc, job->serif, NULL, 1);
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, k, 10);
    HPDF_Page_MoveTextPos(page, 20, 800);
    char line[64 * 3 + 1];
    size_t len = 0;
    for (uint32_t cp = 0x5000; cp < 0x5000 + 64 * 17; cp += 17) len += utf8_put(line + len, cp);
    line[len] = 0;
    HPDF_Page_ShowText(page, line);
    HPDF_Page_SetFontAndSize(page, l, 10);
    HPDF_Page_ShowText(page, " thread 123");
    HPDF_Page_EndText(page);
    job->ok = HPDF_SaveToStream(doc) == HPDF_OK && HPDF_GetStreamSize(doc) > 1000 && err.count == 0;
    pp_pdf_font_stats st;
    pp_pdf_font_get_stats(doc, &st);
    job->glyphs = st.glyphs;
    HPDF_Free(doc);
    return NULL;
}

static void test_threads(hb_face_t *kai, hb_face_t *serif)
{
    enum { N = 4 };
    pthread_t t[N];
    thread_job jobs[N];
    for (int i = 0; i < N; i++) {
        jobs[i] = (thread_job){kai, serif, 0, 0};
        OK(pthread_create(&t[i], NULL, thread_main, &jobs[i]) == 0, "pthread_create");
    }
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        OK(jobs[i].ok, "thread %d saved", i);
        INT_EQ(jobs[i].glyphs, jobs[0].glyphs);
    }
}

int main(void)
{
    hb_face_t *kai = load_face(KAI), *extb = load_face(KAI_EXTB), *serif = load_face(SERIF);
    OK(kai && extb && serif, "fonts-cns11643-kai and fonts-liberation2 installed");
    if (kai && extb && serif) {
        test_document(kai, extb, serif);
        test_big_subset(kai);
        test_edges(kai);
        test_encrypted(kai, extb, serif);
        test_threads(kai, serif);
    }
    hb_face_destroy(kai);
    hb_face_destroy(extb);
    hb_face_destroy(serif);
    return pp_test_summary();
}
