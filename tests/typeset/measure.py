#!/usr/bin/env python3
"""Line quality of rendered documents, measured on the PDF.

usage: measure.py PLANPRESS SOURCE.xml... [--template T] [--enforce] [--worst N]
       measure.py --pdf FILE.pdf SOURCE.xml [--template T] [--enforce] [--worst N]

Glyph positions come from `mutool draw -F stext` (every character with its
advance box and baseline), the cell boxes from the drawn rules (qpdf, through
tests/layout/pdflayout.py) and the paragraphs from the structure tree
(`pdfinfo -struct-text`): a line is a paragraph's last when the lines of its
region read so far spell one whole paragraph. Nothing is taken from planpress's
own idea of the page.

Per line it measures the gaps between neighbouring glyphs (advance box to
advance box, spaces not counted as glyphs), in em of the line's type size, and
where the line ends against its measure. The measure of a line is the room of
its region (the text area, or a cell less its padding) from the line's text
start, rounded down to whole ems as planpress's em grid does.

Reported, and with --enforce required:
- 0 lines with a gap over 0.6 em, at most 0.5 % of lines with one over 0.4 em;
- every Han–Latin gap and every word space between 1/6 and 1/3 em;
- no single-character last line (one character, with or without its
  punctuation) in a measure of 5 em or more;
- every line of a paragraph but its last ends within 0.05 em of its measure
  (no start-aligned line inside a paragraph), centred paragraphs excepted;
- 0 kinsoku violations and 0 overflows (tests/layout's checks on pdftotext's
  words, counted here).
"""
import os, re, subprocess, sys, tempfile
from html import unescape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layout"))
import pdflayout as L  # noqa: E402

GRID_TOL = 0.01        # em: the em grid's tolerance (linefill.c rounds the same way)
END_TOL = 0.05         # em: a justified line ends this close to its measure
HL_MIN, HL_MAX = 1 / 6, 1 / 3
BAND_TOL = 0.005       # em: rounding of positions written to the PDF
OPEN = set("（「『【〈《〔〖［｛〘〚")
# the official numbering labels (壹、 一、 （一） (一) 1. (1) （１） A. (a)), for paragraphs
# whose label the structure tree does not give apart (a strategy table's cells)
LABEL_RE = re.compile(r"^([壹貳參肆伍陸柒捌玖拾]+、|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|"
                      r"[0-9０-９]+[.、]|[（(][0-9０-９]+[）)]|[A-Za-z][.]|[（(][A-Za-z][）)])")


def is_han(ch):
    o = ord(ch)
    return (0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF
            or 0xE000 <= o <= 0xF8FF or o >= 0xF0000 or o in (0x3007, 0x25CB, 0x25EF))


def is_word(ch):
    """A Western letter or digit, or '%': what a Han–Latin gap stands next to."""
    o = ord(ch)
    return (ch.isascii() and (ch.isalnum() or ch == "%")) or (0xC0 <= o <= 0x24F and ch.isalpha()) or \
        (0x370 <= o <= 0x4FF and ch.isalpha())


def is_latin(ch):
    o = ord(ch)
    return (0x21 <= o <= 0x7E) or (0xA1 <= o <= 0x4FF)


class Ch:
    __slots__ = ("page", "x0", "x1", "y", "size", "c")

    def __init__(self, page, x0, x1, y, size, c):
        self.page, self.x0, self.x1, self.y, self.size, self.c = page, x0, x1, y, size, c


CHAR_RE = re.compile(r'<char quad="([-0-9.e]+) [-0-9.e]+ ([-0-9.e]+) [^"]*" x="([-0-9.e]+)" y="([-0-9.e]+)"[^>]* c="([^"]*)"/>')
FONT_RE = re.compile(r'<font name="[^"]*" size="([0-9.]+)">')


