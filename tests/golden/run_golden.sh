#!/usr/bin/env bash
# Every tests/golden/X.xml with an X.model, X.blocks or
# X.pages beside it is rendered with --dump=model|blocks|pages and must print
# exactly that file, so a change in numbering, lowering, line breaking or
# pagination shows up as a readable diff. scripts/update-golden.sh rewrites them.
# usage: run_golden.sh PLANPRESS
set -u
pp=$1
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
for src in tests/golden/*.xml; do
  for stage in model blocks pages; do
    want=${src%.xml}.$stage
    [ -f "$want" ] || continue
    "$pp" render "$src" -o "$tmp/out.pdf" --dump=$stage >"$tmp/got" 2>"$tmp/err"; rc=$?
    if [ $rc -ne 0 ]; then echo "FAIL $src: render exit $rc"; cat "$tmp/err"; fail=$((fail+1)); continue; fi
    if ! diff -u "$want" "$tmp/got" >"$tmp/diff"; then
      echo "FAIL $src: --dump=$stage differs from $want (- expected, + got):"; cat "$tmp/diff"
      fail=$((fail+1)); continue
    fi
    pass=$((pass+1))
  done
done
[ $((pass+fail)) -eq 0 ] && { echo "FAIL: no golden files found"; exit 1; }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
