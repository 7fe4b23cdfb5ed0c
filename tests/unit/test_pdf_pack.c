/* Unit test of src/pdf_pack.c: packs PDFs that libharu 2.3.0 really writes (standard
 * font, two pages, Info, /ID, XMP, a libharu-deflated stream, awkward strings) and
 * reads them back with qpdf, pdftotext and pdfinfo (each check skipped, with a note,
 * only when its tool is missing); refuses what libharu does not write; survives every
 * truncation and thousands of byte mutations (under ASan in the sanitizer build)
 * with an error or a file whose cross-reference data is sound; and the report sample
 * renders to the same bytes with the writer's second thread as without it. */
#define _POSIX_C_SOURCE 200809L

#include "pdf_internal.h"
#include "pdf_pack.h"
#include "render.h"

#include <hpdf.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include "harness.h"
#include <unistd.h>

static void on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
    (void)detail;
    *(HPDF_STATUS *)data = no;
}

static int have_tool(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

static char *run(const char *cmd, int *status) { return pp_test_run(cmd, status, NULL); }

/* Files go into a folder of this run's own (tests of other checkouts may run at once). */
static char tmpdir[] = "/tmp/pp_test_pack_XXXXXX";

static const char *tmp_path(const char *name)
{
    static char paths[4][128];
    static int k;
    char *p = paths[k++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
    return p;
}

static void write_file(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f) { fwrite(p, 1, n, f); fclose(f); }
}

static const unsigned char *find(const unsigned char *h, size_t hn, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= hn && i <= hn - n; i++)
        if (memcmp(h + i, needle, n) == 0) return h + i;
    return NULL;
}

static const char XMP[] = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                          "pack-test-metadata</x:xmpmeta><?xpacket end=\"w\"?>";

/* A document as planpress's writer makes them, saved by libharu into memory. */
static unsigned char *make_doc(int minor, int encrypt, int late_marker, size_t *len)
{
    HPDF_STATUS err = 0;
    HPDF_Doc pdf = HPDF_New(on_error, &err);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
    HPDF_Font font = HPDF_GetFont(pdf, "Helvetica", NULL);
    for (int i = 0; i < 2; i++) {
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, 12);
        HPDF_Page_TextOut(page, 72, 720, i ? "Second page (with parens) \\ here" : "Hello packer");
        HPDF_Page_EndText(page);
        HPDF_Page_SetLineWidth(page, 0.6f);
        for (int k = 0; k < 30; k++) {   /* enough content for deflate to pay */
            HPDF_Page_MoveTo(page, 72, 700 - 10.5f * k);
            HPDF_Page_LineTo(page, 300.12345f, 700 - 10.5f * k);
        }
        HPDF_Page_Stroke(page);
    }
    HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "Pack (test) \\ title");
    pp_pobj *cat = pp_pdfi_catalog(pdf);
    pp_pdfi_put_str(pdf, cat, "Lang", "zh-TW");
    pp_pobj *meta = pp_pdfi_stream(pdf, XMP, sizeof XMP - 1, false);
    pp_pdfi_put_name(meta, "Type", "Metadata");
    pp_pdfi_put_name(meta, "Subtype", "XML");
    pp_pdfi_put(cat, "Metadata", meta);
    static const unsigned char blob[4000] = { 1, 2, 3 };
    pp_pobj *z = pp_pdfi_stream(pdf, blob, sizeof blob, true);   /* libharu's own FlateDecode */
    pp_pdfi_put_int(z, "N", 3);
    pp_pdfi_put(cat, "PPTestBlob", z);
    if (late_marker) {
        pp_pobj *l = pp_pdfi_stream(pdf, NULL, 0, false);
        pp_pdfi_put_name(l, "PPTest", "Late");
        pp_pdfi_put_int(l, "Length1", 0);
        pp_pdfi_put(cat, "PPTestLate", l);
    }
    pp_pobj *ids = pp_pdfi_array(pdf);
    static const unsigned char id[16] = { 0xDE, 0xAD, 0xBE, 0xEF };
    pp_pdfi_push_hex(pdf, ids, id, sizeof id);
    pp_pdfi_push_hex(pdf, ids, id, sizeof id);
    pp_pdfi_put(pp_pdfi_trailer(pdf), "ID", ids);
    if (encrypt) HPDF_SetPassword(pdf, "owner", "user");
    pp_pdfi_set_version(pdf, minor);
    unsigned char *data = NULL;
    *len = 0;
    if (pp_pdfi_save_mem(pdf, &data, len) != 0 || err) { free(data); data = NULL; }
    HPDF_Free(pdf);
    return data;
}

