#!/usr/bin/env bash
# How long one file takes to compile under the flags of each CI build, old
# (-O2 -g, no precompiled header) against new (-g1, -O1 for the sanitizer
# builds, the shared precompiled header), side by side, alternating, the
# median of ROUNDS runs each. BENCHMARKS.md §7.
#   tests/bench/compile_bench.sh BUILD_DIR [ROUNDS] [SOURCE...]
# BUILD_DIR is a configured normal build (its compile_commands.json gives
# each file's command); the default sources are a library file and a test.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "$1" && pwd)"
rounds="${2:-3}"
shift $(($# < 2 ? $# : 2))
sources=("$@")
[[ ${#sources[@]} -gt 0 ]] || sources=(game/bridge/cluster_bridge.cpp tests/app/fault_session_test.cpp)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

modes=(normal "asan+ubsan" tsan)
declare -A sanitize=([normal]="" ["asan+ubsan"]="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" [tsan]="-fsanitize=thread -fno-omit-frame-pointer")
declare -A newOpt=([normal]="-O2 -g1" ["asan+ubsan"]="-O1 -g1" [tsan]="-O1 -g1")

# The command for SOURCE from compile_commands.json, without its output,
# optimisation, debug and precompiled-header flags.
command_of() {
    python3 - "$build/compile_commands.json" "$root/$1" <<'PY'
import json, shlex, sys
for entry in json.load(open(sys.argv[1])):
    if entry["file"] == sys.argv[2]:
        args = shlex.split(entry["command"])[1:]  # without the compiler
        out, skip = [], False
        for a in args:
            if skip:
                skip = False
                continue
            if a in ("-o", "-include", "-MF", "-MT"):
                skip = True
                continue
            if a in ("-c", "-MD", "-Winvalid-pch") or a.startswith(("-O", "-g")) or a == entry["file"]:
                continue
            out.append(a)
        print(shlex.join(out))
        break
PY
}

# The precompiled header as k8s/common/CMakeLists.txt makes it, for FLAGS.
make_pch() {
    local dir="$1" flags="$2"
    mkdir -p "$dir"
    python3 - "$build" "$dir/pch.hxx" <<'PY'
import pathlib, sys
src = pathlib.Path(sys.argv[1]) / "k8s/common/CMakeFiles/meshlings_pch.dir/cmake_pch.hxx"
pathlib.Path(sys.argv[2]).write_text(src.read_text())
PY
    : >"$dir/pch.cxx"
    bash -c "c++ $flags -x c++-header -include '$dir/pch.hxx' '$dir/pch.cxx' -o '$dir/pch.hxx.gch'"
}

seconds() {  # seconds COMMAND...: wall time of one run (a failed compile stops the script)
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.2f}')"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-36s %-11s %9s %9s %7s\n' file build "old (s)" "new (s)" ratio
for source in "${sources[@]}"; do
    base="$(command_of "$source")"
    [[ -n $base ]] || { echo "not in compile_commands.json: $source" >&2; exit 2; }
    for mode in "${modes[@]}"; do
        old="$base -O2 -g ${sanitize[$mode]}"
        new="$base ${newOpt[$mode]} ${sanitize[$mode]}"
        make_pch "$work/$mode" "$new"
        olds=() news=()
        for _ in $(seq 1 "$rounds"); do
            olds+=("$(seconds bash -c "c++ $old -c '$root/$source' -o '$work/old.o'")")
            news+=("$(seconds bash -c "c++ $new -Winvalid-pch -include '$work/$mode/pch.hxx' -c '$root/$source' -o '$work/new.o'")")
        done
        o="$(median "${olds[@]}")"
        n="$(median "${news[@]}")"
        printf '%-36s %-11s %9s %9s %7.2f\n' "$source" "$mode" "$o" "$n" "$(python3 -c "print($n / $o)")"
    done
done
