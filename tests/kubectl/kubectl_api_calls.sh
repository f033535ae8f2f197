#!/usr/bin/env bash
# More of the API of the built-in cluster with real kubectl (issue 19, "API"):
# exec / attach / port-forward / cp refused in one line, deletecollection and
# propagationPolicy (--cascade=orphan), limit/continue paging
# (--chunk-size), field selectors the apiserver rejects, auth whoami and
# auth can-i --list.
#
# Usage: kubectl_api_calls.sh PATH/TO/meshlings   (KUBECTL: default /usr/bin/kubectl)
set -euo pipefail

MESHLINGS=${1:?usage: kubectl_api_calls.sh PATH/TO/meshlings}
KUBECTL=${KUBECTL:-/usr/bin/kubectl}
WORK_NAME=meshlings-api-calls
# shellcheck source=check_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/check_harness.sh"
export KUBECONFIG="$WORK/kubeconfig"

expect_line() { grep -Eq -- "$2" <<<"$1" || fail "no line matches /$2/${3:+ ($3)}"; }
expect_json() { jq -e "$1" <<<"$out" >/dev/null || fail "${2:-jq $1}: $(head -c 1500 <<<"$out")"; }
# wait_json TEST ARGS...: re-runs `kubectl ARGS` until the jq TEST holds on its output, up to 20 s.
wait_json() {
    local test=$1
    shift
    for _ in $(seq 1 100); do
        k "$@"
        jq -e "$test" <<<"$out" >/dev/null && return 0
        sleep 0.2
    done
    fail "never true: $test: $(head -c 1500 <<<"$out")"
}

need_tools jq timeout

begin "meshlings cluster starts"
start_cluster 1
k get pods -n default -l app=details -o jsonpath='{.items[0].metadata.name}'
POD=$out
[[ -n $POD ]] || fail "no details pod"
pass

# --- 1. exec, attach, port-forward, cp: one line that says so ----------------
begin "kubectl exec / attach / port-forward / cp are refused in one line"
for command in "exec $POD -- ls" "attach $POD" "port-forward $POD 0:9080" "cp $POD:/etc/hosts $WORK/hosts"; do
    sub=${command%% *}
    [[ $sub == cp ]] && sub="exec"
    [[ $sub == port-forward ]] && sub=portforward
    # shellcheck disable=SC2086
    run 30 "$KUBECTL" $command
    [[ $rc -ne 0 ]] || fail "kubectl $command succeeded"
    errors=$(grep -v "^If you don't see a command prompt" <<<"$err" || true)
    [[ $(wc -l <<<"$errors") -eq 1 ]] || fail "kubectl $command: not one line: $err"
    expect_line "$errors" "does not support pods/$sub \(its containers are simulated\)$" "kubectl $command"
done
pass

# --- 2. deletecollection and propagationPolicy -------------------------------
begin "deletecollection by label selector"
k create namespace calls
for name in a b c; do
    k create configmap "$name" -n calls --from-literal=k=v
    k label configmap "$name" -n calls "set=${name/c/other}"
done
k label configmap a b -n calls set=x --overwrite
k delete --raw '/api/v1/namespaces/calls/configmaps?labelSelector=set%3Dx'
expect_json '.kind == "ConfigMapList" and ([.items[].metadata.name] == ["a", "b"])' "the deleted configmaps"
k get configmaps -n calls -o jsonpath='{.items[*].metadata.name}'
[[ $out == "c" || $out == "c kube-root-ca.crt" || $out == "kube-root-ca.crt c" ]] || fail "left: $out"
pass

