// load_bench: per-core speed of the load path (DESIGN §6) on the Routine Load seed's two
// examples, against the least work a reader of the same bytes must do, measured in the same
// run. See bench/load/README.md.
//
//   load_bench [--rows=N] [--reps=N] [--dir=PATH] [--profile=csv|json]
//
// Everything runs on one thread. Steps, each run --reps times (median reported):
//   CSV  (example_tbl1): memchr line split (baseline); CsvReader::Parse in Stream Load's 4 MB
//        slices; the whole load: reader + LoadPipeline Create/Begin + Consume + Commit.
//   JSON (example_tbl2): simdjson On-Demand iterate_many reading the 5 fields (baseline);
//        JsonReader::Parse on the whole input and in ~4 MB slices; the whole load.
// The loads write committed rowsets (fsynced) into a fresh MetaStore + StorageEngine directory
// per run under --dir, removed afterwards. Exits non-zero only when a step fails or returns
// other rows than expected, never on time.

#include <fmt/format.h>
#include <simdjson.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/logging.h"
#include "base/status.h"
#include "base/string_util.h"
#include "bench/order_rows.h"
#include "bench/bench_main.h"
#include "bench/stopwatch.h"
#include "catalog/catalog.h"
#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "frontend/table_definition_builder.h"
#include "load/csv/csv_reader.h"
#include "load/json/json_reader.h"
#include "load/load_pipeline.h"
#include "load/stream_load.h"
#include "meta/meta_store.h"
#include "sql/parser.h"
#include "storage/storage_engine.h"
#include "txn/transaction_manager.h"
#include "types/date_time.h"
#include "types/time_zone.h"

namespace tributary::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUsage =
    "usage: load_bench [--rows=N] [--reps=N] [--dir=PATH] [--profile=csv|json]\n"
    "  --rows     rows of each format to generate (default 2000000)\n"
    "  --reps     runs of each measurement; the median is reported (default 5)\n"
    "  --dir      where the loads' MetaStore and rowsets go (default the system temp dir; a\n"
    "             fresh subdirectory per run, removed afterwards)\n"
    "  --profile  run only the whole CSV or JSON load, --reps times (for perf record)\n";

// What the issue asks of the load path, per core. Printed next to the figures; never checked.
constexpr double kCsvTargetRowsPerSecond = 1.5e6;
constexpr double kJsonTargetRowsPerSecond = 0.8e6;

// Stream Load hands CSV to the pipeline in slices of this many bytes (stream_load.cc).
constexpr size_t kSliceBytes = 4 << 20;
// One JSON row in this many repeats the previous row's key with another price, so the
// AGGREGATE KEY table merges it (SUM); the other commodity ids are distinct.
constexpr uint64_t kJsonRepeatEvery = 20;

constexpr std::string_view kDatabase = "example_db";
// The seed's DDL (src/sql/testdata/seed_000), run through the parser and the catalog, so the
// tables get what a real CREATE TABLE gives them (the automatic bucket count included).
constexpr std::string_view kCsvTableDdl = R"(CREATE TABLE example_db.example_tbl1 (
    `order_id` bigint NOT NULL COMMENT "Order ID",
    `pay_dt` date NOT NULL COMMENT "Payment date",
    `customer_name` varchar(26) NULL COMMENT "Customer name",
    `nationality` varchar(26) NULL COMMENT "Nationality",
    `price`double NULL COMMENT "Price"
)
ENGINE=OLAP
DUPLICATE KEY (order_id,pay_dt)
DISTRIBUTED BY HASH(`order_id`))";
constexpr std::string_view kJsonTableDdl = R"(CREATE TABLE `example_tbl2` (
    `commodity_id` varchar(26) NULL COMMENT "Commodity ID",
    `customer_name` varchar(26) NULL COMMENT "Customer name",
    `country` varchar(26) NULL COMMENT "Country",
    `pay_time` bigint(20) NULL COMMENT "Payment time",
    `pay_dt` date NULL COMMENT "Payment date",
    `price`double SUM NULL COMMENT "Price"
)
ENGINE=OLAP
AGGREGATE KEY(`commodity_id`,`customer_name`,`country`,`pay_time`,`pay_dt`)
DISTRIBUTED BY HASH(`commodity_id`))";
constexpr std::string_view kCsvColumns =
    "order_id, pay_dt, customer_name, nationality, temp_gender, price";
