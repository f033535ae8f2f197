#!/usr/bin/env bash
# TLS, authentication and authorization of the built-in cluster, checked with
# the real kubectl and curl: `meshlings cluster --tls --auth token`, then
# `--tls --auth cert`, then `--tls` alone, each writing its kubeconfig. The
# admin context may read and change things; the meshlings-viewer context may
# read but is refused (Forbidden) what would change anything, and
# `auth can-i` says so; wrong or missing credentials get 401 Unauthorized.
#
# Usage: kubectl_auth.sh PATH/TO/meshlings
# Environment: KUBECTL (default /usr/bin/kubectl), KUBECTL_VERSIONS_DIR (where
# kubectl.1.29 and kubectl.1.33 live; default: next to the resolved kubectl).
# Prints one line per passed check; stops at the first failing one.
set -euo pipefail

MESHLINGS=${1:?usage: kubectl_auth.sh PATH/TO/meshlings}
KUBECTL=${KUBECTL:-/usr/bin/kubectl}
KUBECTL_VERSIONS_DIR=${KUBECTL_VERSIONS_DIR:-$(dirname "$(readlink -f "$KUBECTL")")}

WORK_NAME=meshlings-kubectl-auth
# shellcheck source=check_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/check_harness.sh"
unset KUBECONFIG

viewer() { k --context meshlings-viewer "$@"; }
viewer_fails() { k_fails --context meshlings-viewer "$@"; }

# api PATH [CURL ARGS...]: GET over HTTPS trusting the cluster's CA; body in $WORK/body, code in $code.
api() {
    local path=$1
    shift
    run 15 curl -sS --cacert "$WORK/ca.pem" -o "$WORK/body" -w '%{http_code}' "$@" "$API$path"
    [[ $rc -eq 0 ]] || fail "curl $path exited $rc"
    code=$out
}

# expect_unauthorized WHAT: the last answer was the 401 Status.
expect_unauthorized() {
    [[ $code == 401 ]] || fail "$1: HTTP $code, expected 401: $(head -c 400 "$WORK/body")"
    jq -e '. == {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",
                 "reason":"Unauthorized","code":401}' "$WORK/body" >/dev/null || fail "not the 401 Status: $(<"$WORK/body")"
}

# kubeconfig_field NAME: the values of "NAME: value" lines of the kubeconfig, in order.
kubeconfig_field() { sed -n "s/^ *$1: //p" "$CONFIG"; }

# start_server MODE ARGS...: starts `meshlings cluster ARGS`, waits for its ready line, which must end
# with "(MODE)", and sets API, CONFIG and the CA file.
start_server() {
    local mode=$1
    shift
    CONFIG="$WORK/$(tr -c 'a-z0-9\n' '-' <<<"$mode").kubeconfig"
    # The last server's output goes first: the new server's shell truncates
    # it only once it runs, and under load the loop below could read the
    # last server's ready line before that (seen in CI under ASan).
    rm -f "$WORK/server.out" "$WORK/server.err"
    "$MESHLINGS" cluster --listen 127.0.0.1:0 --ingress-listen 127.0.0.1:0 --kubeconfig-out "$CONFIG" --seed 1 "$@" \
        >"$WORK/server.out" 2>"$WORK/server.err" &
    SERVER_PID=$!
    local ready=""
    for _ in $(seq 1 150); do
        ready=$(grep -s -m 1 '^meshlings cluster ready:' "$WORK/server.out" || true)
        [[ -n $ready ]] && break
        kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited: $(head -c 2000 "$WORK/server.err")"
        sleep 0.1
    done
    [[ -n $ready ]] || fail "no ready line within 15 s"
    local ready_re="^meshlings cluster ready: api (https://127\\.0\\.0\\.1:[0-9]+) ingress http://127\\.0\\.0\\.1:[0-9]+ kubeconfig .+ seed 1 \\(${mode}\\)\$"
    [[ $ready =~ $ready_re ]] || fail "unexpected ready line: $ready"
    API=${BASH_REMATCH[1]}
    [[ $(stat -c %a "$CONFIG") == 600 ]] || fail "the kubeconfig is not private to its owner"
    [[ $(kubeconfig_field server) == "$API" ]] || fail "the kubeconfig does not point at $API"
    kubeconfig_field certificate-authority-data | base64 -d >"$WORK/ca.pem" || fail "no certificate-authority-data"
    grep -q 'BEGIN CERTIFICATE' "$WORK/ca.pem" || fail "certificate-authority-data is not a PEM certificate"
    export KUBECACHEDIR="$WORK/kube-cache-$RANDOM$RANDOM"
}

