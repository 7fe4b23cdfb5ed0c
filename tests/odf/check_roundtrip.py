#!/usr/bin/env python3
"""Round trip through ODF for one source: `render SOURCE -o X.odt`, then
`import X.odt -o X.xml`, and the imported source must be the original again.
With `libreoffice`, the .odt is first opened and saved again by LibreOffice
(headless, writer8), as a secretariat's edit would save it, and that file is
imported (skipped, exit 77, without soffice).

  import     exits 0 and reports no error; its only warnings are labels kept as
             typed that the original itself declares with label="…" (a slip the
             original prints, which import must keep and say so).
  check      the imported source passes check: exit 0, no error, and no warning
             the original does not give (compared without their positions).
  model      `render --dump=model` of both, normalised as below, line for line:
             the head (agency, year, title, issuance lines), every section with
             its printed label, role and title, run-in and landscape flags, every
             list item with its printed label, paragraphs, notes, emphasis and
             line breaks, the strategy tables' dimensions, groups, strategies and
             sub-items with their printed labels, names, scores, units,
             descriptions and outcomes, and the generic tables' header rows,
             rows, cells, spans, captions and column widths.
  tables     each generic table's declarations the dump leaves out, read
             from both sources: header-column, score-column, total, total
             rows, each column's align and blank, the widths (given as
             widths= or as the columns' width=, the same to 0.01).
  headings   the section headings as printed, computed from both sources by
             tests/sources.py (not by planpress), are the same.

What the normalisation tolerates, and why; nothing else:
  - source positions (@line:col): the imported file is laid out anew;
  - white space that planpress does not print: a run of white space (a
    newline in the source too) is one space, and a space survives only between
    two Latin letters or digits, as src/lower_util.c prints text — so
    「(單位): 主要」 and 「(單位):主要」 are the same printed text;
  - how a run of inline text is cut into text nodes (text "a" text "b" is
    text "ab"), which the source cannot show;
  - a label="" on the original and numbered="no" on the import: both print no
    label and use no number;
  - column widths as fractions of the table's width, to 0.01 (the .odt keeps
    them in points; 2 1 1 3 is 0.29 0.14 0.14 0.43).
Automatic widths are not tolerated as explicit ones: the .odt must carry the
PDF's widths (an editor opens it with them), so it is the writer that says a
column's width was automatic (style:use-optimal-column-width, docs/odf.md)
and import that reads it back as automatic. Normalising here instead (an
imported width equal to what automatic layout gives counts as automatic)
would need the checker to lay the table out as planpress does, and would
pass a source that grew widths= its author never wrote.
Lost or added text, a changed label, a moved item or a different table shape
are never tolerated.

Usage: check_roundtrip.py PLANPRESS SOURCE.xml [libreoffice]"""
import difflib, os, re, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from sources import sections  # noqa: E402
from verdict import check, failures, report  # noqa: E402
import verdict  # noqa: E402

EPOCH = "1700000000"
SKIP = 77


def run(*cmd):
    return verdict.run(*cmd, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH))


def warnings_of(stderr):
    """Warnings without their file:line:col, sorted."""
    return sorted(l.split(": warning: ", 1)[1] for l in stderr.splitlines() if ": warning: " in l)


# ---- the model dump, normalised ------------------------------------------------------------
LATIN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]")
INLINE = ("text", "em", "br")


def printed_spaces(s):
    """White space as planpress prints it: runs are one space, kept only
    between two Latin letters or digits (markers \x01 \x02 \x03 for emphasis
    and line breaks are looked through)."""
    s = re.sub(r"\s+", " ", s.replace("\\n", " "))
    out = []
    for i, ch in enumerate(s):
        if ch != " ":
            out.append(ch)
            continue
        j = i - 1
        while j >= 0 and s[j] in "\x01\x02\x03 ":
            j -= 1
        k = i + 1
        while k < len(s) and s[k] in "\x01\x02\x03 ":
            k += 1
        if j >= 0 and k < len(s) and LATIN.match(s[j]) and LATIN.match(s[k]) and (not out or out[-1] != " "):
            out.append(" ")
    return "".join(out)


