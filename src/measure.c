#include "measure.h"
#include "fonts.h"
#include "linebreak.h"
#include "xalloc.h"
#include <stdlib.h>

static double advance(pp_setter *s, uint32_t cp, int style, double size)
{
    int f = pp_fonts_pick(s->fonts, cp, style);
    return f < 0 ? size : pp_face_advance(pp_fonts_face(s->fonts, f), cp) * size;
}

void pp_measure_para(pp_setter *s, const pp_para *p, double *min_pt, double *max_pt)
{
    const pp_textstyle *st = &s->t->styles[p->style];
    double size = st->size_pt, glue = s->t->glue_em * size;
    double label = p->label ? pp_measure(s, p->label, (int)p->style, size) : 0;
    double indent = 0;
    for (int k = 0; k < p->nindent; k++) indent += pp_measure(s, p->indent[k], (int)p->style, size);
    uint8_t *brk = pp_xmalloc(p->n + 1);
    pp_linebreak_classify(p->cps, p->n, brk);
    double piece = 0, widest = 0, line = 0, longest = 0;
    for (size_t i = 0; i < p->n; i++) {
        uint32_t cp = p->cps[i];
        bool forced = (p->flags[i] & PP_CF_BREAK_BEFORE) != 0;
        if (i && (forced || brk[i] == PP_BREAK_ALLOWED)) {
            if (piece > widest) widest = piece;
            piece = 0;
        }
        if (i && forced) {
            if (line > longest) longest = line;
            line = 0;
        }
        double a = cp == ' ' ? 0.25 * size : advance(s, cp, (int)p->style, size);
        double g = i && pp_lb_wants_glue(p->cps[i - 1], cp) ? glue : 0;
        piece += a + (piece > 0 ? g : 0);
        line += a + g;
    }
    if (piece > widest) widest = piece;
    if (line > longest) longest = line;
    free(brk);
    /* a short label (a unit's name) is never broken: its width is its minimum */
    if (p->ragged) widest = longest;
    /* the first piece stands after the label; the rest hang under its end */
    *min_pt = indent + label + widest;
    *max_pt = indent + label + longest;
}
