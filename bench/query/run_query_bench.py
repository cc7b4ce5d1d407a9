#!/usr/bin/env python3
"""Query benchmark: Tributary vs ClickHouse on the same generated orders (bench/query/README.md).

  1. Generate orders.tsv + countries.tsv (orders_data.py), cached under --cache-dir by rows, seed
     and generator version.
  2. Load them into each system (cached: Tributary's data dir and ClickHouse's data path live
     next to the files; a marker file written after a complete load says they are usable).
     Tributary takes multi-row INSERT ... VALUES over the MySQL protocol; ClickHouse takes the
     TSV through clickhouse-client.
  3. For each query of queries.py and each system: one warm-up run, whose rows are compared
     between the systems, then --runs timed runs; the figure is their median. A run's time is
     the client's wall clock from sending the SQL to holding every result row.
  4. Print the table (ms per system, ratio Tributary/ClickHouse, rows match) and the geometric
     mean of the ratios; --json saves everything.

A failing query (unsupported, or a crashed server, which is restarted) prints its error and the
run goes on; so does a mismatch. The exit code is 1 when generation, loading or a server start
failed, or when some query returned different rows on the two systems (reported at the end);
never because of a time.
"""
import argparse
import datetime
import json
import math
import os
import statistics
import sys
import time

import orders_data
from queries import QUERIES
from result_check import compare_rows, normalize_rows
from systems import ClickHouse, QueryError, Tributary

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SYSTEMS = ("tributary", "clickhouse")


def log(message):
    print(message, flush=True)


# --- the cache -----------------------------------------------------------------------------

class Cache:
    """rows<N>-seed<S>-v<V>/ under --cache-dir: the TSV files, each system's loaded data, and
    a <name>.json marker per step, written only after the step completed."""

    def __init__(self, root, rows, seed):
        self.dir = os.path.join(root, "rows%d-seed%d-v%d"
                                % (rows, seed, orders_data.GENERATOR_VERSION))
        os.makedirs(self.dir, exist_ok=True)
        self.orders = os.path.join(self.dir, "orders.tsv")
        self.countries = os.path.join(self.dir, "countries.tsv")

    def path(self, name):
        return os.path.join(self.dir, name)

    def marker(self, step):
        path = self.path(step + ".json")
        if not os.path.exists(path):
            return None
        with open(path) as f:
            return json.load(f)

    def set_marker(self, step, info):
        with open(self.path(step + ".json.tmp"), "w") as f:
            json.dump(info, f, indent=2)
        os.replace(self.path(step + ".json.tmp"), self.path(step + ".json"))

    def clear_marker(self, step):
        if os.path.exists(self.path(step + ".json")):
            os.remove(self.path(step + ".json"))


def ensure_data(cache, rows, seed):
    done = cache.marker("data")
    if done:
        log("data: cached %s (%d rows, generated in %.1f s)"
            % (cache.dir, rows, done["seconds"]))
        return done
    log("data: generating %d rows (seed %d) into %s" % (rows, seed, cache.dir))
    start = time.perf_counter()
    orders_data.write_orders(cache.orders, rows, seed)
    orders_data.write_countries(cache.countries)
    info = {"rows": rows, "seed": seed, "seconds": time.perf_counter() - start,
            "bytes": os.path.getsize(cache.orders)}
    cache.set_marker("data", info)
    log("data: %.1f s, %.0f MB of TSV" % (info["seconds"], info["bytes"] / 1e6))
    return info


def load_figures(info, rows, cached):
    return "%s %d rows in %.1f s (%.0f rows/s)" % (
        "cached, loaded earlier:" if cached else "loaded", rows, info["seconds"],
        rows / info["seconds"])


