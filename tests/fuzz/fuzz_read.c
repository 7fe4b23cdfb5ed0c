#define _POSIX_C_SOURCE 200809L
/* Fuzz target over the whole pipeline — read, check, lower, lay out and write
 * the PDF — through the in-memory entry point every front end shares. Built as a
 * libFuzzer target with -DPP_FUZZ=ON under clang; the replay driver (replay.c)
 * runs the same function over corpus/ in every build. */
#include "buf.h"
#include "diag.h"
#include "render.h"
#include "xml_read.h"
#include <stdint.h>
#include <stdlib.h>

static void cleanup(void)
{
    pp_render_release_fonts();
    pp_xml_read_cleanup();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int once;
    if (!once) { once = 1; atexit(cleanup); }
    pp_diag d;
    pp_diag_init(&d, NULL);
    /* the faces stay open across inputs (as in a batch worker): opening TW-Kai per
     * input would dominate; one thread, so that a crash is in the fuzzer's own */
    pp_render_opts o = { .keep_fonts = true, .one_thread = true };
    pp_buf pdf = PP_BUF_INIT;
    if (pp_render_memory((const char *)data, size, "fuzz.xml", &o, &d, &pdf, NULL) == 0 &&
        (pdf.len < 5 || pdf.data[0] != '%'))
        abort();   /* a render that succeeds makes a PDF */
    pp_buf_release(&pdf);
    return 0;
}
