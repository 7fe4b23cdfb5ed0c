#!/usr/bin/env python3
"""The document checks must be able to fail: each case here spoils one fixture
(its source, or the rendered PDF with qpdf) in a copy, runs check_documents.py on
it and requires the named check to FAIL. A case whose check still passes means
that check proves nothing.

Usage: self_test.py PLANPRESS"""
import json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Cases a planpress bug keeps from failing (what planpress does instead): listed
# here, reported, and not counted; one that starts to fail must be taken off.
KNOWN = {
}

# (fixture, what is spoilt, source replacements, expected-file changes, PDF filter (sh), check that must fail)
CASES = [
    ("numbering", "前言 numbered: it takes 壹、 and every later section slips",
     [('title="前言" role="preface" numbered="no"', 'title="前言" role="preface"')], {}, None, "headings"),
    ("numbering", "the 1、 list set as 1.", [('<list style="decimal-comma">', '<list style="decimal">')], {}, None, "lines"),
    ("numbering", "the lone strategy left unnumbered", [('columns="results" lone="number"', 'columns="results"')], {}, None,
     "tables-cells"),
    ("numbering", "the checkbox list without its hanging indent (items flush)",
     [('<list style="checkbox">', '<list style="none">')], {}, None, "hanging"),
    ("numbering", "a typed label removed: one warning less than expected",
     [('<item>一、本說明', '<item>本說明')], {}, None, "check-warnings"),
    ("city-quality-plan", "units first instead of last",
     [('<column content="group" header="實施要項"/>',
       '<column content="units"><header>承辦<br/>單位</header></column><column content="group" header="實施要項"/>'),
      ('<column content="units"><header>承辦<br/>單位</header></column>\n      </columns>', '</columns>')],
     {}, None, "tables-columns"),
    ("city-quality-plan", "「承辦單位」 on one header line", [('<header>承辦<br/>單位</header>', '<header>承辦單位</header>')],
     {}, None, "tables-header"),
    ("land-office-work-plan", "no rules between the 工作重點 rows (sub-rules=\"no\")",
     [('<columns sub-rules="yes">', '<columns sub-rules="no">')], {}, None, "tables-cells"),
    ("city-quality-plan", "without the agency template the stock profile warns",
     [('template="templates/kh-animal.xml" ', '')], {}, None, "check-warnings"),
    ("city-quality-plan", "the issuance line in another pattern",
     [('<issued date="2017-03-08">', '<issued date="2017-03-08" format="{text}（{date}）">')], {}, None, "title-block"),
    ("land-office-work-plan", "the MOEA subject and keywords (the stock plan profile's)",
     [('    <subject>桃園市中壢地政事務所107年度提升服務工作計畫</subject>\n    <keywords>中壢地政事務所, 107年度, 提升服務, 地政</keywords>\n', '')],
     {}, None, "pdf-subject-keywords"),
    ("moi-performance-report", "another title printed than the expected file's", [("<title>施政績效報告</title>", "<title>施政績效年報</title>")],
     {}, None, "pdf-title"),
    ("tax-score-form", "something written in a blank column",
     [('<cell>服務效率</cell><cell/>', '<cell>服務效率</cell><cell>25</cell>')], {}, None, "tables-blank"),
    ("split-table", "continued key cells left blank (a template with continuation=\"blank\")",
     [('<document kind="document" xml:lang="zh-TW">', '<document kind="document" template="blank.xml" xml:lang="zh-TW">')],
     {}, None, "tables-continued"),
    ("split-table", "a table narrower than the text (given widths adding up to 0.8)",
     [('<column width="0.23" align="start"/><column width="0.37"/><column width="0.21" align="end"/><column width="0.19" align="center"/>',
       '<column width="0.2" align="start"/><column width="0.2"/><column width="0.2" align="end"/><column width="0.2" align="center"/>')],
     {}, None, "tables-width"),
    ("toc-long", "a page inserted after the contents: every entry points one page early",
     [], {}, 'qpdf "$1" --pages . 1,1,2-z -- "$2"', "toc-pages"),
    ("toc-long", "the contents' links taken away (/Dest renamed)",
     [], {}, 'qpdf --qdf --object-streams=disable "$1" "$2.qdf"; sed "s|/Dest|/Xest|g" "$2.qdf" > "$2.bad"; fix-qdf "$2.bad" > "$2"',
     "toc-links"),
    ("award-handbook", "the turned pages turned back (rotated to portrait)",
     [], {}, 'qpdf "$1" --rotate=+90:3-4 "$2"', "orientation"),
    ("award-handbook", "the landscape section set portrait",
     [('role="evaluation" orientation="landscape"', 'role="evaluation"')], {}, None, "orientation"),
    ("numbering", "a page duplicated: the page numbers no longer follow the pages",
     [], {}, 'qpdf "$1" --pages . 1,1-z -- "$2"', "page-numbers"),
    ("numbering", "another kind: check names another profile",
     [('<document kind="document" xml:lang="zh-TW">', '<document kind="form" xml:lang="zh-TW">')], {}, None, "check-profile"),
    ("numbering", "a word too long for its cell: render warns what check did not",
     [("<results numbered=\"no\">規費可使用行動支付繳納。</results>",
       "<results numbered=\"no\">規費可使用ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ繳納。</results>")],
     {}, None, "render-warnings"),
    ("award-handbook", "an entry missing from the contents", [], {"toc-drop": "二、適用範圍"}, None, "toc-pages"),
]


