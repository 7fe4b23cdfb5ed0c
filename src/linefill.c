/* linefill — one paragraph into lines (see linefill.h): the characters and
 * their faces, the gaps between them, the hanging label and the em grid; the
 * breaks come from linefit (total fit), and the glyphs are placed here as
 * linefit says each line is adjusted. docs/typesetting.md gives the rules. */
#include "linefill.h"
#include "linebreak.h"
#include "linefit.h"
#include "utf8.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GRID_TOL 0.01     /* em: a measure this close below a whole number of ems counts as it */

/* Per character of the text, what breaking and placing need. */
typedef struct cinfo {
    uint32_t cp;
    int face;
    bool missing;        /* in no installed font */
    bool em;             /* inside <em> */
    bool western;        /* a Latin letter, digit or ASCII mark */
    pp_lbinfo lb;
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

/* Connector marks and solidi: no spacing is added beside them (clreq). */
static bool connector(uint32_t cp)
{
    return cp == '/' || cp == '-' || cp == '~' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2E3A ||
           cp == 0x2E3B || cp == 0x301C || cp == 0xFF0D || cp == 0xFF0F || cp == 0xFF5E;
}

static bool ellipsis(uint32_t cp) { return cp == 0x2026 || cp == 0x22EF || cp == 0x2025; }

/* Full-width brackets, whose glyph fills one half of the em; the other half is blank. */
static bool opening(uint32_t cp)
{
    return cp == 0xFF08 || cp == 0xFF3B || cp == 0xFF5B || (cp >= 0x3008 && cp <= 0x301A && cp % 2 == 0 &&
           cp != 0x3012);
}
static bool closing(uint32_t cp)
{
    return cp == 0xFF09 || cp == 0xFF3D || cp == 0xFF5D || (cp >= 0x3009 && cp <= 0x301B && cp % 2 == 1 &&
           cp != 0x3013);
}
/* The marks a bracket's blank half may be taken away beside. */
static bool mark(uint32_t cp)
{
    return opening(cp) || closing(cp) || cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B ||
           cp == 0xFF1A || cp == 0xFF1F || cp == 0xFF01;
}

/* The gap before character i (i >= 1). */
static uint8_t joint(const cinfo *ci, const pp_fitchar *f, size_t i)
{
    uint32_t a = ci[i - 1].cp, b = ci[i].cp;
    if (f[i].space || f[i - 1].space || f[i].adv <= 0) return PP_JOINT_FIXED;
    if (f[i].glue > 0) return PP_JOINT_GLUE;
    if (ci[i - 1].western && ci[i].western) return PP_JOINT_FIXED;   /* inside a Latin word or number */
    if (connector(a) || connector(b)) return PP_JOINT_FIXED;         /* ——, ～, ／ and their neighbours */
    if (ellipsis(a) && ellipsis(b)) return PP_JOINT_FIXED;           /* …… */
    return PP_JOINT_CJK;
}

/* Last-resort breaks: anywhere the kinsoku rules allow, but inside a Latin run
 * only with at least two letters or digits on each side ("(Resear|ch)"). */
static void mark_anywhere(const cinfo *ci, pp_fitchar *f, size_t n)
{
    uint8_t *after = pp_xmalloc(n + 1);
    after[n] = 0;
    for (size_t i = n, run = 0; i-- > 0;) {
        run = ci[i].western && !f[i].space ? run + (ci[i].lb.word && ci[i].cp != '%') : 0;
        after[i] = (uint8_t)(run > 2 ? 2 : run);           /* letters and digits of the run from i on */
    }
    for (size_t i = 1, before = 0; i < n; i++) {
        size_t k = i - 1;
        before = ci[k].western && !f[k].space ? before + (ci[k].lb.word && ci[k].cp != '%') : 0;
        if (f[i].space || f[k].space || ci[i].lb.no_start || ci[k].lb.no_end) continue;
        bool inrun = ci[k].western && ci[i].western;
        f[i].anywhere = !inrun || (before >= 2 && after[i] >= 2);
    }
    free(after);
}

/* The text to set: the paragraph's, the extra mark after it; a two- or
 * three-em dash no font has becomes two or three em dashes. */
static uint32_t *assemble(pp_setter *s, const pp_para *p, const char *extra, int style, uint8_t **flagsp,
                          size_t *np, size_t *extra_at)
{
    size_t ne = 0;
    uint32_t *ecps = extra && *extra ? pp_utf8_to_cps(extra, strlen(extra), &ne) : NULL;
    size_t cap = p->n + ne + 1;
    for (size_t i = 0; i < p->n; i++) if (p->cps[i] == 0x2E3A || p->cps[i] == 0x2E3B) cap += 2;
    uint32_t *cps = pp_xmalloc(cap * sizeof *cps);
    uint8_t *flags = pp_xcalloc(cap, 1);
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++) {
        uint32_t cp = p->cps[i];
        int k = (cp == 0x2E3A ? 2 : cp == 0x2E3B ? 3 : 1);
        if (k > 1 && (pp_fonts_pick(s->fonts, 0x2014, style) < 0 || pp_fonts_pick(s->fonts, cp, style) >= 0)) k = 1;
        for (int j = 0; j < k; j++) {
            cps[n] = k > 1 ? 0x2014 : cp;
            flags[n++] = (uint8_t)(p->flags[i] & (j ? ~PP_CF_BREAK_BEFORE : 0xFF));
        }
    }
    *extra_at = ne ? n : (size_t)-1;
    if (ne) memcpy(cps + n, ecps, ne * sizeof *cps);
    n += ne;
    free(ecps);
    *flagsp = flags;
    *np = n;
    return cps;
}

