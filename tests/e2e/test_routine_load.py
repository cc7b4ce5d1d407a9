"""Routine Load end to end: Kafka (tools/kafka_test_cluster) -> tables, managed with SQL.

Producers nobody here wrote (confluent-kafka-python, kcat) write the messages; pymysql runs the
statements. Each test is one behaviour of StarRocks' Routine Load (docs/routine_load.md,
../shared/reference/starrocks-routine-load.md): the seed's two jobs verbatim, SHOW ROUTINE LOAD
and its JSON columns, PAUSE / RESUME / ALTER / STOP, validation messages and privileges, error
rows, restarts, partition discovery, a dropped table, and the CSV / JSON load options.

One Kafka cluster and one server are shared by the module; every test uses its own topics,
tables and job names, and the jobs still running after a test are stopped so the next one has
the backend's task slots. Tests wait by polling with a generous deadline, never by sleeping.
"""
import datetime
import json
import os
import re
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))

from kafka_cluster import KafkaTestCluster  # noqa: E402
from routine_load import (  # noqa: E402
    SqlError, connect, count, http_get, kcat_produce, produce, q, show_job, show_jobs, sql,
    sql_error, stop_all_jobs, wait_for_count, wait_for_job, wait_for_state, wait_until)
from tributary_server import TributaryServer  # noqa: E402

confluent_kafka = pytest.importorskip("confluent_kafka")

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED_DIR = os.path.join(REPO, "src", "sql", "testdata", "seed_000")
DEMO_DIR = os.path.join(REPO, "tools", "demo")
DB = "rl"

SHOW_COLUMNS = [
    "Id", "Name", "CreateTime", "PauseTime", "EndTime", "DbName", "TableName", "State",
    "DataSourceType", "CurrentTaskNum", "JobProperties", "DataSourceProperties",
    "CustomProperties", "Statistic", "Progress", "TimestampProgress", "ReasonOfStateChanged",
    "ErrorLogUrls", "TrackingSQL", "OtherMsg", "LatestSourcePosition", "OffsetLag"]

SHOW_TASK_COLUMNS = [
    "TaskId", "TxnId", "TxnStatus", "JobId", "CreateTime", "LastScheduledTime",
    "ExecuteStartTime", "Timeout", "BeId", "DataSourceProperties", "Message"]

# The keys StarRocks prints in JobProperties (RoutineLoadJob.jobPropertiesToJsonString and the
# reference's example); Tributary may print more.
STARROCKS_JOB_PROPERTY_KEYS = {
    "partitions", "columnToColumnExpr", "whereExpr", "maxErrorNum", "maxBatchIntervalS",
    "maxBatchRows", "currentTaskConcurrentNum", "desireTaskConcurrentNum", "taskConsumeSecond",
    "taskTimeoutSecond", "format", "strict_mode", "timezone", "jsonpaths", "json_root",
    "strip_outer_array", "maxFilterRatio", "columnSeparator", "rowDelimiter"}

STATISTIC_KEYS = {
    "receivedBytes", "errorRows", "committedTaskNum", "loadedRows", "loadRowsRate",
    "abortedTaskNum", "totalRows", "unselectedRows", "receivedBytesRate", "taskExecuteTimeMs"}

TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


# --- fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kafka():
    cluster = KafkaTestCluster(brokers=3)
    cluster.start()
    yield cluster
    cluster.cleanup()


def run_script(server, text):
    """Runs a ';'-separated SQL script on one connection (so USE carries over)."""
    conn = connect(server)
    try:
        with conn.cursor() as cur:
            for statement in text.split(";"):
                lines = [l for l in statement.splitlines() if not l.strip().startswith("--")]
                statement = "\n".join(lines).strip()
                if statement:
                    cur.execute(statement)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def seed_db(server):
    with open(os.path.join(DEMO_DIR, "seed_ddl.sql")) as f:
        run_script(server, f.read())
    return "example_db"


@pytest.fixture(scope="module")
def rl(server):
    sql(server, "CREATE DATABASE IF NOT EXISTS %s" % DB)
    return DB


@pytest.fixture(autouse=True)
def stop_jobs_afterwards(server):
    """Stops the jobs a test left running, so they do not hold the backend's task slots."""
    yield
    stop_all_jobs(server, ("example_db", DB, "rl_show"))


# --- helpers -------------------------------------------------------------------------------------


def create_job_sql(kafka, name, table, topic, load=(), properties=None, source=None, db=DB):
    """CREATE ROUTINE LOAD db.name ON table: `load` clauses, then PROPERTIES (max_batch_interval
    5 unless `properties` says otherwise) and FROM KAFKA (the cluster, `topic` and
    property.kafka_default_offsets = OFFSET_BEGINNING; a None in `source` drops a key)."""
    props = {"max_batch_interval": "5"}
    props.update(properties or {})
    src = {"kafka_broker_list": kafka.bootstrap, "kafka_topic": topic,
           "property.kafka_default_offsets": "OFFSET_BEGINNING"}
    src.update(source or {})
    text = "CREATE ROUTINE LOAD %s.%s ON %s\n" % (db, name, table)
    if load:
        text += ",\n".join(load) + "\n"
    text += "PROPERTIES (%s)\n" % ", ".join("%s = %s" % (q(k), q(v)) for k, v in props.items())
    text += "FROM KAFKA (%s)" % ", ".join("%s = %s" % (q(k), q(v))
                                          for k, v in src.items() if v is not None)
    return text


def create_job(server, kafka, name, table, topic, **kwargs):
    sql(server, create_job_sql(kafka, name, table, topic, **kwargs))


def create_kv_table(server, table, db=DB):
    sql(server, "CREATE TABLE IF NOT EXISTS %s.%s (k BIGINT NOT NULL, v VARCHAR(64)) "
                "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)" % (db, table))


CSV = 'COLUMNS TERMINATED BY ","'


def seed_statement(filename, kafka):
    """A seed statement verbatim, with only the broker list filled in."""
    with open(os.path.join(SEED_DIR, filename)) as f:
        text = f.read()
    text = re.sub(r'("kafka_broker_list"\s*=\s*)"[^"]*"', lambda m: m.group(1) + q(kafka.bootstrap),
                  text)
    return text.strip().rstrip(";")


def distinct_keys(server, table):
    return sql(server, "SELECT count(DISTINCT k) FROM %s.%s" % (DB, table))[0][0]


# --- 1. the seed's examples ----------------------------------------------------------------------

def test_seed_csv_job_loads_ordertest1_and_drops_temp_gender(server, kafka, seed_db):
    kafka.create_topic("ordertest1", partitions=5)
    with open(os.path.join(DEMO_DIR, "ordertest1.csv")) as f:
        lines = f.read().splitlines()
    produce(kafka.bootstrap, "ordertest1", lines, partitions=5)  # one row per message

    sql(server, seed_statement("02_create_routine_load_csv.sql", kafka))

    wait_for_count(server, "example_db.example_tbl1", len(lines))
    expected = []
    for line in lines:
        order_id, pay_dt, customer_name, nationality, _temp_gender, price = line.split(",")
        expected.append((int(order_id), datetime.date.fromisoformat(pay_dt), customer_name,
                         nationality, float(price)))
    rows = sql(server, "SELECT order_id, pay_dt, customer_name, nationality, price "
                       "FROM example_db.example_tbl1")
    assert sorted(rows) == sorted(expected)
    # No enclose was set, so the stray quote in the seed data is part of the name.
    assert ("Anna Karenina\"",) in sql(server, "SELECT customer_name FROM example_db.example_tbl1")
    job = show_job(server, "example_db", "example_tbl1_ordertest1")
    assert job["State"] == "RUNNING"
    assert job["Statistic"]["loadedRows"] == len(lines)
    assert job["Progress"] == {"0": "1", "1": "0", "2": "0", "3": "0", "4": "0"}


