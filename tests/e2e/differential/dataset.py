"""Random tables loaded identically into Tributary and SQLite.

Each Table knows its Tributary DDL, its SQLite DDL, the INSERT batches Tributary receives (several,
so a tablet holds several rowsets) and the rows SQLite holds: for DUPLICATE KEY tables the same
rows; for AGGREGATE KEY and UNIQUE KEY tables the merged result, computed here in Python.

Values are chosen so the two systems cannot legitimately disagree: doubles are multiples of 0.25
(every sum is exact), strings are short ASCII with no quote, backslash or trailing space and
collide often (equality, grouping, LIKE with `%` and `_` inside the data), dates are 'YYYY-MM-DD'
text in SQLite (text order is date order).
"""
import datetime

STRINGS = ["", "a", "b", "A", "B", "ab", "aB", "ba", "abc", "b_c", "x%y", "a a", "Zz", "zz"]
FIRST_DATE = datetime.date(2023, 12, 15)
DATES = [(FIRST_DATE + datetime.timedelta(days=i)).isoformat() for i in range(81)]  # has 02-29
INT32_EDGES = [-2147483648, 2147483647, -2147483647, 0, 1, -1]


class Column:
    """One column: its name, the generator's type ('int', 'dbl', 'dec', 'str', 'date'), the SQL
    types on both sides, the largest magnitude of its values, and how many distinct values it has
    (roughly; used to keep join results small)."""

    def __init__(self, name, ty, tri_type, lite_type, gen, nullable=True, mag=0, ndv=1,
                 agg=None):
        self.name, self.ty, self.tri_type, self.lite_type = name, ty, tri_type, lite_type
        self.gen, self.nullable, self.mag, self.ndv, self.agg = gen, nullable, mag, ndv, agg

    def value(self, rng):
        if self.nullable and rng.random() < 0.12:
            return None
        return self.gen(rng)


def small_int(rng):
    return rng.randint(-20, 20)


def wide_int(rng):
    return rng.choice(INT32_EDGES) if rng.random() < 0.3 else rng.randint(-10**9, 10**9)


def big_int(rng):
    return rng.randint(-10**12, 10**12) if rng.random() < 0.05 else rng.randint(-10**6, 10**6)


def quarter(limit):
    return lambda rng: rng.randint(-4 * limit, 4 * limit) * 0.25


def key(n):
    return lambda rng: rng.randrange(n)


def string(rng):
    return rng.choice(STRINGS)


def date(rng):
    return rng.choice(DATES)


def int_col(name, gen, mag, ndv, nullable=True, tri_type="INT", agg=None):
    return Column(name, "int", tri_type, "INTEGER", gen, nullable, mag, ndv, agg)


def dbl_col(name, limit, nullable=True, agg=None):
    return Column(name, "dbl", "DOUBLE", "REAL", quarter(limit), nullable, limit, 8 * limit, agg)


def str_col(name, nullable=True):
    return Column(name, "str", "VARCHAR(16)", "TEXT", string, nullable, 0, len(STRINGS))


def date_col(name, nullable=True):
    return Column(name, "date", "DATE", "TEXT", date, nullable, 0, len(DATES))


def literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, str):
        return "'%s'" % v
    return repr(v)


class Table:
    def __init__(self, name, model, keys, columns, rows, batches, buckets, partition="",
                 big_first_batch=False):
        self.name, self.model, self.keys, self.columns = name, model, keys, columns
        self.rows, self.batches, self.buckets, self.partition = rows, batches, buckets, partition
        self.big_first_batch = big_first_batch  # 3/4 of the rows: segments of several chunks
        self.inserted = []  # list of batches, each a list of row tuples

    def generate(self, rng):
        """Draws the rows Tributary is sent, in batches; returns the rows SQLite should hold."""
        rows = [tuple(c.value(rng) for c in self.columns) for _ in range(self.rows)]
        first = 3 * self.rows // 4 if self.big_first_batch else 1
        cuts = sorted(rng.sample(range(first, self.rows), self.batches - 1))
        self.inserted = [rows[a:b] for a, b in zip([0] + cuts, cuts + [self.rows])]
        if self.model == "DUPLICATE":
            return rows
        nkeys = len(self.keys)
        merged = {}
        for row in rows:  # batch order, then statement order: the load order
            k = row[:nkeys]
            if self.model == "UNIQUE" or k not in merged:
                merged[k] = list(row)
                continue
            acc = merged[k]
            for i in range(nkeys, len(row)):
                a, b = acc[i], row[i]
                if b is None:
                    continue
                if a is None:
                    acc[i] = b
                else:
                    fn = self.columns[i].agg
                    acc[i] = a + b if fn == "SUM" else max(a, b) if fn == "MAX" else min(a, b)
        return [tuple(r) for r in merged.values()]

    def tri_ddl(self):
        cols = ", ".join(
            "%s %s%s %s" % (c.name, c.tri_type, " " + c.agg if c.agg else "",
                            "NULL" if c.nullable else "NOT NULL") for c in self.columns)
        return ("CREATE TABLE %s (%s) %s KEY(%s) %sDISTRIBUTED BY HASH(%s) BUCKETS %d"
                % (self.name, cols, self.model, ", ".join(self.keys), self.partition,
                   self.keys[0], self.buckets))

    def lite_ddl(self):
        return "CREATE TABLE %s (%s)" % (
            self.name, ", ".join("%s %s" % (c.name, c.lite_type) for c in self.columns))

    def insert_sql(self, rows):
        return "INSERT INTO %s VALUES %s" % (
            self.name, ", ".join("(%s)" % ", ".join(literal(v) for v in r) for r in rows))


