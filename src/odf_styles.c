/* odf_styles — styles.xml: the template as named styles an editor can change
 * in Writer (Title, Heading 1..10, Text body, Note, Caption, Table Contents,
 * Table Heading, Header/Footer, Emphasis), the faces they use, an outline style
 * without numbers (the labels are typed in the text), and the page: size,
 * margins and the page-number footer (or header) and running header, each
 * centred in its margin as the PDF draws them; page 1's own master page when
 * it has no running header, and the Landscape master page (the page turned)
 * when a landscape section or table turns pages.
 *
 * The built-in names (Title, Heading_20_1, Text_20_body, Table_20_Contents …)
 * are Writer's own, so an editor sees them under their localised names and a
 * table of contents picks the headings up; only Issuance Line, Run-in Heading
 * and Note are planpress's. */
#include "odf_styles.h"
#include "odf_xml.h"
#include <stdio.h>
#include <string.h>

static const char *const names[PP_TS__COUNT] = {
    [PP_TS_TITLE] = "Title", [PP_TS_ISSUED] = "Issuance_20_Line", [PP_TS_HEADING] = "Heading_20_1",
    [PP_TS_SUBHEADING] = "Heading_20_2", [PP_TS_BODY] = "Text_20_body", [PP_TS_NOTE] = "Note",
    [PP_TS_CAPTION] = "Caption", [PP_TS_TABLE] = "Table_20_Contents", [PP_TS_TABLE_HEAD] = "Table_20_Heading",
    [PP_TS_FOOTER] = "Footer", [PP_TS_BANNER] = "Banner_20_Line", [PP_TS_ANNEX] = "Annex_20_Label" };

const char *pp_odf_style_name(pp_textstyle_id s)
{
    /* a text style without a named style of its own is set in Standard */
    return (unsigned)s < PP_TS__COUNT && names[s] ? names[s] : "Standard";
}

void pp_odf_heading_style(pp_textstyle_id s, int level, char out[32])
{
    if (s == PP_TS_HEADING || s == PP_TS_SUBHEADING)
        snprintf(out, 32, "Heading_20_%d", level < 1 ? 1 : level > PP_ODF_MAX_LEVEL ? PP_ODF_MAX_LEVEL : level);
    else if (s == PP_TS_BODY) snprintf(out, 32, "Run-in_20_Heading");
    else snprintf(out, 32, "%s", pp_odf_style_name(s));
}

bool pp_odf_style_keeps(const char *name)
{
    return strcmp(name, "Title") == 0 || strcmp(name, "Issuance_20_Line") == 0 || strcmp(name, "Caption") == 0 ||
           strcmp(name, "Banner_20_Line") == 0 || strcmp(name, "Annex_20_Label") == 0 ||
           strncmp(name, "Heading", 7) == 0;
}

static const char *align_value(pp_align a)
{
    switch (a) {
    case PP_ALIGN_START: return "start";
    case PP_ALIGN_CENTER: return "center";
    case PP_ALIGN_END: return "end";
    default: return "justify";
    }
}

/* ---- fonts ------------------------------------------------------------------------ */
typedef struct faces { const char *v[2 * PP_TS__COUNT + 2]; int n; } faces;

static void face_add(faces *f, const char *family)
{
    if (!family || !*family) return;
    for (int i = 0; i < f->n; i++) if (strcmp(f->v[i], family) == 0) return;
    f->v[f->n++] = family;
}

static void font_decls(const pp_odf *c, pp_ox *x)
{
    const pp_template *t = c->t;
    faces f = { .n = 0 };
    face_add(&f, t->han_family);
    face_add(&f, t->latin_family);
    for (int i = 0; i < PP_TS__COUNT; i++) {
        face_add(&f, t->styles[i].han_family);
        face_add(&f, t->styles[i].latin_family);
    }
    pp_ox_start(x, "office:font-face-decls");
    for (int i = 0; i < f.n; i++) {
        pp_ox_start(x, "style:font-face");
        pp_ox_attr(x, "style:name", f.v[i]);
        if (strchr(f.v[i], ' ')) pp_ox_attrf(x, "svg:font-family", "'%s'", f.v[i]);
        else pp_ox_attr(x, "svg:font-family", f.v[i]);
        pp_ox_attr(x, "style:font-pitch", "variable");
        pp_ox_end(x);
    }
    pp_ox_end(x);
}

/* ---- paragraph styles ---------------------------------------------------------------- */
/* Text properties: the faces (Latin letters in the Latin face, CJK in the Han
 * face) when given, and the size for every script. */
