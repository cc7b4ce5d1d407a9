// primary_key_bench: the cost of PRIMARY KEY upserts (merge-on-write, docs/primary_key.md)
// through the load path, against the same rows appended to a DUPLICATE KEY table in the same
// run; then the primary index's memory and its rebuild after a restart. See bench/README.md.
//
//   primary_key_bench [--keys=N] [--upserts=N] [--batch=N] [--buckets=N] [--deletes=PCT]
//                     [--dir=PATH]
//
// One process, one thread: a MetaStore, TransactionManager and StorageEngine in a fresh
// directory under --dir (removed at the end), two tables of the same shape
//   id BIGINT NOT NULL, name VARCHAR(32) NULL, score INT NOT NULL, ts DATETIME NOT NULL
// keyed on id, one partition of --buckets tablets: one PRIMARY KEY, one DUPLICATE KEY.
// Phases, each batch of --batch rows one TableSink load (Append + Commit), like a Routine Load
// task; each batch is generated (untimed) just before it is loaded into both tables:
//   initial  --keys distinct ids, ascending;
//   upsert   --upserts rows of uniformly drawn existing ids (fixed seed), --deletes percent of
//            them DELETE operations on the PRIMARY KEY table (plain rows on the DUPLICATE one).
// Then: index keys and bytes (GetPrimaryIndexStats), a full check of the PRIMARY KEY table's
// live rows against the bench's own model, and the index rebuild after reopening the engine.
// Exits non-zero only when a step fails or a check finds other rows, never on time.

#include <fmt/format.h>
#include <malloc.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/logging.h"
#include "base/status.h"
#include "base/string_util.h"
#include "bench/bench_main.h"
#include "bench/stopwatch.h"
#include "catalog/table_info.h"
#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "load/table_sink.h"
#include "meta/meta_store.h"
#include "storage/merge/key_merge.h"
#include "storage/primary_key_tablet.h"
#include "storage/snapshot_reader.h"
#include "storage/storage_engine.h"
#include "txn/transaction_manager.h"
#include "types/date_time.h"

namespace tributary::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUsage =
    "usage: primary_key_bench [--keys=N] [--upserts=N] [--batch=N] [--buckets=N]\n"
    "                         [--deletes=PCT] [--dir=PATH]\n"
    "  --keys     distinct ids of the initial load (default 10000000)\n"
    "  --upserts  rows of the upsert phase, ids drawn uniformly among --keys (default 10000000)\n"
    "  --batch    rows per load (one TableSink commit each; default 200000)\n"
    "  --buckets  tablets of each table (default 4)\n"
    "  --deletes  percent of upsert-phase rows that are DELETEs (default 5)\n"
    "  --dir      where the MetaStore and rowsets go (default the system temp dir; a fresh\n"
    "             subdirectory, removed at the end)\n";

constexpr uint64_t kSeed = 20261122;
// The score of every row is its sequence number (initial row i: i; upsert row j: keys + j), so
// the check can tell which write of a key is live. INT bounds it.
constexpr uint64_t kMaxSequence = INT32_MAX;
// ts of sequence number s: 2026-01-01 00:00:00 plus s seconds.
constexpr CivilDate kFirstTsDate{2026, 1, 1};
constexpr uint32_t kNullNameEvery = 50;  // 2% of names are NULL

