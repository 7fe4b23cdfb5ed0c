#!/usr/bin/env python3
"""Writes large seed inputs for the fuzz run (up to the 1 MB it is run with), at
test time, so that no megabyte file is checked in:

  large-plan.xml     a valid plan of about 1 MB: the bsmi-114 sample's strategy
                     rows repeated, paragraphs and lists, hundreds of pages
  large-oneline.xml  the same kind of document on a single line (column numbers
                     past 500,000; what a minified export gives)
  large-table.xml    a generic table of a few thousand rows with spans
  large-lists.xml    lists nested deep and wide

usage: gen_large.py OUTDIR [MAX_BYTES]   (default 1048576)
"""
import copy
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
HAN = ("提升服務效能，確保服務一致及正確性；簡化申辦流程、縮短處理時間：「公平共享」、"
       "「參與合作」及「開放透明」。強化服務人員專業知能（含法規與資訊系統），並持續檢討改善！")
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def han(i, n):
    k = (i * 37) % len(HAN)
    return (HAN * (n // len(HAN) + 3))[k:k + n].lstrip("，。、；：！）」") or "服務"


def size(root):
    return len(ET.tostring(root, encoding="utf-8"))


def large_plan(limit, one_line=False):
    root = ET.parse(os.path.join(ROOT, "samples", "bsmi-114-plan.xml")).getroot()
    if one_line:
        for e in root.iter():
            if e.text and not e.text.strip():
                e.text = None
            if e.tail and not e.tail.strip():
                e.tail = None
    strat = root.find(".//strategies")
    rows = list(strat.findall("strategy"))
    goals = root.find("section[@role='goals']")
    i = 0
    # in steps of 50 rows and paragraphs, then back to under the limit
    while size(root) + len(HEAD) < limit:
        for _ in range(50):
            r = copy.deepcopy(rows[i % len(rows)])
            r.find("name").text = "%s（%d）" % (r.find("name").text, i)
            strat.append(r)
            p = copy.deepcopy(goals[0])
            p.text = han(i, 60 + i % 200)
            goals.append(p)
            i += 1
    while size(root) + len(HEAD) + 1 > limit:
        strat.remove(strat[-1])
        goals.remove(goals[-1])
    return root


def skeleton(title, section):
    """A document of the test agency with one section: (document, section)."""
    doc = ET.Element("document", kind="document")
    meta = ET.SubElement(doc, "meta")
    ET.SubElement(meta, "agency").text = "測試機關"
    ET.SubElement(meta, "title").text = title
    return doc, ET.SubElement(doc, "section", title=section)


def large_table(limit):
    doc, sec = skeleton("大型表格測試", "表格")
    t = ET.SubElement(sec, "table", widths="0.15 0.55 0.3")
    ET.SubElement(t, "caption").text = "表一：服務項目"
    head = ET.SubElement(ET.SubElement(t, "head"), "row")
    for h in ("項次", "推動作法", "主辦單位"):
        ET.SubElement(head, "cell").text = h
    per = 0
    i = 0
    while True:
        row = ET.SubElement(t, "row")
        if i % 7 == 0:
            ET.SubElement(row, "cell", rowspan="2").text = "第%d項" % i
        elif i % 7 != 1:
            ET.SubElement(row, "cell").text = "第%d項" % i
        if i % 11 == 0:
            ET.SubElement(row, "cell", colspan="2").text = han(i, 30 + i % 90)
        else:
            ET.SubElement(row, "cell").text = han(i, 10 + i % 120)
            ET.SubElement(row, "cell").text = ("業務組", "資訊室", "各分局")[i % 3]
        i += 1
        if per == 0 and i == 50:
            per = size(doc) // 50
        if per and i % 50 == 0 and size(doc) + len(HEAD) + 50 * per > limit:
            break
    while size(doc) + len(HEAD) + 1 > limit:
        t.remove(t[-1])
    return doc


def large_lists(limit):
    doc, sec = skeleton("大型清單測試", "清單")
    i = 0
    while size(doc) + len(HEAD) < limit - 20000:
        lst = ET.SubElement(sec, "list")
        cur = lst
        for depth in range(8):
            for k in range(3 + (i + depth) % 5):
                it = ET.SubElement(cur, "item")
                it.text = han(i + k, 20 + (i * 13 + k) % 80)
                i += 1
            cur = ET.SubElement(it, "list")
        ET.SubElement(cur, "item").text = "最深的一項"
    return doc


def main():
    out = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 20
    os.makedirs(out, exist_ok=True)
    for name, root in (("large-plan.xml", large_plan(limit)),
                       ("large-oneline.xml", large_plan(limit, one_line=True)),
                       ("large-table.xml", large_table(limit)),
                       ("large-lists.xml", large_lists(limit))):
        data = (HEAD + ET.tostring(root, encoding="unicode")).encode("utf-8")
        if not name.endswith("oneline.xml"):
            data += b"\n"
        assert len(data) <= limit, name
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        print("%s: %d bytes" % (name, len(data)))


if __name__ == "__main__":
    main()