static void text_props(pp_ox *x, double size, const char *han, const char *latin)
{
    pp_ox_start(x, "style:text-properties");
    if (latin || han) pp_ox_attr(x, "style:font-name", latin ? latin : han);
    if (han) {
        pp_ox_attr(x, "style:font-name-asian", han);
        pp_ox_attr(x, "style:font-name-complex", han);
    }
    pp_ox_len(x, "fo:font-size", size);
    pp_ox_len(x, "style:font-size-asian", size);
    pp_ox_len(x, "style:font-size-complex", size);
    pp_ox_end(x);
}

static void para_props(pp_ox *x, const pp_textstyle *st, bool keep)
{
    pp_ox_start(x, "style:paragraph-properties");
    pp_ox_len(x, "fo:margin-top", st->space_before_pt);
    pp_ox_len(x, "fo:margin-bottom", st->space_after_pt);
    pp_ox_len(x, "fo:line-height", st->leading_pt);   /* fixed: the PDF's leading */
    pp_ox_attr(x, "fo:text-align", align_value(st->align));
    if (st->align == PP_ALIGN_JUSTIFY) pp_ox_attr(x, "fo:text-align-last", "start");
    if (keep) pp_ox_attr(x, "fo:keep-with-next", "always");
    pp_ox_end(x);
}

static void named_style(const pp_odf *c, pp_ox *x, const char *name, const char *display, const char *parent,
                        const char *klass, pp_textstyle_id ts, bool keep, int outline)
{
    const pp_textstyle *st = &c->t->styles[ts];
    pp_ox_start(x, "style:style");
    pp_ox_attr(x, "style:name", name);
    if (display) pp_ox_attr(x, "style:display-name", display);
    pp_ox_attr(x, "style:family", "paragraph");
    if (parent) pp_ox_attr(x, "style:parent-style-name", parent);
    if (outline > 0) pp_ox_attrf(x, "style:default-outline-level", "%d", outline);
    pp_ox_attr(x, "style:class", klass);
    para_props(x, st, keep);
    text_props(x, st->size_pt, st->han_family, st->latin_family);
    pp_ox_end(x);
}

static void default_style(const pp_odf *c, pp_ox *x)
{
    const pp_template *t = c->t;
    pp_ox_start(x, "style:default-style");
    pp_ox_attr(x, "style:family", "paragraph");
    pp_ox_start(x, "style:paragraph-properties");
    /* no line alone at a page's foot or head, as the PDF */
    pp_ox_attr(x, "fo:orphans", "2");
    pp_ox_attr(x, "fo:widows", "2");
    pp_ox_attr(x, "fo:hyphenation-ladder-count", "no-limit");
    pp_ox_attr(x, "style:writing-mode", "lr-tb");
    /* CJK line breaking: kinsoku rules, no punctuation hung into the margin, the
     * small gap between Han and Latin text that the PDF sets too */
    pp_ox_attr(x, "style:line-break", "strict");
    pp_ox_attr(x, "style:punctuation-wrap", "simple");
    pp_ox_attr(x, "style:text-autospace", "ideograph-alpha");
    pp_ox_end(x);
    pp_ox_start(x, "style:text-properties");
    const char *latin = t->latin_family ? t->latin_family : t->han_family;
    pp_ox_attr(x, "style:font-name", latin);
    pp_ox_attr(x, "style:font-name-asian", t->han_family);
    pp_ox_attr(x, "style:font-name-complex", t->han_family);
    double size = t->styles[PP_TS_BODY].size_pt;
    pp_ox_len(x, "fo:font-size", size);
    pp_ox_len(x, "style:font-size-asian", size);
    pp_ox_len(x, "style:font-size-complex", size);
    pp_ox_attr(x, "fo:language", c->west_lang);
    if (*c->west_country) pp_ox_attr(x, "fo:country", c->west_country);
    pp_ox_attr(x, "style:language-asian", c->asian_lang);
    if (*c->asian_country) pp_ox_attr(x, "style:country-asian", c->asian_country);
    pp_ox_attr(x, "fo:hyphenate", "false");
    pp_ox_end(x);
    pp_ox_end(x);
}

