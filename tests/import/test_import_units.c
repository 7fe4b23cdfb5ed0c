/* The import's pieces on their own: the label scanner, automatic numbering's
 * numbers, ROC dates, hand wraps joined or kept, white space folded; and the
 * source writer, which must give the reader back the model it was given (every
 * sample read, written, read again) and write the same text twice. */
#define _POSIX_C_SOURCE 200809L
#include "../unit/harness.h"
#include "dump.h"
#include "import_label.h"
#include "import_meta.h"
#include "import_text.h"
#include "numbering.h"
#include "source_write.h"
#include "template.h"
#include "xml_read.h"
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>

static void label(const char *s, bool ok, int style, int number, bool odd)
{
    pp_label l;
    bool got = pp_label_scan(s, strlen(s), &l);
    OK(got == ok, "scan(\"%s\") = %d, want %d", s, got, ok);
    if (!got || !ok) return;
    OK(l.style == style, "scan(\"%s\").style = %d, want %d", s, l.style, style);
    OK(l.number == number, "scan(\"%s\").number = %d, want %d", s, l.number, number);
    OK(l.odd == odd, "scan(\"%s\").odd = %d, want %d", s, l.odd, odd);
}

static void labels(void)
{
    label("壹、計畫依據", true, PP_NUM_FORMAL, 1, false);
    label("拾壹、其他", true, PP_NUM_FORMAL, 11, false);
    label("一、行政院", true, PP_NUM_HAN, 1, false);
    label("十二、", true, PP_NUM_HAN, 12, false);
    label("二十、", true, PP_NUM_HAN, 20, false);
    label("一百零一、x", true, PP_NUM_HAN, 101, false);
    label("三 、經濟部", true, PP_NUM_HAN, 3, false);
    label("（一）本局", true, PP_NUM_HAN_PAREN, 1, false);
    label("(一)建立", true, PP_NUM_HAN_PAREN_HALF, 1, false);
    label("(二）跨機關", true, PP_NUM_HAN_PAREN_HALF, 2, true);
    label("（二)跨機關", true, PP_NUM_HAN_PAREN, 2, true);
    label("1.訂定", true, PP_NUM_DECIMAL, 1, false);
    label("12、訂定", true, PP_NUM_DECIMAL_COMMA, 12, false);   /* 1、 is a style of its own */
    label("4.110年1月19日偕同", true, PP_NUM_DECIMAL, 4, false);
    label("(1)縮短", true, PP_NUM_DECIMAL_PAREN, 1, false);
    label("（1）縮短", true, PP_NUM_DECIMAL_PAREN_FULL, 1, false);
    label("（１）縮短", true, PP_NUM_DECIMAL_PAREN_WIDE, 1, false);
    label("(１)縮短", true, PP_NUM_DECIMAL_PAREN_WIDE, 1, true);
    label("A.定期", true, PP_NUM_UPPER_LATIN, 1, false);
    label("D.110年9月起", true, PP_NUM_UPPER_LATIN, 4, false);
    label("(a)項目", true, PP_NUM_LOWER_LATIN_PAREN, 1, false);
    label("b.項目", true, PP_NUM_LOWER_LATIN_PAREN, 2, true);
    /* not labels */
    label("1.5倍", false, 0, 0, false);
    label("2.0AA標章", false, 0, 0, false);
    label("A.I.技術", false, 0, 0, false);
    label("一站式服務", false, 0, 0, false);
    label("110年度", false, 0, 0, false);
    label("E-mail傳送", false, 0, 0, false);
    label("(單位)", false, 0, 0, false);
    label("(ab)", false, 0, 0, false);
    label("", false, 0, 0, false);
    label("壹一、", false, 0, 0, false);
    /* the label's length takes the white space after it */
    pp_label l;
    const char *s = "(一) 訂定";
    OK(pp_label_scan(s, strlen(s), &l) && l.len == strlen("(一) "), "label length with its space: %zu", l.len);
    STR_EQ(l.text, "(一)");
}

static void number(bool word, const char *fmt, int n, const char *want)
{
    char buf[32];
    bool ok = word ? pp_label_word_number(buf, sizeof buf, fmt, n) : pp_label_odf_number(buf, sizeof buf, fmt, n);
    if (!want) { OK(!ok, "%s %s: a number where none is printed", word ? "w" : "odf", fmt); return; }
    OK(ok && strcmp(buf, want) == 0, "%s %s %d = \"%s\", want \"%s\"", word ? "w" : "odf", fmt, n, buf, want);
}

static void numbers(void)
{
    number(true, "taiwaneseCountingThousand", 11, "十一");
    number(true, "ideographLegalTraditional", 3, "參");
    number(true, "decimal", 7, "7");
    number(true, "decimalFullWidth", 12, "１２");
    number(true, "upperLetter", 27, "AA");
    number(true, "lowerLetter", 2, "b");
    number(true, "lowerRoman", 4, "iv");
    number(true, "ideographTraditional", 3, "丙");
    number(true, "decimalEnclosedCircle", 2, "②");
    number(true, "bullet", 1, NULL);
    number(true, "none", 1, NULL);
    number(false, "一, 二, 三, ...", 21, "二十一");
    number(false, "壹, 貳, 參, ...", 4, "肆");
    number(false, "１, ２, ３, ...", 3, "３");
    number(false, "1", 10, "10");
    number(false, "a", 2, "b");
    number(false, "I", 9, "IX");
    number(false, "甲, 乙, 丙, ...", 2, "乙");
    number(false, "①, ②, ③, ...", 3, "③");
    number(false, "", 1, NULL);
}

