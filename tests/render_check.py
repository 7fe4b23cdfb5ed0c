#!/usr/bin/env python3
"""Render test for one source: renders it, then reads the PDF back with poppler
and qpdf and checks it against names taken from the source itself (so the test
stays true as samples change): every section heading with its number, every
dimension, group and strategy name, fonts embedded/subset/with ToUnicode, no
tool warnings. Usage: render_check.py PLANPRESS SOURCE.xml [TEMPLATE]"""
import os, re, sys, tempfile
import xml.etree.ElementTree as ET
from sources import sections, squash
from verdict import check, failures, report, run

def inline_text(el):
    return squash("".join(el.itertext()))

def main():
    pp, src = sys.argv[1], sys.argv[2]
    extra = ["--template", sys.argv[3]] if len(sys.argv) > 3 else []
    tmp = tempfile.mkdtemp()
    pdf = os.path.join(tmp, "out.pdf")
    r = run(pp, "render", src, "-o", pdf, *extra)
    if not check(r.returncode == 0, f"render exit {r.returncode}: {r.stderr.strip()}"):
        return report(src)
    check("error" not in r.stderr, f"render printed errors: {r.stderr.strip()}")

    q = run("qpdf", "--check", pdf)
    check(q.returncode == 0 and "WARNING" not in q.stdout + q.stderr, f"qpdf --check: {q.stdout[-400:]} {q.stderr[-400:]}")

    f = run("pdffonts", pdf)
    rows = f.stdout.splitlines()[2:]
    check(len(rows) > 0, "pdffonts lists no fonts")
    for row in rows:
        cols = row.split()
        check(cols[-5:-2] == ["yes", "yes", "yes"], f"font not embedded+subset+ToUnicode: {row}")

    # -raw: content-stream order, which planpress writes in reading order
    # (cell by cell, row by row), so a cell's lines stay together
    t = run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
    check(t.stderr.strip() == "", f"pdftotext warns: {t.stderr.strip()[:300]}")
    doc = ET.parse(src).getroot()
    meta = doc.find("meta")
    running_header = None
    if extra:
        tpl = ET.parse(extra[1] if os.path.exists(extra[1]) else os.path.join(
            os.path.dirname(os.path.abspath(__file__)), "..", "templates", extra[1] + ".xml")).getroot()
        rh = tpl.find("running-header")
        if rh is not None:
            year = meta.findtext("year") or ""
            fmt = rh.get("format") if year else rh.get("format").replace("{year}年度", "")
            running_header = squash(fmt.replace("{agency}", meta.findtext("agency")).replace(
                "{year}", year).replace("{title}", meta.findtext("title")))
    # Page furniture is not content: drop each page's number and, on pages a
    # table continues onto, its repeated header row (column headers from the templates).
    tdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates")
    headers = set()
    for name in os.listdir(tdir):
        if name.endswith(".xml"):
            for col in ET.parse(os.path.join(tdir, name)).getroot().iter("column"):
                if col.get("header"):
                    headers.add(squash(col.get("header")))
    pages = []
    for page in t.stdout.split("\f"):
        lines = [squash(l) for l in page.splitlines()]
        lines = [l for l in lines if l and not re.fullmatch(r"-\d+-|第\d+頁，共\d+頁", l)]
        if running_header and lines and lines[0] == running_header:
            lines.pop(0)
        while lines and lines[0] in headers:
            lines.pop(0)
        pages.append("".join(lines))
    text = "".join(pages)

    def present(want):
        """In the text, or split by a page break: a row split between lines puts the
        rest of a cell on the next page, after that page's other cells' first parts."""
        if want in text:
            return True
        for k in range(len(pages) - 1):
            for i in range(1, len(want)):
                if want[:i] in pages[k] and want[i:] in pages[k + 1]:
                    return True
        return False

    for _, want, _ in sections(doc):
        check(want in text, f"section heading missing: {want}")
    for el in doc.iter():
        if el.tag in ("dimension", "group"):
            check(present(squash(el.get("name"))), f"{el.tag} name missing: {el.get('name')}")
        elif el.tag == "strategy":
            name = inline_text(el.find("name"))
            check(present(name), f"strategy name missing: {name}")
        elif el.tag == "unit":
            check(present(squash(el.text)), f"unit missing: {el.text}")
    # a strategy's name never stands at a page foot without its first sub-item
    for st in doc.iter("strategy"):
        sub = st.find("sub")
        if sub is None:
            continue
        name = inline_text(st.find("name"))
        first = squash("".join(sub.find("desc").itertext()))[:8]
        on = [k for k, pg in enumerate(pages) if name[:8] in pg]
        check(any(first in pages[k] for k in on), f"strategy 「{name}」 parted from its first sub-item by a page break")
    check(squash(meta.findtext("agency")) in text, "agency missing")
    check(squash(meta.findtext("title")) in text, "title missing")
    return report(src)

sys.exit(main())
