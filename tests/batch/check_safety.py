#!/usr/bin/env python3
"""Batch runs that must not hurt each other or outlive their parent; each part
reproduces one way a batch used to go wrong:
  lock      two batches at once into one OUTDIR: the second, with --no-wait, is
            refused at once and touches nothing; without it, it says it waits and
            does wait — while the first runs, none of the first's outputs goes
            (the second's failing sources have the same output names, and a failed
            source removes its stale output); the last report is the second's;
            no lock file is left
  orphan    kill -9 of the batch parent while a worker is stuck (PP_TEST_HANG_ON,
            no --timeout): the worker dies with it; the folder is free again
  alarm     the parent stopped (SIGSTOP) while its worker is stuck: the worker ends
            itself at its own alarm, and the parent, continued, reports the timeout
  unwritable  an OUTDIR that cannot be written fails at once with "Permission
            denied", before any source is rendered; under an unwritable parent
            folder the message says "Permission denied" too (not "No such file")
  exit      render and batch exit alike: bad input 1, an output name taken by a
            folder 1, a missing template 3, an unwritable output 4, warnings 0; a
            batch exits with its worst document
As root, the unwritable parts run the program without the capabilities that let
root write anywhere (setpriv); they are skipped, with a message, where that is
not possible.
Usage: check_safety.py PLANPRESS [PART...]"""
import json, os, re, shutil, signal, stat, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from verdict import ROOT, SAMPLES, check, failures, finish, run_parts  # noqa: E402

LOCK = ".planpress-batch.lock"


def env(**extra):
    e = dict(os.environ)
    for k in ("PP_TEST_CRASH_ON", "PP_TEST_HANG_ON"):
        e.pop(k, None)
    e.update(extra)
    return e


def run(*cmd, cwd, prefix=(), **extra):
    return subprocess.run([*prefix, *cmd], capture_output=True, text=True, cwd=cwd, env=env(**extra))


def start(*cmd, cwd, log, **extra):
    return subprocess.Popen(list(cmd), cwd=cwd, env=env(**extra), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=open(log, "w"))


def until(cond, seconds, what):
    """Polls cond until it holds; a failure (not a timing assertion: the bound is far above any real need)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return check(cond(), f"{what} (still not so after {seconds} s)")


def children(pid):
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                fields = open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                kids.append(int(d))
    return kids


def state(pid):
    """The process's state letter, or None once it is gone."""
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def dead(pid):
    return state(pid) in (None, "Z", "X")


def sources(folder, names, hang=None):
    os.makedirs(folder, exist_ok=True)
    for i, n in enumerate(names):
        shutil.copy(SAMPLES[i % len(SAMPLES)], os.path.join(folder, n))
    if hang:
        shutil.copy(SAMPLES[0], os.path.join(folder, hang))


def part_lock(pp, tmp):
    good = [os.path.basename(s) for s in SAMPLES]
    sources(os.path.join(tmp, "in"), good, hang="hang.xml")
    bad = os.path.join(tmp, "bad")
    os.makedirs(bad)
    for n in good:   # the same output names, every one failing
        shutil.copy(os.path.join(ROOT, "tests", "errors", "malformed.xml"), os.path.join(bad, n))
    out = os.path.join(tmp, "out")
    a = start(pp, "batch", "in", "-o", "out", "-j", "2", "--timeout", "6", cwd=tmp, log=os.path.join(tmp, "a.log"),
              PP_TEST_HANG_ON="hang.xml")
    pdfs = [os.path.join(out, n[:-4] + ".pdf") for n in good]
    try:
        if not until(lambda: all(os.path.exists(p) for p in pdfs), 120, "the first batch rendered its sources"):
            return
        check(a.poll() is None, "the first batch ended before the hanging source's timeout")
        mtimes = {p: os.stat(p).st_mtime_ns for p in pdfs}

        b = run(pp, "batch", "bad", "-o", "out", "--no-wait", cwd=tmp)
        check(b.returncode == 4, f"--no-wait into a busy OUTDIR: exit {b.returncode}, want 4: {b.stderr}")
        check(f"another batch (process {a.pid}) is writing into this output folder" in b.stderr,
              f"--no-wait message: {b.stderr}")
        check(a.poll() is None, "the --no-wait batch did not return while the first still ran")
        check(all(os.path.exists(p) and os.stat(p).st_mtime_ns == mtimes[p] for p in pdfs),
              "the refused batch touched the first one's outputs")
        check(not os.path.exists(os.path.join(out, "report.json")), "the refused batch wrote a report")

        clog = os.path.join(tmp, "c.log")
        c = start(pp, "batch", "bad", "-o", "out", cwd=tmp, log=clog)
        while a.poll() is None:   # the first is still at work: its outputs must stay
            missing = [p for p in pdfs if not os.path.exists(p)]
            if not check(not missing, f"outputs of the running batch deleted by the second one: {missing}"):
                break
            time.sleep(0.05)
        a.wait()
        c.wait(timeout=120)
        check(f"out is in use by another batch (process {a.pid}); waiting for it to finish" in open(clog).read(),
              f"the second batch did not say it waits: {open(clog).read()[:600]}")
        alog = open(os.path.join(tmp, "a.log")).read()
        check(a.returncode == 1 and re.search(rf"{len(good)} rendered, 0 up to date, 1 failed", alog),
              f"first batch: exit {a.returncode}: {alog[-800:]}")
        check(c.returncode == 1, f"second batch: exit {c.returncode}: {open(clog).read()[-800:]}")
        rep = json.load(open(os.path.join(out, "report.json")))
        check(sorted(e["source"] for e in rep["sources"]) == sorted("bad/" + n for n in good),
              f"the last report is not the second batch's: {[e['source'] for e in rep['sources']]}")
        check(not os.path.exists(os.path.join(out, LOCK)), "the lock file is left in OUTDIR")
    finally:
        for p in (a, locals().get("c")):
            if p and p.poll() is None:
                p.kill()
                p.wait()