def read_chars(pdf):
    """Every drawn character per page (1-based list index - 1), spaces left out."""
    r = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf], capture_output=True, text=True)
    pages = []
    for chunk in r.stdout.split("<page ")[1:]:
        out, size = [], 0.0
        n = len(pages) + 1
        for m in re.finditer(r'<font name="[^"]*" size="([0-9.]+)">|' + CHAR_RE.pattern, chunk):
            if m.group(1):
                size = float(m.group(1))
                continue
            x0, x1, x, y, c = m.group(2), m.group(3), m.group(4), m.group(5), unescape(m.group(6))
            if c.strip() == "" and c != "\u3000":
                continue
            out.append(Ch(n, float(x0), float(x1), float(y), size, c))
        pages.append(out)
    return pages


# ---- paragraphs from the structure tree --------------------------------------
def paragraphs(pdf, cont_mark):
    """The set of paragraph texts (squashed): the text of every block element of
    the structure tree (its own strings and those of its inline spans), a list
    item's label joined to its body's text, and each with the template's
    continued mark (a merged cell repeated on a new page); and the set of the
    labels."""
    r = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True)
    root = {"kind": "root", "inline": False, "kids": [], "ind": -1}
    stack = [root]
    for line in r.stdout.splitlines():
        s = line.lstrip(" ")
        ind = len(line) - len(s)
        if not s or s.startswith("/"):
            continue
        while stack[-1]["ind"] >= ind:
            stack.pop()
        if s.startswith('"'):
            stack[-1]["kids"].append(L.squash(s[1:-1] if s.endswith('"') else s[1:]))
            continue
        node = {"kind": s.split()[0].rstrip(":"), "inline": "(inline)" in s, "kids": [], "ind": ind}
        stack[-1]["kids"].append(node)
        stack.append(node)

    def text(n):
        return "".join(k if isinstance(k, str) else text(k) for k in n["kids"]
                       if isinstance(k, str) or k["inline"])

    paras, labels = set(), set()

    def walk(n, label):
        own = text(n)
        if own:
            paras.add(own)
            if label:
                paras.add(label + own)
        kids = [k for k in n["kids"] if not isinstance(k, str) and not k["inline"]]
        lab = None
        for k in kids:
            if k["kind"] == "Lbl":
                lab = text(k)
                labels.add(lab)
                continue
            walk(k, lab if k["kind"] == "LBody" else None)

    walk(root, None)
    for p in list(paras):
        if cont_mark:
            paras.add(p + cont_mark)
    if cont_mark:
        paras.add(cont_mark)   # set on a line of its own after a repeated label
    return paras, labels


def prefixes_of(paras):
    out = set()
    for p in paras:
        for i in range(1, len(p) + 1):
            out.add(p[:i])
    return out


# ---- lines --------------------------------------------------------------------
class Line:
    def __init__(self, chars, region, right, left):
        self.chars = sorted(chars, key=lambda c: c.x0)
        self.page = chars[0].page
        self.region = region       # None: the body
        self.right, self.left = right, left   # the region's text room, pt
        sizes = [c.size for c in self.chars]
        self.em = max(set(sizes), key=sizes.count)
        self.text = "".join(c.c for c in self.chars)
        self.y = chars[0].y
        self.x0, self.x1 = self.chars[0].x0, self.chars[-1].x1
        self.last = False
        self.label = ""
        self.centred = False
        self.ragged = False        # a unit-name cell: set ragged by design

    def where(self):
        reg = "body" if self.region is None else f"cell x {self.left:.1f}-{self.right:.1f}"
        return f"page {self.page} y {self.y:.1f} ({reg})"

    def text_start(self):
        """x where the text starts, after a label printed on this line."""
        if self.label and L.squash(self.text).startswith(self.label) and len(self.chars) > len(self.label):
            return self.chars[len(self.label)].x0
        return self.x0

    def measure_end(self):
        xs = self.text_start()
        room = (self.right - xs) / self.em
        if room > 2:
            room = int(room + GRID_TOL)
        return xs + room * self.em

    def gaps(self):
        """(gap in em, kind, left char, right char) for each neighbouring pair."""
        out = []
        nl = len(self.label) if self.label and L.squash(self.text).startswith(self.label) else 0
        for i in range(1, len(self.chars)):
            a, b = self.chars[i - 1], self.chars[i]
            g = (b.x0 - a.x1) / self.em
            if i == nl:
                kind = "label"
            elif (is_han(a.c) and is_word(b.c)) or (is_word(a.c) and is_han(b.c)):
                kind = "hl"
            elif is_latin(a.c) and is_latin(b.c):
                kind = "word" if g > 0.05 else "latin"
            else:
                kind = "cjk"
            out.append((g, kind, a.c, b.c))
        return out


