#!/usr/bin/env bash
# Benchmark of the built-in cluster's Kubernetes API as kubectl and curl see
# it: wall time of listing pods from a cluster with N extra pods and, side by
# side in the same run, from one with none (for the ratio), plus the server's
# memory. Prints Markdown tables (numbers) on stdout, progress on stderr.
# All traffic goes to 127.0.0.1; the servers it starts are stopped on exit.
#
# Usage: tests/bench/api_bench.sh [MESHLINGS_BINARY] [--runs N] [--pods N]
#   MESHLINGS_BINARY  default: build-bench/meshlings, then build/meshlings
#   --runs N          timed runs of each request per cluster (default 15)
#   --pods N          extra pods of the big cluster (default 5000)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
binary=""
runs=15
pods=5000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --pods) pods="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) binary="$1"; shift ;;
    esac
done
if [[ -z "$binary" ]]; then
    for candidate in "$repo/build-bench/meshlings" "$repo/build/meshlings"; do
        if [[ -x "$candidate" ]]; then binary="$candidate"; break; fi
    done
fi
if [[ -z "$binary" || ! -x "$binary" ]]; then
    echo "api_bench: no meshlings binary (give its path as the first argument)" >&2
    exit 2
fi
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

# --- tools: installed from Debian's packages when missing ---------------------
aptUpdated=0
ensureTool() {
    local tool="$1" package="$2"
    command -v "$tool" >/dev/null 2>&1 && return 0
    if [[ $(id -u) -ne 0 ]]; then
        echo "api_bench: $tool is missing and this is not root: apt-get install $package" >&2
        exit 2
    fi
    echo "api_bench: installing $package for $tool" >&2
    if [[ $aptUpdated -eq 0 ]]; then apt-get update -qq >&2; aptUpdated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
}
ensureTool curl curl
ensureTool kubectl kubernetes-client
ensureTool awk mawk

# --- servers -------------------------------------------------------------------
work="$(mktemp -d /tmp/meshlings-api-bench.XXXXXX)"
export KUBECACHEDIR="$work/kubecache"  # fresh discovery cache, shared by both clusters
declare -A serverPid serverApi serverConfig serverSeed
cleanup() {
    local size pid
    for size in "${!serverPid[@]}"; do
        pid="${serverPid[$size]}"
        kill -TERM "$pid" 2>/dev/null || true
    done
    for size in "${!serverPid[@]}"; do
        pid="${serverPid[$size]}"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    for pid in "${guardPids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Stops a server when this script is gone however it ended (even killed with
# SIGKILL, when no trap runs), and at the latest after an hour.
guardPids=()
guardServer() {
    local server="$1" script=$$
    (
        trap - EXIT INT TERM
        deadline=$((SECONDS + 3600))
        while kill -0 "$script" 2>/dev/null && ((SECONDS < deadline)); do sleep 1; done
        kill -TERM "$server" 2>/dev/null || true
    ) </dev/null >/dev/null 2>&1 &
    guardPids+=($!)
}

# Starts `meshlings cluster --extra-pods SIZE`. A seed whose random pod names
# collide makes the server exit at start ("already exists"); the next seed is
# tried then, and the seed used is reported.
startServer() {
    local size="$1" seed pid out="$work/server-$1.out" err="$work/server-$1.err" config="$work/kubeconfig-$1"
    for seed in $(seq 1 30); do
        rm -f "$config"
        "$binary" cluster --listen 127.0.0.1:0 --ingress-listen 127.0.0.1:0 --kubeconfig-out "$config" \
            --extra-pods "$size" --seed "$seed" >"$out" 2>"$err" &
        pid=$!
        serverPid[$size]=$pid
        guardServer "$pid"
        for _ in $(seq 1 1200); do  # up to 120 s
            grep -q "meshlings cluster ready" "$out" && break
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if grep -q "meshlings cluster ready" "$out"; then
            serverApi[$size]="$(grep -o 'api http://127\.0\.0\.1:[0-9]*' "$out" | cut -d' ' -f2)"
            serverConfig[$size]="$config"
            serverSeed[$size]="$seed"
            return 0
        fi
        wait "$pid" 2>/dev/null || true
        unset "serverPid[$size]"
        if ! grep -q "already exists" "$err"; then
            echo "api_bench: meshlings cluster --extra-pods $size did not start:" >&2
            cat "$err" >&2
            exit 1
        fi
        echo "api_bench: --extra-pods $size --seed $seed: $(cat "$err"); trying the next seed" >&2
    done
    echo "api_bench: no seed in 1..30 started --extra-pods $size" >&2
    exit 1
}

memoryOf() {  # "VmRSS VmHWM" in MiB
    awk '/^VmRSS:/ {rss = $2} /^VmHWM:/ {hwm = $2} END {printf "%.1f %.1f", rss / 1024, hwm / 1024}' \
        "/proc/$1/status"
}

# --- the requests --------------------------------------------------------------
cases=(kubectlLoad kubectlAll curlTable curlJson curlGzip)
declare -A caseTitle=(
    [kubectlLoad]="\`kubectl get pods -n load\` (table)"
    [kubectlAll]="\`kubectl get pods -A\` (table)"
    [curlTable]="\`curl /api/v1/namespaces/load/pods?limit=500\`, kubectl's Table \`Accept\`"
    [curlJson]="\`curl /api/v1/namespaces/load/pods\` (JSON)"
    [curlGzip]="same, \`Accept-Encoding: gzip\`"
)

# What kubectl 1.32 asks for when it prints a table (the server renders the rows).
tableAccept="application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"

# Runs one request against the cluster of SIZE; prints the bytes received.
runCase() {
    local name="$1" size="$2" api="${serverApi[$2]}" config="${serverConfig[$2]}"
    case "$name" in
        kubectlLoad) kubectl --kubeconfig "$config" get pods -n load 2>&1 | wc -c ;;
        kubectlAll) kubectl --kubeconfig "$config" get pods -A 2>&1 | wc -c ;;
        curlTable) curl -sf -o /dev/null -w '%{size_download}\n' -H "Accept: $tableAccept" \
            "$api/api/v1/namespaces/load/pods?limit=500" ;;
        curlJson) curl -sf -o /dev/null -w '%{size_download}\n' "$api/api/v1/namespaces/load/pods" ;;
        curlGzip) curl -sf -o /dev/null -w '%{size_download}\n' -H 'Accept-Encoding: gzip' \
            "$api/api/v1/namespaces/load/pods" ;;
    esac
}

