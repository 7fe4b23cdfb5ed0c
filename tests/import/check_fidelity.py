#!/usr/bin/env python3
"""Fidelity of one import fixture: the .docx or .odt is imported, the source must
pass check (exit 0) and render; the rendered PDF's text is compared with the
PDF of the sample the fixture was typed from: character-bigram recall >= 0.99
(the sample's bigrams, counted, found in the import's), and the section
headings with their numbers, the dimension, group and strategy names with their
printed labels, and the units identical, in order.
Usage: check_fidelity.py PLANPRESS FIXTURE SAMPLE.xml"""
import collections, os, re, sys, tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from sources import sections, squash  # noqa: E402
from verdict import check, failures, report, run  # noqa: E402


def pdf_text(pdf):
    t = run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
    lines = [squash(l) for l in t.stdout.splitlines()]
    return "".join(l for l in lines if l and not re.fullmatch(r"-\d+-", l))


def bigrams(s):
    return collections.Counter(s[i:i + 2] for i in range(len(s) - 1))


def names(root):
    """(what, name) for every dimension, group, strategy and unit, in order."""
    out = []
    for el in root.iter():
        if el.tag in ("dimension", "group"):
            out.append((el.tag, squash(el.get("name"))))
        elif el.tag == "strategy":
            out.append(("strategy", squash("".join(el.find("name").itertext()))))
        elif el.tag == "unit":
            out.append(("unit", squash(el.text)))
    return out


def dump(pp, src, what, tmp):
    r = run(pp, "render", src, "--dump=" + what, "-o", os.path.join(tmp, "dump.pdf"))
    check(r.returncode == 0, f"render --dump={what} {src}: exit {r.returncode} {r.stderr.strip()}")
    return r.stdout


def printed_labels(pp, src, tmp):
    """The labels planpress prints for dimensions, groups, strategies and sub-items (--dump=model)."""
    out = []
    for line in dump(pp, src, "model", tmp).splitlines():
        m = re.match(r"\s*(dimension|group|strategy|sub) @\S+(?: \[(.*?)\])?", line)
        if m:
            out.append((m.group(1), m.group(2) or ""))
    return out


def main():
    pp, fixture, sample = sys.argv[1:4]
    tmp = tempfile.mkdtemp()
    src = os.path.join(tmp, "imported.xml")
    r = run(pp, "import", fixture, "-o", src)
    warnings = [l for l in r.stderr.splitlines() if ": warning: " in l]
    if not check(r.returncode == 0, f"import exit {r.returncode}: {r.stderr.strip()}"):
        return report(fixture)
    check(": error: " not in r.stderr, f"import printed errors: {r.stderr.strip()}")
    # the imported source checks as the sample does: no error, the same warnings
    # (the samples keep a few half-width marks their originals have)
    c, cs = run(pp, "check", src), run(pp, "check", sample)
    said = lambda out: sorted(l.split(": warning: ", 1)[1] for l in out.splitlines() if ": warning: " in l)
    check(c.returncode == 0 and ": error: " not in c.stderr and said(c.stderr) == said(cs.stderr),
          f"check exit {c.returncode}, or warnings other than the sample's: {c.stderr.strip()}")
    mine, theirs = os.path.join(tmp, "imported.pdf"), os.path.join(tmp, "sample.pdf")
    r1, r2 = run(pp, "render", src, "-o", mine), run(pp, "render", sample, "-o", theirs)
    if not check(r1.returncode == 0 and r2.returncode == 0, f"render exit {r1.returncode}/{r2.returncode}: {r1.stderr} {r2.stderr}"):
        return report(fixture)
    got, want = pdf_text(mine), pdf_text(theirs)
    wb, gb = bigrams(want), bigrams(got)
    recall = sum(min(n, gb[b]) for b, n in wb.items()) / max(1, sum(wb.values()))
    check(recall >= 0.99, f"bigram recall {recall:.4f} < 0.99")
    a, b = ET.parse(src).getroot(), ET.parse(sample).getroot()
    ha, hb = [h for _, h, _ in sections(a)], [h for _, h, _ in sections(b)]
    check(ha == hb, f"section headings differ:\n  imported {ha}\n  sample   {hb}")
    for h in ha:
        check(h in got, f"section heading not in the PDF: {h}")
    na, nb = names(a), names(b)
    if not check(na == nb, "dimension/group/strategy names or units differ"):
        for x, y in zip(na, nb):
            if x != y:
                failures.append(f"  first difference: imported {x} sample {y}")
                break
        failures.append(f"  counts: imported {len(na)} sample {len(nb)}")
    la, lb = printed_labels(pp, src, tmp), printed_labels(pp, sample, tmp)
    check(len(la) == len(lb), f"{len(la)} labelled rows, the sample {len(lb)}")
    if not check(la == lb, "printed labels of dimensions/groups/strategies/sub-items differ"):
        for x, y in zip(la, lb):
            if x != y:
                failures.append(f"  first difference: imported {x} sample {y}")
                break
    # not asserted, reported: how many lines of the laid-out blocks differ from the sample's
    strip = lambda s: [re.sub(r"@\d+:\d+", "", l) for l in s.splitlines()]
    ba, bb = strip(dump(pp, src, "blocks", tmp)), strip(dump(pp, sample, "blocks", tmp))
    same = sum(1 for x, y in zip(ba, bb) if x == y) if len(ba) == len(bb) else None
    blocks = f"{same}/{len(bb)} block lines as the sample's" if same is not None else f"{len(ba)} block lines, sample {len(bb)}"
    print(f"{os.path.basename(fixture)}: bigram recall {recall:.4f}, {blocks}, {len(warnings)} warning(s)")
    for w in warnings:
        print("  " + w)
    return report(fixture)


sys.exit(main())
