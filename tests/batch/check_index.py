#!/usr/bin/env python3
"""The downloads page (batch --odt --index) in a real browser, as a citizen's
phone and desktop would show it. The sources: the samples, with parents given to
the branches (經濟部 > 經濟部標準檢驗局 > 經濟部標準檢驗局臺南分局, 經濟部 >
經濟部商業司), one with a long unbreakable title, one without an agency.
Headless Chromium loads OUTDIR/index.html at 1200 px and at 390 px (a phone,
mobile viewport) and the test asserts, from the laid-out page:
  - <main>, the title and site name from --index-title and --site, a list of every
    agency to jump to whose links reach its section;
  - each document once, in its agency's table; a branch's section inside its
    parent's; the agency without a name last;
  - every table with the same columns at the same x and width; at 390 px no
    column narrower than 4 em, no cell whose content overflows it, no sideways
    scrolling; download links at least 24 px high (a finger's target);
  - per document the issuance date as an ROC date with <time datetime>, the
    file's date (its modification day, Taiwan time), a PDF and an ODF link whose
    files exist, each with its size as on disk, and the PDF's page count;
  - every link resolves: files exist under OUTDIR, fragments name an element.
It saves full-page screenshots (index-1200.png, index-390.png) in SCREENS.
Skipped (exit 77) without Chromium.
Usage: check_index.py PLANPRESS SCREENS"""
import datetime, os, re, shutil, subprocess, sys, tempfile, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import cdp  # noqa: E402
from verdict import ROOT, check, failures, finish  # noqa: E402

TITLE, SITE = "提升服務效能計畫文件下載", "經濟部全球資訊網"
PARENTS = {"經濟部標準檢驗局": "經濟部", "經濟部標準檢驗局臺南分局": "經濟部標準檢驗局", "經濟部商業司": "經濟部"}
LONG = "資料開放網址https://data.example.gov.tw/dataset/service-improvement-plan-2025-annex-statistics-tables"


def size_text(n):
    """The page's rule: KB (1024 bytes, rounded, thousands separated) below 1024 KB, else MB with one decimal."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max((n + 512) // 1024, 1 if n else 0):,} KB"


def roc(y, m, d):
    return f"{y - 1911}年{m}月{d}日"


# Everything measured in one pass over the laid-out page.
MEASURE = r"""
(() => {
  const box = e => { const b = e.getBoundingClientRect(); return {x: b.left, w: b.width, h: b.height}; };
  const em = e => parseFloat(getComputedStyle(e).fontSize);
  const heading = s => s.querySelector(':scope > h2, :scope > h3, :scope > h4, :scope > h5, :scope > h6');
  const name = s => { const h = heading(s).cloneNode(true); h.querySelectorAll('.up').forEach(u => u.remove());
                      return h.textContent.trim(); };
  const sections = [...document.querySelectorAll('main section')].map(s => {
    const up = s.parentElement.closest('section');
    return {id: heading(s).id, name: name(s), parent: up ? name(up) : null, level: heading(s).tagName};
  });
  const tables = [...document.querySelectorAll('main table')].map(t => ({
    agency: name(t.closest('section')),
    caption: t.caption ? t.caption.textContent : null,
    cols: [...t.tHead.rows[0].cells].map(c => ({...box(c), em: em(c), text: c.textContent, scope: c.getAttribute('scope')})),
    rows: [...t.tBodies[0].rows].map(r => ({
      cells: [...r.cells].map(c => ({...box(c), em: em(c), tag: c.tagName, scope: c.getAttribute('scope'),
                                     over: c.scrollWidth > c.clientWidth + 1, text: c.textContent})),
      title: r.cells[0].querySelector('.name') ? r.cells[0].querySelector('.name').textContent : null,
      year: r.cells[0].querySelector('.year') ? r.cells[0].querySelector('.year').textContent : null,
      issued: [...r.cells[1].querySelectorAll('time')].map(t => [t.getAttribute('datetime'), t.textContent]),
      when: [...r.cells[2].querySelectorAll('.when time')].map(t => [t.getAttribute('datetime'), t.textContent]),
      files: [...r.cells[2].querySelectorAll('li')].map(li => {
        const a = li.querySelector('a');
        return {label: a.firstChild.textContent, href: a.getAttribute('href'), url: a.href, type: a.type,
                name: a.textContent, text: li.textContent, ...box(a)};
      }),
    })),
  }));
  const links = [...document.querySelectorAll('a[href]')].map(a => ({href: a.getAttribute('href'), url: a.href,
                                                                       nav: !!a.closest('nav')}));
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  return {inner: innerWidth, scroll: document.documentElement.scrollWidth, title: document.title,
          h1: [...document.querySelectorAll('h1')].map(h => h.textContent), mains: document.querySelectorAll('main').length,
          header: document.querySelector('header') ? document.querySelector('header').textContent.trim() : null,
          nav: [...document.querySelectorAll('nav a')].map(a => [a.getAttribute('href'), a.textContent]),
          sections, tables, links, ids};
})()
"""


def sources(src):
    os.makedirs(src)
    for s in sorted(os.listdir(os.path.join(ROOT, "samples"))):
        if not s.endswith(".xml"):
            continue
        t = open(os.path.join(ROOT, "samples", s), encoding="utf-8").read()
        for agency, parent in PARENTS.items():
            t = t.replace(f"<agency>{agency}</agency>", f'<agency parent="{parent}">{agency}</agency>')
        open(os.path.join(src, s), "w", encoding="utf-8").write(t)
    t = open(os.path.join(ROOT, "samples", "doc-106-plan.xml"), encoding="utf-8").read()
    open(os.path.join(src, "long-title.xml"), "w", encoding="utf-8").write(
        re.sub(r"<title>.*?</title>", f"<title>{LONG}</title>", t, count=1, flags=re.S))
    open(os.path.join(src, "no-agency.xml"), "w", encoding="utf-8").write(
        re.sub(r"\s*<agency>.*?</agency>", "", t, count=1, flags=re.S))


def expected(src):
    """What each document's row must show, straight from the sources."""
    want = {}
    for s in os.listdir(src):
        t = open(os.path.join(src, s), encoding="utf-8").read()
        get = lambda pat: (lambda m: m and m.group(1))(re.search(pat, t, re.S))
        issued = re.findall(r'<issued date="(\d{4}-\d{2}-\d{2})"', t)
        want[s[:-4]] = {"agency": get(r"<agency[^>]*>(.*?)</agency>") or "未標示機關", "parent": get(r'<agency parent="([^"]+)"'),
                        "year": get(r"<year[^>]*>(\d+)</year>"), "title": get(r"<title>(.*?)</title>"),
                        "issued": issued[-1] if issued else None}
    return want


