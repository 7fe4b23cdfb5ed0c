/* Unit tests of src/linebreak.c: break classes, NO_START/NO_END, scripts, glue.
 *
 * Break cases are a table of {input, expected}: expected is the input with
 * '|' where a break is ALLOWED and '!' where an EMERGENCY break is preferred
 * (inputs therefore contain no ASCII '|' or '!'). */
#include "harness.h"
#include "linebreak.h"

#include <stdint.h>
#include <stdlib.h>

#define MAXCP 256

/* Minimal UTF-8 decoder for test literals (well-formed input only). */
static size_t decode(const char *s, uint32_t *out, size_t cap) {
  const unsigned char *p = (const unsigned char *)s;
  size_t n = 0;
  while (*p && n < cap) {
    uint32_t cp;
    int extra;
    if (*p < 0x80) { cp = *p; extra = 0; }
    else if (*p < 0xE0) { cp = *p & 0x1Fu; extra = 1; }
    else if (*p < 0xF0) { cp = *p & 0x0Fu; extra = 2; }
    else { cp = *p & 0x07u; extra = 3; }
    p++;
    while (extra-- > 0 && *p) cp = (cp << 6) | (*p++ & 0x3Fu);
    out[n++] = cp;
  }
  return n;
}

static char *encode(uint32_t cp, char *o) {
  if (cp < 0x80) { *o++ = (char)cp; }
  else if (cp < 0x800) { *o++ = (char)(0xC0 | (cp >> 6)); *o++ = (char)(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    *o++ = (char)(0xE0 | (cp >> 12)); *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
    *o++ = (char)(0x80 | (cp & 0x3F));
  } else {
    *o++ = (char)(0xF0 | (cp >> 18)); *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
    *o++ = (char)(0x80 | ((cp >> 6) & 0x3F)); *o++ = (char)(0x80 | (cp & 0x3F));
  }
  return o;
}

/* Renders pp_linebreak_classify(input) in the '|' / '!' notation into out. */
static const char *render(const char *input, char *out) {
  uint32_t cps[MAXCP] = {0};
  uint8_t brk[MAXCP] = {0};
  size_t n = decode(input, cps, MAXCP);
  char *o = out;
  pp_linebreak_classify(cps, n, brk);
  for (size_t i = 0; i < n; i++) {
    if (brk[i] == PP_BREAK_ALLOWED) *o++ = '|';
    else if (brk[i] == PP_BREAK_EMERGENCY) *o++ = '!';
    else if (brk[i] != PP_BREAK_NEVER) *o++ = '?';
    o = encode(cps[i], o);
  }
  *o = '\0';
  return out;
}

struct brk_case { const char *input, *expected; };

static const struct brk_case cases[] = {
  /* Han breaks anywhere */
  {"中文排版", "中|文|排|版"},
  /* pause/stop and closing marks never start a line */
  {"好，好。好、好；好：好？好！好）好」好』好",
   "好，|好。|好、|好；|好：|好？|好！|好）|好」|好』|好"},
  {"好。」』好", "好。」』|好"},
  {"好】〉》〕〗］｝．好", "好】〉》〕〗］｝．|好"},
  {"好﹐﹑﹒﹔﹕﹖﹗好", "好﹐﹑﹒﹔﹕﹖﹗|好"},
  /* opening marks never end a line */
  {"好（好「好『好【好〈好《好", "好|（好|「好|『好|【好|〈好|《好"},
  {"好〔好〖好［好｛好", "好|〔好|〖好|［好|｛好"},
  {"（「『好』」）", "（「『好』」）"},
  /* curly quotes: “‘ open, ”’ close (UAX14 QU would glue both sides) */
  {"他說“好”，‘對’。", "他|說|“好”，|‘對’。"},
  {"ODF“格式”", "ODF|“格|式”"},
  {"don’t stop", "don’t |stop"},
  {"〝好〞好", "〝好〞|好"},
  /* Latin words stay whole, break at spaces and at Han */
  {"call center", "call |center"},
  {"使用call center服務", "使|用|call |center|服|務"},
  {"YouTube、MyEGov及APP", "YouTube、|MyEGov|及|APP"},
  {"E-mail", "E-mail"},             /* two letters or digits each side of a hyphen break */
  /* numbers with separators and units */
  {"3,025件", "3,025|件"},
  {"86.71%", "86.71%"},
  {"成長86.71%。", "成|長|86.71%。"},
  {"DN13", "DN13"},
  {"2.0AA", "2.0AA"},
  {"11490000310", "11490000310"},
  {"110年", "110|年"},
  {"民國110年1月6日", "民|國|110|年|1|月|6|日"},
  {"2-3次", "2-3|次"},
  {"新臺幣NT$100元", "新|臺|幣|NT$100|元"},
  {"攝氏30℃，30°C", "攝|氏|30℃，|30°C"},
  {"成長５％", "成|長|５％"},
  {"$ 100", "$ 100"},
  {"費用，＄100元", "費|用，|＄100|元"},
  {"(3)%", "(3)%"},
  {"Tel:02-2345-6789", "Tel:02!-2345!-6789"},
  {"a -abc", "a |-abc"},
  {"-abc", "-abc"},
  /* full-width digits break like Han; full-width letters stay whole like ASCII */
  {"１２３件", "１|２|３|件"},
  {"第１１３年", "第|１|１|３|年"},
  {"ＡＰＰ", "ＡＰＰ"},
  /* URL and e-mail: ordinary breaks after word '/', emergency places inside */
  {"https://www.bsmi.gov.tw/wSite/ct?xItem=123&ctNode=456",
   "https://!www!.bsmi!.gov!.tw/|wSite/|ct!?xItem!=123!&ctNode!=456"},
  {"網址：https://www.bsmi.gov.tw。", "網|址：|https://!www!.bsmi!.gov!.tw。"},
  {"service@bsmi.gov.tw", "service!@bsmi!.gov!.tw"},
  {"信箱：service@bsmi.gov.tw。", "信|箱：|service!@bsmi!.gov!.tw。"},
  {"file_name_v2.pdf", "file!_name!_v2!.pdf"},
  {"ODF/PDF", "ODF/|PDF"},
  {"和/或", "和/|或"},
  {"ODF/文件", "ODF/|文|件"},
  {"/usr/bin", "/usr/|bin"},
  {"路徑/usr/bin", "路|徑/usr/|bin"},
  {"11/20", "11/20"},
  {"What? Yes.", "What? |Yes."},
  /* —— and …… never split and never start a line; breakable between pairs */
  {"他說——好", "他|說——|好"},
  {"中————中", "中——|——|中"},
  {"中———中", "中———|中"},
  {"中⸺中", "中⸺|中"},
  {"中⸺⸺中", "中⸺|⸺|中"},
  {"等等……好", "等|等……|好"},
  {"好…………", "好……|……"},
  {"好⋯⋯好", "好⋯⋯|好"},
  {"好…。", "好…。"},
  /* connectors and interpuncts */
  {"阿道夫·希特勒", "阿|道|夫·|希|特|勒"},
  {"蒙娜‧麗莎", "蒙|娜‧|麗|莎"},
  {"甲・乙", "甲・|乙"},
  {"1～3月", "1～|3|月"},
  {"甲﹑乙", "甲﹑|乙"},
  {"甲—乙", "甲—|乙"},
  {"甲–乙", "甲–|乙"},
  {"甲•乙", "甲•|乙"},
  {"※注意○○部", "※|注|意|○|○|部"},
  /* Ext-B and private use (TW-Kai-Plus) break like Han */
  {"𠀀𪚥", "𠀀|𪚥"},
  {"王𠀀明", "王|𠀀|明"},
  {"\xF3\xB0\x80\x80\xF3\xB0\x80\x81", "\xF3\xB0\x80\x80|\xF3\xB0\x80\x81"},
  {"林\xF3\xB0\x80\x80明", "林|\xF3\xB0\x80\x80|明"},
  {"\xEE\x80\x80\xEE\x80\x81", "\xEE\x80\x80|\xEE\x80\x81"},
  /* spaces: break after, never before; kinsoku looks across them */
  {"中 ，", "中 ，"},
  {"（ 中", "（ 中"},
  {"A  B", "A  |B"},
  {"中\xE3\x80\x80\xE3\x80\x80文", "中　　|文"},
  /* mandatory break, combining mark */
  {"甲\n乙", "甲\n|乙"},
  {"cafe\xCC\x81 au", "cafe\xCC\x81 |au"},
  /* a mixed line from a published plan */
  {"「政府服務躍升方案」及國家發展委員會「『政府服務獎』評獎實施計畫」。",
   "「政|府|服|務|躍|升|方|案」|及|國|家|發|展|委|員|會|「『政|府|服|務|獎』|評|獎|實|施|計|畫」。"},
  {"114年1月6日以院臺綜字第1141000020號函（如附件1）",
   "114|年|1|月|6|日|以|院|臺|綜|字|第|1141000020|號|函|（如|附|件|1）"},
};

/* typesetting.md 1.2, NO_START, character by character. */
static const char *const no_start_doc[] = {
  "，", "。", "、", "；", "：", "？", "！", "．", "﹐", "﹑", "﹒", "﹔", "﹕", "﹖", "﹗",
  ",", ".", ";", ":", "?", "!",
  "）", "」", "』", "】", "〉", "》", "〕", "〗", "〙", "〛", "］", "｝", "’", "”", "〞",
  "﹚", "﹜", "﹞", ")", "]", "}",
  "～", "–", "—", "‧", "·", "・", "•", "‥", "…",
  "︰", "︱", "︳", "︴", "︶", "︸", "︺", "︼", "︾", "﹀", "﹂", "﹄", "﹏",
  "¢", "°", "％", "‰", "℃",
  /* additions documented in linebreak.h */
  "〟", "｡", "｣", "､", "⸺", "⸻", "⋯",
};
/* typesetting.md 1.2, NO_END. */
static const char *const no_end_doc[] = {
  "（", "「", "『", "【", "〈", "《", "〔", "〖", "［", "｛", "‘", "“", "‵", "〝",
  "﹙", "﹛", "﹝", "(", "[", "{", "£", "¥", "$", "＄", "￥",
  /* additions */
  "〘", "〚", "｢", "￡",
};

static uint32_t cp_of(const char *s) {
  uint32_t cp[4] = {0};
  size_t n = decode(s, cp, 4);
  return n == 1 ? cp[0] : 0xFFFFFFFFu;
}

static void test_break_table(void) {
  char out[MAXCP * 6];
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
    STR_EQ(render(cases[k].input, out), cases[k].expected);
}

static void test_no_start_no_end(void) {
  uint32_t cps[3] = {0};
  uint8_t brk[3] = {0};
  for (size_t k = 0; k < sizeof no_start_doc / sizeof no_start_doc[0]; k++) {
    uint32_t c = cp_of(no_start_doc[k]);
    OK(pp_lb_no_start(c), "no_start(%s U+%04X)", no_start_doc[k], (unsigned)c);
    /* and classify never breaks before it, after Han or after a letter */
    cps[0] = 0x4E2D; cps[1] = c; cps[2] = 0x6587;
    pp_linebreak_classify(cps, 3, brk);
    OK(brk[1] == PP_BREAK_NEVER, "break before %s after Han: %d", no_start_doc[k], brk[1]);
    cps[0] = 'A';
    pp_linebreak_classify(cps, 2, brk);
    OK(brk[1] == PP_BREAK_NEVER, "break before %s after A: %d", no_start_doc[k], brk[1]);
  }
  for (size_t k = 0; k < sizeof no_end_doc / sizeof no_end_doc[0]; k++) {
    uint32_t c = cp_of(no_end_doc[k]);
    OK(pp_lb_no_end(c), "no_end(%s U+%04X)", no_end_doc[k], (unsigned)c);
    cps[0] = c; cps[1] = 0x4E2D;
    pp_linebreak_classify(cps, 2, brk);
    OK(brk[1] == PP_BREAK_NEVER, "break after %s before Han: %d", no_end_doc[k], brk[1]);
    cps[1] = ' '; cps[2] = 'A';
    pp_linebreak_classify(cps, 3, brk);
    OK(brk[2] == PP_BREAK_NEVER && brk[1] == PP_BREAK_NEVER,
       "break after \"%s \": %d %d", no_end_doc[k], brk[1], brk[2]);
  }
  /* ordinary characters are in neither set */
  static const uint32_t plain[] = {0x4E2D, 'A', 'z', '0', ' ', 0x3000, 0x20000, 0xF0000,
                                   0xFF10, '-', '/', '%', '@', 0x3007};
  for (size_t k = 0; k < sizeof plain / sizeof plain[0]; k++) {
    OK(!pp_lb_no_start(plain[k]), "no_start(U+%04X) should be false", (unsigned)plain[k]);
    OK(!pp_lb_no_end(plain[k]), "no_end(U+%04X) should be false", (unsigned)plain[k]);
  }
  OK(!pp_lb_no_end(0xFF09) && !pp_lb_no_start(0xFF08), "（） not crossed");
  OK(!pp_lb_no_start(0x110000) && !pp_lb_no_end(0xFFFFFFFFu), "out of range");
}

static void test_script(void) {
  static const struct { uint32_t cp; pp_script s; } t[] = {
    {0x4E2D, PP_SCRIPT_HAN}, {0x3400, PP_SCRIPT_HAN}, {0x20000, PP_SCRIPT_HAN},
    {0x2A6A5, PP_SCRIPT_HAN}, {0x30000, PP_SCRIPT_HAN}, {0xF900, PP_SCRIPT_HAN},
    {0x2F800, PP_SCRIPT_HAN}, {0xF0000, PP_SCRIPT_HAN}, {0x10FFFD, PP_SCRIPT_HAN},
    {0xE000, PP_SCRIPT_HAN}, {0x3105, PP_SCRIPT_HAN}, {0x3007, PP_SCRIPT_HAN},
    {0x3005, PP_SCRIPT_HAN}, {0x25CB, PP_SCRIPT_HAN}, {0x3042, PP_SCRIPT_HAN},
    {0xFF0C, PP_SCRIPT_PUNCT_FULL}, {0x3002, PP_SCRIPT_PUNCT_FULL},
    {0x300C, PP_SCRIPT_PUNCT_FULL}, {0x3000, PP_SCRIPT_PUNCT_FULL},
    {0xFE51, PP_SCRIPT_PUNCT_FULL}, {0xFE30, PP_SCRIPT_PUNCT_FULL},
    {0xFF5E, PP_SCRIPT_PUNCT_FULL}, {0x201C, PP_SCRIPT_PUNCT_FULL},
    {0x2014, PP_SCRIPT_PUNCT_FULL}, {0x2026, PP_SCRIPT_PUNCT_FULL},
    {0x00B7, PP_SCRIPT_PUNCT_FULL}, {0x2027, PP_SCRIPT_PUNCT_FULL},
    {'A', PP_SCRIPT_LATIN}, {'z', PP_SCRIPT_LATIN}, {0xE9, PP_SCRIPT_LATIN},
    {0x0301, PP_SCRIPT_LATIN}, {0x3B1, PP_SCRIPT_LATIN}, {0x416, PP_SCRIPT_LATIN},
    {'.', PP_SCRIPT_LATIN}, {'(', PP_SCRIPT_LATIN}, {'%', PP_SCRIPT_LATIN},
    {'0', PP_SCRIPT_DIGIT}, {'9', PP_SCRIPT_DIGIT},
    {' ', PP_SCRIPT_SPACE}, {0xA0, PP_SCRIPT_SPACE}, {'\t', PP_SCRIPT_SPACE},
    {0xFF10, PP_SCRIPT_OTHER}, {0xFF21, PP_SCRIPT_OTHER}, {0x2460, PP_SCRIPT_OTHER},
    {0x0E01, PP_SCRIPT_OTHER}, {0x110000, PP_SCRIPT_OTHER},
  };
  for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
    OK(pp_lb_script(t[k].cp) == t[k].s, "script(U+%04X) == %d, want %d",
       (unsigned)t[k].cp, (int)pp_lb_script(t[k].cp), (int)t[k].s);
}

static void test_glue(void) {
  static const struct { const char *a, *b; bool want; } t[] = {
    {"中", "A", true},  {"A", "中", true},  {"中", "1", true},  {"1", "中", true},
    {"年", "1", true},  {"%", "的", true},  {"中", "é", true},  {"中", "α", true},
    {"𠀀", "A", true},  {"\xF3\xB0\x80\x80", "A", true},   {"〇", "1", true},
    /* ASCII brackets around Chinese text are set tight: 嘉義辦事處(以下簡稱嘉辦) */
    {"中", "(", false}, {")", "中", false},
    {"。", "A", false}, {"，", "1", false}, {"（", "A", false}, {"A", "）", false},
    {"「", "A", false}, {"A", "」", false}, {"(", "中", false}, {"中", ")", false},
    {"A", "B", false},  {"1", "2", false},  {"中", "文", false}, {"中", "１", false},
    {"Ａ", "中", false}, {"中", "％", false}, {"中", ".", false}, {"中", ",", false},
    {"中", " ", false}, {"中", "“", false}, {"”", "A", false}, {"中", "—", false},
    {"中", "\xE3\x80\x80", false},
  };
  for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
    OK(pp_lb_wants_glue(cp_of(t[k].a), cp_of(t[k].b)) == t[k].want,
       "wants_glue(%s, %s) should be %d", t[k].a, t[k].b, t[k].want);
}

static void test_edges(void) {
  uint8_t brk[4] = {9, 9, 9, 9};
  pp_linebreak_classify(NULL, 0, NULL);
  pp_linebreak_classify(NULL, 0, brk);
  INT_EQ(brk[0], 9);
  uint32_t one = 0x4E2D;
  pp_linebreak_classify(&one, 1, brk);
  INT_EQ(brk[0], PP_BREAK_NEVER);
  INT_EQ(brk[1], 9);
  /* out-of-range values and lone surrogates are classified, not trusted */
  uint32_t bad[4] = {0x110000, 0xFFFFFFFFu, 0xD800, 0x4E2D};
  pp_linebreak_classify(bad, 4, brk);
  INT_EQ(brk[0], PP_BREAK_NEVER);
  OK(brk[1] <= 2 && brk[2] <= 2 && brk[3] <= 2, "values in range");
  /* a run starting the paragraph */
  char out[64];
  STR_EQ(render("——好", out), "——|好");
  STR_EQ(render("，好", out), "，|好");
  STR_EQ(render("\xCC\x81" "a", out), "\xCC\x81" "a");
}

/* Random paragraphs from an alphabet of interesting characters: the values
 * are valid, brk[0] is NEVER, and the kinsoku invariants hold everywhere. */
static void test_random(void) {
  static const uint32_t alphabet[] = {
    0x4E2D, 0x6587, 0x20000, 0xF0000, 0xE000, 'A', 'b', '1', '0', ' ', ' ', '-', '/', '.',
    '?', '=', '&', '_', '@', ':', '%', '$', '(', ')', 0xFF0C, 0x3002, 0x3001, 0xFF08, 0xFF09,
    0x300C, 0x300D, 0x300E, 0x300F, 0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2014, 0x2026,
    0x2026, 0x22EF, 0x2E3A, 0xFF5E, 0x00B7, 0x2027, 0x3000, 0xFF10, 0xFF21, 0x0301, 0x200D,
    0x200B, 0x2060, 0x00A0, '\n', '\r', 0x1F1E6, 0x1F466, 0x1F3FB, 0xAC00, 0x1100, 0x110000,
    0xD800, 0x0E01, 0x05D0, 0xFF04, 0x2030,
  };
  const size_t na = sizeof alphabet / sizeof alphabet[0];
  uint32_t cps[64] = {0};
  uint8_t brk[64] = {0};
  uint32_t seed = 12345;
  int bad_value = 0, bad_start = 0, bad_nostart = 0, bad_noend = 0, bad_space = 0;
  for (int iter = 0; iter < 20000; iter++) {
    seed = seed * 1103515245u + 12345u;
    size_t n = 1 + (seed >> 16) % 64;
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      cps[i] = alphabet[(seed >> 16) % na];
    }
    pp_linebreak_classify(cps, n, brk);
    if (brk[0] != PP_BREAK_NEVER) bad_start++;
    for (size_t i = 1; i < n; i++) {
      if (brk[i] > PP_BREAK_EMERGENCY) bad_value++;
      if (brk[i] != PP_BREAK_ALLOWED) continue;
      uint32_t c = cps[i], pc = cps[i - 1];
      bool after_hard = pc == '\n' || pc == '\r';
      bool between_pairs = (c == pc && (c == 0x2014 || c == 0x2026 || c == 0x22EF)) ||
                           (c == 0x2E3A && pc == 0x2E3A);
      if (c == ' ' && !after_hard) bad_space++;
      if (pp_lb_no_start(c) && !after_hard && !between_pairs) bad_nostart++;
      size_t j = i;
      while (j > 0 && cps[j - 1] == ' ') j--;
      if (j > 0 && pp_lb_no_end(cps[j - 1])) bad_noend++;
    }
  }
  INT_EQ(bad_start, 0);
  INT_EQ(bad_value, 0);
  INT_EQ(bad_space, 0);
  INT_EQ(bad_nostart, 0);
  INT_EQ(bad_noend, 0);
}

int main(void) {
  test_break_table();
  test_no_start_no_end();
  test_script();
  test_glue();
  test_edges();
  test_random();
  return pp_test_summary();
}