/* Positions the characters of one line from x0 as linefit adjusted them. */
static void place_line(pp_setpara *o, const cinfo *ci, const pp_fitchar *f, const pp_fitline *l, double x0)
{
    double x = x0;
    for (size_t i = l->start; i < l->end; i++) {
        double adv = f[i].adv;
        if (i > l->start) {
            if (f[i].joint == PP_JOINT_GLUE) x += f[i].glue + l->glue_delta;
            else if (f[i].joint == PP_JOINT_CJK) x += l->cjk_extra;
            if (f[i].pair) x -= l->pair_cut;
        }
        if (f[i].space) adv += l->space_delta;
        push_glyph(o, ci[i].cp, ci[i].missing ? -1 : ci[i].face, x, f[i].adv, false, ci[i].em);
        x += adv;
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

/* A whole number of ems (the document grid of CJK word processors): a line of
 * full-width characters then fills the measure exactly, without spreading. */
static double grid(double w, double size)
{
    if (w > 2 * size) w = floor(w / size + GRID_TOL) * size;
    return w < size ? size : w;
}

/* ---- the cache of settings ---------------------------------------------- */
enum { CACHE_SLOTS = 256 };

typedef struct centry {
    uint64_t key;
    size_t n;                /* characters of the paragraph, a second check */
    pp_setpara sp;
    double forced_at;        /* > 0: a word was broken to this measure, pt (WORD_TOO_WIDE again) */
    bool missing;            /* some character is in no font (its warning again when not quiet) */
    bool used;
} centry;

struct pp_setcache { centry slot[CACHE_SLOTS]; };

#define FNV_PRIME 1099511628211ull

static uint64_t mix(uint64_t h, const void *data, size_t len)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < len; i++) h = (h ^ b[i]) * FNV_PRIME;   /* FNV-1a */
    return h;
}

/* The same, a code point at a time (the text is most of what is hashed). */
static uint64_t mix_cps(uint64_t h, const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ cps[i]) * FNV_PRIME;
    return h;
}

/* Everything the setting of p depends on, besides the template and the faces. */
static uint64_t para_key(const pp_para *p, double width, const char *extra)
{
    uint64_t h = 14695981039346656037ull;
    h = mix_cps(h, p->cps, p->n);
    for (size_t i = 0; i < p->n; i++)
        if (p->flags[i]) h = (h ^ (i << 8 | p->flags[i])) * FNV_PRIME;   /* flags are rare */
    int meta[6] = { (int)p->style, (int)p->role, p->align, p->ragged, p->nindent, p->label != NULL };
    h = mix(h, meta, sizeof meta);
    h = mix(h, &width, sizeof width);
    if (p->label) h = mix(h, p->label, strlen(p->label) + 1);
    for (int k = 0; k < p->nindent; k++) h = mix(h, p->indent[k], strlen(p->indent[k]) + 1);
    if (extra) h = mix(h, extra, strlen(extra) + 1);
    return h;
}

static void copy_setpara(pp_setpara *dst, const pp_setpara *src)
{
    dst->ng = dst->nlines = 0;
    PP_GROW(dst->g, dst->capg, src->ng);
    PP_GROW(dst->lines, dst->caplines, src->nlines);
    if (src->ng) memcpy(dst->g, src->g, src->ng * sizeof *src->g);
    if (src->nlines) memcpy(dst->lines, src->lines, src->nlines * sizeof *src->lines);
    dst->ng = src->ng;
    dst->nlines = src->nlines;
    dst->size = src->size;
    dst->leading = src->leading;
}

