#!/usr/bin/env python3
"""Publishing and accessibility test for one source: renders it
and reads the PDF back with poppler (pdfinfo, pdfinfo -struct-text, pdftotext),
qpdf (--check, --json, --qdf) and MuPDF (mutool), checking against names taken
from the source and its template, so the test stays true as samples change:

- metadata: Info title/author/subject/keywords/creator/producer (Chinese intact),
  XMP mirroring them, catalog /Lang = xml:lang, DisplayDocTitle, opens at page 1,
  a trailer /ID;
- bookmarks: one per section (nested as the sections), per dimension caption, each
  going to the page that shows its heading;
- every page shows its page number (template format);
- structure: H1 for 壹、 sections, deeper H for subsections and captions, L/LI with
  the number in Lbl, tables as Table/THead/TBody/TR with TH (/Scope /Column) holding
  the column headers once, RowSpan/ColSpan on merged cells, every unit and strategy
  name in a TD, text in source order; no page numbers, repeated header rows or
  continued marks in the structure; every painting operator of every page inside
  marked content with an MCID or an /Artifact;
- no warnings from poppler, MuPDF or qpdf;
- --pdfa: XMP pdfaid 2/U and pdfuaid 1, an sRGB OutputIntent with its ICC profile,
  and exit 3 with no PDF when the profile is missing;
- with --repro: two renders with SOURCE_DATE_EPOCH set are byte-identical and carry
  that date; with --pua: a private-use character with a standard equivalent gets
  /ActualText (pdftotext gives the standard character) and a Latin word a /Lang Span.

Usage: publish_check.py PLANPRESS SOURCE.xml [--repro] [--pua]"""
import json, os, re, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sources import sections, squash  # noqa: E402
import template_xml  # noqa: E402
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "..", "templates")

failures = []
def check(cond, what):
    if not cond:
        failures.append(what)
    return cond

