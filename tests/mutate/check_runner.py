#!/usr/bin/env python3
"""Checks that run_mutate.py catches what it is there to catch: it is run against
stand-ins for planpress that misbehave one way each (a crash by a signal, a
sanitizer report, exit 4, a line on stderr that is no message, a message split
over two lines, exit 0 with no output or a broken one (qpdf --check fails on it), an output left after a
failure, a temporary file left behind, check disagreeing with render, a hang),
and must fail naming it; against a stand-in that behaves (a real PDF made by
qpdf, a real ODF package) it must pass.

usage: check_runner.py
"""
import os
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "run_mutate.py")

# The stand-in: `planpress render src.xml -o OUT [--format odt]` or `planpress check src.xml`.
STUB = r'''#!/usr/bin/env python3
import os, signal, subprocess, sys, time, zipfile
MODE = %(mode)r
args = sys.argv[1:]
cmd = args[0]
out = args[args.index("-o") + 1] if "-o" in args else None
def good_output():
    if out.endswith(".odt"):
        with zipfile.ZipFile(out, "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            for part in ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"):
                z.writestr(part, "<x/>", compress_type=zipfile.ZIP_DEFLATED)
    else:
        subprocess.run(["qpdf", "--empty", out], check=True)
if cmd == "check":
    if MODE == "check-disagrees":
        sys.stderr.write("src.xml:1:1: error: a rule\n")
        sys.exit(1)
    sys.exit(0)
if MODE == "good":
    sys.stderr.write("src.xml:3:5: warning: a warning\nsrc.xml: note: a note\nplanpress: warning: w\n")
    good_output(); sys.exit(0)
if MODE == "signal":
    os.kill(os.getpid(), signal.SIGSEGV)
if MODE == "sanitizer":
    sys.stderr.write("=================================================================\n"
                     "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1\n")
    sys.exit(1)
if MODE == "exit4":
    sys.exit(4)
if MODE == "junk":
    sys.stderr.write("Bytes: 0xA5 0xE6\n"); sys.exit(1)
if MODE == "two-lines":
    sys.stderr.write("src.xml:2:3: error: the value 'a\nb' is wrong\n"); sys.exit(1)
if MODE == "no-output":
    sys.exit(0)
if MODE == "broken-pdf":
    open(out, "wb").write(b"%%PDF-1.7\ngarbage\n"); sys.exit(0)
if MODE == "bad-xref":
    open(out, "wb").write(b"%%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n")
    sys.exit(0)
if MODE == "broken-odt":
    open(out, "wb").write(b"PK\x03\x04 not a zip"); sys.exit(0)
if MODE == "left-after-failure":
    good_output(); sys.stderr.write("src.xml:1:1: error: bad\n"); sys.exit(1)
if MODE == "temp-left":
    good_output(); open(out + ".tmp123", "w").close(); sys.exit(0)
if MODE == "hang":
    time.sleep(30)
sys.exit(0)
'''

CASES = [
    ("good", None),
    ("signal", "killed by signal 11"),
    ("sanitizer", "a sanitizer report"),
    ("exit4", "exit 4 (not 0, 1, 2 or 3)"),
    ("junk", "a line that is not a message: 'Bytes: 0xA5 0xE6'"),
    ("two-lines", "a line that is not a message: \"b' is wrong\""),
    ("no-output", "render exit 0 left ['src.xml']"),
    ("broken-pdf", "is not a whole PDF"),
    ("bad-xref", "qpdf --check exit"),
    ("broken-odt", "the ODT is broken"),
    ("left-after-failure", "render exit 1 left ['out."),
    ("temp-left", "'out.pdf.tmp123'"),
    ("check-disagrees", "render exit 0 but check exit 1"),
    ("hang", "did not finish in 2 s"),
]


def main():
    failed = 0
    with tempfile.TemporaryDirectory() as d:
        for mode, want in CASES:
            stub = os.path.join(d, "planpress-" + mode)
            with open(stub, "w") as f:
                f.write(STUB % {"mode": mode})
            os.chmod(stub, os.stat(stub).st_mode | stat.S_IXUSR)
            # ten cases (the tenth is an ODT), without the kept reproducers; one for the hang
            n = ["--cases", "1"] if mode == "hang" else ["--cases", "10"]
            p = subprocess.run([sys.executable, RUNNER, stub, "--jobs", "2", "--timeout", "2",
                                "--no-regress"] + n, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            text = p.stdout.decode("utf-8", "replace")
            ok = p.returncode == 0 if want is None else (p.returncode == 1 and want in text)
            if mode == "broken-odt":
                ok = ok and "FAILING case(s)" in text
            print("%-20s %s" % (mode, "ok" if ok else "NOT CAUGHT"))
            if not ok:
                failed += 1
                print("    wanted %s, exit %d:\n%s" % ("a pass" if want is None else repr(want),
                                                      p.returncode, text[-1500:]))
    print("%d passed, %d failed" % (len(CASES) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
