"""Routine Load when Kafka misbehaves: brokers down, fetch errors, unreachable clusters, unknown
topics, offsets out of range, restarts of the server.

The cluster is tools/kafka_test_cluster (librdkafka's mock: 3 brokers, every topic replicated
on all of them). Leadership is set explicitly with set_leader so that a test knows which
partitions a broker failure takes away; the mock never moves leadership by itself, so the
partitions a down broker leads are unreadable until it comes back or the test moves them.

Rows are CSV `id,payload`, unique ids, one row per message, the row of id i in partition
i % PARTITIONS, loaded into a DUPLICATE KEY table: count(*), count(DISTINCT id) and sum(id)
tell whether every produced row is present exactly once, and the ids of each partition must be
a prefix of it (no offset skipped or loaded twice).

Each job also mirrors its offsets to a consumer group (best effort, for monitoring tools);
the group's coordinator is one of the brokers too, so the tests that take a broker down choose
the group (property.group.id) and so whether the broker that goes down is its coordinator.

Jobs use max_batch_interval 5 (the minimum) and task_consume_second 2 (so a task times out
after 8 s); the server's max_routine_load_batch_size is 32 KB so that a load is many small
commits and faults land in the middle of it.
"""
import pytest

from kafka_cluster import KafkaTestCluster
from routine_load_faults_util import (BackgroundProducer, assert_partition_prefixes,
                                      create_job, create_rows_table, describe_job, execute,
                                      expected_progress, group_coordinated_by, job_progress,
                                      job_statistic, produce_rows, set_frontend_config,
                                      show_job, table_summary, topic_ends, wait_for_rows,
                                      wait_for_state, wait_until)
from tributary_server import TributaryServer, free_port

DB = "rlfaults"
JOB_PROPERTIES = {"desired_concurrent_number": "3", "task_consume_second": "2"}


@pytest.fixture
def kafka():
    with KafkaTestCluster(brokers=3) as cluster:
        yield cluster


def start_server(tmp_path, **config):
    settings = {"max_routine_load_batch_size": 32768}
    settings.update(config)
    path = tmp_path / "tributary.conf"
    path.write_text("".join("%s = %s\n" % item for item in settings.items()))
    server = TributaryServer(extra_args=["--config", str(path)])
    server.start()
    return server


@pytest.fixture
def server(tmp_path):
    srv = start_server(tmp_path)
    create_rows_table(srv, DB, "t")
    yield srv
    srv.cleanup()


def make_topic(kafka, topic, partitions, leader_of=lambda p: p % 3 + 1):
    """A topic replicated on the 3 brokers with partition p led by broker leader_of(p)."""
    kafka.create_topic(topic, partitions=partitions, replication_factor=3)
    for p in range(partitions):
        kafka.set_leader(topic, p, leader_of(p))


def partition_rows(server, table, partitions):
    """{partition: rows loaded} of the rows table `table`."""
    rows = execute(server, "SELECT id %% %d, count(*) FROM %s GROUP BY id %% %d"
                   % (partitions, table, partitions))
    return {int(p): int(n) for p, n in rows}


def assert_loaded_exactly_once(server, kafka, table, topic, partitions, produced, job):
    """Waits for `produced` rows in `table`, then checks each is there once, each partition
    is a prefix of the topic's, and the job's Progress is at the topic's ends."""
    wait_for_rows(server, table, produced, timeout=120, db=DB, job=job)
    assert table_summary(server, table) == (produced, produced, sum(range(produced)))
    ends = topic_ends(kafka.bootstrap, topic, partitions)
    assert sum(ends.values()) == produced
    assert assert_partition_prefixes(server, table, partitions) == ends
    row = show_job(server, DB, job)
    assert job_progress(row) == expected_progress(ends), describe_job(row)


def wait_for_pause(server, name, timeout=120):
    """Waits until the job is PAUSED; returns (its SHOW row, the OtherMsg values seen until and
    including the pause: a failure that outlasts the pause threshold pauses at once)."""
    seen = []

    def paused():
        row = show_job(server, DB, name)
        if row["State"] == "PAUSED":
            if row["OtherMsg"]:
                seen.append(row["OtherMsg"])
            return row
        if row["OtherMsg"]:
            seen.append(row["OtherMsg"])
        return None

    row = wait_until(paused, timeout, "job %s to pause" % name,
                     lambda: describe_job(show_job(server, DB, name)))
    return row, seen


