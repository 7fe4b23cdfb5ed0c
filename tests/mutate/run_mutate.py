#!/usr/bin/env python3
"""Feeds structure-aware mutations of the samples and fixtures (mutate.py) to the
planpress binary and checks what it does with each:

  * it never crashes: no exit by a signal, no AddressSanitizer, LeakSanitizer or
    UndefinedBehaviorSanitizer report on stderr, no time-out (a case that takes
    longer than --timeout seconds is a hang or a super-linear path: a failure);
  * the exit status is 0, 1, 2 or 3;
  * every line on stderr is a message in one of the shapes src/diag.c prints
    (`file:line:col: level: text`, `file:line: level: text`, `file: level: text`,
    `planpress: level: text`; level error, warning or note);
  * exit 0: the output exists and is a whole PDF (qpdf --check passes on it) or a
    whole ODF package (zip intact, mimetype first, its XML parts parse);
  * exit not 0: no output and no temporary file left in the case's folder;
  * `check` on the same source agrees: it exits 0 whenever `render` did, leaves
    the folder as it was, and follows the same rules for its messages.

Each case renders to a PDF, every tenth one to an ODT (--format odt). The cases
in tests/mutate/regress/ (reproducers of bugs found this way) run first, every
time. A failing case is kept in --failures with what went wrong and how it was
made; `mutate.py --seed S --case K SOURCES...` makes it again.

usage: run_mutate.py PLANPRESS [--cases N] [--seed S] [--jobs J] [--timeout T]
                     [--qpdf-every K] [--failures DIR] [--root REPO]
"""
import argparse
import glob
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
import zipfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mutate  # noqa: E402

SEED_GLOBS = ["samples/*.xml", "tests/errors/*.xml", "tests/rules/*.xml", "tests/golden/*.xml",
              "tests/odf/*.xml", "tests/layout/*.xml", "tests/typeset/*.xml",
              "tests/fuzz/corpus/*.xml"]

# src/diag.c, format_text: [file[:line[:col]]: | planpress: ] level: message
DIAG = re.compile(r"^(?P<file>[^:\n]+?)(?::(?P<line>[0-9]+))?(?::(?P<col>[0-9]+))?: "
                  r"(?P<level>error|warning|note): (?P<msg>.*)$")
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|"
                       r"runtime error:|ThreadSanitizer|MemorySanitizer")
ODT_MIME = b"application/vnd.oasis.opendocument.text"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.cases = 0
        self.runs = 0
        self.exits = {}
        self.check_exits = {}
        self.pdf_checked = 0
        self.pdf_made = 0
        self.odt_made = 0
        self.no_position = {}      # message text (values cut) -> count, errors without line:col
        self.slowest = []          # (seconds, case, bytes)
        self.failures = []         # (case, reason)


def shape_problems(stderr, who):
    """Lines of stderr that are not a message in a shape diag.c prints."""
    bad, nopos = [], []
    for line in stderr.splitlines():
        if not line:
            bad.append("%s: an empty line on stderr" % who)
            continue
        m = DIAG.match(line)
        if not m:
            bad.append("%s: a line that is not a message: %r" % (who, line[:300]))
            continue
        if m.group("level") == "error" and not m.group("col"):
            nopos.append(re.sub(r"'[^']*'|「[^」]*」|\"[^\"]*\"|[0-9]+", "…", m.group("msg"))[:160])
    return bad, nopos


