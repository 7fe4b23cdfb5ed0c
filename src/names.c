#include "names.h"
#include "utf8.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000;
}

bool pp_name_blank(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(s + i, len - i, &cp);
        if (!is_space(cp)) return false;
    }
    return true;
}

/* Whitespace dropped and full-width ASCII (（）：，) folded, so that 「跨機關（單位）整合」
 * and 「跨機關(單位)整合」 are one strategy; then the trailing colons the report
 * prints after a name (「提升服務及時性:」) go. */
char *pp_name_key(const char *name)
{
    size_t len = strlen(name), o = 0;
    char *k = pp_xmalloc(len + 1);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pp_utf8_decode(name + i, len - i, &cp);
        if (is_space(cp)) continue;
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFF01 - 0x21;
        o += pp_utf8_encode(cp, k + o);
    }
    while (o && k[o - 1] == ':') o--;
    k[o] = 0;
    return k;
}

/* A name as messages quote it: whitespace runs as one space, no trailing colon, long
 * description-like names (002 開放創新) cut after 30 characters. */
void pp_name_display(char *buf, size_t cap, const char *name)
{
    enum { MAX_CHARS = 30 };
    size_t len = strlen(name), o = 0, chars = 0;
    bool space = false;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = pp_utf8_decode(name + i, len - i, &cp);
        if (is_space(cp)) { space = o > 0; i += n; continue; }
        if (chars == MAX_CHARS) {
            if (o + 4 < cap) { memcpy(buf + o, "…", 3); o += 3; }
            break;
        }
        if (space) { if (o + 2 >= cap) break; buf[o++] = ' '; chars++; space = false; }
        if (o + n + 4 >= cap) break;
        memcpy(buf + o, name + i, n);
        o += n;
        chars++;
        i += n;
    }
    buf[o] = 0;
    /* drop a trailing ":" or "：" (not when the name was cut) */
    if (i >= len) {
        if (o >= 1 && buf[o - 1] == ':') buf[--o] = 0;
        else if (o >= 3 && memcmp(buf + o - 3, "：", 3) == 0) buf[o -= 3] = 0;
    }
}

char *pp_name_of_strategy(const pp_node *st)
{
    return pp_node_text(pp_node_child(st, PP_NODE_NAME));
}

/* "strategy 「X」", "sub-item 2 of strategy 「X」", "group 「X」". */
void pp_name_describe(char *buf, size_t cap, const pp_node *owner)
{
    char name[160];
    if (owner->type == PP_NODE_GROUP || owner->type == PP_NODE_DIMENSION) {
        pp_name_display(name, sizeof name, owner->text ? owner->text : "");
        snprintf(buf, cap, "%s 「%s」", owner->type == PP_NODE_GROUP ? "group" : "dimension", name);
        return;
    }
    const pp_node *st = owner->type == PP_NODE_SUB ? owner->parent : owner;
    char *s = pp_name_of_strategy(st);
    pp_name_display(name, sizeof name, s);
    free(s);
    if (owner->type == PP_NODE_SUB) {
        int k = 1;
        for (const pp_node *p = owner->prev; p; p = p->prev) if (p->type == PP_NODE_SUB) k++;
        snprintf(buf, cap, "sub-item %d of strategy 「%s」", k, name);
    } else {
        snprintf(buf, cap, "strategy 「%s」", name);
    }
}

char *pp_name_of_row(const pp_node *n)
{
    char *s = n->type == PP_NODE_STRATEGY ? pp_name_of_strategy(n) : pp_xstrdup(n->text ? n->text : "");
    char *out = pp_xmalloc(160);
    pp_name_display(out, 160, s);
    free(s);
    return out;
}
