#!/usr/bin/env python3
"""Word's table of contents comes in as <toc/>: SOURCE (a document with a
contents section) is rendered as .odt, LibreOffice saves it as .docx (its
contents a docPartGallery "Table of Contents" block holding a TOC field and
entry lines), and `import --kind document` of that must give a 目錄 section
holding one <toc/> of the source's depth, its entry lines left out (no
paragraph repeats an entry), with no import-toc warning. Imported as a
handbook (the kind its title tells), whose template adds the contents by
itself, the contents are left to the template: no 目錄 section at all.
Skipped (exit 77) without soffice.

Usage: check_docx_toc.py PLANPRESS SOURCE.xml"""
import os, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

SKIP = 77


def main():
    pp, src = sys.argv[1], sys.argv[2]
    if not shutil.which("soffice"):
        print("SKIP: soffice (LibreOffice) is not installed; no .docx to import")
        return SKIP
    tmp = tempfile.mkdtemp(prefix="pp-docx-toc-")
    failures = []
    try:
        odt = os.path.join(tmp, "doc.odt")
        r = subprocess.run([pp, "render", src, "-o", odt], capture_output=True, text=True)
        if r.returncode != 0:
            failures.append(f"render: {r.stderr.strip()}")
            return report(failures)
        r = subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.join(tmp, "profile"), "--headless",
                            "--norestore", "--convert-to", "docx", "--outdir", tmp, odt], capture_output=True, text=True)
        docx = os.path.join(tmp, "doc.docx")
        if not os.path.exists(docx):
            failures.append(f"LibreOffice did not save a .docx: {r.stderr.strip()[-300:]}")
            return report(failures)
        want_depth = next((t.get("depth") for t in ET.parse(src).getroot().iter("toc")), None)
        out = os.path.join(tmp, "doc.xml")
        r = subprocess.run([pp, "import", docx, "--kind", "document", "-o", out], capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(out):
            failures.append(f"import --kind document: exit {r.returncode}: {r.stderr.strip()}")
            return report(failures)
        if "index" in r.stderr and "left out" in r.stderr:
            failures.append("import warned that the contents are left out:\n" + r.stderr.strip())
        root = ET.parse(out).getroot()
        tocs = list(root.iter("toc"))
        if len(tocs) != 1:
            failures.append(f"{len(tocs)} <toc/> in the import, not one")
        holders = [s for s in root.iter("section") if s.find("toc") is not None]
        if len(holders) != 1 or holders[0].get("title") != "目錄" or holders[0].get("numbered") != "no":
            failures.append("the <toc/> is not in an unnumbered section 目錄: " +
                            str([(s.get("title"), s.get("numbered")) for s in holders]))
        if tocs and tocs[0].get("depth") != want_depth:
            failures.append(f"depth {tocs[0].get('depth')}, the source's is {want_depth}")
        titles = [s.get("title") for s in root.iter("section")]
        srcn = sum(1 for _ in ET.parse(src).getroot().iter("section"))
        if len(titles) != srcn:
            failures.append(f"{len(titles)} sections imported, the source has {srcn} (entry lines read as headings?)")
        # the kind the title tells: a handbook, whose template adds the contents itself
        out2 = os.path.join(tmp, "doc2.xml")
        r = subprocess.run([pp, "import", docx, "-o", out2], capture_output=True, text=True)
        root2 = ET.parse(out2).getroot() if os.path.exists(out2) else None
        if root2 is None or root2.get("kind") != "handbook":
            failures.append(f"import without --kind: not a handbook ({root2 is not None and root2.get('kind')})")
        elif list(root2.iter("toc")) or any(s.get("title") == "目錄" for s in root2.iter("section")):
            failures.append("a handbook's contents (its template adds them) came in as a section of the source")
        print(f"docx contents: {len(tocs)} toc, {len(titles)} sections (source {srcn})")
        return report(failures)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(failures):
    for f in failures:
        print("FAIL " + f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


sys.exit(main())