begin "deletecollection of pods: graceful, their ReplicaSet replaces them"
k create deployment coll -n calls --image=docker.io/istio/examples-bookinfo-details-v1:1.20.3 --replicas=2
wait_json '.status.readyReplicas == 2' get deployment coll -n calls -o json
k get pods -n calls -l app=coll -o jsonpath='{.items[*].metadata.name}'
before=$out
k delete --raw '/api/v1/namespaces/calls/pods?labelSelector=app%3Dcoll'
expect_json '.kind == "PodList" and (.items | length == 2) and all(.items[]; .metadata.deletionTimestamp != null)'
wait_json "[.items[] | select(.metadata.deletionTimestamp == null) | .metadata.name] as \$n |
    (\$n | length == 2) and all(\$n[]; . as \$x | \"$before\" | split(\" \") | index(\$x) == null)" \
    get pods -n calls -l app=coll -o json
pass

begin "kubectl delete deployment --cascade=orphan leaves its ReplicaSet and pods"
k create deployment orph -n calls --image=docker.io/istio/examples-bookinfo-details-v1:1.20.3 --replicas=2
wait_json '.status.readyReplicas == 2' get deployment orph -n calls -o json
k delete deployment orph -n calls --cascade=orphan
[[ $out == 'deployment.apps "orph" deleted' ]] || fail "said: $out"
k get replicasets -n calls -l app=orph -o json
expect_json '(.items | length == 1) and (.items[0].metadata.ownerReferences == null)' "an orphaned ReplicaSet"
RS=$(jq -r '.items[0].metadata.name' <<<"$out")
k get pods -n calls -l app=orph -o json
expect_json "(.items | length == 2) and all(.items[]; .metadata.deletionTimestamp == null and
    .metadata.ownerReferences[0].name == \"$RS\")" "pods still owned by the ReplicaSet"
pass

begin "--cascade=background (the default) takes the ReplicaSet's pods, --cascade=foreground a deployment's"
k delete replicaset "$RS" -n calls
wait_json '.items | length == 0' get pods -n calls -l app=orph -o json
k delete deployment coll -n calls --cascade=foreground
wait_json '.items | length == 0' get replicasets -n calls -l app=coll -o json
pass

# --- 3. limit / continue, field selectors ------------------------------------
begin "kubectl get --chunk-size=2 pages through every pod"
# Pods of the checks above may still be terminating: compare while the list holds still
# (the same unpaged list before and after the paged one).
for _ in $(seq 1 60); do
    k get pods -A -o name --chunk-size=0
    all=$out
    run 30 "$KUBECTL" get pods -A -o name --chunk-size=2 -v=6
    [[ $rc -eq 0 ]] || fail "the paged list failed: rc $rc"
    paged=$out
    paged_log=$err
    k get pods -A -o name --chunk-size=0
    [[ $out == "$all" ]] && break
    sleep 0.5
done
[[ $paged == "$all" ]] || fail "paged list differs: $paged"
expect_line "$paged_log" 'GET .*/api/v1/pods\?continue=[A-Za-z0-9_-]+&limit=2 200 OK' "a continued request"
k get --raw '/api/v1/namespaces/default/pods?limit=2'
expect_json '(.items | length == 2) and (.metadata.continue | length > 0)' "a first page of two"
token=$(jq -r .metadata.continue <<<"$out")
names=$(jq -r '.items[].metadata.name' <<<"$out")
while [[ -n $token ]]; do
    k get --raw "/api/v1/namespaces/default/pods?limit=2&continue=$token"
    names+=$'\n'$(jq -r '.items[].metadata.name' <<<"$out")
    token=$(jq -r '.metadata.continue // ""' <<<"$out")
done
k get pods -n default -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}'
[[ $names == "$out" ]] || fail "pages: $names"
pass

begin "a malformed continue token is a 400"
k_fails get --raw '/api/v1/namespaces/default/pods?limit=2&continue=bm90LWEtdG9rZW4'
expect_line "$err" 'continue key is not valid'
pass

begin "unknown field selectors are rejected as the apiserver does"
k_fails get pods -n default --field-selector foo=bar
expect_line "$err" '^Error from server \(BadRequest\): .*field label not supported: foo$'
k_fails get deployments -n default --field-selector spec.replicas=1
expect_line "$err" '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"$'
k get pods -n default --field-selector status.phase=Running,spec.restartPolicy=Always -o name
[[ -n $out ]] || fail "no running pods selected"
pass

# --- 4. auth whoami, auth can-i --list ----------------------------------------
begin "kubectl auth whoami (SelfSubjectReview)"
k auth whoami
expect_line "$out" '^Username +meshlings-admin$'
expect_line "$out" '^Groups +\[system:masters system:authenticated\]$'
k auth whoami -o json
expect_json '.kind == "SelfSubjectReview" and .status.userInfo.username == "meshlings-admin"'
pass

begin "kubectl auth can-i --list (SelfSubjectRulesReview)"
k auth can-i --list -n calls
expect_line "$out" '^Resources +Non-Resource URLs +Resource Names +Verbs$'
expect_line "$out" '^\*\.\* +\[\] +\[\] +\[\*\]$' "cluster-admin's rule"
expect_line "$out" '^selfsubjectrulesreviews\.authorization\.k8s\.io +\[\] +\[\] +\[create\]$'
expect_line "$out" '^ +\[/version\] +\[\] +\[get\]$' "a non-resource rule"
pass

echo "$PASSED passed, 0 failed"
