/* Unit test of src/pdf_early.c: the font programs readied from a glyph set before
 * layout, per face; the largest face's run on a thread of its own (or left to the
 * save with one_thread), kept with the faces for the next document with exactly the
 * same glyphs of the same face, never for other glyphs; jobs nobody ran are not
 * kept; a full list drops the oldest. With the plan template's installed fonts. */
#define _POSIX_C_SOURCE 200809L
#include "pdf_early.h"
#include "pdf_subset.h"
#include "utf8.h"
#include "harness.h"
#include <string.h>

static void add(pp_glyphs *g, int face, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, n - i, &cp);
        pp_cpset_add(&g->face[face], cp);
    }
    if (face >= g->nfaces) g->nfaces = face + 1;
}

int main(void)
{
    pp_diag d;
    pp_diag_init(&d, stderr);
    pp_template *t = pp_template_load("plan", NULL, &d);
    pp_fonts *f = t ? pp_fonts_open(t, &d) : NULL;
    OK(t && f, "plan template and its fonts");
    if (!f) return 1;
    int latin = pp_fonts_pick(f, 'a', PP_TS_BODY);
    OK(latin > 0, "a Latin face");

    pp_glyphs g;
    memset(&g, 0, sizeof g);
    g.nfaces = pp_fonts_count(f);
    add(&g, 0, "經濟部標準檢驗局臺南分局");
    add(&g, latin, "abc");

    /* one thread: nothing runs until asked; a job nobody ran is dropped */
    pp_pdf_early *e = pp_pdf_early_start(&g, f, true);
    OK(e != NULL, "started");
    INT_EQ(pp_pdf_early_face(e), 0);
    pp_subset *j0 = pp_pdf_early_job(e, 0), *jl = pp_pdf_early_job(e, latin);
    OK(j0 && jl && j0 != jl, "a job per face with glyphs");
    OK(pp_pdf_early_job(e, 1) == NULL, "none for a face without glyphs");
    INT_EQ(pp_subset_program(j0, NULL, NULL, NULL, NULL), PP_SUBSET_PENDING);
    INT_EQ(pp_subset_count(j0), 12);                     /* 11 distinct characters and .notdef */
    pp_pdf_early_free(e);

    /* its own thread: the largest face's program is made (the save waits for it, as
     * here); it is kept */
    e = pp_pdf_early_start(&g, f, false);
    j0 = pp_pdf_early_job(e, 0);
    OK(j0 != NULL, "job");
    pp_subset_run(j0);
    pp_pdf_early_free(e);                                /* joins the thread */
    INT_EQ(pp_subset_program(j0, NULL, NULL, NULL, NULL), PP_SUBSET_OK);

    /* the same glyphs again: the same program, made already */
    e = pp_pdf_early_start(&g, f, true);
    OK(pp_pdf_early_job(e, 0) == j0, "the kept program is reused");
    INT_EQ(pp_subset_program(pp_pdf_early_job(e, 0), NULL, NULL, NULL, NULL), PP_SUBSET_OK);
    pp_pdf_early_free(e);

    /* one more character: another program */
    add(&g, 0, "府");
    e = pp_pdf_early_start(&g, f, false);
    OK(pp_pdf_early_job(e, 0) != j0, "other glyphs, other program");
    INT_EQ(pp_subset_count(pp_pdf_early_job(e, 0)), 13);
    pp_pdf_early_free(e);

    /* many glyph sets: the list stays bounded (the oldest go), no job is lost in use */
    static const char more[] = "一二三四五六七八九十百千萬億甲乙丙丁戊己庚辛壬癸子丑寅卯";
    for (size_t i = 0; i < strlen(more); i += 3) {
        char one[4] = { more[i], more[i + 1], more[i + 2], 0 };
        add(&g, 0, one);
        e = pp_pdf_early_start(&g, f, false);
        pp_subset *j = pp_pdf_early_job(e, 0);
        pp_subset_run(j);
        OK(pp_subset_program(j, NULL, NULL, NULL, NULL) == PP_SUBSET_OK, "set %zu made", i / 3);
        pp_pdf_early_free(e);
    }
    OK(pp_pdf_early_start(&(pp_glyphs){ .nfaces = g.nfaces }, f, false) == NULL, "nothing to start");

    pp_glyphs_release(&g);
    pp_fonts_free(f);   /* frees the kept programs */
    pp_template_free(t);
    printf("%d passed, %d failed\n", pp_test_passed, pp_test_failed);
    return pp_test_failed ? 1 : 0;
}
