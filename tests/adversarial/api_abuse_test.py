#!/usr/bin/env python3
"""Issue 17, case 1: open watches and idle sockets must not starve the API.

Against `meshlings cluster` on loopback: 1,000 idle TCP connections that
never send a byte, 500 watches that are never read or closed, and 100
half-sent request heads (slowloris), all held open; meanwhile `kubectl get
pods` must answer, every time, in under a second (median of 5; none over
5 s). Then 1,000 sequential connects must each take under a second (a
listen backlog of 5 made 56 of 1,000 wait for a SYN retransmit).
A client that half-closes after sending its request still gets its answer.
Usage: api_abuse_test.py PATH/TO/meshlings [KUBECTL]"""
import os
import resource
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_process import ClusterProcess  # noqa: E402

IDLE, WATCHES, SLOW = 1000, 500, 100


def fail(message):
    print(f'FAIL  {message}', file=sys.stderr)
    sys.exit(1)


def connect(cluster):
    sock = socket.create_connection((cluster.host, cluster.port), timeout=10)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a watcher that reads nothing, slowly
    return sock


def kubectl_times(kubectl, cluster, runs):
    times = []
    for _ in range(runs):
        start = time.monotonic()
        done = subprocess.run([kubectl, '--kubeconfig', cluster.kubeconfig, 'get', 'pods', '--request-timeout=20s'],
                              capture_output=True, text=True, timeout=30,
                              env={**os.environ, 'KUBECACHEDIR': os.path.join(cluster.work, 'cache')})
        times.append(time.monotonic() - start)
        if done.returncode != 0 or 'productpage' not in done.stdout:
            fail(f'kubectl get pods failed under abuse ({done.returncode}): {done.stderr[:400]}')
    return times


def main():
    meshlings = sys.argv[1]
    kubectl = sys.argv[2] if len(sys.argv) > 2 else 'kubectl'
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < IDLE + WATCHES + SLOW + 200:
        fail(f'the open-file limit {hard} is too low for this test')
    cluster = ClusterProcess(meshlings)
    held = []
    try:
        kubectl_times(kubectl, cluster, 1)  # warm kubectl's discovery cache
        for _ in range(IDLE):
            held.append(connect(cluster))
        for _ in range(WATCHES):
            sock = connect(cluster)
            sock.sendall(b'GET /api/v1/namespaces/default/pods?watch=true HTTP/1.1\r\nHost: x\r\n\r\n')
            held.append(sock)
        for _ in range(SLOW):
            sock = connect(cluster)
            sock.sendall(b'GET /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\nX-Slow: ')
            held.append(sock)
        time.sleep(1)  # the server has taken every connection and refused the watches over its cap
        times = kubectl_times(kubectl, cluster, 5)
        median = statistics.median(times)
        print(f'kubectl get pods with {IDLE} idle sockets, {WATCHES} unread watches and {SLOW} half-sent heads '
              f'open: median {median * 1000:.0f} ms, max {max(times) * 1000:.0f} ms; server RSS '
              f'{cluster.rss_mb():.0f} MB')
        if median >= 1.0 or max(times) >= 5.0:
            fail(f'kubectl get pods took {[round(t, 2) for t in times]} s under abuse')
        for sock in held:
            sock.close()
        held.clear()
        slowest, slow_count = 0.0, 0
        for _ in range(1000):
            start = time.monotonic()
            sock = socket.create_connection((cluster.host, cluster.port), timeout=10)
            took = time.monotonic() - start
            sock.close()
            slowest = max(slowest, took)
            slow_count += took >= 1.0
        print(f'1000 sequential connects: slowest {slowest * 1000:.1f} ms, {slow_count} took 1 s or more')
        if slow_count:
            fail(f'{slow_count} of 1000 connects took a second or more (listen backlog)')
        # A client that half-closes after its request (printf ... | nc -N) still gets the whole answer.
        sock = socket.create_connection((cluster.host, cluster.port), timeout=10)
        sock.sendall(b'GET /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\n\r\n')
        sock.shutdown(socket.SHUT_WR)
        answer = b''
        while chunk := sock.recv(1 << 16):
            answer += chunk
        sock.close()
        if not answer.startswith(b'HTTP/1.1 200') or b'productpage' not in answer:
            fail(f'a half-closed client got {answer[:200]!r}')
        print(f'a half-closed client got its whole answer ({len(answer)} bytes)')
    finally:
        for sock in held:
            sock.close()
        cluster.stop()
    print('PASS  api_abuse')


if __name__ == '__main__':
    main()