constexpr std::string_view kJsonColumns =
    "commodity_id, customer_name, country, pay_time, price, "
    "pay_dt=from_unixtime(pay_time, '%Y%m%d')";
constexpr std::string_view kJsonPaths =
    R"(["$.commodity_id","$.customer_name","$.country","$.pay_time","$.price"])";
// Stream Load's default session time zone (tributary_server.cc).
constexpr std::string_view kTimeZone = "Asia/Shanghai";

struct Flags {
    uint64_t rows = 2'000'000;
    int reps = 5;
    std::string dir;
    std::string profile;  // "", "csv" or "json"
};

StatusOr<Flags> ParseFlags(int argc, char** argv) {
    Flags flags;
    flags.dir = fs::temp_directory_path().string();
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value_of = [&](std::string_view name) -> std::optional<std::string_view> {
            if (arg.substr(0, name.size()) != name) return std::nullopt;
            return arg.substr(name.size());
        };
        int64_t n = 0;
        if (auto v = value_of("--rows=")) {
            if (!ParseInt64(*v, &n) || n < 1) return Status::InvalidArgument("bad --rows");
            flags.rows = static_cast<uint64_t>(n);
        } else if (auto v = value_of("--reps=")) {
            if (!ParseInt64(*v, &n) || n < 1 || n > 100) {
                return Status::InvalidArgument("bad --reps (1..100)");
            }
            flags.reps = static_cast<int>(n);
        } else if (auto v = value_of("--dir=")) {
            flags.dir = std::string(*v);
        } else if (auto v = value_of("--profile=")) {
            if (*v != "csv" && *v != "json") return Status::InvalidArgument("bad --profile");
            flags.profile = std::string(*v);
        } else {
            return Status::InvalidArgument(fmt::format("unknown argument '{}'", arg));
        }
    }
    return flags;
}


// ---------------------------------------------------------------------------------------------
// Input data

struct Inputs {
    std::string csv;
    std::string json;
    uint64_t json_repeats = 0;  // rows that repeat the previous row's aggregate key
};

// The order rows as the seed's two Kafka feeds would carry them. CSV:
//   2020050800002,2020-05-08,Johann G. Faust,Germany,male,37.42
// (NULL nationality / price as \N); JSON, spaced like the seed's example:
//   {"commodity_id": "2020050800002", "customer_name": "Johann G. Faust", "country":
//    "Germany","pay_time": 1588942012,"price": 37.42}
// (NULL as null). pay_time is a second of the row's pay_dt.
Inputs MakeInputs(const std::vector<Chunk>& chunks, uint64_t seed) {
    std::mt19937_64 rng(seed);
    Inputs in;
    auto csv = std::back_inserter(in.csv);
    auto json = std::back_inserter(in.json);
    std::string commodity, customer, country;
    int64_t pay_time = 0;
    uint64_t row = 0;
    for (const Chunk& chunk : chunks) {
        const auto& ids = static_cast<const Int64Column*>(chunk.column(0))->data();
        const auto& days = static_cast<const Int32Column*>(chunk.column(1))->data();
        const auto* names = static_cast<const NullableColumn*>(chunk.column(2));
        const auto* nations = static_cast<const NullableColumn*>(chunk.column(3));
        const auto* prices = static_cast<const NullableColumn*>(chunk.column(4));
        const auto& name_values = *static_cast<const BinaryColumn*>(names->data());
        const auto& nation_values = *static_cast<const BinaryColumn*>(nations->data());
        const auto& price_values = static_cast<const DoubleColumn*>(prices->data())->data();
        for (size_t r = 0; r < chunk.num_rows(); ++r, ++row) {
            const bool nation_null = nations->IsNullAt(r);
            const bool price_null = prices->IsNullAt(r);
            const std::string price =
                price_null ? std::string() : fmt::format("{:.2f}", price_values[r]);
            fmt::format_to(csv, "{},{},{},{},{},{}\n", ids[r], FormatDate(days[r]),
                           name_values.value(r), nation_null ? "\\N" : nation_values.value(r),
                           rng() % 2 == 0 ? "male" : "female", price_null ? "\\N" : price);
            if (row == 0 || row % kJsonRepeatEvery != 0) {
                commodity = std::to_string(ids[r]);
                customer = std::string(name_values.value(r));
                country = nation_null ? "null" : fmt::format("\"{}\"", nation_values.value(r));
                pay_time = int64_t{days[r]} * 86400 + static_cast<int64_t>(rng() % 86400);
            } else {
                ++in.json_repeats;
            }
            fmt::format_to(json,
                           "{{\"commodity_id\": \"{}\", \"customer_name\": \"{}\", \"country\": "
                           "{},\"pay_time\": {},\"price\": {}}}\n",
                           commodity, customer, country, pay_time, price_null ? "null" : price);
        }
    }
    return in;
}

