#!/usr/bin/env bash
# Renders one source N times (default: the report sample, 21 runs) and prints the
# median wall time and the median of each stage (planpress render --stats), for the
# default (tagged) render and, interleaved with it so both see the same noise, the
# --untagged one: the difference is what tagging costs. Extra arguments after the
# run count go to every render (e.g. --pdfa).
# Not a test: these machines are noisy, compare ratios measured in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-samples/bsmi-tainan-110-report.xml}
runs=${2:-21}
shift $(( $# < 2 ? $# : 2 ))
pp=${PP:-build/planpress}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for i in $(seq "$runs"); do
  for mode in tagged untagged; do
    flag=(); [ "$mode" = untagged ] && flag=(--untagged)
    s=$(date +%s%N)
    "$pp" render "$src" -o "$out/$mode.pdf" --stats "${flag[@]}" "$@" 2>>"$out/stats.$mode"
    e=$(date +%s%N)
    echo $(( (e - s) / 1000 )) >>"$out/wall.$mode"
  done
done
python3 - "$out" "$src" <<'PY'
import re, statistics, sys
out, src = sys.argv[1], sys.argv[2]
res = {}
for mode in ("tagged", "untagged"):
    wall = [int(x) / 1000 for x in open(f"{out}/wall.{mode}")]
    rows = [dict(re.findall(r"(\w+) ([\d.]+)", l)) for l in open(f"{out}/stats.{mode}") if l.startswith("stats:")]
    med = lambda k: statistics.median(float(r.get(k, 0)) for r in rows)
    res[mode] = statistics.median(wall), med("write")
    print(f"{src} ({mode}): {len(wall)} runs, median wall {statistics.median(wall):.1f} ms "
          f"(min {min(wall):.1f}, max {max(wall):.1f})")
    print(f"  read+check {med('read'):.2f} ms | fonts {med('fonts'):.2f} ms | layout {med('layout'):.2f} ms | "
          f"write {med('write'):.2f} ms (subset {med('subset'):.2f}, deflate {med('deflate'):.2f}, "
          f"waiting for them {med('wait'):.2f}, tag {med('tag'):.2f}, pack {med('pack'):.2f})")
    b, g = int(rows[0]["bytes"]), int(rows[0]["glyph_bytes"])
    print(f"  {rows[0]['pages']} pages, {b} bytes ({b/1024:.0f} KiB): glyph data {g} bytes, everything else {b-g} bytes")
(tw, tx), (uw, ux) = res["tagged"], res["untagged"]
print(f"tagging costs {tw - uw:+.1f} ms wall ({(tw / uw - 1) * 100:+.1f} %), {tx - ux:+.2f} ms in write")
PY