class Node:
    def __init__(self, head):
        self.head, self.kids = head, []


def parse_dump(text):
    """The dump as a tree of Nodes (two spaces an indent)."""
    root, stack = Node("root"), []
    for line in text.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        node = Node(re.sub(r" @\d+:\d+", "", line.strip()))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        (stack[-1][1] if stack else root).kids.append(node)
        stack.append((depth, node))
    return root


def kind(head):
    return head.split(" ", 1)[0]


def quoted(head):
    """(before, text) of a head ending in "…", or (head, None)."""
    m = re.match(r'(.*?) "(.*)"$', head)
    return (m.group(1), m.group(2)) if m else (head, None)


def inline_text(nodes):
    """A run of text/em/br nodes as one string: emphasis as \x01…\x02, a break as \x03."""
    out = []
    for n in nodes:
        k = kind(n.head)
        if k == "text":
            out.append(quoted(n.head)[1] or "")
        elif k == "br":
            out.append("\x03")
        else:
            out.append("\x01" + inline_text(n.kids) + "\x02")
    return "".join(out)


def widths(s):
    v = [float(x) for x in s.split()]
    total = sum(v) or 1
    return " ".join("%.2f" % (x / total) for x in v)


def norm_head(head):
    k = kind(head)
    if " []" in head:      # label="": printed without a label, as numbered="no"
        head = head.replace(" []", "" if " unnumbered" in head else " unnumbered")
    before, text = quoted(head)
    if text is None:
        return head
    if k == "table":
        return '%s "%s"' % (before, widths(text))
    return '%s "%s"' % (before, printed_spaces(text))


def flatten(node, depth, out):
    i = 0
    while i < len(node.kids):
        n = node.kids[i]
        if kind(n.head) in INLINE:
            j = i
            while j < len(node.kids) and kind(node.kids[j].head) in INLINE:
                j += 1
            s = printed_spaces(inline_text(node.kids[i:j]))
            s = s.replace("\x01", "<em>").replace("\x02", "</em>").replace("\x03", "<br/>")
            out.append("  " * depth + 'inline "%s"' % s)
            i = j
            continue
        out.append("  " * depth + norm_head(n.head))
        flatten(n, depth + 1, out)
        i += 1


def tables_of(root):
    """Each generic <table>'s declarations that print (or that check reads) but
    that `--dump=model` leaves out: header-column, score-column, total, which
    rows are total rows, each column's align and blank, and the widths as
    fractions to 0.01 — from widths= or the columns' width= alike (both say
    the same), None where automatic."""
    out = []
    for t in root.iter("table"):
        cols = t.findall("columns/column")
        if t.get("widths"):
            w = widths(t.get("widths")).split()
        elif cols and any(c.get("width") for c in cols):
            w = [c.get("width") or "0" for c in cols]
            total = sum(float(x) for x in w) or 1
            w = ["%.2f" % (float(x) / total) if float(x) > 0 else None for x in w]
        else:
            w = None
        out.append({"header-column": t.get("header-column") == "yes", "score-column": t.get("score-column"),
                    "total": float(t.get("total")) if t.get("total") else None,
                    "total rows": [i for i, r in enumerate(t.iter("row")) if r.get("total") == "yes"],
                    "columns": [(c.get("align"), c.get("blank") == "yes") for c in cols], "widths": w})
    return out


def model(pp, src, tmp):
    r = run(pp, "render", src, "--dump=model", "-o", os.path.join(tmp, "dump.pdf"))
    check(r.returncode == 0, f"render --dump=model {src}: exit {r.returncode}: {r.stderr.strip()[:2000]}")
    out = []
    flatten(parse_dump(r.stdout), 0, out)
    return out


def resave(odt, tmp):
    """The .odt as LibreOffice saves it again (a new file in tmp/lo), or None."""
    out = os.path.join(tmp, "lo")
    os.mkdir(out)
    r = subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.join(tmp, "profile"), "--headless",
                        "--norestore", "--convert-to", "odt:writer8", "--outdir", out, odt], capture_output=True, text=True)
    saved = os.path.join(out, os.path.basename(odt))
    return saved if check(r.returncode == 0 and os.path.exists(saved),
                          f"LibreOffice did not save it: exit {r.returncode}: {r.stderr.strip()[-300:]}") else None


