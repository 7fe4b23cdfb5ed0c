#!/usr/bin/env python3
"""What a batch writes, read back against other ways of getting the same thing:
  odt     batch --odt under SOURCE_DATE_EPOCH: each .pdf is byte-identical to
          `render -o X.pdf` and each .odt to `render -o X.odt` (one render context
          gives both); up to date only when both are (deleting an .odt renders
          that source again, the rest stay skipped); a failing source leaves
          neither file, and removes an older .odt as well as an older .pdf
  report  report.json: every field docs/batch.md lists and no other; per source
          the issuance date, year, title, agency and parent from the source, the
          kind, its label and the template as `check` prints them, pages from
          pdfinfo, sizes and dates from the files, exit codes per document
  check   `check DIR` checks exactly the files batch renders from DIR (nested,
          hidden, non-XML and symbolic links to folders as batch treats them),
          with the messages `check FILE` gives each; an empty folder warns
  messages --diagnostics=json: standard error is only JSON objects, one a line,
          the same messages `render --diagnostics=json` gives each source (a
          warning and an error); -q: the failed source and its errors only, no
          warnings, progress or summary; report.json the same either way
Usage: check_outputs.py PLANPRESS [PART...]"""
import datetime, json, os, re, shutil, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from verdict import ROOT, SAMPLES, check, failures, finish, run_parts  # noqa: E402

BAD = os.path.join(ROOT, "tests", "errors", "bad-date.xml")


def run(*cmd, cwd, **extra):
    e = {k: v for k, v in os.environ.items() if not k.startswith("PP_TEST_")}
    e.update(extra)
    return subprocess.run(list(cmd), capture_output=True, text=True, cwd=cwd, env=e)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def tree(tmp):
    """in/: the samples (one in a subfolder, one with a parent agency), a bad source."""
    src = os.path.join(tmp, "in")
    os.makedirs(os.path.join(src, "sub"))
    for s in SAMPLES[1:]:
        shutil.copy(s, src)
    t = open(SAMPLES[0], encoding="utf-8").read()
    t = t.replace("<agency>經濟部標準檢驗局</agency>", '<agency parent="經濟部">經濟部標準檢驗局</agency>')
    open(os.path.join(src, "sub", os.path.basename(SAMPLES[0])), "w", encoding="utf-8").write(t)
    shutil.copy(BAD, os.path.join(src, "bad.xml"))
    return src


def part_odt(pp, tmp):
    tree(tmp)
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    r = run(pp, "batch", "in", "-o", "out", "--odt", "-j", "2", cwd=tmp, **epoch)
    check(r.returncode == 1, f"batch --odt: exit {r.returncode}, want 1 (one bad source): {r.stderr[-1500:]}")
    rep = json.load(open(os.path.join(tmp, "out", "report.json")))
    for e in rep["sources"]:
        if e["status"] != "ok":
            continue
        base = e["output"][:-4]
        check(e["odt"] == base + ".odt", f"{e['source']}: odt {e['odt']}")
        for ext in (".pdf", ".odt"):
            single = os.path.join(tmp, "single" + ext)
            s = run(pp, "render", e["source"], "-o", single, cwd=tmp, **epoch)
            check(s.returncode == 0, f"render {e['source']} -o {ext}: exit {s.returncode}")
            check(read(os.path.join(tmp, base + ext)) == read(single),
                  f"{e['source']}: batch's {ext} differs from render's")
        check(e["odt_bytes"] == os.path.getsize(os.path.join(tmp, base + ".odt")), f"{e['source']}: odt_bytes")
    ok = [e for e in rep["sources"] if e["status"] == "ok"]
    check(len(ok) == len(SAMPLES), f"{len(ok)} rendered, want {len(SAMPLES)}")
    check(not os.path.exists(os.path.join(tmp, "out", "bad.pdf")) and not os.path.exists(os.path.join(tmp, "out", "bad.odt")),
          "a failing source left an output")

    # up to date only with both files; the others stay as they are
    victim = ok[0]
    os.unlink(os.path.join(tmp, victim["odt"]))
    time.sleep(0.05)
    r = run(pp, "batch", "in", "-o", "out", "--odt", cwd=tmp)
    st = {e["source"]: e["status"] for e in json.load(open(os.path.join(tmp, "out", "report.json")))["sources"]}
    check(st.pop(victim["source"]) == "ok", "a source whose .odt was deleted was not rendered again")
    check(os.path.isfile(os.path.join(tmp, victim["odt"])), "the deleted .odt was not written again")
    check(st.pop("in/bad.xml") == "failed" and set(st.values()) == {"skipped"}, f"second run: {st}")
    r = run(pp, "batch", "in", "-o", "out", cwd=tmp)   # without --odt the PDFs alone decide
    check(all(e["status"] in ("skipped", "failed") and e["odt"] is None
              for e in json.load(open(os.path.join(tmp, "out", "report.json")))["sources"]), "a run without --odt")

    # a source that goes bad: both its old files go
    shutil.copy(BAD, os.path.join(tmp, victim["source"]))
    r = run(pp, "batch", "in", "-o", "out", "--odt", cwd=tmp)
    for ext in (".pdf", ".odt"):
        check(not os.path.exists(os.path.join(tmp, victim["output"][:-4] + ext)), f"a failed source kept its old {ext}")


