#include "pdf_early.h"
#include "pdf_subset.h"
#include "xalloc.h"
#include <pthread.h>
#include <stdlib.h>

/* The programs kept with the faces, most recent first. A few: a batch of one
 * template's documents alternates between very few glyph sets, if it repeats any. */
enum { KEEP = 8 };
typedef struct kept { pp_subset *v[KEEP]; int n; } kept;

static void kept_free(void *p)
{
    kept *k = p;
    for (int i = 0; i < k->n; i++) {
        pp_subset_cancel(k->v[i]);
        pp_subset_run(k->v[i]);   /* waits for a running one */
        pp_subset_free(k->v[i]);
    }
    free(k);
}

struct pp_pdf_early {
    int face;
    pp_subset *job;      /* owned by the kept list */
    pthread_t th;
    bool threaded;
};

static void *run(void *arg)
{
    pp_subset_run(arg);
    return NULL;
}

pp_pdf_early *pp_pdf_early_start(const pp_glyphs *g, pp_fonts *fonts, bool one_thread)
{
    int face = pp_glyphs_largest(g);
    if (face < 0 || face >= pp_fonts_count(fonts)) return NULL;
    pp_subset *s = pp_subset_new(pp_face_hb(pp_fonts_face(fonts, face)));
    if (!s) return NULL;
    const pp_cpset *set = &g->face[face];
    for (size_t i = 0; i < set->cap; i++)
        if (set->slot[i]) pp_subset_add_char(s, set->slot[i] - 1);

    kept *k = pp_fonts_attachment(fonts);
    if (!k) {
        k = pp_xcalloc(1, sizeof *k);
        pp_fonts_set_attachment(fonts, k, kept_free);
    }
    pp_pdf_early *e = pp_xcalloc(1, sizeof *e);
    e->face = face;
    for (int i = 0; i < k->n; i++) {
        if (!pp_subset_same(k->v[i], s)) continue;
        pp_subset *hit = k->v[i];
        pp_subset_run(hit);   /* done already: the document before made it */
        if (pp_subset_program(hit, NULL, NULL, NULL, NULL) != PP_SUBSET_OK) break;
        for (int j = i; j > 0; j--) k->v[j] = k->v[j - 1];
        k->v[0] = hit;
        pp_subset_free(s);
        e->job = hit;
        return e;
    }
    if (k->n == KEEP) {   /* the oldest goes */
        pp_subset *old = k->v[--k->n];
        pp_subset_run(old);
        pp_subset_free(old);
    }
    for (int j = k->n; j > 0; j--) k->v[j] = k->v[j - 1];
    k->v[0] = s;
    k->n++;
    e->job = s;
    if (!one_thread && pthread_create(&e->th, NULL, run, s) == 0) e->threaded = true;
    return e;
}

int pp_pdf_early_face(const pp_pdf_early *e) { return e ? e->face : -1; }
struct pp_subset *pp_pdf_early_job(pp_pdf_early *e) { return e ? e->job : NULL; }

void pp_pdf_early_free(pp_pdf_early *e)
{
    if (!e) return;
    pp_subset_cancel(e->job);   /* not started by now: nobody is going to need it */
    if (e->threaded) pthread_join(e->th, NULL);
    free(e);
}
