/* odf_xml — xmlTextWriter calls, each checked once; ODF's white-space rules for
 * text; the namespaces ODF parts declare. */
#include "odf_xml.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct { const char *prefix, *uri; } spaces[] = {
    { "office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0" },
    { "style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0" },
    { "text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0" },
    { "table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0" },
    { "fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" },
    { "svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" },
    { "meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0" },
    { "dc", "http://purl.org/dc/elements/1.1/" },
    { "xlink", "http://www.w3.org/1999/xlink" },
    { "manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" },
};

static void check(pp_ox *x, int rc)
{
    if (rc < 0) x->bad = true;
}

static const xmlChar *X(const char *s) { return (const xmlChar *)s; }

void pp_ox_open(pp_ox *x, bool document)
{
    memset(x, 0, sizeof *x);
    x->buf = xmlBufferCreate();
    x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
    if (!x->w) { x->bad = true; return; }
    x->document = document;
    if (document) check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
}

void pp_ox_start(pp_ox *x, const char *name)
{
    if (x->w) check(x, xmlTextWriterStartElement(x->w, X(name)));
}

void pp_ox_end(pp_ox *x)
{
    if (x->w) check(x, xmlTextWriterEndElement(x->w));
}

void pp_ox_attr(pp_ox *x, const char *name, const char *value)
{
    if (x->w) check(x, xmlTextWriterWriteAttribute(x->w, X(name), X(value)));
}

void pp_ox_attrf(pp_ox *x, const char *name, const char *fmt, ...)
{
    char v[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v, sizeof v, fmt, ap);
    va_end(ap);
    pp_ox_attr(x, name, v);
}

void pp_ox_len(pp_ox *x, const char *name, double pt)
{
    char v[48];
    if (pt > -0.005 && pt < 0.005) pt = 0;   /* never "-0pt" */
    snprintf(v, sizeof v, "%.2f", pt);
    /* trailing zeros say nothing: 12.50 -> 12.5, 14.00 -> 14 */
    size_t n = strlen(v);
    while (n > 0 && v[n - 1] == '0') v[--n] = 0;
    if (n > 0 && v[n - 1] == '.') v[--n] = 0;
    strcat(v, "pt");
    pp_ox_attr(x, name, v);
}

void pp_ox_empty(pp_ox *x, const char *elem, const char *name, const char *value)
{
    pp_ox_start(x, elem);
    if (name) pp_ox_attr(x, name, value);
    pp_ox_end(x);
}

void pp_ox_chars(pp_ox *x, const char *utf8)
{
    if (x->w && *utf8) check(x, xmlTextWriterWriteString(x->w, X(utf8)));
}

static void chars_n(pp_ox *x, const char *s, size_t n)
{
    if (!n || !x->w) return;
    char tmp[512];
    while (n) {
        size_t k = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
        /* never cut a character in two: back up to a lead byte */
        if (k < n) while (k > 1 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
        memcpy(tmp, s, k);
        tmp[k] = 0;
        check(x, xmlTextWriterWriteString(x->w, X(tmp)));
        s += k;
        n -= k;
    }
}

void pp_ox_text(pp_ox *x, const char *s, size_t len, bool *after_space)
{
    size_t run = 0;   /* start of the plain run not yet written */
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') { *after_space = false; continue; }
        if (ch == ' ' && !*after_space) { *after_space = true; continue; }   /* a single space is kept */
        chars_n(x, s + run, i - run);
        run = i + 1;
        if (ch == ' ') pp_ox_empty(x, "text:s", NULL, NULL);
        else if (ch == '\t') { pp_ox_empty(x, "text:tab", NULL, NULL); *after_space = false; continue; }
        else if (ch == '\n') pp_ox_empty(x, "text:line-break", NULL, NULL);
        /* '\r' is dropped */
        *after_space = true;
    }
    chars_n(x, s + run, len - run);
}

void pp_ox_raw(pp_ox *x, const char *bytes)
{
    if (x->w && *bytes) check(x, xmlTextWriterWriteRaw(x->w, X(bytes)));
}

void pp_ox_namespaces(pp_ox *x, const char *which)
{
    char attr[32];
    for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++) {
        size_t l = strlen(spaces[i].prefix);
        const char *p = which;
        bool want = false;
        while ((p = strstr(p, spaces[i].prefix))) {
            if ((p == which || p[-1] == ' ') && (p[l] == ' ' || p[l] == 0)) { want = true; break; }
            p += l;
        }
        if (!want) continue;
        snprintf(attr, sizeof attr, "xmlns:%s", spaces[i].prefix);
        pp_ox_attr(x, attr, spaces[i].uri);
    }
}

int pp_ox_close(pp_ox *x, pp_buf *out)
{
    if (x->w) {
        if (x->document) check(x, xmlTextWriterEndDocument(x->w));
        check(x, xmlTextWriterFlush(x->w));
        xmlFreeTextWriter(x->w);
        x->w = NULL;
    }
    bool ok = !x->bad && x->buf;
    if (ok) pp_buf_put(out, xmlBufferContent(x->buf), (size_t)xmlBufferLength(x->buf));
    if (x->buf) xmlBufferFree(x->buf);
    x->buf = NULL;
    return ok ? 0 : -1;
}

void pp_ox_discard(pp_ox *x)
{
    if (x->w) xmlFreeTextWriter(x->w);
    if (x->buf) xmlBufferFree(x->buf);
    memset(x, 0, sizeof *x);
}