/* A paragraph of text with '\n' as line breaks. */
static pp_imp_para *para(pp_imp_blocks *b, const char *text)
{
    pp_imp_para *p = pp_imp_para_add(b);
    p->no = (long)b->n;
    for (const char *s = text; *s;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        pp_imp_para_text(p, s, n, false);
        if (!nl) break;
        pp_imp_para_break(p);
        s = nl + 1;
    }
    return p;
}

/* The logical paragraphs of the given source paragraphs (joined by mode), as "a|b|c". */
static char *read_as(pp_itext_mode mode, const char *const *paras, int n)
{
    pp_imp_blocks b = { 0 };
    pp_itexts v = { 0 };
    for (int i = 0; i < n; i++) pp_itext_lines(&v, para(&b, paras[i]), mode);
    if (mode != PP_IT_UNITS) pp_itext_join(&v, 0, mode);
    pp_buf out = PP_BUF_INIT;
    for (size_t i = 0; i < v.n; i++) {
        char *s = pp_itext_utf8(&v.v[i], 0);
        pp_buf_printf(&out, "%s%s", i ? "|" : "", s);
        free(s);
    }
    pp_itexts_release(&v);
    pp_imp_blocks_release(&b);
    return pp_buf_take(&out);
}

#define READS(mode, want, ...) do { const char *ps_[] = { __VA_ARGS__ }; \
    char *got_ = read_as(mode, ps_, (int)(sizeof ps_ / sizeof ps_[0])); STR_EQ(got_, want); free(got_); } while (0)

static void wraps(void)
{
    /* white space: none next to Han, one between Latin words, none at the ends */
    READS(PP_IT_BODY, "委外call center人員", "委外 call  center 人員");
    READS(PP_IT_BODY, "行政院106年1月9日", "行政院 106 年 1 月 9 日");
    READS(PP_IT_BODY, "為提升本司", "\u3000\u3000為提升本司");
    /* Shift+Enter: joined, unless a label starts the next line */
    READS(PP_IT_BODY, "一、行政院函頒「政府服務躍升方案」。", "一、行政院函頒「政府服務\n躍升方案」。");
    READS(PP_IT_CELL, "於分局網站揭露：|(1)驗證登錄|(2)定期檢視", "於分局網站揭露：\n(1)驗證登錄\n(2)定期檢視");
    READS(PP_IT_CELL, "call center", "call\ncenter");
    READS(PP_IT_UNITS, "第六課|嘉辦|斗辦", "第六課\n嘉辦", "斗辦");
    /* Enter at a line's end: joined in body text where the sentence runs on */
    READS(PP_IT_BODY, "一、行政院106年1月9日院授發社字第1061300008號函頒「政府服務躍升方案」。",
          "一、行政院106年1月9日院授發社字第1061300008號函頒「政府服務躍升", "方案」。");
    READS(PP_IT_BODY, "自行考核：得依業務需求辦理獎懲；並就考核結果改進情形，廣為宣導。",
          "自行考核：得依業務需求辦理獎懲；", "並就考核結果改進情形，廣為宣導。");
    READS(PP_IT_BODY, "及「開放透明」核心精神。", "及「開放", "透明」核心精神。");
    /* … but not after a heading, a sentence's end, or a quoted sentence's end */
    READS(PP_IT_BODY, "壹、計畫依據|秉持精神，提升效能。", "壹、計畫依據", "秉持精神，提升效能。");
    READS(PP_IT_BODY, "本局及各分局。|第二段", "本局及各分局。", "第二段");
    READS(PP_IT_BODY, "函頒「方案。」|第二段", "函頒「方案。」", "第二段");
    READS(PP_IT_BODY, "本局及各分局|(一)第一項", "本局及各分局", "(一)第一項");
    /* cells join only what was cut in mid-clause */
    READS(PP_IT_CELL, "提升服務品質，持續推動", "提升服務品質，", "持續推動");
    READS(PP_IT_CELL, "訂定申辦業務|標準作業流程", "訂定申辦業務", "標準作業流程");
}

static pp_itext itext(const char *s)
{
    pp_imp_blocks b = { 0 };
    pp_itexts v = { 0 };
    pp_itext_lines(&v, para(&b, s), PP_IT_BODY);
    pp_itext t = v.n ? v.v[0] : (pp_itext){ 0 };
    for (size_t i = 1; i < v.n; i++) pp_itext_release(&v.v[i]);
    free(v.v);
    t.src = NULL;
    pp_imp_blocks_release(&b);
    return t;
}