def documented_fields():
    """The field names of the three tables under `report.json` in docs/batch.md."""
    doc = open(os.path.join(ROOT, "docs", "batch.md"), encoding="utf-8").read()
    part = doc[doc.index("## `report.json`"):doc.index("## The downloads page")]
    tables, cur = [], None
    for line in part.splitlines():
        m = re.match(r"\| `(\w+)` \|", line)
        if m:
            if cur is None:
                cur = []
                tables.append(cur)
            cur.append(m.group(1))
        elif not line.startswith("|"):
            cur = None
    return tables


def part_report(pp, tmp):
    src = tree(tmp)
    r = run(pp, "batch", "in", "-o", "out", "--odt", cwd=tmp)
    rep = json.load(open(os.path.join(tmp, "out", "report.json")))
    top, summary, per = documented_fields()
    check(sorted(rep) == sorted(top), f"top-level fields {sorted(rep)} vs documented {sorted(top)}")
    check(rep.get("format") == 2, f"format {rep.get('format')}")
    check(sorted(rep["summary"]) == sorted(summary), f"summary fields {sorted(rep['summary'])} vs {sorted(summary)}")
    for e in rep["sources"]:
        check(list(e) == per, f"{e['source']}: fields {list(e)} vs documented {per}")
    by = {e["source"]: e for e in rep["sources"]}
    tz = datetime.timezone(datetime.timedelta(hours=8))
    for path, e in by.items():
        text = open(os.path.join(tmp, path), encoding="utf-8").read()
        if path == "in/bad.xml":
            check(e["status"] == "failed" and e["exit_code"] == 1 and e["output"] is None and e["odt"] is None
                  and e["modified"] is None and e["messages"], f"bad source: {e}")
            continue
        get = lambda pat: (lambda m: m and m.group(1))(re.search(pat, text, re.S))
        issued = re.findall(r'<issued date="(\d{4}-\d{2}-\d{2})"', text)
        want = {"agency": get(r"<agency[^>]*>(.*?)</agency>"), "parent": get(r'<agency parent="([^"]+)"'),
                "title": get(r"<title>(.*?)</title>"), "year": int(get(r"<year[^>]*>(\d+)</year>")),
                "kind": get(r'<document[^>]*\bkind="([^"]+)"'), "issued": issued[-1] if issued else None,
                "status": "ok", "exit_code": 0, "profile": True}
        check({k: e[k] for k in want} == want, f"{path}: {({k: e[k] for k in want})} vs {want}")
        # the profile as check reports it, from its own code path
        c = run(pp, "check", path, cwd=tmp)
        m = re.match(rf"{re.escape(path)}: checked as (\S+) \((.+), template '(.+)'\)", c.stdout)
        if check(m, f"check {path}: {c.stdout}"):
            check((e["kind"], e["kind_label"], e["template"]) == m.groups(), f"{path}: profile {e} vs check {m.groups()}")
        pdf = os.path.join(tmp, e["output"])
        info = run("pdfinfo", pdf, cwd=tmp).stdout
        check(re.search(rf"^Pages:\s+{e['pages']}$", info, re.M), f"{path}: pages {e['pages']}")
        check(e["bytes"] == os.path.getsize(pdf) and e["odt_bytes"] == os.path.getsize(os.path.join(tmp, e["odt"])),
              f"{path}: sizes")
        mtime = datetime.datetime.fromtimestamp(int(os.stat(pdf).st_mtime), tz).isoformat()
        check(e["modified"] == mtime, f"{path}: modified {e['modified']} vs {mtime}")


