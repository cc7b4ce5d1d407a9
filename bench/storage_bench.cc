// storage_bench: write and scan speed of the columnar segment format on seed-shaped order rows,
// against raw LZ4 on the same logical bytes measured in the same run. See bench/README.md.
//
//   storage_bench [--rows=N] [--reps=N] [--dir=PATH]
//
// Prints a table of medians and the ratios; exits non-zero only when a step fails, never on time.

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "base/logging.h"
#include "base/status.h"
#include "base/string_util.h"
#include "bench/lz4_baseline.h"
#include "bench/order_rows.h"
#include "bench/bench_main.h"
#include "bench/stopwatch.h"
#include "column/fixed_column.h"
#include "meta/meta_store.h"
#include "storage/segment/segment_reader.h"
#include "storage/segment/segment_writer.h"
#include "storage/storage_engine.h"

namespace tributary::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUsage =
    "usage: storage_bench [--rows=N] [--reps=N] [--dir=PATH]\n"
    "  --rows  order rows to generate (default 4000000)\n"
    "  --reps  runs of each measurement; the median is reported (default 5)\n"
    "  --dir   where the files go (default the system temp dir; a fresh subdirectory is made\n"
    "          and removed at the end)\n";

struct Flags {
    uint64_t rows = 4'000'000;
    int reps = 5;
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
        } else {
            return Status::InvalidArgument(fmt::format("unknown argument '{}'", arg));
        }
    }
    return flags;
}

// One measured step: the wall time of each run, and what one run processes.
struct Measurement {
    std::string name;
    uint64_t rows = 0;
    uint64_t bytes = 0;  // logical bytes one run processes
    std::vector<double> seconds;

    double median() const { return Median(seconds); }
    double rows_per_second() const { return static_cast<double>(rows) / median(); }
    double mb_per_second() const { return static_cast<double>(bytes) / 1e6 / median(); }
};

StatusOr<SegmentInfo> WriteSegment(const std::string& path, const std::vector<Chunk>& chunks) {
    ASSIGN_OR_RETURN(auto writer, SegmentWriter::Create(path, OrderSchema(), kOrderKeyColumns));
    for (const Chunk& chunk : chunks) RETURN_IF_ERROR(writer->Append(chunk));
    return writer->Finish();
}

// Reads `column_ids` of the whole segment; checks the row count and, when the order ids are
// read, that they are the ones written (their sum), so a scan is known to return the data.
Status ScanSegment(const std::string& path, std::span<const uint32_t> column_ids,
                   uint64_t expected_rows, int64_t expected_id_sum) {
    ASSIGN_OR_RETURN(auto reader, SegmentReader::Open(path));
    ASSIGN_OR_RETURN(Chunk chunk, reader->ReadColumns(column_ids, {0, reader->num_rows()}));
    if (chunk.num_rows() != expected_rows) {
        return Status::Internal(
            fmt::format("scan returned {} rows, wrote {}", chunk.num_rows(), expected_rows));
    }
    if (column_ids[0] == 0) {
        int64_t sum = 0;
        for (int64_t id : static_cast<const Int64Column*>(chunk.column(0))->data()) sum += id;
        if (sum != expected_id_sum) return Status::Internal("scan returned other order ids");
    }
    return Status::OK();
}

int64_t OrderIdSum(const std::vector<Chunk>& chunks) {
    int64_t sum = 0;
    for (const Chunk& chunk : chunks) {
        for (int64_t id : static_cast<const Int64Column*>(chunk.column(0))->data()) sum += id;
    }
    return sum;
}

// Every run: a new rowset of one tablet, appended and finished (files fsynced and renamed), then
// discarded outside the timed region.
Status MeasureRowsetWrites(const std::string& dir, const std::vector<Chunk>& chunks, int reps,
                           Measurement* m, size_t* segments) {
    ASSIGN_OR_RETURN(auto store, MetaStore::Open(dir + "/meta"));
    ASSIGN_OR_RETURN(auto engine, StorageEngine::Open(dir + "/engine", store.get()));
    for (int rep = 0; rep < reps; ++rep) {
        Stopwatch watch;
        ASSIGN_OR_RETURN(auto writer, engine->NewRowsetWriter(/*tablet_id=*/1, /*partition_id=*/1,
                                                              /*txn_id=*/rep + 1, OrderSchema(),
                                                              kOrderKeyColumns));
        for (const Chunk& chunk : chunks) RETURN_IF_ERROR(writer->Append(chunk));
        ASSIGN_OR_RETURN(PendingRowset pending, writer->Finish());
        m->seconds.push_back(watch.Seconds());
        *segments = pending.segment_paths.size();
        engine->Discard(pending);
    }
    return Status::OK();
}

