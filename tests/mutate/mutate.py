#!/usr/bin/env python3
"""Structure-aware mutations of planpress sources (Python 3, standard library only).

Takes well-formed sources (the samples and the tests' fixtures), parses each with
xml.etree, and changes its elements the way an author's slip or a broken export
would: delete an element, duplicate it, reorder or swap siblings, move it under
another parent, rename it to another element of the vocabulary, swap attribute
values between elements, drop or duplicate an attribute, replace text or an
attribute with an edge value (empty, very long, 0, -1, 1e20, NaN, combining
marks, U+FFFD, a lone surrogate, right-to-left text, emoji, ⸺ ...), and set
kind=, columns=, role=, style= and the numeric attributes to other valid and
invalid values. The result is serialized by this module itself (so that it can
also write what ElementTree cannot: a doubled attribute, a character reference
to a surrogate or to U+0000, bytes that are not UTF-8).

Every case is a pure function of (seed, case number, the seed files' contents):
the same numbers give the same bytes on every machine.

usage: mutate.py [--seed N] [--case K] [--count C] [--out DIR] SOURCE...
  writes case K (or cases K..K+C-1) to DIR/case-K.xml, or case K to stdout
  without --out, and prints what was done to each case on stderr.
"""
import argparse
import copy
import os
import random
import sys
import xml.etree.ElementTree as ET

XML_NS = "{http://www.w3.org/XML/1998/namespace}"

# ---- the vocabulary (templates/document.rng and the templates' names) ---------
ELEMENTS = ["document", "meta", "banner", "annex", "agency", "year", "title", "subject",
            "keywords", "issued", "section", "toc", "p", "note", "em", "br", "list", "item",
            "table", "columns", "column", "caption", "head", "row", "cell", "strategies",
            "dimension", "group", "strategy", "name", "desc", "units", "unit", "actions",
            "results", "sub", "extra", "header"]
KINDS_VALID = ["plan", "implementation-plan", "report", "performance-report", "handbook",
               "form", "document"]
KINDS_INVALID = ["memo", "", " plan", "plan ", "PLAN", "plan report", "報告", "-", "1plan",
                 "implementation_plan", "x" * 300]
COLUMNS_VALID = ["actions", "results", "aspects"]
COLUMNS_INVALID = ["", "nope", "actions results", "ACTIONS", "actions,results", "results ",
                   "strategy", "x" * 200]
ROLES = ["basis", "goals", "scope", "strategies", "steps", "evaluation", "rewards", "preface",
         "other", "content", "outcomes", "nope", "", "strategies content"]
NUMSTYLES = ["formal", "han", "han-paren", "han-paren-half", "decimal", "decimal-comma",
             "decimal-paren", "decimal-paren-full", "decimal-paren-wide", "upper-latin",
             "lower-latin-paren", "checkbox", "decimal-bare", "han-bare", "none", "roman", ""]
ENUMS = {
    "kind": KINDS_VALID + KINDS_INVALID,
    "columns": COLUMNS_VALID + COLUMNS_INVALID,
    "role": ROLES,
    "style": NUMSTYLES,
    "numbered": ["yes", "no", "", "maybe"],
    "runin": ["yes", "no", "true"],
    "header-column": ["yes", "no", "1"],
    "head": ["yes", "no", "y"],
    "blank": ["yes", "no", ""],
    "total": ["yes", "no", "10", "100", "0"],
    "orientation": ["portrait", "landscape", "upside-down"],
    "align": ["start", "center", "end", "number", "left", ""],
    "lone": ["number", "unnumbered", "none"],
    "phrase": ["年度", "年", "none", "yr"],
    "content": ["dimension", "group", "strategy", "sub", "units", "outcome", "score", "extra",
                "actions", ""],
    "template": ["plan", "report", "landscape", "base", "document", "nope", "", "./", "../templates/plan"],
    "date": ["2025-01-06", "2025-02-30", "0000-01-01", "9999-12-31", "1911-12-31", "2025-13-01",
             "2025-1-6", "", "114-01-06"],
    "lang": ["zh-Hant-TW", "en", "", "ar"],
}
NUMERIC_ATTRS = ["score", "total", "rowspan", "colspan", "start", "depth", "width", "widths",
                 "score-column", "levels"]
