"""Stream Load end to end, with curl as the client (StarRocks' documented usage).

The shapes are the seed documents': example_tbl1 from CSV with a placeholder column, and
example_tbl2 from JSON with jsonpaths and a derived pay_dt. Also: label retries, the error log
behind ErrorURL, max_filter_ratio, WHERE, time zones, chunked bodies with Expect: 100-continue,
and who may load.
"""
import json
import subprocess

import pymysql
import pytest


def sql(server, statement, user="root", password=""):
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user=user,
                           password=password, autocommit=True)
    try:
        with conn.cursor() as cur:
            cur.execute(statement)
            return cur.fetchall()
    finally:
        conn.close()


def stream_load(server, db, table, data, headers=(), user="root:", chunked=False):
    """PUTs `data` with curl and returns the parsed JSON response (and the HTTP code)."""
    args = ["curl", "-sS", "--location-trusted", "-u", user, "-w", "\n%{http_code}",
            "-H", "Expect:100-continue"]
    for h in headers:
        args += ["-H", h]
    if chunked:
        args += ["-H", "Transfer-Encoding: chunked"]
    args += ["-T", "-", f"http://127.0.0.1:{server.http_port}/api/{db}/{table}/_stream_load"]
    out = subprocess.run(args, input=data.encode() if isinstance(data, str) else data,
                         capture_output=True, check=True, timeout=120).stdout.decode()
    body, _, code = out.rpartition("\n")
    return json.loads(body), int(code)


def curl_get(url):
    return subprocess.run(["curl", "-sS", url], capture_output=True, check=True,
                          timeout=60).stdout.decode()


SEED_CSV = """2020050802,2020-05-08,Johann Georg Faust,Deutschland,male,895
2020050802,2020-05-08,Julien Sorel,France,male,893
2020050803,2020-05-08,Dorian Grey,UK,male,1262
2020050901,2020-05-09,Anna Karenina,Russia,female,175
2020051001,2020-05-10,Tess Durbeyfield,US,female,986
2020051101,2020-05-11,Edogawa Conan,japan,male,8924
"""

SEED_JSON = """{"commodity_id": "1", "customer_name": "Mark Twain", "country": "US","pay_time": 1589191487,"price": 875}
{"commodity_id": "2", "customer_name": "Oscar Wilde", "country": "UK","pay_time": 1589191487,"price": 895}
{"commodity_id": "3", "customer_name": "Antoine de Saint-Exupéry","country": "France","pay_time": 1589191487,"price": 895}
"""

SEED_COLUMNS = "columns: order_id, pay_dt, customer_name, nationality, temp_gender, price"


@pytest.fixture(scope="module")
def db(server):
    sql(server, "CREATE DATABASE example_db")
    sql(server, """CREATE TABLE example_db.example_tbl1 (
        `order_id` bigint NOT NULL COMMENT "Order ID",
        `pay_dt` date NOT NULL COMMENT "Payment date",
        `customer_name` varchar(26) NULL COMMENT "Customer name",
        `nationality` varchar(26) NULL COMMENT "Nationality",
        `price`double NULL COMMENT "Price")
        ENGINE=OLAP DUPLICATE KEY (order_id,pay_dt) DISTRIBUTED BY HASH(`order_id`)""")
    sql(server, """CREATE TABLE example_db.example_tbl2 (
        `commodity_id` varchar(26) NULL COMMENT "Commodity ID",
        `customer_name` varchar(26) NULL COMMENT "Customer name",
        `country` varchar(26) NULL COMMENT "Country",
        `pay_time` bigint(20) NULL COMMENT "Payment time",
        `pay_dt` date NULL COMMENT "Payment date",
        `price`double SUM NULL COMMENT "Price")
        ENGINE=OLAP AGGREGATE KEY(`commodity_id`,`customer_name`,`country`,`pay_time`,`pay_dt`)
        DISTRIBUTED BY HASH(`commodity_id`)""")
    return "example_db"


