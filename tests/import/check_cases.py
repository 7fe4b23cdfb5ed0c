#!/usr/bin/env python3
"""Import, one feature at a time, on small documents written here (WordprocessingML
and ODF by hand, no LibreOffice): what each must become in the source, which
warning it must print; and the files import must refuse with exit 1 and a
message, leaving no output behind (not a zip, a damaged or truncated one, a
zip with no document, a spreadsheet, .doc, password-protected packages, zip
bombs, a part that lies about its size, entities). Usage: check_cases.py PLANPRESS"""
import io, os, re, struct, subprocess, sys, tempfile, zipfile
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from verdict import check, failures, tally  # noqa: E402

PP = sys.argv[1]
TMP = tempfile.mkdtemp()


def run(*args, stdin=None):
    return subprocess.run([PP, *args], capture_output=True, text=True, input=stdin)


# ---- WordprocessingML by hand ---------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def wr(text, b=False, u=False, hidden=False):
    props = ("<w:b/>" if b else "") + ('<w:u w:val="single"/>' if u else "") + ("<w:vanish/>" if hidden else "")
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def wp(*runs, style=None, num=None, center=False):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if center:
        ppr += '<w:jc w:val="center"/>'
    body = "".join(r if r.startswith("<") else wr(r) for r in runs)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{body}</w:p>"


def wtc(*paras, span=1, vmerge=None):
    pr = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + \
         (f'<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge == "continue" else "")
    inner = "".join(p if p.startswith("<") else wp(p) for p in paras) or "<w:p/>"
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{inner}</w:tc>"


def wtable(rows, cols, header=1):
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in cols)
    out = []
    for i, r in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if i < header else ""
        out.append(f"<w:tr>{trpr}{''.join(r)}</w:tr>")
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(out)}</w:tbl>"


def docx(name, body, numbering=None, styles=None, document=None, parts=None):
    path = os.path.join(TMP, name)
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          "</Types>")
    doc = document or f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
        if numbering:
            z.writestr("word/numbering.xml", f'<?xml version="1.0"?><w:numbering xmlns:w="{W}">{numbering}</w:numbering>')
        if styles:
            z.writestr("word/styles.xml", f'<?xml version="1.0"?><w:styles xmlns:w="{W}">{styles}</w:styles>')
        for n, d in (parts or {}).items():
            z.writestr(n, d)
    return path


# ---- ODF by hand ------------------------------------------------------------------------------

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xml="http://www.w3.org/XML/1998/namespace"')


def odt(name, body, auto_styles="", styles="", manifest_extra="", mimetype="application/vnd.oasis.opendocument.text",
        pages="", meta=None):
    """pages: styles.xml's office:automatic-styles and office:master-styles, as
    XML; meta: meta.xml's office:meta children (no meta.xml when None)."""
    path = os.path.join(TMP, name)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS} office:version="1.3">'
               f"<office:automatic-styles>{auto_styles}</office:automatic-styles>"
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    sty = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF_NS} office:version="1.3">'
           f"<office:styles>{styles}</office:styles>{pages}</office:document-styles>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{manifest_extra}</manifest:file-entry>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", sty, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        if meta is not None:
            z.writestr("meta.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-meta '
                       'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                       'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">'
                       f"<office:meta>{meta}</office:meta></office:document-meta>", zipfile.ZIP_DEFLATED)
    return path


def op(text, style="Standard"):
    return f'<text:p text:style-name="{style}">{text}</text:p>'


# ---- a plan's bones, typed --------------------------------------------------------------------

HEAD = [wp("測試局 114年度提升服務效能執行計畫", center=True), wp("（114年1月6日測秘字第1號函訂定）", center=True)]
TAIL = [wp("貳、計畫目標"), wp("提升為民服務效能。"), wp("參、實施對象"), wp("本局各單位。"),
        wp("肆、執行策略及具體推動作法")]
REST = [wp("伍、實施步驟"), wp("於每年1月底前訂定執行計畫。"), wp("陸、考核作業"), wp("每年底前自行考核。"),
        wp("柒、獎勵方式"), wp("依考核結果辦理獎懲。")]


def strategy_table(units_header="主辦單位", extra=None):
    hdr = [wtc("執行策略"), wtc(units_header)] + ([wtc(extra)] if extra else []) + [wtc("具體推動作法")]
    row = [wtc("一、完備基礎服務", "(一)建立標準作業流程。", "(二)提供查詢管道。"), wtc("各單位", "各分局")] + \
          ([wtc("114年12月")] if extra else []) + [wtc("(一) 訂定品質手冊。", "(二) 提供進度查詢服務。")]
    row2 = [wtc("二、重視意見回饋"), wtc("秘書室")] + ([wtc("114年6月")] if extra else []) + [wtc("設置意見信箱。")]
    cols = [3000, 1000] + ([1000] if extra else []) + [4000]
    return wtable([hdr, row, row2], cols)


def plan(name, basis, table=None, **kw):
    body = "".join(HEAD + [wp("壹、計畫依據")] + basis + TAIL + [table or strategy_table()] + REST)
    return docx(name, body, **kw)


