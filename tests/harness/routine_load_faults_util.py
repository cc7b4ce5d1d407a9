"""Helpers for the Routine Load fault and crash tests (tests/e2e/test_routine_load_faults.py,
tests/e2e/test_routine_load_crash.py).

SQL goes through pymysql; messages are produced with confluent-kafka-python (a producer we did
not write) with acks=all and idempotence, so the topic holds every message exactly once and the
tests can compare the table with what was produced.

Rows are CSV `id,payload`; ids are unique, so a table's count(*), count(DISTINCT id) and sum(id)
say whether every produced row is present exactly once.
"""
import json
import threading
import time

import confluent_kafka
import pymysql


# --- SQL ------------------------------------------------------------------------------------

def connect(server):
    return pymysql.connect(host="127.0.0.1", port=server.query_port, user="root",
                           autocommit=True, connect_timeout=10, read_timeout=60)


def execute(server, sql, args=None):
    """Runs one statement on a new connection; returns its rows (tuples)."""
    conn = connect(server)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall()
    finally:
        conn.close()


def show_job(server, db, name):
    """SHOW ROUTINE LOAD FOR db.name as {column: value}; None when there is no such job."""
    conn = connect(server)
    try:
        with conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute("SHOW ALL ROUTINE LOAD FOR `%s`.`%s`" % (db, name))
            rows = cur.fetchall()
    finally:
        conn.close()
    return rows[-1] if rows else None


def describe_job(job):
    """The columns of a SHOW ROUTINE LOAD row worth printing when a test fails."""
    if job is None:
        return "no such job"
    keys = ("State", "ReasonOfStateChanged", "OtherMsg", "Progress", "LatestSourcePosition",
            "Statistic", "CurrentTaskNum")
    return ", ".join("%s=%s" % (k, job.get(k)) for k in keys)


def table_summary(server, table):
    """(count(*), count(DISTINCT id), sum(id)) of `table` (sum 0 when empty)."""
    rows = execute(server, "SELECT count(*), count(DISTINCT id), coalesce(sum(id), 0) FROM %s"
                   % table)
    count, distinct, total = rows[0]
    return int(count), int(distinct), int(total)


def create_rows_table(server, db, table, buckets=3):
    """A DUPLICATE KEY table (id BIGINT, payload VARCHAR): a duplicated row stays visible."""
    execute(server, "CREATE DATABASE IF NOT EXISTS `%s`" % db)
    execute(server, "CREATE TABLE `%s`.`%s` (id BIGINT NOT NULL, payload VARCHAR(64)) "
                    "DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS %d" % (db, table, buckets))


def create_job(server, db, name, table, brokers, topic, job_properties=None,
               source_properties=None):
    """CREATE ROUTINE LOAD db.name ON table: CSV id,payload from `topic`, from the beginning
    unless source_properties say otherwise. Fast defaults: max_batch_interval 5 s (the
    minimum), task_consume_second 3."""
    props = {"format": "csv", "max_batch_interval": "5", "task_consume_second": "3"}
    props.update(job_properties or {})
    source = {"kafka_broker_list": brokers, "kafka_topic": topic,
              "property.kafka_default_offsets": "OFFSET_BEGINNING"}
    source.update(source_properties or {})

    def pairs(d):
        return ", ".join('"%s" = "%s"' % (k, v) for k, v in d.items())

    execute(server, "CREATE ROUTINE LOAD `%s`.`%s` ON `%s` COLUMNS TERMINATED BY ',', "
                    "COLUMNS (id, payload) PROPERTIES (%s) FROM KAFKA (%s)"
            % (db, name, table, pairs(props), pairs(source)))


def set_frontend_config(server, key, value):
    execute(server, 'ADMIN SET FRONTEND CONFIG ("%s" = "%s")' % (key, value))


# --- Polling ----------------------------------------------------------------------------------

