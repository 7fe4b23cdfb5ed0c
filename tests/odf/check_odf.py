#!/usr/bin/env python3
"""ODF test for one source: renders it as .odt and checks the package against
the source, its template and planpress's own blocks (--dump=blocks, what the
PDF layout gets), so the test stays true as samples change.

  package      the zip (mimetype first, stored, no extra field; the manifest
               lists every part), byte-identical renders under SOURCE_DATE_EPOCH
               with that date on every entry and in meta.xml; meta.xml (title,
               language, agency as creator, generator); styles.xml (the named
               styles an editor changes, with the template's faces, sizes,
               leading, alignment; page size and margins; the page number as a
               field in the template's format); content.xml paragraph for
               paragraph and cell for cell as the blocks, sections as text:h at
               their outline level, labels typed with hanging indents of the
               labels' widths, emphasis as the Emphasis style, every table with
               the rows and columns the source gives it, its header rows in
               table:table-header-rows, spans with covered cells, rules and the
               grey header.
  schema       content.xml, styles.xml and meta.xml against the OASIS ODF 1.3
               RELAX NG schema, the manifest against its schema, with xmllint;
               the schemas' folder comes from $PLANPRESS_ODF_SCHEMAS (skipped,
               exit 77, when it is not set).
  libreoffice  LibreOffice (headless, a profile of its own) converts the .odt to
               PDF without complaint, with the template's page size and faces;
               that PDF's text has the text of planpress's PDF (character-bigram
               recall >= 0.99, page furniture aside); and LibreOffice's own save
               of the document keeps the heading levels, the tables' shapes,
               header rows and merged cells (skipped, exit 77, without soffice).

Usage: check_odf.py PLANPRESS SOURCE.xml package|schema|libreoffice [TEMPLATE]"""
import collections, os, re, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
from odfread import NS, Package, Table, dump_blocks, first_entry, length_pt, q, squash, text_of  # noqa: E402
from sources import sections  # noqa: E402
import template_xml  # noqa: E402

TEMPLATES = os.path.join(HERE, "..", "..", "templates")
EPOCH = "1700000000"           # 2023-11-14 22:13:20 UTC
EPOCH_TUPLE = (2023, 11, 14, 22, 13, 20)
MIMETYPE = b"application/vnd.oasis.opendocument.text"
SKIP = 77

failures = []
checks = [0]


def check(cond, what):
    checks[0] += 1
    if not cond:
        failures.append(what)
    return cond


