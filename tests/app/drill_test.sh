#!/usr/bin/env bash
# `meshlings drill` end to end on the built-in cluster, three short drills:
#   killing the only details pod scores lower than the steady baseline (a
#   harmless shift), and the same kill with details at 3 replicas scores
#   better than with 1;
#   the report: journal.json parses and has Chaos Toolkit's fields and one
#   `run` entry per action, the SVGs are well-formed XML, report.md names
#   the verdict; the exit code is the verdict's (0 pass, 1 fail, 3 not scored).
# Then the errors: a level without a time limit is refused (exit 2). And
# `kill -USR1` halts a running drill as it halts `meshlings play`.
set -euo pipefail
meshlings="$1"
here="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

drill() {  # drill NAME: runs tests/app/drills/drill-NAME.yaml into report-NAME, prints the score
    local name="$1" code=0
    "$meshlings" drill --level "$here/drills/drill-$name.yaml" --report "report-$name" >"$name.txt" 2>&1 || code=$?
    cat "$name.txt" >&2
    [[ -f "report-$name/journal.json" ]] || fail "$name: no journal.json (exit $code)"
    python3 - "report-$name" "$code" <<'PY' >&2 || fail "$name: the report"
import json, sys, xml.dom.minidom
folder, code = sys.argv[1], int(sys.argv[2])
j = json.load(open(folder + "/journal.json"))
for key in ["experiment", "status", "deviated", "start", "end", "duration", "steady_states", "run", "rollbacks",
            "resilience"]:
    assert key in j, "journal.json has no " + key
for key in ["title", "description", "steady-state-hypothesis", "method"]:
    assert key in j["experiment"], "experiment has no " + key
assert set(j["steady_states"]) == {"before", "after"}, j["steady_states"]
method = j["experiment"]["method"]
assert len(j["run"]) == len(method), "run %d entries, the plan has %d" % (len(j["run"]), len(method))
for entry in j["run"]:
    for key in ["activity", "status", "start", "end", "duration"]:
        assert key in entry, "a run entry has no " + key
    for key in ["availability", "recovery_seconds", "action_score", "weight"]:
        assert key in entry["output"], "a run entry's output has no " + key
r = j["resilience"]
for key in ["verdict", "score", "budget_left", "recovery", "p50_before_ms", "p99_during_ms", "breakdown"]:
    assert key in r, "resilience has no " + key
expected = {"pass": (0, "completed"), "fail": (1, "failed"), "not scored": (3, "aborted"), "halted": (3, "interrupted")}
assert expected[r["verdict"]] == (code, j["status"]), (r["verdict"], code, j["status"])
for svg in ["availability.svg", "recovery.svg"]:
    xml.dom.minidom.parse(folder + "/" + svg)
md = open(folder + "/report.md").read()
assert "**Verdict: " + r["verdict"].upper() + "**" in md, "report.md does not name the verdict"
print("score", r["score"], file=open(folder + "/score", "w"))
PY
    sed -n 's/^score //p' "report-$name/score"
}

echo "== a drill level without a time limit is refused"
cp "$here/drills/drill-baseline.yaml" no-limit.yaml
sed -i '/^time-limit-seconds/d' no-limit.yaml
set +e
"$meshlings" drill --level no-limit.yaml --report nope >nolimit.txt 2>&1
code=$?
set -e
cat nolimit.txt
[[ $code -eq 2 ]] || fail "no time limit: exit $code, not 2"
grep -q 'time-limit-seconds' nolimit.txt || fail "the refusal does not name time-limit-seconds"

echo "== kill -USR1 halts a running drill"
"$meshlings" drill --level "$here/drills/drill-short-delete.yaml" --report report-usr1 >usr1.out 2>usr1.err &
drill_pid=$!
# The first line is printed once the signal handlers are in place.
for _ in $(seq 1 300); do
    grep -q '^meshlings drill: level' usr1.out && break
    kill -0 "$drill_pid" 2>/dev/null || break
    sleep 0.1
done
grep -q '^meshlings drill: level' usr1.out || { cat usr1.out usr1.err; fail "SIGUSR1: the drill did not start"; }
kill -USR1 "$drill_pid"
set +e
wait "$drill_pid"
code=$?
set -e
cat usr1.out usr1.err
grep -q 'HALTED by SIGUSR1' usr1.err || fail "SIGUSR1: the drill was not halted (exit $code)"
[[ -f report-usr1/journal.json ]] || fail "SIGUSR1: the halted drill wrote no report (exit $code)"

echo "== three drills"
baseline="$(drill baseline)"
one="$(drill one-details)"
three="$(drill three-details)"
echo "scores: baseline $baseline, one details pod $one, three details pods $three"
python3 - "$baseline" "$one" "$three" <<'PY' || fail "the scores are not in the expected order"
import sys
baseline, one, three = (float(x) for x in sys.argv[1:])
assert one < baseline, "killing the only details pod must score lower than the baseline"
assert one < three, "3 replicas must score better than 1 under the same kill"
PY
echo "OK"
