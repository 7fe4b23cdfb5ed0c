#include "table.h"
#include "utf8.h"
#include "colwidths.h"
#include "caps.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.01

typedef struct cellset {
    const pp_cell *cell;
    pp_setpara *paras;     /* one set paragraph per cell paragraph */
    size_t npara;
    size_t nlines;         /* all lines of all paragraphs */
    size_t cursor;         /* lines already drawn */
    pp_setpara cont;       /* first paragraph + continued mark, for repeating */
    bool has_cont;
    bool open;             /* being drawn on the current page */
    bool drawn;            /* some segment already drawn (on an earlier page) */
    double seg_top;
} cellset;

typedef struct tstate {
    pp_flow *f;
    const pp_table *t;
    double colx[PP_MAX_COLUMNS + 1];
    cellset *cs;
    double *row_h;
    double L, pad;
    size_t run_mark;       /* first run of this table on the current page */
    /* the cells by the row they start in (then by index), and those that span the
     * current row (or are still open), by index: each row looks only at its own
     * cells, so a table's time grows with its cells, not with cells times rows */
    size_t *order, norder, next;
    size_t *alive, nalive;
    /* a header too tall to stand above even one line of the body on a page is not
     * repeated: its rows flow with the body, drawn once, cut where they must be */
    bool flow_head;
    int first_row;         /* the first row that flows: nhead, or 0 when flow_head */
} tstate;

/* The width of a number's part from its decimal point on (0 with none). */
static double tail_width(pp_flow *f, const pp_para *p)
{
    size_t dot = p->n;
    for (size_t i = p->n; i > 0; i--) if (p->cps[i - 1] == '.' || p->cps[i - 1] == 0xFF0E) { dot = i - 1; break; }
    if (dot == p->n) return 0;
    char buf[256];
    size_t len = 0;
    for (size_t i = dot; i < p->n && len + 4 < sizeof buf; i++) len += pp_utf8_encode(p->cps[i], buf + len);
    buf[len] = 0;
    const pp_textstyle *st = &f->t->styles[p->style];
    return pp_measure(f->s, buf, (int)p->style, st->size_pt);
}

/* Per numeric column, the widest tail after a decimal point: each number is
 * inset from the cell's end by what its own tail lacks of that. */
static void number_tails(pp_flow *f, const pp_table *t, double *tails)
{
    for (int i = 0; i < PP_MAX_COLUMNS; i++) tails[i] = 0;
    for (size_t k = 0; k < t->ncells; k++) {
        const pp_cell *c = &t->cells[k];
        for (size_t i = 0; i < c->npara; i++) {
            if (c->paras[i].align != PP_ALIGN_NUMBER) continue;
            double w = tail_width(f, &c->paras[i]);
            if (w > tails[c->col]) tails[c->col] = w;
        }
    }
}

/* The column widths of t; for a table of a family (the dimensions of one
 * strategy table), those the cells of all of them need, so that they line up. */
static int family_widths(pp_flow *f, const pp_table *t, double *colw)
{
    if (!t->family || !f->blocks) return pp_column_widths(f->s, t, f->width, colw);
    pp_table all = *t;
    size_t n = 0;
    for (size_t i = 0; i < f->blocks->n; i++) {
        const pp_block *b = &f->blocks->v[i];
        if (b->type == PP_BLOCK_TABLE && b->table.family == t->family && b->table.ncols == t->ncols) n += b->table.ncells;
    }
    all.cells = pp_xcalloc(n + 1, sizeof *all.cells);
    all.ncells = 0;
    for (size_t i = 0; i < f->blocks->n; i++) {
        const pp_table *o = &f->blocks->v[i].table;
        if (f->blocks->v[i].type != PP_BLOCK_TABLE || o->family != t->family || o->ncols != t->ncols) continue;
        memcpy(all.cells + all.ncells, o->cells, o->ncells * sizeof *o->cells);   /* a view: the cells are not owned */
        all.ncells += o->ncells;
    }
    int fit = pp_column_widths(f->s, &all, f->width, colw);
    free(all.cells);
    return fit;
}