/* The object number of the object whose dict holds `marker`. */
static unsigned long obj_of(const unsigned char *p, size_t n, const char *marker)
{
    const unsigned char *m = find(p, n, marker);
    if (!m) return 0;
    const unsigned char *o = m;
    while (o > p && memcmp(o, " 0 obj", 6) != 0) o--;
    while (o > p && o[-1] >= '0' && o[-1] <= '9') o--;
    return strtoul((const char *)o, NULL, 10);
}

/* A light check of what a reader needs first: the tail points at a cross-reference
 * stream object whose number and /Size agree. */
static int tail_sound(const unsigned char *p, size_t n)
{
    if (n < 32 || memcmp(p + n - 6, "%%EOF\n", 6) != 0) return 0;
    const unsigned char *sx = p + n - 7;
    while (sx > p && memcmp(sx, "startxref\n", 10) != 0) sx--;
    size_t off = strtoul((const char *)sx + 10, NULL, 10);
    if (off >= n) return 0;
    return find(p + off, (size_t)(sx - (p + off)), "/Type/XRef") != NULL;
}

static void test_pack(void)
{
    size_t len;
    unsigned char *raw = make_doc(7, 0, 0, &len);
    OK(raw != NULL, "libharu could not save the test document");
    if (!raw) return;
    unsigned char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    const char *why = NULL;
    pp_pack_stats st;
    INT_EQ(pp_pdf_pack(raw, len, NULL, &a, &alen, &st, &why), 0);
    OK(why == NULL, "why: %s", why ? why : "");
    INT_EQ(pp_pdf_pack(raw, len, NULL, &b, &blen, NULL, &why), 0);
    OK(a && b && alen == blen && memcmp(a, b, alen) == 0, "two packs of the same bytes differ");
    if (!a) { free(raw); free(b); return; }
    OK(alen < len, "packed %zu bytes, libharu wrote %zu", alen, len);
    OK(a[alen] == 0, "a NUL after the packed bytes (pp_buf takes them over)");
    OK(memcmp(a, "%PDF-1.7\n", 9) == 0, "header");
    OK(tail_sound(a, alen), "tail");
    OK(st.objstms >= 1 && st.packed >= 5, "packed %zu objects in %zu streams", st.packed, st.objstms);
    INT_EQ(st.deflated, 2);    /* the two content streams; XMP stays raw, the blob was deflated by libharu */
    INT_EQ(st.dropped, 4);     /* every stream's /Length object */
    OK(find(a, alen, "/Type/ObjStm") && find(a, alen, "/Type/XRef"), "no object or xref stream");
    OK(!find(a, alen, "\nxref\n") && !find(a, alen, "\ntrailer\n"), "a classic xref table is left");
    OK(find(a, alen, "pack-test-metadata") != NULL, "XMP no longer readable as it is");
    OK(find(a, alen, "/Type /Pages") != NULL, "page tree root not written as libharu did");

    /* fewer objects per object stream: the same document, more streams */
    pp_pack_opts o = pp_pack_defaults;
    o.per_objstm = 2;
    unsigned char *c = NULL;
    size_t clen;
    pp_pack_stats st2;
    INT_EQ(pp_pdf_pack(raw, len, &o, &c, &clen, &st2, &why), 0);
    OK(st2.objstms == (st.packed + 1) / 2 && st2.packed == st.packed, "%zu streams for %zu objects", st2.objstms, st2.packed);

    const char *path = tmp_path("pack.pdf"), *path2 = tmp_path("pack2.pdf");
    write_file(path, a, alen);
    write_file(path2, c ? c : a, c ? clen : alen);
    int status;
    if (have_tool("qpdf")) {
        for (int k = 0; k < 2; k++) {
            char cmd[256];
            snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1", k ? path2 : path);
            char *out = run(cmd, &status);
            OK(status == 0 && out && strstr(out, "No syntax or stream encoding errors") && !strstr(out, "WARNING"),
               "qpdf --check: %s", out ? out : "");
            free(out);
        }
        char cmd[256];
        snprintf(cmd, sizeof cmd, "qpdf --show-object=trailer '%s' 2>&1", path);
        char *out = run(cmd, &status);
        OK(out && strstr(out, "/ID [ <deadbeef") && strstr(out, "/Root 1 0 R"), "trailer: %s", out ? out : "");
        free(out);
    } else {
        printf("note: qpdf missing, checks skipped\n");
    }
    if (have_tool("pdftotext")) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
        char *out = run(cmd, &status);
        OK(status == 0 && out && strstr(out, "Hello packer") && strstr(out, "Second page (with parens) \\ here"),
           "pdftotext: %s", out ? out : "");
        free(out);
        snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>&1", path);
        out = run(cmd, &status);
        const char *pages = out ? strstr(out, "Pages:") : NULL;
        OK(status == 0 && out && strstr(out, "Pack (test) \\ title") && pages && atoi(pages + 6) == 2,
           "pdfinfo: %s", out ? out : "");
        free(out);
    } else {
        printf("note: poppler missing, checks skipped\n");
    }
    unlink(path);
    unlink(path2);
    free(raw);
    free(a);
    free(b);
    free(c);
}