// `text` cut after a newline about every `target` bytes (the last piece takes the rest).
std::vector<std::string_view> SplitAtLines(std::string_view text, size_t target) {
    std::vector<std::string_view> pieces;
    while (text.size() > target) {
        size_t cut = text.rfind('\n', target - 1);
        cut = cut == std::string_view::npos ? text.find('\n', target) : cut;
        if (cut == std::string_view::npos) break;
        pieces.push_back(text.substr(0, cut + 1));
        text.remove_prefix(cut + 1);
    }
    if (!text.empty()) pieces.push_back(text);
    return pieces;
}

// ---------------------------------------------------------------------------------------------
// Baselines: the least work any reader of these bytes does.

// Finds every line with memchr and touches its first byte; returns the line count.
uint64_t SplitLines(std::string_view text, uint64_t* checksum) {
    uint64_t lines = 0, sum = 0;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
        if (nl == nullptr) nl = end;
        sum += static_cast<uint8_t>(*p) + static_cast<uint64_t>(nl - p);
        ++lines;
        p = nl + 1;
    }
    *checksum = sum;
    return lines;
}

// Parses the NDJSON with simdjson On-Demand iterate_many and reads each document's 5 fields
// (strings unescaped, numbers as their JSON text, null recognised), as a reader must.
StatusOr<uint64_t> SimdjsonReadFields(simdjson::ondemand::parser& parser,
                                      const simdjson::padded_string& json, uint64_t* checksum) {
    namespace od = simdjson::ondemand;
    od::document_stream docs;
    if (auto error = parser.iterate_many(json).get(docs)) {
        return Status::Internal(simdjson::error_message(error));
    }
    uint64_t count = 0, sum = 0;
    auto fail = [](simdjson::error_code error) {
        return Status::Internal(fmt::format("simdjson: {}", simdjson::error_message(error)));
    };
    for (auto result : docs) {
        od::document_reference doc;
        if (auto error = std::move(result).get(doc)) return fail(error);
        for (std::string_view key : {"commodity_id", "customer_name", "country"}) {
            od::value value;
            if (auto error = doc[key].get(value)) return fail(error);
            bool is_null = false;
            if (auto error = value.is_null().get(is_null)) return fail(error);
            std::string_view text;
            if (!is_null) {
                if (auto error = value.get_string().get(text)) return fail(error);
            }
            sum += text.size();
        }
        for (std::string_view key : {"pay_time", "price"}) {
            od::value value;
            if (auto error = doc[key].get(value)) return fail(error);
            sum += value.raw_json_token().size();
        }
        ++count;
    }
    *checksum = sum;
    return count;
}

// Which simdjson code runs. On-Demand finds the structure of a document (stage 1) with the
// CPU's best kernel, chosen at run time, but walks it (strings, numbers, iteration) with code
// compiled inline for the kernel the compiler flags enable: without -march, x86-64 gets
// "fallback", the scalar one. Both JsonReader and the baseline here are built that way.
std::string SimdjsonKernels() {
    return fmt::format(
        "simdjson {}: stage 1 on the run-time kernel '{}', the On-Demand walk "
        "compiled for '{}'",
        SIMDJSON_STRINGIFY(SIMDJSON_VERSION), simdjson::get_active_implementation()->name(),
        simdjson::builtin_implementation()->name());
}

// ---------------------------------------------------------------------------------------------
// Readers