def part_check(pp, tmp):
    src = tree(tmp)
    os.makedirs(os.path.join(src, ".hidden"))
    shutil.copy(SAMPLES[0], os.path.join(src, ".hidden", "skip.xml"))
    open(os.path.join(src, "notes.txt"), "w").write("not a source\n")
    os.symlink(os.path.join(src, "sub"), os.path.join(src, "loop"))   # a link to a folder: not followed
    os.symlink(SAMPLES[1], os.path.join(src, "linked.xml"))           # a link to a file: a source
    c = run(pp, "check", "in", cwd=tmp)
    checked = re.findall(r"^(\S+): checked as ", c.stdout, re.M)
    b = run(pp, "batch", "in", "-o", "out", cwd=tmp)
    rendered = [e["source"] for e in json.load(open(os.path.join(tmp, "out", "report.json")))["sources"]]
    # a source check could not read has no "checked as" line: compare with batch's successes and the messages
    check(checked == [s for s in rendered if s != "in/bad.xml"], f"check DIR checked {checked}, batch found {rendered}")
    check(c.returncode == 1, f"check DIR: exit {c.returncode}, want 1")
    single = run(pp, "check", "in/bad.xml", cwd=tmp)
    check(single.stderr and single.stderr in c.stderr, f"check DIR lacks the messages of check FILE:\n{c.stderr}")
    check(c.stderr.count("error:") == single.stderr.count("error:"), f"check DIR messages:\n{c.stderr}")
    os.makedirs(os.path.join(tmp, "empty"))
    e = run(pp, "check", "empty", cwd=tmp)
    check(e.returncode == 0 and "empty: warning: no sources (*.xml) here" in e.stderr, f"empty folder: {e.returncode} {e.stderr}")
    m = run(pp, "check", "in/sub", SAMPLES[1], cwd=tmp)
    check(m.returncode == 0 and len(re.findall(r"checked as", m.stdout)) == 2, f"a folder and a file together: {m.stdout}")


def part_messages(pp, tmp):
    src = tree(tmp)
    warn = os.path.join(ROOT, "samples", "moea-106-implementation-plan.xml")   # half-width punctuation: warnings
    keys = {"file", "line", "column", "level", "id", "message"}
    want = []
    os.makedirs(os.path.join(tmp, "single"))
    for root, _, files in os.walk(src):
        for k, s in enumerate(sorted(f for f in files if f.endswith(".xml"))):
            r = run(pp, "render", os.path.relpath(os.path.join(root, s), tmp),
                    "-o", os.path.join("single", f"{len(want)}-{k}.pdf"), "--diagnostics=json", cwd=tmp)
            want += [json.loads(l) for l in r.stderr.splitlines()]
    check(any(m["level"] == "warning" for m in want) and any(m["level"] == "error" for m in want),
          f"the tree gives no warning and error to compare: {want}")
    check(os.path.basename(warn) in os.listdir(src), "the sample with warnings is not in the tree")
    j = run(pp, "batch", "in", "-o", "out-json", "--diagnostics=json", "-j", "2", cwd=tmp)
    check(j.returncode == 1, f"batch --diagnostics=json: exit {j.returncode}, want 1")
    got = []
    for l in j.stderr.splitlines():
        try:
            o = json.loads(l)
        except ValueError:
            check(False, f"batch --diagnostics=json printed a line that is not JSON: {l!r}")
            continue
        check(isinstance(o, dict) and set(o) == keys, f"a JSON message without the fields {sorted(keys)}: {l}")
        got.append(o)
    key = lambda m: (m.get("file") or "", m.get("line") or 0, m.get("column") or 0, m.get("id") or "")
    check(sorted(got, key=key) == sorted(want, key=key),
          f"batch's JSON messages differ from render's:\n{sorted(got, key=key)}\nwant\n{sorted(want, key=key)}")
    q = run(pp, "batch", "in", "-o", "out-quiet", "-q", "-j", "2", cwd=tmp)
    check(q.returncode == 1, f"batch -q: exit {q.returncode}, want 1")
    lines = q.stderr.splitlines()
    errors = [m for m in want if m["level"] == "error"]
    check(any(re.fullmatch(r"\[\d+/\d+\] FAILED in/bad\.xml", l) for l in lines),
          f"batch -q does not name the failed source: {lines}")
    check(all(re.fullmatch(r"\[\d+/\d+\] FAILED .*", l) or ": error: " in l for l in lines),
          f"batch -q printed more than failures and errors: {lines}")
    check(sum(": error: " in l for l in lines) == len(errors), f"batch -q: {lines}, want the {len(errors)} errors")
    rep = lambda d: [(e["source"], e["messages"]) for e in json.load(open(os.path.join(tmp, d, "report.json")))["sources"]]
    plain = run(pp, "batch", "in", "-o", "out-plain", "-j", "2", cwd=tmp)
    check(plain.returncode == 1, f"batch: exit {plain.returncode}")
    check(rep("out-json") == rep("out-plain") == rep("out-quiet"), "report.json's messages depend on -q or --diagnostics")
    check(any(": warning: " in m for _, ms in rep("out-quiet") for m in ms), "report.json under -q lost the warnings")


PARTS = {"odt": part_odt, "report": part_report, "check": part_check, "messages": part_messages}


def main():
    run_parts(PARTS, "pp-outputs")


if __name__ == "__main__":
    main()