def ragged_columns(tpl):
    """x ranges of the columns the template fills with unit names (主辦單位), which
    planpress sets ragged: short names, never spread."""
    out = []
    for cs in tpl.columns.values():
        xs = tpl.column_xs([w for _, w in cs["cols"]])
        for i, content in enumerate(cs["content"]):
            if content == "units":
                out.append((xs[i], xs[i + 1]))
    return out


def build_lines(doc, chars):
    """Lines per page in reading order: body lines, then each table fragment's
    cells left to right, top to bottom, each as its own region."""
    tpl = doc.tpl
    ax0, ay0, ax1, ay1 = tpl.area()
    units = ragged_columns(tpl)
    out = []
    for p in range(1, doc.npages + 1):
        frs = doc.frags[p]
        groups = {}
        for c in chars[p - 1]:
            yc = c.y - c.size * 0.3
            if c.y - c.size * 0.8 >= ay1 - L.EPS or c.y <= ay0 + L.EPS:
                continue   # page furniture in the margins
            f = next((f for f in frs if f.contains(c.x0 + 0.5, yc)), None)
            if f is None:
                key = (None, None)
            else:
                key = (id(f), f.cell_at(c.x0 + 0.5, yc))
            groups.setdefault(key, (f, []))[1].append(c)
        body = groups.pop((None, None), (None, []))[1]
        regions = [(None, None, body)] + sorted(((f, k[1], cs) for k, (f, cs) in groups.items()),
                                               key=lambda r: (r[0].y0, r[1][0], r[1][1]))
        for f, cell, cs in regions:
            if not cs:
                continue
            if cell is None:
                left, right = ax0, ax1
            else:
                left, right = cell[0] + tpl.padding, cell[2] - tpl.padding
            rows = {}
            for c in cs:
                rows.setdefault(round(c.y, 1), []).append(c)
            lines = [Line(rows[y], (id(f), cell) if f else None, right, left) for y in sorted(rows)]
            if cell is not None and any(abs(cell[0] - a) < 1 and abs(cell[2] - b) < 1 for a, b in units):
                for ln in lines:
                    ln.ragged = True
            out.append((p, f, cell, lines))
    return out


def segment(regions, paras, labels, doc, cont_mark):
    """Marks each paragraph's last line; returns the paragraphs as lists of lines.
    A line closes a paragraph when the lines read since the last one spell a
    whole paragraph and the next line would not continue a longer one."""
    prefixes = prefixes_of(paras)
    result = []
    acc, cur = "", []
    pending = {}          # column (x0, x1) -> (text, lines) of a cell paragraph cut by a page break

    def close(lines):
        if lines:
            lines[-1].last = True
            result.append(lines)

    for p, f, cell, lines in regions:
        head = cell is not None and header_row(f, cell)
        if cell is not None:
            col = (round(cell[0]), round(cell[2]))
            acc, cur = ("", []) if head else pending.pop(col, ("", []))
        for ln in lines:
            t = L.squash(ln.text)
            if not acc:
                ln.label = next((lb for lb in sorted(labels, key=len, reverse=True) if t.startswith(lb) and lb != t), "")
                m = LABEL_RE.match(t)
                if not ln.label and m and m.group(0) != t:
                    ln.label = m.group(0)
            else:
                ln.label = ""
            acc += t
            cur.append(ln)
            nxt = lines[lines.index(ln) + 1] if ln is not lines[-1] else None
            if acc in paras and (not (nxt is not None and acc + L.squash(nxt.text) in prefixes)
                                 or (cont_mark and L.squash(nxt.text) == cont_mark)):
                close(cur)
                acc, cur = "", []
        if cell is not None:
            if acc:
                if head:
                    close(cur)      # a header cell: no structure text to match
                else:
                    pending[col] = (acc, cur)
            acc, cur = "", []
    for acc_, lines in pending.values():
        close(lines)               # never matched: count as whole
    if cur:
        close(cur)
    # the first line of a paragraph carries its label
    for para in result:
        for k, ln in enumerate(para):
            if k:
                ln.label = ""
        centre_flags(para)
    return result


