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

/* A column left blank for handwriting is at least this wide, text ems. */
#define BLANK_EM 4
/* A column whose widest line is at most this wide (text ems: 114年12月, 社會救助科)
 * keeps it on one line even when the wider short columns cannot. */
#define SMALL_EM 6
/* ... and then the others keep this many characters a line where the room allows. */
#define COMFORT_EM 4

/* Room for every automatic column between its minimum (lo) and its widest line
 * (hi), when not all fit on their widest lines. A short column -- one whose
 * widest line is at most a quarter of the room, a header such as 業務單位 or a
 * unit name -- keeps its one-line width when the others can still have their
 * minimum; the others share what is left in proportion to their widest lines
 * (their amount of text), each at least its minimum. Sharing by hi - lo
 * instead, as browsers do, lets one long paragraph take nearly all of it. */
static void share(const pp_table *t, int n, const double *lo, const double *hi, double room, double width, double small,
                  double comfort, double *out)
{
    bool fixed[PP_MAX_COLUMNS] = { 0 };
    double left = room;
    double need_long = 0;
    for (int i = 0; i < n; i++) if (t->widths[i] <= 0 && hi[i] > room / 4) need_long += lo[i];
    double short_sum = 0;
    for (int i = 0; i < n; i++) if (t->widths[i] <= 0 && hi[i] <= room / 4) short_sum += hi[i];
    bool keep_short = short_sum + need_long <= room && need_long > 0;
    for (int i = 0; i < n; i++) {
        if (t->widths[i] > 0) { out[i] = t->widths[i] * width; fixed[i] = true; continue; }
        if (keep_short && hi[i] <= room / 4) { out[i] = hi[i]; fixed[i] = true; left -= hi[i]; }
    }
    /* Too many short columns for all to keep one line (a seven-column table): the
     * smallest -- a date, a unit, a score, at most `small` wide -- still do, the
     * narrowest first, while every other column can have its minimum. */
    double floor_[PP_MAX_COLUMNS];   /* what a column is held at in the sharing below */
    for (int i = 0; i < n; i++) floor_[i] = lo[i];
    bool squeezed = !keep_short && need_long > 0;
    /* there, every other column keeps a few characters a line where it can
     * (comfort: its widest line if shorter), so that no 執行項目 is set one
     * character a line beside them */
    if (squeezed) {
        double held[PP_MAX_COLUMNS], sum = 0;
        for (int i = 0; i < n; i++) {
            double want = hi[i] < comfort ? hi[i] : comfort;
            held[i] = want > lo[i] ? want : lo[i];
            if (!fixed[i]) sum += held[i];
        }
        if (sum <= left)
            for (int i = 0; i < n; i++) if (!fixed[i]) floor_[i] = held[i];
    }
    for (bool more = squeezed; more;) {
        more = false;
        int best = -1;
        for (int i = 0; i < n; i++)
            if (!fixed[i] && hi[i] <= small && hi[i] <= room / 4 && (best < 0 || hi[i] < hi[best])) best = i;
        if (best < 0) break;
        double rest = 0;
        for (int i = 0; i < n; i++) if (!fixed[i] && i != best) rest += floor_[i];
        if (hi[best] + rest > left) break;
        out[best] = hi[best];
        fixed[best] = true;
        left -= hi[best];
        more = true;
    }
    /* the rest in proportion to hi, those that would fall below lo held at lo */
    for (int pass = 0; pass < PP_MAX_COLUMNS; pass++) {
        double weight = 0;
        for (int i = 0; i < n; i++) if (!fixed[i]) weight += hi[i];
        if (weight <= 0) break;
        bool clamped = false;
        for (int i = 0; i < n; i++) {
            if (fixed[i]) continue;
            out[i] = left * hi[i] / weight;
            if (out[i] < floor_[i]) { out[i] = floor_[i]; fixed[i] = true; left -= floor_[i]; clamped = true; }
        }
        if (!clamped) break;
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
            if (t->col_blank[i] && lo[i] < BLANK_EM * em + 2 * pad) lo[i] = BLANK_EM * em + 2 * pad;
            if (lo[i] < one) lo[i] = one;
            if (hi[i] < lo[i]) hi[i] = lo[i];
            sum_lo += lo[i];
            sum_hi += hi[i];
        }
        if (sum_hi <= room) {
            for (int i = 0; i < n; i++)   /* all fit on their widest lines: share the rest */
                out[i] = t->widths[i] > 0 ? t->widths[i] * width : hi[i] + (room - sum_hi) * hi[i] / sum_hi;
        } else if (sum_lo <= room) {
            share(t, n, lo, hi, room, width, SMALL_EM * em + 2 * pad, COMFORT_EM * em + 2 * pad, out);
        } else {
            for (int i = 0; i < n; i++) out[i] = t->widths[i] > 0 ? t->widths[i] * width : -1;   /* too wide: below */
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
         * rounding takes goes to one of them, so the table keeps its width: a column
         * left blank, else one whose cells all fit on one line (nothing there is
         * spread), else the widest (its justified lines take the fraction of an em) */
        double spill = 0;
        int widest = -1, blank = -1, oneline = -1;
        for (int i = 0; i < n; i++) {
            if (t->widths[i] > 0) continue;
            double text = out[i] - 2 * pad;
            double whole = floor(text / em + 1e-6) * em;
            if (whole < em) whole = em;
            /* never below the column's minimum (its widest word): up to the grid instead */
            if (whole + 2 * pad < lo[i] - 1e-6 && rc == 0) whole = ceil((lo[i] - 2 * pad) / em - 1e-6) * em;
            spill += text - whole;
            out[i] = whole + 2 * pad;
            if (widest < 0 || out[i] > out[widest]) widest = i;
            if (t->col_blank[i] && blank < 0) blank = i;
            if (hi[i] <= out[i] + 1e-6 && (oneline < 0 || out[i] > out[oneline])) oneline = i;
        }
        int to = blank >= 0 ? blank : oneline >= 0 ? oneline : widest;
        if (to >= 0) out[to] += spill;
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
