#!/usr/bin/env python3
"""Soak of the built-in cluster and of in-process play (issue 17, case 8e).

Runs two processes at once, on loopback only, for --minutes (default 30):

- `meshlings cluster`, driven like a chaos session drives it: `kubectl delete
  pod` of a random Bookinfo pod every few seconds, a `kubectl patch` of the
  reviews VirtualService weights (merge patch) every few seconds, `kubectl
  get` lists, two long-lived watches (`kubectl get pods --watch` and a raw
  watch of VirtualServices, restarted when the server ends them), and
  `GET /productpage` on the ingress at about 20 a second;
- `meshlings play --headless` with the in-process built-in cluster (no
  --kubeconfig), on a generated drill level whose chaos plan deletes a pod
  every 5 s and shifts the reviews weights every 30 s, probed at 20 pages a
  second, for the whole run.

It samples the resident memory (VmRSS from /proc/PID/status) of both
processes every --sample seconds (default 60; 10 below 10 minutes), prints a
table, and a verdict per process: the growth over the second half of the run
(least-squares slope of the samples, MB per minute; the first half is
warm-up). It exits 1 when a process died early or grew faster than
--limit MB/min (default 0.5), else 0.

It is not a ctest test: it takes real time. Smoke check:
    python3 tests/soak/cluster_soak.py --minutes 1
The figure for BENCHMARKS.md:
    python3 tests/soak/cluster_soak.py --minutes 30
Needs kubectl and a built build/meshlings (or --meshlings PATH); uses nothing
but the Python 3 standard library."""
import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