def run(*cmd, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(cmd, capture_output=True, text=True, env=e)


# ---- what the source and its template say ---------------------------------------
def load_template(doc, name):
    if name:
        return template_xml.load(template_xml.path_of(name, os.getcwd()))
    p = os.path.join(TEMPLATES, doc.get("kind") + ".xml")
    return template_xml.load(p if os.path.exists(p) else os.path.join(TEMPLATES, "document.xml"))


def template_page(tpl):
    """(width, height, top, bottom, left, right) in pt."""
    page = tpl.find("page")
    w, h = 595.276, 841.89   # A4
    if page.get("orientation") == "landscape":
        w, h = h, w
    return (w, h) + tuple(length_pt(page.get(k)) for k in ("top", "bottom", "left", "right"))


def template_styles(tpl):
    return {s.get("name"): s for s in tpl.findall("style")}


def leaf_rows(el):
    """Rows a strategy-table level takes: a strategy one per sub-item (at least
    one), a group without strategies one, anything else its children's."""
    if el.tag == "strategy":
        return max(1, len(el.findall("sub")))
    kids = [c for c in el if c.tag in ("group", "strategy", "dimension")]
    if el.tag == "group" and not any(c.tag == "strategy" for c in kids):
        return 1
    return sum(leaf_rows(c) for c in kids)


def generic_shape(table):
    """(rows, columns, header rows) of a <table>, placing cells past earlier rowspans."""
    head = table.find("head")
    head_rows = head.findall("row") if head is not None else []
    rows = head_rows + table.findall("row")
    busy = [0] * 64
    ncols = 0
    for r in rows:
        col = 0
        for cell in r.findall("cell"):
            while busy[col] > 0:
                col += 1
            cs, rs = int(cell.get("colspan", "1")), int(cell.get("rowspan", "1"))
            for k in range(cs):
                busy[col + k] = rs
            col += cs
            ncols = max(ncols, col)
        busy = [b - 1 if b > 0 else 0 for b in busy]
    return len(rows), ncols, len(head_rows)


def landscape(el, inherited):
    return inherited or el.get("orientation") == "landscape"


def source_tables(doc, tpl):
    """Every table the source asks for, in order: ((rows, columns, header rows),
    set on landscape pages: the table's, its strategies' or a section's orientation)."""
    sets = {c.get("name"): c for c in tpl.findall("columns")}
    out = []

    def walk(sec, land):
        for el in sec:
            if el.tag == "section":
                walk(el, landscape(el, land))
            elif el.tag == "table":
                out.append((generic_shape(el), landscape(el, land)))
            elif el.tag == "strategies":
                cs = sets[el.get("columns") or tpl.get("columns")]
                ncols = len(cs.findall("column"))
                kinds = [c.get("content") for c in cs.findall("column")]
                dims = el.findall("dimension")
                if dims and "dimension" not in kinds:
                    out.extend(((1 + leaf_rows(d), ncols, 1), landscape(el, land)) for d in dims)
                else:
                    out.append(((1 + leaf_rows(el), ncols, 1), landscape(el, land)))
    walk(doc, False)
    return out


def section_landscape(doc):
    """For every section in document order (as sources.sections lists them):
    whether it or a section around it is set on landscape pages."""
    out = []

    def walk(parent, land):
        for s in parent.findall("section"):
            out.append(landscape(s, land))
            walk(s, landscape(s, land))
    walk(doc, False)
    return out


def turned_masters(pkg, tpl):
    """The master pages whose pages are turned from the template's: Landscape,
    and page 1's own when it goes on to Landscape."""
    portrait = template_page(tpl)[0] <= template_page(tpl)[1]
    out = set()
    for m in pkg.styles_doc.iter(q("style:master-page")):
        name = m.get(q("style:name"))
        if portrait and (name == "Landscape" or m.get(q("style:next-style-name")) == "Landscape"):
            out.add(name)
    return out


def body_turned(pkg, tpl, body):
    """For every paragraph and table of the body: whether it is on a turned page,
    following the master page each paragraph or table style switches to."""
    turned, cur, out = turned_masters(pkg, tpl), "Standard", []
    for kind, el in body:
        if kind == "table":
            st = pkg.styles.get(("table", el.el.get(q("table:style-name"))))
        else:
            st = pkg.styles.get(("paragraph", el.get(q("text:style-name"))))
        m = st.get(q("style:master-page-name")) if st is not None else None
        if m:
            cur = m
        out.append(cur in turned)
    return out


def render(pp, src, out, extra, env=None):
    r = run(pp, "render", src, "-o", out, *extra, env=env)
    check(r.returncode == 0, f"render {os.path.basename(out)}: exit {r.returncode}: {r.stderr.strip()[:400]}")
    check("error" not in r.stderr, f"render printed errors: {r.stderr.strip()[:400]}")
    return r.returncode == 0


# ---- package ------------------------------------------------------------------------
def check_zip(path, again):
    first = first_entry(path)
    check(first is not None and first[0] == "mimetype", f"first entry is {first and first[0]}, not mimetype")
    if first:
        check(first[1] == 0, "mimetype is compressed")
        check(first[2] == 0, f"mimetype has an extra field of {first[2]} bytes")
        check(first[3] == MIMETYPE, f"mimetype holds {first[3][:60]!r}")
    with open(path, "rb") as a, open(again, "rb") as b:
        check(a.read() == b.read(), "two renders with SOURCE_DATE_EPOCH set differ")
    pkg = Package(path)
    check(pkg.zip.testzip() is None, "a zip entry fails its CRC")
    for info in pkg.zip.infolist():
        check(info.date_time == EPOCH_TUPLE, f"{info.filename} dated {info.date_time}, not SOURCE_DATE_EPOCH")
        if info.filename != "mimetype":
            check(info.compress_type == zipfile_deflated(), f"{info.filename} not deflated")
    entries = {e.get(q("manifest:full-path")): e.get(q("manifest:media-type"))
               for e in pkg.manifest.iter(q("manifest:file-entry"))}
    check(entries.get("/") == MIMETYPE.decode(), f"manifest root entry: {entries.get('/')}")
    for name in pkg.parts:
        if name not in ("mimetype", "META-INF/manifest.xml"):
            check(entries.get(name) == "text/xml", f"manifest lacks {name}")
    for name in ("content.xml", "styles.xml", "meta.xml"):
        root = ET.fromstring(pkg.parts[name])
        check(root.get(q("office:version")) == "1.3", f"{name}: office:version {root.get(q('office:version'))}")
    return pkg


def zipfile_deflated():
    import zipfile
    return zipfile.ZIP_DEFLATED


def check_meta(pkg, doc, blocks):
    m = pkg.meta.find(q("office:meta"))
    meta = doc.find("meta")
    agency = meta.findtext("agency")
    # the title as printed: the title lines of the blocks
    want_title = " ".join(b[4] for b in blocks if b[0] == "para" and b[1] == "title")
    check(squash(m.findtext(q("dc:title"))) == squash(want_title), f"dc:title {m.findtext(q('dc:title'))}")
    check(m.findtext(q("dc:creator")) == agency, f"dc:creator {m.findtext(q('dc:creator'))}")
    check(m.findtext(q("meta:initial-creator")) == agency, "meta:initial-creator is not the agency")
    check((m.findtext(q("meta:generator")) or "").startswith("planpress/"), "meta:generator is not planpress")
    # the source's tag whole (zh-Hant-TW), which import reads back
    want_lang = doc.get("{http://www.w3.org/XML/1998/namespace}lang") or "zh-TW"
    check(m.findtext(q("dc:language")) == want_lang, f"dc:language {m.findtext(q('dc:language'))}, want {want_lang}")
    for tag in ("meta:creation-date", "dc:date"):
        check(m.findtext(q(tag)) == "2023-11-14T22:13:20Z", f"{tag} {m.findtext(q(tag))}, not SOURCE_DATE_EPOCH")


ALIGN = {"justify": "justify", "start": "start", "center": "center", "end": "end"}
STYLE_OF = {"title": "Title", "issued": "Issuance_20_Line", "heading": "Heading_20_1", "subheading": "Heading_20_2",
            "body": "Text_20_body", "note": "Note", "caption": "Caption", "table": "Table_20_Contents",
            "table-head": "Table_20_Heading", "footer": "Footer"}


def check_styles(pkg, tpl):
    fonts = tpl.find("fonts")
    han, latin = fonts.get("han"), fonts.get("latin") or fonts.get("han")
    decl = {f.get(q("style:name")) for f in pkg.styles_doc.iter(q("style:font-face"))}
    check(han in decl and latin in decl, f"font faces declared: {sorted(decl)}")
    ts = template_styles(tpl)
    for tname, sname in STYLE_OF.items():
        if not check(pkg.named("paragraph", sname) is not None, f"no named style {sname}"):
            continue
        t = ts.get(tname)
        if t is None:
            continue
        size = float(t.get("size"))
        for attr in ("fo:font-size", "style:font-size-asian"):
            v = length_pt(pkg.prop("paragraph", sname, "text-properties", attr))
            check(v is not None and abs(v - size) < 0.01, f"{sname} {attr} {v}, template {size}")
        lead = length_pt(pkg.prop("paragraph", sname, "paragraph-properties", "fo:line-height"))
        check(lead is not None and abs(lead - float(t.get("leading"))) < 0.01, f"{sname} line height {lead}")
        al = pkg.prop("paragraph", sname, "paragraph-properties", "fo:text-align")
        check(al == ALIGN[t.get("align")], f"{sname} aligned {al}, template {t.get('align')}")
        fa = pkg.prop("paragraph", sname, "text-properties", "style:font-name-asian")
        fl = pkg.prop("paragraph", sname, "text-properties", "style:font-name")
        check(fa == (t.get("han") or han), f"{sname} Han face {fa}")
        check(fl == (t.get("latin") or latin), f"{sname} Latin face {fl}")
        for attr, k in (("fo:margin-top", "space-before"), ("fo:margin-bottom", "space-after")):
            v = length_pt(pkg.prop("paragraph", sname, "paragraph-properties", attr)) or 0
            check(abs(v - float(t.get(k, "0"))) < 0.01, f"{sname} {attr} {v}, template {k}={t.get(k)}")
    for lv in range(1, 11):
        st = pkg.named("paragraph", f"Heading_20_{lv}")
        check(st is not None and st.get(q("style:default-outline-level")) == str(lv), f"Heading {lv} style")
    em = pkg.named("text", "Emphasis")
    check(em is not None and em.find(q("style:text-properties")).get(q("style:text-underline-style")) == "solid",
          "no underlined Emphasis style")
    # the page: size, margins, the text area where the PDF's is, the number as a field
    W, H, top, bottom, left, right = template_page(tpl)
    masters = {m.get(q("style:name")): m for m in pkg.styles_doc.iter(q("style:master-page"))}
    layouts = {p.get(q("style:name")): p for p in pkg.styles_doc.iter(q("style:page-layout"))}
    if not check("Standard" in masters, "no Standard master page"):
        return
    turned = turned_masters(pkg, tpl)
    for mname, m in masters.items():
        lay = layouts[m.get(q("style:page-layout-name"))]
        p = lay.find(q("style:page-layout-properties"))
        g = lambda a: length_pt(p.get(q(a)))  # noqa: E731
        w, h = (H, W) if mname in turned else (W, H)
        check(abs(g("fo:page-width") - w) < 0.5 and abs(g("fo:page-height") - h) < 0.5,
              f"{mname}: page {g('fo:page-width')} x {g('fo:page-height')}, want {w:.2f} x {h:.2f}")
        check(p.get(q("style:print-orientation")) == ("landscape" if w > h else "portrait"),
              f"{mname}: print orientation {p.get(q('style:print-orientation'))}")
        check(abs(g("fo:margin-left") - left) < 0.01 and abs(g("fo:margin-right") - right) < 0.01, f"{mname}: side margins")
        for band, edge, want in (("header", "fo:margin-top", top), ("footer", "fo:margin-bottom", bottom)):
            area = g(edge)
            if m.find(q("style:" + band)) is not None:
                hf = lay.find(q(f"style:{band}-style")).find(q("style:header-footer-properties"))
                gap = length_pt(hf.get(q("fo:margin-bottom" if band == "header" else "fo:margin-top")))
                area += length_pt(hf.get(q("fo:min-height"))) + gap
            check(abs(area - want) < 0.05, f"{mname}: text area starts {area:.2f} pt from the {band} edge, template {want:.2f}")
    fmt = tpl.find("page-number")
    fmt = fmt.get("format") if fmt is not None else "- {n} -"
    band = "header" if (tpl.find("page-number") is not None and
                        (tpl.find("page-number").get("position") or "").startswith("head")) else "footer"
    hf = masters["Standard"].find(q("style:" + band))
    if check(hf is not None, f"no {band} with the page number"):
        p = hf.find(q("text:p"))
        shown = (p.text or "")
        for c in p:
            shown += {"page-number": "{n}", "page-count": "{total}"}.get(c.tag.split("}")[1], "") + (c.tail or "")
        check(squash(fmt) in squash(shown.replace("\t", "")), f"page number {shown!r}, template {fmt!r}")


def resolved(pkg, el, attr, props="paragraph-properties"):
    return pkg.prop("paragraph", el.get(q("text:style-name")), props, attr)


def full_width(s):
    return all(ord(ch) >= 0x3000 for ch in s)


def check_body(pkg, doc, tpl, blocks):
    body = pkg.body()
    ts = template_styles(tpl)
    on_turned = body_turned(pkg, tpl, body)
    W, H = template_page(tpl)[:2]
    has_turned = W <= H and any(el.get("orientation") == "landscape" for el in doc.iter())
    check(("Landscape" in {m.get(q("style:name")) for m in pkg.styles_doc.iter(q("style:master-page"))}) == has_turned,
          f"a Landscape master page {'missing' if has_turned else 'where the source turns no page'}")
    # block for block: the same paragraphs, the same tables
    check(len(body) == len(blocks), f"{len(body)} paragraphs and tables, the blocks have {len(blocks)}")
    headings = []
    tables = []
    for k, (b, (kind, el)) in enumerate(zip(blocks, body)):
        if b[0] == "table" and b[1]["ncols"] == 0 and kind == "toc":
            # a table of contents (the blocks dump shows it as an empty table):
            # its source lists the depth the document asks for, an entry per heading down to it
            want = next((int(t.get("depth", 0)) for t in doc.iter("toc")), 0) or 2
            src = el.find(q("text:table-of-content-source"))
            check(src is not None and src.get(q("text:outline-level")) == str(want),
                  f"block {k}: the contents list {src.get(q('text:outline-level')) if src is not None else None} levels, not {want}")
            entries = [squash(text_of(p)) for p in el.find(q("text:index-body")).iter(q("text:p"))]
            # the 目錄 section itself is not listed
            heads = [h for d, h, sec in sections(doc) if d < want and sec.find("toc") is None]
            check(entries == heads, f"block {k}: the contents' entries {entries[:4]}… are not the headings {heads[:4]}…")
            continue
        if b[0] == "table":
            if check(kind == "table", f"block {k}: a table in the blocks, {kind} here"):
                tables.append((b[1], el, on_turned[k]))
            continue
        role, indent, label, text = b[1:]
        if not check(kind in ("p", "h"), f"block {k}: a paragraph in the blocks, a table here"):
            continue
        got = text_of(el)
        check(squash(got) == squash(label + text), f"block {k}: {squash(got)[:40]} != {squash(label + text)[:40]}")
        check(got.startswith(label), f"block {k}: the label {label} is not typed first")
        if kind == "h":
            headings.append((int(el.get(q("text:outline-level"))), squash(got), role, on_turned[k]))
        if kind == "h":
            check(role in ("h1", "h2", "h3", "caption"), f"block {k}: a {role} block written as a heading")
        if role in ("h1", "h2", "h3"):
            check(kind == "h", f"block {k}: heading {label}{text[:20]} written as text:p")
        # a label hangs: the text starts where the parents' labels and its own end
        if label and role in ("li", "p", "h1", "h2", "h3", "note"):
            size = length_pt(resolved(pkg, el, "fo:font-size", "text-properties"))
            ml = length_pt(resolved(pkg, el, "fo:margin-left")) or 0
            ti = length_pt(resolved(pkg, el, "fo:text-indent")) or 0
            check(ti < 0 and ml >= -ti - 0.01, f"block {k}: label {label} does not hang (margin {ml}, indent {ti})")
            if full_width(label) and full_width(indent):
                check(abs(ml - (len(indent) + len(label)) * size) < 0.02 and abs(ti + len(label) * size) < 0.02,
                      f"block {k}: {indent}|{label} hangs at {ml}/{ti}, not {(len(indent) + len(label)) * size}/"
                      f"{-len(label) * size}")
    # sections as headings at their outline level, in order (dimension captions between them)
    want = [(d + 1, h, land) for (d, h, _), land in zip(sections(doc), section_landscape(doc))]
    got = [(lv, t, tu) for lv, t, role, tu in headings if role != "caption"]
    check(len(got) == len(want), f"{len(got)} section headings, the source has {len(want)}")
    for (glv, gt, gtu), (wlv, wt, wland) in zip(got, want):
        check(glv == wlv and gt.startswith(wt), f"heading {gt[:20]} level {glv}, want {wt} level {wlv}")
        check(gtu == (wland and W <= H), f"heading {gt[:20]} {'on' if gtu else 'not on'} a turned page")
    levels = [lv for lv, _, _, _ in headings]
    check(all(b <= a + 1 for a, b in zip([0] + levels, levels)), f"heading levels skip: {levels}")
    # tables: the source's rows and columns, the blocks' cells
    want_tables = source_tables(doc, tpl)
    check(len(tables) == len(want_tables), f"{len(tables)} tables, the source has {len(want_tables)}")
    gray = float(tpl.find("table").get("head-gray"))
    rule = length_pt(tpl.find("table").get("border"))
    for n, ((tb, t, t_turned), (shape, land)) in enumerate(zip(tables, want_tables)):
        name = t.name
        turn = land and W <= H
        check(t_turned == turn, f"{name}: {'on' if t_turned else 'not on'} a turned page, the source "
              f"{'turns' if turn else 'does not turn'} it")
        check((t.nrows, t.ncols, t.nhead) == shape, f"{name}: {t.nrows} rows x {t.ncols} columns, {t.nhead} header "
              f"rows; the source gives {shape}")
        problem = t.spans_consistent()
        check(problem is None, f"{name}: {problem}")
        for pos, (rs, cs, paras) in tb["cells"].items():
            if not check(pos in t.cells, f"{name}: no cell at {pos}"):
                continue
            grs, gcs, cell = t.cells[pos]
            check((grs, gcs) == (rs, cs), f"{name} {pos}: spans {grs}x{gcs}, the blocks {rs}x{cs}")
            want_p = [squash(p[2] + p[3]) for p in paras]
            got_p = [squash(p) for p in t.paragraphs(pos)]
            if not want_p:
                want_p = [""]
            check(got_p == want_p, f"{name} {pos}: {got_p} != {want_p}")
            st = cell.get(q("table:style-name"))
            bg = pkg.prop("table-cell", st, "table-cell-properties", "fo:background-color")
            head = pos[0] < tb["nhead"]
            want_bg = "#%02x%02x%02x" % ((round(gray * 255),) * 3)
            check((bg == want_bg) if head else (bg in (None, "transparent")), f"{name} {pos}: background {bg}")
            for side in ("left", "right"):
                b = pkg.prop("table-cell", st, "table-cell-properties", "fo:border-" + side) or ""
                check(b.endswith("solid #000000") and abs(length_pt(b.split()[0]) - rule) < 0.01,
                      f"{name} {pos}: {side} rule {b!r}")
        extra = set(t.cells) - set(tb["cells"])
        for pos in extra:   # a position the source leaves empty: an empty cell
            check(all(p == "" for p in t.paragraphs(pos)), f"{name} {pos}: text in a cell the blocks do not have")
        # column widths: the blocks' fractions of the text width
        cw = []
        for col in t.columns:
            cw.append(length_pt(pkg.prop("table-column", col.get(q("table:style-name")),
                                         "table-column-properties", "style:column-width")))
        pw, ph, top, bottom, left, right = template_page(tpl)
        tw = (ph if turn else pw) - left - right
        check(abs(sum(cw) - tw) < 0.1, f"{name}: columns add up to {sum(cw):.2f} pt, the text width is {tw:.2f}")
        minw = float(ts["table"].get("size")) + 2 * length_pt(tpl.find("table").get("padding"))
        if all(w * tw >= minw for w in tb["widths"]):
            for w, got_w in zip(tb["widths"], cw):
                check(abs(got_w - w * tw) < 0.01 * tw, f"{name}: column {got_w:.1f} pt, the blocks {w * tw:.1f}")
    # emphasis: every <em> of the source in an Emphasis span
    spans = [squash(text_of(s)) for s in pkg.content.iter(q("text:span"))
             if s.get(q("text:style-name")) == "Emphasis"]
    for em in doc.iter("em"):
        t = squash("".join(em.itertext()))
        check(any(t in s for s in spans), f"<em>{t}</em> not in an Emphasis span")


def package_test(pp, src, extra, tmp):
    doc = ET.parse(src).getroot()
    tpl = load_template(doc, extra[1] if extra else None)
    odt, again = os.path.join(tmp, "out.odt"), os.path.join(tmp, "again.odt")
    if not (render(pp, src, odt, extra, {"SOURCE_DATE_EPOCH": EPOCH}) and
            render(pp, src, again, extra, {"SOURCE_DATE_EPOCH": EPOCH})):
        return
    pkg = check_zip(odt, again)
    d = run(pp, "render", src, "--dump=blocks", "-o", os.path.join(tmp, "dump.pdf"), *extra)
    check(d.returncode == 0, f"--dump=blocks: {d.stderr[:300]}")
    blocks = dump_blocks(d.stdout)
    check_meta(pkg, doc, blocks)
    check_styles(pkg, tpl)
    check_body(pkg, doc, tpl, blocks)


# ---- schema ---------------------------------------------------------------------------
def schema_test(pp, src, extra, tmp):
    folder = os.environ.get("PLANPRESS_ODF_SCHEMAS")
    if not folder:
        print("SKIP: PLANPRESS_ODF_SCHEMAS is not set (the folder holding OpenDocument-v1.3-schema.rng "
              "and OpenDocument-v1.3-manifest-schema.rng); the ODF schema check did not run")
        return SKIP
    rng = os.path.join(folder, "OpenDocument-v1.3-schema.rng")
    man = os.path.join(folder, "OpenDocument-v1.3-manifest-schema.rng")
    if not check(os.path.isfile(rng) and os.path.isfile(man), f"no ODF 1.3 schemas in {folder}"):
        return None
    odt = os.path.join(tmp, "out.odt")
    if not render(pp, src, odt, extra):
        return None
    pkg = Package(odt)
    for name, schema in (("content.xml", rng), ("styles.xml", rng), ("meta.xml", rng),
                         ("META-INF/manifest.xml", man)):
        path = os.path.join(tmp, name.replace("/", "_"))
        with open(path, "wb") as f:
            f.write(pkg.parts[name])
        r = run("xmllint", "--noout", "--relaxng", schema, path)
        check(r.returncode == 0, f"{name} does not validate: {r.stderr.strip()[-600:]}")
    return None


# ---- LibreOffice -------------------------------------------------------------------------
def soffice(tmp, fmt, src, outdir):
    profile = "file://" + os.path.join(tmp, "lo-profile")
    return run("soffice", "-env:UserInstallation=" + profile, "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", outdir, src)


def complaints(r):
    """What LibreOffice printed beyond the conversion line and the warning that
    its Java helper cannot start (no JRE is installed, none is needed)."""
    lines = (r.stdout + r.stderr).splitlines()
    return [l for l in lines if l.strip() and not l.startswith("convert ") and "javaldx" not in l]


def line_bigrams(pdf):
    t = run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").stdout
    c = collections.Counter()
    for line in t.splitlines():
        s = squash(line)
        c.update(s[i:i + 2] for i in range(len(s) - 1))
    return c


def joined_bigrams(pdf):
    s = squash(run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").stdout)
    return collections.Counter(s[i:i + 2] for i in range(len(s) - 1))


def furniture_bigrams(pp, src, extra, tmp):
    """Bigrams of what planpress marks as page furniture (page numbers, running
    header, repeated header rows, a merged cell's label repeated on a new page
    with its mark, a contents entry's leader and page number): LibreOffice
    paginates itself, so it has its own."""
    d = run(pp, "render", src, "--dump=pages", "-o", os.path.join(tmp, "pages.pdf"), *extra)
    c = collections.Counter()
    prev = None   # the run before, (y, role, text, furniture)
    for line in d.stdout.splitlines():
        m = re.match(r"^\s+[-\d.]+\s+([-\d.]+)\s+(\w+)(\*?) (.*)$", line)
        if not m:
            prev = None
            continue
        y, role, furn, s = m.group(1), m.group(2), bool(m.group(3)), squash(m.group(4))
        if furn:
            c.update(s[i:i + 2] for i in range(len(s) - 1))
        # a contents entry's leader and page number are Writer's to fill (it
        # paginates the .odt itself): the bigrams across the leader and of the number
        if role == "toci" and prev and prev[0] == y and prev[1] == "toci" and s and prev[2]:
            if furn or (prev[3] and s.isdigit()):
                c[prev[2][-1] + s[0]] += 1
            if prev[3] and s.isdigit():
                c.update(s[i:i + 2] for i in range(len(s) - 1))
        prev = (y, role, s, furn)
    return c


def page_sizes(pdf):
    """(width, height) of every page, pt."""
    n = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf).stdout).group(1))
    info = run("pdfinfo", "-f", "1", "-l", str(n), pdf).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def orientation_runs(sizes):
    """Consecutive pages of one orientation: [(landscape, first page, last page)], 1-based."""
    out = []
    for i, (w, h) in enumerate(sizes, 1):
        land = w > h
        if out and out[-1][0] == land:
            out[-1] = (land, out[-1][1], i)
        else:
            out.append((land, i, i))
    return out


