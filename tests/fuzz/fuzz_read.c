#define _POSIX_C_SOURCE 200809L
/* Fuzz target over the whole pipeline — read, check, lower, lay out and write
 * the PDF, then the same input as an .odt package (every input under 64 KiB,
 * every other one above) — through the in-memory entry
 * point every front end shares (pp_render_memory). Built as a libFuzzer target
 * with -DPP_FUZZ=ON under clang; the replay driver (replay.c) runs the same
 * function over corpus/ in every build.
 *
 * What it asserts besides "no crash, no sanitizer report": a render that
 * succeeds made a whole file (a PDF from %PDF- to %%EOF, a zip package that
 * starts with its mimetype member), one that fails reported an error, and the
 * two formats agree on whether the document can be made (they share every stage
 * before the writer). PP_FUZZ_DIAG=1 in the environment prints the messages to
 * stderr and the outcome per input, to see where inputs stop. */
#include "buf.h"
#include "diag.h"
#include "render.h"
#include "xml_read.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cleanup(void)
{
    pp_render_release_fonts();
    pp_xml_read_cleanup();
}

static bool ends_with(const pp_buf *b, const char *tail)
{
    size_t n = strlen(tail);
    if (b->len < n) return false;
    /* a PDF may end with %%EOF and one end-of-line */
    for (size_t cut = 0; cut <= 2 && cut + n <= b->len; cut++)
        if (memcmp(b->data + b->len - cut - n, tail, n) == 0) return true;
    return false;
}

static int render(const uint8_t *data, size_t size, pp_render_format fmt, bool verbose, pp_buf *out)
{
    pp_diag d;
    pp_diag_init(&d, verbose ? stderr : NULL);
    d.max_messages = verbose ? 20 : 0;
    /* the faces stay open across inputs (as in a batch worker): opening TW-Kai per
     * input would dominate; one thread, so that a crash is in the fuzzer's own */
    pp_render_opts o = { .format = fmt, .keep_fonts = true, .one_thread = true };
    int rc = pp_render_memory((const char *)data, size, "fuzz.xml", &o, &d, out, NULL);
    if (rc != 0 && d.errors == 0) {
        fprintf(stderr, "fuzz: the render failed without an error message\n");
        abort();
    }
    if (rc == 0 && d.errors != 0) {
        fprintf(stderr, "fuzz: the render succeeded after %d error(s)\n", d.errors);
        abort();
    }
    return rc;
}

/* FNV-1a over the input */
static uint32_t hash(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 16777619u;
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int once;
    static bool verbose;
    if (!once) {
        once = 1;
        atexit(cleanup);
        const char *v = getenv("PP_FUZZ_DIAG");
        verbose = v && *v && strcmp(v, "0") != 0;
    }
    pp_buf pdf = PP_BUF_INIT, odt = PP_BUF_INIT;
    int rc_pdf = render(data, size, PP_FORMAT_PDF, verbose, &pdf);
    if (rc_pdf == 0 && (pdf.len < 64 || memcmp(pdf.data, "%PDF-", 5) != 0 || !ends_with(&pdf, "%%EOF"))) {
        fprintf(stderr, "fuzz: a render that succeeded made no whole PDF (%zu bytes)\n", pdf.len);
        abort();
    }
    /* the ODT only for a source that made a PDF (what fails, fails before the
     * writer), and, past 64 KiB, for every other input (by a hash of its bytes, so
     * that a crash reproduces): a render of a large input costs seconds in this build */
    int rc_odt = -1;
    if (rc_pdf == 0 && (size < 65536 || (hash(data, size) & 1))) {
        rc_odt = render(data, size, PP_FORMAT_ODT, false, &odt);
        if (rc_odt != 0) {
            fprintf(stderr, "fuzz: the PDF was made but not the ODT\n");
            abort();
        }
        if (odt.len < 64 || memcmp(odt.data, "PK\3\4", 4) != 0 ||
            memcmp(odt.data + 30, "mimetype", 8) != 0) {
            fprintf(stderr, "fuzz: a render that succeeded made no ODF package (%zu bytes)\n", odt.len);
            abort();
        }
    }
    if (verbose)
        fprintf(stderr, "fuzz: %zu bytes in: %s\n", size,
                rc_pdf != 0 ? "refused" : rc_odt == 0 ? "PDF and ODT made" : "PDF made");
    if (verbose && rc_pdf == 0) fprintf(stderr, "fuzz: PDF %zu bytes, ODT %zu bytes\n", pdf.len, odt.len);
    pp_buf_release(&pdf);
    pp_buf_release(&odt);
    return 0;
}
