"""Helpers for Routine Load end-to-end tests: SQL through pymysql, SHOW ROUTINE LOAD as dicts,
producing to the Kafka test cluster with clients nobody here wrote (confluent-kafka-python and
kcat), polling with a deadline, and fetching error logs.

    rows = sql(server, "SELECT count(*) FROM db.t")
    job = show_job(server, "db", "job1")            # {"State": "RUNNING", "Progress": {...}}
    produce(kafka.bootstrap, "topic", [b"1,a", b"2,b"], partitions=5)  # round robin
    wait_until(lambda: count(server, "db.t") == 2, what="2 rows loaded")
"""
import json
import subprocess
import time
import urllib.request

import pymysql

# The JSON columns of SHOW ROUTINE LOAD, parsed by show_jobs().
JSON_COLUMNS = ("JobProperties", "DataSourceProperties", "CustomProperties", "Statistic",
                "Progress", "TimestampProgress", "LatestSourcePosition", "OffsetLag")


class SqlError(Exception):
    """A MySQL error answer: .code (e.g. 1142) and .message."""

    def __init__(self, code, message):
        super().__init__("(%s) %s" % (code, message))
        self.code = code
        self.message = message


def connect(server, user="root", password="", database=None):
    return pymysql.connect(host="127.0.0.1", port=server.query_port, user=user,
                           password=password, database=database, autocommit=True)


def sql(server, statement, user="root", password="", database=None, with_columns=False):
    """Runs one statement; returns its rows (a tuple of tuples), or (columns, rows) when
    with_columns. A server error raises SqlError."""
    conn = connect(server, user, password, database)
    try:
        with conn.cursor() as cur:
            try:
                cur.execute(statement)
            except pymysql.MySQLError as e:
                if len(e.args) >= 2:
                    raise SqlError(e.args[0], e.args[1]) from None
                raise
            rows = cur.fetchall()
            if with_columns:
                return [d[0] for d in (cur.description or ())], rows
            return rows
    finally:
        conn.close()


def sql_error(server, statement, **kwargs):
    """Runs a statement that must fail; returns the SqlError."""
    try:
        sql(server, statement, **kwargs)
    except SqlError as e:
        return e
    raise AssertionError("statement succeeded but should have failed: %s" % statement)


def count(server, table, where=""):
    return sql(server, "SELECT count(*) FROM %s %s" % (table, where))[0][0]


def show_jobs(server, statement="SHOW ROUTINE LOAD", **kwargs):
    """Runs a SHOW [ALL] ROUTINE LOAD statement; returns its rows as dicts by column name, the
    JSON columns parsed (left as text when they do not parse)."""
    columns, rows = sql(server, statement, with_columns=True, **kwargs)
    out = []
    for row in rows:
        job = dict(zip(columns, row))
        for c in JSON_COLUMNS:
            if c in job and isinstance(job[c], str):
                try:
                    job[c] = json.loads(job[c])
                except ValueError:
                    pass
        out.append(job)
    return out


def show_job(server, db, name, **kwargs):
    """The job `name` in `db` as SHOW ALL ROUTINE LOAD FOR db.name prints it (the newest one
    when a name was reused)."""
    jobs = show_jobs(server, "SHOW ALL ROUTINE LOAD FOR %s.%s" % (db, name), **kwargs)
    assert jobs, "SHOW ALL ROUTINE LOAD FOR %s.%s printed no row" % (db, name)
    return max(jobs, key=lambda j: int(j["Id"]))


