"""Reads a planpress PDF back as geometry, for the layout tests.

- words: `pdftotext -bbox-layout` (poppler), y measured from the page top;
- rules and shaded boxes: the page content streams, decompressed with
  `qpdf --qdf` (planpress draws every border as one `x y m x y l` segment);
- tables: connected rules form one table fragment per page; a word's cell is
  the box between the nearest rules around the start of the word;
- lines: planpress's own lines rebuilt from words, per region (the body text
  area or one cell) and per baseline, so words of neighbouring cells that
  share a baseline are never merged into one line (pdftotext's own <line>
  grouping does that);
- the text area: page size and margins from the template the document uses.

Every check appends a readable message (page, coordinates, text) to a list;
the test scripts print them and exit 1 if there is any.
"""
import os, re, subprocess, tempfile
import xml.etree.ElementTree as ET
from html import unescape
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import template_xml  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TEMPLATES = os.path.join(ROOT, "templates")

EPS = 0.5      # pt: tolerance for positions read back from the PDF

# ---- kinsoku sets: docs/typesetting.md §2 -----------------------------------
NO_START = set(
    "，。、；：？！．" "\ufe50\ufe51\ufe52\ufe54\ufe55\ufe56\ufe57"
    "）」』】〉》〕〗〙〛］｝’”〞﹚﹜﹞)]}"
    "～–—‧·・•‥…︰︱︳︴︶︸︺︼︾﹀﹂﹄﹏¢°％‰℃")
# ASCII pause/stop marks are no-start only next to CJK text
NO_START_ASCII = set(",.;:?!")
NO_END = set("（「『【〈《〔〖［｛‘“‵〝﹙﹛﹝([{£¥$＄￥")


def is_cjk(ch):
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE10 <= o <= 0xFE6F
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3FFFF or o >= 0xF0000)


def squash(s):
    return re.sub(r"\s+", "", s)


def run(cmd, timeout=None, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)


# ---- template -----------------------------------------------------------------
def length_pt(v):
    m = re.fullmatch(r"\s*([0-9.]+)\s*(mm|cm|pt)?\s*", v)
    k = {"mm": 72 / 25.4, "cm": 720 / 25.4, "pt": 1, None: 1}[m.group(2)]
    return float(m.group(1)) * k


class Template:
    """The settings the layout checks need, as planpress reads them: a template
    extending another starts from its settings and changes what it names."""
    def __init__(self, path):
        root = template_xml.load(path)
        self.path = path
        self.default_columns = root.get("columns")
        page = root.find("page").attrib if root.find("page") is not None else {}
        table = root.find("table").attrib if root.find("table") is not None else {}
        pn = root.find("page-number")
        self.page_number = pn.get("format", "") if pn is not None else ""
        self.columns = {}
        for el in root.findall("columns"):
            cols = [(c.get("header"), float(c.get("width") or 0)) for c in el.iter("column")]
            self.columns[el.get("name")] = {"cols": cols, "caption": el.get("caption"),
                                            "content": [c.get("content") for c in el.iter("column")]}
        self.page_w, self.page_h = (595.276, 841.89) if page.get("size", "A4") == "A4" else (841.89, 1190.55)
        if page.get("orientation") == "landscape":
            self.page_w, self.page_h = self.page_h, self.page_w
        self.top, self.bottom = length_pt(page.get("top", "72pt")), length_pt(page.get("bottom", "72pt"))
        self.left, self.right = length_pt(page.get("left", "72pt")), length_pt(page.get("right", "72pt"))
        self.width = self.page_w - self.left - self.right
        self.padding = length_pt(table.get("padding", "3pt"))
        self.continued_mark = table.get("continued-mark", "")
        self.styles = {s.get("name"): (float(s.get("size", 14)), float(s.get("leading", 25))) for s in root.findall("style")}

    def area(self):
        """The text area: x0, y0 (from the top), x1, y1."""
        return (self.left, self.top, self.page_w - self.right, self.page_h - self.bottom)

    def column_xs(self, fractions):
        """Column edges from width fractions. A column always holds one character:
        one em of the table style plus the cell padding on both sides; what a
        narrower column lacks is taken from the wider ones in proportion to their
        excess (planpress widens it and warns)."""
        s = sum(fractions)
        w = [f / s * self.width for f in fractions]
        minw = self.styles.get("table", (12, 18))[0] + 2 * self.padding
        deficit = sum(minw - x for x in w if x < minw)
        spare = sum(x - minw for x in w if x >= minw)
        if deficit > 0 and spare >= deficit:
            w = [minw if x < minw else x - (x - minw) * deficit / spare for x in w]
        xs, x = [self.left], self.left
        for cw in w:
            x += cw
            xs.append(x)
        return xs

    def header_cells(self, name):
        """The header row of a column set: (text, first column, span); an empty
        header joins the column before it (執行策略 over group and strategy)."""
        out = []
        for i, (h, _) in enumerate(self.columns[name]["cols"]):
            if h or not out:
                out.append([h or "", i, 1])
            else:
                out[-1][2] += 1
        return out


