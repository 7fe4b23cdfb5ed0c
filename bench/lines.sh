#!/usr/bin/env bash
# Line quality of the five samples, measured on their PDFs (tests/typeset/measure.py):
# lines with a gap over 0.6 / 0.4 em between neighbouring glyphs, Han-Latin gaps and
# word spaces outside 1/6..1/3 em, one-character last lines in measures of 5 em or
# more, lines inside a paragraph that end short of their measure, kinsoku violations
# and overflows; then the worst lines. PP=path/to/planpress compares another build.
# usage: bench/lines.sh [WORST=10] [TEMPLATE]
# Not a test (ctest runs measure.py --enforce per sample): a report to compare builds.
set -euo pipefail
cd "$(dirname "$0")/.."
pp=${PP:-build/planpress}
worst=${1:-10}
args=()
[ $# -ge 2 ] && args=(--template "$2")
python3 tests/typeset/measure.py "$pp" samples/*.xml --worst "$worst" "${args[@]}"
