#!/usr/bin/env python3
"""Generates the stress and pagination sources for the layout tests into a
folder at test time, so no megabyte files are checked in.

usage: gen.py OUTDIR [NAME...]     (no NAME: all of them)

Every generator returns the XML text and a description of what must come back
out of the PDF (expected cell texts per column, the line of the source where a
forced break is expected), written beside it as NAME.json.
"""
import json, os, sys
from xml.sax.saxutils import escape

REQUIRED_BEFORE = [("計畫依據", "basis", "行政院106年1月9日函頒「政府服務躍升方案」。"),
                   ("計畫目標", "goals", "提升服務品質，確保服務一致及正確。"),
                   ("實施對象", "scope", "本局各單位及各分局。")]
REQUIRED_AFTER = [("實施步驟", "steps", "依計畫期程辦理。"),
                  ("考核作業", "evaluation", "每年辦理考核一次。"),
                  ("獎勵方式", "rewards", "依規定辦理獎勵。")]

# Han text to fill cells with: varied, with the punctuation that kinsoku acts on
HAN = ("提升服務效能，確保服務一致及正確性；簡化申辦流程、縮短處理時間：「公平共享」、"
       "「參與合作」及「開放透明」。強化服務人員專業知能（含法規與資訊系統），"
       "並持續檢討改善！民眾滿意度是否提升？")


NO_START = set("，。、；：？！）」』】〉》〕")
NO_END = set("（「『【〈《〔")


def han(seed, n):
    """n characters of Han text starting at a seed-dependent offset; never starting
    with a mark that may not start a line nor ending with one that may not end it
    (a cell's first line would break the rules through no fault of the typesetter)."""
    k = (seed * 37) % len(HAN)
    text = HAN * (n // len(HAN) + 3)
    while text[k] in NO_START:
        k += 1
    t = text[k:k + n]
    while t[-1] in NO_END:
        t = t[:-1] + "服"
    return t


class Src:
    """Builds a document line by line, so tests know the line of each element."""

    def __init__(self, kind="plan"):
        self.lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<document kind="{kind}">',
                      "  <meta><agency>測試機關</agency><year>114</year><title>版面測試計畫</title></meta>"]
        for t, r, p in REQUIRED_BEFORE:
            self.add(f'  <section title="{t}" role="{r}"><p>{p}</p></section>')
        self.add('  <section title="執行策略及具體推動作法" role="strategies">')

    def add(self, line):
        self.lines.append(line)
        return len(self.lines)       # 1-based line number of what was just added

    def text(self):
        self.add("  </section>")
        for t, r, p in REQUIRED_AFTER:
            self.add(f'  <section title="{t}" role="{r}"><p>{p}</p></section>')
        self.add("</document>")
        return "\n".join(self.lines) + "\n"


def cell(text, **attrs):
    a = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<cell{a}>{text}</cell>"


def table(s, heads, rows, widths=None, caption=None):
    """Adds a generic table; rows are lists of cell XML. Returns {row index: source line}."""
    w = f' widths="{widths}"' if widths else ""
    s.add(f"    <table{w}>")
    if caption:
        s.add(f"      <caption>{caption}</caption>")
    s.add("      <head><row>" + "".join(cell(h) for h in heads) + "</row></head>")
    lines = {}
    for i, r in enumerate(rows):
        lines[i] = s.add("      <row>" + "".join(r) + "</row>")
    s.add("    </table>")
    return lines


def rows1000():
    """A 1,000-row table: every row a numbered item, a Han text of 1 to 4 lines, a unit."""
    s = Src()
    heads = ["項次", "推動作法", "主辦單位"]
    rows, cols = [], [[], [], []]
    for i in range(1, 1001):
        a, b, c = f"第{i}項", han(i, 10 + (i * 7) % 70), ("業務組", "資訊室", "各分局")[i % 3] + f"{i}"
        rows.append([cell(a), cell(b), cell(c)])
        for k, t in enumerate((a, b, c)):
            cols[k].append(t)
    table(s, heads, rows, widths="0.15 0.65 0.2")
    return s.text(), {"heads": heads, "widths": [0.15, 0.65, 0.2], "columns": cols, "forced_lines": []}


def longcell():
    """A single cell longer than a whole page (about three pages of lines), between two
    ordinary rows, with short neighbours in its own row."""
    s = Src()
    heads = ["執行策略", "主辦單位", "具體推動作法"]
    long_text = "".join(f"第{i}段" + han(i, 60) for i in range(1, 41))
    rows = [[cell("簡化流程"), cell("業務組"), cell(han(1, 40))],
            [cell("長儲存格"), cell("各分局"), cell(long_text)],
            [cell("後續列"), cell("資訊室"), cell(han(2, 30))]]
    cols = [["簡化流程", "長儲存格", "後續列"], ["業務組", "各分局", "資訊室"], [han(1, 40), long_text, han(2, 30)]]
    table(s, heads, rows, widths="0.2 0.15 0.65")
    return s.text(), {"heads": heads, "widths": [0.2, 0.15, 0.65], "columns": cols, "forced_lines": []}


def wide16():
    """A table wider than its columns can hold: 16 columns (the most a table may have),
    each about 22 pt of text room, holding numbers, Latin words and Han text with
    punctuation that need more than that."""
    s = Src()
    heads = [f"欄{i}" for i in range(1, 17)]
    contents = ["11490000310", "3,025件", "86.71%", "DN13", "Accessibility", "「公平共享」",
                "（含法規）", "服務，", "e-mail", "NT$3,000", "ODF-CNS15251", "114年1月6日",
                "call center", "提升服務效能", "服務……", "說明——如下"]
    rows, cols = [], [[] for _ in range(16)]
    lines = []
    for r in range(6):
        row = []
        for k in range(16):
            t = contents[(k + r) % 16]
            row.append(cell(escape(t)))
            cols[k].append(t)
        rows.append(row)
    rl = table(s, heads, rows, widths=" ".join(["1"] * 16))   # equal columns, given (else automatic)
    return s.text(), {"heads": heads, "widths": [1] * 16, "columns": cols,
                      "forced_lines": sorted(rl.values()), "forced_any": True}


