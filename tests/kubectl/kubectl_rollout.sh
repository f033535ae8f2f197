#!/usr/bin/env bash
# Rollouts of the built-in cluster with real kubectl (issue 19): revisions and
# `rollout history`, `restart`, `status` that waits, `undo` (and
# --to-revision), `pause` holding a rollout, the progress deadline failing
# `rollout status`, and a restart with maxUnavailable 0 under a curl loop
# through the ingress: never fewer than 2 available pods, no failed page.
#
# Usage: kubectl_rollout.sh PATH/TO/meshlings   (KUBECTL: default /usr/bin/kubectl)
set -euo pipefail

MESHLINGS=${1:?usage: kubectl_rollout.sh PATH/TO/meshlings}
KUBECTL=${KUBECTL:-/usr/bin/kubectl}
WORK_NAME=meshlings-rollout
# shellcheck source=check_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/check_harness.sh"
export KUBECONFIG="$WORK/kubeconfig"

expect_line() { grep -Eq -- "$2" <<<"$1" || fail "no line matches /$2/${3:+ ($3)}"; }

# revisions DEPLOYMENT: the revision numbers `rollout history` lists, on one line.
revisions() {
    k rollout history "deploy/$1"
    awk '$1 ~ /^[0-9]+$/ {print $1}' <<<"$out" | tr '\n' ' ' | sed 's/ $//'
}

rollout_done() {
    run 90 "$KUBECTL" rollout status "deploy/$1" --timeout=80s
    [[ $rc -eq 0 ]] || fail "rollout status deploy/$1 exited $rc: $err"
    expect_line "$out" "deployment \"$1\" successfully rolled out"
}

for tool in curl jq timeout; do command -v "$tool" >/dev/null || fail "$tool is needed to run this test"; done
[[ -x $MESHLINGS && -x $KUBECTL ]] || fail "$MESHLINGS or $KUBECTL is not an executable"

begin "meshlings cluster starts"
"$MESHLINGS" cluster --listen 127.0.0.1:0 --ingress-listen 127.0.0.1:0 --kubeconfig-out "$KUBECONFIG" --seed 1 \
    >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
ready=""
for _ in $(seq 1 150); do
    ready=$(grep -m 1 '^meshlings cluster ready:' "$WORK/server.out" || true)
    [[ -n $ready ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited: $(head -c 2000 "$WORK/server.err")"
    sleep 0.1
done
ready_re='ingress (http://127\.0\.0\.1:[0-9]+) '
[[ $ready =~ $ready_re ]] || fail "no ready line: $ready"
INGRESS=${BASH_REMATCH[1]}
pass "ingress $INGRESS"

begin "a seeded Deployment and its ReplicaSet are revision 1"
[[ $(revisions details-v1) == "1" ]] || fail "history lists '$(revisions details-v1)'"
k get deploy details-v1 -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}'
[[ $out == 1 ]] || fail "revision annotation '$out'"
pass

begin "rollout restart makes revision 2 and rollout status waits for it"
k rollout restart deploy/details-v1
rollout_done details-v1
[[ $(revisions details-v1) == "1 2" ]] || fail "history lists '$(revisions details-v1)'"
pass

begin "rollout undo goes back to revision 1's template as revision 3, reusing its ReplicaSet"
k get rs -l app=details -o name
before=$(sort <<<"$out")
k rollout undo deploy/details-v1
expect_line "$out" '^deployment.apps/details-v1 rolled back$'
rollout_done details-v1
[[ $(revisions details-v1) == "2 3" ]] || fail "history lists '$(revisions details-v1)'"
k get rs -l app=details -o name
[[ $(sort <<<"$out") == "$before" ]] || fail "ReplicaSets changed from '$before' to '$out'"
pass

begin "rollout undo --to-revision=2"
k rollout undo deploy/details-v1 --to-revision=2
rollout_done details-v1
[[ $(revisions details-v1) == "3 4" ]] || fail "history lists '$(revisions details-v1)'"
pass

begin "a paused Deployment holds its rollout until resumed"
k rollout pause deploy/details-v1
k set env deploy/details-v1 PAUSED_CHANGE=1
k get rs -l app=details --no-headers
sets=$(wc -l <<<"$out")
run 5 "$KUBECTL" rollout status deploy/details-v1 --timeout=3s
[[ $rc -ne 0 ]] || fail "rollout status succeeded on a paused Deployment with a new template"
k get rs -l app=details --no-headers
[[ $(wc -l <<<"$out") == "$sets" ]] || fail "a ReplicaSet was made while paused: $out"
k rollout resume deploy/details-v1
rollout_done details-v1
[[ $(revisions details-v1) == "3 4 5" ]] || fail "history lists '$(revisions details-v1)'"
pass

begin "a rollout that cannot progress fails rollout status with ProgressDeadlineExceeded"
k patch deploy/ratings-v1 --type=merge -p '{"metadata":{"annotations":{"meshlings.dev/startup-seconds":"3600"}},
  "spec":{"progressDeadlineSeconds":3,"strategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0}},
  "template":{"spec":{"containers":[{"name":"ratings","image":"istio/examples-bookinfo-ratings-v1:1.20.3",
  "readinessProbe":{"httpGet":{"path":"/health","port":9080}}}]}}}}'