# --- 1. A broker goes down and comes back -----------------------------------------------------

def broker_2_outage_loads_exactly_once(kafka, server, coordinator, down_at_once):
    """Broker 2 (leader of partitions 1 and 4; the job's group coordinator when `coordinator`
    is 2) goes down - right after CREATE when `down_at_once`, else once rows arrive - while more
    rows are produced. The live partitions keep loading and the job stays RUNNING; once broker
    2 is back everything is loaded exactly once."""
    partitions = 6
    make_topic(kafka, "rows", partitions)
    group = group_coordinated_by(kafka, coordinator, "rows")
    produce_rows(kafka.bootstrap, "rows", partitions, 0, 30000)
    # 3 tasks: partitions {0,3} (brokers 1, 1), {1,4} (2, 2) and {2,5} (3, 3).
    create_job(server, DB, "job", "t", kafka.bootstrap, "rows", JOB_PROPERTIES,
               {"property.group.id": group})
    if not down_at_once:
        wait_until(lambda: table_summary(server, "rlfaults.t")[0] > 0, 60, "the load to start")

    kafka.broker_down(2)
    # Produced during the outage: the messages for partitions 1 and 4 wait in the producer.
    late = BackgroundProducer(kafka.bootstrap, "rows", partitions, first_id=30000, chunk=30000,
                              limit=30000).start()
    live = [p for p in range(partitions) if p % 3 + 1 != 2]
    wait_until(lambda: all(partition_rows(server, "rlfaults.t", partitions).get(p) == 10000
                           for p in live),
               90, "partitions %s (live leaders) to load every row while broker 2 is down" % live,
               lambda: "%s; job: %s" % (partition_rows(server, "rlfaults.t", partitions),
                                        describe_job(show_job(server, DB, "job"))))
    assert show_job(server, DB, "job")["State"] == "RUNNING"
    assert_partition_prefixes(server, "rlfaults.t", partitions)

    kafka.broker_up(2)
    assert late.join() == 30000
    assert_loaded_exactly_once(server, kafka, "rlfaults.t", "rows", partitions, 60000, "job")
    assert show_job(server, DB, "job")["State"] == "RUNNING"


@pytest.mark.parametrize("coordinator", [1, 2], ids=["leader", "leader_and_group_coordinator"])
def test_broker_down_then_up_loses_and_duplicates_nothing(kafka, server, coordinator):
    """Broker 2 goes down while the job loads (and in the second case it coordinates the job's
    consumer group): what was produced to its partitions during the outage is loaded once it
    is back, nothing twice."""
    broker_2_outage_loads_exactly_once(kafka, server, coordinator, down_at_once=False)


def test_broker_down_before_the_first_offsets_are_resolved_loads_once(kafka, server):
    """Broker 2 goes down right after CREATE, while the tasks of partitions 1 and 4 are still
    asking it where OFFSET_BEGINNING is. librdkafka 2.0.2 keeps that lookup alive after the
    partitions are unassigned and, once the broker answers, moves a later assignment of the
    same partitions back to offset 0; a reused consumer would load their prefix again. Such a
    consumer is not reused, and no offset is delivered twice within a task."""
    broker_2_outage_loads_exactly_once(kafka, server, 1, down_at_once=True)


def test_leadership_moved_off_a_down_broker_keeps_loading(kafka, server):
    """When the partitions of a down broker get a new leader, the job finds it and loads them
    while the old leader is still down; nothing is lost or loaded twice."""
    partitions = 6
    make_topic(kafka, "rows", partitions)
    group = group_coordinated_by(kafka, 1, "rows")  # the group's coordinator stays up
    produce_rows(kafka.bootstrap, "rows", partitions, 0, 30000)
    create_job(server, DB, "job", "t", kafka.bootstrap, "rows", JOB_PROPERTIES,
               {"property.group.id": group})
    wait_until(lambda: table_summary(server, "rlfaults.t")[0] > 0, 60, "the load to start")

    kafka.broker_down(2)
    for p in range(partitions):
        if p % 3 + 1 == 2:
            kafka.set_leader("rows", p, 3)
    produce_rows(kafka.bootstrap, "rows", partitions, 30000, 12000)
    assert_loaded_exactly_once(server, kafka, "rlfaults.t", "rows", partitions, 42000, "job")

    kafka.broker_up(2)
    produce_rows(kafka.bootstrap, "rows", partitions, 42000, 6000)
    assert_loaded_exactly_once(server, kafka, "rlfaults.t", "rows", partitions, 48000, "job")
    assert show_job(server, DB, "job")["State"] == "RUNNING"


