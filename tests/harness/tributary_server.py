"""Starts and stops a real `tributary` server for SQL golden and end-to-end tests.

A TributaryServer owns a temporary data directory and two free loopback ports. start() launches
the binary and waits until the MySQL port accepts connections; stop() sends SIGTERM and waits;
kill() sends SIGKILL (crash tests). The same data directory can be restarted to test recovery.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_binary():
    return os.environ.get("TRIBUTARY_BIN", os.path.join(REPO, "build", "tributary"))


class PortTaken(Exception):
    """The server could not bind a port free_port() chose."""


class TributaryServer:
    def __init__(self, data_dir=None, extra_args=()):
        self.owns_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="tributary-test-")
        self.extra_args = list(extra_args)
        self.query_port = free_port()
        self.http_port = free_port()
        self.proc = None

    def start(self, timeout=60):
        # free_port() only finds a port that was free a moment ago; another process (a Kafka
        # test cluster binding its brokers, say) may take it first. Then new ports are chosen.
        for attempt in range(3):
            try:
                return self._start_once(timeout)
            except PortTaken:
                if attempt == 2:
                    raise
                self.query_port = free_port()
                self.http_port = free_port()

    def _start_once(self, timeout):
        log_path = os.path.join(self.data_dir, "stderr.log")
        log = open(log_path, "ab")
        log_start = log.tell()
        self.proc = subprocess.Popen(
            [server_binary(), "--data-dir", self.data_dir,
             "--query-port", str(self.query_port), "--http-port", str(self.http_port)]
            + self.extra_args,
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                with open(log_path, "rb") as f:
                    f.seek(log_start)
                    if b"already in use" in f.read():
                        raise PortTaken()
                raise RuntimeError("tributary exited with %s; see %s/stderr.log"
                                   % (self.proc.returncode, self.data_dir))
            try:
                # Both listeners: the MySQL port opens first, then the HTTP one.
                for port in (self.query_port, self.http_port):
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        pass
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("tributary did not open port %d" % self.query_port)

    def stop(self, timeout=60):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=timeout)
        code = self.proc.returncode if self.proc else 0
        self.proc = None
        return code

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def restart(self):
        self.stop()
        self.query_port = free_port()
        self.http_port = free_port()
        return self.start()

    def cleanup(self):
        if self.proc:
            self.kill()
        if self.owns_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()