/* ---- late streams ------------------------------------------------------------------ */

static const unsigned char LATE_DATA[] = "late stream data";

static int late_ok(void *ctx, unsigned long obj, pp_pack_late *out)
{
    (void)obj;
    (*(int *)ctx)++;
    out->data = LATE_DATA;
    out->len = sizeof LATE_DATA - 1;
    out->set_key = "/Length1";
    out->set_value = 42;
    return 0;
}

static int late_fails(void *ctx, unsigned long obj, pp_pack_late *out)
{
    (void)ctx; (void)obj; (void)out;
    return -1;
}

static void test_late(void)
{
    size_t len;
    unsigned char *raw = make_doc(7, 0, 1, &len);
    OK(raw != NULL, "libharu could not save the test document");
    if (!raw) return;
    unsigned long late = obj_of(raw, len, "/PPTest /Late");
    OK(late > 0, "marker not found");
    int calls = 0;
    pp_pack_opts o = pp_pack_defaults;
    o.late = &late;
    o.nlate = 1;
    o.late_fn = late_ok;
    o.late_ctx = &calls;
    unsigned char *a = NULL;
    size_t alen = 0;
    const char *why = NULL;
    INT_EQ(pp_pdf_pack(raw, len, &o, &a, &alen, NULL, &why), 0);
    INT_EQ(calls, 1);
    OK(a && find(a, alen, "/Length1 42") && !find(a, alen, "/Length1 0") && find(a, alen, "late stream data"),
       "late stream not written as given");
    if (a && have_tool("qpdf")) {
        const char *path = tmp_path("late.pdf");
        write_file(path, a, alen);
        char cmd[256];
        int status;
        snprintf(cmd, sizeof cmd, "qpdf --show-object=%lu --raw-stream-data '%s' 2>&1", late, path);
        char *out = run(cmd, &status);
        OK(status == 0 && out && strcmp(out, "late stream data") == 0, "late stream reads back as %s", out ? out : "");
        free(out);
        snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1", path);
        out = run(cmd, &status);
        OK(status == 0 && out && !strstr(out, "WARNING"), "qpdf --check: %s", out ? out : "");
        free(out);
        unlink(path);
    }
    free(a);

    o.late_fn = late_fails;   /* its maker failed: no file */
    a = NULL;
    OK(pp_pdf_pack(raw, len, &o, &a, &alen, NULL, &why) != 0 && a == NULL && why, "a failed late stream was packed");
    unsigned long not_empty = obj_of(raw, len, "/Type /Metadata");
    o.late = &not_empty;
    o.late_fn = late_ok;
    OK(pp_pdf_pack(raw, len, &o, &a, &alen, NULL, &why) != 0 && why, "a stream with data was taken as late");
    unsigned long none = 100000;
    o.late = &none;
    OK(pp_pdf_pack(raw, len, &o, &a, &alen, NULL, &why) != 0, "a late object that does not exist was accepted");
    free(raw);
}

