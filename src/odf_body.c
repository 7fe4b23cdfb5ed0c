/* odf_body — paragraphs as text:p and headings as text:h with outline levels
 * (nested as the PDF's bookmarks nest, so no level is skipped).
 *
 * A generated label (壹、 一、 （一） 1. (1)) is typed at the start of its
 * paragraph, as agencies type them, and hangs: the paragraph's left margin is
 * where the text starts (the parents' labels plus its own) and its first line
 * is pulled back by the label's width. Where the PDF gives up the hang (less
 * than four ems left in a narrow cell) so does this. Each distinct indent is one
 * automatic style derived from the named style, so editing the named style
 * still changes every paragraph. */
#include "odf_body.h"
#include "linebreak.h"
#include "odf_styles.h"
#include "utf8.h"
#include "xalloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pp_odf_body_init(pp_odf_body *bc, const pp_odf *c)
{
    memset(bc, 0, sizeof *bc);
    bc->c = c;
    pp_ox_open(&bc->x, false);
}

void pp_odf_body_release(pp_odf_body *bc)
{
    pp_ox_discard(&bc->x);
    free(bc->ps);
    free(bc->cs);
    free(bc->ts);
    memset(bc, 0, sizeof *bc);
}

/* ---- automatic paragraph styles ---------------------------------------------------- */
static bool same_pstyle(const pp_odf_pstyle *a, const pp_odf_pstyle *b)
{
    return strcmp(a->parent, b->parent) == 0 && a->margin_cpt == b->margin_cpt && a->indent_cpt == b->indent_cpt &&
           a->align == b->align && a->keep == b->keep && a->master == b->master &&
           a->size_cpt == b->size_cpt;
}

/* The style name a paragraph is written with: the named style itself when
 * nothing differs from it, else an automatic P<n> derived from it. */
static const char *para_style(pp_odf_body *bc, const pp_odf_pstyle *want, char out[32])
{
    if (!want->margin_cpt && !want->indent_cpt && want->align < 0 && want->keep < 0 && !want->master &&
        !want->size_cpt)
        return want->parent;
    size_t k = 0;
    while (k < bc->nps && !same_pstyle(&bc->ps[k], want)) k++;
    if (k == bc->nps) {
        PP_GROW(bc->ps, bc->capps, bc->nps + 1);
        bc->ps[bc->nps++] = *want;
    }
    snprintf(out, 32, "P%zu", k + 1);
    return out;
}

static const char *align_value(int a)
{
    switch (a) {
    case PP_ALIGN_START: return "start";
    case PP_ALIGN_CENTER: return "center";
    case PP_ALIGN_END: return "end";
    default: return "justify";
    }
}

void pp_odf_para_styles(const pp_odf_body *bc, pp_ox *x)
{
    for (size_t k = 0; k < bc->nps; k++) {
        const pp_odf_pstyle *s = &bc->ps[k];
        pp_ox_start(x, "style:style");
        pp_ox_attrf(x, "style:name", "P%zu", k + 1);
        pp_ox_attr(x, "style:family", "paragraph");
        pp_ox_attr(x, "style:parent-style-name", s->parent);
        if (s->master) pp_ox_attr(x, "style:master-page-name", pp_odf_master_name(s->master));
        pp_ox_start(x, "style:paragraph-properties");
        if (s->margin_cpt || s->indent_cpt) {
            pp_ox_len(x, "fo:margin-left", s->margin_cpt / 100.0);
            pp_ox_len(x, "fo:text-indent", s->indent_cpt / 100.0);
            pp_ox_attr(x, "style:auto-text-indent", "false");
        }
        if (s->align >= 0) {
            pp_ox_attr(x, "fo:text-align", align_value(s->align));
            if (s->align == PP_ALIGN_JUSTIFY) pp_ox_attr(x, "fo:text-align-last", "start");
        }
        if (s->keep >= 0) pp_ox_attr(x, "fo:keep-with-next", s->keep ? "always" : "auto");
        pp_ox_end(x);
        if (s->size_cpt) {
            pp_ox_start(x, "style:text-properties");
            pp_ox_len(x, "fo:font-size", s->size_cpt / 100.0);
            pp_ox_len(x, "style:font-size-asian", s->size_cpt / 100.0);
            pp_ox_len(x, "style:font-size-complex", s->size_cpt / 100.0);
            pp_ox_end(x);
        }
        pp_ox_end(x);
    }
}

/* ---- paragraphs -------------------------------------------------------------------- */
/* Level `raw` nested into the levels open above it: one deeper than they are. */
static int nest_level(pp_odf_body *bc, int raw)
{
    if (raw < 1) raw = 1;
    if (raw > PP_ODF_MAX_LEVEL) raw = PP_ODF_MAX_LEVEL;
    int depth = 0;
    for (int k = 1; k < raw; k++) depth += bc->open_level[k];
    bc->open_level[raw] = true;
    for (int k = raw + 1; k <= PP_ODF_MAX_LEVEL; k++) bc->open_level[k] = false;
    return depth + 1;
}

