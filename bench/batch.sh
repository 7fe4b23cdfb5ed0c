#!/usr/bin/env bash
# Batch throughput: N copies (default 100) of a report-sized source rendered by
# `planpress batch -j J` (default 2), R times (default 3), each into an empty
# folder. Prints documents per second (planpress's own count over its wall time,
# and over the whole command including start-up) and the peak resident memory of
# a worker (getrusage in each worker, reported in report.json). Target: >= 80
# documents/s on the 2-core machine. With DISTINCT=1 every copy draws a glyph set of
# its own (a character or two added to its title), so a worker can reuse no font
# program from the document before: the throughput of distinct documents.
# Not a test: the machines are noisy, so the load average is printed too;
# bench/render.sh gives the per-stage split.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
jobs=${2:-2}
runs=${3:-3}
src=${SRC:-samples/bsmi-tainan-110-report.xml}
pp=$(realpath "${PP:-build/planpress}")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
if [ -n "${DISTINCT:-}" ]; then
  # every copy's title gets one or two characters of the other samples that the
  # report lacks, so no two documents draw the same glyphs (nothing to reuse)
  python3 - "$src" "$tmp/in" "$n" <<'PY'
import glob, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(src, encoding="utf-8").read()
extra = []
for f in sorted(glob.glob("samples/*.xml")):
    for ch in open(f, encoding="utf-8").read():
        if 0x4E00 <= ord(ch) <= 0x9FFF and ch not in text and ch not in extra:
            extra.append(ch)
for i in range(n):
    add = extra[i % len(extra)] + (extra[(i + 1) % len(extra)] if i >= len(extra) else "")
    open(f"{out}/doc-{i + 1:04d}.xml", "w", encoding="utf-8").write(text.replace("</title>", add + "</title>", 1))
PY
else
  for i in $(seq -w 1 "$n"); do cp "$src" "$tmp/in/doc-$i.xml"; done
fi
echo "$n copies of $src, planpress batch -j $jobs, $runs runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$runs"); do
  rm -rf "$tmp/out"
  s=$(date +%s%N)
  "$pp" batch "$tmp/in" -o "$tmp/out" -j "$jobs" >/dev/null 2>"$tmp/log" || { cat "$tmp/log"; exit 1; }
  e=$(date +%s%N)
  python3 - "$tmp/out/report.json" $(( (e - s) / 1000 )) "$r" "$tmp/rates" <<'PY'
import json, sys
rep, wall_us, run = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
s = rep["summary"]
ok = s["ok"]
pages = sum(e["pages"] for e in rep["sources"]); size = sum(e["bytes"] for e in rep["sources"])
print(f"run {run}: {ok} documents ({pages} pages, {size / 2**20:.1f} MiB) in {s['elapsed_ms'] / 1e3:.2f} s: "
      f"{ok / (s['elapsed_ms'] / 1e3):.1f} documents/s ({ok / (wall_us / 1e6):.1f} with start-up); "
      f"peak memory per worker {s['worker_peak_rss_kb'] / 1024:.1f} MiB; "
      f"300 documents would take {300 / (ok / (s['elapsed_ms'] / 1e3)):.1f} s")
open(sys.argv[4], "a").write(f"{ok / (s['elapsed_ms'] / 1e3)}\n")
PY
done
python3 - "$tmp/rates" <<'PY'
import statistics, sys
r = [float(x) for x in open(sys.argv[1])]
print(f"median {statistics.median(r):.1f} documents/s, best {max(r):.1f} (target 80)")
PY
