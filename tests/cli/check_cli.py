#!/usr/bin/env python3
"""The command line's conventions, run as a user would: `help COMMAND` and
`COMMAND --help` agree for every command; an option without its value, an
output name that is neither .pdf nor .odt, --quiet with --verbose; what
--verbose says; `help templates`; every option each --help shows is in the
README's command-line section and in the manual page; bash completion offers
the commands, a command's options and the template names."""
import os, re, shutil, subprocess, sys, tempfile

pp = os.path.abspath(sys.argv[1])
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
fails = []
passed = 0

def check(ok, what):
    global passed
    if ok: passed += 1
    else: fails.append(what); print("FAIL " + what)

def run(*args, **kw):
    return subprocess.run([pp, *args], capture_output=True, text=True, **kw)

usage = run("--help").stdout
commands = list(dict.fromkeys(re.findall(r"planpress ([a-z]+) ", usage)))
check(set(commands) >= {"render", "watch", "check", "batch", "fonts", "help"}, f"commands in --help: {commands}")
helps = {}
for c in commands:
    a, b = run("help", c), run(c, "--help")
    check(a.returncode == 0 and a.stdout == b.stdout and a.stdout.startswith(f"usage: planpress {c}"), f"help {c} == {c} --help")
    helps[c] = a.stdout
r = run()
check(r.returncode == 2 and "no command given" in r.stderr and "planpress render" in r.stderr, "no command: the error and the usage")
r = run("render", "x.xml", "-o")
check(r.returncode == 2 and "option -o needs a value" in r.stderr, f"-o without a value: {r.stderr}")
r = run("render", "-q", "-v", "x.xml")
check(r.returncode == 2 and "--quiet and --verbose" in r.stderr, "--quiet with --verbose")
t = run("help", "templates")
check(t.returncode == 0 and re.search(r"^  plan$", t.stdout, re.M) and re.search(r"^  landscape$", t.stdout, re.M), "help templates")

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "plan.xml")
    shutil.copy(os.path.join(root, "tests", "messages", "row1-typed-label.xml"), src)
    r = run("render", src, "-o", os.path.join(tmp, "plan.pfd"))
    check(r.returncode == 0 and "output-extension" not in r.stderr and "ends in neither .pdf nor .odt" in r.stderr
          and f"(name it {tmp}/plan.pdf)" in r.stderr, f"output name warning: {r.stderr}")
    with open(os.path.join(tmp, "plan.pfd"), "rb") as f:
        check(f.read(5) == b"%PDF-", "the PDF is written under the odd name all the same")
    r = run("render", src, "-o", os.path.join(tmp, "plan.pdf"))
    check("ends in neither" not in r.stderr, "no warning for .pdf")
    r = run("render", "--verbose", src, "-o", os.path.join(tmp, "v.pdf"))
    size = os.path.getsize(os.path.join(tmp, "v.pdf"))
    for want in [f"{src} -> {tmp}/v.pdf: 1 page", "template: 'document' (", "profile: document (文件)", "stages: read and check",
                 f"output: {tmp}/v.pdf ({size} bytes)", "0 errors, 1 warning"]:
        check(want in r.stderr, f"--verbose says {want!r}: {r.stderr}")
    r = subprocess.run([pp, "render", "-v", src, "-o", "-"], capture_output=True)
    check(r.stdout.startswith(b"%PDF-") and b"standard output" in r.stderr, "--verbose with -o -: the PDF alone on standard output")

# every option --help shows, in the README's command-line section and the manual page
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
m = re.search(r"^## Command line\n(.*?)^## ", readme, re.S | re.M)
section = m.group(1) if m else ""
man = open(os.path.join(root, "docs", "planpress.1"), encoding="utf-8").read().replace("\\-", "-").replace("\\f[BIR]", "")
for c, h in helps.items():
    check(re.search(rf"planpress {c}\b", section) is not None, f"README command-line section names {c}")
    check(re.search(rf"^\.B(?:R)? planpress {c}\b|^\.B {c}$", man, re.M) is not None, f"man page has {c}")
    for opt in sorted(set(re.findall(r"(?:^|[ ,\[])(--?[a-zA-Z][a-zA-Z-]*)", h))):
        if opt in ("-", "--"): continue
        check(opt in section, f"README command-line section lists {c} {opt}")
        check(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", man) is not None, f"man page lists {c} {opt}")

# bash completion, from the source tree
comp = os.path.join(root, "scripts", "planpress-completion.bash")
script = f"""
source {comp}
t() {{ COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _planpress; echo "${{COMPREPLY[*]}}"; }}
t planpress ''
t planpress render --
t planpress render --template la
t planpress help ''
t planpress check --diagnostics=j
"""
env = dict(os.environ, PATH=os.path.dirname(pp) + os.pathsep + os.environ["PATH"])
out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, cwd=root).stdout.splitlines()
check(len(out) == 5, f"completion output: {out}")
if len(out) == 5:
    check(set(out[0].split()) >= {"render", "watch", "check", "batch", "fonts", "help"}, f"completes commands: {out[0]}")
    check({"--template", "--plan", "--verbose", "--quiet", "--diagnostics"} <= set(out[1].split()), f"completes render options: {out[1]}")
    check(out[2].split() == ["landscape"], f"completes template names: {out[2]}")
    check("templates" in out[3].split() and "watch" in out[3].split(), f"completes help topics: {out[3]}")
    check(out[4] == "--diagnostics=json", f"completes option values: {out[4]}")
print(f"{passed} passed, {len(fails)} failed")
sys.exit(1 if fails else 0)
