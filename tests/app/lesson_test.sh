#!/usr/bin/env bash
# Issue 16: a level that cannot be won by doing what its `teaches:` text says
# is a bug. Timeouts matter, headless on the built-in cluster, in real time
# (its latencies are the lesson, so no --time-scale), twice at once:
#   - as shipped, all reviews traffic left on v2: ratings slows to 4 s at
#     20 s, v2 waits 10 s for it, pages take 6 s: the level is lost;
#   - the same level with one chaos step that moves reviews to v3 at 22 s
#     (v3 gives up on ratings after 2.5 s): p99 over the last 30 s is back
#     under 3 s when the time runs out: the level is won.
set -euo pipefail
meshlings="$1"
levels="$2"
work="$(mktemp -d "${TMPDIR:-/tmp}/meshlings-lesson.XXXXXX")"
export XDG_STATE_HOME="$work/state"
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

sed 's/^title: Timeouts matter$/title: Timeouts matter, moved to v3/' "$levels/timeouts-matter.yaml" >moved.yaml
cat >>moved.yaml <<'YAML'

chaos:
  - at-second: 22
    action: set-weights
    weights: {v1: 0, v2: 0, v3: 100}
YAML
timeout 300 "$meshlings" play --headless --level "$levels/timeouts-matter.yaml" --duration 125 >stayed.out 2>&1 &
stayed=$!
timeout 300 "$meshlings" play --headless --level moved.yaml --duration 125 >moved.out 2>&1 &
moved=$!
wait "$stayed" || { cat stayed.out; fail "play (left on v2) failed"; }
wait "$moved" || { cat moved.out; fail "play (moved to v3) failed"; }
grep '^outcome:' stayed.out moved.out
grep -q '^outcome: result=lost .*objectives=failed' stayed.out || { cat stayed.out; fail "left on v2, the level was not lost"; }
grep -q '^outcome: result=won .*objectives=met' moved.out || { cat moved.out; fail "moved to v3 at 22 s, the level was not won"; }
echo "PASS  Timeouts matter: lost when left on v2, won when reviews moves to v3 promptly"
