#!/usr/bin/env python3
"""Ingest benchmark: Kafka -> table, Tributary's Routine Load vs ClickHouse's Kafka engine,
against the ceiling of a plain librdkafka consumer (bench/ingest/README.md).

  1. Start the Kafka test cluster (tools/kafka_test_cluster) with a topic of --partitions
     partitions per format and the freshness topics; produce the order rows as CSV, JSON and
     Confluent-framed Avro (one row per message). For Avro, start a Schema Registry
     (tests/harness/schema_registry.py) and register the record schema as "orders_avro-value".
  2. Raw: kcat reads each whole topic to /dev/null (median of --raw-runs).
  3. Tributary: CREATE ROUTINE LOAD per format; time from the statement until SELECT count(*)
     sees every row (polled every --poll seconds).
  4. ClickHouse 18.16: Kafka engine table + materialized view into a MergeTree table, once per
     --clickhouse-consumers value; the same timing. The best one goes into the table. Avro is
     n/a: 18.16 has no AvroConfluent input format (checked on the server, not assumed).
  5. Freshness: a job with max_batch_interval 5 on an empty topic, then --freshness-rate rows/s
     for --freshness-seconds, each stamped with its produce time; latency to visibility.
  6. Print rows/s and the ratios Tributary/raw and Tributary/ClickHouse, then freshness.

A system that cannot load yet (a statement it does not support, a job that pauses) shows n/a with
its reason; that does not fail the run. The exit code is 1 when a step of the benchmark itself
fails (the cluster, producing, a topic that lost rows, kcat) or when Tributary loaded other rows
than were produced (count or checksum, or freshness rows never visible); never because of a
time. ClickHouse's lost rows are reported, not failed: its Kafka engine does not promise
exactly once.
"""
import argparse
import datetime
import json
import os
import shutil
import signal
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "harness"))

import clickhouse_ingest  # noqa: E402
import freshness  # noqa: E402
import ingest_rows  # noqa: E402
import kafka_topics  # noqa: E402
import raw_consume  # noqa: E402
import tributary_ingest  # noqa: E402
from kafka_cluster import KafkaTestCluster  # noqa: E402
from schema_registry import SchemaRegistry  # noqa: E402
from load_timing import LoaderError, wait_for_rows  # noqa: E402

FORMATS = ("csv", "json", "avro")
FRESH_PAYLOAD_BYTES = 75  # a freshness row's CSV, with its 16-digit produced_us
PAYLOADS = {"csv": ingest_rows.csv_payload, "json": ingest_rows.json_payload}  # avro: per id


