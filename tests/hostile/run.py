#!/usr/bin/env python3
"""The hostile-input suite: sources built to hurt (entity bombs, external
identifiers, inputs that once took quadratic time, special files, outputs that
would destroy an input, encodings, signals) run against planpress, each under a
wall-time limit, with its exit status, its messages (ids and positions, read as
--diagnostics=json) and what it left on disk checked.

usage: run.py PLANPRESS SOURCE_DIR WORK_DIR GROUP [CASE...]

GROUP is one of the groups below (or "all"). The time limit of a case is its
own (2 s unless it says otherwise) times $PP_TIME_SCALE (default 1; the
sanitizer build sets 10): a hang or super-linear time fails the case instead of
stalling CI. The limit guards against hangs, it is no benchmark.

KNOWN_FAILING lists cases that fail because of a bug in code this suite's
author does not own: they are printed as "known failing: ..." and skipped.
PP_HOSTILE_KNOWN=1 runs them too (to check a fix, then strike them off).
"""
import json
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

# name -> why it fails today (the file whose owner must fix it)
KNOWN_FAILING = {
}

SCALE = float(os.environ.get("PP_TIME_SCALE", "1") or 1)
RUN_KNOWN = os.environ.get("PP_HOSTILE_KNOWN") == "1"

CASES = []   # (group, name, fn, time limit in s)


def case(group, name, limit=2.0):
    def reg(fn):
        CASES.append((group, name, fn, limit))
        return fn
    return reg


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


class Result:
    def __init__(self, rc, out, err, secs):
        self.rc, self.out, self.err, self.secs = rc, out, err, secs

    def diags(self):
        """The --diagnostics=json messages; every stderr line must be one JSON object."""
        out = []
        for line in self.err.splitlines():
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except ValueError:
                raise Fail(f"a message that is not one JSON line: {line[:200]!r}")
        return out


class Ctx:
    def __init__(self, pp, source, d, limit):
        self.pp, self.source, self.dir, self.limit = pp, source, d, limit * SCALE
        self.slowest = 0.0
        self.big = []

    def make(self, maker):
        info = maker(self.dir)
        self.big += info.get("big", [])
        return info

    def run(self, args, env=None, stdin=None, preexec=None, limit=None, cwd=None, stdout=None):
        """Runs planpress under the time limit; a hang is a failure, not a stall."""
        e = dict(os.environ)
        e.update(env or {})
        lim = (limit or self.limit)
        t0 = time.monotonic()
        p = subprocess.Popen([self.pp] + args, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                             stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE, env=e, cwd=cwd or self.dir,
                             preexec_fn=preexec)
        try:
            out, err = p.communicate(timeout=lim)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            raise Fail(f"did not finish within {lim:.1f} s (a hang, or time not linear in the input): {args[:4]}")
        secs = time.monotonic() - t0
        self.slowest = max(self.slowest, secs)
        return Result(p.returncode, out or b"", err.decode("utf-8", "replace"), secs)


def listing(d):
    """Every file under d (relative paths), temporaries included."""
    out = set()
    for root, dirs, files in os.walk(d):
        for n in files + [x for x in dirs if os.path.islink(os.path.join(root, x))]:
            out.add(os.path.relpath(os.path.join(root, n), d))
    return out


def snapshot(paths):
    """Bytes (or a device's identity) of each path, to prove them untouched."""
    out = {}
    for p in paths:
        st = os.lstat(p)
        if stat.S_ISREG(st.st_mode):
            with open(p, "rb") as f:
                out[p] = ("file", f.read(), st.st_ino)
        else:
            out[p] = ("other", stat.S_IFMT(st.st_mode), st.st_ino, st.st_rdev)
    return out


def same_as(snap):
    for p, v in snap.items():
        check(os.path.lexists(p), f"{p} was deleted")
        now = snapshot([p])[p]
        check(now == v, f"{p} was changed")


def no_leak(r):
    blob = r.out.decode("utf-8", "replace") + r.err
    for mark in (gen.ENTITY_MARK, gen.SECRET_MARK):
        check(mark not in blob, f"{mark} (an entity's or a named file's text) reached the output")


def id_is(x, want):
    """An id matches a wanted one exactly, or a family "schema*" (schema, schema-bad-value, ...)."""
    return x == want or (want.endswith("*") and x.startswith(want[:-1]))


def expect(r, rc, ids=(), at=None, contains=None, positioned=True):
    """The exit status; the first error's id (and its place), and every error's id among ids
    when given; a position on every error (and on every XML warning) when positioned; every
    message one line. Warnings about something else (an output's name) are let be."""
    check(r.rc == rc, f"exit {r.rc}, want {rc}: {r.err[-600:]}")
    ds = r.diags()
    no_leak(r)
    errs = [x for x in ds if x["level"] != "warning"]
    if ids:
        check(errs, f"no error message, want {ids[0]}: {ds}")
        check(any(id_is(errs[0]["id"], w) for w in ids), f"first error is {errs[0]['id']}: {errs[0]['message']}, want {' or '.join(ids)}")
        for x in errs:
            check(any(id_is(x["id"], w) for w in ids), f"unexpected message {x['id']}: {x['message']}")
    for x in ds:
        if positioned and (x["level"] != "warning" or x["id"].startswith("xml")):
            check(x["line"] > 0 and x["column"] > 0, f"message without a position: {x['message']}")
        check("\n" not in x["message"], f"a message of more than one line: {x['message']!r}")
    if at is not None:
        check((errs[0]["line"], errs[0]["column"]) == tuple(at),
              f"first error at {errs[0]['line']}:{errs[0]['column']}, want {at[0]}:{at[1]}: {errs[0]['message']}")
    if contains:
        check(contains in errs[0]["message"], f"message lacks {contains!r}: {errs[0]['message']}")
    return errs


