#!/usr/bin/env bash
# deploy/rbac.yaml with real kubectl against `meshlings cluster` (TLS, tokens)
# on loopback, and the doctor's permissions step: the admin passes it, the
# read-only viewer fails it with every mutating verb the game needs listed.
# Needs bash, kubectl, timeout and the binary.
# Usage: rbac_test.sh path/to/meshlings path/to/deploy/rbac.yaml
set -u
MESHLINGS=${1:?usage: rbac_test.sh path/to/meshlings path/to/rbac.yaml}
RBAC=${2:?usage: rbac_test.sh path/to/meshlings path/to/rbac.yaml}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/meshlings-rbac.XXXXXX")
export KUBECACHEDIR="$WORK/kube-cache"
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy
PID=""
FAILURES=0
CASES=0

cleanup() {
    [[ -n $PID ]] && kill "$PID" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# check NAME FUNCTION: runs it (its commands are bounded); passes when it returns 0.
check() {
    local name=$1
    shift
    CASES=$((CASES + 1))
    if "$@" >"$WORK/out" 2>&1; then
        echo "ok - $name"
    else
        FAILURES=$((FAILURES + 1))
        echo "not ok - $name"
        sed 's/^/    | /' "$WORK/out"
    fi
}

KUBECONFIG_FILE="$WORK/cluster.kubeconfig"
"$MESHLINGS" cluster --tls --auth token --kubeconfig-out "$KUBECONFIG_FILE" >"$WORK/cluster.log" 2>&1 &
PID=$!
for _ in $(seq 1 150); do
    grep -q '^meshlings cluster ready' "$WORK/cluster.log" 2>/dev/null && break
    sleep 0.1
done
if ! grep -q '^meshlings cluster ready' "$WORK/cluster.log"; then
    echo "FATAL: meshlings cluster did not get ready:" >&2
    cat "$WORK/cluster.log" >&2
    exit 1
fi
kc() { kubectl --kubeconfig "$KUBECONFIG_FILE" --request-timeout=20s "$@"; }

applies() {
    kc apply -n default -f "$RBAC" | tee "$WORK/apply" &&
        grep -qx 'serviceaccount/meshlings created' "$WORK/apply" &&
        grep -qx 'role.rbac.authorization.k8s.io/meshlings created' "$WORK/apply" &&
        grep -qx 'rolebinding.rbac.authorization.k8s.io/meshlings created' "$WORK/apply"
}
check "kubectl apply -f deploy/rbac.yaml creates the ServiceAccount, Role and RoleBinding" applies

stored() {
    kc get serviceaccount/meshlings role/meshlings rolebinding/meshlings -n default -o name | sort | tee "$WORK/names" &&
        diff <(printf '%s\n' role.rbac.authorization.k8s.io/meshlings rolebinding.rbac.authorization.k8s.io/meshlings \
            serviceaccount/meshlings) "$WORK/names"
}
check "the three objects are stored and listed" stored

rules_kept() {
    local verbs
    verbs=$(kc get role meshlings -n default -o jsonpath='{range .rules[*]}{.resources[0]}={.verbs}{"\n"}{end}')
    echo "$verbs"
    grep -qx 'pods=\["list","watch","delete"\]' <<<"$verbs" &&
        grep -qx 'deployments/scale=\["patch"\]' <<<"$verbs" &&
        [[ $(wc -l <<<"$verbs") -eq 5 ]] &&
        [[ $(kc get rolebinding meshlings -n default -o jsonpath='{.subjects[0].kind}/{.subjects[0].name}') == \
            ServiceAccount/meshlings ]]
}
check "the Role keeps its rules and the binding its subject" rules_kept

unchanged() {
    kc apply -n default -f "$RBAC" | tee "$WORK/apply" && [[ $(grep -c ' unchanged$' "$WORK/apply") -eq 3 ]]
}
check "applying it again changes nothing" unchanged

# doctor_permissions CONTEXT: the doctor's output, its exit code in the file's last line.
doctor_permissions() {
    timeout 60 "$MESHLINGS" doctor --kubeconfig "$KUBECONFIG_FILE" --context "$1" >"$WORK/doctor" 2>&1
    echo "exit $?" >>"$WORK/doctor"
    cat "$WORK/doctor"
}

admin_passes() {
    doctor_permissions "$(kc config current-context)" &&
        grep -q '^  ok .*permissions .*all [0-9]* verbs the game uses are allowed in namespace default' "$WORK/doctor" &&
        grep -qx 'exit 0' "$WORK/doctor"
}
check "the admin passes the permissions step" admin_passes

viewer_fails() {
    doctor_permissions meshlings-viewer
    local line
    line=$(grep -m1 '^  FAIL ' "$WORK/doctor")
    [[ $line == "  FAIL permissions "* ]] || return 1
    [[ $line == *"missing: delete pods in default; patch deployments.apps in default; patch deployments.apps/scale in default; create, patch, delete virtualservices.networking.istio.io in default; create, patch, delete destinationrules.networking.istio.io in default - apply deploy/rbac.yaml"* ]] || return 1
    # What the viewer may do is not listed.
    [[ $line != *"list"* && $line != *"watch"* && $line != *"get"* ]] || return 1
    grep -qx 'exit 1' "$WORK/doctor"
}
check "the read-only viewer fails it, listing exactly the mutating verbs" viewer_fails

echo "1..$CASES"
if [[ $FAILURES -gt 0 ]]; then
    echo "# $FAILURES of $CASES cases failed"
    exit 1
fi
echo "# all $CASES cases passed"
