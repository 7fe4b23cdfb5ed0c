#include "blocks.h"
#include <stdlib.h>
#include <string.h>

void pp_para_release(pp_para *p)
{
    free(p->cps);
    free(p->flags);
    free(p->label);
}

void pp_blocks_release(pp_blocks *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->v[i].type == PP_BLOCK_PARA) pp_para_release(&b->v[i].para);
        else if (b->v[i].type == PP_BLOCK_TOC) {
            pp_toc *t = &b->v[i].toc;
            for (size_t k = 0; k < t->n; k++) pp_para_release(&t->v[k].para);
            free(t->v);
        }
        else {
            pp_table *t = &b->v[i].table;
            for (size_t k = 0; k < t->ncells; k++) {
                for (size_t j = 0; j < t->cells[k].npara; j++) pp_para_release(&t->cells[k].paras[j]);
                free(t->cells[k].paras);
            }
            free(t->cells);
        }
    }
    free(b->v);
    free(b->running_header);
    memset(b, 0, sizeof *b);
}
