"""The two systems under test, behind one small interface the benchmark drives.

Each of Tributary and ClickHouse has: start() on its (possibly cached) data directory, stop(),
wipe() (stop and delete the data), load(cache, batch_rows) (create the database and tables and
load the TSV files; returns {"rows": N, ...}), use_database(), version(), and run(sql), which
returns the result rows or raises QueryError with the system's message. run() never lets a
failure end the benchmark: a server that died, dropped the connection or ran past the timeout
is restarted before QueryError is raised, so the next query starts clean.
"""
import http.client
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "harness"))

import pymysql  # noqa: E402

import orders_data  # noqa: E402
from clickhouse_server import ClickHouseError, ClickHouseServer  # noqa: E402
from tributary_server import TributaryServer  # noqa: E402

DATABASE = "qbench"

TRIBUTARY_DDL = (
    """CREATE TABLE orders (
        order_id bigint NOT NULL,
        pay_dt date NOT NULL,
        customer_name varchar(26) NULL,
        nationality varchar(26) NULL,
        price double NULL,
        pay_time bigint NOT NULL,
        quantity int NOT NULL,
        customer_id bigint NOT NULL
    ) ENGINE=OLAP DUPLICATE KEY(order_id, pay_dt) DISTRIBUTED BY HASH(order_id)""",
    """CREATE TABLE countries (
        nationality varchar(26) NOT NULL,
        region varchar(26) NOT NULL,
        population bigint NOT NULL
    ) ENGINE=OLAP DUPLICATE KEY(nationality) DISTRIBUTED BY HASH(nationality)""",
)

CLICKHOUSE_DDL = (
    """CREATE TABLE orders (
        order_id Int64,
        pay_dt Date,
        customer_name Nullable(String),
        nationality Nullable(String),
        price Nullable(Float64),
        pay_time Int64,
        quantity Int32,
        customer_id Int64
    ) ENGINE = MergeTree() PARTITION BY toYYYYMM(pay_dt) ORDER BY (order_id, pay_dt)""",
    """CREATE TABLE countries (
        nationality String,
        region String,
        population Int64
    ) ENGINE = MergeTree() ORDER BY nationality""",
)


class QueryError(Exception):
    """A query failed on one system; the message is what the system said."""


# --- Tributary -----------------------------------------------------------------------------

def _sql_text(value):
    if value is None:
        return "NULL"
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _sql_number(value):
    return "NULL" if value is None else value


# How each orders / countries TSV field becomes an SQL literal.
ORDERS_LITERALS = (_sql_number, _sql_text, _sql_text, _sql_text, _sql_number,
                   _sql_number, _sql_number, _sql_number)
COUNTRIES_LITERALS = (_sql_text, _sql_text, _sql_number)


class Tributary:
    name = "tributary"

    def __init__(self, binary, data_dir, timeout):
        os.environ["TRIBUTARY_BIN"] = os.path.abspath(binary)  # read by TributaryServer
        self.binary = binary
        self.data_dir = data_dir
        self.timeout = timeout
        self.server = None
        self.conn = None
        self.database = None  # the connection's default database, once it exists

    def start(self):
        os.makedirs(self.data_dir, exist_ok=True)
        self.server = TributaryServer(data_dir=self.data_dir,
                                      extra_args=["--log-level", "warn"]).start()
        self._connect()

    def _connect(self):
        self.conn = pymysql.connect(host="127.0.0.1", port=self.server.query_port, user="root",
                                    password="", database=self.database, autocommit=True,
                                    read_timeout=self.timeout, write_timeout=self.timeout)
        # from_unixtime() follows the session time zone; ClickHouse runs in UTC too.
        self._execute("SET time_zone = '+00:00'")

    def stop(self):
        if self.conn:
            self.conn.close()
            self.conn = None
        if self.server:
            self.server.stop()
            self.server = None

    def wipe(self):
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def version(self):
        return "%s (built %s)" % (self.binary, time.strftime(
            "%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(self.binary))))

    def _execute(self, sql):
        with self.conn.cursor() as cursor:
            cursor.execute(sql)
            return cursor.rowcount, cursor.fetchall()

    def run(self, sql):
        """Runs one query and returns its rows; raises QueryError.

        A crashed server is restarted, and so is one that dropped the connection or ran past
        --timeout: a query left running would slow every query after it."""
        try:
            return self._execute(sql)[1]
        except pymysql.err.MySQLError as e:
            message = " ".join(str(a) for a in e.args)
            if self.server.proc.poll() is not None:
                code = self.server.proc.returncode
                self._restart()
                raise QueryError("server died (exit code %s; see %s/stderr.log), restarted"
                                 % (code, self.data_dir))
            if not self.conn.open:
                self._restart()
                raise QueryError(message + "; server restarted")
            raise QueryError(message)

    def _restart(self):
        try:
            self.conn.close()
        except pymysql.err.Error:
            pass  # already closed by the failure that brought us here
        try:
            self.server.stop(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
        self.server.start()
        self._connect()

    def load(self, cache, batch_rows):
        """Creates the tables and INSERTs the TSV files, `batch_rows` rows per statement."""
        self._execute("CREATE DATABASE %s" % DATABASE)
        self.use_database()
        for ddl in TRIBUTARY_DDL:
            self._execute(ddl)
        self._insert("countries", cache.countries, COUNTRIES_LITERALS, batch_rows)
        return self._insert("orders", cache.orders, ORDERS_LITERALS, batch_rows)

    def _insert(self, table, path, literals, batch_rows):
        loaded = statements = 0
        batch = []
        prefix = "INSERT INTO %s VALUES " % table

        def flush():
            nonlocal loaded, statements
            rowcount, _ = self._execute(prefix + ",".join(batch))
            loaded += rowcount
            statements += 1
            batch.clear()

        for fields in orders_data.read_tsv(path):
            batch.append("(" + ",".join(f(v) for f, v in zip(literals, fields)) + ")")
            if len(batch) == batch_rows:
                flush()
                if statements % 100 == 0:
                    print("  tributary: %d rows" % loaded, flush=True)
        if batch:
            flush()
        return {"rows": loaded, "statements": statements}

    def use_database(self):
        self.database = DATABASE
        self._execute("USE %s" % DATABASE)


# --- ClickHouse ----------------------------------------------------------------------------

class ClickHouse:
    name = "clickhouse"

    def __init__(self, home, server_binary, client_binary, max_threads):
        self.server = ClickHouseServer(home, server_binary, client_binary)
        if max_threads:
            self.server.settings["max_threads"] = max_threads

    def start(self):
        self.server.start()

    def stop(self):
        self.server.stop()

    def wipe(self):
        self.server.wipe()

    def version(self):
        return "ClickHouse " + self.server.version()

    def run(self, sql):
        try:
            return self.server.query(sql, database=DATABASE)
        except (ClickHouseError, OSError, http.client.HTTPException) as e:
            if self.server.proc.poll() is not None:
                code = self.server.proc.returncode
                self.server.start()
                raise QueryError("server died (exit code %s), restarted" % code)
            raise QueryError(str(e))

    def load(self, cache, batch_rows):
        del batch_rows  # clickhouse-client cuts the stream into blocks itself
        self.server.execute("CREATE DATABASE %s" % DATABASE)
        for ddl in CLICKHOUSE_DDL:
            self.server.execute(ddl, database=DATABASE)
        self.server.insert_tsv(DATABASE, "countries", cache.countries)
        self.server.insert_tsv(DATABASE, "orders", cache.orders)
        rows = self.server.query("SELECT count() FROM orders", database=DATABASE)[0][0]
        return {"rows": rows}

    def use_database(self):
        pass