NUMBERS = ["0", "-1", "1", "2", "3", "7", "10", "100", "1e20", "NaN", "inf", "-0", "0.5",
           "1.0", "99999", "2147483647", "2147483648", "4294967297", "9223372036854775808",
           "1" * 40, "0x10", " 3", "3 ", "+3", "３", "三", "1 1", "1 2 3 4 5 6 7 8 9 10 11 12",
           "0 0", "1e-300", "-1 2", ""]

# Edge texts. The tuple form marks raw XML written as is (not escaped).
RAW = "raw"
EDGE_TEXTS = [
    "", " ", "\u3000", "0", "-1", "1e20", "NaN", "-0", "99999年1月1日", "-1年1月1日",
    "114年2月30日", "0年0月0日",
    "e\u0301\u0301\u0301\u0301", "\u0301開頭的組合符號", "\ufffd\ufffd", "\ufeff中\ufeff文",
    "\u200b\u200b\u200d\u200c", "\u202eRTL override\u202c", "\u05e9\u05dc\u05d5\u05dd עברית",
    "\u0645\u0631\u062d\u0628\u0627 بالعالم", "👩\u200d👩\u200d👧\u200d👦🇹🇼🙂", "⸺⸺⸻",
    "\U00020000\U0002a6d6\U000f0000", "\\uD800\\uDFFF", "&amp;lt;", "<>&\"'",
    "\t\t\n\n  \n", "a" * 5000, "https://www.example.gov.tw/" + "x/" * 800,
    "（一）", "壹、", "1.", "□", "「" * 300, "」" * 300, "，" * 500,
    (RAW, "&#xD800;"), (RAW, "&#xDFFF;&#xD800;"), (RAW, "&#0;"), (RAW, "&#x1;"),
    (RAW, "&#xFFFE;"), (RAW, "&#x110000;"), (RAW, "&#65;&#x4E2D;"), (RAW, "&undefined;"),
    (RAW, "\udc80"),            # written with surrogatepass: bytes ED B2 80, not UTF-8
    (RAW, "<![CDATA[]]>"), (RAW, "<![CDATA[<em>不是元素</em>]]>"), (RAW, "<?pi x?>"),
    (RAW, "<!-- -->"), (RAW, "]]>"),
]