def wait_until(predicate, timeout, what, describe=None, interval=0.3):
    """Calls predicate() until it returns something truthy and returns that. On timeout fails
    with `what` and, when given, describe() (the state that did not change in time). A
    predicate that raises a connection error is retried (the server may be restarting)."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except (pymysql.err.OperationalError, pymysql.err.InterfaceError, ConnectionError) as e:
            last_error = e
        if time.monotonic() >= deadline:
            detail = ""
            if describe is not None:
                try:
                    detail = describe()
                except Exception as e:  # noqa: BLE001 - best effort, for the message only
                    detail = "(describe failed: %s)" % e
            raise AssertionError("timed out after %ss waiting for %s; %s%s"
                                 % (timeout, what, detail,
                                    " (last error: %s)" % last_error if last_error else ""))
        time.sleep(interval)


def wait_for_state(server, db, name, states, timeout=60):
    """Waits until the job's State is one of `states`; returns its SHOW row."""
    if isinstance(states, str):
        states = (states,)

    def check():
        job = show_job(server, db, name)
        return job if job is not None and job["State"] in states else None

    return wait_until(check, timeout, "job %s.%s to be %s" % (db, name, "/".join(states)),
                      lambda: describe_job(show_job(server, db, name)))


def wait_for_rows(server, table, expected, timeout, db=None, job=None):
    """Waits until count(*) of `table` reaches `expected`; returns the table's summary.
    Fails at once when the count passes `expected` (rows loaded twice)."""
    def check():
        summary = table_summary(server, table)
        assert summary[0] <= expected, (
            "%s has %d rows (%d distinct ids), more than the %d produced: %s" % (
                table, summary[0], summary[1], expected,
                describe_job(show_job(server, db, job)) if job else ""))
        return summary if summary[0] == expected else None

    def describe():
        text = "table summary %s" % (table_summary(server, table),)
        if job is not None:
            text += "; job: " + describe_job(show_job(server, db, job))
        return text

    return wait_until(check, timeout, "%d rows in %s" % (expected, table), describe, interval=0.5)


# --- Kafka ------------------------------------------------------------------------------------

def producer(bootstrap, **extra):
    """An idempotent acks=all producer: retries never duplicate or lose a message."""
    conf = {"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all",
            "linger.ms": 20, "message.timeout.ms": 120000}
    conf.update(extra)
    return confluent_kafka.Producer(conf)


def produce_rows(bootstrap, topic, partitions, first_id, count, rows_per_message=1, prod=None,
                 payload_width=12):
    """Produces rows first_id .. first_id+count-1 as CSV `id,payload`; the row with id i goes
    to partition i % partitions, `rows_per_message` consecutive rows of a partition per message.
    Waits for every delivery and fails on any delivery error. Returns the ids' sum."""
    p = prod or producer(bootstrap)
    errors = []

    def on_delivery(err, _msg):
        if err is not None:
            errors.append(err)

    by_partition = {i: [] for i in range(partitions)}
    for i in range(first_id, first_id + count):
        by_partition[i % partitions].append(i)
    for part, ids in by_partition.items():
        for start in range(0, len(ids), rows_per_message):
            chunk = ids[start:start + rows_per_message]
            value = "\n".join("%d,p%0*d" % (i, payload_width, i) for i in chunk)
            while True:
                try:
                    p.produce(topic, value=value.encode(), partition=part,
                              on_delivery=on_delivery)
                    break
                except BufferError:
                    p.poll(0.1)
            p.poll(0)
    remaining = p.flush(180)
    assert remaining == 0, "%d messages were not delivered to %s" % (remaining, topic)
    assert not errors, "delivery errors: %s" % errors[:5]
    return sum(range(first_id, first_id + count))


def topic_ends(bootstrap, topic, partitions, timeout=30):
    """{partition: high watermark} of `topic`."""
    consumer = confluent_kafka.Consumer({"bootstrap.servers": bootstrap,
                                         "group.id": "routine-load-faults-test-watermarks",
                                         "enable.auto.commit": False})
    try:
        ends = {}
        for part in range(partitions):
            _low, high = consumer.get_watermark_offsets(
                confluent_kafka.TopicPartition(topic, part), timeout=timeout)
            ends[part] = high
        return ends
    finally:
        consumer.close()


