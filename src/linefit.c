/* linefit — total-fit line breaking (see linefit.h). The paragraph is a row of
 * characters with a break opportunity before each; a line from break a to
 * break b has a natural width and, per kind of gap, room to stretch and to
 * shrink, all read in constant time from prefix sums.
 *
 * Dynamic programming runs from the end of the paragraph back: for every
 * break, the cheapest way to set the rest of the paragraph after it. Lines
 * that need no more than a just-visible spread cost only their existence, so
 * among the cheapest settings there are usually many; the one chosen is the
 * one whose first line is longest, then its second, and so on. The result is
 * therefore the first-fit setting a word processor makes (and the published
 * documents show) wherever that has no fault, and departs from it only as far
 * as a fault — a loose line, a line that cannot reach its measure, a last line
 * of one character — makes necessary.
 *
 * Three passes, each only if the one before found no way through: the
 * ordinary and emergency breaks with lines no looser than a window; the same
 * with any line; and with last-resort breaks inside words as well. If even
 * that fails (a measure narrower than one character), every line takes what
 * fits and at least one character. Where pair gaps may be compressed, the
 * paragraph is set without compression first, and again with it only when
 * that left a line spread. */
#include "linefit.h"
#include "linebreak.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOL 0.01            /* pt: how much wider than its measure a line may be */

static inline double dmax(double a, double b) { return a > b ? a : b; }
static inline double dmin(double a, double b) { return a < b ? a : b; }

/* Costs. A justified line spread by s em per CJK gap costs
 * 100 * ((s - FREE_SPREAD) / SPREAD_REF)^3 beyond a free allowance (0.3 em:
 * 3.7, 0.4 em: 30, 0.5 em: 100, 0.6 em: 237), plus LOOSE_COST beyond the
 * template's max-stretch. A line costs (LINE_COST + badness)^2, a break its
 * penalty squared (TeX's demerits). */
#define SPREAD_REF 0.3      /* em */
#define FREE_SPREAD 0.2     /* em: the spread a kinsoku push leaves in a 6 em line costs nothing */
#define BAD_MAX 1e7
#define LINE_COST 10.0
#define PAIR_COST 40.0      /* per em taken from pair gaps */
#define LOOSE_COST 1000.0   /* a line spread beyond the template's max-stretch */
#define SHORT_COST 3000.0   /* a line that cannot reach its measure (no CJK gap to spread) */
#define PEN_LATIN 50.0      /* an ordinary break inside a Latin run (after '-' or '/') */
#define PEN_EMERGENCY 500.0 /* a preferred place inside a URL or a long number */
#define PEN_ANYWHERE 1000.0 /* a last-resort break inside a word */
#define ORPHAN 3000.0       /* a last line of one character in a measure of 5 em or more */
#define ORPHAN_NARROW 300.0 /* the same in a narrower measure, where it is often the lesser evil */
#define COMPRESS_TRIGGER 0.1 /* em: a line spread more than this is worth compressing pairs for */

/* Pass 1 keeps only lines whose even spacing stays within this window: at most
 * WINDOW_GAP em per CJK gap or WINDOW_MIN em in all, whichever is more. */
#define WINDOW_GAP 0.15
#define WINDOW_MIN 2.0

typedef struct fit {
    const pp_fitchar *c;
    size_t n;
    const pp_fitopts *o;
    bool pairs;                   /* this run may compress pair gaps */
    double free_spread;           /* pt per CJK gap that costs nothing */
    double *A, *G, *SG, *SS;      /* prefix sums: advances, natural gaps, space stretch and shrink */
    uint32_t *NCJ, *NGL, *NPR, *NREAL;  /* prefix counts: CJK gaps, Han–Latin gaps, pair gaps,
                                           characters that count for the one-character test */
    size_t *start, *trim;         /* first printed character after a break; end of the printed
                                     characters before it */
    double *best;                 /* cheapest demerits from a break to the end, or INFINITY */
    size_t *cand, ncand;          /* the breaks this pass may use, ascending, ending with n */
    size_t *reach;                /* per candidate: the last candidate a line through it may end at */
    double *pen;                  /* per break position: its penalty (valid for candidates) */
} fit;

typedef struct lineval {
    bool over;                    /* wider than the measure even shrunk */
    double bad;
    double space_r, glue_r;       /* -1..1: how much of their shrink (<0) or stretch (>0) is used */
    double cjk_extra, pair_cut;   /* pt per gap */
    double slack;                 /* pt the stretch of spaces and gaps does not cover */
    double width;
} lineval;