def header_row(f, cell):
    y0, y1 = L.header_band(f)
    return cell[1] >= y0 - L.EPS and cell[3] <= y1 + L.EPS


def centre_flags(para):
    """A paragraph whose every line sits in the middle of its room is centred."""
    ok = True
    for ln in para:
        l, r = ln.x0 - ln.left, ln.right - ln.x1
        if not (l > 0.1 * ln.em and abs(l - r) < 0.6 * ln.em):
            ok = False
    for ln in para:
        ln.centred = ok


# ---- the figures ---------------------------------------------------------------
def measure(pdf, src, template=None):
    tpl = L.template_for(src, template)
    doc = L.Doc(pdf, tpl)
    chars = read_chars(pdf)
    paras, labels = paragraphs(pdf, tpl.continued_mark)
    regions = build_lines(doc, chars)
    plist = segment(regions, paras, labels, doc, tpl.continued_mark)
    lines = [ln for para in plist for ln in para]
    res = {"lines": len(lines), "gap06": [], "gap04": [], "band": [], "orphan": [], "short": [], "long": [],
           "kinsoku": [], "overflow": [], "worst": []}
    for para in plist:
        for k, ln in enumerate(para):
            gs = ln.gaps()
            worst = max((g for g, kind, a, b in gs if kind != "label"), default=0.0)
            res["worst"].append((worst, ln))
            if worst > 0.6 + BAND_TOL:
                res["gap06"].append(ln)
            if worst > 0.4 + BAND_TOL:
                res["gap04"].append(ln)
            for g, kind, a, b in gs:
                if kind in ("hl", "word") and not (HL_MIN - BAND_TOL <= g <= HL_MAX + BAND_TOL):
                    res["band"].append((ln, f"{kind} gap {g:.3f} em between '{a}' and '{b}'"))
            if ln.centred or ln.ragged:
                continue
            end = ln.measure_end()
            if not ln.last and ln.x1 < end - END_TOL * ln.em:
                res["short"].append((ln, (end - ln.x1) / ln.em))
            if ln.x1 > end + END_TOL * ln.em:
                res["long"].append((ln, (ln.x1 - end) / ln.em))
        last = para[-1]
        if len(para) >= 2 and not last.centred:
            body = [c for c in L.squash(last.text) if c not in L.NO_START]
            room = (last.measure_end() - last.text_start()) / last.em
            if len(body) == 1 and room >= 5 - GRID_TOL:
                res["orphan"].append((last, room))
    L.check_kinsoku(doc, res["kinsoku"].append)
    # a running header sits in the top margin as the page number sits in the bottom one
    ay0 = tpl.area()[1]
    for p in range(1, doc.npages + 1):
        doc.footer[p] = doc.footer[p] + [w for w in doc.words[p - 1] if w.y1 <= ay0 + L.EPS]
    L.check_area(doc, res["overflow"].append)
    res["worst"].sort(key=lambda t: -t[0])
    return res


