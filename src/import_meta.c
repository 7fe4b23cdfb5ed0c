#define _POSIX_C_SOURCE 200809L
#include "import_meta.h"
#include "import_label.h"
#include "numbering.h"
#include "template.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool space(uint32_t c) { return c == ' ' || c == 0x3000; }

static size_t skip_space(const pp_itext *t, size_t i)
{
    while (i < t->n && space(t->cp[i])) i++;
    return i;
}

static size_t number(const pp_itext *t, size_t i, int max_digits, int *v)
{
    int k = 0;
    *v = 0;
    while (i < t->n && digit(t->cp[i]) && k < max_digits + 1) { *v = *v * 10 + (int)(t->cp[i] - '0'); i++; k++; }
    return k >= 1 && k <= max_digits ? i : 0;
}

/* 年 月 日 or the '.' '/' '-' of the short form. */
static bool sep(uint32_t c, uint32_t han) { return c == han || c == '.' || c == '/' || c == 0xFF0E || c == 0xFF0F; }

size_t pp_import_roc_date(const pp_itext *t, size_t from, int *y, int *m, int *day)
{
    static const uint32_t roc[] = { 0x4E2D, 0x83EF, 0x6C11, 0x570B };   /* 中華民國 */
    size_t i = skip_space(t, from);
    if (i + 4 <= t->n && !memcmp(t->cp + i, roc, sizeof roc)) i = skip_space(t, i + 4);
    else if (i + 2 <= t->n && t->cp[i] == 0x6C11 && t->cp[i + 1] == 0x570B) i = skip_space(t, i + 2);   /* 民國 */
    int yy, mm, dd;
    size_t j = number(t, i, 3, &yy);
    if (!j || yy < 1) return 0;
    j = skip_space(t, j);
    if (j >= t->n || !sep(t->cp[j], 0x5E74)) return 0;           /* 年 */
    bool han = t->cp[j] == 0x5E74;
    j = number(t, skip_space(t, j + 1), 2, &mm);
    if (!j) return 0;
    j = skip_space(t, j);
    if (j >= t->n || !sep(t->cp[j], 0x6708)) return 0;           /* 月 */
    j = number(t, skip_space(t, j + 1), 2, &dd);
    if (!j) return 0;
    size_t k = skip_space(t, j);
    if (k < t->n && t->cp[k] == 0x65E5) j = k + 1;               /* 日 */
    else if (han) return 0;
    pp_date dt = { yy + 1911, mm, dd };
    if (!pp_date_valid(&dt)) return 0;
    *y = dt.year; *m = mm; *day = dd;
    return j - from;
}

/* An ROC year at t[i] followed by 年度, or by 年 and no month when `bare`:
 * the end of the phrase (0: none), the year, whether the phrase is 年 alone. */
static size_t year_phrase_at(const pp_itext *t, size_t i, bool bare, int *year, bool *short_phrase)
{
    if (i >= t->n || !digit(t->cp[i]) || (i > 0 && digit(t->cp[i - 1]))) return 0;
    int v;
    size_t j = number(t, i, 3, &v);
    if (!j || v < 1) return 0;
    j = skip_space(t, j);
    if (j >= t->n || t->cp[j] != 0x5E74) return 0;                         /* 年 */
    if (j + 1 < t->n && t->cp[j + 1] == 0x5EA6) { *year = v; *short_phrase = false; return j + 2; }   /* 年度 */
    size_t k = skip_space(t, j + 1);
    if (!bare || (k < t->n && (digit(t->cp[k]) || t->cp[k] == 0x5E95 || t->cp[k] == 0x8D77))) return 0;   /* 年1月, 年底, 年起 */
    *year = v;
    *short_phrase = true;
    return j + 1;
}

/* Where 年度 follows an ROC year: the year's first character, or (size_t)-1. */
static size_t year_at(const pp_itext *t, int *year, size_t *after)
{
    for (size_t i = 0; i + 2 < t->n; i++) {
        if (!digit(t->cp[i]) || (i > 0 && digit(t->cp[i - 1]))) continue;
        int v;
        size_t j = number(t, i, 3, &v);
        if (!j) continue;
        j = skip_space(t, j);
        if (j + 1 < t->n && t->cp[j] == 0x5E74 && t->cp[j + 1] == 0x5EA6) {   /* 年度 */
            *year = v;
            *after = j + 2;
            return i;
        }
    }
    return (size_t)-1;
}

static char *trimmed(const pp_itext *t, size_t a, size_t b)
{
    /* U+2028: where title lines were joined (read_title) */
    while (a < b && (space(t->cp[a]) || t->cp[a] == 0x2028)) a++;
    while (b > a && (space(t->cp[b - 1]) || t->cp[b - 1] == 0x2028)) b--;
    pp_itext piece = { t->cp + a, t->em + a, b - a, b - a, NULL, false, false, { 0 }, false, false, false };
    return pp_itext_utf8(&piece, 0);
}