run 60 "$KUBECTL" rollout status deploy/ratings-v1 --timeout=50s
[[ $rc -ne 0 ]] || fail "rollout status succeeded"
expect_line "$err" 'deployment "ratings-v1" exceeded its progress deadline'
k get deploy ratings-v1 -o json
jq -e '.status.conditions[] | select(.type == "Progressing") | .status == "False" and .reason == "ProgressDeadlineExceeded"' \
    <<<"$out" >/dev/null || fail "no ProgressDeadlineExceeded condition: $out"
pass

begin "maxUnavailable 0 with 2 replicas: a restart under a curl loop keeps 2 available and fails no page"
k patch deploy/productpage-v1 --type=merge \
    -p '{"spec":{"replicas":2,"strategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}'
rollout_done productpage-v1
(while :; do curl -s -o /dev/null -w '%{http_code}\n' "$INGRESS/productpage" || echo curl-failed; sleep 0.05; done) \
    >"$WORK/codes" 2>/dev/null &
BACKGROUND_PIDS+=($!)
(while :; do "$KUBECTL" get deploy productpage-v1 -o jsonpath='{.status.availableReplicas}{"\n"}' || true; sleep 0.1; done) \
    >"$WORK/available" 2>/dev/null &
BACKGROUND_PIDS+=($!)
wait_lines() { for _ in $(seq 1 100); do [[ $(grep -c . "$1" || true) -ge $2 ]] && return 0; sleep 0.1; done; fail "$1 stayed short"; }
wait_lines "$WORK/codes" 5
k rollout restart deploy/productpage-v1
rollout_done productpage-v1
wait_lines "$WORK/codes" "$(($(grep -c . "$WORK/codes") + 5))"  # a few pages after the end too
for pid in "${BACKGROUND_PIDS[@]}"; do stop_process "$pid"; done
BACKGROUND_PIDS=()
total=$(grep -c . "$WORK/codes" || true)
failed=$(grep -vc '^200$' "$WORK/codes" || true)
[[ $total -ge 20 ]] || fail "only $total requests were made"
[[ $failed -eq 0 ]] || fail "$failed of $total pages failed: $(sort "$WORK/codes" | uniq -c | tr '\n' ' ')"
fewest=$(grep -E '^[0-9]+$' "$WORK/available" | sort -n | head -n 1)
[[ $fewest -ge 2 ]] || fail "available replicas went down to $fewest"
pass "$total pages, all 200; never fewer than $fewest available"

echo "$PASSED passed, 0 failed"