def wait_until(predicate, timeout=60, interval=0.2, what=None):
    """Polls `predicate` until it returns a truthy value (returned) or `timeout` seconds pass
    (AssertionError naming `what` and the last value seen)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = predicate()
        if last:
            return last
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %ss waiting for %s (last: %r)"
                                 % (timeout, what or getattr(predicate, "__name__", "?"), last))
        time.sleep(interval)


def wait_for_state(server, db, name, state, timeout=60):
    """Waits until SHOW reports the job in `state`; returns the job."""
    seen = {}

    def reached():
        seen["job"] = show_job(server, db, name)
        return seen["job"] if seen["job"]["State"] == state else None

    try:
        return wait_until(reached, timeout=timeout, what="job %s in state %s" % (name, state))
    except AssertionError:
        job = seen.get("job") or {}
        raise AssertionError("job %s never reached %s: State=%s Reason=%r OtherMsg=%r" % (
            name, state, job.get("State"), job.get("ReasonOfStateChanged"),
            job.get("OtherMsg"))) from None


def wait_for_job(server, db, name, predicate, what, timeout=60):
    """Waits until predicate(job) holds for the job as SHOW prints it; returns the job."""
    seen = {}

    def reached():
        seen["job"] = show_job(server, db, name)
        return seen["job"] if predicate(seen["job"]) else None

    try:
        return wait_until(reached, timeout=timeout, what="%s: %s" % (name, what))
    except AssertionError:
        job = seen.get("job") or {}
        raise AssertionError("job %s: timed out after %ss waiting for %s: State=%s Reason=%r "
                             "OtherMsg=%r Progress=%r" % (
                                 name, timeout, what, job.get("State"),
                                 job.get("ReasonOfStateChanged"), job.get("OtherMsg"),
                                 job.get("Progress"))) from None


def wait_for_count(server, table, expected, timeout=60, where=""):
    """Waits until `table` holds exactly `expected` rows (fails at once when it holds more)."""
    def reached():
        n = count(server, table, where)
        assert n <= expected, "%s holds %d rows, more than the %d expected" % (table, n, expected)
        return n == expected
    wait_until(reached, timeout=timeout, what="%d rows in %s" % (expected, table))


def produce(bootstrap, topic, values, partitions=None, partition=None, keys=None):
    """Produces `values` (bytes or str) with confluent-kafka-python: all to `partition`, or
    round robin over range(partitions) (message i to partition i % partitions), or by key.
    Fails unless every message is acknowledged."""
    import confluent_kafka
    p = confluent_kafka.Producer({"bootstrap.servers": bootstrap, "linger.ms": 5,
                                  "enable.idempotence": True})
    errors = []

    def on_delivery(err, msg):
        if err is not None:
            errors.append(err)

    for i, v in enumerate(values):
        if isinstance(v, str):
            v = v.encode()
        kwargs = {"value": v, "on_delivery": on_delivery}
        if partition is not None:
            kwargs["partition"] = partition
        elif partitions is not None:
            kwargs["partition"] = i % partitions
        if keys is not None:
            kwargs["key"] = keys[i]
        p.produce(topic, **kwargs)
        p.poll(0)
    assert p.flush(30) == 0, "messages still queued after flush"
    assert errors == [], "delivery errors: %s" % errors


def kcat_produce(bootstrap, topic, lines, partition):
    """Produces one message per line with kcat to `partition`."""
    data = "".join(line + "\n" for line in lines).encode()
    subprocess.run(["kcat", "-b", bootstrap, "-P", "-t", topic, "-p", str(partition)],
                   input=data, check=True, timeout=60)


def watermarks(bootstrap, topic, partitions):
    """{partition: high watermark} read with a confluent-kafka consumer."""
    import confluent_kafka
    c = confluent_kafka.Consumer({"bootstrap.servers": bootstrap, "group.id": "rl-e2e-probe",
                                  "enable.auto.commit": False})
    try:
        return {p: c.get_watermark_offsets(confluent_kafka.TopicPartition(topic, p),
                                           timeout=10)[1] for p in partitions}
    finally:
        c.close()


def http_get(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


def stop_all_jobs(server, databases):
    """Stops the jobs left in `databases` (ones that do not exist are skipped), so they do not
    hold the backend's task slots after a test."""
    for db in databases:
        try:
            jobs = show_jobs(server, "SHOW ROUTINE LOAD FROM %s" % db)
        except Exception:
            continue
        for job in jobs:
            try:
                sql(server, "STOP ROUTINE LOAD FOR %s.%s" % (db, job["Name"]))
            except Exception:
                pass


def q(value):
    """A SQL string literal."""
    return json.dumps(value, ensure_ascii=False)