def test_seed_json_job_derives_pay_dt_and_sums_price(server, kafka, seed_db):
    kafka.create_topic("ordertest2", partitions=5)
    with open(os.path.join(DEMO_DIR, "ordertest2.json")) as f:
        documents = f.read().splitlines()
    produce(kafka.bootstrap, "ordertest2", documents, partitions=5)

    sql(server, seed_statement("04_create_routine_load_json.sql", kafka))

    wait_for_count(server, "example_db.example_tbl2", len(documents))
    query = ("SELECT commodity_id, customer_name, country, pay_time, pay_dt, price "
             "FROM example_db.example_tbl2 ORDER BY commodity_id")
    rows = sql(server, query)
    expected = []
    for doc in map(json.loads, documents):
        # from_unixtime(1589191487, '%Y%m%d') is 20200511 in UTC and in Asia/Shanghai alike.
        expected.append((doc["commodity_id"], doc["customer_name"], doc["country"],
                         doc["pay_time"], datetime.date(2020, 5, 11), float(doc["price"])))
    assert list(rows) == expected

    # The same documents again: AGGREGATE KEY merges them and SUMs price.
    produce(kafka.bootstrap, "ordertest2", documents, partitions=5)
    doubled = [r[:5] + (2 * r[5],) for r in expected]
    wait_until(lambda: list(sql(server, query)) == doubled, what="prices summed")
    assert show_job(server, "example_db", "example_tbl2_ordertest2")["Statistic"]["loadedRows"] \
        == 2 * len(documents)


# --- 2. SHOW ROUTINE LOAD ------------------------------------------------------------------------

def test_show_routine_load_prints_starrocks_columns_and_progress(server, kafka, rl):
    kafka.create_topic("cols_topic", partitions=4)
    create_kv_table(server, "cols_t")
    # 3, 2 and 1 messages in partitions 0, 1, 2; partition 3 stays empty.
    messages = {0: ["1,a", "2,b", "3,c"], 1: ["4,d", "5,e"], 2: ["6,f"]}
    for partition, values in messages.items():
        produce(kafka.bootstrap, "cols_topic", values, partition=partition)
    create_job(server, kafka, "cols_job", "cols_t", "cols_topic", load=[CSV, "COLUMNS(k, v)"],
               source={"property.client.id": "cols-client"})
    wait_for_count(server, "rl.cols_t", 6)
    expected_progress = {"0": "2", "1": "1", "2": "0", "3": "OFFSET_ZERO"}
    wait_for_job(server, DB, "cols_job", lambda j: j["Progress"] == expected_progress,
                 "Progress = last consumed offsets")

    columns, rows = sql(server, "SHOW ROUTINE LOAD FOR rl.cols_job", with_columns=True)
    assert columns == SHOW_COLUMNS
    assert len(rows) == 1
    job = show_jobs(server, "SHOW ROUTINE LOAD FOR rl.cols_job")[0]
    assert int(job["Id"]) > 0
    assert job["Name"] == "cols_job"
    assert TIME.match(job["CreateTime"])
    assert job["PauseTime"] is None and job["EndTime"] is None
    assert (job["DbName"], job["TableName"]) == ("rl", "cols_t")
    assert job["State"] == "RUNNING"
    assert job["DataSourceType"] == "KAFKA"
    assert job["CurrentTaskNum"] == "4"  # min(4 partitions, desired 5)

    props = job["JobProperties"]
    assert STARROCKS_JOB_PROPERTY_KEYS <= set(props), STARROCKS_JOB_PROPERTY_KEYS - set(props)
    assert props["partitions"] == "*"
    assert props["whereExpr"] == "*"
    assert props["columnToColumnExpr"] == "k,v"
    assert props["columnSeparator"] == ","
    assert props["format"] == "csv"
    assert props["maxBatchIntervalS"] == "5"
    assert props["maxErrorNum"] == "0"
    assert props["maxBatchRows"] == "200000"
    assert props["desireTaskConcurrentNum"] == "5"
    assert props["currentTaskConcurrentNum"] == "4"
    assert props["taskConsumeSecond"] == "15"
    assert props["taskTimeoutSecond"] == "60"
    assert props["strict_mode"] == "false"

    assert job["DataSourceProperties"] == {"topic": "cols_topic",
                                           "currentKafkaPartitions": "0,1,2,3",
                                           "brokerList": kafka.bootstrap}
    assert job["CustomProperties"]["kafka_default_offsets"] == "OFFSET_BEGINNING"
    assert job["CustomProperties"]["client.id"] == "cols-client"

    stats = job["Statistic"]
    assert set(stats) == STATISTIC_KEYS
    assert (stats["totalRows"], stats["loadedRows"], stats["errorRows"],
            stats["unselectedRows"]) == (6, 6, 0, 0)
    assert stats["receivedBytes"] == sum(len(v) for vs in messages.values() for v in vs)
    assert stats["committedTaskNum"] >= 3 and stats["abortedTaskNum"] == 0
    assert stats["taskExecuteTimeMs"] >= 1

    assert job["Progress"] == expected_progress
    assert set(job["TimestampProgress"]) == {"0", "1", "2"}
    assert all(int(ts) > 1_500_000_000_000 for ts in job["TimestampProgress"].values())
    assert job["LatestSourcePosition"] == {"0": "3", "1": "2", "2": "1", "3": "0"}
    assert job["OffsetLag"] == {"0": 0, "1": 0, "2": 0, "3": 0}
    assert job["ReasonOfStateChanged"] == ""
    assert job["ErrorLogUrls"] == ""
    assert job["OtherMsg"] == ""


def test_show_routine_load_filters_orders_and_limits(server, kafka):
    sql(server, "CREATE DATABASE rl_show")
    kafka.create_topic("show_topic", partitions=1)
    create_kv_table(server, "show_t", db="rl_show")
    for name in ("a_job", "b_job", "c_job"):
        create_job(server, kafka, name, "show_t", "show_topic", load=[CSV], db="rl_show")
    for name in ("a_job", "b_job", "c_job"):
        wait_for_state(server, "rl_show", name, "RUNNING")
    sql(server, "PAUSE ROUTINE LOAD FOR rl_show.b_job")
    sql(server, "STOP ROUTINE LOAD FOR rl_show.c_job")

    def names(statement, **kwargs):
        return [j["Name"] for j in show_jobs(server, statement, **kwargs)]

    # Without ALL: the jobs that are not final, by Id.
    assert names("SHOW ROUTINE LOAD FROM rl_show") == ["a_job", "b_job"]
    assert names("SHOW ROUTINE LOAD", database="rl_show") == ["a_job", "b_job"]
    # ALL adds STOPPED (and CANCELLED) jobs.
    everything = show_jobs(server, "SHOW ALL ROUTINE LOAD FROM rl_show")
    assert [(j["Name"], j["State"]) for j in everything] == [
        ("a_job", "RUNNING"), ("b_job", "PAUSED"), ("c_job", "STOPPED")]
    stopped = everything[2]
    assert TIME.match(stopped["EndTime"])
    assert TIME.match(everything[1]["PauseTime"])

    # FOR one job; a stopped one only with ALL.
    assert names("SHOW ROUTINE LOAD FOR rl_show.a_job") == ["a_job"]
    assert names("SHOW ROUTINE LOAD FOR a_job", database="rl_show") == ["a_job"]
    assert names("SHOW ALL ROUTINE LOAD FOR rl_show.c_job") == ["c_job"]
    try:
        shown = names("SHOW ROUTINE LOAD FOR rl_show.c_job")
    except SqlError as e:  # StarRocks answers an error that suggests SHOW ALL
        shown = []
        assert "c_job" in e.message
    assert shown == []
    sql_error(server, "SHOW ROUTINE LOAD FOR rl_show.no_such_job")

    # WHERE State.
    assert names('SHOW ROUTINE LOAD FROM rl_show WHERE State = "RUNNING"') == ["a_job"]
    assert names('SHOW ROUTINE LOAD FROM rl_show WHERE State = "PAUSED"') == ["b_job"]
    assert names('SHOW ALL ROUTINE LOAD FROM rl_show WHERE State = "STOPPED"') == ["c_job"]
    assert names('SHOW ROUTINE LOAD FROM rl_show WHERE State = "STOPPED"') == []

    # ORDER BY and LIMIT.
    assert names("SHOW ROUTINE LOAD FROM rl_show ORDER BY Name DESC") == ["b_job", "a_job"]
    assert names("SHOW ALL ROUTINE LOAD FROM rl_show ORDER BY Name DESC") == [
        "c_job", "b_job", "a_job"]
    assert names("SHOW ALL ROUTINE LOAD FROM rl_show ORDER BY Name DESC LIMIT 2") == [
        "c_job", "b_job"]
    assert names("SHOW ALL ROUTINE LOAD FROM rl_show ORDER BY Name LIMIT 1, 1") == ["b_job"]
    assert names("SHOW ALL ROUTINE LOAD FROM rl_show ORDER BY Name LIMIT 1 OFFSET 2") == [
        "c_job"]


