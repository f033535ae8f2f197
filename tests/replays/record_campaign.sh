#!/usr/bin/env bash
# Records the winning and the losing session of every campaign level
# (levels/README.md) into tests/replays/LEVEL.win.replay and LEVEL.lose.replay:
# `meshlings play --level LEVEL --record FILE` on the built-in cluster, in the
# real window under Xvfb, played with real key presses and mouse clicks sent
# by xdotool (XTEST), so every player command in a file went through SDL, the
# EventRouter and the PlayerController as a person's would. The driver
# follows the session by reading the recording as it is written (the
# Recorder flushes each line): it presses its keys when the recording has
# reached the level second it wants, as a player who watches the clock.
# Pods are picked as a player would with the keyboard: a click on an empty
# tile clears the selection, then Tab N times (pods in map order:
# productpage, details, reviews v1 v2 v3, ratings; replicas by slot),
# Shift-Tab from nothing picks the last one (ratings).
#
# Each finished file is checked before it is kept: `meshlings replay --verify`
# ends as recorded, the outcome is won (.win) or lost (.lose), and its player
# commands are the plan's (the deletes hit the Deployments the plan meant).
# A session that came out otherwise (a key pressed a tick too late on a
# loaded machine) is recorded again, up to 3 times.
#
#   tests/replays/record_campaign.sh BUILD/meshlings [LEVEL[.win|.lose] ...]
#
# Time runs MESHLINGS_RECORD_TIME_SCALE (default 4) times faster than real
# time where latencies are not the lesson; Timeouts matter runs in real time
# (2 minutes a session). Needs Xvfb and xdotool. The level id in a file is the
# level file's name (hello-mesh), so `meshlings replay` finds it in levels/.
set -euo pipefail
meshlings="$(realpath "$1")"
shift
[[ -x "$meshlings" ]] || { echo "FAIL: $meshlings is not the meshlings program" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
levels="$(cd "$here/../../levels" && pwd)"
scale="${MESHLINGS_RECORD_TIME_SCALE:-4}"
width=800
height=600
work="$(mktemp -d "${TMPDIR:-/tmp}/meshlings-record.XXXXXX")"
export XDG_STATE_HOME="$work/state"
xvfb=""
cleanup() {
    [[ -n "$xvfb" ]] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
command -v Xvfb >/dev/null || fail "Xvfb is not installed"
command -v xdotool >/dev/null || fail "xdotool is not installed"

# Our own X server on a free display.
Xvfb -displayfd 5 -screen 0 "${width}x${height}x24" -nolisten tcp 5>"$work/display" 2>"$work/xvfb.err" &
xvfb=$!
for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.1; done
[[ -s "$work/display" ]] || fail "Xvfb did not start: $(cat "$work/xvfb.err")"
export DISPLAY=":$(head -1 "$work/display")"

# ---- following the session through its recording ----------------------------------------------
rec=""     # the replay file being written
window=""  # the game's X window
game=""    # the game's process id

# The tick the recording has reached (its last line's).
tick_now() { awk '$1 ~ /^[0-9]+$/ { t = $1 } END { print t + 0 }' "$rec" 2>/dev/null || echo 0; }

# Waits until the session has reached level second S (60 ticks a second).
at_second() {
    local want=$(($1 * 60)) waited=0
    while (($(tick_now) < want)); do
        kill -0 "$game" 2>/dev/null || fail "$rec: the game ended before second $1: $(tail -5 "$rec.err")"
        sleep 0.05
        waited=$((waited + 1))
        ((waited < 6000)) || fail "$rec: the session never reached second $1"
    done
}

# Key presses to the game's window (it has the focus: there is no window manager).
keys() {
    xdotool windowfocus --sync "$window" 2>/dev/null || true
    xdotool key --delay 60 "$@"
}

# A left click on an empty tile of the map (above the Ingress, left of the figures): no pod selected.
clear_selection() {
    xdotool mousemove --window "$window" "$empty_x" "$empty_y" click 1
    sleep 0.1
}
empty_x=$((width * 6 / 100))
empty_y=$((height * 20 / 100))

# Selects the N-th pod in map order (Tab N times from no selection) and presses Delete.
delete_nth() {
    clear_selection
    local tabs=()
    for _ in $(seq "$1"); do tabs+=(Tab); done
    keys "${tabs[@]}" Delete
}

# Opens the weights panel, moves the focus LEFT times to the left, nudges the focused weight UP times
# by +5 % (taken from the next version first), and applies: what a player does with W, arrows and Enter.
shift_weights() {
    local left="$1" up="$2" presses=(w)
    for _ in $(seq "$left"); do presses+=(Left); done
    for _ in $(seq "$up"); do presses+=(Up); done
    presses+=(Return)
    keys "${presses[@]}"
}

# ---- the plans: what a player does in each level, by level second ------------------------------
# hello-mesh: "a Deployment heals itself". Win: delete reviews-v1, v2 and v3 one after another, each
# once the previous one's replacement is back (the reviews Service goes on answering from the others).
plan_hello_mesh_win() {
    at_second 5 && delete_nth 3   # productpage, details, reviews-v1
    at_second 25 && delete_nth 4  # ... reviews-v1 (its replacement), reviews-v2
    at_second 45 && delete_nth 5  # ... reviews-v3
}
# Lose: one pod deleted, then nothing: the level asked for three.
plan_hello_mesh_lose() {
    at_second 5 && delete_nth 3
}

# single-point-of-failure: "scale before you break things". Win: details to 2 replicas first (+),
# then delete a details pod three times, each while the other one is Ready.
plan_single_point_of_failure_win() {
    at_second 3 && clear_selection && keys Tab Tab Tab equal  # productpage x2, details: scale it up (=, +)
    at_second 25 && delete_nth 3
    at_second 45 && delete_nth 3
    at_second 65 && delete_nth 3
}
# Lose: the same three deletes without the scale: each empties details until the slow replacement is up.
plan_single_point_of_failure_lose() {
    at_second 10 && delete_nth 3
    at_second 35 && delete_nth 3
    at_second 60 && delete_nth 3
}

# canary: "shift in small steps and watch between them". Win: v3 25 %, 50 %, 100 %, 40 s apart.
plan_canary_win() {
    at_second 10 && shift_weights 1 5   # focus v3, +25 %: 75/0/25
    at_second 50 && shift_weights 0 5   # 50/0/50
    at_second 90 && shift_weights 0 10  # 0/0/100
}
# Lose: all of it at once, one step.
plan_canary_lose() {
    at_second 10 && shift_weights 1 20
}

# bad-release: "roll back first". Win: v3 starts failing at 20 s; all of reviews to v1 at 24 s.
plan_bad_release_win() {
    at_second 24 && shift_weights 0 10  # focus v1, +50 % (from v3): 100/0/0
}
# Lose: delete v3's pod instead (its replacement fails the same), and leave the traffic where it was.
plan_bad_release_lose() {
    at_second 24 && delete_nth 5  # productpage, details, reviews v1 v2 v3
}

# timeouts-matter: "a timeout must be shorter than your caller's". Win: ratings slows at 20 s; all
# of reviews to v3 (gives up on ratings after 2.5 s) at 22 s.
plan_timeouts_matter_win() {
    at_second 22 && shift_weights 1 20  # focus v3, +100 % (from v2): 0/0/100
}
# Lose: half of reviews to v3 at 22 s: the other half still waits 10 s on ratings.
plan_timeouts_matter_lose() {
    at_second 22 && shift_weights 1 10  # 0/50/50
}

# thundering-herd: "break things early and keep spare replicas". Win: six deletes in the first
# 45 s (5 and 10 requests a second), alternating the first pod in map order (a productpage) and
# the last (a ratings), each Deployment keeping its other replica.
plan_thundering_herd_win() {
    local s
    for s in 3 10 17 24 31 38; do
        at_second "$s"
        if (((s / 7) % 2 == 0)); then delete_nth 1; else clear_selection && keys shift+Tab Delete; fi
    done
}
# Lose: break things late, at 80 requests a second, and no spare left: both productpage pods
# (Tab from a deleted pod goes on to the next in map order), then both ratings pods.
plan_thundering_herd_lose() {
    at_second 122 && clear_selection && keys Tab Delete Tab Delete
    clear_selection && keys shift+Tab Delete shift+Tab Delete
}

# What each plan's recording must hold: the player's commands, by verb, in order
# (`delete DEPLOYMENT`, `scale DEPLOYMENT REPLICAS`, `weights V1 V2 V3`).
expect() {
    case "$1" in
        hello-mesh.win) echo "delete reviews-v1,delete reviews-v2,delete reviews-v3" ;;
        hello-mesh.lose) echo "delete reviews-v1" ;;
        single-point-of-failure.win) echo "scale details-v1 2,delete details-v1,delete details-v1,delete details-v1" ;;
        single-point-of-failure.lose) echo "delete details-v1,delete details-v1,delete details-v1" ;;
        canary.win) echo "weights 75 0 25,weights 50 0 50,weights 0 0 100" ;;
        canary.lose) echo "weights 0 0 100" ;;
        bad-release.win) echo "weights 100 0 0" ;;
        bad-release.lose) echo "delete reviews-v3" ;;
        timeouts-matter.win) echo "weights 0 0 100" ;;
        timeouts-matter.lose) echo "weights 0 50 50" ;;
        thundering-herd.win)
            echo "delete productpage-v1,delete ratings-v1,delete productpage-v1,delete ratings-v1,delete productpage-v1,delete ratings-v1"
            ;;
        thundering-herd.lose)
            echo "delete productpage-v1,delete productpage-v1,delete ratings-v1,delete ratings-v1"
            ;;
    esac
}

