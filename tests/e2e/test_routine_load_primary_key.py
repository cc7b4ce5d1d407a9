"""PRIMARY KEY tables under UPSERT and DELETE: Routine Load with `__op` from a source field
(CDC-style, several Kafka partitions), checked against the same operations applied to a Python
dict; the same stream while the server is killed with SIGKILL; Stream Load's `__op` forms;
merge-on-write reads and compaction dropping replaced and deleted rows.

Every key goes to one Kafka partition (key % partitions), as a CDC source keys its messages,
so the order of a key's operations is its partition's offset order: the dict is the truth.
"""
import json
import random
import subprocess
import time

from kafka_cluster import KafkaTestCluster
from routine_load import produce, show_job, sql, wait_until
from routine_load_faults_util import expected_progress, topic_ends
from tributary_server import TributaryServer, free_port

PARTITIONS = 3
DB = "pk"


def cdc_operations(seed, count, keys, first=0):
    """`count` random operations over `keys` keys: (partition, csv line, op, id, name, score).
    A DELETE carries the key only."""
    rng = random.Random(seed)
    ops = []
    for i in range(first, first + count):
        k = rng.randrange(keys)
        if rng.random() < 0.3:
            ops.append((k % PARTITIONS, "%d,,,1" % k, 1, k, None, None))
        else:
            ops.append((k % PARTITIONS, "%d,n%d,%d,0" % (k, i, i), 0, k, "n%d" % i, i))
    return ops


def apply_to_dict(state, ops):
    for _, _, op, k, name, score in ops:
        if op == 1:
            state.pop(k, None)
        else:
            state[k] = (name, score)


def produce_ops(kafka, topic, ops):
    by_partition = {}
    for partition, line, *_ in ops:
        by_partition.setdefault(partition, []).append(line)
    for partition, lines in by_partition.items():
        produce(kafka.bootstrap, topic, lines, partition=partition)


def table_state(server, table):
    return {k: (name, score) for k, name, score in sql(server, "SELECT id, name, score FROM %s" % table)}


def create_cdc_job(server, kafka, job, table, topic, extra=""):
    sql(server, "CREATE TABLE IF NOT EXISTS %s.%s (id BIGINT NOT NULL, name VARCHAR(32), score INT) "
                "PRIMARY KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 4" % (DB, table))
    sql(server, """CREATE ROUTINE LOAD %s.%s ON %s
        COLUMNS TERMINATED BY ",",
        COLUMNS(id, name, score, temp, __op = temp)
        PROPERTIES ("desired_concurrent_number" = "3", "max_batch_interval" = "5",
                    "task_consume_second" = "2" %s)
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "%s",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING")""" % (
        DB, job, table, extra, kafka.bootstrap, topic))


def wait_for_ends(server, kafka, job, topic, timeout=180):
    ends = topic_ends(kafka.bootstrap, topic, PARTITIONS)
    want = expected_progress(ends)
    wait_until(lambda: job_progress_of(server, job) == want, timeout=timeout,
               what="job %s at the ends of %s: %s" % (job, topic, want))


def job_progress_of(server, job):
    try:
        return show_job(server, DB, job)["Progress"]
    except Exception:  # the server is restarting
        return None


def test_cdc_stream_of_upserts_and_deletes_matches_a_dict():
    with KafkaTestCluster(brokers=1, topics={"cdc": PARTITIONS}) as kafka, TributaryServer() as server:
        sql(server, "CREATE DATABASE %s" % DB)
        truth = {}
        first = cdc_operations(1, 3000, 400)
        produce_ops(kafka, "cdc", first)
        apply_to_dict(truth, first)
        create_cdc_job(server, kafka, "cdc_job", "cdc_t", "cdc")
        wait_for_ends(server, kafka, "cdc_job", "cdc")
        assert table_state(server, "%s.cdc_t" % DB) == truth
        # More while the job runs: later tasks replace and delete rows of earlier ones.
        for wave in range(3):
            more = cdc_operations(10 + wave, 1500, 400, first=3000 + 1500 * wave)
            produce_ops(kafka, "cdc", more)
            apply_to_dict(truth, more)
        wait_for_ends(server, kafka, "cdc_job", "cdc")
        assert table_state(server, "%s.cdc_t" % DB) == truth
        assert sql(server, "SELECT count(*), count(DISTINCT id) FROM %s.cdc_t" % DB)[0] == (
            len(truth), len(truth))
        job = show_job(server, DB, "cdc_job")
        assert job["State"] == "RUNNING"
        # A restart reads the same: delete vectors are durable, the index is rebuilt.
        server.restart()
        assert table_state(server, "%s.cdc_t" % DB) == truth


