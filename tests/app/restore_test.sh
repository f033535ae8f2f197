#!/usr/bin/env bash
# Routing is always restored, end to end: `meshlings cluster` on loopback,
# real kubectl, and `meshlings play --headless --armed --level canary` (its
# initial weights v1 100 are the game's routing change) against it:
#   - kill -9 mid-session: kubectl still sees the shifted routing; `meshlings
#     restore` puts back what was there (no reviews VirtualService or
#     DestinationRule: deleted again), and a second restore has nothing to do;
#   - kill -9 after a level's chaos plan applied skills (retry, eject on
#     reviews): `meshlings restore` deletes the objects the skills created;
#   - SIGTERM, SIGINT (Ctrl-C) and the end of --duration: the session
#     restores by itself (a hand-made VirtualService's spec, labels and
#     annotations come back);
#   - SIGUSR1 (halt-all): the routing is put back while the session keeps
#     running (its watches go on), and it then ends cleanly on SIGTERM;
#   - a change made with kubectl after the game's write: `meshlings restore`
#     exits 1 naming the object and the conflict and leaves it untouched;
#     a session started meanwhile warns and does not change the routing;
#     `restore --forget` drops the saved state.
set -euo pipefail
meshlings="$1"
kubectl="${KUBECTL:-/usr/bin/kubectl}"
work="$(mktemp -d "${TMPDIR:-/tmp}/meshlings-restore.XXXXXX")"
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
absent() {
    local out
    if out="$(k get "$1" reviews 2>&1)"; then return 1; fi
    [[ $out == *NotFound* ]]
}
state_file() { ls "$XDG_STATE_HOME"/meshlings/routing-*.json 2>/dev/null | head -1; }

# Waits until `$1` (a shell condition) holds, up to 30 s.
wait_for() {
    for _ in $(seq 1 300); do
        if eval "$1"; then return 0; fi
        sleep 0.1
    done
    return 1
}

# Starts a session in the background; $1 names its output files.
start_play() {
    "$meshlings" play --headless --duration 120 --armed --level canary --kubeconfig "$work/kubeconfig" \
        >"$1.out" 2>"$1.err" &
    play_pid=$!
}

# The session has shifted reviews to v1 100 and recorded the resourceVersions it wrote.
shifted() {
    [[ "$(weights)" == "100 0 0" ]] && [[ -n "$(state_file)" ]] &&
        [[ $(grep -c '"lastWrittenResourceVersion": "[0-9]' "$(state_file)") -eq 2 ]]
}

echo "== the built-in cluster"
"$meshlings" cluster --listen 127.0.0.1:0 --ingress-listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" \
    >cluster.out 2>cluster.err &
cluster_pid=$!
wait_for 'grep -q "meshlings cluster ready" cluster.out' || { cat cluster.out cluster.err; fail "no ready line"; }
absent virtualservice && absent destinationrule || fail "expected no reviews VirtualService/DestinationRule at the start"
pass "no reviews VirtualService or DestinationRule before any session"

echo "== kill -9 mid-session, then meshlings restore"
start_play kill9
wait_for shifted || { cat kill9.out kill9.err; fail "the session did not shift the weights (saw '$(weights)')"; }
kill -KILL "$play_pid"
wait "$play_pid" 2>/dev/null || true
play_pid=""
[[ "$(weights)" == "100 0 0" ]] || fail "after kill -9 kubectl sees '$(weights)', not the shift"
[[ -n "$(state_file)" ]] || fail "no state file after kill -9"
pass "after kill -9 kubectl sees the shifted routing (v1 100) and the state file $(basename "$(state_file)")"
"$meshlings" restore --kubeconfig "$work/kubeconfig" >restore1.out 2>restore1.err || {
    cat restore1.out restore1.err; fail "meshlings restore exited $?"; }
cat restore1.out
grep -q 'VirtualService reviews: deleted' restore1.out || fail "restore did not say the VirtualService was deleted"
absent virtualservice || fail "the reviews VirtualService is still there after restore"
absent destinationrule || fail "the reviews DestinationRule is still there after restore"
[[ -z "$(state_file)" ]] || fail "the state file is still there after a successful restore"
pass "meshlings restore deleted what the game created: kubectl sees no reviews VirtualService/DestinationRule"
"$meshlings" restore --kubeconfig "$work/kubeconfig" >restore2.out 2>&1 || fail "a second restore exited $?"
grep -q 'nothing to restore' restore2.out || { cat restore2.out; fail "a second restore did something"; }
pass "a second restore has nothing to do (exit 0)"

