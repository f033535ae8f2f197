#!/usr/bin/env bash
# `meshlings doctor` against `meshlings cluster` on loopback ports. Healthy
# set-ups must pass every step (exit 0); each broken one must exit 1 with its
# first FAIL line on the step at fault. Needs bash, timeout and the binary.
# Usage: doctor_test.sh path/to/meshlings
set -u
MESHLINGS=${1:?usage: doctor_test.sh path/to/meshlings}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/meshlings-doctor.XXXXXX")
PIDS=()
FAILURES=0
CASES=0

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# start_cluster NAME ARGS...: serves a cluster, waits for its ready line and
# sets NAME_API, NAME_INGRESS and NAME_KUBECONFIG.
start_cluster() {
    local name=$1
    shift
    local log="$WORK/$name.log" kubeconfig="$WORK/$name.kubeconfig"
    "$MESHLINGS" cluster --kubeconfig-out "$kubeconfig" "$@" >"$log" 2>&1 &
    PIDS+=($!)
    local ready=""
    for _ in $(seq 1 150); do
        ready=$(grep -m1 '^meshlings cluster ready' "$log" 2>/dev/null) && break
        sleep 0.1
    done
    if [[ -z "$ready" ]]; then
        echo "FATAL: meshlings cluster $* did not get ready:" >&2
        cat "$log" >&2
        exit 1
    fi
    printf -v "${name}_API" '%s' "$(sed -E 's/.* api ([^ ]+) .*/\1/' <<<"$ready")"
    printf -v "${name}_INGRESS" '%s' "$(sed -E 's/.* ingress ([^ ]+) .*/\1/' <<<"$ready")"
    printf -v "${name}_KUBECONFIG" '%s' "$kubeconfig"
}

# expect CASE WANT_EXIT STEP PATTERN -- DOCTOR_ARGS...
# STEP "" means no step may fail; else the first FAIL line must be that step's
# and contain PATTERN (fixed string; may be empty).
expect() {
    local name=$1 want=$2 step=$3 pattern=$4
    shift 5
    local out="$WORK/case-$CASES.out"
    CASES=$((CASES + 1))
    local started=$SECONDS
    timeout 60 "$MESHLINGS" doctor "$@" >"$out" 2>&1
    local code=$? problem=""
    local took=$((SECONDS - started))
    local first_fail
    first_fail=$(grep -m1 '^  FAIL ' "$out")
    if [[ $code -ne $want ]]; then
        problem="exit code $code, expected $want"
    elif [[ -z "$step" && -n "$first_fail" ]]; then
        problem="a step failed"
    elif [[ -n "$step" && "$first_fail" != "  FAIL $step "* ]]; then
        problem="the first FAIL line is not step \"$step\""
    elif [[ -n "$pattern" && "$first_fail" != *"$pattern"* ]]; then
        problem="the FAIL line does not say \"$pattern\""
    elif [[ -n "${MAX_SECONDS:-}" && $took -gt $MAX_SECONDS ]]; then
        problem="took ${took} s, more than ${MAX_SECONDS} s"
    fi
    if [[ -n "$problem" ]]; then
        FAILURES=$((FAILURES + 1))
        echo "not ok - $name: $problem"
    else
        echo "ok - $name (${took} s)"
    fi
    # The doctor's output for a failure, and for every case with SHOW=1.
    if [[ -n "$problem" || -n "${SHOW:-}" ]]; then sed 's/^/    | /' "$out"; fi
}

# kubeconfig_for FILE SERVER CA USER_YAML: a one-context kubeconfig.
kubeconfig_for() {
    local file=$1 server=$2 ca=$3 user=$4
    {
        echo "apiVersion: v1"
        echo "kind: Config"
        echo "clusters:"
        echo "- name: test"
        echo "  cluster:"
        echo "    server: $server"
        [[ -n "$ca" ]] && echo "    certificate-authority-data: $ca"
        echo "users:"
        echo "- name: test-user"
        echo "  user:"
        echo "$user"
        echo "contexts:"
        echo "- name: test"
        echo "  context: {cluster: test, user: test-user, namespace: default}"
        echo "current-context: test"
    } >"$file"
}

field() { sed -n -E "s/^ *$1: *//p" "$2" | head -n 1; }

# --- plain HTTP: the cluster as `meshlings cluster` serves it by default --------
start_cluster PLAIN
expect "plain HTTP: every step passes" 0 "" "" -- --kubeconfig "$PLAIN_KUBECONFIG"
expect "plain HTTP with --ingress and the namespace flag" 0 "" "" -- \
    --kubeconfig "$PLAIN_KUBECONFIG" --namespace default --ingress "$PLAIN_INGRESS"
expect "--ingress where nothing listens fails at ingress" 1 "ingress" "127.0.0.1:1" -- \
    --kubeconfig "$PLAIN_KUBECONFIG" --ingress http://127.0.0.1:1
expect "--prometheus where nothing listens fails at Prometheus" 1 "Prometheus" "" -- \
    --kubeconfig "$PLAIN_KUBECONFIG" --prometheus http://127.0.0.1:1
expect "a namespace without Bookinfo fails at Bookinfo" 1 "Bookinfo" "productpage-v1" -- \
    --kubeconfig "$PLAIN_KUBECONFIG" --namespace kube-system

