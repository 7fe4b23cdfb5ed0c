#!/usr/bin/env python3
"""`planpress watch` followed through what editors do to a file: the first
render at once; a save in place with an error (its message, then no PDF);
a save by writing a new file and renaming it over the source; vim's way
(the source renamed away, a new one written); the source deleted (a warning,
the watch goes on) and back; Ctrl-C (SIGINT) ends it with status 0, leaving
no temporary file. Waits for each line (up to 30 s); times are not asserted."""
import os, shutil, signal, subprocess, sys, tempfile, threading, queue

pp = os.path.abspath(sys.argv[1])
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
fails = []
passed = 0

def check(ok, what):
    global passed
    if ok: passed += 1
    else: fails.append(what); print("FAIL " + what)

tmp = tempfile.mkdtemp()
src = os.path.join(tmp, "plan.xml")
pdf = os.path.join(tmp, "plan.pdf")
good = open(os.path.join(root, "tests", "messages", "row3-role-goal.xml"), encoding="utf-8").read().replace('role="goal"', 'role="goals"')
open(src, "w", encoding="utf-8").write(good)
p = subprocess.Popen([pp, "watch", "plan.xml"], cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
lines = queue.Queue()
threading.Thread(target=lambda: [lines.put(l) for l in p.stdout], daemon=True).start()

def wait_for(text):
    seen = []
    while True:
        try:
            l = lines.get(timeout=30)
        except queue.Empty:
            print("  (waited 30 s) saw:", seen)
            return None
        seen.append(l.rstrip())
        if text in l:
            return seen

s = wait_for("plan.xml -> plan.pdf: 1 page")
check(s is not None and s[0].startswith("watching plan.xml"), f"first render: {s}")
open(src, "w", encoding="utf-8").write(good.replace('runin="yes"', 'runin="ys"'))
s = wait_for("no output written")
check(s is not None and any("plan.xml:15:45: error: runin='ys' is not allowed on <section>" in l for l in s), f"save with an error: {s}")
check(not os.path.exists(pdf), "no out-of-date PDF after a failed save")
with open(os.path.join(tmp, ".plan.xml.new"), "w", encoding="utf-8") as f:
    f.write(good)
os.rename(os.path.join(tmp, ".plan.xml.new"), src)
s = wait_for("plan.xml -> plan.pdf: 1 page")
check(s is not None and os.path.exists(pdf), f"save by rename: {s}")
os.rename(src, src + "~")
open(src, "w", encoding="utf-8").write(good.replace("提升為民服務品質", "提升服務"))
os.unlink(src + "~")
s = wait_for("plan.xml -> plan.pdf: 1 page")
text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout.replace(" ", "")
check(s is not None and "提升服務。" in text and "提升為民服務品質" not in text, f"vim-style save renders the new text: {s}")
os.unlink(src)
s = wait_for("the source was deleted or moved away")
check(s is not None, f"deleted source: {s}")
open(src, "w", encoding="utf-8").write(good)
s = wait_for("plan.xml -> plan.pdf: 1 page")
check(s is not None, f"source back: {s}")
p.send_signal(signal.SIGINT)
s = wait_for("stopped watching plan.xml")
rc = p.wait(timeout=30)
check(s is not None and rc == 0, f"Ctrl-C: exit {rc}, {s}")
left = sorted(os.listdir(tmp))
check(left == ["plan.pdf", "plan.xml"], f"files left: {left}")
shutil.rmtree(tmp)
print(f"{passed} passed, {len(fails)} failed")
sys.exit(1 if fails else 0)