static void prepare(fit *f)
{
    size_t n = f->n;
    const pp_fitchar *c = f->c;
    const pp_fitopts *o = f->o;
    /* one block: the prefix sums (zeroed: their first entries are 0), then the rest */
    size_t m = n + 1;
    char *block = pp_xmalloc(m * (6 * sizeof(double) + 4 * sizeof(uint32_t) + 4 * sizeof(size_t)));
    f->A = (double *)block;
    f->G = f->A + m;
    f->SG = f->G + m;
    f->SS = f->SG + m;
    f->best = f->SS + m;
    f->pen = f->best + m;
    f->start = (size_t *)(f->pen + m);
    f->trim = f->start + m;
    f->cand = f->trim + m;
    f->reach = f->cand + m;
    f->NCJ = (uint32_t *)(f->reach + m);
    f->NGL = f->NCJ + m;
    f->NPR = f->NGL + m;
    f->NREAL = f->NPR + m;
    f->A[0] = f->G[0] = f->SG[0] = f->SS[0] = 0;
    f->NCJ[0] = f->NGL[0] = f->NPR[0] = f->NREAL[0] = 0;
    for (size_t i = 0; i < n; i++) {
        const pp_fitchar *ch = &c[i];
        f->A[i + 1] = f->A[i] + ch->adv;
        f->G[i + 1] = f->G[i] + ch->glue;
        f->SG[i + 1] = f->SG[i] + (ch->space ? dmax(0, o->space_max - ch->adv) : 0);
        f->SS[i + 1] = f->SS[i] + (ch->space ? dmax(0, ch->adv - o->space_min) : 0);
        f->NCJ[i + 1] = f->NCJ[i] + (i && ch->joint == PP_JOINT_CJK);
        f->NGL[i + 1] = f->NGL[i] + (i && ch->joint == PP_JOINT_GLUE);
        f->NPR[i + 1] = f->NPR[i] + (i && ch->pair);
        f->NREAL[i + 1] = f->NREAL[i] + (!ch->space && !ch->nostart);
    }
    /* a line starts after the spaces at its break and ends before them */
    size_t s = n;
    f->start[n] = n;
    for (size_t i = n; i-- > 0;) {
        if (!c[i].space || c[i].forced) s = i;
        f->start[i] = s;
    }
    size_t e = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i && !c[i - 1].space) e = i;
        f->trim[i] = e;
    }
}

static void release(fit *f)
{
    free(f->A);   /* the whole block */
}

static bool is_last(const fit *f, size_t b)
{
    return b == f->n || f->c[b].forced || f->c[b].soft;
}

/* Whether the printed characters [s, e) are wider than M even shrunk (eval's test, alone). */
static inline bool too_wide(const fit *f, size_t s, size_t e, double M)
{
    const pp_fitopts *o = f->o;
    size_t j = s + 1 < e ? s + 1 : e;
    double gsum = f->G[e] - f->G[j];
    double need = f->A[e] - f->A[s] + gsum - M;
    if (need <= TOL) return false;
    uint32_t ngl = f->NGL[e] - f->NGL[j];
    need -= (f->SS[e] - f->SS[s]) + dmax(0, gsum - ngl * o->glue_min);
    if (need <= TOL) return false;
    uint32_t npr = f->pairs ? f->NPR[e] - f->NPR[j] : 0;
    return need > npr * o->size * 0.5 + TOL;
}

