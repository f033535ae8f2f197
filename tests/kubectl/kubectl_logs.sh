#!/usr/bin/env bash
# kubectl logs and kubectl top against the built-in cluster, with real
# kubectl 1.32 (issue 19): the app's own lines (start-up, one per request for
# productpage and details), the sidecar's Envoy access log in Istio's default
# format with one inbound line per request and its response flags, --tail,
# --since, --timestamps, --limit-bytes, -l, deploy/NAME, -f streaming lines
# as requests arrive, --previous of a crash-looping container, the kubelet's
# errors for a waiting or unknown container; `top pods` and `top nodes`
# following the load.
#
# Usage: kubectl_logs.sh PATH/TO/meshlings   (KUBECTL: default /usr/bin/kubectl)
set -euo pipefail

MESHLINGS=${1:?usage: kubectl_logs.sh PATH/TO/meshlings}
KUBECTL=${KUBECTL:-/usr/bin/kubectl}
WORK_NAME=meshlings-logs
# shellcheck source=check_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/check_harness.sh"
export KUBECONFIG="$WORK/kubeconfig"

expect_line() { grep -Eq -- "$2" <<<"$1" || fail "no line matches /$2/${3:+ ($3)}"; }
# pages N: N pages through the ingress, each must answer 200.
pages() {
    local code
    for _ in $(seq 1 "$1"); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$INGRESS/productpage")
        [[ $code == 200 ]] || fail "a page answered $code"
    done
}

need_tools jq timeout curl

begin "meshlings cluster starts"
start_cluster 3
INGRESS=$(grep -o 'ingress http://[0-9.:]*' "$WORK/server.out" | cut -d' ' -f2)
[[ -n $INGRESS ]] || fail "no ingress in: $(cat "$WORK/server.out")"
pass "$INGRESS"

begin "the app container by default (Istio's default-container annotation): start-up lines"
k get pods -l app=reviews,version=v2 -o name
reviews=$out
k logs "$reviews"
expect_line "$out" '^\[AUDIT   \] CWWKZ0001I: Application reviews-app started in'
[[ $out != *via_upstream* ]] || fail "the app's log holds the sidecar's lines"
pass "$reviews"

begin "one access-log line per request at productpage's sidecar, in Istio's default format"
pages 7
k logs deploy/productpage-v1 -c istio-proxy
inbound=$(grep -c '"GET /productpage HTTP/1.1" 200 - via_upstream - "-" 0 [0-9]\+ [0-9]\+ [0-9]\+ .* inbound|9080||' <<<"$out" || true)
[[ $inbound -eq 7 ]] || fail "$inbound inbound /productpage lines for 7 pages"
expect_line "$out" '^\[20[0-9-]+T[0-9:.]+Z\] "GET /details/0 HTTP/1.1" 200 - via_upstream - "-" 0 178 [0-9]+ [0-9]+ "-" "python-requests/[0-9.]+" "[0-9a-f-]{36}" "details:9080" "[0-9.]+:9080" outbound\|9080\|\|details\.default\.svc\.cluster\.local '
k logs deploy/productpage-v1
werkzeug=$(grep -c 'INFO:werkzeug:.*"GET /productpage HTTP/1.1" 200 -$' <<<"$out" || true)
[[ $werkzeug -eq 7 ]] || fail "$werkzeug werkzeug lines for 7 pages"
pass

