"""ClickHouse's Kafka engine as the baseline loader (Debian's ClickHouse 18.16).

The private server of the query benchmark (bench/query/clickhouse_server.py) on a home of its
own, plus one file, config.d/kafka.xml, which ClickHouse merges into its config.xml:

    <kafka><auto_offset_reset>smallest</auto_offset_reset></kafka>

18.16 sets no auto.offset.reset of its own, so librdkafka's default (latest) would make a new
consumer group skip the backlog the benchmark produced before the table existed.

A load is what the ClickHouse documentation prescribes: a MergeTree table for the rows, a Kafka
engine table and a materialized view moving its rows into the MergeTree table:

    CREATE TABLE <job>_queue (...) ENGINE = Kafka SETTINGS kafka_broker_list = '...',
        kafka_topic_list = '<topic>', kafka_group_name = 'ingest-bench-<job>',
        kafka_format = 'CSV' | 'JSONEachRow', kafka_row_delimiter = '\\n',
        kafka_num_consumers = N
    CREATE MATERIALIZED VIEW <job>_mv TO <table> AS SELECT * FROM <job>_queue

kafka_row_delimiter is needed because 18.16 parses the payloads of consecutive messages as one
stream: a message without a trailing newline ("1,2023-01-01,...") runs into the next one and CSV
parsing fails with "Expected end of line". The setting puts the delimiter between messages.

Avro is not loaded: 18.16 has no Avro input format (AvroConfluent, which reads Confluent-framed
messages with a schema registry, came with 20.x); missing_format() asks the server's
system.formats (18.16 has no such table) so the report says why instead of skipping silently.

The consumers join a consumer group (JoinGroup/SyncGroup, which the mock implements) and commit
the group's offsets after each block. The interface matches tributary_ingest.Tributary.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "query"))

import ingest_rows  # noqa: E402
from clickhouse_server import ClickHouseError, ClickHouseServer  # noqa: E402
from load_timing import LoaderError  # noqa: E402

KAFKA_CONFIG_XML = """<?xml version="1.0"?>
<yandex>
    <kafka><auto_offset_reset>smallest</auto_offset_reset></kafka>