def run(*cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


# ---- readers ---------------------------------------------------------------------

class Node:
    def __init__(self, tag, depth):
        self.tag, self.depth, self.kids, self.attrs = tag, depth, [], {}
    def texts(self):
        for k in self.kids:
            if isinstance(k, str):
                yield k
            else:
                yield from k.texts()
    def text(self):
        return squash("".join(self.texts()))
    def walk(self):
        yield self
        for k in self.kids:
            if isinstance(k, Node):
                yield from k.walk()
    def elems(self):
        return [k for k in self.kids if isinstance(k, Node)]

def struct_tree(pdf):
    """pdfinfo -struct-text as a tree: element lines, "/Key value" attribute lines
    and quoted text lines, nested by indentation."""
    r = run("pdfinfo", "-struct-text", pdf)
    check(r.returncode == 0 and r.stderr.strip() == "", f"pdfinfo -struct-text: {r.stderr.strip()[:300]}")
    root = Node("(root)", -1)
    stack = [root]
    for line in r.stdout.splitlines():
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if body.startswith('"'):
            while len(stack) > 1 and stack[-1].depth >= depth:
                stack.pop()
            stack[-1].kids.append(body[1:-1] if body.endswith('"') else body[1:])
        elif body.startswith("/"):
            key, _, val = body.partition(" ")
            stack[-1].attrs[key[1:]] = val.strip()
        else:
            tag = re.match(r"[^\s:(]+", body).group(0)
            while len(stack) > 1 and stack[-1].depth >= depth:
                stack.pop()
            n = Node(tag, depth)
            stack[-1].kids.append(n)
            stack.append(n)
    return root

def qpdf_json(pdf):
    r = run("qpdf", "--json", pdf)
    check(r.returncode == 0, f"qpdf --json: {r.stderr.strip()[:300]}")
    return json.loads(r.stdout) if r.returncode == 0 else {}

def resolve(objs, v):
    while isinstance(v, str) and v.endswith(" R"):
        v = objs.get("obj:" + v, {}).get("value")
    return v

def pdf_string(v):
    return v[2:] if isinstance(v, str) and v[:2] in ("u:", "b:") else v

def page_texts(pdf):
    t = run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
    check(t.stderr.strip() == "", f"pdftotext warns: {t.stderr.strip()[:300]}")
    return t.stdout.split("\f")[:-1] if t.stdout.endswith("\f") else t.stdout.split("\f")

PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do"}

def parent_tree(j):
    """{page number from 1: [the structure element dict of each MCID]} from the
    ParentTree, and whether each of those elements lists that MCID in its /K."""
    objs = j["qpdf"][1]
    cat = resolve(objs, objs["trailer"]["value"]["/Root"])
    root = resolve(objs, cat.get("/StructTreeRoot")) or {}
    nums = (resolve(objs, root.get("/ParentTree")) or {}).get("/Nums", [])
    by_key = {nums[i]: resolve(objs, nums[i + 1]) for i in range(0, len(nums) - 1, 2)}
    out = {}
    for n, page in enumerate(j.get("pages", []), 1):
        pd = resolve(objs, page["object"])
        arr = by_key.get(pd.get("/StructParents"), [])
        ok = []
        for mcid, ref in enumerate(arr):
            el = resolve(objs, ref) or {}
            kids = resolve(objs, el.get("/K"))
            kids = kids if isinstance(kids, list) else [kids]
            pg = el.get("/Pg")
            found = False
            for k in kids:
                k = resolve(objs, k) if isinstance(k, str) else k
                if isinstance(k, int):
                    found |= k == mcid and pg == page["object"]
                elif isinstance(k, dict) and k.get("/Type") == "/MCR":
                    found |= k.get("/MCID") == mcid and k.get("/Pg") == page["object"]
            ok.append(found)
        out[n] = ok
    return out

def check_marked_content(pdf, tmp, j):
    """Every painting operator sits in marked content with an MCID or in an /Artifact,
    and every MCID of a page is in the ParentTree, owned by an element that lists it."""
    tree = parent_tree(j)
    q = os.path.join(tmp, "qdf.pdf")
    r = run("qpdf", "--qdf", "--object-streams=disable", pdf, q)
    if not check(r.returncode == 0, f"qpdf --qdf: {r.stderr.strip()[:200]}"):
        return
    data = open(q, "rb").read().decode("latin-1")
    pages = re.findall(r"%% Contents for page (\d+)\n.*?stream\n(.*?)\nendstream", data, re.S)
    check(len(pages) > 0, "no page content streams found")
    for num, body in pages:
        stack, bad, mcids = [], 0, set()
        for line in body.split("\n"):
            op = line.split()[-1] if line.split() else ""
            if op in ("BDC", "BMC"):
                m = re.search(r"/MCID (\d+)", line)
                kind = "artifact" if line.startswith("/Artifact") else ("mcid" if m else "other")
                if m:
                    check(int(m.group(1)) not in mcids, f"page {num}: MCID {m.group(1)} used twice")
                    mcids.add(int(m.group(1)))
                stack.append(kind)
            elif op == "EMC":
                if not check(stack, f"page {num}: EMC without BDC"):
                    continue
                stack.pop()
            elif op in PAINT and not any(k in ("artifact", "mcid") for k in stack):
                bad += 1
        check(not stack, f"page {num}: marked content left open")
        check(bad == 0, f"page {num}: {bad} painting operators neither tagged nor artifacts")
        check(mcids == set(range(len(mcids))), f"page {num}: MCIDs not 0..n-1")
        owned = tree.get(int(num), [])
        check(len(owned) == len(mcids), f"page {num}: {len(mcids)} MCIDs, {len(owned)} in the ParentTree")
        check(all(owned), f"page {num}: {owned.count(False)} MCIDs not listed by their element's /K")

# ---- the source --------------------------------------------------------------------

def template_for(doc):
    root = ET.parse(os.path.join(TEMPLATES, doc.get("kind") + ".xml")).getroot()
    return root

def sections_of(doc):
    """(depth, heading text, element) in document order."""
    return sections(doc)

# ---- checks ---------------------------------------------------------------------------

def profile_of(src, kind):
    """The profile of a document kind in the template the source is rendered with."""
    return template_xml.profile(template_xml.for_source(src), kind)


def check_metadata(pdf, doc, j, src):
    meta = doc.find("meta")
    agency = squash(meta.findtext("agency") or "")
    # the title is the title as printed: the first line of page 1
    first = run("pdftotext", "-raw", "-enc", "UTF-8", "-f", "1", "-l", "1", pdf, "-").stdout.strip().splitlines()
    want_title = squash(first[0]) if first else ""
    prof = profile_of(src, doc.get("kind"))
    want_subject = prof.get("subject") if prof is not None else None
    info = {}
    r = run("pdfinfo", "-enc", "UTF-8", pdf)
    check(r.returncode == 0 and r.stderr.strip() == "", f"pdfinfo: {r.stderr.strip()[:300]}")
    for line in r.stdout.splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    check(squash(info.get("Title", "")) == want_title, f"Title {info.get('Title')!r}, want {want_title!r}")
    check(info.get("Author") == agency, f"Author {info.get('Author')!r}, want {agency!r}")
    check(info.get("Subject") == want_subject, f"Subject {info.get('Subject')!r}, want {want_subject!r}")
    check(agency in info.get("Keywords", "") and "提升服務效能" in info.get("Keywords", ""),
          f"Keywords {info.get('Keywords')!r}")
    check(info.get("Creator", "").startswith("planpress "), f"Creator {info.get('Creator')!r}")
    check(info.get("Producer", "").startswith("planpress "), f"Producer {info.get('Producer')!r}")
    check(info.get("Tagged") == "yes", "pdfinfo: not tagged")
    check(info.get("Metadata Stream") == "yes", "no XMP metadata stream")
    x = run("pdfinfo", "-meta", pdf).stdout
    issued = meta.find("issued")
    if issued is not None and issued.get("date") and "SOURCE_DATE_EPOCH" not in os.environ:
        want = issued.get("date") + "T00:00:00+08:00"
        check(f"<xmp:CreateDate>{want}</xmp:CreateDate>" in x, f"XMP CreateDate is not the issuance date {want}")
        objs = j["qpdf"][1]
        inf = resolve(objs, objs["trailer"]["value"].get("/Info")) or {}
        raw = pdf_string(inf.get("/CreationDate", ""))
        check(raw.startswith("D:" + issued.get("date").replace("-", "") + "000000+08'00"),
              f"Info CreationDate {raw!r} is not the issuance date")
    x = run("pdfinfo", "-meta", pdf).stdout
    check(f'<rdf:li xml:lang="x-default">{info.get("Title")}</rdf:li>' in x, "XMP dc:title differs from Info Title")
    check(f"<rdf:li>{agency}</rdf:li>" in x, "XMP dc:creator differs from Info Author")
    check(f"<pdf:Producer>{info.get('Producer')}</pdf:Producer>" in x, "XMP pdf:Producer differs")
    check(f"<xmp:CreatorTool>{info.get('Creator')}</xmp:CreatorTool>" in x, "XMP xmp:CreatorTool differs")
    check("<pdfuaid:part>1</pdfuaid:part>" in x, "XMP lacks pdfuaid:part 1")

    objs = j["qpdf"][1]
    trailer = objs["trailer"]["value"]
    cat = resolve(objs, trailer["/Root"])
    lang = doc.get(XML_LANG) or "zh-TW"
    check(pdf_string(cat.get("/Lang")) == lang, f"catalog /Lang {cat.get('/Lang')!r}, want {lang!r}")
    check((cat.get("/ViewerPreferences") or {}).get("/DisplayDocTitle") is True, "no DisplayDocTitle")
    check((cat.get("/MarkInfo") or {}).get("/Marked") is True, "no /MarkInfo /Marked true")
    check("/StructTreeRoot" in cat, "no /StructTreeRoot")
    dest = resolve(objs, cat.get("/OpenAction"))
    first_page = j["pages"][0]["object"] if j.get("pages") else None
    check(isinstance(dest, list) and dest and dest[0] == first_page, f"OpenAction {dest!r} is not page 1")
    ids = trailer.get("/ID")
    check(isinstance(ids, list) and len(ids) == 2 and all(len(pdf_string(i)) == 32 for i in ids),
          f"trailer /ID {ids!r}")
    return info

def check_outline(j, doc, texts):
    outl = j.get("outlines", [])
    flat = []
    def walk(items, depth):
        for o in items:
            flat.append((depth, squash(o["title"]), o.get("destpageposfrom1")))
            walk(o["kids"], depth + 1)
    walk(outl, 0)
    titles = [t for _, t, _ in flat]
    secs = sections_of(doc)
    for depth, want, _ in secs:
        hit = [f for f in flat if want.startswith(f[1]) and len(f[1]) >= min(len(want), 4)]
        if not check(hit, f"no bookmark for section {want}"):
            continue
        d, t, page = hit[0]
        check(d == depth, f"bookmark {t} at depth {d}, want {depth}")
        check(page and t[:6] in squash(texts[page - 1]), f"bookmark {t} goes to page {page}, which does not show it")
    dims = [squash(d.get("name")) for d in doc.iter("dimension")]
    captions_shown = [t for t in titles if any(n in t for n in dims)]
    if captions_shown:   # the template makes dimensions headings above their tables
        for n in dims:
            check(any(n in t for t in titles), f"no bookmark for dimension {n}")
        for d, t, page in flat:
            if any(n in t for n in dims):
                check(d >= 1, f"dimension bookmark {t} not nested under its section")
    pages = [p for _, _, p in flat]
    check(pages == sorted(pages), f"bookmarks not in page order: {pages}")
    return flat

def check_page_numbers(texts, tmpl):
    fmt = (tmpl.find("page-number").get("format") if tmpl.find("page-number") is not None else "")
    if not fmt:
        return
    for k, t in enumerate(texts):
        want = squash(fmt.replace("{n}", str(k + 1)).replace("{total}", str(len(texts))))
        check(want in squash(t), f"page {k + 1} does not show its number {want!r}")

def check_structure(tree, doc, tmpl, texts):
    docs = tree.elems()
    if not check(len(docs) == 1 and docs[0].tag == "Document", "structure root is not one Document"):
        return
    d = docs[0]
    all_text = d.text()
    # headings
    heads = [(n.tag, n.text()) for n in d.walk() if re.fullmatch(r"H[1-6]", n.tag)]
    for depth, want, _ in sections_of(doc):
        hit = [h for h in heads if h[1].startswith(want[:12])]
        if check(hit, f"no heading element for section {want}"):
            check(hit[0][0] == f"H{depth + 1}", f"section {want} tagged {hit[0][0]}, want H{depth + 1}")
    levels = [int(t[1]) for t, _ in heads]
    check(not levels or levels[0] == 1, "first heading is not H1")
    check(all(b <= a + 1 for a, b in zip(levels, levels[1:])), f"heading levels skip: {levels}")
    for dim in doc.iter("dimension"):
        n = squash(dim.get("name"))
        in_head = [h for h in heads if n in h[1]]
        if in_head:
            check(in_head[0][0] in ("H2", "H3", "H4"), f"dimension caption {n} tagged {in_head[0][0]}")
    # lists: every LI has one Lbl holding a label and one LBody
    lis = [n for n in d.walk() if n.tag == "LI"]
    for li in lis:
        kinds = [k.tag for k in li.elems()]
        check(kinds == ["Lbl", "LBody"], f"LI children {kinds}")
        if kinds and kinds[0] == "Lbl":
            lbl = li.elems()[0].text()
            check(re.fullmatch(r"[（(]?[一二三四五六七八九十百\d０-９A-Za-z]+[）)、.．]?", lbl), f"Lbl {lbl!r} is not a label")
    for n in d.walk():
        if n.tag == "L":
            check(all(k.tag == "LI" for k in n.elems()), "L holds something else than LI")
    body_items = [it for sec in doc.iter("section") for lst in sec.findall("list") for it in lst.findall("item")]
    check(len(lis) >= len(body_items), f"{len(lis)} LI for {len(body_items)} list items")
    # tables
    tables = [n for n in d.walk() if n.tag == "Table"]
    n_strat = len(list(doc.iter("strategies")))
    check(len(tables) >= n_strat, f"{len(tables)} Table elements for {n_strat} strategy tables")
    cs_name = None
    for st in doc.iter("strategies"):
        cs_name = st.get("columns") or tmpl.get("columns")
    headers = []
    for cs in tmpl.iter("columns"):
        if cs.get("name") == cs_name:
            headers = [squash(c.get("header")) for c in cs.findall("column") if squash(c.get("header"))]
    for t in tables:
        parts = [k.tag for k in t.elems()]
        ths = [n for n in t.walk() if n.tag == "TH"]
        check(not ths or parts[0] == "THead", f"table parts {parts}")
        if headers and n_strat:
            check([n.text() for n in ths] == headers, f"TH {[n.text() for n in ths]}, want {headers}")
        for th in ths:
            check(th.attrs.get("Scope") == "/Column", f"TH {th.text()} without /Scope /Column")
        for tr in (n for n in t.walk() if n.tag == "TR"):
            check(all(k.tag in ("TH", "TD") for k in tr.elems()), "TR holds something else than TH/TD")
    spans = [n for t in tables for n in t.walk() if n.tag in ("TD", "TH") and ("RowSpan" in n.attrs or "ColSpan" in n.attrs)]
    merged = any(len(g.findall("strategy")) > 1 for g in doc.iter("group")) or \
        any(len(u.findall("unit")) for u in doc.iter("units"))
    if tables and merged:
        check(spans, "no RowSpan/ColSpan on any merged cell")
    td_text = "".join(n.text() for t in tables for n in t.walk() if n.tag == "TD")
    for el in doc.iter():
        if el.tag == "unit" and tables:
            check(squash(el.text) in td_text, f"unit {el.text} not in a TD")
        elif el.tag == "strategy" and tables:
            name = squash("".join(el.find("name").itertext()))
            check(name in td_text, f"strategy {name} not in a TD")
    # reading order: section headings and strategy names in source order
    order, pos = [], -1
    for el in doc.iter():
        if el.tag == "section":
            order.append(squash(el.get("title")))
        elif el.tag == "strategy" and tables:
            order.append(squash("".join(el.find("name").itertext())))
    for want in order:
        i = all_text.find(want, pos + 1)
        if not check(i > pos, f"reading order: {want} not after what precedes it in the source"):
            continue
        pos = i
    # furniture is not content
    check(not re.search(r"-\d+-", all_text), "a page number is tagged as content")
    for t in tables:
        body_text = "".join(n.text() for n in t.walk() if n.tag == "TBody")
        check("（續）" not in body_text, "a continued mark is tagged as content")
    pages_with_header = sum(1 for p in texts if headers and headers[0] in squash(p))
    th_count = sum(1 for n in d.walk() if n.tag == "TH" and headers and n.text() == headers[0])
    if headers and n_strat:
        check(th_count == len(tables), f"{th_count} TH {headers[0]} for {len(tables)} tables "
              f"(the header shows on {pages_with_header} pages: repeats must be artifacts)")

def check_tools(pdf):
    q = run("qpdf", "--check", pdf)
    check(q.returncode == 0 and "WARNING" not in q.stdout + q.stderr, f"qpdf --check: {q.stdout[-300:]} {q.stderr[-300:]}")
    m = run("mutool", "draw", "-q", "-F", "txt", "-o", os.devnull, pdf)
    # Debian's MuPDF is built without LittleCMS and says so for every file
    warn = [l for l in m.stderr.splitlines() if l.strip() and "ICC support is not available" not in l]
    check(m.returncode == 0 and not warn, f"mutool draw: {warn[:3]}")
    m = run("mutool", "info", pdf)
    warn = [l for l in m.stderr.splitlines() if l.strip() and "ICC support is not available" not in l]
    check(m.returncode == 0 and not warn, f"mutool info: {warn[:3]}")

def check_pdfa(pp, src, tmp):
    pdf = os.path.join(tmp, "a.pdf")
    r = run(pp, "render", src, "-o", pdf, "--pdfa")
    if not check(r.returncode == 0, f"render --pdfa exit {r.returncode}: {r.stderr.strip()}"):
        return
    check_tools(pdf)
    x = run("pdfinfo", "-meta", pdf).stdout
    check("<pdfaid:part>2</pdfaid:part>" in x and "<pdfaid:conformance>U</pdfaid:conformance>" in x,
          "XMP lacks pdfaid part 2 conformance U")
    check("<pdfuaid:part>1</pdfuaid:part>" in x and "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in x,
          "XMP lacks pdfuaid 1 or its extension schema")
    check(x.startswith("<?xpacket begin=") and x.rstrip().endswith('<?xpacket end="w"?>'), "XMP packet wrapper")
    j = qpdf_json(pdf)
    objs = j["qpdf"][1]
    cat = resolve(objs, objs["trailer"]["value"]["/Root"])
    check(re.search(r"PDF version:\s+1\.7", run("pdfinfo", pdf).stdout), "PDF/A file is not PDF 1.7")
    ois = resolve(objs, cat.get("/OutputIntents")) or []
    if not check(len(ois) == 1, f"OutputIntents {ois!r}"):
        return
    oi = resolve(objs, ois[0])
    check(oi.get("/S") == "/GTS_PDFA1", f"OutputIntent /S {oi.get('/S')}")
    check("sRGB" in pdf_string(oi.get("/OutputConditionIdentifier", "")), "OutputConditionIdentifier is not sRGB")
    prof_ref = oi.get("/DestOutputProfile", "")
    prof = objs.get("obj:" + prof_ref, {}).get("stream", {}).get("dict", {})
    check(prof.get("/N") == 3, f"ICC profile /N {prof.get('/N')}")
    raw = subprocess.run(["qpdf", f"--show-object={prof_ref.split()[0]}", "--filtered-stream-data", pdf],
                         capture_output=True).stdout
    check(raw[36:40] == b"acsp" and raw[16:20] == b"RGB ", "DestOutputProfile is not an RGB ICC profile")
    check("/Encrypt" not in objs["trailer"]["value"], "PDF/A file is encrypted")
    # no profile: exit 3, no PDF
    miss = os.path.join(tmp, "missing.pdf")
    env = dict(os.environ, PLANPRESS_ICC=os.path.join(tmp, "no-such.icc"))
    r = run(pp, "render", src, "-o", miss, "--pdfa", env=env)
    check(r.returncode == 3 and "ICC" in r.stderr, f"missing ICC profile: exit {r.returncode}, {r.stderr.strip()[:200]}")
    check(not os.path.exists(miss), "a PDF was left after the missing-profile failure")

def check_repro(pp, src, tmp):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    a, b = os.path.join(tmp, "r1.pdf"), os.path.join(tmp, "r2.pdf")
    for p in (a, b):
        r = run(pp, "render", src, "-o", p, env=env)
        check(r.returncode == 0, f"render for reproducibility: {r.stderr.strip()}")
    if os.path.exists(a) and os.path.exists(b):
        check(open(a, "rb").read() == open(b, "rb").read(), "two renders with SOURCE_DATE_EPOCH differ")
    info = run("pdfinfo", a).stdout
    check("Nov 14 22:13:20 2023" in info, "CreationDate is not SOURCE_DATE_EPOCH")
    x = run("pdfinfo", "-meta", a).stdout
    check("<xmp:CreateDate>2023-11-14T22:13:20+00:00</xmp:CreateDate>" in x, "XMP CreateDate is not SOURCE_DATE_EPOCH")

def check_pua(pp, src, tmp):
    """A paragraph with U+FB957 (TW-Kai-Plus; U+2C582 in Unicode) and a Latin word."""
    text = open(src, encoding="utf-8").read()
    m = re.search(r"<p>([^<]{4,})</p>", text)
    if not check(m, "no plain paragraph to put a private-use character in"):
        return
    para = m.group(1)
    text = text.replace(m.group(0), f"<p>{para[:2]}\U000FB957與YouTube頻道{para[2:]}</p>", 1)
    # and an Ext-B character (U+20B9F) in the title and the first section's title
    text = re.sub(r"<title>([^<]*)</title>", lambda t: f"<title>\U00020B9F{t.group(1)}</title>", text, count=1)
    text = re.sub(r'(<section title=")', "\\1\U00020B9F", text, count=1)
    s2 = os.path.join(tmp, "pua.xml")
    open(s2, "w", encoding="utf-8").write(text)
    pdf = os.path.join(tmp, "pua.pdf")
    r = run(pp, "render", s2, "-o", pdf)
    if not check(r.returncode == 0, f"render with a PUA character: {r.stderr.strip()}"):
        return
    title = run("pdfinfo", "-enc", "UTF-8", pdf).stdout
    check("\U00020B9F" in title, "an Ext-B character is lost from the Info Title")
    check("\U00020B9F" in run("pdfinfo", "-meta", pdf).stdout, "an Ext-B character is lost from the XMP title")
    outl = json.dumps(qpdf_json(pdf).get("outlines", []), ensure_ascii=False)
    check("\U00020B9F" in outl, "an Ext-B character is lost from the bookmarks")
    t = run("pdftotext", "-enc", "UTF-8", pdf, "-").stdout
    check("\U0002C582與" in t, "pdftotext does not give U+2C582 for U+FB957 (ActualText)")
    tree = struct_tree(pdf)
    spans = [n for n in tree.walk() if n.tag == "Span"]
    check(any(n.text() == "YouTube" for n in spans), "the Latin word YouTube is not a Span")
    j = qpdf_json(pdf)
    elems = [o.get("value", {}) for o in j["qpdf"][1].values() if isinstance(o.get("value"), dict)]
    check(any(e.get("/S") == "/Span" and pdf_string(e.get("/Lang")) == "en" for e in elems), "no Span with /Lang (en)")
    check(any(e.get("/S") == "/Span" and "/ActualText" in e for e in elems), "no Span with /ActualText")

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = {a for a in sys.argv[1:] if a.startswith("--")}
    pp, src = args[0], args[1]
    tmp = tempfile.mkdtemp()
    pdf = os.path.join(tmp, "out.pdf")
    r = run(pp, "render", src, "-o", pdf)
    if not check(r.returncode == 0, f"render exit {r.returncode}: {r.stderr.strip()}"):
        return report(src)
    doc = ET.parse(src).getroot()
    tmpl = template_for(doc)
    j = qpdf_json(pdf)
    texts = page_texts(pdf)
    check_tools(pdf)
    check_metadata(pdf, doc, j, src)
    check_outline(j, doc, texts)
    check_page_numbers(texts, tmpl)
    check_structure(struct_tree(pdf), doc, tmpl, texts)
    check_marked_content(pdf, tmp, j)
    check_pdfa(pp, src, tmp)
    if "--repro" in opts:
        check_repro(pp, src, tmp)
    if "--pua" in opts:
        check_pua(pp, src, tmp)
    return report(src)

def report(src):
    fails = [f for f in failures if f]
    for f in fails:
        print(f"FAIL {src}: {f}")
    print(f"{0 if fails else 1} passed, {1 if fails else 0} failed")
    return 1 if fails else 0

sys.exit(main())