/* The agency at the start of a title with no year: the shortest run ending in
 * an office word (部 局 署 司 處 會 院 府 所 室 館 中心 公司) that the title
 * proper follows (提升, 推動, 強化, 精進, 執行, 實施, 辦理 …). */
static size_t agency_end(const pp_itext *t)
{
    static const uint32_t office[] = { 0x90E8, 0x5C40, 0x7F72, 0x53F8, 0x8655, 0x6703, 0x9662, 0x5E9C, 0x6240, 0x5BA4, 0x9928, 0x5FC3 };
    static const uint32_t titles[][2] = { { 0x63D0, 0x5347 }, { 0x63A8, 0x52D5 }, { 0x5F37, 0x5316 }, { 0x7CBE, 0x9032 },
                                          { 0x57F7, 0x884C }, { 0x5BE6, 0x65BD }, { 0x8FA6, 0x7406 }, { 0x670D, 0x52D9 } };
    for (size_t i = 1; i + 2 <= t->n; i++) {
        bool off = false;
        for (size_t k = 0; k < sizeof office / sizeof office[0]; k++) if (t->cp[i - 1] == office[k]) off = true;
        if (!off) continue;
        size_t j = skip_space(t, i);
        for (size_t k = 0; k < sizeof titles / sizeof titles[0]; k++)
            if (j + 1 < t->n && t->cp[j] == titles[k][0] && t->cp[j + 1] == titles[k][1]) return i;
    }
    return 0;
}

/* The kind whose profile's title words (or label) the title holds, the longest
 * such word winning (執行績效與成果 over 計畫); "document" when none does. */
