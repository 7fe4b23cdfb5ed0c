#!/usr/bin/env python3
"""Reads back what odf_edge wrote from blocks no source gives: every table a
consistent grid (spans inside it, covered cells exactly under them) with no
text lost; the text exactly as given (leading and doubled spaces, a line break,
XML specials, a supplementary-plane character); heading levels nested without a
gap; the too-long title set smaller; a hang the narrow cell cannot hold dropped
as the PDF drops it; the running header and page number sharing the header
line by tab stops; the Western and Asian languages from an en-GB source. Then,
where given, the ODF 1.3 schemas ($PLANPRESS_ODF_SCHEMAS) and LibreOffice.
A second package starts on a turned page of its own (page 1, without the
running header), turns back and turns again with a table: the master pages'
page sizes, which paragraph or table switches to which, the turned tables'
widths, and LibreOffice's pages landscape, portrait, landscape, portrait.
Usage: check_edge.py ODF_EDGE"""
import os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from odfread import Package, length_pt, q, text_of  # noqa: E402

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def main():
    tmp = tempfile.mkdtemp(prefix="pp-odf-edge-")
    try:
        r = subprocess.run([sys.argv[1], tmp], capture_output=True, text=True)
        check(r.returncode == 0, f"odf_edge: exit {r.returncode}: {r.stdout} {r.stderr}")
        path = os.path.join(tmp, "edge.odt")
        if os.path.exists(path):
            read_back(path, tmp)
        path = os.path.join(tmp, "turned.odt")
        if check(os.path.exists(path), "no turned.odt"):
            read_turned(path, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print(f"FAIL edge: {f}")
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


def validate(pkg, tmp):
    folder = os.environ.get("PLANPRESS_ODF_SCHEMAS")
    if not folder:
        print("SKIP (schema part): PLANPRESS_ODF_SCHEMAS is not set")
        return
    for name, schema in (("content.xml", "OpenDocument-v1.3-schema.rng"), ("styles.xml", "OpenDocument-v1.3-schema.rng"),
                         ("meta.xml", "OpenDocument-v1.3-schema.rng"),
                         ("META-INF/manifest.xml", "OpenDocument-v1.3-manifest-schema.rng")):
        part = os.path.join(tmp, name.replace("/", "_"))
        with open(part, "wb") as f:
            f.write(pkg.parts[name])
        r = subprocess.run(["xmllint", "--noout", "--relaxng", os.path.join(folder, schema), part],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"{name} does not validate: {r.stderr[-500:]}")


def read_back(path, tmp):
    pkg = Package(path)
    body = pkg.body()
    kinds = [k for k, _ in body]
    check(kinds == ["p", "h", "h", "h", "h", "p", "p", "table", "table", "table"], f"body {kinds}")
    if len(body) != 10:
        return
    title = body[0][1]
    size = length_pt(pkg.prop("paragraph", title.get(q("text:style-name")), "text-properties", "fo:font-size"))
    want = 18 * (595.276 - 2 * 56.693) / (30 * 18)
    check(size is not None and abs(size - want) < 0.05, f"title set at {size} pt, want {want:.2f}")
    levels = [int(el.get(q("text:outline-level"))) for k, el in body if k == "h"]
    check(levels == [1, 2, 2, 3], f"heading levels {levels}, want [1, 2, 2, 3] (raw 1 3 2 5 nested)")
    li = body[5][1]
    got = text_of(li)
    want_text = "（一）  leading  and \ndouble  spaces & <marks> \"q\" 'a' \U00020000 end "
    check(got == want_text, f"text read back {got!r}, want {want_text!r}")
    ems = [text_of(s) for s in li.iter(q("text:span")) if s.get(q("text:style-name")) == "Emphasis"]
    check(ems == ["and"], f"emphasis spans {ems}")
    ml = length_pt(pkg.prop("paragraph", li.get(q("text:style-name")), "paragraph-properties", "fo:margin-left"))
    ti = length_pt(pkg.prop("paragraph", li.get(q("text:style-name")), "paragraph-properties", "fo:text-indent"))
    check(ml == 70 and ti == -42, f"（一） under 一、 at 14 pt estimated hangs at {ml}/{ti}, want 70/-42")
    note = body[6][1]
    check(pkg.prop("paragraph", note.get(q("text:style-name")), "paragraph-properties", "fo:text-align") == "start",
          "a ragged note is not set flush start")
    t1, t2, t3 = (el for k, el in body if k == "table")
    for t in (t1, t2, t3):
        check(t.spans_consistent() is None, f"{t.name}: {t.spans_consistent()}")
    check((t1.nrows, t1.ncols, t1.nhead) == (3, 4, 1), f"table 1 is {t1.nrows}x{t1.ncols}/{t1.nhead}")
    all_text = "".join("".join(t1.paragraphs(p)) for p in t1.cells)
    for ch in "甲乙丙丁戊己庚辛":
        check(all_text.count(ch) == 1, f"{ch} appears {all_text.count(ch)} times in table 1")
    check(t1.paragraphs((0, 0)) == ["甲", "乙"], f"乙 not with 甲: {t1.paragraphs((0, 0))}")
    check(t1.cells.get((0, 2), (0, 0))[:2] == (1, 2), "丙's span not cut to the table's width and the header row")
    check(t1.cells.get((1, 0), (0, 0))[:2] == (2, 1) and "庚" in t1.paragraphs((1, 0)),
          "丁's span not cut to the table's height, or 庚 not with it")
    style = lambda pos: t1.cells[pos][2].get(q("table:style-name"))  # noqa: E731
    prop = lambda pos, a: pkg.prop("table-cell", style(pos), "table-cell-properties", a)  # noqa: E731
    check(prop((1, 1), "fo:border-bottom") == "none" and prop((2, 1), "fo:border-top") == "none",
          "paired rows 戊/己 have a rule between them")
    check(prop((1, 1), "fo:border-top") != "none" and prop((2, 1), "fo:border-bottom") != "none",
          "paired rows 戊/己 lost their outer rules")
    check((t2.nrows, t2.ncols) == (1, 1), f"the empty table is {t2.nrows}x{t2.ncols}, want one empty cell")
    check((t3.nrows, t3.nhead) == (2, 2), f"table 3: {t3.nrows} rows, {t3.nhead} header rows")
    narrow = t3.cells[(1, 0)][2].find(q("text:p"))
    ml = length_pt(pkg.prop("paragraph", narrow.get(q("text:style-name")), "paragraph-properties", "fo:margin-left"))
    check(not ml, f"a label in a cell too narrow to hang still hangs (margin {ml})")
    widths = [length_pt(pkg.prop("table-column", c.get(q("table:style-name")), "table-column-properties",
                                 "style:column-width")) for c in t3.columns]
    check(widths[0] >= 12 + 8 - 0.01, f"the narrow column is {widths[0]} pt, less than a character and padding")
    # the header line: running header at the start, the number at the end, by tab stops
    master = next(pkg.styles_doc.iter(q("style:master-page")))
    check(master.find(q("style:footer")) is None, "a footer though the number is at the head")
    hp = master.find(q("style:header")).find(q("text:p"))
    check(text_of(hp).startswith("Running & <header>\t第 "), f"header line {text_of(hp)!r}")
    check(hp.find(q("text:page-number")) is not None and hp.find(q("text:page-count")) is not None,
          "page number and count are not fields")
    stops = [s.get(q("style:type")) for s in pkg.styles_doc.iter(q("style:tab-stop"))]
    check(stops == ["right"], f"tab stops {stops}")
    d = pkg.defaults["paragraph"].find(q("style:text-properties"))
    langs = (d.get(q("fo:language")), d.get(q("fo:country")), d.get(q("style:language-asian")),
             d.get(q("style:country-asian")))
    check(langs == ("en", "GB", "zh", "TW"), f"languages {langs}")
    check(d.get(q("style:font-name")) == d.get(q("style:font-name-asian")), "no Latin face, yet Latin text not in the Han face")
    m = pkg.meta.find(q("office:meta"))
    check(m.findtext(q("dc:creator")) == "A&B <測試>", f"dc:creator {m.findtext(q('dc:creator'))!r}")
    check(m.findtext(q("dc:title")) == "A&B <測試>T \"1\"", f"dc:title {m.findtext(q('dc:title'))!r}")
    check(m.findtext(q("dc:language")) == "en-GB", f"dc:language {m.findtext(q('dc:language'))}")
    check(m.find(q("meta:keyword")) is not None, "no keywords")

    validate(pkg, tmp)
    if shutil.which("soffice"):
        r = subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.join(tmp, "profile"), "--headless",
                            "--norestore", "--convert-to", "pdf", "--outdir", tmp, path], capture_output=True, text=True)
        pdf = os.path.join(tmp, "edge.pdf")
        check(r.returncode == 0 and os.path.exists(pdf), f"LibreOffice cannot convert it: {r.stderr[-300:]}")
        if os.path.exists(pdf):
            t = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout
            for want in ("甲", "乙", "丙", "丁", "庚", "辛", "leading", "<marks>", "Running & <header>"):
                check(want in t, f"LibreOffice's PDF lacks {want}")
    else:
        print("SKIP (LibreOffice part): soffice is not installed")