std::string FormatRuns(const std::vector<double>& seconds) {
    std::string out;
    for (double s : seconds) out += fmt::format("{}{:.3f}", out.empty() ? "" : " ", s);
    return out;
}

void PrintTable(const std::vector<Measurement>& ms) {
    fmt::print("\n{:<34} {:>9} {:>12} {:>9}   {}\n", "step", "median s", "rows/s", "MB/s",
               "runs (s)");
    for (const Measurement& m : ms) {
        fmt::print("{:<34} {:>9.3f} {:>12.0f} {:>9.1f}   {}\n", m.name, m.median(),
                   m.rows_per_second(), m.mb_per_second(), FormatRuns(m.seconds));
    }
}

double Mb(uint64_t bytes) { return static_cast<double>(bytes) / 1e6; }

Status Run(const Flags& flags) {
    RETURN_IF_ERROR(InitLogging(/*dir=*/"", "warn"));  // the engine's info lines would clutter
    double load[3] = {0, 0, 0};
    int loads = getloadavg(load, 3);
    fmt::print("storage_bench: {} rows, {} runs per step (median reported)\n", flags.rows,
               flags.reps);
    fmt::print("machine: {} cores (hardware_concurrency), load average {:.2f} at start\n",
               std::thread::hardware_concurrency(), loads > 0 ? load[0] : -1.0);

    const std::string dir =
        (fs::path(flags.dir) / fmt::format("tributary_storage_bench_{}", ::getpid())).string();
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir, ec);
    if (ec) return Status::IOError(fmt::format("cannot create {}: {}", dir, ec.message()));
    fmt::print("files under {}\n", dir);

    Stopwatch gen_watch;
    OrderRowsOptions options;
    options.rows = flags.rows;
    const std::vector<Chunk> chunks = MakeOrderChunks(options);
    const std::string plain = PlainBytes(chunks);
    const uint64_t logical = plain.size();
    const int64_t id_sum = OrderIdSum(chunks);
    const ChunkSchema schema = OrderSchema();
    fmt::print("generated {} chunks in {:.2f} s; logical size {:.1f} MB (plain encoding)\n",
               chunks.size(), gen_watch.Seconds(), Mb(logical));

    std::vector<Measurement> table;

    // Baseline: LZ4 on the plain bytes, in page-sized blocks.
    Measurement compress{"LZ4 compress (baseline)", flags.rows, logical, {}};
    Lz4Blocks blocks;
    for (int rep = 0; rep < flags.reps; ++rep) {
        Stopwatch watch;
        ASSIGN_OR_RETURN(blocks, Lz4CompressBlocks(plain));
        compress.seconds.push_back(watch.Seconds());
    }
    Measurement decompress{"LZ4 decompress (baseline)", flags.rows, logical, {}};
    std::string restored(logical, '\0');
    for (int rep = 0; rep < flags.reps; ++rep) {
        Stopwatch watch;
        RETURN_IF_ERROR(Lz4DecompressBlocks(blocks, &restored));
        decompress.seconds.push_back(watch.Seconds());
    }
    if (restored != plain) return Status::Internal("LZ4 round trip changed the bytes");
    restored = std::string();

    // Segment write: Create .. Finish, fsync and rename included.
    const std::string segment_path = dir + "/orders.seg";
    Measurement segment_write{"segment write (SegmentWriter)", flags.rows, logical, {}};
    SegmentInfo info;
    for (int rep = 0; rep < flags.reps; ++rep) {
        fs::remove(segment_path, ec);
        Stopwatch watch;
        ASSIGN_OR_RETURN(info, WriteSegment(segment_path, chunks));
        segment_write.seconds.push_back(watch.Seconds());
    }

    Measurement rowset_write{"engine write (RowsetWriter+Finish)", flags.rows, logical, {}};
    size_t segments = 0;
    RETURN_IF_ERROR(MeasureRowsetWrites(dir, chunks, flags.reps, &rowset_write, &segments));

    // Scans of the segment written above (warm page cache: it was just written).
    const std::vector<uint32_t> all_columns = {0, 1, 2, 3, 4};
    const std::vector<uint32_t> price_only = {kPriceColumn};
    Measurement scan_all{"segment scan, all 5 columns", flags.rows, logical, {}};
    Measurement scan_price{
        "segment scan, price only", flags.rows, PlainSize(chunks, kPriceColumn), {}};
    for (int rep = 0; rep < flags.reps; ++rep) {
        Stopwatch watch;
        RETURN_IF_ERROR(ScanSegment(segment_path, all_columns, flags.rows, id_sum));
        scan_all.seconds.push_back(watch.Seconds());
    }
    for (int rep = 0; rep < flags.reps; ++rep) {
        Stopwatch watch;
        RETURN_IF_ERROR(ScanSegment(segment_path, price_only, flags.rows, id_sum));
        scan_price.seconds.push_back(watch.Seconds());
    }

    table = {compress, decompress, segment_write, rowset_write, scan_all, scan_price};
    PrintTable(table);
    fmt::print(
        "(MB = 10^6 logical bytes: the columns' values in plain encoding; the price-only\n"
        " scan counts the price column's bytes alone; the engine write made {} segment(s))\n",
        segments);

    fmt::print("\nratios (speed over speed, same logical bytes; >1 means faster than LZ4 alone)\n");
    fmt::print("  segment write speed / LZ4 compress speed    {:>7.3f}\n",
               segment_write.mb_per_second() / compress.mb_per_second());
    fmt::print("  engine write speed  / LZ4 compress speed    {:>7.3f}\n",
               rowset_write.mb_per_second() / compress.mb_per_second());
    fmt::print("  segment scan speed  / LZ4 decompress speed  {:>7.3f}\n",
               scan_all.mb_per_second() / decompress.mb_per_second());
    fmt::print("  price scan speed    / LZ4 decompress speed  {:>7.3f}\n",
               scan_price.mb_per_second() / decompress.mb_per_second());

    ASSIGN_OR_RETURN(auto reader, SegmentReader::Open(segment_path));
    fmt::print("\nsizes\n");
    fmt::print("  logical (plain)      {:>9.2f} MB\n", Mb(logical));
    fmt::print("  segment file         {:>9.2f} MB   file / logical = {:.3f}  (ratio {:.2f}x)\n",
               Mb(info.file_size), static_cast<double>(info.file_size) / logical,
               static_cast<double>(logical) / info.file_size);
    fmt::print("  LZ4 of plain bytes   {:>9.2f} MB   lz4 / logical  = {:.3f}  (ratio {:.2f}x)\n",
               Mb(blocks.compressed.size()),
               static_cast<double>(blocks.compressed.size()) / logical,
               static_cast<double>(logical) / blocks.compressed.size());
    fmt::print("\n{:<16} {:>12} {:>12} {:>8} {:>7}\n", "column", "logical MB", "stored MB", "ratio",
               "pages");
    for (uint32_t c = 0; c < schema.size(); ++c) {
        uint64_t stored = 0;
        for (const PageInfo& page : reader->pages(c)) stored += page.size;
        uint64_t column_logical = PlainSize(chunks, c);
        fmt::print("{:<16} {:>12.2f} {:>12.2f} {:>7.2f}x {:>7}\n", schema.columns[c].name,
                   Mb(column_logical), Mb(stored),
                   static_cast<double>(column_logical) / std::max<uint64_t>(stored, 1),
                   reader->pages(c).size());
    }
    reader.reset();
    fs::remove_all(dir, ec);
    return Status::OK();
}

}  // namespace
}  // namespace tributary::bench

int main(int argc, char** argv) {
    using namespace tributary;
    return bench::BenchMain(argc, argv, "storage_bench", bench::kUsage, bench::ParseFlags, bench::Run);
}
