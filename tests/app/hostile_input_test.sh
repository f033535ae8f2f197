#!/usr/bin/env bash
# Hostile input, end to end (issue 17, cases 5, 6 and 8c), with real kubectl
# against `meshlings cluster` on loopback:
#   - a state file naming the `bookinfo` VirtualService as "created by the
#     game" (its live uid and resourceVersion copied in): `meshlings restore`
#     exits 1 naming it as refused, and the VirtualService is still there
#     (before: restore deleted it and the product page went 404);
#   - someone changes the VirtualService during a session: the session ends
#     (SIGTERM) with a conflict and `play` exits 4, not 0;
#   - a replay whose end tick is 9223372036854775807: `meshlings replay`
#     exits 2 at once naming the file, line and field (before: it never ended);
#   - a drill whose --kubeconfig does not exist exits 2 at once naming the
#     file (before: it ran out its time limit plus a minute, then said "aborted").
set -euo pipefail
meshlings="$1"
kubectl="${KUBECTL:-/usr/bin/kubectl}"
work="$(mktemp -d "${TMPDIR:-/tmp}/meshlings-hostile.XXXXXX")"
export XDG_STATE_HOME="$work/state"
export KUBECACHEDIR="$work/kube-cache"
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy
cluster_pid=""
play_pid=""
cleanup() {
    local status=$?
    [[ -n $play_pid ]] && kill -KILL "$play_pid" 2>/dev/null
    [[ -n $cluster_pid ]] && kill "$cluster_pid" 2>/dev/null && wait "$cluster_pid" 2>/dev/null
    if [[ $status -eq 0 ]]; then rm -rf "$work"; else echo "outputs kept in $work" >&2; fi
}
trap cleanup EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "PASS  $*"; }
k() { timeout 20 "$kubectl" --kubeconfig "$work/kubeconfig" "$@"; }
weights() { k get virtualservice reviews -o jsonpath='{.spec.http[0].route[*].weight}' 2>/dev/null || echo absent; }
state_file() { ls "$XDG_STATE_HOME"/meshlings/routing-*.json 2>/dev/null | head -1; }
wait_for() {
    for _ in $(seq 1 300); do
        if eval "$1"; then return 0; fi
        sleep 0.1
    done
    return 1
}

echo "== the built-in cluster"
"$meshlings" cluster --listen 127.0.0.1:0 --ingress-listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" \
    >cluster.out 2>cluster.err &
cluster_pid=$!
wait_for 'grep -q "meshlings cluster ready" cluster.out' || { cat cluster.out cluster.err; fail "no ready line"; }

echo "== a state file naming the bookinfo VirtualService as created by the game"
context="$(k config current-context)"
server="$(k config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
uid="$(k get virtualservice bookinfo -o jsonpath='{.metadata.uid}')"
version="$(k get virtualservice bookinfo -o jsonpath='{.metadata.resourceVersion}')"
[[ -n $uid && -n $version ]] || fail "no bookinfo VirtualService in the built-in cluster"
[[ $context =~ ^[A-Za-z0-9._-]+$ ]] || fail "context '$context' needs %-encoding, which this test does not do"
mkdir -p "$XDG_STATE_HOME/meshlings"
cat >"$XDG_STATE_HOME/meshlings/routing-$context@default.json" <<JSON
{"format": 1, "context": "$context", "namespace": "default", "server": "$server", "savedAt": "2024-01-01T00:00:00Z",
 "objects": [{"kind": "VirtualService", "name": "bookinfo", "existed": false, "uid": "$uid",
              "lastWrittenResourceVersion": "$version"}]}
JSON
code=0
"$meshlings" restore --kubeconfig "$work/kubeconfig" >hostile.out 2>hostile.err || code=$?
cat hostile.err
[[ $code -eq 1 ]] || fail "restore of a hostile state file exited $code, not 1"
grep -q 'VirtualService bookinfo: refused' hostile.err || fail "restore does not name VirtualService bookinfo as refused"
[[ "$(k get virtualservice bookinfo -o jsonpath='{.metadata.uid}')" == "$uid" ]] ||
    fail "the bookinfo VirtualService is gone or replaced"
pass "restore refuses the bookinfo VirtualService by name and leaves it alone"
"$meshlings" restore --kubeconfig "$work/kubeconfig" --forget >forget.out 2>&1 || { cat forget.out; fail "--forget"; }

echo "== someone else changes the routing during a session: play exits 4"
"$meshlings" play --headless --duration 120 --armed --level canary --kubeconfig "$work/kubeconfig" \
    >conflict.out 2>conflict.err &
play_pid=$!
shifted() {
    [[ "$(weights)" == "100 0 0" ]] && [[ -n "$(state_file)" ]] &&
        [[ $(grep -c '"lastWrittenResourceVersion": "[0-9]' "$(state_file)") -eq 2 ]]
}
wait_for shifted || { cat conflict.out conflict.err; fail "the session did not shift the weights (saw '$(weights)')"; }
k annotate virtualservice reviews edited-by=alice >/dev/null || fail "kubectl annotate"
kill -TERM "$play_pid"
code=0
wait "$play_pid" || code=$?
play_pid=""
[[ $code -eq 4 ]] || { cat conflict.out conflict.err; fail "play after a restore conflict exited $code, not 4"; }
grep -q '^routing: NOT fully restored' conflict.out || { cat conflict.out; fail "the summary does not say NOT fully restored"; }
pass "play exits 4 when the routing could not all be restored (a conflict)"
"$meshlings" restore --kubeconfig "$work/kubeconfig" --forget >forget2.out 2>&1 || { cat forget2.out; fail "--forget"; }

echo "== a replay whose end tick never comes"
printf 'meshlings-replay 1\nlevel sandbox\nseed 1\nend 9223372036854775807 result=sandbox\n' >forever.replay
code=0
timeout 20 "$meshlings" replay forever.replay >forever.out 2>forever.err || code=$?
cat forever.err
[[ $code -eq 2 ]] || fail "replay of an endless file exited $code, not 2"
grep -q '^forever.replay:4: end: tick 9223372036854775807 is past the longest session' forever.err ||
    fail "the error does not name file, line and field"
pass "an endless replay is refused at once, naming forever.replay:4: end"
echo "== a drill whose kubeconfig does not exist"
code=0
timeout 20 "$meshlings" drill --level drill-details --report missing-report --kubeconfig "$work/no-such-kubeconfig" \
    >missing.out 2>missing.err || code=$?
cat missing.err
[[ $code -eq 2 ]] || fail "a drill without its kubeconfig exited $code, not 2 (it used to run out its time, 68 s)"
grep -q "no-such-kubeconfig" missing.err || fail "the error does not name the kubeconfig file"
pass "a drill without a readable kubeconfig stops at once, naming the file"
echo "all hostile input checks passed"
