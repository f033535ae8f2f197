"""A `meshlings cluster` on loopback ports for the adversarial tests: starts
it, reads its ready line, and reads its resident memory; stops it on exit."""
import os
import re
import signal
import subprocess
import tempfile
import time

READY = re.compile(r'^meshlings cluster ready: api (\S+) ingress (\S+) kubeconfig (\S+)')


class ClusterProcess:
    def __init__(self, meshlings, *extra):
        self.work = tempfile.mkdtemp(prefix='meshlings-adversarial.')
        self.kubeconfig = os.path.join(self.work, 'kubeconfig')
        self.out = open(os.path.join(self.work, 'server.out'), 'w+')
        self.proc = subprocess.Popen([meshlings, 'cluster', '--kubeconfig-out', self.kubeconfig, *extra],
                                     stdout=self.out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            self.out.seek(0)
            for line in self.out:
                match = READY.match(line)
                if match:
                    self.api, self.ingress = match.group(1), match.group(2)
                    host, port = self.api.split('//')[1].rsplit(':', 1)
                    self.host, self.port = host, int(port)
                    return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise SystemExit('FAIL startup: no ready line from meshlings cluster')

    def rss_mb(self):
        with open(f'/proc/{self.proc.pid}/status') as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
