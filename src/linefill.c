#include "linefill.h"
#include "linebreak.h"
#include "utf8.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Per character of the text, what breaking and justification need. */
typedef struct cinfo {
    uint32_t cp;
    int face;
    double adv;          /* pt */
    double glue;         /* Han–Latin gap before this character, pt (0 = none) */
    uint8_t brk;         /* pp_break before this character */
    bool space;          /* a Latin word space */
    bool forced;         /* the author asked for a line break before it */
    bool missing;        /* in no installed font */
    bool em;             /* inside <em> */
} cinfo;

/* The face that draws cp; -1 (after one warning per character) when none does. */
static int pick(pp_setter *s, uint32_t cp, int style, const pp_node *src)
{
    int f = pp_fonts_pick(s->fonts, cp, style);
    if (f >= 0) return f;
    if (!s->quiet && pp_cpset_add(&s->warned, cp)) {
        char ch[5] = { 0 };
        pp_utf8_encode(cp, ch);
        pp_msg(s->d, PP_LOC(s->file, src ? src->line : 0, src ? src->col : 0), GLYPH_MISSING, (unsigned)cp, ch);
    }
    return -1;
}

double pp_measure(pp_setter *s, const char *utf8, int style, double size)
{
    double w = 0;
    size_t len = strlen(utf8);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(utf8 + i, len - i, &cp);
        int f = pp_fonts_pick(s->fonts, cp, style);
        w += pp_face_advance(pp_fonts_face(s->fonts, f < 0 ? 0 : f), cp) * size;
    }
    return w;
}

static void push_glyph(pp_setpara *o, uint32_t cp, int face, double x, double adv, bool label, bool em)
{
    PP_GROW(o->g, o->capg, o->ng + 1);
    /* face < 0: no font has it; face 0 draws its .notdef so the text still extracts */
    o->g[o->ng++] = (pp_glyph){ cp, face < 0 ? 0 : face, x, adv, label, face < 0, em };
}

static void push_line(pp_setpara *o, size_t first)
{
    PP_GROW(o->lines, o->caplines, o->nlines + 1);
    o->lines[o->nlines++] = (pp_line){ first, o->ng - first };
}

static bool latinish(uint32_t cp)
{
    pp_script sc = pp_lb_script(cp);
    return sc == PP_SCRIPT_LATIN || sc == PP_SCRIPT_DIGIT;
}

/* Natural width of text chars [a,b), trailing spaces excluded. */
static double natural(const cinfo *c, size_t a, size_t b)
{
    while (b > a && c[b - 1].space) b--;
    double w = 0;
    for (size_t i = a; i < b; i++) w += c[i].adv + (i > a ? c[i].glue : 0);
    return w;
}

/* Where the line starting at `a` must end to fit `avail`: the break before the
 * returned index. Honours the break classes; emergency and anywhere breaks last. */
static size_t find_break(const cinfo *c, size_t n, size_t a, double avail, bool *forced)
{
    double w = 0, shrink = 0;
    size_t last_ok = 0, last_em = 0;
    for (size_t i = a; i < n; i++) {
        if (i > a && c[i].forced) return i;
        if (i > a) {
            if (c[i].brk == PP_BREAK_ALLOWED) last_ok = i;
            else if (c[i].brk == PP_BREAK_EMERGENCY) last_em = i;
        }
        double add = c[i].adv + (i > a ? c[i].glue : 0);
        if (i > a && c[i].glue > 0) shrink += c[i].glue / 2;   /* the gap may shrink to 1/8 em */
        if (c[i].space) { w += add; continue; }                 /* a space may hang at the line end */
        if (w + add - shrink > avail + 0.01 && i > a) {
            if (last_ok) return last_ok;
            if (last_em) return last_em;
            /* nothing allowed: break anywhere, but not before a no-start mark */
            size_t b = i;
            while (b > a + 1 && (pp_lb_no_start(c[b].cp) || pp_lb_no_end(c[b - 1].cp))) b--;
            *forced = true;
            return b;
        }
        w += add;
    }
    return n;
}

