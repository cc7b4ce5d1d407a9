"""The benchmark's queries: one SQL text both systems run, or one per system where the dialects
differ (Tributary speaks StarRocks SQL; ClickHouse 18.16 lacks year(), month(), date_format(),
from_unixtime()).

`ordered` says the query's ORDER BY fixes the row order, so results are compared row by row;
otherwise they are compared as multisets. Every ORDER BY ends in a unique tie-breaker so both
systems must return the same rows. Queries return few rows on purpose: the timing measures the
engine, not the transfer or decoding of a big result. The first query, on the 20-row dimension
table, shows the floor each system's protocol and planning put under every query; it stays out
of the geometric mean.
"""
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Query:
    name: str
    what: str
    sql: Optional[str] = None          # the text both systems run
    tributary: Optional[str] = None    # per-system variants, when the dialects differ
    clickhouse: Optional[str] = None
    ordered: bool = False
    in_geomean: bool = True            # False for the overhead probe: it times no engine work

    def text(self, system):
        variant = self.tributary if system == "tributary" else self.clickhouse
        return variant or self.sql


QUERIES = (
    Query("dimension_scan", "all 20 rows of the dimension table: the per-query overhead floor",
          sql="SELECT nationality, region, population FROM countries", in_geomean=False),
    Query("filter_count_sum", "selective filter, count + sum",
          sql="SELECT count(*), sum(price) FROM orders "
              "WHERE price > 990 AND nationality = 'Germany'"),
    Query("group_by_nationality", "GROUP BY low cardinality (~20 groups)",
          sql="SELECT nationality, count(*), sum(price), avg(price) FROM orders "
              "GROUP BY nationality"),
    Query("group_by_customer_top10", "GROUP BY high cardinality (~rows/10 groups), top 10",
          sql="SELECT customer_id, count(*), sum(price) AS total FROM orders "
              "GROUP BY customer_id ORDER BY total DESC, customer_id LIMIT 10",
          ordered=True),
    Query("top_n_price", "top-N rows by price",
          sql="SELECT order_id, pay_dt, customer_name, price FROM orders "
              "ORDER BY price DESC, order_id LIMIT 10",
          ordered=True),
    Query("count_distinct_customer", "count(DISTINCT) high cardinality",
          sql="SELECT count(DISTINCT customer_id) FROM orders"),
    Query("group_by_year_month", "date functions on a DATE, GROUP BY year, month",
          tributary="SELECT year(pay_dt), month(pay_dt), count(*), sum(quantity) FROM orders "
                    "GROUP BY year(pay_dt), month(pay_dt) "
                    "ORDER BY year(pay_dt), month(pay_dt)",
          clickhouse="SELECT toYear(pay_dt), toMonth(pay_dt), count(*), sum(quantity) "
                     "FROM orders GROUP BY toYear(pay_dt), toMonth(pay_dt) "
                     "ORDER BY toYear(pay_dt), toMonth(pay_dt)",
          ordered=True),
    Query("group_by_unixtime_month", "from_unixtime + date_format on a BIGINT, GROUP BY",
          tributary="SELECT date_format(from_unixtime(pay_time), '%Y-%m') AS ym, count(*), "
                    "sum(price) FROM orders GROUP BY ym ORDER BY ym",
          clickhouse="SELECT formatDateTime(toDateTime(pay_time), '%Y-%m') AS ym, count(*), "
                     "sum(price) FROM orders GROUP BY ym ORDER BY ym",
          ordered=True),
    Query("join_region", "join with the 20-row dimension table, GROUP BY region",
          sql="SELECT c.region, count(*), sum(o.price) FROM orders AS o "
              "JOIN countries AS c ON o.nationality = c.nationality GROUP BY c.region"),
    Query("date_range_filter", "one month of pay_dt, count + sum + avg",
          sql="SELECT count(*), sum(price), avg(quantity) FROM orders "
              "WHERE pay_dt BETWEEN '2023-03-01' AND '2023-03-31'"),
    Query("like_filter", "LIKE '%son%' on customer_name",
          sql="SELECT count(*), sum(price) FROM orders WHERE customer_name LIKE '%son%'"),
    Query("full_scan_aggregates", "full scan, sum/min/max/count of several columns",
          sql="SELECT count(*), count(price), sum(price), min(price), max(price), "
              "min(pay_dt), max(pay_dt), sum(quantity) FROM orders"),
)