READY = re.compile(r'^meshlings cluster ready: api (\S+) ingress (\S+) kubeconfig (\S+)')
HERE = os.path.dirname(os.path.abspath(__file__))
DEPLOYMENTS = ['details-v1', 'ratings-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'productpage-v1']
WEIGHTS = [(100, 0, 0), (50, 50, 0), (0, 100, 0), (0, 50, 50), (0, 0, 100), (34, 33, 33)]


def rss_mb(pid):
    try:
        with open(f'/proc/{pid}/status') as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def slope_per_minute(points):
    """Least-squares slope of (seconds, MB) points, in MB per minute."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_m = sum(m for _, m in points) / n
    var = sum((t - mean_t) ** 2 for t, _ in points)
    if var == 0:
        return 0.0
    cov = sum((t - mean_t) * (m - mean_m) for t, m in points)
    return cov / var * 60.0


def drill_level(path, seconds):
    """A drill level for play: a delete every 5 s, a shift every 30 s."""
    lines = [
        'version: 1', 'title: Soak drill', 'teaches: >-', '  Memory stays flat while pods come and go.',
        'seed: 7', f'time-limit-seconds: {seconds + 120}', 'slo-percent: 50', 'traffic:',
        '  requests-per-second: 20', 'weights: {v1: 100}', 'setup:'
    ]
    lines += [f'  - deployment: {d}\n    replicas: 2' for d in DEPLOYMENTS]
    lines += ['safety:', '  allow-last-ready-pod-delete: true', 'scoring:', '  window-seconds: 15', 'chaos:']
    for second in range(10, seconds + 60, 5):
        if second % 30 == 0:
            v1, v2, v3 = WEIGHTS[(second // 30) % len(WEIGHTS)]
            lines.append(f'  - at-second: {second}\n    action: set-weights\n'
                         f'    weights: {{v1: {v1}, v2: {v2}, v3: {v3}}}')
        else:
            deployment = DEPLOYMENTS[(second // 5) % len(DEPLOYMENTS)]
            lines.append(f'  - at-second: {second}\n    action: delete-pod\n    deployment: {deployment}')
    lines += ['objectives:', '  - kind: survive', '    text: Stay up']
    with open(path, 'w') as out:
        out.write('\n'.join(lines) + '\n')


class Driver:
    """Drives a `meshlings cluster` like a chaos session: kubectl and HTTP."""

    def __init__(self, api, ingress, kubeconfig, stop, rps):
        self.api, self.ingress, self.kubeconfig, self.stop, self.rps = api, ingress, kubeconfig, stop, rps
        self.counts = {'pages': 0, 'page_errors': 0, 'deletes': 0, 'patches': 0, 'lists': 0, 'watch_lines': 0,
                       'kubectl_errors': 0}
        self.lock = threading.Lock()
        self.children = []

    def count(self, key, n=1):
        with self.lock:
            self.counts[key] += n

    def kubectl(self, *args):
        try:
            done = subprocess.run(['kubectl', '--kubeconfig', self.kubeconfig, *args], capture_output=True,
                                  text=True, timeout=30, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            self.count('kubectl_errors')
            return None
        if done.returncode != 0:
            self.count('kubectl_errors')
            return None
        return done.stdout

    def pages(self):
        host, port = self.ingress.split('//')[1].rsplit(':', 1)
        conn = None
        period = 1.0 / self.rps
        next_at = time.monotonic()
        while not self.stop.is_set():
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, int(port), timeout=30)
                conn.request('GET', '/productpage')
                response = conn.getresponse()
                response.read()
                self.count('pages' if response.status == 200 else 'page_errors')
                if response.getheader('Connection', '').lower() == 'close':
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                self.count('page_errors')
                if conn is not None:
                    conn.close()
                conn = None
            next_at += period
            self.stop.wait(max(0.0, next_at - time.monotonic()))
        if conn is not None:
            conn.close()

    def chaos(self):
        self.apply_reviews_routing()
        tick = 0
        while not self.stop.wait(1.0):
            tick += 1
            if tick % 4 == 0:
                out = self.kubectl('get', 'pods', '-o', 'name', '-l', 'app in (details,ratings,reviews,productpage)')
                pods = [line for line in (out or '').split() if line.startswith('pod/')]
                if pods:
                    if self.kubectl('delete', random.choice(pods), '--wait=false') is not None:
                        self.count('deletes')
            if tick % 6 == 3:
                v1, v2, v3 = random.choice(WEIGHTS)
                patch = {'spec': {'http': [{'route': [
                    {'destination': {'host': 'reviews', 'subset': s}, 'weight': w}
                    for s, w in (('v1', v1), ('v2', v2), ('v3', v3))]}]}}
                if self.kubectl('patch', 'virtualservice', 'reviews', '--type', 'merge', '-p',
                                json.dumps(patch)) is not None:
                    self.count('patches')
            if tick % 10 == 5:
                for what in ('pods', 'deployments,replicasets', 'events', 'virtualservices,destinationrules'):
                    if self.kubectl('get', what, '-A', '-o', 'json') is not None:
                        self.count('lists')

    def apply_reviews_routing(self):
        manifest = {'apiVersion': 'v1', 'kind': 'List', 'items': [
            {'apiVersion': 'networking.istio.io/v1', 'kind': 'DestinationRule',
             'metadata': {'name': 'reviews', 'namespace': 'default'},
             'spec': {'host': 'reviews', 'subsets': [{'name': v, 'labels': {'version': v}}
                                                     for v in ('v1', 'v2', 'v3')]}},
            {'apiVersion': 'networking.istio.io/v1', 'kind': 'VirtualService',
             'metadata': {'name': 'reviews', 'namespace': 'default'},
             'spec': {'hosts': ['reviews'], 'http': [{'route': [
                 {'destination': {'host': 'reviews', 'subset': 'v1'}, 'weight': 100}]}]}}]}
        path = os.path.join(os.path.dirname(self.kubeconfig), 'reviews-routing.json')
        with open(path, 'w') as out:
            json.dump(manifest, out)
        if self.kubectl('apply', '--validate=false', '-f', path) is None:
            print('warning: could not apply the reviews routing', file=sys.stderr)

    def kubectl_watch(self):
        while not self.stop.is_set():
            proc = subprocess.Popen(['kubectl', '--kubeconfig', self.kubeconfig, 'get', 'pods', '-A', '--watch',
                                     '-o', 'name'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    stdin=subprocess.DEVNULL, text=True)
            with self.lock:
                self.children.append(proc)
            for _ in proc.stdout:
                self.count('watch_lines')
            proc.wait()
            with self.lock:
                self.children.remove(proc)
            self.stop.wait(1.0)

    def raw_watch(self):
        host, port = self.api.split('//')[1].rsplit(':', 1)
        while not self.stop.is_set():
            try:
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
                conn.request('GET', '/apis/networking.istio.io/v1/virtualservices?watch=true&timeoutSeconds=120')
                response = conn.getresponse()
                while not self.stop.is_set():
                    line = response.readline()
                    if not line:
                        break
                    self.count('watch_lines')
                conn.close()
            except (OSError, http.client.HTTPException):
                pass
            self.stop.wait(1.0)

    def start(self):
        threads = [threading.Thread(target=self.pages, daemon=True),
                   threading.Thread(target=self.chaos, daemon=True),
                   threading.Thread(target=self.kubectl_watch, daemon=True),
                   threading.Thread(target=self.raw_watch, daemon=True)]
        for thread in threads:
            thread.start()
        return threads

    def end(self):
        with self.lock:
            for proc in self.children:
                if proc.poll() is None:
                    proc.terminate()


def start_cluster(meshlings, work):
    kubeconfig = os.path.join(work, 'kubeconfig')
    out = open(os.path.join(work, 'cluster.out'), 'w+')
    proc = subprocess.Popen([meshlings, 'cluster', '--kubeconfig-out', kubeconfig], stdout=out,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        out.seek(0)
        for line in out:
            match = READY.match(line)
            if match:
                return proc, match.group(1), match.group(2), kubeconfig
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    proc.wait()
    raise SystemExit('FAIL: no ready line from meshlings cluster (see ' + out.name + ')')


def stop_process(proc):
    if proc is not None and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--minutes', type=float, default=30.0, help='length of the soak (default 30)')
    parser.add_argument('--sample', type=float, default=None,
                        help='seconds between samples (default 60; 10 below 10 minutes)')
    parser.add_argument('--meshlings', default=os.path.join(HERE, '..', '..', 'build', 'meshlings'))
    parser.add_argument('--rps', type=float, default=20.0, help='ingress pages a second (default 20)')
    parser.add_argument('--limit', type=float, default=0.5, help='MB/min of growth allowed in the second half')
    parser.add_argument('--only', choices=['cluster', 'play'], help='run only one of the two processes')
    args = parser.parse_args()
    sample = args.sample if args.sample else (60.0 if args.minutes >= 10 else 10.0)
    total = args.minutes * 60.0
    meshlings = os.path.abspath(args.meshlings)
    if not os.access(meshlings, os.X_OK):
        raise SystemExit(f'FAIL: no meshlings program at {meshlings} (build it, or pass --meshlings)')

    work = tempfile.mkdtemp(prefix='meshlings-soak.')
    stop = threading.Event()
    cluster = play = driver = None
    procs = {}
    try:
        if args.only != 'play':
            cluster, api, ingress, kubeconfig = start_cluster(meshlings, work)
            procs['cluster'] = cluster
            driver = Driver(api, ingress, kubeconfig, stop, args.rps)
            driver.start()
        if args.only != 'cluster':
            level = os.path.join(work, 'soak-drill.yaml')
            drill_level(level, int(total))
            play_out = open(os.path.join(work, 'play.out'), 'w')
            play = subprocess.Popen([meshlings, 'play', '--headless', '--level', level, '--duration',
                                     str(int(total + 2 * sample + 30))], stdout=play_out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
            procs['play'] = play
        print(f'soak: {args.minutes:g} min, a sample every {sample:g} s, work folder {work}', flush=True)
        names = list(procs)
        print('  minute  ' + ''.join(f'{n + " MB":>12}' for n in names), flush=True)
        samples = {n: [] for n in names}
        died = []
        began = time.monotonic()
        step = 0
        while True:
            elapsed = time.monotonic() - began
            row = f'  {elapsed / 60:6.2f}  '
            for name in names:
                mb = rss_mb(procs[name].pid) if procs[name].poll() is None else None
                if mb is None:
                    if name not in died:
                        died.append(name)
                    row += f'{"gone":>12}'
                else:
                    samples[name].append((elapsed, mb))
                    row += f'{mb:12.1f}'
            print(row, flush=True)
            if elapsed >= total - 0.5 or len(died) == len(names):
                break
            step += 1
            stop.wait(max(0.0, began + step * sample - time.monotonic()))
        if driver:
            with driver.lock:
                print('  cluster driven: ' + ', '.join(f'{k} {v}' for k, v in driver.counts.items()))
    finally:
        stop.set()
        if driver:
            driver.end()
        stop_process(play)
        stop_process(cluster)

    failed = bool(died)
    for name in names:
        points = samples[name]
        second_half = [(t, m) for t, m in points if t >= total / 2 - 1]
        growth = slope_per_minute(second_half)
        first = points[0][1] if points else 0
        last = points[-1][1] if points else 0
        peak = max((m for _, m in points), default=0)
        ok = name not in died and growth <= args.limit
        failed = failed or not ok
        print(f'verdict {name}: {"FLAT" if ok else "GROWS" if name not in died else "DIED"}: '
              f'{growth:+.3f} MB/min over the second half ({len(second_half)} samples); '
              f'RSS {first:.1f} MB at start, {last:.1f} MB at the end, peak {peak:.1f} MB')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
