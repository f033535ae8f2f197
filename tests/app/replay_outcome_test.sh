#!/usr/bin/env bash
# Issue 16, "Levels that teach the right thing": a campaign level's recorded
# session (tests/replays/LEVEL.win.replay or LEVEL.lose.replay, made by
# tests/replays/record_campaign.sh) replays headless to the outcome recorded in
# it (`meshlings replay --verify`), and that outcome is the one its name
# promises: result=won for .win, result=lost for .lose. A copy whose end line
# says the other result must fail verification (so a changed outcome is caught).
#   replay_outcome_test.sh MESHLINGS FILE won|lost
set -euo pipefail
meshlings="$1"
file="$2"
want="$3"
work="$(mktemp -d "${TMPDIR:-/tmp}/meshlings-replay-outcome.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$meshlings" replay "$file" --verify >"$work/out" 2>&1 || { cat "$work/out"; fail "$file does not replay as recorded"; }
cat "$work/out"
grep -q "^recorded: result=$want " "$work/out" || fail "$file was recorded as $(sed -n 's/^recorded: \(result=[a-z-]*\).*/\1/p' "$work/out"), not result=$want"
grep -q "^replayed: result=$want " "$work/out" || fail "$file replays to $(sed -n 's/^replayed: \(result=[a-z-]*\).*/\1/p' "$work/out"), not result=$want"

other=lost
[[ "$want" == lost ]] && other=won
sed "s/^end \([0-9]*\) result=$want /end \1 result=$other /" "$file" >"$work/flipped.replay"
if "$meshlings" replay "$work/flipped.replay" --verify >/dev/null 2>&1; then
    fail "a copy of $file whose end line says result=$other still verified"
fi
echo "PASS  $(basename "$file"): result=$want, as recorded and as replayed"