# The player's commands of a recording as `expect` writes them: deletes by the pod's Deployment
# (the pod line that introduced it), scales and weights as recorded.
player_commands() {
    awk '$2 == "pod" { deployment[$3] = $4 }
         $2 == "delete" { out = out sep "delete " deployment[$3]; sep = "," }
         $2 == "scale" { out = out sep "scale " $3 " " $4; sep = "," }
         $2 == "weights" { out = out sep "weights " $3 " " $4 " " $5; sep = "," }
         END { print out }' "$1"
}

time_limit() { sed -n 's/^time-limit-seconds: *\([0-9]*\).*/\1/p' "$levels/$1.yaml"; }

# Plays LEVEL with the plan for OUTCOME (win|lose) into $work/LEVEL.OUTCOME.replay; checks it.
record_one() {
    local level="$1" outcome="$2" level_scale="$scale"
    [[ "$level" == timeouts-matter ]] && level_scale=1  # its latencies are the lesson
    local limit
    limit="$(time_limit "$level")"
    # A safety net in real seconds: the driver quits the game (Q) a level second after the end.
    local duration
    duration="$(awk -v l="$limit" -v s="$level_scale" 'BEGIN { printf "%.0f", l / s * 3 + 30 }')"
    rec="$work/$level.$outcome.replay"
    rm -f "$rec"
    "$meshlings" play --level "$levels/$level.yaml" --record "$rec" --duration "$duration" \
        --time-scale "$level_scale" --width "$width" --height "$height" >"$rec.out" 2>"$rec.err" &
    game=$!
    window=""
    for _ in $(seq 600); do
        kill -0 "$game" 2>/dev/null || fail "$level.$outcome: the game ended at once: $(tail -5 "$rec.err")"
        window="$(xdotool search --onlyvisible --name '^Meshlings: ' 2>/dev/null | head -1 || true)"
        [[ -n "$window" ]] && break
        sleep 0.1
    done
    [[ -n "$window" ]] || fail "$level.$outcome: no game window after 60 s"
    xdotool windowfocus --sync "$window" 2>/dev/null || true
    "plan_${level//-/_}_$outcome"
    at_second $((limit + 1)) && keys q
    local code=0
    wait "$game" || code=$?
    ((code == 0)) || { tail -20 "$rec.err"; fail "$level.$outcome: the game exited $code"; }
    grep -q '^end ' "$rec" || fail "$level.$outcome: the recording has no end line"
}

