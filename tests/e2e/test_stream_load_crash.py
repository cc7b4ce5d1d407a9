"""Stream Load under kill -9: an acknowledged load survives, a load cut off is all or nothing,
and retrying its label never loads it twice.

A loader sends Stream Loads one after another (label sl_<n>, rows n*1000 .. n*1000+999) while
the server is killed at a random moment, then restarted on the same data directory; each round
ends by retrying every label whose answer was lost. At the end every label's rows are present
exactly once.
"""
import json
import random
import subprocess
import threading
import time

import pymysql

from tributary_server import TributaryServer, free_port

ROWS_PER_LOAD = 1000
ROUNDS = 8


def count_rows(server):
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root",
                           autocommit=True)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT k DIV %d, count(*) FROM crash.t GROUP BY k DIV %d"
                        % (ROWS_PER_LOAD, ROWS_PER_LOAD))
            return dict(cur.fetchall())
    finally:
        conn.close()


def load(server, n):
    """Sends load n; returns its JSON answer, or None when the answer was lost."""
    data = "".join(f"{n * ROWS_PER_LOAD + i},{n}\n" for i in range(ROWS_PER_LOAD))
    proc = subprocess.run(
        ["curl", "-sS", "-u", "root:", "-H", f"label:sl_{n}", "-H", "column_separator:,",
         "-T", "-", f"http://127.0.0.1:{server.http_port}/api/crash/t/_stream_load"],
        input=data.encode(), capture_output=True, timeout=60)
    if proc.returncode != 0:
        return None
    try:
        return json.loads(proc.stdout)
    except ValueError:
        return None


def test_stream_loads_survive_kill_9_exactly_once():
    rng = random.Random(20261122)
    server = TributaryServer()
    server.start()
    try:
        conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root",
                               autocommit=True)
        with conn.cursor() as cur:
            cur.execute("CREATE DATABASE crash")
            cur.execute("CREATE TABLE crash.t (k BIGINT NOT NULL, n INT) DUPLICATE KEY(k) "
                        "DISTRIBUTED BY HASH(k) BUCKETS 2")
        conn.close()

        acknowledged, in_doubt = set(), set()
        next_load = 0
        for _ in range(ROUNDS):
            stop = threading.Event()
            sent = []

            def loader():
                nonlocal next_load
                while not stop.is_set():
                    n = next_load
                    next_load += 1
                    sent.append(n)
                    result = load(server, n)
                    if result is not None and result["Status"] == "Success":
                        acknowledged.add(n)
                    else:
                        in_doubt.add(n)

            thread = threading.Thread(target=loader)
            thread.start()
            time.sleep(rng.uniform(0.05, 0.6))
            server.kill()
            stop.set()
            thread.join()
            server.query_port, server.http_port = free_port(), free_port()
            server.start()

            counts = count_rows(server)
            for n in acknowledged:
                assert counts.get(n) == ROWS_PER_LOAD, f"acknowledged load {n} lost"
            for n in list(in_doubt):
                assert counts.get(n, 0) in (0, ROWS_PER_LOAD), f"load {n} partly visible"
                retry = load(server, n)
                assert retry is not None
                if counts.get(n, 0) == ROWS_PER_LOAD:
                    assert retry["Status"] == "Label Already Exists", retry
                else:
                    assert retry["Status"] == "Success", retry
                in_doubt.discard(n)
                acknowledged.add(n)

        counts = count_rows(server)
        assert next_load > ROUNDS
        assert counts == {n: ROWS_PER_LOAD for n in acknowledged}
    finally:
        server.cleanup()