def pages_bigrams(pdf, first, last, joined):
    t = run("pdftotext", "-raw", "-enc", "UTF-8", "-f", str(first), "-l", str(last), pdf, "-").stdout
    c = collections.Counter()
    for line in ([t] if joined else t.splitlines()):
        s = squash(line)
        c.update(s[i:i + 2] for i in range(len(s) - 1))
    return c


def check_turned_pages(pdf, lo_pdf, tpl, furniture):
    """Every page of LibreOffice's PDF is the template's page, upright or turned;
    the turned pages come in the runs planpress's PDF has, and each run holds
    the text planpress sets on it."""
    W, H = template_page(tpl)[:2]
    ours, theirs = page_sizes(pdf), page_sizes(lo_pdf)
    for i, (w, h) in enumerate(theirs, 1):
        check((abs(w - W) < 1 and abs(h - H) < 1) or (abs(w - H) < 1 and abs(h - W) < 1),
              f"LibreOffice page {i}: {w} x {h} pt, the template's page is {W:.2f} x {H:.2f}")
    a, b = orientation_runs(ours), orientation_runs(theirs)
    show = lambda runs: " ".join(("L" if l else "P") + f"{f}-{t}" for l, f, t in runs)  # noqa: E731
    if not check([r[0] for r in a] == [r[0] for r in b],
                 f"upright and turned pages: planpress {show(a)}, LibreOffice {show(b)}"):
        return
    for (land, f1, t1), (_, f2, t2) in zip(a, b):
        if not land:
            continue
        ref = pages_bigrams(pdf, f1, t1, False) - furniture
        got = pages_bigrams(lo_pdf, f2, t2, True)
        total = sum(ref.values())
        recall = sum(min(n, got[k]) for k, n in ref.items()) / total if total else 1
        check(recall >= 0.95, f"turned pages {f1}-{t1} (LibreOffice {f2}-{t2}): {recall:.3f} of their text")
    print(f"pages: planpress {show(a)}, LibreOffice {show(b)}")