static void named_styles(const pp_odf *c, pp_ox *x)
{
    pp_ox_start(x, "office:styles");
    default_style(c, x);
    pp_ox_start(x, "style:style");
    pp_ox_attr(x, "style:name", "Standard");
    pp_ox_attr(x, "style:family", "paragraph");
    pp_ox_attr(x, "style:class", "text");
    pp_ox_end(x);
    named_style(c, x, "Text_20_body", "Text body", "Standard", "text", PP_TS_BODY, false, 0);
    named_style(c, x, "Title", NULL, "Standard", "chapter", PP_TS_TITLE, true, 0);
    named_style(c, x, "Issuance_20_Line", "Issuance Line", "Standard", "chapter", PP_TS_ISSUED, true, 0);
    /* 施政計畫管理資訊系統 above a title, 附表二 above a form's */
    named_style(c, x, "Banner_20_Line", "Banner Line", "Standard", "chapter", PP_TS_BANNER, true, 0);
    named_style(c, x, "Annex_20_Label", "Annex Label", "Standard", "chapter", PP_TS_ANNEX, true, 0);
    named_style(c, x, "Heading", NULL, "Standard", "text", PP_TS_HEADING, true, 0);
    for (int lv = 1; lv <= PP_ODF_MAX_LEVEL; lv++) {
        char name[32], display[32];
        snprintf(name, sizeof name, "Heading_20_%d", lv);
        snprintf(display, sizeof display, "Heading %d", lv);
        named_style(c, x, name, display, "Heading", "text", lv == 1 ? PP_TS_HEADING : PP_TS_SUBHEADING, true, lv);
    }
    /* 壹、計畫依據：… — a heading whose first paragraph runs on after it */
    named_style(c, x, "Run-in_20_Heading", "Run-in Heading", "Text_20_body", "text", PP_TS_BODY, false, 0);
    named_style(c, x, "Note", NULL, "Text_20_body", "text", PP_TS_NOTE, false, 0);
    named_style(c, x, "Caption", NULL, "Standard", "extra", PP_TS_CAPTION, true, 0);
    named_style(c, x, "Table_20_Contents", "Table Contents", "Standard", "extra", PP_TS_TABLE, false, 0);
    /* a table of contents' entries: Writer's own names, so that its index uses them */
    for (int lv = 1; lv <= 4; lv++) {
        char name[32], display[32];
        snprintf(name, sizeof name, "Contents_20_%d", lv);
        snprintf(display, sizeof display, "Contents %d", lv);
        named_style(c, x, name, display, "Standard", "index", PP_TS_TOC, false, 0);
    }
    named_style(c, x, "Table_20_Heading", "Table Heading", "Table_20_Contents", "extra", PP_TS_TABLE_HEAD, false, 0);
    named_style(c, x, "Header", NULL, "Standard", "extra", PP_TS_FOOTER, false, 0);
    named_style(c, x, "Footer", NULL, "Standard", "extra", PP_TS_FOOTER, false, 0);
    /* emphasis is underlined, as in the PDF (CJK text is not set in italics) */
    pp_ox_start(x, "style:style");
    pp_ox_attr(x, "style:name", "Emphasis");
    pp_ox_attr(x, "style:family", "text");
    pp_ox_start(x, "style:text-properties");
    pp_ox_attr(x, "style:text-underline-style", "solid");
    pp_ox_attr(x, "style:text-underline-width", "auto");
    pp_ox_attr(x, "style:text-underline-color", "font-color");
    pp_ox_end(x);
    pp_ox_end(x);
    /* the outline carries the heading levels, not numbers: the labels are text */
    pp_ox_start(x, "text:outline-style");
    pp_ox_attr(x, "style:name", "Outline");
    for (int lv = 1; lv <= PP_ODF_MAX_LEVEL; lv++) {
        pp_ox_start(x, "text:outline-level-style");
        pp_ox_attrf(x, "text:level", "%d", lv);
        pp_ox_attr(x, "style:num-format", "");
        pp_ox_end(x);
    }
    pp_ox_end(x);
    pp_ox_end(x);
}

/* ---- the page ---------------------------------------------------------------------- */
/* What one margin band shows: the page number and/or the running header, each
 * placed across the page as the template says. */
typedef struct band {
    int n;
    const char *text[2];
    bool is_number[2];
    pp_align align[2];
} band;

static void band_add(band *b, const char *text, bool is_number, pp_align align)
{
    b->text[b->n] = text;
    b->is_number[b->n] = is_number;
    b->align[b->n] = align == PP_ALIGN_JUSTIFY ? PP_ALIGN_START : align;
    b->n++;
}

typedef struct pagebands { band head, foot; } pagebands;

static pagebands bands_for(const pp_odf *c, bool first)
{
    const pp_template *t = c->t;
    pagebands p = { { 0 }, { 0 } };
    if (t->page_number && *t->page_number)
        band_add(t->number_at_head ? &p.head : &p.foot, t->page_number, true, t->number_align);
    if (c->b->running_header && (!first || t->header_on_first))
        band_add(&p.head, c->b->running_header, false, t->header_align);
    return p;
}

