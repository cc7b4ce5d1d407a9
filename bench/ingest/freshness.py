"""Freshness: how long a row takes from the producer to a query's result, under a steady feed.

The load job is created on an empty topic first and left `warmup_s` seconds to settle into its
steady loop. Then a producer thread sends `rate` rows per second for `seconds` seconds; each row
carries produced_us, the producer's wall clock (microseconds) when it handed the message to
librdkafka. Meanwhile the main thread polls, every `poll_s` seconds,

    SELECT produced_us DIV 10000 AS b, count(*) FROM t GROUP BY b

i.e. how many rows of each 10 ms slice of production are visible. Rows that a poll sees and the
poll before did not became visible between the two; their latency is taken as the poll's
observation time (the middle of its query, same clock) minus the middle of their 10 ms slice.
So a latency is overstated by up to one poll interval (by half of one on average) and is exact
to +-5 ms otherwise. After the producer stops, the polls go on until every row is visible, or
until nothing new appeared for `stall_s` seconds: the rows still not visible then are reported
as missing (ClickHouse 18.16 loses a few; see README.md). The result is the latency
distribution over the visible rows: p50, p90, p99, max.

The producer (Python) and the poller share the 2 cores with the server under test and the
mock cluster; the achieved produce rate is reported next to the asked one.
"""
import threading
import time

import ingest_rows
import kafka_topics
from load_timing import LoaderError

BUCKET_US = 10000


def _percentile(samples, total, q):
    """samples: sorted [(latency_s, rows)]; the smallest latency covering q of the rows."""
    covered = 0
    for latency, rows in samples:
        covered += rows
        if covered >= q * total:
            return latency
    return samples[-1][0] if samples else None


def latencies(polls):
    """polls: [(observed_us, {bucket: visible rows})] in time order -> sorted
    [(latency_s, rows)]."""
    samples = []
    previous = {}
    for observed_us, counts in polls:
        for bucket, count in counts.items():
            new = count - previous.get(bucket, 0)
            if new > 0:
                samples.append(((observed_us - (bucket + 0.5) * BUCKET_US) / 1e6, new))
        previous = counts
    samples.sort()
    return samples


def visibility_steps(polls, feed_start_us):
    """[(seconds since the feed started, rows that became visible)] for each poll that saw new
    rows: the load's commit cadence as the client sees it."""
    steps = []
    previous = 0
    for observed_us, counts in polls:
        visible = sum(counts.values())
        if visible > previous:
            steps.append((round((observed_us - feed_start_us) / 1e6, 2), visible - previous))
            previous = visible
    return steps


def measure(loader, job, table, bootstrap, topic, partitions, rate, seconds, warmup_s, poll_s,
            stall_s, seed):
    """Runs the feed against a job already created on the empty `topic`. Returns a dict with
    "produced", "produce_seconds", "visible", "missing" (produced rows never seen), "p50",
    "p90", "p99", "max" (seconds, over the visible rows), "polls", "steps" (see
    visibility_steps) and "error" (None, or why the figures are not to be trusted)."""
    rows = list(ingest_rows.rows(int(rate * (seconds + 5)), seed))
    result = {"produced": None, "produce_seconds": None, "visible": 0, "missing": None,
              "p50": None, "p90": None, "p99": None, "max": None, "polls": 0, "error": None}
    time.sleep(warmup_s)

    produced = {}
    stop = threading.Event()

    def feed():
        try:
            produced.update(kafka_topics.produce_paced(
                bootstrap, topic, partitions, rate, seconds,
                lambda i, us: ingest_rows.freshness_csv(rows[i], us), stop))
        except Exception as e:  # noqa: BLE001  (reported by the main thread)
            produced["error"] = "producer: %s" % e

    producer = threading.Thread(target=feed, name="freshness-producer")
    feed_start_us = time.time() * 1e6
    producer.start()
    polls = []
    last_visible, last_change = 0, time.monotonic()
    try:
        while True:
            sent = time.time()
            try:
                counts = loader.bucket_counts(table, BUCKET_US)
            except LoaderError as e:
                result["error"] = "poll failed: %s" % e
                break
            received = time.time()
            polls.append(((sent + received) / 2 * 1e6, counts))
            visible = sum(counts.values())
            now = time.monotonic()
            if visible != last_visible:
                last_visible, last_change = visible, now
            done = not producer.is_alive()
            if done and ("error" in produced or visible >= produced["rows"]):
                break
            if len(polls) % 5 == 0:
                failure = loader.failure(job)
                if failure:
                    result["error"] = failure
                    break
            if now - last_change > stall_s:
                if not done:
                    result["error"] = ("no new rows for %.0f s while producing (%d visible)"
                                       % (stall_s, visible))
                break  # after the feed: the rows still missing are reported as missing
            time.sleep(max(0.0, poll_s - (time.time() - sent)))
    finally:
        stop.set()
        producer.join()

    result["produced"] = produced.get("rows")
    result["produce_seconds"] = produced.get("seconds")
    result["polls"] = len(polls)
    result["steps"] = visibility_steps(polls, feed_start_us)
    if "error" in produced:
        result["error"] = produced["error"]
    elif result["produced"] is not None:
        held = sum(high - low for low, high in
                   kafka_topics.watermarks(bootstrap, topic, partitions))
        if held != result["produced"]:
            result["error"] = "the topic holds %d rows, %d were produced" % (
                held, result["produced"])
    samples = latencies(polls)
    visible = sum(n for _, n in samples)
    result["visible"] = visible
    if result["produced"] is not None:
        result["missing"] = result["produced"] - visible
        if visible > result["produced"] and not result["error"]:
            result["error"] = "%d rows visible, %d produced" % (visible, result["produced"])
    if samples:
        for name, q in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0)):
            result[name] = _percentile(samples, visible, q)
    return result