static void set_para(pp_setter *s, const pp_para *p, double width, const char *extra, pp_setpara *o,
                     double *forced_at);

void pp_linefill(pp_setter *s, const pp_para *p, double width, const char *extra, pp_setpara *o)
{
    if (!s->cache) s->cache = pp_xcalloc(1, sizeof *s->cache);
    uint64_t key = para_key(p, width, extra);
    centry *e = &s->cache->slot[key % CACHE_SLOTS];
    if (e->used && e->key == key && e->n == p->n) {
        copy_setpara(o, &e->sp);
        if (!s->quiet) {
            /* the messages a setting makes are made again, as if it were set anew */
            if (e->missing)
                for (size_t i = 0; i < p->n; i++) (void)pick(s, p->cps[i], (int)p->style, p->src);
            if (e->forced_at > 0)
                pp_msg(s->d, PP_LOC(s->file, p->src ? p->src->line : 0, p->src ? p->src->col : 0), WORD_TOO_WIDE,
                       e->forced_at);
        }
        return;
    }
    double forced_at = 0;
    set_para(s, p, width, extra, o, &forced_at);
    e->used = true;
    e->key = key;
    e->n = p->n;
    e->forced_at = forced_at;
    e->missing = false;
    for (size_t i = 0; i < o->ng; i++) e->missing |= o->g[i].missing;
    copy_setpara(&e->sp, o);
}