def template_for(src, template=None):
    if template:
        return Template(template if os.path.exists(template) else os.path.join(TEMPLATES, template + ".xml"))
    root = ET.parse(src).getroot()
    if root.get("template"):
        return Template(template_xml.path_of(root.get("template"), os.path.dirname(os.path.abspath(src))))
    path = os.path.join(TEMPLATES, (root.get("kind") or "document") + ".xml")
    return Template(path if os.path.exists(path) else os.path.join(TEMPLATES, "document.xml"))


def expected_tables(src, tpl):
    """Per table of the source, in order: column x boundaries, header row text
    (squashed), caption (squashed or None)."""
    doc = ET.parse(src).getroot()
    out = []
    for el in doc.iter():
        if el.tag == "strategies":
            name = el.get("columns") or tpl.default_columns
            cs = tpl.columns[name]
            xs = tpl.column_xs([w for _, w in cs["cols"]])
            head = squash("".join(h for h, _ in cs["cols"]))
            dims = el.findall("dimension")
            if cs["caption"] and dims:
                for n, d in enumerate(dims, 1):
                    cap = caption_text(cs["caption"], n, d)
                    out.append({"xs": xs, "head": head, "caption": squash(cap), "columns": name})
            else:
                out.append({"xs": xs, "head": head, "caption": None, "columns": name})
        elif el.tag == "table":
            head_el = el.find("head")
            ncols = 0
            rows = ([r for r in head_el.findall("row")] if head_el is not None else []) + el.findall("row")
            for r in rows[:1]:
                ncols = sum(int(c.get("colspan", "1")) for c in r.findall("cell"))
            ws = el.get("widths")
            fr = [float(x) for x in ws.split()] if ws else []
            if len(fr) != ncols or sum(fr) <= 0:
                fr = [1.0] * ncols
            head = squash("".join("".join(c.itertext()) for r in head_el.findall("row") for c in r.findall("cell"))) if head_el is not None else ""
            cap = el.find("caption")
            out.append({"xs": tpl.column_xs(fr), "head": head,
                        "caption": squash("".join(cap.itertext())) if cap is not None else None, "columns": None})
    return out


HAN = "零一二三四五六七八九"


def han_numeral(n):
    t, u = divmod(n, 10)
    return (HAN[t] if t > 1 else "") + ("十" if t else "") + (HAN[u] if u else "")


def caption_text(fmt, n, dim):
    return (fmt.replace("{n}", han_numeral(n)).replace("{name}", dim.get("name"))
            .replace("{score}", dim.get("score") or ""))


# ---- reading the PDF ------------------------------------------------------------
class Word:
    __slots__ = ("page", "x0", "y0", "x1", "y1", "text")

    def __init__(self, page, x0, y0, x1, y1, text):
        self.page, self.x0, self.y0, self.x1, self.y1, self.text = page, x0, y0, x1, y1, text

    @property
    def yc(self):
        return (self.y0 + self.y1) / 2

    def where(self):
        return f"page {self.page} x {self.x0:.1f}-{self.x1:.1f} y {self.y0:.1f}-{self.y1:.1f} (from top)"