def imported(path, *extra, want_rc=0):
    out = os.path.join(TMP, os.path.basename(path) + ".xml")
    if os.path.exists(out):
        os.unlink(out)
    r = run("import", path, "-o", out, *extra)
    check(r.returncode == want_rc, f"{os.path.basename(path)}: import exit {r.returncode}, want {want_rc}: {r.stderr.strip()[:600]}")
    root = ET.parse(out).getroot() if r.returncode == 0 and os.path.exists(out) else None
    return root, r.stderr, out


def text(el):
    return re.sub(r"\s+", "", "".join(el.itertext())) if el is not None else ""


def cases():
    # the head and a plan's outline, typed; a strategy table with sub-items paired by label
    root, err, out = imported(plan("typed.docx", [wp("一、行政院函頒「政府服務躍升方案」。"), wp("二、經濟部函頒實施計畫。")]))
    if check(root is not None, "typed.docx: imported"):
        m = root.find("meta")
        check(root.get("kind") == "plan", "typed: kind plan")
        check(m.findtext("agency") == "測試局" and m.findtext("year") == "114" and m.findtext("title") == "提升服務效能執行計畫",
              f"typed: meta {ET.tostring(m, encoding='unicode')}")
        iss = m.find("issued")
        check(iss is not None and iss.get("date") == "2025-01-06" and iss.text == "測秘字第1號函訂定", "typed: issued converted")
        roles = [s.get("role") for s in root.findall("section")]
        check(roles == ["basis", "goals", "scope", "strategies", "steps", "evaluation", "rewards"], f"typed: roles {roles}")
        check("label=" not in open(out, encoding="utf-8").read(), "typed: no label kept (all as planpress numbers them)")
        st = root.find(".//strategies")
        check(st is not None and st.get("columns") == "actions", "typed: a strategies table (actions)")
        s1 = root.find(".//strategy")
        subs = s1.findall("sub") if s1 is not None else []
        check(len(subs) == 2 and text(subs[0].find("desc")) == "建立標準作業流程。" and text(subs[1].find("actions")) == "提供進度查詢服務。",
              "typed: sub-items paired with their actions")
        check([u.text for u in s1.iter("unit")] == ["各單位", "各分局"], "typed: units one a line")
        c = run("check", out)
        check(c.returncode == 0, f"typed: check passes: {c.stderr.strip()}")

    # emphasis only where part of a paragraph is bold or underlined; a note; hidden, deleted, field codes out
    changes = wp('<w:r><w:t>保留</w:t></w:r><w:del w:id="1"><w:r><w:delText>刪除</w:delText></w:r></w:del>'
               '<w:ins w:id="2"><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
               '<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
               '<w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    root, err, out = imported(plan("inline.docx", [wp(wr("一、本計畫"), wr("重點", u=True), wr("如下。"), wr("隱藏", hidden=True)),
                                                   wp(wr("二、全段粗體不是強調。", b=True)), wp("註：本表為例。"), changes]))
    if check(root is not None, "inline.docx: imported"):
        src = open(out, encoding="utf-8").read()
        check("<em>重點</em>" in src, "inline: underlined words are <em>")
        check("<em>二、" not in src and "全段粗體不是強調" in src and src.count("<em>") == 1, "inline: a whole bold paragraph is no emphasis")
        check("隱藏" not in src and "刪除" not in src and "PAGE" not in src, "inline: hidden text, deletions and field codes left out")
        check("保留插入7" in src, "inline: insertions and field results kept")
        check(re.search(r"<note>註：本表為例。</note>", src) is not None, "inline: 註： is a note")

    # Word automatic numbering: headings by style, levels, a restarted list (startOverride), a bullet
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographLegalTraditional"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCountingThousand"/><w:lvlText w:val="%2、"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCountingThousand"/><w:lvlText w:val="（%3）"/></w:lvl>'
        "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>')
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    sect = lambda t: wp(t, style="Heading1")
    body = "".join(HEAD + [sect("計畫依據"), wp("行政院函頒方案。", num=(1, 1)), wp("經濟部函頒計畫：", num=(1, 1)),
                           wp("第一項。", num=(1, 2)), wp("第二項。", num=(1, 2)), wp("另一清單第一項。", num=(2, 2)),
                           wp("要點甲", num=(3, 0)), wp("要點乙", num=(3, 0)), wp("天干編號。", num=(4, 0)),
                           sect("計畫目標"), wp("提升為民服務效能。"), sect("實施對象"), wp("本局各單位。"),
                           sect("執行策略及具體推動作法"), strategy_table(), sect("實施步驟"), wp("於每年1月底前訂定。"),
                           sect("考核作業"), wp("每年底前自行考核。"), sect("獎勵方式"), wp("依考核結果辦理獎懲。")])
    root, err, out = imported(docx("auto.docx", body, numbering=numbering, styles=styles))
    if check(root is not None, "auto.docx: imported"):
        secs = [s.get("title") for s in root.findall("section")]
        check(secs[:3] == ["計畫依據", "計畫目標", "實施對象"] and len(secs) == 7, f"auto: sections from the numbered heading style: {secs}")
        basis = root.find("section")
        items = basis.findall("list/item")
        check(len(items) == 2 and text(items[1]).startswith("經濟部函頒計畫："), "auto: level-2 numbers are items")
        inner = items[1].findall("list")
        check(len(inner) == 2 and len(inner[0].findall("item")) == 2 and len(inner[1].findall("item")) == 1,
              f"auto: the restarted level is a new list: {[len(l.findall('item')) for l in inner]}")
        bl = [l for l in basis.iter("list") if l.get("style") == "none"]
        check(len(bl) == 1 and len(bl[0].findall("item")) == 2, "auto: bullets are a list with style none")
        check("label=" not in open(out, encoding="utf-8").read(), "auto: the numbers are planpress's own")
        check("甲、天干編號。" in text(root), "auto: a number planpress cannot print (甲、) is kept as text")

    # a list defined by a list style (w:numStyleLink), a footnote, a table of contents
    numbering = (
        '<w:abstractNum w:abstractNumId="5"><w:numStyleLink w:val="Outline"/></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="6"><w:styleLink w:val="Outline"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographLegalTraditional"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCountingThousand"/><w:lvlText w:val="%2、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="7"><w:abstractNumId w:val="6"/></w:num><w:num w:numId="8"><w:abstractNumId w:val="5"/></w:num>')
    styles = ('<w:style w:type="numbering" w:styleId="Outline"><w:name w:val="Outline"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>')
    notes = (f'<?xml version="1.0"?><w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>註腳文字。</w:t></w:r></w:p>'
             "</w:footnote></w:footnotes>")
    toc = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
           f"<w:sdtContent>{wp('目錄行一')}</w:sdtContent></w:sdt>")
    body = "".join(HEAD + [toc, wp("目錄行二", style="TOC1"), wp("計畫依據", num=(8, 0)),
                           wp("行政院函頒方案", '<w:r><w:footnoteReference w:id="1"/></w:r>', "。", num=(8, 1)),
                           wp("計畫目標", num=(8, 0)), wp("提升效能。")])
    root, err, out = imported(docx("linked.docx", body, numbering=numbering, styles=styles, parts={"word/footnotes.xml": notes}))
    if check(root is not None, "linked.docx: imported"):
        secs = [s.get("title") for s in root.findall("section")]
        check(secs == ["目錄", "計畫依據", "計畫目標"], f"linked: numbering through a list style: {secs}")
        src = open(out, encoding="utf-8").read()
        check("註腳文字。" in src and "footnote" in err, "linked: a Word footnote's text after its paragraph, warned")
        # the contents block and the entry line after it (toc 1) are one <toc/>, in a 目錄 section of its own
        check("目錄行" not in src and src.count("<toc") == 1 and "left out" not in err,
              f"linked: the table of contents is one <toc/>, its lines left out: {err}")
        first = root.find("section")
        check(first is not None and first.get("title") == "目錄" and first.get("numbered") == "no" and first.find("toc") is not None,
              "linked: the <toc/> in an unnumbered 目錄 section before the first")

    # label slips: (三) among （一）（二） is kept, with a warning; a list typed 1、 2、 is a decimal-comma list
    root, err, out = imported(plan("slips.docx", [wp("一、依據下列："), wp("（一）第一。"), wp("（二）第二。"), wp("(三)第三。"),
                                                  wp("二、另依："), wp("1、甲。"), wp("2、乙。")]))
    if check(root is not None, "slips.docx: imported"):
        src = open(out, encoding="utf-8").read()
        check('label="(三)"' in src and src.count("label=") == 1, "slips: the odd label kept, only it")
        check("import-label-kept" not in err and "the label '(三)' is kept as typed" in err, f"slips: warning for (三): {err}")
        check("are printed as" not in err and 'style="decimal-comma"' in src,
              f"slips: the 1、 list comes in as decimal-comma, without a warning: {err}")

    # a strategy table whose columns fit no column set: <strategies> with the columns declared,
    # the extra column an <extra> of each row, every word kept, a warning; it checks clean
    root, err, out = imported(plan("columns.docx", [wp("一、依據。")], table=strategy_table(extra="預定完成期限")))
    if check(root is not None, "columns.docx: imported"):
        st = root.find(".//strategies")
        cols = [(c.get("content"), c.get("header")) for c in st.findall("columns/column")] if st is not None else []
        check(st is not None and root.find(".//table") is None and st.get("columns") is None, "columns: a strategy table, no preset")
        check(cols == [("strategy", "執行策略"), ("units", "主辦單位"), ("extra", "預定完成期限"), ("outcome", "具體推動作法")],
              f"columns: declared columns {cols}")
        extras = [text(e) for e in root.iter("extra")]
        check(extras == ["114年12月", "114年6月"], f"columns: the extra column's cells kept in their rows: {extras}")
        check("looks like a strategy table, but its columns" in err and "declared" in err, f"columns: warning: {err}")
        check(run("check", out).returncode == 0, "columns: the source checks")
    # two outcome-named columns and a 序號 column: the second outcome and 序號 are extra columns;
    # the same shape typed on in a second table after a page: one table, one declaration
    def two_outcomes(first):
        hdr = [wtc("序號"), wtc("執行策略"), wtc("具體作法"), wtc("執行情形"), wtc("承辦單位")]
        rows = [[wtc(str(first)), wtc(f"{'一二三'[first - 1]}、策略{first}"), wtc(f"作法{first}。"), wtc(f"情形{first}。"), wtc("秘書室")]]
        return wtable([hdr] + rows, [600, 2000, 3000, 2000, 1000])
    body = "".join(HEAD + [wp("壹、計畫依據"), wp("一、依據。")] + TAIL + [two_outcomes(1), wp(""), two_outcomes(2)] + REST)
    root, err, out = imported(docx("outcomes.docx", body))
    if check(root is not None, "outcomes.docx: imported"):
        sts = root.findall(".//strategies")
        check(len(sts) == 1 and len(sts[0].findall("columns")) == 1, f"outcomes: one strategy table, one declaration: {len(sts)}")
        cols = [(c.get("content"), c.get("header")) for c in sts[0].findall("columns/column")] if sts else []
        check(cols == [("extra", "序號"), ("strategy", "執行策略"), ("outcome", "具體作法"), ("extra", "執行情形"), ("units", "承辦單位")],
              f"outcomes: declared columns {cols}")
        check(len(root.findall(".//strategy")) == 2 and [text(e) for e in root.iter("extra")] == ["1", "情形1。", "2", "情形2。"],
              f"outcomes: both tables' rows, every extra cell: {[text(e) for e in root.iter('extra')]}")
        check(run("check", out).returncode == 0, "outcomes: the source checks")
    # a sub-item column (執行項目): a sub-item a row, its strategy's name merged down beside them;
    # one typed with no strategy beside it is kept under a strategy to name
    t = wtable([[wtc("執行策略"), wtc("執行項目"), wtc("具體作法"), wtc("主辦單位")],
                [wtc(""), wtc("無主的項目"), wtc("作法零。"), wtc("秘書室")],
                [wtc("一、簡化流程", vmerge="restart"), wtc("書表簡化"), wtc("作法一。"), wtc("資訊室")],
                [wtc("", vmerge="continue"), wtc("線上申辦"), wtc("作法二。"), wtc("地籍科")]], [2000, 2000, 3000, 1000])
    root, err, out = imported(plan("subcol.docx", [wp("一、依據。")], table=t))
    if check(root is not None, "subcol.docx: imported"):
        st = root.findall(".//strategy")
        cols = [c.get("content") for c in root.findall(".//strategies/columns/column")]
        check(cols == ["strategy", "sub", "outcome", "units"], f"subcol: declared columns {cols}")
        check(len(st) == 2 and "【請填寫：策略名稱】" in text(st[0].find("name")) and "無主的項目" in text(st[0]),
              "subcol: the sub-item with no strategy kept under a placeholder strategy")
        subs = [(text(x.find("desc")), text(x.find("actions")), text(x.find("units"))) for x in st[1].findall("sub")] if len(st) == 2 else []
        check(subs == [("書表簡化", "作法一。", "資訊室"), ("線上申辦", "作法二。", "地籍科")], f"subcol: a sub-item a row: {subs}")
    # a header row that heads only some of the grid's columns: a generic table (declaring would lose cells)
    t = wtable([[wtc("執行策略"), wtc("具體推動作法")], [wtc("一、策略"), wtc("作法。"), wtc("第三欄")]], [3000, 3000, 2000])
    root, err, out = imported(plan("partial.docx", [wp("一、依據。")], table=t))
    if check(root is not None, "partial.docx: imported"):
        check(root.find(".//strategies") is None and "第三欄" in open(out, encoding="utf-8").read(), "partial: a generic table, every cell")
        check("does not head each of its columns" in err, f"partial: warning: {err}")
    # other header words for the same columns: a strategy table, the template's words printed, a warning
    root, err, out = imported(plan("header.docx", [wp("一、依據。")], table=strategy_table(units_header="承辦單位")))
    if check(root is not None, "header.docx: imported"):
        check(root.find(".//strategies") is not None, "header: still a strategy table")
        check("「承辦單位」 will be printed as the template's 「主辦單位」" in err, f"header: warning: {err}")

    # an outcome with no strategy beside it: kept under a strategy whose name is a placeholder
    t = wtable([[wtc("執行策略"), wtc("主辦單位"), wtc("具體推動作法")], [wtc(""), wtc("秘書室"), wtc("無主的作法。")],
                [wtc("一、完備基礎服務"), wtc("各單位"), wtc("訂定品質手冊。")]], [3000, 1000, 4000])
    root, err, out = imported(plan("orphan.docx", [wp("一、依據。")], table=t))
    if check(root is not None, "orphan.docx: imported"):
        st = root.findall(".//strategy")
        check(len(st) == 2 and "【請填寫：策略名稱】" in text(st[0].find("name")) and "無主的作法。" in text(st[0]),
              "orphan: the outcome kept under a placeholder strategy")
        check("cannot place this in the strategy table" in err, f"orphan: warning: {err}")
        check("still holds the placeholder" in err, "orphan: check flags the placeholder")

    # a generic table: caption, header row, merged cells; a table inside a cell; a text box; a picture
    gt = wtable([[wtc("項目"), wtc("說明", span=2)],
                 [wtc("甲", vmerge="restart"), wtc("一"), wtc("二")],
                 [wtc("", vmerge="continue"), wtc("三"), wtc(wtable([[wtc("內表")]], [1000], header=0))]],
                [1000, 2000, 2000])
    tb = ('<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
          f'<w:txbxContent><w:p><w:r><w:t>框內文字。</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></w:r>')
    pic = '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r>'
    body = "".join(HEAD + [wp("壹、計畫依據"), wp("表1 說明表"), gt, wp("一、行政院函頒。", tb), wp("圖如下。", pic)] + TAIL +
                   [strategy_table()] + REST)
    root, err, out = imported(docx("generic.docx", body))
    if check(root is not None, "generic.docx: imported"):
        t = root.find(".//table")
        check(t is not None and text(t.find("caption")) == "表1說明表", "generic: caption")
        check(t is not None and t.find("head/row") is not None and t.find("head/row/cell").get("colspan") is None and
              t.find("head/row")[1].get("colspan") == "2", "generic: header row with its span")
        rows = t.findall("row") if t is not None else []
        check(len(rows) == 2 and rows[0][0].get("rowspan") == "2" and len(rows[1]) == 2, "generic: vertical merge")
        check("內表" in text(t), "generic: a nested table's text kept")
        check("a table inside a table cell" in err, "generic: nested table warning")
        check("框內文字。" in text(root) and "text box" in err, "generic: text box text after its paragraph, warned")
        check("pictures are not imported" in err, "generic: picture warning")

    # text before the first heading, and a document with no headings at all
    root, err, out = imported(docx("preamble.docx", "".join(
        HEAD + [wp("為落實政府服務躍升方案，提升本局服務品質，特訂定本計畫，以下各項依序辦理之。"), wp("壹、計畫依據"), wp("一、依據。")] +
        TAIL + [strategy_table()] + REST)))
    if check(root is not None, "preamble.docx: imported"):
        first = root.find("section")
        check(first.get("title") == "計畫依據" and "為落實政府服務躍升方案" in text(first), "preamble: in the first section")
        check("text before the first section heading" in err, "preamble: warning")
    root, err, out = imported(docx("flat.docx", "".join([wp("測試局 114年度提升服務效能執行計畫", center=True), wp("只有一段文字，" + "說明本局推動服務品質提升之各項作法與期程，" * 3)])))
    if check(root is not None, "flat.docx: imported (with warnings)"):
        check(not root.findall("section") and "只有一段文字" in text(root.find("p")), "flat: the text stands in the document")
        check("no section headings" in err and "a plan has sections" in err, "flat: a plan is told to divide it")
    # a form: 附表二 above its title, a score sheet whose examiner's column is blank in every row
    sheet = wtable([[wtc("考核項目"), wtc("評分"), wtc("配分")], [wtc("服務態度"), wtc(""), wtc("60")],
                    [wtc("服務效率"), wtc(""), wtc("40")]], [2000, 1000, 1000])
    root, err, out = imported(docx("form.docx", "".join([wp("附表二"), wp("測試局為民服務考核評分表", center=True), sheet])))
    if check(root is not None, "form.docx: imported"):
        check(root.get("kind") == "form", f"form: kind {root.get('kind')}, want form (from 附表二)")
        check(text(root.find("meta/annex")) == "附表二", "form: the annex label read into <annex>")
        check("附表二" not in text(root.find("meta/title")), "form: the annex label kept out of the title")
        check(not root.findall("section") and root.find("table") is not None, "form: the table stands in the document")
        check("no section headings" not in err, "form: no warning about sections (a form has none)")
        cols = root.findall("table/columns/column")
        check([c.get("blank") for c in cols] == [None, "yes", None], "form: the column left empty in every row is blank")
    # a header cell broken over two lines (預定<br/>場次) keeps its break; a body cell's
    # hand-wrapped lines are joined as before
    brk = wtable([[wtc("項目"), wtc(wp(wr("預定"), "<w:r><w:br/></w:r>", wr("場次")))],
                  [wtc("說明會"), wtc(wp(wr("每季"), "<w:r><w:br/></w:r>", wr("一次")))]], [2000, 2000])
    root, err, out = imported(docx("header-break.docx", "".join([wp("附表一"), wp("測試局辦理場次表", center=True), brk])))
    if check(root is not None, "header-break.docx: imported"):
        src = open(out, encoding="utf-8").read()
        check("預定<br/>場次" in src, f"header break: the header cell keeps its line break: {src[src.find('<head>'):][:300]}")
        check("每季一次" in src, "header break: a body cell's lines are joined")
    # --template: the agency's template reads the document and is named in the source;
    # one that does not exist is refused (exit 3) and nothing is written
    form = docx("form-t.docx", "".join([wp("附表二"), wp("測試局為民服務考核評分表", center=True), sheet]))
    root, err, out = imported(form, "--template", "landscape")
    if check(root is not None, "--template landscape: imported"):
        check(root.get("template") == "landscape", f"--template: the source names it: {root.get('template')}")
    root, err, out = imported(form, "--template", "no-such-template", want_rc=3)
    check(root is None and not os.path.exists(out) and "no-such-template" in err, f"--template missing: {err}")

    # ODF: list styles with start values and headers, spaces, a footnote, a frame, deleted text, continued lists
    styles = ('<text:list-style style:name="L1">'
              '<text:list-level-style-number text:level="1" style:num-format="壹, 貳, 參, ..." style:num-suffix="、"/>'
              '<text:list-level-style-number text:level="2" style:num-format="一, 二, 三, ..." style:num-suffix="、"/>'
              '<text:list-level-style-number text:level="3" style:num-format="1" style:num-prefix="(" style:num-suffix=")"/>'
              "</text:list-style>")
    auto = ('<style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>'
            '<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>')
    body = (op("測試局 114年度提升服務效能執行計畫", "C") +
            '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>已刪除的字</text:p></text:deletion></text:changed-region></text:tracked-changes>'
            '<text:list xml:id="list1" text:style-name="L1"><text:list-item><text:p>計畫依據</text:p>'
            '<text:list><text:list-item><text:p>行政院<text:span text:style-name="B">函頒</text:span>方案<text:s text:c="2"/>call<text:s/>center'
            '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>註腳文字。</text:p></text:note-body></text:note>'
            '。</text:p></text:list-item>'
            '<text:list-item text:start-value="5"><text:p>第五項。<draw:frame><draw:text-box><text:p>框內文字。</text:p></draw:text-box></draw:frame></text:p>'
            '<text:list><text:list-item><text:p>細項一。</text:p></text:list-item><text:list-header><text:p>不編號的說明。</text:p></text:list-header></text:list>'
            "</text:list-item></text:list></text:list-item></text:list>" +
            op("中間一段。") +
            '<text:list text:continue-list="list1" text:style-name="L1"><text:list-item><text:p>計畫目標</text:p></text:list-item></text:list>')
    root, err, out = imported(odt("features.odt", body, auto_styles=auto, styles=styles))
    if check(root is not None, "features.odt: imported"):
        src = open(out, encoding="utf-8").read()
        secs = [s.get("title") for s in root.findall("section")]
        check(secs == ["計畫依據", "計畫目標"], f"odt: sections from the list, the continued list numbered on: {secs}")
        lst = root.find("section/list")
        check(lst is not None and lst.get("start") is None and len(lst.findall("item")) == 2, "odt: two items")
        items = lst.findall("item") if lst is not None else []
        check(len(items) == 2 and 'label="五、"' in src, "odt: start-value 5 kept as its label")
        check("<em>函頒</em>" in src and "call center" in src, "odt: bold span is <em>, text:s spaces between Latin words")
        check("註腳文字。" in src and "footnote" in err, "odt: footnote text after its paragraph, warned")
        check("框內文字。" in src and "text box" in err, "odt: frame text after its paragraph, warned")
        check("已刪除的字" not in src, "odt: tracked deletions left out")
        check("不編號的說明。" in src, "odt: a list header's text kept")
        check("中間一段。" in src, "odt: the paragraph between two lists kept")
    # ODF as an agency types it in Writer: a strategy's units typed once in a cell merged down
    # beside its two sub-item rows; a section on landscape pages (With page style: Landscape)
    # and back; the document's language in meta.xml
    pages = ('<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties '
             'fo:page-width="21.001cm" fo:page-height="29.7cm" style:print-orientation="portrait"/></style:page-layout>'
             '<style:page-layout style:name="pm2"><style:page-layout-properties fo:page-width="29.7cm" '
             'fo:page-height="21.001cm" style:print-orientation="landscape"/></style:page-layout></office:automatic-styles>'
             '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/>'
             '<style:master-page style:name="Landscape" style:page-layout-name="pm2"/></office:master-styles>')
    auto = ('<style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>'
            '<style:style style:name="PL" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Landscape"/>'
            '<style:style style:name="PS" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Standard"/>')
    cell = lambda *ps, rows=1: (f'<table:table-cell{f" table:number-rows-spanned={chr(34)}{rows}{chr(34)}" if rows > 1 else ""}>'
                                + "".join(op(p) for p in ps) + "</table:table-cell>")
    cov = "<table:covered-table-cell/>"
    stable = ('<table:table table:name="T1"><table:table-column table:number-columns-repeated="3"/>'
              f"<table:table-header-rows><table:table-row>{cell('執行策略')}{cell('主辦單位')}{cell('具體推動作法')}</table:table-row></table:table-header-rows>"
              f"<table:table-row>{cell('一、完備基礎服務', '(一)建立標準作業流程。')}{cell('第一課', '第二課', rows=2)}{cell('(一)訂定品質手冊。')}</table:table-row>"
              f"<table:table-row>{cell('(二)提供查詢管道。')}{cov}{cell('(二)提供進度查詢服務。')}</table:table-row>"
              f"<table:table-row>{cell('二、重視意見回饋')}{cell('秘書室')}{cell('設置意見信箱。')}</table:table-row></table:table>")
    body = (op("測試局 114年度提升服務效能執行計畫", "C") + op("（114年1月6日測秘字第1號函訂定）", "C") +
            op("壹、計畫依據") + op("一、行政院函頒方案。") + op("貳、計畫目標") + op("提升為民服務效能。") +
            op("參、實施對象") + op("本局各單位。") + op("肆、執行策略及具體推動作法") + stable +
            op("伍、實施步驟") + op("於每年1月底前訂定執行計畫。") +
            op("陸、考核作業", "PL") + op("每年底前自行考核。") + op("柒、獎勵方式", "PS") + op("依考核結果辦理獎懲。"))
    for lang, want_lang in (("zh-Hant-TW", "zh-Hant-TW"), ("en-US", None)):
        root, err, out = imported(odt(f"pages-{lang}.odt", body, auto_styles=auto, pages=pages,
                                      meta=f"<dc:language>{lang}</dc:language>"))
        if not check(root is not None, f"pages-{lang}.odt: imported"):
            continue
        got_lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
        check(got_lang == want_lang, f"odt: dc:language {lang} gives xml:lang {got_lang}, want {want_lang}")
        s1 = root.find(".//strategy")
        check(s1 is not None and [u.text for u in s1.findall("units/unit")] == ["第一課", "第二課"] and
              all(sub.find("units") is None for sub in s1.findall("sub")) and len(s1.findall("sub")) == 2,
              "odt: units merged beside a strategy's sub-item rows are the strategy's")
        turned = [s.get("title") for s in root.findall("section") if s.get("orientation") == "landscape"]
        check(turned == ["考核作業"], f"odt: sections on landscape pages {turned}, want 考核作業 only")
        c = run("check", out)
        check(c.returncode == 0 and ": warning: " not in c.stderr, f"pages-{lang}: check passes clean: {c.stderr.strip()}")
    # a score sheet as planpress writes one: automatic widths (use-optimal-column-width), a
    # centred score column, □ options in a cell, a last row holding the scores' sum
    def sheet(optimal):
        opt = ' style:use-optimal-column-width="true"' if optimal else ""
        auto = "".join(f'<style:style style:name="T.{k}" style:family="table-column"><style:table-column-properties '
                       f'style:column-width="{w}pt" style:rel-column-width="{w}*"{opt}/></style:style>'
                       for k, w in (("A", 100), ("B", 300), ("C", 60)))
        auto += '<style:style style:name="PC" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>'
        cl = lambda *ps, style="Standard", span=1: (f'<table:table-cell{f" table:number-columns-spanned={chr(34)}{span}{chr(34)}" if span > 1 else ""}>'
                                                    + "".join(op(p, style) for p in ps) + "</table:table-cell>")
        rows = [(cl("項目"), cl("內容"), cl("配分")),
                (cl("態度"), cl("□主動招呼", "□報明單位"), cl("60", style="PC")),
                (cl("效率"), cl("□限時辦結"), cl("40", style="PC")),
                (cl("總分：100分", span=2), "<table:covered-table-cell/>", cl("100", style="PC"))]
        tab = ('<table:table table:name="Table1">' + "".join(f'<table:table-column table:style-name="T.{k}"/>' for k in "ABC") +
               "<table:table-header-rows><table:table-row>" + "".join(rows[0]) + "</table:table-row></table:table-header-rows>" +
               "".join("<table:table-row>" + "".join(r) + "</table:table-row>" for r in rows[1:]) + "</table:table>")
        return odt(f"sheet-{optimal}.odt", op("附表一") + op("測試局考核評分表") + tab, auto_styles=auto)
    for optimal in (True, False):
        root, err, out = imported(sheet(optimal))
        t = root.find(".//table") if root is not None else None
        if not check(t is not None, f"sheet-{optimal}.odt: a table"):
            continue
        given = [c.get("width") for c in t.findall("columns/column")]
        check(t.get("widths") is None and (all(w is None for w in given) if optimal else all(given)),
              f"sheet: widths={t.get('widths')}, columns' widths {given} with use-optimal-column-width {optimal}"
              " (declared columns carry the widths)")
        check(t.get("score-column") == "配分", f"sheet: score-column={t.get('score-column')}, want 配分")
        body = t.findall("row")
        check(len(body) == 3 and body[-1].get("total") == "yes" and all(r.get("total") is None for r in body[:-1]),
              "sheet: the last row (the scores' sum) is the total row, no other")
        cols = t.findall("columns/column")
        check([c.get("align") for c in cols] == [None, None, "center"], f"sheet: column aligns {[c.get('align') for c in cols]}")
        boxes = [(l.get("style"), [text(i) for i in l.findall("item")]) for l in t.iter("list")]
        check(boxes == [("checkbox", ["主動招呼", "報明單位"]), ("checkbox", ["限時辦結"])], f"sheet: checkbox lists {boxes}")
        c = run("check", out)
        check(c.returncode == 0 and "score" not in c.stderr, f"sheet: the score column adds up: {c.stderr.strip()[:300]}")
    # a strategy table of a shape no column set has: declared with a warning, unless the
    # .odt names it Strategies<n> (planpress's own, from declared columns)
    for name, warned in (("T1", True), ("Strategies1", False)):
        cl = lambda *ps: "<table:table-cell>" + "".join(op(p) for p in ps) + "</table:table-cell>"
        tab = (f'<table:table table:name="{name}"><table:table-column table:number-columns-repeated="3"/>'
               f"<table:table-header-rows><table:table-row>{cl('工作要領')}{cl('工作重點')}{cl('業務單位')}</table:table-row></table:table-header-rows>"
               f"<table:table-row>{cl('一、提升服務品質')}{cl('(一)單一窗口。')}{cl('登記課')}</table:table-row>"
               f"<table:table-row>{cl('二、便捷服務程序')}{cl('(一)網路申辦。')}{cl('資訊課')}</table:table-row></table:table>")
        body = (op("測試局 114年度工作計畫") + op("壹、計畫依據") + op("依據方案。") + op("貳、工作要領") + tab)
        root, err, out = imported(odt(f"declared-{name}.odt", body))
        s = root.find(".//strategies") if root is not None else None
        check(s is not None and [c.get("content") for c in s.findall("columns/column")] == ["strategy", "sub", "units"],
              f"{name}: strategy | sub | units declared")
        check(("fit none of the template's column sets" in err) == warned, f"{name}: warned {not warned}: {err.strip()[:300]}")
    # flat ODF
    fodt = os.path.join(TMP, "flat.fodt")
    with open(fodt, "w", encoding="utf-8") as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?><office:document {ODF_NS} office:version="1.3" '
                f'office:mimetype="application/vnd.oasis.opendocument.text"><office:styles>{styles}</office:styles>'
                f'<office:body><office:text>{op("測試局 114年度提升服務效能執行計畫")}{op("壹、計畫依據")}{op("一、依據。")}'
                "</office:text></office:body></office:document>")
    root, err, out = imported(fodt)
    check(root is not None and root.find("section").get("title") == "計畫依據", "fodt: imported")


