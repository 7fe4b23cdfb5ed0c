#!/usr/bin/env python3
"""The published documents' own line breaks that planpress reproduces stay.

usage: published_lines.py PLANPRESS

published_lines.txt lists, per sample, lines of the published document (its
text without spaces) that planpress sets the same way; each must be one line
of the sample's render, read back from the PDF (measure.py's lines: one
region -- the body or a cell -- and one baseline)."""
import os, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "layout"))
import measure as M  # noqa: E402
import pdflayout as L  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def main():
    pp = sys.argv[1]
    want = {}
    for line in open(os.path.join(HERE, "published_lines.txt"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, text = line.rstrip("\n").split("\t", 1)
        want.setdefault(name, []).append(text)
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, lines in sorted(want.items()):
            src = os.path.join(ROOT, "samples", name + ".xml")
            rc, err, pdf, _, _ = L.render(pp, src, tmp)
            if rc != 0:
                print(f"FAIL {name}: render exit {rc}: {err}")
                fails += 1
                continue
            doc = L.Doc(pdf, L.template_for(src))
            got = {L.squash(ln.text) for _, _, _, ls in M.build_lines(doc, M.read_chars(pdf)) for ln in ls}
            missing = [t for t in lines if t not in got]
            for t in missing:
                print(f"FAIL {name}: the published line '{t}' is no longer a line")
            fails += len(missing)
            print(f"{name}: {len(lines) - len(missing)} of {len(lines)} published lines kept")
    print(f"{fails} failures")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
