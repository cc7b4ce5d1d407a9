"""Seeded order rows for the ingest benchmark, as Kafka message payloads (CSV and JSON).

The rows have the shape of the Routine Load seed's `ordertest1` topic: six fields, order id,
payment date, customer name, nationality, gender, price, e.g.

    CSV   2023000000001,2023-01-01,Maria Schmidt,Germany,female,123.45
    JSON  {"order_id":2023000000001,"pay_dt":"2023-01-01","customer_name":"Maria Schmidt",
           "nationality":"Germany","gender":"female","price":123.45}

One message is one row, as StarRocks users produce them. Names and nationalities come from the
query benchmark's pools (bench/query/orders_data.py) so both benchmarks speak of the same
orders; there are no NULLs (a CSV message cannot say NULL portably, and Kafka feeds rarely do).
The same (count, seed) always gives the same payloads.

The freshness topic adds a seventh field, produced_us: the producer's wall clock (microseconds
since the epoch) when the message was handed to the client (freshness_csv()).
"""
import datetime
import itertools
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "query"))
import orders_data  # noqa: E402

COLUMNS = ("order_id", "pay_dt", "customer_name", "nationality", "gender", "price")
FRESHNESS_COLUMNS = COLUMNS + ("produced_us",)
FIRST_ORDER_ID = orders_data.FIRST_ORDER_ID
FIRST_DAY = datetime.date(2023, 1, 1)
DAYS = 730  # pay_dt runs through 2023-2024 over the rows


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


def freshness_csv(row, produced_us):
    return ("%d,%s,%s,%s,%s,%r,%d" % (row + (produced_us,))).encode()
