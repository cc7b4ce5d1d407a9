"""Compaction keeps the versions of a tablet bounded under many small loads, without changing
what queries see; SHOW TABLET shows its progress."""
import time

import pymysql


def test_many_small_loads_stay_bounded_and_correct(fresh_server):
    conn = pymysql.connect(host="127.0.0.1", port=fresh_server.query_port, user="root",
                           autocommit=True)
    cur = conn.cursor()
    cur.execute("CREATE DATABASE c")
    cur.execute("CREATE TABLE c.agg (k INT NOT NULL, total BIGINT SUM NULL) AGGREGATE KEY(k) "
                "DISTRIBUTED BY HASH(k) BUCKETS 1")
    loads = 300
    max_rowsets = 0
    for i in range(loads):
        cur.execute("INSERT INTO c.agg VALUES (%d, 1), (%d, %d)" % (i % 7, 100 + i % 3, i))
        if i % 25 == 0:
            cur.execute("SHOW TABLET FROM c.agg")
            max_rowsets = max(max_rowsets, cur.fetchone()[4])
    deadline = time.monotonic() + 120
    while True:
        cur.execute("SHOW TABLET FROM c.agg")
        row = cur.fetchone()
        rowsets, compactions = row[4], row[9]
        if (rowsets <= 10 and compactions > 0) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert compactions > 0, row
    assert rowsets <= 10, row
    assert max_rowsets <= 60, max_rowsets  # bounded while loading, not only at the end
    assert row[3] == loads + 1  # the version counts every load
    cur.execute("SELECT k, total FROM c.agg")
    got = dict(cur.fetchall())
    want = {}
    for i in range(loads):
        want[i % 7] = want.get(i % 7, 0) + 1
        want[100 + i % 3] = want.get(100 + i % 3, 0) + i
    assert got == want
    conn.close()
    # And after a restart, the compacted rowset is what is read.
    fresh_server.kill()
    fresh_server.start()
    conn = pymysql.connect(host="127.0.0.1", port=fresh_server.query_port, user="root")
    cur = conn.cursor()
    cur.execute("SELECT k, total FROM c.agg")
    assert dict(cur.fetchall()) == want
    conn.close()