struct Flags {
    uint64_t keys = 10'000'000;
    uint64_t upserts = 10'000'000;
    uint64_t batch = 200'000;
    int buckets = 4;
    int delete_percent = 5;
    std::string dir;
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
        if (auto v = value_of("--keys=")) {
            if (!ParseInt64(*v, &n) || n < 1) return Status::InvalidArgument("bad --keys");
            flags.keys = static_cast<uint64_t>(n);
        } else if (auto v = value_of("--upserts=")) {
            if (!ParseInt64(*v, &n) || n < 0) return Status::InvalidArgument("bad --upserts");
            flags.upserts = static_cast<uint64_t>(n);
        } else if (auto v = value_of("--batch=")) {
            if (!ParseInt64(*v, &n) || n < 1) return Status::InvalidArgument("bad --batch");
            flags.batch = static_cast<uint64_t>(n);
        } else if (auto v = value_of("--buckets=")) {
            if (!ParseInt64(*v, &n) || n < 1 || n > 1024) {
                return Status::InvalidArgument("bad --buckets (1..1024)");
            }
            flags.buckets = static_cast<int>(n);
        } else if (auto v = value_of("--deletes=")) {
            if (!ParseInt64(*v, &n) || n < 0 || n > 100) {
                return Status::InvalidArgument("bad --deletes (0..100)");
            }
            flags.delete_percent = static_cast<int>(n);
        } else if (auto v = value_of("--dir=")) {
            flags.dir = std::string(*v);
        } else {
            return Status::InvalidArgument(fmt::format("unknown argument '{}'", arg));
        }
    }
    if (flags.keys + flags.upserts > kMaxSequence) {
        return Status::InvalidArgument(
            fmt::format("--keys + --upserts must stay below {} (scores are INT)", kMaxSequence));
    }
    return flags;
}


// ---------------------------------------------------------------------------------------------
// Tables

// `model` table `name` with the bench's columns, key `id`, one unpartitioned partition of
// `buckets` tablets hashed on id. Ids (table, partition, tablets) come from *next_id.
std::shared_ptr<const TableInfo> MakeTable(KeyModel model, std::string name, int buckets,
                                           int64_t* next_id) {
    auto table = std::make_shared<TableInfo>();
    table->id = (*next_id)++;
    table->db_id = 1;
    table->name = name;
    table->model = model;
    auto column = [](std::string column_name, TypeDesc type, bool nullable, bool is_key) {
        ColumnInfo c;
        c.name = std::move(column_name);
        c.type = type;
        c.nullable = nullable;
        c.is_key = is_key;
        return c;
    };
    table->columns = {column("id", TypeDesc::Of(LogicalType::kBigInt), false, true),
                      column("name", TypeDesc::Varchar(32), true, false),
                      column("score", TypeDesc::Of(LogicalType::kInt), false, false),
                      column("ts", TypeDesc::Of(LogicalType::kDateTime), false, false)};
    PartitionInfo partition;
    partition.id = (*next_id)++;
    partition.name = name;
    partition.bucket_count = buckets;
    for (int b = 0; b < buckets; ++b) partition.tablet_ids.push_back((*next_id)++);
    table->partitions = {partition};
    table->distribution.kind = DistributionInfo::Kind::kHash;
    table->distribution.columns = {"id"};
    table->distribution.buckets = buckets;
    return table;
}

// ---------------------------------------------------------------------------------------------
// Rows and the model of what the PRIMARY KEY table holds

// Key k (0-based) is id k + 1.
int64_t IdOfKey(uint64_t key) { return static_cast<int64_t>(key) + 1; }

// Appends the row of `key` written as sequence number `seq`.
void AppendRow(Chunk* rows, uint64_t key, uint64_t seq, std::string* name) {
    static_cast<Int64Column*>(rows->column(0))->Append(IdOfKey(key));
    auto* names = static_cast<NullableColumn*>(rows->column(1));
    if (seq % kNullNameEvery == kNullNameEvery - 1) {
        names->AppendNull();
    } else {
        name->resize(0);
        fmt::format_to(std::back_inserter(*name), "user_{}_{}", IdOfKey(key), seq % 1000);
        static_cast<BinaryColumn*>(names->data())->Append(*name);
        names->AppendNotNullMark();
    }
    static_cast<Int32Column*>(rows->column(2))->Append(static_cast<int32_t>(seq));
    static const int64_t first_ts = int64_t{DaysFromCivil(kFirstTsDate)} * kMicrosPerDay;
    static_cast<Int64Column*>(rows->column(3))
        ->Append(first_ts + static_cast<int64_t>(seq) * kMicrosPerSecond);
}

// For each key, the sequence number of its live row in the PRIMARY KEY table, or kAbsent.
class Model {
public:
    static constexpr uint32_t kAbsent = UINT32_MAX;
    explicit Model(uint64_t keys) : live_seq_(keys, kAbsent) {}

