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

# Structure-aware mutations of the samples and fixtures (tests/mutate/run_mutate.py)
# against the sanitizer build: 3,000 cases, two at a time (ctest ran 200 others,
# seed 1, in each build above). A failing case is kept in build-asan/mutate-failures.
python3 tests/mutate/run_mutate.py build-asan/planpress --cases 3000 --seed 2 --jobs 2 \
  --failures build-asan/mutate-failures

# The libFuzzer target, where clang is installed: ASan and UBSan at -O1, with the
# assertions and the stage invariants on; every input goes through the in-memory
# pipeline to the PDF bytes (and the ODT bytes). Two runs, with inputs up to 1 MB:
#   20,000 executions mutating the seed corpus (tests/fuzz/corpus; what they add
#          is kept in build-fuzz/corpus for the next run on this machine);
#   24 executions from four generated 1 MB documents (tests/fuzz/gen_large.py:
#          a plan, the same on one line, a table, lists), seconds each in this build.
# A time-out (more than -timeout seconds on one input) is a hang or a super-linear
# path and fails like a crash; the input is left in build-fuzz/artifacts/.
if command -v clang >/dev/null 2>&1; then
  mkdir -p build-fuzz
  if CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-g -O1" -DPP_FUZZ=ON \
       >build-fuzz/build.log 2>&1 &&
     cmake --build build-fuzz -j"$jobs" --target fuzz_read >>build-fuzz/build.log 2>&1; then
    rm -rf build-fuzz/large build-fuzz/corpus-large
    mkdir -p build-fuzz/corpus build-fuzz/corpus-large build-fuzz/artifacts
    python3 tests/fuzz/gen_large.py build-fuzz/large >/dev/null
    fuzz() {
      local log=$1
      shift
      build-fuzz/tests/fuzz_read -seed=1 -max_len=1048576 -timeout=120 -rss_limit_mb=2560 \
        -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/ "$@" >"$log" 2>&1 ||
        { tail -n 40 "$log"; echo "fuzz_read failed: see $log; the input is in build-fuzz/artifacts/"; exit 1; }
      echo "fuzz_read: $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") executions" \
           "($*), peak RSS $(sed -n 's/^stat::peak_rss_mb: *//p' "$log") MB, no crash, no time-out"
    }
    TIMEFORMAT="fuzz_read: %R s wall, %U s user + %S s system CPU for both runs"
    time {
      fuzz build-fuzz/fuzz.log -runs=20000 build-fuzz/corpus tests/fuzz/corpus
      fuzz build-fuzz/fuzz-large.log -runs=24 build-fuzz/corpus-large build-fuzz/large
    }
  else
    echo "fuzz_read: not built with this clang (see build-fuzz/build.log); corpus replay ran above"
  fi
fi
