#include "title_block.h"
#include "buf.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value of field `name` ("agency"), or NULL for a name that is no field. */
static const char *field(const pp_doc *doc, const pp_profile *prof, const char *name, size_t len, char *tmp, size_t cap)
{
    const pp_meta *m = &doc->meta;
#define IS(s) (len == strlen(s) && memcmp(name, s, len) == 0)
    if (IS("agency")) return m->agency ? m->agency : "";
    if (IS("parent")) return m->parent ? m->parent : "";
    if (IS("title")) return m->title ? m->title : "";
    if (IS("banner")) return m->banner ? m->banner : "";
    if (IS("annex")) return m->annex ? m->annex : "";
    if (IS("year")) {
        const char *phrase = m->year_phrase ? m->year_phrase : prof && prof->year_phrase ? prof->year_phrase : "年度";
        if (!m->year || (m->year_phrase && !*m->year_phrase)) return "";   /* phrase="none": no year printed */
        snprintf(tmp, cap, "%d%s", m->year, phrase);
        return tmp;
    }
#undef IS
    return NULL;
}

char *pp_title_fields(const pp_doc *doc, const pp_profile *prof, const char *pattern, bool *all_empty)
{
    pp_buf out = PP_BUF_INIT;
    bool empty = true;
    for (const char *p = pattern ? pattern : ""; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        char tmp[32];
        const char *v = close ? field(doc, prof, p + 1, (size_t)(close - p - 1), tmp, sizeof tmp) : NULL;
        if (v) {
            if (*v) empty = false;
            pp_buf_puts(&out, v);
            p = close + 1;
        } else {
            pp_buf_putc(&out, *p++);
        }
    }
    if (all_empty) *all_empty = empty;
    return pp_buf_take(&out);
}

/* The author's line breaks taken out, for text set on one line (a subject,
 * keywords, a running header): nothing between Chinese characters, a space
 * where Latin text meets. */
static char *one_line(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != '\n') { s[o++] = s[i]; continue; }
        unsigned char before = o ? (unsigned char)s[o - 1] : 0, after = (unsigned char)s[i + 1];
        if (before && after && before < 0x80 && after < 0x80) s[o++] = ' ';
    }
    s[o] = 0;
    return s;
}

char *pp_title_fields_line(const pp_doc *doc, const pp_profile *prof, const char *pattern)
{
    return one_line(pp_title_fields(doc, prof, pattern, NULL));
}

static void add_line(pp_meta *m, char *text, int style)
{
    m->title_lines = pp_xrealloc(m->title_lines, (m->ntitle_lines + 1) * sizeof *m->title_lines);
    m->title_styles = pp_xrealloc(m->title_styles, (m->ntitle_lines + 1) * sizeof *m->title_styles);
    m->title_lines[m->ntitle_lines] = text;
    m->title_styles[m->ntitle_lines++] = style;
}

/* Keywords: a comma-separated pattern whose empty items are dropped. */
static char *keywords(const pp_doc *doc, const pp_profile *prof, const char *pattern)
{
    char *all = pp_title_fields_line(doc, prof, pattern);
    pp_buf out = PP_BUF_INIT;
    for (char *item = all; item && *item;) {
        char *comma = strchr(item, ',');
        size_t len = comma ? (size_t)(comma - item) : strlen(item);
        while (len && (*item == ' ')) { item++; len--; }
        while (len && item[len - 1] == ' ') len--;
        if (len) {
            if (out.len) pp_buf_puts(&out, ", ");
            pp_buf_put(&out, item, len);
        }
        item = comma ? comma + 1 : NULL;
    }
    free(all);
    return pp_buf_take(&out);
}

void pp_resolve_title(pp_doc *doc, const pp_template *t, const pp_profile *prof)
{
    pp_meta *m = &doc->meta;
    for (size_t i = 0; i < m->ntitle_lines; i++) free(m->title_lines[i]);
    m->ntitle_lines = 0;
    const pp_titleline *lines = prof && prof->ntitle ? prof->title : t->title;
    int n = prof && prof->ntitle ? prof->ntitle : t->ntitle;
    pp_buf printed = PP_BUF_INIT;
    for (int i = 0; i < n; i++) {
        bool empty;
        char *text = pp_title_fields(doc, prof, lines[i].format, &empty);
        if (empty || !*text) { free(text); continue; }
        /* the author's line breaks in the title make lines of their own */
        for (char *part = text; part;) {
            char *nl = strchr(part, '\n');
            char *piece = nl ? pp_xstrndup(part, (size_t)(nl - part)) : pp_xstrdup(part);
            if (*piece && lines[i].style == PP_TS_TITLE) {
                if (printed.len) pp_buf_putc(&printed, ' ');
                pp_buf_puts(&printed, piece);
            }
            if (*piece) add_line(m, piece, lines[i].style); else free(piece);
            part = nl ? nl + 1 : NULL;
        }
        free(text);
    }
    free(m->printed_title);
    m->printed_title = pp_buf_take(&printed);
    free(m->pdf_subject);
    m->pdf_subject = m->subject ? pp_xstrdup(m->subject)
                   : prof && prof->subject ? pp_title_fields_line(doc, prof, prof->subject) : pp_xstrdup(m->printed_title);
    free(m->pdf_keywords);
    m->pdf_keywords = m->keywords ? pp_xstrdup(m->keywords)
                    : prof && prof->keywords ? keywords(doc, prof, prof->keywords) : NULL;
}
