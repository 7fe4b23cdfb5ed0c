#!/usr/bin/env python3
"""Batch test: `planpress batch` over good sources (samples/, plus one with markup
characters in its title and a space and '#' in its file name, plus one in a
subfolder), bad ones (tests/errors/, with their expected messages) and sources
that crash or hang on purpose (the PP_TEST_CRASH_ON / PP_TEST_HANG_ON hooks of
src/batch.c). Checks outputs, exit codes, report.json, index.html (xmllint --html,
links, table structure), per-document message grouping, skipping of up-to-date
outputs, --force, list files, duplicate output names and usage errors.
Usage: run_batch.py PLANPRESS"""
import glob, html.parser, json, os, pty, re, shutil, subprocess, sys, tempfile, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def run(*cmd, env=None, cwd=None):
    e = dict(os.environ)
    e.pop("PP_TEST_CRASH_ON", None)
    e.pop("PP_TEST_HANG_ON", None)
    e.update(env or {})
    return subprocess.run(cmd, capture_output=True, text=True, env=e, cwd=cwd)


def meta(path):
    """agency, year, title, kind straight from a source (regex: the samples are simple)."""
    s = open(path, encoding="utf-8").read()
    get = lambda tag: (lambda m: m and html.unescape(m.group(1)))(re.search(rf"<{tag}>(.*?)</{tag}>", s, re.S))
    year = get("year")
    return {"agency": get("agency"), "year": int(year) if year else None, "title": get("title"),
            "kind": re.search(r'<document[^>]*\bkind="([^"]+)"', s).group(1)}


def pdf_pages(path):
    out = run("pdfinfo", path).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else -1


# HTML5 elements libxml2's HTML parser (HTML 4) does not know; anything else it says is a fault
HTML5_TAGS = {"header", "main", "nav", "section", "footer", "time"}


def check_markup(path):
    """The page is well-formed (xmllint as XML: every element closed, nothing
    stray) and HTML 4's parser finds no fault except HTML5 elements it does not know."""
    x = run("xmllint", "--noout", path)
    check(x.returncode == 0 and x.stderr == "", f"xmllint (well-formed): {x.stderr[:1000]}")
    x = run("xmllint", "--html", "--noout", path)
    faults = [l for l in x.stderr.splitlines() if "error" in l and not any(f"Tag {t} invalid" in l for t in HTML5_TAGS)]
    check(not faults, f"xmllint --html: {faults[:5]}")


class IndexParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang, self.links, self.tables, self.captions, self.th, self.th_scoped = None, [], 0, 0, 0, 0
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a: self.ids.add(a["id"])
        if tag == "html": self.lang = a.get("lang")
        if tag == "a" and "href" in a: self.links.append(a["href"])
        if tag == "table": self.tables += 1
        if tag == "caption": self.captions += 1
        if tag == "th":
            self.th += 1
            self.th_scoped += a.get("scope") in ("col", "row")


