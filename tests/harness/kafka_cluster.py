"""Starts and stops a `kafka_test_cluster` (tools/kafka_test_cluster) for tests and benchmarks.

A KafkaTestCluster launches the binary, reads the `bootstrap` and `control` lines it prints
before `ready`, and drives the control channel (fault injection) over HTTP. The binary comes from
KAFKA_TEST_CLUSTER_BIN (CTest sets it) or build/tools/kafka_test_cluster/kafka_test_cluster.

    with KafkaTestCluster(brokers=3, topics={"orders": 4}) as kafka:
        producer = confluent_kafka.Producer({"bootstrap.servers": kafka.bootstrap})
        kafka.broker_down(2)
        kafka.push_errors("Fetch", "NOT_LEADER_FOR_PARTITION", count=3)

Control calls raise KafkaControlError (with the tool's message) when the tool answers non-2xx.
"""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cluster_binary():
    return os.environ.get(
        "KAFKA_TEST_CLUSTER_BIN",
        os.path.join(REPO, "build", "tools", "kafka_test_cluster", "kafka_test_cluster"))


class KafkaControlError(Exception):
    def __init__(self, status, message):
        super().__init__("%s (HTTP %d)" % (message, status))
        self.status = status
        self.message = message


class KafkaTestCluster:
    def __init__(self, brokers=3, topics=None, extra_args=()):
        """topics: {name: partitions} created before start() returns."""
        self.brokers = brokers
        self.topics = dict(topics or {})
        self.extra_args = list(extra_args)
        self.work_dir = tempfile.mkdtemp(prefix="kafka-test-cluster-")
        self.log_path = os.path.join(self.work_dir, "stderr.log")
        self.bootstrap = None  # "127.0.0.1:p1,127.0.0.1:p2,..."
        self.control = None    # "127.0.0.1:p"
        self.proc = None

    def start(self, timeout=30):
        args = [cluster_binary(), "--brokers=%d" % self.brokers]
        args += ["--topic=%s:%d" % (name, parts) for name, parts in self.topics.items()]
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args + self.extra_args, stdout=subprocess.PIPE, stderr=log)
        log.close()
        # Reading stdout blocks; a timer kills a tool that hangs before "ready".
        timer = threading.Timer(timeout, self.proc.kill)
        timer.start()
        try:
            for raw in self.proc.stdout:
                line = raw.decode().strip()
                key, _, value = line.partition(" ")
                if key == "bootstrap":
                    self.bootstrap = value
                elif key == "control":
                    self.control = value
                elif key == "ready":
                    break
        finally:
            timer.cancel()
        if self.bootstrap is None or self.control is None or self.proc.poll() is not None:
            self.kill()
            raise RuntimeError("kafka_test_cluster did not become ready; see %s" % self.log_path)
        return self

    # --- control channel -------------------------------------------------------------------

    def _call(self, method, path, **params):
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        url = "http://%s%s%s" % (self.control, path, "?" + query if query else "")
        data = b"" if method in ("POST", "PUT") else None
        request = urllib.request.Request(url, data=data, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as e:
            body = e.read()
            try:
                message = json.loads(body)["error"]
            except (ValueError, KeyError):
                message = body.decode(errors="replace")
            raise KafkaControlError(e.code, message) from None

    def status(self):
        return self._call("GET", "/status")

    def metadata(self, timeout_ms=5000):
        """A live Metadata request; consumes an injected Metadata error if one is pushed."""
        return self._call("GET", "/metadata", timeout_ms=timeout_ms)["topics"]

    def create_topic(self, name, partitions=1, replication_factor=None):
        return self._call("POST", "/topics", name=name, partitions=partitions,
                          replication_factor=replication_factor)

    def broker_down(self, broker_id):
        return self._call("POST", "/brokers/%d/down" % broker_id)

    def broker_up(self, broker_id):
        return self._call("POST", "/brokers/%d/up" % broker_id)

    def set_rtt(self, broker_id, ms):
        return self._call("POST", "/brokers/%d/rtt" % broker_id, ms=ms)

    def push_errors(self, api, code=None, count=1, codes=None, broker=None, rtt_ms=None):
        """Next `count` requests of `api` fail with `code`, or with each of `codes` in order."""
        if codes is not None:
            return self._call("POST", "/errors", api=api,
                              codes=",".join(str(c) for c in codes), broker=broker, rtt_ms=rtt_ms)
        return self._call("POST", "/errors", api=api, code=code, count=count, broker=broker,
                          rtt_ms=rtt_ms)

    def pending_errors(self, api, broker):
        """Errors pushed with broker= that no request has consumed yet."""
        return self._call("GET", "/errors", api=api, broker=broker)["pending"]

    def clear_errors(self, api):
        return self._call("DELETE", "/errors", api=api)

    def set_leader(self, topic, partition, broker_id):
        return self._call("POST", "/partitions/leader", topic=topic, partition=partition,
                          broker=broker_id)

    def set_topic_error(self, topic, code):
        return self._call("POST", "/topics/%s/error" % urllib.parse.quote(topic, safe=""),
                          code=code)

    # --- lifetime ----------------------------------------------------------------------------

    def stop(self, timeout=30):
        """SIGTERM and wait; returns the exit code."""
        code = 0
        if self.proc:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                self.proc.wait(timeout=timeout)
            code = self.proc.returncode
            self.proc.stdout.close()
        self.proc = None
        return code

    def kill(self):
        if self.proc:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.proc.stdout.close()
        self.proc = None

    def cleanup(self):
        self.kill()
        shutil.rmtree(self.work_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()