def make_tables(rng):
    """The tables of one run. t1 is large enough that, in one bucket, its first segment holds
    more than one 4096-row chunk; the others keep joins of two or three tables small."""
    month_partitions = ("PARTITION BY RANGE(d2) (PARTITION p1 VALUES LESS THAN (\"2024-01-01\"), "
                        "PARTITION p2 VALUES LESS THAN (\"2024-02-01\"), "
                        "PARTITION p3 VALUES LESS THAN (\"2024-03-01\"), "
                        "PARTITION p4 VALUES LESS THAN (\"2024-04-01\")) ")
    return [
        Table("t1", "DUPLICATE", ["k1"], [
            int_col("k1", key(300), 300, 300, nullable=False),
            int_col("a", small_int, 20, 41),
            int_col("b", big_int, 10**12, 10**6, tri_type="BIGINT"),
            dbl_col("c", 50),
            str_col("s"),
            date_col("d"),
            int_col("w", wide_int, 2**31, 60),  # skewed: 30% share six values
            Column("m", "dec", "DECIMAL(10, 2)", "REAL", quarter(100), True, 100, 800),
        ], rows=rng.randint(5000, 6500), batches=6, buckets=rng.choice([1, 1, 2, 3]),
            big_first_batch=True),
        Table("t2", "DUPLICATE", ["k2"], [
            int_col("k2", key(150), 150, 150, nullable=False),
            date_col("d2", nullable=False),
            int_col("a2", small_int, 20, 41),
            dbl_col("c2", 10, nullable=False),
            str_col("s2"),
            int_col("b2", lambda r: r.randint(-1000, 1000), 1000, 2001, nullable=False,
                    tri_type="BIGINT"),
        ], rows=rng.randint(200, 320), batches=4, buckets=rng.randint(1, 3),
            partition=month_partitions),
        Table("t3", "AGGREGATE", ["k3", "g3"], [
            int_col("k3", key(80), 80, 80, nullable=False),
            Column("g3", "str", "VARCHAR(16)", "TEXT", lambda r: r.choice(STRINGS[:6]), False,
                   0, 6),
            int_col("v_sum", lambda r: r.randint(-1000, 1000), 10**6, 10**4, tri_type="BIGINT",
                    agg="SUM"),
            int_col("v_max", small_int, 20, 41, agg="MAX"),
            dbl_col("v_min", 50, agg="MIN"),
        ], rows=rng.randint(300, 500), batches=4, buckets=rng.randint(1, 3)),
        Table("t4", "UNIQUE", ["k4"], [
            int_col("k4", key(120), 120, 120, nullable=False),
            int_col("u", small_int, 20, 41),
            str_col("us"),
            date_col("ud"),
            dbl_col("uc", 50),
        ], rows=rng.randint(200, 400), batches=5, buckets=rng.randint(1, 3)),
    ]


def load(tables, rng, tri_cursor, lite_conn):
    """Creates and fills every table on both systems."""
    for t in tables:
        lite_rows = t.generate(rng)
        tri_cursor.execute(t.tri_ddl())
        for batch in t.inserted:
            tri_cursor.execute(t.insert_sql(batch))
        lite_conn.execute(t.lite_ddl())
        for i in range(0, len(lite_rows), 200):
            lite_conn.execute(t.insert_sql(lite_rows[i:i + 200]))
        for c in t.columns:  # SQLite joins without an index loop over every pair of rows
            lite_conn.execute("CREATE INDEX %s_%s ON %s (%s)" % (t.name, c.name, t.name, c.name))
        t.row_count = len(lite_rows)
    lite_conn.commit()