static void set_cells(tstate *ts, bool with_cont)
{
    const pp_table *t = ts->t;
    pp_flow *f = ts->f;
    ts->pad = f->t->padding_pt;
    ts->L = f->t->styles[PP_TS_TABLE].leading_pt;
    double colw[PP_MAX_COLUMNS];
    int fit = family_widths(f, t, colw);
    pp_loc at = PP_LOC(f->s->file, t->src ? t->src->line : 0, t->src ? t->src->col : 0);
    if (fit == 1 && !f->s->quiet) pp_msg(f->s->d, at, TABLE_TOO_WIDE, t->ncols);
    if (fit == 2 && !f->s->quiet) pp_msg(f->s->d, at, COLUMN_TOO_NARROW, f->t->styles[PP_TS_TABLE].size_pt + 2 * ts->pad);
    double x = 0;
    for (int i = 0; i <= t->ncols; i++) {
        ts->colx[i] = x;
        if (i < t->ncols) x += colw[i];
    }
    ts->cs = pp_xcalloc(t->ncells + 1, sizeof *ts->cs);
    double tails[PP_MAX_COLUMNS];
    number_tails(f, t, tails);
    for (size_t k = 0; k < t->ncells; k++) {
        const pp_cell *c = &t->cells[k];
        cellset *s = &ts->cs[k];
        s->cell = c;
        int c1 = c->col + c->colspan;
        if (c1 > t->ncols) c1 = t->ncols;
        double w = ts->colx[c1] - ts->colx[c->col] - 2 * ts->pad;
        s->paras = pp_xcalloc(c->npara + 1, sizeof *s->paras);
        s->npara = c->npara;
        for (size_t i = 0; i < c->npara; i++) {
            const pp_para *p = &c->paras[i];
            if (p->align == PP_ALIGN_NUMBER) {
                /* numbers end-aligned, their decimal points under each other */
                pp_para q = *p;
                q.align = PP_ALIGN_END;
                q.ragged = true;
                double inset = tails[c->col] - tail_width(f, p);
                pp_linefill(f->s, &q, w - (inset > 0 ? inset : 0), NULL, &s->paras[i]);
            } else {
                pp_linefill(f->s, p, w, NULL, &s->paras[i]);
            }
            s->nlines += s->paras[i].nlines;
        }
        if (with_cont && (c->rowspan > 1 || c->key) && c->npara && f->t->continue_repeat) {
            pp_linefill(f->s, &c->paras[0], w, f->t->continued_mark, &s->cont);
            s->has_cont = true;
        }
    }
}

static double cell_height(tstate *ts, const cellset *s, size_t from)
{
    double h = 0;
    size_t k = 0;
    for (size_t i = 0; i < s->npara; i++)
        for (size_t l = 0; l < s->paras[i].nlines; l++, k++)
            if (k >= from) h += s->paras[i].leading;
    return h + 2 * ts->pad;
}

static void row_heights(tstate *ts)
{
    const pp_table *t = ts->t;
    ts->row_h = pp_xcalloc((size_t)t->nrows + 1, sizeof *ts->row_h);
    for (int r = 0; r < t->nrows; r++) ts->row_h[r] = ts->L + 2 * ts->pad;
    for (size_t k = 0; k < t->ncells; k++) {
        const cellset *s = &ts->cs[k];
        if (s->cell->rowspan == 1) {
            double h = cell_height(ts, s, 0);
            if (h > ts->row_h[s->cell->row]) ts->row_h[s->cell->row] = h;
        }
    }
    for (size_t k = 0; k < t->ncells; k++) {
        const cellset *s = &ts->cs[k];
        if (s->cell->rowspan == 1) continue;
        int last = s->cell->row + s->cell->rowspan - 1;
        if (last >= t->nrows) last = t->nrows - 1;
        double sum = 0;
        for (int r = s->cell->row; r <= last; r++) sum += ts->row_h[r];
        double h = cell_height(ts, s, 0);
        if (h > sum) ts->row_h[last] += h - sum;
    }
}

