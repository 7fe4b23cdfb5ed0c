#define _POSIX_C_SOURCE 200809L
#include "batch_index.h"
#include "atomic.h"
#include "model.h"
#include "utf8.h"
#include "xalloc.h"
#include <errno.h>
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

/* 1,234 KB below a megabyte (1024 KB), else 1.2 MB; never 0 KB for a non-empty file. */
static void file_size(FILE *f, size_t bytes)
{
    if (bytes >= 1024u * 1024u) {
        fprintf(f, "%.1f MB", bytes / (1024.0 * 1024.0));
        return;
    }
    size_t kb = (bytes + 512) / 1024;
    if (kb == 0 && bytes) kb = 1;
    if (kb >= 1000) fprintf(f, "%zu,%03zu KB", kb / 1000, kb % 1000);
    else fprintf(f, "%zu KB", kb);
}

/* A date as Taiwan writes it, 113年9月5日 (ROC year = Gregorian - 1911), inside
 * <time datetime="2024-09-05">; years before the Republic are left Gregorian. */
static void roc_date(FILE *f, int y, int m, int d)
{
    fprintf(f, "<time datetime=\"%04d-%02d-%02d\">", y, m, d);
    if (y > 1911) fprintf(f, "%d年%d月%d日", y - 1911, m, d);
    else fprintf(f, "西元%d年%d月%d日", y, m, d);
    fputs("</time>", f);
}

/* An issuance date, YYYY-MM-DD; false when it is not one. */
static bool print_issued(FILE *f, const char *iso)
{
    int y, m, d;
    char tail;
    if (!iso || sscanf(iso, "%d-%d-%d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31) return false;
    roc_date(f, y, m, d);
    return true;
}

/* A file's date on Taiwan's clock (UTC+8 all year), as a day. */
static void day_of(time_t t, int *y, int *m, int *d)
{
    time_t local = t + 8 * 3600;
    struct tm tm;
    gmtime_r(&local, &tm);
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
}

static void print_day(FILE *f, time_t t)
{
    int y, m, d;
    day_of(t, &y, &m, &d);
    roc_date(f, y, m, d);
}

static bool same_day(time_t a, time_t b)
{
    int y1, m1, d1, y2, m2, d2;
    day_of(a, &y1, &m1, &d1);
    day_of(b, &y2, &m2, &d2);
    return y1 == y2 && m1 == m2 && d1 == d2;
}

/* ---- agencies as a tree: a branch (its <agency parent="…">) under its parent ---- */

static const char no_agency[] = "未標示機關";

typedef struct agency {
    const char *name;
    long parent;            /* index, -1: a top-level agency */
    size_t *kids, nkids, cap_kids;
    const pp_job **docs;    /* its own documents, in page order */
    size_t ndocs, cap_docs;
    size_t id;              /* its anchor, agency-ID, in page order */
} agency;

typedef struct tree { agency *v; size_t n, cap; } tree;

static const char *agency_of(const pp_job *j) { return j->agency ? j->agency : no_agency; }

static long find(const tree *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++) if (strcmp(t->v[i].name, name) == 0) return (long)i;
    return -1;
}

static size_t intern(tree *t, const char *name)
{
    long at = find(t, name);
    if (at >= 0) return (size_t)at;
    PP_GROW(t->v, t->cap, t->n + 1);
    t->v[t->n] = (agency){ .name = name, .parent = -1 };
    return t->n++;
}

/* Newest year first, then title, then file. */
static int cmp_doc(const void *pa, const void *pb)
{
    const pp_job *a = *(const pp_job *const *)pa, *b = *(const pp_job *const *)pb;
    if (a->year != b->year) return a->year > b->year ? -1 : 1;
    int c = strcmp(a->title ? a->title : "", b->title ? b->title : "");
    return c ? c : strcmp(a->rel, b->rel);
}

static const tree *sort_tree;
/* Agencies by name (code point order), the one without a name last. */
static int cmp_agency(const void *pa, const void *pb)
{
    const agency *a = &sort_tree->v[*(const size_t *)pa], *b = &sort_tree->v[*(const size_t *)pb];
    bool na = a->name == no_agency, nb = b->name == no_agency;
    if (na != nb) return na ? 1 : -1;
    return strcmp(a->name, b->name);
}

/* Would making p the parent of a close a loop (a's own branch as its parent)? */
static bool loops(const tree *t, size_t a, size_t p)
{
    for (long at = (long)p, steps = 0; at >= 0 && steps <= (long)t->n; at = t->v[at].parent, steps++)
        if ((size_t)at == a) return true;
    return false;
}

static void build(tree *t, const pp_job **docs, size_t nd)
{
    for (size_t i = 0; i < nd; i++) {
        const pp_job *j = docs[i];
        size_t a = intern(t, j->agency ? j->agency : no_agency);
        PP_GROW(t->v[a].docs, t->v[a].cap_docs, t->v[a].ndocs + 1);
        t->v[a].docs[t->v[a].ndocs++] = j;
    }
    /* a branch's parent: the first one its documents name (an agency without a
     * name has none; a loop of parents is cut where it would close) */
    for (size_t i = 0; i < nd; i++) {
        const pp_job *j = docs[i];
        if (!j->agency || !j->parent || !*j->parent || strcmp(j->parent, j->agency) == 0) continue;
        size_t a = (size_t)find(t, j->agency);
        if (t->v[a].parent >= 0) continue;
        size_t p = intern(t, j->parent);
        if (!loops(t, a, p)) t->v[a].parent = (long)p;
    }
    for (size_t i = 0; i < t->n; i++) {
        agency *a = &t->v[i];
        if (a->ndocs > 1) qsort(a->docs, a->ndocs, sizeof *a->docs, cmp_doc);
        if (a->parent >= 0) {
            agency *p = &t->v[a->parent];
            PP_GROW(p->kids, p->cap_kids, p->nkids + 1);
            p->kids[p->nkids++] = i;
        }
    }
    sort_tree = t;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].nkids > 1) qsort(t->v[i].kids, t->v[i].nkids, sizeof(size_t), cmp_agency);
}