    void Upsert(uint64_t key, uint64_t seq) {
        live_ += live_seq_[key] == kAbsent ? 1 : 0;
        live_seq_[key] = static_cast<uint32_t>(seq);
    }
    void Delete(uint64_t key) {
        live_ -= live_seq_[key] == kAbsent ? 0 : 1;
        live_seq_[key] = kAbsent;
    }
    uint32_t live_seq(uint64_t key) const { return live_seq_[key]; }
    uint64_t keys() const { return live_seq_.size(); }
    uint64_t live() const { return live_; }

private:
    std::vector<uint32_t> live_seq_;
    uint64_t live_ = 0;
};

struct Batch {
    Chunk rows;
    std::vector<uint8_t> ops;  // empty: every row an UPSERT
    uint64_t deletes = 0;
};

// Initial rows [first, first + count): key i, sequence number i.
Batch InitialBatch(const ChunkSchema& schema, uint64_t first, uint64_t count, Model* model) {
    Batch batch{Chunk(schema), {}, 0};
    std::string name;
    for (uint64_t key = first; key < first + count; ++key) {
        AppendRow(&batch.rows, key, key, &name);
        model->Upsert(key, key);
    }
    return batch;
}

// Upsert-phase rows [first, first + count): uniform keys, sequence numbers after the initial
// ones, `delete_percent` percent DELETEs.
Batch UpsertBatch(const ChunkSchema& schema, uint64_t first, uint64_t count, int delete_percent,
                  std::mt19937_64* rng, Model* model) {
    Batch batch{Chunk(schema), {}, 0};
    batch.ops.reserve(count);
    std::string name;
    for (uint64_t i = first; i < first + count; ++i) {
        const uint64_t key = (*rng)() % model->keys();
        const bool is_delete = static_cast<int>((*rng)() % 100) < delete_percent;
        const uint64_t seq = model->keys() + i;
        AppendRow(&batch.rows, key, seq, &name);
        batch.ops.push_back(is_delete ? kOpDelete : kOpUpsert);
        if (is_delete) {
            model->Delete(key);
            ++batch.deletes;
        } else {
            model->Upsert(key, seq);
        }
    }
    return batch;
}

// ---------------------------------------------------------------------------------------------
// Loading

// What the loads run against; the engine is replaced when the bench reopens it. Members are
// destroyed in reverse order: the engine and the transactions, which write to the store, first.
struct Backend {
    std::unique_ptr<MetaStore> store;
    std::unique_ptr<TransactionManager> txns;
    std::unique_ptr<StorageEngine> engine;

    LoadServices services() const { return LoadServices{engine.get(), txns.get()}; }
};

// The bytes (key and value) of the delete vector records in `store` written at `version`: a
// commit rewrites the whole record of every segment whose delete vector it changes.
StatusOr<uint64_t> DeleteVectorBytesWrittenAt(const MetaStore& store, int64_t version) {
    uint64_t bytes = 0;
    RETURN_IF_ERROR(
        store.Scan(kDeleteVectorPrefix, [&](std::string_view key, std::string_view value) {
            int64_t record_version = 0;
            if (ParseInt64(value.substr(0, value.find('\n')), &record_version) &&
                record_version == version) {
                bytes += key.size() + value.size();
            }
            return true;
        }));
    return bytes;
}

// One phase of loads into one table.
struct PhaseStats {
    uint64_t rows = 0;
    uint64_t loads = 0;
    Time total;   // sink construction + Append + Commit
    Time append;  // routing and buffering
    Time commit;  // resolve / sort, segment files (fsynced), the transaction (apply), publish
    std::vector<double> commit_walls;  // of each load, in order
    // PRIMARY KEY: bytes of the delete vector records each load's commit wrote, in order.
    std::vector<uint64_t> delvec_bytes;

    double rows_per_second() const { return total.wall > 0 ? rows / total.wall : 0; }
    double rows_per_cpu_second() const { return total.cpu > 0 ? rows / total.cpu : 0; }
};

