#!/usr/bin/env bash
# Every C++ file git tracks is laid out as the repo's .clang-format says.
# Prints each file that differs and fails; `clang-format-14 -i FILE` mends one.
#   tests/style/format_check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
format="$(command -v clang-format-14 || command -v clang-format)"
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
# One run over all files; each difference is reported as "FILE:LINE:COL: error: ...".
mapfile -t bad < <("$format" --dry-run -Werror "${files[@]}" 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u)
if ((${#bad[@]} > 0)); then
    echo "format_check: ${#bad[@]} of ${#files[@]} files differ from .clang-format (mend with: $format -i FILE):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
echo "format_check: ${#files[@]} files match .clang-format"