def text_lines_positioned(r, name):
    """In text mode, every stderr line is `NAME:LINE:COL: level: ...` with LINE, COL >= 1."""
    pat = re.compile(r"^" + re.escape(name) + r":([1-9][0-9]*):([1-9][0-9]*): (error|warning|note): \S")
    for line in r.err.splitlines():
        if re.match(r"^" + re.escape(name) + r": checked as ", line):
            continue
        check(pat.match(line), f"a message line without file:line:col: {line[:200]!r}")


def refused(ctx, info, rc, ids, at=None, contains=None, extra=(), positioned=True, render=True):
    """render (or check) of info's source is refused: exit rc, ids, nothing written."""
    before = listing(ctx.dir)
    keep = snapshot([info["src"]])
    args = ["render", info["src"], "-o", os.path.join(ctx.dir, "out.pdf")] if render else ["check", info["src"]]
    r = ctx.run(args + ["--diagnostics=json"] + list(extra))
    ds = expect(r, rc, ids, at=at, contains=contains, positioned=positioned)
    check(listing(ctx.dir) == before, f"files were written: {sorted(listing(ctx.dir) - before)}")
    same_as(keep)
    return ds


def rendered(ctx, info, extra=(), env=None):
    """render succeeds: exit 0, no error, only out.pdf new; returns (result, pdf path)."""
    before = listing(ctx.dir)
    out = os.path.join(ctx.dir, "out.pdf")
    r = ctx.run(["render", info["src"], "-o", out, "--diagnostics=json"] + list(extra), env=env)
    check(r.rc == 0, f"exit {r.rc}, want 0: {r.err[-600:]}")
    no_leak(r)
    check(listing(ctx.dir) - before == {"out.pdf"}, f"new files: {sorted(listing(ctx.dir) - before)}")
    return r, out


def pdftext(path):
    return subprocess.run(["pdftotext", "-q", path, "-"], capture_output=True, text=True, timeout=120).stdout


def squash(s):
    return re.sub(r"\s+", "", s)


# ==== 1. entities, external identifiers, XInclude, processing instructions ======

def doctype_refused(maker, what):
    def fn(ctx):
        info = ctx.make(getattr(gen, maker))
        ds = refused(ctx, info, 1, ["doctype-refused"], contains=what)
        lines = {info["marks"][k][0] for k in ("dt", "subset") if k in info["marks"]}   # the DOCTYPE's lines
        check(ds[0]["line"] in lines, f"refused on line {ds[0]['line']}, the DOCTYPE is on {sorted(lines)}")
        check(len(ds) == 1, f"{len(ds)} messages, want the one")
        r = ctx.run(["check", info["src"], "--diagnostics=json"])   # check refuses it the same way
        expect(r, 1, ["doctype-refused"])
    return fn


for _name, _maker, _what in [
        ("entity-in-agency", "ent_agency", "internal subset"),
        ("entity-in-unit", "ent_unit", "internal subset"),
        ("entity-in-attributes", "ent_attr", "internal subset"),
        ("entity-7601-pages", "ent_pages", "internal subset"),
        ("billion-laughs", "ent_laughs", "internal subset"),
        ("parameter-entity", "ent_param", "internal subset"),
        ("external-entity", "ent_external", "internal subset"),
        ("subset-after-newline", "ent_newline", "internal subset"),
        ("system-identifier", "ext_system", "system identifier"),
        ("public-identifier", "ext_public", "public identifier"),
        ("system-and-subset", "ext_system_subset", "internal subset")]:
    case("entities", _name)(doctype_refused(_maker, _what))


@case("entities", "undeclared-entity")
def _(ctx):
    info = ctx.make(gen.ent_undeclared)
    ds = refused(ctx, info, 1, ["xml-syntax", "unknown-entity"])
    check(ds[0]["line"] == info["marks"]["ref"][0] and "x" in ds[0]["message"], f"{ds[0]}")


@case("entities", "template-subset")
def _(ctx):
    info = ctx.make(gen.ent_template)
    before = listing(ctx.dir)
    r = ctx.run(["render", info["src"], "-o", os.path.join(ctx.dir, "out.pdf"), "--template", info["tpl"],
                 "--diagnostics=json"])
    ds = expect(r, 3, ["template-xml"])
    check(ds[0]["file"] == info["tpl"] and ds[0]["line"] == info["tpl_marks"]["dt"][0], f"{ds[0]}")
    check(listing(ctx.dir) == before, "files were written")


@case("entities", "plan-subset")
def _(ctx):
    info = ctx.make(gen.ent_plan)
    r = ctx.run(["check", "--plan", info["plan"], info["src"], "--diagnostics=json"])
    ds = expect(r, 1, ["doctype-refused"])
    check(ds[0]["file"] == info["plan"] and ds[0]["line"] == info["plan_marks"]["dt"][0], f"{ds[0]}")


@case("entities", "xinclude-in-section")
def _(ctx):
    info = ctx.make(gen.xinclude_section)
    refused(ctx, info, 1, ["schema*"], at=info["marks"]["xi"])


@case("entities", "xinclude-in-p")
def _(ctx):
    info = ctx.make(gen.xinclude_p)
    refused(ctx, info, 1, ["schema*"], at=info["marks"]["xi"])


@case("entities", "processing-instructions")
def _(ctx):
    info = ctx.make(gen.pis)
    r, out = rendered(ctx, info)
    text = pdftext(out)
    check("前後" in squash(text) and "再見" in squash(text), f"the text around the PIs is not there: {text[:200]!r}")
    check(gen.SECRET_MARK not in text, "a processing instruction's text reached the PDF")
    r = ctx.run(["render", info["src"], "--dump=model"])
    check(r.rc == 0 and gen.SECRET_MARK.encode() not in r.out, "a processing instruction reached the model")


# ==== 2./3. size and shape ==========================================================

