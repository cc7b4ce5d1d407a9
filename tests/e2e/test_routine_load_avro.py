"""Routine Load of Avro messages end to end: Confluent-framed Avro in Kafka
(tools/kafka_test_cluster), writer schemas from a Schema Registry
(tests/harness/schema_registry.py), rows in tables, managed with SQL.

Messages are encoded with python3-avro (tests/harness/avro_produce.py) and produced with
confluent-kafka-python; pymysql runs the statements. Each test is one behaviour of StarRocks'
Avro Routine Load (the seed's "Load Avro-format data" section, src/load/avro/avro_reader.h):
the seed's sensor_log example verbatim, every Avro type of the mapping table, two schema versions
in one topic, a registry outage that first keeps the job RUNNING and then pauses it until RESUME,
a registry that hangs, credentials that are wrong or must never show, garbage messages as error
rows, and CREATE's validation messages.

One Kafka cluster, one server and one registry are shared by the module (the outage tests start
their own registry so they can break it); every test uses its own database, tables, topics and
job names, and the jobs still running after a test are stopped so the next one has the
backend's task slots. Tests wait by polling with generous deadlines, never by sleeping.
"""
import datetime
import decimal
import json
import os
import re
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))

from kafka_cluster import KafkaTestCluster  # noqa: E402
from routine_load import (  # noqa: E402
    count, http_get, q, show_job, show_jobs, sql, sql_error, stop_all_jobs, wait_for_count,
    wait_for_job, wait_for_state, wait_until)

from avro_produce import confluent_avro, produce_avro, produce_raw  # noqa: E402
from schema_registry import SchemaRegistry  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED_DIR = os.path.join(REPO, "src", "sql", "testdata", "seed_000")
UTC = datetime.timezone.utc

# Every database a test here creates; their jobs are stopped after each test.
DATABASES = ("example_db", "avro_types", "avro_versions", "avro_outage", "avro_secret",
             "avro_garbage", "avro_validate")

PAUSE_CONFIG = "routine_load_schema_registry_unreachable_pause_second"
PAUSE_CONFIG_DEFAULT = "60"


# --- fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kafka():
    cluster = KafkaTestCluster(brokers=3)
    cluster.start()
    yield cluster
    cluster.cleanup()


@pytest.fixture(scope="module")
def registry():
    with SchemaRegistry() as r:
        yield r


@pytest.fixture(autouse=True)
def stop_jobs_afterwards(server):
    """Stops the jobs a test left running, so they do not hold the backend's task slots."""
    yield
    stop_all_jobs(server, DATABASES)


# --- helpers -------------------------------------------------------------------------------------


def create_avro_job_sql(kafka, registry_url, db, name, table, topic, load=(), properties=None,
                        source=None):
    """CREATE ROUTINE LOAD db.name ON table: `load` clauses, then PROPERTIES (format avro,
    max_batch_interval 5, plus `properties`; a None drops a key) and FROM KAFKA (the cluster,
    `topic`, the registry URL and OFFSET_BEGINNING, plus `source`; a None drops a key)."""
    props = {"format": "avro", "max_batch_interval": "5"}
    props.update(properties or {})
    src = {"kafka_broker_list": kafka.bootstrap, "kafka_topic": topic,
           "confluent.schema.registry.url": registry_url,
           "property.kafka_default_offsets": "OFFSET_BEGINNING"}
    src.update(source or {})
    text = "CREATE ROUTINE LOAD %s.%s ON %s\n" % (db, name, table)
    if load:
        text += ",\n".join(load) + "\n"
    text += "PROPERTIES (%s)\n" % ", ".join("%s = %s" % (q(k), q(v))
                                           for k, v in props.items() if v is not None)
    text += "FROM KAFKA (%s)" % ", ".join("%s = %s" % (q(k), q(v))
                                          for k, v in src.items() if v is not None)
    return text


def create_avro_job(server, kafka, registry_url, db, name, table, topic, **kwargs):
    sql(server, create_avro_job_sql(kafka, registry_url, db, name, table, topic, **kwargs))


def seed_statement(filename, kafka=None, registry_url=None):
    """A seed statement verbatim, with only the broker list and the registry URL filled in."""
    with open(os.path.join(SEED_DIR, filename)) as f:
        text = f.read()
    if kafka is not None:
        text = re.sub(r'("kafka_broker_list"\s*=\s*)"[^"]*"',
                      lambda m: m.group(1) + q(kafka.bootstrap), text)
    if registry_url is not None:
        text = re.sub(r'("confluent\.schema\.registry\.url"\s*=\s*)"[^"]*"',
                      lambda m: m.group(1) + q(registry_url), text)
    return text.strip().rstrip(";")


def set_pause_seconds(server, seconds):
    sql(server, 'ADMIN SET FRONTEND CONFIG ("%s" = "%s")' % (PAUSE_CONFIG, seconds))


