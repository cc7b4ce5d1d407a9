"""Tributary as a Kafka loader: its server, the tables, and Routine Load jobs in StarRocks SQL.

The server is started the way the tests start it (tests/harness/tributary_server.py) on a data
directory of its own; every statement goes over the MySQL protocol (pymysql). A load is the
StarRocks statement users write, the seed's shape:

    CREATE ROUTINE LOAD bench.orders_csv ON orders_csv
    COLUMNS TERMINATED BY ",",
    COLUMNS (order_id, pay_dt, customer_name, nationality, gender, price)
    PROPERTIES ("desired_concurrent_number" = "5", "max_batch_interval" = "5", "format" = "csv")
    FROM KAFKA ("kafka_broker_list" = "...", "kafka_topic" = "...",
                "property.kafka_default_offsets" = "OFFSET_BEGINNING");

JSON jobs say "format" = "json" and have no COLUMNS clauses: the keys are the column names
(StarRocks' simple mode). Avro jobs likewise ("format" = "avro", the record's field names are the
column names) and add the registry to FROM KAFKA, as StarRocks documents it:

    FROM KAFKA (..., "confluent.schema.registry.url" = "http://127.0.0.1:PORT", ...)

The interface (start_load, stop_load, failure, describe, count, bucket_counts) is the one
clickhouse_ingest.py offers too; run_ingest_bench.py drives both. cpu_seconds() is Tributary's
own: the server's CPU time, which the report prints per load.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "harness"))

import pymysql  # noqa: E402

import ingest_rows  # noqa: E402
from load_timing import LoaderError  # noqa: E402
from tributary_server import TributaryServer  # noqa: E402

DATABASE = "bench"
COLUMN_TYPES = {
    "order_id": "bigint NOT NULL",
    "pay_dt": "date NOT NULL",
    "customer_name": "varchar(26) NULL",
    "nationality": "varchar(26) NULL",
    "gender": "varchar(8) NULL",
    "price": "double NULL",
    "produced_us": "bigint NULL",
}
FAILED_STATES = ("PAUSED", "STOPPED", "CANCELLED")


def _vertical(names, rows):
    """Rows as the mysql client's \\G prints them."""
    lines = []
    for i, row in enumerate(rows, 1):
        lines.append("*************************** %d. row ***************************" % i)
        lines += ["%24s: %s" % (n, v) for n, v in zip(names, row)]
    return "\n".join(lines) or "(no rows)"