# --- the way to the server, broken one step at a time ------------------------
expect "a missing --kubeconfig fails at kubeconfig, naming it" 1 "kubeconfig" "$WORK/nowhere.kubeconfig" -- \
    --kubeconfig "$WORK/nowhere.kubeconfig"
printf 'apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: [http://127.0.0.1:1\ncontexts: []\n' \
    >"$WORK/malformed.kubeconfig"
expect "malformed YAML fails at kubeconfig, naming file and line" 1 "kubeconfig" "$WORK/malformed.kubeconfig:" -- \
    --kubeconfig "$WORK/malformed.kubeconfig"
sed 's/^\(    server: .*\)$/\1\n    insecure-skip-tls-verify: maybe/' "$PLAIN_KUBECONFIG" >"$WORK/badfield.kubeconfig"
expect "a field of the wrong type fails at kubeconfig, naming line and field" 1 "kubeconfig" \
    "badfield.kubeconfig:7: clusters[0].cluster.insecure-skip-tls-verify" -- --kubeconfig "$WORK/badfield.kubeconfig"
expect "an unknown --context fails at context" 1 "context" "no-such-context" -- \
    --kubeconfig "$PLAIN_KUBECONFIG" --context no-such-context
kubeconfig_for "$WORK/invalid-host.kubeconfig" https://no-such-host.invalid:6443 "" "    token: abc"
MAX_SECONDS=3 expect "a host that does not resolve fails at resolve, at once" 1 "resolve" "no-such-host.invalid" -- \
    --kubeconfig "$WORK/invalid-host.kubeconfig"
sed 's#server: http://#server: https://#' "$PLAIN_KUBECONFIG" >"$WORK/https-to-http.kubeconfig"
expect "https:// to a plain HTTP port fails at TLS handshake" 1 "TLS handshake" "does not speak TLS" -- \
    --kubeconfig "$WORK/https-to-http.kubeconfig"
kubeconfig_for "$WORK/closed-port.kubeconfig" http://127.0.0.1:1 "" "    token: abc"
expect "a port where nothing listens fails at TCP connect" 1 "TCP connect" "127.0.0.1:1" -- \
    --kubeconfig "$WORK/closed-port.kubeconfig"

# --- TLS and authentication ---------------------------------------------------
start_cluster TOKEN --tls --auth token
start_cluster CERT --tls --auth cert
expect "TLS with a bearer token: every step passes" 0 "" "" -- --kubeconfig "$TOKEN_KUBECONFIG"
expect "TLS with a client certificate: every step passes" 0 "" "" -- --kubeconfig "$CERT_KUBECONFIG"

server=$(field server "$TOKEN_KUBECONFIG")
ca=$(field certificate-authority-data "$TOKEN_KUBECONFIG")
token=$(field token "$TOKEN_KUBECONFIG")
cp "$HERE/exec_credential.sh" "$WORK/exec_credential.sh"
chmod +x "$WORK/exec_credential.sh"
exec_user="    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: $WORK/exec_credential.sh
      env: [{name: MESHLINGS_TEST_TOKEN, value: \"$token\"}]
      interactiveMode: Never"
kubeconfig_for "$WORK/exec.kubeconfig" "$server" "$ca" "$exec_user"
expect "an exec plugin's token: every step passes" 0 "" "" -- --kubeconfig "$WORK/exec.kubeconfig"
kubeconfig_for "$WORK/exec-broken.kubeconfig" "$server" "$ca" "${exec_user/MESHLINGS_TEST_TOKEN/UNUSED}"
expect "a failing exec plugin fails at authentication, quoting it" 1 "authentication" "not logged in" -- \
    --kubeconfig "$WORK/exec-broken.kubeconfig"

wrong_ca=$(field certificate-authority-data "$CERT_KUBECONFIG")
kubeconfig_for "$WORK/wrong-ca.kubeconfig" "$server" "$wrong_ca" "    token: $token"
expect "another cluster's CA fails at TLS handshake" 1 "TLS handshake" "" -- --kubeconfig "$WORK/wrong-ca.kubeconfig"
kubeconfig_for "$WORK/no-ca.kubeconfig" "$server" "" "    token: $token"
expect "no CA (the system's store) fails at TLS handshake" 1 "TLS handshake" "" -- --kubeconfig "$WORK/no-ca.kubeconfig"
kubeconfig_for "$WORK/http-to-tls.kubeconfig" "${server/https:/http:}" "" "    token: $token"
expect "http:// to a TLS port fails at authentication" 1 "authentication" "" -- \
    --kubeconfig "$WORK/http-to-tls.kubeconfig"
kubeconfig_for "$WORK/wrong-token.kubeconfig" "$server" "$ca" "    token: not-the-token"
expect "a wrong token fails at authentication with 401" 1 "authentication" "401 Unauthorized" -- \
    --kubeconfig "$WORK/wrong-token.kubeconfig"
kubeconfig_for "$WORK/no-credentials.kubeconfig" "$server" "$ca" "    {}"
expect "no credentials fail at authentication" 1 "authentication" "" -- --kubeconfig "$WORK/no-credentials.kubeconfig"
expect "the read-only viewer fails at permissions, naming delete pods" 1 "permissions" "delete pods" -- \
    --kubeconfig "$TOKEN_KUBECONFIG" --context meshlings-viewer

echo "1..$CASES"
if [[ $FAILURES -gt 0 ]]; then
    echo "# $FAILURES of $CASES cases failed"
    exit 1
fi
echo "# all $CASES cases passed"