static char *kind_of_title(const pp_template *tpl, const char *title)
{
    const char *best = NULL;
    size_t best_len = 0;
    for (int i = 0; tpl && i < tpl->nprofiles; i++) {
        const pp_profile *p = &tpl->profiles[i];
        char words[1024];
        snprintf(words, sizeof words, "%s %s", p->label ? p->label : "", p->title_words ? p->title_words : "");
        for (char *save = NULL, *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
            if (strlen(w) > best_len && strstr(title, w)) { best = p->kind; best_len = strlen(w); }
    }
    return pp_xstrdup(best ? best : "document");
}

/* What the kind's title block prints: the agency, the year, and how many of
 * its lines hold the document's fields before and including the one with the title. */
typedef struct printed { bool agency, year; int lines; } printed;

static printed printed_by(const pp_template *tpl, const char *kind)
{
    printed pr = { true, true, 0 };
    const pp_profile *p = tpl ? pp_template_profile(tpl, kind) : NULL;
    const pp_titleline *v = p && p->ntitle ? p->title : tpl ? tpl->title : NULL;
    int n = p && p->ntitle ? p->ntitle : tpl ? tpl->ntitle : 0;
    if (!v || !n) return pr;
    pr.agency = pr.year = false;
    for (int i = 0; i < n; i++) {
        const char *f = v[i].format ? v[i].format : "";
        bool a = strstr(f, "{agency}"), y = strstr(f, "{year}"), t = strstr(f, "{title}");
        pr.agency |= a;
        pr.year |= y;
        if (a || y || t) pr.lines++;
        if (t) break;
    }
    return pr;
}

static void read_title(pp_itext *t, pp_doc *doc, const pp_template *tpl, const char *creator, const char *file, pp_diag *d)
{
    printed pr = printed_by(tpl, doc->kind);
    int year = 0;
    size_t after = 0, at = year_at(t, &year, &after);
    char *all = pp_itext_utf8(t, 0);
    char *who = creator && pr.agency ? pp_xstrdup(creator) : NULL;
    size_t wl = 0;   /* the creator's length in characters, when the title starts with it */
    if (who) {
        size_t k = skip_space(t, 0), len = strlen(who), i = 0;
        while (i < len && k < t->n) {
            uint32_t cp;
            i += pp_utf8_decode(who + i, len - i, &cp);
            if (cp != t->cp[k]) break;
            k++;
        }
        if (len && i == len) wl = k;
    }
    if (wl && wl < t->n) {
        /* a planpress file names its agency as creator: the title starts with it */
        bool short_phrase = false;
        size_t y0 = skip_space(t, wl), ye = year_phrase_at(t, y0, true, &year, &short_phrase);
        doc->meta.agency = trimmed(t, 0, wl);
        if (ye && year < 1000) {
            doc->meta.year = year;
            const pp_profile *p = tpl ? pp_template_profile(tpl, doc->kind) : NULL;
            const char *want = p && p->year_phrase ? p->year_phrase : "年度";
            const char *got = short_phrase ? "年" : "年度";
            if (strcmp(want, got) != 0) doc->meta.year_phrase = pp_xstrdup(got);
            doc->meta.title = trimmed(t, ye, t->n);
        } else {
            doc->meta.title = trimmed(t, wl, t->n);
        }
    } else if (!pr.agency) {
        /* the kind's title block prints no agency: the lines are the year and the title */
        bool short_phrase = false;
        size_t y0 = skip_space(t, 0), ye = pr.year ? year_phrase_at(t, y0, false, &year, &short_phrase) : 0;
        if (ye && year < 1000) doc->meta.year = year;
        doc->meta.title = trimmed(t, ye, t->n);
    } else if (at != (size_t)-1 && year > 0 && year < 1000) {
        doc->meta.agency = trimmed(t, 0, at);
        doc->meta.title = trimmed(t, after, t->n);
        doc->meta.year = year;
    } else {
        size_t end = agency_end(t);
        if (end) {
            doc->meta.agency = trimmed(t, 0, end);
            doc->meta.title = trimmed(t, end, t->n);
        }
    }
    free(who);
    if (!doc->meta.title || !*doc->meta.title) {
        /* nothing to tell agency from title by: all of it is the title, the agency a placeholder */
        free(doc->meta.agency);
        free(doc->meta.title);
        doc->meta.agency = NULL;
        doc->meta.title = pp_xstrdup(*all ? all : "【請填寫：計畫名稱】");
    }
    if ((!doc->meta.agency || !*doc->meta.agency) && pr.agency) {
        free(doc->meta.agency);
        doc->meta.agency = pp_xstrdup("【請填寫：機關名稱】");
        pp_msg(d, PP_LOC(file, 0, 0), IMPORT_NO_AGENCY, all);
    }
    /* lines joined by a line break (U+2028 here) are the title's own <br/>; the
     * agency's lines are one name */
    for (char *q = doc->meta.title; q && (q = strstr(q, "\u2028"));) {
        *q = '\n';
        memmove(q + 1, q + 3, strlen(q + 3) + 1);
    }
    for (char *q = doc->meta.agency; q && (q = strstr(q, "\u2028"));) memmove(q, q + 3, strlen(q + 3) + 1);
    free(all);
}

/* "（114 年 1 月 6 日經標秘字第…號函訂定）": the date, then the words after it;
 * 「公告日期：97年5月9日」 and 「中華民國100年1月3日…函修正」: a few words before the
 * date, kept as the line's own format (公告日期：{date}, 中華民國{date}{text}). */
static bool read_issued(pp_itext *t, pp_doc *doc)
{
    enum { MAX_PREFIX = 8 };   /* 公告日期：, 發布日期:, 修正日期： … */
    static const uint32_t roc[] = { 0x4E2D, 0x83EF, 0x6C11, 0x570B };   /* 中華民國 */
    size_t i = 0;
    while (i < t->n && (space(t->cp[i]) || t->cp[i] == 0xFF08 || t->cp[i] == '(')) i++;
    int y = 0, m = 0, dd = 0;
    size_t k = 0, at = i;
    for (; at < t->n && at <= i + MAX_PREFIX && !k; at++) {
        k = pp_import_roc_date(t, at, &y, &m, &dd);
        if (k) break;
    }
    if (!k) return false;
    size_t a = at + k, b = t->n;
    while (b > a && (space(t->cp[b - 1]) || t->cp[b - 1] == 0xFF09 || t->cp[b - 1] == ')')) b--;
    char *prefix = at > i ? trimmed(t, i, at) : NULL;
    if (prefix && at > i && t->cp[at - 1] != 0xFF1A && t->cp[at - 1] != ':') {   /* words that are no label of a date */
        free(prefix);
        return false;
    }
    bool roc_named = at + 4 <= t->n && !memcmp(t->cp + at, roc, sizeof roc);
    char *rest = trimmed(t, a, b);
    if (!*rest && !prefix && !roc_named) { free(rest); return false; }
    pp_meta *me = &doc->meta;
    PP_GROW_N(me->issued, me->nissued);
    pp_issued is = { .y = y, .m = m, .d = dd, .text = rest };   /* "" when the line is only its date */
    if (prefix || roc_named || !*rest) {
        char fmt[256];
        snprintf(fmt, sizeof fmt, "%s%s{date}%s", prefix ? prefix : "", roc_named ? "中華民國" : "", *rest ? "{text}" : "");
        is.format = pp_xstrdup(fmt);
    }
    free(prefix);
    me->issued[me->nissued++] = is;
    return true;
}

/* 「附表二」「附件1」 above a title: a word some profile's title words or label
 * hold (the form's 附表 …), then a number (as labels write it) and nothing else,
 * on a short line. */
static bool is_annex(const pp_itext *t, const pp_template *tpl)
{
    if (!tpl || t->n < 3 || t->n > 8 || t->src->center) return false;
    char *s = trimmed(t, 0, t->n);
    bool yes = false;
    for (int i = 0; i < tpl->nprofiles && !yes; i++) {
        const pp_profile *p = &tpl->profiles[i];
        char words[1024];
        snprintf(words, sizeof words, "%s %s", p->label ? p->label : "", p->title_words ? p->title_words : "");
        for (char *save = NULL, *w = strtok_r(words, " ", &save); w && !yes; w = strtok_r(NULL, " ", &save)) {
            size_t l = strlen(w), rest = strlen(s) - (strncmp(s, w, l) ? 0 : l);
            int v;
            yes = !strncmp(s, w, l) && rest > 0 && pp_label_numeral(s + l, rest, &v) == rest;
        }
    }
    free(s);
    return yes;
}

size_t pp_import_meta(pp_itext *head, size_t n, pp_doc *doc, const pp_template *tpl, const char *kind,
                      const char *creator, const char *file, pp_diag *d)
{
    enum { MAX_TITLE_LINES = 3 };
    size_t used = 0, lines[MAX_TITLE_LINES], nlines = 0;
    bool issued = false;
    for (; used < n && used < 2; used++) {   /* a banner, an annex label, above the title */
        const pp_itext *t = &head[used];
        if (t->src->head_line == PP_IMP_LINE_BANNER && !doc->meta.banner) doc->meta.banner = trimmed(t, 0, t->n);
        else if (!doc->meta.annex && n > used + 1 && (t->src->head_line == PP_IMP_LINE_ANNEX || is_annex(t, tpl)))
            doc->meta.annex = trimmed(t, 0, t->n);
        else break;
    }
    bool first_center = false;
    for (; used < n; used++) {
        pp_itext *t = &head[used];
        /* issuance lines one after another (訂定, then each 修正), in one pattern and alignment */
        const char *fmt0 = issued ? doc->meta.issued[0].format : NULL;
        size_t had = doc->meta.nissued;
        if ((!issued || t->src->center == first_center) && read_issued(t, doc)) {
            const char *fmt = doc->meta.issued[had].format;
            if (!issued || (!fmt0 == !fmt && (!fmt || !strcmp(fmt0, fmt)))) {
                if (!issued) first_center = t->src->center;
                issued = true;
                continue;
            }
            pp_issued *drop = &doc->meta.issued[--doc->meta.nissued];
            free(drop->text);
            free(drop->format);
        }
        /* title lines come first, centred or short; anything else is the preamble */
        if (issued || nlines == MAX_TITLE_LINES || (!t->src->center && !t->src->heading && pp_itext_width(t) > 40)) break;
        lines[nlines++] = used;
    }
    pp_itext title = { 0 };
    for (size_t i = 0; i < nlines; i++) pp_itext_append(&title, &head[lines[i]], title.n > 0);
    if (kind) doc->kind = pp_xstrdup(kind);
    else {
        char *all = pp_itext_utf8(&title, 0);
        doc->kind = kind_of_title(tpl, all);
        free(all);
    }
    /* more lines than the kind's title block prints: the title's own line breaks */
    printed pr = printed_by(tpl, doc->kind);
    if (pr.lines > 0 && nlines > (size_t)pr.lines) {
        pp_itext_release(&title);
        memset(&title, 0, sizeof title);
        for (size_t i = 0; i < nlines; i++) {
            bool br = i >= (size_t)pr.lines;
            if (br) {
                pp_itext sep = { 0 };
                uint32_t ls = 0x2028;
                unsigned char em = 0;
                sep.cp = &ls; sep.em = &em; sep.n = sep.cap = 1;
                pp_itext_append(&title, &sep, false);
            }
            pp_itext_append(&title, &head[lines[i]], !br && title.n > 0);
        }
    }
    read_title(&title, doc, tpl, creator, file, d);
    if (!kind && doc->meta.annex && !strcmp(doc->kind, "document")) {   /* 附表二: the label tells the kind */
        free(doc->kind);
        doc->kind = kind_of_title(tpl, doc->meta.annex);
    }
    /* a kind whose title block prints no year (the implementation plans) takes the issuance's */
    if (!doc->meta.year && doc->meta.nissued && !pr.year) doc->meta.year = pp_roc_year(doc->meta.issued[0].y);
    pp_itext_release(&title);
    return used;
}
