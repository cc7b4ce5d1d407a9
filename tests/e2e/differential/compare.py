"""Compares a result from Tributary (pymysql) with one from SQLite.

Values are normalised first: dates and datetimes become ISO text, Decimals and floats numbers,
LARGEINT (which Tributary, as StarRocks, sends as a MYSQL_TYPE_STRING column: abs(BIGINT) is
LARGEINT) an integer; NULL equals NULL. Numbers compare with a relative tolerance of 1e-9
(integers against floats by value); values Tributary computes as a DECIMAL quotient (tol='dec':
decimal division and avg, whose scale is the dividend's plus 4, as in MySQL) with an absolute
1e-4 as well.
Results compare as sequences when the query's ORDER BY is total, else as multisets.
"""
import datetime
import decimal
import math
import re

MYSQL_TYPE_STRING = 254
INTEGER_TEXT = re.compile(r"-?[0-9]+\Z")


def normalize(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat(" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).decode("utf-8", "replace")
    return v


def tributary_rows(rows, description):
    """Tributary's rows, normalised; LARGEINT columns arrive as text and become integers."""
    large = [d[1] == MYSQL_TYPE_STRING for d in description]
    out = []
    for row in rows:
        out.append(tuple(int(v) if big and isinstance(v, str) and INTEGER_TEXT.match(v)
                         else normalize(v) for v, big in zip(row, large)))
    return out


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def value_equal(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    if is_number(a) and is_number(b):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-4 if tol == "dec" else 1e-12)
    return type(a) is type(b) and a == b


def row_equal(a, b, tols):
    return len(a) == len(b) and all(value_equal(x, y, t) for x, y, t in zip(a, b, tols))


def sort_key(row, tols):
    """Orders rows so that rows equal within the tolerance line up on both sides: first by the
    columns Tributary does not round, to 12 significant digits, then exactly, then by the
    columns it rounds (tol; rounding keeps their order)."""
    rounded, exact, last = [], [], []
    for v, tol in zip(row, tols):
        if v is None:
            key = (0, 0, "")
        elif is_number(v):
            key = (1, v, "")
        else:
            key = (2, 0, str(v))
        if tol:
            last.append(key)
            continue
        exact.append(key)
        rounded.append((1, float("%.12g" % v), "") if key[0] == 1 else key)
    return rounded + exact + last


def compare(tri, lite_rows, query, lite_unlimited=None):
    """None when the results agree, else a sentence saying how they differ. `tri` holds
    Tributary's rows as tributary_rows() returns them."""
    tols = [e.tol for e in query.out]
    tri = list(tri)
    lite = [tuple(normalize(v) for v in row) for row in lite_rows]
    if query.limit is not None:
        n = query.limit[0]
        if len(tri) != len(lite):
            return "LIMIT %d: Tributary returned %d rows, expected %d" % (n, len(tri), len(lite))
        pool = [tuple(normalize(v) for v in r) for r in lite_unlimited]
        for row in tri:
            match = next((j for j, p in enumerate(pool) if row_equal(row, p, tols)), None)
            if match is None:
                return "LIMIT %d: row %r is not in the unlimited result" % (n, row)
            pool[match] = ()  # each row of the unlimited result matches once
        return None
    if len(tri) != len(lite):
        return "row counts differ: Tributary %d, SQLite %d" % (len(tri), len(lite))
    if query.order != "seq":
        tri.sort(key=lambda row: sort_key(row, tols))
        lite.sort(key=lambda row: sort_key(row, tols))
    for i, (a, b) in enumerate(zip(tri, lite)):
        if not row_equal(a, b, tols):
            return "row %d differs%s: Tributary %r, SQLite %r" % (
                i, " (after sorting both)" if query.order != "seq" else "", a, b)
    return None
