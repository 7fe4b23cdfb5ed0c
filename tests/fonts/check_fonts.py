#!/usr/bin/env python3
"""Font fallback and text extraction: a name with CJK Ext-B characters (𠀀𪚥)
prints from TW-Kai-Ext-B, a plane-15 character from TW-Kai-Plus, and all of them
extract back exactly; a character no font has prints as a box with a warning that
names it and its source line; a font family that is not installed is exit 3 with
the Debian package named. Usage: check_fonts.py PLANPRESS"""
import os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
pp = sys.argv[1]
fails = []
def check(cond, what):
    if not cond:
        fails.append(what)

tmp = tempfile.mkdtemp()
pdf = os.path.join(tmp, "extb.pdf")
src = os.path.join(here, "extb.xml")
r = subprocess.run([pp, "render", src, "-o", pdf], capture_output=True, text=True)
check(r.returncode == 0, f"render exit {r.returncode}: {r.stderr}")
check(re.search(r"extb\.xml:3:\d+: warning: U\+0D80 .* no installed font", r.stderr), f"missing-glyph warning: {r.stderr!r}")
fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
check("TW-Kai-Ext-B" in fonts, "Ext-B face not embedded")
check("TW-Kai-Plus" in fonts, "Plus face not embedded")
check("LiberationSerif" in fonts, "Latin face not embedded")
for row in fonts.splitlines()[2:]:
    check(row.split()[-5:-2] == ["yes", "yes", "yes"], f"font not emb/sub/uni: {row}")
t = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True)
check(t.stderr == "", f"pdftotext warns: {t.stderr}")
check("王\U00020000\U0002A6A5明" in t.stdout, "Ext-B name does not extract back")
check("\U000F0000村" in t.stdout, "plane-15 character does not extract back")
check("call center 3,025" in t.stdout, "Latin words and numbers")
q = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
check(q.returncode == 0, f"qpdf: {q.stdout[-300:]}")

# PDF/A forbids .notdef: the same source is refused under --pdfa, and no PDF is left
apdf = os.path.join(tmp, "a.pdf")
r = subprocess.run([pp, "render", src, "-o", apdf, "--pdfa"], capture_output=True, text=True)
check(r.returncode == 1, f"--pdfa with a missing character: exit {r.returncode}, want 1")
check("PDF/A cannot hold the 1 character" in r.stderr, f"--pdfa message: {r.stderr!r}")
check(not os.path.exists(apdf), "--pdfa left a PDF behind")

# a template naming a family that is not installed: exit 3, family and package named
tpl = os.path.join(tmp, "nofont.xml")
# an agency's own template: the stock plan template with another Han face
open(tpl, "w", encoding="utf-8").write('<template name="nofont" extends="plan"><fonts han="PP Missing Kai"/></template>\n')
r = subprocess.run([pp, "render", src, "-o", os.path.join(tmp, "x.pdf"), "--template", tpl], capture_output=True, text=True)
check(r.returncode == 3, f"missing font exit {r.returncode}, want 3")
check("PP Missing Kai" in r.stderr and "install" in r.stderr, f"missing font message: {r.stderr!r}")
check(not os.path.exists(os.path.join(tmp, "x.pdf")), "a PDF was left behind")

for f in fails:
    print("FAIL", f)
print(f"{0 if fails else 1} passed, {1 if fails else 0} failed")
sys.exit(1 if fails else 0)
