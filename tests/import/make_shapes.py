#!/usr/bin/env python3
"""Writes the table-shape fixtures: small plans whose strategy table has a shape
none of the template's column sets has -- units first, seven columns, units
last after an extra column -- as flat ODF files (tests/import/shapes/*.fodt,
committed), then converts each with LibreOffice to .docx and .odt (committed
too: CI needs no LibreOffice). The agencies and their content are invented,
laid out the way published 提升服務效能 plans are. check_shapes.py reads the
table back from the .fodt to compare. Usage: make_shapes.py [OUTDIR]  (needs soffice)."""
import os, subprocess, sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_fixtures import NS, STYLES  # noqa: E402

# (agency title, issuance line, header row, body rows). A body cell is a string
# (paragraphs split at \n), or (text, rowspan); None is a slot a cell above covers.
FIXTURES = {
    # 主辦單位 printed first, then the strategy and what is done
    "units-first": ("海濱市政府地政局114年度提升服務效能執行計畫", "（114年1月10日濱地秘字第1140000123號函訂定）",
                    ["主辦單位", "執行策略", "具體作法"], [
        ["地籍科", "一、簡化申辦流程", "推動跨所收件，民眾可就近於任一地政事務所申辦土地登記案件。"],
        ["地價科\n資訊室", "二、擴大線上服務", "地價查詢及謄本申請全面線上化，並提供行動支付繳納規費。"],
        ["秘書室", "三、重視民眾意見", "每季分析陳情及1999專線案件，檢討作業流程並追蹤改善情形。"],
    ]),
    # seven columns: 面向 merged down its strategies, a strategy down its 執行項目 (sub-items,
    # one a row), the units of a strategy merged down its rows too
    "seven-columns": ("山城縣政府社會處114年度提升服務效能執行計畫", "（114年2月3日山社綜字第1140011111號函訂定）",
                      ["面向", "策略", "執行項目", "具體作法", "預期效益", "主辦單位", "完成期限"], [
        [("一、基礎服務", 3), ("一、提升服務一致性", 2), "櫃臺服務標準化", "訂定各項補助申請之標準作業流程及檢核表。", "案件退件率降低10%", ("社會救助科", 2), "114年6月"],
        [None, None, "申辦表單簡化", "檢討申請書表欄位，刪除可由系統查得之資料。", "減少民眾填寫時間", None, "114年9月"],
        [None, "二、提升服務便捷性", "預約服務", "開放線上預約臨櫃時段，並以簡訊提醒。", "臨櫃等候時間縮短", "綜合企劃科", "114年3月"],
        [("二、服務遞送", 2), "三、整合服務資源", "單一窗口", "結合戶政、衛生所設置福利諮詢單一窗口。", "民眾一處辦理多項福利", "社會工作科", "114年12月"],
        [None, "四、擴大數位服務", "線上申辦", "急難救助及身障補助開放線上申請及進度查詢。", "線上申辦件數達30%", "資訊室", "114年12月"],
    ]),
    # 序號 first, an extra column (預期效益) before 主辦單位 printed last
    "units-last": ("河港市政府環境保護局114年度提升服務效能執行計畫", "（114年1月20日港環綜字第1140002222號函訂定）",
                   ["序號", "執行策略", "具體推動作法", "預期效益", "主辦單位"], [
        ["1", "一、優化陳情處理", "噪音及空氣污染陳情案件於24小時內派員稽查，並以簡訊回覆處理結果。", "陳情案件結案時間縮短", "稽查科"],
        ["2", "二、推廣線上申辦", "清除機構許可及營業用垃圾清運申請開放線上送件。", "臨櫃人次減少20%", "廢棄物管理科"],
        ["3", "三、強化服務溝通", "每半年辦理服務滿意度調查，結果列入次年度計畫檢討。", "滿意度達85%以上", "綜合企劃科"],
    ]),
}

SECTIONS_BEFORE = [("壹、計畫依據", "行政院「政府服務躍升方案」。"),
                   ("貳、計畫目標", "精進服務流程，提升為民服務品質。"),
                   ("參、實施對象", "本機關各單位。"),
                   ("肆、執行策略及具體推動作法", None)]
SECTIONS_AFTER = [("伍、實施步驟", "每年1月底前訂定執行計畫，函送各單位辦理。"),
                  ("陸、考核作業", "每年12月底前辦理自評，並提報執行成果。"),
                  ("柒、獎勵方式", "依考核結果，對表現優良人員予以敘獎。")]


def p(text, style="Standard"):
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def table(header, rows):
    n = len(header)
    width = 17.0 / n
    cols = "".join(f'<style:style style:name="Tbl.{chr(65 + i)}" style:family="table-column">'
                   f'<style:table-column-properties style:column-width="{width:.3f}cm"/></style:style>' for i in range(n))
    out = ['<table:table table:name="Tbl" table:style-name="Tbl">']
    out += [f'<table:table-column table:style-name="Tbl.{chr(65 + i)}"/>' for i in range(n)]
    out.append("<table:table-header-rows><table:table-row>")
    for h in header:
        out.append(f'<table:table-cell table:style-name="Cell" office:value-type="string">{p(h, "Table_20_Contents")}</table:table-cell>')
    out.append("</table:table-row></table:table-header-rows>")
    for r in rows:
        out.append("<table:table-row>")
        for c in r:
            if c is None:
                out.append("<table:covered-table-cell/>")
                continue
            text, span = c if isinstance(c, tuple) else (c, 1)
            attrs = f' table:number-rows-spanned="{span}"' if span > 1 else ""
            paras = "".join(p(t, "Table_20_Contents") for t in text.split("\n"))
            out.append(f'<table:table-cell table:style-name="Cell" office:value-type="string"{attrs}>{paras}</table:table-cell>')
        out.append("</table:table-row>")
    out.append("</table:table>")
    return cols, out


def fodt(title, issued, header, rows):
    cols, tbl = table(header, rows)
    body = [p(title, "PTitle"), p(issued, "PCenter")]
    for head, text in SECTIONS_BEFORE:
        body.append(p(head))
        if text:
            body.append(p(text))
    body += tbl
    for head, text in SECTIONS_AFTER:
        body += [p(head), p(text)]
    styles = STYLES.replace("%COLUMNS%", cols)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS}>{styles}'
            f'<office:body><office:text>\n' + "\n".join(body) + "\n</office:text></office:body></office:document>\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "shapes")
    os.makedirs(out, exist_ok=True)
    made = []
    for name, (title, issued, header, rows) in FIXTURES.items():
        path = os.path.join(out, name + ".fodt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(fodt(title, issued, header, rows))
        made.append(path)
    for fmt_ in ("docx", "odt"):
        subprocess.run(["soffice", "--headless", "--convert-to", fmt_, "--outdir", out] + made,
                       check=True, capture_output=True)
    print("\n".join(sorted(os.listdir(out))))


if __name__ == "__main__":
    main()
