#!/usr/bin/env python3
"""Soak of the windowed game under the monkey player (issue 16, "never crashes").

For --minutes (default 30) of real time, on one Xvfb server started here:

- free play (the sandbox) for --free-play-minutes (default a third of the
  run) in one process: `meshlings play --level free-play --monkey SEED
  --duration S`, whose resident memory is sampled every --sample seconds;
- then every level with an end, in campaign order and then the drill, in a
  loop, each in its own process played to its end in real time
  (`meshlings play --level ID --monkey SEED`), until the next level would not
  fit in what is left of the run.

Each process must exit 0 with no sanitizer report on stderr, and a level
must print "monkey: level ID ended at tick"; anything else is a crash and is
reported with the end of its stderr. It prints, per run and in total: the
resident memory (VmRSS) at the first sample and the last, the frame-time
line the game prints at exit (p50, p99, max), and the monkey's tally. The
figures for BENCHMARKS.md: crashes, RSS at start and end (free play's one
long process), frame-time p99 (free play's, and the worst level's).

Exit 1 on any crash, else 0. Not a ctest test: it takes real time.
    python3 tests/soak/monkey_soak.py --minutes 1      # a smoke check
    python3 tests/soak/monkey_soak.py                  # the 30-minute figure
Needs Xvfb and a built build/meshlings (or --meshlings PATH); standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SANITIZER = re.compile(r'runtime error:|ERROR: AddressSanitizer|WARNING: ThreadSanitizer|ERROR: LeakSanitizer')


def levels_in_order(folder):
    """(id, time limit in seconds) of every level with an end: the campaign in its order, then the rest."""
    found = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.yaml'):
            continue
        text = open(os.path.join(folder, name), encoding='utf-8').read()
        if re.search(r'^sandbox: true', text, re.M):
            continue
        limit = re.search(r'^time-limit-seconds: *(\d+)', text, re.M)
        order = re.search(r'^campaign-order: *(\d+)', text, re.M)
        if limit:
            found.append((int(order.group(1)) if order else 1000, name[:-5], int(limit.group(1))))
    return [(level, limit) for _, level, limit in sorted(found)]


def rss_mb(pid):
    try:
        with open('/proc/%d/status' % pid, encoding='ascii') as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def start_xvfb():
    """An Xvfb server on a free display; (process, display)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write), '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b''
    while not number.endswith(b'\n'):
        chunk = os.read(read, 16)
        if not chunk:
            raise RuntimeError('Xvfb did not start')
        number += chunk
    os.close(read)
    return xvfb, ':' + number.decode().strip()


def play(args, env, work, level, seed, duration, sample):
    """One process under the monkey; a dict of what it did."""
    command = [args.meshlings, 'play', '--level', level, '--monkey', str(seed)]
    if duration:
        command += ['--duration', str(duration)]
    out_path = os.path.join(work, '%s-%d.out' % (level, seed))
    err_path = os.path.join(work, '%s-%d.err' % (level, seed))
    started = time.monotonic()
    with open(out_path, 'w') as out, open(err_path, 'w') as err:
        game = subprocess.Popen(command, cwd=work, env=env, stdout=out, stderr=err)
        samples = []
        while game.poll() is None:
            time.sleep(min(sample, 1.0) if not samples else sample)
            mb = rss_mb(game.pid)
            if mb is not None and game.poll() is None:
                samples.append(mb)
        code = game.returncode
    text = open(out_path, encoding='utf-8', errors='replace').read()
    errors = open(err_path, encoding='utf-8', errors='replace').read()
    frames = re.search(r'^frame time: (\d+) frames, p50 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms', text, re.M)
    monkey = re.search(r'^monkey: (.*)$', text, re.M)
    run = {'level': level, 'seed': seed, 'code': code, 'seconds': time.monotonic() - started,
           'rss': samples, 'sample': sample, 'frames': frames.groups() if frames else None,
           'monkey': monkey.group(1) if monkey else ''}
    problems = []
    if code != 0:
        problems.append('exit %s' % code)
    if SANITIZER.search(errors):
        problems.append('sanitizer report')
    if not duration and not re.search(r'^monkey: level %s ended at tick' % re.escape(level), text, re.M):
        problems.append('the level did not reach its end')
    if not frames:
        problems.append('no frame-time line')
    run['problems'] = problems
    run['stderr_tail'] = '\n'.join(errors.splitlines()[-30:])
    return run