def main():
    pp = os.path.abspath(sys.argv[1])
    bad = caught = 0
    for fixture, what, edits, exedits, filt, check in CASES:
        tmp = tempfile.mkdtemp(prefix="ppdoc-")
        try:
            for f in os.listdir(HERE):
                if f.startswith(fixture + ".") or f.endswith(".py"):
                    shutil.copy(os.path.join(HERE, f), tmp)
            shutil.copytree(os.path.join(HERE, "templates"), os.path.join(tmp, "templates"))
            with open(os.path.join(tmp, "blank.xml"), "w") as fh:
                fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<template name="blank" extends="document">'
                         '<table continuation="blank"/></template>\n')
            src = os.path.join(tmp, fixture + ".xml")
            text = open(src, encoding="utf-8").read()
            for old, new in edits:
                if old not in text:
                    print(f"SELF-TEST BROKEN {fixture}: '{old[:40]}…' not in the source")
                    bad += 1
                text = text.replace(old, new)
            open(src, "w", encoding="utf-8").write(text)
            ep = os.path.join(tmp, fixture + ".expect.json")
            ex = json.load(open(ep, encoding="utf-8"))
            drop = exedits.pop("toc-drop", None) if exedits else None
            ex.update(exedits)
            if drop:
                ex["toc"] = [t for t in ex["toc"] if t != drop]
            json.dump(ex, open(ep, "w", encoding="utf-8"), ensure_ascii=False)
            cmd = [sys.executable, os.path.join(HERE, "check_documents.py"), pp, fixture, "--dir", tmp]
            if filt:
                sh = os.path.join(tmp, "filter.sh")
                open(sh, "w").write("#!/bin/sh\nset -e\n" + filt + "\n")
                os.chmod(sh, 0o755)
                cmd += ["--pdf-filter", sh]
            r = subprocess.run(cmd, capture_output=True, text=True)
            failed = f"FAIL  {fixture}/{check}" in r.stdout
            if what in KNOWN:
                if failed:
                    print(f"XPASS {fixture}: {what}: {check} fails now: take it off KNOWN")
                    bad += 1
                else:
                    print(f"known {fixture}: {what}: {check} does not fail: {KNOWN[what]}")
            elif failed:
                caught += 1
                print(f"ok    {fixture}: {what}: {check} fails")
            else:
                print(f"WRONG {fixture}: {what}: {check} did not fail")
                print("      " + "\n      ".join(l for l in r.stdout.splitlines() if f"/{check}" in l or "Traceback" in l))
                print(r.stderr[-800:])
                bad += 1
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{caught} of {len(CASES)} spoilt fixtures caught, {len(KNOWN)} known not to be, {bad} wrong")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
