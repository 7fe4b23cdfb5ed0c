#!/usr/bin/env bash
# Error fixtures: each tests/errors/X.xml must be refused by `check` and by
# `render` with exit 1 and exactly the messages in X.err, and render must leave
# no PDF behind (not even an older one at the output path).
set -u
pp=$1
cd "$(dirname "$0")/.."
fail=0; pass=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for src in tests/errors/*.xml; do
  want=${src%.xml}.err
  "$pp" check "$src" 2>"$tmp/got"; rc=$?
  if [ $rc -ne 1 ]; then echo "FAIL $src: check exit $rc, want 1"; fail=$((fail+1)); continue; fi
  if ! diff -u "$want" "$tmp/got"; then echo "FAIL $src: messages differ"; fail=$((fail+1)); continue; fi
  printf "%%PDF-1.7 stale\n" > "$tmp/out.pdf"
  "$pp" render "$src" -o "$tmp/out.pdf" 2>/dev/null; rc=$?
  if [ $rc -ne 1 ]; then echo "FAIL $src: render exit $rc, want 1"; fail=$((fail+1)); continue; fi
  if [ -e "$tmp/out.pdf" ] || ls "$tmp"/.out.pdf.* >/dev/null 2>&1; then
    echo "FAIL $src: render left a file behind"; fail=$((fail+1)); continue
  fi
  pass=$((pass+1))
done
# broken templates: refused with file:line messages and exit 3, no PDF
for tpl in tests/templates/*.xml; do
  "$pp" render samples/bsmi-114-plan.xml -o "$tmp/t.pdf" --template "$tpl" 2>"$tmp/got"; rc=$?
  if [ $rc -ne 3 ]; then echo "FAIL $tpl: exit $rc, want 3"; fail=$((fail+1)); continue; fi
  if ! diff -u "${tpl%.xml}.err" "$tmp/got"; then echo "FAIL $tpl: messages differ"; fail=$((fail+1)); continue; fi
  if [ -e "$tmp/t.pdf" ]; then echo "FAIL $tpl: a PDF was left"; fail=$((fail+1)); continue; fi
  pass=$((pass+1))
done
# usage errors are exit 2, a missing template exit 3
"$pp" render >/dev/null 2>&1; [ $? -eq 2 ] && pass=$((pass+1)) || { echo "FAIL: usage exit"; fail=$((fail+1)); }
"$pp" render samples/bsmi-114-plan.xml -o "$tmp/x.pdf" --template no-such-template >/dev/null 2>&1
[ $? -eq 3 ] && pass=$((pass+1)) || { echo "FAIL: missing template exit"; fail=$((fail+1)); }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