/* ---- what is not libharu's ----------------------------------------------------------- */

static void test_refuses(void)
{
    size_t len;
    unsigned char *out = NULL;
    size_t out_len = 99;
    const char *why = NULL;
    unsigned char *old = make_doc(4, 0, 0, &len);
    OK(old && pp_pdf_pack(old, len, NULL, &out, &out_len, NULL, &why) != 0 && why && strstr(why, "1.5"),
       "PDF 1.4 packed (%s)", why ? why : "");
    OK(out == NULL && out_len == 0, "output left after a failure");
    free(old);
    unsigned char *enc = make_doc(7, 1, 0, &len);
    OK(enc && pp_pdf_pack(enc, len, NULL, &out, &out_len, NULL, &why) != 0 && why, "an encrypted file was packed");
    free(enc);
    static const unsigned char junk[100] = "%PDF-1.7\n";
    OK(pp_pdf_pack(junk, sizeof junk, NULL, &out, &out_len, NULL, &why) != 0, "junk packed");
    OK(pp_pdf_pack(junk, 0, NULL, &out, &out_len, NULL, &why) != 0, "nothing packed");
    OK(pp_pdf_pack(NULL, 10, NULL, &out, &out_len, NULL, &why) != 0, "NULL packed");
    pp_pack_opts bad = pp_pack_defaults;
    bad.level = 13;
    size_t dlen;
    unsigned char *doc = make_doc(7, 0, 0, &dlen);
    OK(doc && pp_pdf_pack(doc, dlen, &bad, &out, &out_len, NULL, &why) != 0, "level 13 accepted");
    free(doc);
}

/* Every truncation, and byte mutations everywhere (more where the structure is):
 * an error or a sound tail, never a crash or a read out of bounds. */
