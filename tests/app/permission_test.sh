#!/usr/bin/env bash
# Issue 17 case 8a: too few permissions, end to end against `meshlings cluster --auth token` and its read-only
# context `meshlings-viewer`.
#   Expected: the drill (a 60 s level) stops within seconds, exit 3 with the verdict "halted", and its stdout and
#   report.md name the permissions step and what is missing; headless play says the same and goes on watching
#   read-only for its --duration.
#   Observed before: "HALTED by the dead man's switch" (or no halt at all, when the doctor answered before the
#   watches), and the drill ran its time limit plus the start grace (120 s) with the verdict "pending".
set -euo pipefail
meshlings="$1"
work="$(mktemp -d "${TMPDIR:-/tmp}/meshlings-perm.XXXXXX")"
export XDG_STATE_HOME="$work/state"
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy POD_NAMESPACE KUBECONFIG
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
# The doctor's words for the viewer: every write verb is missing, VirtualServices among them.
missing='missing: .*patch.* virtualservices.networking.istio.io in default'

"$meshlings" cluster --listen 127.0.0.1:0 --ingress-listen 127.0.0.1:0 --auth token --kubeconfig-out "$work/K" \
    >cluster.out 2>cluster.err &
cluster_pid=$!
for _ in $(seq 1 300); do grep -q "meshlings cluster ready" cluster.out && break; sleep 0.1; done
grep -q "meshlings cluster ready" cluster.out || { cat cluster.out cluster.err; fail "no ready line"; }
grep -q "meshlings-viewer" K || fail "the kubeconfig has no meshlings-viewer context"

echo "== drill with the read-only context: stops early, naming the permissions step"
limit=30  # generous: the doctor answers in well under a second on loopback; the level lasts 60 s
start=$SECONDS
code=0
timeout 150 "$meshlings" drill --level drill-details --report report --kubeconfig K --context meshlings-viewer \
    >drill.out 2>drill.err || code=$?
took=$((SECONDS - start))
cat drill.out drill.err
[[ $took -le $limit ]] || fail "the drill ran ${took} s (the level lasts 60 s), not under ${limit} s"
[[ $code -eq 3 ]] || fail "drill exit $code, not 3 (not scored or halted)"
grep -q "failed at step permissions: $missing" drill.out || fail "stdout does not name the missing permission"
grep -q "HALTED by the connection doctor (step permissions: $missing" drill.err ||
    fail "the halt does not name the permissions step"
! grep -q "dead man's switch" drill.out drill.err || fail "the dead man's switch was blamed"
[[ -f report/report.md ]] || fail "no report.md"
grep -q '^\*\*Verdict: HALTED\*\*' report/report.md || { cat report/report.md; fail "report.md: not halted"; }
grep -q "^\*\*Verdict: HALTED\*\*: halted by the connection doctor (step permissions: $missing" report/report.md ||
    { cat report/report.md; fail "report.md does not say why"; }
! grep -q "dead man's switch" report/report.md || fail "report.md blames the dead man's switch"
python3 -c '
import json, sys
j = json.load(open("report/journal.json"))
assert j["status"] == "interrupted", j["status"]
assert j["resilience"]["verdict"] == "halted", j["resilience"]["verdict"]
' || fail "journal.json is not halted/interrupted"
pass "the drill stopped after ${took} s with exit 3, naming the missing permissions (stdout, report.md)"

echo "== headless play, KUBECONFIG a copy whose current context is the viewer: same reason, watches on"
sed 's/^current-context: .*/current-context: meshlings-viewer/' K >viewer.kubeconfig
code=0
KUBECONFIG="$work/viewer.kubeconfig" timeout 60 "$meshlings" play --headless --duration 6 --namespace default \
    --report play-report >play.out 2>play.err || code=$?
cat play.out play.err
[[ $code -eq 0 ]] || fail "play exit $code, not 0"
grep -q "HALTED by the connection doctor (step permissions: $missing" play.err ||
    fail "play's halt does not name the permissions step"
grep -q "failed step: permissions" play.out || fail "play's summary does not name the permissions step"
! grep -q "dead man's switch" play.out play.err || fail "play blamed the dead man's switch"
grep -q '^session: [6-9]\.[0-9] s' play.out || fail "play did not watch for its --duration"
seen="$(sed -n 's/^pods seen: \([0-9]*\).*/\1/p' play.out)"
[[ ${seen:-0} -gt 0 ]] || fail "play saw no pods: the watches did not go on"
grep -q "^\*\*Verdict: HALTED\*\*: halted by the connection doctor (step permissions: $missing" play-report/report.md ||
    { cat play-report/report.md; fail "play's report does not say why"; }
pass "headless play named the permissions step and watched read-only for 6 s ($seen pods seen)"
echo "OK"
