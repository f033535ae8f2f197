#!/usr/bin/env bash
# Pods that fail as on a real node, with real kubectl (issue 19): `set image`
# to a tag that does not exist gives ErrImagePull / ImagePullBackOff with the
# kubelet's events, the rollout stalls with the old pod serving and `rollout
# undo` recovers; a container that exits (meshlings.dev/exit-code) crash-loops
# with RESTARTS, lastState.terminated, CrashLoopBackOff and describe's events.
#
# Usage: kubectl_pods.sh PATH/TO/meshlings   (KUBECTL: default /usr/bin/kubectl)
set -euo pipefail

MESHLINGS=${1:?usage: kubectl_pods.sh PATH/TO/meshlings}
KUBECTL=${KUBECTL:-/usr/bin/kubectl}
WORK_NAME=meshlings-pods
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

begin "set image to a tag that does not exist: ErrImagePull, then ImagePullBackOff"
k set image deploy/reviews-v3 reviews=docker.io/istio/examples-bookinfo-reviews-v3:nope
wait_for 20 "the new pod" get pods -l app=reviews,version=v3 --no-headers -- ' ImagePullBackOff '
bad=$(awk '/ImagePullBackOff/ {print $1}' <<<"$out")
k get pod "$bad" -o json
jq -e '.status.phase == "Pending" and (.status.containerStatuses[] | select(.name == "reviews") |
    .state.waiting.reason == "ImagePullBackOff" and .ready == false)' <<<"$out" >/dev/null ||
    fail "pod $bad: $(jq -c .status <<<"$out")"
k get events --field-selector "involvedObject.name=$bad" -o json
jq -r '.items[] | .type + " " + .reason + " " + .message' <<<"$out" >"$WORK/events"
events=$(<"$WORK/events")
expect_line "$events" '^Warning Failed Failed to pull image "docker.io/istio/examples-bookinfo-reviews-v3:nope": .*not found$'
expect_line "$events" '^Warning Failed Error: ErrImagePull$'
expect_line "$events" '^Normal BackOff Back-off pulling image "docker.io/istio/examples-bookinfo-reviews-v3:nope"$'
expect_line "$events" '^Warning Failed Error: ImagePullBackOff$'
k describe pod "$bad"
expect_line "$out" '^ +Reason: +ImagePullBackOff$'
expect_line "$out" 'Back-off pulling image "docker.io/istio/examples-bookinfo-reviews-v3:nope"'
pass "$bad"

begin "the rollout stalls: the old pod keeps serving, rollout status does not finish"
k get pods -l app=reviews,version=v3 --no-headers
expect_line "$out" ' 2/2 +Running ' "the old pod"
run 6 "$KUBECTL" rollout status deploy/reviews-v3 --timeout=3s
[[ $rc -ne 0 ]] || fail "rollout status succeeded"
pass

begin "rollout undo recovers: the broken pod goes"
k rollout undo deploy/reviews-v3
run 60 "$KUBECTL" rollout status deploy/reviews-v3 --timeout=50s
[[ $rc -eq 0 ]] || fail "rollout status exited $rc: $err"
wait_for 40 "the broken pod" get pods -l app=reviews,version=v3 --no-headers -- '^[^ ]+ +2/2 +Running'
for _ in $(seq 1 100); do
    k get pods -l app=reviews,version=v3 --no-headers
    [[ $(grep -c . <<<"$out") -eq 1 ]] && break
    sleep 0.2
done
[[ $(grep -c . <<<"$out") -eq 1 && $out != *"$bad"* ]] || fail "pods left: $out"
pass

begin "a container that exits crash-loops: RESTARTS, lastState.terminated, CrashLoopBackOff"
cat >"$WORK/crashy.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: crashy
  annotations:
    meshlings.dev/exit-code: "1"
    meshlings.dev/exit-after-seconds: "1"
spec:
  containers:
  - name: app
    image: istio/examples-bookinfo-ratings-v1:1.20.3
YAML
k apply -f "$WORK/crashy.yaml"
wait_for 30 "crashy" get pod crashy --no-headers -- ' CrashLoopBackOff +[0-9]+ \([0-9]+s ago\) '
k get pod crashy -o json
jq -e '.status.phase == "Running" and (.status.containerStatuses[] | select(.name == "app") |
    .restartCount >= 1 and .state.waiting.reason == "CrashLoopBackOff" and
    (.state.waiting.message | startswith("back-off 10s restarting failed container=app pod=crashy_default(")) and
    .lastState.terminated.exitCode == 1 and .lastState.terminated.reason == "Error")' <<<"$out" >/dev/null ||
    fail "crashy: $(jq -c .status <<<"$out")"
k describe pod crashy
expect_line "$out" '^ +Last State: +Terminated$'
expect_line "$out" '^ +Exit Code: +1$'
expect_line "$out" 'Warning +BackOff .*Back-off restarting failed container app in pod crashy_default\('
expect_line "$out" 'Normal +Started .*\(x2 over .*Started container app'
k delete pod crashy --wait=false
pass

begin "cordon: STATUS Ready,SchedulingDisabled; uncordon"
k get nodes -o name
node=$(tail -n 1 <<<"$out")
k cordon "$node"
k get "$node" --no-headers
expect_line "$out" '^[^ ]+ +Ready,SchedulingDisabled '
k uncordon "$node"
k get "$node" --no-headers
expect_line "$out" '^[^ ]+ +Ready '
pass

echo "$PASSED passed, 0 failed"