static void free_cells(tstate *ts)
{
    for (size_t k = 0; k < ts->t->ncells; k++) {
        for (size_t i = 0; i < ts->cs[k].npara; i++) pp_setpara_release(&ts->cs[k].paras[i]);
        free(ts->cs[k].paras);
        if (ts->cs[k].has_cont) pp_setpara_release(&ts->cs[k].cont);
    }
    free(ts->cs);
    free(ts->row_h);
    free(ts->order);
    free(ts->alive);
}

static int last_row(const pp_cell *c) { return c->row + (c->rowspan > 1 ? c->rowspan : 1) - 1; }

/* Sorts the cells by starting row (stable: by index within a row). */
static void index_cells(tstate *ts)
{
    const pp_table *t = ts->t;
    size_t nrows = t->nrows > 0 ? (size_t)t->nrows : 0;
    size_t *start = pp_xcalloc(nrows + 2, sizeof *start);
    ts->order = pp_xcalloc(t->ncells + 1, sizeof *ts->order);
    ts->alive = pp_xcalloc(t->ncells + 1, sizeof *ts->alive);
    for (size_t k = 0; k < t->ncells; k++) {
        int r = t->cells[k].row;
        if (r >= 0 && (size_t)r < nrows) start[r + 1]++;
    }
    for (size_t r = 0; r < nrows; r++) start[r + 1] += start[r];
    ts->norder = start[nrows];
    for (size_t k = 0; k < t->ncells; k++) {
        int r = t->cells[k].row;
        if (r >= 0 && (size_t)r < nrows) ts->order[start[r]++] = k;
    }
    free(start);
}

/* Makes ts->alive the cells that span row r or are open, in index order; r never
 * goes down between calls. */
static void advance(tstate *ts, int r)
{
    size_t n = 0;
    for (size_t i = 0; i < ts->nalive; i++) {
        const cellset *s = &ts->cs[ts->alive[i]];
        if (s->open || last_row(s->cell) >= r) ts->alive[n++] = ts->alive[i];
    }
    ts->nalive = n;
    for (; ts->next < ts->norder && ts->cs[ts->order[ts->next]].cell->row <= r; ts->next++) {
        size_t k = ts->order[ts->next];
        if (last_row(ts->cs[k].cell) < r && !ts->cs[k].open) continue;
        size_t i = ts->nalive++;
        for (; i > 0 && ts->alive[i - 1] > k; i--) ts->alive[i] = ts->alive[i - 1];
        ts->alive[i] = k;
    }
}

/* Draws the part of a cell between y0 and y1: its box, shading, and as many of
 * its remaining lines as fit. A continued merged cell whose lines were all drawn
 * repeats its first paragraph (with the mark) when the template says so. */