def test_show_routine_load_task_lists_the_current_tasks(server, kafka, rl):
    kafka.create_topic("task_topic", partitions=3)
    create_kv_table(server, "task_t")
    produce(kafka.bootstrap, "task_topic", ["1,a", "2,b", "3,c"], partitions=3)
    create_job(server, kafka, "task_job", "task_t", "task_topic", load=[CSV],
               properties={"desired_concurrent_number": "2"})
    wait_for_count(server, "rl.task_t", 3)
    job_id = show_job(server, DB, "task_job")["Id"]

    def tasks():
        return sql(server, 'SHOW ROUTINE LOAD TASK FROM rl WHERE JobName = "task_job"',
                   with_columns=True)

    columns, rows = tasks()
    assert columns == SHOW_TASK_COLUMNS
    assert len(rows) == 2  # min(3 partitions, desired 2)
    shown = re.compile(r'^Progress:\{.*\},LatestOffset:\{.*\}$')
    partitions = []
    for row in rows:
        task = dict(zip(columns, row))
        assert re.match(r"^[0-9a-f-]{36}$", task["TaskId"])
        assert task["JobId"] == job_id
        assert task["Timeout"] == "60"
        assert TIME.match(task["CreateTime"])
        assert shown.match(task["DataSourceProperties"]), task["DataSourceProperties"]
        progress = json.loads(task["DataSourceProperties"][len("Progress:"):].split(
            ",LatestOffset:")[0])
        partitions += progress
    # Partition j goes to task j mod 2.
    assert sorted(partitions) == ["0", "1", "2"]

    # A caught-up task says why it waits.
    wait_until(lambda: all("there is no new data in kafka, wait for 5 seconds to schedule "
                           "again" in row[-1] for row in tasks()[1]),
               what="every task reports no new data")
    # The statement needs WHERE JobName, in the current database too.
    assert len(sql(server, 'SHOW ROUTINE LOAD TASK WHERE JobName = "task_job"',
                   database=DB)) == 2


def test_show_masks_secret_kafka_properties(server, kafka, rl):
    create_kv_table(server, "secret_t")
    # The mock cluster speaks no SASL: the job only has to exist to be shown.
    create_job(server, kafka, "secret_job", "secret_t", "secret_topic", load=[CSV],
               source={"property.security.protocol": "SASL_PLAINTEXT",
                       "property.sasl.mechanism": "PLAIN",
                       "property.sasl.username": "alice",
                       "property.sasl.password": "s3cr3t-pw"})
    job = show_job(server, DB, "secret_job")
    assert job["CustomProperties"]["sasl.password"] == "******"
    assert job["CustomProperties"]["sasl.username"] == "alice"
    assert job["CustomProperties"]["security.protocol"] == "SASL_PLAINTEXT"
    (_, create), = sql(server, "SHOW CREATE ROUTINE LOAD rl.secret_job")
    assert "s3cr3t-pw" not in create
    assert '"property.sasl.password" = "******"' in create
    everything = json.dumps(show_jobs(server, "SHOW ALL ROUTINE LOAD FROM rl"))
    assert "s3cr3t-pw" not in everything


def test_show_create_routine_load_recreates_the_job(server, kafka, rl):
    kafka.create_topic("create_topic", partitions=2)
    create_kv_table(server, "create_t")
    create_job(server, kafka, "create_job", "create_t", "create_topic",
               load=[CSV, "COLUMNS(k, tmp, v = upper(tmp))", "WHERE k > 0"],
               properties={"max_error_number": "3", "desired_concurrent_number": "2"})
    columns, rows = sql(server, "SHOW CREATE ROUTINE LOAD rl.create_job", with_columns=True)
    assert columns == ["Job", "Create Job"]
    (name, create), = rows
    assert name == "create_job"
    assert create.startswith("CREATE ROUTINE LOAD rl.create_job ON create_t")
    for part in ['COLUMNS TERMINATED BY ","', "WHERE", '"max_error_number" = "3"',
                 '"kafka_topic" = "create_topic"', "FROM KAFKA"]:
        assert part in create

    # The printed statement is a working CREATE: stop the job and run it again.
    before = show_job(server, DB, "create_job")
    sql(server, "STOP ROUTINE LOAD FOR rl.create_job")
    sql(server, create)
    after = show_job(server, DB, "create_job")
    assert int(after["Id"]) > int(before["Id"])
    for key in ("columnToColumnExpr", "whereExpr", "maxErrorNum", "desireTaskConcurrentNum",
                "columnSeparator", "maxBatchIntervalS"):
        assert after["JobProperties"][key] == before["JobProperties"][key], key
    assert after["CustomProperties"] == before["CustomProperties"]
    produce(kafka.bootstrap, "create_topic", ["1,abc", "0,zero", "2,def"], partitions=2)
    wait_for_count(server, "rl.create_t", 2)
    assert sorted(sql(server, "SELECT k, v FROM rl.create_t")) == [(1, "ABC"), (2, "DEF")]


def test_consumer_group_offsets_mirror_the_progress(server, kafka, rl):
    kafka.create_topic("group_topic", partitions=2)
    create_kv_table(server, "group_t")
    produce(kafka.bootstrap, "group_topic", ["%d,x" % i for i in range(10)], partitions=2)
    create_job(server, kafka, "group_job", "group_t", "group_topic", load=[CSV],
               source={"property.group.id": "rl_e2e_group"})
    wait_for_count(server, "rl.group_t", 10)
    assert show_job(server, DB, "group_job")["CustomProperties"]["group.id"] == "rl_e2e_group"
    consumer = confluent_kafka.Consumer({"bootstrap.servers": kafka.bootstrap,
                                         "group.id": "rl_e2e_group",
                                         "enable.auto.commit": False})
    try:
        def committed():
            parts = consumer.committed([confluent_kafka.TopicPartition("group_topic", p)
                                        for p in (0, 1)], timeout=10)
            return {tp.partition: tp.offset for tp in parts}
        # The group's offsets are the next offsets to read (best effort, after the commit).
        wait_until(lambda: committed() == {0: 5, 1: 5}, what="group offsets 5, 5")
    finally:
        consumer.close()


def test_default_consumer_group_is_per_job_and_shown(server, kafka, rl):
    kafka.create_topic("defgroup_topic", partitions=1)
    create_kv_table(server, "defgroup_t")
    create_job(server, kafka, "defgroup_job", "defgroup_t", "defgroup_topic", load=[CSV])
    # StarRocks: property.group.id defaults to {job_name}_{random uuid}, shown in
    # CustomProperties (reference §1.1, KafkaRoutineLoadJob.setDefaultKafkaGroupID).
    custom = show_job(server, DB, "defgroup_job")["CustomProperties"]
    assert "group.id" in custom, custom
    assert re.match(r"^defgroup_job_[0-9a-f-]{36}$", custom["group.id"]), custom["group.id"]


# --- 3. lifecycle --------------------------------------------------------------------------------

