#!/usr/bin/env python3
"""Half-width pause and stop marks between Chinese characters (效率:聚焦).

usage: check_halfwidth.py PLANPRESS

- `check` on tests/typeset/halfwidth.xml prints exactly halfwidth.err (one
  warning per mark, file:line:col, exit 0), and `render` prints the same and
  keeps the marks as written in the PDF's text;
- on every sample, `check` reports exactly the marks an independent scan of the
  source finds: a Han character, one of : ; , . ? !, a Han character, within
  one line of the source (white space between them dropped, as printed), or
  across a strategy's </name><desc> (the name and
  the first paragraph of its description are printed as one paragraph), or
  across a run-in section's title and its first paragraph.
"""
import glob, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
HAN = r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
MARKS = ":;,.?!"
failures = []


def fail(msg):
    failures.append(msg)


def expected(path):
    """(line, col, mark) of every half-width mark between Han characters."""
    text = open(path, encoding="utf-8").read()
    out = set()
    lines = text.split("\n")
    for n, line in enumerate(lines, 1):
        for m in re.finditer(rf"{HAN}\s*([{re.escape(MARKS)}])(?=\s*{HAN})", line):
            out.add((n, m.start(1) + 1, m.group(1)))
    # the joints: name + description, run-in title + paragraph
    for pat in (rf"{HAN}([{re.escape(MARKS)}])</name>\s*<desc>\s*(?:<p>\s*)?{HAN}",
                rf"{HAN}([{re.escape(MARKS)}])\"[^>]*runin=\"yes\"[^>]*>\s*<p>\s*{HAN}"):
        for m in re.finditer(pat, text):
            at = m.start(1)
            line = text.count("\n", 0, at) + 1
            col = at - (text.rfind("\n", 0, at) + 1) + 1
            out.add((line, col, m.group(1)))
    return out


def reported(pp, path, cmd="check", extra=()):
    r = subprocess.run([pp, cmd, path, *extra], capture_output=True, text=True)
    got = set()
    for l in r.stderr.splitlines():
        m = re.match(r"(.*):(\d+):(\d+): warning: half-width '(.)' between Chinese", l)
        if m and m.group(1) == path:
            got.add((int(m.group(2)), int(m.group(3)), m.group(4)))
    return r, got


def main():
    pp = sys.argv[1]
    os.chdir(ROOT)
    fix = "tests/typeset/halfwidth.xml"
    want = open("tests/typeset/halfwidth.err", encoding="utf-8").read()
    r = subprocess.run([pp, "check", fix], capture_output=True, text=True)
    if r.returncode != 0 or r.stderr != want:
        fail(f"check {fix}: exit {r.returncode}, messages:\n{r.stderr}want:\n{want}")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "h.pdf")
        r = subprocess.run([pp, "render", fix, "-o", pdf], capture_output=True, text=True)
        if r.returncode != 0 or r.stderr != want:
            fail(f"render {fix}: exit {r.returncode}, messages:\n{r.stderr}")
        t = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout
        t = re.sub(r"\s+", "", t)
        for s in ("效率:聚焦", "效能,擴散", "服務;樹立", "簡化?是", "計畫依據:行政院"):
            if s not in t:
                fail(f"the PDF does not keep '{s}' as written")
    if expected(fix) != reported(pp, fix)[1]:
        fail(f"{fix}: the independent scan finds {sorted(expected(fix))}")
    for src in sorted(glob.glob("samples/*.xml")):
        r, got = reported(pp, src)
        want = expected(src)
        if got != want:
            fail(f"{src}: reported {sorted(got - want)} not expected, missing {sorted(want - got)}")
        other = [l for l in r.stderr.splitlines() if "half-width" not in l]
        if r.returncode != 0 or other:
            fail(f"{src}: check exit {r.returncode}, other messages {other}")
        print(f"{src}: {len(got)} half-width marks between Chinese characters")
    for f in failures:
        print("FAIL", f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