def log(message=""):
    print(message, flush=True)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tributary", default=os.path.join(REPO, "build-bench", "tributary"),
                   help="the tributary server binary (a Release build)")
    p.add_argument("--cluster", default=os.path.join(
        REPO, "build-bench", "tools", "kafka_test_cluster", "kafka_test_cluster"),
        help="the kafka_test_cluster binary")
    p.add_argument("--rows", type=int, default=1000000,
                   help="rows per topic; a topic gets fewer when they would not fit the mock's "
                        "5 MiB per partition (JSON at 16 partitions: about 490,000)")
    p.add_argument("--partitions", type=int, default=16, help="partitions of every topic")
    p.add_argument("--brokers", type=int, default=1, help="brokers of the mock cluster")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--formats", default=",".join(FORMATS),
                   help="topics to produce and load, of %s" % ", ".join(FORMATS))
    p.add_argument("--systems", default="raw,tributary,clickhouse")
    p.add_argument("--raw-runs", type=int, default=5, help="kcat runs per topic (median)")
    p.add_argument("--concurrency", type=int, default=5,
                   help="Tributary's desired_concurrent_number")
    p.add_argument("--max-batch-interval", type=int, default=5,
                   help="Tributary's max_batch_interval (StarRocks' minimum is 5)")
    p.add_argument("--clickhouse-consumers", default="1,2",
                   help="kafka_num_consumers values to run (the best one is reported)")
    p.add_argument("--freshness", default="tributary,clickhouse",
                   help="systems for the freshness run ('' to skip it)")
    p.add_argument("--freshness-rate", type=int, default=20000, help="rows per second")
    p.add_argument("--freshness-seconds", type=float, default=30)
    p.add_argument("--freshness-warmup", type=float, default=10,
                   help="seconds between creating the job and the first row")
    p.add_argument("--poll", type=float, default=0.2, help="seconds between count polls")
    p.add_argument("--stall-seconds", type=float, default=60,
                   help="give a load up when no new row became visible for this long")
    p.add_argument("--work-dir", default=os.path.join(REPO, "build-bench", "ingest-bench"),
                   help="servers' data directories (wiped at the start of a run)")
    p.add_argument("--json", help="write every figure to this file")
    args = p.parse_args()
    args.formats = [f for f in args.formats.split(",") if f]
    args.systems = [s for s in args.systems.split(",") if s]
    args.freshness = [s for s in args.freshness.split(",") if s]
    args.clickhouse_consumers = [int(n) for n in args.clickhouse_consumers.split(",") if n]
    for f in args.formats:
        if f not in FORMATS:
            p.error("unknown format %r" % f)
    for s in args.systems + args.freshness:
        if s not in ("raw", "tributary", "clickhouse") or (s == "raw" and s in args.freshness):
            p.error("unknown system %r" % s)
    fresh_rows = args.freshness_rate * args.freshness_seconds
    if args.freshness and fresh_rows > kafka_topics.rows_that_fit(FRESH_PAYLOAD_BYTES,
                                                                  args.partitions):
        p.error("%d freshness rows would not fit the mock's 5 MiB per partition: lower "
                "--freshness-rate or --freshness-seconds, or raise --partitions" % fresh_rows)
    return args


def rate(value):
    if value is None:
        return "n/a"
    if value >= 1e6:
        return "%.2f M" % (value / 1e6)
    return "%.0f k" % (value / 1e3)


def ratio(a, b):
    return "%.2f" % (a / b) if a and b else "n/a"


def seconds(value):
    return "n/a" if value is None else "%.2f" % value


# --- the topics ----------------------------------------------------------------------------

def avro_payload(registry, topic, all_rows):
    """Registers the Avro schema for `topic` and returns (payload function, schema id), after
    checking the fast encoder against python3-avro on a sample of the rows."""
    subject = topic + ingest_rows.AVRO_SUBJECT_SUFFIX
    schema_id = registry.register(subject, ingest_rows.AVRO_SCHEMA)
    encode = ingest_rows.avro_encoder(schema_id)
    start = time.monotonic()
    checked = ingest_rows.check_avro_payloads(all_rows, schema_id, encode)
    log("  avro schema registered at %s as %s, id %d; %d payloads byte-identical to "
        "python3-avro's (%.1f s)" % (registry.url, subject, schema_id, checked,
                                      time.monotonic() - start))
    return encode, schema_id


def produce_topics(args, kafka, registry=None):
    """Produces one topic per format; returns {fmt: {"topic", "rows", "sum", "bytes", ...}}."""
    topics = {}
    all_rows = list(ingest_rows.rows(args.rows, args.seed))
    for fmt in args.formats:
        extra = {}
        if fmt == "avro":
            payload, schema_id = avro_payload(registry, "orders_" + fmt, all_rows)
            extra = {"schema_id": schema_id, "schema_registry_url": registry.url}
        else:
            payload = PAYLOADS[fmt]
        sample = [len(payload(r)) for r in all_rows[:10000]]
        fit = kafka_topics.rows_that_fit(statistics.mean(sample), args.partitions)
        count = min(args.rows, fit)
        topic = "orders_" + fmt
        info = kafka_topics.produce(kafka.bootstrap, topic, args.partitions,
                                    (payload(r) for r in all_rows[:count]))
        kafka_topics.check_topic(kafka.bootstrap, topic, args.partitions, count)
        info.update(topic=topic, sum=sum(r[0] - ingest_rows.FIRST_ORDER_ID
                                          for r in all_rows[:count]), **extra)
        topics[fmt] = info
        log("  %-4s %s: %d rows%s, %.1f MB (%.2f MB per partition), produced in %.1f s"
            % (fmt, topic, count, " (capped to fit the mock)" if count < args.rows else "",
               info["bytes"] / 1e6, info["bytes"] / 1e6 / args.partitions, info["seconds"]))
    return topics