def read_turned(path, tmp):
    pkg = Package(path)
    A4 = (595.276, 841.89)
    masters = {m.get(q("style:name")): m for m in pkg.styles_doc.iter(q("style:master-page"))}
    layouts = {p.get(q("style:name")): p.find(q("style:page-layout-properties"))
               for p in pkg.styles_doc.iter(q("style:page-layout"))}
    want = {"Standard": A4, "First_20_Page": A4[::-1], "Landscape": A4[::-1]}
    check(set(masters) == set(want), f"master pages {sorted(masters)}")
    for name, (w, h) in want.items():
        if name not in masters:
            continue
        p = layouts[masters[name].get(q("style:page-layout-name"))]
        got = (length_pt(p.get(q("fo:page-width"))), length_pt(p.get(q("fo:page-height"))))
        check(abs(got[0] - w) < 0.5 and abs(got[1] - h) < 0.5, f"{name}: page {got}, want {w} x {h}")
        check(p.get(q("style:print-orientation")) == ("landscape" if w > h else "portrait"), f"{name}: orientation")
        hp = masters[name].find(q("style:header"))
        check(hp is not None and ("Header" in text_of(hp)) == (name != "First_20_Page"),
              f"{name}: the running header {'missing' if name != 'First_20_Page' else 'on page 1'}")
    if "First_20_Page" in masters:
        nxt = masters["First_20_Page"].get(q("style:next-style-name"))
        check(nxt == "Landscape", f"page 1 is followed by {nxt}, not the turned pages")
    body = pkg.body()
    kinds = [k for k, _ in body]
    if not check(kinds == ["p", "table", "p", "table", "p"], f"body {kinds}"):
        return

    def master(kind, el):
        st = pkg.styles.get(("table", el.el.get(q("table:style-name"))) if kind == "table" else
                            ("paragraph", el.get(q("text:style-name"))))
        return st.get(q("style:master-page-name")) if st is not None else None
    got = [master(k, el) for k, el in body]
    check(got == ["First_20_Page", None, "Standard", "Landscape", "Standard"], f"master page switches {got}")
    validate(pkg, tmp)
    for _, t in (x for x in body if x[0] == "table"):
        cw = sum(length_pt(pkg.prop("table-column", c.get(q("table:style-name")), "table-column-properties",
                                    "style:column-width")) for c in t.columns)
        check(abs(cw - (841.89 - 2 * 56.693)) < 0.1, f"{t.name}: columns add up to {cw:.2f} pt, not the turned text width")
    if not shutil.which("soffice"):
        print("SKIP (LibreOffice part, turned pages): soffice is not installed")
        return
    r = subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.join(tmp, "profile"), "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", tmp, path], capture_output=True, text=True)
    pdf = os.path.join(tmp, "turned.pdf")
    if not check(r.returncode == 0 and os.path.exists(pdf), f"LibreOffice cannot convert turned.odt: {r.stderr[-300:]}"):
        return
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "20", pdf], capture_output=True, text=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]
    shape = ["L" if w > h else "P" for w, h in sizes]
    check(shape == ["L", "P", "L", "P"], f"LibreOffice's pages {shape} ({sizes}), want L P L P")
    for page, word in ((1, "橫式首頁"), (1, "乙"), (2, "直式一"), (3, "丙"), (4, "直式二")):
        t = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), pdf, "-"],
                           capture_output=True, text=True).stdout
        check(word in t, f"LibreOffice's page {page} lacks {word}")
    t1 = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout
    check("Header" not in t1, "the running header on page 1")


sys.exit(main())