def main():
    pp = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="pp-batch-")
    try:
        test(pp, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print("FAIL", f)
    print(f"{'ok' if not failures else 'FAILED'}: {len(failures)} failures")
    sys.exit(1 if failures else 0)


def test(pp, tmp):
    src = os.path.join(tmp, "in")
    os.makedirs(os.path.join(src, "sub"))
    good = {}   # source path (relative to tmp) -> expected output relative to out/
    for s in sorted(glob.glob(os.path.join(ROOT, "samples", "*.xml"))):
        shutil.copy(s, src)
        good["in/" + os.path.basename(s)] = os.path.basename(s)[:-4] + ".pdf"
    # markup characters in the title (JSON and HTML escaping), URL-hostile file name
    t = open(os.path.join(ROOT, "samples", "bsmi-114-plan.xml"), encoding="utf-8").read()
    t = t.replace("<title>提升服務效能執行計畫</title>", "<title>提升服務效能執行計畫 \"引號\" \\ &lt;b&gt; &amp; 'x'</title>")
    open(os.path.join(src, "with space #1.xml"), "w", encoding="utf-8").write(t)
    good["in/with space #1.xml"] = "with space #1.pdf"
    shutil.copy(os.path.join(ROOT, "samples", "doc-106-plan.xml"), os.path.join(src, "sub", "nested.xml"))
    good["in/sub/nested.xml"] = "sub/nested.pdf"
    bad = {}    # source -> expected messages
    for s in sorted(glob.glob(os.path.join(ROOT, "tests", "errors", "*.xml"))):
        shutil.copy(s, src)
        name = os.path.basename(s)
        want = open(s[:-4] + ".err", encoding="utf-8").read().splitlines()
        bad["in/" + name] = [l.replace("tests/errors/" + name, "in/" + name) for l in want]
    shutil.copy(os.path.join(ROOT, "samples", "doc-106-plan.xml"), os.path.join(src, "crash.xml"))
    open(os.path.join(src, "notes.txt"), "w").write("not a source\n")
    os.makedirs(os.path.join(src, ".hidden"))
    shutil.copy(os.path.join(ROOT, "samples", "doc-106-plan.xml"), os.path.join(src, ".hidden", "skip.xml"))

    out = os.path.join(tmp, "out")
    os.makedirs(out)
    # stale outputs of the bad and crashing sources must not survive a failed run
    for name in ["malformed.pdf", "crash.pdf"]:
        open(os.path.join(out, name), "w").write("%PDF-1.7 stale")
    # nor the temporary a crashed worker may leave beside its output (pdf_write's .NAME.XXXXXX)
    open(os.path.join(out, ".crash.pdf.Ab12Cd"), "w").write("%PDF-partial")

    # ---- first run: everything rendered, bad and crashing sources fail alone ----
    r = run(pp, "batch", "in", "-o", "out", "-j", "2", "--index", env={"PP_TEST_CRASH_ON": "crash.xml"}, cwd=tmp)
    check(r.returncode == 1, f"first run: exit {r.returncode}, want 1; stderr: {r.stderr[-2000:]}")
    for s, o in good.items():
        check(os.path.isfile(os.path.join(out, o)), f"no output for good source {s}")
    for s in list(bad) + ["in/crash.xml"]:
        check(not os.path.exists(os.path.join(out, os.path.basename(s)[:-4] + ".pdf")), f"output left for bad source {s}")
    check(not os.path.exists(os.path.join(out, "skip.pdf")), "a hidden folder was rendered")
    leftovers = [f for f in os.listdir(out) if f.startswith(".")]
    check(not leftovers, f"temporary or lock files left in OUTDIR: {leftovers}")

    # messages of each document come together, after its status line
    lines = r.stderr.splitlines()
    for s, want in bad.items():
        at = [i for i, l in enumerate(lines) if l.endswith("FAILED " + s)]
        if check(len(at) == 1, f"no single FAILED line for {s}"):
            got = lines[at[0] + 1: at[0] + 1 + len(want)]
            check(got == want, f"messages of {s} not grouped or wrong:\n got {got}\n want {want}")
    check(re.search(r"in/crash\.xml: error: .*signal 6", r.stderr), "crash not reported with its signal")
    total, nfail = len(good) + len(bad) + 1, len(bad) + 1
    check(re.search(rf"batch: {total} sources in [\d.]+ s: {len(good)} rendered, 0 up to date, {nfail} failed", r.stderr),
          f"summary line wrong: {lines[-8:]}")

    rep = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
    by = {e["source"]: e for e in rep["sources"]}
    check(set(by) == set(good) | set(bad) | {"in/crash.xml"}, f"report lists {sorted(by)}")
    check(rep["summary"]["total"] == total and rep["summary"]["ok"] == len(good) and rep["summary"]["failed"] == nfail
          and rep["summary"]["skipped"] == 0, f"report summary {rep['summary']}")
    check(rep["summary"]["worker_peak_rss_kb"] > 0, "no worker memory in the report")
    first_pages = {}
    for s, o in good.items():
        e = by.get(s, {})
        path = os.path.join(out, o)
        check(e.get("status") == "ok" and e.get("output") == "out/" + o, f"report entry of {s}: {e}")
        # only the half-width marks between Chinese characters two originals have (tests/typeset)
        hw = [m for m in e.get("messages", []) if "warning: half-width '" in m]
        check(e.get("errors") == 0 and e.get("warnings") == len(hw) and e.get("messages") == hw, f"report messages of {s}: {e}")
        if os.path.isfile(path):
            check(e.get("bytes") == os.path.getsize(path), f"report bytes of {s}")
            check(e.get("pages") == pdf_pages(path) > 0, f"report pages of {s}: {e.get('pages')}")
        check(e.get("ms", 0) > 0, f"report time of {s}")
        m = meta(os.path.join(tmp, s))
        check({k: e.get(k) for k in m} == m, f"report metadata of {s}: {e} vs {m}")
        first_pages[s] = e.get("pages")
    for s, want in bad.items():
        e = by.get(s, {})
        check(e.get("status") == "failed" and e.get("output") is None and e.get("pages") == 0
              and e.get("bytes") == 0, f"report entry of {s}: {e}")
        check(e.get("messages") == want and e.get("errors") == len(want), f"report messages of {s}: {e.get('messages')}")
    e = by.get("in/crash.xml", {})
    check(e.get("status") == "failed" and e.get("output") is None and e.get("errors") == 1
          and "signal 6" in "".join(e.get("messages", [])), f"report entry of crash.xml: {e}")

    # ---- index.html: valid, accessible structure, every link an existing PDF ----
    idx = os.path.join(out, "index.html")
    check_markup(idx)
    p = IndexParser()
    p.feed(open(idx, encoding="utf-8").read())
    check(p.lang == "zh-Hant-TW", f"html lang {p.lang}")
    # a link is a URL: its path part, percent-decoded, names the file ('#', '?' and
    # spaces in file names must have been encoded); the others jump to an agency
    targets = [urllib.parse.unquote(urllib.parse.urlsplit(h).path) for h in p.links if not h.startswith("#")]
    check(sorted(targets) == sorted(good.values()), f"index links {sorted(targets)}")
    for t in targets:
        check(t.endswith(".pdf") and os.path.isfile(os.path.join(out, t)), f"index link to no PDF: {t}")
    for h in p.links:
        check(not urllib.parse.urlsplit(h).scheme and not h.startswith("/"), f"link not relative: {h}")
        check(" " not in h, f"raw space in link {h}")
        if h.startswith("#"):
            check(h[1:] in p.ids, f"jump link to no element: {h}")
    agencies = {meta(os.path.join(tmp, s))["agency"] for s in good}
    check(p.tables == len(agencies) and p.captions == p.tables, f"{p.tables} tables, {p.captions} captions, {len(agencies)} agencies")
    check(p.th > 0 and p.th_scoped == p.th, "header cells without scope")
    page = open(idx, encoding="utf-8").read()
    check("&quot;引號&quot; \\ &lt;b&gt; &amp; &#39;x&#39;" in page,
          "title with markup characters not escaped in the index")

    # ---- second run: up to date outputs skipped, unchanged ----
    mtimes = {o: os.stat(os.path.join(out, o)).st_mtime_ns for o in good.values()}
    time.sleep(0.05)
    r = run(pp, "batch", "in", "-o", "out", "--index", cwd=tmp)
    check(r.returncode == 1, f"second run: exit {r.returncode}, want 1 (the bad sources still fail)")
    rep = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
    by = {e["source"]: e for e in rep["sources"]}
    for s, o in good.items():
        e = by.get(s, {})
        check(e.get("status") == "skipped" and e.get("output") == "out/" + o, f"second run, {s}: {e.get('status')}")
        check(e.get("pages") == first_pages[s], f"second run pages of {s}: {e.get('pages')} vs {first_pages[s]}")
        check(os.stat(os.path.join(out, o)).st_mtime_ns == mtimes[o], f"second run rewrote {o}")
    check(by.get("in/crash.xml", {}).get("status") == "ok", "crash.xml (hook off) not rendered on the second run")
    p2 = IndexParser()
    p2.feed(open(idx, encoding="utf-8").read())
    files = [h for h in p2.links if not h.startswith("#")]
    check(len(files) == len(good) + 1, f"index after the second run links {len(files)} documents")

    # a touched source is rendered again, the rest stay skipped
    os.utime(os.path.join(src, "doc-106-plan.xml"))
    r = run(pp, "batch", "in", "-o", "out", cwd=tmp)
    by = {e["source"]: e for e in json.load(open(os.path.join(out, "report.json")))["sources"]}
    check(by["in/doc-106-plan.xml"]["status"] == "ok", "a touched source was not rendered again")
    check(by["in/bsmi-114-plan.xml"]["status"] == "skipped", "an untouched source was rendered again")
    r = run(pp, "batch", "in", "-o", "out", "--force", cwd=tmp)
    rep = json.load(open(os.path.join(out, "report.json")))
    check(rep["summary"]["ok"] == len(good) + 1 and rep["summary"]["skipped"] == 0, f"--force: {rep['summary']}")

    # the template counts too: a newer template (here a copy given with --template) renders again
    shutil.copy(os.path.join(ROOT, "templates", "report.xml"), os.path.join(tmp, "report.xml"))
    open(os.path.join(tmp, "one.txt"), "w").write("in/bsmi-tainan-110-report.xml\n")
    statuses = []
    for touch in (False, False, True):
        if touch:
            time.sleep(0.05)
            os.utime(os.path.join(tmp, "report.xml"))
        run(pp, "batch", "one.txt", "-o", "out-t", "--template", "./report.xml", cwd=tmp)
        statuses.append(json.load(open(os.path.join(tmp, "out-t", "report.json")))["sources"][0]["status"])
    check(statuses == ["ok", "skipped", "ok"], f"--template runs: {statuses}, want ok, skipped, ok")

    # on a terminal: a live progress line, only failures printed above it
    master, slave = pty.openpty()
    e = dict(os.environ)
    e.pop("PP_TEST_CRASH_ON", None)
    proc = subprocess.Popen([pp, "batch", "in", "-o", "out-tty", "-j", "2"], cwd=tmp, env=e,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    data = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    os.close(master)
    proc.wait()
    tty = data.decode("utf-8", "replace")
    check(proc.returncode == 1, f"tty run: exit {proc.returncode}")
    check(f"\r\x1b[Kbatch: {total}/{total} done, {len(bad)} failed" in tty, f"tty run: no live progress line: {tty[-600:]!r}")
    # an ok source shows only when it has messages (the half-width marks two originals have)
    warned = {s for s in good if any("half-width '" in m for m in by.get(s, {}).get("messages", []))}
    ok_shown = set(re.findall(r"\] ok (\S+) ->", tty))
    check(ok_shown <= warned and "FAILED in/malformed.xml" in tty, f"tty run: wrong per-source lines ({ok_shown})")

    # ---- list file: comments, a missing source, duplicate output names; a stuck source ----
    open(os.path.join(src, "hang.xml"), "w").write(open(os.path.join(src, "crash.xml")).read())
    open(os.path.join(tmp, "list.txt"), "w").write(
        "# sources\n\nin/bsmi-114-plan.xml\n  in/sub/nested.xml  \nin/missing.xml\nin/hang.xml\nin/nested.xml\n")
    shutil.copy(os.path.join(src, "sub", "nested.xml"), os.path.join(src, "nested.xml"))
    r = run(pp, "batch", "list.txt", "-o", "out2", "-j", "2", "--timeout", "5", env={"PP_TEST_HANG_ON": "hang.xml"}, cwd=tmp)
    check(r.returncode == 1, f"list run: exit {r.returncode}")
    rep = json.load(open(os.path.join(tmp, "out2", "report.json")))
    st = {e["source"]: e["status"] for e in rep["sources"]}
    check(st == {"in/bsmi-114-plan.xml": "ok", "in/sub/nested.xml": "ok", "in/missing.xml": "failed",
                 "in/hang.xml": "failed", "in/nested.xml": "failed"}, f"list run statuses {st}")
    msgs = {e["source"]: " ".join(e["messages"]) for e in rep["sources"]}
    check("longer than 5 s" in msgs.get("in/hang.xml", ""), f"timeout message: {msgs.get('in/hang.xml')}")
    check("also the output of in/sub/nested.xml" in msgs.get("in/nested.xml", ""), f"duplicate message: {msgs.get('in/nested.xml')}")
    check(os.path.isfile(os.path.join(tmp, "out2", "nested.pdf")), "list run: nested.pdf missing")
    check(not os.path.exists(os.path.join(tmp, "out2", "index.html")), "index written without --index")

    # ---- usage errors ----
    for args in (["batch", "in"], ["batch", "-o", "x"], ["batch", "in", "-o", "x", "-j", "0"],
                 ["batch", "in", "-o", "x", "--bogus"], ["batch", "in/doc-106-plan.xml", "-o", "x"]):
        r = run(pp, *args, cwd=tmp)
        check(r.returncode == 2, f"{' '.join(args)}: exit {r.returncode}, want 2")
    r = run(pp, "batch", "no-such-dir", "-o", "x", cwd=tmp)
    check(r.returncode == 1, f"missing input: exit {r.returncode}, want 1")


if __name__ == "__main__":
    main()