# --- the systems ---------------------------------------------------------------------------

def load_once(loader, args, kafka, topic, fmt, job, table, properties=None, registry=None):
    """Creates the table, starts the load, waits for every row; returns the result dict.
    With `registry`, also counts the requests it got during the load."""
    cpu = getattr(loader, "cpu_seconds", lambda: None)
    try:
        loader.create_table(table, ingest_rows.COLUMNS)
        requests_before = len(registry.requests) if registry else 0
        cpu_before = cpu()
        start = time.monotonic()
        loader.start_load(job, table, topic["topic"], fmt, ingest_rows.COLUMNS, kafka.bootstrap,
                          properties)
    except LoaderError as e:
        return {"error": str(e), "rows_per_s": None}
    try:
        result = wait_for_rows(loader, job, table, topic["rows"], topic["sum"], start,
                               args.poll, args.stall_seconds)
        cpu_after = cpu()
        if cpu_before is not None and cpu_after is not None:
            result["server_cpu_seconds"] = cpu_after - cpu_before
        if registry:
            result["schema_registry_requests"] = registry.requests[requests_before:]
        if result["error"]:
            result["describe"] = loader.describe(job)
        info = loader.job_info(job)  # Tributary's SHOW ROUTINE LOAD row; ClickHouse: None
        if info:
            result["job_info"] = info
        return result
    finally:
        loader.stop_load(job)


def job_statistic(result):
    """The server's CPU time, the registry requests and the Statistic of SHOW ROUTINE LOAD
    (error rows, tasks) as a short text, or ""."""
    text = ""
    if result.get("server_cpu_seconds") is not None:
        text += "; server CPU %.2f s" % result["server_cpu_seconds"]
    if result.get("schema_registry_requests") is not None:
        text += "; %d schema registry requests" % len(result["schema_registry_requests"])
    try:
        stat = json.loads((result.get("job_info") or {}).get("Statistic") or "{}")
    except ValueError:
        stat = {}
    if stat:
        text += "; SHOW ROUTINE LOAD: %s" % ", ".join(
            "%s %s" % (k, stat[k]) for k in ("loadedRows", "errorRows", "unselectedRows",
                                             "committedTaskNum", "abortedTaskNum") if k in stat)
    return text


def show(system, fmt, result, settings=""):
    if result.get("rows_per_s"):
        log("  %-10s %-4s %s rows/s: every row visible after %.2f s, the first after %.2f s%s%s"
            % (system, fmt, rate(result["rows_per_s"]), result["seconds"],
               result["first_row_seconds"], settings, job_statistic(result)))
    else:
        log("  %-10s %-4s n/a: %s%s" % (system, fmt, result["error"], settings))
        if result.get("describe"):
            log("    " + result["describe"].replace("\n", "\n    "))


