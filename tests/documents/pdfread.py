"""Reads a rendered PDF back for the document tests, with real clients only:

- words: `pdftotext -bbox-layout` (poppler), y from the page top, per page with
  the page's own size (landscape pages inside a portrait document included);
- characters: `mutool draw -F stext` (one box per glyph, y from the top), for
  what word boxes cannot tell: where a decimal point or a number's last digit is;
- rules: the page content streams, decompressed with `qpdf --qdf` (planpress
  draws every border as an `x y m x y l` segment), turned top-down with each
  page's height; connected rules are one table fragment (tests/layout/pdflayout);
- metadata and page sizes: `pdfinfo`; links: `qpdf --json=2` (/Annots, /Dest).
"""
import json, os, re, subprocess, sys, tempfile
from html import unescape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layout"))
import pdflayout  # noqa: E402
from pdflayout import Word, Seg, fragments, group_lines, squash, EPS  # noqa: E402,F401


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def info(pdf):
    """pdfinfo's fields (UTF-8), and per page (width, height, rotation)."""
    r = run(["pdfinfo", "-enc", "UTF-8", pdf])
    fields = {}
    for line in r.stdout.splitlines():
        k, _, v = line.partition(":")
        fields.setdefault(k.strip(), v.strip())
    n = int(fields.get("Pages", "0"))
    sizes = []
    if n:
        r2 = run(["pdfinfo", "-f", "1", "-l", str(n), pdf])
        size = {int(m.group(1)): (float(m.group(2)), float(m.group(3)))
                for m in re.finditer(r"Page\s+(\d+) size:\s+([0-9.]+) x ([0-9.]+)", r2.stdout)}
        rot = {int(m.group(1)): int(m.group(2)) for m in re.finditer(r"Page\s+(\d+) rot:\s+(\d+)", r2.stdout)}
        sizes = [(size[p][0], size[p][1], rot.get(p, 0)) for p in range(1, n + 1)]
    return fields, sizes


def raw_info(pdf):
    """The document information dictionary as qpdf decodes it (strings unchanged,
    so a control character in /Title or /Subject shows)."""
    j = json.loads(run(["qpdf", "--json=2", "--json-key=qpdf", pdf]).stdout)
    objs = j["qpdf"][1]
    trailer = objs.get("trailer", {}).get("value", {})
    ref = trailer.get("/Info")
    if ref is None:
        # a cross-reference stream: the trailer keys live in the stream dictionary
        for k, v in objs.items():
            d = v.get("stream", {}).get("dict", {}) if isinstance(v, dict) else {}
            if d.get("/Type") == "/XRef" and "/Info" in d:
                ref = d["/Info"]
                break
    d = objs.get("obj:" + ref, {}).get("value", {}) if ref else {}
    out = {}
    for k, v in d.items():
        if isinstance(v, str) and v.startswith("u:"):
            out[k.lstrip("/")] = v[2:]
        elif isinstance(v, str) and v.startswith("b:"):
            raw = bytes.fromhex(v[2:])
            out[k.lstrip("/")] = raw[2:].decode("utf-16-be", "replace") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1")
        else:
            out[k.lstrip("/")] = v
    return out


