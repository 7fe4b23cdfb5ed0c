#!/usr/bin/env bash
# Two planpress builds compared in one run: A and B render the same source in turn
# (A, B, A, B, ...: both see the same noise), RUNS times each (default 31), and the
# median, the quartiles and the extremes of the wall time and of every stage
# (render --stats) are printed for each. Extra arguments go to every render.
# Usage: bench/ab.sh A_PLANPRESS B_PLANPRESS [SRC] [RUNS] [render options...]
# Not a test: these machines are shared and noisy, compare only within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
a=$1 b=$2
src=${3:-samples/bsmi-tainan-110-report.xml}
runs=${4:-31}
shift $(( $# < 4 ? $# : 4 ))
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for i in $(seq "$runs"); do
  for side in A B; do
    pp=$a; [ "$side" = B ] && pp=$b
    s=$(date +%s%N)
    "$pp" render "$src" -o "$out/$side.pdf" --stats "$@" 2>>"$out/stats.$side"
    e=$(date +%s%N)
    echo $(( (e - s) / 1000 )) >>"$out/wall.$side"
  done
done
python3 - "$out" "$src" "$a" "$b" <<'PY'
import os, re, statistics, sys
out, src, pa, pb = sys.argv[1:5]
def q(v):
    v = sorted(v); n = len(v)
    qs = statistics.quantiles(v, n=4) if n >= 4 else [v[0], statistics.median(v), v[-1]]
    return f"{statistics.median(v):6.2f} [{qs[0]:6.2f} {qs[2]:6.2f}] ({v[0]:.2f}-{v[-1]:.2f})"
keys = ["read", "fonts", "layout", "write", "subset", "deflate", "wait", "tag", "pack"]
print(f"{src}: median [quartiles] (min-max), ms")
for side, pp in (("A", pa), ("B", pb)):
    wall = [int(x) / 1000 for x in open(f"{out}/wall.{side}")]
    rows = [dict(re.findall(r"(\w+) ([\d.]+)", l)) for l in open(f"{out}/stats.{side}") if l.startswith("stats:")]
    print(f"{side} = {pp}: {len(wall)} runs, {rows[0]['bytes']} bytes, {rows[0]['pages']} pages")
    print(f"  wall    {q(wall)}")
    for k in keys:
        print(f"  {k:7} {q([float(r[k]) for r in rows])}")
cmp = open(f"{out}/A.pdf", "rb").read() == open(f"{out}/B.pdf", "rb").read()
print("last PDFs of A and B byte-identical" if cmp else "last PDFs of A and B DIFFER")
PY