# ---- what must be refused ---------------------------------------------------------------------------

def refused(name, data, want):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    out = path + ".xml"
    if os.path.exists(out):
        os.unlink(out)
    r = run("import", path, "-o", out)
    check(r.returncode == 1, f"{name}: exit {r.returncode}, want 1: {r.stderr.strip()[:300]}")
    check(re.search(r": error: ", r.stderr) is not None and want in r.stderr, f"{name}: message with '{want}': {r.stderr.strip()[:300]}")
    check(not os.path.exists(out), f"{name}: an output was left")


def zipbytes(entries, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", method) as z:
        for n, d in entries:
            z.writestr(n, d)
    return b.getvalue()


def patch_entry(data, name, local_off, central_off, value, size):
    """Overwrites a field of entry `name` in its local header and its central directory record."""
    b = bytearray(data)
    n = name.encode()
    i = 0
    while True:
        i = b.find(b"PK\x03\x04", i)
        if i < 0:
            break
        ln = struct.unpack_from("<H", b, i + 26)[0]
        if bytes(b[i + 30:i + 30 + ln]) == n:
            struct.pack_into("<" + size, b, i + local_off, value)
        i += 4
    i = 0
    while True:
        i = b.find(b"PK\x01\x02", i)
        if i < 0:
            break
        ln = struct.unpack_from("<H", b, i + 28)[0]
        if bytes(b[i + 46:i + 46 + ln]) == n:
            struct.pack_into("<" + size, b, i + central_off, value)
        i += 4
    return bytes(b)


def refusals():
    good = docx("good.docx", "".join(HEAD + [wp("壹、計畫依據"), wp("一、依據。")]))
    data = open(good, "rb").read()
    refused("hello.docx", b"hello, world\n", "neither a zip package nor XML")
    refused("badzip.docx", b"PK\x03\x04" + os.urandom(200), "cannot read the file as a Word")
    refused("truncated.docx", data[:len(data) // 2], "damaged or truncated")
    refused("nodoc.docx", zipbytes([("readme.txt", "hi")]), "no Word or ODF document in it")
    refused("sheet.ods", zipbytes([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")]),
            "an ODF package of type application/vnd.oasis.opendocument.spreadsheet")
    ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504
    refused("encrypted.docx", ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64, "password-protected")
    refused("old.doc", ole + "WordDocument".encode("utf-16-le") + b"\0" * 64, "Word 97-2003")
    enc_odt = odt("enc.odt", op("x"), manifest_extra='<manifest:encryption-data manifest:checksum-type="SHA1" manifest:checksum="AAAA"/>')
    refused("enc.odt", open(enc_odt, "rb").read(), "password-protected")
    refused("zipcrypt.docx", patch_entry(data, "word/document.xml", 6, 8, 1, "H"), "password-protected")
    bomb = zipbytes([("[Content_Types].xml", open_part(data, "[Content_Types].xml")), ("_rels/.rels", open_part(data, "_rels/.rels")),
                     ("word/document.xml", b"<" + b" " * (40 << 20) + b"/>")])
    check(len(bomb) < 200000, f"the bomb weighs {len(bomb)} bytes")
    refused("bomb.docx", bomb, "inflates to more than 32 MB")
    liar = patch_entry(bomb, "word/document.xml", 22, 24, 1000, "I")    # claims 1,000 bytes
    refused("liar.docx", liar, "word/document.xml")
    ent = docx("entity.docx", "", document=f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e "x">]><w:document xmlns:w="{W}"><w:body/></w:document>')
    refused("entity.docx", open(ent, "rb").read(), "declares no entities")
    refused("doc.rtf", b"{\\rtf1\\ansi hello}", "RTF")
    refused("doc.pdf", b"%PDF-1.7\n", "a PDF")
    empty = docx("empty.docx", "")
    refused("empty.docx", open(empty, "rb").read(), "no text to import")

    # the output: an existing file is kept unless --force; - is standard output
    out = os.path.join(TMP, "kept.xml")
    with open(out, "w") as f:
        f.write("mine")
    r = run("import", good, "-o", out)
    check(r.returncode == 1 and "exists" in r.stderr and open(out).read() == "mine", "an existing output is not replaced")
    r = run("import", good, "-o", out, "--force")
    check(r.returncode == 0 and open(out).read().startswith("<?xml"), f"--force replaces it: {r.stderr}")
    r = run("import", good, "-o", "-")
    check(r.returncode == 0 and r.stdout.startswith("<?xml") and "<document" in r.stdout, "-o - writes to standard output")
    r = run("import", good, "--kind", "report", "-o", "-")
    check(r.returncode == 0 and 'kind="report"' in r.stdout, "--kind forces the kind")
    r = run("import", good, good)
    check(r.returncode == 2, "two inputs: usage error")


def open_part(data, name):
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


cases()
refusals()
tally()