def libreoffice_test(pp, src, extra, tmp):
    if not shutil.which("soffice"):
        print("SKIP: soffice (LibreOffice, Debian libreoffice-writer-nogui) is not installed; "
              "the ODF files were not opened with a real client")
        return SKIP
    doc = ET.parse(src).getroot()
    tpl = load_template(doc, extra[1] if extra else None)
    odt, pdf = os.path.join(tmp, "out.odt"), os.path.join(tmp, "out.pdf")
    if not (render(pp, src, odt, extra) and render(pp, src, pdf, extra)):
        return None
    lo = os.path.join(tmp, "lo")
    os.mkdir(lo)
    r = soffice(tmp, "pdf", odt, lo)
    lo_pdf = os.path.join(lo, "out.pdf")
    check(r.returncode == 0 and os.path.exists(lo_pdf), f"soffice --convert-to pdf: exit {r.returncode}: "
          f"{(r.stdout + r.stderr).strip()[-400:]}")
    check(not complaints(r), f"LibreOffice complained: {complaints(r)[:5]}")
    if not os.path.exists(lo_pdf):
        return None
    info = run("pdfinfo", lo_pdf).stdout
    furniture = furniture_bigrams(pp, src, extra, tmp)
    check_turned_pages(pdf, lo_pdf, tpl, furniture)
    fonts = run("pdffonts", lo_pdf).stdout
    han, latin = tpl.find("fonts").get("han"), tpl.find("fonts").get("latin")
    check(han.replace(" ", "") in fonts, f"LibreOffice did not set the text in {han}: {fonts}")
    if latin:
        check(latin.replace(" ", "") in fonts, f"LibreOffice did not use {latin}: {fonts}")
    # the text: every bigram of every line of planpress's PDF, page furniture aside,
    # found in LibreOffice's (its lines run on into each other: it breaks them itself)
    ref = line_bigrams(pdf) - furniture
    got = joined_bigrams(lo_pdf)
    total = sum(ref.values())
    found = sum(min(n, got[b]) for b, n in ref.items())
    recall = found / total if total else 0
    missing = sorted(((b, n - got[b]) for b, n in ref.items() if n > got[b]), key=lambda x: -x[1])[:12]
    pages = re.search(r"Pages:\s+(\d+)", info)
    ours = re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf).stdout)
    print(f"bigram recall {recall:.4f} over {total} bigrams; pages: planpress {ours and ours.group(1)}, "
          f"LibreOffice {pages and pages.group(1)}")
    check(recall >= 0.99, f"LibreOffice's PDF has {recall:.4f} of planpress's text bigrams; missing {missing}")
    # LibreOffice's own save: what it understood of the document
    r = soffice(tmp, "fodt", odt, lo)
    fodt = os.path.join(lo, "out.fodt")
    if not check(r.returncode == 0 and os.path.exists(fodt), f"soffice --convert-to fodt: {r.stderr[-300:]}"):
        return None
    saved = ET.parse(fodt).getroot()
    mine = Package(odt)
    text = lambda root: root.find(q("office:body")).find(q("office:text"))  # noqa: E731
    levels = lambda root: [h.get(q("text:outline-level")) for h in text(root).iter(q("text:h"))]  # noqa: E731
    check(levels(saved) == levels(mine.content), f"LibreOffice's headings {levels(saved)[:12]} != ours {levels(mine.content)[:12]}")
    ours_t = [Table(t) for t in text(mine.content).iter(q("table:table"))]
    lo_t = [Table(t) for t in text(saved).iter(q("table:table"))]
    check(len(lo_t) == len(ours_t), f"LibreOffice kept {len(lo_t)} of {len(ours_t)} tables")
    for a, b in zip(ours_t, lo_t):
        check((a.nrows, a.ncols, a.nhead) == (b.nrows, b.ncols, b.nhead),
              f"{a.name}: LibreOffice has {b.nrows}x{b.ncols} ({b.nhead} header rows), ours {a.nrows}x{a.ncols} ({a.nhead})")
        spans = lambda t: sorted((p, rs, cs) for p, (rs, cs, _) in t.cells.items() if rs > 1 or cs > 1)  # noqa: E731
        check(spans(a) == spans(b), f"{a.name}: LibreOffice's merged cells differ from ours")
    return None


def main():
    pp, src, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    extra = ["--template", sys.argv[4]] if len(sys.argv) > 4 else []
    tmp = tempfile.mkdtemp(prefix="pp-odf-")
    try:
        rc = {"package": package_test, "schema": schema_test, "libreoffice": libreoffice_test}[mode](pp, src, extra, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if rc == SKIP:
        return SKIP
    for f in failures:
        print(f"FAIL {os.path.basename(src)} {mode}: {f}")
    print(f"{checks[0] - len(failures)} of {checks[0]} checks passed")
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


sys.exit(main())
