/* floor — what rendering a source cannot do without, timed alone: reading it (parse
 * and schema check, as render's read stage), the fonts (fontconfig and the faces,
 * as its fonts stage), and the largest face's program, subset and deflated, for
 * exactly the glyphs the render prints (pdf_subset, as render's font job). Numbering
 * and lowering run too, untimed, only to know those glyphs. Prints one line:
 *   floor: read MS fonts MS subset MS deflate MS total MS glyphs N bytes N
 * Built and run by bench/typst.sh; not part of planpress. Usage: floor SRC.xml */
#define _POSIX_C_SOURCE 200809L
#include "blocks.h"
#include "clock.h"
#include "diag.h"
#include "fonts.h"
#include "glyphs.h"
#include "lower.h"
#include "pdf_subset.h"
#include "resolve.h"
#include "template.h"
#include "xml_read.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: floor SRC.xml\n"); return 2; }
    pp_diag d;
    pp_diag_init(&d, stderr);
    char schema[4096];
    const char *dir = pp_template_dir(&d);
    if (!dir) return 3;
    snprintf(schema, sizeof schema, "%s/document.rng", dir);

    double t0 = pp_now_ms();
    pp_doc *doc = pp_xml_read(argv[1], schema, &d);
    if (!doc) return 1;
    pp_template *t = pp_template_load(pp_template_for_kind(doc->kind), NULL, &d);
    if (!t) return 1;
    double t1 = pp_now_ms();
    pp_fonts *fonts = pp_fonts_open(t, &d);
    if (!fonts) return 3;
    double t2 = pp_now_ms();

    /* untimed: which glyphs the render prints */
    pp_resolve(doc, t);
    pp_blocks blocks = { 0 };
    if (pp_lower(doc, t, &blocks, &d) != 0) return 1;
    pp_glyphs g;
    pp_glyphs_collect(&blocks, t, fonts, &g);
    int face = pp_glyphs_largest(&g);
    if (face < 0) return 1;
    pp_subset *s = pp_subset_new(pp_face_hb(pp_fonts_face(fonts, face)));
    for (size_t i = 0; i < g.face[face].cap; i++)
        if (g.face[face].slot[i]) pp_subset_add_char(s, g.face[face].slot[i] - 1);

    pp_subset_run(s);
    unsigned long long sub_ns = 0, def_ns = 0;
    pp_subset_take_times(s, &sub_ns, &def_ns);
    size_t len = 0, glyphs = 0;
    if (pp_subset_program(s, NULL, &len, NULL, &glyphs) != PP_SUBSET_OK) return 1;
    double read = t1 - t0, fo = t2 - t1, sub = sub_ns / 1e6, def = def_ns / 1e6;
    printf("floor: read %.2f fonts %.2f subset %.2f deflate %.2f total %.2f glyphs %zu bytes %zu\n",
           read, fo, sub, def, read + fo + sub + def, glyphs, len);
    pp_subset_free(s);
    pp_glyphs_release(&g);
    pp_blocks_release(&blocks);
    pp_fonts_free(fonts);
    pp_template_free(t);
    pp_doc_free(doc);
    return 0;
}
