#!/usr/bin/env bash
# Builds Meshlings and runs every test: the style checks (clang-format, the
# modules' layering), then the whole suite three times -- as built, under
# AddressSanitizer and UndefinedBehaviorSanitizer, and under ThreadSanitizer
# -- then the fuzz targets for a bounded time. Installs what the tests need
# when it is missing.
#   bash tests/run.sh            the whole suite (what CI runs)
#   bash tests/run.sh --quick    style checks, the normal build and its unit tests (the edit loop)
#
# On 2 cores most of the time is compiling, and most of a test suite's time is
# waiting (on loopback servers, on simulated start-up times), so each
# sanitizer tree is built at low priority while the suite before it runs:
#   build | tests + build-asan | asan tests + build-tsan | tsan tests + fuzz
# Every part writes its own log; a failed part prints its log and fails the
# run at the end, after the parts already started have finished.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
quick=false
case "${1:-}" in
    --quick) quick=true ;;
    "") ;;
    *) echo "usage: bash tests/run.sh [--quick]" >&2; exit 2 ;;
esac

extra=(curl python3 procps tinyproxy xvfb xauth gdb prometheus clang-14 clang-format-14 libclang-rt-14-dev)
if ! command -v kubectl >/dev/null 2>&1; then
    extra+=(kubernetes-client)
fi
bash "$root/deploy/install-deps.sh" "${extra[@]}"

jobs="$(nproc)"
# The suites wait far more than they compute: twice as many tests as cores.
test_jobs=$((jobs * 2))
logs="$root/build-logs"
rm -rf "$logs"
mkdir -p "$logs"
failed=()
started=$SECONDS

say() { printf '== %s (%d s)\n' "$*" $((SECONDS - started)); }

# A part whose output goes to its log and, when it fails, to the screen.
part() {
    local name="$1"
    shift
    say "$name"
    if ! "$@" >"$logs/$name.log" 2>&1; then
        echo "== $name FAILED; its log ($logs/$name.log):"
        cat "$logs/$name.log"
        failed+=("$name")
        return 1
    fi
}

# A part in the background, niced; `finish NAME` waits for it.
declare -A pids
background() {
    local name="$1"
    shift
    say "$name (in the background)"
    (renice -n 15 "$BASHPID" >/dev/null && "$@") >"$logs/$name.log" 2>&1 &
    pids[$name]=$!
}
finish() {
    local name="$1"
    if ! wait "${pids[$name]}"; then
        echo "== $name FAILED; its log ($logs/$name.log):"
        cat "$logs/$name.log"
        failed+=("$name")
        return 1
    fi
    say "$name done"
}

# A suite in the foreground; each sanitizer report is also written to
# BUILD_DIR/sanitizer-reports/, so that a report from a process whose exit
# code a test script does not look at (a drill's verdict, a game it kills)
# still fails the run; every report is printed.
suite() {
    local dir="$1" status=0 report
    shift
    rm -rf "$dir/sanitizer-reports"
    mkdir -p "$dir/sanitizer-reports"
    say "tests in ${dir#"$root"/}"
    ctest --test-dir "$dir" --output-on-failure -j "$test_jobs" "$@" || status=$?
    for report in "$dir"/sanitizer-reports/*; do
        [[ -e $report ]] || continue
        echo "== sanitizer report $report"
        cat "$report"
        status=1
    done
    ((status == 0)) || failed+=("tests in ${dir#"$root"/}")
}

# A sanitizer tree: configured and built like build/, with the options given.
build_tree() {
    cmake -S "$root" -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON "${@:2}"
    cmake --build "$1" -j "$jobs"
}

# libFuzzer with clang: only the sources the four targets need, each target
# run for 20 s from its seed corpus (tests/fuzz/run.sh).
fuzz() {
    cmake -S "$root" -B "$root/build-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++-14 -DMESHLINGS_FUZZ=ON
    cmake --build "$root/build-fuzz" -j "$jobs"
    bash "$root/tests/fuzz/run.sh" "$root/build-fuzz" 20
}

part style-format bash "$root/tests/style/format_check.sh" || true
part style-layering python3 "$root/tests/style/layering_check.py" || true
part build bash "$root/deploy/build.sh" "$root/build" -DCMAKE_UNITY_BUILD=ON || {
    echo "tests/run.sh: the build failed"
    exit 1
}

if $quick; then
    suite "$root/build" -LE integration
    if ((${#failed[@]} > 0)); then
        echo "tests/run.sh --quick: FAILED: ${failed[*]}"
        exit 1
    fi
    say "tests/run.sh --quick: all passed"
    exit 0
fi

background build-asan build_tree "$root/build-asan" -DMESHLINGS_SANITIZE=ON
suite "$root/build"

asan_built=true
finish build-asan || asan_built=false
background build-tsan build_tree "$root/build-tsan" -DMESHLINGS_TSAN=ON
if $asan_built; then
    reports="$root/build-asan/sanitizer-reports"
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$reports/asan" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan" \
        suite "$root/build-asan"
fi

tsan_built=true
finish build-tsan || tsan_built=false
background fuzz fuzz
if $tsan_built; then
    # A report fails the test (exit code 66). The suppressions name only code
    # we do not build (Mesa's software GL driver under Xvfb). The monkey's
    # windowed run of every level (app_monkey) runs as built and under
    # ASan+UBSan; under TSan, Mesa's software renderer makes it too slow.
    reports="$root/build-tsan/sanitizer-reports"
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/tsan.supp log_path=$reports/tsan" \
        suite "$root/build-tsan" -LE monkey
fi
finish fuzz || true
tail -n 8 "$logs/fuzz.log"

if ((${#failed[@]} > 0)); then
    echo "tests/run.sh: FAILED: ${failed[*]}"
    exit 1
fi
say "tests/run.sh: every part passed"
