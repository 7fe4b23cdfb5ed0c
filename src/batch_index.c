#define _POSIX_C_SOURCE 200809L
#include "batch_index.h"
#include "atomic.h"
#include "model.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

/* Text or attribute value: markup characters escaped, invalid UTF-8 as U+FFFD,
 * control characters (not allowed in HTML) dropped. */
static void html(FILE *f, const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, len - i, &cp);
        if (cp == '&') fputs("&amp;", f);
        else if (cp == '<') fputs("&lt;", f);
        else if (cp == '>') fputs("&gt;", f);
        else if (cp == '"') fputs("&quot;", f);
        else if (cp == '\'') fputs("&#39;", f);
        else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) { if (cp == '\t' || cp == '\n' || cp == '\r') fputc(' ', f); }
        else if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) fputs("\xEF\xBF\xBD", f);
        else fwrite(s + i, 1, k, f);
        i += k;
    }
}

/* A relative URL for a path under OUTDIR: '/' kept, every byte outside the
 * unreserved set percent-encoded (spaces, '#', '?', '%', non-ASCII). */
static void href(FILE *f, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~' || *p == '/')
            fputc(*p, f);
        else
            fprintf(f, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

static const char no_agency[] = "未標示機關";

static const char *agency_of(const pp_job *j) { return j->agency ? j->agency : no_agency; }

/* By agency (documents without one last), newest year first, then title and file. */
static int cmp_doc(const void *pa, const void *pb)
{
    const pp_job *a = *(const pp_job *const *)pa, *b = *(const pp_job *const *)pb;
    if (!a->agency != !b->agency) return a->agency ? -1 : 1;
    int c = strcmp(agency_of(a), agency_of(b));
    if (c) return c;
    if (a->year != b->year) return a->year > b->year ? -1 : 1;
    c = strcmp(a->title ? a->title : "", b->title ? b->title : "");
    return c ? c : strcmp(a->rel, b->rel);
}

/* 1,234 KB: whole kilobytes (1024 bytes), never 0 for a non-empty file. */
static void size_kb(FILE *f, size_t bytes)
{
    size_t kb = (bytes + 512) / 1024;
    if (kb == 0 && bytes) kb = 1;
    char digits[32], out[48];
    int n = snprintf(digits, sizeof digits, "%zu", kb), o = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = 0;
    fprintf(f, "%s KB", out);
}

static const char head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-Hant-TW\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>文件下載</title>\n"
    "<style>\n"
    "body { font-family: sans-serif; line-height: 1.5; color: #1a1a1a; background: #fff; max-width: 64rem; margin: 0 auto; padding: 1rem; }\n"
    "table { border-collapse: collapse; width: 100%; margin: 0 0 2rem; }\n"
    "caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }\n"
    "th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }\n"
    "thead th { background: #e8e8e8; }\n"
    "tbody th { font-weight: normal; }\n"
    ".num { text-align: right; white-space: nowrap; }\n"
    "a { color: #0b57a4; }\n"
    "a:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }\n"
    ".vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }\n"
    "</style>\n"
    "</head>\n"
    "<body>\n"
    "<div role=\"main\">\n"
    "<h1>文件下載</h1>\n";

int pp_batch_write_index(const char *path, const pp_job *jobs, size_t n)
{
    const pp_job **docs = pp_xmalloc((n + 1) * sizeof *docs);
    size_t nd = 0;
    for (size_t i = 0; i < n; i++)
        if (jobs[i].status == PP_JOB_OK || jobs[i].status == PP_JOB_SKIPPED) docs[nd++] = &jobs[i];
    if (nd) qsort(docs, nd, sizeof *docs, cmp_doc);

    pp_atomic a;
    if (pp_atomic_open(&a, path) != 0) { free(docs); return -1; }
    FILE *f = a.f;
    fputs(head, f);
    size_t nagencies = 0;
    for (size_t i = 0; i < nd; i++)
        if (i == 0 || strcmp(agency_of(docs[i]), agency_of(docs[i - 1])) != 0) nagencies++;
    if (nd)
        fprintf(f, "<p>共 %zu 份文件，依 %zu 個機關分列。檔案皆為 PDF。</p>\n", nd, nagencies);
    else
        fputs("<p>目前沒有文件。</p>\n", f);

    for (size_t i = 0, group = 0; i < nd; ) {
        const char *agency = agency_of(docs[i]);
        size_t end = i;
        while (end < nd && strcmp(agency_of(docs[end]), agency) == 0) end++;
        group++;
        fprintf(f, "<h2 id=\"agency-%zu\">", group); html(f, agency); fputs("</h2>\n", f);
        fputs("<table>\n<caption>", f); html(f, agency);
        fprintf(f, "：%zu 份文件</caption>\n", end - i);
        fputs("<thead>\n<tr><th scope=\"col\">年度</th><th scope=\"col\">標題</th><th scope=\"col\">類別</th>"
              "<th scope=\"col\">頁數</th><th scope=\"col\">檔案大小</th><th scope=\"col\">下載</th></tr>\n</thead>\n<tbody>\n", f);
        for (; i < end; i++) {
            const pp_job *j = docs[i];
            fputs("<tr><td>", f);
            if (j->year > 0) fprintf(f, "%d", j->year); else fputs("—", f);
            fputs("</td><th scope=\"row\">", f); html(f, j->title ? j->title : j->rel);
            fputs("</th><td>", f); fputs(j->kind_label ? j->kind_label : j->kind ? j->kind : "", f);
            fprintf(f, "</td><td class=\"num\">%zu</td><td class=\"num\">", j->pages);
            size_kb(f, j->bytes);
            /* the link names its document for screen readers, whose link lists lose the row */
            fputs("</td><td><a href=\"", f); href(f, j->rel);
            fputs("\" type=\"application/pdf\">下載 PDF<span class=\"vh\">：", f);
            html(f, agency);
            if (j->year > 0) fprintf(f, " %d 年度", j->year);
            fputs(" ", f); html(f, j->title ? j->title : j->rel);
            fputs("</span></a></td></tr>\n", f);
        }
        fputs("</tbody>\n</table>\n", f);
    }
    fputs("<p>由 planpress " PP_VERSION " 產生。</p>\n</div>\n</body>\n</html>\n", f);
    free(docs);
    return pp_atomic_commit(&a);
}
