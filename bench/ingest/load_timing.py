"""How a load is timed: from the statement that starts it until a count sees every row.

Both loaders (tributary_ingest.Tributary, clickhouse_ingest.ClickHouse) answer count(table) with
(rows, sum of order_id - FIRST_ORDER_ID) and failure(job) with a reason or None. wait_for_rows
polls the count every `poll_s` seconds; the load is done when a count returns every row, and its
time ends when that count query returned. The sum then has to match too, so a load that lost
some rows and doubled others is not counted as done.

There is no time limit on a load: it is given up only when it failed (a job PAUSED or
CANCELLED, an error in ClickHouse's log, a server that exited) or when no new row became
visible for `stall_s` seconds.
"""
import time


class LoaderError(Exception):
    """A statement failed or a server is gone; the message says what the system said."""


def wait_for_rows(loader, job, table, expected_rows, expected_sum, start, poll_s, stall_s):
    """Returns {"seconds", "first_row_seconds", "rows", "rows_per_s", "error"}: times from
    `start` (time.monotonic() just before the load's first statement); "error" is None when
    every row arrived exactly once, else why not (and rows_per_s is None)."""
    result = {"seconds": None, "first_row_seconds": None, "rows": 0, "rows_per_s": None,
              "error": None}
    last_count, last_change, polls = 0, time.monotonic(), 0
    while True:
        sent = time.monotonic()
        try:
            count, total = loader.count(table)
        except LoaderError as e:
            result["error"] = "count failed: %s" % e
            return result
        now = time.monotonic()
        result["rows"] = count
        if count and result["first_row_seconds"] is None:
            result["first_row_seconds"] = now - start
        if count >= expected_rows:
            if count != expected_rows or total != expected_sum:
                result["error"] = ("wrong rows: count %d, sum(order_id - first) %d; expected "
                                   "%d and %d" % (count, total, expected_rows, expected_sum))
                return result
            result["seconds"] = now - start
            result["rows_per_s"] = expected_rows / result["seconds"]
            return result
        if count != last_count:
            last_count, last_change = count, now
        polls += 1
        if polls % 5 == 0:
            failure = loader.failure(job)
            if failure:
                result["error"] = "%s (%d of %d rows visible)" % (failure, count, expected_rows)
                return result
        if now - last_change > stall_s:
            result["error"] = ("no new rows for %.0f s (%d of %d visible)"
                               % (stall_s, count, expected_rows))
            return result
        time.sleep(max(0.0, poll_s - (time.monotonic() - sent)))
