#!/usr/bin/env python3
"""planpress new: a skeleton of each kind passes check with one warning per
placeholder and none once they are filled in; it names the schema and shows how
to add a strategy; a plan's report (new report --from) carries the plan's
strategies, sub-items, units and numbering over and passes check --plan; next
year's plan (new plan --from) is this year's with the year moved on and the
issuance cleared. Usage: check_new.py PLANPRESS"""
import os, re, subprocess, sys, tempfile
import xml.etree.ElementTree as ET
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from verdict import check, failures, tally  # noqa: E402

PP = sys.argv[1]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TMP = tempfile.mkdtemp()
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1735689600")     # 2025-01-01: ROC year 114


def run(*args):
    return subprocess.run([PP, *args], capture_output=True, text=True, env=ENV)


def filled(path):
    """The file with every placeholder replaced by words of its own."""
    out = path.replace(".xml", "-filled.xml")
    with open(path, encoding="utf-8") as f:
        s = f.read()
    s = re.sub(r"【請填寫：([^】]*)】", lambda m: "本局" + re.sub(r"[，、（）「」]", "", m.group(1))[:12] + "已辦理。", s)
    with open(out, "w", encoding="utf-8") as f:
        f.write(s)
    return out


REQUIRED = {"plan": ["basis", "goals", "scope", "strategies", "steps", "evaluation", "rewards"],
            "implementation-plan": ["basis", "goals", "scope", "strategies", "steps", "evaluation", "rewards"],
            "report": ["strategies"]}

for kind, roles in REQUIRED.items():
    out = os.path.join(TMP, f"new-{kind}.xml")
    r = run("new", kind, "-o", out)
    if not check(r.returncode == 0 and os.path.exists(out), f"new {kind}: exit {r.returncode} {r.stderr}"):
        continue
    text = open(out, encoding="utf-8").read()
    check(re.search(r'<\?xml-model href="[^"]*document\.rng" schematypens="http://relaxng\.org/ns/structure/1\.0"\?>', text) is not None,
          f"new {kind}: an xml-model line naming the schema")
    check("To add a strategy" in text and "<strategy>" in text, f"new {kind}: a comment shows how to add a strategy")
    root = ET.parse(out).getroot()
    check(root.get("kind") == kind and root.findtext("meta/year") == "114", f"new {kind}: kind and this year (SOURCE_DATE_EPOCH)")
    have = [s.get("role") for s in root.findall("section")]
    check(all(x in have for x in roles), f"new {kind}: required sections {roles} in {have}")
    check(root.find(".//strategies") is not None, f"new {kind}: a strategy table with an example row")
    n = re.sub(r"<!--.*?-->", "", text, flags=re.S).count("【請填寫")
    c = run("check", out)
    warned = c.stderr.count("still holds the placeholder")
    check(c.returncode == 0 and warned == n and n >= len(roles) and ": error: " not in c.stderr,
          f"new {kind}: check exit {c.returncode}, {warned} placeholder warnings for {n} placeholders: {c.stderr[:400]}")
    c = run("check", filled(out))
    check(c.returncode == 0 and c.stderr == "", f"new {kind}: filled in, check is silent: {c.stderr[:400]}")
    rr = run("render", filled(out), "-o", os.path.join(TMP, f"new-{kind}.pdf"))
    check(rr.returncode == 0, f"new {kind}: filled in, it renders: {rr.stderr[:300]}")


def rows(root):
    out = []
    for el in root.iter():
        if el.tag in ("dimension", "group"):
            out.append((el.tag, el.get("name")))
        elif el.tag == "strategy":
            out.append(("strategy", "".join(el.find("name").itertext())))
        elif el.tag == "sub":
            out.append(("sub", "".join(el.find("desc").itertext())))
        elif el.tag == "unit":
            out.append(("unit", el.text))
    return out


def labels(src):
    r = run("render", src, "--dump=model", "-o", os.path.join(TMP, "dump.pdf"))
    return [m.group(1, 2) for m in re.finditer(r"^\s*(dimension|group|strategy|sub) @\S+(?: \[(.*?)\])?", r.stdout, re.M)]


plans = [f for f in sorted(os.listdir(os.path.join(ROOT, "samples"))) if f.endswith(".xml") and "report" not in f]
for name in plans:
    plan = os.path.join(ROOT, "samples", name)
    out = os.path.join(TMP, "report-of-" + name)
    r = run("new", "report", "--from", plan, "-o", out)
    if not check(r.returncode == 0, f"new report --from {name}: exit {r.returncode} {r.stderr}"):
        continue
    p, rep = ET.parse(plan).getroot(), ET.parse(out).getroot()
    check(rep.get("kind") == "report" and rep.findtext("meta/year") == p.findtext("meta/year") and rep.find("meta/issued") is None,
          f"report of {name}: a report of the plan's year, not issued yet")
    check(rows(rep) == rows(p), f"report of {name}: dimensions, groups, strategies, sub-items, units as the plan's")
    check(labels(out) == labels(plan), f"report of {name}: in the plan's numbering")
    check(rep.find(".//actions") is None and all("【請填寫" in "".join(x.itertext()) for x in rep.iter("results")),
          f"report of {name}: every outcome is results to fill in")
    c = run("check", "--plan", plan, out)
    check(c.returncode == 0 and ": error: " not in c.stderr, f"report of {name}: check --plan passes: {c.stderr[:400]}")
    c = run("check", "--plan", plan, filled(out))
    # silent but for what the plan's own text draws (half-width marks the report carries over)
    said = lambda err: sorted(l.split(": warning: ", 1)[1] for l in err.splitlines() if ": warning: " in l)
    own = said(run("check", plan).stderr)
    check(c.returncode == 0 and ": error: " not in c.stderr and all(w in own for w in said(c.stderr)),
          f"report of {name}: results written, check --plan is silent: {c.stderr[:400]}")

    nxt = os.path.join(TMP, "next-" + name)
    r = run("new", p.get("kind"), "--from", plan, "-o", nxt)
    if check(r.returncode == 0, f"new plan --from {name}: exit {r.returncode} {r.stderr}"):
        n = ET.parse(nxt).getroot()
        check(int(n.findtext("meta/year")) == int(p.findtext("meta/year")) + 1 and n.find("meta/issued") is None,
              f"next year's {name}: year + 1, issuance cleared")
        strip = lambda s: [l for l in re.sub(r"@\d+:\d+", "", s).splitlines() if not re.match(r"\s+(year|issued|line title) ", l)]
        a = run("render", plan, "--dump=model", "-o", os.path.join(TMP, "a.pdf")).stdout
        b = run("render", nxt, "--dump=model", "-o", os.path.join(TMP, "b.pdf")).stdout
        check(strip(a) == strip(b), f"next year's {name}: everything else kept")

# refusals
r = run("new", "memo")
check(r.returncode == 2 and "unknown kind" in r.stderr, "new memo: a usage error")
r = run("new", "report", "--from", os.path.join(TMP, "missing.xml"), "-o", os.path.join(TMP, "x.xml"))
check(r.returncode == 1 and not os.path.exists(os.path.join(TMP, "x.xml")), f"new --from a missing file: exit 1, nothing written: {r.stderr}")
keep = os.path.join(TMP, "keep.xml")
with open(keep, "w") as f:
    f.write("mine")
r = run("new", "plan", "-o", keep)
check(r.returncode == 1 and open(keep).read() == "mine", "new: an existing output is kept")
r = run("new", "plan")
check(r.returncode == 0 and r.stdout.startswith("<?xml"), "new without -o writes to standard output")

tally()
