#!/usr/bin/env bash
# The cluster flags of play and drill, end to end against `meshlings cluster`
# through its kubeconfig, with real kubectl (a 8 s drill that deletes the
# only details pod at 4 s):
#   - no --ingress: the probe finds the ingress the cluster announces and
#     pages are served;
#   - --armed --audit-log FILE: the delete reaches the cluster (kubectl sees
#     a new details pod) and the log holds exactly one complete line for it;
#   - not armed: the delete is a server-side dry run (the pod stays), logged
#     with "dryRun": true;
#   - the namespace Meshlings runs in (POD_NAMESPACE) is protected: nothing is
#     sent (the pod stays, the log stays empty) and the refusal is printed;
#     --allow-system-namespace lifts it.
set -euo pipefail
meshlings="$1"
here="$2"
kubectl="${KUBECTL:-/usr/bin/kubectl}"
work="$(mktemp -d "${TMPDIR:-/tmp}/meshlings-flags.XXXXXX")"
export XDG_STATE_HOME="$work/state"
export KUBECACHEDIR="$work/kube-cache"
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy POD_NAMESPACE
cluster_pid=""
cleanup() {
    local status=$?
    [[ -n $cluster_pid ]] && kill "$cluster_pid" 2>/dev/null && wait "$cluster_pid" 2>/dev/null
    if [[ $status -eq 0 ]]; then rm -rf "$work"; else echo "outputs kept in $work" >&2; fi
}
trap cleanup EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "PASS  $*"; }
k() { timeout 20 "$kubectl" --kubeconfig "$work/kubeconfig" "$@"; }
details_pod() { k get pods -l app=details -o jsonpath='{.items[*].metadata.name}'; }
drill() {  # drill NAME [flags...]: the short drill through the kubeconfig; output in NAME.txt
    local name="$1"
    shift
    "$meshlings" drill --level "$here/drills/drill-short-delete.yaml" --report "report-$name" \
        --kubeconfig "$work/kubeconfig" "$@" >"$name.txt" 2>&1 || true
}
audit_lines() { [[ -f "$1" ]] && wc -l <"$1" || echo 0; }

"$meshlings" cluster --listen 127.0.0.1:0 --ingress-listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" \
    >cluster.out 2>cluster.err &
cluster_pid=$!
for _ in $(seq 1 300); do grep -q "meshlings cluster ready" cluster.out && break; sleep 0.1; done
grep -q "meshlings cluster ready" cluster.out || { cat cluster.out cluster.err; fail "no ready line"; }
first="$(details_pod)"
[[ -n $first ]] || fail "no details pod at the start"

echo "== not armed: a server-side dry run, logged"
drill dry --audit-log dry.jsonl
[[ "$(details_pod)" == "$first" ]] || fail "a dry run deleted $first (now: $(details_pod))"
[[ $(audit_lines dry.jsonl) -eq 1 ]] || { cat dry.txt; fail "dry run: $(audit_lines dry.jsonl) audit lines, not 1"; }
grep -q "\"dryRun\":true" dry.jsonl && grep -q "\"object\":\"pods/$first\"" dry.jsonl ||
    fail "dry run: the line does not say dryRun true for pods/$first: $(cat dry.jsonl)"
grep -q "DRY RUN" dry.txt || fail "dry run: not said"
pass "without --armed the delete was a dry run: $first is still there, one audit line with dryRun true"

echo "== no --ingress: the announced ingress"
grep -q "probe: the ingress at http://127.0.0.1:[0-9]* (announced by the cluster)" dry.txt ||
    { cat dry.txt; fail "the probe did not find the announced ingress"; }
served="$(sed -n 's/^probe requests served: \([0-9]*\) of.*/\1/p' dry.txt)"
[[ ${served:-0} -gt 0 ]] || fail "no probe page served through the announced ingress"
pass "without --ingress the probe used the ingress the cluster announces ($served pages served)"

echo "== POD_NAMESPACE=default: the namespace Meshlings runs in is refused"
POD_NAMESPACE=default drill own --armed --audit-log own.jsonl
grep -q "REFUSED, no change will be made: namespace default is protected" own.txt ||
    { cat own.txt; fail "the refusal was not printed"; }
[[ "$(details_pod)" == "$first" ]] || fail "a refused namespace lost $first (now: $(details_pod))"
[[ $(audit_lines own.jsonl) -eq 0 ]] || fail "a refused namespace was sent $(audit_lines own.jsonl) changes"
grep -q "REFUSED, no change was made: namespace default is protected" report-own/report.md ||
    { cat report-own/report.md; fail "the drill report does not name the refusal"; }
pass "with POD_NAMESPACE=default nothing was sent: the pod stays, the audit log is empty, the report says why"

echo "== --armed --audit-log, --allow-system-namespace default: the delete is made and logged"
POD_NAMESPACE=default drill armed --armed --allow-system-namespace default --audit-log armed.jsonl
[[ "$(details_pod)" != "$first" ]] || { cat armed.txt; fail "armed: $first was not deleted"; }
[[ $(audit_lines armed.jsonl) -eq 1 ]] || fail "armed: $(audit_lines armed.jsonl) audit lines, not 1"
python3 - armed.jsonl "$first" <<'PY' || fail "armed: the audit line"
import json, sys
line = json.loads(open(sys.argv[1]).read())
for key in ["time", "context", "server", "namespace", "method", "verb", "object", "dryRun", "body", "result"]:
    assert key in line, "no " + key
assert line["verb"] == "delete" and line["object"] == "pods/" + sys.argv[2], line
assert line["dryRun"] is False and line["result"]["status"] == 200 and line["namespace"] == "default", line
PY
pass "armed: $first deleted (now $(details_pod)), one complete audit line with status 200"
echo OK
