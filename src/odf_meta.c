/* odf_meta — meta.xml, as the PDF's Info says it (the title as printed, the
 * subject and keywords from the source or its profile, the agency as creator;
 * the date from doc_date), and the manifest listing every part with its media type. */
#include "odf_meta.h"
#include "xalloc.h"
#include "odf_xml.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xsd:dateTime with its offset: 2025-01-06T00:00:00+08:00, or ...Z for UTC. */
static void date_elem(pp_ox *x, const char *elem, const pp_odf_date *t)
{
    char v[64];
    int n = snprintf(v, sizeof v, "%04d-%02d-%02dT%02d:%02d:%02d", t->y, t->mo, t->d, t->h, t->mi, t->s);
    if (t->tz_min == 0) snprintf(v + n, sizeof v - (size_t)n, "Z");
    else snprintf(v + n, sizeof v - (size_t)n, "%c%02d:%02d", t->tz_min < 0 ? '-' : '+', abs(t->tz_min) / 60,
                  abs(t->tz_min) % 60);
    pp_ox_start(x, elem);
    pp_ox_chars(x, v);
    pp_ox_end(x);
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }
static char upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c; }

/* tag in BCP 47's conventional case (zh-Hant-TW, en-GB) into out (cap bytes).
 * Returns false when it is not of xsd:language's form,
 * [A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*, as dc:language must be, or too long. */
static bool lang_canonical(const char *tag, char *out, size_t cap)
{
    size_t n = strlen(tag), from = 0;
    if (!n || n >= cap) return false;
    for (size_t i = 0; i <= n; i++) {
        if (tag[i] && tag[i] != '-') {
            bool alpha = (tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z');
            if (!alpha && !(from > 0 && tag[i] >= '0' && tag[i] <= '9')) return false;
            continue;
        }
        size_t k = i - from;
        if (k < 1 || k > 8) return false;
        /* after the language: a script is four letters (Title case), a region two letters (upper) */
        for (size_t j = from; j < i; j++) {
            char c = lower(tag[j]);
            if (from > 0 && k == 4 && j == from) c = upper(c);
            if (from > 0 && k == 2) c = upper(c);
            out[j] = c;
        }
        out[i] = tag[i];
        from = i + 1;
    }
    return true;
}

static void text_elem(pp_ox *x, const char *elem, const char *text)
{
    pp_ox_start(x, elem);
    pp_ox_chars(x, text);
    pp_ox_end(x);
}

/* A custom document property (Writer: File > Properties > Custom Properties). */
static void user_defined(pp_ox *x, const char *name, const char *value)
{
    pp_ox_start(x, "meta:user-defined");
    pp_ox_attr(x, "meta:name", name);
    pp_ox_attr(x, "meta:value-type", "string");
    pp_ox_chars(x, value);
    pp_ox_end(x);
}

/* "role:title;" for every top-level section and every section with a role,
 * in document order ("" for a top-level section without one); a title holding
 * ';' is left out (import reads its role from its words then). */
static void section_roles(const pp_node *n, bool top, pp_buf *out)
{
    for (const pp_node *k = n->first; k; k = k->next) {
        if (k->type != PP_NODE_SECTION) continue;
        if ((top || k->role) && k->text && !strchr(k->text, ';') && !strchr(k->text, '\n'))
            pp_buf_printf(out, "%s:%s;", k->role ? k->role : "", k->text);
        section_roles(k, false, out);
    }
}

int pp_odf_meta(const pp_odf *c, pp_buf *out)
{
    /* title (as printed), subject and keywords: the PDF's (title_block.c) */
    const pp_meta *m = &c->doc->meta;
    const char *agency = m->agency ? m->agency : "";
    pp_ox x;
    pp_ox_open(&x, true);
    pp_ox_start(&x, "office:document-meta");
    pp_ox_namespaces(&x, "office meta dc xlink");
    pp_ox_attr(&x, "office:version", "1.3");
    pp_ox_start(&x, "office:meta");
    text_elem(&x, "meta:generator", "planpress/" PP_VERSION);
    text_elem(&x, "dc:title", m->printed_title ? m->printed_title : m->title ? m->title : "");
    if (m->pdf_subject && *m->pdf_subject) text_elem(&x, "dc:subject", m->pdf_subject);
    /* each keyword its own element */
    for (const char *k = m->pdf_keywords; k && *k;) {
        const char *comma = strstr(k, ", ");
        char *one = comma ? pp_xstrndup(k, (size_t)(comma - k)) : pp_xstrdup(k);
        if (*one) text_elem(&x, "meta:keyword", one);
        free(one);
        k = comma ? comma + 2 : NULL;
    }
    if (*agency) {
        text_elem(&x, "meta:initial-creator", agency);
        text_elem(&x, "dc:creator", agency);
    }
    /* what the printed page does not show, for import to read back: the kind
     * (its profile and template) and the sections' roles */
    if (c->doc->kind) user_defined(&x, "planpress kind", c->doc->kind);
    /* a template the source names (an agency's own), as the source names it
     * (a stock name, or a path relative to the source): import reads the file
     * with it again when it stands there; no absolute path of this machine goes
     * into a published file */
    if (c->doc->template_name) user_defined(&x, "planpress template", c->doc->template_name);
    pp_buf roles = PP_BUF_INIT;
    if (c->doc->root) section_roles(c->doc->root, true, &roles);
    if (roles.len) user_defined(&x, "planpress roles", pp_buf_str(&roles));
    pp_buf_release(&roles);
    if (c->date.set) {
        date_elem(&x, "meta:creation-date", &c->date);
        date_elem(&x, "dc:date", &c->date);
    }
    /* dc:language takes a whole BCP 47 tag, script and all (zh-Hant-TW): import reads it back */
    char lang[64];
    if (!c->doc->lang || !lang_canonical(c->doc->lang, lang, sizeof lang))
        snprintf(lang, sizeof lang, "%s%s%s", c->lang, *c->country ? "-" : "", c->country);
    text_elem(&x, "dc:language", lang);
    pp_ox_end(&x);
    pp_ox_end(&x);
    return pp_ox_close(&x, out);
}

static void entry(pp_ox *x, const char *path, const char *type, bool version)
{
    pp_ox_start(x, "manifest:file-entry");
    pp_ox_attr(x, "manifest:full-path", path);
    if (version) pp_ox_attr(x, "manifest:version", "1.3");
    pp_ox_attr(x, "manifest:media-type", type);
    pp_ox_end(x);
}

int pp_odf_manifest(pp_buf *out)
{
    pp_ox x;
    pp_ox_open(&x, true);
    pp_ox_start(&x, "manifest:manifest");
    pp_ox_namespaces(&x, "manifest");
    pp_ox_attr(&x, "manifest:version", "1.3");
    entry(&x, "/", "application/vnd.oasis.opendocument.text", true);
    entry(&x, "content.xml", "text/xml", false);
    entry(&x, "styles.xml", "text/xml", false);
    entry(&x, "meta.xml", "text/xml", false);
    pp_ox_end(&x);
    return pp_ox_close(&x, out);
}
