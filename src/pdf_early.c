#include "pdf_early.h"
#include "pdf_subset.h"
#include "xalloc.h"
#include <pthread.h>
#include <stdlib.h>

/* The programs kept with the faces, most recent first: a batch of one template's
 * documents alternates between few glyph sets, if it repeats any; the small faces'
 * programs are a few KB. */
enum { KEEP = 24 };
_Static_assert((int)KEEP > (int)PP_MAX_FACES, "a document's own programs are never evicted");
typedef struct kept {
    pp_subset *v[KEEP];
    bool busy[KEEP];     /* used by the document being made: not to be evicted */
    int n;
} kept;

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
    int face;                            /* the largest face: its job runs on th */
    pp_subset *job[PP_MAX_FACES];        /* per face, owned by the kept list */
    kept *k;
    pthread_t th;
    bool threaded;
};

static void *run(void *arg)
{
    pp_subset_run(arg);
    return NULL;
}

static void move_front(kept *k, int i)
{
    pp_subset *s = k->v[i];
    bool b = k->busy[i];
    for (int j = i; j > 0; j--) { k->v[j] = k->v[j - 1]; k->busy[j] = k->busy[j - 1]; }
    k->v[0] = s;
    k->busy[0] = b;
}

/* The job for these characters of this face: one kept from a document with the same
 * glyphs (already made, so nothing to run), else a new one, kept from now on. */
static pp_subset *job_for(kept *k, hb_face_t *face, const pp_cpset *set)
{
    pp_subset *s = pp_subset_new(face);
    if (!s) return NULL;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slot[i]) pp_subset_add_char(s, set->slot[i] - 1);
    for (int i = 0; i < k->n; i++) {
        if (k->busy[i] || !pp_subset_same(k->v[i], s)) continue;
        pp_subset_run(k->v[i]);   /* done already: the document before made it */
        if (pp_subset_program(k->v[i], NULL, NULL, NULL, NULL) != PP_SUBSET_OK) continue;
        pp_subset_free(s);
        k->busy[i] = true;
        move_front(k, i);
        return k->v[0];
    }
    if (k->n == KEEP) {   /* the least recent not in use goes */
        int i = KEEP - 1;
        while (k->busy[i]) i--;   /* at most PP_MAX_FACES are busy */
        pp_subset *old = k->v[i];
        for (int j = i; j < k->n - 1; j++) { k->v[j] = k->v[j + 1]; k->busy[j] = k->busy[j + 1]; }
        k->n--;
        pp_subset_cancel(old);
        pp_subset_run(old);
        pp_subset_free(old);
    }
    k->v[k->n] = s;
    k->busy[k->n] = true;
    k->n++;
    move_front(k, k->n - 1);
    return s;
}

pp_pdf_early *pp_pdf_early_start(const pp_glyphs *g, pp_fonts *fonts, bool one_thread)
{
    int largest = pp_glyphs_largest(g);
    if (largest < 0 || largest >= pp_fonts_count(fonts)) return NULL;
    kept *k = pp_fonts_attachment(fonts);
    if (!k) {
        k = pp_xcalloc(1, sizeof *k);
        pp_fonts_set_attachment(fonts, k, kept_free);
    }
    pp_pdf_early *e = pp_xcalloc(1, sizeof *e);
    e->face = largest;
    e->k = k;
    e->job[largest] = job_for(k, pp_face_hb(pp_fonts_face(fonts, largest)), &g->face[largest]);
    if (!e->job[largest]) { free(e); return NULL; }
    if (!one_thread && pthread_create(&e->th, NULL, run, e->job[largest]) == 0) e->threaded = true;
    /* the other faces' programs are small: made by the save, or kept from before */
    for (int f = 0; f < g->nfaces && f < PP_MAX_FACES && f < pp_fonts_count(fonts); f++)
        if (f != largest && g->face[f].n)
            e->job[f] = job_for(k, pp_face_hb(pp_fonts_face(fonts, f)), &g->face[f]);
    return e;
}

int pp_pdf_early_face(const pp_pdf_early *e) { return e ? e->face : -1; }

struct pp_subset *pp_pdf_early_job(pp_pdf_early *e, int face)
{
    return e && face >= 0 && face < PP_MAX_FACES ? e->job[face] : NULL;
}

void pp_pdf_early_free(pp_pdf_early *e)
{
    if (!e) return;
    for (int f = 0; f < PP_MAX_FACES; f++)
        pp_subset_cancel(e->job[f]);   /* not started by now: nobody is going to need it */
    if (e->threaded) pthread_join(e->th, NULL);
    kept *k = e->k;
    for (int i = 0; i < k->n;) {
        k->busy[i] = false;
        if (pp_subset_program(k->v[i], NULL, NULL, NULL, NULL) != PP_SUBSET_CANCELLED) { i++; continue; }
        pp_subset_free(k->v[i]);   /* never made: nothing to keep */
        for (int j = i; j < k->n - 1; j++) { k->v[j] = k->v[j + 1]; k->busy[j] = k->busy[j + 1]; }
        k->n--;
    }
    free(e);
}
