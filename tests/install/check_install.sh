#!/usr/bin/env bash
# The installed program: cmake --install build --prefix P, then P/bin/planpress
# run from an unrelated folder renders a sample with P's own templates, and its
# manual page reads. With the templates hidden everywhere (a private mount
# namespace, where this machine allows one) it names each place and exits 3.
set -u
build=$1 src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; pass=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
cmake --install "$build" --prefix "$tmp/p" >/dev/null || { echo "FAIL cmake --install"; exit 1; }
pp=$tmp/p/bin/planpress
for f in bin/planpress share/planpress/templates/document.rng share/planpress/templates/template.rng \
         share/planpress/templates/plan.xml share/man/man1/planpress.1; do
  [ -e "$tmp/p/$f" ] && ok || bad "not installed: $f"
done
mkdir "$tmp/work" && cp "$src/samples/bsmi-114-plan.xml" "$tmp/work/plan.xml"
(cd "$tmp/work" && env -u PLANPRESS_TEMPLATES "$pp" render plan.xml -o plan.pdf) && head -c 5 "$tmp/work/plan.pdf" | grep -q '%PDF-' && ok \
  || bad "the installed program does not render from another folder"
(cd "$tmp/work" && env -u PLANPRESS_TEMPLATES "$pp" fonts | grep -q "template: $tmp/p/share/planpress/templates/plan.xml") && ok \
  || bad "the installed program does not use its own templates"
if command -v man >/dev/null; then
  man -l "$tmp/p/share/man/man1/planpress.1" 2>/dev/null | grep -q "EXIT STATUS" && ok || bad "the manual page does not read"
fi
# no templates anywhere: hide the install's and the source tree's
if unshare -m true 2>/dev/null; then
  mkdir "$tmp/empty"
  out=$(unshare -m sh -c "mount --bind '$tmp/empty' '$tmp/p/share/planpress/templates' && mount --bind '$tmp/empty' '$src/templates' && cd '$tmp/work' && env -u PLANPRESS_TEMPLATES '$pp' render plan.xml -o x.pdf" 2>&1); rc=$?
  if [ $rc -eq 3 ] && echo "$out" | grep -q "looked in: .*share/planpress/templates.*$src/templates"; then ok
  else bad "no templates: exit $rc, $out"; fi
  [ ! -e "$tmp/work/x.pdf" ] && ok || bad "a PDF was made without templates"
else
  echo "note: no private mount namespace here: the missing-templates case is not checked"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