def report(name, res, nworst, out=sys.stdout):
    n = max(1, res["lines"])
    out.write(f"{name}: {res['lines']} lines; gap > 0.6 em: {len(res['gap06'])}; "
              f"gap > 0.4 em: {len(res['gap04'])} ({100 * len(res['gap04']) / n:.2f} %); "
              f"Han-Latin/word gaps outside 1/6..1/3 em: {len(res['band'])}; "
              f"single-character last lines (measure >= 5 em): {len(res['orphan'])}; "
              f"short lines inside a paragraph: {len(res['short'])}; past the measure: {len(res['long'])}; "
              f"kinsoku: {len(res['kinsoku'])}; overflow: {len(res['overflow'])}\n")
    for g, ln in res["worst"][:nworst]:
        out.write(f"  worst gap {g:.3f} em: {ln.where()}: {ln.text}\n")


def enforce(name, res):
    fails = []
    n = max(1, res["lines"])
    for ln in res["gap06"]:
        fails.append(f"gap over 0.6 em: {ln.where()}: {ln.text}")
    if len(res["gap04"]) > 0.005 * n:
        fails.append(f"{len(res['gap04'])} lines ({100 * len(res['gap04']) / n:.2f} %) with a gap over 0.4 em, "
                     f"more than 0.5 %: " + "; ".join(ln.text for ln in res["gap04"][:10]))
    for ln, why in res["band"]:
        fails.append(f"{why}: {ln.where()}: {ln.text}")
    for ln, room in res["orphan"]:
        fails.append(f"single-character last line in a {room:.1f} em measure: {ln.where()}: {ln.text}")
    for ln, short in res["short"]:
        fails.append(f"line inside a paragraph ends {short:.2f} em short of its measure: {ln.where()}: {ln.text}")
    for ln, over in res["long"]:
        fails.append(f"line ends {over:.2f} em past its measure: {ln.where()}: {ln.text}")
    fails += [f"kinsoku: {m}" for m in res["kinsoku"]]
    fails += [f"overflow: {m}" for m in res["overflow"]]
    for f in fails:
        print(f"FAIL {name}: {f}")
    return fails


def main(argv):
    args = list(argv)
    template, do_enforce, nworst, pdf = None, False, 5, None
    if "--template" in args:
        i = args.index("--template"); template = args[i + 1]; del args[i:i + 2]
    if "--worst" in args:
        i = args.index("--worst"); nworst = int(args[i + 1]); del args[i:i + 2]
    if "--enforce" in args:
        args.remove("--enforce"); do_enforce = True
    if "--pdf" in args:
        i = args.index("--pdf"); pdf = args[i + 1]; del args[i:i + 2]
    total = {"lines": 0}
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        if pdf:
            jobs = [(pdf, args[0])]
        else:
            pp, srcs = args[0], args[1:]
            jobs = []
            for src in srcs:
                rc, err, out, _, _ = L.render(pp, src, tmp, template)
                if rc != 0:
                    print(f"FAIL {src}: render exit {rc}: {err.strip()}")
                    return 1
                jobs.append((out, src))
        allworst = []
        for out, src in jobs:
            res = measure(out, src, template)
            name = os.path.basename(src)
            report(name, res, nworst)
            for k, v in res.items():
                if k == "worst":
                    allworst += [(g, name, ln) for g, ln in v]
                else:
                    total[k] = total.get(k, 0) + (v if isinstance(v, int) else len(v))
            if do_enforce:
                bad += len(enforce(name, res))
        if len(jobs) > 1:
            n = max(1, total["lines"])
            print(f"ALL: {total['lines']} lines; gap > 0.6 em: {total['gap06']}; gap > 0.4 em: {total['gap04']} "
                  f"({100 * total['gap04'] / n:.2f} %); Han-Latin/word gaps outside 1/6..1/3 em: {total['band']}; "
                  f"single-character last lines: {total['orphan']}; short lines inside a paragraph: {total['short']}; "
                  f"past the measure: {total['long']}; kinsoku: {total['kinsoku']}; overflow: {total['overflow']}")
            allworst.sort(key=lambda t: -t[0])
            for g, name, ln in allworst[:nworst]:
                print(f"  worst gap {g:.3f} em: {name} {ln.where()}: {ln.text}")
    if do_enforce:
        print(f"{bad} failures")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
