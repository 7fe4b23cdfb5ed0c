#!/usr/bin/env python3
"""Editor support, checked with the tools an editor would use (xmllint, trang):
- templates/document.rng documents every element, attribute and value in
  Chinese (a:documentation; an example after 例： for elements and attributes);
- the schema without its annotations gives every sample and every
  tests/messages fixture the same verdict as with them;
- the compact copy (document.rnc, made by trang at build time) converted back
  gives the same verdicts again;
- every sample names its schema in an xml-model line whose href resolves to
  templates/document.rng, and validates through it; the line changes no byte of
  the PDF (SOURCE_DATE_EPOCH);
- .vscode/settings.json associates files that exist with schemas that exist."""
import glob, json, os, re, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

pp = os.path.abspath(sys.argv[1])
rnc = sys.argv[2] if len(sys.argv) > 2 else ""
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.chdir(root)
RNG = "{http://relaxng.org/ns/structure/1.0}"
A = "{http://relaxng.org/ns/compatibility/annotations/1.0}"
fails, passed = [], 0

def check(ok, what):
    global passed
    if ok: passed += 1
    else: fails.append(what); print("FAIL " + what)

schema = "templates/document.rng"
tree = ET.parse(schema)
parents = {c: p for p in tree.iter() for c in p}
han = re.compile(r"[\u4e00-\u9fff]")
for e in tree.iter():
    if e.tag in (RNG + "element", RNG + "attribute"):
        docs = [c for c in e if c.tag == A + "documentation"]
        name = e.get("name")
        check(len(docs) == 1 and han.search(docs[0].text or "") and "例：" in docs[0].text,
              f"<{e.tag[len(RNG):]} name='{name}'> has one Chinese a:documentation with an example")
    elif e.tag == RNG + "value":
        sib = list(parents[e])
        nxt = sib[sib.index(e) + 1] if sib.index(e) + 1 < len(sib) else None
        check(nxt is not None and nxt.tag == A + "documentation" and han.search(nxt.text or ""),
              f"<value>{e.text}</value> is followed by a Chinese a:documentation")

def verdicts(rng, files):
    out = {}
    for f in files:
        r = subprocess.run(["xmllint", "--noout", "--nonet", "--relaxng", rng, f], capture_output=True)
        out[f] = r.returncode
    return out

corpus = sorted(glob.glob("samples/*.xml") + glob.glob("tests/messages/*.xml") + glob.glob("tests/layout/*.xml"))
with tempfile.TemporaryDirectory() as tmp:
    base = verdicts(schema, corpus)
    check(all(base[f] == 0 for f in corpus if f.startswith("samples/")), "the samples are valid")
    check(sum(1 for v in base.values() if v != 0) >= 20, "most fixtures are refused")
    stripped = os.path.join(tmp, "stripped.rng")
    t2 = ET.parse(schema)
    for p in t2.iter():
        for c in [c for c in p if c.tag == A + "documentation"]:
            p.remove(c)
    t2.write(stripped, encoding="utf-8", xml_declaration=True)
    check(verdicts(stripped, corpus) == base, "without its annotations the schema gives the same verdicts")
    if rnc:
        check(os.path.exists(rnc), f"the build made {rnc}")
        back = os.path.join(tmp, "back.rng")
        r = subprocess.run(["trang", "-I", "rnc", "-O", "rng", rnc, back], capture_output=True, text=True)
        check(r.returncode == 0 and verdicts(back, corpus) == base, f"the compact copy gives the same verdicts {r.stderr}")
        text = open(rnc, encoding="utf-8").read()
        check("## 章節標題，不含編號" in text, "the compact copy keeps the annotations as ## comments")
    else:
        print("note: trang not installed, the compact copy is not checked")

    pi = re.compile(r'<\?xml-model href="([^"]+)" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"\?>')
    for s in sorted(glob.glob("samples/*.xml")):
        head = open(s, encoding="utf-8").read(400)
        m = pi.search(head)
        ok = m is not None and os.path.samefile(os.path.join(os.path.dirname(s), m.group(1)), schema)
        check(ok, f"{s} names templates/document.rng in an xml-model line")
        if not ok:
            continue
        r = subprocess.run(["xmllint", "--noout", "--nonet", "--relaxng", os.path.join(os.path.dirname(s), m.group(1)), s],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"{s} validates through its xml-model href")
        without = os.path.join(tmp, os.path.basename(s))
        open(without, "w", encoding="utf-8").write(open(s, encoding="utf-8").read().replace(m.group(0) + "\n", "", 1))
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        a, b = os.path.join(tmp, "a.pdf"), os.path.join(tmp, "b.pdf")
        ra = subprocess.run([pp, "render", "-q", s, "-o", a], env=env, capture_output=True)
        rb = subprocess.run([pp, "render", "-q", without, "-o", b], env=env, capture_output=True)
        same = ra.returncode == 0 and rb.returncode == 0 and open(a, "rb").read() == open(b, "rb").read()
        check(same, f"{s}: the xml-model line changes no PDF byte")

settings = json.load(open(".vscode/settings.json", encoding="utf-8"))
assoc = settings.get("xml.fileAssociations", [])
check(len(assoc) >= 2, ".vscode/settings.json has file associations")
for a in assoc:
    sid = a["systemId"].replace("${workspaceFolder}", root)
    check(os.path.exists(sid), f"association schema {a['systemId']} exists")
pat = [a for a in assoc if a["systemId"].endswith("/templates/document.rng")]
check(any(glob.fnmatch.fnmatch("x/samples/bsmi-114-plan.xml", a["pattern"]) for a in pat), "samples are associated with document.rng")
ext = json.load(open(".vscode/extensions.json", encoding="utf-8"))
check("redhat.vscode-xml" in ext.get("recommendations", []), "the Red Hat XML extension is recommended")
print(f"{passed} passed, {len(fails)} failed")
sys.exit(1 if fails else 0)
