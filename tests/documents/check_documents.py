#!/usr/bin/env python3
"""Document tests: one fixture of another agency's document, checked and
rendered, then read back from the PDF (poppler, mutool, qpdf) against what its
expected file says (NAME.expect.json, written by hand) and what its source says.

Usage: check_documents.py PLANPRESS NAME   (NAME.xml and NAME.expect.json here)

Every check prints PASS, FAIL, XFAIL (a failure listed in KNOWN_BUGS, with the
reason) or XPASS (listed but passing: the bug is fixed, take it off the list).
The test fails on FAIL and on XPASS, so the list stays true."""
import json, os, re, sys, tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, ".."))
import template_xml  # noqa: E402
import pdfread  # noqa: E402
from pdfread import squash, EPS  # noqa: E402
from pdflayout import length_pt, group_lines  # noqa: E402

TOL = 0.6   # pt: positions read back from the PDF

# Failures that are bugs in planpress, not in the fixtures: (fixture, check) -> why.
# Each is described in the report that came with these tests; remove a line when
# the bug is fixed (the check then reports XPASS and fails until it is removed).
KNOWN_BUGS = {
}

MOEA_SUBJECTS = {"提升服務效能執行計畫", "提升服務效能實施計畫", "提升服務效能執行績效與成果"}


class Checks:
    def __init__(self, name):
        self.name = name
        self.results = []   # (id, ok, details)
        self.cur = None

    def check(self, cid, problems):
        """problems: list of strings (empty = pass)."""
        self.results.append((cid, not problems, problems))

    def report(self):
        bad = 0
        for cid, ok, problems in self.results:
            known = KNOWN_BUGS.get((self.name, cid))
            if ok and known:
                print(f"XPASS {self.name}/{cid}: listed in KNOWN_BUGS ({known}) but passes: take it off the list")
                bad += 1
            elif ok:
                print(f"PASS  {self.name}/{cid}")
            elif known:
                print(f"XFAIL {self.name}/{cid}: known bug: {known}")
                for p in problems[:6]:
                    print(f"        {p}")
            else:
                print(f"FAIL  {self.name}/{cid}")
                for p in problems[:25]:
                    print(f"        {p}")
                if len(problems) > 25:
                    print(f"        … and {len(problems) - 25} more")
                bad += 1
        print(f"{self.name}: {sum(ok for _, ok, _ in self.results)} of {len(self.results)} checks passed, {bad} failing")
        return bad


# ---- what the source says -------------------------------------------------------
def inline(el):
    return squash("".join(el.itertext())) if el is not None else ""


def pieces(el):
    """The texts of an element as they print without labels in between: each
    paragraph, note and list item on its own (a nested list's items apart)."""
    out, run = [], []

    def flush():
        t = squash("".join(run))
        if t:
            out.append(t)
        run.clear()

    def walk(e):
        if e.text:
            run.append(e.text)
        for k in e:
            if k.tag in ("p", "note", "list", "item", "desc"):
                flush()
                walk(k)
                flush()
            else:
                run.append("".join(k.itertext()))
            if k.tail:
                run.append(k.tail)

    if el is not None:
        walk(el)
        flush()
    return out


def template_of(src, tpl_name=None):
    root = ET.parse(src).getroot()
    if tpl_name:
        return template_xml.load(template_xml.path_of(tpl_name, ROOT))
    return template_xml.for_source(src)


def column_set(st, tpl, kind):
    """The columns of a strategy table as the source and template give them:
    [(content, key, blank, align)]."""
    prof = template_xml.profile(tpl, kind)
    name = st.get("columns") or (prof.get("columns") if prof is not None else None) or tpl.get("columns")
    decl = st.find("columns")
    cols = None
    if decl is not None and decl.findall("column"):
        cols = [(c.get("content"), c.get("key"), c.get("blank") == "yes", None) for c in decl.findall("column")]
    elif name:
        preset = next((c for c in tpl.findall("columns") if c.get("name") == name), None)
        if preset is not None:
            cols = [(c.get("content"), c.get("key"), False, None) for c in preset.findall("column")]
    return cols or []