# --- 2. Fetch errors ----------------------------------------------------------------------------

def test_fetch_errors_are_retried_and_load_exactly_once(kafka, server):
    """Fetch answers REQUEST_TIMED_OUT, NOT_LEADER_FOR_PARTITION and KAFKA_STORAGE_ERROR for a
    while. Failed tasks are reported in OtherMsg and retried from the committed offsets; the
    job stays RUNNING and loads every row once."""
    partitions = 4
    make_topic(kafka, "rows", partitions, leader_of=lambda p: 1)
    produce_rows(kafka.bootstrap, "rows", partitions, 0, 20000)
    create_job(server, DB, "job", "t", kafka.bootstrap, "rows",
               {"desired_concurrent_number": "2", "task_consume_second": "2"})
    wait_until(lambda: table_summary(server, "rlfaults.t")[0] > 0, 60, "the load to start")

    codes = (["REQUEST_TIMED_OUT"] * 2 + ["NOT_LEADER_FOR_PARTITION"] * 2
             + ["KAFKA_STORAGE_ERROR"])
    kafka.push_errors("Fetch", codes=codes, broker=1)
    produce_rows(kafka.bootstrap, "rows", partitions, 20000, 20000)
    wait_until(lambda: kafka.pending_errors("Fetch", 1) == 0, 90,
               "the job's fetches to meet every injected error",
               lambda: describe_job(show_job(server, DB, "job")))

    assert_loaded_exactly_once(server, kafka, "rlfaults.t", "rows", partitions, 40000, "job")
    row = show_job(server, DB, "job")
    assert row["State"] == "RUNNING", describe_job(row)
    # The client hands REQUEST_TIMED_OUT to the consumer: the task failed and said why (a
    # later task may have reported the partitions the errors held back instead).
    assert ("Request timed out" in row["OtherMsg"]
            or "sent nothing within task_consume_second" in row["OtherMsg"]), describe_job(row)
    assert job_statistic(row)["abortedTaskNum"] >= 1, describe_job(row)


# --- 3. Kafka unreachable ----------------------------------------------------------------------

@pytest.mark.parametrize("consume_second", [3, 2], ids=["task_timeout_12s", "task_timeout_8s"])
def test_all_brokers_down_pauses_the_job_and_resume_loads_everything(kafka, server,
                                                                      consume_second):
    """With every broker down the job retries, says so in OtherMsg, and after
    routine_load_kafka_unreachable_pause_second goes PAUSED with a reason that names the broker
    list and what to do. Once the brokers are back RESUME loads everything exactly once.
    Whatever the task timeout (4 x task_consume_second): 8 s is shorter than the client's
    10 s metadata timeout."""
    set_frontend_config(server, "routine_load_kafka_unreachable_pause_second", "3")
    partitions = 4
    make_topic(kafka, "rows", partitions)
    produce_rows(kafka.bootstrap, "rows", partitions, 0, 40000)
    create_job(server, DB, "job", "t", kafka.bootstrap, "rows",
               {"desired_concurrent_number": "3", "task_consume_second": str(consume_second)})
    wait_until(lambda: table_summary(server, "rlfaults.t")[0] > 0, 60, "the load to start")

    for broker in (1, 2, 3):
        kafka.broker_down(broker)
    row, other_msgs = wait_for_pause(server, "job", timeout=120)
    reason = row["ReasonOfStateChanged"]
    assert "cannot reach kafka_broker_list '%s'" % kafka.bootstrap in reason, reason
    assert "RESUME" in reason or "ALTER ROUTINE LOAD" in reason, reason
    assert any("cannot reach kafka_broker_list" in m for m in other_msgs), (
        "OtherMsg did not report the unreachable brokers before the pause: %s" % other_msgs)
    paused_rows = table_summary(server, "rlfaults.t")[0]
    assert_partition_prefixes(server, "rlfaults.t", partitions)

    for broker in (1, 2, 3):
        kafka.broker_up(broker)
    produce_rows(kafka.bootstrap, "rows", partitions, 40000, 8000)
    # PAUSED loads nothing by itself.
    assert show_job(server, DB, "job")["State"] == "PAUSED"
    assert table_summary(server, "rlfaults.t")[0] == paused_rows
    execute(server, "RESUME ROUTINE LOAD FOR %s.job" % DB)
    assert_loaded_exactly_once(server, kafka, "rlfaults.t", "rows", partitions, 48000, "job")
    assert show_job(server, DB, "job")["State"] == "RUNNING"


