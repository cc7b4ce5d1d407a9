"""Real MySQL clients connect, run DDL and read SHOW output: the mysql CLI, pymysql, MySQLdb."""
import os
import subprocess

import MySQLdb
import pymysql

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def mysql_cli(server, *args, stdin=None, user="root", password=None):
    cmd = ["mysql", "-h", "127.0.0.1", "-P", str(server.query_port), "-u", user, "--batch"]
    if password is not None:
        cmd.append("-p" + password)
    return subprocess.run(cmd + list(args), input=stdin, capture_output=True, text=True,
                          timeout=60)


def test_mysql_cli_runs_the_seed_ddl_and_reads_show_output(server):
    with open(os.path.join(REPO, "tools", "demo", "seed_ddl.sql")) as f:
        result = mysql_cli(server, stdin=f.read() + "SHOW TABLES;\nDESC example_tbl1;\n")
    assert result.returncode == 0, result.stderr
    assert "example_tbl1" in result.stdout
    assert "example_tbl2" in result.stdout
    assert "sensor_log" in result.stdout
    # DESC example_tbl1
    assert "order_id\tbigint" in result.stdout


def test_the_demo_loads_the_seed_rows_from_kafka_with_routine_load_and_queries_them():
    """`make demo`'s script, run against the binaries under test on free ports."""
    from tributary_server import free_port, server_binary
    env = dict(os.environ, QUERY_PORT=str(free_port()), HTTP_PORT=str(free_port()), KEEP="0")
    result = subprocess.run([os.path.join(REPO, "scripts", "demo.sh"),
                             os.path.dirname(server_binary())],
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "6 messages to ordertest1" in out and "3 messages to ordertest2" in out
    assert "6 messages to topic_0 (Avro, schema id 1)" in out
    assert "example_tbl1, example_tbl2 and sensor_log hold: 6 3 6 (produced: 6 3 6)" in out, out
    # SHOW ROUTINE LOAD of the three jobs
    assert out.count("State: RUNNING") == 3, out
    assert out.count('"loadedRows":6') == 2 and '"loadedRows":3' in out
    assert '"confluent.schema.registry.url":"http://127.0.0.1:' in out
    # The CSV rows, without the placeholder gender field
    assert "| 2020051101 | 2020-05-11 | Edogawa Conan      | japan       |  8924 |" in out
    # The JSON rows, pay_dt derived from pay_time by the seed's COLUMNS mapping
    assert "| 1            | Mark Twain                | US      | 1589191487 | 2020-05-11 |" in out
    # The seed's Avro example: sensor_log decoded with the seed's schema
    assert "|  3 | sensor-roof   |       1 | 1013.2 | AIR-PRESSURE |" in out, out
    # SHOW CREATE TABLE example_tbl2\G
    assert "AGGREGATE KEY(`commodity_id`, `customer_name`, `country`, `pay_time`, `pay_dt`)" \
        in out
    assert "`price` double SUM NULL COMMENT \"Price\"" in out
    assert "== demo finished" in out


def test_mysql_cli_version_comment_and_error_codes(server):
    result = mysql_cli(server, "-e", "SELECT @@version_comment LIMIT 1")
    assert result.returncode == 0, result.stderr
    assert "Tributary" in result.stdout
    result = mysql_cli(server, "-e", "USE no_such_db")
    assert result.returncode != 0
    assert "ERROR 1049 (42000)" in result.stderr


def test_mysql_cli_client_preferring_caching_sha2_is_switched_to_native_password(server):
    result = mysql_cli(server, "--default-auth=caching_sha2_password", "-e", "SELECT 1")
    assert result.returncode == 0, result.stderr


def test_pymysql_runs_ddl_and_reads_types(server):
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root", password="")
    try:
        cur = conn.cursor()
        cur.execute("CREATE DATABASE IF NOT EXISTS py_db")
        cur.execute("USE py_db")
        cur.execute("""CREATE TABLE t (k INT NOT NULL, v VARCHAR(10) NULL)
                       DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2""")
        cur.execute("SHOW TABLES")
        assert cur.fetchall() == (("t",),)
        cur.execute("SELECT DATABASE(), CONNECTION_ID(), 1 + 1")
        db, conn_id, two = cur.fetchone()
        assert db == "py_db" and isinstance(conn_id, int) and two == 2
        # pymysql turns autocommit off on connect (SET autocommit = 0); the session keeps it.
        cur.execute("SHOW VARIABLES LIKE 'autocommit'")
        assert cur.fetchall() == (("autocommit", "OFF"),)
        cur.execute("DESC t")
        rows = cur.fetchall()
        assert rows[0][0] == "k" and rows[1][0] == "v"
        conn.select_db("py_db")  # COM_INIT_DB
        assert conn.open
        conn.ping()  # COM_PING
    finally:
        conn.close()


def test_com_field_list_returns_column_definitions(server):
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root")
    try:
        with conn.cursor() as cur:
            cur.execute("CREATE DATABASE IF NOT EXISTS fl_db")
            cur.execute("CREATE TABLE fl_db.t (id BIGINT NOT NULL, name VARCHAR(20)) "
                        "DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)")
        conn.select_db("fl_db")
        conn._execute_command(0x04, b"t\x00")  # COM_FIELD_LIST t, no wildcard
        names = []
        while True:
            packet = conn._read_packet()
            if packet.is_eof_packet() or packet.is_ok_packet():
                break
            field = pymysql.protocol.FieldDescriptorPacket(packet._data, conn.encoding)
            names.append((field.name, field.type_code))
        assert names == [("id", 8), ("name", 253)]  # LONGLONG, VAR_STRING
        with conn.cursor() as cur:  # the session goes on
            cur.execute("SELECT 1")
    finally:
        conn.close()


def test_mysqldb_connects_and_reads_variables(server):
    conn = MySQLdb.connect(host="127.0.0.1", port=server.query_port, user="root", passwd="")
    try:
        cur = conn.cursor()
        cur.execute("SELECT @@version, @@max_allowed_packet")
        version, packet = cur.fetchone()
        assert version.startswith("5.7") and int(packet) > 0
        cur.execute("SHOW VARIABLES WHERE Variable_name = 'version_comment'")
        assert "Tributary" in cur.fetchone()[1]
        cur.execute("CREATE DATABASE mysqldb_db")
        cur.execute("SHOW DATABASES")
        assert ("mysqldb_db",) in cur.fetchall()
    finally:
        conn.close()


def test_syntax_error_names_line_and_column(server):
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root")
    try:
        with conn.cursor() as cur:
            try:
                cur.execute("CREATE TABL t (a int)")
                assert False, "expected a syntax error"
            except pymysql.err.ProgrammingError as e:
                assert e.args[0] == 1064
                assert "line 1, column 8" in e.args[1]
    finally:
        conn.close()


def test_http_health(server):
    import urllib.request
    with urllib.request.urlopen("http://127.0.0.1:%d/api/health" % server.http_port) as r:
        assert r.status == 200
        assert b'"status":"OK"' in r.read()