def run_tributary(args, kafka, topics, report, registry=None):
    tributary = tributary_ingest.Tributary(
        args.tributary, os.path.join(args.work_dir, "tributary"),
        {"desired_concurrent_number": args.concurrency,
         "max_batch_interval": args.max_batch_interval},
        schema_registry_url=topics.get("avro", {}).get("schema_registry_url"))
    try:
        tributary.start()
    except (RuntimeError, OSError, LoaderError) as e:
        for fmt in topics:
            report["tributary"][fmt] = {"error": "server did not start: %s" % e,
                                       "rows_per_s": None}
        if "tributary" in args.freshness:
            report["freshness"]["tributary"] = {"error": "server did not start: %s" % e}
        return
    try:
        report["setup"]["tributary"] = tributary.describe_setup()
        for fmt, topic in topics.items():
            job = "orders_" + fmt
            log("  " + tributary.load_statement(job, job, topic["topic"], fmt,
                                                ingest_rows.COLUMNS, kafka.bootstrap)
                .replace("\n", "\n    "))
            result = load_once(tributary, args, kafka, topic, fmt, job, job,
                               registry=registry if fmt == "avro" else None)
            report["tributary"][fmt] = result
            show("Tributary", fmt, result)
        if "tributary" in args.freshness:
            report["freshness"]["tributary"] = freshness_run(
                tributary, args, kafka, "tributary_fresh", check_interval_floor=True)
    finally:
        tributary.stop()


def run_clickhouse(args, kafka, topics, report):
    if not shutil.which("clickhouse-server"):
        reason = "clickhouse-server is not installed (bench/query/setup_clickhouse.sh)"
        for fmt in topics:
            report["clickhouse"][fmt] = {"error": reason, "rows_per_s": None}
        if "clickhouse" in args.freshness:
            report["freshness"]["clickhouse"] = {"error": reason}
        return
    clickhouse = clickhouse_ingest.ClickHouse(os.path.join(args.work_dir, "clickhouse"))
    try:
        clickhouse.start()
    except LoaderError as e:
        for fmt in topics:
            report["clickhouse"][fmt] = {"error": "server did not start: %s" % e,
                                        "rows_per_s": None}
        if "clickhouse" in args.freshness:
            report["freshness"]["clickhouse"] = {"error": "server did not start: %s" % e}
        return
    try:
        try:
            report["setup"]["clickhouse"] = "ClickHouse %s; %s; auto.offset.reset=smallest" % (
                clickhouse.version(), ", ".join("%s=%s" % kv
                                                for kv in sorted(clickhouse.settings().items())))
            log("  " + report["setup"]["clickhouse"])
        except (clickhouse_ingest.ClickHouseError, OSError) as e:
            log("  ClickHouse: cannot read its version and settings: %s" % e)
        for fmt, topic in topics.items():
            if fmt == "avro":
                # 18.16 has no Avro input at all; AvroConfluent came with 20.x. Ask the server
                # rather than assume, and say so in the table instead of leaving a gap.
                missing = clickhouse.missing_format("AvroConfluent")
                result = {"rows_per_s": None, "error": missing, "table_note": missing}
                if not missing:
                    result["error"] = result["table_note"] = (
                        "has AvroConfluent, but this benchmark does not drive it yet (it needs "
                        "format_avro_schema_registry_url in the user profile)")
                report["clickhouse"][fmt] = result
                show("ClickHouse", fmt, result)
                continue
            runs = {}
            for consumers in args.clickhouse_consumers:
                job = "orders_%s_c%d" % (fmt, consumers)
                result = load_once(clickhouse, args, kafka, topic, fmt, job, job,
                                   {"kafka_num_consumers": consumers})
                result["kafka_num_consumers"] = consumers
                runs[consumers] = result
                show("ClickHouse", fmt, result, " (kafka_num_consumers %d)" % consumers)
            done = [r for r in runs.values() if r.get("rows_per_s")]
            best = (max(done, key=lambda r: r["rows_per_s"]) if done
                    else runs[args.clickhouse_consumers[0]])
            report["clickhouse"][fmt] = dict(best, runs=runs)
        if "clickhouse" in args.freshness:
            report["freshness"]["clickhouse"] = freshness_run(
                clickhouse, args, kafka, "clickhouse_fresh", {"kafka_num_consumers": 1})
    finally:
        clickhouse.stop()


def freshness_topic(job):
    return "orders_" + job