# libxml2 validates mixed content in time growing with the square of its
# children: past the cap (caps.h) a paragraph is refused at once, below it set.
@case("scale", "em-100k")
def _(ctx):
    refused(ctx, ctx.make(gen.em_100k), 1, ["too-many-inline"])


@case("scale", "br-50k")
def _(ctx):
    refused(ctx, ctx.make(gen.br_50k), 1, ["too-many-inline"])


@case("scale", "em-10k-rendered", limit=4.0)
def _(ctx):
    rendered(ctx, ctx.make(gen.em_10k))


@case("scale", "list-50k-one-line-vs-lines", limit=4.0)
def _(ctx):
    one = ctx.make(gen.list_one_line)
    r1 = ctx.run(["check", one["src"], "--diagnostics=json"])
    expect(r1, 0)
    os.rename(one["src"], os.path.join(ctx.dir, "one.xml"))
    many = ctx.make(gen.list_lines)
    r2 = ctx.run(["check", many["src"], "--diagnostics=json"])
    expect(r2, 0)
    print(f"    one line {r1.secs:.2f} s, separate lines {r2.secs:.2f} s")
    # the finding was 17 times slower on one line; allow noise, not a different order
    check(r1.secs <= 3 * r2.secs + 0.5 * SCALE, f"one line {r1.secs:.2f} s against {r2.secs:.2f} s on separate lines")


@case("scale", "text-50mb-one-line", limit=4.0)
def _(ctx):
    info = ctx.make(gen.big_text_50mb)
    before = listing(ctx.dir)
    r = ctx.run(["render", info["src"], "-o", os.path.join(ctx.dir, "out.pdf"), "--diagnostics=json"])
    if r.rc != 0:   # refused: with a message at a position, nothing written
        expect(r, 1, ["xml-syntax", "file-too-large"])
        check(listing(ctx.dir) == before, "files were written")


@case("scale", "elements-5mb-one-line")
def _(ctx):
    r = ctx.run(["check", ctx.make(gen.big_elements_one_line)["src"], "--diagnostics=json"])
    expect(r, 0)


@case("scale", "over-size-cap")
def _(ctx):
    info = ctx.make(gen.over_cap)
    refused(ctx, info, 1, ["file-too-large"], positioned=False, contains="64 MB")
    with open(info["src"], "rb") as f:   # the same through standard input
        r = ctx.run(["check", "-", "--diagnostics=json"], stdin=f)
    expect(r, 1, ["file-too-large"], positioned=False)
    with open("/dev/zero", "rb") as f:   # and a stream that never ends
        r = ctx.run(["render", "-", "-o", os.path.join(ctx.dir, "z.pdf"), "--diagnostics=json"], stdin=f)
    expect(r, 1, ["file-too-large"], positioned=False)
    check(not os.path.exists(os.path.join(ctx.dir, "z.pdf")), "an output was written")


@case("scale", "attributes-50k")
def _(ctx):
    info = ctx.make(gen.attributes_50k)
    refused(ctx, info, 1, ["schema*", "xml-syntax", "too-many-attributes"], render=False)


@case("scale", "namespaces-100k")
def _(ctx):
    info = ctx.make(gen.namespaces_100k)
    r = ctx.run(["check", info["src"], "--diagnostics=json"])
    check(r.rc in (0, 1), f"exit {r.rc}: {r.err[-300:]}")
    if r.rc == 1:
        expect(r, 1)


@case("scale", "long-word")
def _(ctx):
    info = ctx.make(gen.long_word)
    r, out = rendered(ctx, info)
    ds = r.diags()
    check(ds and all(x["id"] == "word-too-wide" for x in ds), f"{ds[:3]}")
    check(("a" * 40) in pdftext(out), "the word's letters are not in the PDF")


@case("scale", "deep-em")
def _(ctx):
    info = ctx.make(gen.deep_em)
    refused(ctx, info, 1, ["too-deep"], contains="64")


@case("scale", "deep-sections")
def _(ctx):
    refused(ctx, ctx.make(gen.deep_sections), 1, ["too-deep"])


@case("scale", "deep-lists")
def _(ctx):
    refused(ctx, ctx.make(gen.deep_lists), 1, ["too-deep"])


@case("scale", "deep-10k")
def _(ctx):
    refused(ctx, ctx.make(gen.deep_10k), 1, ["xml-syntax", "too-deep"])


@case("scale", "deep-200k-unclosed")
def _(ctx):
    refused(ctx, ctx.make(gen.deep_200k), 1, ["xml-syntax", "too-deep"])


@case("scale", "rowspan-30000")
def _(ctx):
    info = ctx.make(gen.rowspan_30k)
    refused(ctx, info, 1, ["rowspan-beyond"], at=info["marks"]["cell"], contains="30000")


@case("scale", "rowspan-past-end")
def _(ctx):
    info = ctx.make(gen.rowspan_2)
    refused(ctx, info, 1, ["rowspan-beyond"], at=info["marks"]["cell"])


@case("scale", "rowspan-20-digits")
def _(ctx):
    info = ctx.make(gen.rowspan_huge)
    refused(ctx, info, 1, ["bad-number", "schema*"], at=info["marks"]["v"])


@case("scale", "colspan-30000")
def _(ctx):
    info = ctx.make(gen.colspan_30k)
    refused(ctx, info, 1, ["bad-number", "schema*"], at=info["marks"]["v"])


@case("scale", "colspan-past-end")
def _(ctx):
    info = ctx.make(gen.colspan_3)
    refused(ctx, info, 1, ["colspan-beyond"], at=info["marks"]["cell"])


@case("scale", "scores-1e20")
def _(ctx):
    info = ctx.make(gen.scores_1e20)
    ds = refused(ctx, info, 1, ["bad-number"], render=False)
    check([(x["line"], x["column"]) for x in ds] == [info["marks"]["total"], info["marks"]["score"]],
          f"positions {[(x['line'], x['column']) for x in ds]}")