// One load of `batch` into `table` (`ops` on PRIMARY KEY tables only), timed into *stats.
Status LoadBatch(LoadServices services, const std::shared_ptr<const TableInfo>& table,
                 const Batch& batch, bool with_ops, PhaseStats* stats) {
    const Timer total;
    TableSink sink(services, table);
    const Timer append;
    RETURN_IF_ERROR(
        sink.Append(batch.rows, /*failures=*/nullptr,
                    with_ops ? std::span<const uint8_t>(batch.ops) : std::span<const uint8_t>()));
    stats->append += append.Elapsed();
    const Timer commit;
    SinkCommitOptions options;
    options.source = TransactionSource::kRoutineLoad;
    ASSIGN_OR_RETURN(SinkCommitResult result, sink.Commit(options));
    const Time committed = commit.Elapsed();
    stats->commit += committed;
    stats->commit_walls.push_back(committed.wall);
    stats->total += total.Elapsed();
    if (result.rows != batch.rows.num_rows()) {
        return Status::Internal(fmt::format("a load into {} committed {} rows of {}", table->name,
                                            result.rows, batch.rows.num_rows()));
    }
    stats->rows += batch.rows.num_rows();
    ++stats->loads;
    return Status::OK();
}

struct Tables {
    std::shared_ptr<const TableInfo> primary;
    std::shared_ptr<const TableInfo> duplicate;
};

// Loads every batch `make(first, count)` of a phase of `total` rows into both tables. Which
// table loads first alternates per batch, so neither always gets the warmer caches.
// After each PRIMARY KEY load (untimed), records the delete vector bytes its commit wrote.
template <typename MakeBatch>
Status RunPhase(std::string_view phase, const Backend& backend, const Tables& tables,
                uint64_t total, uint64_t batch_rows, MakeBatch make, PhaseStats* primary,
                PhaseStats* duplicate, uint64_t* deletes) {
    const LoadServices services = backend.services();
    const Stopwatch watch;
    uint64_t next_report = total / 10;
    for (uint64_t first = 0, n = 0, index = 0; first < total; first += n, ++index) {
        n = std::min(batch_rows, total - first);
        const Batch batch = make(first, n);
        *deletes += batch.deletes;
        for (int turn = 0; turn < 2; ++turn) {
            if ((turn == 0) == (index % 2 == 0)) {
                RETURN_IF_ERROR(LoadBatch(services, tables.primary, batch, true, primary));
                ASSIGN_OR_RETURN(const uint64_t bytes,
                                 DeleteVectorBytesWrittenAt(*backend.store,
                                                            backend.txns->VisibleVersion(
                                                                tables.primary->partitions[0].id)));
                primary->delvec_bytes.push_back(bytes);
            } else {
                RETURN_IF_ERROR(LoadBatch(services, tables.duplicate, batch, false, duplicate));
            }
        }
        if (first + n >= next_report || first + n == total) {
            fmt::print(stderr, "  {}: {} / {} rows, {:.0f} s\n", phase, first + n, total,
                       watch.Seconds());
            next_report += std::max<uint64_t>(total / 10, 1);
        }
    }
    return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// Checks and figures

struct TableFigures {
    int64_t rowsets = 0;
    int64_t segments = 0;
    int64_t stored_rows = 0;  // rows in the live rowsets, replaced and deleted ones included
    int64_t data_bytes = 0;
};

TableFigures FiguresOf(const StorageEngine& engine, const TableInfo& table) {
    TableFigures f;
    for (int64_t tablet : table.partitions[0].tablet_ids) {
        const TabletStats stats = engine.GetTabletStats(tablet);
        f.rowsets += stats.rowset_count;
        f.segments += stats.segment_count;
        f.stored_rows += stats.num_rows;
        f.data_bytes += stats.data_bytes;
    }
    return f;
}

// Reads id and score of every live row of the PRIMARY KEY table at its visible version (the
// snapshots' delete vectors applied) and checks them against `model`: each live key exactly
// once, with the score of its last write. Returns the live rows read.
StatusOr<uint64_t> CheckLiveRows(const StorageEngine& engine, const TransactionManager& txns,
                                 const TableInfo& table, const Model& model) {
    const int64_t version = txns.VisibleVersion(table.partitions[0].id);
    std::vector<bool> seen(model.keys(), false);
    uint64_t live = 0;
    const uint32_t columns[] = {0, 2};  // id, score
    for (int64_t tablet : table.partitions[0].tablet_ids) {
        ASSIGN_OR_RETURN(TabletSnapshot snapshot, engine.Snapshot(tablet, version));
        ASSIGN_OR_RETURN(std::vector<RowsetRows> rowsets, ReadSnapshotRows(snapshot, columns));
        for (const RowsetRows& rowset : rowsets) {
            for (const Chunk& segment : rowset.segments) {
                const auto& ids = static_cast<const Int64Column*>(segment.column(0))->data();
                const auto& scores = static_cast<const Int32Column*>(segment.column(1))->data();
                for (size_t r = 0; r < ids.size(); ++r) {
                    const uint64_t key = static_cast<uint64_t>(ids[r] - 1);
                    if (ids[r] < 1 || key >= model.keys()) {
                        return Status::Internal(
                            fmt::format("tablet {}: unknown id {}", tablet, ids[r]));
                    }
                    if (seen[key]) {
                        return Status::Internal(
                            fmt::format("tablet {}: id {} has two live rows", tablet, ids[r]));
                    }
                    seen[key] = true;
                    if (model.live_seq(key) != static_cast<uint32_t>(scores[r])) {
                        return Status::Internal(
                            fmt::format("tablet {}: id {} reads the row of write {}, expected {}",
                                        tablet, ids[r], scores[r],
                                        model.live_seq(key) == Model::kAbsent
                                            ? std::string("none (deleted)")
                                            : std::to_string(model.live_seq(key))));
                    }
                    ++live;
                }
            }
        }
    }
    if (live != model.live()) {
        return Status::Internal(fmt::format("the PRIMARY KEY table has {} live rows, the model {}",
                                            live, model.live()));
    }
    return live;
}

// Records and bytes of the durable delete vectors in `store`.
Status DeleteVectorRecords(const MetaStore& store, uint64_t* records, uint64_t* bytes) {
    return store.Scan(kDeleteVectorPrefix, [&](std::string_view key, std::string_view value) {
        ++*records;
        *bytes += key.size() + value.size();
        return true;
    });
}

// A "VmHWM:" / "VmRSS:" line of /proc/self/status, in MB; -1 when absent.
double ProcStatusMb(std::string_view field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(field)) return std::atof(line.c_str() + field.size()) / 1024.0;
    }
    return -1;
}