# no_secrets_logged: nothing the server printed contains a credential from its kubeconfig.
no_secrets_logged() {
    local secret
    for secret in $(kubeconfig_field token) $(kubeconfig_field client-key-data); do
        ! grep -qF "$secret" "$WORK/server.out" "$WORK/server.err" || fail "the server printed a credential"
    done
}

# admin_and_viewer: what each context may do, as kubectl shows it.
admin_and_viewer() {
    begin "$MODE: kubectl get pods as admin and as viewer"
    k config get-contexts -o name
    [[ $out == $'meshlings\nmeshlings-viewer' ]] || fail "contexts: $out"
    k get pods
    [[ $(head -n 1 <<<"$out" | tr -s ' ') == "NAME READY STATUS RESTARTS AGE" ]] || fail "header: $(head -n 1 <<<"$out")"
    [[ $(grep -Ec ' 2/2 +Running ' <<<"$out") -eq 6 ]] || fail "expected 6 pods 2/2 Running"
    viewer get pods -o name
    [[ $(wc -l <<<"$out") -eq 6 ]] || fail "the viewer sees $(wc -l <<<"$out") pods"
    POD=$(head -n 1 <<<"$out" | cut -d/ -f2)
    viewer get vs bookinfo -o name
    pass

    begin "$MODE: the viewer may not delete, patch or scale (Forbidden)"
    viewer_fails delete pod "$POD" --wait=false
    [[ $err == "Error from server (Forbidden): pods \"$POD\" is forbidden: User \"meshlings-viewer\" cannot delete resource \"pods\" in API group \"\" in the namespace \"default\"" ]] ||
        fail "kubectl printed '$err'"
    viewer_fails patch vs bookinfo --type merge -p '{"metadata":{"labels":{"auth":"viewer"}}}'
    [[ $err == 'Error from server (Forbidden): virtualservices.networking.istio.io "bookinfo" is forbidden: User "meshlings-viewer" cannot patch resource "virtualservices" in API group "networking.istio.io" in the namespace "default"' ]] ||
        fail "kubectl printed '$err'"
    viewer_fails scale deployment reviews-v3 --replicas=2
    [[ $err == 'Error from server (Forbidden): deployments.apps "reviews-v3" is forbidden: User "meshlings-viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"' ]] ||
        fail "kubectl printed '$err'"
    pass

    begin "$MODE: kubectl auth can-i"
    viewer_fails auth can-i delete pods
    [[ $out == no && $rc -eq 1 ]] || fail "the viewer's can-i delete pods: '$out', exit $rc"
    viewer auth can-i watch pods
    [[ $out == yes ]] || fail "the viewer's can-i watch pods: '$out'"
    k auth can-i delete pods
    [[ $out == yes ]] || fail "the admin's can-i delete pods: '$out'"
    k auth can-i patch virtualservices.networking.istio.io
    [[ $out == yes ]] || fail "the admin's can-i patch vs: '$out'"
    pass

    begin "$MODE: the admin deletes, patches and scales"
    k delete pod "$POD" --wait=false
    [[ $out == "pod \"$POD\" deleted" ]] || fail "printed '$out'"
    k patch vs bookinfo --type merge -p '{"metadata":{"labels":{"auth":"admin"}}}'
    [[ $out == "virtualservice.networking.istio.io/bookinfo patched" ]] || fail "printed '$out'"
    k scale deployment reviews-v3 --replicas=2
    [[ $out == "deployment.apps/reviews-v3 scaled" ]] || fail "printed '$out'"
    pass
}

for tool in curl jq timeout base64; do
    command -v "$tool" >/dev/null || fail "$tool is needed to run this test"
done

begin "--auth cert without --tls is a usage error"
run 10 "$MESHLINGS" cluster --auth cert
[[ $rc -eq 2 ]] || fail "exit $rc, expected 2"
[[ $err == *"--auth cert needs --tls"* ]] || fail "printed '$err'"
pass

# --- bearer tokens ---------------------------------------------------------------

MODE="https, auth token"
begin "$MODE: the server starts"
start_server "$MODE" --tls --auth token
[[ $(kubeconfig_field token | grep -Ec '^[0-9a-f]{64}$') -eq 2 ]] || fail "expected two 64-hex-digit tokens"
ADMIN_TOKEN=$(kubeconfig_field token | head -n 1)
pass "$API"