// Feeds `csv` to `reader` the way Stream Load does: 4 MB slices, the batch cleared before
// each, every batch handed to `consume`. Adds the Parse time to *parse_time and the consume
// time to *consume_time.
Status ParseCsvInSlices(std::string_view csv, CsvReader& reader, SourceBatch& batch,
                        const std::function<Status(const SourceBatch&)>& consume, Time* parse_time,
                        Time* consume_time) {
    std::string_view rest = csv;
    while (true) {
        const bool last = rest.size() <= kSliceBytes;
        const std::string_view slice = last ? rest : rest.substr(0, kSliceBytes);
        size_t used = 0;
        const Timer parse;
        batch.Clear();
        RETURN_IF_ERROR(reader.Parse(slice, last, &batch, &used));
        *parse_time += parse.Elapsed();
        const Timer consumed;
        RETURN_IF_ERROR(consume(batch));
        *consume_time += consumed.Elapsed();
        rest.remove_prefix(used);
        if (last) return Status::OK();
        if (used == 0) return Status::Internal("a CSV row longer than a slice");
    }
}

StatusOr<JsonOptions> SeedJsonOptions() {
    JsonOptions options;
    ASSIGN_OR_RETURN(options.field_paths, ParseJsonPathsProperty(kJsonPaths));
    RETURN_IF_ERROR(options.Validate());
    return options;
}

CsvOptions SeedCsvOptions() {
    CsvOptions options;
    options.column_separator = ",";  // the seed's COLUMNS TERMINATED BY ","
    return options;
}

Status CheckBatchRows(uint64_t rows, uint64_t rejected, uint64_t expected, std::string_view what) {
    if (rows == expected && rejected == 0) return Status::OK();
    return Status::Internal(fmt::format("{} gave {} rows and {} rejected, expected {} rows", what,
                                        rows, rejected, expected));
}

// ---------------------------------------------------------------------------------------------
// Whole loads

// A backend of one run: MetaStore, catalog with the table, transactions, storage. Members are
// destroyed in reverse order: the engine and the transactions, which write to the store, first.
struct Backend {
    std::unique_ptr<MetaStore> store;
    std::unique_ptr<Catalog> catalog;
    std::unique_ptr<TransactionManager> txns;
    std::unique_ptr<StorageEngine> engine;
    std::shared_ptr<const TableInfo> table;
};

StatusOr<std::unique_ptr<Backend>> OpenBackend(const std::string& dir, std::string_view ddl) {
    auto backend = std::make_unique<Backend>();
    ASSIGN_OR_RETURN(backend->store, MetaStore::Open(dir + "/meta"));
    ASSIGN_OR_RETURN(backend->catalog, Catalog::Open(backend->store.get()));
    RETURN_IF_ERROR(backend->catalog->CreateDatabase(kDatabase, false).status());
    ASSIGN_OR_RETURN(auto statement, ParseStatement(ddl));
    if (statement->kind != StatementKind::kCreateTable) {
        return Status::Internal("the DDL is no CREATE TABLE");
    }
    ASSIGN_OR_RETURN(TableDefinition def, BuildTableDefinition(statement->As<CreateTableStmt>()));
    ASSIGN_OR_RETURN(backend->table, backend->catalog->CreateTable(kDatabase, def, false));
    TransactionManagerOptions txn_options;
    txn_options.maintenance_interval_ms = 0;  // no background thread
    ASSIGN_OR_RETURN(backend->txns, TransactionManager::Open(backend->store.get(), txn_options));
    ASSIGN_OR_RETURN(backend->engine, StorageEngine::Open(dir, backend->store.get()));
    return backend;
}

enum class Format { kCsv, kJson };

// The time of one whole load, by stage. Reader and consume interleave for CSV (slices).
struct LoadStages {
    Time total;
    Time create;   // LoadPipeline::Create + Begin (the label's transaction)
    Time read;     // CsvReader / JsonReader Parse
    Time consume;  // LoadPipeline::Consume
    Time commit;   // CheckFilterRatio + Commit: sort/merge, segments, fsync, publish
};

struct LoadResult {
    LoadStages stages;
    uint64_t committed_rows = 0;  // rows in the table's published rowsets
    size_t tablets = 0;
    int64_t segments = 0;
    int64_t data_bytes = 0;
};

