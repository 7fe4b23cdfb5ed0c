/* Chinese (zh-TW) line breaking: UAX #14 on tailored classes, plus the
 * kinsoku rules of docs/typesetting.md sections 1-2.  See linebreak.h for the
 * rules as the caller sees them. */
#include "linebreak.h"

/* One record per distinct (class, script, flags); see the generator. */
struct lb_prop {
  uint8_t cls;     /* enum lb_class */
  uint8_t script;  /* pp_script */
  uint8_t flags;   /* LBF_* */
};

#include "linebreak_table.inc"

#define LB_NONE 0xFFu /* no character: before the start of the text */

static inline const struct lb_prop *lb_prop_of(uint32_t cp) {
  unsigned idx;
  if (cp > 0x10FFFFu)
    idx = LB_PROP_FFFD;
  else
    idx = lb_stage2[((size_t)lb_stage1[cp >> LB_SHIFT] << LB_SHIFT) | (cp & LB_MASK)];
  return &lb_props[idx];
}

bool pp_lb_no_start(uint32_t cp) { return (lb_prop_of(cp)->flags & LBF_NO_START) != 0; }
bool pp_lb_no_end(uint32_t cp) { return (lb_prop_of(cp)->flags & LBF_NO_END) != 0; }
pp_script pp_lb_script(uint32_t cp) { return (pp_script)lb_prop_of(cp)->script; }

pp_lbinfo pp_lb_info(uint32_t cp) {
  const struct lb_prop *p = lb_prop_of(cp);
  return (pp_lbinfo){ (pp_script)p->script, (p->flags & LBF_NO_START) != 0, (p->flags & LBF_NO_END) != 0,
                      (p->flags & LBF_WORD) != 0 };
}

/* Only letters and digits: ASCII brackets around Chinese text, as in
 * 嘉義辦事處(以下簡稱嘉辦), are set tight in the published documents and in Word's output. */
bool pp_lb_wants_glue(uint32_t a, uint32_t b) {
  const struct lb_prop *pa = lb_prop_of(a), *pb = lb_prop_of(b);
  if (pa->script == PP_SCRIPT_HAN) return (pb->flags & LBF_WORD) != 0;
  if (pb->script == PP_SCRIPT_HAN) return (pa->flags & LBF_WORD) != 0;
  return false;
}

/*** UAX #14 pair rules ***/

static inline bool is_alhl(unsigned c) { return c == LB_AL || c == LB_HL; }
static inline bool is_hard(unsigned c) {
  return c == LB_BK || c == LB_CR || c == LB_LF || c == LB_NL;
}

/* What came before the position being decided. */
struct lb_state {
  unsigned a;        /* effective class of the previous character (LB9, LB10) */
  unsigned aa;       /* effective class before a, LB_NONE at the start */
  unsigned base;     /* class of the last non-space character: the X of the
                        "X SP*" in LB8 and LB14-LB17 (== a unless a == SP) */
  unsigned a_flags, base_flags;  /* LBF_* of those two characters */
  uint32_t a_cp;     /* the code point that set a */
  size_t ri;         /* regional indicators ending at a */
  int num;           /* LB25 number state, below */
};
enum { NUM_NONE, NUM_IN, NUM_CLOSED }; /* after NU (NU|SY|IS)*, and after it plus CL|CP */

/* Rules LB11-LB31 between s->a and b; b_flags are b's LBF_* and next is the
 * class of the character after b (LB_NONE at the end), for LB25. */