check_one() {
    local level="$1" outcome="$2" file="$work/$1.$2.replay"
    local result="won"
    [[ "$outcome" == lose ]] && result="lost"
    "$meshlings" replay "$file" --verify --level "$levels/$level.yaml" >"$file.verify" 2>&1 || {
        cat "$file.verify"
        return 1
    }
    grep -q "^end [0-9]* result=$result " "$file" || {
        echo "$level.$outcome: $(grep '^end ' "$file")"
        return 1
    }
    local got want
    got="$(player_commands "$file")"
    want="$(expect "$level.$outcome")"
    [[ "$got" == "$want" ]] || {
        echo "$level.$outcome: player commands '$got', the plan's '$want'"
        return 1
    }
}

campaign=(hello-mesh single-point-of-failure canary bad-release timeouts-matter thundering-herd)
wanted=("$@")
if ((${#wanted[@]} == 0)); then
    for level in "${campaign[@]}"; do wanted+=("$level.win" "$level.lose"); done
fi
for item in "${wanted[@]}"; do
    level="${item%.*}"
    outcome="${item##*.}"
    if [[ "$item" != *.win && "$item" != *.lose ]]; then
        level="$item"
        outcome=""
    fi
    for o in ${outcome:-win lose}; do
        kept=0
        for attempt in 1 2 3; do
            echo "== $level.$o (attempt $attempt)"
            record_one "$level" "$o"
            if check_one "$level" "$o"; then
                cp "$work/$level.$o.replay" "$here/$level.$o.replay"
                echo "kept $level.$o.replay: $(grep '^end ' "$here/$level.$o.replay")"
                kept=1
                break
            fi
        done
        ((kept)) || fail "$level.$o: no attempt came out as planned"
    done
done