def test_unreachable_broker_list_pauses_and_alter_fixes_it(kafka, server):
    """A job pointed at a port where no broker listens: OtherMsg says the list cannot be
    reached while the job retries, then it goes PAUSED with a reason naming the list and
    suggesting ALTER ROUTINE LOAD; after ALTER to the right list, RESUME loads the topic."""
    set_frontend_config(server, "routine_load_kafka_unreachable_pause_second", "3")
    make_topic(kafka, "rows", 2)
    produce_rows(kafka.bootstrap, "rows", 2, 0, 1000)
    wrong = "127.0.0.1:%d" % free_port()
    create_job(server, DB, "job", "t", wrong, "rows", JOB_PROPERTIES)

    row, other_msgs = wait_for_pause(server, "job", timeout=120)
    reason = row["ReasonOfStateChanged"]
    assert "cannot reach kafka_broker_list '%s'" % wrong in reason, reason
    assert "ALTER ROUTINE LOAD" in reason, reason
    assert any("cannot reach kafka_broker_list '%s'" % wrong in m for m in other_msgs), (
        "OtherMsg did not report the unreachable brokers before the pause: %s" % other_msgs)

    execute(server, 'ALTER ROUTINE LOAD FOR %s.job FROM KAFKA ("kafka_broker_list" = "%s")'
            % (DB, kafka.bootstrap))
    execute(server, "RESUME ROUTINE LOAD FOR %s.job" % DB)
    assert_loaded_exactly_once(server, kafka, "rlfaults.t", "rows", 2, 1000, "job")
    row = show_job(server, DB, "job")
    assert row["State"] == "RUNNING", describe_job(row)
    assert kafka.bootstrap in row["DataSourceProperties"]


# --- 4. Unknown topic ----------------------------------------------------------------------------

def test_unknown_topic_pauses_with_a_reason_naming_it(kafka, server):
    """The brokers answer UNKNOWN_TOPIC_OR_PART for the topic (the mock creates never-seen
    topics on request, so the test makes an existing one answer as unknown)."""
    kafka.create_topic("missing_topic", partitions=2)
    kafka.set_topic_error("missing_topic", "UNKNOWN_TOPIC_OR_PART")
    create_job(server, DB, "job", "t", kafka.bootstrap, "missing_topic", JOB_PROPERTIES)
    row = wait_for_state(server, DB, "job", "PAUSED", timeout=60)
    reason = row["ReasonOfStateChanged"]
    assert "'missing_topic'" in reason and "does not exist" in reason, reason
    assert table_summary(server, "rlfaults.t")[0] == 0


def test_topic_that_disappears_while_loading_pauses_and_resume_continues(kafka, server):
    """The topic vanishes under a RUNNING job: Metadata and ListOffsets answer
    UNKNOWN_TOPIC_OR_PART (the mock's topic error covers Metadata only, so ListOffsets errors
    are pushed too, as a broker that deleted the topic answers both). The job pauses naming
    the topic; when the topic is back, RESUME continues where the job stopped."""
    make_topic(kafka, "rows", 2)
    produce_rows(kafka.bootstrap, "rows", 2, 0, 1000)
    create_job(server, DB, "job", "t", kafka.bootstrap, "rows", JOB_PROPERTIES)
    wait_for_rows(server, "rlfaults.t", 1000, 60, db=DB, job="job")

    kafka.set_topic_error("rows", "UNKNOWN_TOPIC_OR_PART")
    kafka.push_errors("ListOffsets", "UNKNOWN_TOPIC_OR_PART", count=1000)
    try:
        row = wait_for_state(server, DB, "job", "PAUSED", timeout=60)
    finally:
        kafka.clear_errors("ListOffsets")
        kafka.set_topic_error("rows", 0)
    reason = row["ReasonOfStateChanged"]
    assert "'rows'" in reason and "does not exist" in reason, reason

    produce_rows(kafka.bootstrap, "rows", 2, 1000, 1000)
    execute(server, "RESUME ROUTINE LOAD FOR %s.job" % DB)
    assert_loaded_exactly_once(server, kafka, "rlfaults.t", "rows", 2, 2000, "job")