// Bytes malloc has handed out and not had back (all arenas, mmapped blocks included).
int64_t HeapInUseBytes() {
    const struct mallinfo2 info = mallinfo2();
    return static_cast<int64_t>(info.uordblks + info.hblkhd);
}

double Mb(int64_t bytes) { return static_cast<double>(bytes) / 1e6; }

// Removes the benchmark's directory however Run ends.
struct RemoveOnExit {
    std::string dir;
    ~RemoveOnExit() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

// ---------------------------------------------------------------------------------------------
// Reporting

// Everything the report prints.
struct Results {
    PhaseStats initial_pk, initial_dup, upsert_pk, upsert_dup;
    uint64_t deletes = 0;  // DELETE rows of the upsert phase
    PrimaryIndexStats index;
    TableFigures pk_figures, dup_figures;
    uint64_t live_rows = 0;
    Time check;
    uint64_t delvec_records = 0, delvec_bytes = 0;
    int64_t engine_heap_bytes = 0;  // heap the engine gave back when it was destroyed
    double rss_loaded_mb = 0;
    size_t pk_tablets = 0;
    Time reopen, rebuild;
    PrimaryIndexStats rebuilt;
};

void PrintPhaseRow(std::string_view name, const PhaseStats& s) {
    fmt::print("{:<24} {:>11} {:>6} {:>8.2f} {:>8.2f} {:>9.3f} {:>9.3f} {:>8.2f} {:>8.2f}\n", name,
               s.rows, s.loads, s.total.wall, s.total.cpu, s.rows_per_second() / 1e6,
               s.rows_per_cpu_second() / 1e6, s.append.wall, s.commit.wall);
}

// First, median, last and largest of `values`: growth over a phase shows what scales with the
// tablets' history (rowsets, delete vectors) rather than with the batch.
template <typename T>
void PrintSpread(std::string_view name, const std::vector<T>& values, double scale,
                 std::string_view format) {
    if (values.empty()) return;
    std::vector<double> v;
    for (T value : values) v.push_back(static_cast<double>(value) * scale);
    const auto f = fmt::runtime(format);
    fmt::print("  {:<22} first {}  median {}  last {}  max {}\n", name, fmt::format(f, v.front()),
               fmt::format(f, Median(v)), fmt::format(f, v.back()),
               fmt::format(f, *std::max_element(v.begin(), v.end())));
}

void PrintReport(const Results& r) {
    fmt::print("\n{:<24} {:>11} {:>6} {:>8} {:>8} {:>9} {:>9} {:>8} {:>8}\n", "phase / table",
               "rows", "loads", "wall s", "cpu s", "M rows/s", "(per cpu)", "append s", "commit s");
    PrintPhaseRow("initial  PRIMARY KEY", r.initial_pk);
    PrintPhaseRow("initial  DUPLICATE", r.initial_dup);
    PrintPhaseRow("upsert   PRIMARY KEY", r.upsert_pk);
    PrintPhaseRow("upsert   DUPLICATE", r.upsert_dup);
    fmt::print(
        "(rows/s over wall time, \"per cpu\" over this thread's CPU time; a load = TableSink "
        "construction\n + Append + Commit, the batch's generation excluded. The upsert phase had "
        "{} DELETE rows;\n the DUPLICATE table took them as plain rows.)\n",
        r.deletes);

    fmt::print("\ncommit wall s per load\n");
    PrintSpread("initial  PRIMARY KEY", r.initial_pk.commit_walls, 1, "{:.3f}");
    PrintSpread("initial  DUPLICATE", r.initial_dup.commit_walls, 1, "{:.3f}");
    PrintSpread("upsert   PRIMARY KEY", r.upsert_pk.commit_walls, 1, "{:.3f}");
    PrintSpread("upsert   DUPLICATE", r.upsert_dup.commit_walls, 1, "{:.3f}");
    fmt::print("delete vector MB each PRIMARY KEY commit wrote to the MetaStore\n");
    PrintSpread("upsert   PRIMARY KEY", r.upsert_pk.delvec_bytes, 1e-6, "{:.2f}");

    auto ratio = [](std::string_view what, double value) {
        fmt::print("  {:<52} {:>7.3f}\n", what, value);
    };
    fmt::print("\nratios (speed over speed; 1 = as fast as the baseline)\n");
    ratio("initial PRIMARY KEY / DUPLICATE",
          r.initial_pk.rows_per_second() / r.initial_dup.rows_per_second());
    ratio("upsert  PRIMARY KEY / DUPLICATE",
          r.upsert_pk.rows_per_second() / r.upsert_dup.rows_per_second());
    ratio("upsert  PRIMARY KEY / initial PRIMARY KEY",
          r.upsert_pk.rows_per_second() / r.initial_pk.rows_per_second());
    ratio("initial PRIMARY KEY / DUPLICATE, cpu time",
          r.initial_pk.rows_per_cpu_second() / r.initial_dup.rows_per_cpu_second());
    ratio("upsert  PRIMARY KEY / DUPLICATE, cpu time",
          r.upsert_pk.rows_per_cpu_second() / r.upsert_dup.rows_per_cpu_second());

    const double keys = static_cast<double>(std::max<int64_t>(r.index.keys, 1));
    fmt::print("\nprimary index (GetPrimaryIndexStats)\n");
    fmt::print("  {} tablets, {} keys, {:.1f} MB, {:.1f} bytes per key\n", r.index.tablets,
               r.index.keys, Mb(r.index.memory_bytes),
               static_cast<double>(r.index.memory_bytes) / keys);
    fmt::print(
        "  engine heap besides the index (delete vector versions, rowset metas, ...): {:.1f} MB\n",
        Mb(r.engine_heap_bytes - r.index.memory_bytes));
    fmt::print(
        "  rebuild after a restart: engine Open {:.3f} s (both tables' rowset metas and delete "
        "vectors),\n  then PreparePrimaryIndex of the {} tablets one after another {:.3f} s wall, "
        "{:.3f} s cpu:\n  {:.2f} M stored rows/s read, {:.2f} M keys/s indexed ({} keys, "
        "{:.1f} MB)\n",
        r.reopen.wall, r.pk_tablets, r.rebuild.wall, r.rebuild.cpu,
        static_cast<double>(r.pk_figures.stored_rows) / r.rebuild.wall / 1e6,
        static_cast<double>(r.rebuilt.keys) / r.rebuild.wall / 1e6, r.rebuilt.keys,
        Mb(r.rebuilt.memory_bytes));

    fmt::print("\nstorage after the phases\n");
    auto storage_row = [](std::string_view what, const TableFigures& f) {
        fmt::print("  {:<12} {:>6} rowsets {:>6} segments {:>11} rows stored {:>9.1f} MB\n", what,
                   f.rowsets, f.segments, f.stored_rows, Mb(f.data_bytes));
    };
    storage_row("PRIMARY KEY", r.pk_figures);
    storage_row("DUPLICATE", r.dup_figures);
    fmt::print(
        "  PRIMARY KEY: {} live rows ({} replaced or deleted rows masked by delete vectors);\n"
        "  {} delete vector records, {:.1f} MB in the MetaStore\n",
        r.live_rows, r.pk_figures.stored_rows - static_cast<int64_t>(r.live_rows), r.delvec_records,
        Mb(static_cast<int64_t>(r.delvec_bytes)));
    fmt::print(
        "\ncheck: every live row of the PRIMARY KEY table read back ({:.2f} s): {} keys, each "
        "once, each\n  with the score of its last write, as the model says; the rebuilt index "
        "has the same {} keys. OK\n",
        r.check.wall, r.live_rows, r.rebuilt.keys);
    fmt::print("\nmemory: peak RSS (VmHWM) {:.0f} MB; RSS after the phases {:.0f} MB\n",
               ProcStatusMb("VmHWM:"), r.rss_loaded_mb);
}

// ---------------------------------------------------------------------------------------------

StatusOr<Backend> OpenBackend(const std::string& dir) {
    Backend backend;
    ASSIGN_OR_RETURN(backend.store, MetaStore::Open(dir + "/meta"));
    TransactionManagerOptions txn_options;
    txn_options.maintenance_interval_ms = 0;  // no background thread
    ASSIGN_OR_RETURN(backend.txns, TransactionManager::Open(backend.store.get(), txn_options));
    ASSIGN_OR_RETURN(backend.engine, StorageEngine::Open(dir, backend.store.get()));
    return backend;
}

// After the phases: the index against the model, the stored rows, every live row read back.
Status CheckAfterPhases(const Flags& flags, const Backend& backend, const Tables& tables,
                        const Model& model, Results* r) {
    r->index = backend.engine->GetPrimaryIndexStats();
    r->pk_figures = FiguresOf(*backend.engine, *tables.primary);
    r->dup_figures = FiguresOf(*backend.engine, *tables.duplicate);
    if (r->index.keys != static_cast<int64_t>(model.live())) {
        return Status::Internal(fmt::format("the primary index holds {} keys, the model {}",
                                            r->index.keys, model.live()));
    }
    if (r->dup_figures.stored_rows != static_cast<int64_t>(flags.keys + flags.upserts)) {
        return Status::Internal(fmt::format("the DUPLICATE table holds {} rows, loaded {}",
                                            r->dup_figures.stored_rows,
                                            flags.keys + flags.upserts));
    }
    const Timer check;
    ASSIGN_OR_RETURN(r->live_rows,
                     CheckLiveRows(*backend.engine, *backend.txns, *tables.primary, model));
    r->check = check.Elapsed();
    return DeleteVectorRecords(*backend.store, &r->delvec_records, &r->delvec_bytes);
}

// A restart: the engine is destroyed and opened again on the same directory and MetaStore, then
// the PRIMARY KEY tablets' indexes are built, one tablet after another as a load does.
Status Reopen(const std::string& dir, const Tables& tables, Backend* backend, Results* r) {
    const int64_t heap_before = HeapInUseBytes();
    backend->engine.reset();
    r->engine_heap_bytes = heap_before - HeapInUseBytes();
    const Timer open;
    ASSIGN_OR_RETURN(backend->engine, StorageEngine::Open(dir, backend->store.get()));
    r->reopen = open.Elapsed();
    ChunkSchema key_schema;
    key_schema.columns = {TableSink::SchemaOf(*tables.primary).columns[0]};
    const std::vector<int64_t>& tablets = tables.primary->partitions[0].tablet_ids;
    r->pk_tablets = tablets.size();
    const Timer rebuild;
    for (int64_t tablet : tablets) {
        RETURN_IF_ERROR(backend->engine->PreparePrimaryIndex(tablet, key_schema));
    }
    r->rebuild = rebuild.Elapsed();
    r->rebuilt = backend->engine->GetPrimaryIndexStats();
    if (r->rebuilt.keys != r->index.keys) {
        return Status::Internal(
            fmt::format("the rebuilt index holds {} keys, before the restart {}", r->rebuilt.keys,
                        r->index.keys));
    }
    return Status::OK();
}

Status Run(const Flags& flags) {
    RETURN_IF_ERROR(InitLogging(/*dir=*/"", "warn"));  // the engine's info lines would clutter
    double load[3] = {0, 0, 0};
    const int loads = getloadavg(load, 3);
    fmt::print(
        "primary_key_bench: {} keys, {} upsert-phase rows ({}% DELETE), loads of {} rows, "
        "{} tablets per table, one thread\n",
        flags.keys, flags.upserts, flags.delete_percent, flags.batch, flags.buckets);
    fmt::print("machine: {} cores (hardware_concurrency), load average {:.2f} at start\n",
               std::thread::hardware_concurrency(), loads > 0 ? load[0] : -1.0);

    const std::string dir =
        (fs::path(flags.dir) / fmt::format("tributary_pk_bench_{}", ::getpid())).string();
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir, ec);
    if (ec) return Status::IOError(fmt::format("cannot create {}: {}", dir, ec.message()));
    const RemoveOnExit cleanup{dir};
    fmt::print("data under {}\n", dir);
    ASSIGN_OR_RETURN(Backend backend, OpenBackend(dir));