def test_pause_stops_loading_and_resume_loads_what_was_produced_meanwhile(server, kafka, rl):
    kafka.create_topic("pause_topic", partitions=2)
    create_kv_table(server, "pause_t")
    create_kv_table(server, "pause_witness_t")
    produce(kafka.bootstrap, "pause_topic", ["%d,first" % i for i in range(10)], partitions=2)
    create_job(server, kafka, "pause_job", "pause_t", "pause_topic", load=[CSV])
    wait_for_count(server, "rl.pause_t", 10)

    sql(server, "PAUSE ROUTINE LOAD FOR rl.pause_job")
    job = show_job(server, DB, "pause_job")
    assert job["State"] == "PAUSED"
    assert job["CurrentTaskNum"] == "0"
    assert TIME.match(job["PauseTime"])
    assert "errCode = 100" in job["ReasonOfStateChanged"]
    assert "root" in job["ReasonOfStateChanged"]
    assert "pauses routine load job" in job["ReasonOfStateChanged"]

    produce(kafka.bootstrap, "pause_topic", ["%d,second" % i for i in range(10, 20)],
            partitions=2)
    # A witness job on the same topic loads all 20: time enough for a running job to have
    # loaded the new rows, yet the paused one did not.
    create_job(server, kafka, "pause_witness_job", "pause_witness_t", "pause_topic", load=[CSV])
    wait_for_count(server, "rl.pause_witness_t", 20)
    assert count(server, "rl.pause_t") == 10
    assert show_job(server, DB, "pause_job")["State"] == "PAUSED"

    sql(server, "RESUME ROUTINE LOAD FOR rl.pause_job")
    wait_for_count(server, "rl.pause_t", 20)
    assert distinct_keys(server, "pause_t") == 20
    job = wait_for_state(server, DB, "pause_job", "RUNNING")
    assert job["ReasonOfStateChanged"] == ""


def test_pausing_a_paused_job_is_an_error(server, kafka, rl):
    kafka.create_topic("pause2_topic", partitions=1)
    create_kv_table(server, "pause2_t")
    create_job(server, kafka, "pause2_job", "pause2_t", "pause2_topic", load=[CSV])
    sql(server, "PAUSE ROUTINE LOAD FOR rl.pause2_job")
    error = sql_error(server, "PAUSE ROUTINE LOAD FOR rl.pause2_job")
    assert "Could not transform PAUSED to PAUSED" in error.message
    assert show_job(server, DB, "pause2_job")["State"] == "PAUSED"


def test_alter_is_only_for_paused_jobs_and_changes_job_properties(server, kafka, rl):
    kafka.create_topic("alter_topic", partitions=3)
    create_kv_table(server, "alter_t")
    create_job(server, kafka, "alter_job", "alter_t", "alter_topic", load=[CSV],
               properties={"desired_concurrent_number": "3"})
    wait_for_state(server, DB, "alter_job", "RUNNING")
    alter = ('ALTER ROUTINE LOAD FOR rl.alter_job PROPERTIES ("desired_concurrent_number" = "1", '
             '"max_error_number" = "7")')
    assert "Only supports modification of PAUSED jobs" in sql_error(server, alter).message

    sql(server, "PAUSE ROUTINE LOAD FOR rl.alter_job")
    sql(server, alter)
    props = show_job(server, DB, "alter_job")["JobProperties"]
    assert props["desireTaskConcurrentNum"] == "1"
    assert props["maxErrorNum"] == "7"
    sql(server, "RESUME ROUTINE LOAD FOR rl.alter_job")
    job = wait_for_state(server, DB, "alter_job", "RUNNING")
    assert job["CurrentTaskNum"] == "1"
    produce(kafka.bootstrap, "alter_topic", ["1,a", "2,b", "3,c"], partitions=3)
    wait_for_count(server, "rl.alter_t", 3)


def test_alter_changes_the_columns_and_where_of_a_paused_job(server, kafka, rl):
    kafka.create_topic("alterload_topic", partitions=1)
    create_kv_table(server, "alterload_t")
    produce(kafka.bootstrap, "alterload_topic", ["1,a", "2,b"], partition=0)
    create_job(server, kafka, "alterload_job", "alterload_t", "alterload_topic",
               load=[CSV, "COLUMNS(k, v)"])
    wait_for_count(server, "rl.alterload_t", 2)
    sql(server, "PAUSE ROUTINE LOAD FOR rl.alterload_job")
    sql(server, 'ALTER ROUTINE LOAD FOR rl.alterload_job '
                'COLUMNS(k, tmp, v = concat(tmp, "!")), WHERE k > 3')
    props = show_job(server, DB, "alterload_job")["JobProperties"]
    assert props["columnToColumnExpr"] == 'k,tmp,v = concat(tmp, "!")'
    assert props["whereExpr"] == "k > 3"
    produce(kafka.bootstrap, "alterload_topic", ["3,c", "4,d"], partition=0)
    sql(server, "RESUME ROUTINE LOAD FOR rl.alterload_job")
    wait_for_count(server, "rl.alterload_t", 3)
    assert sorted(sql(server, "SELECT k, v FROM rl.alterload_t")) == [
        (1, "a"), (2, "b"), (4, "d!")]


def test_alter_offsets_back_to_the_beginning_loads_the_topic_again(server, kafka, rl):
    kafka.create_topic("rewind_topic", partitions=2)
    create_kv_table(server, "rewind_t")
    produce(kafka.bootstrap, "rewind_topic", ["%d,v" % i for i in range(8)], partitions=2)
    create_job(server, kafka, "rewind_job", "rewind_t", "rewind_topic", load=[CSV])
    wait_for_count(server, "rl.rewind_t", 8)
    wait_for_job(server, DB, "rewind_job", lambda j: j["Progress"] == {"0": "3", "1": "3"},
                 "Progress 3, 3")

    sql(server, "PAUSE ROUTINE LOAD FOR rl.rewind_job")
    sql(server, 'ALTER ROUTINE LOAD FOR rl.rewind_job FROM KAFKA ('
                '"kafka_partitions" = "0,1", '
                '"kafka_offsets" = "OFFSET_BEGINNING,OFFSET_BEGINNING")')
    assert show_job(server, DB, "rewind_job")["Progress"] == {"0": "OFFSET_BEGINNING",
                                                             "1": "OFFSET_BEGINNING"}
    sql(server, "RESUME ROUTINE LOAD FOR rl.rewind_job")
    # A DUPLICATE KEY table keeps both copies.
    wait_for_count(server, "rl.rewind_t", 16)
    assert distinct_keys(server, "rewind_t") == 8
    wait_for_job(server, DB, "rewind_job", lambda j: j["Progress"] == {"0": "3", "1": "3"},
                 "Progress 3, 3 again")


def test_alter_offsets_of_a_partition_the_job_does_not_consume_is_refused(server, kafka, rl):
    kafka.create_topic("alterpart_topic", partitions=2)
    create_kv_table(server, "alterpart_t")
    create_job(server, kafka, "alterpart_job", "alterpart_t", "alterpart_topic", load=[CSV],
               source={"kafka_partitions": "0,1"})
    wait_for_state(server, DB, "alterpart_job", "RUNNING")
    sql(server, "PAUSE ROUTINE LOAD FOR rl.alterpart_job")
    error = sql_error(server, 'ALTER ROUTINE LOAD FOR rl.alterpart_job FROM KAFKA ('
                              '"kafka_partitions" = "5", "kafka_offsets" = "OFFSET_BEGINNING")')
    assert "5" in error.message and "consumed partitions" in error.message


def test_stop_is_final(server, kafka, rl):
    kafka.create_topic("stop_topic", partitions=1)
    create_kv_table(server, "stop_t")
    create_job(server, kafka, "stop_job", "stop_t", "stop_topic", load=[CSV])
    wait_for_state(server, DB, "stop_job", "RUNNING")
    sql(server, "STOP ROUTINE LOAD FOR rl.stop_job")

    job = show_job(server, DB, "stop_job")
    assert job["State"] == "STOPPED"
    assert TIME.match(job["EndTime"])
    assert job["CurrentTaskNum"] == "0"
    assert "stop_job" not in [j["Name"] for j in show_jobs(server, "SHOW ROUTINE LOAD FROM rl")]
    for statement in ("RESUME ROUTINE LOAD FOR rl.stop_job", "PAUSE ROUTINE LOAD FOR rl.stop_job",
                      "STOP ROUTINE LOAD FOR rl.stop_job",
                      'ALTER ROUTINE LOAD FOR rl.stop_job PROPERTIES ("max_error_number" = "1")'):
        error = sql_error(server, statement)
        assert "There is not operable routine load job with name stop_job" in error.message, \
            statement
    produce(kafka.bootstrap, "stop_topic", ["1,a"], partition=0)
    create_kv_table(server, "stop_witness_t")
    create_job(server, kafka, "stop_witness_job", "stop_witness_t", "stop_topic", load=[CSV])
    wait_for_count(server, "rl.stop_witness_t", 1)
    assert count(server, "rl.stop_t") == 0