WORD_RE = re.compile(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">(.*?)</word>')


def read_words(pdf):
    """Every word of every page: list (per page, 1-based index - 1) of Word, and page sizes."""
    r = run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", pdf, "-"])
    pages, sizes = [], []
    for chunk in r.stdout.split("<page ")[1:]:
        m = re.match(r'width="([0-9.]+)" height="([0-9.]+)"', chunk)
        sizes.append((float(m.group(1)), float(m.group(2))))
        n = len(pages) + 1
        pages.append([Word(n, float(a), float(b), float(c), float(d), unescape(t))
                      for a, b, c, d, t in WORD_RE.findall(chunk)])
    return pages, sizes, r.stderr.strip()


class Seg:
    __slots__ = ("x0", "y0", "x1", "y1")

    def __init__(self, x0, y0, x1, y1):
        self.x0, self.y0, self.x1, self.y1 = min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    @property
    def vertical(self):
        return abs(self.x1 - self.x0) < 0.01

    @property
    def horizontal(self):
        return abs(self.y1 - self.y0) < 0.01


NUM = r"(-?[0-9.]+)"
M_RE = re.compile(rf"^{NUM} {NUM} m$")
L_RE = re.compile(rf"^{NUM} {NUM} l$")
RE_RE = re.compile(rf"^{NUM} {NUM} {NUM} {NUM} re$")


def read_graphics(pdf, page_h):
    """Per page: (rules, fills) with y from the page top. Rules are Seg, fills (x0, y0, x1, y1).
    page_h: the pages' height, or a list of each page's (turned pages differ)."""
    with tempfile.TemporaryDirectory() as tmp:
        qdf = os.path.join(tmp, "q.pdf")
        run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf])
        with open(qdf, "rb") as fh:
            data = fh.read().decode("latin-1")
    out = {}
    for m in re.finditer(r"%% Contents for page (\d+)\n.*?stream\n(.*?)endstream", data, re.S):
        n = int(m.group(1))
        ph = page_h[n - 1] if isinstance(page_h, (list, tuple)) else page_h
        rules, fills, cur, pending_re = [], [], None, None
        for line in m.group(2).splitlines():
            line = line.strip()
            if (mm := M_RE.match(line)):
                cur = (float(mm.group(1)), float(mm.group(2)))
            elif (ml := L_RE.match(line)) and cur:
                x, y = float(ml.group(1)), float(ml.group(2))
                rules.append(Seg(cur[0], ph - cur[1], x, ph - y))
                cur = (x, y)
            elif (mr := RE_RE.match(line)):
                x, y, w, h = map(float, mr.groups())
                pending_re = (x, ph - y - h, x + w, ph - y)
            elif line == "f" and pending_re:
                fills.append(pending_re)
                pending_re = None
        rs, fs = out.setdefault(n, ([], []))
        rs.extend(rules)
        fs.extend(fills)
    return out


class Fragment:
    """One table on one page: its rules and bounding box."""

    def __init__(self, page, segs):
        self.page = page
        self.segs = segs
        self.x0 = min(s.x0 for s in segs)
        self.x1 = max(s.x1 for s in segs)
        self.y0 = min(s.y0 for s in segs)
        self.y1 = max(s.y1 for s in segs)
        self.v = [s for s in segs if s.vertical]
        self.h = [s for s in segs if s.horizontal]
        self.words = []

    def contains(self, x, y):
        return self.x0 - EPS <= x <= self.x1 + EPS and self.y0 - EPS <= y <= self.y1 + EPS

    def inner_xs(self):
        xs = []
        for s in sorted(self.v, key=lambda s: s.x0):
            if not xs or abs(s.x0 - xs[-1]) > EPS:
                xs.append(s.x0)
        return xs

    def covered(self, segs, lo, hi, along):
        """Is [lo, hi] covered by the union of the given segments (along x or y)?"""
        iv = sorted((s.x0, s.x1) if along == "x" else (s.y0, s.y1) for s in segs)
        pos = lo
        for a, b in iv:
            if a > pos + EPS:
                break
            pos = max(pos, b)
        return pos >= hi - EPS

    def h_at(self, y):
        return [s for s in self.h if abs(s.y0 - y) < EPS]

    def v_at(self, x):
        return [s for s in self.v if abs(s.x0 - x) < EPS]

    def full_rows(self):
        """y of horizontal rules spanning the whole width (row boundaries shared by every column)."""
        ys = sorted({round(s.y0, 2) for s in self.h})
        return [y for y in ys if self.covered(self.h_at(y), self.x0, self.x1, "x")]

    def cell_at(self, x, y):
        """The box between the nearest rules around (x, y)."""
        left = [s.x0 for s in self.v if s.y0 - EPS <= y <= s.y1 + EPS and s.x0 <= x]
        right = [s.x0 for s in self.v if s.y0 - EPS <= y <= s.y1 + EPS and s.x0 > x]
        up = [s.y0 for s in self.h if s.x0 - EPS <= x <= s.x1 + EPS and s.y0 <= y]
        down = [s.y0 for s in self.h if s.x0 - EPS <= x <= s.x1 + EPS and s.y0 > y]
        return (max(left) if left else self.x0, max(up) if up else self.y0,
                min(right) if right else self.x1, min(down) if down else self.y1)

    def describe(self):
        return f"page {self.page} table x {self.x0:.1f}-{self.x1:.1f} y {self.y0:.1f}-{self.y1:.1f}"


