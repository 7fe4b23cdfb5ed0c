#!/usr/bin/env python3
"""Stress and pagination render tests: generates a source with gen.py
into a temporary folder, renders it (with a time limit: a hang is a failure),
and reads the PDF back.

usage: check_stress.py PLANPRESS NAME [--time-limit S]
NAME: rows1000 longcell wide16 narrowcol token200 rowsplit keeps

Every case asserts: exit 0; no line starts with a NO_START or ends with a
NO_END mark; every word inside the text area and inside its cell (off the
padding); every table fragment closed, its header row first with body rows
under it; the page number on every page; and every cell's text extracts back
whole, in order, once (column by column across pages, header rows left out).
Then per case:
  wide16, narrowcol, token200  a warning names the source line of each row where
                               a word had to be broken to fit;
  rowsplit  a row whose cells are all one or two lines is never split; a split
            cell keeps at least two lines on each page; lines stay in order;
  longcell  the cell longer than a page keeps at least two lines on each page;
  rows1000  rendered within the time limit;
  longcell  the line quality of tests/typeset/measure.py: no gap over 0.6 em,
            at most 0.5 % of lines over 0.4 em, Han-Latin gaps within 1/6..1/3
            em, no one-character last line from 5 em, every line but a
            paragraph's last filling its measure; rowsplit (lines the author
            broke), wide16, narrowcol, token200 (words broken to fit): no gap
            over 0.6 em;
  keeps     the caption 構面二:服務遞送（300 分） and the heading before it stay on
            the page of the table's first rows, wherever the page foot falls; the
            rowsplit rules hold for its rows (the first has cells of 1, 3 and 8 lines).
"""
import os, re, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "typeset"))
import pdflayout as L
import gen
import measure


def check_quality(doc, fail, full):
    """Line quality read back from the glyphs (tests/typeset/measure.py)."""
    res = measure.measure(doc.pdf, doc.src)
    for ln in res["gap06"]:
        fail(f"gap over 0.6 em: {ln.where()}: {ln.text}")
    if not full:
        return
    if len(res["gap04"]) > 0.005 * max(1, res["lines"]):
        fail(f"{len(res['gap04'])} of {res['lines']} lines with a gap over 0.4 em")
    for ln, why in res["band"]:
        fail(f"{why}: {ln.where()}: {ln.text}")
    for ln, room in res["orphan"]:
        fail(f"one-character last line in {room:.1f} em: {ln.where()}: {ln.text}")
    for ln, short in res["short"]:
        fail(f"line inside a paragraph {short:.2f} em short of its measure: {ln.where()}: {ln.text}")


def common(doc, meta, fail):
    L.check_kinsoku(doc, fail)
    L.check_area(doc, fail)
    tables = L.expected_tables(doc.src, doc.tpl)
    L.check_tables(doc, tables, fail)
    L.check_page_numbers(doc, fail)
    xs = doc.tpl.column_xs(meta["widths"])
    for k, want_cells in enumerate(meta["columns"]):
        want = L.squash("".join(want_cells))
        got = L.extract_column_text(doc, xs[k], xs[k + 1])
        if got != want:
            i = next((i for i in range(min(len(got), len(want))) if got[i] != want[i]), min(len(got), len(want)))
            fail(f"column {k + 1} text does not extract back: {len(got)} characters, want {len(want)}; "
                 f"first difference at {i}: got '{got[max(0, i - 15):i + 25]}' want '{want[max(0, i - 15):i + 25]}'")


def diag_lines(err, src):
    base = re.escape(os.path.basename(src))
    return [int(m.group(1)) for m in re.finditer(rf"^\S*{base}:(\d+):\d+: warning: .*broken to fit", err, re.M)]


def check_forced(err, src, meta, fail, every):
    named = diag_lines(err, src)
    want = meta["forced_lines"]
    if every:
        for ln in want:
            if ln not in named:
                fail(f"no warning names source line {ln}, where a word had to be broken to fit "
                     f"(warnings name lines {sorted(set(named))})")
    elif not any(ln in want for ln in named):
        fail(f"no warning names a line of the table (lines {want[0]}-{want[-1]}) where words had to be "
             f"broken to fit; stderr: {err.strip()[:300]}")
    dup = [m for m in set(err.splitlines()) if err.splitlines().count(m) > 1]
    if dup:
        print(f"note: {len(dup)} messages printed more than once, e.g. '{dup[0]}'")


def token_positions(doc, drop=()):
    pos = {}
    for p in range(1, doc.npages + 1):
        for w in doc.words[p - 1]:
            if id(w) in drop:
                continue
            for t in re.findall(r"R\d\dC\dL\d", w.text):
                pos.setdefault(t, []).append((p, w.y0, w.x0))
    return pos