# --- 5. Offset out of range ----------------------------------------------------------------------

def test_offset_beyond_the_end_pauses_and_alter_to_beginning_loads(kafka, server):
    make_topic(kafka, "rows", 1)
    produce_rows(kafka.bootstrap, "rows", 1, 0, 10)
    create_job(server, DB, "job", "t", kafka.bootstrap, "rows", JOB_PROPERTIES,
               {"kafka_partitions": "0", "kafka_offsets": "1000"})
    row = wait_for_state(server, DB, "job", "PAUSED", timeout=60)
    reason = row["ReasonOfStateChanged"]
    # Names the offset, the partition, and what to do.
    assert "1000" in reason and "partition: 0" in reason, reason
    assert "ALTER ROUTINE LOAD" in reason, reason
    assert table_summary(server, "rlfaults.t")[0] == 0

    execute(server, 'ALTER ROUTINE LOAD FOR %s.job FROM KAFKA ("kafka_partitions" = "0", '
                    '"kafka_offsets" = "OFFSET_BEGINNING")' % DB)
    execute(server, "RESUME ROUTINE LOAD FOR %s.job" % DB)
    assert_loaded_exactly_once(server, kafka, "rlfaults.t", "rows", 1, 10, "job")
    assert show_job(server, DB, "job")["State"] == "RUNNING"


# --- 6. Restarts ---------------------------------------------------------------------------------

def test_restart_keeps_paused_jobs_paused_and_resumes_running_ones(kafka, tmp_path):
    server = start_server(tmp_path)
    try:
        create_rows_table(server, DB, "p")
        create_rows_table(server, DB, "r")
        make_topic(kafka, "to_pause", 2)
        make_topic(kafka, "to_run", 2)
        produce_rows(kafka.bootstrap, "to_pause", 2, 0, 1000)
        produce_rows(kafka.bootstrap, "to_run", 2, 0, 1000)
        create_job(server, DB, "paused", "p", kafka.bootstrap, "to_pause", JOB_PROPERTIES)
        create_job(server, DB, "running", "r", kafka.bootstrap, "to_run", JOB_PROPERTIES)
        wait_for_rows(server, "rlfaults.p", 1000, 60, db=DB, job="paused")
        wait_for_rows(server, "rlfaults.r", 1000, 60, db=DB, job="running")
        execute(server, "PAUSE ROUTINE LOAD FOR %s.paused" % DB)
        reason = wait_for_state(server, DB, "paused", "PAUSED")["ReasonOfStateChanged"]

        produced = 1000
        for restart in ("clean", "kill -9"):
            produce_rows(kafka.bootstrap, "to_pause", 2, produced, 500)
            produce_rows(kafka.bootstrap, "to_run", 2, produced, 500)
            produced += 500
            if restart == "clean":
                server.restart()
            else:
                server.kill()
                server.query_port, server.http_port = free_port(), free_port()
                server.start()
            # The running job resumes from its offsets and loads what came meanwhile ...
            assert_loaded_exactly_once(server, kafka, "rlfaults.r", "to_run", 2, produced,
                                       "running")
            assert show_job(server, DB, "running")["State"] == "RUNNING"
            # ... and by then the paused one, still PAUSED with its reason, has loaded nothing.
            row = show_job(server, DB, "paused")
            assert row["State"] == "PAUSED", (restart, describe_job(row))
            assert row["ReasonOfStateChanged"] == reason
            assert table_summary(server, "rlfaults.p")[0] == 1000

        execute(server, "RESUME ROUTINE LOAD FOR %s.paused" % DB)
        assert_loaded_exactly_once(server, kafka, "rlfaults.p", "to_pause", 2, produced,
                                   "paused")
        assert show_job(server, DB, "paused")["State"] == "RUNNING"
    finally:
        server.cleanup()


