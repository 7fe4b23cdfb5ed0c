#!/usr/bin/env python3
"""A strategy table of a shape no column set has (made by make_shapes.py): import
must give <strategies> with its columns declared -- the roles expected here, the
captions as the fixture's header row prints them, in order -- and every cell's
words; the source must check clean and render; the rendered table (render
--dump=blocks) must have the fixture's columns, captions and, slot by slot, the
text of the fixture's cells; the PDF's text (pdftotext) the captions; and, as set
(render --dump=pages), a column of short paragraphs (dates, units: six characters
at most) keeps each on one line and no column is set a character a line.
Usage: check_shapes.py PLANPRESS FIXTURE.docx|odt FIXTURE.fodt"""
import os, re, subprocess, sys, tempfile
import xml.etree.ElementTree as ET
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from verdict import check, failures, tally  # noqa: E402

PP, FIXTURE, FODT = sys.argv[1:4]
STEM = os.path.splitext(os.path.basename(FIXTURE))[0]
# what each header names (the fixture's header row gives the captions)
ROLES = {
    "units-first": ["units", "strategy", "outcome"],
    "seven-columns": ["dimension", "strategy", "sub", "outcome", "extra", "units", "extra"],
    "units-last": ["extra", "strategy", "outcome", "extra", "units"],
}
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def squash(s):
    return re.sub(r"\s+", "", s)


def run(*args):
    return subprocess.run([PP, *args], capture_output=True, text=True)


def fodt_table(path):
    """The fixture's table: header captions, and {(row, col): cell} over every slot
    (row 0 the header), each cell a dict(text, row, col)."""
    tbl = ET.parse(path).getroot().find(f".//{{{TABLE}}}table")
    rows = [r for r in tbl.iter(f"{{{TABLE}}}table-row")]
    slots, cells = {}, []
    for r, row in enumerate(rows):
        c = 0
        for el in row:     # ODF writes every slot: a covered one for each a span covers
            if el.tag == f"{{{TABLE}}}covered-table-cell":
                c += 1
                continue
            if el.tag != f"{{{TABLE}}}table-cell":
                continue
            paras = [squash("".join(p.itertext())) for p in el.iter(f"{{{TEXT}}}p")]
            cell = dict(text=squash("".join(paras)), row=r, col=c, paras=[p for p in paras if p])
            cells.append(cell)
            rs = int(el.get(f"{{{TABLE}}}number-rows-spanned", "1"))
            cs = int(el.get(f"{{{TABLE}}}number-columns-spanned", "1"))
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    slots[(rr, cc)] = cell
            c += 1
    header = [slots[(0, c)]["text"] for c in range(len(rows[0]))]
    return header, slots, cells, len(rows)


def dump_table(dump):
    """The first table of render --dump=blocks: ncols, and its cells as dict(row, col, text, head)."""
    cells, ncols, inside = [], None, False
    for line in dump.splitlines():
        m = re.match(r"table (\d+) cols x (\d+) rows", line)
        if m:
            if inside:
                break
            inside, ncols = True, int(m.group(1))
            continue
        if not inside:
            continue
        m = re.match(r"  cell r(\d+) c(\d+)", line)
        if m:
            cells.append(dict(row=int(m.group(1)), col=int(m.group(2)), text="", head=False))
            continue
        m = re.match(r"    (th|td) (.*)", line)
        if m and cells:
            t = m.group(2)
            lm = re.match(r"\[([^\]]*)\] (.*)", t)
            if lm:
                t = lm.group(1) + lm.group(2)
            cells[-1]["text"] += squash(t)
            cells[-1]["head"] = m.group(1) == "th"
        elif not line.startswith("    ") and not line.startswith("  cell"):
            break
    return ncols, cells


LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")

tmp = tempfile.mkdtemp()
header, slots, cells, nrows = fodt_table(FODT)
roles = ROLES[STEM]
check(len(header) == len(roles), f"{STEM}: the fixture has {len(header)} columns, the test expects {len(roles)}")