def pdf_pages(path):
    m = re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout, re.M)
    return int(m.group(1)) if m else -1


def check_page(page, width, out, want):
    tag = f"{width} px"
    check(page["inner"] == width, f"{tag}: viewport {page['inner']}")
    check(page["scroll"] <= page["inner"], f"{tag}: the page scrolls sideways ({page['scroll']} > {page['inner']})")
    check(page["mains"] == 1, f"{tag}: {page['mains']} <main>")
    check(page["h1"] == [TITLE], f"{tag}: h1 {page['h1']}")
    check(TITLE in page["title"] and SITE in page["title"], f"{tag}: <title> {page['title']}")
    check(page["header"] == SITE, f"{tag}: site name {page['header']}")

    # the agencies: every one (parents without documents of their own too) in the
    # jump list, each link reaching its section; branches inside their parents
    names = {w["agency"] for w in want.values()} | {p for p in PARENTS.values()}
    secs = {s["name"]: s for s in page["sections"]}
    check(set(secs) == names, f"{tag}: sections {sorted(secs)} vs agencies {sorted(names)}")
    nav = {text: href for href, text in page["nav"]}
    check(set(nav) == names, f"{tag}: jump list {sorted(nav)}")
    for n, href in nav.items():
        check(href.startswith("#") and n in secs and href[1:] == secs[n]["id"], f"{tag}: jump link to {n}: {href}")
    for agency, parent in PARENTS.items():
        check(secs.get(agency, {}).get("parent") == parent, f"{tag}: {agency} not inside {parent}: {secs.get(agency)}")
    for n in ("經濟部", "未標示機關"):
        check(secs.get(n, {}).get("parent") is None, f"{tag}: {n} is not a top-level agency")
    check(page["sections"][-1]["name"] == "未標示機關", f"{tag}: the agency without a name is not last")

    # one column layout: the same three columns at the same x and width in every table
    tables = page["tables"]
    check(len(tables) == len({w["agency"] for w in want.values()}), f"{tag}: {len(tables)} tables")
    first = tables[0]["cols"] if tables else []
    check([c["text"] for c in first] == ["文件", "發布日期", "下載"], f"{tag}: columns {[c['text'] for c in first]}")
    for t in tables:
        check(t["caption"] and t["caption"].startswith(t["agency"]), f"{tag}: caption {t['caption']}")
        check(all(c["scope"] == "col" for c in t["cols"]), f"{tag}: column headers without scope in {t['agency']}")
        check(len(t["cols"]) == len(first) and all(abs(a["x"] - b["x"]) < 0.5 and abs(a["w"] - b["w"]) < 0.5
                                                   for a, b in zip(t["cols"], first)),
              f"{tag}: the columns of {t['agency']} {[(round(c['x']), round(c['w'])) for c in t['cols']]} differ from "
              f"{[(round(c['x']), round(c['w'])) for c in first]}")
        cells = t["cols"] + [c for r in t["rows"] for c in r["cells"]]
        for c in cells:
            if width <= 400:
                check(c["w"] >= 4 * c["em"], f"{tag}: a column {c['w']:.0f} px wide, under 4 em ({4 * c['em']:.0f} px): "
                                             f"{c['text'][:30]!r}")
            check(not c.get("over"), f"{tag}: content overflows its cell: {c['text'][:40]!r}")

    # each document: once, in its agency's table, with its dates and files
    seen = {}
    for t in tables:
        for r in t["rows"]:
            pdf = [f for f in r["files"] if f["label"] == "PDF"]
            base = urllib.parse.unquote(urllib.parse.urlsplit(pdf[0]["href"]).path)[:-4] if pdf else None
            if not check(base in want, f"{tag}: a row with no known PDF: {r['files']}"):
                continue
            check(base not in seen, f"{tag}: {base} listed twice")
            seen[base] = True
            w = want[base]
            check(t["agency"] == w["agency"], f"{tag}: {base} under {t['agency']}, not {w['agency']}")
            check(r["title"] == w["title"], f"{tag}: {base} title {r['title']!r}")
            check(r["cells"][0]["tag"] == "TH" and r["cells"][0]["scope"] == "row", f"{tag}: {base} row header")
            if w["year"]:
                check(r["year"] == f"{w['year']} 年度", f"{tag}: {base} year {r['year']}")
            if w["issued"]:
                y, m, d = map(int, w["issued"].split("-"))
                check(r["issued"] == [[w["issued"], roc(y, m, d)]], f"{tag}: {base} issued {r['issued']}")
            else:
                check(r["issued"] == [] and r["cells"][1]["text"] == "未載明", f"{tag}: {base} issued {r['cells'][1]['text']}")
            mtime = datetime.datetime.fromtimestamp(os.stat(os.path.join(out, base + ".pdf")).st_mtime,
                                                    datetime.timezone(datetime.timedelta(hours=8)))
            check(r["when"] and r["when"][0] == [mtime.strftime("%Y-%m-%d"), roc(mtime.year, mtime.month, mtime.day)],
                  f"{tag}: {base} file date {r['when']} vs {mtime}")
            check([f["label"] for f in r["files"]] == ["PDF", "ODF"], f"{tag}: {base} files {[f['label'] for f in r['files']]}")
            for f in r["files"]:
                ext = {"PDF": ".pdf", "ODF": ".odt"}[f["label"]]
                path = urllib.parse.unquote(urllib.parse.urlparse(f["url"]).path)
                check(path == os.path.join(out, base + ext), f"{tag}: {base} {f['label']} link to {path}")
                if not check(os.path.isfile(path), f"{tag}: {f['label']} link to no file: {path}"):
                    continue
                check(size_text(os.path.getsize(path)) in f["text"], f"{tag}: {base} {f['label']} size {f['text']!r}")
                check(f["h"] >= 24 and f["w"] >= 24, f"{tag}: {base} {f['label']} link is {f['w']:.0f}x{f['h']:.0f} px")
                check(w["title"] in f["name"], f"{tag}: {base} {f['label']} link does not name its document: {f['name']!r}")
                check(f["type"] == ("application/pdf" if ext == ".pdf" else "application/vnd.oasis.opendocument.text"),
                      f"{tag}: {base} type {f['type']}")
            check(f"{pdf_pages(os.path.join(out, base + '.pdf'))} 頁" in pdf[0]["text"], f"{tag}: {base} pages {pdf[0]['text']!r}")
    check(set(seen) == set(want), f"{tag}: documents listed {sorted(seen)} vs {sorted(want)}")

    # every link resolves: a file under OUTDIR, or an element of the page
    for link in page["links"]:
        u = urllib.parse.urlparse(link["url"])
        check(u.scheme == "file" and not link["href"].startswith("/") and "://" not in link["href"],
              f"{tag}: link not relative: {link['href']}")
        if link["href"].startswith("#"):
            check(link["href"][1:] in page["ids"], f"{tag}: link to no element: {link['href']}")
        else:
            path = urllib.parse.unquote(u.path)
            check(os.path.isfile(path) and path.startswith(out + "/"), f"{tag}: link to no file under OUTDIR: {path}")


def main():
    pp, screens = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    exe = cdp.find()
    if not exe:
        print("SKIP: Chromium is not installed (scripts/deps.sh installs the Debian package chromium)")
        sys.exit(77)
    tmp = tempfile.mkdtemp(prefix="pp-index-")
    try:
        src, out = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        sources(src)
        r = subprocess.run([pp, "batch", src, "-o", out, "-j", "2", "--odt", "--index", "--index-title", TITLE,
                            "--site", SITE], capture_output=True, text=True)
        if check(r.returncode == 0, f"batch: exit {r.returncode}: {r.stderr[-2000:]}"):
            want = expected(src)
            os.makedirs(screens, exist_ok=True)
            b = cdp.Browser(exe)
            try:
                for width, height, mobile in ((1200, 900, False), (390, 844, True)):
                    b.load(os.path.join(out, "index.html"), width, height, mobile)
                    check_page(b.evaluate(MEASURE), width, out, want)
                    png = os.path.join(screens, f"index-{width}.png")
                    b.screenshot(png, width, mobile)
                    print(f"screenshot: {png}")
            finally:
                b.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