/* The line of printed characters [s, e) set to measure M. */
static lineval eval(const fit *f, size_t s, size_t e, double M, bool last)
{
    const pp_fitopts *o = f->o;
    lineval v = { 0 };
    size_t j = s + 1 < e ? s + 1 : e;          /* gaps are before s+1 .. e-1 */
    double gsum = f->G[e] - f->G[j];
    double W = f->A[e] - f->A[s] + gsum;
    uint32_t ngl = f->NGL[e] - f->NGL[j];
    double sgrow = f->SG[e] - f->SG[s], sshr = f->SS[e] - f->SS[s];
    double ggrow = dmax(0, ngl * o->glue_max - gsum), gshr = dmax(0, gsum - ngl * o->glue_min);
    double d = M - W;
    v.width = W;
    if (d < -TOL) {
        /* too wide: word spaces and Han–Latin gaps give first, then the pair gaps */
        double need = -d, cap = sshr + gshr;
        double r = cap > 0 ? dmin(1, need / cap) : 0;
        v.space_r = v.glue_r = -r;
        need -= r * cap;
        uint32_t npr = f->pairs ? f->NPR[e] - f->NPR[j] : 0;
        if (need > TOL) {
            if (!npr || need > npr * o->size * 0.5 + TOL) { v.over = true; return v; }
            v.pair_cut = need / npr;
            v.bad = PAIR_COST * need / o->size;
        }
        v.width = M;
        return v;
    }
    if (!last && o->justify && d > TOL) {
        /* clreq's order: word spaces, then Han–Latin gaps, each up to its band; the rest evenly */
        double use = dmin(d, sgrow);
        v.space_r = sgrow > 0 ? use / sgrow : 0;
        d -= use;
        use = dmin(d, ggrow);
        v.glue_r = ggrow > 0 ? use / ggrow : 0;
        d -= use;
        if (d > TOL) {
            uint32_t ncj = f->NCJ[e] - f->NCJ[j];
            v.slack = d;
            double per = d / (ncj ? ncj : 1);
            double sp = dmax(0, per - f->free_spread) / o->size / SPREAD_REF;
            v.bad = dmin(BAD_MAX, 100 * sp * sp * sp);
            if (!ncj) v.bad += SHORT_COST;
            else if (per > o->spread_max) v.bad += LOOSE_COST;
            if (ncj) v.cjk_extra = per;
            else { v.width = M - d; return v; }   /* nothing may take the rest: left short */
        }
        v.width = M;
    }
    return v;
}

static bool western_pair(const pp_fitchar *a, const pp_fitchar *b)
{
    /* neither a CJK gap nor a Han–Latin gap between them, and not a word space:
     * a break here is inside a Latin run */
    return !a->space && !b->space && b->joint == PP_JOINT_FIXED && b->glue <= 0;
}

/* The penalty of breaking before b, or a negative value when pass `pass` may not. */
static double penalty(const fit *f, size_t b, int pass)
{
    const pp_fitchar *c = f->c;
    if (b == f->n || c[b].forced || c[b].soft) return 0;
    if (c[b].space) return -1;                  /* breaks come after the spaces */
    if (c[b].brk == PP_BREAK_ALLOWED) return western_pair(&c[b - 1], &c[b]) ? PEN_LATIN : 0;
    if (c[b].brk == PP_BREAK_EMERGENCY) return PEN_EMERGENCY;
    if (pass >= 3 && c[b].anywhere) return PEN_ANYWHERE;
    return -1;
}

/* Demerits of the line from break a to candidate break b, or INFINITY when it
 * is too wide; *stop says that shorter lines (earlier b) need not be tried. */
static double line_cost(const fit *f, size_t a, size_t b, int pass, bool *stop, bool *over)
{
    const pp_fitopts *o = f->o;
    size_t s = f->start[a], e = f->trim[b];
    *stop = *over = false;
    if (s >= e) { *stop = true; return INFINITY; }
    bool last = is_last(f, b);
    lineval v = eval(f, s, e, a == 0 ? o->measure_first : o->measure, last);
    if (v.over) { *over = true; return INFINITY; }
    if (pass == 1 && !last && o->justify) {
        uint32_t ncj = f->NCJ[e] - f->NCJ[s + 1 < e ? s + 1 : e];
        if (v.slack > dmax(WINDOW_GAP * ncj, WINDOW_MIN) * o->size) { *stop = true; return INFINITY; }
    }
    double lc = LINE_COST + v.bad, p = f->pen[b];
    double dem = lc * lc + p * p;
    if (b == f->n && a != 0 && f->NREAL[e] - f->NREAL[s] == 1) {
        double q = o->orphan_matters ? ORPHAN : ORPHAN_NARROW;
        dem += q * q;
    }
    return dem;
}

/* The breaks pass `pass` may use, and for each the last one a line starting
 * before it may reach (the next author's break, or the end). */
static void candidates(fit *f, int pass)
{
    f->ncand = 0;
    for (size_t b = 1; b <= f->n; b++) {
        double p = penalty(f, b, pass);
        if (p < 0) continue;
        f->pen[b] = p;
        f->cand[f->ncand++] = b;
    }
    for (size_t m = f->ncand, cap = f->ncand - 1; m-- > 0;) {
        size_t b = f->cand[m];
        if (b < f->n && f->c[b].forced) cap = m;
        f->reach[m] = cap;
    }
}