// One load of `input` as Stream Load runs it (CSV in 4 MB slices, JSON in one Parse), in a
// fresh backend under `dir` that is removed afterwards. Checks every row loaded.
StatusOr<LoadResult> LoadOnce(Format format, std::string_view input, uint64_t rows,
                              const std::string& dir) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    LoadResult result;
    {
        const bool csv = format == Format::kCsv;
        ASSIGN_OR_RETURN(auto backend, OpenBackend(dir, csv ? kCsvTableDdl : kJsonTableDdl));
        ASSIGN_OR_RETURN(std::vector<LoadColumn> columns,
                         ParseLoadColumns(csv ? kCsvColumns : kJsonColumns));
        ASSIGN_OR_RETURN(JsonOptions json_options, SeedJsonOptions());
        EvalContext eval;
        ASSIGN_OR_RETURN(eval.time_zone, TimeZone::Find(kTimeZone));
        eval.now_unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
        LoadDescription description;
        description.columns = &columns;
        SinkCommitOptions commit;
        commit.label = "load_bench";
        commit.source = TransactionSource::kStreamLoad;
        LoadStages& t = result.stages;

        const Timer total;
        const Timer create;
        ASSIGN_OR_RETURN(auto pipeline, LoadPipeline::Create(LoadServices{backend->engine.get(),
                                                                          backend->txns.get()},
                                                             backend->table, description, eval));
        RETURN_IF_ERROR(pipeline->Begin(commit).status());
        t.create = create.Elapsed();
        SourceBatch batch(pipeline->source_fields().size());
        if (csv) {
            CsvReader reader(SeedCsvOptions());
            RETURN_IF_ERROR(ParseCsvInSlices(
                input, reader, batch, [&](const SourceBatch& b) { return pipeline->Consume(b); },
                &t.read, &t.consume));
        } else {
            // As Stream Load does: 4 MB pieces cut between documents.
            JsonReader reader(std::move(json_options));
            std::string_view rest = input;
            while (!rest.empty()) {
                const size_t end = NextJsonDocumentBoundary(rest, 4 << 20);
                batch.Clear();
                const Timer read;
                RETURN_IF_ERROR(reader.Parse(rest.substr(0, end), &batch));
                t.read += read.Elapsed();
                const Timer consume;
                RETURN_IF_ERROR(pipeline->Consume(batch));
                t.consume += consume.Elapsed();
                rest.remove_prefix(std::min(end, rest.size()));
            }
        }
        const Timer committing;
        RETURN_IF_ERROR(pipeline->CheckFilterRatio(0));
        RETURN_IF_ERROR(pipeline->Commit(commit).status());
        t.commit = committing.Elapsed();
        t.total = total.Elapsed();

        const LoadCounters& counters = pipeline->counters();
        if (counters.total_rows != rows || counters.loaded_rows() != rows) {
            return Status::Internal(fmt::format("the load read {} rows and loaded {}, not {}",
                                                counters.total_rows, counters.loaded_rows(), rows));
        }
        for (const PartitionInfo& partition : backend->table->partitions) {
            for (int64_t tablet : partition.tablet_ids) {
                const TabletStats stats = backend->engine->GetTabletStats(tablet);
                result.committed_rows += static_cast<uint64_t>(stats.num_rows);
                result.segments += stats.segment_count;
                result.data_bytes += stats.data_bytes;
                ++result.tablets;
            }
        }
    }
    fs::remove_all(dir, ec);
    return result;
}

// ---------------------------------------------------------------------------------------------
// Reporting

// One measured step: the time of each run, and what one run reads.
struct Measurement {
    std::string name;
    uint64_t rows = 0;
    uint64_t bytes = 0;  // input bytes one run reads
    std::vector<Time> runs;

    double wall() const { return MedianOf(&Time::wall); }
    double cpu() const { return MedianOf(&Time::cpu); }
    double rows_per_second() const { return static_cast<double>(rows) / wall(); }
    double rows_per_cpu_second() const { return static_cast<double>(rows) / cpu(); }
    double mb_per_second() const { return static_cast<double>(bytes) / 1e6 / wall(); }

private:
    double MedianOf(double Time::*field) const {
        std::vector<double> values;
        for (const Time& t : runs) values.push_back(t.*field);
        return Median(values);
    }
};