def freshness_run(loader, args, kafka, job, properties=None, check_interval_floor=False):
    """Creates a job on an empty topic of its own and measures produce -> visible latency."""
    topic = freshness_topic(job)
    result = {}
    try:
        if check_interval_floor:
            # StarRocks refuses max_batch_interval < 5; say what this server does with 4.
            probe = job + "_interval_probe"
            loader.create_table(probe, ingest_rows.FRESHNESS_COLUMNS)
            try:
                loader.start_load(probe, probe, topic, "csv", ingest_rows.FRESHNESS_COLUMNS,
                                  kafka.bootstrap, {"max_batch_interval": 4})
                result["max_batch_interval_4"] = "accepted"
                loader.stop_load(probe)
            except LoaderError as e:
                result["max_batch_interval_4"] = "refused: %s" % e
            log("  max_batch_interval 4: %s" % result["max_batch_interval_4"])
        loader.create_table(job, ingest_rows.FRESHNESS_COLUMNS)
        loader.start_load(job, job, topic, "csv", ingest_rows.FRESHNESS_COLUMNS,
                          kafka.bootstrap, properties)
    except LoaderError as e:
        result["error"] = str(e)
        log("  %-10s freshness n/a: %s" % (loader.name, e))
        return result
    try:
        result.update(freshness.measure(
            loader, job, job, kafka.bootstrap, topic, args.partitions,
            args.freshness_rate, args.freshness_seconds, args.freshness_warmup, args.poll,
            args.stall_seconds, args.seed + 1))
        if result["error"]:
            result["describe"] = loader.describe(job)
        result["job_info"] = loader.job_info(job)
    finally:
        loader.stop_load(job)
    if result.get("steps"):
        gaps = [b[0] - a[0] for a, b in zip(result["steps"], result["steps"][1:])]
        log("  %-10s freshness: %d visibility steps%s" % (
            loader.name, len(result["steps"]),
            ", %.1f s apart on average, at most %.1f s" % (statistics.mean(gaps), max(gaps))
            if gaps else ""))
    if result.get("error") or result.get("p50") is None:
        log("  %-10s freshness n/a: %s" % (loader.name, result.get("error")))
        if result.get("describe"):
            log("    " + result["describe"].replace("\n", "\n    "))
    else:
        log("  %-10s freshness: %d rows in %.1f s, %d never visible; latency p50 %.2f s, "
            "p99 %.2f s, max %.2f s" % (loader.name, result["produced"],
                                        result["produce_seconds"], result["missing"],
                                        result["p50"], result["p99"], result["max"]))
    return result


# --- the report ----------------------------------------------------------------------------