def test_cdc_stream_survives_kill_9_with_the_same_final_state(tmp_path):
    rng = random.Random(8)
    config = tmp_path / "tributary.conf"
    config.write_text("max_routine_load_batch_size = 4096\n")  # many small tasks
    with KafkaTestCluster(brokers=1, topics={"cdc9": PARTITIONS}) as kafka, \
            TributaryServer(extra_args=["--config", str(config)]) as server:
        sql(server, "CREATE DATABASE %s" % DB)
        truth = {}
        ops = cdc_operations(2, 12000, 600)
        produce_ops(kafka, "cdc9", ops[:6000])
        create_cdc_job(server, kafka, "cdc9_job", "cdc9_t", "cdc9")
        for _ in range(3):
            time.sleep(rng.uniform(0.5, 2.0))
            server.kill()
            server.query_port, server.http_port = free_port(), free_port()
            server.start()
        produce_ops(kafka, "cdc9", ops[6000:])
        time.sleep(rng.uniform(0.5, 2.0))
        server.kill()
        server.query_port, server.http_port = free_port(), free_port()
        server.start()
        apply_to_dict(truth, ops)
        wait_for_ends(server, kafka, "cdc9_job", "cdc9", timeout=240)
        assert table_state(server, "%s.cdc9_t" % DB) == truth
        stats = show_job(server, DB, "cdc9_job")["Statistic"]
        assert stats["loadedRows"] + stats["errorRows"] >= len(ops)


def stream_load(server, table, data, columns):
    return stream_load_with(server, table, data, {"columns": columns})


def test_stream_load_op_forms_and_errors(fresh_server):
    server = fresh_server
    sql(server, "CREATE DATABASE %s" % DB)
    sql(server, "CREATE TABLE %s.t (id BIGINT NOT NULL, name VARCHAR(20), score INT NOT NULL) "
                "PRIMARY KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2" % DB)
    # A source field: 0 = UPSERT, 1 = DELETE; the last operation of a key in a load wins.
    r = stream_load(server, "t", "1,a,10,0\n2,b,20,0\n3,c,30,0\n2,b2,21,1\n4,d,40,1\n4,d2,41,0\n",
                    "id,name,score,temp,__op=temp")
    assert r["Status"] == "Success", r
    assert sorted(sql(server, "SELECT * FROM pk.t")) == [(1, "a", 10), (3, "c", 30), (4, "d2", 41)]
    # A constant: a delete-only load needs the key only (score is NOT NULL, not given).
    r = stream_load(server, "t", "1\n9\n", "id,__op='delete'")
    assert r["Status"] == "Success", r
    assert sorted(sql(server, "SELECT * FROM pk.t")) == [(3, "c", 30), (4, "d2", 41)]
    # The words, as a plain field; anything else is an error row naming the value.
    r = stream_load(server, "t", "5,e,50,upsert\n3,x,0,DELETE\n", "id,name,score,__op")
    assert r["Status"] == "Success", r
    assert sorted(sql(server, "SELECT * FROM pk.t")) == [(4, "d2", 41), (5, "e", 50)]
    r = stream_load(server, "t", "6,f,60,2\n", "id,name,score,__op")
    assert r["Status"] == "Fail" and "__op is '2'" in r["Message"], r
    # Without __op every row is an UPSERT.
    r = stream_load(server, "t", "5,e2,55\n", "id,name,score")
    assert r["Status"] == "Success", r
    assert sql(server, "SELECT name, score FROM pk.t WHERE id = 5") == (("e2", 55),)
    # INSERT upserts too.
    sql(server, "INSERT INTO pk.t VALUES (4, 'd3', 42), (7, 'g', 70)")
    assert sorted(sql(server, "SELECT * FROM pk.t")) == [
        (4, "d3", 42), (5, "e2", 55), (7, "g", 70)]
    # __op belongs to PRIMARY KEY tables only.
    sql(server, "CREATE TABLE %s.dup (id BIGINT, v INT) DUPLICATE KEY(id) "
                "DISTRIBUTED BY HASH(id) BUCKETS 1" % DB)
    r = stream_load(server, "dup", "1,1\n", "id,v,__op=1")
    assert r["Status"] == "Fail"
    assert "__op (UPSERT / DELETE) is only for PRIMARY KEY tables" in r["Message"], r