declare -A samples bytes
timeCase() {  # appends one wall time in ms to samples[name,size]
    local name="$1" size="$2" start end received
    start=$(date +%s%N)
    if ! received="$(set -o pipefail; runCase "$name" "$size")"; then
        echo "api_bench: $name against --extra-pods $size failed" >&2
        exit 1
    fi
    end=$(date +%s%N)
    samples[$name,$size]+="$(( (end - start) / 1000 )) "
    bytes[$name,$size]="$received"
}

stats() {  # "median p90" in ms from microsecond samples (p90: nearest rank)
    tr ' ' '\n' <<<"$1" | awk 'NF' | sort -n |
        awk '{v[NR] = $1} END {
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            r = int(0.9 * NR); if (r < 0.9 * NR) r++
            printf "%.1f %.1f", m / 1000, v[r] / 1000 }'
}

sizes=("$pods" 0)
declare -A memStart memEnd
for size in "${sizes[@]}"; do
    echo "api_bench: starting meshlings cluster --extra-pods $size" >&2
    startServer "$size"
    memStart[$size]="$(memoryOf "${serverPid[$size]}")"
done

echo "api_bench: warming up (one untimed run of each request; fills kubectl's discovery cache)" >&2
for size in "${sizes[@]}"; do
    for name in "${cases[@]}"; do runCase "$name" "$size" >/dev/null; done
done
for run in $(seq 1 "$runs"); do
    # Interleaved: each run times every request against both clusters, so noise hits both alike.
    for name in "${cases[@]}"; do
        for size in "${sizes[@]}"; do timeCase "$name" "$size"; done
    done
    echo "api_bench: run $run/$runs" >&2
done
for size in "${sizes[@]}"; do memEnd[$size]="$(memoryOf "${serverPid[$size]}")"; done

# --- report --------------------------------------------------------------------
echo "API benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $runs timed runs per request and cluster" \
     "(after one warm-up), wall time from \`date +%s%N\` around each command."
echo "kubectl $(kubectl version --client 2>/dev/null | head -1 | sed 's/^Client Version: //'), $(curl --version | head -1 | cut -d' ' -f1-2)," \
     "seeds: ${serverSeed[$pods]} (--extra-pods $pods), ${serverSeed[0]} (--extra-pods 0)."
echo
echo "| request | median ms ($pods pods) | p90 ms | bytes | median ms (0 pods) | p90 ms | bytes | ratio of medians |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for name in "${cases[@]}"; do
    read -r bigMedian bigP90 <<<"$(stats "${samples[$name,$pods]}")"
    read -r smallMedian smallP90 <<<"$(stats "${samples[$name,0]}")"
    ratio="$(awk -v a="$bigMedian" -v b="$smallMedian" 'BEGIN {printf "%.1fx", (b > 0 ? a / b : 0)}')"
    echo "| ${caseTitle[$name]} | $bigMedian | $bigP90 | ${bytes[$name,$pods]} | $smallMedian | $smallP90 |" \
         "${bytes[$name,0]} | $ratio |"
done
echo
echo "| server | VmRSS after start (MiB) | VmHWM after start | VmRSS after the runs | VmHWM after the runs |"
echo "| --- | ---: | ---: | ---: | ---: |"
for size in "${sizes[@]}"; do
    read -r rss0 hwm0 <<<"${memStart[$size]}"
    read -r rss1 hwm1 <<<"${memEnd[$size]}"
    echo "| \`--extra-pods $size\` | $rss0 | $hwm0 | $rss1 | $hwm1 |"
done
