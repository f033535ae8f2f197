#!/usr/bin/env bash
# The meshlings program end to end on the built-in cluster:
#   headless play reports probe requests served and the pods it saw;
#   a recorded session replays to the same outcome (--verify), also beside
#   --report in a window;
#   a bad level file is refused with file:line: field, exit 2;
#   screenshots with SDL's dummy driver and under Xvfb (when xvfb-run is installed) are written
#   at their times and are not one flat colour.
set -euo pipefail
meshlings="$1"
here="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

# Runs "$@" in the background. If it has not ended after LIMIT seconds, prints
# what the game's threads are doing (with gdb, when installed; the built-in
# cluster's idle pool workers left out) and kills it, so a hang is reported
# with its place instead of as the test's timeout.
within() {
    local limit="$1" pid waited=0
    shift
    "$@" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        if ((waited >= limit * 10)); then
            echo "hung after $limit s: $*"
            local game
            for game in $(pgrep -f "^$meshlings play" || true); do
                if command -v gdb >/dev/null 2>&1; then
                    gdb -p "$game" -batch -ex "thread apply all bt 16" 2>/dev/null |
                        awk 'function flush() { if (block !~ /ThreadPool::worker/) printf "%s", block; block = "" }
                             /^Thread /{flush(); inside = 1} inside{block = block $0 "\n"} END{flush()}'
                fi
                kill -KILL "$game" 2>/dev/null || true
            done
            # xvfb-run stops its server once the game is gone.
            sleep 2
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
            return 124
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    wait "$pid"
}

echo "== headless play, 8 s"
"$meshlings" play --headless --duration 8 >out.txt 2>err.txt || { cat out.txt err.txt; fail "play exited $?"; }
cat out.txt
served="$(sed -n 's/^probe requests served: \([0-9]*\) of.*/\1/p' out.txt)"
pods="$(sed -n 's/^pods seen: \([0-9]*\).*/\1/p' out.txt)"
[[ -n "$served" && "$served" -gt 10 ]] || fail "expected probe requests served, got '$served'"
[[ -n "$pods" && "$pods" -ge 6 ]] || fail "expected at least Bookinfo's 6 pods, got '$pods'"
grep -q '^connection: connected' out.txt || fail "not connected"

echo "== record 6 s, then replay --verify"
"$meshlings" play --headless --duration 6 --record session.replay >rec.txt 2>&1 || { cat rec.txt; fail "record"; }
head -3 session.replay
grep -q '^end ' session.replay || fail "the recording has no end line"
"$meshlings" replay session.replay --verify || fail "replay --verify"
# A tampered outcome must fail verification.
sed 's/^end \([0-9]*\) result=/end \1 result=won-not /' session.replay >tampered.replay
if "$meshlings" replay tampered.replay --verify >/dev/null 2>&1; then fail "a tampered replay verified"; fi

echo "== a session on a level file from elsewhere replays with --level"
cp "$here/../../levels/hello-mesh.yaml" my-level.yaml
"$meshlings" play --headless --duration 3 --level ./my-level.yaml --record mine.replay >mine.txt 2>&1 || { cat mine.txt; fail "record on a level file"; }
if "$meshlings" replay mine.replay --verify >mine-missing.txt 2>&1; then fail "a replay of an unknown level id verified"; fi
grep -q 'my-level' mine-missing.txt || { cat mine-missing.txt; fail "the missing level is not named"; }
"$meshlings" replay mine.replay --verify --level ./my-level.yaml || fail "replay --level FILE --verify"

echo "== a bad level file"
cat >bad.yaml <<'YAML'
version: 1
title: Bad
teaches: A typo in a level file is found with its line.
sandbox: true
traffic:
  requests-per-second: lots
YAML
set +e
"$meshlings" play --headless --duration 1 --level bad.yaml >bad.txt 2>&1
code=$?
set -e
cat bad.txt
[[ $code -eq 2 ]] || fail "a bad level exits $code, not 2"
grep -q 'bad.yaml:6: traffic.requests-per-second' bad.txt || fail "the error does not name file:line: field"

echo "== screenshot with SDL's dummy video driver (no display at all)"
env -u DISPLAY "$meshlings" play --headless --screenshot-at 3 dummy.bmp >dummy.txt 2>&1 || { cat dummy.txt; fail "dummy screenshot run"; }
cat dummy.txt
grep -q '^wrote dummy.bmp (1280x720, ' dummy.txt || fail "no 1280x720 frame from the dummy driver"
python3 "$here/bmp_colours.py" dummy.bmp 20 || fail "the dummy driver's screenshot is (nearly) one flat colour"
if "$meshlings" play --headless --screenshot-at 3 >/dev/null 2>&1; then fail "--screenshot-at without a FILE was accepted"; fi

if command -v xvfb-run >/dev/null 2>&1; then
    echo "== screenshot under Xvfb"
    # Under the sanitizers, leak checking is off for this one run: the system's
    # X11 stack leaks at exit (a 20-line SDL program that opens a window under
    # Xvfb and closes everything leaks 1,272 bytes in 4 allocations, from
    # libdbus and from the GL driver SDL loads and unloads), and those frames
    # cannot be suppressed by name once the driver is unloaded. The headless
    # runs above keep leak checking.
    # No session bus for the game: with none in the environment, libdbus
    # (which SDL's video start-up calls) forks to autolaunch one; a fork from
    # this many-threaded process (the built-in cluster already runs) can leave
    # the child stuck on a sanitizer allocator's lock and SDL_Init reading its
    # pipe for ever (the hang this run's watchdog printed in CI: SdlContext ->
    # libdbus _dbus_read, the child in StaticSpinMutex::LockSlow). An address
    # where nothing listens fails at once instead.
    DBUS_SESSION_BUS_ADDRESS="unix:path=$PWD/no-session-bus" \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    within 100 xvfb-run -a -s "-screen 0 1280x720x24" "$meshlings" play --screenshot-at 5 shot.bmp --screenshot-at 2 early.bmp \
        --report window-report --record window.replay >shot.txt 2>&1 || { cat shot.txt; fail "screenshot run"; }
    cat shot.txt
    # Both frames, in the order of their times, and the session ended after the last.
    [[ $(grep -c '^wrote ' shot.txt) -eq 2 ]] || fail "expected two screenshots"
    grep -A1 '^wrote early.bmp' shot.txt | grep -q '^wrote shot.bmp' || fail "the screenshots came out of order"
    python3 "$here/bmp_colours.py" early.bmp 20 || fail "the 2 s screenshot is (nearly) one flat colour"
    python3 "$here/bmp_colours.py" shot.bmp 20 || fail "the 5 s screenshot is (nearly) one flat colour"
    # The window's session wrote its report and its recording, side by side.
    for f in journal.json report.md availability.svg recovery.svg; do
        [[ -s window-report/$f ]] || fail "the window's --report wrote no $f"
    done
    "$meshlings" replay window.replay --verify || fail "the window's recording (beside --report) does not verify"
else
    echo "== xvfb-run not installed: screenshot check skipped"
fi
echo "all app checks passed"