static void test_robust(void)
{
    size_t len;
    unsigned char *raw = make_doc(7, 0, 1, &len);
    if (!raw) return;
    unsigned long late = obj_of(raw, len, "/PPTest /Late");
    int calls = 0;
    pp_pack_opts o = pp_pack_defaults;
    o.late = &late;
    o.nlate = 1;
    o.late_fn = late_ok;
    o.late_ctx = &calls;
    unsigned char *m = malloc(len), *out;
    size_t out_len;
    const char *why;
    int accepted_bad = 0, accepted = 0, tried = 0, xref_checked = 0;
    int qpdf = have_tool("qpdf");
    for (size_t n = 0; n < len; n++) {
        if (pp_pdf_pack(raw, n, &o, &out, &out_len, NULL, &why) == 0) { accepted_bad++; free(out); }
    }
    INT_EQ(accepted_bad, 0);
    static const unsigned char vals[] = { '0', '9', ' ', '\n', '/', '(', ')', '<', '>', '[', ']', 'R', '\\', '%', 0, 0xFF };
    uint32_t seed = 12345;
    for (size_t k = 0; k < 3 * len; k++) {
        size_t pos;
        unsigned char v;
        if (k < len) {
            pos = k;
            v = vals[k % sizeof vals];
        } else {
            seed = seed * 1103515245u + 12345u;
            pos = (seed >> 8) % len;
            if (k % 2) pos = len - 1 - pos % (len / 3);   /* the tail: xref and trailer */
            v = vals[(seed >> 4) % sizeof vals];
        }
        if (raw[pos] == v) continue;
        memcpy(m, raw, len);
        m[pos] = v;
        tried++;
        if (pp_pdf_pack(m, len, &o, &out, &out_len, NULL, &why) == 0) {
            accepted++;
            if (!tail_sound(out, out_len)) accepted_bad++;
            if (qpdf && accepted % 97 == 0) {   /* a reader finds every object where the xref says */
                const char *path = tmp_path("mut.pdf");
                write_file(path, out, out_len);
                int status;
                char cmd[256];
                snprintf(cmd, sizeof cmd, "qpdf --show-xref '%s' 2>&1", path);
                char *r = run(cmd, &status);
                OK(status == 0 && r && !strstr(r, "WARNING") && !strstr(r, "rror"), "mutation at %zu: %s", pos, r ? r : "");
                free(r);
                unlink(path);
                xref_checked++;
            }
            free(out);
        } else if (!why) {
            accepted_bad++;
        }
    }
    INT_EQ(accepted_bad, 0);
    printf("robustness: %zu truncations refused; %d mutations, %d accepted (bytes inside values or data), "
           "%d of those read back by qpdf\n", len, tried, accepted, xref_checked);
    free(m);
    free(raw);
}

/* The writer makes the largest font on the calling thread while a second one writes
 * the document, and pdf_pack fetches its streams last: the bytes must be the same as
 * with one thread, where the save makes the font itself. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char *p = malloc(4 << 20);
    *n = fread(p, 1, 4 << 20, f);
    fclose(f);
    return p;
}

static void test_threads(void)
{
    const char *src = "samples/bsmi-tainan-110-report.xml";
    if (access(src, R_OK) != 0) { printf("note: %s missing, thread check skipped\n", src); return; }
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    unsigned char *got[2] = { NULL, NULL };
    size_t n[2] = { 0, 0 };
    for (int one = 0; one < 2; one++) {
        char out[128];
        snprintf(out, sizeof out, "%s", tmp_path(one ? "threads_1.pdf" : "threads_0.pdf"));
        pp_diag d;
        pp_diag_init(&d, stderr);
        pp_render_opts o = { .one_thread = one };
        pp_render_stats st;
        INT_EQ(pp_render_file(src, out, &o, &d, &st), 0);
        got[one] = slurp(out, &n[one]);
        OK(got[one] && n[one] > 100000 && n[one] <= 614400, "%s: %zu bytes", out, n[one]);
        unlink(out);
    }
    OK(got[0] && got[1] && n[0] == n[1] && memcmp(got[0], got[1], n[0]) == 0,
       "two threads and one give different bytes (%zu, %zu)", n[0], n[1]);
    /* a batch worker's way: faces kept, so the second render reuses the font programs
     * the first made (the same glyphs); the bytes are the same again */
    for (int k = 0; k < 2; k++) {
        const char *out = tmp_path("kept.pdf");
        pp_diag d;
        pp_diag_init(&d, stderr);
        pp_render_opts o = { .one_thread = true, .keep_fonts = true };
        INT_EQ(pp_render_file(src, out, &o, &d, NULL), 0);
        size_t kn = 0;
        unsigned char *kb = slurp(out, &kn);
        OK(kb && got[0] && kn == n[0] && memcmp(kb, got[0], kn) == 0, "kept faces, render %d: other bytes", k + 1);
        free(kb);
        unlink(out);
    }
    pp_render_release_fonts();
    free(got[0]);
    free(got[1]);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
    test_pack();
    test_late();
    test_refuses();
    test_robust();
    test_threads();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "note: %s left behind\n", tmpdir);
    return pp_test_summary();
}
