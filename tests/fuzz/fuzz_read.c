#define _POSIX_C_SOURCE 200809L
/* Fuzz target over read -> check -> resolve -> lower -> layout, with no file
 * output. Built as a libFuzzer target with -DPP_FUZZ=ON under clang; the replay
 * driver (replay.c) runs the same function over corpus/ in every build. */
#include "diag.h"
#include "fonts.h"
#include "layout.h"
#include "lower.h"
#include "resolve.h"
#include "rules.h"
#include "template.h"
#include "xml_read.h"
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Fonts and templates are loaded once: opening TW-Kai per input would dominate. */
static pp_template *templates[PP_KIND__COUNT];
static pp_fonts *fonts;

static void cleanup(void)
{
    pp_fonts_free(fonts);
    for (int k = 0; k < PP_KIND__COUNT; k++) pp_template_free(templates[k]);
    pp_xml_read_cleanup();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char schema[PATH_MAX];
    pp_diag d;
    pp_diag_init(&d, NULL);
    if (!schema[0]) {
        snprintf(schema, sizeof schema, "%s/document.rng", pp_template_dir());
        for (int k = 0; k < PP_KIND__COUNT; k++) templates[k] = pp_template_load(NULL, (pp_kind)k, &d);
        if (templates[0]) fonts = pp_fonts_open(templates[0], &d);
        atexit(cleanup);
    }
    pp_doc *doc = pp_xml_read_memory((const char *)data, size, "fuzz.xml", schema, &d);
    if (!doc) return 0;
    pp_template *t = templates[doc->kind];
    if (t && fonts) {
        pp_resolve(doc, t);
        pp_rules_check(doc, t, &d);
        pp_blocks blocks;
        if (pp_lower(doc, t, &blocks, &d) == 0) {
            pp_setter s = { .t = t, .fonts = fonts, .d = &d, .file = doc->file };
            pp_pages pages;
            pp_layout(&blocks, &s, &pages);
            pp_pages_free(&pages);
        }
        pp_blocks_free(&blocks);
    }
    pp_doc_free(doc);
    return 0;
}