static pp_break lb_rules(const struct lb_state *s, unsigned b, unsigned b_flags, unsigned next) {
  const unsigned a = s->a, base = s->base;
  if (a == LB_WJ || b == LB_WJ) return PP_BREAK_NEVER;                      /* LB11 */
  if (a == LB_GL) return PP_BREAK_NEVER;                                    /* LB12 */
  if (b == LB_GL && a != LB_SP && a != LB_BA && a != LB_HY) return PP_BREAK_NEVER; /* 12a */
  if (b == LB_CL || b == LB_CP || b == LB_EX || b == LB_IS || b == LB_SY)
    return PP_BREAK_NEVER;                                                  /* LB13 */
  if (base == LB_OP) return PP_BREAK_NEVER;                                 /* LB14 */
  if (base == LB_QU && b == LB_OP) return PP_BREAK_NEVER;                   /* LB15 */
  if ((base == LB_CL || base == LB_CP) && b == LB_NS) return PP_BREAK_NEVER; /* LB16 */
  if (base == LB_B2 && b == LB_B2) return PP_BREAK_NEVER;                   /* LB17 */
  if (a == LB_SP) return PP_BREAK_ALLOWED;                                  /* LB18 */
  if (a == LB_QU || b == LB_QU) return PP_BREAK_NEVER;                      /* LB19 */
  if (a == LB_CB || b == LB_CB) return PP_BREAK_ALLOWED;                    /* LB20 */
  if ((a == LB_HY || s->a_cp == 0x2010) && is_alhl(b) &&
      (s->aa == LB_NONE || s->aa == LB_SP || s->aa == LB_ZW || s->aa == LB_CB ||
       s->aa == LB_GL || is_hard(s->aa)))
    return PP_BREAK_NEVER;  /* LB20a (Unicode 15.1): word-initial hyphen, "-abc" */
  if (b == LB_BA || b == LB_HY || b == LB_NS || a == LB_BB) return PP_BREAK_NEVER; /* LB21 */
  if (s->aa == LB_HL && (a == LB_HY || a == LB_BA)) return PP_BREAK_NEVER;  /* LB21a */
  if (a == LB_SY && b == LB_HL) return PP_BREAK_NEVER;                      /* LB21b */
  if (b == LB_IN) return PP_BREAK_NEVER;                                    /* LB22 */
  if ((is_alhl(a) && b == LB_NU) || (a == LB_NU && is_alhl(b))) return PP_BREAK_NEVER; /* LB23 */
  if (a == LB_PR && (b == LB_ID || b == LB_EB || b == LB_EM)) return PP_BREAK_NEVER; /* 23a */
  if ((a == LB_ID || a == LB_EB || a == LB_EM) && b == LB_PO) return PP_BREAK_NEVER;
  if ((a == LB_PR || a == LB_PO) && is_alhl(b)) return PP_BREAK_NEVER;      /* LB24 */
  if (is_alhl(a) && (b == LB_PR || b == LB_PO)) return PP_BREAK_NEVER;
  /* LB25 in the regular-expression form UAX #14 recommends as a tailoring
   * (ICU's too), so that a PR/PO sticks to a number but not to any closing
   * mark: "，＄100" may break after the comma, "(3)%" and "86.71%" may not.
   *   (PR|PO) × (OP|HY)? NU    (OP|HY) × NU    NU (NU|SY|IS)* × (NU|SY|IS|CL|CP)
   *   NU (NU|SY|IS)* (CL|CP)? × (PO|PR)
   * plus the pair rules IS × NU and SY × NU (as ICU keeps them): ".5", "Tel:02". */
  if ((a == LB_PR || a == LB_PO) &&
      (b == LB_NU || ((b == LB_OP || b == LB_HY) && next == LB_NU)))
    return PP_BREAK_NEVER;
  if ((a == LB_OP || a == LB_HY || a == LB_IS || a == LB_SY) && b == LB_NU) return PP_BREAK_NEVER;
  if (s->num == NUM_IN && (b == LB_NU || b == LB_SY || b == LB_IS)) return PP_BREAK_NEVER;
  if (s->num != NUM_NONE && (b == LB_PO || b == LB_PR)) return PP_BREAK_NEVER;
  if (a == LB_JL && (b == LB_JL || b == LB_JV || b == LB_H2 || b == LB_H3))
    return PP_BREAK_NEVER;                                                  /* LB26 */
  if ((a == LB_JV || a == LB_H2) && (b == LB_JV || b == LB_JT)) return PP_BREAK_NEVER;
  if ((a == LB_JT || a == LB_H3) && b == LB_JT) return PP_BREAK_NEVER;
  {
    bool ha = a == LB_JL || a == LB_JV || a == LB_JT || a == LB_H2 || a == LB_H3;
    bool hb = b == LB_JL || b == LB_JV || b == LB_JT || b == LB_H2 || b == LB_H3;
    if ((ha && b == LB_PO) || (a == LB_PR && hb)) return PP_BREAK_NEVER;    /* LB27 */
  }
  if (is_alhl(a) && is_alhl(b)) return PP_BREAK_NEVER;                      /* LB28 */
  if (a == LB_IS && is_alhl(b)) return PP_BREAK_NEVER;                      /* LB29 */
  /* LB30: only brackets that are not East Asian wide glue to letters, so
   * "ODF「" and "計畫（" still break before the bracket. */
  if ((is_alhl(a) || a == LB_NU) && b == LB_OP && !(b_flags & LBF_WIDE)) return PP_BREAK_NEVER;
  if (a == LB_CP && !(s->a_flags & LBF_WIDE) && (is_alhl(b) || b == LB_NU))
    return PP_BREAK_NEVER;
  if (a == LB_RI && b == LB_RI && (s->ri & 1u)) return PP_BREAK_NEVER;      /* LB30a */
  if (a == LB_EB && b == LB_EM) return PP_BREAK_NEVER;                      /* LB30b */
  return PP_BREAK_ALLOWED;                                                  /* LB31 */
}