/* A page layout: the template's page, or turned (width and height swapped, the
 * same margins, as the PDF turns a landscape section's pages). */
static void page_layout(const pp_odf *c, pp_ox *x, const char *name, const pagebands *p, bool turned)
{
    const pp_template *t = c->t;
    double pw = turned ? t->page_h : t->page_w, ph = turned ? t->page_w : t->page_h;
    double L = t->styles[PP_TS_FOOTER].leading_pt;
    /* a band's line is centred in its margin; the text area stays where the PDF's is */
    double head_gap = t->margin_top / 2 - L / 2, foot_gap = t->margin_bottom / 2 - L / 2;
    if (head_gap < 0) head_gap = 0;
    if (foot_gap < 0) foot_gap = 0;
    pp_ox_start(x, "style:page-layout");
    pp_ox_attr(x, "style:name", name);
    pp_ox_start(x, "style:page-layout-properties");
    pp_ox_len(x, "fo:page-width", pw);
    pp_ox_len(x, "fo:page-height", ph);
    pp_ox_attr(x, "style:print-orientation", pw > ph ? "landscape" : "portrait");
    pp_ox_len(x, "fo:margin-top", p->head.n ? head_gap : t->margin_top);
    pp_ox_len(x, "fo:margin-bottom", p->foot.n ? foot_gap : t->margin_bottom);
    pp_ox_len(x, "fo:margin-left", t->margin_left);
    pp_ox_len(x, "fo:margin-right", t->margin_right);
    pp_ox_attr(x, "style:writing-mode", "lr-tb");
    pp_ox_end(x);
    for (int k = 0; k < 2; k++) {
        const band *b = k == 0 ? &p->head : &p->foot;
        if (!b->n) continue;
        double room = (k == 0 ? t->margin_top : t->margin_bottom) - (k == 0 ? head_gap : foot_gap) - L;
        pp_ox_start(x, k == 0 ? "style:header-style" : "style:footer-style");
        pp_ox_start(x, "style:header-footer-properties");
        pp_ox_len(x, "fo:min-height", L);
        pp_ox_len(x, k == 0 ? "fo:margin-bottom" : "fo:margin-top", room > 0 ? room : 0);
        pp_ox_attr(x, "style:dynamic-spacing", "false");
        pp_ox_end(x);
        pp_ox_end(x);
    }
    pp_ox_end(x);
}

/* The band's paragraph style: its one item's alignment, or tab stops where
 * the second and third items go (centre, end of the line). */
static void band_style(pp_ox *x, const char *name, const char *parent, const band *b, double text_w)
{
    pp_ox_start(x, "style:style");
    pp_ox_attr(x, "style:name", name);
    pp_ox_attr(x, "style:family", "paragraph");
    pp_ox_attr(x, "style:parent-style-name", parent);
    pp_ox_start(x, "style:paragraph-properties");
    bool tabs = b->n > 1 && b->align[0] != b->align[1];
    pp_ox_attr(x, "fo:text-align", tabs ? "start" : align_value(b->align[0]));
    if (tabs) {
        pp_ox_start(x, "style:tab-stops");
        for (int a = PP_ALIGN_CENTER; a <= PP_ALIGN_END; a++) {
            bool used = false;
            for (int i = 0; i < b->n; i++) used |= b->align[i] == (pp_align)a;
            if (!used) continue;
            pp_ox_start(x, "style:tab-stop");
            pp_ox_len(x, "style:position", a == PP_ALIGN_CENTER ? text_w / 2 : text_w);
            pp_ox_attr(x, "style:type", a == PP_ALIGN_CENTER ? "center" : "right");
            pp_ox_end(x);
        }
        pp_ox_end(x);
    }
    pp_ox_end(x);
    pp_ox_end(x);
}

/* "- {n} -", "第 {n} 頁，共 {total} 頁": the numbers as fields Writer fills in. */
static void number_text(pp_ox *x, const char *fmt, bool *sp)
{
    const char *run = fmt;
    for (const char *p = fmt; *p;) {
        bool n = strncmp(p, "{n}", 3) == 0, total = strncmp(p, "{total}", 7) == 0;
        if (!n && !total) { p++; continue; }
        pp_ox_text(x, run, (size_t)(p - run), sp);
        pp_ox_start(x, n ? "text:page-number" : "text:page-count");
        if (n) pp_ox_attr(x, "text:select-page", "current");
        pp_ox_chars(x, "1");
        pp_ox_end(x);
        *sp = false;
        p += n ? 3 : 7;
        run = p;
    }
    pp_ox_text(x, run, strlen(run), sp);
}

