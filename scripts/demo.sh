#!/usr/bin/env bash
# Fresh machine to rendered samples: installs what is missing, builds, and
# renders every samples/*.xml into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
mkdir -p out
status=0
for src in samples/*.xml; do
  name=$(basename "$src" .xml)
  if build/planpress render "$src" -o "out/$name.pdf"; then
    printf '%-40s -> out/%s.pdf (%s bytes)\n' "$src" "$name" "$(stat -c %s "out/$name.pdf")"
  else
    status=1
  fi
done
exit $status
