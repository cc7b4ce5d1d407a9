"""Compares the rows two systems returned for the same query.

Values are first normalized to plain Python types (numbers, str, None; dates and datetimes as
ISO text, Decimal as float), since pymysql and ClickHouse's JSON hand back different types for
the same value. Numbers match within a relative tolerance (two engines sum doubles in different
orders); a number and a numeric string match by value. Rows are compared in order when the
query's ORDER BY fixes it, otherwise as sorted multisets.
"""
import datetime
import decimal
import math

REL_TOLERANCE = 1e-9


def normalize(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return value.decode(errors="replace")
    return value


def normalize_rows(rows):
    return [tuple(normalize(v) for v in row) for row in rows]


def _as_number(value):
    if isinstance(value, (int, float)):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def values_equal(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    x, y = _as_number(a), _as_number(b)
    if x is None or y is None:
        return a == b
    if isinstance(x, int) and isinstance(y, int):
        return x == y
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return math.isclose(x, y, rel_tol=REL_TOLERANCE, abs_tol=1e-12)


def _sort_key(row):
    # NULLs first, then numbers by value, then strings: a total order over mixed rows.
    key = []
    for v in row:
        if v is None:
            key.append((0, 0.0, ""))
        elif isinstance(v, (int, float)):
            key.append((1, float(v), ""))
        else:
            key.append((2, 0.0, str(v)))
    return key


def compare_rows(expected, actual, ordered):
    """Returns None when the rows match, else one line saying where they differ.

    `expected` and `actual` are normalized rows (normalize_rows)."""
    if len(expected) != len(actual):
        return "row counts differ: %d vs %d" % (len(expected), len(actual))
    if not ordered:
        expected, actual = sorted(expected, key=_sort_key), sorted(actual, key=_sort_key)
    for i, (e, a) in enumerate(zip(expected, actual)):
        if len(e) != len(a) or not all(values_equal(x, y) for x, y in zip(e, a)):
            return "row %d differs: %r vs %r" % (i, e, a)
    return None
