"""What the ODF tests read from a package, written independently of the
program: the zip's first local header, the parts, styles resolved through
their parents, the body as a list of paragraphs and tables (each table as a
grid of cells with their spans, rebuilt from table-cell and
covered-table-cell), and planpress's own --dump=blocks to compare against."""
import re
import struct
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def q(name):
    """'text:p' -> '{urn:...text:1.0}p'"""
    p, local = name.split(":")
    return "{%s}%s" % (NS[p], local)


def squash(s):
    return re.sub(r"\s+", "", s or "")


def first_entry(path):
    """(name, method, extra length, data) of the zip's first local file header."""
    with open(path, "rb") as f:
        head = f.read(30)
        sig, _, _, method, _, _, _, csize, _, nlen, xlen = struct.unpack("<IHHHHHIIIHH", head)
        if sig != 0x04034B50:
            return None
        name = f.read(nlen).decode("utf-8", "replace")
        f.read(xlen)
        return name, method, xlen, f.read(csize)


def length_pt(v):
    """'12.5pt', '2cm', '25mm', '1in' -> points."""
    if v is None:
        return None
    m = re.fullmatch(r"(-?[0-9.]+)(pt|cm|mm|in|pc|px)?", v)
    if not m:
        return None
    k = {"pt": 1, None: 1, "cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72, "pc": 12, "px": 0.75}[m.group(2)]
    return float(m.group(1)) * k


def text_of(el):
    """A paragraph's text as read: <text:s/> as spaces, tabs, line breaks as newlines."""
    out = [el.text or ""]
    for c in el:
        if c.tag == q("text:s"):
            out.append(" " * int(c.get(q("text:c"), "1")))
        elif c.tag == q("text:tab"):
            out.append("\t")
        elif c.tag == q("text:line-break"):
            out.append("\n")
        else:
            out.append(text_of(c))
        out.append(c.tail or "")
    return "".join(out)


class Package:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.parts = {n: self.zip.read(n) for n in self.zip.namelist()}
        self.content = ET.fromstring(self.parts["content.xml"])
        self.styles_doc = ET.fromstring(self.parts["styles.xml"])
        self.meta = ET.fromstring(self.parts["meta.xml"])
        self.manifest = ET.fromstring(self.parts["META-INF/manifest.xml"])
        self.styles = {}       # (family, name) -> element, named and automatic
        for root in (self.styles_doc, self.content):
            for st in root.iter(q("style:style")):
                self.styles[(st.get(q("style:family")), st.get(q("style:name")))] = st
        self.defaults = {d.get(q("style:family")): d for d in self.styles_doc.iter(q("style:default-style"))}

    def prop(self, family, name, props, attr):
        """An attribute of a style's <style:PROPS>, looked up through its parents
        and at last in the family's default style; None when nowhere."""
        seen = set()
        while name and (family, name) not in seen:
            seen.add((family, name))
            st = self.styles.get((family, name))
            if st is None:
                break
            p = st.find(q("style:" + props))
            if p is not None and p.get(q(attr)) is not None:
                return p.get(q(attr))
            name = st.get(q("style:parent-style-name"))
        d = self.defaults.get(family)
        p = d.find(q("style:" + props)) if d is not None else None
        return p.get(q(attr)) if p is not None else None

    def named(self, family, name):
        """The named (office:styles) style, or None."""
        for st in self.styles_doc.find(q("office:styles")).iter(q("style:style")):
            if st.get(q("style:family")) == family and st.get(q("style:name")) == name:
                return st
        return None

    def body(self):
        """office:text's children in order: ('p'|'h', element), ('table', Table) and ('toc', element)."""
        out = []
        text = self.content.find(q("office:body")).find(q("office:text"))
        for el in text:
            if el.tag == q("text:p"):
                out.append(("p", el))
            elif el.tag == q("text:h"):
                out.append(("h", el))
            elif el.tag == q("table:table"):
                out.append(("table", Table(el)))
            elif el.tag == q("text:table-of-content"):
                out.append(("toc", el))
        return out


class Table:
    """A table as a grid: cells[(row, col)] = (rowspan, colspan, element);
    covered = positions written as covered-table-cell."""

    def __init__(self, el):
        self.el = el
        self.name = el.get(q("table:name"))
        # a column, row or cell may stand for several (number-*-repeated), as Writer saves them
        rep = lambda e, a: int(e.get(q(a), "1"))  # noqa: E731
        self.columns = [c for c in el.findall(q("table:table-column"))
                        for _ in range(rep(c, "table:number-columns-repeated"))]
        hdr = el.find(q("table:table-header-rows"))
        expand = lambda rows: [r for r in rows for _ in range(rep(r, "table:number-rows-repeated"))]  # noqa: E731
        self.head_rows = expand(hdr.findall(q("table:table-row"))) if hdr is not None else []
        self.rows = self.head_rows + expand(el.findall(q("table:table-row")))
        self.nhead = len(self.head_rows)
        self.cells, self.covered, self.row_lengths = {}, set(), []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                for _ in range(rep(cell, "table:number-columns-repeated")):
                    if cell.tag == q("table:table-cell"):
                        rs = int(cell.get(q("table:number-rows-spanned"), "1"))
                        cs = int(cell.get(q("table:number-columns-spanned"), "1"))
                        self.cells[(r, c)] = (rs, cs, cell)
                    elif cell.tag == q("table:covered-table-cell"):
                        self.covered.add((r, c))
                    else:
                        break
                    c += 1
            self.row_lengths.append(c)
        self.ncols = len(self.columns)
        self.nrows = len(self.rows)

    def spans_consistent(self):
        """Every position is one cell's or covered by exactly one span; returns a
        problem or None."""
        owned = {}
        for (r, c), (rs, cs, _) in self.cells.items():
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    if (rr, cc) in owned:
                        return f"position {rr},{cc} in two cells"
                    owned[(rr, cc)] = (r, c)
        want = {p for p, o in owned.items() if p != o}
        if want != self.covered:
            return f"covered cells {sorted(self.covered ^ want)[:5]} do not match the spans"
        for r, n in enumerate(self.row_lengths):
            if n != self.ncols:
                return f"row {r} has {n} positions, the table {self.ncols} columns"
        return None

    def paragraphs(self, pos):
        cell = self.cells[pos][2]
        return [text_of(p) for p in cell if p.tag in (q("text:p"), q("text:h"))]


def dump_blocks(text):
    """planpress --dump=blocks parsed: ('para', role, indent, label, text) and
    ('table', {ncols, nrows, nhead, widths, cells: {(r, c): (rs, cs, [paras])}})."""
    out = []
    para = re.compile(r"^(\s*)(\w+)(?: indent=(\S+))?(?: \[([^\]]*)\])? ?(.*)$")
    cur = None
    for line in text.splitlines():
        m = re.match(r"^table (\d+) cols x (\d+) rows \((\d+) head\) widths(.*)$", line)
        if m:
            cur = {"ncols": int(m.group(1)), "nrows": int(m.group(2)), "nhead": int(m.group(3)),
                   "widths": [float(w) for w in m.group(4).split()], "cells": {}}
            out.append(("table", cur))
            continue
        m = re.match(r"^  cell r(\d+) c(\d+)(?: rowspan=(\d+))?(?: colspan=(\d+))?$", line)
        if m:
            key = (int(m.group(1)), int(m.group(2)))
            cur["cells"][key] = (int(m.group(3) or 1), int(m.group(4) or 1), [])
            last = cur["cells"][key][2]
            continue
        m = para.match(line)
        if not m:
            continue
        item = (m.group(2), m.group(3) or "", m.group(4) or "", m.group(5))
        if m.group(1):
            last.append(item)
        else:
            cur = None
            out.append(("para",) + item)
    return out