def strategy_texts(st, cols):
    """{column index: [texts the column must print]} for a strategy table."""
    idx = {}
    for i, (content, key, _, _) in enumerate(cols):
        idx.setdefault((content, key if content == "extra" else None), i)
    out = {}

    def put(content, text, key=None):
        i = idx.get((content, key))
        if i is not None and text:
            out.setdefault(i, []).append(text)

    for el in st.iter():
        if el.tag == "dimension":
            put("dimension", squash(el.get("name")))
        elif el.tag == "group":
            put("group", squash(el.get("name")))
        elif el.tag == "strategy":
            put("strategy", inline(el.find("name")))
            for t in pieces(el.find("desc")):
                put("strategy", t)
        elif el.tag == "sub":
            for t in pieces(el.find("desc")):
                put("sub" if ("sub", None) in idx else "strategy", t)
        elif el.tag == "unit":
            put("units", squash(el.text))
        elif el.tag in ("actions", "results"):
            for t in pieces(el):
                put("outcome", t)
        elif el.tag == "extra":
            for t in pieces(el):
                put("extra", t, el.get("key"))
    return out


def grid_texts(table):
    """{column index: [cell texts]}, the column each cell starts in (as rowspan
    and colspan place it), body rows only; and the row count."""
    out, busy = {}, {}
    rows = table.findall("row")
    for row in rows:
        col = 0
        for cell in row.findall("cell"):
            while busy.get(col, 0) > 0:
                col += 1
            for t in pieces(cell):
                out.setdefault(col, []).append((t, int(cell.get("colspan", "1"))))
            span, rs = int(cell.get("colspan", "1")), int(cell.get("rowspan", "1"))
            for k in range(span):
                busy[col + k] = rs
            col += span
        for k in list(busy):
            busy[k] -= 1
    return out


def source_tables(src, tpl):
    doc = ET.parse(src).getroot()
    kind = doc.get("kind")
    out = []
    for el in doc.iter():
        if el.tag == "strategies":
            cols = column_set(el, tpl, kind)
            out.append({"kind": "strategies", "ncols": len(cols), "cols": cols,
                        "texts": strategy_texts(el, cols), "align": {},
                        "blank": {i for i, c in enumerate(cols) if c[2]}})
        elif el.tag == "table":
            decl = el.find("columns")
            dcols = decl.findall("column") if decl is not None else []
            g = grid_texts(el)
            head = el.find("head")
            first = (head.find("row") if head is not None else None) or el.find("row")
            ncols = sum(int(c.get("colspan", "1")) for c in first.findall("cell"))
            out.append({"kind": "table", "ncols": ncols,
                        "texts": {c: [t for t, _ in v] for c, v in g.items()},
                        "single": {c: [t for t, s in v if s == 1] for c, v in g.items()},
                        "align": {i: c.get("align") for i, c in enumerate(dcols) if c.get("align")},
                        "blank": {i for i, c in enumerate(dcols) if c.get("blank") == "yes"}})
    return out


TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:%/\-]*[0-9A-Za-z%]")


# ---- the checks ---------------------------------------------------------------------
def run_check(pp, src, tpl=None):
    cmd = [pp, "check"] + (["--template", tpl] if tpl else []) + [src]
    return pdfread.run(cmd, cwd=ROOT)


