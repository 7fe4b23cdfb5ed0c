#!/usr/bin/env python3
"""The command line's ODF output: `render -o OUT.odt` (any case) writes an ODF
package, `--format odt` does so whatever the name and gives IN.odt by default,
`--format pdf` keeps a PDF, an unknown format is a usage error (exit 2), a
source with an error leaves no .odt behind (an older one is removed), and the
source itself is never overwritten.
Usage: check_cli.py PLANPRESS"""
import os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
SAMPLE = os.path.join(ROOT, "samples", "moea-113-implementation-plan.xml")
BAD = os.path.join(ROOT, "tests", "errors", "bad-date.xml")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def head(path, n=4):
    try:
        with open(path, "rb") as f:
            return f.read(n)
    except OSError:
        return b""


def is_odt(path):
    with open(path, "rb") as f:
        data = f.read(80)
    return data[:4] == b"PK\3\4" and b"mimetypeapplication/vnd.oasis.opendocument.text" in data


def main():
    pp = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="pp-odf-cli-")
    try:
        run = lambda *a: subprocess.run([pp, "render", *a], capture_output=True, text=True)  # noqa: E731
        src = os.path.join(tmp, "plan.xml")
        shutil.copy(SAMPLE, src)
        for name in ("out.odt", "OUT.ODT"):
            out = os.path.join(tmp, name)
            r = run(src, "-o", out)
            check(r.returncode == 0 and os.path.exists(out) and is_odt(out), f"-o {name}: exit {r.returncode} {r.stderr}")
        out = os.path.join(tmp, "out.bin")
        r = run(src, "--format", "odt", "-o", out)
        check(r.returncode == 0 and is_odt(out), f"--format odt -o out.bin: exit {r.returncode} {r.stderr}")
        r = run(src, "--format=odt")
        check(r.returncode == 0 and is_odt(os.path.join(tmp, "plan.odt")), f"--format=odt: no plan.odt: {r.stderr}")
        check(not os.path.exists(os.path.join(tmp, "plan.pdf")), "--format odt also wrote plan.pdf")
        out = os.path.join(tmp, "forced.odt")
        r = run(src, "--format", "pdf", "-o", out)
        check(r.returncode == 0 and head(out, 5) == b"%PDF-", f"--format pdf -o forced.odt: not a PDF {head(out, 5)!r}")
        r = run(src, "--format", "html", "-o", os.path.join(tmp, "x.html"))
        check(r.returncode == 2 and "--format takes pdf or odt" in r.stderr, f"--format html: exit {r.returncode} {r.stderr}")
        # a failed render leaves nothing to be taken for its output
        bad = os.path.join(tmp, "bad.xml")
        shutil.copy(BAD, bad)
        stale = os.path.join(tmp, "bad.odt")
        shutil.copy(os.path.join(tmp, "out.odt"), stale)
        r = run(bad, "-o", stale)
        check(r.returncode == 1 and "error" in r.stderr, f"a bad source: exit {r.returncode}")
        check(not os.path.exists(stale), "a failed render left an older .odt at its output")
        with open(src, "rb") as f:
            before = f.read()
        r = run(src, "--format", "odt", "-o", src)
        with open(src, "rb") as f:
            check(f.read() == before and r.returncode == 1, f"the source was overwritten (exit {r.returncode})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print(f"FAIL cli: {f}")
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


sys.exit(main())