def fragments(page, rules):
    """Connected rules: one table fragment each, top to bottom."""
    n = len(rules)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def touch(a, b):
        return a.x0 <= b.x1 + EPS and b.x0 <= a.x1 + EPS and a.y0 <= b.y1 + EPS and b.y0 <= a.y1 + EPS

    # sweep by y to keep it near linear on long tables
    order = sorted(range(n), key=lambda i: rules[i].y0)
    active = []
    for i in order:
        s = rules[i]
        active = [j for j in active if rules[j].y1 >= s.y0 - EPS]
        for j in active:
            if touch(s, rules[j]):
                parent[find(i)] = find(j)
        active.append(i)
    groups = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(rules[i])
    return sorted((Fragment(page, g) for g in groups.values()), key=lambda f: f.y0)


class Line:
    """One typeset line: the words of one region on one baseline, left to right."""

    def __init__(self, region, words):
        self.region = region
        self.words = sorted(words, key=lambda w: w.x0)
        self.page = words[0].page
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.y0 = min(w.y0 for w in words)
        self.y1 = max(w.y1 for w in words)
        self.text = "".join(w.text for w in self.words)

    def where(self):
        return f"page {self.page} x {self.x0:.1f}-{self.x1:.1f} y {self.y0:.1f}-{self.y1:.1f}"


def group_lines(words, region):
    """Clusters words by vertical overlap (lines are 18-25 pt apart, glyph boxes 12-16 pt high)."""
    out = []
    for w in sorted(words, key=lambda w: w.yc):
        if out and abs(w.yc - out[-1][-1].yc) < 0.35 * min(w.y1 - w.y0, out[-1][-1].y1 - out[-1][-1].y0):
            out[-1].append(w)
        else:
            out.append([w])
    return [Line(region, g) for g in out]


class Doc:
    """A rendered PDF read back: pages of words, table fragments, lines."""

    def __init__(self, pdf, tpl):
        self.pdf, self.tpl = pdf, tpl
        self.words, self.sizes, self.warn = read_words(pdf)
        self.npages = len(self.words)
        gfx = read_graphics(pdf, tpl.page_h)
        self.frags, self.fills, self.lines, self.body_lines, self.footer = {}, {}, {}, {}, {}
        ax0, ay0, ax1, ay1 = tpl.area()
        for p in range(1, self.npages + 1):
            rules, fills = gfx.get(p, ([], []))
            fr = fragments(p, rules)
            self.frags[p], self.fills[p] = fr, fills
            regions, body, foot = {}, [], []
            for w in self.words[p - 1]:
                f = next((f for f in fr if f.contains(w.x0 + 0.5, w.yc)), None)
                if f is not None:
                    f.words.append(w)
                    cell = f.cell_at(w.x0 + 0.5, w.yc)
                    regions.setdefault((id(f), cell), (f, cell, []))[2].append(w)
                elif w.y0 >= ay1 - EPS:
                    foot.append(w)
                else:
                    body.append(w)
            lines = group_lines(body, None) if body else []
            self.body_lines[p] = lines
            for f, cell, ws in regions.values():
                lines = lines + group_lines(ws, (f, cell))
            self.lines[p] = sorted(lines, key=lambda l: (l.y0, l.x0))
            self.footer[p] = foot

    def cell_lines(self, p):
        return [l for l in self.lines[p] if l.region is not None]