/* Positions the characters [a,b) of one line starting at x0, stretched or shrunk to avail. */
static void place_line(pp_setter *s, pp_setpara *o, const cinfo *c, size_t a, size_t b,
                       double x0, double avail, bool justify, pp_align align, double size)
{
    size_t end = b;
    while (end > a && c[end - 1].space) end--;   /* trailing spaces are not printed */
    double slack = avail - natural(c, a, b);
    double space_frac = 0, glue_stretch = 0, glue_shrink = 0, char_extra = 0;
    double sp_room = 0, gl_room = 0, gl_shrink = 0;
    size_t nchar = 0;
    for (size_t i = a + 1; i < end; i++) {
        if (c[i - 1].space) sp_room += fmax(0, 0.5 * size - c[i - 1].adv);
        else if (c[i].space) continue;
        else if (c[i].glue > 0) { gl_room += fmax(0, 0.5 * size - c[i].glue); gl_shrink += c[i].glue / 2; }
        else if (!(latinish(c[i - 1].cp) && latinish(c[i].cp))) nchar++;
    }
    if (slack < 0) {
        /* over-full by at most the gaps' shrink: squeeze the Han–Latin gaps toward 1/8 em */
        if (gl_shrink > 0) glue_shrink = fmin(1, -slack / gl_shrink);
    } else if (justify && slack > 0.01) {
        double left = slack;
        /* clreq's order: word spaces up to 1/2 em, Han–Latin gaps up to 1/2 em, then even spacing */
        if (sp_room > 0) { double use = fmin(left, sp_room); space_frac = use / sp_room; left -= use; }
        if (gl_room > 0 && left > 0) { double use = fmin(left, gl_room); glue_stretch = use / gl_room; left -= use; }
        if (left > 0.01) {
            if (nchar && left / nchar <= s->t->max_stretch_em * size) char_extra = left / nchar;
            else space_frac = glue_stretch = 0;   /* too gappy (a narrow cell): start-align instead */
        }
    } else if (align == PP_ALIGN_CENTER && slack > 0) {
        x0 += slack / 2;
    } else if (align == PP_ALIGN_END && slack > 0) {
        x0 += slack;
    }
    double x = x0;
    for (size_t i = a; i < end; i++) {
        if (i > a) {
            double g = c[i].glue;
            if (g > 0 && !c[i].space && !c[i - 1].space)
                g += glue_stretch * fmax(0, 0.5 * size - g) - glue_shrink * g / 2;
            x += g;
            if (c[i - 1].space) x += fmax(0, 0.5 * size - c[i - 1].adv) * space_frac;
            else if (!c[i].space && c[i].glue <= 0 && !(latinish(c[i - 1].cp) && latinish(c[i].cp))) x += char_extra;
        }
        push_glyph(o, c[i].cp, c[i].missing ? -1 : c[i].face, x, c[i].adv, false, c[i].em);
        x += c[i].adv;
    }
}

static void add_label(pp_setter *s, pp_setpara *o, const char *label, double x, int style, double size,
                      const pp_node *src)
{
    size_t len = strlen(label);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(label + i, len - i, &cp);
        int f = pick(s, cp, style, src);
        double adv = pp_face_advance(pp_fonts_face(s->fonts, f < 0 ? 0 : f), cp) * size;
        push_glyph(o, cp, f, x, adv, true, false);
        x += adv;
    }
}