def test_a_new_job_may_reuse_the_name_of_a_stopped_one(server, kafka, rl):
    kafka.create_topic("reuse_topic", partitions=1)
    create_kv_table(server, "reuse_t")
    create_job(server, kafka, "reuse_job", "reuse_t", "reuse_topic", load=[CSV])
    sql(server, "STOP ROUTINE LOAD FOR rl.reuse_job")
    produce(kafka.bootstrap, "reuse_topic", ["1,a", "2,b"], partition=0)
    create_job(server, kafka, "reuse_job", "reuse_t", "reuse_topic", load=[CSV])
    wait_for_count(server, "rl.reuse_t", 2)
    jobs = show_jobs(server, "SHOW ALL ROUTINE LOAD FOR rl.reuse_job")
    assert [j["State"] for j in jobs] == ["STOPPED", "RUNNING"]
    assert int(jobs[1]["Id"]) > int(jobs[0]["Id"])
    # Statements address the job that is not final.
    sql(server, "PAUSE ROUTINE LOAD FOR rl.reuse_job")
    assert [j["State"] for j in show_jobs(server, "SHOW ALL ROUTINE LOAD FOR rl.reuse_job")] == [
        "STOPPED", "PAUSED"]


# --- 4. validation and privileges ----------------------------------------------------------------

@pytest.mark.parametrize("case, expected", [
    ({"properties": {"xxx": "1"}}, "xxx is invalid property"),
    ({"properties": {"max_batch_interval": "4"}}, "max_batch_interval should >= 5"),
    ({"properties": {"format": "xml"}}, "Format type is invalid. format=`xml`"),
    ({"source": {"kafka_topic": None}}, "kafka_topic is a required property"),
    ({"source": {"kafka_broker_list": None}}, "kafka_broker_list is a required property"),
    ({"source": {"yyy": "1"}}, "yyy is invalid kafka custom property"),
    ({"source": {"kafka_partitions": "0,1", "kafka_offsets": "OFFSET_BEGINNING"}},
     "Partitions number should be equals to offsets number"),
    ({"load": [CSV, "COLUMNS(k, v = nosuch + 1)"]}, "Unknown column 'nosuch'"),
    ({"load": [CSV, "COLUMNS(k, tmp, nosuch = tmp)"]}, "Unknown column 'nosuch'"),
    ({"load": [CSV, "WHERE nosuch > 1"]}, "Unknown column 'nosuch'"),
], ids=["unknown-property", "max-batch-interval", "format-xml", "no-topic", "no-brokers",
        "unknown-kafka-property", "offsets-count", "unknown-column-in-expr",
        "unknown-target-column", "unknown-column-in-where"])
def test_create_refuses_invalid_jobs_with_starrocks_messages(server, kafka, rl, case, expected):
    create_kv_table(server, "invalid_t")
    error = sql_error(server, create_job_sql(kafka, "invalid_job", "invalid_t", "invalid_topic",
                                             **case))
    assert expected in error.message
    assert "invalid_job" not in [j["Name"] for j in show_jobs(server, "SHOW ALL ROUTINE LOAD "
                                                                        "FROM rl")]


def test_a_job_name_is_unique_among_live_jobs_of_a_database(server, kafka, rl):
    create_kv_table(server, "dup_t")
    create_job(server, kafka, "dup_job", "dup_t", "dup_topic", load=[CSV])
    error = sql_error(server, create_job_sql(kafka, "dup_job", "dup_t", "dup_topic", load=[CSV]))
    assert "Name dup_job already used in db rl" in error.message


def test_managing_a_job_needs_insert_on_its_table(server, kafka, rl):
    kafka.create_topic("priv_topic", partitions=1)
    create_kv_table(server, "priv_t")
    sql(server, "CREATE USER rl_reader IDENTIFIED BY 'pw'")
    sql(server, "GRANT SELECT ON rl.priv_t TO rl_reader")
    reader = {"user": "rl_reader", "password": "pw"}

    error = sql_error(server, create_job_sql(kafka, "priv_reader_job", "priv_t", "priv_topic",
                                             load=[CSV]), **reader)
    assert error.code == 1142 and "INSERT command denied" in error.message
    create_job(server, kafka, "priv_job", "priv_t", "priv_topic", load=[CSV])
    for statement in ("PAUSE ROUTINE LOAD FOR rl.priv_job", "RESUME ROUTINE LOAD FOR rl.priv_job",
                      "STOP ROUTINE LOAD FOR rl.priv_job", "SHOW ROUTINE LOAD FOR rl.priv_job",
                      'SHOW ROUTINE LOAD TASK FROM rl WHERE JobName = "priv_job"',
                      "SHOW CREATE ROUTINE LOAD rl.priv_job",
                      'ALTER ROUTINE LOAD FOR rl.priv_job PROPERTIES ("max_error_number" = "1")'):
        error = sql_error(server, statement, **reader)
        assert error.code == 1142, (statement, error)
    # SHOW lists only the jobs whose table the user may load.
    assert show_jobs(server, "SHOW ALL ROUTINE LOAD FROM rl", **reader) == []

    sql(server, "GRANT INSERT ON rl.priv_t TO rl_reader")
    sql(server, "PAUSE ROUTINE LOAD FOR rl.priv_job", **reader)
    assert [j["Name"] for j in show_jobs(server, "SHOW ROUTINE LOAD FROM rl", **reader)] == [
        "priv_job"]
    sql(server, "RESUME ROUTINE LOAD FOR rl.priv_job", **reader)
    sql(server, create_job_sql(kafka, "priv_reader_job", "priv_t", "priv_topic", load=[CSV]),
        **reader)
    produce(kafka.bootstrap, "priv_topic", ["1,a"], partition=0)
    wait_for_count(server, "rl.priv_t", 2)  # both jobs load the one message


# --- 5. error rows -------------------------------------------------------------------------------

def test_max_error_number_zero_commits_the_good_rows_then_pauses(server, kafka, rl):
    kafka.create_topic("errnum_topic", partitions=1)
    create_kv_table(server, "errnum_t")
    produce(kafka.bootstrap, "errnum_topic", ["1,good", "abc,bad", "3,good"], partition=0)
    create_job(server, kafka, "errnum_job", "errnum_t", "errnum_topic", load=[CSV])

    job = wait_for_state(server, DB, "errnum_job", "PAUSED")
    assert "errCode = 102" in job["ReasonOfStateChanged"]
    assert "more than max error num" in job["ReasonOfStateChanged"]
    # The offending batch commits its good rows (reference §5) ...
    assert sorted(sql(server, "SELECT k, v FROM rl.errnum_t")) == [(1, "good"), (3, "good")]
    assert job["Statistic"]["errorRows"] == 1
    assert job["Statistic"]["loadedRows"] == 2
    assert job["Progress"] == {"0": "2"}
    # ... and the error log behind ErrorLogUrls names the bad row.
    urls = job["ErrorLogUrls"]
    assert urls.startswith("http://") and "_load_error_log?file=" in urls
    log = http_get(urls.split(",")[0].strip())
    assert "abc,bad" in log


def test_max_error_number_allows_that_many_error_rows_then_pauses(server, kafka, rl):
    kafka.create_topic("errwin_topic", partitions=1)
    create_kv_table(server, "errwin_t")
    produce(kafka.bootstrap, "errwin_topic", ["x,bad", "1,good", "y,bad"], partition=0)
    create_job(server, kafka, "errwin_job", "errwin_t", "errwin_topic", load=[CSV],
               properties={"max_error_number": "2"})
    job = wait_for_job(server, DB, "errwin_job", lambda j: j["Statistic"]["totalRows"] == 3,
                       "3 rows read")
    assert job["State"] == "RUNNING"  # 2 error rows are not more than 2
    assert job["Statistic"]["errorRows"] == 2

    produce(kafka.bootstrap, "errwin_topic", ["z,bad", "2,good"], partition=0)
    job = wait_for_state(server, DB, "errwin_job", "PAUSED")
    assert "errCode = 102" in job["ReasonOfStateChanged"]
    assert "3 is more than max error num: 2" in job["ReasonOfStateChanged"]
    assert sorted(sql(server, "SELECT k FROM rl.errwin_t")) == [(1,), (2,)]


