#!/usr/bin/env bash
# Golden layout tests: every tests/layout/X.xml that has an X.pages beside it is
# rendered with --dump=pages and must print exactly X.pages (every run of every
# page with its position, role and text), so any change in line breaking or
# pagination shows up as a readable diff. Rewrite the files with
# scripts/update-golden.sh and review the diff.
# usage: run_golden.sh PLANPRESS [X.xml...]
set -u
pp=$1; shift
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
srcs=("$@")
[ ${#srcs[@]} -eq 0 ] && srcs=(tests/layout/*.xml)
for src in "${srcs[@]}"; do
  want=${src%.xml}.pages
  [ -f "$want" ] || continue
  "$pp" render "$src" -o "$tmp/out.pdf" --dump=pages >"$tmp/got" 2>"$tmp/err"; rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $src: render exit $rc"; cat "$tmp/err"; fail=$((fail+1)); continue
  fi
  if ! diff -u "$want" "$tmp/got" >"$tmp/diff"; then
    echo "FAIL $src: page layout differs from $want (- expected, + got):"
    cat "$tmp/diff"
    fail=$((fail+1)); continue
  fi
  pass=$((pass+1))
done
[ $((pass+fail)) -eq 0 ] && { echo "FAIL: no golden files found"; exit 1; }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