def print_report(args, topics, report):
    log()
    log("== Throughput: rows/s from the statement that starts the load until a count sees "
        "every row ==")
    header = ("format", "rows", "raw (kcat)", "Tributary", "ClickHouse", "Tributary/raw",
              "Tributary/ClickHouse")
    lines = [header]
    for fmt, topic in topics.items():
        raw = report["raw"].get(fmt, {}).get("rows_per_s")
        trib = report["tributary"].get(fmt, {}).get("rows_per_s")
        ch_result = report["clickhouse"].get(fmt, {})
        ch = ch_result.get("rows_per_s")
        ch_cell = rate(ch)
        if ch is None and ch_result.get("table_note"):
            ch_cell = "n/a (%s)" % ch_result["table_note"]
        lines.append((fmt, str(topic["rows"]), rate(raw), rate(trib), ch_cell,
                      ratio(trib, raw), ratio(trib, ch)))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        log("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip())
    log()
    log("format  system      first row s  all rows s")
    for fmt in topics:
        for system in ("tributary", "clickhouse"):
            result = report[system].get(fmt)
            if result is None:
                continue
            if not result.get("rows_per_s"):
                log("%-6s  %-10s  n/a: %s" % (fmt, system, result.get("error")))
                continue
            log("%-6s  %-10s  %-11s  %s" % (fmt, system, seconds(result["first_row_seconds"]),
                                            seconds(result["seconds"])))
    if report["freshness"]:
        log()
        log("== Freshness: %d rows/s for %.0f s, latency from produce to visible "
            "(poll every %.1f s) ==" % (args.freshness_rate, args.freshness_seconds, args.poll))
        log("system      rows     rows/s   missing  p50 s  p90 s  p99 s  max s")
        for system, result in report["freshness"].items():
            if result.get("error") or result.get("p50") is None:
                log("%-10s  n/a: %s" % (system, result.get("error")))
                continue
            log("%-10s  %-7d  %-7.0f  %-7d  %-5s  %-5s  %-5s  %-5s"
                % (system, result["produced"], result["produced"] / result["produce_seconds"],
                   result["missing"], seconds(result["p50"]), seconds(result["p90"]),
                   seconds(result["p99"]), seconds(result["max"])))


def main():
    args = parse_args()
    # SIGTERM ends the run through the finally blocks, so no server outlives it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.environ["KAFKA_TEST_CLUSTER_BIN"] = os.path.abspath(args.cluster)
    os.makedirs(args.work_dir, exist_ok=True)
    log("ingest benchmark, %s; %d cores, load average %s"
        % (datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), os.cpu_count(),
           " ".join("%.2f" % v for v in os.getloadavg())))
    report = {"args": vars(args), "setup": {}, "topics": {}, "raw": {}, "tributary": {},
              "clickhouse": {}, "freshness": {}, "failed": []}
    status = 0
    registry = SchemaRegistry() if "avro" in args.formats else None
    kafka = KafkaTestCluster(
        brokers=args.brokers,
        topics={"orders_" + f: args.partitions for f in args.formats}
        | {freshness_topic(s + "_fresh"): args.partitions for s in args.freshness})
    try:
        kafka.start()
        log("kafka_test_cluster: %d broker(s) at %s, %d partitions per topic"
            % (args.brokers, kafka.bootstrap, args.partitions))
        if registry:
            registry.start()
            log("schema registry (tests/harness/schema_registry.py) at %s" % registry.url)
        topics = produce_topics(args, kafka, registry)
        report["topics"] = topics
        if "raw" in args.systems:
            for fmt, topic in topics.items():
                result = raw_consume.measure(kafka.bootstrap, topic["topic"], topic["rows"],
                                             args.raw_runs)
                report["raw"][fmt] = result
                log("  raw (kcat) %-4s %s rows/s: %s s (runs %s)"
                    % (fmt, rate(result["rows_per_s"]), seconds(result["seconds"]),
                       ", ".join("%.2f" % t for t in result["runs"])))
        if "tributary" in args.systems or "tributary" in args.freshness:
            run_tributary(args, kafka, topics if "tributary" in args.systems else {}, report,
                          registry)
        if "clickhouse" in args.systems or "clickhouse" in args.freshness:
            run_clickhouse(args, kafka, topics if "clickhouse" in args.systems else {}, report)
        print_report(args, topics, report)
    except (kafka_topics.TopicError, raw_consume.RawConsumeError, RuntimeError) as e:
        report["failed"].append(str(e))
    finally:
        kafka.cleanup()
        if registry:
            registry.stop()
    # Tributary loads exactly once: other rows than were produced fail the run. ClickHouse's
    # Kafka engine promises no such thing (18.16 loses rows, README.md); its misses are
    # reported, not failed.
    for fmt, result in report["tributary"].items():
        if (result.get("error") or "").startswith("wrong rows"):
            report["failed"].append("tributary %s: %s" % (fmt, result["error"]))
    fresh = report["freshness"].get("tributary", {})
    if ((fresh.get("missing") and not fresh.get("error"))
            or (fresh.get("error") or "").endswith(" produced")):
        report["failed"].append("tributary freshness: %s rows never visible; %s"
                                % (fresh.get("missing"), fresh.get("error")))
    for failure in report["failed"]:
        log("FAILED: %s" % failure)
        status = 1
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2, default=str)
    return status


if __name__ == "__main__":
    sys.exit(main())