static void free_tree(tree *t)
{
    for (size_t i = 0; i < t->n; i++) { free(t->v[i].kids); free(t->v[i].docs); }
    free(t->v);
}

/* The top-level agencies, in page order. */
static size_t *roots(const tree *t, size_t *nr)
{
    size_t *r = pp_xmalloc((t->n + 1) * sizeof *r);
    *nr = 0;
    for (size_t i = 0; i < t->n; i++) if (t->v[i].parent < 0) r[(*nr)++] = i;
    sort_tree = t;
    if (*nr > 1) qsort(r, *nr, sizeof *r, cmp_agency);
    return r;
}

static void number(tree *t, size_t a, size_t *next)
{
    t->v[a].id = ++*next;
    for (size_t k = 0; k < t->v[a].nkids; k++) number(t, t->v[a].kids[k], next);
}

/* ---- the page ---- */

static const char style[] =
    "*, *::before, *::after { box-sizing: border-box; }\n"
    "body { margin: 0; font-family: \"Noto Sans TC\", \"Noto Sans CJK TC\", \"Microsoft JhengHei\", \"PingFang TC\", sans-serif; line-height: 1.6; color: #1a1a1a; background: #fff; }\n"
    ".skip { position: absolute; left: -100vw; top: 0; }\n"
    ".skip:focus { left: 0.5rem; top: 0.5rem; background: #fff; padding: 0.5rem; z-index: 1; }\n"
    "header { background: #0b3d6e; color: #fff; }\n"
    "header p, main, footer p { max-width: 64rem; margin: 0 auto; padding: 0 1rem; }\n"
    "header p { padding-top: 0.75rem; padding-bottom: 0.75rem; font-weight: bold; font-size: 1.125rem; }\n"
    "h1 { font-size: 1.75rem; line-height: 1.3; margin: 1.25rem 0 0.75rem; }\n"
    "h2 { font-size: 1.375rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 2px solid #0b3d6e; }\n"
    "h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }\n"
    "h4, h5, h6 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }\n"
    ".up { display: block; font-size: 0.875rem; font-weight: normal; color: #4a4a4a; }\n"
    "nav ul { margin: 0.25rem 0; padding-left: 1.25rem; }\n"
    "nav li { margin: 0.2rem 0; }\n"
    "table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0 0 1.5rem; }\n"
    "col.date { width: 9em; }\n"
    "col.files { width: 15em; }\n"
    "caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }\n"
    "th, td { border: 1px solid #767676; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top;"
    " overflow-wrap: anywhere; }\n"
    "thead th { background: #e8eef5; }\n"
    "tbody th { font-weight: normal; }\n"
    ".name { display: block; font-weight: bold; }\n"
    ".year, .kind, .when { display: block; font-size: 0.875rem; color: #4a4a4a; }\n"
    "time { white-space: nowrap; }\n"
    "ul.get { list-style: none; margin: 0; padding: 0; }\n"
    "ul.get li { margin: 0 0 0.4rem; }\n"
    "a { color: #0b57a4; }\n"
    "a:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }\n"
    "a.file { display: inline-block; min-width: 3.5em; margin-right: 0.25rem; padding: 0.1rem 0.5rem; border: 1px solid #0b57a4;"
    " border-radius: 0.25rem; font-weight: bold; text-align: center; text-decoration: none; }\n"
    "a.file:hover { background: #e8eef5; }\n"
    ".size { white-space: nowrap; }\n"
    ".vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }\n"
    "footer { margin-top: 2rem; border-top: 1px solid #c0c0c0; color: #4a4a4a; font-size: 0.875rem; }\n"
    "footer p { padding-top: 0.75rem; padding-bottom: 1.5rem; }\n"
    "@media (max-width: 40em) {\n"
    "  header p, main, footer p { padding-left: 0.75rem; padding-right: 0.75rem; }\n"
    "  h1 { font-size: 1.5rem; }\n"

    "  col.date { width: 7.5em; }\n"
    "  col.files { width: 8em; }\n"
    "  th, td { padding: 0.35rem 0.4rem; }\n"
    "}\n";

