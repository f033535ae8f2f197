# Shared by the kubectl shell tests (sourced, not run): a work directory,
# loopback-only networking, bounded commands, and one PASS line per check
# with a stop at the first failure (the last command's output is shown).
#
# Before sourcing, set WORK_NAME (the mktemp prefix). Afterwards the script
# may set CONFIG (a kubeconfig path passed to every kubectl call) and
# SERVER_PID / BACKGROUND_PIDS (stopped on exit).

PASSED=0
CHECK="startup"
SERVER_PID=""
BACKGROUND_PIDS=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/${WORK_NAME:-meshlings-check}.XXXXXX")
export KUBECACHEDIR="$WORK/kube-cache"
# Nothing here may go through a proxy: all traffic is for 127.0.0.1.
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy

# stop_process PID: SIGTERM, up to 5 s to go, then SIGKILL; never hangs.
stop_process() {
    local pid=$1
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    stop_process "$SERVER_PID"
    SERVER_PID=""
}

cleanup() {
    local status=$?
    local pid
    for pid in ${BACKGROUND_PIDS[@]+"${BACKGROUND_PIDS[@]}"}; do
        stop_process "$pid"
    done
    stop_server
    if [[ $status -eq 0 ]]; then rm -rf "$WORK"; else echo "logs and outputs kept in $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

begin() { CHECK=$1; }

pass() {
    PASSED=$((PASSED + 1))
    printf 'PASS  %s%s\n' "$CHECK" "${1:+ ($1)}"
}

fail() {
    printf 'FAIL  %s: %s\n' "$CHECK" "$1" >&2
    if [[ -s $WORK/out || -s $WORK/err ]]; then
        echo "--- stdout of the last command:" >&2
        head -c 4000 "$WORK/out" >&2 || true
        echo "--- stderr of the last command:" >&2
        head -c 4000 "$WORK/err" >&2 || true
    fi
    echo "$PASSED passed, 1 failed" >&2
    exit 1
}

# run SECONDS CMD...: stdout in $out, stderr in $err, exit code in $rc.
run() {
    local seconds=$1
    shift
    rc=0
    timeout -k 2 "$seconds" "$@" </dev/null >"$WORK/out" 2>"$WORK/err" || rc=$?
    out=$(<"$WORK/out")
    err=$(<"$WORK/err")
    [[ $rc -ne 124 && $rc -ne 137 ]] || fail "'$*' did not finish within ${seconds}s"
}

# k ARGS...: kubectl that must succeed without printing anything on stderr
# (no warnings, no throttling or discovery complaints).
k() {
    run 30 "$KUBECTL" ${CONFIG:+--kubeconfig "$CONFIG"} "$@"
    [[ $rc -eq 0 ]] || fail "kubectl $* exited $rc"
    [[ -z $err ]] || fail "kubectl $* wrote to stderr: $err"
}

# k_fails ARGS...: kubectl that must fail (exit non-zero).
k_fails() {
    run 30 "$KUBECTL" ${CONFIG:+--kubeconfig "$CONFIG"} "$@"
    [[ $rc -ne 0 ]] || fail "kubectl $* succeeded but should have failed"
}

# need_tools TOOL...: the tools a script needs, and an executable $MESHLINGS and $KUBECTL.
need_tools() {
    local tool
    for tool in "$@"; do command -v "$tool" >/dev/null || fail "$tool is needed to run this test"; done
    [[ -x $MESHLINGS && -x $KUBECTL ]] || fail "$MESHLINGS or $KUBECTL is not an executable"
}

# start_cluster SEED: `meshlings cluster` on loopback ports of its own choosing, its kubeconfig at
# $KUBECONFIG, its output in $WORK/server.out; returns at its ready line (SERVER_PID is stopped on exit).
start_cluster() {
    "$MESHLINGS" cluster --listen 127.0.0.1:0 --ingress-listen 127.0.0.1:0 --kubeconfig-out "$KUBECONFIG" \
        --seed "$1" >"$WORK/server.out" 2>"$WORK/server.err" &
    SERVER_PID=$!
    for _ in $(seq 1 150); do
        grep -q '^meshlings cluster ready:' "$WORK/server.out" && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited: $(head -c 2000 "$WORK/server.err")"
        sleep 0.1
    done
    fail "no ready line"
}
