"""Seeded order rows for the ingest benchmark, as Kafka message payloads (CSV, JSON and Avro).

The rows have the shape of the Routine Load seed's `ordertest1` topic: six fields, order id,
payment date, customer name, nationality, gender, price, e.g.

    CSV   2023000000001,2023-01-01,Maria Schmidt,Germany,female,123.45
    JSON  {"order_id":2023000000001,"pay_dt":"2023-01-01","customer_name":"Maria Schmidt",
           "nationality":"Germany","gender":"female","price":123.45}

    Avro  00 00000001 | 84 98 92 c3 e0 75 | bc ae 02 | 18 "Ana Kowalski" | 0a "Spain" | ...
          (Confluent framing: magic 0, the 4-byte schema id, then one Avro binary datum of
          AVRO_SCHEMA: long, int date, three strings, double; 49 bytes on average)

One message is one row, as StarRocks users produce them. Names and nationalities come from the
query benchmark's pools (bench/query/orders_data.py) so both benchmarks speak of the same
orders; there are no NULLs (a CSV message cannot say NULL portably, and Kafka feeds rarely do).
The same (count, seed) always gives the same payloads.

Avro payloads come from avro_encoder(schema_id), a hand-written encoder for AVRO_SCHEMA only
(zigzag varints, length-prefixed UTF-8, little-endian doubles; the encodings of the repeating
dates and strings are cached): about 5-10 us a row, against 25-170 us for python3-avro
(tests/harness/avro_produce.py) on the two shared cores, which would make encoding 1M rows take
minutes. check_avro_payloads() compares its bytes with python3-avro's confluent_avro for a
sample of the rows on every run, so the topic holds exactly what the reference encoder writes.

The freshness topic adds a seventh field, produced_us: the producer's wall clock (microseconds
since the epoch) when the message was handed to the client (freshness_csv()).
"""
import datetime
import itertools
import json
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "query"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "harness"))  # avro_produce
import orders_data  # noqa: E402

COLUMNS = ("order_id", "pay_dt", "customer_name", "nationality", "gender", "price")
FRESHNESS_COLUMNS = COLUMNS + ("produced_us",)
FIRST_ORDER_ID = orders_data.FIRST_ORDER_ID
FIRST_DAY = datetime.date(2023, 1, 1)
DAYS = 730  # pay_dt runs through 2023-2024 over the rows

# The Avro record: one field per column, named as the columns (Routine Load's simple mode finds
# fields by column name), no unions (no row has a NULL). pay_dt is Avro's date (days since
# 1970-01-01, which Tributary reads as "2023-01-01" text for the DATE column).
AVRO_SUBJECT_SUFFIX = "-value"  # Confluent's TopicNameStrategy: subject "<topic>-value"
AVRO_SCHEMA = {
    "type": "record", "name": "order", "namespace": "tributary.bench.ingest",
    "fields": [
        {"name": "order_id", "type": "long"},
        {"name": "pay_dt", "type": {"type": "int", "logicalType": "date"}},
        {"name": "customer_name", "type": "string"},
        {"name": "nationality", "type": "string"},
        {"name": "gender", "type": "string"},
        {"name": "price", "type": "double"},
    ],
}
assert tuple(f["name"] for f in AVRO_SCHEMA["fields"]) == COLUMNS
EPOCH = datetime.date(1970, 1, 1)


def rows(count, seed):
    """Yields `count` tuples (order_id int, pay_dt str, name, nationality, gender, price float)
    in order_id order."""
    rng = random.Random(seed)
    names = [rng.choice(orders_data.FIRST_NAMES) + " " + rng.choice(orders_data.LAST_NAMES)
             for _ in range(orders_data.NAME_POOL)]
    nationalities = [c[0] for c in orders_data.COUNTRIES]
    weights = list(itertools.accumulate(c[1] for c in orders_data.COUNTRIES))
    days = [(FIRST_DAY + datetime.timedelta(days=d)).isoformat() for d in range(DAYS)]
    genders = ("female", "male")
    r = rng.random
    order_id = FIRST_ORDER_ID
    for i in range(count):
        order_id += 1 + int(r() * 3)
        price = min(max(round(rng.lognormvariate(3.6, 1.0), 2), 0.01), 99999.99)
        yield (order_id, days[i * DAYS // count], names[int(r() * len(names))],
               rng.choices(nationalities, cum_weights=weights)[0], genders[r() < 0.5], price)


def csv_payload(row):
    return ("%d,%s,%s,%s,%s,%r" % row).encode()


def json_payload(row):
    return json.dumps(dict(zip(COLUMNS, row)), separators=(",", ":")).encode()


def _avro_long(n):
    """Avro's long: zigzag, then a little-endian base-128 varint."""
    n = (n << 1) ^ (n >> 63)
    out = bytearray()
    while n > 0x7f:
        out.append((n & 0x7f) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def avro_encoder(schema_id):
    """A function row -> Confluent-framed Avro payload of AVRO_SCHEMA registered as schema_id."""
    header = struct.pack(">bI", 0, schema_id)
    pack_double = struct.Struct("<d").pack
    strings, days = {}, {}

    def string(text):
        encoded = strings.get(text)
        if encoded is None:
            data = text.encode()
            encoded = strings[text] = _avro_long(len(data)) + data
        return encoded

    def day(iso):
        encoded = days.get(iso)
        if encoded is None:
            encoded = days[iso] = _avro_long((datetime.date.fromisoformat(iso) - EPOCH).days)
        return encoded

    def encode(row):
        return b"".join((header, _avro_long(row[0]), day(row[1]), string(row[2]),
                         string(row[3]), string(row[4]), pack_double(row[5])))
    return encode


def avro_record(row):
    """The row as the dict python3-avro writes for AVRO_SCHEMA."""
    record = dict(zip(COLUMNS, row))
    record["pay_dt"] = datetime.date.fromisoformat(row[1])
    return record


def check_avro_payloads(rows, schema_id, encode, sample=2000):
    """Compares encode(row) with python3-avro's bytes (avro_produce.confluent_avro) for the
    first and last rows and every len/sample-th one; raises AssertionError on a difference.
    Returns the number of rows compared."""
    from avro_produce import confluent_avro
    step = max(1, len(rows) // sample)
    picked = sorted(set(range(0, min(len(rows), 200))) | set(range(0, len(rows), step))
                    | set(range(max(0, len(rows) - 200), len(rows))))
    for i in picked:
        ours, theirs = encode(rows[i]), confluent_avro(schema_id, AVRO_SCHEMA,
                                                       avro_record(rows[i]))
        assert ours == theirs, ("row %d %r: hand-written Avro %s, python3-avro %s"
                                % (i, rows[i], ours.hex(), theirs.hex()))
    return len(picked)


def freshness_csv(row, produced_us):
    return ("%d,%s,%s,%s,%s,%r,%d" % (row + (produced_us,))).encode()
