#!/usr/bin/env bash
# Fresh machine to a tested build: installs what is missing, builds and runs
# every test with ctest, then again in a separate AddressSanitizer +
# UndefinedBehaviorSanitizer build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPP_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs")

# The libFuzzer target, where clang is installed: build it and give it a short run
# over the seed corpus (the corpus itself already ran above, as fuzz/replay).
if command -v clang >/dev/null 2>&1; then
  mkdir -p build-fuzz
  if CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DPP_FUZZ=ON >build-fuzz/build.log 2>&1 &&
     cmake --build build-fuzz -j"$jobs" --target fuzz_read >>build-fuzz/build.log 2>&1; then
    mkdir -p build-fuzz/corpus
    build-fuzz/tests/fuzz_read -seed=1 -runs=3000 -max_len=8192 -timeout=20 build-fuzz/corpus tests/fuzz/corpus \
      >build-fuzz/fuzz.log 2>&1 || { tail -n 40 build-fuzz/fuzz.log; exit 1; }
    echo "fuzz_read: 3000 runs over tests/fuzz/corpus, no crash"
  else
    echo "fuzz_read: not built with this clang (see build-fuzz/build.log); corpus replay ran above"
  fi
fi
