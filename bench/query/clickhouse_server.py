"""A private clickhouse-server for the query benchmark: its own config, data path and ports.

ClickHouseServer(home) keeps everything under `home`: config.xml and users.xml (rewritten on
every start, since the ports are picked free each time), data/ (kept between runs: the loaded
tables are the cache) and the logs. It listens on 127.0.0.1 only and never touches the system
service or /var/lib/clickhouse. Written for Debian's ClickHouse 18.16 (`<yandex>` configs).

Queries go over the HTTP interface (one kept-alive connection, FORMAT JSONCompact), which costs
far less per query than starting clickhouse-client; bulk loads go through clickhouse-client
reading a TSV file on stdin.
"""
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "tests", "harness"))
from tributary_server import free_port  # noqa: E402  (one free-port helper for the project)

CONFIG_XML = """<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>{home}/log/server.log</log>
        <errorlog>{home}/log/server.err.log</errorlog>
        <size>100M</size>
        <count>2</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <tcp_port>{tcp_port}</tcp_port>
    <http_port>{http_port}</http_port>
    <path>{home}/data/</path>
    <tmp_path>{home}/data/tmp/</tmp_path>
    <user_files_path>{home}/data/user_files/</user_files_path>
    <format_schema_path>{home}/data/format_schemas/</format_schema_path>
    <users_config>users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <keep_alive_timeout>600</keep_alive_timeout>
    <mark_cache_size>1073741824</mark_cache_size>
</yandex>
"""

USERS_XML = """<?xml version="1.0"?>
<yandex>
    <profiles><default><max_memory_usage>8000000000</max_memory_usage></default></profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>127.0.0.1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas><default></default></quotas>
</yandex>
"""


class ClickHouseError(Exception):
    pass


class ClickHouseServer:
    def __init__(self, home, server_binary="clickhouse-server",
                 client_binary="clickhouse-client"):
        self.home = os.path.abspath(home)
        self.server_binary = server_binary
        self.client_binary = client_binary
        self.settings = {}  # query-level settings sent with every HTTP query (max_threads...)
        self.proc = None
        self.conn = None

    def start(self, timeout=60):
        os.makedirs(os.path.join(self.home, "log"), exist_ok=True)
        os.makedirs(os.path.join(self.home, "data"), exist_ok=True)
        self.tcp_port, self.http_port = free_port(), free_port()
        if self.conn:
            self.conn.close()  # to the previous instance's port
            self.conn = None
        with open(os.path.join(self.home, "config.xml"), "w") as f:
            f.write(CONFIG_XML.format(home=self.home, tcp_port=self.tcp_port,
                                      http_port=self.http_port))
        with open(os.path.join(self.home, "users.xml"), "w") as f:
            f.write(USERS_XML)
        with open(os.path.join(self.home, "log", "stdout.log"), "ab") as log:
            self.proc = subprocess.Popen(
                [self.server_binary, "--config-file=" + os.path.join(self.home, "config.xml")],
                stdout=log, stderr=subprocess.STDOUT, cwd=self.home)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ClickHouseError("clickhouse-server exited with %s; see %s/log/"
                                      % (self.proc.returncode, self.home))
            try:
                self.query("SELECT 1")
                return self
            except (OSError, http.client.HTTPException, ClickHouseError):
                self.conn = None
                time.sleep(0.1)
        raise ClickHouseError("clickhouse-server did not answer on port %d" % self.http_port)

    def stop(self, timeout=60):
        if self.conn:
            self.conn.close()
            self.conn = None
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def wipe(self):
        """Stops the server and removes its data (the next start begins empty)."""
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def version(self):
        return self.query("SELECT version()")[0][0]

    def query(self, sql, database=None):
        """Runs a SELECT and returns its rows as lists (JSON types: numbers, strings, None)."""
        payload = self._post(sql + " FORMAT JSONCompact", database)
        return json.loads(payload)["data"]

    def execute(self, sql, database=None):
        """Runs a statement that returns no rows (DDL)."""
        self._post(sql, database)

    def _post(self, sql, database, timeout=3600):
        params = {"output_format_json_quote_64bit_integers": 0}
        params.update(self.settings)
        if database:
            params["database"] = database
        url = "/?" + urllib.parse.urlencode(params)
        # A kept-alive connection the server closed meanwhile fails on its next use: retry once
        # on a fresh connection.
        reused = self.conn is not None
        while True:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.http_port,
                                                       timeout=timeout)
            try:
                self.conn.request("POST", url, body=sql.encode())
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if not reused:
                    raise
                reused = False
        if response.status != 200:
            raise ClickHouseError(payload.decode(errors="replace").strip())
        return payload

    def insert_tsv(self, database, table, path):
        """Loads a TSV file with clickhouse-client, the way one bulk-loads ClickHouse."""
        with open(path, "rb") as f:
            result = subprocess.run(
                [self.client_binary, "--host", "127.0.0.1", "--port", str(self.tcp_port),
                 "--database", database, "--query", "INSERT INTO %s FORMAT TSV" % table],
                stdin=f, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if result.returncode != 0:
            raise ClickHouseError("clickhouse-client failed loading %s: %s"
                                  % (path, result.stdout.decode(errors="replace").strip()))