def say(run):
    rss = run['rss']
    frames = run['frames']
    print('%-26s seed %-4d %6.0f s  exit %-4s RSS %s  %s' % (
        run['level'], run['seed'], run['seconds'], run['code'],
        '%.1f -> %.1f MB' % (rss[0], rss[-1]) if rss else 'n/a',
        'frames %s p50 %s p99 %s max %s ms' % frames if frames else 'no frame times'), flush=True)
    if run['monkey']:
        print('    monkey: ' + run['monkey'], flush=True)
    per_minute = max(1, int(round(60 / run['sample'])))
    if len(rss) > per_minute:
        print('    RSS by minute: ' + ' '.join('%.0f' % mb for mb in rss[::per_minute] + rss[-1:]) + ' MB', flush=True)
    for problem in run['problems']:
        print('    CRASH: ' + problem, flush=True)
    if run['problems']:
        print('    ' + run['stderr_tail'].replace('\n', '\n    '), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--minutes', type=float, default=30)
    parser.add_argument('--free-play-minutes', type=float, default=None, help='default: a third of --minutes')
    parser.add_argument('--sample', type=float, default=5, help='seconds between RSS samples')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--meshlings', default=os.path.join(ROOT, 'build', 'meshlings'))
    args = parser.parse_args()
    if not shutil.which('Xvfb'):
        print('monkey_soak: Xvfb is not installed', file=sys.stderr)
        return 2
    total = args.minutes * 60
    free = (args.free_play_minutes if args.free_play_minutes is not None else args.minutes / 3) * 60
    levels = levels_in_order(os.path.join(ROOT, 'levels'))
    xvfb, display = start_xvfb()
    work = tempfile.mkdtemp(prefix='monkey-soak-')
    env = dict(os.environ, DISPLAY=display, DBUS_SESSION_BUS_ADDRESS='unix:path=%s/no-session-bus' % work,
               XDG_STATE_HOME=os.path.join(work, 'state'))
    print('monkey soak: %.0f min on %s (free play %.0f s, then %s)' % (
        args.minutes, display, free, ', '.join(level for level, _ in levels)), flush=True)
    runs = []
    started = time.monotonic()
    seed = args.seed
    try:
        if free > 0:
            runs.append(play(args, env, work, 'free-play', seed, int(free), args.sample))
            say(runs[-1])
        index = 0
        while levels:
            # The next level that fits in what is left (a level runs longer than its limit while the monkey
            # has it paused), or the end of the run.
            left = total - (time.monotonic() - started)
            fitting = [i for i in range(len(levels)) if levels[(index + i) % len(levels)][1] * 1.3 + 10 <= left]
            if not fitting:
                break
            index += fitting[0]
            level, limit = levels[index % len(levels)]
            seed += 1
            runs.append(play(args, env, work, level, seed, 0, args.sample))
            say(runs[-1])
            index += 1
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)

    crashes = [run for run in runs if run['problems']]
    print('\nsummary: %d runs in %.1f min, %d crashes' % (len(runs), (time.monotonic() - started) / 60, len(crashes)))
    long_run = runs[0] if runs and runs[0]['level'] == 'free-play' else None
    if long_run and long_run['rss']:
        print('free play (one process, %.0f s): RSS %.1f MB at the first sample, %.1f MB at the last; frame-time '
              'p99 %s ms' % (long_run['seconds'], long_run['rss'][0], long_run['rss'][-1],
                             long_run['frames'][2] if long_run['frames'] else 'n/a'))
    level_runs = [run for run in runs if run is not long_run and run['frames']]
    if level_runs:
        worst = max(level_runs, key=lambda run: float(run['frames'][2]))
        ends = [run['rss'][-1] for run in level_runs if run['rss']]
        print('levels: %d runs; frame-time p99 worst %s ms (%s); RSS at the end %.1f..%.1f MB' % (
            len(level_runs), worst['frames'][2], worst['level'], min(ends) if ends else 0, max(ends) if ends else 0))
    return 1 if crashes else 0


if __name__ == '__main__':
    sys.exit(main())