static void draw_segment(tstate *ts, cellset *s, double y0, double y1, bool artifact, bool final)
{
    pp_flow *f = ts->f;
    const pp_cell *c = s->cell;
    int c1 = c->col + c->colspan;
    if (c1 > ts->t->ncols) c1 = ts->t->ncols;
    double x0 = f->left + ts->colx[c->col], x1 = f->left + ts->colx[c1];
    if (c->head) pp_flow_fill(f, x0, y0, x1 - x0, y1 - y0, f->t->head_gray);
    /* paired sub-item rows read as one row: no rule between them, except at a page break */
    if (!(c->join_above && !s->drawn)) pp_flow_rule(f, x0, y0, x1, y0);
    if (!(c->join_below && final)) pp_flow_rule(f, x0, y1, x1, y1);
    pp_flow_rule(f, x0, y0, x0, y1);
    pp_flow_rule(f, x1, y0, x1, y1);
    double y = y0 + ts->pad;
    double dx = ts->colx[c->col] + ts->pad;
    f->run_order = 1 + (long)c->row * PP_MAX_COLUMNS + c->col;   /* row by row, left to right */
    f->cur_cell = c;
    f->cur_table = ts->t;
    pp_srole role = c->head ? PP_SR_HEADCELL : PP_SR_CELL;
    if (s->drawn && s->cursor >= s->nlines && s->has_cont) {
        /* the repeated label is furniture: the cell's text was already read */
        f->cur_para = c->npara ? &c->paras[0] : NULL;
        for (size_t l = 0; l < s->cont.nlines && y + s->cont.leading <= y1 - ts->pad + EPS; l++) {
            pp_flow_emit_line(f, &s->cont, l, dx, y, role, true, c->src);
            y += s->cont.leading;
        }
        s->drawn = true;
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < s->npara; i++) {
        const pp_setpara *sp = &s->paras[i];
        for (size_t l = 0; l < sp->nlines; l++, k++) {
            if (k < s->cursor) continue;
            if (y + sp->leading > y1 - ts->pad + EPS) { s->drawn = true; return; }
            f->cur_para = &c->paras[i];
            pp_flow_emit_line(f, sp, l, dx, y, role, artifact, c->paras[i].src ? c->paras[i].src : c->src);
            y += sp->leading;
            s->cursor = k + 1;
        }
    }
    s->drawn = true;
}

static double header_rows_height(const tstate *ts)
{
    double h = 0;
    for (int r = 0; r < ts->t->nhead && r < ts->t->nrows; r++) h += ts->row_h[r];
    return h;
}

/* The height of the header repeated on each page (0 when it flows instead). */
static double header_height(tstate *ts) { return ts->flow_head ? 0 : header_rows_height(ts); }

/* After row_heights: whether the header repeats, and where the flowing rows start. */
static void place_header(tstate *ts)
{
    const pp_flow *f = ts->f;
    ts->flow_head = ts->t->nhead > 0 &&
                    header_rows_height(ts) + ts->L + 2 * ts->pad > f->bottom - f->top + EPS;
    ts->first_row = ts->flow_head ? 0 : ts->t->nhead;
}

static void draw_header(tstate *ts, bool artifact)
{
    pp_flow *f = ts->f;
    if (ts->flow_head) return;
    double y = f->y;
    size_t i = 0;   /* ts->order: the header rows' cells come first, row by row */
    for (int r = 0; r < ts->t->nhead && r < ts->t->nrows; r++) {
        for (; i < ts->norder && ts->cs[ts->order[i]].cell->row == r; i++) {
            cellset *s = &ts->cs[ts->order[i]];
            double h = 0;
            for (int rr = r; rr < r + s->cell->rowspan && rr < ts->t->nhead; rr++) h += ts->row_h[rr];
            s->cursor = 0;
            s->drawn = false;
            draw_segment(ts, s, y, y + h, artifact, true);
        }
        y += ts->row_h[r];
    }
    f->y = y;
}

/* True when line `at` of the cell begins a paragraph whose predecessor keeps with
 * it (a strategy's name stays with its first sub-item). */
static bool after_kept_para(const cellset *s, size_t at)
{
    size_t line = 0;
    for (size_t i = 0; i < s->npara; i++) {
        if (line == at) return i > 0 && s->cell->paras[i - 1].keep_with_next;
        line += s->paras[i].nlines;
        if (line > at) return false;
    }
    return false;
}