/* The paragraph's characters: runs of plain and emphasised text, a line break
 * where the source had <br/>. */
static void para_text(pp_ox *x, const pp_para *p, bool *sp)
{
    char *u = pp_xmalloc(p->n * 4 + 1);
    size_t i = 0;
    while (i < p->n) {
        if (p->flags[i] & PP_CF_BREAK_BEFORE) {
            pp_ox_empty(x, "text:line-break", NULL, NULL);
            *sp = true;
        }
        bool em = (p->flags[i] & PP_CF_EM) != 0;
        size_t len = 0, j = i;
        do {
            len += pp_utf8_encode(p->cps[j], u + len);
            j++;
        } while (j < p->n && ((p->flags[j] & PP_CF_EM) != 0) == em && !(p->flags[j] & PP_CF_BREAK_BEFORE));
        if (em) {
            pp_ox_start(x, "text:span");
            pp_ox_attr(x, "text:style-name", "Emphasis");
        }
        pp_ox_text(x, u, len, sp);
        if (em) pp_ox_end(x);
        i = j;
    }
    free(u);
}

/* The PDF sets a centred title a little too long for its line smaller (down
 * to 85 %) rather than leave a word alone on a second line: the same size
 * here, from the same measure (advances and Han–Latin gaps), so both agree. */
static double title_size(const pp_odf *c, const pp_para *p, double width)
{
    double size = c->t->styles[p->style].size_pt;
    if (p->role != PP_SR_TITLE || p->label || !p->n) return size;
    char *u = pp_xmalloc(p->n * 4 + 1);
    size_t len = 0, gaps = 0;
    for (size_t i = 0; i < p->n; i++) {
        len += pp_utf8_encode(p->cps[i], u + len);
        if (i && pp_lb_wants_glue(p->cps[i - 1], p->cps[i])) gaps++;
    }
    u[len] = 0;
    double nat = pp_odf_measure(c, u, p->style) + (double)gaps * c->t->glue_em * size;
    free(u);
    double avail = width > 2 * size ? floor(width / size + 1e-6) * size : width;
    return nat > avail && nat * 0.85 <= width ? size * width / nat : size;
}

void pp_odf_para(pp_odf_body *bc, const pp_para *p, double width, int raw)
{
    const pp_odf *c = bc->c;
    const pp_textstyle *st = &c->t->styles[p->style];
    int level = raw > 0 ? nest_level(bc, raw) : 0;
    pp_odf_pstyle want = { .align = -1, .keep = -1 };
    if (level) pp_odf_heading_style(p->style, level, want.parent);
    else snprintf(want.parent, sizeof want.parent, "%s", pp_odf_style_name(p->style));

    /* the hang, measured as the PDF measures it */
    double label_x = 0;
    for (int k = 0; k < p->nindent; k++) label_x += pp_odf_measure(c, p->indent[k], p->style);
    double label_w = p->label ? pp_odf_measure(c, p->label, p->style) : 0;
    double text_x = label_x + label_w;
    if (width - text_x < 4 * st->size_pt) label_x = text_x = label_w = 0;
    want.margin_cpt = lround(text_x * 100);
    want.indent_cpt = -lround(label_w * 100);

    pp_align align = st->align;
    if (p->align >= 0) align = (pp_align)p->align;
    else if (p->ragged && align == PP_ALIGN_JUSTIFY) align = PP_ALIGN_START;
    if (align != st->align) want.align = (int)align;
    if (p->keep_with_next != pp_odf_style_keeps(want.parent)) want.keep = p->keep_with_next;
    double size = title_size(c, p, width);
    if (size != st->size_pt) want.size_cpt = lround(size * 100);
    /* page 1's own master page, else the turn the blocks ask for (a cell's
     * paragraphs come after their table has taken it) */
    want.master = !bc->started && c->first_page ? PP_ODF_MASTER_FIRST : bc->next_master;
    bc->next_master = PP_ODF_MASTER_NONE;
    bc->started = true;

    char auto_name[32];
    const char *style = para_style(bc, &want, auto_name);
    pp_ox *x = &bc->x;
    pp_ox_start(x, level ? "text:h" : "text:p");
    pp_ox_attr(x, "text:style-name", style);
    if (level) pp_ox_attrf(x, "text:outline-level", "%d", level);
    bool sp = true;
    if (p->label) pp_ox_text(x, p->label, strlen(p->label), &sp);
    para_text(x, p, &sp);
    pp_ox_end(x);
}

