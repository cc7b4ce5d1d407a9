"""The catalog survives kill -9; SIGTERM shuts down cleanly and logs to the data directory."""
import os

import pymysql


def run(server, *statements, user="root", password=""):
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user=user,
                           password=password, autocommit=True)
    rows = None
    with conn.cursor() as cur:
        for sql in statements:
            cur.execute(sql)
            rows = cur.fetchall() if cur.description else None
    conn.close()
    return rows


def test_acknowledged_ddl_survives_kill_9(fresh_server):
    run(fresh_server,
        "CREATE DATABASE d1",
        "CREATE TABLE d1.t (k DATE NOT NULL, v BIGINT SUM NULL) AGGREGATE KEY(k) "
        "PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN ('2024-01-01')) "
        "DISTRIBUTED BY HASH(k) BUCKETS 3",
        "ALTER TABLE d1.t ADD PARTITION p2 VALUES LESS THAN ('2025-01-01')",
        "CREATE USER dan IDENTIFIED BY 'pw'",
        "GRANT SELECT ON d1.* TO dan",
        "CREATE DATABASE d2",
        "DROP DATABASE d2")
    before = run(fresh_server, "SHOW CREATE TABLE d1.t")
    fresh_server.kill()
    fresh_server.start()
    assert run(fresh_server, "SHOW CREATE TABLE d1.t") == before
    dbs = [r[0] for r in run(fresh_server, "SHOW DATABASES")]
    assert "d1" in dbs and "d2" not in dbs
    assert run(fresh_server, "SHOW TABLES FROM d1", user="dan", password="pw") == (("t",),)


def test_sigterm_stops_cleanly_and_logs_to_data_dir(fresh_server):
    run(fresh_server, "CREATE DATABASE before_stop")
    assert fresh_server.stop() == 0
    log = os.path.join(fresh_server.data_dir, "log", "tributary.log")
    with open(log) as f:
        text = f.read()
    assert "received SIGTERM" in text and "stopped" in text
    fresh_server.start()
    assert ("before_stop",) in run(fresh_server, "SHOW DATABASES")


def segment_files(server):
    found = []
    for root, _, files in os.walk(os.path.join(server.data_dir, "storage")):
        found += [os.path.join(root, f) for f in files if f.endswith(".dat")]
    return found


def test_dropped_data_leaves_the_disk(fresh_server):
    run(fresh_server,
        "CREATE DATABASE d3",
        "CREATE TABLE d3.t (k INT NOT NULL, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
        "BUCKETS 2",
        "INSERT INTO d3.t VALUES (1, 1), (2, 2), (3, 3)",
        "INSERT INTO d3.t VALUES (4, 4)")
    assert segment_files(fresh_server)
    run(fresh_server, "TRUNCATE TABLE d3.t")
    assert run(fresh_server, "SELECT * FROM d3.t") == ()
    run(fresh_server, "INSERT INTO d3.t VALUES (5, 5)", "DROP DATABASE d3")
    fresh_server.kill()
    fresh_server.start()
    assert segment_files(fresh_server) == []
