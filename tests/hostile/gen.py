#!/usr/bin/env python3
"""Writes the hostile inputs of the hostile-input suite into a folder at test
time, so that no multi-megabyte file is ever checked in.

usage: gen.py OUTDIR [CASE...]      (no CASE: every case's inputs)

Each maker below writes the inputs of one case into its own folder and returns
what the runner needs to know about them: the paths, and where in the source a
message must point. Positions are marked in the text as ⟦name⟧ (stripped before
writing): line and column in characters, both from 1, as planpress counts them.
"""
import os
import socket
import sys

MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"


def strip_marks(text):
    """text without its ⟦name⟧ marks, and {name: (line, col)} of each."""
    out, marks, line, col, i = [], {}, 1, 1, 0
    while i < len(text):
        c = text[i]
        if c == MARK_OPEN:
            j = text.index(MARK_CLOSE, i)
            marks[text[i + 1:j]] = (line, col)
            i = j + 1
            continue
        out.append(c)
        if c == "\n" or (c == "\r" and text[i + 1:i + 2] != "\n"):   # LF, CRLF and CR alike (XML 1.0 §2.11)
            line, col = line + 1, 1
        elif c == "\r":
            pass
        else:
            col += 1
        i += 1
    return "".join(out), marks


META = "<agency>測試局</agency><year>114</year><title>測試</title>"


def doc(body, meta=META, pre="", decl='<?xml version="1.0" encoding="UTF-8"?>', root='<document kind="document">',
        section='<section title="一" role="other">'):
    """A small valid source around body (the content of one section)."""
    head = decl + "\n" if decl else ""
    return (f"{head}{pre}{root}\n  <meta>{meta}</meta>\n  {section}\n{body}\n  </section>\n</document>\n")


def write(d, name, text, encoding="utf-8", bom=b""):
    """Writes text (marks stripped) to d/name; returns (path, marks)."""
    plain, marks = strip_marks(text)
    path = os.path.join(d, name)
    with open(path, "wb") as f:
        f.write(bom + plain.encode(encoding))
    return path, marks


def src(d, text, name="in.xml", **kw):
    path, marks = write(d, name, text, **kw)
    return {"src": path, "marks": marks, "dir": d}


# ---- entities, external identifiers, XInclude, processing instructions ----------------

ENTITY_MARK = "ENTITYVALUE"          # in every entity's value: must never reach any output
SECRET_MARK = "SECRETFILECONTENT"    # in a file an entity, XInclude or PI names


def secret(d):
    p = os.path.join(d, "secret.txt")
    with open(p, "w") as f:
        f.write(SECRET_MARK + "\n")
    return p


def ent_agency(d):
    """20,000 references to a 50 kB entity in <agency>."""
    value = (ENTITY_MARK + "字" * 20) * 1600
    pre = f'⟦dt⟧<!DOCTYPE document [<!ENTITY x "{value}">]>\n'
    return src(d, doc("<p>內容</p>", pre=pre, meta="<agency>" + "&x;" * 20000 + "</agency><year>114</year><title>測試</title>"))


def ent_unit(d):
    """The entity in a strategy table's <unit>."""
    pre = f'⟦dt⟧<!DOCTYPE document [<!ENTITY x "{ENTITY_MARK}{"單位" * 2000}">]>\n'
    body = ("    <strategies columns=\"actions\"><strategy><name>策略</name>\n"
            "      <units><unit>" + "&x;" * 5000 + "</unit></units><actions>作法。</actions></strategy></strategies>")
    return src(d, doc(body, pre=pre))


def ent_attr(d):
    """Entities in attribute values: title="&x;…" on 2,000 sections."""
    pre = f'⟦dt⟧<!DOCTYPE document [<!ENTITY x "{ENTITY_MARK}{"題" * 2000}">]>\n'
    body = "\n".join(f'<section title="{"&x;" * 10}"><p>段{i}</p></section>' for i in range(2000))
    return src(d, doc(body, pre=pre))


def ent_pages(d):
    """A 12 kB file: 2,000 references to a 5 kB entity in one paragraph (7,601 pages once)."""
    pre = f'⟦dt⟧<!DOCTYPE document [<!ENTITY x "{ENTITY_MARK}{"頁" * 1700}">]>\n'
    return src(d, doc("<p>" + "&x;" * 2000 + "</p>", pre=pre))


