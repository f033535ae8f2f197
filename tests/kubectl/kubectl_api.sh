#!/usr/bin/env bash
# The API of the built-in cluster with real kubectl (issue 19, "API"):
# `kubectl create` of the common kinds (sent as protobuf by kubectl's typed
# clients), `apply -f` of a `kind: List` backup, server-side field validation
# (Strict / Warn / Ignore), and OpenAPI for `kubectl explain`.
#
# Usage: kubectl_api.sh PATH/TO/meshlings   (KUBECTL: default /usr/bin/kubectl)
set -euo pipefail

MESHLINGS=${1:?usage: kubectl_api.sh PATH/TO/meshlings}
KUBECTL=${KUBECTL:-/usr/bin/kubectl}
WORK_NAME=meshlings-api
# shellcheck source=check_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/check_harness.sh"
export KUBECONFIG="$WORK/kubeconfig"

expect_line() { grep -Eq -- "$2" <<<"$1" || fail "no line matches /$2/${3:+ ($3)}"; }
expect_json() { jq -e "$1" <<<"$out" >/dev/null || fail "${2:-jq $1}: $(head -c 1500 <<<"$out")"; }

need_tools jq timeout

begin "meshlings cluster starts"
start_cluster 1
pass

# --- 1. kubectl create (protobuf bodies) -------------------------------------
begin "kubectl create namespace"
k create namespace demo
[[ $out == "namespace/demo created" ]] || fail "said: $out"
k get namespace demo -o json
expect_json '.status.phase == "Active"'
pass

begin "kubectl create deployment (replicas, port) runs its pods"
k create deployment web -n demo --image=docker.io/istio/examples-bookinfo-details-v1:1.20.3 --replicas=2 --port=9080
[[ $out == "deployment.apps/web created" ]] || fail "said: $out"
k get deployment web -n demo -o json
expect_json '.spec.replicas == 2 and .spec.selector.matchLabels.app == "web" and
    .spec.template.metadata.labels.app == "web" and .metadata.labels.app == "web" and
    (.spec.template.spec.containers | length == 1) and
    .spec.template.spec.containers[0].name == "examples-bookinfo-details-v1" and
    .spec.template.spec.containers[0].image == "docker.io/istio/examples-bookinfo-details-v1:1.20.3" and
    .spec.template.spec.containers[0].ports == [{"containerPort": 9080}]' "the deployment as kubectl built it"
for _ in $(seq 1 100); do
    k get deployment web -n demo -o jsonpath='{.status.readyReplicas}'
    [[ $out == 2 ]] && break
    sleep 0.2
done
[[ $out == 2 ]] || fail "readyReplicas: $out"
pass

begin "kubectl create service clusterip"
k create service clusterip web -n demo --tcp=80:9080
[[ $out == "service/web created" ]] || fail "said: $out"
k get service web -n demo -o json
expect_json '.spec.type == "ClusterIP" and .spec.selector.app == "web" and
    .spec.ports == [{"name": "80-9080", "port": 80, "protocol": "TCP", "targetPort": 9080}]'
pass

begin "kubectl create serviceaccount, role, configmap"
k create serviceaccount robot -n demo
[[ $out == "serviceaccount/robot created" ]] || fail "said: $out"
k create role reader -n demo --verb=get,list --resource=pods,deployments.apps
[[ $out == "role.rbac.authorization.k8s.io/reader created" ]] || fail "said: $out"
k get role reader -n demo -o json
expect_json '.rules == [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]},
    {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "list"]}]'
k create configmap settings -n demo --from-literal=mode=chaos --from-literal=level=3
[[ $out == "configmap/settings created" ]] || fail "said: $out"
k get configmap settings -n demo -o json
expect_json '.data == {"mode": "chaos", "level": "3"}'
k get configmaps -n demo
expect_line "$out" '^settings +2 +'
pass

begin "kubectl create --dry-run=server creates nothing"
k create deployment ghost -n demo --image=docker.io/istio/examples-bookinfo-details-v1:1.20.3 --dry-run=server
[[ $out == "deployment.apps/ghost created (server dry run)" ]] || fail "said: $out"
k_fails get deployment ghost -n demo
pass

# --- 3. server-side field validation -----------------------------------------
cat >"$WORK/typo.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: typo
  namespace: demo
spec:
  replicass: 2
  selector:
    matchLabels: {app: typo}
  template:
    metadata:
      labels: {app: typo}
    spec:
      containers:
      - name: app
        image: docker.io/istio/examples-bookinfo-details-v1:1.20.3
        imagePolicy: Always
YAML

begin "kubectl apply (fieldValidation=Strict, kubectl's default): unknown fields are a 400 with the apiserver's message"
run 30 "$KUBECTL" apply -f "$WORK/typo.yaml"
[[ $rc -ne 0 ]] || fail "apply succeeded"
[[ $err == "Error from server (BadRequest): error when creating \"$WORK/typo.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replicass\", unknown field \"spec.template.spec.containers[0].imagePolicy\"" ]] ||
    fail "stderr: $err"
k_fails get deployment typo -n demo
pass

