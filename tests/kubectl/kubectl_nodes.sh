#!/usr/bin/env bash
# Nodes with real kubectl (issue 19): PodDisruptionBudgets (`get pdb`, ALLOWED
# DISRUPTIONS), `kubectl drain` end to end (cordon, evictions, the wait for
# the pods to go) held back by a budget until it allows the eviction,
# `describe node` with sane allocations, and a node whose kubelet stops
# turning NotReady with the unreachable taint.
#
# Usage: kubectl_nodes.sh PATH/TO/meshlings   (KUBECTL: default /usr/bin/kubectl)
set -euo pipefail

MESHLINGS=${1:?usage: kubectl_nodes.sh PATH/TO/meshlings}
KUBECTL=${KUBECTL:-/usr/bin/kubectl}
WORK_NAME=meshlings-nodes
# shellcheck source=check_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/check_harness.sh"
export KUBECONFIG="$WORK/kubeconfig"

expect_line() { grep -Eq -- "$2" <<<"$1" || fail "no line matches /$2/${3:+ ($3)}"; }

# wait_for SECONDS DESCRIPTION KUBECTL-ARGS... -- REGEX: polls until the output matches.
wait_for() {
    local seconds=$1 what=$2
    shift 2
    local args=()
    while [[ $1 != -- ]]; do args+=("$1"); shift; done
    local pattern=$2
    for _ in $(seq 1 $((seconds * 5))); do
        k "${args[@]}"
        grep -Eq -- "$pattern" <<<"$out" && return 0
        sleep 0.2
    done
    fail "$what: no line matches /$pattern/ within ${seconds}s"
}

need_tools jq timeout

begin "meshlings cluster starts"
start_cluster 1
pass

begin "a PodDisruptionBudget: get pdb shows ALLOWED DISRUPTIONS"
cat >"$WORK/pdb.yaml" <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: productpage
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: productpage
YAML
k apply -f "$WORK/pdb.yaml"
wait_for 10 "the budget" get pdb productpage --no-headers -- '^productpage +1 +N/A +0 '
k get pdb productpage -o json
jq -e '.status.expectedPods == 1 and .status.currentHealthy == 1 and .status.desiredHealthy == 1 and
    .status.disruptionsAllowed == 0 and (.status.conditions[0] | .type == "DisruptionAllowed" and
    .status == "False" and .reason == "InsufficientPods")' <<<"$out" >/dev/null || fail "status: $(jq -c .status <<<"$out")"
pass

begin "describe node: capacity, allocatable and Allocated resources are sane"
k get pods -l app=productpage -o jsonpath='{.items[0].spec.nodeName}'
node=$out
[[ -n $node ]] || fail "productpage has no node"
k describe node "$node"
[[ $out != *-9223372036854775808* ]] || fail "describe node prints the overflow"
expect_line "$out" '^Allocatable:$'
expect_line "$out" '^  cpu: +4$'
expect_line "$out" '^  pods: +110$'
expect_line "$out" '^  cpu +[0-9]+m \([0-9]+%\) +0 \(0%\)$'
expect_line "$out" '^  memory +[0-9]+Mi \([0-9]+%\) +0 \(0%\)$'
pass "$node"

begin "drain: cordons, evicts, and retries while the budget allows nothing"
run 20 "$KUBECTL" drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=2s
[[ $rc -ne 0 ]] || fail "drain finished though the budget allows no eviction"
expect_line "$err" 'error when evicting pods/"productpage-v1-[^"]+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod.s disruption budget\.'
k get node "$node" --no-headers
expect_line "$out" '^[^ ]+ +Ready,SchedulingDisabled '
pass

begin "drain finishes once the budget allows it (a second productpage elsewhere)"
"$KUBECTL" drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=90s >"$WORK/drain.out" 2>"$WORK/drain.err" &
DRAIN_PID=$!
BACKGROUND_PIDS+=("$DRAIN_PID")
k scale deploy/productpage-v1 --replicas=2
drained=0
for _ in $(seq 1 450); do
    if ! kill -0 "$DRAIN_PID" 2>/dev/null; then drained=1; break; fi
    sleep 0.2
done
[[ $drained -eq 1 ]] || fail "drain still running after 90 s: $(cat "$WORK/drain.err")"
wait "$DRAIN_PID" || fail "drain failed: $(cat "$WORK/drain.err")"
expect_line "$(cat "$WORK/drain.out")" "^node/$node drained$"
expect_line "$(cat "$WORK/drain.out")" '^pod/productpage-v1-[^ ]+ evicted$'
k get pods -A --field-selector "spec.nodeName=$node" -o json
left=$(jq -r '[.items[] | select(.metadata.annotations["kubernetes.io/config.mirror"] == null)] | length' <<<"$out")
[[ $left -eq 0 ]] || fail "$left pods left on $node"
k get pdb productpage --no-headers
expect_line "$out" '^productpage +1 +N/A +[01] '
k uncordon "$node"
pass "$(grep -c evicted "$WORK/drain.out") pods evicted"

begin "a node whose kubelet stops turns NotReady with the unreachable taint"
k get nodes -o name
worker=$(grep -v control-plane <<<"$out" | tail -n 1)
k annotate "$worker" meshlings.dev/kubelet=stopped
wait_for 90 "NotReady" get "$worker" --no-headers -- '^[^ ]+ +NotReady '
k get "$worker" -o json
jq -e '[.spec.taints[] | select(.key == "node.kubernetes.io/unreachable")] | length == 2' <<<"$out" >/dev/null ||
    fail "taints: $(jq -c .spec.taints <<<"$out")"
k annotate "$worker" meshlings.dev/kubelet-
wait_for 20 "Ready again" get "$worker" --no-headers -- '^[^ ]+ +Ready '
pass

echo "$PASSED passed, 0 failed"
