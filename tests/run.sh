#!/usr/bin/env bash
# Builds Meshlings and runs every test three times: a normal build, then the
# same suite under AddressSanitizer and UndefinedBehaviorSanitizer, then under
# ThreadSanitizer; then the fuzz targets for a bounded time. Installs what the
# tests need (curl, python3, tinyproxy, kubectl, Xvfb, gdb, prometheus, clang) when
# it is missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
extra=(curl python3 procps tinyproxy xvfb xauth gdb prometheus clang-14 libclang-rt-14-dev)
if ! command -v kubectl >/dev/null 2>&1; then
    extra+=(kubernetes-client)
fi
bash "$root/deploy/install-deps.sh" "${extra[@]}"

jobs="$(nproc)"
bash "$root/deploy/build.sh" "$root/build"
ctest --test-dir "$root/build" --output-on-failure -j "$jobs"

# A sanitizer build's suite, each report written to BUILD_DIR/sanitizer-reports/
# as well as failing its process: a report from a process whose exit code a
# test script does not look at (a drill's verdict, a game it kills) still
# fails the run, and every report is printed at the end.
sanitized_ctest() {
    local dir="$1" status=0 report
    rm -rf "$dir/sanitizer-reports"
    mkdir -p "$dir/sanitizer-reports"
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" || status=$?
    for report in "$dir"/sanitizer-reports/*; do
        [[ -e $report ]] || continue
        echo "== sanitizer report $report"
        cat "$report"
        status=1
    done
    return "$status"
}

bash "$root/deploy/build.sh" "$root/build-asan" -DMESHLINGS_SANITIZE=ON
reports="$root/build-asan/sanitizer-reports"
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$reports/asan" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan" \
    sanitized_ctest "$root/build-asan"

# ThreadSanitizer: a report fails the test (exit code 66). The suppressions
# name only code we do not build (Mesa's software GL driver under Xvfb).
bash "$root/deploy/build.sh" "$root/build-tsan" -DMESHLINGS_TSAN=ON
reports="$root/build-tsan/sanitizer-reports"
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/tsan.supp log_path=$reports/tsan" \
    sanitized_ctest "$root/build-tsan"

# libFuzzer with clang: only the sources the four targets need, each target
# run for 20 s from its seed corpus (tests/fuzz/run.sh).
cmake -S "$root" -B "$root/build-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-14 -DMESHLINGS_FUZZ=ON
cmake --build "$root/build-fuzz" -j "$jobs"
bash "$root/tests/fuzz/run.sh" "$root/build-fuzz" 20