def ent_laughs(d):
    """The billion laughs: ten entities of ten references each."""
    decls = [f'<!ENTITY l0 "{ENTITY_MARK}">'] + [f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    pre = "⟦dt⟧<!DOCTYPE document [\n" + "\n".join(decls) + "\n]>\n"
    return src(d, doc("<p>&l9;</p>", pre=pre))


def ent_param(d):
    pre = f'⟦dt⟧<!DOCTYPE document [<!ENTITY % p "<!ENTITY x \'{ENTITY_MARK}\'>"> %p;]>\n'
    return src(d, doc("<p>&x;</p>", pre=pre))


def ent_external(d):
    """An external entity naming a file: its text must never be read into the document."""
    s = secret(d)
    pre = f'⟦dt⟧<!DOCTYPE document [<!ENTITY x SYSTEM "file://{s}">]>\n'
    return src(d, doc("<p>&x;</p>", pre=pre))


def ent_newline(d):
    """The subset after a line break, so that the parser does not stand at its '['."""
    pre = f'⟦dt⟧<!DOCTYPE document\n  ⟦subset⟧[<!ENTITY x "{ENTITY_MARK}">]>\n'
    return src(d, doc("<p>&x;</p>", pre=pre))


def ext_system(d):
    s = secret(d)
    dtd = os.path.join(d, "evil.dtd")
    with open(dtd, "w") as f:
        f.write(f'<!ENTITY x SYSTEM "file://{s}">\n<!ENTITY y "{ENTITY_MARK}">\n')
    return src(d, doc("<p>&y;</p>", pre=f'⟦dt⟧<!DOCTYPE document SYSTEM "{dtd}">\n'))


def ext_public(d):
    return src(d, doc("<p>內容</p>", pre='⟦dt⟧<!DOCTYPE document PUBLIC "-//EVIL//DTD X//EN" "http://127.0.0.1:9/x.dtd">\n'))


def ext_system_subset(d):
    return src(d, doc("<p>&x;</p>", pre=f'⟦dt⟧<!DOCTYPE document SYSTEM "http://127.0.0.1:9/x.dtd" [<!ENTITY x "{ENTITY_MARK}">]>\n'))


def ent_undeclared(d):
    """A bare DOCTYPE is harmless; a reference to an entity nobody declared is a syntax error."""
    return src(d, doc("<p>前&x;⟦ref⟧後</p>", pre="<!DOCTYPE document>\n"))


def ent_template(d):
    """A template file with an internal subset (given as --template FILE)."""
    r = src(d, doc("<p>內容</p>"))
    t, marks = write(d, "tpl.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                     f'⟦dt⟧<!DOCTYPE template [<!ENTITY x "{ENTITY_MARK}">]>\n'
                     '<template name="evil" extends="document"><names banner="&x;"/></template>\n')
    r.update(tpl=t, tpl_marks=marks)
    return r


def ent_plan(d):
    """A --plan file with an internal subset, beside a report."""
    rep = ('<strategies columns="results"><strategy><name>策略</name><units><unit>單位</unit></units>'
           '<results>成果。</results></strategy></strategies>')
    r = src(d, doc(rep, root='<document kind="report">', section='<section title="成果" role="strategies">'), name="report.xml")
    plan = ('<strategies columns="actions"><strategy><name>策略</name><units><unit>單位</unit></units>'
            '<actions>&x;</actions></strategy></strategies>')
    p, marks = write(d, "plan.xml", doc(plan, root='<document kind="plan">', section='<section title="策略" role="strategies">',
                                        pre=f'⟦dt⟧<!DOCTYPE document [<!ENTITY x "{ENTITY_MARK}">]>\n'))
    r.update(plan=p, plan_marks=marks)
    return r


def xinclude_section(d):
    s = secret(d)
    return src(d, doc(f'⟦xi⟧<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{s}" parse="text">'
                      f'<xi:fallback>{ENTITY_MARK}</xi:fallback></xi:include>'))


def xinclude_p(d):
    s = secret(d)
    return src(d, doc(f'<p>前⟦xi⟧<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{s}" parse="text"/>後</p>'))


def pis(d):
    """Processing instructions before the root and in the text: no effect at all."""
    s = secret(d)
    pre = (f'<?xml-stylesheet type="text/xsl" href="{s}"?>\n<?xml-model href="{s}"?>\n'
           f'<?evil {SECRET_MARK} run="rm -rf /"?>\n')
    return src(d, doc(f'<p>前<?php echo "{SECRET_MARK}"; ?>後</p>\n<?planpress {SECRET_MARK}?>\n'
                      f'<p>再<?xml-stylesheet href="{s}"?>見</p>', pre=pre))


# ---- size and shape: what once took quadratic time --------------------------------

def em_100k(d):
    """100,000 <em> on one line (1.2 MB)."""
    return src(d, doc("<p>" + "<em>字</em>" * 100000 + "</p>"))


def em_10k(d):
    """10,000 <em> in one paragraph: at the cap, still set."""
    return src(d, doc("<p>" + "<em>字</em>" * 10000 + "</p>"))


def br_50k(d):
    return src(d, doc("<p>" + "字<br/>" * 50000 + "</p>"))


def list_one_line(d):
    return src(d, doc("<list>" + "<item>項目</item>" * 50000 + "</list>"))


def list_lines(d):
    return src(d, doc("<list>\n" + "<item>項目</item>\n" * 50000 + "</list>"))


def big_text_50mb(d):
    """A 50 MB file on one line: one text node of 50 million characters."""
    head = ('<?xml version="1.0" encoding="UTF-8"?><document kind="document"><meta>' + META +
            '</meta><section title="一" role="other"><p>')
    tail = "</p></section></document>\n"
    path = os.path.join(d, "in.xml")
    with open(path, "wb") as f:
        f.write(head.encode())
        n = 50 * 1000 * 1000 - len(head.encode()) - len(tail)
        chunk = b"a" * (1 << 20)
        while n > 0:
            f.write(chunk[:min(n, len(chunk))])
            n -= len(chunk)
        f.write(tail.encode())
    return {"src": path, "marks": {}, "dir": d, "big": [path]}


def big_elements_one_line(d):
    """5 MB on one line: 48,000 paragraphs with no line break between them."""
    item = "<p>段落文字段落文字段落文字段落文字段落文字段落文字段落文字段落文字</p>"
    k = 5 * 1000 * 1000 // len(item.encode())
    head = ('<?xml version="1.0" encoding="UTF-8"?><document kind="document"><meta>' + META +
            '</meta><section title="一" role="other">')
    path = os.path.join(d, "in.xml")
    with open(path, "w") as f:
        f.write(head + item * k + "</section></document>\n")
    return {"src": path, "marks": {}, "dir": d, "big": [path]}


def over_cap(d):
    """70 MB: past the 64 MB input cap (a sparse file, so it costs no disk)."""
    path = os.path.join(d, "in.xml")
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0"?><document kind="document"><p>')
        f.truncate(70 << 20)
    return {"src": path, "marks": {}, "dir": d, "big": [path]}


def attributes_50k(d):
    """50,000 attributes on one element (540 kB)."""
    return src(d, doc("<p>x</p>", section='⟦el⟧<section title="一" role="other" ' +
                      " ".join(f'a{i}="v"' for i in range(50000)) + ">"))


def namespaces_100k(d):
    """100,000 namespace declarations on one element."""
    return src(d, doc("<p>x</p>", section='⟦el⟧<section title="一" role="other" ' +
                      " ".join(f'xmlns:n{i}="urn:{i}"' for i in range(100000)) + ">"))


def long_word(d):
    """A word of 100,000 letters: broken to fit, in time linear in its length."""
    return src(d, doc("<p>⟦p⟧" + "a" * 100000 + "</p>"))


def deep_em(d):
    return src(d, doc("<p>" + "<em>" * 40 + "⟦deep⟧" + "<em>" * 60 + "x" + "</em>" * 100 + "</p>"))


def deep_sections(d):
    return src(d, doc('<section title="s">' * 100 + "<p>x</p>" + "</section>" * 100))


def deep_lists(d):
    return src(d, doc("<list><item>x" * 100 + "</item></list>" * 100))


def deep_10k(d):
    """10,000 nested <em>: libxml2's own depth limit comes first."""
    return src(d, doc("<p>" + "<em>" * 10000 + "x" + "</em>" * 10000 + "</p>"))


def deep_200k(d):
    """200,000 unclosed <em>: never a stack overflow."""
    return src(d, doc("<p>" + "<em>" * 200000 + "</p>"))


def table_doc(rows):
    return doc("<table>\n<row><cell>甲</cell><cell>乙</cell></row>\n" + rows + "\n</table>")


def rowspan_30k(d):
    return src(d, table_doc('<row>⟦cell⟧<cell rowspan="30000">丙</cell><cell>丁</cell></row>'))


def rowspan_2(d):
    return src(d, table_doc('<row>⟦cell⟧<cell rowspan="2">丙</cell><cell>丁</cell></row>'))


def rowspan_huge(d):
    return src(d, table_doc('<row><cell rowspan="⟦v⟧99999999999999999999">丙</cell><cell>丁</cell></row>'))


def colspan_30k(d):
    return src(d, table_doc('<row><cell colspan="⟦v⟧30000">丙</cell></row>'))


def colspan_3(d):
    return src(d, table_doc('<row><cell>丙</cell>⟦cell⟧<cell colspan="2">丁</cell></row>'))


STRATEGY_TOTAL = """    <strategies columns="results" total="⟦total⟧{total}">
      <dimension name="基礎服務" score="⟦score⟧{score}">
        <strategy><name>訂定標準作業流程</name><units><unit>第六課</unit></units><results>修訂20件。</results></strategy>
      </dimension>
      <dimension name="開放創新" score="1">
        <strategy><name>導入自動化</name><units><unit>第四課</unit></units><results>完成。</results></strategy>
      </dimension>
    </strategies>"""


def scores_1e20(d):
    """Scores past any sane range: once they saturated so that the sum 'matched'."""
    return src(d, doc(STRATEGY_TOTAL.format(total="100000000000000000000", score="99999999999999999999"),
                      root='<document kind="report">', section='<section title="成果" role="strategies">'))


def scores_int64(d):
    return src(d, doc(STRATEGY_TOTAL.format(total="9223372036854775807", score="9223372036854775806"),
                      root='<document kind="report">', section='<section title="成果" role="strategies">'))


def score_column(cells, total="100"):
    rows = "\n".join(f"<row><cell>項{i}</cell><cell>{c}</cell></row>" for i, c in enumerate(cells))
    return doc(f'⟦table⟧<table score-column="配分" total="{total}">\n<head><row><cell>項目</cell><cell>配分</cell></row></head>\n'
               f"{rows}\n</table>")


def score_cells_1e17(d):
    """Score cells of 1e17: 1e17 + 4 - 1e17 + 100 is 100 in floating point, 104 in fact."""
    return src(d, score_column(["⟦big⟧1e17", "4", "-1e17", "100"]))


def score_cells_1e20(d):
    return src(d, score_column(["1e20", "1"], total="1e20"))


def dates(d):
    lines = ["<p>⟦a⟧99999年1月1日辦理。</p>", "<p>⟦b⟧-1年1月1日辦理。</p>", "<p>⟦c⟧０年１月１日。</p>",
             "<p>⟦d⟧－１年１月１日。</p>", "<p>⟦e⟧99999999999999999999999年1月1日。</p>",
             "<p>⟦f⟧114年99999999999999999999月1日。</p>", "<p>⟦g⟧114年1月99999999999999999999日。</p>",
             "<p>⟦h⟧114年1月123日。</p>", "<p>於110年2月5日及⟦i⟧8月123日。</p>"]
    return src(d, doc("\n".join(lines)))


def dates_ranges(d):
    """Dashes between numbers are ranges, not minus signs; real dates pass."""
    return src(d, doc("<p>期程自110-112年1月止；１１０－１１２年１月；2025-2026年3月1日。</p>\n"
                      "<p>114年1月31日、9999年12月31日、1年1月1日。</p>"))


def paras_40k(d):
    """40,000 paragraphs in one section: a structure element with 40,000 kids."""
    return src(d, doc("\n".join(f"<p>段{i}</p>" for i in range(40000))))


def items_40k(d):
    return src(d, doc("<list>\n" + "\n".join(f"<item>項{i}</item>" for i in range(40000)) + "\n</list>"))


# ---- special files -------------------------------------------------------------------

def special(d):
    """A FIFO, a folder, a socket and a symlink to a FIFO, beside a good source and a report/plan pair."""
    r = src(d, doc("<p>內容</p>"))
    os.mkfifo(os.path.join(d, "fifo"))
    os.mkdir(os.path.join(d, "folder"))
    os.symlink(os.path.join(d, "fifo"), os.path.join(d, "fifo-link.xml"))
    s = socket.socket(socket.AF_UNIX)
    s.bind(os.path.join(d, "sock"))
    s.close()
    rep = ('<strategies columns="results"><strategy><name>策略</name><units><unit>單位</unit></units>'
           '<results>成果。</results></strategy></strategies>')
    write(d, "report.xml", doc(rep, root='<document kind="report">', section='<section title="成果" role="strategies">'))
    return r


# ---- output safety -----------------------------------------------------------------

def output_env(d):
    """A source, a copy of a template, a report and its plan."""
    r = special(d)
    plan = ('<strategies columns="actions"><strategy><name>策略</name><units><unit>單位</unit></units>'
            '<actions>作法。</actions></strategy></strategies>')
    write(d, "plan.xml", doc(plan, root='<document kind="plan">', section='<section title="策略" role="strategies">'))
    write(d, "tpl.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<template name="mine" extends="document"/>\n')
    return r


def signal_doc(d, paragraphs=16000):
    """A long render: 16,000 paragraphs make about 2,300 pages (the test doubles
    them until the render lasts long enough on the machine at hand)."""
    t = "提升服務效能，確保服務一致及正確性；簡化申辦流程、縮短處理時間。" * 4
    return src(d, doc("\n".join(f"<p>{i}{t}</p>" for i in range(paragraphs))))


# ---- encodings and line ends ---------------------------------------------------------

ENC_BODY = "<p>本局於⟦text⟧110年2月30日辦理。</p>"   # a date error: a position planpress computes itself


def utf16le_bom(d):
    return src(d, doc("<p>服務躍升</p>", decl='<?xml version="1.0" encoding="UTF-16"?>'), encoding="utf-16-le", bom=b"\xff\xfe")


def utf16be_bom(d):
    return src(d, doc("<p>服務躍升</p>", decl='<?xml version="1.0" encoding="UTF-16"?>'), encoding="utf-16-be", bom=b"\xfe\xff")


def utf16le_nobom(d):
    return src(d, doc("<p>服務躍升</p>", decl='<?xml version="1.0" encoding="UTF-16LE"?>'), encoding="utf-16-le")


def utf16_date(d):
    """Positions in a UTF-16 file are characters, as in any other."""
    return src(d, doc(ENC_BODY, decl='<?xml version="1.0" encoding="UTF-16"?>'), encoding="utf-16-le", bom=b"\xff\xfe")


def utf32_bom(d):
    return src(d, doc("<p>服務躍升</p>", decl='<?xml version="1.0" encoding="UTF-32"?>'), encoding="utf-32-le", bom=b"\xff\xfe\x00\x00")


def utf8_bom(d):
    return src(d, doc("<p>服務躍升</p>"), bom=b"\xef\xbb\xbf")


def big5_decl(d):
    return src(d, doc("<p>服務躍升</p>", decl='<?xml version="1.0" encoding="Big5"?>'), encoding="big5")


def cp950_decl(d):
    return src(d, doc("<p>服務躍升</p>", decl='<?xml version="1.0" encoding="CP950"?>'), encoding="cp950")


def big5_date(d):
    return src(d, doc(ENC_BODY, decl='<?xml version="1.0" encoding="Big5"?>'), encoding="big5")


def latin1_decl(d):
    return src(d, doc("<p>Crème brûlée à la française</p>", meta="<agency>Café</agency><year>114</year><title>Résumé</title>",
                      section='<section title="Été" role="other">', decl='<?xml version="1.0" encoding="ISO-8859-1"?>'),
               encoding="latin-1")


def big5_undeclared(d):
    return src(d, doc("<p>內容</p>", meta="<agency>⟦bad⟧測試局</agency><year>114</year><title>測試</title>"), encoding="big5")


def latin1_undeclared(d):
    return src(d, doc("<p>x</p>", meta="<agency>Caf⟦bad⟧é</agency><year>114</year><title>T</title>",
                      section='<section title="E" role="other">'), encoding="latin-1")


def big5_bad_bytes(d):
    path, marks = write(d, "in.xml", doc("<p>內容\n⟦bad⟧XX</p>", decl='<?xml version="1.0" encoding="Big5"?>'), encoding="big5")
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data.replace(b"XX", b"\xff\xff"))
    return {"src": path, "marks": marks, "dir": d}


def unknown_encoding(d):
    return src(d, doc("<p>x</p>", decl='<?xml version="1.0" encoding="X-NO-SUCH-CHARSET"?>'))


def utf8_declared_utf16(d):
    return src(d, doc("<p>x</p>", decl='<?xml version="1.0" encoding="UTF-16"?>'))


def line_ends(d, sep):
    text = doc("<p>第一段。</p>\n" + ENC_BODY + "\n<p>x</p>")
    return src(d, text.replace("\n", sep))


def cr_only(d):
    return line_ends(d, "\r")


def crlf(d):
    return line_ends(d, "\r\n")


def cr_schema(d):
    return src(d, doc("<p>第一段。</p>\n<p>x⟦bad⟧<bad/>y</p>").replace("\n", "\r"))


def cr_syntax(d):
    """A well-formedness error in a CR-only file: libxml2's own message, on the right line."""
    return src(d, doc("<p>第一段。</p>\n<p>x⟦bad⟧&y;z</p>").replace("\n", "\r"))


def nul_byte(d):
    return src(d, doc("<p>a⟦nul⟧\0b</p>"))


# ---- schema messages ---------------------------------------------------------------

SCHEMA = {
    "wrong-attribute": doc("<p>內容</p>", section='⟦at⟧<section title="一" role="other" colour="red">'),
    "wrong-value": doc("<p>內容</p>", section='⟦at⟧<section title="一" role="other" numbered="maybe">'),
    "missing-attribute": doc("<p>內容</p>", section='⟦at⟧<section role="other">'),
    "unknown-element": doc("⟦at⟧<para>x</para>"),
    "missing-element": doc("<p>內容</p>", meta="⟦at⟧<agency>測試局</agency><year>114</year>"),
    "wrong-year": doc("<p>內容</p>", meta="<agency>測試局</agency>⟦at⟧<year>abc</year><title>測試</title>"),
    "wrong-date": doc("<p>內容</p>", meta=META + '⟦at⟧<issued date="2025-1-1">函</issued>'),
    "root-attribute": doc("<p>內容</p>", root='⟦at⟧<document kind="document" foo="1">'),
    "text-in-list": doc("⟦at⟧<list>多餘文字<item>x</item></list>"),
    "empty-list": doc("⟦at⟧<list></list>"),
    "cell-align": doc('<table><row>⟦at⟧<cell align="middle">x</cell></row></table>'),
    "foreign-attribute": doc('⟦at⟧<p xmlns:x="urn:x" x:y="1">x</p>'),
    "wrong-root": '<?xml version="1.0" encoding="UTF-8"?>\n⟦at⟧<plan kind="plan"/>\n',
    "meta-last": ('<?xml version="1.0" encoding="UTF-8"?>\n<document kind="document">\n'
                  '⟦at⟧<section title="一" role="other"><p>x</p></section>\n⟦or⟧<meta>' + META + '</meta>\n</document>\n'),
    "many": doc('⟦at⟧<para>x</para>\n<p colour="red">y</p>\n<list><bad/></list>'),
    "strategy-in-p": doc("<p>⟦at⟧<strategy/></p>"),
}


def schema_case(key):
    def make(d):
        return src(d, SCHEMA[key])
    make.__name__ = "schema_" + key.replace("-", "_")
    return make


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    out = argv[1]
    makers = {k: v for k, v in globals().items() if callable(v) and getattr(v, "__module__", None) == __name__
              and k not in ("secret", "src", "main") and v.__code__.co_argcount == 1
              and v.__code__.co_varnames[:1] == ("d",)}
    for key in SCHEMA:
        makers["schema_" + key.replace("-", "_")] = schema_case(key)
    for name in argv[2:] or sorted(makers):
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        info = makers[name](d)
        print(name, info.get("src"))


if __name__ == "__main__":
    main(sys.argv)
