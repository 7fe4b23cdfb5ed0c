#!/usr/bin/env python3
"""Each tests/messages/X.xml must get from `planpress check` exactly the
messages in X.err on standard error, and exit 1 when one of them is an error
(else 0). Every message line has file:line:col; with --diagnostics=json every
object has a line and a column above 0. The UTF-16 source also renders, with
its Chinese text intact in the PDF."""
import glob, json, os, re, subprocess, sys, tempfile

pp = sys.argv[1]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
os.chdir(root)
failed = passed = 0
line_re = re.compile(r"^tests/messages/[\w.-]+\.xml:\d+:\d+: (error|warning): \S")

def fail(msg):
    global failed
    failed += 1
    print("FAIL " + msg)

for src in sorted(glob.glob("tests/messages/*.xml")):
    want = open(src[:-4] + ".err", encoding="utf-8").read()
    r = subprocess.run([pp, "check", src], capture_output=True, text=True)
    if r.stderr != want:
        fail(f"{src}: messages differ\n--- want\n{want}--- got\n{r.stderr}")
        continue
    rc_want = 1 if ": error: " in want else 0
    if r.returncode != rc_want:
        fail(f"{src}: exit {r.returncode}, want {rc_want}")
        continue
    bad = [l for l in r.stderr.splitlines() if not line_re.match(l)]
    if bad:
        fail(f"{src}: message without file:line:col: {bad}")
        continue
    j = subprocess.run([pp, "check", "--diagnostics=json", src], capture_output=True, text=True)
    objs = [json.loads(l) for l in j.stderr.splitlines() if l.strip()]
    if len(objs) != len(want.splitlines()) or any(o["line"] <= 0 or o["column"] <= 0 for o in objs):
        fail(f"{src}: JSON messages without a position: {objs}")
        continue
    passed += 1

# the UTF-16 file (Notepad's "Unicode") renders as it is
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "u.pdf")
    r = subprocess.run([pp, "render", "tests/messages/row2-utf16.xml", "-o", out], capture_output=True, text=True)
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout if r.returncode == 0 else ""
    if "提升為民服務品質" not in text.replace(" ", ""):
        fail(f"UTF-16 source did not render with its text (exit {r.returncode}): {r.stderr}")
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