def render(pp, src, outdir, template=None, timeout=60, extra=()):
    """Renders src; returns (returncode, stderr, pdf path, seconds)."""
    import time
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".pdf")
    cmd = [pp, "render", src, "-o", pdf] + (["--template", template] if template else []) + list(extra)
    t0 = time.monotonic()
    r = run(cmd, timeout=timeout)
    return r.returncode, r.stderr, pdf, time.monotonic() - t0, r.stdout


# ---- the checks ----------------------------------------------------------------
def first_w(line):
    """Advance of a line's first character, from its word's box (average over the word)."""
    w = line.words[0]
    return (w.x1 - w.x0) / max(1, len(w.text))


def last_w(line):
    w = line.words[-1]
    return (w.x1 - w.x0) / max(1, len(w.text))


def check_kinsoku(doc, fail):
    """No line starts with a NO_START mark or ends with a NO_END mark.
    The one excuse is the last-resort setting of very narrow cells (docs/typesetting.md §2): when a
    cell cannot hold the mark together with the character it belongs to on one
    line at all, breaking between them is what the rules prescribe."""
    em = doc.tpl.styles.get("table", (12, 18))[0]

    def too_narrow(line, wa, wb):
        if line.region is None:
            return False
        f, (cx0, cy0, cx1, cy1) = line.region
        room = (cx1 - doc.tpl.padding) - line.x0
        return wa + wb > room + EPS

    for p in range(1, doc.npages + 1):
        by_region = {}
        for l in doc.lines[p]:
            by_region.setdefault(id(l.region) if l.region else None, []).append(l)
        for lines in by_region.values():
            for i, l in enumerate(lines):
                prev = lines[i - 1] if i else None
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                t = l.text
                first, last = t[0], t[-1]
                if first in NO_START or (first in NO_START_ASCII and ((len(t) > 1 and is_cjk(t[1])) or (prev and is_cjk(prev.text[-1])))):
                    # the first line of a cell on a page: the line before it is on the
                    # page before; judge the break with a full-width character there
                    if not too_narrow(l, last_w(prev) if prev else em, first_w(l)):
                        fail(f"line starts with no-start mark '{first}': {l.where()}: '{t}'"
                             + (f" (previous line: '{prev.text}')" if prev else ""))
                if last in NO_END:
                    if not (nxt and too_narrow(l, last_w(l), first_w(nxt))):
                        fail(f"line ends with no-end mark '{last}': {l.where()}: '{t}'"
                             + (f" (next line: '{nxt.text}')" if nxt else ""))


def check_area(doc, fail):
    """Every word inside the text area (page numbers in the bottom margin only);
    every word of a table inside its cell, off the cell padding."""
    tpl = doc.tpl
    ax0, ay0, ax1, ay1 = tpl.area()
    for p in range(1, doc.npages + 1):
        w, h = doc.sizes[p - 1]
        if abs(w - tpl.page_w) > 0.5 or abs(h - tpl.page_h) > 0.5:
            fail(f"page {p} is {w:.2f} x {h:.2f} pt, want {tpl.page_w:.2f} x {tpl.page_h:.2f} (A4)")
        for wd in doc.words[p - 1]:
            if wd in doc.footer[p]:
                continue
            if wd.x0 < ax0 - EPS or wd.x1 > ax1 + EPS or wd.y0 < ay0 - EPS or wd.y1 > ay1 + EPS:
                fail(f"word leaves the text area {ax0:.1f}-{ax1:.1f} x {ay0:.1f}-{ay1:.1f}: {wd.where()}: '{wd.text}'")
        for f in doc.frags[p]:
            if f.x0 < ax0 - EPS or f.x1 > ax1 + EPS or f.y0 < ay0 - EPS or f.y1 > ay1 + EPS:
                fail(f"table borders leave the text area: {f.describe()}")
        for l in doc.cell_lines(p):
            f, (cx0, cy0, cx1, cy1) = l.region
            pad = tpl.padding
            for wd in l.words:
                if wd.x0 < cx0 - EPS or wd.x1 > cx1 + EPS or wd.y0 < cy0 - EPS or wd.y1 > cy1 + EPS:
                    fail(f"word leaves its cell (cell x {cx0:.1f}-{cx1:.1f} y {cy0:.1f}-{cy1:.1f}): {wd.where()}: '{wd.text}'")
                elif wd.x0 < cx0 + pad - EPS or wd.x1 > cx1 - pad + EPS:
                    fail(f"word runs into the {pad:g} pt cell padding (cell x {cx0:.1f}-{cx1:.1f}, text room "
                         f"{cx0 + pad:.1f}-{cx1 - pad:.1f}): {wd.where()}: '{wd.text}'")