def ensure_loaded(system, cache, rows, batch_rows):
    """Starts `system` on its cached data, loading it first when the cache lacks it."""
    done = cache.marker(system.name)
    if done:
        try:
            system.start()
        except Exception as e:
            raise RuntimeError("%s did not start on its cached data in %s (%s); --reload "
                               "rebuilds it" % (system.name, cache.dir, e)) from e
        system.use_database()
        log("%s: %s" % (system.name, load_figures(done, rows, cached=True)))
        return done
    cache.clear_marker(system.name)
    system.wipe()
    system.start()
    log("%s: loading %d rows" % (system.name, rows))
    start = time.perf_counter()
    info = system.load(cache, batch_rows)
    info["seconds"] = time.perf_counter() - start
    info["rows_per_second"] = rows / info["seconds"]
    if info["rows"] != rows:
        raise RuntimeError("%s loaded %s rows, expected %d" % (system.name, info["rows"], rows))
    cache.set_marker(system.name, info)
    log("%s: %s" % (system.name, load_figures(info, rows, cached=False)))
    return info


# --- timing --------------------------------------------------------------------------------

def time_query(system, sql, runs):
    """One warm-up run, then `runs` timed runs. Returns (warm-up rows, seconds per run)."""
    rows = system.run(sql)
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        system.run(sql)
        seconds.append(time.perf_counter() - start)
    return rows, seconds


def run_queries(systems, queries, runs):
    results = []
    for query in queries:
        result = {"name": query.name, "what": query.what, "ordered": query.ordered,
                  "in_geomean": query.in_geomean}
        rows = {}
        for system in systems:
            sql = query.text(system.name)
            entry = result[system.name] = {"sql": sql}
            try:
                warm_rows, seconds = time_query(system, sql, runs)
            except QueryError as e:
                entry["error"] = str(e)
                log("%-26s %-10s error: %.100s" % (query.name, system.name, e))
                continue
            rows[system.name] = normalize_rows(warm_rows)
            entry["rows"] = len(warm_rows)
            entry["runs_ms"] = [s * 1000 for s in seconds]
            entry["median_ms"] = statistics.median(seconds) * 1000
            log("%-26s %-10s %9s ms  (%d rows)"
                % (query.name, system.name, format_ms(entry["median_ms"]), len(warm_rows)))
        if len(systems) == 2:
            if len(rows) < 2:
                result["match"] = "error"
            else:
                problem = compare_rows(rows["clickhouse"], rows["tributary"], query.ordered)
                result["match"] = "no" if problem else "yes"
                if problem:
                    result["mismatch"] = "clickhouse vs tributary: " + problem
                    log("%-26s MISMATCH %s" % (query.name, result["mismatch"]))
            both = [result[s.name].get("median_ms") for s in systems]
            if None not in both:
                result["ratio"] = both[0] / both[1]
        results.append(result)
    return results


# --- report --------------------------------------------------------------------------------

def geometric_mean_ratio(results):
    """The geometric mean of the Tributary/ClickHouse ratios, over the queries that count."""
    ratios = [r["ratio"] for r in results if r["in_geomean"] and "ratio" in r]
    if not ratios:
        return None, 0
    return math.exp(sum(math.log(v) for v in ratios) / len(ratios)), len(ratios)


def format_ms(ms):
    return "%.2f" % ms if ms < 10 else "%.1f" % ms