begin "--tail, --timestamps, --limit-bytes, --since"
k logs deploy/productpage-v1 -c istio-proxy --tail=2
[[ $(grep -c . <<<"$out") -eq 2 ]] || fail "--tail=2 printed $(grep -c . <<<"$out") lines"
k logs deploy/details-v1 --tail=1 --timestamps
expect_line "$out" '^20[0-9-]+T[0-9:]+\.[0-9]{9}Z [0-9.]+ - - \[.*\] "GET /details/0 HTTP/1.1" 200 178$'
k logs deploy/details-v1 --limit-bytes=10
[[ ${#out} -eq 10 ]] || fail "--limit-bytes=10 printed ${#out} bytes"
sleep 5
pages 2
k logs deploy/productpage-v1 -c istio-proxy --since=4s
inbound=$(grep -c 'inbound|9080||' <<<"$out" || true)
[[ $inbound -eq 2 ]] || fail "--since=4s: $inbound inbound lines; 2 pages were sent in it, 7 more than 5 s before"
pass

begin "-l app=reviews: every reviews pod's sidecar"
k logs -l app=reviews -c istio-proxy --prefix --tail=100
for version in v1 v2 v3; do
    expect_line "$out" "^\[pod/reviews-$version-[a-z0-9-]+/istio-proxy\] " "reviews-$version"
done
pass

begin "failures show in the sidecar's log: 500s from a failing reviews-v3"
k annotate deploy/reviews-v3 meshlings.dev/error-rate=1
k logs deploy/reviews-v3 -c istio-proxy
before=$(grep -c '"GET /reviews/0 HTTP/1.1" 500 ' <<<"$out" || true)
for _ in $(seq 1 12); do curl -s -o /dev/null --max-time 10 "$INGRESS/productpage"; done
k logs deploy/reviews-v3 -c istio-proxy
after=$(grep -c '"GET /reviews/0 HTTP/1.1" 500 - via_upstream .* inbound|9080||' <<<"$out" || true)
[[ $after -gt $before ]] || fail "no inbound 500 line at reviews-v3 ($before before, $after after)"
k annotate deploy/reviews-v3 meshlings.dev/error-rate-
pass "$((after - before)) 500s"

begin "-f streams lines as requests arrive and ends when the pod goes"
"$KUBECTL" logs -f deploy/ratings-v1 -c istio-proxy --tail=0 >"$WORK/follow.out" 2>"$WORK/follow.err" &
follow=$!
BACKGROUND_PIDS+=("$follow")
sleep 1
for _ in $(seq 1 60); do
    pages 2
    grep -q '"GET /ratings/0 HTTP/1.1" 200 .* inbound|9080||' "$WORK/follow.out" && break
    sleep 0.2
done
grep -q '"GET /ratings/0 HTTP/1.1" 200 .* inbound|9080||' "$WORK/follow.out" ||
    fail "no ratings line streamed: $(head -c 1000 "$WORK/follow.err")"
k get pods -l app=ratings -o name
k delete "$out" --grace-period=1 --wait=false
for _ in $(seq 1 100); do
    kill -0 "$follow" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$follow" 2>/dev/null && fail "logs -f still runs 10 s after its pod was deleted"
wait "$follow" || fail "logs -f exited $?: $(head -c 1000 "$WORK/follow.err")"
pass "$(grep -c . "$WORK/follow.out") lines"

begin "--previous of a crash-looping container; the kubelet's errors"
cat >"$WORK/crashy.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: crashy
  labels: {app: ratings}
  annotations:
    meshlings.dev/exit-code: "3"
    meshlings.dev/exit-after-seconds: "1"
spec:
  containers:
  - name: ratings
    image: istio/examples-bookinfo-ratings-v1:1.20.3
YAML
k apply -f "$WORK/crashy.yaml"
for _ in $(seq 1 150); do
    k get pod crashy -o jsonpath='{.status.containerStatuses[0].restartCount}'
    [[ ${out:-0} -ge 1 ]] && break
    sleep 0.2
done
[[ ${out:-0} -ge 1 ]] || fail "crashy never restarted"
k logs crashy --previous
expect_line "$out" '^Server listening on: http://0.0.0.0:9080$'
expect_line "$out" '^ratings: fatal error, exiting with status 3$'
run 20 "$KUBECTL" logs "$reviews" -c nope
[[ $rc -ne 0 && $err == *"container nope is not valid for pod"* ]] || fail "unknown container: rc $rc, $err"
run 20 "$KUBECTL" logs "$reviews" --previous
[[ $rc -ne 0 && $err == *'previous terminated container "reviews" in pod'*'not found'* ]] ||
    fail "--previous of a container that never restarted: rc $rc, $err"
k set image deploy/reviews-v1 reviews=docker.io/istio/examples-bookinfo-reviews-v1:nope
for _ in $(seq 1 100); do
    k get pods -l app=reviews,version=v1 --no-headers
    grep -Eq 'ImagePullBackOff|ErrImagePull' <<<"$out" && break
    sleep 0.2
done
bad=$(awk '/ImagePullBackOff|ErrImagePull/ {print $1}' <<<"$out")
[[ -n $bad ]] || fail "no pod failed to pull: $out"
run 20 "$KUBECTL" logs "$bad" -c reviews
[[ $rc -ne 0 && $err == *"container \"reviews\" in pod \"$bad\" is waiting to start: "* ]] ||
    fail "a pod that cannot pull: rc $rc, $err"
pass

begin "kubectl top pods and nodes follow the load"
k top pods --containers
expect_line "$out" '^productpage-v1-[a-z0-9-]+ +istio-proxy +[0-9]+m +[0-9]+Mi *$'
expect_line "$out" '^reviews-v2-[a-z0-9-]+ +reviews +[0-9]+m +[0-9]+Mi *$'
k top pod -l app=productpage --no-headers
idle=$(awk '{print $2}' <<<"$out" | tr -d m)
for _ in $(seq 1 3); do pages 20; done
k top pod -l app=productpage --no-headers
busy=$(awk '{print $2}' <<<"$out" | tr -d m)
[[ $busy -gt $idle ]] || fail "productpage's CPU did not rise with 60 pages: ${idle}m then ${busy}m"
k top nodes --no-headers
[[ $(grep -c . <<<"$out") -ge 1 ]] || fail "no node in top nodes"
expect_line "$out" '^[a-z0-9-]+ +[0-9]+m +'
pass "productpage ${idle}m -> ${busy}m"

echo "$PASSED passed, 0 failed"