static void set_para(pp_setter *s, const pp_para *p, double width, const char *extra, pp_setpara *o,
                     double *forced_at)
{
    const pp_textstyle *st = &s->t->styles[p->style];
    pp_align align = p->align >= 0 ? (pp_align)p->align : st->align;
    double size = st->size_pt;
    o->ng = o->nlines = 0;
    o->size = size;
    o->leading = st->leading_pt;

    uint8_t *flags;
    size_t n, extra_at;
    uint32_t *cps = assemble(s, p, extra, (int)p->style, &flags, &n, &extra_at);
    /* one block for the per-character arrays, the most aligned first */
    char *block = pp_xcalloc(1, (n + 1) * (sizeof(pp_fitchar) + sizeof(cinfo) + 1));
    pp_fitchar *f = (pp_fitchar *)block;
    cinfo *ci = (cinfo *)(f + n + 1);
    uint8_t *brk = (uint8_t *)(ci + n + 1);
    pp_linebreak_classify(cps, n, brk);
    double glue = s->t->glue_em * size;
    for (size_t i = 0; i < n; i++) {
        cinfo *x = &ci[i];
        x->cp = cps[i];
        x->lb = pp_lb_info(cps[i]);
        x->western = x->lb.script == PP_SCRIPT_LATIN || x->lb.script == PP_SCRIPT_DIGIT;
        x->face = pick(s, cps[i], (int)p->style, p->src);
        x->missing = x->face < 0;
        if (x->missing) x->face = 0;
        x->em = (flags[i] & PP_CF_EM) != 0;
        /* a missing character takes a full em, where its box is drawn */
        f[i].adv = x->missing ? size : pp_face_advance(pp_fonts_face(s->fonts, x->face), cps[i]) * size;
        f[i].brk = i ? brk[i] : PP_BREAK_NEVER;
        f[i].space = cps[i] == ' ';
        f[i].forced = i && (flags[i] & PP_CF_BREAK_BEFORE) != 0;
        f[i].soft = i && i == extra_at;
        f[i].nostart = x->lb.no_start;
        if (i) {
            /* a Han–Latin gap: as pp_lb_wants_glue, from the properties at hand */
            const pp_lbinfo *a = &ci[i - 1].lb, *b = &x->lb;
            if ((a->script == PP_SCRIPT_HAN && b->word) || (b->script == PP_SCRIPT_HAN && a->word)) f[i].glue = glue;
            f[i].joint = joint(ci, f, i);
            uint32_t pc = cps[i - 1], c = cps[i];
            f[i].pair = (closing(pc) && mark(c)) || (opening(c) && mark(pc));
        }
    }
    mark_anywhere(ci, f, n);

    /* hanging indent: the label starts where the parent's text starts */
    double label_x = 0;
    for (int k = 0; k < p->nindent; k++) label_x += pp_measure(s, p->indent[k], (int)p->style, size);
    double label_w = p->label ? pp_measure(s, p->label, (int)p->style, size) : 0;
    double text_x = label_x + label_w;
    double room = width - text_x, room_first = room;
    if (room < 4 * size) {
        /* too deep for this measure (a narrow cell): the label leads the first line
         * and the text does not hang, rather than squeezing into a sliver */
        label_x = 0;
        text_x = 0;
        room = width;
        room_first = width - label_w;
    }
    double avail = grid(room, size), avail_first = grid(room_first, size);

    /* a centred title a little too long for one line is set a little smaller
     * (down to 85 %) rather than leaving a word or two alone on a second line */
    if (p->role == PP_SR_TITLE && !p->label && n) {
        double nat = 0;
        for (size_t i = 0; i < n; i++) nat += f[i].adv + (i ? f[i].glue : 0);
        if (nat > avail_first && nat * 0.85 <= width) {
            double k = width / nat;
            for (size_t i = 0; i < n; i++) { f[i].adv *= k; f[i].glue *= k; }
            o->size = size *= k;
            glue *= k;
            avail = avail_first = room = room_first = width;
        }
    }

    bool justify = align == PP_ALIGN_JUSTIFY && !p->ragged;
    bool in_cell = p->style == PP_TS_TABLE || p->style == PP_TS_TABLE_HEAD;
    pp_compress cmode = s->t->compress_pairs;
    int sf = pp_fonts_pick(s->fonts, ' ', (int)p->style);
    double space_nat = pp_face_advance(pp_fonts_face(s->fonts, sf < 0 ? 0 : sf), ' ') * size;
    pp_fitopts fo = {
        .measure_first = avail_first, .measure = avail, .size = size, .justify = justify,
        .compress = cmode == PP_COMPRESS_ALWAYS ||
                    (cmode == PP_COMPRESS_NARROW_CELLS && in_cell && width < s->t->narrow_cell_em * size),
        /* clreq and JLREQ: the quarter-em Han–Latin gap stretches to 1/3 em at most and
         * shrinks to 1/6 em (clreq allows 1/8; the band is kept even so that neighbouring
         * lines look alike); a word space stretches to 1/3 em and does not shrink below
         * 1/4 em, nor ever below 1/6 em (docs/typesetting.md, section 3) */
        .glue_min = glue - size / 12, .glue_max = glue + size / 12,
        .space_min = fmax(fmin(space_nat, size / 4), size / 6), .space_max = fmax(space_nat, size / 3),
        .orphan_matters = avail >= 5 * size - 1e-6,
        .spread_max = s->t->max_stretch_em * size,
    };
    if (fo.glue_min < 0) fo.glue_min = 0;
    pp_fitline *lines = NULL;
    bool forced_any = false;
    size_t nl = pp_linefit(f, n, &fo, &lines, &forced_any);
    *forced_at = forced_any ? (avail_first > 0 ? avail_first : 1) : 0;
    if (forced_any && !s->quiet)
        pp_msg(s->d, PP_LOC(s->file, p->src ? p->src->line : 0, p->src ? p->src->col : 0), WORD_TOO_WIDE, avail_first);

    PP_GROW(o->g, o->capg, n + 8 + (p->label ? strlen(p->label) : 0));
    if (nl == 0) {   /* label only, or empty paragraph */
        size_t first = o->ng;
        if (p->label) add_label(s, o, p->label, label_x, (int)p->style, size, p->src);
        push_line(o, first);
    }
    for (size_t k = 0; k < nl; k++) {
        const pp_fitline *l = &lines[k];
        size_t first = o->ng;
        if (k == 0 && p->label) add_label(s, o, p->label, label_x, (int)p->style, size, p->src);
        double x0 = k == 0 && text_x == 0 ? label_w : text_x;
        /* centred and end-aligned lines sit in the real measure, not the grid */
        double r = k == 0 ? room_first : room;
        if (align == PP_ALIGN_CENTER && l->width < r) x0 += (r - l->width) / 2;
        else if (align == PP_ALIGN_END && l->width < r) x0 += r - l->width;
        place_line(o, ci, f, l, x0);
        push_line(o, first);
    }
    free(lines);
    free(block);
    free(cps);
    free(flags);
}

void pp_setter_release(pp_setter *s)
{
    pp_cpset_release(&s->warned);
    if (s->cache) {
        for (size_t i = 0; i < CACHE_SLOTS; i++) pp_setpara_release(&s->cache->slot[i].sp);
        free(s->cache);
        s->cache = NULL;
    }
}

void pp_setpara_release(pp_setpara *sp)
{
    free(sp->g);
    free(sp->lines);
    memset(sp, 0, sizeof *sp);
}
