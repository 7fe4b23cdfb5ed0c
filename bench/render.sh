#!/usr/bin/env bash
# Renders one source N times (default: the report sample, 21 runs) and prints the
# median wall time and the median of each stage (planpress render --stats).
# Not a test: these machines are noisy, compare ratios measured in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-samples/bsmi-tainan-110-report.xml}
runs=${2:-21}
pp=${PP:-build/planpress}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for i in $(seq "$runs"); do
  s=$(date +%s%N)
  "$pp" render "$src" -o "$out/x.pdf" --stats 2>>"$out/stats"
  e=$(date +%s%N)
  echo $(( (e - s) / 1000 )) >>"$out/wall"
done
python3 - "$out/wall" "$out/stats" "$src" <<'PY'
import re, statistics, sys
wall = [int(x) / 1000 for x in open(sys.argv[1])]
rows = [dict(re.findall(r"(\w+) ([\d.]+)", l)) for l in open(sys.argv[2]) if l.startswith("stats:")]
med = lambda k: statistics.median(float(r[k]) for r in rows)
print(f"{sys.argv[3]}: {len(wall)} runs, median wall {statistics.median(wall):.1f} ms "
      f"(min {min(wall):.1f}, max {max(wall):.1f})")
print(f"  read+check {med('read'):.2f} ms | fonts {med('fonts'):.2f} ms | layout {med('layout'):.2f} ms | "
      f"write {med('write'):.2f} ms (subset {med('subset'):.2f}, deflate {med('deflate'):.2f})")
b, g = int(rows[0]["bytes"]), int(rows[0]["glyph_bytes"])
print(f"  {rows[0]['pages']} pages, {b} bytes ({b/1024:.0f} KiB): glyph data {g} bytes, everything else {b-g} bytes")
PY