static void band_para(pp_ox *x, const char *style, const band *b)
{
    pp_ox_start(x, "text:p");
    pp_ox_attr(x, "text:style-name", style);
    bool sp = true;
    bool tabs = b->n > 1 && b->align[0] != b->align[1];
    for (int a = PP_ALIGN_START; a <= PP_ALIGN_END; a++) {
        bool first_here = true;
        for (int i = 0; i < b->n; i++) {
            if (tabs ? b->align[i] != (pp_align)a : a != PP_ALIGN_START) continue;
            if (tabs && first_here && a != PP_ALIGN_START) { pp_ox_empty(x, "text:tab", NULL, NULL); sp = false; }
            else if (!first_here) pp_ox_text(x, " ", 1, &sp);
            first_here = false;
            if (b->is_number[i]) number_text(x, b->text[i], &sp);
            else pp_ox_text(x, b->text[i], strlen(b->text[i]), &sp);
        }
    }
    pp_ox_end(x);
}

const char *pp_odf_master_name(pp_odf_master m)
{
    switch (m) {
    case PP_ODF_MASTER_FIRST: return PP_ODF_FIRST_MASTER;
    case PP_ODF_MASTER_LANDSCAPE: return PP_ODF_LANDSCAPE_MASTER;
    case PP_ODF_MASTER_STANDARD: return "Standard";
    default: return NULL;
    }
}

static void master_page(pp_ox *x, const char *name, const char *display, const char *layout, const char *next,
                        const pagebands *p, const char *head_style, const char *foot_style)
{
    pp_ox_start(x, "style:master-page");
    pp_ox_attr(x, "style:name", name);
    if (display) pp_ox_attr(x, "style:display-name", display);
    pp_ox_attr(x, "style:page-layout-name", layout);
    if (next) pp_ox_attr(x, "style:next-style-name", next);
    if (p->head.n) {
        pp_ox_start(x, "style:header");
        band_para(x, head_style, &p->head);
        pp_ox_end(x);
    }
    if (p->foot.n) {
        pp_ox_start(x, "style:footer");
        band_para(x, foot_style, &p->foot);
        pp_ox_end(x);
    }
    pp_ox_end(x);
}

int pp_odf_styles(const pp_odf *c, pp_buf *out)
{
    pagebands std = bands_for(c, false), first = bands_for(c, true);
    pp_ox x;
    pp_ox_open(&x, true);
    pp_ox_start(&x, "office:document-styles");
    pp_ox_namespaces(&x, "office style text table fo svg");
    pp_ox_attr(&x, "office:version", "1.3");
    font_decls(c, &x);
    named_styles(c, &x);
    pp_ox_start(&x, "office:automatic-styles");
    /* page 1 is turned when the document starts with a landscape section */
    double first_w = c->first_turned ? c->turned_w : c->text_w;
    page_layout(c, &x, "pm1", &std, false);
    if (c->first_page) page_layout(c, &x, "pm2", &first, c->first_turned);
    if (c->turns) page_layout(c, &x, "pm3", &std, true);
    if (std.head.n) band_style(&x, "MP1", "Header", &std.head, c->text_w);
    if (std.foot.n) band_style(&x, "MP2", "Footer", &std.foot, c->text_w);
    if (c->first_page && first.head.n) band_style(&x, "MP3", "Header", &first.head, first_w);
    if (c->first_page && first.foot.n) band_style(&x, "MP4", "Footer", &first.foot, first_w);
    if (c->turns && std.head.n) band_style(&x, "MP5", "Header", &std.head, c->turned_w);
    if (c->turns && std.foot.n) band_style(&x, "MP6", "Footer", &std.foot, c->turned_w);
    pp_ox_end(&x);
    pp_ox_start(&x, "office:master-styles");
    master_page(&x, "Standard", NULL, "pm1", NULL, &std, "MP1", "MP2");
    if (c->first_page)
        master_page(&x, PP_ODF_FIRST_MASTER, "First Page", "pm2", c->first_turned ? PP_ODF_LANDSCAPE_MASTER : "Standard",
                    &first, "MP3", "MP4");
    /* turned pages keep the bands (page number, running header), centred on the turned page */
    if (c->turns) master_page(&x, PP_ODF_LANDSCAPE_MASTER, NULL, "pm3", NULL, &std, "MP5", "MP6");
    pp_ox_end(&x);
    pp_ox_end(&x);
    return pp_ox_close(&x, out);
}