def test_max_filter_ratio_exceeded_pauses_and_loads_nothing_of_the_batch(server, kafka, rl):
    kafka.create_topic("ratio_topic", partitions=1)
    create_kv_table(server, "ratio_t")
    produce(kafka.bootstrap, "ratio_topic", ["1,good", "x,bad", "3,good", "y,bad"], partition=0)
    create_job(server, kafka, "ratio_job", "ratio_t", "ratio_topic", load=[CSV],
               properties={"max_filter_ratio": "0.2", "max_error_number": "100"})

    job = wait_for_state(server, DB, "ratio_job", "PAUSED")
    assert "errCode = 102" in job["ReasonOfStateChanged"]
    assert "too many filtered rows" in job["ReasonOfStateChanged"]
    assert count(server, "rl.ratio_t") == 0
    assert job["Statistic"]["loadedRows"] == 0
    assert job["Statistic"]["committedTaskNum"] == 0
    assert job["Statistic"]["abortedTaskNum"] >= 1
    assert job["Progress"] == {"0": "OFFSET_BEGINNING"}  # the offsets did not move

    # With a ratio that allows the errors, the same batch loads its good rows.
    sql(server, 'ALTER ROUTINE LOAD FOR rl.ratio_job PROPERTIES ("max_filter_ratio" = "0.6")')
    sql(server, "RESUME ROUTINE LOAD FOR rl.ratio_job")
    wait_for_count(server, "rl.ratio_t", 2)
    assert sorted(sql(server, "SELECT k FROM rl.ratio_t")) == [(1,), (3,)]


def test_max_filter_ratio_pause_leaves_an_error_log_url(server, kafka, rl):
    kafka.create_topic("ratiolog_topic", partitions=1)
    create_kv_table(server, "ratiolog_t")
    produce(kafka.bootstrap, "ratiolog_topic", ["1,good", "x,bad"], partition=0)
    create_job(server, kafka, "ratiolog_job", "ratiolog_t", "ratiolog_topic", load=[CSV],
               properties={"max_filter_ratio": "0.2", "max_error_number": "100"})
    job = wait_for_state(server, DB, "ratiolog_job", "PAUSED")
    # The reason sends the user to ErrorLogUrls: the aborted batch's error log must be there.
    assert "ErrorLogUrls" in job["ReasonOfStateChanged"]
    assert "_load_error_log?file=" in job["ErrorLogUrls"], job
    assert "x,bad" in http_get(job["ErrorLogUrls"].split(",")[0].strip())


def test_strict_mode_filters_a_failed_conversion_that_non_strict_loads_as_null(server, kafka, rl):
    kafka.create_topic("strict_topic", partitions=1)
    for table in ("strict_on_t", "strict_off_t"):
        sql(server, "CREATE TABLE rl.%s (k INT NOT NULL, v INT NULL) DUPLICATE KEY(k) "
                    "DISTRIBUTED BY HASH(k)" % table)
    produce(kafka.bootstrap, "strict_topic", ["1,10", "2,abc", "3,30"], partition=0)
    create_job(server, kafka, "strict_on_job", "strict_on_t", "strict_topic", load=[CSV],
               properties={"strict_mode": "true", "max_error_number": "10"})
    create_job(server, kafka, "strict_off_job", "strict_off_t", "strict_topic", load=[CSV],
               properties={"strict_mode": "false", "max_error_number": "10"})

    wait_for_count(server, "rl.strict_off_t", 3)
    assert sorted(sql(server, "SELECT k, v FROM rl.strict_off_t")) == [
        (1, 10), (2, None), (3, 30)]
    wait_for_job(server, DB, "strict_on_job", lambda j: j["Statistic"]["totalRows"] == 3,
                 "the strict job read the 3 rows")
    assert sorted(sql(server, "SELECT k, v FROM rl.strict_on_t")) == [(1, 10), (3, 30)]
    strict = show_job(server, DB, "strict_on_job")
    assert strict["Statistic"]["errorRows"] == 1
    assert strict["JobProperties"]["strict_mode"] == "true"
    assert strict["State"] == "RUNNING"  # 1 error row <= max_error_number 10
    assert show_job(server, DB, "strict_off_job")["Statistic"]["errorRows"] == 0


# --- 6. restart ----------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["graceful", "kill9"])
def test_a_job_survives_a_restart_and_loads_every_row_once(kafka, how):
    topic = "restart_%s_topic" % how
    kafka.create_topic(topic, partitions=3)
    srv = TributaryServer()
    srv.start()
    try:
        sql(srv, "CREATE DATABASE rl")
        create_kv_table(srv, "restart_t")
        create_job(srv, kafka, "restart_job", "restart_t", topic, load=[CSV])
        produce(kafka.bootstrap, topic, ["%d,before" % i for i in range(300)], partitions=3)
        wait_for_count(srv, "rl.restart_t", 300)

        # More rows, and the server goes down while it may be loading them.
        produce(kafka.bootstrap, topic, ["%d,during" % i for i in range(300, 600)],
                partitions=3)
        if how == "graceful":
            assert srv.stop() == 0
        else:
            srv.kill()
        srv.restart()

        wait_for_state(srv, DB, "restart_job", "RUNNING")
        for partition in range(3):  # kcat this time
            kcat_produce(kafka.bootstrap, topic,
                         ["%d,after" % i for i in range(600 + partition, 900, 3)], partition)
        wait_for_count(srv, "rl.restart_t", 900)
        assert sql(srv, "SELECT count(DISTINCT k), min(k), max(k) FROM rl.restart_t") == \
            ((900, 0, 899),)
        job = wait_for_job(srv, DB, "restart_job",
                           lambda j: j["Progress"] == {"0": "299", "1": "299", "2": "299"},
                           "Progress 299 on every partition")
        # The statistics were committed with the rows: they count each row once too.
        assert job["Statistic"]["loadedRows"] == 900
    finally:
        srv.cleanup()


def test_paused_and_stopped_jobs_keep_their_state_and_progress_across_a_restart(kafka):
    kafka.create_topic("states_topic", partitions=1)
    produce(kafka.bootstrap, "states_topic", ["1,a", "2,b"], partition=0)
    srv = TributaryServer()
    srv.start()
    try:
        sql(srv, "CREATE DATABASE rl")
        create_kv_table(srv, "states_t")
        for name in ("paused_job", "stopped_job"):
            create_job(srv, kafka, name, "states_t", "states_topic", load=[CSV])
        wait_for_count(srv, "rl.states_t", 4)
        sql(srv, "PAUSE ROUTINE LOAD FOR rl.paused_job")
        sql(srv, "STOP ROUTINE LOAD FOR rl.stopped_job")
        keys = ("Id", "State", "Progress", "Statistic", "ReasonOfStateChanged", "CreateTime",
                "PauseTime", "EndTime", "JobProperties")

        def snapshot():
            return {j["Name"]: {k: j[k] for k in keys}
                    for j in show_jobs(srv, "SHOW ALL ROUTINE LOAD FROM rl")}

        before = snapshot()
        srv.kill()
        srv.restart()
        assert snapshot() == before
        # The paused job resumes from its progress; the stopped one stays stopped.
        produce(kafka.bootstrap, "states_topic", ["3,c"], partition=0)
        sql(srv, "RESUME ROUTINE LOAD FOR rl.paused_job")
        wait_for_count(srv, "rl.states_t", 5)
    finally:
        srv.cleanup()


# --- 7. partitions added while running -----------------------------------------------------------