@case("scale", "scores-int64")
def _(ctx):
    info = ctx.make(gen.scores_int64)
    refused(ctx, info, 1, ["bad-number"], at=info["marks"]["total"], render=False)


@case("scale", "score-cells-1e20")
def _(ctx):
    refused(ctx, ctx.make(gen.score_cells_1e20), 1, ["schema*", "bad-number"], render=False)


@case("scale", "score-cells-1e17")
def _(ctx):
    info = ctx.make(gen.score_cells_1e17)
    r = ctx.run(["check", info["src"], "--diagnostics=json"])
    ds = expect(r, 1)   # any error, at the cell or the table: the sum does not hold
    check(any(x["level"] == "error" and x["line"] in (info["marks"]["big"][0], info["marks"]["table"][0]) for x in ds),
          f"no error at the cell or the table: {ds}")


@case("scale", "text-dates")
def _(ctx):
    info = ctx.make(gen.dates)
    ds = refused(ctx, info, 1, ["text-date"], render=False)
    got = [(x["line"], x["column"]) for x in ds]
    want = [info["marks"][k] for k in "abcdefghi"]
    check(got == want, f"date errors at {got}, want {want}: {[x['message'] for x in ds]}")
    check("no such year" in ds[0]["message"] and "not negative" in ds[1]["message"], f"{ds[0]['message']} / {ds[1]['message']}")


@case("scale", "date-ranges-pass")
def _(ctx):
    r = ctx.run(["check", ctx.make(gen.dates_ranges)["src"], "--diagnostics=json"])
    expect(r, 0)
    check(r.diags() == [], f"messages on real dates: {r.err}")


def structure_ok(ctx, out, want):
    q = subprocess.run(["qpdf", "--check", out], capture_output=True, text=True, timeout=120)
    check(q.returncode == 0, f"qpdf --check: {q.stdout[-300:]}{q.stderr[-300:]}")
    s = subprocess.run(["pdfinfo", "-struct", out], capture_output=True, text=True, timeout=120).stdout
    n = len(re.findall(r"^\s*(P|LI|LBody)\b", s, re.M))
    check(n >= want, f"{n} P/LI elements in the structure tree, want at least {want}")


@case("scale", "paras-40k", limit=6.0)
def _(ctx):
    r, out = rendered(ctx, ctx.make(gen.paras_40k))
    structure_ok(ctx, out, 40000)


@case("scale", "items-40k", limit=6.0)
def _(ctx):
    r, out = rendered(ctx, ctx.make(gen.items_40k))
    structure_ok(ctx, out, 40000)


# ==== 2. special files ==============================================================

def special_refused(ctx, args, what, stdin=None):
    before = listing(ctx.dir)
    r = ctx.run(args + ["--diagnostics=json"], stdin=stdin)
    ds = expect(r, 1, [what], positioned=False)
    check(listing(ctx.dir) == before, f"files were written: {sorted(listing(ctx.dir) - before)}")
    return ds


@case("special", "source")
def _(ctx):
    info = ctx.make(gen.special)
    out = os.path.join(ctx.dir, "out.pdf")
    for path, kind in [("fifo", "a FIFO"), ("fifo-link.xml", "a FIFO"), ("folder", "a folder"),
                       ("/dev/zero", "a device"), ("sock", "a socket")]:
        # (check of a folder checks the sources in it: only render is asked of one)
        for cmd in (["render", path, "-o", out],) + ((["check", path],) if path != "folder" else ()):
            ds = special_refused(ctx, cmd, "not-a-file")
            check(kind in ds[0]["message"], f"{cmd}: {ds[0]['message']} does not say {kind}")


@case("special", "template")
def _(ctx):
    info = ctx.make(gen.special)
    out = os.path.join(ctx.dir, "out.pdf")
    for path in ["./fifo", "./folder", "/dev/zero", "./sock"]:
        special_refused(ctx, ["render", info["src"], "-o", out, "--template", path], "not-a-file")
        special_refused(ctx, ["check", "--template", path, info["src"]], "not-a-file")


@case("special", "plan")
def _(ctx):
    ctx.make(gen.special)
    out = os.path.join(ctx.dir, "out.pdf")
    for path in ["fifo", "folder", "/dev/zero", "sock"]:
        before = listing(ctx.dir)
        r = ctx.run(["render", "report.xml", "--plan", path, "-o", out, "--diagnostics=json"])
        ds = expect(r, 1, ["not-a-file"], positioned=False)
        check(ds[0]["file"] == path, f"{ds[0]}")
        check(listing(ctx.dir) == before, "files were written")
        r = ctx.run(["check", "--plan", path, "report.xml", "--diagnostics=json"])
        check(r.rc == 1 and r.diags() and r.diags()[0]["id"] == "not-a-file", f"check --plan {path}: {r.err}")


@case("special", "stdin")
def _(ctx):
    info = ctx.make(gen.special)
    with open(info["src"], "rb") as f:   # "-" reads a pipe or a file, whatever it is
        r = ctx.run(["check", "-", "--diagnostics=json"], stdin=f)
    expect(r, 0)
    fd = os.open(os.path.join(ctx.dir, "folder"), os.O_RDONLY)
    try:
        r = ctx.run(["check", "-", "--diagnostics=json"], stdin=fd)
    finally:
        os.close(fd)
    expect(r, 1, ["cannot-read"], positioned=False)


@case("special", "icc-fifo")
def _(ctx):
    info = ctx.make(gen.special)
    r = ctx.run(["render", info["src"], "--pdfa", "-o", os.path.join(ctx.dir, "out.pdf"), "--diagnostics=json"],
                env={"PLANPRESS_ICC": os.path.join(ctx.dir, "fifo")})
    check(r.rc != 0 and r.diags(), f"exit {r.rc}: {r.err}")
    check(not os.path.exists(os.path.join(ctx.dir, "out.pdf")), "a PDF was written")


# ==== 4. output safety ==============================================================

