"""Routine Load under kill -9: every produced Kafka message is loaded exactly once.

A task's rows and the job's Kafka offsets commit in one MetaStore write, so a server killed at
any moment restarts with both or neither; on restart the job resumes from the committed offsets.
These tests load a topic of 8 partitions (CSV `id,payload`, unique ids, one row per message) into
a DUPLICATE KEY table - where a row loaded twice stays visible - while the server is killed
with SIGKILL at seeded random moments and restarted on the same data directory.

After every restart, and at the end, the table must hold, for every partition, exactly a prefix
of the partition's messages: partition p's k-th message (offset k) holds id p + 8k, so the ids of
p loaded so far are p, p+8, ..., p+8(n-1) - no gap (a skipped offset) and no repeat (an offset
loaded twice). At the end count(*), count(DISTINCT id) and sum(id) equal what was produced and
the job's Progress is the last offset of every partition.

Tasks are kept small (max_routine_load_batch_size = 48 KB, in the config file so it survives the
restarts) so that a load is many commits and the kills land between and inside them.
"""
import os
import random
import threading
import time

from kafka_cluster import KafkaTestCluster
from routine_load_faults_util import (create_job, create_rows_table, describe_job,
                                      expected_progress, execute, job_progress, produce_rows,
                                      producer, show_job, table_summary, topic_ends,
                                      wait_for_rows, wait_for_state, wait_until)
from tributary_server import TributaryServer, free_port

PARTITIONS = 8
DB, TABLE, JOB, TOPIC = "rlcrash", "t", "job", "rows"
FULL_TABLE = "%s.%s" % (DB, TABLE)


def crash_server(tmp_path):
    config = tmp_path / "tributary.conf"
    config.write_text("max_routine_load_batch_size = 49152\n")
    return TributaryServer(extra_args=["--config", str(config)])


def kill_and_restart(server):
    server.kill()
    server.query_port, server.http_port = free_port(), free_port()
    server.start()


def assert_partition_prefixes(server):
    """Each partition's loaded ids are a prefix of its messages (no gap, no repeat); returns
    {partition: rows loaded}."""
    rows = execute(server, "SELECT id %% %d, count(*), count(DISTINCT id), max(id) FROM %s "
                           "GROUP BY id %% %d" % (PARTITIONS, FULL_TABLE, PARTITIONS))
    loaded = {}
    for part, count, distinct, max_id in rows:
        part, count, distinct, max_id = int(part), int(count), int(distinct), int(max_id)
        assert count == distinct, "partition %d: %d rows but %d distinct ids (loaded twice)" % (
            part, count, distinct)
        assert max_id == part + PARTITIONS * (count - 1), (
            "partition %d: %d rows but the highest id is %d (offset %d): a gap" % (
                part, count, max_id, (max_id - part) // PARTITIONS))
        loaded[part] = count
    return loaded


def assert_exactly_once(server, kafka, produced):
    """Waits for `produced` rows, then checks them once each and the job's Progress."""
    wait_for_rows(server, FULL_TABLE, produced, timeout=240, db=DB, job=JOB)
    assert table_summary(server, FULL_TABLE) == (produced, produced, sum(range(produced)))
    ends = topic_ends(kafka.bootstrap, TOPIC, PARTITIONS)
    assert sum(ends.values()) == produced
    loaded = assert_partition_prefixes(server)
    assert loaded == ends
    # Progress is written by the commit that loads the rows: it is already at the ends.
    job = show_job(server, DB, JOB)
    assert job["State"] == "RUNNING", describe_job(job)
    assert job_progress(job) == expected_progress(ends), describe_job(job)


def test_routine_load_survives_kill_9_exactly_once(tmp_path):
    rng = random.Random(20261122)
    rounds = 7
    produced = 300000
    with KafkaTestCluster(brokers=3, topics={TOPIC: PARTITIONS}) as kafka, \
            crash_server(tmp_path) as server:
        produce_rows(kafka.bootstrap, TOPIC, PARTITIONS, 0, produced)
        create_rows_table(server, DB, TABLE)
        create_job(server, DB, JOB, TABLE, kafka.bootstrap, TOPIC,
                   {"desired_concurrent_number": "4", "task_consume_second": "2"})
        wait_for_state(server, DB, JOB, "RUNNING")

        at_kill = []
        for _ in range(rounds):
            time.sleep(rng.uniform(0.2, 2.0))
            at_kill.append(table_summary(server, FULL_TABLE)[0])
            kill_and_restart(server)
            loaded = assert_partition_prefixes(server)
            assert sum(loaded.values()) >= at_kill[-1], "committed rows lost by the crash"
        print("rows loaded when killed:", at_kill)

        assert_exactly_once(server, kafka, produced)
        # And once more after a clean restart: the job resumes, nothing more is loaded.
        server.restart()
        wait_for_state(server, DB, JOB, "RUNNING")
        assert_exactly_once(server, kafka, produced)


def test_routine_load_exactly_once_while_producing_and_killed(tmp_path):
    """A producer keeps writing while the server is killed again and again."""
    rng = random.Random(31415)
    rounds = 6
    chunk = 4000
    with KafkaTestCluster(brokers=3, topics={TOPIC: PARTITIONS}) as kafka, \
            crash_server(tmp_path) as server:
        create_rows_table(server, DB, TABLE)
        create_job(server, DB, JOB, TABLE, kafka.bootstrap, TOPIC,
                   {"desired_concurrent_number": "3", "task_consume_second": "2"})

        stop = threading.Event()
        produced = [0]
        failure = []

        def produce_until_stopped():
            prod = producer(kafka.bootstrap)
            try:
                while not stop.is_set() and produced[0] < 240000:
                    produce_rows(kafka.bootstrap, TOPIC, PARTITIONS, produced[0], chunk,
                                 rows_per_message=1, prod=prod)
                    produced[0] += chunk
                    time.sleep(0.05)
            except Exception as e:  # noqa: BLE001 - reported by the test thread
                failure.append(e)

        thread = threading.Thread(target=produce_until_stopped)
        thread.start()
        try:
            wait_for_state(server, DB, JOB, "RUNNING")
            at_kill = []
            for _ in range(rounds):
                time.sleep(rng.uniform(0.2, 2.0))
                at_kill.append((table_summary(server, FULL_TABLE)[0], produced[0]))
                kill_and_restart(server)
                loaded = assert_partition_prefixes(server)
                assert sum(loaded.values()) >= at_kill[-1][0], "committed rows lost by the crash"
            print("(rows loaded, rows produced) when killed:", at_kill)
        finally:
            stop.set()
            thread.join()
        assert not failure, failure
        assert_exactly_once(server, kafka, produced[0])