# import
src = os.path.join(tmp, STEM + ".xml")
r = run("import", FIXTURE, "-o", src)
check(r.returncode == 0, f"import exit {r.returncode}: {r.stderr[-800:]}")
check("imported with its columns declared" in r.stderr, f"import says the columns are declared: {r.stderr[-800:]}")
root = ET.parse(src).getroot() if os.path.exists(src) else None
if check(root is not None, "import wrote the source"):
    st = root.find(".//strategies")
    check(root.find(".//table") is None, "no generic <table>")
    if check(st is not None, "a <strategies>"):
        check(st.get("columns") is None, "no preset named")
        decl = [(c.get("content"), c.get("header")) for c in st.findall("columns/column")]
        check(decl == list(zip(roles, header)), f"declared columns {decl}, want {list(zip(roles, header))}")
        keys = [c.get("key") for c in st.findall("columns/column") if c.get("content") == "extra"]
        check(None not in keys and len(set(keys)) == len(keys), f"each extra column its own key: {keys}")
        # every body cell's words are in the source (a strategy's typed label may go to the numbering)
        words = squash("".join(st.itertext()) + "".join(e.get("name", "") for e in st.iter()))
        for cell in cells:
            if cell["row"] == 0:
                continue
            t = LABEL.sub("", cell["text"])
            check(t in words, f"cell r{cell['row']} c{cell['col']} 「{cell['text']}」 is in the source")
        # each extra column's cells are the <extra key> of the rows they are in
        for k, (role, cap) in enumerate(zip(roles, header)):
            if role != "extra":
                continue
            key = st.findall("columns/column")[k].get("key")
            got = [squash("".join(e.itertext())) for e in st.iter("extra") if e.get("key") == key]
            want = [c["text"] for c in cells if c["row"] > 0 and c["col"] == k and c["text"]]
            check(got == want, f"extra column {cap}: {got}, want {want}")

    # check
    r = run("check", src)
    check(r.returncode == 0, f"check exit {r.returncode}: {r.stdout[-400:]}{r.stderr[-800:]}")

    # render: the table's columns, captions and cells, slot by slot
    pdf = os.path.join(tmp, STEM + ".pdf")
    r = run("render", src, "-o", pdf, "--dump=blocks")
    check(r.returncode == 0 and os.path.exists(pdf), f"render exit {r.returncode}: {r.stderr[-800:]}")
    ncols, rcells = dump_table(r.stdout + r.stderr)
    check(ncols == len(header), f"rendered table has {ncols} columns, the fixture {len(header)}")
    heads = [c["text"] for c in sorted(rcells, key=lambda c: c["col"]) if c["head"] and c["row"] == 0]
    check(heads == header, f"rendered captions {heads}, want {header}")
    at = {(c["row"], c["col"]): c for c in rcells}
    for c in rcells:
        if c["row"] == 0:
            continue
        want = slots.get((c["row"], c["col"]))
        check(want is not None and want["text"] == c["text"],
              f"rendered r{c['row']} c{c['col']} 「{c['text']}」, the fixture has 「{want['text'] if want else None}」")
    for cell in cells:
        if cell["row"] == 0 or not cell["text"]:
            continue
        got = at.get((cell["row"], cell["col"]))
        check(got is not None and got["text"] == cell["text"],
              f"fixture r{cell['row']} c{cell['col']} 「{cell['text']}」 rendered as 「{got['text'] if got else None}」")
    check(max((c["row"] for c in rcells), default=0) + 1 == nrows, f"rendered rows {max((c['row'] for c in rcells), default=0) + 1}, the fixture's {nrows}")
    # the PDF's text: every caption
    if os.path.exists(pdf):
        txt = squash(subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout)
        for h in header:
            check(h in txt, f"caption 「{h}」 in the PDF's text")

    # the set table, from render --dump=pages: table text runs by position
    r = run("render", src, "-o", os.path.join(tmp, STEM + "-2.pdf"), "--dump=pages")
    runs = []
    for line in (r.stdout + r.stderr).splitlines():
        m = re.match(r"\s*([\d.]+)\s+([\d.]+)\s+td\s+(.*)$", line)
        if m:
            runs.append((float(m.group(1)), float(m.group(2)), m.group(3)))
    # the text of each baseline, left to right (cells side by side run together)
    rows_ = {}
    for x, y, t in runs:
        rows_.setdefault(y, []).append((x, t))
    texts = {y: "".join(t for _, t in sorted(v)) for y, v in rows_.items()}
    # a column whose every paragraph is at most six characters (dates, units) keeps
    # each on one line
    widest = {}
    for cell in cells:
        if cell["row"] > 0:
            widest[cell["col"]] = max([widest.get(cell["col"], 0)] + [len(t) for t in cell["paras"]])
    for cell in cells:
        if cell["row"] > 0 and widest[cell["col"]] <= 6:
            for t in cell["paras"]:
                check(any(t in line for line in texts.values()), f"「{t}」 of a short column is not set on one line")
    # no column so narrow that a cell is set a character a line: a one-character
    # line under another one-character line of the same column
    # (runs start where their cell's line starts or after a run on the same line)
    starts = {}
    for x, y, t in runs:
        starts.setdefault((round(x, 1), y), []).append(t)
    singles = sorted((x, y) for (x, y), ts in starts.items()
                     if len(ts) == 1 and len(ts[0]) == 1 and not ts[0].isdigit() and
                     not any(abs(y2 - y) < 0.1 and x < x2 < x + 14 for x2, y2, _ in runs))
    for (x, y) in singles:
        check(not any(abs(x2 - x) < 1 and 0 < y - y2 < 30 for (x2, y2) in singles),
              f"a column set a character a line at x {x:.1f}, y {y:.1f}")

tally(f"{STEM} ({os.path.basename(FIXTURE)})")