def output_refused(ctx, args, what, protect, env=None, rc=1):
    snap = snapshot(protect)
    before = listing(ctx.dir)
    r = ctx.run(args + ["--diagnostics=json"], env=env)
    ds = expect(r, rc, [what], positioned=False)
    same_as(snap)
    check(listing(ctx.dir) == before, f"files were written or removed: {sorted(listing(ctx.dir) ^ before)}")
    return ds


@case("output", "source")
def _(ctx):
    info = ctx.make(gen.output_env)
    d = ctx.dir
    os.symlink("in.xml", os.path.join(d, "link.xml"))
    os.link(info["src"], os.path.join(d, "hard.xml"))
    os.mkdir(os.path.join(d, "sub"))
    for src, out in [("in.xml", "in.xml"), ("in.xml", "./in.xml"), ("./in.xml", "sub/../in.xml"),
                     ("in.xml", os.path.join(d, "in.xml")), ("in.xml", "link.xml"), ("in.xml", "hard.xml")]:
        output_refused(ctx, ["render", src, "-o", out], "output-is-input", [info["src"], os.path.join(d, "link.xml")])
    # a source that fails to render is not deleted either (once it was)
    with open(os.path.join(d, "bad.xml"), "w") as f:
        f.write(gen.doc("<p>x<bad/></p>"))
    output_refused(ctx, ["render", "bad.xml", "-o", "bad.xml"], "output-is-input", [os.path.join(d, "bad.xml")])


@case("output", "template")
def _(ctx):
    info = ctx.make(gen.output_env)
    tpl = os.path.join(ctx.dir, "tpl.xml")
    output_refused(ctx, ["render", info["src"], "--template", "./tpl.xml", "-o", "tpl.xml"], "output-is-input", [tpl])
    # the template named by the source's template="…" attribute
    with open(os.path.join(ctx.dir, "named.xml"), "w") as f:
        f.write(gen.doc("<p>內容</p>", root='<document kind="document" template="tpl.xml">'))
    output_refused(ctx, ["render", "named.xml", "-o", "tpl.xml"], "output-is-input", [tpl])


@case("output", "parent-template")
def _(ctx):
    """The templates a template extends are inputs too (a copy of the stock folder)."""
    info = ctx.make(gen.output_env)
    tdir = os.path.join(ctx.dir, "templates")
    shutil.copytree(os.path.join(ctx.source, "templates"), tdir)
    env = {"PLANPRESS_TEMPLATES": tdir}
    for name in ["base.xml", "document.xml"]:
        p = os.path.join(tdir, name)
        output_refused(ctx, ["render", info["src"], "-o", p], "output-is-input", [p], env=env)


@case("output", "schemas")
def _(ctx):
    info = ctx.make(gen.output_env)
    tdir = os.path.join(ctx.dir, "templates")
    shutil.copytree(os.path.join(ctx.source, "templates"), tdir)
    env = {"PLANPRESS_TEMPLATES": tdir}
    for name in ["document.rng", "template.rng"]:
        p = os.path.join(tdir, name)
        output_refused(ctx, ["render", info["src"], "-o", p], "output-is-input", [p], env=env)


@case("output", "plan")
def _(ctx):
    ctx.make(gen.output_env)
    output_refused(ctx, ["render", "report.xml", "--plan", "plan.xml", "-o", "plan.xml"], "output-is-input",
                   [os.path.join(ctx.dir, "plan.xml")])


@case("output", "icc")
def _(ctx):
    info = ctx.make(gen.output_env)
    prof = next((p for p in ["/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/colord/sRGB.icc"] if os.path.exists(p)), None)
    if not prof:
        print("    skipped: no sRGB profile installed")
        return
    mine = os.path.join(ctx.dir, "srgb.icc")
    shutil.copy(prof, mine)
    output_refused(ctx, ["render", info["src"], "--pdfa", "-o", mine], "output-is-input", [mine],
                   env={"PLANPRESS_ICC": mine})


@case("output", "font")
def _(ctx):
    """A fontconfig of its own: the system's Han fonts linked, a copy of the Latin one as output."""
    info = ctx.make(gen.output_env)
    r = ctx.run(["fonts"])
    paths = re.findall(r"-> (/\S+\.(?:ttf|otf|ttc))", r.out.decode())
    check(len(paths) >= 2, f"planpress fonts: {r.out[:300]!r}")
    fdir = os.path.join(ctx.dir, "fonts")
    os.mkdir(fdir)
    latin = None
    for i, p in enumerate(dict.fromkeys(paths)):
        dst = os.path.join(fdir, os.path.basename(p))
        if i == 1:
            shutil.copy(p, dst)
            latin = dst
        else:
            os.symlink(p, dst)
    conf = os.path.join(ctx.dir, "fonts.conf")
    with open(conf, "w") as f:
        f.write(f'<?xml version="1.0"?>\n<fontconfig><dir>{fdir}</dir><cachedir>{ctx.dir}/fc-cache</cachedir></fontconfig>\n')
    env = {"FONTCONFIG_FILE": conf}
    r = ctx.run(["fonts"], env=env)
    check(latin.encode() in r.out, f"the isolated fontconfig does not serve {latin}: {r.out[:400]!r}")
    output_refused(ctx, ["render", info["src"], "-o", latin], "output-is-input", [latin], env=env)