def long_text(rng):
    """A long run: Han text with punctuation, one unbreakable Latin word, or digits."""
    k = rng.randrange(3)
    n = rng.choice([2000, 20000, 100000])
    if k == 0:
        base = "提升服務效能，確保服務一致及正確性；簡化申辦流程、縮短處理時間。"
        return (base * (n // len(base) + 1))[:n]
    if k == 1:
        return "w" * n
    return "1234567890" * (n // 10)


def edge_text(rng):
    if rng.random() < 0.15:
        return long_text(rng)
    if rng.random() < 0.15:
        return rng.choice(NUMBERS)
    return rng.choice(EDGE_TEXTS)


def attr_value(rng, name):
    local = name.split("}")[-1]
    r = rng.random()
    if local in ENUMS and r < 0.6:
        return rng.choice(ENUMS[local])
    if local in NUMERIC_ATTRS and r < 0.7:
        return rng.choice(NUMBERS)
    v = edge_text(rng)
    return v


# ---- serialization -------------------------------------------------------------
def esc_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\t", "&#9;"))


def write_value(v, esc):
    if isinstance(v, tuple):
        return v[1]
    return esc(v)


def attr_name(k):
    if k.startswith(XML_NS):
        return "xml:" + k[len(XML_NS):]
    if k.startswith("{"):
        return k.split("}")[-1]
    return k.split("\0")[0]         # "name\0dupN": a doubled attribute


def serialize(root, out):
    def walk(e):
        tag = e.tag if isinstance(e.tag, str) else "x"
        out.append("<" + tag)
        for k, v in e.attrib.items():
            out.append(' %s="%s"' % (attr_name(k), write_value(v, esc_attr)))
        children = list(e)
        if e.text is None and not children:
            out.append("/>")
        else:
            out.append(">")
            if e.text is not None:
                out.append(write_value(e.text, esc_text))
            for c in children:
                walk(c)
                if c.tail is not None:
                    out.append(write_value(c.tail, esc_text))
            out.append("</%s>" % tag)
    out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    walk(root)
    out.append("\n")


def to_bytes(root):
    out = []
    serialize(root, out)
    return "".join(out).encode("utf-8", "surrogatepass")


# ---- mutations -----------------------------------------------------------------
def all_elements(root):
    """(element, parent) for every element, in document order; the root's parent is None."""
    res = [(root, None)]
    i = 0
    while i < len(res):
        e = res[i][0]
        for c in e:
            res.append((c, e))
        i += 1
    return res


def pick(rng, root, want_parent=True, pred=None):
    cands = [(e, p) for e, p in all_elements(root) if (p is not None or not want_parent)
             and (pred is None or pred(e))]
    return rng.choice(cands) if cands else (None, None)


def descendants(e):
    s = set()
    stack = [e]
    while stack:
        x = stack.pop()
        s.add(id(x))
        stack.extend(list(x))
    return s


def m_delete(rng, root):
    e, p = pick(rng, root)
    if e is None:
        return None
    # keep the text after it, as an editor deleting a tag pair's content would
    idx = list(p).index(e)
    tail = e.tail
    p.remove(e)
    if tail and not isinstance(tail, tuple):
        if idx > 0:
            prev = p[idx - 1]
            prev.tail = (prev.tail or "") + tail if not isinstance(prev.tail, tuple) else prev.tail
        elif not isinstance(p.text, tuple):
            p.text = (p.text or "") + tail
    return "delete <%s>" % e.tag


def duplicate(rng, root, counts, pred=None):
    """An element copied n times (n drawn from counts) right after itself."""
    e, p = pick(rng, root, pred=pred)
    if e is None:
        return None
    n = rng.choice(counts)
    idx = list(p).index(e)
    for _ in range(n):
        p.insert(idx + 1, copy.deepcopy(e))
    return "duplicate <%s> x%d" % (e.tag, n)


def replace_children(e, kids):
    for c in list(e):
        e.remove(c)
    for c in kids:
        e.append(c)


def m_duplicate(rng, root):
    return duplicate(rng, root, [1, 1, 1, 2, 5, 50])


def m_reorder(rng, root):
    e, _ = pick(rng, root, want_parent=False, pred=lambda x: len(x) >= 2)
    if e is None:
        return None
    kids = list(e)
    if rng.random() < 0.5:
        i, j = rng.sample(range(len(kids)), 2)
        kids[i], kids[j] = kids[j], kids[i]
        how = "swap two children"
    elif rng.random() < 0.5:
        kids.reverse()
        how = "reverse the children"
    else:
        rng.shuffle(kids)
        how = "shuffle the children"
    replace_children(e, kids)
    return "%s of <%s>" % (how, e.tag)


def m_move(rng, root):
    e, p = pick(rng, root)
    if e is None:
        return None
    banned = descendants(e)
    targets = [x for x, _ in all_elements(root) if id(x) not in banned]
    t = rng.choice(targets)
    p.remove(e)
    t.insert(rng.randint(0, len(t)), e)
    return "move <%s> under <%s>" % (e.tag, t.tag)


def m_rename(rng, root):
    e, _ = pick(rng, root, want_parent=False)
    old = e.tag
    e.tag = rng.choice(ELEMENTS + ["bogus", "P", "section2"])
    return "rename <%s> to <%s>" % (old, e.tag)


def with_attrs(root):
    return [e for e, _ in all_elements(root) if e.attrib]


def m_swap_attrs(rng, root):
    els = with_attrs(root)
    if len(els) < 2:
        return None
    a, b = rng.sample(els, 2)
    ka, kb = rng.choice(list(a.attrib)), rng.choice(list(b.attrib))
    a.attrib[ka], b.attrib[kb] = b.attrib[kb], a.attrib[ka]
    return "swap <%s %s> with <%s %s>" % (a.tag, attr_name(ka), b.tag, attr_name(kb))


def m_drop_attr(rng, root):
    els = with_attrs(root)
    if not els:
        return None
    e = rng.choice(els)
    k = rng.choice(list(e.attrib))
    del e.attrib[k]
    return "drop <%s %s>" % (e.tag, attr_name(k))


def m_dup_attr(rng, root):
    els = with_attrs(root)
    if not els:
        return None
    e = rng.choice(els)
    k = rng.choice(list(e.attrib))
    e.attrib["%s\0dup" % attr_name(k)] = rng.choice([e.attrib[k], attr_value(rng, k)])
    return "double <%s %s>" % (e.tag, attr_name(k))


def m_add_attr(rng, root):
    e, _ = pick(rng, root, want_parent=False)
    k = rng.choice(list(ENUMS) + NUMERIC_ATTRS + ["label", "title", "name", "header", "key",
                                                  "caption", "parent", "format", "bogus"])
    e.attrib[k] = attr_value(rng, k)
    return "set <%s %s>" % (e.tag, k)


def m_attr_value(rng, root):
    els = with_attrs(root)
    if not els:
        return None
    e = rng.choice(els)
    k = rng.choice(list(e.attrib))
    e.attrib[k] = attr_value(rng, k)
    return "change <%s %s>" % (e.tag, attr_name(k))


def m_kind(rng, root):
    root.attrib["kind"] = rng.choice(ENUMS["kind"])
    return "kind=%r" % root.attrib["kind"][:20]


def m_columns(rng, root):
    els = [e for e, _ in all_elements(root) if e.tag == "strategies"]
    if not els:
        return None
    e = rng.choice(els)
    if rng.random() < 0.15:
        e.attrib.pop("columns", None)
        return "drop columns="
    e.attrib["columns"] = rng.choice(ENUMS["columns"])
    return "columns=%r" % e.attrib["columns"][:20]


def m_text(rng, root):
    e, _ = pick(rng, root, want_parent=False)
    v = edge_text(rng)
    where = rng.random()
    kids = list(e)
    if where < 0.6 or not kids:
        e.text = v
        return "text of <%s>" % e.tag
    c = rng.choice(kids)
    c.tail = v
    return "text after <%s>" % c.tag


# ---- gentle mutations: mostly still valid, so that the case reaches layout and
# the writers (the others mostly stop at the schema) ----------------------------
REPEATABLE = {"p", "item", "row", "cell", "strategy", "sub", "unit", "section", "list", "note",
              "em", "br", "dimension", "group", "issued", "table", "extra"}
TEXTY = {"p", "item", "cell", "name", "desc", "actions", "results", "note", "em", "unit",
         "title", "agency", "caption", "header", "banner", "annex", "subject"}


def g_delete(rng, root):
    e, p = pick(rng, root, pred=lambda x: x.tag in REPEATABLE)
    if e is None:
        return None
    p.remove(e)
    return "delete <%s>" % e.tag


def g_duplicate(rng, root):
    return duplicate(rng, root, [1, 1, 2, 3, 10, 40], pred=lambda x: x.tag in REPEATABLE)


def g_reorder(rng, root):
    e, _ = pick(rng, root, want_parent=False,
                pred=lambda x: len(x) >= 2 and all(c.tag in REPEATABLE for c in x))
    if e is None:
        return None
    kids = list(e)
    rng.shuffle(kids)
    replace_children(e, kids)
    return "shuffle the children of <%s>" % e.tag


def g_text(rng, root):
    e, _ = pick(rng, root, want_parent=False, pred=lambda x: x.tag in TEXTY)
    if e is None:
        return None
    v = edge_text(rng)
    while isinstance(v, tuple) or v.strip() == "":
        v = edge_text(rng)
    if rng.random() < 0.5:
        e.text = v
        return "text of <%s>" % e.tag
    e.text = (e.text or "") + v
    return "text appended to <%s>" % e.tag


def g_value(rng, root):
    """An attribute set to a value its schema allows (or nearly: numbers at the edges)."""
    els = [e for e, _ in all_elements(root) if any(k in ENUMS or k in NUMERIC_ATTRS for k in e.attrib)]
    if not els:
        return None
    e = rng.choice(els)
    k = rng.choice([k for k in e.attrib if k in ENUMS or k in NUMERIC_ATTRS])
    if k in ENUMS:
        e.attrib[k] = rng.choice(ENUMS[k])
    else:
        e.attrib[k] = rng.choice(["1", "2", "3", "5", "10", "100", "1000", "40"])
    return "<%s %s=%r>" % (e.tag, k, e.attrib[k][:20])


def g_span(rng, root):
    """rowspan or colspan on a cell, inside or beyond its table."""
    cells = [e for e, _ in all_elements(root) if e.tag == "cell"]
    if not cells:
        return None
    c = rng.choice(cells)
    k = rng.choice(["rowspan", "colspan"])
    c.attrib[k] = rng.choice(["1", "2", "3", "4", "9", "50", "30000"])
    return "<cell %s=%s>" % (k, c.attrib[k])


GENTLE = [(g_delete, 3), (g_duplicate, 3), (g_reorder, 2), (g_text, 4), (g_value, 2),
          (g_span, 1), (m_kind, 1), (m_columns, 1)]

MUTATIONS = [(m_delete, 3), (m_duplicate, 3), (m_reorder, 2), (m_move, 2), (m_rename, 1),
             (m_swap_attrs, 2), (m_drop_attr, 1), (m_dup_attr, 1), (m_add_attr, 1),
             (m_attr_value, 2), (m_kind, 1), (m_columns, 1), (m_text, 3)]


def load_seeds(paths):
    """[(path, root)] for every path that parses, each content once (the first path
    in sorted order names it); the others are skipped."""
    seeds, seen = [], set()
    for p in sorted(set(paths)):
        try:
            with open(p, "rb") as f:
                data = f.read()
            if data in seen:
                continue
            seen.add(data)
            seeds.append((p, ET.fromstring(data)))
        except (ET.ParseError, OSError):
            continue
    return seeds


def choose_seed(rng, seeds):
    """Half the cases start from a large source (70 elements or more: deep
    outlines, strategy tables), half from any, the small fixtures included."""
    big = [s for s in seeds if sum(1 for _ in s[1].iter()) >= 70]
    if big and rng.random() < 0.5:
        return big[rng.randrange(len(big))]
    return seeds[rng.randrange(len(seeds))]


def make_case(seeds, seed, case):
    """(bytes, seed path, [what was done]) for case number `case` of run `seed`."""
    rng = random.Random("planpress-mutate:%d:%d" % (seed, case))
    path, root0 = choose_seed(rng, seeds)
    root = copy.deepcopy(root0)
    n = 1 if rng.random() < 0.45 else rng.randint(2, 5)
    family = GENTLE if rng.random() < 0.5 else MUTATIONS
    funcs = [f for f, _ in family]
    weights = [w for _, w in family]
    done = []
    tries = 0
    while len(done) < n and tries < 4 * n:
        tries += 1
        f = rng.choices(funcs, weights)[0]
        what = f(rng, root)
        if what:
            done.append(what)
    return to_bytes(root), path, done


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--case", type=int, default=0)
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("sources", nargs="+")
    a = ap.parse_args(argv)
    seeds = load_seeds(a.sources)
    if not seeds:
        sys.exit("mutate.py: no source parses")
    for k in range(a.case, a.case + a.count):
        data, path, done = make_case(seeds, a.seed, k)
        sys.stderr.write("case %d: %s: %s\n" % (k, os.path.basename(path), "; ".join(done)))
        if a.out:
            os.makedirs(a.out, exist_ok=True)
            with open(os.path.join(a.out, "case-%d.xml" % k), "wb") as f:
                f.write(data)
        else:
            sys.stdout.buffer.write(data)
            break


if __name__ == "__main__":
    main(sys.argv[1:])
