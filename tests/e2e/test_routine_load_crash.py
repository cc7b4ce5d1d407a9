"""Routine Load under kill -9: every produced Kafka message is loaded exactly once.

A task's rows and the job's Kafka offsets commit in one MetaStore write, so a server killed at
any moment restarts with both or neither, and the job resumes from the committed offsets.
These tests load a topic of 8 partitions (CSV `id,payload`, unique ids, one row per message)
into a DUPLICATE KEY table - where a row loaded twice stays visible - while the server is
killed with SIGKILL at seeded random moments and restarted on the same data directory.

After every restart, and at the end, the rows of every partition must be a prefix of it: the
message at offset k of partition p holds id p + 8k, so the ids of p loaded so far are p, p+8,
..., p+8(n-1) - no gap (an offset skipped) and no repeat (an offset loaded twice); and no row
committed before the kill is lost. At the end count(*), count(DISTINCT id) and sum(id) equal
what was produced and the job's Progress is the last offset of every partition.

Tasks are kept small (max_routine_load_batch_size = 8 KB, from a config file so that it
survives the restarts): a load is a thousand commits or more, and the kills land between them
and inside them.
"""
import random
import time

from kafka_cluster import KafkaTestCluster
from routine_load_faults_util import (BackgroundProducer, assert_partition_prefixes,
                                      create_job, create_rows_table, describe_job,
                                      expected_progress, job_progress, produce_rows, show_job,
                                      table_summary, topic_ends, wait_for_rows, wait_for_state)
from tributary_server import TributaryServer, free_port

PARTITIONS = 8
DB, TABLE, JOB, TOPIC = "rlcrash", "t", "job", "rows"
FULL_TABLE = "%s.%s" % (DB, TABLE)


def crash_server(tmp_path):
    config = tmp_path / "tributary.conf"
    config.write_text("max_routine_load_batch_size = 8192\n")
    return TributaryServer(extra_args=["--config", str(config)])


def kill_and_restart(server):
    """kill -9, then start again on the same data directory; returns the rows loaded at the
    moment of the kill (read just before it)."""
    before = table_summary(server, FULL_TABLE)[0]
    server.kill()
    server.query_port, server.http_port = free_port(), free_port()
    server.start()
    loaded = assert_partition_prefixes(server, FULL_TABLE, PARTITIONS)
    assert sum(loaded.values()) >= before, "rows committed before the kill were lost"
    return before


def assert_exactly_once(server, kafka, produced):
    """Waits for `produced` rows, then checks each is there once and the job's Progress."""
    wait_for_rows(server, FULL_TABLE, produced, timeout=240, db=DB, job=JOB)
    assert table_summary(server, FULL_TABLE) == (produced, produced, sum(range(produced)))
    ends = topic_ends(kafka.bootstrap, TOPIC, PARTITIONS)
    assert sum(ends.values()) == produced
    assert assert_partition_prefixes(server, FULL_TABLE, PARTITIONS) == ends
    # The commit that loads the rows writes the offsets: Progress is already at the ends.
    job = show_job(server, DB, JOB)
    assert job["State"] == "RUNNING", describe_job(job)
    assert job_progress(job) == expected_progress(ends), describe_job(job)


def test_routine_load_survives_kill_9_exactly_once(tmp_path):
    rng = random.Random(20261122)
    produced = 300000
    with KafkaTestCluster(brokers=3, topics={TOPIC: PARTITIONS}) as kafka, \
            crash_server(tmp_path) as server:
        produce_rows(kafka.bootstrap, TOPIC, PARTITIONS, 0, produced)
        create_rows_table(server, DB, TABLE)
        create_job(server, DB, JOB, TABLE, kafka.bootstrap, TOPIC,
                   {"desired_concurrent_number": "4", "task_consume_second": "2"})
        wait_for_state(server, DB, JOB, "RUNNING")

        at_kill = []
        for _ in range(7):
            time.sleep(rng.uniform(0.2, 2.0))
            at_kill.append(kill_and_restart(server))
        print("rows loaded when killed:", at_kill)

        assert_exactly_once(server, kafka, produced)
        # A clean restart changes nothing: the job resumes and finds nothing more to load.
        server.restart()
        wait_for_state(server, DB, JOB, "RUNNING")
        assert_exactly_once(server, kafka, produced)


def test_routine_load_exactly_once_while_producing_and_killed(tmp_path):
    """A producer keeps writing while the server is killed again and again."""
    rng = random.Random(31415)
    with KafkaTestCluster(brokers=3, topics={TOPIC: PARTITIONS}) as kafka, \
            crash_server(tmp_path) as server:
        create_rows_table(server, DB, TABLE)
        create_job(server, DB, JOB, TABLE, kafka.bootstrap, TOPIC,
                   {"desired_concurrent_number": "3", "task_consume_second": "2"})
        background = BackgroundProducer(kafka.bootstrap, TOPIC, PARTITIONS, chunk=4000,
                                        limit=240000).start()
        try:
            wait_for_state(server, DB, JOB, "RUNNING")
            at_kill = []
            for _ in range(6):
                time.sleep(rng.uniform(0.2, 2.0))
                at_kill.append((kill_and_restart(server), background.produced))
            print("(rows loaded, rows produced) when killed:", at_kill)
        finally:
            produced = background.stop()
        assert_exactly_once(server, kafka, produced)