def expected_progress(ends):
    """SHOW ROUTINE LOAD's Progress once every message before `ends` is loaded: the last
    consumed offset (end - 1) of every partition."""
    return {str(p): str(end - 1) for p, end in ends.items()}


def assert_partition_prefixes(server, table, partitions):
    """With one row per message and the row of id i in partition i % partitions (as
    produce_rows does), offset k of partition p holds id p + partitions * k. Checks that the
    rows of every partition in `table` are a prefix of it - no gap (an offset skipped) and no
    repeat (an offset loaded twice) - and returns {partition: rows loaded}."""
    rows = execute(server, "SELECT id %% %d, count(*), count(DISTINCT id), max(id) FROM %s "
                           "GROUP BY id %% %d" % (partitions, table, partitions))
    loaded = {}
    for part, count, distinct, max_id in rows:
        part, count, distinct, max_id = int(part), int(count), int(distinct), int(max_id)
        assert count == distinct, "partition %d: %d rows but %d distinct ids (loaded twice)" % (
            part, count, distinct)
        assert max_id == part + partitions * (count - 1), (
            "partition %d: %d rows but the highest id is %d (offset %d): offsets skipped" % (
                part, count, max_id, (max_id - part) // partitions))
        loaded[part] = count
    return loaded


class BackgroundProducer:
    """Produces rows first_id, first_id+1, ... in chunks on a thread until stop() or `limit`
    rows; `produced` is the number of rows delivered so far (whole chunks)."""

    def __init__(self, bootstrap, topic, partitions, first_id=0, chunk=2000, limit=None,
                 pause=0.05):
        self.bootstrap, self.topic, self.partitions = bootstrap, topic, partitions
        self.first_id, self.chunk, self.limit, self.pause = first_id, chunk, limit, pause
        self.produced = 0
        self.failure = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _run(self):
        prod = producer(self.bootstrap)
        try:
            while not self._stop.is_set() and (self.limit is None or self.produced < self.limit):
                produce_rows(self.bootstrap, self.topic, self.partitions,
                             self.first_id + self.produced, self.chunk, prod=prod)
                self.produced += self.chunk
                time.sleep(self.pause)
        except Exception as e:  # noqa: BLE001 - raised again by stop()
            self.failure = e

    def stop(self, timeout=240):
        """Stops after the chunk in flight; returns the number of rows produced."""
        self._stop.set()
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "the producer did not finish its last chunk"
        if self.failure is not None:
            raise self.failure
        return self.produced

    def join(self, timeout=240):
        """Waits until `limit` rows are produced; returns the number."""
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "the producer did not finish"
        if self.failure is not None:
            raise self.failure
        return self.produced


def job_progress(job):
    return json.loads(job["Progress"])


def job_statistic(job):
    return json.loads(job["Statistic"])


def group_coordinated_by(kafka, broker, topic, prefix="rl_group"):
    """A consumer group id whose coordinator in `kafka` is `broker` (found by committing an
    offset of `topic` for candidate groups and seeing which broker answers the OffsetCommit)."""
    brokers = [b["id"] for b in kafka.status()["brokers"]]
    for i in range(200):
        group = "%s_%d" % (prefix, i)
        before = {b: kafka.pending_errors("OffsetCommit", b) for b in brokers}
        for b in brokers:
            kafka.push_errors("OffsetCommit", codes=[0], broker=b)  # 0: answer normally
        consumer = confluent_kafka.Consumer({"bootstrap.servers": kafka.bootstrap,
                                             "group.id": group, "enable.auto.commit": False})
        try:
            consumer.commit(offsets=[confluent_kafka.TopicPartition(topic, 0, 0)],
                            asynchronous=False)
        finally:
            consumer.close()
        answered = [b for b in brokers
                    if kafka.pending_errors("OffsetCommit", b) == before[b]]
        assert len(answered) == 1, answered
        if answered[0] == broker:
            return group
    raise AssertionError("no group coordinated by broker %d" % broker)
