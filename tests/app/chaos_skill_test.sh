#!/usr/bin/env bash
# Issue 18: a level's chaos plan applies the player's resilience skills.
# `meshlings cluster` on loopback, real kubectl, and a headless armed session
# of a level whose plan retries ratings and puts a circuit breaker on details:
# after each step kubectl sees the field (VirtualService ratings `retries`,
# DestinationRule details `trafficPolicy.connectionPool`), and at the end of
# the session (--duration) both objects, which the game created, are gone.
# Then `node-down`: against `meshlings cluster` not armed, a dry run (the Node
# keeps no annotation); a headless session on its own built-in cluster
# (--time-scale 10) takes meshlings-worker down, and kubectl sees it NotReady
# with the unreachable taint; `node-up` brings it back Ready.
set -euo pipefail
meshlings="$1"
kubectl="${KUBECTL:-/usr/bin/kubectl}"
work="$(mktemp -d "${TMPDIR:-/tmp}/meshlings-chaos-skill.XXXXXX")"
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
absent() {
    local out
    if out="$(k get "$1" "$2" 2>&1)"; then return 1; fi
    [[ $out == *NotFound* ]]
}
# Waits until `$1` (a shell condition) holds, up to 30 s.
wait_for() {
    for _ in $(seq 1 300); do
        if eval "$1"; then return 0; fi
        sleep 0.1
    done
    return 1
}
retries() { k get virtualservice ratings -o jsonpath='{.spec.http[0].retries.attempts} {.spec.http[0].retries.retryOn}' 2>/dev/null || true; }
breaker() { k get destinationrule details -o jsonpath='{.spec.trafficPolicy.connectionPool.tcp.maxConnections}' 2>/dev/null || true; }

cat >skills.yaml <<'YAML'
version: 2
title: Chaos skills
teaches: A level's plan can apply a resilience skill.
time-limit-seconds: 60
chaos:
  - at-second: 1
    action: retry
    service: ratings
    attempts: 4
    retry-on: 5xx,reset
  - at-second: 2
    action: circuit-breaker
    service: details
    max-connections: 2
objectives:
  - kind: survive
YAML

echo "== the built-in cluster"
"$meshlings" cluster --listen 127.0.0.1:0 --ingress-listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" \
    >cluster.out 2>cluster.err &
cluster_pid=$!
wait_for 'grep -q "meshlings cluster ready" cluster.out' || { cat cluster.out cluster.err; fail "no ready line"; }
absent virtualservice ratings && absent destinationrule details || fail "expected no ratings VS / details DR at the start"

echo "== the plan's skills reach the cluster, and the session puts them back"
"$meshlings" play --headless --duration 12 --armed --level skills.yaml --kubeconfig "$work/kubeconfig" \
    >play.out 2>play.err &
play_pid=$!
wait_for '[[ "$(retries)" == "4 5xx,reset" ]]' || { cat play.out play.err; fail "no retries on ratings (saw '$(retries)')"; }
pass "after the retry step kubectl sees VirtualService ratings retries: $(retries)"
wait_for '[[ "$(breaker)" == "2" ]]' || { cat play.out play.err; fail "no connectionPool on details (saw '$(breaker)')"; }
pass "after the circuit-breaker step kubectl sees DestinationRule details maxConnections $(breaker)"
code=0
wait "$play_pid" || code=$?
play_pid=""
[[ $code -eq 0 || $code -eq 1 ]] || { cat play.out play.err; fail "play exited $code"; }
absent virtualservice ratings || fail "the ratings VirtualService the game created is still there: $(k get vs ratings -o yaml)"
absent destinationrule details || fail "the details DestinationRule the game created is still there"
pass "at the end of the session both objects the plan created are deleted again"

cat >node-down.yaml <<'YAML'
version: 2
title: Node down
teaches: A level's plan can stop a node's kubelet.
time-limit-seconds: 600
chaos:
  - at-second: 1
    action: node-down
    node: meshlings-worker
  - at-second: 15             # level time runs in real time; the cluster's 50 s grace at 10x is 5 s
    action: node-up
    node: meshlings-worker
objectives:                 # one that cannot fail: a failed objective ends the level, and its plan with it
  - kind: keep-served
    percent: 0
YAML
kubelet_note() { k get node meshlings-worker -o jsonpath='{.metadata.annotations.meshlings\.dev/kubelet}' 2>/dev/null || true; }

echo "== node-down on a cluster reached by kubeconfig, not armed: a dry run"
"$meshlings" play --headless --duration 6 --level node-down.yaml --kubeconfig "$work/kubeconfig" \
    --audit-log dry.jsonl >dry.out 2>dry.err || true
grep 'nodes/meshlings-worker' dry.jsonl 2>/dev/null | grep -q '"dryRun":true' ||
    { cat dry.out dry.err dry.jsonl; fail "no dry-run patch of nodes/meshlings-worker in the audit log"; }
[[ -z "$(kubelet_note)" ]] || fail "the unarmed session annotated the node: '$(kubelet_note)'"
pass "not armed: node-down is a server-side dry run (audit log), the Node has no meshlings.dev/kubelet annotation"
kill "$cluster_pid" && wait "$cluster_pid" 2>/dev/null || true
cluster_pid=""

echo "== node-down in a headless session on the built-in cluster: the node goes NotReady"
mkdir -p tmp
TMPDIR="$work/tmp" "$meshlings" play --headless --duration 120 --time-scale 10 --level node-down.yaml \
    >node.out 2>node.err &
play_pid=$!
wait_for 'ls tmp/meshlings-play-*.kubeconfig >/dev/null 2>&1' || { cat node.out node.err; fail "no kubeconfig of the built-in cluster"; }
cp "$(ls tmp/meshlings-play-*.kubeconfig | head -1)" "$work/kubeconfig"
wait_for '[[ "$(kubelet_note)" == stopped ]]' || { cat node.out node.err; fail "node-down did not annotate meshlings-worker"; }
pass "node-down set meshlings.dev/kubelet: stopped on meshlings-worker"
not_ready() { [[ "$(k get node meshlings-worker --no-headers 2>/dev/null | awk '{print $2}')" == NotReady ]]; }
wait_for not_ready || { k get nodes || true; cat node.out node.err; fail "meshlings-worker did not go NotReady"; }
k get nodes
taints="$(k get node meshlings-worker -o jsonpath='{.spec.taints[*].key}')"
[[ $taints == *node.kubernetes.io/unreachable* ]] || fail "no unreachable taint: '$taints'"
pass "kubectl get nodes: meshlings-worker NotReady, tainted node.kubernetes.io/unreachable"
ready() { [[ "$(k get node meshlings-worker --no-headers 2>/dev/null | awk '{print $2}')" == Ready ]]; }
wait_for ready || { k get nodes || true; cat node.out node.err; fail "node-up did not bring meshlings-worker back"; }
[[ -z "$(kubelet_note)" ]] || fail "node-up left the annotation: '$(kubelet_note)'"
pass "node-up removed the annotation and meshlings-worker is Ready again"
kill -TERM "$play_pid"
wait "$play_pid" 2>/dev/null || true
play_pid=""
echo "all chaos skill checks passed"