def error_log(job):
    """The text behind every URL of the job's ErrorLogUrls."""
    urls = [u.strip() for u in job["ErrorLogUrls"].split(",") if u.strip()]
    assert urls, "ErrorLogUrls is empty: %r" % job
    return "\n".join(http_get(u) for u in urls)


def schema_fetches(registry, schema_id):
    return registry.requests.count(("GET", "/schemas/ids/%d" % schema_id))


# --- 1. the seed's sensor_log example ------------------------------------------------------------

# The seed's avro_schema.avsc, verbatim.
SENSOR_LOG_SCHEMA = """{
    "type": "record",
    "name": "sensor_log",
    "fields" : [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "checked", "type" : "boolean"},
        {"name": "data", "type": "double"},
        {"name": "sensor_type", "type": {"type": "enum", "name": "sensor_type_enum", "symbols" : ["TEMPERATURE", "HUMIDITY", "AIR-PRESSURE"]}}
    ]
}"""
SENSOR_TYPES = ["TEMPERATURE", "HUMIDITY", "AIR-PRESSURE"]


def sensor_record(i):
    return {"id": i, "name": "sensor-%04d" % i, "checked": i % 2 == 0,
            "data": i * 0.5 - 100.125, "sensor_type": SENSOR_TYPES[i % 3]}


def test_seed_sensor_log_example_loads_every_record(server, kafka, registry):
    # "AIR-PRESSURE" is not a legal Avro enum name ([A-Za-z_][A-Za-z0-9_]*); the test registry
    # and producer accept it (tests/harness/avro_produce.parse_schema), as avro-c does, so the
    # seed's schema is used verbatim.
    schema_id = registry.register("topic_0-value", SENSOR_LOG_SCHEMA)
    assert registry.schema(schema_id) == SENSOR_LOG_SCHEMA

    sql(server, "CREATE DATABASE example_db")
    sql(server, seed_statement("05_create_table_sensor_log.sql"))
    kafka.create_topic("topic_0", partitions=6)
    ids = range(1, 1001)
    records = [(i % 6, sensor_record(i)) for i in ids]
    produce_avro(kafka.bootstrap, "topic_0", records, schema_id, SENSOR_LOG_SCHEMA)

    statement = seed_statement("06_create_routine_load_avro.sql", kafka, registry.url)
    assert '"kafka_partitions" = "0,1,2,3,4,5"' in statement
    assert '"property.kafka_default_offsets" = "OFFSET_BEGINNING"' in statement
    sql(server, statement)

    wait_for_count(server, "example_db.sensor_log", 1000)
    assert sql(server, "SELECT sum(id), count(DISTINCT id) FROM example_db.sensor_log")[0] == (
        sum(ids), 1000)
    rows = sql(server, "SELECT id, name, checked, data, sensor_type FROM example_db.sensor_log "
                       "WHERE id IN (1, 2, 3, 500, 1000) ORDER BY id")
    # The enum is its symbol, the boolean 1 / 0, the double exact.
    assert rows == (
        (1, "sensor-0001", 0, -99.625, "HUMIDITY"),
        (2, "sensor-0002", 1, -99.125, "AIR-PRESSURE"),
        (3, "sensor-0003", 0, -98.625, "TEMPERATURE"),
        (500, "sensor-0500", 1, 149.875, "AIR-PRESSURE"),
        (1000, "sensor-1000", 1, 399.875, "HUMIDITY"))
    assert sql(server, "SELECT sensor_type, count(*) FROM example_db.sensor_log "
                       "GROUP BY sensor_type ORDER BY sensor_type") == (
        ("AIR-PRESSURE", 333), ("HUMIDITY", 334), ("TEMPERATURE", 333))

    job = wait_for_job(server, "example_db", "sensor_log_load_job",
                       lambda j: j["Statistic"]["loadedRows"] == 1000, "loadedRows = 1000")
    assert job["State"] == "RUNNING"
    assert job["TableName"] == "sensor_log"
    assert job["Statistic"]["errorRows"] == 0
    assert job["JobProperties"]["format"] == "avro"
    assert job["DataSourceProperties"]["confluent.schema.registry.url"] == registry.url
    assert job["DataSourceProperties"]["topic"] == "topic_0"
    # Progress is the last consumed offset of each pinned partition.
    per_partition = {p: sum(1 for i in ids if i % 6 == p) for p in range(6)}
    assert job["Progress"] == {str(p): str(n - 1) for p, n in per_partition.items()}


# --- 2. every type of the mapping table ----------------------------------------------------------

EVERY_TYPE_SCHEMA = {
    "type": "record", "name": "every_type", "namespace": "e2e.types",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "nothing", "type": "null"},
        {"name": "flag", "type": "boolean"},
        {"name": "i32", "type": "int"},
        {"name": "i64", "type": "long"},
        {"name": "f32", "type": "float"},
        {"name": "f64", "type": "double"},
        {"name": "raw", "type": "bytes"},
        {"name": "text", "type": "string"},
        {"name": "point", "type": {"type": "record", "name": "point", "fields": [
            {"name": "x", "type": "int"}, {"name": "label", "type": "string"}]}},
        {"name": "kind", "type": {"type": "enum", "name": "kind",
                                  "symbols": ["RED", "GREEN", "BLUE"]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attrs", "type": {"type": "map", "values": "long"}},
        {"name": "maybe", "type": ["long", "null"]},
        {"name": "note", "type": ["null", "string"]},
        {"name": "code", "type": {"type": "fixed", "name": "code", "size": 4}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "ts_ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "ts_us", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10,
                                    "scale": 2}},
    ]}

