#!/usr/bin/env bash
# Rewrites every golden file from the current build, for a reviewer to read as a diff:
#   tests/golden/X.model|.blocks|.pages   `render --dump=...` of X.xml (and tests/layout/X.pages)
#   tests/errors/X.err                    `check X.xml` messages
#   tests/rules/X.err                     `check [X.args] X.xml` messages
#   tests/templates/X.err                 a sample rendered with --template X.xml
# usage: scripts/update-golden.sh [--planpress PATH]
# Then: git diff tests/   (every changed position or message is a changed line)
set -eu
cd "$(dirname "$0")/.."
pp=build/planpress
if [ "${1:-}" = "--planpress" ]; then pp=$2; shift 2; fi
[ -x "$pp" ] || { echo "update-golden: $pp not built (cmake --build build)" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
put() {   # put FILE: replace FILE with $tmp/got if it differs
  if [ -f "$1" ] && cmp -s "$tmp/got" "$1"; then echo "unchanged $1"; else cp "$tmp/got" "$1"; echo "rewrote   $1"; fi
}
for src in tests/golden/*.xml tests/layout/*.xml; do
  for stage in model blocks pages; do
    [ -f "${src%.xml}.$stage" ] || continue
    if ! "$pp" render "$src" -o "$tmp/out.pdf" --dump=$stage >"$tmp/got" 2>"$tmp/err"; then
      echo "update-golden: $src does not render:" >&2; cat "$tmp/err" >&2; exit 1
    fi
    put "${src%.xml}.$stage"
  done
done
for src in tests/errors/*.xml; do
  "$pp" check "$src" 2>"$tmp/got" || true
  put "${src%.xml}.err"
done
for src in tests/rules/*.xml; do
  args=()
  [ -e "${src%.xml}.args" ] && read -r -a args < "${src%.xml}.args"
  "$pp" check "${args[@]}" "$src" 2>"$tmp/got" || true
  put "${src%.xml}.err"
done
for tpl in tests/templates/*.xml; do
  "$pp" render samples/bsmi-114-plan.xml -o "$tmp/t.pdf" --template "$tpl" 2>"$tmp/got" || true
  put "${tpl%.xml}.err"
done
git --no-pager diff --stat -- tests/ 2>/dev/null || true
