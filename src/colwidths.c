#include "colwidths.h"
#include "measure.h"
#include <math.h>
#include <string.h>

/* What the columns of a table need, measured from their cells: the narrowest
 * each may be (its widest unbreakable piece) and what it would like (its widest
 * line), padding included. A cell spanning several columns shares its needs
 * among them evenly. */
static void needs(pp_setter *s, const pp_table *t, double pad, double *lo, double *hi)
{
    for (int i = 0; i < t->ncols; i++) lo[i] = hi[i] = 0;
    for (size_t k = 0; k < t->ncells; k++) {
        const pp_cell *c = &t->cells[k];
        double mn = 0, mx = 0;
        for (size_t i = 0; i < c->npara; i++) {
            double a, b;
            pp_measure_para(s, &c->paras[i], &a, &b);
            if (a > mn) mn = a;
            if (b > mx) mx = b;
        }
        int span = c->colspan < 1 ? 1 : c->colspan;
        if (c->col + span > t->ncols) span = t->ncols - c->col;
        if (span < 1) continue;
        mn = mn / span + 2 * pad / span;
        mx = mx / span + 2 * pad / span;
        for (int j = c->col; j < c->col + span; j++) {
            if (mn > lo[j]) lo[j] = mn;
            if (mx > hi[j]) hi[j] = mx;
        }
    }
}

int pp_column_widths(pp_setter *s, const pp_table *t, double width, double *out)
{
    const pp_template *tp = s->t;
    double pad = tp->padding_pt, em = tp->styles[PP_TS_TABLE].size_pt;
    double one = em + 2 * pad;              /* every column holds at least one character */
    int n = t->ncols, nauto = 0;
    double given = 0;
    for (int i = 0; i < n; i++) {
        if (t->widths[i] > 0) given += t->widths[i];
        else nauto++;
    }
    int rc = 0;
    if (nauto) {
        double lo[PP_MAX_COLUMNS], hi[PP_MAX_COLUMNS];
        needs(s, t, pad, lo, hi);
        /* what the given columns leave (all of it when none is given) */
        double room = width * (given > 0 && given < 1 ? 1 - given : nauto == n ? 1 : 0);
        if (nauto < n && given >= 1) room = 0;
        double sum_lo = 0, sum_hi = 0;
        for (int i = 0; i < n; i++) {
            if (t->widths[i] > 0) continue;
            if (lo[i] < one) lo[i] = one;
            if (hi[i] < lo[i]) hi[i] = lo[i];
            sum_lo += lo[i];
            sum_hi += hi[i];
        }
        for (int i = 0; i < n; i++) {
            if (t->widths[i] > 0) { out[i] = t->widths[i] * width; continue; }
            if (sum_hi <= room) out[i] = hi[i] + (room - sum_hi) * hi[i] / sum_hi;   /* all fit: share the rest */
            else if (sum_lo <= room) out[i] = lo[i] + (hi[i] - lo[i]) * (room - sum_lo) / (sum_hi - sum_lo);
            else out[i] = -1;                                                     /* too wide: below */
        }
        if (sum_lo > room + 0.5) {
            /* too wide even at the minimum widths: every column gets its fair share
             * of the room (or its need, if less), the rest goes to those needing more */
            rc = 1;
            double fair = room / nauto, left = room, want = 0;
            for (int i = 0; i < n; i++) {
                if (t->widths[i] > 0) continue;
                out[i] = lo[i] < fair ? lo[i] : fair;
                left -= out[i];
                want += lo[i] - out[i];
            }
            for (int i = 0; i < n; i++)
                if (t->widths[i] <= 0 && want > 0) out[i] += (lo[i] - out[i]) / want * left;
        }
        /* the automatic columns on the em grid: text widths of whole characters; what
         * rounding takes goes to the widest of them, so the table keeps its width */
        double spill = 0;
        int widest = -1;
        for (int i = 0; i < n; i++) {
            if (t->widths[i] > 0) continue;
            double text = out[i] - 2 * pad;
            double whole = floor(text / em + 1e-6) * em;
            if (whole < em) whole = em;
            spill += text - whole;
            out[i] = whole + 2 * pad;
            if (widest < 0 || out[i] > out[widest]) widest = i;
        }
        if (widest >= 0) out[widest] += spill;
    } else {
        for (int i = 0; i < n; i++) out[i] = t->widths[i] * width;   /* fractions of the width, as given */
    }
    /* every column at least one character: narrower ones take room from the wide */
    double deficit = 0, spare = 0;
    for (int i = 0; i < n; i++) {
        if (out[i] < one) deficit += one - out[i];
        else spare += out[i] - one;
    }
    if (deficit > 0.01 && spare >= deficit) {
        for (int i = 0; i < n; i++) out[i] = out[i] < one ? one : out[i] - (out[i] - one) * deficit / spare;
        if (!rc) rc = 2;
    }
    return rc;
}