/* First fit: every line as long as it can be. Returns the number of breaks (0
 * if a line cannot be set at all); *clean says that no line costs more than
 * its existence, in which case first fit is also the cheapest setting and the
 * one choose() would pick (no setting has fewer lines, and this one has the
 * longest first line, then second, among them). */
static size_t first_fit(fit *f, size_t *brks, bool *clean)
{
    const pp_fitopts *o = f->o;
    size_t nb = 0, a = 0, ks = 0;
    *clean = true;
    while (a < f->n) {
        size_t s = f->start[a], lo = ks, hi = f->reach[ks];
        double M = a == 0 ? o->measure_first : o->measure;
        if (too_wide(f, s, f->trim[f->cand[lo]], M)) return 0;
        while (lo < hi) {                       /* the last candidate in [lo, hi] that fits */
            size_t mid = lo + (hi - lo + 1) / 2;
            if (too_wide(f, s, f->trim[f->cand[mid]], M)) hi = mid - 1; else lo = mid;
        }
        bool stop, over;
        double dem = line_cost(f, a, f->cand[lo], 1, &stop, &over);
        if (stop || over || dem > LINE_COST * LINE_COST) *clean = false;
        a = f->cand[lo];
        brks[nb++] = a;
        ks = lo + 1;
    }
    return nb;
}

/* One pass; true when the paragraph can be set with its breaks. */
static bool run(fit *f, int pass)
{
    const pp_fitchar *c = f->c;
    size_t n = f->n;
    candidates(f, pass);
    for (size_t i = 0; i <= n; i++) f->best[i] = INFINITY;
    f->best[n] = 0;
    /* the nodes from the end back: node j is cand[j-1] (node 0 is the start), and
     * its lines end at cand[j..] */
    long hi = (long)f->ncand - 1;               /* the longest line that may still fit */
    for (size_t j = f->ncand; j-- > 0;) {
        size_t a = j ? f->cand[j - 1] : 0;
        double bestd = INFINITY;
        double M = a == 0 ? f->o->measure_first : f->o->measure;
        for (long m = hi; m >= (long)j; m--) {
            size_t b = f->cand[m];
            if (too_wide(f, f->start[a], f->trim[b], M)) { hi = m - 1; continue; }
            bool stop, over;
            double dem = line_cost(f, a, b, pass, &stop, &over);
            if (over) { hi = m - 1; continue; }   /* it only gets wider for earlier nodes */
            if (stop) break;                      /* and shorter for earlier breaks */
            if (dem + f->best[b] < bestd) bestd = dem + f->best[b];
        }
        f->best[a] = bestd;
        if (j && c[a].forced && hi > (long)j - 1) hi = (long)j - 1;   /* no line crosses it */
    }
    return f->best[0] < INFINITY;
}

/* The breaks of the cheapest setting, its first line the longest among equals,
 * then its second, and so on. Returns how many (the last is n). */
static size_t choose(fit *f, int pass, size_t *brks)
{
    size_t nb = 0, a = 0, ks = 0;              /* cand[ks..] are the breaks after a */
    while (a < f->n) {
        size_t pick = 0;
        double target = f->best[a], eps = 1e-9 * (1 + fabs(target));
        for (size_t m = ks; m < f->ncand; m++) {
            size_t b = f->cand[m];
            bool stop, over;
            double dem = line_cost(f, a, b, pass, &stop, &over);
            if (over) break;
            if (!stop && dem + f->best[b] <= target + eps) pick = m + 1;
            if (f->c[b].forced && b < f->n) break;
        }
        if (!pick) return 0;                    /* cannot happen: best[a] came from one of them */
        a = f->cand[pick - 1];
        brks[nb++] = a;
        ks = pick;
    }
    return nb;
}