def page_number_of(rd, tpl, p):
    """The number printed in the foot of page p (None if none)."""
    w, h = rd.sizes[p - 1]
    bottom = length_pt(tpl.find("page").get("bottom", "72pt"))
    foot = [l for l in rd.body[p] if l.y0 >= h - bottom - EPS]
    m = re.search(r"\d+", squash("".join(l.text for l in foot)))
    return int(m.group()) if m else None


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("planpress")
    ap.add_argument("name")
    # for self_test.py, which proves that the checks fail on wrong output:
    ap.add_argument("--dir", default=HERE, help="where NAME.xml and its expected files are")
    ap.add_argument("--pdf-filter", help="a command run as CMD IN.pdf OUT.pdf on the rendered PDF before reading it")
    a = ap.parse_args()
    pp, name, here = a.planpress, a.name, os.path.abspath(a.dir)
    rel = os.path.relpath(os.path.join(here, name + ".xml"), ROOT)
    src = os.path.join(ROOT, rel)
    with open(os.path.join(here, name + ".expect.json"), encoding="utf-8") as fh:
        ex = json.load(fh)
    C = Checks(name)
    if "diagnose" in ex:
        # a source check must not pass in silence: a diagnostic at each place named
        r = run_check(pp, rel)
        for at, what in ex["diagnose"]:
            C.check("diagnosed", [] if any(l.startswith(at) for l in r.stderr.splitlines())
                    else [f"check exit {r.returncode}, no message at {at} ({what}); it printed: {r.stderr.strip() or 'nothing'}"])
        return C.report()

    # ---- check: exit status, the profile it names, exactly the expected warnings
    r = run_check(pp, rel)
    warn_path = os.path.join(here, name + ".warn")
    want_warn = open(warn_path, encoding="utf-8").read() if os.path.exists(warn_path) else ""
    C.check("check-exit", [] if r.returncode == ex.get("exit", 0) else [f"check exit {r.returncode}, want {ex.get('exit', 0)}: {r.stderr.strip()}"])
    C.check("check-warnings", [] if r.stderr == want_warn else
            [f"check printed:\n{r.stderr}        want ({os.path.basename(warn_path)}):\n{want_warn}"])
    C.check("check-profile", [] if f"checked as {ex['profile']}" in r.stdout else
            [f"check says '{r.stdout.strip()}', want 'checked as {ex['profile']}'"])
    check_err = r.stderr
    for at, typed, what in ex.get("more-warnings", []):
        C.check(f"warns-{typed}", [] if any(l.startswith(at) and ": warning: " in l and typed in l for l in r.stderr.splitlines())
                else [f"no warning at {at} for {what}"])
    for alt in ex.get("other-templates", []):
        r2 = run_check(pp, rel, alt["template"])
        want2 = open(os.path.join(here, alt["warn"]), encoding="utf-8").read()
        C.check(f"check-template-{alt['template']}",
                ([] if r2.stderr == want2 else [f"check --template {alt['template']} printed:\n{r2.stderr}        want:\n{want2}"])
                + ([] if f"checked as {alt['profile']}" in r2.stdout else [f"check says '{r2.stdout.strip()}'"]))
    if ex.get("exit", 0) != 0 or ex.get("check-only"):
        return C.report()

    # ---- render
    tmp = tempfile.mkdtemp()
    pdf = os.path.join(tmp, name + ".pdf")
    r = pdfread.run([pp, "render", rel, "-o", pdf], cwd=ROOT)
    if r.returncode != 0 and "pages invariant:" in r.stderr:
        # only builds that check their invariants (Debug, the sanitizer build) stop here;
        # recorded only when it happens, so the release build has no such check
        C.check("render-invariant", [f"render exit {r.returncode}: " + " | ".join(r.stderr.strip().splitlines()[1:4])])
        return C.report()
    if r.returncode != 0 or not os.path.exists(pdf):
        C.check("render", [f"render exit {r.returncode}: {r.stderr.strip()}"])
        return C.report()
    C.check("render", [])
    if a.pdf_filter:
        out = os.path.join(tmp, "filtered.pdf")
        pdfread.run(a.pdf_filter.split() + [pdf, out])
        pdf = out
    C.check("render-warnings", [] if r.stderr == check_err else
            [f"render printed what check did not (the layout had to give way):\n{r.stderr}"])
    q = pdfread.run(["qpdf", "--check", pdf])
    C.check("qpdf-check", [] if q.returncode == 0 and "WARNING" not in q.stdout + q.stderr else [q.stdout[-300:] + q.stderr[-300:]])

    tpl = template_of(src)
    rd = pdfread.Reading(pdf)
    page = tpl.find("page")
    left, right = length_pt(page.get("left", "72pt")), length_pt(page.get("right", "72pt"))
    bottom = length_pt(page.get("bottom", "72pt"))
    pad = length_pt(tpl.find("table").get("padding", "3pt"))
    mark = tpl.find("table").get("continued-mark", "（續）")

    top = length_pt(page.get("top", "72pt"))
    body = rd.body_lines()
    # the text, without the page foot and the running header (in the margins)
    body = [(p, l) for p, l in body if l.y0 < rd.sizes[p - 1][1] - bottom - EPS and l.y1 > top + EPS]

    # ---- the running header: on every page after the first (unless first-page="yes")
    if "running-header" in ex:
        want_rh, where = ex["running-header"]
        rh = tpl.find("running-header")
        first = rh is not None and rh.get("first-page") == "yes"
        probs = []
        for p in range(1 if first else 2, rd.npages + 1):
            w, h = rd.sizes[p - 1]
            ls = [l for l in rd.body[p] if l.y1 <= top + EPS]
            got_rh = squash("".join(l.text for l in ls))
            if got_rh != want_rh:
                probs.append(f"page {p} ({w:.0f} x {h:.0f}): running header '{got_rh}', want '{want_rh}'")
                continue
            x0, x1 = min(l.x0 for l in ls), max(l.x1 for l in ls)
            if where == "head-end" and abs(x1 - (w - right)) > 1.0:
                probs.append(f"page {p} ({w:.0f} x {h:.0f}): running header ends at x {x1:.1f}, the text width at {w - right:.1f}")
            if where == "head-start" and abs(x0 - left) > 1.0:
                probs.append(f"page {p} ({w:.0f} x {h:.0f}): running header starts at x {x0:.1f}, want {left:.1f}")
            if where == "head-center" and abs((x0 + x1) / 2 - (left + w - right) / 2) > 1.0:
                probs.append(f"page {p} ({w:.0f} x {h:.0f}): running header centred at x {(x0 + x1) / 2:.1f}")
        C.check("running-header", probs)

    # ---- the title block: the first lines of page 1, in order, then the text
    got = [squash(l.text) for p, l in body[:len(ex["front"]) + 1] if p == 1]
    want = ex["front"] + [ex["after-front"]]
    C.check("title-block", [] if got == want else [f"page 1 begins {got}, want {want}"])
    # the banner, title and issuance lines centred on the text width, the annex label at its start
    annex = squash(ET.parse(src).getroot().findtext("meta/annex") or "")
    probs = []
    w1 = rd.sizes[0][0]
    for p, l in body[:len(ex["front"])]:
        t = squash(l.text)
        if t == annex:
            if abs(l.x0 - left) > TOL:
                probs.append(f"annex '{t}' starts at x {l.x0:.1f}, want {left:.1f}")
        elif abs((l.x0 + l.x1) / 2 - (left + w1 - right) / 2) > 1.0:
            probs.append(f"'{t}' is centred at x {(l.x0 + l.x1) / 2:.1f}, the text width's centre is {(left + w1 - right) / 2:.1f}")
    C.check("title-block-centred", probs)

    # ---- metadata: /Title as printed, /Subject and /Keywords from the document or profile
    raw = pdfread.raw_info(pdf)
    probs = []
    title = raw.get("Title", "")
    if squash(title) != squash("".join(ex["title"])):
        probs.append(f"/Title '{title}', want the printed title '{''.join(ex['title'])}'")
    for k in ("Title", "Subject", "Keywords"):
        if re.search(r"[\x00-\x1f]", raw.get(k, "")):
            probs.append(f"/{k} holds a control character: {raw.get(k)!r}")
    C.check("pdf-title", probs)
    probs = []
    subj, kw = raw.get("Subject", ""), raw.get("Keywords", "")
    if squash(subj) != squash(ex["subject"]):
        probs.append(f"/Subject {subj!r}, want {ex['subject']!r}")
    if [squash(k) for k in kw.split(",")] != [squash(k) for k in ex["keywords"].split(",")]:
        probs.append(f"/Keywords {kw!r}, want {ex['keywords']!r}")
    if subj in MOEA_SUBJECTS or "提升服務效能" in subj + kw:
        probs.append(f"/Subject {subj!r} / /Keywords {kw!r} are the MOEA plan's")
    C.check("pdf-subject-keywords", probs)

    # ---- headings: each a line of its own, with its number, in order
    heading_at = {}
    i, probs = 0, []
    lines = [(p, l, squash(l.text)) for p, l in body if "..." not in squash(l.text)]
    for h in ex["headings"]:
        while i < len(lines) and lines[i][2] != h:
            i += 1
        if i == len(lines):
            probs.append(f"heading '{h}' not found as a line (after the ones before it)")
            i = 0
            continue
        heading_at[h] = (lines[i][0], lines[i][1])
        i += 1
    C.check("headings", probs)

    if "lines" in ex:
        i, probs = 0, []
        for want_line in ex["lines"]:
            while i < len(lines) and lines[i][2] != want_line:
                i += 1
            if i == len(lines):
                probs.append(f"line '{want_line}' not found (in order)")
                i = 0
                continue
            i += 1
        C.check("lines", probs)
    if "absent" in ex:
        alltext = squash("".join(w.text for pg in rd.words for w in pg))
        C.check("absent", [f"'{a}' is printed" for a in ex["absent"] if a in alltext])

    if "hanging" in ex:
        probs = []
        for first, label, nxt in ex["hanging"]:
            hit = None
            for pg in rd.clines:
                for k, cl in enumerate(pg):
                    if squash(cl.text).startswith(first):
                        below = sorted((c for c in pg if c.yc > cl.yc + 5), key=lambda c: c.yc)
                        hit = (cl, below[0] if below else None)
                        break
                if hit:
                    break
            if not hit or not hit[1] or not squash(hit[1].text).startswith(nxt):
                probs.append(f"no line '{first}…' followed by '{nxt}…'")
                continue
            cl, nl = hit
            text_x = cl.chars[len(label)][1]
            if abs(nl.x0 - text_x) > TOL:
                probs.append(f"'{nxt}…' starts at x {nl.x0:.1f}, not under the text after 「{label}」 at x {text_x:.1f}")
        C.check("hanging", probs)

    # ---- the table of contents: its entries, their page numbers and links
    if "toc" in ex:
        entries = []
        for p, l in body:
            m = re.match(r"^(.*?)\.{3,}(\d+)$", squash(l.text))
            if m:
                entries.append((p, l, m.group(1), int(m.group(2))))
        probs = []
        if [e[2] for e in entries] != ex["toc"]:
            probs.append(f"entries {[e[2] for e in entries]}, want {ex['toc']}")
        for p, l, t, n in entries:
            if t not in heading_at:
                probs.append(f"entry '{t}' names no heading found")
                continue
            hp = heading_at[t][0]
            foot = page_number_of(rd, tpl, hp)
            if n != hp or n != foot:
                probs.append(f"entry '{t}' says page {n}; its heading is on page {hp} (numbered {foot})")
        C.check("toc-pages", probs)
        probs = []
        lk = pdfread.links(pdf)
        for p, l, t, n in entries:
            if t not in heading_at:
                continue
            h = rd.sizes[p - 1][1]
            mid = h - (l.y0 + l.y1) / 2
            ann = [a for a in lk[p - 1] if a[0][1] - EPS <= mid <= a[0][3] + EPS]
            if not ann:
                probs.append(f"entry '{t}' (page {p}) has no link")
                continue
            rect, dp, top = ann[0]
            hp, hl = heading_at[t]
            htop = rd.sizes[hp - 1][1] - hl.y0
            if dp != hp - 1:
                probs.append(f"entry '{t}' links to page {None if dp is None else dp + 1}, its heading is on page {hp}")
            elif top is None or not (htop - 1 <= top <= htop + 40):
                probs.append(f"entry '{t}' links to y {top}, its heading's top is at y {htop:.1f}")
        C.check("toc-links", probs)
        st = pdfread.run(["pdfinfo", "-struct", pdf]).stdout
        n_toci = len(re.findall(r"^\s*TOCI\b", st, re.M))
        C.check("toc-tags", [] if re.search(r"^\s*TOC\s*$", st, re.M) and n_toci == len(ex["toc"])
                else [f"structure tree has TOC: {bool(re.search(r'^ *TOC', st, re.M))}, {n_toci} TOCI, want {len(ex['toc'])}"])

    # ---- page orientation and the page number at every page's foot
    fmt = tpl.find("page-number").get("format") if tpl.find("page-number") is not None else None
    probs = []
    land = set()
    for h, nxt in ex.get("landscape", []):
        if h not in heading_at or nxt not in heading_at:
            probs.append(f"landscape section '{h}' or the heading after it '{nxt}' not found")
            continue
        land |= set(range(heading_at[h][0], heading_at[nxt][0]))
    for p in range(1, rd.npages + 1):
        w, h, rot = rd.page_sizes[p - 1]
        if rot % 180:
            w, h = h, w
        if (w > h) != (p in land):
            probs.append(f"page {p} is {w:.0f} x {h:.0f}, want {'landscape' if p in land else 'portrait'}")
    C.check("orientation", probs)
    if fmt:
        probs = []
        for p in range(1, rd.npages + 1):
            w, h = rd.sizes[p - 1]
            foot = [l for l in rd.body[p] if l.y0 >= h - bottom - EPS]
            want_n = squash(fmt.replace("{n}", str(p)).replace("{total}", str(rd.npages)))
            got_n = squash("".join(l.text for l in foot))
            if got_n != want_n:
                probs.append(f"page {p} ({w:.0f} x {h:.0f}): foot reads '{got_n}', want '{want_n}'")
                continue
            cx = (min(l.x0 for l in foot) + max(l.x1 for l in foot)) / 2
            if abs(cx - w / 2) > 1.0:
                probs.append(f"page {p} ({w:.0f} x {h:.0f}): page number centred at x {cx:.1f}, want {w / 2:.1f}")
        C.check("page-numbers", probs)

    check_tables(C, ex, src, tpl, rd, left, right, pad, mark)
    return C.report()