/*** zh-TW helpers ***/

/* Marks that come in pairs and must not be split: —— and …… (clreq
 * "Prohibition Rules for Unbreakable Marks"). */
static inline bool is_pair_run_mark(uint32_t cp) {
  return cp == 0x2014 || cp == 0x2026 || cp == 0x22EF;
}
/* ⸺ ⸻: one character that is already a whole pair. */
static inline bool is_pair_unit(uint32_t cp) { return cp == 0x2E3A || cp == 0x2E3B; }

static inline bool is_western(const struct lb_prop *p) {
  return p->script == PP_SCRIPT_LATIN || p->script == PP_SCRIPT_DIGIT;
}
static inline bool is_ascii_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

/* Letters and digits (up to 2) next to position i, going back from i-1
 * (dir < 0) or forward from i (dir > 0). */
static unsigned word_side(const uint32_t *cps, size_t n, size_t i, int dir) {
  unsigned k = 0;
  for (size_t j = i; k < 2; k++) {
    if (dir < 0) { if (j == 0) break; j--; }
    else if (j >= n) break;
    uint32_t cp = cps[j];
    if (cp == '%' || !(lb_prop_of(cp)->flags & LBF_WORD)) break;
    if (dir > 0) j++;
  }
  return k;
}
static inline bool is_hyphen(uint32_t cp) { return cp == '-' || cp == 0x2010; }

/* Preferred places for an emergency break inside a run of Western letters,
 * digits and ASCII punctuation (docs/typesetting.md 1): after '/', before the
 * marks below, never between two equal marks ("//", "--"), never before a
 * mark that ends the run, never inside 86.71 or 11/20. */
static bool emergency_place(const uint32_t *cps, size_t n, size_t i,
                            const struct lb_prop *p, const struct lb_prop *q) {
  uint32_t pc = cps[i - 1], c = cps[i];
  if (!is_western(p) || !is_western(q) || c == pc) return false;
  if (pc == '/')  /* a '/' inside the run, not the one that starts it, nor 11/20 */
    return i >= 2 && is_western(lb_prop_of(cps[i - 2])) && !(q->flags & LBF_NO_START) &&
           !(is_ascii_digit(cps[i - 2]) && is_ascii_digit(c));
  switch (c) {
  case '.': case '?': case '&': case '=': case '_': case '-': case '@':
    break;
  default:
    return false;
  }
  if (i + 1 >= n || !is_western(lb_prop_of(cps[i + 1])) || (p->flags & LBF_NO_END)) return false;
  if (c == '.' && is_ascii_digit(pc) && is_ascii_digit(cps[i + 1])) return false;
  /* not before the hyphen of a short part: E-mail stays whole */
  if (c == '-' && (word_side(cps, n, i, -1) < 2 || word_side(cps, n, i + 1, 1) < 2)) return false;
  return true;
}

/* Length of the run of cps[i] starting at i. */
static size_t run_end_of(const uint32_t *cps, size_t n, size_t i) {
  size_t j = i + 1;
  while (j < n && cps[j] == cps[i]) j++;
  return j;
}

/* Moves the state past a character of effective class b (not an attached
 * combining mark, which leaves the state as its base set it). */
static inline void lb_advance(struct lb_state *s, unsigned b, unsigned flags, uint32_t cp) {
  if (b == LB_NU)
    s->num = NUM_IN;
  else if (s->num == NUM_IN && (b == LB_SY || b == LB_IS))
    s->num = NUM_IN;
  else if (s->num == NUM_IN && (b == LB_CL || b == LB_CP))
    s->num = NUM_CLOSED;
  else
    s->num = NUM_NONE;
  s->aa = s->a;
  s->a = b;
  s->a_cp = cp;
  s->a_flags = flags;
  if (b != LB_SP) {
    s->base = b;
    s->base_flags = flags;
  }
  s->ri = b == LB_RI ? s->ri + 1 : 0;
}