def test_seed_csv_loads_with_a_placeholder_column(server, db):
    result, code = stream_load(server, db, "example_tbl1", SEED_CSV,
                               ["label:csv_seed", "column_separator:,", SEED_COLUMNS])
    assert code == 200
    assert result["Status"] == "Success", result
    assert result["Message"] == "OK"
    assert result["Label"] == "csv_seed"
    assert result["TxnId"] > 0
    assert result["NumberTotalRows"] == 6
    assert result["NumberLoadedRows"] == 6
    assert result["NumberFilteredRows"] == 0
    assert result["LoadBytes"] == len(SEED_CSV.encode())
    assert "ErrorURL" not in result
    rows = sql(server, "SELECT order_id, pay_dt, customer_name, nationality, price "
                       "FROM example_db.example_tbl1 ORDER BY order_id, customer_name")
    assert len(rows) == 6
    assert rows[0] == (2020050802, __import__("datetime").date(2020, 5, 8),
                       "Johann Georg Faust", "Deutschland", 895.0)


def test_a_retried_label_answers_label_already_exists_and_loads_nothing(server, db):
    before = sql(server, "SELECT count(*) FROM example_db.example_tbl1")[0][0]
    result, code = stream_load(server, db, "example_tbl1", SEED_CSV,
                               ["label:csv_seed", "column_separator:,", SEED_COLUMNS])
    assert code == 200
    assert result["Status"] == "Label Already Exists", result
    assert result["ExistingJobStatus"] == "FINISHED"
    assert "csv_seed" in result["Message"]
    assert sql(server, "SELECT count(*) FROM example_db.example_tbl1")[0][0] == before


def test_seed_json_with_jsonpaths_and_a_derived_date(server, db):
    result, _ = stream_load(
        server, db, "example_tbl2", SEED_JSON,
        ["label:json_seed", "format:json",
         'jsonpaths:["$.commodity_id","$.customer_name","$.country","$.pay_time","$.price"]',
         "columns:commodity_id, customer_name, country, pay_time, price, "
         "pay_dt=from_unixtime(pay_time, '%Y%m%d')"])
    assert result["Status"] == "Success", result
    assert result["NumberLoadedRows"] == 3
    rows = sql(server, "SELECT commodity_id, customer_name, country, pay_time, pay_dt, price "
                       "FROM example_db.example_tbl2 ORDER BY commodity_id")
    date = __import__("datetime").date
    assert rows == (("1", "Mark Twain", "US", 1589191487, date(2020, 5, 11), 875.0),
                    ("2", "Oscar Wilde", "UK", 1589191487, date(2020, 5, 11), 895.0),
                    ("3", "Antoine de Saint-Exupéry", "France", 1589191487, date(2020, 5, 11),
                     895.0))


def test_json_simple_mode_and_strip_outer_array_with_json_root(server, db):
    sql(server, "CREATE TABLE example_db.j (k INT NOT NULL, v VARCHAR(20)) "
                "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)")
    doc = '{"RECORDS": [{"k": 1, "v": "a"}, {"v": "b", "k": 2}, {"k": 3}]}'
    result, _ = stream_load(server, db, "j", doc,
                            ["format:json", "strip_outer_array:true", "json_root:$.RECORDS"])
    assert result["Status"] == "Success", result
    assert sql(server, "SELECT k, v FROM example_db.j ORDER BY k") == ((1, "a"), (2, "b"),
                                                                       (3, None))
    result, _ = stream_load(server, db, "j", '[{"k": 4}]', ["format:json"])
    assert result["Status"] == "Fail"
    assert "JSON data is an array. strip_outer_array must be set true" in result["Message"]