def pdf_problems(path, use_qpdf):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-32:]:
        return ["exit 0 but %s is not a whole PDF (%d bytes)" % (os.path.basename(path), len(data))]
    if use_qpdf:
        q = subprocess.run(["qpdf", "--check", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        # 0: no problem; 3: warnings only (qpdf fixed something up): both are failures here
        # except 0, since planpress's own PDFs pass cleanly
        if q.returncode != 0:
            return ["qpdf --check exit %d: %s" % (q.returncode, q.stdout.decode(errors="replace")[-600:])]
    return []


def odt_problems(path):
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if not names or names[0] != "mimetype":
                return ["the ODT's first member is %r, not mimetype" % (names[:1],)]
            info = z.getinfo("mimetype")
            if info.compress_type != zipfile.ZIP_STORED or z.read("mimetype") != ODT_MIME:
                return ["the ODT's mimetype member is compressed or wrong"]
            bad = z.testzip()
            if bad:
                return ["the ODT's member %s is damaged" % bad]
            for part in ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"):
                if part not in names:
                    return ["the ODT has no %s" % part]
                ET.fromstring(z.read(part))
    except (zipfile.BadZipFile, ET.ParseError, KeyError) as e:
        return ["exit 0 but the ODT is broken: %s" % e]
    return []


def run(cmd, cwd, env, timeout):
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
        return p.returncode, p.stderr.decode("utf-8", "replace"), time.monotonic() - t0
    except subprocess.TimeoutExpired as e:
        err = (e.stderr or b"").decode("utf-8", "replace")
        return None, err, time.monotonic() - t0



def ended_well(what, rc, err, size, timeout):
    """The problems of one run of planpress (`what`: render or check): a time-out, a
    signal, an exit status other than 0-3, a sanitizer report, messages not in diag.c's
    shapes (at most five); and the messages without a position, counted apart."""
    problems = []
    if rc is None:
        problems.append("%s did not finish in %g s (%d bytes in): a hang or a super-linear path" % (what, timeout, size))
    elif rc < 0:
        problems.append("%s killed by signal %d" % (what, -rc))
    elif rc not in (0, 1, 2, 3):
        problems.append("%s exit %d (not 0, 1, 2 or 3)" % (what, rc))
    if SANITIZER.search(err):
        problems.append("a sanitizer report from %s:\n%s" % (what, err[-3000:]))
    bad, nopos = shape_problems(err, what)
    return problems + bad[:5], nopos

def check_case(a, st, env, name, data, qpdf_this, odt):
    """Runs render and check on one source; returns the list of what went wrong."""
    problems = []
    d = tempfile.mkdtemp(prefix="case-", dir=a.work)
    try:
        src = os.path.join(d, "src.xml")
        with open(src, "wb") as f:
            f.write(data)
        out = "out.odt" if odt else "out.pdf"
        cmd = [a.planpress, "render", "src.xml", "-o", out] + (["--format", "odt"] if odt else [])
        rc, err, secs = run(cmd, d, env, a.timeout)
        bad, nopos = ended_well("render", rc, err, len(data), a.timeout)
        problems += bad
        left = sorted(os.listdir(d))
        if rc == 0:
            if left != sorted(["src.xml", out]):
                problems.append("render exit 0 left %s in its folder" % left)
            elif odt:
                problems += odt_problems(os.path.join(d, out))
            else:
                problems += pdf_problems(os.path.join(d, out), qpdf_this)
        elif rc is not None and left != ["src.xml"]:
            problems.append("render exit %d left %s in its folder" % (rc, left))
        before = sorted(os.listdir(d))
        crc, cerr, csecs = run([a.planpress, "check", "src.xml"], d, env, a.timeout)
        cbad, cnopos = ended_well("check", crc, cerr, len(data), a.timeout)
        problems += cbad
        if rc == 0 and crc not in (0, None):
            problems.append("render exit 0 but check exit %d:\n%s" % (crc, cerr[-1000:]))
        if sorted(os.listdir(d)) != before:
            problems.append("check changed its folder: %s" % sorted(os.listdir(d)))
        with st.lock:
            st.cases += 1
            st.runs += 2
            st.exits[rc] = st.exits.get(rc, 0) + 1
            st.check_exits[crc] = st.check_exits.get(crc, 0) + 1
            if rc == 0:
                if odt:
                    st.odt_made += 1
                else:
                    st.pdf_made += 1
                    st.pdf_checked += 1 if qpdf_this else 0
            for m in nopos + cnopos:
                st.no_position[m] = st.no_position.get(m, 0) + 1
            st.slowest.append((max(secs, csecs), name, len(data)))
            st.slowest.sort(reverse=True)
            del st.slowest[5:]
        if problems and a.failures:
            os.makedirs(a.failures, exist_ok=True)
            base = os.path.join(a.failures, name.replace("/", "_").replace(":", "-"))
            with open(base + ".xml", "wb") as f:
                f.write(data)
            with open(base + ".txt", "w") as f:
                f.write("\n".join(problems) + "\n\nrender stderr:\n" + err + "\ncheck stderr:\n" + cerr)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return problems


def main(argv):
    ap = argparse.ArgumentParser(description="structure-aware mutation test of planpress")
    ap.add_argument("planpress")
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2, help="parallel cases, at most 2")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds a render may take")
    ap.add_argument("--qpdf-every", type=int, default=1, help="qpdf --check every K-th PDF made")
    ap.add_argument("--failures", default=None, help="folder to keep failing cases in")
    ap.add_argument("--root", default=os.path.normpath(os.path.join(HERE, "..", "..")))
    ap.add_argument("--work", default=None, help="folder for the cases' temporary folders")
    ap.add_argument("--no-regress", action="store_true", help="leave out tests/mutate/regress/")
    a = ap.parse_args(argv)
    a.planpress = os.path.abspath(a.planpress)
    jobs = max(1, min(a.jobs, 2))

    sources = sorted(p for g in SEED_GLOBS for p in glob.glob(os.path.join(a.root, g)))
    seeds = mutate.load_seeds(sources)
    if not seeds:
        sys.exit("run_mutate.py: no seed source under %s" % a.root)
    regress = [] if a.no_regress else sorted(glob.glob(os.path.join(HERE, "regress", "*.xml")))

    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    own_work = a.work is None
    a.work = tempfile.mkdtemp(prefix="pp-mutate-") if own_work else a.work
    os.makedirs(a.work, exist_ok=True)

    st = Stats()
    made = {}

    def one(job):
        kind, k = job
        if kind == "regress":
            with open(regress[k], "rb") as f:
                data = f.read()
            name, how, odt = "regress:" + os.path.basename(regress[k]), "kept reproducer", False
            problems = check_case(a, st, env, name, data, True, False) + \
                check_case(a, st, env, name + ":odt", data, False, True)
        else:
            data, path, done = mutate.make_case(seeds, a.seed, k)
            name = "seed%d-case%d" % (a.seed, k)
            how = "%s: %s" % (os.path.relpath(path, a.root), "; ".join(done))
            odt = k % 10 == 9
            qpdf_this = not odt and k % a.qpdf_every == 0
            problems = check_case(a, st, env, name, data, qpdf_this, odt)
        if problems:
            with st.lock:
                st.failures.append((name, how, problems))
        with st.lock:
            made[name] = how

    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    jobs_list = [("regress", i) for i in range(len(regress))] + [("case", k) for k in range(a.cases)]
    try:
        with ThreadPoolExecutor(max_workers=jobs) as ex:
            list(ex.map(one, jobs_list))
    finally:
        if own_work:
            shutil.rmtree(a.work, ignore_errors=True)
    wall = time.monotonic() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)

    ex_s = ", ".join("%s: %d" % ("timeout" if k is None else k, v)
                     for k, v in sorted(st.exits.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))
    print("mutate: seed %d, %d cases + %d kept reproducers, %d runs of planpress (render and check), %d jobs"
          % (a.seed, a.cases, len(regress), st.runs, jobs))
    print("mutate: render exit statuses {%s}; %d PDFs made (%d through qpdf --check), %d ODTs made"
          % (ex_s, st.pdf_made, st.pdf_checked, st.odt_made))
    print("mutate: %.1f s wall, %.1f s CPU in planpress and qpdf" % (wall, cpu))
    print("mutate: slowest: " + ", ".join("%s %.2f s (%d bytes)" % (n, s, b) for s, n, b in st.slowest))
    if st.no_position:
        tot = sum(st.no_position.values())
        print("mutate: %d error message(s) without line:col (allowed shapes), by text:" % tot)
        for m, c in sorted(st.no_position.items(), key=lambda kv: -kv[1])[:12]:
            print("  %5d  %s" % (c, m))
    if st.failures:
        st.failures.sort()
        print("mutate: %d FAILING case(s)%s" % (len(st.failures),
              " (kept in %s)" % a.failures if a.failures else ""))
        for name, how, problems in st.failures[:20]:
            print("--- %s (%s)" % (name, how))
            for p in problems[:6]:
                print("    " + p.replace("\n", "\n    "))
        return 1
    print("mutate: no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
