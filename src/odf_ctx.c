/* odf_ctx — the ODF writer's view of one document, worked out once.
 * The date is the PDF's (doc_date.c). */
#define _POSIX_C_SOURCE 200809L   /* gmtime_r */
#include "odf_ctx.h"
#include "doc_date.h"
#include "utf8.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The language subtag and region of a BCP 47 tag ("zh-Hant-TW" -> zh, TW). */
static void split_lang(const char *tag, char lang[16], char country[8])
{
    lang[0] = country[0] = 0;
    size_t k = 0;
    int part = 0;
    for (const char *p = tag;; p++) {
        if (*p == '-' || *p == '_' || *p == 0) {
            /* the first subtag is the language; a region is 2 letters or 3 digits */
            if (part == 0 && k >= 2 && k <= 8) {
                memcpy(lang, p - k, k);
                lang[k] = 0;
            } else if (part > 0 && (k == 2 || k == 3) && !country[0]) {
                memcpy(country, p - k, k);
                country[k] = 0;
            }
            part++;
            k = 0;
            if (!*p) break;
        } else if (k < 15) {
            k++;
        }
    }
    for (char *c = country; *c; c++) if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
    if (!lang[0]) { strcpy(lang, "zh"); strcpy(country, "TW"); }
}

static void languages(pp_odf *c)
{
    split_lang(c->doc->lang && *c->doc->lang ? c->doc->lang : "zh-TW", c->lang, c->country);
    bool asian = !strcmp(c->lang, "zh") || !strcmp(c->lang, "ja") || !strcmp(c->lang, "ko");
    /* Writer keeps a Western and an Asian language apart: the Latin text of a
     * Chinese document is taken as English, as Writer itself does for zh-TW */
    snprintf(c->asian_lang, sizeof c->asian_lang, "%s", asian ? c->lang : "zh");
    snprintf(c->asian_country, sizeof c->asian_country, "%s", asian ? c->country : "TW");
    snprintf(c->west_lang, sizeof c->west_lang, "%s", asian ? "en" : c->lang);
    snprintf(c->west_country, sizeof c->west_country, "%s", asian ? "US" : c->country);
}

bool pp_odf_turned(const pp_odf *c, const pp_block *b)
{
    return b->landscape && c->t->page_w <= c->t->page_h;
}

void pp_odf_init(pp_odf *c, const pp_blocks *b, const pp_template *t, const pp_doc *doc, pp_diag *d)
{
    memset(c, 0, sizeof *c);
    c->b = b;
    c->t = t;
    c->doc = doc;
    c->d = d;
    c->text_w = t->page_w - t->margin_left - t->margin_right;
    c->turned_w = t->page_h - t->margin_left - t->margin_right;
    for (size_t i = 0; i < b->n; i++) c->turns |= pp_odf_turned(c, &b->v[i]);
    c->first_turned = b->n && pp_odf_turned(c, &b->v[0]);
    c->first_page = b->running_header && !t->header_on_first;
    languages(c);
    c->date = pp_doc_date_of(doc, d);
}

double pp_odf_measure(const pp_odf *c, const char *utf8, pp_textstyle_id s)
{
    if (!utf8 || !*utf8) return 0;
    if (c->measure) return c->measure(c->measure_ctx, utf8, s);
    double size = c->t->styles[s].size_pt, w = 0;
    size_t len = strlen(utf8);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(utf8 + i, len - i, &cp);
        w += cp >= 0x1100 ? size : size / 2;
    }
    return w;
}