std::string FormatRuns(const std::vector<Time>& runs) {
    std::string out;
    for (const Time& t : runs) out += fmt::format("{}{:.3f}", out.empty() ? "" : " ", t.wall);
    return out;
}

void PrintTable(const std::vector<Measurement>& ms) {
    fmt::print("\n{:<48} {:>7} {:>7} {:>9} {:>9} {:>7}   {}\n", "step", "wall s", "cpu s",
               "M rows/s", "(per cpu)", "MB/s", "runs (wall s)");
    for (const Measurement& m : ms) {
        fmt::print("{:<48} {:>7.3f} {:>7.3f} {:>9.2f} {:>9.2f} {:>7.1f}   {}\n", m.name, m.wall(),
                   m.cpu(), m.rows_per_second() / 1e6, m.rows_per_cpu_second() / 1e6,
                   m.mb_per_second(), FormatRuns(m.runs));
    }
}

// The median of each stage over the runs (wall, then CPU), and its share of the median load.
void PrintStages(std::string_view what, const std::vector<LoadStages>& runs) {
    const std::pair<std::string_view, Time LoadStages::*> stages[] = {
        {"create+begin", &LoadStages::create},
        {"reader", &LoadStages::read},
        {"consume", &LoadStages::consume},
        {"commit", &LoadStages::commit}};
    for (double Time::*field : {&Time::wall, &Time::cpu}) {
        auto median_of = [&](Time LoadStages::*stage) {
            std::vector<double> values;
            for (const LoadStages& s : runs) values.push_back((s.*stage).*field);
            return Median(values);
        };
        const double total = median_of(&LoadStages::total);
        fmt::print("  {:<4} {:<4} {:6.3f} s =", what, field == &Time::wall ? "wall" : "cpu", total);
        for (const auto& [name, stage] : stages) {
            const double s = median_of(stage);
            fmt::print("  {} {:.3f} ({:.0f}%)", name, s, 100 * s / total);
        }
        fmt::print("\n");
    }
}

void PrintTarget(std::string_view what, const Measurement& m, double target) {
    const double rate = m.rows_per_second();
    fmt::print(
        "  {:<4} whole load {:.2f} M rows/s per core ({:.2f} M per cpu second)   "
        "target >= {:.1f} M   ({})\n",
        what, rate / 1e6, m.rows_per_cpu_second() / 1e6, target / 1e6,
        rate >= target ? "meets it" : "below it");
}

double Mb(uint64_t bytes) { return static_cast<double>(bytes) / 1e6; }

double PeakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1e3;  // ru_maxrss is in KiB
}

// Removes the benchmark's directory however Run ends.
struct RemoveOnExit {
    std::string dir;
    ~RemoveOnExit() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

// ---------------------------------------------------------------------------------------------

// Runs the whole load of one format `reps` times, timed, for a profiler. Prints when the loads
// start on CLOCK_MONOTONIC (steady_clock on Linux), so that `perf record -k CLOCK_MONOTONIC`
// samples can be cut to the loads with `perf report --time <start>,`, leaving out generation.
Status Profile(const Flags& flags, const Inputs& inputs, const std::string& dir) {
    const Format format = flags.profile == "csv" ? Format::kCsv : Format::kJson;
    const std::string_view input = format == Format::kCsv ? inputs.csv : inputs.json;
    const double start =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    fmt::print("loads start at CLOCK_MONOTONIC {:.6f}: perf report --time {:.6f},\n", start, start);
    for (int rep = 0; rep < flags.reps; ++rep) {
        ASSIGN_OR_RETURN(LoadResult r,
                         LoadOnce(format, input, flags.rows, fmt::format("{}/load{}", dir, rep)));
        const LoadStages& t = r.stages;
        fmt::print(
            "{} load {}: {:.3f} s wall, {:.3f} s cpu ({:.2f} M rows/s): create {:.3f} "
            "reader {:.3f} consume {:.3f} commit {:.3f} (wall s)\n",
            flags.profile, rep + 1, t.total.wall, t.total.cpu, flags.rows / t.total.wall / 1e6,
            t.create.wall, t.read.wall, t.consume.wall, t.commit.wall);
    }
    return Status::OK();
}

Status Run(const Flags& flags) {
    RETURN_IF_ERROR(InitLogging(/*dir=*/"", "warn"));  // the engine's info lines would clutter
    double load[3] = {0, 0, 0};
    const int loads = getloadavg(load, 3);
    fmt::print("load_bench: {} rows per format, {} runs per step (median reported), one thread\n",
               flags.rows, flags.reps);
    fmt::print("machine: {} cores (hardware_concurrency), load average {:.2f} at start\n",
               std::thread::hardware_concurrency(), loads > 0 ? load[0] : -1.0);
    fmt::print("{}\n", SimdjsonKernels());

    const std::string dir =
        (fs::path(flags.dir) / fmt::format("tributary_load_bench_{}", ::getpid())).string();
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir, ec);
    if (ec) return Status::IOError(fmt::format("cannot create {}: {}", dir, ec.message()));
    const RemoveOnExit cleanup{dir};