begin "kubectl apply --validate=warn: created, kubectl prints the server's warnings, the fields are dropped"
run 30 "$KUBECTL" apply --validate=warn -f "$WORK/typo.yaml"
[[ $rc -eq 0 && $out == "deployment.apps/typo created" ]] || fail "rc $rc: $out"
[[ $err == $'Warning: unknown field "spec.replicass"\nWarning: unknown field "spec.template.spec.containers[0].imagePolicy"' ]] ||
    fail "stderr: $err"
k get deployment typo -n demo -o json
expect_json '(.spec | has("replicass") | not) and (.spec.template.spec.containers[0] | has("imagePolicy") | not)'
k delete deployment typo -n demo
pass

begin "kubectl apply --validate=false (Ignore): created, nothing printed"
k apply --validate=false -f "$WORK/typo.yaml"
[[ $out == "deployment.apps/typo created" ]] || fail "said: $out"
pass

begin "a repeated field: Strict 400 'duplicate field', Warn a Warning header"
server=$(jq -r '.clusters[0].cluster.server' < <("$KUBECTL" config view -o json))
body='{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"twice"},"data":{"a":"1"},"data":{"a":"2"}}'
run 10 curl -sS -H 'Content-Type: application/json' -d "$body" "$server/api/v1/namespaces/demo/configmaps?fieldValidation=Strict"
jq -e '.code == 400 and .reason == "BadRequest" and .message ==
    "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: duplicate field \"data\""' <<<"$out" >/dev/null ||
    fail "Strict: $out"
run 10 curl -sS -D "$WORK/headers" -o /dev/null -H 'Content-Type: application/json' -d "$body" "$server/api/v1/namespaces/demo/configmaps"
grep -qi '^Warning: 299 - "duplicate field \\"data\\""' "$WORK/headers" || fail "headers: $(cat "$WORK/headers")"
k get configmap twice -n demo -o jsonpath='{.data.a}'
[[ $out == 2 ]] || fail "the last value should win: $out"
pass

# --- 2. apply of a kind: List ------------------------------------------------
begin "kubectl apply -f of a 'get -o yaml' backup (kind: List)"
k get deployments,configmaps -n demo -o yaml
[[ $(head -n 2 <<<"$out") == $'apiVersion: v1\nitems:' ]] || fail "not a List: $(head -n 3 <<<"$out")"
sed 's/^    replicas: 2$/    replicas: 3/' <<<"$out" >"$WORK/backup.yaml"
grep -q '^    replicas: 3$' "$WORK/backup.yaml" || fail "no replicas: 2 in the backup"
run 30 "$KUBECTL" apply -f "$WORK/backup.yaml"
[[ $rc -eq 0 ]] || fail "apply exited $rc: $err"
expect_line "$out" '^deployment.apps/web configured$'
expect_line "$out" '^configmap/settings (configured|unchanged)$'
k get deployment web -n demo -o jsonpath='{.spec.replicas}'
[[ $out == 3 ]] || fail "replicas: $out"
cat >"$WORK/list.yaml" <<'YAML'
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: one, namespace: demo}
  data: {n: "1"}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: two, namespace: demo}
  data: {n: "2"}
YAML
k apply -f "$WORK/list.yaml"
[[ $out == $'configmap/one created\nconfigmap/two created' ]] || fail "said: $out"
pass

# --- 4. OpenAPI: explain, and kubectl 1.27 (which reads /openapi/v2) ----------
begin "kubectl explain pod.spec.containers, deployment.spec.strategy, virtualservice"
k explain pod.spec.containers
expect_line "$out" '^FIELD: containers <\[\]Container>$'
expect_line "$out" '^  image\s+<string>$'
expect_line "$out" '^  readinessProbe\s+<Probe>$'
k explain deployment.spec.strategy
expect_line "$out" '^GROUP: +apps$'
expect_line "$out" '^  rollingUpdate\s+<RollingUpdateDeployment>$'
k explain virtualservice.spec.http.retries
expect_line "$out" '^KIND: +VirtualService$'
expect_line "$out" '^  attempts\s+<integer>$'
pass

begin "/openapi/v2 (protobuf): kubectl 1.27 apply, diff, edit and explain"
KUBECTL_127=$(dirname "$(readlink -f "$KUBECTL")")/kubectl.1.27
[[ -x $KUBECTL_127 ]] || fail "no kubectl 1.27 beside $KUBECTL"
k get deployment web -n demo -o yaml
sed 's/^  replicas: 3$/  replicas: 1/' <<<"$out" >"$WORK/web.yaml"
run 30 "$KUBECTL_127" diff -f "$WORK/web.yaml"
[[ $rc -eq 1 ]] || fail "diff exited $rc: $err"
expect_line "$out" '^\+  replicas: 1$'
run 30 "$KUBECTL_127" apply -f "$WORK/web.yaml"
[[ $rc -eq 0 && $out == "deployment.apps/web configured" && -z $err ]] || fail "apply: rc $rc $out $err"
run 30 env KUBE_EDITOR="sed -i s/^\ \ replicas:\ 1\$/\ \ replicas:\ 2/" "$KUBECTL_127" edit deployment web -n demo
[[ $rc -eq 0 && $out == "deployment.apps/web edited" ]] || fail "edit: rc $rc $out $err"
run 30 "$KUBECTL_127" explain deployment.spec.strategy
[[ $rc -eq 0 ]] || fail "explain: $err"
expect_line "$out" '^  rollingUpdate\s+<RollingUpdateDeployment>$'
pass

echo "$PASSED passed, 0 failed"
