#include "typed_labels.h"
#include "utf8.h"
#include <stdint.h>
#include <string.h>

/* The longest numeral or number read as a label, in characters. */
enum { MAX_CHARS = 9 };

static int han_digit(uint32_t cp)
{
    static const uint32_t lower[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };
    static const uint32_t formal[] = { 0x96F6, 0x58F9, 0x8CB3, 0x53C3, 0x8086, 0x4F0D, 0x9678, 0x67D2, 0x634C, 0x7396 };
    for (int i = 0; i < 10; i++) if (cp == lower[i] || cp == formal[i]) return i;
    if (cp == 0x3007) return 0;   /* 〇 */
    return -1;
}

/* A Chinese numeral (一 … 九百九十九, 壹 … 玖佰玖拾玖) at s: its bytes, and *n. */
static size_t han_number(const char *s, size_t len, int *n)
{
    size_t i = 0;
    int total = 0, cur = 0, chars = 0;
    bool any = false;
    /* a label's numeral is short (九百九十九: 5 characters); a longer run is text,
     * and stopping keeps the sum far from overflowing */
    while (i < len && chars++ < MAX_CHARS) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, len - i, &cp);
        int d = han_digit(cp);
        if (d >= 0) cur = d;
        else if (cp == 0x5341 || cp == 0x62FE) { total += (cur ? cur : 1) * 10; cur = 0; }   /* 十 拾 */
        else if (cp == 0x767E || cp == 0x4F70) { total += cur * 100; cur = 0; }              /* 百 佰 */
        else break;
        any = true;
        i += k;
    }
    *n = total + cur;
    return any ? i : 0;
}

/* ASCII or full-width digits at s. */
static size_t digits(const char *s, size_t len, int *n)
{
    size_t i = 0;
    int v = 0, n_digits = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = pp_utf8_decode(s + i, len - i, &cp);
        int d = cp >= '0' && cp <= '9' ? (int)(cp - '0') : cp >= 0xFF10 && cp <= 0xFF19 ? (int)(cp - 0xFF10) : -1;
        /* digits, not bytes: nine fit an int (a longer number is no label) */
        if (d < 0 || n_digits++ >= MAX_CHARS) break;
        v = v * 10 + d;
        i += k;
    }
    *n = v;
    return i;
}

/* A Latin letter (A … Z, a … z; full-width too) at s. */
static size_t letter(const char *s, size_t len, int *n)
{
    uint32_t cp;
    size_t k = pp_utf8_decode(s, len, &cp);
    if (cp >= 'A' && cp <= 'Z') { *n = (int)(cp - 'A' + 1); return k; }
    if (cp >= 'a' && cp <= 'z') { *n = (int)(cp - 'a' + 1); return k; }
    if (cp >= 0xFF21 && cp <= 0xFF3A) { *n = (int)(cp - 0xFF21 + 1); return k; }
    if (cp >= 0xFF41 && cp <= 0xFF5A) { *n = (int)(cp - 0xFF41 + 1); return k; }
    return 0;
}

static size_t one_of(const char *s, size_t len, const char *const *marks)
{
    for (; *marks; marks++) {
        size_t l = strlen(*marks);
        if (l <= len && memcmp(s, *marks, l) == 0) return l;
    }
    return 0;
}

size_t pp_typed_label(const char *text, int *n)
{
    static const char *const open[] = { "（", "(", NULL };
    static const char *const close[] = { "）", ")", NULL };
    static const char *const after[] = { "、", "．", ".", "，", NULL };
    size_t i = 0, len = strlen(text);
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) i++;
    if (len - i >= 3 && memcmp(text + i, "\u25A1", 3) == 0) { *n = 0; return i + 3; }   /* □ */
    size_t o = one_of(text + i, len - i, open);
    size_t j = i + o, k;
    int v = 0;
    if ((k = han_number(text + j, len - j, &v)) || (k = digits(text + j, len - j, &v)) ||
        (k = letter(text + j, len - j, &v))) {
        j += k;
        size_t e = o ? one_of(text + j, len - j, close) : one_of(text + j, len - j, after);
        if (!e) return 0;
        /* a bare letter or digit before 、 is ordinary text (「A、B兩案」): take letters only with . */
        if (!o && v > 0 && letter(text + i, len - i, &(int){ 0 }) && strncmp(text + j, ".", 1) != 0) return 0;
        *n = v;
        return j + e;
    }
    return 0;
}

/* The class a label character stands for in its form: 一 (Chinese numerals),
 * 壹 (formal), 0 and ０ (digits), A a Ａ ａ (letters); anything else is itself. */
static const char *char_class(uint32_t cp)
{
    static const uint32_t formal[] = { 0x58F9, 0x8CB3, 0x53C3, 0x8086, 0x4F0D, 0x9678, 0x67D2, 0x634C, 0x7396, 0x62FE, 0x4F70 };
    for (size_t i = 0; i < sizeof formal / sizeof formal[0]; i++) if (cp == formal[i]) return "壹";
    if (han_digit(cp) >= 0 || cp == 0x5341 || cp == 0x767E) return "一";
    if (cp >= '0' && cp <= '9') return "0";
    if (cp >= 0xFF10 && cp <= 0xFF19) return "０";
    if (cp >= 'A' && cp <= 'Z') return "A";
    if (cp >= 'a' && cp <= 'z') return "a";
    if (cp >= 0xFF21 && cp <= 0xFF3A) return "Ａ";
    if (cp >= 0xFF41 && cp <= 0xFF5A) return "ａ";
    return NULL;
}

size_t pp_typed_label_form(const char *text, int *n, char *form, size_t cap)
{
    size_t k = pp_typed_label(text, n), o = 0;
    const char *last = NULL;
    if (cap) form[0] = 0;
    for (size_t i = 0; i < k && cap;) {
        uint32_t cp;
        size_t l = pp_utf8_decode(text + i, k - i, &cp);
        const char *cls = char_class(cp);
        const char *put = cls ? cls : text + i;
        size_t plen = cls ? strlen(cls) : l;
        i += l;
        if (cp == ' ' || cp == '\t' || cp == '\n') continue;
        if (cls && cls == last) continue;          /* 十二 and 12 are one number */
        last = cls;
        if (o + plen + 1 > cap) break;
        memcpy(form + o, put, plen);
        o += plen;
        form[o] = 0;
    }
    return k;
}