    Stopwatch gen_watch;
    OrderRowsOptions options;
    options.rows = flags.rows;
    const Inputs inputs = MakeInputs(MakeOrderChunks(options), options.seed);
    const uint64_t rows = flags.rows;
    fmt::print("generated {:.1f} MB of CSV and {:.1f} MB of NDJSON in {:.2f} s; loads under {}\n",
               Mb(inputs.csv.size()), Mb(inputs.json.size()), gen_watch.Seconds(), dir);
    if (!flags.profile.empty()) return Profile(flags, inputs, dir);

    // CSV baseline: find the lines.
    Measurement split{"CSV  memchr line split (baseline)", rows, inputs.csv.size(), {}};
    for (int rep = 0; rep < flags.reps; ++rep) {
        uint64_t checksum = 0;
        const Timer timer;
        const uint64_t lines = SplitLines(inputs.csv, &checksum);
        split.runs.push_back(timer.Elapsed());
        if (lines != rows || checksum == 0) return Status::Internal("memchr split: line count");
    }

    // CSV reader alone, in Stream Load's slices.
    Measurement csv_reader{"CSV  CsvReader::Parse, 4 MB slices", rows, inputs.csv.size(), {}};
    for (int rep = 0; rep < flags.reps; ++rep) {
        CsvReader reader(SeedCsvOptions());
        SourceBatch batch(6);
        uint64_t parsed = 0, rejected = 0;
        Time parse, count;
        RETURN_IF_ERROR(ParseCsvInSlices(
            inputs.csv, reader, batch,
            [&](const SourceBatch& b) {
                parsed += b.num_rows();
                rejected += b.num_rejected();
                return Status::OK();
            },
            &parse, &count));
        csv_reader.runs.push_back(parse);
        RETURN_IF_ERROR(CheckBatchRows(parsed, rejected, rows, "CsvReader"));
    }

    Measurement csv_load{"CSV  whole load (reader..Commit)", rows, inputs.csv.size(), {}};
    std::vector<LoadStages> csv_stages;
    LoadResult csv_result;
    for (int rep = 0; rep < flags.reps; ++rep) {
        ASSIGN_OR_RETURN(csv_result, LoadOnce(Format::kCsv, inputs.csv, rows, dir + "/csv"));
        if (csv_result.committed_rows != rows) {
            return Status::Internal(
                fmt::format("CSV load committed {} rows, not {}", csv_result.committed_rows, rows));
        }
        csv_load.runs.push_back(csv_result.stages.total);
        csv_stages.push_back(csv_result.stages);
    }

    // JSON baseline: simdjson alone reading the 5 fields of every document.
    Measurement simd{
        "JSON simdjson iterate_many, 5 fields (baseline)", rows, inputs.json.size(), {}};
    {
        const simdjson::padded_string padded(inputs.json);
        simdjson::ondemand::parser parser;
        for (int rep = 0; rep < flags.reps; ++rep) {
            uint64_t checksum = 0;
            const Timer timer;
            ASSIGN_OR_RETURN(uint64_t docs, SimdjsonReadFields(parser, padded, &checksum));
            simd.runs.push_back(timer.Elapsed());
            if (docs != rows || checksum == 0) {
                return Status::Internal(fmt::format("simdjson read {} documents", docs));
            }
        }
    }

