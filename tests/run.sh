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

bash "$root/deploy/build.sh" "$root/build-asan" -DMESHLINGS_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure -j "$jobs"

# ThreadSanitizer: a report fails the test (exit code 66). The suppressions
# name only code we do not build (Mesa's software GL driver under Xvfb).
bash "$root/deploy/build.sh" "$root/build-tsan" -DMESHLINGS_TSAN=ON
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/tsan.supp" \
    ctest --test-dir "$root/build-tsan" --output-on-failure -j "$jobs"

# libFuzzer with clang: only the sources the four targets need, each target
# run for 20 s from its seed corpus (tests/fuzz/run.sh).
cmake -S "$root" -B "$root/build-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-14 -DMESHLINGS_FUZZ=ON
cmake --build "$root/build-fuzz" -j "$jobs"
bash "$root/tests/fuzz/run.sh" "$root/build-fuzz" 20
