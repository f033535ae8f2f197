#!/usr/bin/env bash
# clang-tidy, with the small list of checks agreed on below, over the C++
# files changed since BASE (default: the last commit's parent). Slow (seconds
# a file), so it is for the edit loop and a reviewer, not every CI run.
#   tests/style/tidy_check.sh [BASE]
# The checks: bugs clang-tidy finds reliably in this code (use after move,
# dangling handles, suspicious string compares, narrowing in loops),
# needless copies, and the names of STYLE.md (.clang-tidy sets the cases).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
base="${1:-HEAD~1}"
checks='-*,bugprone-use-after-move,bugprone-dangling-handle,bugprone-string-constructor,bugprone-suspicious-string-compare,bugprone-too-small-loop-variable,bugprone-unused-return-value,performance-unnecessary-copy-initialization,performance-unnecessary-value-param,performance-for-range-copy,performance-move-const-arg,readability-identifier-naming'
tidy="$(command -v clang-tidy-14 || command -v clang-tidy)"
build="$root/build-tidy"
# A compile database of the real files (not unity batches) without GCC's
# precompiled header, which clang cannot read.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
cd "$root"
mapfile -t files < <(git diff --name-only --diff-filter=AM "$base" -- '*.cpp' | grep -E '^(game|k8s|tests)/' || true)
if ((${#files[@]} == 0)); then
    echo "tidy_check: no C++ source changed since $base"
    exit 0
fi
status=0
for file in "${files[@]}"; do
    "$tidy" -p "$build" --quiet --checks="$checks" --warnings-as-errors="*" --extra-arg=-Wno-unknown-warning-option \
        "$file" 2>/dev/null || status=1
done
((status == 0)) && echo "tidy_check: ${#files[@]} files since $base, no findings"
exit "$status"