@case("output", "not-regular")
def _(ctx):
    info = ctx.make(gen.output_env)
    d = ctx.dir
    os.symlink("/dev/zero", os.path.join(d, "zero-link"))
    protect = [os.path.join(d, n) for n in ("folder", "fifo", "sock", "zero-link")]
    for out, kind in [("folder", "a folder"), ("fifo", "a FIFO"), ("zero-link", "a device"), ("sock", "not a regular file")]:
        ds = output_refused(ctx, ["render", info["src"], "-o", out], "output-not-regular", protect)
        check(kind in ds[0]["message"], f"{ds[0]['message']} does not say {kind}")
    # a device node of our own, then (as root only, and only once that held) /dev/null itself
    node = os.path.join(d, "null")
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        print("    no device node test: mknod is not permitted here")
        return
    output_refused(ctx, ["render", info["src"], "-o", node], "output-not-regular", [node])
    output_refused(ctx, ["render", "fifo", "-o", node], "output-not-regular", [node])   # before anything is read
    if os.geteuid() == 0:
        st = os.stat("/dev/null")
        output_refused(ctx, ["render", info["src"], "-o", "/dev/null"], "output-not-regular", ["/dev/null"])
        st2 = os.stat("/dev/null")
        check(stat.S_ISCHR(st2.st_mode) and st2.st_rdev == st.st_rdev and st2.st_ino == st.st_ino, "/dev/null was replaced")


@case("output", "missing-folder")
def _(ctx):
    """An output that cannot be created is refused before the source is even read: the
    source's own error (a date that does not exist) is never reached."""
    ctx.make(gen.output_env)
    with open(os.path.join(ctx.dir, "dated.xml"), "w") as f:
        f.write(gen.doc("<p>110年2月30日</p>"))
    for out, why in [("no-such-folder/x.pdf", "No such file or directory"), ("dated.xml/x.pdf", "Not a directory"),
                     ("newdir/", "Is a directory"), ("", "No such file or directory")]:
        before = listing(ctx.dir)
        r = ctx.run(["render", "dated.xml", "-o", out, "--diagnostics=json"])
        ds = expect(r, 4, ["output-create"], positioned=False, contains=why)
        check(len(ds) == 1, f"-o {out!r}: the render went on: {ds}")
        check(listing(ctx.dir) == before, "files were written")


@case("output", "stdout")
def _(ctx):
    """-o - writes to standard output; a full or closed one is an error, exit 4."""
    info = ctx.make(gen.output_env)
    with open("/dev/full", "wb") as full:
        r = ctx.run(["render", info["src"], "-o", "-", "--diagnostics=json"], stdin=None, stdout=full)
    expect(r, 4, ["output-write"], positioned=False, contains="No space left")
    r = ctx.run(["render", info["src"], "-o", "-", "--diagnostics=json"])
    check(r.rc == 0 and r.out.startswith(b"%PDF-"), f"-o -: exit {r.rc}, {r.out[:8]!r}")


@case("output", "long-names")
def _(ctx):
    info = ctx.make(gen.output_env)
    d = ctx.dir
    name = "x" * 251 + ".pdf"   # NAME_MAX: 255 bytes
    r = ctx.run(["render", info["src"], "-o", name, "--diagnostics=json"])
    expect(r, 0)
    check(os.path.isfile(os.path.join(d, name)), "the 255-byte name was not written")
    name3 = "文" * 85   # 255 bytes of UTF-8
    r = ctx.run(["render", info["src"], "-o", name3, "--diagnostics=json"])
    expect(r, 0)
    before = listing(d)
    r = ctx.run(["render", info["src"], "-o", "y" * 252 + ".pdf", "--diagnostics=json"])
    check(r.rc != 0 and r.diags() and r.diags()[0]["id"] in ("output-create", "output-write"), f"256 bytes: exit {r.rc} {r.err}")
    check(listing(d) == before, f"a temporary was left: {sorted(listing(d) - before)}")
    # a path one byte short of PATH_MAX (4096), in folders of 200 bytes
    pathmax = os.pathconf(d, "PC_PATH_MAX")
    cur = d
    def room(c):   # bytes left for the last folder's name
        return pathmax - 1 - len(c.encode()) - 1 - 1 - len("longest.pdf")
    while room(cur) > 255:
        cur = os.path.join(cur, "d" * min(200, room(cur) - 201))   # leaves 200 bytes at the end
    last = room(cur)
    check(0 < last <= 255, f"cannot build the path ({last})")
    cur = os.path.join(cur, "e" * last)
    os.makedirs(cur)
    out = os.path.join(cur, "longest.pdf")
    check(len(out.encode()) == pathmax - 1, f"path of {len(out.encode())} bytes")
    r = ctx.run(["render", info["src"], "-o", out, "--diagnostics=json"])
    expect(r, 0)
    check(os.listdir(cur) == ["longest.pdf"], f"beside the longest path: {os.listdir(cur)}")


@case("output", "failed-render")
def _(ctx):
    """A failed render removes an earlier PDF at its output (it must not be taken for the new one,
    as `render --help` says) and never anything that is not a PDF or ODF file."""
    ctx.make(gen.output_env)
    d = ctx.dir
    with open(os.path.join(d, "bad.xml"), "w") as f:
        f.write(gen.doc("<p>x<bad/></p>"))
    with open(os.path.join(d, "old.pdf"), "wb") as f:
        f.write(b"%PDF-1.7 an older render\n")
    r = ctx.run(["render", "bad.xml", "-o", "old.pdf", "--diagnostics=json"])
    expect(r, 1, ["schema*"])
    check(not os.path.exists(os.path.join(d, "old.pdf")), "the older PDF was kept after a failed render")
    check(not [n for n in os.listdir(d) if n.startswith(".")], f"temporaries: {os.listdir(d)}")
    with open(os.path.join(d, "notes.txt"), "w") as f:
        f.write("my notes\n")
    output_refused(ctx, ["render", "bad.xml", "-o", "notes.txt"], "schema*", [os.path.join(d, "notes.txt")])
    os.symlink("notes.txt", os.path.join(d, "notes-link.pdf"))
    output_refused(ctx, ["render", "bad.xml", "-o", "notes-link.pdf"], "schema*",
                   [os.path.join(d, "notes.txt"), os.path.join(d, "notes-link.pdf")])


def limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


