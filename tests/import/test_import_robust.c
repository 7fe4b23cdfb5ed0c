/* Robustness of import, fuzz style with a fixed seed (so a failure repeats):
 * every fixture truncated at many lengths (always refused: a zip cut short has
 * no central directory), with bytes flipped, and with its main XML part
 * mutated element by element (nodes deleted, copied, moved, attribute values
 * replaced) and packed again. Each import must either refuse with an error or
 * give a source that reads back against the schema; never crash (the suite
 * runs this under ASan and UBSan too), never report the writer's own failure. */
#define _POSIX_C_SOURCE 200809L
#include "../unit/harness.h"
#include "import.h"
#include "input.h"
#include "xml_read.h"
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <zip.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}
static size_t pick(size_t n) { return n ? next() % n : 0; }

static int runs, refused, imported;

/* One import of data; returns 1 imported, 0 refused, after checking the invariants. */
static int try_import(const char *data, size_t len, const char *what)
{
    pp_diag d;
    pp_diag_init(&d, NULL);
    pp_import_opts o = { .kind = NULL };
    pp_buf out = PP_BUF_INIT;
    int rc = pp_import_text(data, len, "fuzz.docx", "fuzz.xml", &o, &out, &d);
    runs++;
    OK(rc == 0 || d.errors > 0, "%s: refused without an error message", what);
    OK(d.count[PP_SYS] == 0, "%s: the writer's source did not read back (or another system error)", what);
    if (d.count[PP_SYS]) {               /* again, with the messages shown */
        pp_diag loud;
        pp_diag_init(&loud, stderr);
        pp_buf again = PP_BUF_INIT;
        pp_import_text(data, len, "fuzz.docx", "fuzz.xml", &o, &again, &loud);
        pp_buf_release(&again);
    }
    OK(rc != 0 || out.len > 0, "%s: imported to nothing", what);
    pp_buf_release(&out);
    if (rc == 0) imported++; else refused++;
    return rc == 0;
}

typedef struct entry { char *name; char *data; size_t len; } entry;

static size_t unpack(const char *data, size_t len, entry *e, size_t cap)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
    size_t n = 0;
    if (!za) { if (src) zip_source_free(src); zip_error_fini(&err); return 0; }
    for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0) && n < cap; i++) {
        zip_stat_t st;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0) continue;
        zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)i, 0);
        if (!f) continue;
        e[n].name = strdup(st.name);
        e[n].data = malloc(st.size + 1);
        e[n].len = (size_t)zip_fread(f, e[n].data, st.size);
        zip_fclose(f);
        n++;
    }
    zip_discard(za);
    zip_error_fini(&err);
    return n;
}

/* The entries packed again as a zip in memory (malloc'd). */
static char *pack(const entry *e, size_t n, size_t *len)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    for (size_t i = 0; za && i < n; i++) {
        char *copy = e[i].len ? malloc(e[i].len) : NULL;   /* (libzip frees no empty buffer) */
        if (copy) memcpy(copy, e[i].data, e[i].len);
        zip_source_t *s = zip_source_buffer(za, copy, e[i].len, 1);
        if (zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) zip_source_free(s);
    }
    char *out = NULL;
    *len = 0;
    if (za && zip_close(za) == 0 && zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t l = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        out = malloc(l > 0 ? (size_t)l : 1);
        *len = (size_t)zip_source_read(src, out, (zip_uint64_t)l);
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&err);
    return out;
}

static void elements(xmlNode *n, xmlNode ***v, size_t *count, size_t *cap)
{
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (*count == *cap) { *cap = *cap ? *cap * 2 : 256; *v = realloc(*v, *cap * sizeof **v); }
        (*v)[(*count)++] = c;
        elements(c->children, v, count, cap);
    }
}

static bool inside(const xmlNode *n, const xmlNode *ancestor)
{
    for (; n; n = n->parent) if (n == ancestor) return true;
    return false;
}

