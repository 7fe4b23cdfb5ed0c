#!/usr/bin/env python3
"""The module rules of src/: every header has a .c of its own (except the few
header-only leaves listed below), no include cycle between modules, and the
libraries only the PDF writer may see (libharu, hb-subset, libdeflate) are
included only by src/pdf_*.c. Prints the module graph with --graph."""
import os, re, sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
# headers without a .c: constants, inline helpers, generated tables
HEADER_ONLY = {"caps", "clock", "messages", "xml_util", "pdf_hpdf23"}
PDF_ONLY = re.compile(r'#include\s*<(hpdf[^>]*|hb-subset\.h|libdeflate\.h)>')

def includes(path):
    with open(path, encoding="utf-8") as f:
        return re.findall(r'#include\s+"([^"]+)\.h"', f.read())

def main():
    files = sorted(os.listdir(SRC))
    headers = {f[:-2] for f in files if f.endswith(".h")}
    sources = {f[:-2] for f in files if f.endswith(".c")}
    problems = []
    for h in sorted(headers - sources - HEADER_ONLY):
        problems.append(f"src/{h}.h has no src/{h}.c")
    # module graph: a module is its .h and .c together
    graph = {m: set() for m in headers | sources}
    for f in files:
        if not f.endswith((".c", ".h")):
            continue
        m = f[:-2]
        for inc in includes(os.path.join(SRC, f)):
            if inc != m and inc in graph:
                graph[m].add(inc)
        if not f.startswith("pdf_"):
            with open(os.path.join(SRC, f), encoding="utf-8") as fh:
                for lib in PDF_ONLY.findall(fh.read()):
                    problems.append(f"src/{f} includes <{lib}>, which only the PDF writer (src/pdf_*.c) may")
    # cycles, by depth-first search
    state, stack = {}, []
    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                problems.append("include cycle: " + " -> ".join(stack[stack.index(n):] + [n]))
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2
    for m in sorted(graph):
        if m not in state:
            visit(m)
    if "--graph" in sys.argv:
        for m in sorted(graph):
            print(f"{m} -> {' '.join(sorted(graph[m]))}")
    for p in problems:
        print("FAIL " + p)
    print(f"{len(graph)} modules, {sum(len(v) for v in graph.values())} arrows, {len(problems)} problems")
    return 1 if problems else 0

sys.exit(main())
