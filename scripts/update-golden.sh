#!/usr/bin/env bash
# Rewrites the golden files from the current build, for a reviewer to read as a diff:
#   tests/layout/X.pages   `planpress render X.xml --dump=pages` for every
#                          tests/layout/X.xml that already has an X.pages
#                          (or is named on the command line)
# usage: scripts/update-golden.sh [--planpress PATH] [tests/layout/X.xml...]
# Then: git diff tests/layout/   (every changed position is a changed line)
set -eu
cd "$(dirname "$0")/.."
pp=build/planpress
if [ "${1:-}" = "--planpress" ]; then pp=$2; shift 2; fi
[ -x "$pp" ] || { echo "update-golden: $pp not built (cmake --build build)" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
srcs=("$@")
if [ ${#srcs[@]} -eq 0 ]; then
  for s in tests/layout/*.xml; do [ -f "${s%.xml}.pages" ] && srcs+=("$s"); done
fi
for src in "${srcs[@]}"; do
  out=${src%.xml}.pages
  if ! "$pp" render "$src" -o "$tmp/out.pdf" --dump=pages >"$tmp/got" 2>"$tmp/err"; then
    echo "update-golden: $src does not render:" >&2; cat "$tmp/err" >&2; exit 1
  fi
  if [ -f "$out" ] && cmp -s "$tmp/got" "$out"; then
    echo "unchanged $out"
  else
    cp "$tmp/got" "$out"; echo "rewrote   $out"
  fi
done
git --no-pager diff --stat -- tests/layout/ 2>/dev/null || true