def check_rowsplit(doc, meta, fail, need_split=True):
    # a split row's first cell is repeated (with the continued mark) on the next page
    pos = token_positions(doc, L.repeated_words(doc, doc.tpl.column_xs(meta["widths"])))
    splits = 0
    for i, row in enumerate(meta["rows"]):
        tallest = max(len(c) for c in row)
        pages_of_row = set()
        for k, toks in enumerate(row):
            at = []
            for t in toks:
                got = pos.get(t, [])
                if len(got) != 1:
                    fail(f"row {i} line '{t}' appears {len(got)} times")
                    continue
                at.append(got[0])
            if at != sorted(at):
                fail(f"row {i} column {k + 1}: lines out of order: {at}")
            per_page = {}
            for p, _, _ in at:
                per_page[p] = per_page.get(p, 0) + 1
            pages_of_row |= set(per_page)
            if len(per_page) > 1 and min(per_page.values()) < 2:
                parts = ", ".join(f"{n} on page {p}" for p, n in sorted(per_page.items()))
                fail(f"row {i} column {k + 1} ({len(toks)} lines: {toks[0]}..{toks[-1]}) split {parts}: "
                     f"fewer than two lines on one side")
        if len(pages_of_row) > 1:
            splits += 1
            if tallest <= 2:
                fail(f"row {i}, whose cells are all one or two lines, is split over pages {sorted(pages_of_row)}")
    if need_split and splits == 0:
        fail("no row was split at a page break: the test no longer exercises row splitting")
    return splits


def check_longcell(doc, meta, fail):
    xs = doc.tpl.column_xs(meta["widths"])
    per_page = {}
    for p in range(1, doc.npages + 1):
        for f in doc.frags[p]:
            hy = L.header_band(f)[1]
            ws = [w for w in f.words if w.yc > hy and w.x0 >= xs[2] - L.EPS]
            n = len(L.group_lines(ws, None)) if ws else 0
            if n:
                per_page[p] = per_page.get(p, 0) + n
    if len(per_page) < 3:
        fail(f"the long cell spans only pages {sorted(per_page)}: the test needs a cell longer than a page")
    for p, n in per_page.items():
        if n < 2:
            fail(f"page {p} holds {n} line of the last column (fewer than two)")


def render_doc(pp, src, outdir, limit, fail):
    try:
        rc, err, pdf, secs, _ = L.render(pp, src, outdir, timeout=limit)
    except subprocess.TimeoutExpired:
        fail(f"render did not finish within {limit:g} s: a hang")
        return None, "", 0
    except OSError as e:
        fail(f"could not run {pp}: {e}")
        return None, "", 0
    if rc != 0:
        fail(f"render exit {rc}: {err.strip()[:400]}")
        return None, err, secs
    doc = L.Doc(pdf, L.template_for(src))
    doc.src = src
    if doc.warn:
        fail(f"pdftotext warns: {doc.warn[:300]}")
    return doc, err, secs


def main():
    pp, name = sys.argv[1], sys.argv[2]
    limit = float(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--time-limit" else 10.0
    tmp = TMP
    failures = []

    def fail(m, ctx=""):
        failures.append(ctx + m)

    if name == "rowsplit":
        # the same table after 0 to 7 filler lines: page breaks fall at other rows and lines
        splits = 0
        for k in range(8):
            src, meta = gen.write(tmp, f"rowsplit{k}", lambda: gen.rowsplit(k))
            ctx = f"[{k} filler lines] "
            doc, err, secs = render_doc(pp, src, tmp, limit, lambda m: fail(m, ctx))
            if not doc:
                continue
            common(doc, meta, lambda m: fail(m, ctx))
            # its cells are lines the author broke (<br/>): ragged by design
            check_quality(doc, lambda m: fail(m, ctx), full=False)
            splits += check_rowsplit(doc, meta, lambda m: fail(m, ctx), need_split=False)
        if splits == 0:
            fail("no row was split at a page break: the test no longer exercises row splitting")
        print(f"{splits} rows split across pages over 8 offsets")
    elif name == "keeps":
        # sweep the position of the heading over the foot of page 1 and the head of page 2
        splits = 0
        for k in range(12, 44):
            src, meta = gen.write(tmp, f"keeps{k}", lambda: gen.keeps(k))
            ctx = f"[{k} filler lines] "
            doc, err, secs = render_doc(pp, src, tmp, limit, lambda m: fail(m, ctx))
            if not doc:
                continue
            common(doc, meta, lambda m: fail(m, ctx))
            tables = L.expected_tables(src, doc.tpl)
            L.check_keeps(doc, tables, [meta["heading"]], lambda m: fail(m, ctx))
            splits += check_rowsplit(doc, meta, lambda m: fail(m, ctx), need_split=False)
        if splits == 0:
            fail("no row was split at a page foot in any position: the sweep no longer exercises splitting")
        print(f"{splits} rows split across pages over the sweep")
    else:
        src, meta = gen.write(tmp, name)
        doc, err, secs = render_doc(pp, src, tmp, limit, fail)
        if doc:
            print(f"{name}: rendered in {secs:.2f} s, {doc.npages} pages")
            common(doc, meta, fail)
            if name in ("wide16", "narrowcol"):
                check_forced(err, src, meta, fail, every=False)
                check_quality(doc, fail, full=False)
            elif name == "token200":
                check_forced(err, src, meta, fail, every=True)
                check_quality(doc, fail, full=False)
            elif name == "longcell":
                check_longcell(doc, meta, fail)
                check_quality(doc, fail, full=True)
    for f in failures:
        print(f"FAIL {name}: {f}")
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as TMP:
        sys.exit(main())