def check_tables(C, ex, src, tpl, rd, left, right, pad, mark):
    tables = source_tables(src, tpl)
    want_heads = [t["header"] for t in ex.get("tables", [])]
    if len(want_heads) != len(tables):
        C.check("tables-expected", [f"the expected file lists {len(want_heads)} tables, the source has {len(tables)}"])
        return
    if not tables:
        C.check("tables-none", [f"{len(rd.all_frags())} table fragments in a document without tables"] if rd.all_frags() else [])
        return
    # consecutive tables with the same header read as one (a table per dimension)
    groups = []
    for t, h in zip(tables, want_heads):
        if groups and groups[-1]["header"] == h:
            g = groups[-1]
            for c, v in t["texts"].items():
                g["texts"].setdefault(c, []).extend(v)
        else:
            groups.append(dict(t, header=h, texts={c: list(v) for c, v in t["texts"].items()}, frags=[]))

    # fragments to tables, by their header rows; each header cell's lines
    probs, gi = [], 0
    for f in rd.all_frags():
        y0, y1 = pdfread.header_band(f)
        boxes = pdfread.cells(f, y0, y1)
        head = [[squash(l.text) for l in boxes[b]] for b in sorted(boxes, key=lambda b: b[0])]
        f.head_bottom = y1
        # a fragment belongs to the table whose header words it prints (however
        # they are broken into lines); the lines are checked after that
        flat = "".join("".join(c) for c in head)
        if flat == "".join("".join(c) for c in groups[gi]["header"]):
            groups[gi]["frags"].append(f)
        elif gi + 1 < len(groups) and flat == "".join("".join(c) for c in groups[gi + 1]["header"]):
            gi += 1
            groups[gi]["frags"].append(f)
        else:
            probs.append(f"{f.describe()}: header cells {head}, want {groups[gi]['header']}"
                         + (f" or {groups[gi + 1]['header']}" if gi + 1 < len(groups) else ""))
            continue
        if head != groups[gi]["header"]:
            probs.append(f"{f.describe()}: header cells {head}, want {groups[gi]['header']} "
                         "(one list per header cell, one string per printed line)")
    for k, g in enumerate(groups):
        if not g["frags"]:
            probs.append(f"table {k + 1} (header {g['header']}) not found")
    C.check("tables-header", probs)

    # every table as wide as the text; every word inside its column's rules, off the padding
    probs_w, probs_in = [], []
    for f in rd.all_frags():
        w, h = rd.sizes[f.page - 1]
        if abs(f.x0 - left) > TOL or abs(f.x1 - (w - right)) > TOL:
            probs_w.append(f"{f.describe()}: want x {left:.1f}-{w - right:.1f} (the text width)")
        for wd in f.words:
            ls = [s.x0 for s in f.v if s.y0 - EPS <= wd.yc <= s.y1 + EPS and s.x0 <= wd.x0 + 0.5]
            rs = [s.x0 for s in f.v if s.y0 - EPS <= wd.yc <= s.y1 + EPS and s.x0 > wd.x0 + 0.5]
            if not ls or not rs:
                probs_in.append(f"'{wd.text}' {wd.where()}: no rule on one side")
                continue
            lx, rx = max(ls), min(rs)
            if wd.x0 < lx + pad - TOL or wd.x1 > rx - pad + TOL:
                probs_in.append(f"'{wd.text}' {wd.where()} leaves its cell's text room {lx + pad:.1f}-{rx - pad:.1f}")
    C.check("tables-width", probs_w)
    C.check("tables-inside", probs_in)

    # per column: the text of the source's cells printed there, in that column
    probs, probs_tok, probs_blank = [], [], []
    for k, g in enumerate(groups):
        stream = {}
        for f in g["frags"]:
            E = pdfread.column_edges(f)
            if len(E) - 1 != g["ncols"]:
                probs.append(f"{f.describe()}: {len(E) - 1} columns, want {g['ncols']}")
                continue
            # a cell's words go to the column its box starts in (a spanning cell's too)
            cols = {}
            for b, ls in sorted(pdfread.cells(f, f.head_bottom + EPS, None).items(), key=lambda it: (it[0][1], it[0][0])):
                i = max(j for j in range(len(E) - 1) if E[j] - EPS <= b[0] + 0.5)
                cols.setdefault(i, []).append("".join(squash(l.text) for l in ls))
            for i, ts in cols.items():
                stream[i] = stream.get(i, "") + "".join(ts)
            for i in g["blank"]:
                if cols.get(i):
                    probs_blank.append(f"{f.describe()}: blank column {i + 1} holds '{''.join(cols[i])}'")
        for i, texts in sorted(g["texts"].items()):
            for t in texts:
                if t not in stream.get(i, ""):
                    probs.append(f"table {k + 1} column {i + 1}: '{t}' not printed there")
        # the longest unbreakable word of each column fits its text width
        for i, texts in sorted(g["texts"].items()):
            for tok in {m.group() for t in texts for m in TOKEN.finditer(t)}:
                hit = None
                for f in g["frags"]:
                    E = pdfread.column_edges(f)
                    if len(E) - 1 != g["ncols"]:
                        continue
                    for cl in rd.clines[f.page - 1]:
                        if not f.contains(cl.x0 + 0.5, cl.yc) or tok not in cl.text or cl.yc <= f.head_bottom:
                            continue
                        # the token's own place: a line read across full cells spans several columns
                        a = cl.text.index(tok)
                        tx = cl.chars[a][1]
                        if not f.contains(tx + 0.5, cl.yc):
                            continue
                        bx = f.cell_at(tx + 0.5, cl.yc)[0]
                        if max(j for j in range(len(E) - 1) if E[j] - EPS <= bx + 0.5) != i:
                            continue      # the same word in another column
                        hit = (f, cl, cl.chars[a][1], cl.chars[a + len(tok) - 1][3])
                        break
                    if hit:
                        break
                if not hit:
                    probs_tok.append(f"table {k + 1} column {i + 1}: '{tok}' is not printed whole on one line")
                    continue
                f, cl, x0, x1 = hit
                E = pdfread.edges(f, cl.yc)
                j = max(j for j in range(len(E)) if E[j] <= x0 + 0.5)
                room = E[j + 1] - E[j] - 2 * pad if j + 1 < len(E) else 0
                if x1 - x0 > room + TOL:
                    probs_tok.append(f"table {k + 1}: '{tok}' is {x1 - x0:.1f} pt, its column's text width {room:.1f} pt")
    C.check("tables-columns", probs)
    C.check("tables-words-fit", probs_tok)
    if any(g["blank"] for g in groups):
        C.check("tables-blank", probs_blank)

    # aligned cells (start, center, end) and numbers aligned on their last digit
    if any(g["align"] for g in groups):
        probs_a, probs_n = [], []
        for k, g in enumerate(groups):
            for f in g["frags"]:
                E = pdfread.column_edges(f)
                if len(E) - 1 != g["ncols"]:
                    continue
                for i, how in g["align"].items():
                    lo, hi = E[i] + pad, E[i + 1] - pad
                    if how == "number":
                        pts, ends = [], []
                        for cl in rd.clines[f.page - 1]:
                            if not (lo - TOL <= cl.x0 and cl.x1 <= hi + TOL) or cl.yc <= f.head_bottom or not f.contains(cl.x0, cl.yc):
                                continue
                            t = cl.text
                            digits = [n for n, c in enumerate(t) if c.isdigit()]
                            if not digits:
                                continue
                            dot = t.find(".")
                            pt = cl.chars[dot][1] if dot >= 0 else cl.chars[digits[-1]][3]
                            pts.append((pt, t))
                            ends.append(cl.x1)
                        if pts and max(p for p, _ in pts) - min(p for p, _ in pts) > TOL:
                            probs_n.append(f"table {k + 1} column {i + 1} ({f.describe()}): the decimal points / last digits are at "
                                           + ", ".join(f"{t} {p:.1f}" for p, t in pts))
                        if ends and abs(max(ends) - hi) > TOL:
                            probs_n.append(f"table {k + 1} column {i + 1}: the widest number ends at x {max(ends):.1f}, "
                                           f"the cell's text room at {hi:.1f}")
                        continue
                    boxes = pdfread.cells(f, f.head_bottom + EPS, None)
                    for b, ls in boxes.items():
                        if abs(b[0] - E[i]) > EPS or abs(b[2] - E[i + 1]) > EPS:
                            continue
                        for l in ls:
                            if how == "end" and abs(l.x1 - hi) > TOL:
                                probs_a.append(f"table {k + 1} column {i + 1}: end-aligned '{l.text}' ends at x {l.x1:.1f}, want {hi:.1f}")
                            if how == "start" and abs(l.x0 - lo) > TOL:
                                probs_a.append(f"table {k + 1} column {i + 1}: start-aligned '{l.text}' starts at x {l.x0:.1f}, want {lo:.1f}")
                            if how == "center" and abs((l.x0 + l.x1) / 2 - (lo + hi) / 2) > TOL:
                                probs_a.append(f"table {k + 1} column {i + 1}: centred '{l.text}' at x {(l.x0 + l.x1) / 2:.1f}, "
                                               f"want {(lo + hi) / 2:.1f}")
        if any(h != "number" for g in groups for h in g["align"].values()):
            C.check("tables-align", probs_a)
        if any(h == "number" for g in groups for h in g["align"].values()):
            C.check("tables-numbers", probs_n)

    # cells expected exactly (numbering inside tables)
    if "cells" in ex:
        probs = []
        for k, col, text in ex["cells"]:
            found = []
            for f in groups[k]["frags"]:
                E = pdfread.column_edges(f)
                for b, ls in pdfread.cells(f, f.head_bottom + EPS, None).items():
                    if col < len(E) and abs(b[0] - E[col]) <= EPS:
                        found.append(squash("".join(l.text for l in ls)))
            if text not in found:
                probs.append(f"table {k + 1} column {col + 1} has no cell reading '{text}' (its cells: {found})")
        C.check("tables-cells", probs)

    # a row split over a page break: its key cell repeated with the continued mark
    if "continued" in ex:
        probs = []
        for key, want in ex["continued"]:
            hit = None
            for f in rd.all_frags():
                for b, ls in pdfread.cells(f, f.head_bottom + EPS, None).items():
                    if squash("".join(l.text for l in ls)).startswith(key):
                        hit = (f, b)
                        break
                if hit:
                    break
            if not hit:
                probs.append(f"no table cell starts with '{key}'")
                continue
            f, b = hit
            wd = pdfread.Word(f.page, b[0] + pad, b[1], b[0] + pad, b[3], "")
            nxt = rd.frags.get(f.page + 1, [])
            if not nxt:
                probs.append(f"the row of '{key}' (page {f.page}) does not continue on page {f.page + 1}")
                continue
            g = nxt[0]
            E = pdfread.column_edges(f)
            i = max(j for j in range(len(E) - 1) if E[j] - EPS <= wd.x0 + 0.5)
            E2 = pdfread.column_edges(g)
            if len(E2) != len(E):
                probs.append(f"page {g.page}: the table continues with {len(E2) - 1} columns, not {len(E) - 1}")
                continue
            box = g.cell_at((E2[i] + E2[i + 1]) / 2, g.head_bottom + 3)
            text = squash("".join(w.text for w in g.words if box[0] <= w.x0 + 0.5 <= box[2] and box[1] <= w.yc <= box[3]))
            if want not in text:
                probs.append(f"page {g.page}: the continued key cell of '{key}' reads '{text}', want it to hold '{want}'")
        C.check("tables-continued", probs)


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
