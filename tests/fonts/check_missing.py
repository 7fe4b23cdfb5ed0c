#!/usr/bin/env python3
"""Characters no installed font has, many of them: a source with 500 distinct such
characters (gen_missing.py picks them from fontconfig's charsets), each used 20
times, renders with exit 0 and exactly one warning per character (render prints the
first 200 and counts the rest; batch's report.json holds the count), every one
naming its character, and the PDF still extracts them. No timing is asserted.
Usage: check_missing.py PLANPRESS"""
import json, os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
pp = sys.argv[1]
fails = []
def check(cond, what):
    if not cond:
        fails.append(what)

N, REPS = 500, 20
tmp = tempfile.mkdtemp()
os.mkdir(os.path.join(tmp, "in"))
src = os.path.join(tmp, "in", "missing.xml")
chars = subprocess.run([sys.executable, os.path.join(here, "gen_missing.py"), src, str(N), str(REPS)],
                       capture_output=True, text=True, check=True).stdout.split()
check(len(chars) == N, f"generator gave {len(chars)} characters")
text = open(src, encoding="utf-8").read()
for cp in (chars[0], chars[-1]):
    check(text.count(chr(int(cp, 16))) == REPS, f"U+{cp} used {text.count(chr(int(cp, 16)))} times, want {REPS}")

pdf = os.path.join(tmp, "missing.pdf")
r = subprocess.run([pp, "render", src, "-o", pdf], capture_output=True, text=True)
check(r.returncode == 0, f"render exit {r.returncode}: {r.stderr[-500:]}")
warned = re.findall(r"missing\.xml:\d+:\d+: warning: U\+([0-9A-F]+) .* is in no installed font", r.stderr)
check(len(warned) == 200, f"{len(warned)} warnings printed, want the first 200")
check(len(set(warned)) == len(warned), "a character warned about twice")
check(warned == chars[:len(warned)], "the printed warnings are not the first characters in order")
check("too many messages" in r.stderr, "no note that the rest are counted")
check(os.path.getsize(pdf) > 0 if os.path.exists(pdf) else False, "no PDF")
t = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout
check(chr(int(chars[0], 16)) in t and chr(int(chars[-1], 16)) in t, "missing characters do not extract back")

# the count of every warning, printed or not: batch's report
out = os.path.join(tmp, "out")
r = subprocess.run([pp, "batch", os.path.join(tmp, "in"), "-o", out, "-j", "1"], capture_output=True, text=True)
check(r.returncode == 0, f"batch exit {r.returncode}: {r.stderr[-500:]}")
rep = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
entry = rep["sources"][0]
check(entry["warnings"] == N, f"report.json counts {entry['warnings']} warnings, want {N}")
check(entry["errors"] == 0, f"report.json counts {entry['errors']} errors")

for f in fails:
    print("FAIL", f)
print(f"{0 if fails else 1} passed, {1 if fails else 0} failed")
sys.exit(1 if fails else 0)