def test_partitions_added_to_the_topic_are_discovered_and_loaded(server, kafka, rl):
    kafka.create_topic("grow_topic", partitions=2)
    create_kv_table(server, "grow_t")
    produce(kafka.bootstrap, "grow_topic", ["1,a", "2,b"], partitions=2)
    # No kafka_partitions: every partition, and new ones start at kafka_default_offsets.
    create_job(server, kafka, "grow_job", "grow_t", "grow_topic", load=[CSV])
    wait_for_count(server, "rl.grow_t", 2)

    from confluent_kafka.admin import AdminClient, NewPartitions
    admin = AdminClient({"bootstrap.servers": kafka.bootstrap})
    future = admin.create_partitions([NewPartitions("grow_topic", 4)],
                                     request_timeout=5)["grow_topic"]
    try:
        future.result(timeout=30)
    except confluent_kafka.KafkaException as e:
        pytest.skip("kafka_test_cluster (librdkafka 2.0.2's mock) cannot add partitions to a "
                    "topic (CreatePartitions: %s)" % e)

    produce(kafka.bootstrap, "grow_topic", ["3,c", "4,d"], partition=2)
    produce(kafka.bootstrap, "grow_topic", ["5,e"], partition=3)
    wait_for_count(server, "rl.grow_t", 5)
    wait_for_job(server, DB, "grow_job",
                 lambda j: j["DataSourceProperties"]["currentKafkaPartitions"] == "0,1,2,3",
                 "4 partitions consumed")


def test_partitions_that_appear_after_the_first_split_start_at_their_beginning(server, kafka, rl):
    """The same topic on a cluster where it has two more partitions (ALTER kafka_broker_list):
    the split finds partitions 2 and 3, which the job never had, and reads them from their
    first message - not from kafka_default_offsets (OFFSET_END here), which would skip rows
    produced to a new partition before the job noticed it. Partitions 0 and 1 continue from
    their progress. (The mock cluster cannot add partitions to a live topic; see the test
    above.)"""
    kafka.create_topic("moved_topic", partitions=2)
    create_kv_table(server, "moved_t")
    create_job(server, kafka, "moved_job", "moved_t", "moved_topic", load=[CSV],
               source={"property.kafka_default_offsets": "OFFSET_END"})
    wait_for_job(server, DB, "moved_job", lambda j: j["Progress"] == {"0": "OFFSET_ZERO",
                                                                      "1": "OFFSET_ZERO"},
                 "OFFSET_END resolved and kept for both partitions")
    produce(kafka.bootstrap, "moved_topic", ["1,a", "2,b"], partitions=2)
    wait_for_count(server, "rl.moved_t", 2)

    bigger = KafkaTestCluster(brokers=1, topics={"moved_topic": 4})
    bigger.start()
    try:
        # Partitions 0 and 1 hold what the job read already (the same offsets), 2 and 3 are new.
        produce(bigger.bootstrap, "moved_topic", ["101,x", "102,y"], partitions=2)
        produce(bigger.bootstrap, "moved_topic", ["3,c", "4,d"], partition=2)
        produce(bigger.bootstrap, "moved_topic", ["5,e"], partition=3)
        sql(server, "PAUSE ROUTINE LOAD FOR rl.moved_job")
        sql(server, 'ALTER ROUTINE LOAD FOR rl.moved_job FROM KAFKA ("kafka_broker_list" = %s)'
            % q(bigger.bootstrap))
        sql(server, "RESUME ROUTINE LOAD FOR rl.moved_job")

        wait_for_count(server, "rl.moved_t", 5)
        job = wait_for_job(server, DB, "moved_job",
                           lambda j: j["Progress"] == {"0": "0", "1": "0", "2": "1", "3": "0"},
                           "every partition consumed to its end")
        assert job["DataSourceProperties"]["currentKafkaPartitions"] == "0,1,2,3"
        assert sorted(r[0] for r in sql(server, "SELECT k FROM rl.moved_t")) == [1, 2, 3, 4, 5]
    finally:
        bigger.cleanup()


def test_an_unknown_topic_pauses_the_job_and_resume_loads_once_it_is_back(server, kafka, rl):
    # The mock auto-creates any topic a Metadata request names (it advertises no Metadata v4,
    # so allow.auto.create.topics=false cannot be sent): an unknown topic is simulated by
    # making the topic's metadata answer UNKNOWN_TOPIC_OR_PART.
    kafka.create_topic("late_topic", partitions=2)
    kafka.set_topic_error("late_topic", "UNKNOWN_TOPIC_OR_PART")
    create_kv_table(server, "late_t")
    create_job(server, kafka, "late_job", "late_t", "late_topic", load=[CSV])
    job = wait_for_state(server, DB, "late_job", "PAUSED")
    assert "late_topic" in job["ReasonOfStateChanged"], job["ReasonOfStateChanged"]
    assert "errCode = 4" in job["ReasonOfStateChanged"]

    kafka.set_topic_error("late_topic", 0)
    produce(kafka.bootstrap, "late_topic", ["1,a", "2,b"], partitions=2)
    sql(server, "RESUME ROUTINE LOAD FOR rl.late_job")
    wait_for_count(server, "rl.late_t", 2)
    job = wait_for_state(server, DB, "late_job", "RUNNING")
    assert job["DataSourceProperties"]["currentKafkaPartitions"] == "0,1"


# --- 8. dropping the table -----------------------------------------------------------------------

def test_dropping_the_table_cancels_the_job(server, kafka, rl):
    kafka.create_topic("drop_topic", partitions=1)
    create_kv_table(server, "drop_t")
    create_job(server, kafka, "drop_job", "drop_t", "drop_topic", load=[CSV])
    wait_for_state(server, DB, "drop_job", "RUNNING")
    sql(server, "DROP TABLE rl.drop_t")

    job = wait_for_state(server, DB, "drop_job", "CANCELLED")
    assert "table" in job["ReasonOfStateChanged"]
    assert "errCode = 6" in job["ReasonOfStateChanged"]
    assert TIME.match(job["EndTime"])
    assert "drop_job" not in [j["Name"] for j in show_jobs(server, "SHOW ROUTINE LOAD FROM rl")]
    error = sql_error(server, "RESUME ROUTINE LOAD FOR rl.drop_job")
    assert "There is not operable routine load job with name drop_job" in error.message


def test_task_concurrency_is_the_least_of_partitions_desired_and_the_config(server, kafka, rl):
    """min(partitions, desired_concurrent_number, max_routine_load_task_concurrent_num); the
    config is read when a job is split, so RESUME applies a new value."""
    kafka.create_topic("conc_topic", partitions=6)
    create_kv_table(server, "conc_t")
    produce(kafka.bootstrap, "conc_topic", ["%d,v" % k for k in range(60)], partitions=6)
    sql(server, 'ADMIN SET FRONTEND CONFIG ("max_routine_load_task_concurrent_num" = "2")')
    try:
        create_job(server, kafka, "conc_job", "conc_t", "conc_topic", load=[CSV],
                   properties={"desired_concurrent_number": "4"})
        job = wait_for_state(server, DB, "conc_job", "RUNNING")
        assert job["CurrentTaskNum"] == "2"
        wait_for_count(server, "rl.conc_t", 60)

        sql(server, "PAUSE ROUTINE LOAD FOR rl.conc_job")
        sql(server, 'ADMIN SET FRONTEND CONFIG ("max_routine_load_task_concurrent_num" = "5")')
        sql(server, "RESUME ROUTINE LOAD FOR rl.conc_job")
        job = wait_for_state(server, DB, "conc_job", "RUNNING")
        assert job["CurrentTaskNum"] == "4"  # now desired_concurrent_number decides
        columns, tasks = sql(server, 'SHOW ROUTINE LOAD TASK FROM rl WHERE JobName = "conc_job"',
                             with_columns=True)
        partitions = sorted(
            sorted(int(p) for p in json.loads(
                t[columns.index("DataSourceProperties")].split("Progress:")[1]
                .split(",LatestOffset:")[0]))
            for t in tasks)
        assert partitions == [[0, 4], [1, 5], [2], [3]]  # partition j -> task j mod 4
    finally:
        sql(server, 'ADMIN SET FRONTEND CONFIG ("max_routine_load_task_concurrent_num" = "5")')