void pp_linefill(pp_setter *s, const pp_para *p, double width, const char *extra, pp_setpara *o)
{
    const pp_textstyle *st = &s->t->styles[p->style];
    pp_align align = p->align >= 0 ? (pp_align)p->align : st->align;
    double size = st->size_pt;
    o->ng = o->nlines = 0;
    o->size = size;
    o->leading = st->leading_pt;
    /* the text, with the extra mark */
    size_t n = p->n;
    uint32_t *cps = NULL;
    uint8_t *flags = NULL;
    size_t ne = 0;
    uint32_t *ecps = extra && *extra ? pp_utf8_to_cps(extra, strlen(extra), &ne) : NULL;
    cps = pp_xmalloc((n + ne + 1) * sizeof *cps);
    flags = pp_xcalloc(n + ne + 1, 1);
    if (n) { memcpy(cps, p->cps, n * sizeof *cps); memcpy(flags, p->flags, n); }
    if (ne) memcpy(cps + n, ecps, ne * sizeof *cps);
    free(ecps);
    n += ne;

    cinfo *c = pp_xcalloc(n + 1, sizeof *c);
    uint8_t *brk = pp_xmalloc(n + 1);
    pp_linebreak_classify(cps, n, brk);
    double glue = s->t->glue_em * size;
    for (size_t i = 0; i < n; i++) {
        c[i].cp = cps[i];
        c[i].face = pick(s, cps[i], (int)p->style, p->src);
        c[i].missing = c[i].face < 0;
        if (c[i].missing) c[i].face = 0;
        /* a missing character takes a full em, where its box is drawn */
        c[i].adv = c[i].missing ? size : pp_face_advance(pp_fonts_face(s->fonts, c[i].face), cps[i]) * size;
        c[i].brk = i ? brk[i] : PP_BREAK_NEVER;
        c[i].space = cps[i] == ' ';
        c[i].forced = (flags[i] & PP_CF_BREAK_BEFORE) != 0;
        c[i].em = (flags[i] & PP_CF_EM) != 0;
        if (i && pp_lb_wants_glue(cps[i - 1], cps[i])) c[i].glue = glue;
    }
    free(brk);

    /* hanging indent: the label starts where the parent's text starts */
    double label_x = 0;
    for (int k = 0; k < p->nindent; k++) label_x += pp_measure(s, p->indent[k], (int)p->style, size);
    double label_w = p->label ? pp_measure(s, p->label, (int)p->style, size) : 0;
    double text_x = label_x + label_w;
    double avail = width - text_x, avail_first = avail;
    if (avail < 4 * size) {
        /* too deep for this measure (a narrow cell): the label leads the first line
         * and the text does not hang, rather than squeezing into a sliver */
        label_x = 0;
        text_x = 0;
        avail = width;
        avail_first = width - label_w;
    }
    /* a whole number of ems (the document grid of CJK word processors): a line of
     * full-width characters then fills the measure exactly, without spreading */
    if (avail > 2 * size) avail = floor(avail / size + 1e-6) * size;
    if (avail_first > 2 * size) avail_first = floor(avail_first / size + 1e-6) * size;
    if (avail < size) avail = size;
    if (avail_first < size) avail_first = size;

    /* a centred title a little too long for one line is set a little smaller
     * (down to 85 %) rather than leaving a word or two alone on a second line */
    if (p->role == PP_SR_TITLE && !p->label && n) {
        double nat = natural(c, 0, n);
        if (nat > avail_first && nat * 0.85 <= width) {
            double k = width / nat;
            for (size_t i = 0; i < n; i++) { c[i].adv *= k; c[i].glue *= k; }
            o->size = size *= k;
            avail = avail_first = width;
        }
    }

    /* breaks */
    size_t *ends = NULL, nends = 0, capends = 0;
    bool forced_any = false;
    for (size_t a = 0; a < n;) {
        bool forced = false;
        size_t b = find_break(c, n, a, nends ? avail : avail_first, &forced);
        if (b <= a) b = a + 1;
        forced_any |= forced;
        PP_GROW(ends, capends, nends + 1);
        ends[nends++] = b;
        a = b;
        while (a < n && c[a].space && !c[a].forced) a++;   /* a space at a break is not printed */
    }
    /* a last line of a single character (a 孤字): pull one more character down */
    if (nends >= 2) {
        size_t a = ends[nends - 2];
        size_t real = 0;
        for (size_t i = a; i < n; i++) if (!pp_lb_no_start(c[i].cp) && !c[i].space) real++;
        size_t prev_start = nends >= 3 ? ends[nends - 3] : 0;
        if (real == 1 && !c[a].forced) {
            for (size_t b = a - 1; b > prev_start + 1; b--) {
                if (c[b].brk != PP_BREAK_ALLOWED) continue;
                /* only if the shortened line does not have to spread too far */
                double line_avail = nends >= 3 ? avail : avail_first;
                size_t gaps = b - prev_start - 1;
                bool spread_ok = p->ragged || align != PP_ALIGN_JUSTIFY ||
                                 (gaps && (line_avail - natural(c, prev_start, b)) / gaps <= s->t->max_stretch_em * size);
                if (natural(c, b, n) <= avail && spread_ok) ends[nends - 2] = b;
                break;
            }
        }
    }
    if (forced_any && !s->quiet) {
        pp_msg(s->d, PP_LOC(s->file, p->src ? p->src->line : 0, p->src ? p->src->col : 0), WORD_TOO_WIDE, avail_first);
    }
    size_t a = 0;
    if (nends == 0) {   /* label only, or empty paragraph */
        size_t first = o->ng;
        if (p->label) add_label(s, o, p->label, label_x, (int)p->style, size, p->src);
        push_line(o, first);
    }
    for (size_t k = 0; k < nends; k++) {
        size_t b = ends[k];
        size_t first = o->ng;
        if (k == 0 && p->label) add_label(s, o, p->label, label_x, (int)p->style, size, p->src);
        bool last = k + 1 == nends || c[b].forced;
        bool justify = align == PP_ALIGN_JUSTIFY && !last && !p->ragged;
        double x0 = k == 0 && text_x == 0 ? label_w : text_x;
        place_line(s, o, c, a, b, x0, k == 0 ? avail_first : avail, justify, align, size);
        push_line(o, first);
        a = b;
        while (a < n && c[a].space && !c[a].forced) a++;
    }
    free(ends);
    free(c);
    free(cps);
    free(flags);
}

void pp_setter_release(pp_setter *s)
{
    pp_cpset_release(&s->warned);
}

void pp_setpara_release(pp_setpara *sp)
{
    free(sp->g);
    free(sp->lines);
    memset(sp, 0, sizeof *sp);
}
