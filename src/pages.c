#include "pages.h"
#include <stdlib.h>
#include <string.h>

void pp_pages_release(pp_pages *p)
{
    for (size_t i = 0; i < p->n; i++) {
        for (size_t k = 0; k < p->v[i].nruns; k++) free(p->v[i].runs[k].text);
        free(p->v[i].runs);
        free(p->v[i].rules);
        free(p->v[i].fills);
    }
    free(p->v);
    for (size_t i = 0; i < p->nmarks; i++) free(p->marks[i].title);
    free(p->marks);
    memset(p, 0, sizeof *p);
}