def test_compaction_drops_replaced_and_deleted_rows(fresh_server):
    server = fresh_server
    sql(server, "CREATE DATABASE %s" % DB)
    sql(server, "CREATE TABLE %s.c (id INT NOT NULL, v INT) PRIMARY KEY(id) "
                "DISTRIBUTED BY HASH(id) BUCKETS 1" % DB)
    truth = {}
    for i in range(120):
        sql(server, "INSERT INTO pk.c VALUES (%d, %d), (%d, %d)" % (i % 10, i, 100 + i, i))
        truth[i % 10] = i
        truth[100 + i] = i
        if i % 3 == 0:
            r = stream_load(server, "c", "%d\n" % (100 + i), "id,__op='delete'")
            assert r["Status"] == "Success", r
            truth.pop(100 + i)
    assert dict(sql(server, "SELECT id, v FROM pk.c")) == truth

    def compacted():
        row = sql(server, "SHOW TABLET FROM pk.c")[0]
        rowsets, rows, compactions = row[4], row[7], row[9]
        return row if compactions > 0 and rowsets <= 10 else None

    row = wait_until(compacted, timeout=120, what="compaction of pk.c")
    assert dict(sql(server, "SELECT id, v FROM pk.c")) == truth
    # The compacted rowsets hold the live rows only (the ones after it may still hold some
    # replaced rows): far fewer than the 240 rows loaded.
    assert row[7] < 240 - 100, row
    server.kill()
    server.start()
    assert dict(sql(server, "SELECT id, v FROM pk.c")) == truth


def stream_load_with(server, table, data, headers):
    """A CSV Stream Load into pk.<table> with `headers`; returns the JSON reply."""
    args = ["curl", "-s", "--location-trusted", "-u", "root:", "-H", "column_separator:,"]
    for name, value in headers.items():
        args += ["-H", "%s:%s" % (name, value)]
    args += ["-T", "-", "http://127.0.0.1:%d/api/%s/%s/_stream_load" % (server.http_port, DB, table)]
    return json.loads(subprocess.run(args, input=data.encode(), capture_output=True,
                                     check=True).stdout)


def test_partial_update_changes_only_the_listed_columns(fresh_server):
    server = fresh_server
    sql(server, "CREATE DATABASE %s" % DB)
    sql(server, "CREATE TABLE %s.p (id INT NOT NULL, name VARCHAR(20), score INT NOT NULL DEFAULT '7', "
                "city VARCHAR(20) NOT NULL) PRIMARY KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2" % DB)
    sql(server, "INSERT INTO pk.p VALUES (1, 'a', 10, 'x'), (2, 'b', 20, 'y')")
    r = stream_load_with(server, "p", "1,11\n2,21\n",
                         {"columns": "id,score", "partial_update": "true"})
    assert r["Status"] == "Success", r
    assert sorted(sql(server, "SELECT * FROM pk.p")) == [(1, "a", 11, "x"), (2, "b", 21, "y")]
    # A new key takes the defaults of the columns the load does not give...
    r = stream_load_with(server, "p", "1,z\n3,w\n", {"columns": "id,city", "partial_update": "true"})
    assert r["Status"] == "Success", r
    assert sorted(sql(server, "SELECT * FROM pk.p")) == [
        (1, "a", 11, "z"), (2, "b", 21, "y"), (3, None, 7, "w")]
    # ... and cannot be inserted without a NOT NULL column that has none.
    r = stream_load_with(server, "p", "4,40\n", {"columns": "id,score", "partial_update": "true"})
    assert r["Status"] == "Fail" and "column 'city' is NOT NULL without a default" in r["Message"], r
    # Deletes go with partial updates too; the key columns are required.
    r = stream_load_with(server, "p", "2,0,1\n", {"columns": "id,score,__op", "partial_update": "true"})
    assert r["Status"] == "Success", r
    assert sorted(sql(server, "SELECT id FROM pk.p")) == [(1,), (3,)]
    r = stream_load_with(server, "p", "5\n", {"columns": "score", "partial_update": "true"})
    assert r["Status"] == "Fail" and "Column 'id' is NOT NULL" in r["Message"], r