def check_page_numbers(doc, fail):
    """The page number, formatted by the template, centred in the bottom margin of every page."""
    tpl = doc.tpl
    fmt = tpl.page_number
    if not fmt:
        return
    for p in range(1, doc.npages + 1):
        foot = doc.footer[p]
        want = squash(fmt.replace("{n}", str(p)).replace("{total}", str(doc.npages)))
        got = squash("".join(w.text for w in sorted(foot, key=lambda w: w.x0)))
        if got != want:
            fail(f"page {p}: foot reads '{got}', want page number '{want}'")
            continue
        cx = (min(w.x0 for w in foot) + max(w.x1 for w in foot)) / 2
        if abs(cx - tpl.page_w / 2) > 1.0:
            fail(f"page {p}: page number centred at x {cx:.1f}, want {tpl.page_w / 2:.1f}")
        if min(w.y0 for w in foot) < tpl.page_h - tpl.bottom - EPS or max(w.y1 for w in foot) > tpl.page_h:
            fail(f"page {p}: page number outside the bottom margin")


def header_band(f):
    """y range of a fragment's first row: top rule to the first full-width rule below it."""
    rows = [y for y in f.full_rows() if y > f.y0 + EPS]
    return f.y0, (rows[0] if rows else f.y1)


def band_text(f, y0, y1):
    """Text of a row band of a fragment: cell by cell left to right, each cell line by line."""
    ws = [w for w in f.words if y0 - EPS <= w.yc <= y1 + EPS]
    cells = {}
    for w in ws:
        cells.setdefault(f.cell_at(w.x0 + 0.5, w.yc), []).append(w)
    out = []
    for box in sorted(cells, key=lambda b: (b[0], b[1])):
        for l in group_lines(cells[box], None):
            out.append(l.text)
    return squash("".join(out)), ws


def check_tables(doc, tables, fail):
    """Per table fragment: closed borders, columns where the template puts them,
    the header row first (on every page the table crosses), with body rows under it."""
    for p in range(1, doc.npages + 1):
        for f in doc.frags[p]:
            # closed at the foot and reopened at the head
            if not f.covered(f.h_at(f.y0), f.x0, f.x1, "x"):
                fail(f"{f.describe()}: top border not closed")
            if not f.covered(f.h_at(f.y1), f.x0, f.x1, "x"):
                fail(f"{f.describe()}: bottom border not closed")
            if not f.covered(f.v_at(f.x0), f.y0, f.y1, "y"):
                fail(f"{f.describe()}: left border not closed")
            if not f.covered(f.v_at(f.x1), f.y0, f.y1, "y"):
                fail(f"{f.describe()}: right border not closed")
            xs = f.inner_xs()
            match = [t for t in tables if all(any(abs(x - tx) < 1.0 for tx in t["xs"]) for x in xs)
                     and abs(t["xs"][0] - f.x0) < 1.0 and abs(t["xs"][-1] - f.x1) < 1.0]
            if not match:
                fail(f"{f.describe()}: column rules at x {', '.join(f'{x:.1f}' for x in xs)} match no column set of the template")
                continue
            heads = {t["head"] for t in match}
            if heads == {""}:
                continue       # a generic table without header rows
            y0, y1 = header_band(f)
            text, _ = band_text(f, y0, y1)
            if text not in heads:
                fail(f"{f.describe()}: first row reads '{text}', want the header row "
                     + " or ".join(f"'{h}'" for h in sorted(heads)))
            body = [w for w in f.words if w.yc > y1 + EPS]
            if not body:
                fail(f"{f.describe()}: header row with no body row under it (table starts at the page foot)")


