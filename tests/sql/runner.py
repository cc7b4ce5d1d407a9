#!/usr/bin/env python3
"""sqllogictest-style runner: executes a .test file against a fresh tributary server over the
MySQL protocol (pymysql, a real client) and checks every result.

File format (records are separated by blank lines; `#` starts a comment line):

  statement ok
  <sql, one or more lines>

  statement error [<errno>] [<text the message must contain>]
  <sql>

  query [rowsort]
  <sql>
  ----
  <expected rows: columns separated by a TAB; NULL for SQL NULL; "(empty)" for ''>

  connect <name> [user=<u>] [password=<p>] [database=<db>]   opens and switches to a connection
  connection <name>                                          switches to an open connection
  restart                                                    restarts the server on the same data
                                                             directory (durability checks) and
                                                             reconnects every connection
  kill9                                                      like restart, after SIGKILL

Values are compared as the text the server sent (pymysql runs with no converters), so the
server's own rendering of DOUBLE, DECIMAL, DATE and DATETIME is what the expectations check.
A value that contains newlines (SHOW CREATE TABLE) is compared line by line: write it as it
prints, continuing on the following lines. The default connection is `default`, as root.
Usage: runner.py <file.test> [...]; exit status 0 when every record passed.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))

import pymysql  # noqa: E402
from tributary_server import TributaryServer  # noqa: E402


class Record:
    def __init__(self, kind, line, args, sql, expected):
        self.kind, self.line, self.args, self.sql, self.expected = kind, line, args, sql, expected


def parse(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    records, i = [], 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.startswith("#"):
            i += 1
            continue
        start = i + 1
        words = line.split()
        kind = words[0]
        if kind in ("connect", "connection", "restart", "kill9"):
            records.append(Record(kind, start, words[1:], None, None))
            i += 1
            continue
        if kind not in ("statement", "query"):
            raise SystemExit("%s:%d: unknown record '%s'" % (path, start, line))
        i += 1
        sql, expected = [], None
        while i < len(lines) and lines[i].strip() and lines[i] != "----":
            sql.append(lines[i])
            i += 1
        if kind == "query":
            if i >= len(lines) or lines[i] != "----":
                raise SystemExit("%s:%d: query without ----" % (path, start))
            i += 1
            expected = []
            while i < len(lines) and lines[i].strip():
                expected.append(lines[i])
                i += 1
        records.append(Record(kind, start, words[1:], "\n".join(sql), expected))
    return records


def render(value):
    if value is None:
        return "NULL"
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    value = str(value)
    return value if value != "" else "(empty)"


class Runner:
    def __init__(self, path):
        self.path = path
        self.server = TributaryServer()
        self.conns = {}
        self.conn_args = {}
        self.current = "default"
        self.failures = 0

    def connect(self, name, user="root", password="", database=None):
        self.conn_args[name] = dict(user=user, password=password, database=database)
        self.conns[name] = pymysql.connect(host="127.0.0.1", port=self.server.query_port,
                                           user=user, password=password, database=database,
                                           autocommit=True, connect_timeout=30, conv={})
        self.current = name

    def fail(self, rec, msg):
        self.failures += 1
        print("FAIL %s:%d: %s\n  sql: %s" % (self.path, rec.line, msg, rec.sql or ""))

    def run(self):
        records = parse(self.path)
        self.server.start()
        try:
            self.connect("default")
            for rec in records:
                self.run_record(rec)
        finally:
            for c in self.conns.values():
                try:
                    c.close()
                except Exception:
                    pass
            self.server.cleanup()
        print("%s: %d records, %d failed" % (os.path.basename(self.path), len(records),
                                            self.failures))
        return self.failures == 0

    def run_record(self, rec):
        if rec.kind == "connect":
            opts = dict(a.split("=", 1) for a in rec.args[1:])
            try:
                self.connect(rec.args[0], **opts)
            except pymysql.MySQLError as e:
                self.fail(rec, "connect failed: %s" % (e,))
            return
        if rec.kind == "connection":
            self.current = rec.args[0]
            return
        if rec.kind in ("restart", "kill9"):
            for c in self.conns.values():
                try:
                    c.close()
                except Exception:
                    pass
            if rec.kind == "kill9":
                self.server.kill()
                self.server.start()
            else:
                self.server.restart()
            current = self.current
            for name, args in list(self.conn_args.items()):
                self.connect(name, **args)
            self.current = current
            return
        cur = self.conns[self.current].cursor()
        try:
            cur.execute(rec.sql)
            rows = cur.fetchall() if cur.description else []
        except pymysql.MySQLError as e:
            code = e.args[0] if e.args else 0
            msg = e.args[1] if len(e.args) > 1 else str(e)
            if rec.kind != "statement" or not rec.args or rec.args[0] != "error":
                self.fail(rec, "unexpected error %s: %s" % (code, msg))
                return
            want = rec.args[1:]
            if want and want[0].isdigit():
                if int(want[0]) != code:
                    self.fail(rec, "expected error %s, got %s: %s" % (want[0], code, msg))
                    return
                want = want[1:]
            text = " ".join(want)
            if text and text not in msg:
                self.fail(rec, "error message %r does not contain %r" % (msg, text))
            return
        finally:
            cur.close()
        if rec.kind == "statement":
            if rec.args and rec.args[0] == "error":
                self.fail(rec, "expected an error, statement succeeded")
            return
        got = []
        for row in rows:
            got.extend("\t".join(render(v) for v in row).split("\n"))
        expected = list(rec.expected)
        if "rowsort" in rec.args:
            got.sort()
            expected.sort()
        if got != expected:
            self.fail(rec, "result differs\n  expected:\n    %s\n  got:\n    %s"
                      % ("\n    ".join(expected), "\n    ".join(got)))


def main():
    ok = True
    for path in sys.argv[1:]:
        ok = Runner(path).run() and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