/* Whether row r may be cut after k lines: every cell keeps two lines on each side. */
static bool cut_ok(const tstate *ts, int r, long k)
{
    for (size_t i = 0; i < ts->nalive; i++) {
        const cellset *s = &ts->cs[ts->alive[i]];
        if (s->cell->row != r || s->cell->rowspan != 1) continue;
        long rem = (long)(s->nlines - s->cursor);
        if (rem > k && rem - k < 2) return false;
        if (rem > k && after_kept_para(s, s->cursor + (size_t)k)) return false;
    }
    return true;
}

/* What the first body row needs on the page where the table starts: the fewest
 * lines it may be cut after (see split_lines), or all of it. */
static double first_rows_height(tstate *ts)
{
    const pp_table *t = ts->t;
    if (t->nrows <= ts->first_row) return 0;
    int r = ts->first_row;
    size_t most = 0;
    for (size_t c = 0; c < t->ncells; c++)
        if (ts->cs[c].cell->row == r && ts->cs[c].cell->rowspan == 1 && ts->cs[c].nlines > most) most = ts->cs[c].nlines;
    for (long k = 2; most > 2 && k < (long)most; k++)
        if (cut_ok(ts, r, k)) return fmin(ts->row_h[r], 2 * ts->pad + (double)k * ts->L);
    return ts->row_h[r];
}

double pp_table_min_height(pp_flow *f, const pp_table *t)
{
    tstate ts = { .f = f, .t = t };
    bool quiet = f->s->quiet;
    f->s->quiet = true;   /* a look ahead: the real layout reports */
    set_cells(&ts, false);
    f->s->quiet = quiet;
    row_heights(&ts);
    place_header(&ts);
    index_cells(&ts);
    advance(&ts, ts.first_row);
    double h = header_height(&ts) + first_rows_height(&ts);
    free_cells(&ts);
    return h;
}

static bool spans(const pp_cell *c, int r) { return r >= c->row && r < c->row + c->rowspan; }

/* Closes every open cell at y (segment drawn), on a page break. */
static void close_open(tstate *ts, double y)
{
    for (size_t i = 0; i < ts->nalive; i++) {
        cellset *s = &ts->cs[ts->alive[i]];
        if (!s->open) continue;
        if (y > s->seg_top + EPS) draw_segment(ts, s, s->seg_top, y, false, false);
        s->open = false;
    }
}

static void new_page_with_header(tstate *ts, int r)
{
    pp_flow *f = ts->f;
    pp_flow_sort_runs(f, ts->run_mark);
    pp_flow_new_page(f);
    ts->run_mark = 0;
    draw_header(ts, true);
    /* cells still open across the break continue at the top of the new page */
    for (size_t i = 0; i < ts->nalive; i++) {
        cellset *s = &ts->cs[ts->alive[i]];
        if (s->cell->row >= ts->first_row && spans(s->cell, r) && s->cell->row <= r && (s->drawn || s->cell->row == r)) {
            s->open = true;
            s->seg_top = f->y;
        }
    }
}

/* How many lines of row r go on this page when `fit` lines fit: a row whose
 * cells are all one or two lines moves whole (0), and every cell keeps at least
 * two lines on each side of the cut. Only a row taller than any page is cut
 * wherever it must (at least one line). */
static long split_lines(tstate *ts, int r, long fit, bool taller_than_page)
{
    size_t most = 0;
    for (size_t i = 0; i < ts->nalive; i++) {
        const cellset *s = &ts->cs[ts->alive[i]];
        if (s->cell->row == r && s->cell->rowspan == 1 && s->nlines - s->cursor > most) most = s->nlines - s->cursor;
    }
    if (most > 2)
        for (long k = fit; k >= 2; k--)
            if (cut_ok(ts, r, k)) return k;
    return taller_than_page && fit >= 1 ? fit : 0;
}

/* A rule across the whole table at y: closes it at a page foot and at its end,
 * where paired rows joined to the next one drew no bottom rule of their own. */
static void rule_across(tstate *ts, double y)
{
    pp_flow *f = ts->f;
    pp_flow_rule(f, f->left + ts->colx[0], y, f->left + ts->colx[ts->t->ncols], y);
}