static void date(const char *s, int y, int m, int d)
{
    pp_itext t = itext(s);
    int gy = 0, gm = 0, gd = 0;
    size_t n = pp_import_roc_date(&t, 0, &gy, &gm, &gd);
    if (!y) OK(n == 0, "date(\"%s\") read as %d-%d-%d", s, gy, gm, gd);
    else OK(n > 0 && gy == y && gm == m && gd == d, "date(\"%s\") = %d-%d-%d (%zu), want %d-%d-%d", s, gy, gm, gd, n, y, m, d);
    pp_itext_release(&t);
}

static void dates(void)
{
    date("114 年 1 月 6 日經標秘字", 2025, 1, 6);
    date("中華民國113年9月5日經綜字", 2024, 9, 5);
    date("114.1.6 經標秘字", 2025, 1, 6);
    date("106年3月15日經研字", 2017, 3, 15);
    date("113年2月30日", 0, 0, 0);          /* no such day */
    date("110年度提升", 0, 0, 0);
    date("經濟部114年1月6日", 0, 0, 0);     /* not at the start */
}

/* The model as the dump prints it, positions left out. */
static char *model_of(const pp_doc *doc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    pp_dump_model(doc, f);
    fclose(f);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '@') { while (i < len && text[i] != ' ' && text[i] != '\n') i++; if (i < len) text[o++] = text[i]; continue; }
        text[o++] = text[i];
    }
    text[o] = 0;
    return text;
}

static void round_trip(const char *path, const char *schema)
{
    pp_diag d;
    pp_diag_init(&d, stderr);
    pp_doc *a = pp_xml_read(path, schema, &d);
    OK(a != NULL, "%s: read", path);
    if (!a) return;
    pp_buf t1 = PP_BUF_INIT, t2 = PP_BUF_INIT;
    pp_source_write(a, NULL, &t1);
    pp_doc *b = pp_xml_read_memory(t1.data, t1.len, "written.xml", schema, &d);
    OK(b != NULL, "%s: the written source reads back", path);
    if (b) {
        char *ma = model_of(a), *mb = model_of(b);
        OK(strcmp(ma, mb) == 0, "%s: the written source reads back to another model", path);
        free(ma);
        free(mb);
        pp_source_write(b, NULL, &t2);
        OK(t1.len == t2.len && memcmp(t1.data, t2.data, t1.len) == 0, "%s: writing twice gives two texts", path);
    }
    pp_doc_free(a);
    pp_doc_free(b);
    pp_buf_release(&t1);
    pp_buf_release(&t2);
}

static void writer(void)
{
    char schema[PATH_MAX];
    snprintf(schema, sizeof schema, "%s/document.rng", pp_template_dir(NULL));
    DIR *dir = opendir("samples");
    OK(dir != NULL, "samples/ is there");
    int n = 0;
    for (struct dirent *e; dir && (e = readdir(dir));) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".xml") != 0) continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "samples/%s", e->d_name);
        round_trip(path, schema);
        n++;
    }
    if (dir) closedir(dir);
    OK(n >= 5, "%d samples written", n);
    round_trip("tests/rules/pair-report-pass.xml", schema);
    /* characters XML needs escaped, in text and in attributes */
    const char *src = "<?xml version=\"1.0\"?><document kind=\"plan\"><meta><agency>A&amp;B</agency><title>T&lt;1&gt;</title></meta>"
                      "<section title=\"&quot;q&quot; &amp; &lt;t&gt;\" label=\"\"><p>x &amp; <em>y</em>&lt;z<br/>w</p>"
                      "<list style=\"none\" start=\"3\"><item label=\"(二）\">a<list><item>b</item></list>c</item></list>"
                      "<table widths=\"0.3 0.7\"><head><row><cell align=\"center\">h</cell><cell>i</cell></row></head>"
                      "<row><cell rowspan=\"2\">r</cell><cell/></row><row><cell>s<p>t</p></cell></row></table></section></document>";
    pp_diag d;
    pp_diag_init(&d, stderr);
    pp_doc *a = pp_xml_read_memory(src, strlen(src), "escapes.xml", schema, &d);
    OK(a != NULL, "escapes.xml reads");
    if (a) {
        pp_buf t = PP_BUF_INIT;
        pp_source_write(a, NULL, &t);
        pp_doc *b = pp_xml_read_memory(t.data, t.len, "escapes-written.xml", schema, &d);
        char *ma = model_of(a), *mb = b ? model_of(b) : NULL;
        OK(mb && strcmp(ma, mb) == 0, "escapes: written source reads back to the same model:\n%s\n---\n%s", ma, mb ? mb : "");
        OK((strstr(t.data, "label=\"\"") || strstr(t.data, "numbered=\"no\"")) && strstr(t.data, "label=\"(二）\"") && strstr(t.data, "start=\"3\""),
           "labels and start written: %s", t.data);
        free(ma);
        free(mb);
        pp_doc_free(b);
        pp_buf_release(&t);
    }
    pp_doc_free(a);
}

int main(void)
{
    labels();
    numbers();
    wraps();
    dates();
    writer();
    pp_xml_read_cleanup();
    return pp_test_summary();
}
