#!/usr/bin/env bash
# planpress against Typst and against the floor, measured in one run.
#   - Typst: the npm package @myriaddreamin/typst-ts-node-compiler 0.7.0 (installed
#     here with npm on first use, into $TYPST_DIR, default build/typst-bench)
#     compiling bench/typst/report.typ, the Typst version of the report sample
#     (bench/typst/make_report.py writes it from the sample), one node process per
#     document like one planpress process per document;
#   - the floor: bench/floor.c (built here against build/libplanpress_lib.a), which
#     times only what the render cannot do without: read, fonts, and the largest
#     font's subset + deflate for the same glyphs.
# The three commands alternate (planpress, Typst, floor, planpress, ...) RUNS times
# (default 21) so they share the machine's noise; each one's wall time is taken
# around the process (python's monotonic clock). Prints medians, quartiles and the
# ratios. Not a test: the machines are shared and noisy.
# Usage: bench/typst.sh [RUNS]    (PP=path/to/planpress to try another build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
pp=$(realpath "${PP:-build/planpress}")
dir=${TYPST_DIR:-build/typst-bench}
mkdir -p "$dir"
if [ ! -d "$dir/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
  echo "installing @myriaddreamin/typst-ts-node-compiler@0.7.0 into $dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save \
    @myriaddreamin/typst-ts-node-compiler@0.7.0 >"$dir/npm.log" 2>&1 || { cat "$dir/npm.log"; exit 1; }
fi
lib=build/libplanpress_lib.a
[ -f "$lib" ] || { echo "build first: $lib is missing" >&2; exit 1; }
# shellcheck disable=SC2046
cc -O2 -std=c11 -Isrc bench/floor.c "$lib" -o "$dir/floor" \
  $(pkg-config --cflags --libs libxml-2.0 fontconfig freetype2 harfbuzz harfbuzz-subset libdeflate libzip) \
  -lhpdf -lpthread -lm
src=samples/bsmi-tainan-110-report.xml
typ=bench/typst/report.typ
NODE_PATH=$(realpath "$dir/node_modules") RUNS=$runs PP_BIN=$pp FLOOR=$dir/floor SRC=$src TYP=$typ OUT=$dir \
python3 - <<'PY'
import os, re, statistics, subprocess, time
runs, out = int(os.environ["RUNS"]), os.environ["OUT"]
cmds = {
    "planpress": [os.environ["PP_BIN"], "render", os.environ["SRC"], "-o", f"{out}/planpress.pdf"],
    "typst": ["node", "bench/typst/compile.js", os.environ["TYP"], f"{out}/typst.pdf"],
    "floor": [os.environ["FLOOR"], os.environ["SRC"]],
}
wall = {k: [] for k in cmds}
inner = []
for i in range(runs):
    for k, c in cmds.items():
        t0 = time.clock_gettime(time.CLOCK_MONOTONIC)
        r = subprocess.run(c, capture_output=True, text=True)
        wall[k].append((time.clock_gettime(time.CLOCK_MONOTONIC) - t0) * 1e3)
        if r.returncode != 0:
            raise SystemExit(f"{k} failed: {r.stderr[-2000:]}")
        if k == "floor":
            inner.append({a: float(b) for a, b in re.findall(r"(\w+) ([\d.]+)", r.stdout)})
def q(v):
    v = sorted(v); qs = statistics.quantiles(v, n=4)
    return statistics.median(v), f"{statistics.median(v):7.1f} ms [{qs[0]:.1f} {qs[2]:.1f}] ({v[0]:.1f}-{v[-1]:.1f})"
print(f"{runs} runs each, alternated; median [quartiles] (min-max); load average {open('/proc/loadavg').read().split()[0]}")
med = {}
for k in cmds:
    med[k], s = q(wall[k]); print(f"  {k:10} wall {s}")
parts = ["read", "fonts", "subset", "deflate", "total"]
fm = {p: statistics.median(r[p] for r in inner) for p in parts}
print("  floor inside: " + ", ".join(f"{p} {fm[p]:.1f}" for p in parts) + " ms (medians)")
size = lambda p: os.path.getsize(p)
print(f"  PDF sizes: planpress {size(out + '/planpress.pdf')} bytes ({size(out + '/planpress.pdf') / 1024:.0f} KiB), "
      f"Typst {size(out + '/typst.pdf')} bytes; floor's font program {int(inner[0]['bytes'])} bytes")
print(f"Typst / planpress: {med['typst'] / med['planpress']:.1f}x (target >= 10)")
print(f"planpress / floor: {med['planpress'] / fm['total']:.2f}x the floor's own total, "
      f"{med['planpress'] / med['floor']:.2f}x its wall with process start and exit (target <= 1.3)")
PY