def items(doc, p):
    """What a page holds, top to bottom: ('line', Line) for body lines, ('table', Fragment)."""
    its = [("line", l) for l in doc.body_lines[p]] + [("table", f) for f in doc.frags[p]]
    return sorted(its, key=lambda it: it[1].y0)


def find_line(doc, text, start=(1, 0)):
    """(page, index in items) of the first body line (or two consecutive lines) reading `text`, from start on."""
    for p in range(start[0], doc.npages + 1):
        its = items(doc, p)
        for i, (kind, it) in enumerate(its):
            if (p, i) < start or kind != "line":
                continue
            t = squash(it.text)
            if t == text:
                return p, i, i
            if text.startswith(t) and i + 1 < len(its) and its[i + 1][0] == "line" and t + squash(its[i + 1][1].text) == text:
                return p, i, i + 1
    return None


def check_keeps(doc, tables, headings, fail):
    """A caption and the heading before a table stay on the page of its first rows."""
    pos = (1, 0)
    for t in tables:
        if not t["caption"]:
            continue
        hit = find_line(doc, t["caption"], pos)
        if not hit:
            fail(f"caption '{t['caption']}' not found as a line")
            continue
        p, i, j = hit
        pos = (p, j + 1)
        its = items(doc, p)
        if j + 1 >= len(its) or its[j + 1][0] != "table":
            nxt = ("the page foot" if j + 1 >= len(its) else f"line '{its[j + 1][1].text}'"
                   if its[j + 1][0] == "line" else its[j + 1][1].describe())
            fail(f"caption '{t['caption']}' on page {p} (y {its[i][1].y0:.1f}) is followed by {nxt}, not by its table")
    for h in headings:
        hit = find_line(doc, h)
        if not hit:
            fail(f"heading '{h}' not found as a line")
            continue
        p, i, j = hit
        its = items(doc, p)
        if j + 1 >= len(its):
            fail(f"heading '{h}' is the last line of page {p} (y {its[i][1].y0:.1f}); it must stay with what follows")
            continue
        # the heading, any caption, then the table with its first body row, all on this page
        k = j + 1
        while k < len(its) and its[k][0] == "line" and k - j <= 2:
            k += 1
        if k >= len(its) or its[k][0] != "table":
            fail(f"heading '{h}' on page {p} (y {its[i][1].y0:.1f}) is not followed on that page by its table")


def repeated_lines(lines, mark):
    """The lines at the head of a column on a continuation page that repeat a cell
    split from the page before (they end with the continued mark): up to and
    including the first line that holds the mark, when the column begins so."""
    for j, l in enumerate(lines[:6]):
        if mark and mark in "".join(w.text for w in l.words):
            return j + 1
    return 0


def extract_column_text(doc, col_x0, col_x1, skip_header=True, drop_repeats=True):
    """Text of a table column across all pages, in page and line order, header rows
    left out, and (drop_repeats) the labels repeated after a page break too."""
    out = []
    mark = doc.tpl.continued_mark
    first = True
    for p in range(1, doc.npages + 1):
        for f in doc.frags[p]:
            hy = header_band(f)[1] if skip_header else f.y0
            ws = [w for w in f.words if w.yc > hy + EPS and col_x0 <= w.x0 + 0.5 < col_x1]
            lines = group_lines(ws, None) if ws else []
            skip = repeated_lines(lines, mark) if drop_repeats and not first else 0
            for l in lines[skip:]:
                out.append("".join(w.text for w in sorted(l.words, key=lambda w: w.x0)))
            first = False
    return squash("".join(out))


def repeated_words(doc, xs):
    """The words of every column that repeat a split cell (see repeated_lines)."""
    mark, drop, first = doc.tpl.continued_mark, set(), True
    for p in range(1, doc.npages + 1):
        for f in doc.frags[p]:
            if not first:
                hy = header_band(f)[1]
                for k in range(len(xs) - 1):
                    ws = [w for w in f.words if w.yc > hy + EPS and xs[k] <= w.x0 + 0.5 < xs[k + 1]]
                    lines = group_lines(ws, None) if ws else []
                    for l in lines[:repeated_lines(lines, mark)]:
                        drop.update(id(w) for w in l.words)
            first = False
    return drop