EVERY_TYPE_RECORDS = [
    {"id": 1, "nothing": None, "flag": True, "i32": 2147483647, "i64": 9223372036854775807,
     "f32": 1.5, "f64": 0.1 + 0.2, "raw": b"bytes-1", "text": "h\u00e9llo, w\u00f6rld",
     "point": {"x": 1, "label": "a"}, "kind": "RED", "tags": ["a", "b"],
     "attrs": {"a": 1, "b": -2}, "maybe": 42, "note": "hi", "code": b"AB12",
     "day": datetime.date(2024, 2, 29),
     "ts_ms": datetime.datetime(2024, 5, 1, 10, 11, 12, 345000, tzinfo=UTC),
     "ts_us": datetime.datetime(2024, 5, 1, 10, 11, 12, 345678, tzinfo=UTC),
     "amount": decimal.Decimal("12345678.90")},
    {"id": 2, "nothing": None, "flag": False, "i32": -2147483648, "i64": -9223372036854775808,
     "f32": -0.1, "f64": -2.5e300, "raw": b"", "text": "",
     "point": {"x": -7, "label": 'quote " and \\ backslash'}, "kind": "BLUE", "tags": [],
     "attrs": {}, "maybe": None, "note": None, "code": b"ZZ-9",
     "day": datetime.date(1969, 12, 31),
     "ts_ms": datetime.datetime(1969, 12, 31, 23, 59, 59, 999000, tzinfo=UTC),
     "ts_us": datetime.datetime(1970, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
     "amount": decimal.Decimal("-0.01")},
    {"id": 3, "nothing": None, "flag": True, "i32": 0, "i64": 0, "f32": 0.0, "f64": 0.0,
     "raw": b"x", "text": "plain", "point": {"x": 0, "label": ""}, "kind": "GREEN",
     "tags": ["only"], "attrs": {"k": 0}, "maybe": 0, "note": "", "code": b"0000",
     "day": datetime.date(1970, 1, 1),
     "ts_ms": datetime.datetime(2000, 1, 1, tzinfo=UTC),
     "ts_us": datetime.datetime(2000, 1, 1, tzinfo=UTC),
     "amount": decimal.Decimal("0")},
]


@pytest.fixture(scope="module")
def every_type_topic(server, kafka, registry):
    """A topic holding EVERY_TYPE_RECORDS (on two partitions), and the avro_types database."""
    sql(server, "CREATE DATABASE avro_types")
    schema_id = registry.register("every_type-value", EVERY_TYPE_SCHEMA)
    kafka.create_topic("every_type", partitions=2)
    produce_avro(kafka.bootstrap, "every_type",
                 [(i % 2, r) for i, r in enumerate(EVERY_TYPE_RECORDS)], schema_id,
                 EVERY_TYPE_SCHEMA)
    return "every_type"


def naive_utc(moment):
    return moment.astimezone(UTC).replace(tzinfo=None)


def test_every_avro_type_loads_into_its_column_by_field_name(server, kafka, registry,
                                                             every_type_topic):
    """Simple mode: each column takes the field of its name."""
    sql(server, """CREATE TABLE avro_types.simple (
        id BIGINT NOT NULL, nothing VARCHAR(10) NULL, flag BOOLEAN NOT NULL, i32 INT NOT NULL,
        i64 BIGINT NOT NULL, f32 FLOAT NOT NULL, f64 DOUBLE NOT NULL, raw VARCHAR(20) NOT NULL,
        text STRING NOT NULL, point JSON NOT NULL, kind VARCHAR(10) NOT NULL,
        tags JSON NOT NULL, attrs JSON NOT NULL, maybe BIGINT NULL, note VARCHAR(10) NULL,
        code VARCHAR(4) NOT NULL, day DATE NOT NULL, ts_ms DATETIME NOT NULL,
        ts_us DATETIME NOT NULL, amount DECIMAL(10, 2) NOT NULL)
        DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)""")
    create_avro_job(server, kafka, registry.url, "avro_types", "simple_job", "simple",
                    every_type_topic, properties={"timezone": "UTC"})

    wait_for_count(server, "avro_types.simple", len(EVERY_TYPE_RECORDS))
    columns = [f["name"] for f in EVERY_TYPE_SCHEMA["fields"]]
    rows = sql(server, "SELECT %s FROM avro_types.simple ORDER BY id" % ", ".join(columns))
    json_columns = {"point", "tags", "attrs"}
    for row, record in zip(rows, EVERY_TYPE_RECORDS):
        got = dict(zip(columns, row))
        for c in json_columns:
            got[c] = json.loads(got[c])
        expected = dict(record)
        expected["flag"] = 1 if record["flag"] else 0
        expected["raw"] = record["raw"].decode()
        expected["code"] = record["code"].decode()
        expected["ts_ms"] = naive_utc(record["ts_ms"])
        expected["ts_us"] = naive_utc(record["ts_us"])
        expected["amount"] = record["amount"].quantize(decimal.Decimal("0.01"))
        # A float is its shortest round-trip text ("-0.1" for the float32 nearest -0.1),
        # which the FLOAT column keeps and prints as "-0.1".
        assert got == expected, record["id"]

    job = show_job(server, "avro_types", "simple_job")
    assert job["State"] == "RUNNING"
    assert (job["Statistic"]["loadedRows"], job["Statistic"]["errorRows"]) == (3, 0)


def test_jsonpaths_pick_nested_fields_array_elements_and_map_values(server, kafka, registry,
                                                                    every_type_topic):
    """COLUMNS + jsonpaths: "$.point.x" a sub-field of a nested record, "$.point" the record
    as JSON, "$.tags[0]" an array element, "$.attrs.a" a map value, "$" the whole record; a
    missing element or key is NULL."""
    sql(server, """CREATE TABLE avro_types.picked (
        id BIGINT NOT NULL, x INT NULL, label VARCHAR(40) NULL, point JSON NULL,
        first_tag VARCHAR(10) NULL, second_tag VARCHAR(10) NULL, attr_a BIGINT NULL,
        kind VARCHAR(10) NULL, maybe_plus_one BIGINT NULL, whole JSON NULL)
        DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)""")
    paths = ["$.id", "$.point.x", "$.point.label", "$.point", "$.tags[0]", "$.tags[1]",
             "$.attrs.a", "$.kind", "$.maybe", "$"]
    create_avro_job(server, kafka, registry.url, "avro_types", "picked_job", "picked",
                    every_type_topic,
                    load=["COLUMNS(id, x, label, point, first_tag, second_tag, attr_a, kind, "
                          "tmp_maybe, whole, maybe_plus_one = tmp_maybe + 1)"],
                    properties={"jsonpaths": json.dumps(paths), "timezone": "UTC"})

    wait_for_count(server, "avro_types.picked", len(EVERY_TYPE_RECORDS))
    rows = sql(server, "SELECT id, x, label, point, first_tag, second_tag, attr_a, kind, "
                       "maybe_plus_one, whole FROM avro_types.picked ORDER BY id")
    got = [row[:3] + (json.loads(row[3]),) + row[4:9] for row in rows]
    assert got == [
        (1, 1, "a", {"x": 1, "label": "a"}, "a", "b", 1, "RED", 43),
        (2, -7, 'quote " and \\ backslash', {"x": -7, "label": 'quote " and \\ backslash'},
         None, None, None, "BLUE", None),
        (3, 0, "", {"x": 0, "label": ""}, "only", None, None, "GREEN", 1),
    ]
    # "$" is the whole record as a JSON object: unions as their active branch, enums as their
    # symbol, bytes and fixed as strings, a date and timestamps as their DATE / DATETIME text
    # (in the job's timezone), a decimal as a number with its scale.
    for row, record in zip(rows, EVERY_TYPE_RECORDS):
        whole = json.loads(row[9], parse_float=decimal.Decimal)
        assert set(whole) == {f["name"] for f in EVERY_TYPE_SCHEMA["fields"]}
        for name in ("id", "nothing", "flag", "i32", "i64", "text", "point", "kind", "tags",
                     "attrs", "maybe", "note"):
            assert whole[name] == record[name], (record["id"], name, whole[name])
        for name in ("f32", "f64"):
            assert float(whole[name]) == record[name], (record["id"], name, whole[name])
        assert whole["raw"] == record["raw"].decode()
        assert whole["code"] == record["code"].decode()
        assert whole["day"] == record["day"].isoformat()
        for name in ("ts_ms", "ts_us"):
            assert datetime.datetime.fromisoformat(whole[name]) == naive_utc(record[name])
        assert whole["amount"] == record["amount"] and \
            whole["amount"].as_tuple().exponent == -2, whole["amount"]


def test_the_job_timezone_decides_the_wall_clock_of_timestamps(server, kafka, registry,
                                                               every_type_topic):
    """timestamp-millis / -micros are instants, shown in the job's "timezone"; a date is a
    calendar day whatever the zone."""
    sql(server, "CREATE TABLE avro_types.shanghai (id BIGINT NOT NULL, day DATE NULL, "
                "ts_ms DATETIME NULL, ts_us DATETIME NULL) "
                "DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)")
    create_avro_job(server, kafka, registry.url, "avro_types", "shanghai_job", "shanghai",
                    every_type_topic, properties={"timezone": "Asia/Shanghai"})

    wait_for_count(server, "avro_types.shanghai", len(EVERY_TYPE_RECORDS))
    eight = datetime.timedelta(hours=8)
    assert sql(server, "SELECT id, day, ts_ms, ts_us FROM avro_types.shanghai ORDER BY id") == \
        tuple((r["id"], r["day"], naive_utc(r["ts_ms"]) + eight, naive_utc(r["ts_us"]) + eight)
              for r in EVERY_TYPE_RECORDS)


# --- 3. schema evolution -------------------------------------------------------------------------

USER_V1 = {"type": "record", "name": "user", "namespace": "e2e.versions",
           "fields": [{"name": "id", "type": "long"}, {"name": "name", "type": "string"}]}
# v2 adds a nullable email and writes the fields in another order.
USER_V2 = {"type": "record", "name": "user", "namespace": "e2e.versions",
           "fields": [{"name": "email", "type": ["null", "string"], "default": None},
                      {"name": "name", "type": "string"}, {"name": "id", "type": "long"}]}


def user_messages(v1, v2, ids):
    """(messages, expected rows): even ids written with v1, odd ones with v2 (an email, or
    null for every fifth)."""
    messages, expected = [], []
    for i in ids:
        if i % 2 == 0:
            messages.append(confluent_avro(v1, USER_V1, {"id": i, "name": "v1-%d" % i}))
            expected.append((i, "v1-%d" % i, None))
        else:
            email = None if i % 5 == 0 else "u%d@example.com" % i
            messages.append(confluent_avro(v2, USER_V2, {"id": i, "name": "v2-%d" % i,
                                                         "email": email}))
            expected.append((i, "v2-%d" % i, email))
    return messages, expected


def test_two_schema_versions_interleaved_in_one_topic_all_load(server, kafka, registry):
    v1 = registry.register("users-value", USER_V1)
    v2 = registry.register("users-value", USER_V2)
    assert v1 != v2
    sql(server, "CREATE DATABASE avro_versions")
    sql(server, "CREATE TABLE avro_versions.users (id BIGINT NOT NULL, name VARCHAR(20) NULL, "
                "email VARCHAR(40) NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)")
    kafka.create_topic("users", partitions=3)
    # Message i goes to partition i % 3: every partition alternates v1 and v2.
    messages, expected = user_messages(v1, v2, range(60))
    for p in range(3):
        produce_raw(kafka.bootstrap, "users", messages[p::3], partition=p)
    assert (schema_fetches(registry, v1), schema_fetches(registry, v2)) == (0, 0)

    create_avro_job(server, kafka, registry.url, "avro_versions", "users_job", "users", "users")

    wait_for_count(server, "avro_versions.users", len(expected))
    assert sql(server, "SELECT id, name, email FROM avro_versions.users ORDER BY id") == \
        tuple(expected)
    assert count(server, "avro_versions.users", "WHERE email IS NULL AND name LIKE 'v1-%'") == 30
    job = show_job(server, "avro_versions", "users_job")
    assert job["State"] == "RUNNING"
    assert (job["Statistic"]["loadedRows"], job["Statistic"]["errorRows"]) == (60, 0)

    # Each writer schema is fetched when the job first meets its id. Tasks that meet a new id
    # at the same moment may each fetch it (the client fetches without holding its lock), so
    # the first load asks at most once per concurrent task (3 here: one per partition) ...
    tasks = int(job["CurrentTaskNum"])
    fetches = (schema_fetches(registry, v1), schema_fetches(registry, v2))
    print("schema fetches per id (v1, v2) with %d tasks: %s" % (tasks, fetches))
    assert all(1 <= n <= tasks for n in fetches), (fetches, tasks)
    # ... and later messages of those ids are decoded from the job's cache.
    more, more_expected = user_messages(v1, v2, range(60, 120))
    for p in range(3):
        produce_raw(kafka.bootstrap, "users", more[p::3], partition=p)
    wait_for_count(server, "avro_versions.users", len(expected) + len(more_expected))
    assert count(server, "avro_versions.users", "WHERE id >= 60 AND email IS NULL") == \
        sum(1 for row in more_expected if row[2] is None)
    assert (schema_fetches(registry, v1), schema_fetches(registry, v2)) == fetches


# --- 4. registry outages -------------------------------------------------------------------------

ORDER_V1 = {"type": "record", "name": "order", "namespace": "e2e.outage",
            "fields": [{"name": "id", "type": "long"}, {"name": "item", "type": "string"}]}
ORDER_V2 = {"type": "record", "name": "order", "namespace": "e2e.outage",
            "fields": [{"name": "id", "type": "long"}, {"name": "item", "type": "string"},
                       {"name": "qty", "type": ["null", "int"], "default": None}]}


def orders(first, n, with_qty=False):
    out = []
    for i in range(first, first + n):
        record = {"id": i, "item": "item-%d" % i}
        if with_qty:
            record["qty"] = i
        out.append((i % 2, record))
    return out


def test_registry_outage_keeps_the_job_running_then_pauses_and_resume_loads_once(server, kafka):
    with SchemaRegistry() as registry:
        old_id = registry.register("orders-value", ORDER_V1)
        sql(server, "CREATE DATABASE IF NOT EXISTS avro_outage")
        sql(server, "CREATE TABLE avro_outage.orders (id BIGINT NOT NULL, item VARCHAR(20) NULL, "
                    "qty INT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)")
        kafka.create_topic("orders", partitions=2)
        produce_avro(kafka.bootstrap, "orders", orders(0, 10), old_id, ORDER_V1)
        # Long enough that nothing pauses until the test lowers it.
        set_pause_seconds(server, 3600)
        try:
            create_avro_job(server, kafka, registry.url, "avro_outage", "orders_job", "orders",
                            "orders")
            wait_for_count(server, "avro_outage.orders", 10)

            registry.fail("refuse")
            # The cached id needs no registry: its messages keep loading during the outage.
            produce_avro(kafka.bootstrap, "orders", orders(10, 10), old_id, ORDER_V1)
            wait_for_count(server, "avro_outage.orders", 20)

            # A new id cannot be fetched: the task fails, the job stays RUNNING and says why.
            new_id = registry.register("orders-value", ORDER_V2)
            produce_avro(kafka.bootstrap, "orders", orders(20, 10, with_qty=True), new_id,
                         ORDER_V2)
            expected_prefix = "Schema Registry %s: " % registry.url
            job = wait_for_job(server, "avro_outage", "orders_job",
                               lambda j: expected_prefix in j["OtherMsg"],
                               "OtherMsg names the Schema Registry")
            print("OtherMsg during the outage: %s" % job["OtherMsg"])
            assert job["State"] == "RUNNING"
            assert "cannot fetch schema id %d" % new_id in job["OtherMsg"], job["OtherMsg"]
            assert "connect" in job["OtherMsg"].lower(), job["OtherMsg"]  # refused
            assert count(server, "avro_outage.orders") == 20

            # Once the registry has failed for the configured time, the job pauses.
            set_pause_seconds(server, 5)
            job = wait_for_state(server, "avro_outage", "orders_job", "PAUSED", timeout=90)
            reason = job["ReasonOfStateChanged"]
            print("ReasonOfStateChanged after the outage: %s" % reason)
            assert expected_prefix in reason, reason
            assert "cannot fetch schema id %d" % new_id in reason, reason
            assert "RESUME" in reason, reason
            assert count(server, "avro_outage.orders") == 20
        finally:
            set_pause_seconds(server, PAUSE_CONFIG_DEFAULT)

        registry.recover()
        sql(server, "RESUME ROUTINE LOAD FOR avro_outage.orders_job")
        wait_for_count(server, "avro_outage.orders", 30)
        assert sql(server, "SELECT count(*), count(DISTINCT id), sum(id), count(qty), sum(qty) "
                           "FROM avro_outage.orders") == (
            (30, 30, sum(range(30)), 10, sum(range(20, 30))),)
        job = wait_for_job(server, "avro_outage", "orders_job",
                           lambda j: j["Statistic"]["loadedRows"] == 30, "loadedRows = 30")
        assert job["State"] == "RUNNING"
        assert job["Statistic"]["errorRows"] == 0


def test_registry_credentials_never_show_in_show_create_or_the_pause_reason(server, kafka):
    secret = "sr-s3cret-pw"
    with SchemaRegistry(credentials=("sr-key", secret)) as registry:
        old_id = registry.register("secret-value", ORDER_V1)
        url = registry.url_with_credentials
        assert secret in url
        masked = "http://******@127.0.0.1:%d" % registry.port
        sql(server, "CREATE DATABASE IF NOT EXISTS avro_secret")
        sql(server, "CREATE TABLE avro_secret.orders (id BIGINT NOT NULL, item VARCHAR(20) NULL, "
                    "qty INT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)")
        kafka.create_topic("secret_orders", partitions=2)
        produce_avro(kafka.bootstrap, "secret_orders", orders(0, 10), old_id, ORDER_V1)
        create_avro_job(server, kafka, url, "avro_secret", "secret_job", "orders",
                        "secret_orders")
        # The credentials work: the registry accepted them.
        wait_for_count(server, "avro_secret.orders", 10)

        job = show_job(server, "avro_secret", "secret_job")
        assert job["DataSourceProperties"]["confluent.schema.registry.url"] == masked
        (_, create), = sql(server, "SHOW CREATE ROUTINE LOAD avro_secret.secret_job")
        assert secret not in create
        assert q(masked) in create, create
        for statement in ("SHOW ROUTINE LOAD FROM avro_secret",
                          "SHOW ALL ROUTINE LOAD FROM avro_secret",
                          "SHOW ROUTINE LOAD TASK FROM avro_secret WHERE JobName = \"secret_job\""):
            assert secret not in json.dumps(sql(server, statement), default=str), statement

        registry.fail("http503", path_prefix="/schemas/ids/")
        new_id = registry.register("secret-value", ORDER_V2)
        produce_avro(kafka.bootstrap, "secret_orders", orders(10, 5, with_qty=True), new_id,
                     ORDER_V2)
        set_pause_seconds(server, 5)
        try:
            job = wait_for_state(server, "avro_secret", "secret_job", "PAUSED", timeout=90)
        finally:
            set_pause_seconds(server, PAUSE_CONFIG_DEFAULT)
        reason = job["ReasonOfStateChanged"]
        print("ReasonOfStateChanged with credentials: %s" % reason)
        assert "Schema Registry %s: " % masked in reason, reason
        assert "HTTP 503" in reason, reason
        everything = json.dumps(show_jobs(server, "SHOW ALL ROUTINE LOAD FROM avro_secret"),
                                default=str)
        assert secret not in everything
        (_, create), = sql(server, "SHOW CREATE ROUTINE LOAD avro_secret.secret_job")
        assert secret not in create

        registry.recover()
        sql(server, "RESUME ROUTINE LOAD FOR avro_secret.secret_job")
        wait_for_count(server, "avro_secret.orders", 15)
        assert sql(server, "SELECT count(DISTINCT id) FROM avro_secret.orders") == ((15,),)


def test_a_hanging_registry_times_out_and_the_job_loads_once_it_answers(server, kafka):
    """A registry that accepts the request and never answers must not hold the job: the fetch
    times out, the task fails with the reason in OtherMsg and the job stays RUNNING."""
    with SchemaRegistry() as registry:
        old_id = registry.register("hang-value", ORDER_V1)
        sql(server, "CREATE DATABASE IF NOT EXISTS avro_outage")
        sql(server, "CREATE TABLE avro_outage.hang (id BIGINT NOT NULL, item VARCHAR(20) NULL, "
                    "qty INT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)")
        kafka.create_topic("hang_orders", partitions=2)
        produce_avro(kafka.bootstrap, "hang_orders", orders(0, 5), old_id, ORDER_V1)
        create_avro_job(server, kafka, registry.url, "avro_outage", "hang_job", "hang",
                        "hang_orders")
        wait_for_count(server, "avro_outage.hang", 5)

        registry.fail("hang", path_prefix="/schemas/ids/")
        new_id = registry.register("hang-value", ORDER_V2)
        produce_avro(kafka.bootstrap, "hang_orders", orders(5, 5, with_qty=True), new_id,
                     ORDER_V2)
        wait_until(lambda: schema_fetches(registry, new_id) >= 1, timeout=60,
                   what="the job asks for schema id %d" % new_id)
        job = wait_for_job(server, "avro_outage", "hang_job",
                           lambda j: "cannot fetch schema id %d" % new_id in j["OtherMsg"],
                           "OtherMsg says the fetch failed", timeout=120)
        print("OtherMsg while the registry hangs: %s" % job["OtherMsg"])
        assert "Schema Registry %s: " % registry.url in job["OtherMsg"]
        assert "timed out" in job["OtherMsg"].lower(), job["OtherMsg"]
        assert job["State"] == "RUNNING"
        assert count(server, "avro_outage.hang") == 5

        registry.recover()
        wait_for_count(server, "avro_outage.hang", 10)
        assert sql(server, "SELECT count(DISTINCT id), count(qty) FROM avro_outage.hang") == (
            (10, 5),)
        assert show_job(server, "avro_outage", "hang_job")["State"] == "RUNNING"


def test_wrong_registry_credentials_are_reported_and_alter_fixes_them(server, kafka):
    wrong, right = "wr0ng-secret", "r1ght-secret"
    with SchemaRegistry(credentials=("sr-key", right)) as registry:
        schema_id = registry.register("creds-value", ORDER_V1)
        masked = "http://******@127.0.0.1:%d" % registry.port
        sql(server, "CREATE DATABASE IF NOT EXISTS avro_secret")
        sql(server, "CREATE TABLE avro_secret.creds (id BIGINT NOT NULL, item VARCHAR(20) NULL) "
                    "DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)")
        kafka.create_topic("creds_orders", partitions=2)
        produce_avro(kafka.bootstrap, "creds_orders", orders(0, 6), schema_id, ORDER_V1)
        create_avro_job(server, kafka, "http://sr-key:%s@127.0.0.1:%d" % (wrong, registry.port),
                        "avro_secret", "creds_job", "creds", "creds_orders")

        job = wait_for_job(server, "avro_secret", "creds_job",
                           lambda j: "HTTP 401" in j["OtherMsg"], "OtherMsg says HTTP 401")
        print("OtherMsg with a wrong secret: %s" % job["OtherMsg"])
        assert "Schema Registry %s: " % masked in job["OtherMsg"]
        assert "check the key and secret in confluent.schema.registry.url" in job["OtherMsg"]
        assert job["State"] == "RUNNING"
        assert count(server, "avro_secret.creds") == 0
        assert wrong not in json.dumps(show_jobs(server, "SHOW ALL ROUTINE LOAD FROM avro_secret"),
                                       default=str)

        sql(server, "PAUSE ROUTINE LOAD FOR avro_secret.creds_job")
        sql(server, "ALTER ROUTINE LOAD FOR avro_secret.creds_job FROM KAFKA "
                    "(\"confluent.schema.registry.url\" = %s)" % q(registry.url_with_credentials))
        sql(server, "RESUME ROUTINE LOAD FOR avro_secret.creds_job")
        wait_for_count(server, "avro_secret.creds", 6)
        (_, create), = sql(server, "SHOW CREATE ROUTINE LOAD avro_secret.creds_job")
        assert right not in create and wrong not in create
        assert q(masked) in create, create


# --- 5. garbage messages -------------------------------------------------------------------------

READING = {"type": "record", "name": "reading", "namespace": "e2e.garbage",
           "fields": [{"name": "id", "type": "long"}, {"name": "label", "type": "string"},
                      {"name": "value", "type": "double"}]}


def test_messages_that_are_not_confluent_avro_are_error_rows(server, kafka, registry):
    schema_id = registry.register("readings-value", READING)
    unknown_id = 999999

    def good(i):
        return confluent_avro(schema_id, READING, {"id": i, "label": "r%d" % i, "value": i / 4})

    truncated = good(99)[:-3]  # the double lacks 3 of its 8 bytes
    garbage = [b'{"id": 100, "label": "json", "value": 1.0}',  # JSON text
               b"abc",                                        # shorter than the header
               confluent_avro(unknown_id, READING, {"id": 101, "label": "x", "value": 0.0}),
               truncated]
    messages = [good(1), garbage[0], good(2), garbage[1], good(3), garbage[2], good(4),
                garbage[3], good(5)]
    sql(server, "CREATE DATABASE avro_garbage")
    sql(server, "CREATE TABLE avro_garbage.readings (id BIGINT NOT NULL, label VARCHAR(10) NULL, "
                "value DOUBLE NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)")
    kafka.create_topic("readings", partitions=1)
    produce_raw(kafka.bootstrap, "readings", messages, partition=0)

    create_avro_job(server, kafka, registry.url, "avro_garbage", "readings_job", "readings",
                    "readings", properties={"max_error_number": "100"})

    wait_for_count(server, "avro_garbage.readings", 5)
    assert sql(server, "SELECT id, label, value FROM avro_garbage.readings ORDER BY id") == tuple(
        (i, "r%d" % i, i / 4) for i in range(1, 6))
    job = wait_for_job(server, "avro_garbage", "readings_job",
                       lambda j: j["Statistic"]["errorRows"] == len(garbage)
                       and j["Statistic"]["loadedRows"] == 5, "4 error rows, 5 loaded")
    assert job["State"] == "RUNNING"
    assert job["Statistic"]["totalRows"] == len(messages)
    assert job["Progress"] == {"0": str(len(messages) - 1)}
    log = error_log(job)
    print("error log:\n%s" % log)
    for reason in ("not in the Confluent Avro wire format",
                   "magic byte 0x7b",
                   "shorter than the 5-byte header",
                   "schema id %d is not in the Schema Registry" % unknown_id,
                   "schema id %d: field value at byte" % schema_id):
        assert reason in log, (reason, log)
    # Where each bad message came from.
    for offset in (1, 3, 5, 7):
        assert "partition 0, offset %d" % offset in log, log


# --- 6. validation -------------------------------------------------------------------------------

@pytest.mark.parametrize("case, expected", [
    ({"source": {"confluent.schema.registry.url": None}},
     "confluent.schema.registry.url is a required property when format is avro"),
    ({"source": {"confluent.schema.registry.url": "ftp://127.0.0.1:8081"}}, "is invalid"),
    ({"source": {"confluent.schema.registry.url": "ftp://sr-key:s3cret-in-ftp@127.0.0.1:8081"}},
     "is invalid"),
    ({"properties": {"strip_outer_array": "true"}},
     "property strip_outer_array does not apply to format avro"),
    ({"properties": {"json_root": "$.data"}}, "property json_root does not apply to format avro"),
], ids=["no-registry-url", "ftp-url", "ftp-url-with-credentials", "strip-outer-array",
        "json-root"])
def test_create_refuses_invalid_avro_jobs(server, kafka, case, expected):
    sql(server, "CREATE DATABASE IF NOT EXISTS avro_validate")
    sql(server, "CREATE TABLE IF NOT EXISTS avro_validate.t (id BIGINT NOT NULL, "
                "name VARCHAR(10) NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)")
    error = sql_error(server, create_avro_job_sql(kafka, "http://127.0.0.1:1", "avro_validate",
                                                  "invalid_job", "t", "invalid_topic", **case))
    assert expected in error.message, error.message
    assert "s3cret-in-ftp" not in error.message
    assert "invalid_job" not in [j["Name"] for j in show_jobs(
        server, "SHOW ALL ROUTINE LOAD FROM avro_validate")]