    int64_t next_id = 10;
    const Tables tables{MakeTable(KeyModel::kPrimary, "pk_users", flags.buckets, &next_id),
                        MakeTable(KeyModel::kDuplicate, "dup_users", flags.buckets, &next_id)};
    const ChunkSchema schema = TableSink::SchemaOf(*tables.primary);
    Model model(flags.keys);
    Results r;
    uint64_t initial_deletes = 0;
    RETURN_IF_ERROR(RunPhase(
        "initial", backend, tables, flags.keys, flags.batch,
        [&](uint64_t first, uint64_t n) { return InitialBatch(schema, first, n, &model); },
        &r.initial_pk, &r.initial_dup, &initial_deletes));
    std::mt19937_64 rng(kSeed);
    RETURN_IF_ERROR(RunPhase(
        "upsert", backend, tables, flags.upserts, flags.batch,
        [&](uint64_t first, uint64_t n) {
            return UpsertBatch(schema, first, n, flags.delete_percent, &rng, &model);
        },
        &r.upsert_pk, &r.upsert_dup, &r.deletes));

    RETURN_IF_ERROR(CheckAfterPhases(flags, backend, tables, model, &r));
    r.rss_loaded_mb = ProcStatusMb("VmRSS:");
    RETURN_IF_ERROR(Reopen(dir, tables, &backend, &r));
    PrintReport(r);
    return Status::OK();
}

}  // namespace
}  // namespace tributary::bench

int main(int argc, char** argv) {
    using namespace tributary;
    return bench::BenchMain(argc, argv, "primary_key_bench", bench::kUsage, bench::ParseFlags,
                            bench::Run);
}