def print_table(results, system_names):
    def ms(entry):
        return format_ms(entry["median_ms"]) if "median_ms" in entry else "error"

    header = ["query"] + ["%s ms" % s for s in system_names]
    if len(system_names) == 2:
        header += ["ratio T/C", "rows match"]
    table = [header]
    for r in results:
        line = [r["name"]] + [ms(r[s]) for s in system_names]
        if len(system_names) == 2:
            line += ["%.2f" % r["ratio"] if "ratio" in r else "n/a", r["match"]]
        table.append(line)
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    print()
    for i, line in enumerate(table):
        print("  ".join(cell.ljust(w) if c == 0 else cell.rjust(w)
                        for c, (cell, w) in enumerate(zip(line, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    if len(system_names) == 2:
        mean, count = geometric_mean_ratio(results)
        excluded = [r["name"] for r in results if not r["in_geomean"]]
        print("\ngeometric mean of ratios (Tributary/ClickHouse): %s over %d of %d queries%s"
              % ("%.2f" % mean if mean else "n/a", count, len(results) - len(excluded),
                 " (not counted: %s)" % ", ".join(excluded) if excluded else ""))
    errors = [(r["name"], s, r[s]["error"]) for r in results for s in system_names
              if "error" in r[s]]
    mismatches = [(r["name"], r["mismatch"]) for r in results if "mismatch" in r]
    if errors:
        print("\nerrors:")
        for name, system, error in errors:
            print("  %s (%s): %s" % (name, system, error[:300]))
    if mismatches:
        print("\nmismatched rows:")
        for name, problem in mismatches:
            print("  %s: %s" % (name, problem[:300]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="order rows (10,000,000)")
    parser.add_argument("--seed", type=int, default=20230101, help="generator seed")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per query (3)")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help="comma-separated subset of: tributary,clickhouse")
    parser.add_argument("--queries", default="",
                        help="comma-separated query names (default: all)")
    parser.add_argument("--cache-dir", default=os.path.join(REPO, "build-bench",
                                                            "query-bench-data"))
    parser.add_argument("--reload", action="store_true",
                        help="regenerate the data and reload both systems")
    parser.add_argument("--tributary", default=os.path.join(REPO, "build-bench", "tributary"),
                        help="the tributary binary (build-bench/tributary)")
    parser.add_argument("--clickhouse-server", default="clickhouse-server")
    parser.add_argument("--clickhouse-client", default="clickhouse-client")
    parser.add_argument("--clickhouse-max-threads", type=int, default=0,
                        help="ClickHouse's max_threads (0: its default, one per core)")
    parser.add_argument("--batch-rows", type=int, default=10000,
                        help="rows per Tributary INSERT statement while loading (10000)")
    parser.add_argument("--timeout", type=int, default=600,
                        help="seconds a Tributary query may take before it counts as failed")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    system_names = [s for s in args.systems.split(",") if s]
    if not system_names or any(s not in SYSTEMS for s in system_names):
        parser.error("--systems takes tributary and/or clickhouse")
    system_names.sort(key=SYSTEMS.index)  # tributary first: the ratio is T/C
    queries = QUERIES
    if args.queries:
        wanted = args.queries.split(",")
        unknown = set(wanted) - {q.name for q in QUERIES}
        if unknown:
            parser.error("unknown queries %s; known: %s"
                         % (sorted(unknown), ", ".join(q.name for q in QUERIES)))
        queries = [q for q in QUERIES if q.name in wanted]

    cache = Cache(args.cache_dir, args.rows, args.seed)
    if args.reload:
        for step in ("data",) + SYSTEMS:
            cache.clear_marker(step)
    factories = {
        "tributary": lambda: Tributary(args.tributary, cache.path("tributary"), args.timeout),
        "clickhouse": lambda: ClickHouse(cache.path("clickhouse"), args.clickhouse_server,
                                         args.clickhouse_client, args.clickhouse_max_threads),
    }
    systems = [factories[name]() for name in system_names]
    report = {"rows": args.rows, "seed": args.seed, "runs": args.runs,
              "date": datetime.datetime.now().isoformat(timespec="seconds"),
              "load_average_at_start": os.getloadavg()[0], "load": {}}
    log("query bench: %d rows, seed %d, %d timed runs per query, load average %.2f"
        % (args.rows, args.seed, args.runs, os.getloadavg()[0]))
    try:
        report["data"] = ensure_data(cache, args.rows, args.seed)
        for system in systems:
            report["load"][system.name] = ensure_loaded(system, cache, args.rows,
                                                        args.batch_rows)
            report.setdefault("versions", {})[system.name] = system.version()
        for name, version in report["versions"].items():
            log("%s: %s" % (name, version))
        log("")
        results = run_queries(systems, queries, args.runs)
    finally:
        for system in systems:
            system.stop()
    report["queries"] = results
    report["geometric_mean_ratio"] = geometric_mean_ratio(results)[0]
    print_table(results, system_names)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
        print("\nresults written to %s" % args.json)
    return 1 if any(r.get("match") == "no" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