</yandex>
"""

COLUMN_TYPES = {
    "order_id": "Int64",
    "pay_dt": "Date",
    "customer_name": "String",
    "nationality": "String",
    "gender": "String",
    "price": "Float64",
    "produced_us": "Int64",
}
FORMATS = {"csv": "CSV", "json": "JSONEachRow"}


class ClickHouse:
    name = "ClickHouse"

    def __init__(self, home):
        self.home = home
        self.server = ClickHouseServer(home)
        self.err_log = os.path.join(home, "log", "server.err.log")
        self.err_log_start = {}  # job -> size of the error log when its load started

    def start(self):
        shutil.rmtree(self.home, ignore_errors=True)
        os.makedirs(os.path.join(self.home, "config.d"))
        with open(os.path.join(self.home, "config.d", "kafka.xml"), "w") as f:
            f.write(KAFKA_CONFIG_XML)
        try:
            self.server.start()
        except (ClickHouseError, OSError) as e:
            raise LoaderError(str(e)) from None
        return self

    def stop(self):
        self.server.stop()

    def version(self):
        return self.server.version()

    def missing_format(self, name):
        """None when the server can read input format `name`, else why not, e.g. "no
        AvroConfluent in 18.16". Asks system.formats (ClickHouse 19.x and later); a server
        without that table predates every Avro format (AvroConfluent came with 20.x)."""
        try:
            version = ".".join(self.version().split(".")[:2])
        except (ClickHouseError, OSError):
            version = "this version"
        try:
            rows = self.server.query("SELECT is_input FROM system.formats WHERE name = '%s'"
                                     % name)
        except ClickHouseError as e:
            if "system.formats" not in str(e) and "formats" not in str(e):
                return "cannot tell whether %s reads %s: %s" % (version, name, e)
            return "no %s in %s" % (name, version)
        except OSError as e:
            return "cannot tell whether %s reads %s: %s" % (version, name, e)
        return None if rows and rows[0][0] else "no %s in %s" % (name, version)

    def settings(self):
        """The server settings that shape the Kafka engine's blocks, as {name: value}."""
        rows = self.server.query(
            "SELECT name, value FROM system.settings WHERE name IN "
            "('stream_flush_interval_ms', 'max_block_size', 'max_insert_block_size')")
        return dict(rows)

    def execute(self, sql):
        try:
            self.server.execute(sql)
        except (ClickHouseError, OSError) as e:
            raise LoaderError(str(e)) from None

    def create_table(self, table, columns):
        self.execute("CREATE TABLE %s (%s) ENGINE = MergeTree() ORDER BY (order_id, pay_dt)"
                     % (table, ", ".join("%s %s" % (c, COLUMN_TYPES[c]) for c in columns)))

    def load_statements(self, job, table, topic, fmt, columns, bootstrap, properties=None):
        consumers = int((properties or {}).get("kafka_num_consumers", 1))
        return [
            "CREATE TABLE %s_queue (%s) ENGINE = Kafka SETTINGS kafka_broker_list = '%s', "
            "kafka_topic_list = '%s', kafka_group_name = 'ingest-bench-%s', "
            "kafka_format = '%s', kafka_row_delimiter = '\\n', kafka_num_consumers = %d"
            % (job, ", ".join("%s %s" % (c, COLUMN_TYPES[c]) for c in columns), bootstrap,
               topic, job, FORMATS[fmt], consumers),
            "CREATE MATERIALIZED VIEW %s_mv TO %s AS SELECT * FROM %s_queue" % (job, table, job),
        ]

    def start_load(self, job, table, topic, fmt, columns, bootstrap, properties=None):
        """Creates the Kafka table (its consumers join the group at once) and the view (the
        stream into the table starts). Raises LoaderError."""
        self.err_log_start[job] = self._err_log_size()
        for sql in self.load_statements(job, table, topic, fmt, columns, bootstrap, properties):
            self.execute(sql)

    def stop_load(self, job):
        for sql in ("DROP TABLE IF EXISTS %s_mv" % job, "DROP TABLE IF EXISTS %s_queue" % job):
            try:
                self.execute(sql)
            except LoaderError:
                pass  # a server that died says so in failure(); nothing left to drop

    def _err_log_size(self):
        try:
            return os.path.getsize(self.err_log)
        except OSError:
            return 0

    def _new_errors(self, job):
        try:
            with open(self.err_log, errors="replace") as f:
                f.seek(self.err_log_start.get(job, 0))
                text = f.read()
        except OSError:
            return []
        return [line for line in text.splitlines() if "<Error>" in line]

    def job_info(self, job):
        """ClickHouse has no job to show; the Kafka engine's state is only in its log."""
        return None

    def failure(self, job):
        """The first error the server logged since the job's load started, or None. The Kafka
        engine retries a failing block for ever, so an error means no progress."""
        if self.server.proc is None or self.server.proc.poll() is not None:
            return "clickhouse-server exited; see %s/log/" % self.home
        errors = self._new_errors(job)
        return errors[0] if errors else None

    def describe(self, job):
        errors = self._new_errors(job)
        return ("errors logged since the load started (%s):\n%s"
                % (self.err_log, "\n".join(errors[-5:])) if errors
                else "no errors logged in %s" % self.err_log)

    def count(self, table):
        try:
            rows = self.server.query("SELECT count(), sum(order_id - %d) FROM %s"
                                     % (ingest_rows.FIRST_ORDER_ID, table))
        except (ClickHouseError, OSError) as e:
            raise LoaderError(str(e)) from None
        return int(rows[0][0]), int(rows[0][1] or 0)

    def bucket_counts(self, table, bucket_us):
        try:
            rows = self.server.query("SELECT intDiv(produced_us, %d) AS b, count() FROM %s "
                                     "GROUP BY b" % (bucket_us, table))
        except (ClickHouseError, OSError) as e:
            raise LoaderError(str(e)) from None
        return {int(b): int(c) for b, c in rows}