def test_error_rows_fail_the_load_and_the_error_url_says_why(server, db):
    sql(server, "CREATE TABLE example_db.e (k INT NOT NULL, price DOUBLE, name VARCHAR(5)) "
                "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)")
    data = "1,1.5,ok\n2,abc,ok\n3,2.5,toolong\n4,3.5\n"
    result, _ = stream_load(server, db, "e", data,
                            ["column_separator:,", "strict_mode:true", "label:errs"])
    assert result["Status"] == "Fail", result
    assert result["Message"].startswith("too many filtered rows")
    assert result["NumberTotalRows"] == 4
    assert result["NumberFilteredRows"] == 3
    assert sql(server, "SELECT count(*) FROM example_db.e")[0][0] == 0
    log = curl_get(result["ErrorURL"])
    assert "column 'price': 'abc' is not a valid DOUBLE. Row: 2,abc,ok" in log
    assert "longer than VARCHAR(5)" in log and "Row: 3,2.5,toolong" in log
    assert "Value count does not match column count. Expect 3, but got 2" in log

    # A failed load's label may be used again; a ratio that allows the errors loads the rest.
    result, _ = stream_load(server, db, "e", data, ["column_separator:,", "strict_mode:true",
                                                    "label:errs", "max_filter_ratio:0.8"])
    assert result["Status"] == "Success", result
    assert result["NumberLoadedRows"] == 1
    assert result["NumberFilteredRows"] == 3
    assert "ErrorURL" in result
    assert sql(server, "SELECT k, price, name FROM example_db.e") == ((1, 1.5, "ok"),)


def test_missing_error_log_is_404(server):
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                          f"http://127.0.0.1:{server.http_port}/api/_load_error_log"
                          "?file=error_log_0123"], capture_output=True, check=True).stdout
    assert out == b"404"
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                          f"http://127.0.0.1:{server.http_port}/api/_load_error_log"
                          "?file=../meta"], capture_output=True, check=True).stdout
    assert out == b"400"


def test_where_unselects_rows(server, db):
    sql(server, "CREATE TABLE example_db.w (k INT NOT NULL, v INT) DUPLICATE KEY(k) "
                "DISTRIBUTED BY HASH(k)")
    result, _ = stream_load(server, db, "w", "1\t10\n2\t20\n3\t30\n", ["where: v >= 20"])
    assert result["Status"] == "Success", result
    assert result["NumberUnselectedRows"] == 1
    assert result["NumberLoadedRows"] == 2
    assert sql(server, "SELECT k FROM example_db.w ORDER BY k") == ((2,), (3,))


def test_timezone_header_drives_from_unixtime(server, db):
    sql(server, "CREATE TABLE example_db.tz (k INT NOT NULL, d DATE) DUPLICATE KEY(k) "
                "DISTRIBUTED BY HASH(k)")
    # 1589155200 is 2020-05-11 00:00:00 UTC: 08:00 in Shanghai, still 05-10 in Los Angeles.
    cols = "columns: k, t, d = from_unixtime(t, '%Y-%m-%d')"
    stream_load(server, db, "tz", "1,1589155200\n", ["column_separator:,", cols])
    stream_load(server, db, "tz", "2,1589155200\n",
                ["column_separator:,", cols, "timezone:America/Los_Angeles"])
    date = __import__("datetime").date
    assert sql(server, "SELECT k, d FROM example_db.tz ORDER BY k") == ((1, date(2020, 5, 11)),
                                                                        (2, date(2020, 5, 10)))
    result, _ = stream_load(server, db, "tz", "3,1\n", ["column_separator:,", cols,
                                                        "timezone:Mars/Base"])
    assert result["Status"] == "Fail"
    assert "unknown time zone 'Mars/Base'" in result["Message"]


