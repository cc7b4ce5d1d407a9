# Tributary - the two commands a new user needs:
#   make demo   install what is missing, build, start the server and the Kafka test cluster and
#               run the seed's Routine Load example (the server is left running)
#   make test   install what is missing, build, run every test (unit, SQL golden, end-to-end)
# Other targets: setup, build, debug, asan, fuzz, clean.
#   make bench  Release build in build-bench, then the storage benchmark (bench/README.md)
#   make bench-query  Release tributary in build-bench, then the query benchmark vs ClickHouse
#                     (bench/query/README.md)
#   make bench-load   Release build in build-bench, then the load benchmark: CSV and JSON
#                     readers and whole loads vs memchr / simdjson (bench/load/README.md)
#   make bench-ingest Release tributary + kafka_test_cluster in build-bench, then the ingest
#                     benchmark: Kafka -> table vs kcat and ClickHouse (bench/ingest/README.md)
#   make bench-pk     Release build in build-bench, then the PRIMARY KEY upsert benchmark:
#                     merge-on-write loads vs a DUPLICATE KEY table, index memory and rebuild
#                     (bench/README.md)

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all setup build debug asan fuzz test demo clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null
	@ninja -C $(BUILD_DIR) -j $(JOBS)

debug:
	@$(MAKE) --no-print-directory build BUILD_DIR=build-debug BUILD_TYPE=Debug

# AddressSanitizer + UndefinedBehaviorSanitizer build, then the unit tests under it.
asan: setup
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTRIBUTARY_SANITIZE=ON >/dev/null
	@ninja -C build-asan -j $(JOBS)
	@ctest --test-dir build-asan -L unit --output-on-failure -j $(JOBS)

# libFuzzer targets (clang); run e.g. build-fuzz/src/sql/sql_parser_fuzzer -max_total_time=60
fuzz: setup
	@CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRIBUTARY_FUZZ=ON >/dev/null
	@ninja -C build-fuzz -j $(JOBS)

test: build
	@scripts/run_tests.sh $(BUILD_DIR)

# KEEP=0 make demo stops the server and the Kafka test cluster at the end.
demo: build
	@KEEP=$${KEEP:-1} scripts/demo.sh $(BUILD_DIR)

# Release build of the benchmarks only, then run them; BENCH_ARGS passes flags (--rows=N ...).
.PHONY: bench
bench: setup
	@cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@ninja -C build-bench -j $(JOBS) storage_bench
	@build-bench/bench/storage_bench $(BENCH_ARGS)

# Release tributary in build-bench, then the query benchmark against a private ClickHouse;
# BENCH_ARGS passes flags (--rows N --runs N --json out.json --reload ...).
.PHONY: bench-query
bench-query: setup
	@bench/query/setup_clickhouse.sh
	@cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@ninja -C build-bench -j $(JOBS) tributary
	@/usr/bin/python3 bench/query/run_query_bench.py --tributary build-bench/tributary $(BENCH_ARGS)

# Release build of the load benchmark, then run it; BENCH_ARGS passes flags (--rows=N --reps=N
# --dir=PATH --profile=csv|json).
.PHONY: bench-load
bench-load: setup
	@cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@ninja -C build-bench -j $(JOBS) load_bench
	@build-bench/bench/load_bench $(BENCH_ARGS)

# Release build of the PRIMARY KEY upsert benchmark, then run it; BENCH_ARGS passes flags
# (--keys=N --upserts=N --batch=N --buckets=N --deletes=PCT --dir=PATH).
.PHONY: bench-pk
bench-pk: setup
	@cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@ninja -C build-bench -j $(JOBS) primary_key_bench
	@build-bench/bench/primary_key_bench $(BENCH_ARGS)

# Release tributary and kafka_test_cluster in build-bench, then the ingest benchmark: Routine
# Load vs ClickHouse's Kafka engine vs kcat; BENCH_ARGS passes flags (--rows N --partitions N ...).
.PHONY: bench-ingest
bench-ingest: setup
	@bench/query/setup_clickhouse.sh
	@cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@ninja -C build-bench -j $(JOBS) tributary kafka_test_cluster
	@/usr/bin/python3 bench/ingest/run_ingest_bench.py --tributary build-bench/tributary \
		--cluster build-bench/tools/kafka_test_cluster/kafka_test_cluster $(BENCH_ARGS)

clean:
	rm -rf build build-debug build-asan build-fuzz build-bench