void pp_linebreak_classify(const uint32_t *cps, size_t n, uint8_t *brk) {
  if (n == 0) return;
  const struct lb_prop *prev = lb_prop_of(cps[0]);          /* cps[i-1] */
  const struct lb_prop *q = n > 1 ? lb_prop_of(cps[1]) : prev;  /* cps[i] */
  struct lb_state s = {.a = LB_NONE, .aa = LB_NONE, .base = LB_NONE, .num = NUM_NONE};
  unsigned b0 = prev->cls;
  if (b0 == LB_CM || b0 == LB_ZWJ) b0 = LB_AL;                            /* LB10 */
  lb_advance(&s, b0, prev->flags, cps[0]);
  unsigned prev_raw = prev->cls;     /* class of cps[i-1] itself, for LB8a */
  size_t run_start = 0;              /* start and end of the run of equal cps */
  size_t run_end = is_pair_run_mark(cps[0]) ? run_end_of(cps, n, 0) : 1;

  brk[0] = PP_BREAK_NEVER;
  for (size_t i = 1; i < n; i++) {
    const uint32_t c = cps[i], pc = cps[i - 1];
    const struct lb_prop *qn = i + 1 < n ? lb_prop_of(cps[i + 1]) : NULL;
    const unsigned next = qn ? qn->cls : LB_NONE;
    const unsigned a = s.a;
    unsigned b = q->cls;
    bool hard = false, attached = false;
    pp_break r;

    if (c != pc) {
      run_start = i;
      run_end = is_pair_run_mark(c) ? run_end_of(cps, n, i) : i + 1;
    }
    /* ’ between two letters is an apostrophe (don’t), not a closing quote. */
    if (c == 0x2019 && is_alhl(a) && is_alhl(next)) b = LB_AL;

    if (a == LB_ID && b == LB_ID && prev_raw == LB_ID && s.base == LB_ID) {
      r = PP_BREAK_ALLOWED;  /* Han next to Han, the common case: LB31 (no rule before it applies) */
    } else if (is_hard(a) && !(a == LB_CR && b == LB_LF)) {              /* LB4, LB5 */
      r = PP_BREAK_ALLOWED;
      hard = true;
    } else if (a == LB_CR || is_hard(b) || b == LB_SP || b == LB_ZW) {  /* LB5-LB7 */
      r = PP_BREAK_NEVER;
    } else if (s.base == LB_ZW) {                                        /* LB8 */
      r = PP_BREAK_ALLOWED;
    } else if ((b == LB_CM || b == LB_ZWJ) && a != LB_SP) {
      /* LB9: a combining mark or ZWJ takes the class of its base (a is not
       * ZW or a hard break here); LB8a (ZWJ ×) gives the same answer. */
      r = PP_BREAK_NEVER;
      attached = true;
    } else if (prev_raw == LB_ZWJ) {                                     /* LB8a */
      r = PP_BREAK_NEVER;
    } else {
      if (b == LB_CM || b == LB_ZWJ) b = LB_AL;                          /* LB10 */
      r = lb_rules(&s, b, q->flags, next);
    }

    if (!hard) {
      /* '/' between two words breaks after it (tw/|wSite, 和/|或); a '/'
       * that starts a path or follows "https:/" does not: /usr, 徑/usr,
       * https://www. */
      if (r == PP_BREAK_ALLOWED && a == LB_SY && !(is_alhl(s.aa) || s.aa == LB_NU) &&
          (is_alhl(b) || b == LB_NU))
        r = PP_BREAK_NEVER;
      if (r == PP_BREAK_ALLOWED && pc == '?' && (is_alhl(s.aa) || s.aa == LB_NU) &&
          (is_alhl(b) || b == LB_NU))
        r = PP_BREAK_NEVER;  /* ct?xItem: a URL query, not a sentence end */
      if (r == PP_BREAK_ALLOWED && is_hyphen(pc) &&
          (word_side(cps, n, i - 1, -1) < 2 || word_side(cps, n, i, 1) < 2))
        r = PP_BREAK_NEVER;  /* two letters or digits on each side of a hyphen break: E-mail */
      if ((q->flags & LBF_NO_START) || (s.base_flags & LBF_NO_END))
        r = PP_BREAK_NEVER;  /* kinsoku, across spaces too */
      if (is_pair_run_mark(c) && c == pc) {
        /* inside ——/……: only between pairs, leaving a pair after the break */
        size_t k = i - run_start;
        r = (k % 2 == 0 && run_end - i >= 2) ? PP_BREAK_ALLOWED : PP_BREAK_NEVER;
      } else if (is_pair_unit(c) && is_pair_unit(pc)) {
        r = PP_BREAK_ALLOWED;
      }
      if (r == PP_BREAK_NEVER && !attached && emergency_place(cps, n, i, prev, q))
        r = PP_BREAK_EMERGENCY;
    }
    if (!attached && (b == LB_CM || b == LB_ZWJ)) b = LB_AL;             /* LB10 */
    brk[i] = (uint8_t)r;

    if (!attached) lb_advance(&s, b, q->flags, c);
    prev_raw = q->cls;
    prev = q;
    if (qn) q = qn;
  }
}