def part_orphan(pp, tmp):
    src = os.path.join(tmp, "in")
    sources(src, ["a-good.xml"], hang="b-hang.xml")
    log = os.path.join(tmp, "orphan.log")
    p = start(pp, "batch", "in", "-o", "out", "-j", "1", "--timeout", "0", cwd=tmp, log=log, PP_TEST_HANG_ON="b-hang.xml")
    workers = []
    try:
        # -j 1: once the first source is reported, the one worker has the stuck one
        if not until(lambda: "[1/2] ok" in open(log).read(), 120, "the first source rendered"):
            return
        workers = children(p.pid)
        check(len(workers) == 1, f"workers of the batch: {workers}")
        time.sleep(0.5)   # the stuck source is handed over right after the first result
        check(all(not dead(w) for w in workers), "the worker ended by itself")
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        for w in workers:
            until(lambda: dead(w), 30, f"the stuck worker {w} outlived its killed parent (state {state(w)})")
        check(os.path.exists(os.path.join(tmp, "out", "a-good.pdf")), "the rendered output is gone")
        temps = [f for f in os.listdir(os.path.join(tmp, "out")) if f.startswith(".") and f != LOCK]
        check(not temps, f"temporary files left: {temps}")
        r = run(pp, "batch", "in", "-o", "out", "--no-wait", "--timeout", "0", cwd=tmp)
        check(r.returncode == 0 and "another batch" not in r.stderr,
              f"the folder is still locked after the batch and its worker died: exit {r.returncode}: {r.stderr}")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        for w in workers:
            if not dead(w):
                os.kill(w, signal.SIGKILL)


def part_alarm(pp, tmp):
    sources(os.path.join(tmp, "in"), [], hang="hang.xml")
    p = start(pp, "batch", "in", "-o", "out", "-j", "1", "--timeout", "3", cwd=tmp, log=os.path.join(tmp, "alarm.log"),
              PP_TEST_HANG_ON="hang.xml")
    workers = []
    try:
        if not until(lambda: children(p.pid), 60, "the worker started"):
            return
        os.kill(p.pid, signal.SIGSTOP)   # the parent can no longer enforce --timeout
        workers = children(p.pid)
        for w in workers:
            until(lambda: dead(w), 60, f"the stuck worker {w} of a stopped parent never ended (state {state(w)})")
        os.kill(p.pid, signal.SIGCONT)
        p.wait(timeout=60)
        check(p.returncode == 1, f"exit {p.returncode}, want 1")
        report = os.path.join(tmp, "out", "report.json")
        if not check(os.path.exists(report), "no report"):
            return
        e = json.load(open(report))["sources"][0]
        check(e["status"] == "failed" and "longer than 3 s (--timeout)" in " ".join(e["messages"]),
              f"the worker's own timeout is not reported as one: {e}")
    finally:
        if p.poll() is None:
            os.kill(p.pid, signal.SIGCONT)
            p.kill()
            p.wait()