static pp_fitline make_line(const fit *f, size_t a, size_t b)
{
    const pp_fitchar *c = f->c;
    size_t s = f->start[a], e = f->trim[b];
    if (e < s) e = s;
    bool last = is_last(f, b);
    double M = a == 0 ? f->o->measure_first : f->o->measure;
    lineval v = eval(f, s, e, M, last);
    pp_fitline l = { .start = s, .end = e, .next = b, .cjk_extra = v.cjk_extra, .pair_cut = v.pair_cut,
                     .width = v.width, .last = last };
    /* per-gap amounts from the ratios */
    size_t j = s + 1 < e ? s + 1 : e;
    uint32_t nsp = 0, ngl = f->NGL[e] - f->NGL[j];
    for (size_t i = s; i < e; i++) nsp += c[i].space;
    double sgrow = f->SG[e] - f->SG[s], sshr = f->SS[e] - f->SS[s];
    double gsum = f->G[e] - f->G[j];
    double ggrow = dmax(0, ngl * f->o->glue_max - gsum), gshr = dmax(0, gsum - ngl * f->o->glue_min);
    if (v.over) v.space_r = v.glue_r = -1;      /* the fallback: as tight as it goes */
    if (nsp) l.space_delta = (v.space_r >= 0 ? v.space_r * sgrow : v.space_r * sshr) / nsp;
    if (ngl) l.glue_delta = (v.glue_r >= 0 ? v.glue_r * ggrow : v.glue_r * gshr) / ngl;
    return l;
}

/* Sets the paragraph with this run's rules; returns the number of lines, 0 if it cannot. */
static size_t solve(fit *f, pp_fitline **out, bool *anywhere)
{
    size_t *brks = pp_xmalloc((f->n + 1) * sizeof *brks);
    size_t nb = 0;
    bool clean = false;
    candidates(f, 1);
    nb = first_fit(f, brks, &clean);
    if (!clean) nb = 0;
    for (int pass = 1; pass <= 3 && !nb; pass++)
        if (run(f, pass)) nb = choose(f, pass, brks);
    *out = NULL;
    if (nb) {
        *out = pp_xmalloc(nb * sizeof **out);
        *anywhere = false;
        for (size_t k = 0; k < nb; k++) {
            size_t a = k ? brks[k - 1] : 0;
            (*out)[k] = make_line(f, a, brks[k]);
            if (brks[k] < f->n && f->c[brks[k]].brk == PP_BREAK_NEVER && !f->c[brks[k]].forced &&
                !f->c[brks[k]].soft)
                *anywhere = true;
        }
    }
    free(brks);
    return nb;
}

/* The widest spread of the justified lines, in pt per gap (a line that cannot
 * be filled counts as very wide). */
static double worst_spread(const pp_fitline *l, size_t nl, const pp_fitopts *o)
{
    double w = 0;
    for (size_t k = 0; k < nl; k++) {
        if (l[k].last || !o->justify) continue;
        double m = k == 0 ? o->measure_first : o->measure;
        if (l[k].width < m - TOL) return INFINITY;
        if (l[k].cjk_extra > w) w = l[k].cjk_extra;
    }
    return w;
}

size_t pp_linefit(const pp_fitchar *c, size_t n, const pp_fitopts *o, pp_fitline **out, bool *forced)
{
    *out = NULL;
    *forced = false;
    if (n == 0) return 0;
    fit f = { .c = c, .n = n, .o = o, .free_spread = FREE_SPREAD * o->size };
    prepare(&f);
    pp_fitline *lines = NULL;
    size_t nl = solve(&f, &lines, forced);
    if (nl && o->compress && worst_spread(lines, nl, o) > COMPRESS_TRIGGER * o->size) {
        /* a spread line in a narrow cell: try again with the pairs' blank halves, and
         * every spread now counting */
        f.pairs = true;
        f.free_spread = 0;
        pp_fitline *l2 = NULL;
        bool forced2 = false;
        size_t n2 = solve(&f, &l2, &forced2);
        if (n2 && worst_spread(l2, n2, o) < worst_spread(lines, nl, o) - TOL) {
            free(lines);
            lines = l2;
            nl = n2;
            *forced = forced2;
        } else {
            free(l2);
        }
    }
    if (!nl) {
        /* narrower than a character somewhere: each line takes what fits, at least one */
        size_t cap = 0;
        for (size_t a = 0; a < n && f.start[a] < n;) {
            size_t s = f.start[a], b = s + 1;
            double M = a == 0 ? o->measure_first : o->measure;
            while (b < n && !c[b].forced && !eval(&f, s, f.trim[b + 1], M, false).over) b++;
            PP_GROW(lines, cap, nl + 1);
            lines[nl++] = make_line(&f, a, b);
            a = b;
        }
        *forced = true;
    }
    release(&f);
    *out = lines;
    return nl;
}