static void nav_list(FILE *f, const tree *t, const size_t *ids, size_t n)
{
    fputs("<ul>\n", f);
    for (size_t i = 0; i < n; i++) {
        const agency *a = &t->v[ids[i]];
        fprintf(f, "<li><a href=\"#agency-%zu\">", a->id);
        html(f, a->name);
        fputs("</a>", f);
        if (a->ndocs) fprintf(f, "（%zu 份）", a->ndocs);
        if (a->nkids) nav_list(f, t, a->kids, a->nkids);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

/* The link's accessible name carries the document, for screen readers' link lists. */
static void file_link(FILE *f, const pp_job *j, const char *rel, const char *type, const char *label)
{
    fputs("<a class=\"file\" href=\"", f);
    href(f, rel);
    fprintf(f, "\" type=\"%s\">%s<span class=\"vh\">：", type, label);
    html(f, agency_of(j));
    if (j->year > 0) fprintf(f, " %d 年度", j->year);
    fputs(" ", f);
    html(f, j->title ? j->title : j->rel);
    fputs("</span></a>", f);
}

static void row(FILE *f, const pp_job *j, const pp_index_opts *o)
{
    fputs("<tr><th scope=\"row\">", f);
    if (j->year > 0) fprintf(f, "<span class=\"year\">%d 年度</span>", j->year);
    fputs("<span class=\"name\">", f);
    html(f, j->title ? j->title : j->rel);
    fputs("</span>", f);
    const char *kind = j->kind_label ? j->kind_label : j->kind;
    if (kind) { fputs("<span class=\"kind\">", f); html(f, kind); fputs("</span>", f); }
    fputs("</th>\n<td>", f);
    if (!print_issued(f, j->issued)) fputs("未載明", f);
    fputs("</td>\n<td><ul class=\"get\">\n<li>", f);
    file_link(f, j, j->rel, "application/pdf", "PDF");
    fputs(" <span class=\"size\">", f);
    file_size(f, j->bytes);
    fprintf(f, "，%zu 頁</span></li>\n", j->pages);
    if (o->odt && j->odt_rel && j->odt_mtime) {
        fputs("<li>", f);
        file_link(f, j, j->odt_rel, "application/vnd.oasis.opendocument.text", "ODF");
        fputs(" <span class=\"size\">", f);
        file_size(f, j->odt_bytes);
        fputs("</span></li>\n", f);
    }
    fputs("</ul>", f);
    if (j->mtime) {
        fputs("<span class=\"when\">檔案日期 ", f);
        print_day(f, j->mtime);
        if (o->odt && j->odt_mtime && !same_day(j->mtime, j->odt_mtime)) {
            fputs("（ODF ", f);
            print_day(f, j->odt_mtime);
            fputs("）", f);
        }
        fputs("</span>", f);
    }
    fputs("</td></tr>\n", f);
}

static void section(FILE *f, const tree *t, size_t ai, int level, const pp_index_opts *o)
{
    const agency *a = &t->v[ai];
    int h = level > 6 ? 6 : level;
    fprintf(f, "<section aria-labelledby=\"agency-%zu\">\n<h%d id=\"agency-%zu\">", a->id, h, a->id);
    if (a->parent >= 0) {   /* a branch: its parent above its name (the tables stay aligned, unindented) */
        fputs("<span class=\"up\">", f);
        html(f, t->v[a->parent].name);
        fputs(" 所屬</span>", f);
    }
    html(f, a->name);
    fprintf(f, "</h%d>\n", h);
    if (a->ndocs) {
        fputs("<table>\n<caption>", f);
        html(f, a->name);
        fprintf(f, "：%zu 份文件</caption>\n", a->ndocs);
        fputs("<colgroup><col class=\"doc\" /><col class=\"date\" /><col class=\"files\" /></colgroup>\n"
              "<thead>\n<tr><th scope=\"col\">文件</th><th scope=\"col\">發布日期</th><th scope=\"col\">下載</th></tr>\n"
              "</thead>\n<tbody>\n", f);
        for (size_t i = 0; i < a->ndocs; i++) row(f, a->docs[i], o);
        fputs("</tbody>\n</table>\n", f);
    } else {
        fputs("<p>本機關沒有自己的文件，請見下列所屬機關。</p>\n", f);
    }
    for (size_t k = 0; k < a->nkids; k++) section(f, t, a->kids[k], level + 1, o);
    fputs("</section>\n", f);
}

/* The page's own date: SOURCE_DATE_EPOCH (reproducible pages), else now. */
static time_t page_time(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        errno = 0;
        long long v = strtoll(e, &end, 10);
        if (!*end && !errno && v >= 0) return (time_t)v;
    }
    return time(NULL);
}

int pp_batch_write_index(const char *path, const pp_job *jobs, size_t n, const pp_index_opts *o)
{
    const pp_job **docs = pp_xmalloc((n + 1) * sizeof *docs);
    size_t nd = 0;
    for (size_t i = 0; i < n; i++)
        if (jobs[i].status == PP_JOB_OK || jobs[i].status == PP_JOB_SKIPPED) docs[nd++] = &jobs[i];
    tree t = { 0 };
    build(&t, docs, nd);
    size_t nr, next = 0;
    size_t *top = roots(&t, &nr);
    for (size_t i = 0; i < nr; i++) number(&t, top[i], &next);
    size_t with_docs = 0;
    for (size_t i = 0; i < t.n; i++) with_docs += t.v[i].ndocs > 0;

    pp_atomic a;
    if (pp_atomic_open(&a, path) != 0) { free(top); free_tree(&t); free(docs); return -1; }
    FILE *f = a.f;
    const char *title = o->title && *o->title ? o->title : "文件下載";
    const char *site = o->site && *o->site ? o->site : NULL;
    fputs("<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n<head>\n<meta charset=\"utf-8\" />\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>", f);
    html(f, title);
    if (site) { fputs("｜", f); html(f, site); }
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">跳到主要內容</a>\n", style);
    if (site) { fputs("<header>\n<p>", f); html(f, site); fputs("</p>\n</header>\n", f); }
    fputs("<main id=\"main\">\n<h1>", f);
    html(f, title);
    fputs("</h1>\n", f);
    if (nd) {
        fprintf(f, "<p>共 %zu 份文件，分屬 %zu 個機關；所屬機關列在上級機關之下。", nd, with_docs);
        fputs(o->odt ? "每份文件都有 PDF（閱讀、列印）與 ODF（開放文件格式，可編輯）兩種檔案。"
                     : "檔案為 PDF。", f);
        fputs("日期以民國紀年。</p>\n", f);
        fputs("<nav aria-labelledby=\"agencies\">\n<h2 id=\"agencies\">機關</h2>\n", f);
        nav_list(f, &t, top, nr);
        fputs("</nav>\n", f);
        for (size_t i = 0; i < nr; i++) section(f, &t, top[i], 2, o);
    } else {
        fputs("<p>目前沒有文件。</p>\n", f);
    }
    fputs("</main>\n<footer>\n<p>本頁產生於 ", f);
    print_day(f, page_time());
    fputs("，由 planpress " PP_VERSION " 製作。</p>\n</footer>\n</body>\n</html>\n", f);
    free(top);
    free_tree(&t);
    free(docs);
    return pp_atomic_commit(&a);
}
