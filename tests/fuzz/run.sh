#!/usr/bin/env bash
# Runs each libFuzzer target of tests/fuzz for a bounded time, starting from
# its seed corpus (tests/fuzz/corpus/<target>/, never written to: new inputs
# go to a temporary directory). A crash, an escaped exception, a sanitizer
# report or a broken contract stops that target and fails the run; the
# input that did it is kept and named.
# Usage: run.sh BUILD_DIR [SECONDS_PER_TARGET]   (default 20)
set -u
build=${1:?usage: run.sh BUILD_DIR [SECONDS_PER_TARGET]}
seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/meshlings-fuzz.XXXXXX")
failed=0
for target in kubeconfig watch_decoder page_classifier level_loader; do
    binary="$build/tests/fuzz/${target}_fuzz"
    mkdir -p "$work/$target/corpus" "$work/$target/crashes"
    if [[ ! -x $binary ]]; then
        echo "not ok - $target: $binary was not built"
        failed=1
        continue
    fi
    if UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$binary" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$target/crashes/" \
        "$work/$target/corpus" "$here/corpus/$target" >"$work/$target/log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target/log")
        echo "ok - $target: ${runs:-?} inputs in ${seconds} s, no crash"
    else
        failed=1
        echo "not ok - $target: see the log and the input below"
        tail -n 40 "$work/$target/log" | sed 's/^/    | /'
        ls "$work/$target/crashes/" | sed "s|^|    input: $work/$target/crashes/|"
    fi
done
if [[ $failed -eq 0 ]]; then rm -rf "$work"; fi
exit $failed