def test_merge_condition_keeps_the_newest_version_whatever_the_arrival_order():
    rng = random.Random(5)
    with KafkaTestCluster(brokers=1, topics={"versions": PARTITIONS}) as kafka, TributaryServer() as server:
        sql(server, "CREATE DATABASE %s" % DB)
        sql(server, "CREATE TABLE %s.mc (id INT NOT NULL, v VARCHAR(20), ver INT) PRIMARY KEY(id) "
                    "DISTRIBUTED BY HASH(id) BUCKETS 2" % DB)
        # Each key gets versions 1..8 in a shuffled order; its newest must win.
        by_partition = {}
        for k in range(60):
            versions = list(range(1, 9))
            rng.shuffle(versions)
            for ver in versions:
                by_partition.setdefault(k % PARTITIONS, []).append("%d,v%d_%d,%d" % (k, k, ver, ver))
        for partition, lines in by_partition.items():
            produce(kafka.bootstrap, "versions", lines, partition=partition)
        sql(server, """CREATE ROUTINE LOAD %s.mc_job ON mc
            COLUMNS TERMINATED BY ",", COLUMNS(id, v, ver)
            PROPERTIES ("merge_condition" = "ver", "max_batch_interval" = "5")
            FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "versions",
                        "property.kafka_default_offsets" = "OFFSET_BEGINNING")""" % (
            DB, kafka.bootstrap))
        wait_for_ends(server, kafka, "mc_job", "versions")
        assert sorted(sql(server, "SELECT id, v, ver FROM pk.mc")) == [
            (k, "v%d_8" % k, 8) for k in range(60)]
        job = show_job(server, DB, "mc_job")
        assert job["JobProperties"]["merge_condition"] == "ver"
        # An older version arriving later changes nothing; a delete applies regardless.
        sql(server, "INSERT INTO pk.mc VALUES (0, 'again', 9)")
        r = stream_load_with(server, "mc", "0,stale,3,0\n1,x,1,1\n",
                             {"columns": "id,v,ver,__op", "merge_condition": "ver"})
        assert r["Status"] == "Success", r
        rows = dict((k, (v, ver)) for k, v, ver in sql(server, "SELECT id, v, ver FROM pk.mc"))
        assert rows[0] == ("again", 9) and 1 not in rows


def test_primary_key_options_are_checked(fresh_server):
    server = fresh_server
    sql(server, "CREATE DATABASE %s" % DB)
    sql(server, "CREATE TABLE %s.o (id INT NOT NULL, v INT) PRIMARY KEY(id) "
                "DISTRIBUTED BY HASH(id) BUCKETS 1" % DB)
    sql(server, "CREATE TABLE %s.d (id INT, v INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1" % DB)
    cases = [
        ("o", {"merge_condition": "id"}, "merge_condition column 'id' is a key column"),
        ("o", {"merge_condition": "nope"}, "merge_condition column 'nope' is not a column"),
        ("o", {"merge_condition": "v", "partial_update": "true"},
         "merge_condition cannot be used together with partial_update"),
        ("d", {"partial_update": "true"}, "partial_update needs a PRIMARY KEY table"),
        ("d", {"merge_condition": "v"}, "merge_condition needs a PRIMARY KEY table"),
    ]
    for table, headers, message in cases:
        r = stream_load_with(server, table, "1,1\n", dict(headers, columns="id,v"))
        assert r["Status"] == "Fail" and message in r["Message"], (headers, r)


def test_delete_from_where_on_a_primary_key_table(fresh_server):
    from routine_load import sql_error
    server = fresh_server
    sql(server, "CREATE DATABASE %s" % DB)
    sql(server, "CREATE TABLE %s.del (id INT NOT NULL, city VARCHAR(20), score INT) PRIMARY KEY(id) "
                "DISTRIBUTED BY HASH(id) BUCKETS 3" % DB)
    sql(server, "INSERT INTO pk.del VALUES " + ", ".join(
        "(%d, '%s', %d)" % (i, "ab"[i % 2], i) for i in range(100)))
    sql(server, "DELETE FROM pk.del WHERE city = 'a' AND score < 50")
    want = {i for i in range(100) if not (i % 2 == 0 and i < 50)}
    assert {r[0] for r in sql(server, "SELECT id FROM pk.del")} == want
    sql(server, "DELETE FROM del WHERE id IN (1, 3, 999)", database="pk")
    want -= {1, 3}
    assert {r[0] for r in sql(server, "SELECT id FROM pk.del")} == want
    sql(server, "DELETE FROM pk.del WHERE score > 1000")  # nothing matches: nothing changes
    assert sql(server, "SELECT count(*) FROM pk.del") == ((len(want),),)
    # Upserts after a delete bring keys back.
    sql(server, "INSERT INTO pk.del VALUES (1, 'z', 1)")
    assert sql(server, "SELECT city FROM pk.del WHERE id = 1") == (("z",),)
    sql(server, "CREATE TABLE pk.dup (id INT, v INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1")
    err = sql_error(server, "DELETE FROM pk.dup WHERE id = 1")
    assert "DELETE is supported on PRIMARY KEY tables; table 'dup' is DUPLICATE KEY" in err.message
    err = sql_error(server, "DELETE FROM pk.del")
    assert "WHERE" in err.message