# --- What a broker outage must not do ------------------------------------------------------------

def test_partitions_stalled_by_a_down_leader_are_reported_in_other_msg(kafka, server):
    """A job whose partitions cannot be read is not silently RUNNING: while their leader is
    down, OtherMsg says why the tasks fail (routine_load_manager.h: "every failed task leaves
    its reason in OtherMsg"). Afterwards everything is loaded once."""
    make_topic(kafka, "rows", 2, leader_of=lambda p: 2)
    group = group_coordinated_by(kafka, 1, "rows")  # only the leader goes down
    produce_rows(kafka.bootstrap, "rows", 2, 0, 2000)
    create_job(server, DB, "job", "t", kafka.bootstrap, "rows", JOB_PROPERTIES,
               {"property.group.id": group})
    wait_for_rows(server, "rlfaults.t", 2000, 60, db=DB, job="job")
    assert show_job(server, DB, "job")["OtherMsg"] == ""

    kafka.broker_down(2)
    late = BackgroundProducer(kafka.bootstrap, "rows", 2, first_id=2000, chunk=1000,
                              limit=1000).start()
    try:
        # Tasks time out after 8 s (task_consume_second 2), so 30 s is plenty.
        wait_until(lambda: show_job(server, DB, "job")["OtherMsg"], 30,
                   "OtherMsg to report that the partitions' leader cannot be reached",
                   lambda: describe_job(show_job(server, DB, "job")))
    finally:
        kafka.broker_up(2)
    assert late.join() == 1000
    assert_loaded_exactly_once(server, kafka, "rlfaults.t", "rows", 2, 3000, "job")


def test_a_down_broker_does_not_starve_other_jobs(kafka, tmp_path):
    """Job a reads partitions led by broker 2; job b a partition led by broker 1. While broker
    2 is down, job b keeps loading what is produced to it, however long the outage lasts: job
    a's stuck tasks must not take every worker (max_routine_load_task_num_per_be = 4 here)."""
    server = start_server(tmp_path, max_routine_load_task_num_per_be=4)
    try:
        create_rows_table(server, DB, "a")
        create_rows_table(server, DB, "b")
        make_topic(kafka, "a", 2, leader_of=lambda p: 2)
        make_topic(kafka, "b", 1, leader_of=lambda p: 1)
        produce_rows(kafka.bootstrap, "a", 2, 0, 100)
        produce_rows(kafka.bootstrap, "b", 1, 0, 100)
        # Both consumer groups are coordinated by broker 1, which stays up.
        create_job(server, DB, "ja", "a", kafka.bootstrap, "a",
                   {"desired_concurrent_number": "2", "task_consume_second": "1"},
                   {"property.group.id": group_coordinated_by(kafka, 1, "a", "ja")})
        create_job(server, DB, "jb", "b", kafka.bootstrap, "b",
                   {"desired_concurrent_number": "1", "task_consume_second": "1"},
                   {"property.group.id": group_coordinated_by(kafka, 1, "b", "jb")})
        wait_for_rows(server, "rlfaults.a", 100, 60, db=DB, job="ja")
        wait_for_rows(server, "rlfaults.b", 100, 60, db=DB, job="jb")

        kafka.broker_down(2)
        try:
            # Job a's tasks time out after 4 s and are renewed; give that time to pile up,
            # then b must still load, round after round.
            produced = 100
            for _ in range(4):
                produce_rows(kafka.bootstrap, "b", 1, produced, 100)
                produced += 100
                # b schedules a task every 5 s (max_batch_interval).
                wait_for_rows(server, "rlfaults.b", produced, 30, db=DB, job="jb")
        finally:
            kafka.broker_up(2)
        assert_loaded_exactly_once(server, kafka, "rlfaults.b", "b", 1, produced, "jb")
        assert_loaded_exactly_once(server, kafka, "rlfaults.a", "a", 2, 100, "ja")
    finally:
        server.cleanup()
