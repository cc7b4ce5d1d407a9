"""Differential test of the query engine: random tables, loaded identically into Tributary and
into SQLite (Python's sqlite3), and many random queries (filters, expressions, GROUP BY with
aggregates and HAVING, DISTINCT, ORDER BY ... LIMIT, joins, UNION, subqueries in FROM) whose
results must agree. The generator (tests/e2e/differential/) only writes queries on whose meaning
the two systems agree, translating where they spell things differently.

Environment:
  DIFF_SEED=n      the seed (DEFAULT_SEED unless given, so `make test` is repeatable;
                   DIFF_SEED=random picks one; printed, and named in the failure message)
  DIFF_QUERIES=n   how many queries (default 1000, some 20 seconds); on demand, e.g.
                   DIFF_QUERIES=20000 TRIBUTARY_BIN=build/tributary \
                       python3 -m pytest -q tests/e2e/test_differential.py
  DIFF_ONLY=i,j    with DIFF_SEED, run only those query numbers (to reproduce one)

Query i is generated from (seed, i) alone, so DIFF_SEED and DIFF_ONLY reproduce it exactly.
"""
import os
import random
import re
import sqlite3
import sys
import time
from collections import Counter

import pymysql

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from differential import dataset  # noqa: E402
from differential.compare import compare, tributary_rows  # noqa: E402
from differential.queries import QueryGen  # noqa: E402

DEFAULT_QUERIES = 1000
DEFAULT_SEED = 20261121
SHOWN = 25  # mismatches printed in full


def connect(server):
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root",
                           autocommit=True, read_timeout=120)
    conn.cursor().execute("CREATE DATABASE IF NOT EXISTS diff")
    conn.cursor().execute("USE diff")
    return conn


def test_query_results_match_sqlite(server):
    seed_text = os.environ.get("DIFF_SEED") or str(DEFAULT_SEED)
    seed = random.randrange(1, 2**31) if seed_text == "random" else int(seed_text)
    count = int(os.environ.get("DIFF_QUERIES") or DEFAULT_QUERIES)
    only = {int(i) for i in os.environ.get("DIFF_ONLY", "").split(",") if i.strip()}
    print("DIFF_SEED=%d DIFF_QUERIES=%d" % (seed, count))

    conn = connect(server)
    lite = sqlite3.connect(":memory:")
    lite.execute("PRAGMA case_sensitive_like = ON")  # MySQL's LIKE is case-sensitive here too
    data_rng = random.Random("data:%d" % seed)
    tables = dataset.make_tables(data_rng)
    dataset.load(tables, data_rng, conn.cursor(), lite)

    started = time.monotonic()
    failures, run = [], 0
    for i in sorted(only) if only else range(count):
        query = QueryGen(random.Random("%d:%d" % (seed, i)), tables).top()
        run += 1
        try:
            lite_rows = lite.execute(query.lite).fetchall()
            unlimited = lite.execute(query.limit[1]).fetchall() if query.limit else None
        except sqlite3.Error as e:
            failures.append((i, query, "the generator wrote SQL SQLite rejects: %s" % e))
            continue
        try:
            cur = conn.cursor()
            cur.execute(query.tri)
            tri_rows = tributary_rows(cur.fetchall(), cur.description)
        except pymysql.err.OperationalError as e:
            if server.proc.poll() is not None:
                failures.append((i, query, "Tributary exited (code %s) on this query"
                                 % server.proc.returncode))
                break
            failures.append((i, query, "Tributary error: %s" % (e,)))
            conn = connect(server)  # the old connection may be unusable
            continue
        except pymysql.MySQLError as e:
            failures.append((i, query, "Tributary error: %s" % (e,)))
            continue
        problem = compare(tri_rows, lite_rows, query, unlimited)
        if problem:
            failures.append((i, query, problem, tri_rows[:8], lite_rows[:8]))
    elapsed = time.monotonic() - started
    print("%d queries in %.1f s, %d mismatches" % (run, elapsed, len(failures)))
    # Classes of failure: errors by message (names elided), wrong results together.
    kinds = Counter(re.sub(r"`[^`]*`", "`?`", f[2]) if len(f) == 3 else "wrong result"
                    for f in failures)
    for kind, n in kinds.most_common():
        print("  %5d  %s" % (n, kind))

    for f in failures[:SHOWN]:
        i, query, problem = f[:3]
        print("\n--- query %d (DIFF_SEED=%d DIFF_ONLY=%d): %s" % (i, seed, i, problem))
        print("Tributary: " + query.tri)
        print("SQLite:    " + query.lite)
        if len(f) > 3:
            print("Tributary rows (first 8): %r" % (f[3],))
            print("SQLite rows (first 8):    %r" % (f[4],))
    conn.close()
    assert not failures, "%d of %d queries disagree with SQLite (DIFF_SEED=%d); see stdout" % (
        len(failures), run, seed)