def unprivileged():
    """A command prefix under which folders' permissions hold for this user, or None."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv"):
        return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    return None


def part_unwritable(pp, tmp):
    pre = unprivileged()
    if pre is None:
        print("SKIP unwritable: running as root without setpriv, permissions cannot be tested")
        return
    os.chmod(tmp, 0o755)
    names = [f"doc{i:02d}.xml" for i in range(20)]
    sources(os.path.join(tmp, "in"), names)
    ro = os.path.join(tmp, "ro")
    os.makedirs(ro)
    os.chmod(ro, 0o555)
    try:
        r = run(pp, "batch", "in", "-o", "ro", cwd=tmp, prefix=pre)
        check(r.returncode == 4, f"unwritable OUTDIR: exit {r.returncode}, want 4")
        check(r.stderr.splitlines() == ["ro: error: cannot write in the output folder: Permission denied; nothing was rendered"],
              f"unwritable OUTDIR: not one message before any render:\n{r.stderr[:1500]}")
        r = run(pp, "batch", "in", "-o", "ro/out", cwd=tmp, prefix=pre)
        check(r.returncode == 4, f"unwritable parent: exit {r.returncode}, want 4")
        check(r.stderr.splitlines() == ["ro/out: error: cannot create the output folder: Permission denied"],
              f"unwritable parent: {r.stderr[:1500]}")
        check(os.listdir(ro) == [], f"something was written into the unwritable folder: {os.listdir(ro)}")
    finally:
        os.chmod(ro, 0o755)


def part_exit(pp, tmp):
    pre = unprivileged()
    os.chmod(tmp, 0o755)
    errors, rules = os.path.join(ROOT, "tests", "errors"), os.path.join(ROOT, "tests", "rules")
    cases = {"bad": (os.path.join(errors, "malformed.xml"), [], 1),
             "warn": (os.path.join(rules, "required-warn.xml"), [], 0),
             "template": (SAMPLES[0], ["--template", "no-such-template"], 3)}
    for name, (src, opts, want) in cases.items():
        os.makedirs(os.path.join(tmp, name))
        shutil.copy(src, os.path.join(tmp, name, "doc.xml"))
        r = run(pp, "render", f"{name}/doc.xml", "-o", f"r-{name}.pdf", *opts, cwd=tmp)
        b = run(pp, "batch", name, "-o", f"b-{name}", *opts, cwd=tmp)
        check(r.returncode == b.returncode == want,
              f"{name}: render exit {r.returncode}, batch exit {b.returncode}, want {want} for both:\n{r.stderr}\n{b.stderr}")
    # an output name taken by a folder: refused by both as bad input, nothing touched
    os.makedirs(os.path.join(tmp, "taken"))
    shutil.copy(SAMPLES[0], os.path.join(tmp, "taken", "doc.xml"))
    os.makedirs(os.path.join(tmp, "r-taken", "doc.pdf"))
    os.makedirs(os.path.join(tmp, "b-taken", "doc.pdf"))
    r = run(pp, "render", "taken/doc.xml", "-o", "r-taken/doc.pdf", cwd=tmp)
    b = run(pp, "batch", "taken", "-o", "b-taken", cwd=tmp)
    check(r.returncode == b.returncode == 1, f"output is a folder: render {r.returncode}, batch {b.returncode}, want 1")
    check(os.path.isdir(os.path.join(tmp, "b-taken", "doc.pdf")), "the folder in the output's place was touched")
    if pre is None:
        print("SKIP exit/unwritable: running as root without setpriv")
        return
    # an output folder that cannot be written: the whole OUTDIR, or one source's subfolder
    os.makedirs(os.path.join(tmp, "mixed", "sub"))
    shutil.copy(SAMPLES[0], os.path.join(tmp, "mixed", "sub", "doc.xml"))
    shutil.copy(SAMPLES[1], os.path.join(tmp, "mixed", "ok.xml"))
    shutil.copy(os.path.join(errors, "malformed.xml"), os.path.join(tmp, "mixed", "bad.xml"))
    os.makedirs(os.path.join(tmp, "out-m", "sub"))
    ro = [os.path.join(tmp, "ro"), os.path.join(tmp, "out-m", "sub")]
    os.makedirs(ro[0])
    for d in ro:
        os.chmod(d, 0o555)
    try:
        r = run(pp, "render", "mixed/ok.xml", "-o", "ro/ok.pdf", cwd=tmp, prefix=pre)
        b = run(pp, "batch", "mixed", "-o", "ro", cwd=tmp, prefix=pre)
        check(r.returncode == b.returncode == 4, f"unwritable output: render {r.returncode}, batch {b.returncode}, want 4")
        r = run(pp, "render", "mixed/sub/doc.xml", "-o", "out-m/sub/doc.pdf", cwd=tmp, prefix=pre)
        b = run(pp, "batch", "mixed", "-o", "out-m", cwd=tmp, prefix=pre)
        check(r.returncode == b.returncode == 4,
              f"unwritable subfolder: render {r.returncode}, batch {b.returncode} (worst of 0, 1, 4), want 4:\n{b.stderr}")
        rep = json.load(open(os.path.join(tmp, "out-m", "report.json")))
        st = {e["source"]: (e["status"], e.get("exit_code")) for e in rep["sources"]}
        check(st == {"mixed/bad.xml": ("failed", 1), "mixed/ok.xml": ("ok", 0), "mixed/sub/doc.xml": ("failed", 4)},
              f"per-document exit codes in the report: {st}")
    finally:
        for d in ro:
            os.chmod(d, 0o755)


PARTS = {"lock": part_lock, "orphan": part_orphan, "alarm": part_alarm, "unwritable": part_unwritable, "exit": part_exit}


def main():
    run_parts(PARTS, "pp-safety")


if __name__ == "__main__":
    main()