def test_a_job_lagging_behind_its_messages_shows_unstable_until_it_catches_up(server, kafka, rl):
    """UNSTABLE replaces RUNNING while the newest consumed message is older than
    routine_load_unstable_threshold_second; a task that finds no new data clears it."""
    import confluent_kafka
    import time
    kafka.create_topic("lag_topic", partitions=1)
    create_kv_table(server, "lag_t")
    sql(server, 'ADMIN SET FRONTEND CONFIG ("routine_load_unstable_threshold_second" = "60")')
    try:
        producer = confluent_kafka.Producer({"bootstrap.servers": kafka.bootstrap})
        ten_minutes_ago_ms = int(time.time() * 1000) - 600 * 1000
        for k in range(3):
            producer.produce("lag_topic", value=b"%d,old" % k, partition=0,
                             timestamp=ten_minutes_ago_ms)
        assert producer.flush(30) == 0
        create_job(server, kafka, "lag_job", "lag_t", "lag_topic", load=[CSV])

        wait_for_state(server, DB, "lag_job", "UNSTABLE")
        wait_for_count(server, "rl.lag_t", 3)
        wait_for_state(server, DB, "lag_job", "RUNNING")  # the next task found no new data
    finally:
        sql(server, 'ADMIN SET FRONTEND CONFIG ("routine_load_unstable_threshold_second" = "3600")')


def test_brokers_slower_than_a_task_stall_it_visibly_and_nothing_loads_twice(server, kafka, rl):
    """Brokers answering slower than task_consume_second: every Kafka call of a task is bounded
    by it, so tasks end empty-handed (never hang), OtherMsg names the partitions that sent
    nothing, and once Kafka is fast again every row loads once."""
    kafka.create_topic("slow_topic", partitions=2)
    create_kv_table(server, "slow_t")
    produce(kafka.bootstrap, "slow_topic", ["%d,v" % k for k in range(200)], partitions=2)
    for broker in (1, 2, 3):
        kafka.set_rtt(broker, 2500)
    try:
        create_job(server, kafka, "slow_job", "slow_t", "slow_topic", load=[CSV],
                   properties={"task_consume_second": "1", "task_timeout_second": "2"})
        job = wait_for_job(server, DB, "slow_job",
                           lambda j: "sent nothing within task_consume_second" in j["OtherMsg"],
                           "OtherMsg naming the partitions that sent nothing")
        assert job["State"] == "RUNNING"
    finally:
        for broker in (1, 2, 3):
            kafka.set_rtt(broker, 0)

    wait_for_count(server, "rl.slow_t", 200)
    assert distinct_keys(server, "slow_t") == 200
    job = wait_for_job(server, DB, "slow_job",
                       lambda j: j["Progress"] == {"0": "99", "1": "99"},
                       "progress at the end of both partitions")
    assert job["Statistic"]["loadedRows"] == 200


# --- 9. load options -----------------------------------------------------------------------------

def test_json_with_strip_outer_array_and_json_root(server, kafka, rl):
    kafka.create_topic("jsonroot_topic", partitions=1)
    create_kv_table(server, "jsonroot_t")
    produce(kafka.bootstrap, "jsonroot_topic", [
        '{"RECORDS": [{"k": 1, "v": "a"}, {"v": "b", "k": 2}]}',
        '{"RECORDS": [{"k": 3}]}',
    ], partition=0)
    create_job(server, kafka, "jsonroot_job", "jsonroot_t", "jsonroot_topic",
               properties={"format": "json", "strip_outer_array": "true",
                           "json_root": "$.RECORDS"})
    wait_for_count(server, "rl.jsonroot_t", 3)
    assert sorted(sql(server, "SELECT k, v FROM rl.jsonroot_t")) == [
        (1, "a"), (2, "b"), (3, None)]
    props = show_job(server, DB, "jsonroot_job")["JobProperties"]
    assert (props["format"], props["strip_outer_array"], props["json_root"]) == (
        "json", "true", "$.RECORDS")


def test_json_array_without_strip_outer_array_is_an_error_row(server, kafka, rl):
    kafka.create_topic("jsonarr_topic", partitions=1)
    create_kv_table(server, "jsonarr_t")
    produce(kafka.bootstrap, "jsonarr_topic", ['{"k": 1, "v": "a"}', '[{"k": 2, "v": "b"}]'],
            partition=0)
    create_job(server, kafka, "jsonarr_job", "jsonarr_t", "jsonarr_topic",
               properties={"format": "json"})
    job = wait_for_state(server, DB, "jsonarr_job", "PAUSED")
    assert "errCode = 102" in job["ReasonOfStateChanged"]
    assert sql(server, "SELECT k, v FROM rl.jsonarr_t") == ((1, "a"),)
    log = http_get(job["ErrorLogUrls"].split(",")[0].strip())
    assert "strip_outer_array" in log


def test_csv_with_enclose_and_escape(server, kafka, rl):
    kafka.create_topic("enclose_topic", partitions=1)
    create_kv_table(server, "enclose_t")
    produce(kafka.bootstrap, "enclose_topic", [
        '1,"a,b"',
        '2,"say ""hi"""',
        '3,"back\\"slash"',
        '4,plain',
        '5,"multi\nline"',
    ], partition=0)
    create_job(server, kafka, "enclose_job", "enclose_t", "enclose_topic", load=[CSV],
               properties={"enclose": '"', "escape": "\\"})
    wait_for_count(server, "rl.enclose_t", 5)
    assert sorted(sql(server, "SELECT k, v FROM rl.enclose_t")) == [
        (1, "a,b"), (2, 'say "hi"'), (3, 'back"slash'), (4, "plain"), (5, "multi\nline")]
    props = show_job(server, DB, "enclose_job")["JobProperties"]
    assert (props["enclose"], props["escape"]) == ('"', "\\")


def test_where_unselects_rows_and_counts_them_in_statistic(server, kafka, rl):
    kafka.create_topic("where_topic", partitions=2)
    sql(server, "CREATE TABLE rl.where_t (k INT NOT NULL, v INT) DUPLICATE KEY(k) "
                "DISTRIBUTED BY HASH(k)")
    kcat_produce(kafka.bootstrap, "where_topic", ["1,5", "2,15", "3,25"], partition=0)
    kcat_produce(kafka.bootstrap, "where_topic", ["4,1", "5,50"], partition=1)
    create_job(server, kafka, "where_job", "where_t", "where_topic",
               load=[CSV, "COLUMNS(k, v)", "WHERE v > 10"])
    wait_for_count(server, "rl.where_t", 3)
    wait_for_job(server, DB, "where_job", lambda j: j["Statistic"]["totalRows"] == 5,
                 "5 rows read")
    assert sorted(sql(server, "SELECT k FROM rl.where_t")) == [(2,), (3,), (5,)]
    job = show_job(server, DB, "where_job")
    stats = job["Statistic"]
    assert (stats["totalRows"], stats["loadedRows"], stats["unselectedRows"],
            stats["errorRows"]) == (5, 3, 2, 0)
    assert job["State"] == "RUNNING"  # unselected rows are not errors
    assert "v > 10" in job["JobProperties"]["whereExpr"]


def test_partition_clause_loads_one_range_partition_and_errors_the_rest(server, kafka, rl):
    kafka.create_topic("part_topic", partitions=1)
    sql(server, "CREATE TABLE rl.part_t (k INT NOT NULL, d DATE NOT NULL) DUPLICATE KEY(k) "
                "PARTITION BY RANGE(d) (PARTITION p1 VALUES LESS THAN ('2020-02-01'), "
                "PARTITION p2 VALUES LESS THAN ('2020-03-01')) DISTRIBUTED BY HASH(k)")
    produce(kafka.bootstrap, "part_topic", ["1,2020-01-10", "2,2020-02-10", "3,2020-01-20"],
            partition=0)
    create_job(server, kafka, "part_job", "part_t", "part_topic",
               load=[CSV, "PARTITION(p1)"], properties={"max_error_number": "10"})
    wait_for_count(server, "rl.part_t", 2)
    wait_for_job(server, DB, "part_job", lambda j: j["Statistic"]["totalRows"] == 3,
                 "3 rows read")
    assert sorted(sql(server, "SELECT k FROM rl.part_t")) == [(1,), (3,)]
    assert sql(server, "SELECT count(*) FROM rl.part_t PARTITION (p2)") == ((0,),)
    job = show_job(server, DB, "part_job")
    assert job["Statistic"]["errorRows"] == 1
    assert job["JobProperties"]["partitions"] == "p1"
    assert job["State"] == "RUNNING"
    assert "2,2020-02-10" in http_get(job["ErrorLogUrls"].split(",")[0].strip())