/* A few random edits of the part's element tree; returns the new text (xmlFree). */
static xmlChar *mutate_xml(const char *data, size_t len, int *out_len)
{
    xmlDoc *doc = xmlReadMemory(data, (int)len, "part.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return NULL;
    static const char *const values[] = { "0", "-1", "1", "2", "9", "999999", "", "restart", "continue", "true", "center", "bullet" };
    int ops = 1 + (int)pick(5);
    for (int k = 0; k < ops; k++) {
        xmlNode **v = NULL;
        size_t n = 0, cap = 0;
        elements(xmlDocGetRootElement(doc), &v, &n, &cap);
        if (n < 3) { free(v); break; }
        xmlNode *a = v[1 + pick(n - 1)], *b = v[1 + pick(n - 1)];
        switch (pick(4)) {
        case 0: xmlUnlinkNode(a); xmlFreeNode(a); break;                              /* delete */
        case 1: { xmlNode *c = xmlCopyNode(a, 1); if (c) xmlAddNextSibling(a, c); break; }   /* copy */
        case 2:                                                                            /* move */
            if (a != b && !inside(b, a)) { xmlUnlinkNode(a); xmlAddChild(b, a); }
            break;
        default:                                                                           /* an attribute */
            if (a->properties) {
                xmlAttr *at = a->properties;
                for (size_t s = pick(4); s && at->next; s--) at = at->next;
                xmlSetNsProp(a, at->ns, at->name, (const xmlChar *)values[pick(sizeof values / sizeof values[0])]);
            }
        }
        free(v);
    }
    xmlChar *text = NULL;
    xmlDocDumpMemory(doc, &text, out_len);
    xmlFreeDoc(doc);
    return text;
}

static void fuzz_file(const char *path)
{
    pp_diag d;
    pp_diag_init(&d, stderr);
    pp_buf raw = PP_BUF_INIT;
    if (pp_input_read(path, PP_INPUT_MAX, &raw, &d) != 0) { OK(0, "%s: cannot read", path); return; }
    char what[512];
    /* the whole file imports */
    snprintf(what, sizeof what, "%s whole", path);
    OK(try_import(raw.data, raw.len, what), "%s: the fixture itself does not import", path);
    /* cut short anywhere: refused */
    size_t cuts[] = { 0, 1, 2, 3, 4, 22, 30, 100, raw.len / 4, raw.len / 2, raw.len - 100, raw.len - 22, raw.len - 1 };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0] + 12; i++) {
        size_t at = i < sizeof cuts / sizeof cuts[0] ? cuts[i] : pick(raw.len);
        if (at >= raw.len) continue;
        snprintf(what, sizeof what, "%s cut at %zu", path, at);
        OK(!try_import(raw.data, at, what), "%s: imported", what);
    }
    /* bytes flipped */
    char *copy = malloc(raw.len);
    for (int m = 0; m < 40; m++) {
        memcpy(copy, raw.data, raw.len);
        int flips = 1 + (int)pick(4);
        size_t first = 0;
        for (int f = 0; f < flips; f++) {
            size_t at = pick(raw.len);
            if (!f) first = at;
            copy[at] = (char)(copy[at] ^ (1 + pick(255)));
        }
        snprintf(what, sizeof what, "%s with %d byte(s) flipped from %zu", path, flips, first);
        try_import(copy, raw.len, what);
    }
    free(copy);
    /* the main part's elements edited, the package packed again */
    entry e[64];
    size_t n = unpack(raw.data, raw.len, e, 64);
    OK(n > 0, "%s: cannot unpack", path);
    size_t main = n;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(e[i].name, "word/document.xml") || !strcmp(e[i].name, "content.xml")) main = i;
    for (int m = 0; m < 40 && main < n; m++) {
        char *keep = e[main].data;
        size_t keep_len = e[main].len;
        int tl = 0;
        xmlChar *t = mutate_xml(keep, keep_len, &tl);
        if (!t) continue;
        e[main].data = (char *)t;
        e[main].len = (size_t)tl;
        size_t zl = 0;
        char *z = pack(e, n, &zl);
        snprintf(what, sizeof what, "%s with its %s edited (round %d)", path, e[main].name, m);
        if (z) try_import(z, zl, what);
        free(z);
        xmlFree(t);
        e[main].data = keep;
        e[main].len = keep_len;
    }
    for (size_t i = 0; i < n; i++) { free(e[i].name); free(e[i].data); }
    pp_buf_release(&raw);
}

int main(int argc, char **argv)
{
    xmlInitParser();
    const char *seed = getenv("PP_FUZZ_SEED");    /* another seed, to look further by hand */
    if (seed && strtoull(seed, NULL, 0)) rng = strtoull(seed, NULL, 0);
    for (int i = 1; i < argc; i++) fuzz_file(argv[i]);
    OK(argc > 1, "no fixtures given");
    printf("%d imports: %d imported, %d refused\n", runs, imported, refused);
    pp_xml_read_cleanup();
    xmlCleanupParser();
    return pp_test_summary();
}
