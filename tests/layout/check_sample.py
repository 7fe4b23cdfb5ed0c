#!/usr/bin/env python3
"""Layout checks on one rendered source, read back from the PDF (poppler + qpdf).

usage: check_sample.py PLANPRESS SOURCE.xml lines|tables [--template T]

lines   no typeset line starts with a NO_START mark or ends with a
        NO_END mark (docs/typesetting.md §2), lines rebuilt per cell and per
        baseline from `pdftotext -bbox-layout` words; no word leaves the text
        area, no word of a table leaves its cell or enters its padding.
tables  every table fragment (one table on one page, found from the
        drawn rules) starts with its header row and has body rows under it; its
        borders are closed at the page foot and reopened at the head; its
        column rules sit where the template's column fractions put them; every
        word of every page inside the text area; captions and the heading right
        before a table stay on the page of its first rows; the page number at
        the foot of every page; for results tables, the dimensions' captions in
        source order, each with its score.
"""
import os, sys, tempfile
import xml.etree.ElementTree as ET
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pdflayout as L  # noqa: E402
from sources import sections  # noqa: E402



def headings_before_tables(src):
    """Headings (label + title) of sections whose first content is a table."""
    out = []
    for depth, heading, s in sections(src):
        kids = list(s)
        if depth <= 1 and kids and kids[0].tag in ("strategies", "table") and s.get("runin") != "yes":
            out.append(heading)
    return out


def check_dimensions(doc, src, tpl, fail):
    """The dimensions of a results table: captions in source order, each with its score."""
    root = ET.parse(src).getroot()
    text = L.squash(L.run(["pdftotext", "-raw", "-enc", "UTF-8", doc.pdf, "-"]).stdout)
    for st in root.iter("strategies"):
        name = st.get("columns") or tpl.default_columns
        fmt = tpl.columns[name]["caption"]
        dims = st.findall("dimension")
        if not fmt or not dims:
            continue
        pos = 0
        for n, d in enumerate(dims, 1):
            want = L.squash(L.caption_text(fmt, n, d))
            i = text.find(want, pos)
            if i < 0:
                where = text.find(want)
                fail(f"dimension {n} caption '{want}' " + ("missing" if where < 0 else "out of order"))
                continue
            if d.get("score") and L.squash(f"（{d.get('score')}分）") not in want:
                fail(f"dimension {n} caption '{want}' lacks its score {d.get('score')}")
            pos = i + len(want)


def narrowest_cell(doc):
    """The narrowest body cell holding text (the one with the most lines among
    the narrowest), and its lines, for the report."""
    cells = {}
    for p in range(1, doc.npages + 1):
        for l in doc.cell_lines(p):
            f, box = l.region
            if l.y0 < L.header_band(f)[1]:
                continue
            cells.setdefault((p, box), []).append(l.text)
    if not cells:
        return None
    w = min(b[2] - b[0] for _, b in cells)
    (p, box), lines = max(((k, v) for k, v in cells.items() if k[1][2] - k[1][0] < w + 0.01), key=lambda kv: len(kv[1]))
    return w, p, box, lines


def main():
    pp, src, what = sys.argv[1], sys.argv[2], sys.argv[3]
    template = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--template" else None
    failures = []
    fail = failures.append
    tmp = TMP
    rc, err, pdf, secs, _ = L.render(pp, src, tmp, template)
    if rc != 0:
        print(f"FAIL {src}: render exit {rc}: {err.strip()}")
        return 1
    tpl = L.template_for(src, template)
    doc = L.Doc(pdf, tpl)
    if doc.warn:
        fail(f"pdftotext warns: {doc.warn[:300]}")
    info = L.run(["pdfinfo", pdf]).stdout
    npages = int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))
    if npages != doc.npages:
        fail(f"pdfinfo says {npages} pages, pdftotext read {doc.npages}")
    tables = L.expected_tables(src, tpl)
    if what == "lines":
        L.check_kinsoku(doc, fail)
        L.check_area(doc, fail)
        nc = narrowest_cell(doc)
        if nc:
            w, p, (x0, y0, x1, y1), lines = nc
            print(f"narrowest cell: {w:.1f} pt wide ({w - 2 * tpl.padding:.1f} pt of text room), page {p} "
                  f"x {x0:.1f}-{x1:.1f} y {y0:.1f}-{y1:.1f}: " + " / ".join(lines))
    elif what == "tables":
        L.check_tables(doc, tables, fail)
        L.check_area(doc, fail)
        L.check_keeps(doc, tables, headings_before_tables(src), fail)
        L.check_page_numbers(doc, fail)
        check_dimensions(doc, src, tpl, fail)
        if any(t["caption"] for t in tables) or tables:
            print(f"{len(tables)} tables in the source, "
                  f"{sum(len(doc.frags[p]) for p in doc.frags)} table fragments on {doc.npages} pages")
    else:
        print(f"unknown check {what}")
        return 2
    for f in failures:
        print(f"FAIL {os.path.basename(src)} [{what}]: {f}")
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as TMP:
        sys.exit(main())
