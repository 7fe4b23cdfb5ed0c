#!/usr/bin/env python3
"""The message catalog's rules: every message in src/messages.h has a unique id,
is listed in PP_MESSAGES, and is reported somewhere; code reports messages only
through pp_msg (no pp_diag_report with a level and text of its own)."""
import os, re, sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
cat = open(os.path.join(SRC, "messages.h"), encoding="utf-8").read()
defs = re.findall(r'#define PP_MSG_(\w+)\s+PP_(\w+),\s*"([^"]+)",\s*"', cat)
listed = set(re.findall(r'X\((\w+)\)', cat[cat.index("#define PP_MESSAGES"):]))
problems = []
ids = {}
for name, level, mid in defs:
    if mid in ids:
        problems.append(f"id '{mid}' used by {ids[mid]} and {name}")
    ids[mid] = name
    if name not in listed:
        problems.append(f"{name} is not in PP_MESSAGES")
names = {d[0] for d in defs}
for name in listed - names:
    problems.append(f"PP_MESSAGES lists {name}, which is not defined")
code = ""
for f in sorted(os.listdir(SRC)):
    if f.endswith(".c"):
        text = open(os.path.join(SRC, f), encoding="utf-8").read()
        code += text
        for m in re.finditer(r'pp_diag_report\s*\(', text):
            if f != "diag.c":
                problems.append(f"src/{f} calls pp_diag_report directly: report through pp_msg and the catalog")
def third_args(text):
    """The message name of every pp_msg(d, at, NAME, ...) call: its third argument."""
    for m in re.finditer(r'\b(?:pp_msg|pp_job_msg)\(', text):
        depth, args, cur, i = 0, [], "", m.end()
        while i < len(text):
            c = text[i]
            if c in "([{": depth += 1
            elif c in ")]}":
                if depth == 0:
                    break
                depth -= 1
            if c == "," and depth == 0:
                args.append(cur.strip()); cur = ""
            else:
                cur += c
            i += 1
        args.append(cur.strip())
        if len(args) >= 3:
            yield args[2]
used = set(third_args(code))
for name in sorted(names - used):
    problems.append(f"{name} is never reported")
for p in problems:
    print("FAIL " + p)
print(f"{len(defs)} messages, {len(problems)} problems")
sys.exit(1 if problems else 0)