    // JSON reader alone: the whole input in one Parse (as Stream Load does), and in slices.
    ASSIGN_OR_RETURN(const JsonOptions json_options, SeedJsonOptions());
    Measurement json_whole{"JSON JsonReader::Parse, whole input", rows, inputs.json.size(), {}};
    Measurement json_sliced{"JSON JsonReader::Parse, ~4 MB slices", rows, inputs.json.size(), {}};
    const std::vector<std::string_view> json_slices = SplitAtLines(inputs.json, kSliceBytes);
    for (int rep = 0; rep < flags.reps; ++rep) {
        for (Measurement* m : {&json_whole, &json_sliced}) {
            JsonReader reader(json_options);
            SourceBatch batch(json_options.field_paths.size());
            uint64_t parsed = 0, rejected = 0;
            const Timer timer;
            if (m == &json_whole) {
                RETURN_IF_ERROR(reader.Parse(inputs.json, &batch));
                parsed = batch.num_rows();
                rejected = batch.num_rejected();
            } else {
                for (std::string_view slice : json_slices) {
                    batch.Clear();
                    RETURN_IF_ERROR(reader.Parse(slice, &batch));
                    parsed += batch.num_rows();
                    rejected += batch.num_rejected();
                }
            }
            m->runs.push_back(timer.Elapsed());
            RETURN_IF_ERROR(CheckBatchRows(parsed, rejected, rows, "JsonReader"));
        }
    }

    Measurement json_load{"JSON whole load (reader..Commit)", rows, inputs.json.size(), {}};
    std::vector<LoadStages> json_stages;
    LoadResult json_result;
    for (int rep = 0; rep < flags.reps; ++rep) {
        ASSIGN_OR_RETURN(json_result, LoadOnce(Format::kJson, inputs.json, rows, dir + "/json"));
        if (json_result.committed_rows != rows - inputs.json_repeats) {
            return Status::Internal(fmt::format("JSON load committed {} rows, not {}",
                                                json_result.committed_rows,
                                                rows - inputs.json_repeats));
        }
        json_load.runs.push_back(json_result.stages.total);
        json_stages.push_back(json_result.stages);
    }

    PrintTable({split, csv_reader, csv_load, simd, json_whole, json_sliced, json_load});
    fmt::print(
        "(M rows/s and MB/s over wall time, MB = 10^6 bytes of CSV or NDJSON text; \"per cpu\" "
        "over\n this thread's CPU time. Each table has {} tablet(s) (the automatic bucket count); "
        "the CSV\n load wrote {} segment(s), {:.1f} MB; the JSON load {} segment(s), {:.1f} MB, "
        "{} rows after\n aggregation. Peak RSS {:.0f} MB.)\n",
        csv_result.tablets, csv_result.segments, Mb(csv_result.data_bytes), json_result.segments,
        Mb(json_result.data_bytes), json_result.committed_rows, PeakRssMb());

    fmt::print("\nwhole load, median seconds of each stage (share of the median total)\n");
    PrintStages("CSV", csv_stages);
    PrintStages("JSON", json_stages);

    fmt::print(
        "\nratios (speed over speed on the same bytes, wall time; 1 = as fast as the "
        "baseline)\n");
    auto ratio = [](std::string_view what, const Measurement& a, const Measurement& b) {
        fmt::print("  {:<48} {:>7.3f}\n", what, a.rows_per_second() / b.rows_per_second());
    };
    ratio("CSV  whole load     / memchr line split", csv_load, split);
    ratio("CSV  CsvReader      / memchr line split", csv_reader, split);
    ratio("CSV  whole load     / CsvReader", csv_load, csv_reader);
    ratio("JSON whole load     / simdjson 5 fields", json_load, simd);
    ratio("JSON JsonReader     / simdjson 5 fields", json_whole, simd);
    ratio("JSON JsonReader 4MB / simdjson 5 fields", json_sliced, simd);
    ratio("JSON whole load     / JsonReader", json_load, json_whole);

    fmt::print("\ntargets (per core; printed, not checked)\n");
    PrintTarget("CSV", csv_load, kCsvTargetRowsPerSecond);
    PrintTarget("JSON", json_load, kJsonTargetRowsPerSecond);
    return Status::OK();
}

}  // namespace
}  // namespace tributary::bench

int main(int argc, char** argv) {
    using namespace tributary;
    return bench::BenchMain(argc, argv, "load_bench", bench::kUsage, bench::ParseFlags, bench::Run);
}