def main():
    pp, src = sys.argv[1], sys.argv[2]
    via_lo = len(sys.argv) > 3 and sys.argv[3] == "libreoffice"
    if via_lo and not shutil.which("soffice"):
        print("SKIP: soffice (LibreOffice) is not installed; the round trip through its save did not run")
        return SKIP
    name = os.path.splitext(os.path.basename(src))[0]
    tmp = tempfile.mkdtemp(prefix="pp-roundtrip-")
    try:
        return round_trip(pp, src, name, tmp, via_lo)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def round_trip(pp, src, name, tmp, via_lo):
    odt, back = os.path.join(tmp, name + ".odt"), os.path.join(tmp, name + ".xml")
    r = run(pp, "render", src, "-o", odt)
    if not check(r.returncode == 0, f"render {src} -o .odt: exit {r.returncode}: {r.stderr.strip()}"):
        return report(name)
    if via_lo:
        odt = resave(odt, tmp)
        if not odt:
            return report(name)
    # a source that names its agency's template is imported with it, as its clerk
    # would (`import --template`): the .odt names it only as the source wrote it
    tpl = ET.parse(src).getroot().get("template")
    extra = ["--template", os.path.join(os.path.dirname(os.path.abspath(src)), tpl)] if tpl and "/" in tpl else \
            ["--template", tpl] if tpl else []
    r = run(pp, "import", odt, "-o", back, *extra)
    if not check(r.returncode == 0 and os.path.exists(back), f"import exit {r.returncode}: {r.stderr.strip()}"):
        return report(name)
    check(": error: " not in r.stderr, "import printed errors:\n" + r.stderr.strip())
    # the import's own warnings (before check's): only labels the original keeps as typed
    root = ET.parse(src).getroot()
    declared = {el.get("label") for el in root.iter() if el.get("label")}
    import_warn = [l for l in r.stderr.splitlines() if ": warning: " in l and not l.startswith(back)]
    for w in import_warn:
        m = re.search(r"the label '([^']*)' is kept as typed", w)
        check(m and m.group(1) in declared, "import warning not explained by the original: " + w)
    # check: no errors, no warning the original does not give
    c, co = run(pp, "check", back), run(pp, "check", src)
    check(c.returncode == 0 and ": error: " not in c.stderr, f"check of the imported source: exit {c.returncode}:\n{c.stderr.strip()}")
    extra = list(warnings_of(c.stderr))
    for w in warnings_of(co.stderr):
        if w in extra:
            extra.remove(w)
    check(not extra, "check warns where the original does not:\n  " + "\n  ".join(extra))
    # the model
    want, got = model(pp, src, tmp), model(pp, back, tmp)
    diff = [l for l in difflib.unified_diff(want, got, "original", "imported", n=1, lineterm="")]
    changed = sum(1 for l in diff if l[:1] in "+-" and not l.startswith(("+++", "---")))
    if not check(not diff, f"the models differ: {changed} line(s) of {len(want)}"):
        failures.extend("  " + l for l in diff[:80])
    # the generic tables' declarations, which the dump does not print, from the sources
    ta, tb = tables_of(root), tables_of(ET.parse(back).getroot())
    for i, (a, b) in enumerate(zip(ta, tb)):
        check(a == b, f"table {i + 1} is declared differently:\n  original {a}\n  imported {b}")
    check(len(ta) == len(tb), f"{len(ta)} generic table(s) in the original, {len(tb)} imported")
    # the headings, computed without planpress
    ha = [(d, h) for d, h, _ in sections(root)]
    hb = [(d, h) for d, h, _ in sections(ET.parse(back).getroot())]
    check(ha == hb, f"section headings differ:\n  original {ha}\n  imported {hb}")
    print(f"{name}{' (saved by LibreOffice)' if via_lo else ''}: {len(want)} model lines, {changed} differ; import warnings {len(import_warn)}; "
          f"check warnings {len(warnings_of(c.stderr))} (original {len(warnings_of(co.stderr))})")
    return report(name)


sys.exit(main())
