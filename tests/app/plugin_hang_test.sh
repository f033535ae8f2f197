#!/usr/bin/env bash
# Issue 17 case 3: a hanging exec credential plugin does not hold the game.
# `meshlings play --headless --duration 5` against a kubeconfig whose user
# runs a plugin that sleeps for ever (and starts a child that sleeps too):
#   SIGINT once the plugin runs ends the game within a few seconds, and no
#   process of the plugin's group is left;
#   without SIGINT the game ends at its --duration, saying that the plugin
#   gave no answer, and again no process of the plugin's group is left.
# Observed before: the game waited 60 s for each client's run of the plugin
# (125 s for a 5 s session), Ctrl-C acted after 114 s, and the plugin's child
# outlived it. Loopback only: the kubeconfig's server is never reached.
set -euo pipefail
meshlings="$1"
work="$(mktemp -d)"
game=""
cleanup() {
    [[ -n "$game" ]] && kill -KILL "$game" 2>/dev/null || true
    sleep 0.2  # a run that had just started has written its pids
    # Whatever the plugins left (the old code leaves their children).
    for file in "$work"/*.pids; do
        [[ -f "$file" ]] && kill -KILL $(cat "$file") 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export XDG_STATE_HOME="$work/state"  # the audit log's and the routing state's default folder

fail() {
    echo "FAIL: $*" >&2
    cat "$work"/err.txt >&2 2>/dev/null || true
    exit 1
}

cat >plugin.sh <<'EOF'
#!/bin/sh
# Each run: its own pid and its child's, one line per run.
sleep 1000 &
echo $$ $! >> "$0.pids"
sleep 1000
EOF
chmod +x plugin.sh
cat >kubeconfig <<EOF
apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster:
    server: http://127.0.0.1:1
contexts:
- name: hanging
  context: {cluster: nowhere, user: hanging, namespace: default}
current-context: hanging
users:
- name: hanging
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: $work/plugin.sh
      interactiveMode: Never
EOF

# True while the process runs and is not a zombie.
running() {
    local state
    state=$(awk '{ sub(/.*\) /, ""); print substr($0, 1, 1) }' "/proc/$1/stat" 2>/dev/null) || return 1
    [[ -n "$state" && "$state" != Z ]]
}

# Every pid the plugin's runs wrote has ended (zombies waiting for their reaper count as ended).
group_gone() {
    local pid
    for pid in $(cat plugin.sh.pids 2>/dev/null); do
        if running "$pid"; then
            ps -o pid,pgid,stat,args -p "$pid" >&2 || true
            return 1
        fi
    done
}

# Waits up to $1 tenths of a second for "$2 ..." to hold.
wait_for() {
    local tenths="$1" i
    shift
    for ((i = 0; i < tenths; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

plugin_started() { [[ -s plugin.sh.pids ]]; }
game_ended() { ! kill -0 "$game" 2>/dev/null; }

# 1. SIGINT while the plugin runs.
"$meshlings" play --headless --duration 5 --kubeconfig kubeconfig >out.txt 2>err.txt &
game=$!
wait_for 200 plugin_started || fail "the plugin never started"
sleep 1  # "Ctrl-C after about a second", as a person would
started=$(date +%s%N)
kill -INT "$game"
wait_for 50 game_ended || fail "the game still runs 5 s after SIGINT"
wait "$game" || true
game=""
echo "SIGINT to exit: $((($(date +%s%N) - started) / 1000000)) ms"
wait_for 50 group_gone || fail "a process of the plugin's group outlived the game"
grep -q "waiting for credentials (plugin plugin.sh)" err.txt || fail "the game did not say what it waits for"

# 2. No SIGINT: the session's --duration bounds the wait.
rm -f plugin.sh.pids
started=$(date +%s)
"$meshlings" play --headless --duration 3 --kubeconfig kubeconfig >out.txt 2>err.txt &
game=$!
wait_for 300 game_ended || fail "the game still runs 30 s into a 3 s session"
wait "$game" || fail "the game failed: exit $?"
game=""
echo "a 3 s session with a hanging plugin took $(($(date +%s) - started)) s"
grep -q "exec plugin plugin.sh: no answer within the session's 3 s" out.txt ||
    fail "the summary does not name the plugin that gave no answer"
wait_for 50 group_gone || fail "a process of the plugin's group outlived the game"
echo "PASS"
