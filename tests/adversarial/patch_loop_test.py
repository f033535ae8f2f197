#!/usr/bin/env python3
"""Issue 17, case 2: memory is bounded by bytes, not counts.

Against `meshlings cluster` on loopback:
- a 4 MiB request body is refused with 413 (kube-apiserver's 3 MiB limit) and
  a 2 MiB annotation with 413 (etcd's 1.5 MiB object limit), as Statuses;
- a VirtualService annotation of 1 MiB patched 150 times, then 150 more, while
  a watcher on VirtualServices reads nothing: the server's RSS grows by less
  than 150 MB over the first 150 (the watch history is bounded in bytes; it
  grew by 150 MB and more when it was bounded by 10,000 changes) and by less
  than 20 MB over the next 150 (flat), and the unread watch is ended (its
  stream ends, or its socket is cut, after far less than the 300 MiB it was
  sent).
Usage: patch_loop_test.py PATH/TO/meshlings"""
import http.client
import json
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_process import ClusterProcess  # noqa: E402

MIB = 1 << 20
PATH = '/apis/networking.istio.io/v1/namespaces/default/virtualservices'


def fail(message):
    print(f'FAIL  {message}', file=sys.stderr)
    sys.exit(1)


def request(cluster, method, path, body=None, content_type='application/merge-patch+json'):
    conn = http.client.HTTPConnection(cluster.host, cluster.port, timeout=30)
    headers = {'Content-Type': content_type} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def annotation_patch(size, counter):
    return json.dumps({'metadata': {'annotations': {'meshlings.dev/ballast': f'{counter:08d}' + 'x' * size}}})


def main():
    cluster = ClusterProcess(sys.argv[1])
    try:
        status, data = request(cluster, 'GET', PATH)
        names = [item['metadata']['name'] for item in json.loads(data)['items']]
        if status != 200 or not names:
            fail(f'no VirtualService to patch ({status})')
        target = f'{PATH}/{names[0]}'

        status, data = request(cluster, 'PATCH', target, annotation_patch(4 * MIB, 0))
        reply = json.loads(data)
        if status != 413 or reply.get('reason') != 'RequestEntityTooLarge' or '3145728' not in reply.get('message'):
            fail(f'a 4 MiB body answered {status} {data[:300]!r}')
        status, data = request(cluster, 'PATCH', target, annotation_patch(2 * MIB, 0))
        if status != 413 or json.loads(data).get('reason') != 'RequestEntityTooLarge':
            fail(f'a 2 MiB object answered {status} {data[:300]!r}')
        print('413 for a 4 MiB body (3 MiB limit) and for a 2 MiB object (1.5 MiB limit)')

        watcher = socket.create_connection((cluster.host, cluster.port), timeout=30)
        watcher.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        watcher.sendall(f'GET {PATH}?watch=true HTTP/1.1\r\nHost: x\r\n\r\n'.encode())

        start_rss = cluster.rss_mb()
        figures = [start_rss]
        for phase in range(2):
            for i in range(150):
                status, data = request(cluster, 'PATCH', target, annotation_patch(MIB, phase * 150 + i))
                if status != 200:
                    fail(f'patch {phase * 150 + i} answered {status} {data[:300]!r}')
            time.sleep(1)
            figures.append(cluster.rss_mb())
        print('server RSS: start {:.0f} MB, after 150 patches of 1 MiB {:.0f} MB, after 300 {:.0f} MB'.format(
            *figures))
        if figures[1] - figures[0] >= 150:
            fail(f'RSS grew {figures[1] - figures[0]:.0f} MB over 150 patches of 1 MiB')
        if figures[2] - figures[1] >= 20:
            fail(f'RSS grew {figures[2] - figures[1]:.0f} MB over the next 150 (not flat)')

        received, tail = 0, b''
        watcher.settimeout(30)
        while True:
            try:
                chunk = watcher.recv(1 << 16)
            except socket.timeout:
                fail(f"the unread watch was not cut (still open after {received} bytes)")
            received += len(chunk)
            tail = (tail + chunk)[-5:]
            if not chunk or tail == b'0\r\n\r\n':  # cut, or ended cleanly for the client to watch again
                break
        watcher.close()
        print(f'the unread watch ended after {received / MIB:.1f} MiB of about 300 MiB sent')
        if received >= 100 * MIB:
            fail(f'the unread watch received {received} bytes')
    finally:
        cluster.stop()
    print('PASS  patch_loop')


if __name__ == '__main__':
    main()
