"""Seeded order rows for the query benchmark, written as TSV files both systems load.

The `orders` table is the Routine Load seed's example_tbl1 (order_id, pay_dt, customer_name,
nationality, price) plus three columns the queries need: pay_time, quantity, customer_id.
Rows come out in order_id order, shaped like an order feed over 2023-2024:

  order_id       BIGINT NOT NULL   increasing from 2023000000000 with gaps of 1-3
  pay_dt         DATE NOT NULL     the UTC date of pay_time
  customer_name  VARCHAR(26) NULL  the customer's name, from a pool of 3000 "First [M.] Last";
                                   0.5% NULL
  nationality    VARCHAR(26) NULL  one of 20, skewed towards the first few; 1% NULL
  price          DOUBLE NULL       log-normal (median about 37) with cents, 0.01..99999.99;
                                   0.5% NULL
  pay_time       BIGINT NOT NULL   unix seconds, advancing through 2023-01-01..2024-12-31 with
                                   up to an hour of jitter
  quantity       INT NOT NULL      1..10, mostly small
  customer_id    BIGINT NOT NULL   1..rows/10, skewed towards small ids (about 1M distinct at
                                   10M rows; the busiest customer has about 1000 orders)

`countries(nationality, region, population)` has one row per nationality, for the join.

The same (rows, seed) always gives the same bytes: one random.Random(seed) draws every value in
a fixed order. NULL is written as \\N, the TSV convention ClickHouse reads; the Tributary loader
turns the same files into INSERT statements.
"""
import bisect
import datetime
import itertools
import random

# Bump when the rows change shape: the cache directory name includes it.
GENERATOR_VERSION = 1

ORDER_COLUMNS = ("order_id", "pay_dt", "customer_name", "nationality", "price",
                 "pay_time", "quantity", "customer_id")
COUNTRY_COLUMNS = ("nationality", "region", "population")

# (nationality, weight in orders, region, population)
COUNTRIES = (
    ("China", 18, "Asia", 1411750000),
    ("United States", 15, "North America", 333287557),
    ("Germany", 9, "Europe", 84358845),
    ("Japan", 8, "Asia", 124516650),
    ("India", 8, "Asia", 1417173173),
    ("France", 6, "Europe", 68042591),
    ("Brazil", 5, "South America", 215313498),
    ("United Kingdom", 5, "Europe", 66971411),
    ("Italy", 4, "Europe", 58850717),
    ("Spain", 4, "Europe", 48059777),
    ("Canada", 3, "North America", 38929902),
    ("South Korea", 3, "Asia", 51628117),
    ("Mexico", 2, "North America", 127504125),
    ("Russia", 2, "Europe", 143555736),
    ("Australia", 2, "Oceania", 26005540),
    ("Netherlands", 2, "Europe", 17811291),
    ("Turkey", 1, "Asia", 85279553),
    ("Poland", 1, "Europe", 36821749),
    ("Nigeria", 1, "Africa", 218541212),
    ("Sweden", 1, "Europe", 10521556),
)

FIRST_NAMES = (
    "Johann", "Maria", "Wei", "Aiko", "Olga", "Pierre", "Sofia", "Ahmed", "Lucia", "Hiroshi",
    "Fatima", "Liam", "Emma", "Noah", "Chloe", "Mateo", "Ingrid", "Raj", "Priya", "Carlos",
    "Ana", "Ivan", "Yuki", "Min-jun", "Elif", "Omar", "Zanele", "Lars", "Freya", "Diego",
    "Camila", "Tomasz", "Agnieszka", "Kofi", "Amara", "Sven", "Hannah", "Jakub", "Mei", "Arjun",
    "Leila", "Marco", "Giulia", "Nikos", "Eleni", "Pablo", "Isabel", "Tariq")
LAST_NAMES = (
    "Faust", "Schmidt", "Wang", "Tanaka", "Ivanova", "Dubois", "Rossi", "Hassan", "Garcia",
    "Suzuki", "Khan", "Smith", "Johnson", "Brown", "Martin", "Lopez", "Andersson", "Patel",
    "Sharma", "Silva", "Santos", "Petrov", "Sato", "Kim", "Yilmaz", "Haddad", "Dlamini",
    "Nielsen", "Larsen", "Fernandez", "Gomez", "Kowalski", "Nowak", "Mensah", "Okafor", "Berg",
    "Muller", "Novak", "Chen", "Reddy", "Karimi", "Bianchi", "Romano", "Papadopoulos",
    "Georgiou", "Ruiz", "Moreno", "Aziz")
NAME_POOL = 3000

FIRST_ORDER_ID = 2023000000000
FIRST_SECOND = int(datetime.datetime(2023, 1, 1, tzinfo=datetime.timezone.utc).timestamp())
LAST_SECOND = int(datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc).timestamp()) - 1
NULL = "\\N"


def _name_pool(rng):
    pool = []
    while len(pool) < NAME_POOL:
        name = rng.choice(FIRST_NAMES) + " "
        if rng.random() < 0.25:  # one name in four has a middle initial, like "Johann G. Faust"
            name += chr(ord("A") + rng.randrange(26)) + ". "
        name += rng.choice(LAST_NAMES)
        if len(name) <= 26:
            pool.append(name)
    return pool


def write_countries(path):
    with open(path, "w") as out:
        for nationality, _, region, population in COUNTRIES:
            out.write("%s\t%s\t%d\n" % (nationality, region, population))


def write_orders(path, rows, seed):
    """Writes `rows` order rows to `path` as TSV, in order_id order."""
    rng = random.Random(seed)
    names = _name_pool(rng)
    customers = max(1, rows // 10)
    cumulative = list(itertools.accumulate(c[1] for c in COUNTRIES))
    nationalities = [c[0] for c in COUNTRIES]
    day_text = {}  # days since the epoch -> 'YYYY-MM-DD'
    span = LAST_SECOND - 3600 - FIRST_SECOND
    r = rng.random
    lognormal = rng.lognormvariate
    order_id = FIRST_ORDER_ID
    with open(path, "w", buffering=1 << 20) as out:
        lines = []
        for i in range(rows):
            order_id += 1 + int(r() * 3)
            pay_time = FIRST_SECOND + span * i // rows + int(r() * 3600)
            day = pay_time // 86400
            pay_dt = day_text.get(day)
            if pay_dt is None:
                pay_dt = day_text[day] = (datetime.date(1970, 1, 1)
                                          + datetime.timedelta(days=day)).isoformat()
            customer_id = 1 + int(customers * r() ** 1.5)
            name = names[customer_id * 2654435761 % NAME_POOL] if r() >= 0.005 else NULL
            nationality = (nationalities[bisect.bisect(cumulative, r() * cumulative[-1])]
                           if r() >= 0.01 else NULL)
            price = min(max(round(lognormal(3.6, 1.0), 2), 0.01), 99999.99)
            price_text = repr(price) if r() >= 0.005 else NULL
            quantity = 1 + int(r() ** 2 * 10)
            lines.append("%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n" % (
                order_id, pay_dt, name, nationality, price_text, pay_time, quantity, customer_id))
            if len(lines) == 65536:
                out.write("".join(lines))
                lines.clear()
        out.write("".join(lines))


def read_tsv(path):
    """Yields each line of a TSV file as a list of fields (None for \\N)."""
    with open(path) as f:
        for line in f:
            yield [None if v == NULL else v for v in line.rstrip("\n").split("\t")]