@case("output", "write-fails")
def _(ctx):
    """The disk fills up (a 4 kB file size limit): the temporary is removed, exit 4, and a
    file that is not planpress's at the output path is kept."""
    info = ctx.make(gen.output_env)
    d = ctx.dir
    with open(os.path.join(d, "keep.pdf"), "w") as f:
        f.write("not a PDF: a user's file\n")
    snap = snapshot([os.path.join(d, "keep.pdf"), info["src"]])
    before = listing(d)
    r = ctx.run(["render", info["src"], "-o", "keep.pdf", "--diagnostics=json"], preexec=limit_file_size)
    expect(r, 4, ["output-write"], positioned=False)
    same_as(snap)
    check(listing(d) == before, f"left behind: {sorted(listing(d) ^ before)}")
    r = ctx.run(["render", info["src"], "-o", "new.pdf", "--diagnostics=json"], preexec=limit_file_size)
    expect(r, 4, ["output-write"], positioned=False)
    check(listing(d) == before, f"left behind: {sorted(listing(d) ^ before)}")


def shim_env(ctx, sig):
    shim = os.environ.get("PP_HOSTILE_SHIM")
    check(shim and os.path.exists(shim), "PP_HOSTILE_SHIM (the signal shim library) is not built")
    env = {"LD_PRELOAD": shim, "PP_HOSTILE_SIGNAL_AT_RENAME": str(int(sig)),
           "PP_HOSTILE_NOTE": os.path.join(os.path.dirname(ctx.dir), os.path.basename(ctx.dir) + ".note")}
    # the sanitizer runtime wants to be first; the shim does nothing it would check
    env["ASAN_OPTIONS"] = (os.environ.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0").lstrip(":")
    return env


@case("signals", "at-rename")
def _(ctx):
    """SIGINT and SIGTERM while the temporary exists (sent from inside rename by a preloaded
    shim): the handler removes it, the process dies of the signal, the old output stays."""
    info = ctx.make(gen.output_env)
    d = ctx.dir
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        with open(os.path.join(d, "out.pdf"), "wb") as f:
            f.write(b"%PDF-1.7 the previous render\n")
        snap = snapshot([os.path.join(d, "out.pdf"), info["src"]])
        before = listing(d)
        env = shim_env(ctx, sig)
        r = ctx.run(["render", info["src"], "-o", "out.pdf"], env=env)
        check(r.rc == -sig, f"{sig.name}: exit {r.rc}, want death by the signal: {r.err[-300:]}")
        with open(env["PP_HOSTILE_NOTE"]) as f:
            note = f.read()
        os.unlink(env["PP_HOSTILE_NOTE"])
        check("existed" in note, f"{sig.name}: the shim did not see the temporary: {note!r}")
        check(listing(d) == before, f"{sig.name}: left behind: {sorted(listing(d) ^ before)}")
        same_as(snap)


def cpu_seconds(pid):
    """The CPU time a running process has used (user + system), from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@case("signals", "during-render", limit=30.0)
def _(ctx):
    """SIGINT or SIGTERM from outside while a long render runs: no temporary, no partial output.
    Not a race against the clock: the document grows until a whole render lasts at least a
    second on this machine, and the signal goes once the render has used a fifth of that
    in CPU time (well past start-up, where the handlers are set, and well before the end)."""
    d = ctx.dir
    out = os.path.join(d, "out.pdf")
    paragraphs, full = 16000, 0.0
    while True:
        info = gen.signal_doc(d, paragraphs)
        t0 = time.monotonic()
        r = subprocess.run([ctx.pp, "render", info["src"], "-o", out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=ctx.limit)
        full = time.monotonic() - t0
        check(r.returncode == 0, f"the uninterrupted render failed: exit {r.returncode}: {r.stderr[-300:]!r}")
        os.unlink(out)
        if full >= 1.0 or paragraphs >= 16000 * 16:
            break
        paragraphs *= 2
    mark = full / 5
    for sig in (signal.SIGINT, signal.SIGTERM):
        before = listing(d)
        p = subprocess.Popen([ctx.pp, "render", info["src"], "-o", out],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t0 = time.monotonic()
        while True:
            used = cpu_seconds(p.pid)
            if p.poll() is not None or (used is not None and used >= mark) or time.monotonic() - t0 > ctx.limit:
                break
            time.sleep(0.005)
        check(p.poll() is None, f"{sig.name}: the render ended before it had used {mark:.2f} s of CPU "
                                f"(a whole render took {full:.2f} s)")
        p.send_signal(sig)
        try:
            p.communicate(timeout=ctx.limit)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            raise Fail(f"{sig.name}: the render did not stop")
        check(p.returncode == -sig, f"{sig.name}: exit {p.returncode}")
        check(listing(d) == before, f"{sig.name}: left behind: {sorted(listing(d) ^ before)}")


# ==== 6. encodings and line ends ===================================================

def reads_back(ctx, maker, want):
    info = ctx.make(maker)
    r, out = rendered(ctx, info)
    check(r.diags() == [], f"messages: {r.err}")
    text = squash(pdftext(out))
    for w in want:
        check(squash(w) in text, f"{w!r} not in the PDF's text: {text[:200]!r}")


for _name, _maker, _want in [
        ("utf16le-bom", "utf16le_bom", ["測試局", "服務躍升"]), ("utf16be-bom", "utf16be_bom", ["測試局", "服務躍升"]),
        ("utf16le-declared", "utf16le_nobom", ["測試局", "服務躍升"]), ("utf32-bom", "utf32_bom", ["服務躍升"]),
        ("utf8-bom", "utf8_bom", ["服務躍升"]), ("big5-declared", "big5_decl", ["測試局", "服務躍升"]),
        ("cp950-declared", "cp950_decl", ["測試局", "服務躍升"]),
        ("latin1-declared", "latin1_decl", ["Café", "Résumé", "Été", "Crème brûlée à la française"])]:
    def _mk(maker, want):
        return lambda ctx: reads_back(ctx, getattr(gen, maker), want)
    case("encodings", _name)(_mk(_maker, _want))


def positioned_both(ctx, info, ids, mark, render=True, contains=None):
    """The message in JSON at the mark, and in text mode every line positioned."""
    ds = refused(ctx, info, 1, ids, at=info["marks"][mark] if mark else None, contains=contains, render=render)
    r = ctx.run(["check", info["src"]], cwd=ctx.dir)
    text_lines_positioned(r, info["src"])
    return ds


@case("encodings", "utf16-positions")
def _(ctx):
    positioned_both(ctx, ctx.make(gen.utf16_date), ["text-date"], "text")


@case("encodings", "big5-positions")
def _(ctx):
    positioned_both(ctx, ctx.make(gen.big5_date), ["text-date"], "text")


@case("encodings", "big5-undeclared")
def _(ctx):
    info = ctx.make(gen.big5_undeclared)
    positioned_both(ctx, info, ["not-utf8-big5"], "bad", contains="iconv -f CP950 -t UTF-8 " + info["src"])


@case("encodings", "latin1-undeclared")
def _(ctx):
    info = ctx.make(gen.latin1_undeclared)
    positioned_both(ctx, info, ["not-utf8"], "bad", contains="iconv -f ENCODING -t UTF-8")


@case("encodings", "big5-bad-bytes")
def _(ctx):
    positioned_both(ctx, ctx.make(gen.big5_bad_bytes), ["bad-encoding"], "bad", contains="CP950")


@case("encodings", "unknown-encoding")
def _(ctx):
    ds = positioned_both(ctx, ctx.make(gen.unknown_encoding), ["unknown-encoding"], None, contains="X-NO-SUCH-CHARSET")
    check((ds[0]["line"], ds[0]["column"]) == (1, 1), f"{ds[0]}")


@case("encodings", "utf8-declared-utf16")
def _(ctx):
    ds = positioned_both(ctx, ctx.make(gen.utf8_declared_utf16), ["bad-encoding"], None, contains="UTF-16")
    check((ds[0]["line"], ds[0]["column"]) == (1, 1), f"{ds[0]}")


@case("encodings", "cr-only")
def _(ctx):
    positioned_both(ctx, ctx.make(gen.cr_only), ["text-date"], "text")


@case("encodings", "crlf")
def _(ctx):
    positioned_both(ctx, ctx.make(gen.crlf), ["text-date"], "text")


@case("encodings", "cr-only-schema")
def _(ctx):
    positioned_both(ctx, ctx.make(gen.cr_schema), ["schema*"], "bad")


@case("encodings", "cr-only-syntax")
def _(ctx):
    info = ctx.make(gen.cr_syntax)
    ds = positioned_both(ctx, info, ["xml-syntax", "unknown-entity"], None)
    check(ds[0]["line"] == info["marks"]["bad"][0], f"line {ds[0]['line']}, want {info['marks']['bad'][0]}")


@case("encodings", "nul-byte")
def _(ctx):
    positioned_both(ctx, ctx.make(gen.nul_byte), ["xml-syntax"], "nul")


# ==== 6. schema messages: every one with file:line:col, on one line ===================

for _key in gen.SCHEMA:
    def _mk(key):
        def fn(ctx):
            info = ctx.make(gen.schema_case(key))
            r = ctx.run(["check", info["src"], "--diagnostics=json"])
            ds = expect(r, 1)
            check(ds and (id_is(ds[0]["id"], "schema*") or ds[0]["id"] == "root-not-document"), f"first message: {ds[:1]}")
            lines = {info["marks"][k][0] for k in ("at", "or") if k in info["marks"]}   # or: a second fair place
            check(ds[0]["line"] in lines, f"first message on line {ds[0]['line']}, want {sorted(lines)}")
            r = ctx.run(["check", info["src"]], cwd=ctx.dir)
            text_lines_positioned(r, info["src"])
            r = ctx.run(["render", info["src"], "-o", os.path.join(ctx.dir, "out.pdf")])
            check(r.rc == 1 and not os.path.exists(os.path.join(ctx.dir, "out.pdf")), f"render: exit {r.rc}")
            text_lines_positioned(r, info["src"])
        return fn
    case("schema", _key)(_mk(_key))


# ==== the runner =====================================================================

def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    pp, source, work, group = os.path.abspath(argv[1]), os.path.abspath(argv[2]), os.path.abspath(argv[3]), argv[4]
    only = set(argv[5:])
    todo = [c for c in CASES if (group == "all" or c[0] == group) and (not only or c[1] in only or f"{c[0]}/{c[1]}" in only)]
    if not todo:
        sys.exit(f"no case in group {group!r}")
    failed, passed, known, times = [], 0, [], []
    for grp, name, fn, limit in todo:
        full = f"{grp}/{name}"
        if full in KNOWN_FAILING and not RUN_KNOWN:
            print(f"known failing: {full} — {KNOWN_FAILING[full]}")
            known.append(full)
            continue
        d = os.path.join(work, grp, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        ctx = Ctx(pp, source, d, limit)
        t0 = time.monotonic()
        try:
            fn(ctx)
            status = "ok"
            passed += 1
        except Fail as e:
            status = f"FAIL: {e}"
            failed.append(full)
        finally:
            for p in ctx.big:     # no multi-megabyte file stays in the build tree
                if os.path.exists(p):
                    os.unlink(p)
        wall = time.monotonic() - t0
        times.append((ctx.slowest, full))
        print(f"{full}: {status} (slowest run {ctx.slowest:.2f} s, case {wall:.2f} s)")
        if status == "ok":
            shutil.rmtree(d, ignore_errors=True)
    times.sort(reverse=True)
    print("slowest: " + ", ".join(f"{n} {t:.2f} s" for t, n in times[:3]))
    print(f"{passed} passed, {len(failed)} failed, {len(known)} known failing (skipped), time scale {SCALE:g}")
    for f in failed:
        print(f"FAILED {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