void pp_table_flow(pp_flow *f, const pp_table *t)
{
    tstate ts = { .f = f, .t = t };
    set_cells(&ts, true);
    row_heights(&ts);
    place_header(&ts);
    index_cells(&ts);
    advance(&ts, ts.first_row);
    double H = header_height(&ts);
    double need = H + first_rows_height(&ts);
    if (!f->fresh && f->y + need > f->bottom + EPS) pp_flow_new_page(f);
    ts.run_mark = f->out->v[f->page].nruns;
    draw_header(&ts, false);
    int breaks_here = 0;   /* page breaks taken at this row: guarantees progress */
    for (int r = ts.first_row; r < t->nrows;) {
        advance(&ts, r);
        /* cells starting in this row open here */
        for (size_t i = 0; i < ts.nalive; i++) {
            cellset *s = &ts.cs[ts.alive[i]];
            if (s->cell->row == r && !s->open) {   /* head cells of body rows too: only header rows repeat */ s->open = true; s->seg_top = f->y; }
        }
        /* the row's height, grown if a merged cell ending here still has lines to place */
        double h = ts.row_h[r];
        for (size_t i = 0; i < ts.nalive; i++) {
            cellset *s = &ts.cs[ts.alive[i]];
            if (!s->open || s->cell->row + s->cell->rowspan - 1 != r) continue;
            double rest = cell_height(&ts, s, s->cursor) - (f->y - s->seg_top);
            if (s->cursor > 0 || s->cell->rowspan == 1) rest = fmax(rest, 0);
            if (rest > h) h = rest;
        }
        if (f->y + h <= f->bottom + EPS || breaks_here >= 2) {
            /* fits; or, after two fresh pages, placed as it is rather than looping */
            f->y += h;
            breaks_here = 0;
            for (size_t i = 0; i < ts.nalive; i++) {
                cellset *s = &ts.cs[ts.alive[i]];
                if (s->open && s->cell->row + s->cell->rowspan - 1 == r) {
                    draw_segment(&ts, s, s->seg_top, f->y, false, true);
                    s->open = false;
                }
            }
            r++;
            continue;
        }
        /* split the row between lines, keeping two lines on each side where it can */
        double avail = f->bottom - f->y;
        long fit = (long)floor((avail - 2 * ts.pad) / ts.L + EPS);
        bool whole_page = h > f->bottom - f->top - header_height(&ts) + EPS;   /* taller than any page */
        long k = split_lines(&ts, r, fit, whole_page);
        double cut = f->y;
        if (k > 0) {
            cut = f->y + 2 * ts.pad + (double)k * ts.L;
            close_open(&ts, cut);
            double remh = ts.L + 2 * ts.pad;
            for (size_t i = 0; i < ts.nalive; i++) {
                cellset *s = &ts.cs[ts.alive[i]];
                if (s->cell->row != r || s->cell->rowspan != 1) continue;
                remh = fmax(remh, cell_height(&ts, s, s->cursor));
                /* a finished key cell is repeated on the next page: the row holds it whole */
                if (s->has_cont && s->cursor >= s->nlines)
                    remh = fmax(remh, (double)s->cont.nlines * s->cont.leading + 2 * ts.pad);
            }
            ts.row_h[r] = remh;
            breaks_here = 0;     /* progress was made */
        } else {
            close_open(&ts, f->y);
            breaks_here++;
        }
        rule_across(&ts, cut);   /* the table is closed at the page foot */
        new_page_with_header(&ts, r);
    }
    close_open(&ts, f->y);
    rule_across(&ts, f->y);
    pp_flow_sort_runs(f, ts.run_mark);
    f->run_order = 0;
    f->cur_para = NULL;
    f->cur_cell = NULL;
    f->cur_table = NULL;
    free_cells(&ts);
    f->y += 6;   /* a little air after a table */
}