def test_chunked_body_with_expect_continue(server, db):
    sql(server, "CREATE TABLE example_db.big (k BIGINT NOT NULL, s VARCHAR(64)) "
                "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3")
    data = "".join(f"{i}|row number {i}\n" for i in range(200000))
    result, _ = stream_load(server, db, "big", data, ["column_separator:|"], chunked=True)
    assert result["Status"] == "Success", result
    assert result["NumberLoadedRows"] == 200000
    assert sql(server, "SELECT count(*), sum(k), count(distinct s) FROM example_db.big") == \
        ((200000, 199999 * 200000 // 2, 200000),)


def test_who_may_load(server, db):
    sql(server, "CREATE USER reader IDENTIFIED BY 'pw'")
    sql(server, "GRANT SELECT ON example_db.w TO reader")
    result, code = stream_load(server, db, "w", "9\t9\n", user="reader:pw")
    assert code == 403
    assert result["Status"] == "Fail"
    assert "INSERT privilege" in result["Message"]
    result, code = stream_load(server, db, "w", "9\t9\n", user="reader:wrong")
    assert code == 401
    assert "Access denied for user 'reader'" in result["Message"]
    sql(server, "GRANT INSERT ON example_db.w TO reader")
    result, code = stream_load(server, db, "w", "9\t9\n", user="reader:pw")
    assert code == 200 and result["Status"] == "Success", result


def test_bad_requests_name_the_problem(server, db):
    result, _ = stream_load(server, db, "nope", "1\n")
    assert result["Status"] == "Fail" and "nope" in result["Message"]
    result, _ = stream_load(server, db, "w", "1\n", ["columns: k, v = "])
    assert result["Status"] == "Fail" and "header 'columns'" in result["Message"]
    result, _ = stream_load(server, db, "w", "1\n", ["max_filter_ratio: lots"])
    assert result["Status"] == "Fail" and "max_filter_ratio" in result["Message"]
    result, _ = stream_load(server, db, "w", "1\n", ["format: parquet"])
    assert result["Status"] == "Fail" and "parquet" in result["Message"]
    # The server is still fine.
    assert sql(server, "SELECT 1") == ((1,),)


def test_temporary_partitions_header_loads_into_temporary_partitions(server, db):
    sql(server, "CREATE TABLE example_db.tp (k INT NOT NULL, d DATE NOT NULL) DUPLICATE KEY(k) "
                "PARTITION BY RANGE(d) (PARTITION p1 VALUES LESS THAN ('2020-02-01')) "
                "DISTRIBUTED BY HASH(k)")
    sql(server, "ALTER TABLE example_db.tp ADD TEMPORARY PARTITION tp1 "
                "VALUES [('2020-01-01'), ('2020-03-01'))")
    result, _ = stream_load(server, db, "tp", "1,2020-01-15\n2,2020-02-15\n3,2020-05-01\n",
                            ["column_separator:,", "temporary_partitions: tp1",
                             "max_filter_ratio: 0.5"])
    assert result["Status"] == "Success", result
    assert result["NumberLoadedRows"] == 2 and result["NumberFilteredRows"] == 1
    assert sql(server, "SELECT count(*) FROM example_db.tp") == ((0,),)
    assert sql(server, "SELECT k FROM example_db.tp TEMPORARY PARTITION (tp1) ORDER BY k") == \
        ((1,), (2,))
    result, _ = stream_load(server, db, "tp", "1,2020-01-15\n", ["column_separator:,",
                                                                 "temporary_partitions: p1"])
    assert result["Status"] == "Fail" and "Unknown temporary partition 'p1'" in result["Message"]


def test_large_json_bodies_in_pieces_lose_and_split_nothing(server, db):
    sql(server, "CREATE TABLE example_db.bigjson (k BIGINT NOT NULL, s VARCHAR(40)) "
                "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)")
    # NDJSON over 4 MB (the reader gets it in pieces cut between lines) ...
    ndjson = "".join('{"k": %d, "s": "row %d padded to make it longer"}\n' % (i, i)
                     for i in range(120000))
    result, _ = stream_load(server, db, "bigjson", ndjson, ["format:json"])
    assert result["Status"] == "Success", result
    assert result["NumberLoadedRows"] == 120000
    # ... and one pretty-printed array over 4 MB, which must never be cut.
    pretty = "[\n" + ",\n".join('  {"k": %d, "s": "pretty row %d"}' % (i, i)
                                for i in range(120000, 300000)) + "\n]\n"
    assert len(pretty) > 4 << 20
    result, _ = stream_load(server, db, "bigjson", pretty, ["format:json",
                                                            "strip_outer_array:true"])
    assert result["Status"] == "Success", result
    assert result["NumberLoadedRows"] == 180000
    assert sql(server, "SELECT count(*), count(distinct k), min(k), max(k) "
                       "FROM example_db.bigjson") == ((300000, 300000, 0, 299999),)