begin "$MODE: curl: open /version, 401 without or with a wrong token, 200 with the admin's"
api /version
[[ $code == 200 ]] || fail "/version without a token: HTTP $code"
api /api/v1/namespaces/default/pods
expect_unauthorized "without a token"
# The admin's token with its last hex digit changed (to 1 if it was 0, else to 0).
[[ ${ADMIN_TOKEN: -1} == 0 ]] && WRONG_TOKEN=${ADMIN_TOKEN%?}1 || WRONG_TOKEN=${ADMIN_TOKEN%?}0
api /api/v1/namespaces/default/pods -H "Authorization: Bearer $WRONG_TOKEN"
expect_unauthorized "with a wrong token"
api /api/v1/namespaces/default/pods -H "Authorization: Bearer $ADMIN_TOKEN"
[[ $code == 200 ]] || fail "with the admin token: HTTP $code"
run 10 curl -sS -o /dev/null "$API/version"
[[ $rc -eq 60 ]] || fail "curl trusting only the system CAs exited $rc, expected 60 (certificate problem)"
pass

admin_and_viewer

begin "$MODE: a kubeconfig with a wrong token: Unauthorized"
sed "s/token: $ADMIN_TOKEN/token: $(printf 'deadbeef%.0s' $(seq 1 8))/" "$CONFIG" >"$WORK/wrong-token.kubeconfig"
GOOD_CONFIG=$CONFIG
CONFIG="$WORK/wrong-token.kubeconfig"
# With a discovery cache from a good run, kubectl shows the Status message...
k_fails get pods
[[ $err == "error: You must be logged in to the server (Unauthorized)" ]] || fail "with a warm cache: '$err'"
# ...and with none, client-go's own words for the 401 on discovery, as against a real API server.
KUBECACHEDIR="$WORK/kube-cache-cold" k_fails get pods
grep -q '^error: You must be logged in to the server (' <<<"$err" || fail "with a cold cache: '$err'"
CONFIG=$GOOD_CONFIG
pass

begin "$MODE: no credential in the server's output"
no_secrets_logged
pass
stop_server

# --- client certificates -----------------------------------------------------------

MODE="https, auth cert"
begin "$MODE: the server starts"
start_server "$MODE" --tls --auth cert
[[ $(kubeconfig_field client-certificate-data | wc -l) -eq 2 ]] || fail "expected two client certificates"
kubeconfig_field client-certificate-data | head -n 1 | base64 -d >"$WORK/admin.crt"
kubeconfig_field client-key-data | head -n 1 | base64 -d >"$WORK/admin.key"
pass "$API"

begin "$MODE: curl: 401 without a certificate, 200 with the admin's"
api /api/v1/namespaces/default/pods
expect_unauthorized "without a certificate"
api /api/v1/namespaces/default/pods --cert "$WORK/admin.crt" --key "$WORK/admin.key"
[[ $code == 200 ]] || fail "with the admin certificate: HTTP $code"
pass

admin_and_viewer

for version in 1.29 1.33; do
    begin "$MODE: kubectl $version with client certificates"
    saved=$KUBECTL
    KUBECTL=$KUBECTL_VERSIONS_DIR/kubectl.$version
    [[ -x $KUBECTL ]] || fail "$KUBECTL is missing"
    k get pods -o name
    [[ $(wc -l <<<"$out") -ge 6 ]] || fail "listed $(wc -l <<<"$out") pods"
    viewer_fails delete pod "$(head -n 1 <<<"$out" | cut -d/ -f2)" --wait=false
    [[ $err == "Error from server (Forbidden): "* ]] || fail "kubectl $version printed '$err'"
    KUBECTL=$saved
    pass
done

begin "$MODE: no credential in the server's output"
no_secrets_logged
pass
stop_server

# --- TLS without authentication ------------------------------------------------------

MODE="https, auth none"
begin "$MODE: one context, everyone is the admin"
start_server "$MODE" --tls
k config get-contexts -o name
[[ $out == meshlings ]] || fail "contexts: $out"
# Over HTTPS kubectl prompts for a user name unless the user has a credential: an unused certificate.
[[ $(kubeconfig_field client-certificate-data | wc -l) -eq 1 ]] || fail "expected the admin's certificate"
k get pods -o name
[[ $(wc -l <<<"$out") -eq 6 ]] || fail "listed $(wc -l <<<"$out") pods"
k auth can-i delete pods
[[ $out == yes ]] || fail "can-i delete pods: '$out'"
api /api/v1/namespaces/default/pods
[[ $code == 200 ]] || fail "curl without credentials: HTTP $code"
pass
stop_server

echo "$PASSED passed, 0 failed"