WORD_RE = re.compile(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">(.*?)</word>')


def words(pdf):
    """Per page (0-based list): Word list; and per page (width, height)."""
    r = run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", pdf, "-"])
    pages, sizes = [], []
    for chunk in r.stdout.split("<page ")[1:]:
        m = re.match(r'width="([0-9.]+)" height="([0-9.]+)"', chunk)
        sizes.append((float(m.group(1)), float(m.group(2))))
        n = len(pages) + 1
        pages.append([Word(n, float(a), float(b), float(c), float(d), unescape(t))
                      for a, b, c, d, t in WORD_RE.findall(chunk)])
    return pages, sizes


class CLine:
    """A line as mutool groups glyphs: its characters with their boxes."""
    __slots__ = ("page", "chars")

    def __init__(self, page, chars):
        self.page, self.chars = page, chars     # [(c, x0, y0, x1, y1)]

    @property
    def text(self):
        return "".join(c[0] for c in self.chars)

    @property
    def x0(self):
        return min(c[1] for c in self.chars)

    @property
    def x1(self):
        return max(c[3] for c in self.chars)

    @property
    def yc(self):
        return sum((c[2] + c[4]) / 2 for c in self.chars) / len(self.chars)


CHAR_RE = re.compile(r'<char quad="([-0-9.e]+) ([-0-9.e]+) ([-0-9.e]+) [-0-9.e]+ [-0-9.e]+ ([-0-9.e]+) [^"]*"[^>]* c="([^"]*)"/>')


def char_lines(pdf):
    """Per page (0-based): CLine list, each split where mutool's line has a gap
    wider than half an em (neighbouring table cells on one baseline)."""
    r = run(["mutool", "draw", "-F", "stext", "-o", "-", pdf])
    pages = []
    for chunk in r.stdout.split("<page ")[1:]:
        n = len(pages) + 1
        out = []
        for lm in re.finditer(r"<line [^>]*>(.*?)</line>", chunk, re.S):
            chars = [(unescape(c), float(x0), float(y0), float(x1), float(y1))
                     for x0, y0, x1, y1, c in CHAR_RE.findall(lm.group(1))]
            cur = []
            for ch in chars:
                if cur and (ch[1] - cur[-1][3] > 0.5 * (ch[4] - ch[2]) or ch[1] < cur[-1][1] - 0.1):
                    out.append(CLine(n, cur))
                    cur = []
                cur.append(ch)
            if cur:
                out.append(CLine(n, cur))
        pages.append(out)
    return pages


def rules(pdf, heights):
    """Per page (1-based dict): rule segments with y from the top of that page."""
    return {n: segs for n, (segs, _) in pdflayout.read_graphics(pdf, heights).items()}


def links(pdf):
    """Per page (0-based): [(rect (x0, y0, x1, y1) in PDF space, dest page index
    0-based or None, dest top in PDF space or None)]."""
    j = json.loads(run(["qpdf", "--json=2", "--json-key=pages", "--json-key=qpdf", pdf]).stdout)
    objs = j["qpdf"][1]
    page_refs = [p["object"] for p in j["pages"]]

    def val(ref):
        v = objs.get("obj:" + ref, {}).get("value") if isinstance(ref, str) and ref.endswith(" R") else ref
        return v

    out = []
    for ref in page_refs:
        page = val(ref) or {}
        annots = val(page.get("/Annots")) or []
        got = []
        for a in annots:
            a = val(a) or {}
            if a.get("/Subtype") != "/Link":
                continue
            dest = val(a.get("/Dest"))
            if dest is None and isinstance(val(a.get("/A")), dict):
                dest = val(val(a.get("/A")).get("/D"))
            dp = page_refs.index(dest[0]) if isinstance(dest, list) and dest and dest[0] in page_refs else None
            top = dest[2] if isinstance(dest, list) and len(dest) > 2 and isinstance(dest[2], (int, float)) else None
            got.append((tuple(a.get("/Rect", (0, 0, 0, 0))), dp, top))
        out.append(got)
    return out


class Reading:
    """A rendered PDF: words, glyph lines, table fragments and body lines per page."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.info, self.page_sizes = info(pdf)
        self.words, sizes = words(pdf)
        self.sizes = sizes
        self.npages = len(self.words)
        self.clines = char_lines(pdf)
        segs = rules(pdf, [h for _, h in sizes])
        self.frags = {}
        self.body = {}
        for p in range(1, self.npages + 1):
            fr = fragments(p, segs.get(p, [])) if segs.get(p) else []
            # tables: rules that close boxes, at least a character wide and high
            # (not an underline; not the box drawn for a missing glyph)
            fr = [f for f in fr if f.v and f.x1 - f.x0 > 16 and f.y1 - f.y0 > 16]
            self.frags[p] = fr
            body = []
            for w in self.words[p - 1]:
                f = next((f for f in fr if f.contains(w.x0 + 0.5, w.yc)), None)
                if f is not None:
                    f.words.append(w)
                else:
                    body.append(w)
            self.body[p] = group_lines(body, None) if body else []

    def all_frags(self):
        return [f for p in range(1, self.npages + 1) for f in self.frags[p]]

    def body_lines(self):
        """(page, Line) for every line outside the tables, in reading order."""
        return [(p, l) for p in range(1, self.npages + 1) for l in self.body[p]]


def header_band(f):
    """y range of a fragment's header row: its top rule to the first rule below it
    that spans the whole width."""
    rows = [y for y in f.full_rows() if y > f.y0 + EPS]
    return f.y0, (rows[0] if rows else f.y1)


def edges(f, y):
    """x of the vertical rules of fragment f that cross height y, left to right."""
    xs = sorted({round(s.x0, 2) for s in f.v if s.y0 - EPS <= y <= s.y1 + EPS})
    out = []
    for x in xs:
        if not out or x - out[-1] > EPS:
            out.append(x)
    return out


def column_edges(f):
    """x of every column boundary of fragment f (any vertical rule in it)."""
    xs = sorted({round(s.x0, 2) for s in f.v})
    out = []
    for x in xs:
        if not out or x - out[-1] > EPS:
            out.append(x)
    return out


def cells(f, y0=None, y1=None):
    """Words of fragment f grouped by the box between the rules around them:
    {(x0, y0, x1, y1): [Line…]} for words whose centre is within [y0, y1]."""
    box = {}
    for w in f.words:
        if y0 is not None and w.yc < y0 - EPS:
            continue
        if y1 is not None and w.yc > y1 + EPS:
            continue
        box.setdefault(f.cell_at(w.x0 + 0.5, w.yc), []).append(w)
    return {b: group_lines(ws, None) for b, ws in box.items()}
