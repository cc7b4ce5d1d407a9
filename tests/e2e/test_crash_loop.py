"""Crash loop: concurrent INSERT streams, kill -9 at random moments, restart, count.

Every acknowledged INSERT must be present exactly once; an INSERT whose outcome the client never
learned (the server died first) must be all there or not at all, and retrying it with the same
label must never load it twice.
"""
import collections
import random
import threading
import time

import pymysql

STREAMS = 3
ROWS_PER_INSERT = 5
ROUNDS = 20


def connect(server):
    return pymysql.connect(host="127.0.0.1", port=server.query_port, user="root",
                           database="crash", autocommit=True, connect_timeout=10,
                           read_timeout=30, write_timeout=30)


def insert_batch(cur, stream, batch):
    values = ", ".join("(%d, %d, %d, 'p%d')" % (stream, batch, i, batch)
                       for i in range(ROWS_PER_INSERT))
    cur.execute("INSERT INTO events WITH LABEL s%d_b%d VALUES %s" % (stream, batch, values))


def run_streams(server, next_batch, acknowledged, in_doubt, stop):
    def stream_worker(stream):
        try:
            cur = connect(server).cursor()
        except pymysql.MySQLError:
            return
        while not stop.is_set():
            batch = next_batch[stream]
            next_batch[stream] += 1
            try:
                insert_batch(cur, stream, batch)
                acknowledged.add((stream, batch))
            except pymysql.MySQLError:
                in_doubt.add((stream, batch))  # the server died mid-statement
                return

    threads = [threading.Thread(target=stream_worker, args=(s,)) for s in range(STREAMS)]
    for t in threads:
        t.start()
    return threads


def read_batches(server):
    conn = connect(server)
    with conn.cursor() as cur:
        cur.execute("SELECT stream, batch, i FROM events")
        rows = cur.fetchall()
    conn.close()
    counts = collections.Counter(rows)
    duplicates = [r for r, n in counts.items() if n > 1]
    per_batch = collections.Counter((s, b) for s, b, _ in rows)
    return per_batch, duplicates


def test_acknowledged_inserts_survive_kill_9_exactly_once(fresh_server):
    rng = random.Random(20261121)
    conn = pymysql.connect(host="127.0.0.1", port=fresh_server.query_port, user="root",
                           autocommit=True)
    with conn.cursor() as cur:
        cur.execute("CREATE DATABASE crash")
        cur.execute("CREATE TABLE crash.events (stream INT NOT NULL, batch INT NOT NULL, "
                    "i INT NOT NULL, payload VARCHAR(20)) DUPLICATE KEY(stream, batch, i) "
                    "DISTRIBUTED BY HASH(batch) BUCKETS 4")
    conn.close()

    next_batch = [0] * STREAMS
    acknowledged = set()
    for round_no in range(ROUNDS):
        in_doubt = set()
        stop = threading.Event()
        threads = run_streams(fresh_server, next_batch, acknowledged, in_doubt, stop)
        time.sleep(rng.uniform(0.2, 1.0))
        fresh_server.kill()
        stop.set()
        for t in threads:
            t.join()
        fresh_server.start()

        per_batch, duplicates = read_batches(fresh_server)
        assert not duplicates, "round %d: rows loaded twice: %s" % (round_no, duplicates[:5])
        for key in acknowledged:
            assert per_batch.get(key) == ROWS_PER_INSERT, \
                "round %d: acknowledged batch %s has %s rows" % (round_no, key, per_batch.get(key))
        for key in in_doubt:
            assert per_batch.get(key, 0) in (0, ROWS_PER_INSERT), \
                "round %d: batch %s is half visible" % (round_no, key)
        # Retry every in-doubt batch with its label: it loads once, or is refused as a duplicate.
        cur = connect(fresh_server).cursor()
        for stream, batch in in_doubt:
            try:
                insert_batch(cur, stream, batch)
            except pymysql.MySQLError as e:
                assert e.args[0] == 5000, e  # Label Already Exists: it had committed
            acknowledged.add((stream, batch))
        cur.connection.close()

    per_batch, duplicates = read_batches(fresh_server)
    assert not duplicates
    assert set(per_batch) == acknowledged
    assert all(n == ROWS_PER_INSERT for n in per_batch.values())
    assert len(acknowledged) > ROUNDS  # the streams did real work
    print("crash loop: %d rounds, %d INSERTs acknowledged" % (ROUNDS, len(acknowledged)))