echo "== kill -9 after the chaos plan applied skills, then meshlings restore"
# Issue 18: a level's plan retries reviews (the VirtualService canary left is not there: the game creates it)
# and ejects from reviews (the DestinationRule is created too); restore deletes both.
cat >skills.yaml <<'YAML'
version: 2
title: Chaos skills
teaches: A level's plan can apply a resilience skill.
time-limit-seconds: 120
chaos:
  - at-second: 1
    action: retry
    service: reviews
    attempts: 5
  - at-second: 1
    action: eject
    service: reviews
    consecutive-errors: 2
objectives:
  - kind: survive
YAML
skilled() {
    [[ "$(k get virtualservice reviews -o jsonpath='{.spec.http[0].retries.attempts}' 2>/dev/null)" == "5" ]] &&
        [[ "$(k get destinationrule reviews -o jsonpath='{.spec.trafficPolicy.outlierDetection.consecutive5xxErrors}' 2>/dev/null)" == "2" ]] &&
        [[ -n "$(state_file)" ]]
}
"$meshlings" play --headless --duration 120 --armed --level skills.yaml --kubeconfig "$work/kubeconfig" \
    >skill9.out 2>skill9.err &
play_pid=$!
wait_for skilled || { cat skill9.out skill9.err; k get vs,dr -o yaml || true; fail "the plan's skills did not reach the cluster"; }
kill -KILL "$play_pid"
wait "$play_pid" 2>/dev/null || true
play_pid=""
skilled || fail "after kill -9 kubectl no longer sees the skills"
pass "after kill -9 kubectl sees the plan's retries and outlierDetection on reviews"
"$meshlings" restore --kubeconfig "$work/kubeconfig" >skill-restore.out 2>skill-restore.err || {
    cat skill-restore.out skill-restore.err; fail "meshlings restore after the skills exited $?"; }
cat skill-restore.out
absent virtualservice || fail "the reviews VirtualService the plan created is still there after restore"
absent destinationrule || fail "the reviews DestinationRule the plan created is still there after restore"
[[ -z "$(state_file)" ]] || fail "the state file is still there after restoring the skills"
pass "meshlings restore deleted the VirtualService and DestinationRule the plan's skills created"

echo "== SIGTERM and SIGINT: the session restores by itself"
cat >original.yaml <<'YAML'
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  labels: {team: books}
  annotations: {note: by-hand}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 50
    - destination: {host: reviews, subset: v2}
      weight: 50
YAML
k apply -f original.yaml >/dev/null || fail "kubectl apply of the hand-made routing"
original_vs="$(k get virtualservice reviews -o jsonpath='{.spec} {.metadata.labels} {.metadata.annotations}')"
original_dr="$(k get destinationrule reviews -o jsonpath='{.spec}')"
[[ "$(weights)" == "50 50" ]] || fail "the hand-made VirtualService reads '$(weights)'"
for signal in TERM INT; do
    start_play "sig$signal"
    wait_for shifted || { cat "sig$signal.out" "sig$signal.err"; fail "SIG$signal: no shift (saw '$(weights)')"; }
    kill -"$signal" "$play_pid"
    code=0
    wait "$play_pid" || code=$?
    play_pid=""
    [[ $code -eq 0 ]] || { cat "sig$signal.out" "sig$signal.err"; fail "SIG$signal: play exited $code"; }
    grep -q '^routing: restored as it was before the session' "sig$signal.out" || {
        cat "sig$signal.out" "sig$signal.err"; fail "SIG$signal: the summary does not say the routing was restored"; }
    [[ "$(k get virtualservice reviews -o jsonpath='{.spec} {.metadata.labels} {.metadata.annotations}')" == "$original_vs" ]] ||
        fail "SIG$signal: the VirtualService is not as before: $(k get virtualservice reviews -o yaml)"
    [[ "$(k get destinationrule reviews -o jsonpath='{.spec}')" == "$original_dr" ]] ||
        fail "SIG$signal: the DestinationRule is not as before"
    [[ -z "$(state_file)" ]] || fail "SIG$signal: the state file is still there"
    pass "SIG$signal ends the session with the hand-made routing put back (v1 50 / v2 50, labels, annotations)"
done