class Tributary:
    name = "Tributary"

    def __init__(self, binary, data_dir, job_properties, schema_registry_url=None):
        os.environ["TRIBUTARY_BIN"] = os.path.abspath(binary)  # read by TributaryServer
        self.binary = binary
        self.data_dir = data_dir
        self.job_properties = dict(job_properties)
        self.schema_registry_url = schema_registry_url  # for "format" = "avro" jobs
        self.server = None
        self.conn = None

    def start(self):
        shutil.rmtree(self.data_dir, ignore_errors=True)
        os.makedirs(self.data_dir)
        self.server = TributaryServer(data_dir=self.data_dir,
                                      extra_args=["--log-level", "warn"]).start()
        self.conn = pymysql.connect(host="127.0.0.1", port=self.server.query_port, user="root",
                                    password="", autocommit=True)
        self.execute("CREATE DATABASE %s" % DATABASE)
        self.execute("USE %s" % DATABASE)
        return self

    def stop(self):
        if self.conn:
            self.conn.close()
            self.conn = None
        if self.server:
            self.server.stop()
            self.server = None

    def cpu_seconds(self):
        """User + system CPU seconds the server process has used so far (Linux /proc), or
        None when they cannot be read."""
        try:
            with open("/proc/%d/stat" % self.server.proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError, AttributeError):
            return None

    def describe_setup(self):
        return "%s, Release; job properties %s" % (self.binary, self.job_properties)

    def execute(self, sql):
        """Runs one statement; returns (column names, rows). Raises LoaderError."""
        try:
            with self.conn.cursor() as cursor:
                cursor.execute(sql)
                names = [d[0] for d in cursor.description] if cursor.description else []
                return names, cursor.fetchall()
        except pymysql.err.MySQLError as e:
            if self.server.proc.poll() is not None:
                raise LoaderError("the server exited with %s; see %s/stderr.log"
                                  % (self.server.proc.returncode, self.data_dir)) from None
            raise LoaderError(" ".join(str(a) for a in e.args)) from None

    def create_table(self, table, columns):
        self.execute("CREATE TABLE %s (%s) ENGINE=OLAP DUPLICATE KEY(order_id, pay_dt) "
                     "DISTRIBUTED BY HASH(order_id)"
                     % (table, ", ".join("%s %s" % (c, COLUMN_TYPES[c]) for c in columns)))

    def load_statement(self, job, table, topic, fmt, columns, bootstrap, properties=None):
        props = dict(self.job_properties)
        props.update(properties or {})
        props["format"] = fmt
        clauses = ""
        if fmt == "csv":
            clauses = 'COLUMNS TERMINATED BY ",",\nCOLUMNS (%s)\n' % ", ".join(columns)
        registry = ""
        if fmt == "avro":
            if not self.schema_registry_url:
                raise LoaderError("an avro job needs the schema registry's URL")
            registry = '"confluent.schema.registry.url" = "%s", ' % self.schema_registry_url
        return ('CREATE ROUTINE LOAD %s.%s ON %s\n%sPROPERTIES (%s)\nFROM KAFKA ('
                '"kafka_broker_list" = "%s", "kafka_topic" = "%s", %s'
                '"property.kafka_default_offsets" = "OFFSET_BEGINNING")'
                % (DATABASE, job, table, clauses,
                   ", ".join('"%s" = "%s"' % kv for kv in props.items()), bootstrap, topic,
                   registry))

    def start_load(self, job, table, topic, fmt, columns, bootstrap, properties=None):
        """Creates the Routine Load job; the rows start flowing. Raises LoaderError."""
        self.execute(self.load_statement(job, table, topic, fmt, columns, bootstrap,
                                         properties))

    def stop_load(self, job):
        try:
            self.execute("STOP ROUTINE LOAD FOR %s.%s" % (DATABASE, job))
        except LoaderError:
            pass  # the job may never have been created; nothing to stop then

    def job_info(self, job):
        """SHOW ROUTINE LOAD FOR job as {column: value}, or None when it cannot be shown."""
        try:
            names, rows = self.execute("SHOW ROUTINE LOAD FOR %s.%s" % (DATABASE, job))
        except LoaderError:
            return None
        return dict(zip(names, rows[0])) if rows else None

    def failure(self, job):
        """Why the job cannot load any more rows (its state and reason), or None."""
        if self.server.proc.poll() is not None:
            return "the server exited with %s" % self.server.proc.returncode
        info = self.job_info(job)
        if info and info.get("State") in FAILED_STATES:
            return "job %s is %s: %s" % (job, info["State"], info.get("ReasonOfStateChanged"))
        return None

    def describe(self, job):
        """`SHOW ROUTINE LOAD FOR job\\G`, as the mysql client prints it."""
        try:
            names, rows = self.execute("SHOW ROUTINE LOAD FOR %s.%s" % (DATABASE, job))
        except LoaderError as e:
            return "SHOW ROUTINE LOAD FOR %s.%s: %s" % (DATABASE, job, e)
        text = "SHOW ROUTINE LOAD FOR %s.%s\\G\n%s" % (DATABASE, job, _vertical(names, rows))
        try:
            names, rows = self.execute('SHOW ROUTINE LOAD TASK WHERE JobName = "%s"' % job)
            text += "\nSHOW ROUTINE LOAD TASK\\G\n" + _vertical(names, rows)
        except LoaderError as e:
            text += "\nSHOW ROUTINE LOAD TASK: %s" % e
        return text

    def count(self, table):
        """(rows, sum of order_id - FIRST_ORDER_ID): the second catches lost or doubled rows."""
        _, rows = self.execute("SELECT count(*), sum(order_id - %d) FROM %s"
                               % (ingest_rows.FIRST_ORDER_ID, table))
        return int(rows[0][0]), int(rows[0][1] or 0)

    def bucket_counts(self, table, bucket_us):
        """{produced_us // bucket_us: visible rows} for the freshness table."""
        _, rows = self.execute("SELECT produced_us DIV %d AS b, count(*) FROM %s GROUP BY b"
                               % (bucket_us, table))
        return {int(b): int(c) for b, c in rows}
