/* Leaf utilities and the model's own rules: buffers, code-point sets, the ROC
 * date scanner, node unlinking and freeing, the model invariant checker. */
#define _POSIX_C_SOURCE 200809L
#include "buf.h"
#include "cpset.h"
#include "strindex.h"
#include "harness.h"
#include "model.h"
#include "roc_dates.h"
#include <stdlib.h>

static void test_buf(void)
{
    pp_buf b = PP_BUF_INIT;
    STR_EQ(pp_buf_str(&b), "");
    for (int i = 0; i < 10000; i++) pp_buf_printf(&b, "%d,", i % 10);
    INT_EQ(b.len, 20000);
    OK(b.data[b.len] == 0, "not NUL-terminated");
    pp_buf_reset(&b);
    INT_EQ(b.len, 0);
    pp_buf_json_string(&b, "a\"b\\\n\x01\xff");
    STR_EQ(pp_buf_str(&b), "\"a\\\"b\\\\\\n\\u0001\\ufffd\"");
    char *s = pp_buf_take(&b);
    OK(b.data == NULL && b.len == 0, "take leaves the buffer empty");
    free(s);
    pp_buf_release(&b);
}

static void test_cpset(void)
{
    pp_cpset s = PP_CPSET_INIT;
    OK(!pp_cpset_has(&s, 0), "empty set has 0");
    for (uint32_t cp = 0; cp < 5000; cp += 3) OK(pp_cpset_add(&s, cp * 7919), "add %u", cp);
    OK(!pp_cpset_add(&s, 3 * 7919), "added twice");
    INT_EQ(s.n, 1667);
    for (uint32_t cp = 0; cp < 5000; cp++) if (pp_cpset_has(&s, cp * 7919) != (cp % 3 == 0)) OK(0, "membership of %u", cp);
    OK(pp_cpset_add(&s, 0x10FFFF), "the last code point");
    OK(pp_cpset_has(&s, 0x10FFFF), "the last code point is there");
    pp_cpset_release(&s);
}

static void test_strindex(void)
{
    pp_strindex x = PP_STRINDEX_INIT;
    OK(pp_strindex_get(&x, "a") == (size_t)-1, "empty index has nothing");
    char key[32];
    for (size_t i = 0; i < 3000; i++) {
        snprintf(key, sizeof key, "策略%zu", i);
        OK(pp_strindex_put(&x, key, i) == i, "put %zu", i);
    }
    OK(pp_strindex_put(&x, "策略7", 99) == 7, "a key keeps its first index");
    INT_EQ(x.n, 3000);
    for (size_t i = 0; i < 3000; i++) {
        snprintf(key, sizeof key, "策略%zu", i);
        if (pp_strindex_get(&x, key) != i) OK(0, "get %zu", i);
    }
    OK(pp_strindex_get(&x, "策略3000") == (size_t)-1, "a key never put");
    OK(pp_strindex_put(&x, "", 5) == 5 && pp_strindex_get(&x, "") == 5, "the empty key");
    pp_strindex_release(&x);
}

/* The scanner's findings as "literal why|literal why|". */
typedef struct found { const char *text; char out[512]; } found;
static void on_bad(void *ctx, size_t a, size_t b, const char *why)
{
    found *f = ctx;
    size_t l = strlen(f->out);
    snprintf(f->out + l, sizeof f->out - l, "%.*s%s|", (int)(b - a), f->text + a, why);
}

static const char *scan(found *f, const char *text)
{
    f->text = text;
    f->out[0] = 0;
    pp_roc_dates_scan(text, strlen(text), on_bad, f);
    return f->out;
}

static void test_roc_dates(void)
{
    found f;
    STR_EQ(scan(&f, "本局於110年2月28日辦理"), "");
    STR_EQ(scan(&f, "本局於110年2月30日辦理"), "110年2月30日|");
    STR_EQ(scan(&f, "109年2月29日與110年2月29日"), "110年2月29日|");         /* 109 = 2020, a leap year */
    STR_EQ(scan(&f, "110年13月"), "110年13月 (no such month)|");
    STR_EQ(scan(&f, "0年1月1日"), "0年1月1日 (there is no year 0)|");
    STR_EQ(scan(&f, "99999年1月1日"), "99999年1月1日 (no such year)|");
    STR_EQ(scan(&f, "-1年1月1日"), "-1年1月1日 (a year is not negative)|");
    STR_EQ(scan(&f, "110年2月5日及8月32日"), "8月32日|");
    STR_EQ(scan(&f, "2月29日"), "");                                          /* no year: as if a leap year */
    STR_EQ(scan(&f, "１１０年２月３０日"), "１１０年２月３０日|");
    STR_EQ(scan(&f, "第11490000310號"), "");
    STR_EQ(scan(&f, "110年度、連續3年、每3月"), "");
    STR_EQ(scan(&f, "2021年2月29日"), "2021年2月29日|");                      /* Gregorian years too */
    STR_EQ(scan(&f, "102月30日"), "");                                          /* 「102月」 is no month */
}

static pp_node *add(pp_node *parent, pp_node_type t)
{
    pp_node *n = pp_node_new(t, 1, 1);
    pp_node_append(parent, n);
    return n;
}

static void test_model(void)
{
    pp_doc *doc = calloc(1, sizeof *doc);
    doc->root = pp_node_new(PP_NODE_DOCUMENT, 1, 1);
    pp_node *a = add(doc->root, PP_NODE_SECTION), *b = add(doc->root, PP_NODE_SECTION), *c = add(doc->root, PP_NODE_SECTION);
    pp_node *p = add(b, PP_NODE_PARAGRAPH);
    pp_node *t = add(p, PP_NODE_TEXT);
    t->text = strdup("x");
    INT_EQ(pp_model_check(doc, stderr), 0);
    pp_node_free(b);   /* the middle one: its siblings stay, linked to each other */
    OK(doc->root->first == a && a->next == c && c->prev == a && doc->root->last == c, "siblings relinked");
    INT_EQ(pp_model_check(doc, stderr), 0);
    pp_node_free(c);
    OK(doc->root->last == a && a->next == NULL, "last relinked");
    pp_node *bad = add(a, PP_NODE_UNIT);   /* a unit cannot stand in a section, and has no text */
    OK(pp_model_check(doc, NULL) != 0, "a broken tree passes the check");
    pp_node_free(bad);
    INT_EQ(pp_model_check(doc, stderr), 0);
    pp_doc_free(doc);
}

int main(void)
{
    test_buf();
    test_cpset();
    test_strindex();
    test_roc_dates();
    test_model();
    return pp_test_summary();
}