echo "== SIGUSR1: halt-all restores the routing and the session keeps running"
start_play halt
wait_for shifted || { cat halt.out halt.err; fail "SIGUSR1: no shift (saw '$(weights)')"; }
kill -USR1 "$play_pid"
restored_live() {
    [[ -z "$(state_file)" ]] &&
        [[ "$(k get virtualservice reviews -o jsonpath='{.spec} {.metadata.labels} {.metadata.annotations}')" == "$original_vs" ]]
}
wait_for restored_live || { cat halt.out halt.err; fail "SIGUSR1: the routing was not put back (saw '$(weights)')"; }
[[ "$(k get destinationrule reviews -o jsonpath='{.spec}')" == "$original_dr" ]] || fail "SIGUSR1: the DestinationRule is not as before"
grep -q 'HALTED by SIGUSR1' halt.err || { cat halt.err; fail "SIGUSR1: stderr does not say HALTED by SIGUSR1"; }
sleep 2
kill -0 "$play_pid" 2>/dev/null || { cat halt.out halt.err; fail "SIGUSR1 ended the session"; }
[[ "$(weights)" == "50 50" ]] || fail "SIGUSR1: the routing changed again after the halt: '$(weights)'"
pass "SIGUSR1 puts the hand-made routing back while the session keeps running"
kill -TERM "$play_pid"
code=0
wait "$play_pid" || code=$?
play_pid=""
[[ $code -eq 0 ]] || { cat halt.out halt.err; fail "SIGTERM after the halt: play exited $code"; }
grep -q '^routing: as before the session' halt.out || { cat halt.out; fail "SIGTERM after the halt: the summary's routing line"; }
[[ "$(k get virtualservice reviews -o jsonpath='{.spec} {.metadata.labels} {.metadata.annotations}')" == "$original_vs" ]] ||
    fail "SIGTERM after the halt: the VirtualService is not as before"
pass "after the halt, SIGTERM ends the session cleanly with the routing still as before"

echo "== a session that ends by itself (--duration) restores too"
"$meshlings" play --headless --duration 6 --armed --level canary --kubeconfig "$work/kubeconfig" \
    >duration.out 2>duration.err || { cat duration.out duration.err; fail "play --duration exited $?"; }
grep -q '^routing: restored as it was before the session' duration.out || {
    cat duration.out duration.err; fail "the summary does not say the routing was restored"; }
grep -q 'VirtualService reviews: put back' duration.err || fail "stderr does not say the VirtualService was put back"
[[ "$(k get virtualservice reviews -o jsonpath='{.spec} {.metadata.labels} {.metadata.annotations}')" == "$original_vs" ]] ||
    fail "after --duration the VirtualService is not as before"
[[ -z "$(state_file)" ]] || fail "after --duration the state file is still there"
pass "the end of --duration puts the hand-made routing back"

echo "== a change by someone else after the game's write: a conflict"
start_play conflict
wait_for shifted || { cat conflict.out conflict.err; fail "no shift (saw '$(weights)')"; }
kill -KILL "$play_pid"
wait "$play_pid" 2>/dev/null || true
play_pid=""
k annotate virtualservice reviews edited-by=alice >/dev/null || fail "kubectl annotate"
theirs="$(k get virtualservice reviews -o json)"
code=0
"$meshlings" restore --kubeconfig "$work/kubeconfig" >conflict-restore.out 2>conflict-restore.err || code=$?
cat conflict-restore.err
[[ $code -eq 1 ]] || fail "restore after someone else's change exited $code, not 1"
grep -q 'VirtualService reviews: conflict: changed by someone else' conflict-restore.err ||
    fail "the conflict message does not name the VirtualService"
[[ "$(k get virtualservice reviews -o json)" == "$theirs" ]] || fail "the VirtualService was touched despite the conflict"
[[ "$(weights)" == "100 0 0" ]] || fail "weights changed despite the conflict"
[[ -n "$(state_file)" ]] || fail "the state file was removed despite the conflict"
pass "restore exits 1 naming VirtualService reviews, which is left exactly as kubectl made it"

echo "== a session that starts with an unrestored state warns and changes no routing"
"$meshlings" play --headless --duration 3 --armed --level canary --kubeconfig "$work/kubeconfig" \
    >leftover.out 2>leftover.err || { cat leftover.out leftover.err; fail "play with a leftover state exited $?"; }
grep -q 'WARNING: routing changed by an earlier session was never restored' leftover.err ||
    { cat leftover.err; fail "no warning about the unrestored state"; }
[[ "$(k get virtualservice reviews -o json)" == "$theirs" ]] || fail "the session changed the routing despite the leftover state"
pass "play warns about the unrestored state and leaves the routing alone"

"$meshlings" restore --kubeconfig "$work/kubeconfig" --forget >forget.out 2>&1 || { cat forget.out; fail "restore --forget"; }
[[ -z "$(state_file)" ]] || fail "--forget left the state file"
[[ "$(k get virtualservice reviews -o json)" == "$theirs" ]] || fail "--forget touched the VirtualService"
pass "restore --forget drops the saved state without touching the cluster"
echo "all restore checks passed"