def narrowcol():
    """A table whose first column is narrower than one character plus its padding
    (widths 0.01 : 0.99 gives 4.8 pt): nothing fits, the column must still hold its text."""
    s = Src()
    heads = ["甲", "說明"]
    rows = [[cell("項目一"), cell(han(3, 50))], [cell("A1"), cell(han(4, 20))]]
    cols = [["項目一", "A1"], [han(3, 50), han(4, 20)]]
    rl = table(s, heads, rows, widths="0.01 0.99")
    return s.text(), {"heads": heads, "widths": [0.01, 0.99], "columns": cols,
                      "forced_lines": sorted(rl.values()), "forced_any": True}


def token200():
    """Cells holding one unbreakable 200-character token: Latin letters and digits,
    a URL, and digits with separators, in a 4-em column and in a wide one."""
    s = Src()
    heads = ["代碼", "說明", "網址"]
    alnum = "".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[(i * 7) % 36] for i in range(200))
    url = ("https://www.bsmi.gov.tw/wSite/ct?xItem=" + "1234567890" * 16)[:200]
    url = url + "x" * (200 - len(url))
    digits = ",".join(["123"] * 51)[:200]
    rows = [[cell(alnum), cell(han(5, 30)), cell("短")],
            [cell("代碼"), cell(url), cell("說明")],
            [cell("數字"), cell("短"), cell(digits)]]
    cols = [[alnum, "代碼", "數字"], [han(5, 30), url, "短"], ["短", "說明", digits]]
    rl = table(s, heads, rows, widths="0.12 0.6 0.28")
    assert len(alnum) == len(url) == len(digits) == 200
    return s.text(), {"heads": heads, "widths": [0.12, 0.6, 0.28], "columns": cols,
                      "forced_lines": sorted(rl.values()), "forced_rows": rl}


def rowsplit(offset=0):
    """Rows whose cells have known line counts (forced with <br/>; every line a
    unique token), 1 to 9 lines, spread over several pages so that page breaks land
    at every phase of a row: which lines sit on which page shows how rows split.
    `offset` filler lines before the table move every page break."""
    s = Src()
    for i in range(offset):
        s.add(f"    <p>填充第{i + 1}行。</p>")
    heads = ["項目", "甲欄", "乙欄"]
    rows, spec = [], []
    counts = [(1, 1, 2), (2, 2, 1), (1, 5, 3), (2, 7, 2), (1, 2, 2), (3, 3, 9), (1, 4, 1),
              (2, 1, 2), (1, 6, 6), (2, 2, 2), (1, 3, 8), (1, 1, 1), (4, 2, 5), (2, 2, 1)]
    for i in range(60):
        n = counts[(i * 5) % len(counts)] if i % 4 else (1 + i % 2, 2, 1 + (i // 4) % 2)
        row, sp = [], []
        for k, m in enumerate(n):
            toks = [f"R{i:02d}C{k}L{j}" for j in range(m)]
            row.append(cell("<br/>".join(toks)))
            sp.append(toks)
        rows.append(row)
        spec.append(sp)
    table(s, heads, rows, widths="0.2 0.4 0.4")
    cols = [["".join(sp[k]) for sp in spec] for k in range(3)]
    return s.text(), {"heads": heads, "widths": [0.2, 0.4, 0.4], "columns": cols, "rows": spec,
                      "forced_lines": []}


def keeps(k):
    """k filler lines of body text, then a heading, a caption and a table: with k
    swept over a page, the heading and caption meet the page foot at every offset.
    The table's cells have known line counts (unique tokens joined by <br/>): its
    first row has cells of 1, 3 and 8 lines, so where it splits at a page foot the
    3-line cell cannot keep two lines on each side and must stay whole."""
    s = Src()
    for i in range(k):
        s.add(f"    <p>填充第{i + 1}行。</p>")
    s.add('    <section title="整體服務類">')
    heads = ["執行策略", "主辦單位", "具體推動作法"]
    counts = [(1, 3, 8), (2, 2, 2), (1, 4, 5), (3, 1, 6)]
    rows, spec = [], []
    for i, n in enumerate(counts):
        row, sp = [], []
        for c, m in enumerate(n):
            toks = [f"R{i:02d}C{c}L{j}" for j in range(m)]
            row.append(cell("<br/>".join(toks)))
            sp.append(toks)
        rows.append(row)
        spec.append(sp)
    table(s, heads, rows, widths="0.3 0.2 0.5", caption="構面二:服務遞送（300 分）")
    s.add("    </section>")
    cols = [["".join(sp[c]) for sp in spec] for c in range(3)]
    return s.text(), {"heads": heads, "widths": [0.3, 0.2, 0.5], "columns": cols, "rows": spec,
                      "forced_lines": [], "heading": "一、整體服務類", "caption": "構面二:服務遞送（300分）"}


GENERATORS = {"rows1000": rows1000, "longcell": longcell, "wide16": wide16, "narrowcol": narrowcol,
              "token200": token200, "rowsplit": rowsplit}


def write(outdir, name, fn=None):
    text, meta = (fn or GENERATORS[name])()
    path = os.path.join(outdir, name + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(outdir, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False)
    return path, meta


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name in sys.argv[2:] or GENERATORS:
        print(write(out, name)[0])
