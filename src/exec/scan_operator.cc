#include "exec/scan_operator.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <numeric>
#include <thread>

#include "storage/merge/key_merge.h"
#include "storage/segment/segment_reader.h"
#include "storage/storage_engine.h"

namespace tributary {

struct ScanOperator::Split {
    // DUPLICATE and PRIMARY KEY tables: one segment of one rowset (and the rows a PRIMARY KEY
    // table's later loads replaced or deleted). Others: the whole tablet snapshot.
    RowsetPtr rowset;
    size_t segment = 0;
    std::shared_ptr<const DeleteVector> deletes;
    std::optional<TabletSnapshot> tablet;
};

namespace {

// The row ranges of `reader` that every predicate lets through, each cut to at most
// kScanChunkRows rows.
std::vector<RowRange> RangesToRead(const SegmentReader& reader,
                                   std::span<const ColumnPredicate> prune) {
    std::vector<RowRange> cut;
    for (const RowRange& r : RowRangesToRead(reader, prune)) {
        for (uint64_t b = r.begin; b < r.end; b += kScanChunkRows) {
            cut.push_back(RowRange{b, std::min<uint64_t>(r.end, b + kScanChunkRows)});
        }
    }
    return cut;
}

ChunkSchema ScanSchema(const TableInfo& table, const std::vector<uint32_t>& columns) {
    ChunkSchema full = TableSink::SchemaOf(table);
    ChunkSchema out;
    for (uint32_t c : columns) out.columns.push_back(full.columns[c]);
    return out;
}

}  // namespace

ScanOperator::ScanOperator(ChunkSchema schema, ScanSpec spec)
    : Operator(std::move(schema)), spec_(std::move(spec)) {}

ScanOperator::~ScanOperator() = default;

StatusOr<std::unique_ptr<ScanOperator>> ScanOperator::Open(const LoadServices& services,
                                                           ScanSpec spec) {
    const TableInfo& table = *spec.table;
    ChunkSchema schema = ScanSchema(table, spec.columns);
    std::unique_ptr<ScanOperator> scan(new ScanOperator(std::move(schema), std::move(spec)));

    std::vector<const PartitionInfo*> partitions = scan->spec_.partitions;
    if (partitions.empty()) {
        for (const PartitionInfo& p : table.partitions) partitions.push_back(&p);
    }
    std::vector<int64_t> partition_ids;
    for (const PartitionInfo* p : partitions) partition_ids.push_back(p->id);
    const auto versions = services.txns->Snapshot(partition_ids);
    // PRIMARY KEY tables hold one live row per key (merge-on-write): read like DUPLICATE ones.
    const bool per_segment =
        table.model == KeyModel::kDuplicate || table.model == KeyModel::kPrimary;
    for (const PartitionInfo* chosen : partitions) {
        const PartitionInfo& partition = *chosen;
        auto it = versions.find(partition.id);
        const int64_t version = it == versions.end() ? 1 : it->second;
        if (version <= 1) continue;  // nothing loaded yet
        for (int64_t tablet_id : partition.tablet_ids) {
            ASSIGN_OR_RETURN(TabletSnapshot snapshot,
                             services.storage->Snapshot(tablet_id, version));
            if (snapshot.rowsets.empty()) continue;
            if (!per_segment) {
                scan->splits_.push_back(Split{nullptr, 0, nullptr, std::move(snapshot)});
                continue;
            }
            for (const RowsetPtr& rowset : snapshot.rowsets) {
                for (size_t s = 0; s < rowset->meta().num_segments(); ++s) {
                    if (rowset->meta().segment_rows[s] == 0) continue;
                    auto deleted = snapshot.deletes.find(
                        SegmentId{rowset->rowset_id(), static_cast<uint32_t>(s)});
                    std::shared_ptr<const DeleteVector> deletes;
                    if (deleted != snapshot.deletes.end()) {
                        if (deleted->second->Cardinality() >=
                            static_cast<uint64_t>(rowset->meta().segment_rows[s])) {
                            continue;  // every row replaced or deleted
                        }
                        deletes = deleted->second;
                    }
                    scan->splits_.push_back(Split{rowset, s, std::move(deletes), std::nullopt});
                }
            }
        }
    }
    return scan;
}

size_t ScanOperator::num_splits() const { return splits_.size(); }

int ScanOperator::parallelism() const {
    return std::max(1, std::min<int>(spec_.workers, static_cast<int>(splits_.size())));
}

Status ScanOperator::ReadSplit(const Split& split, const std::function<Status(Chunk)>& emit) {
    const TableInfo& table = *spec_.table;
    std::vector<ColumnPredicate> prune;
    for (const ScanPredicate& p : spec_.prune) prune.push_back({p.table_column, p.predicate});

    if (split.rowset) {
        const std::string& path = split.rowset->segment_paths()[split.segment];
        ASSIGN_OR_RETURN(std::unique_ptr<SegmentReader> reader, SegmentReader::Open(path));
        const std::vector<RowRange> ranges = RangesToRead(*reader, prune);
        if (ranges.empty()) {
            segments_pruned_.fetch_add(1);
            return Status::OK();
        }
        for (const RowRange& range : ranges) {
            ASSIGN_OR_RETURN(Chunk chunk, reader->ReadColumns(spec_.columns, range));
            if (split.deletes != nullptr) {
                chunk = WithoutDeletedRows(std::move(chunk), std::span(&range, 1), *split.deletes);
            }
            if (chunk.num_rows() > 0) RETURN_IF_ERROR(emit(std::move(chunk)));
        }
        return Status::OK();
    }

    // AGGREGATE / UNIQUE: read the keys and the wanted value columns, merge, then project.
    const size_t num_keys = table.num_key_columns();
    std::vector<uint32_t> read_columns(num_keys);
    std::iota(read_columns.begin(), read_columns.end(), 0u);
    KeyMergeSpec full_spec = KeyMergeSpecOf(table);
    KeyMergeSpec spec{full_spec.model, num_keys, {}};
    for (uint32_t c : spec_.columns) {
        if (c < num_keys ||
            std::find(read_columns.begin(), read_columns.end(), c) != read_columns.end()) {
            continue;
        }
        read_columns.push_back(c);
        if (!full_spec.value_functions.empty()) {
            spec.value_functions.push_back(full_spec.value_functions[c - num_keys]);
        }
    }
    ASSIGN_OR_RETURN(std::vector<RowsetRows> rowsets,
                     ReadSnapshotRows(*split.tablet, read_columns, prune));
    std::vector<Chunk> inputs;
    for (RowsetRows& rowset : rowsets) {
        for (Chunk& segment : rowset.segments) inputs.push_back(std::move(segment));
    }
    if (inputs.empty()) return Status::OK();
    ASSIGN_OR_RETURN(Chunk merged, MergeInputs(std::move(inputs), spec));
    // Project to the requested order.
    std::vector<ColumnPtr> columns;
    for (uint32_t c : spec_.columns) {
        const size_t pos =
            std::find(read_columns.begin(), read_columns.end(), c) - read_columns.begin();
        columns.push_back(merged.column(pos)->Clone());
    }
    Chunk projected(schema_, std::move(columns));
    for (size_t offset = 0; offset < projected.num_rows(); offset += kScanChunkRows) {
        const size_t n = std::min(kScanChunkRows, projected.num_rows() - offset);
        Chunk piece(schema_);
        piece.AppendRange(projected, offset, n);
        RETURN_IF_ERROR(emit(std::move(piece)));
    }
    return Status::OK();
}

StatusOr<std::optional<Chunk>> ScanOperator::Next() {
    while (pending_pos_ >= pending_.size()) {
        pending_.clear();
        pending_pos_ = 0;
        if (next_split_ >= splits_.size()) return std::optional<Chunk>();
        RETURN_IF_ERROR(ReadSplit(splits_[next_split_++], [&](Chunk c) {
            pending_.push_back(std::move(c));
            return Status::OK();
        }));
    }
    return std::optional<Chunk>(std::move(pending_[pending_pos_++]));
}

Status ScanOperator::RunParallel(const ChunkSink& sink) {
    const int workers = parallelism();
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex mu;
    Status first_error;
    auto work = [&](int worker) {
        while (!failed.load(std::memory_order_relaxed)) {
            const size_t i = next.fetch_add(1);
            if (i >= splits_.size()) return;
            Status st = ReadSplit(splits_[i], [&](Chunk c) {
                if (failed.load(std::memory_order_relaxed))
                    return Status::Aborted("stopped after another worker failed");
                return sink(worker, std::move(c));
            });
            if (!st.ok()) {
                std::lock_guard<std::mutex> lock(mu);
                if (!failed.exchange(true)) first_error = std::move(st);
                return;
            }
        }
    };
    if (workers == 1) {
        work(0);
    } else {
        std::vector<std::thread> threads;
        for (int w = 1; w < workers; ++w) threads.emplace_back(work, w);
        work(0);
        for (std::thread& t : threads) t.join();
    }
    return first_error;
}

std::string ScanOperator::Describe() const {
    std::string columns;
    for (size_t i = 0; i < schema_.size(); ++i) {
        if (i > 0) columns += ", ";
        columns += schema_.columns[i].name;
    }
    std::string out = fmt::format("SCAN {}", spec_.table->name);
    if (!spec_.table_alias.empty() && spec_.table_alias != spec_.table->name) {
        out += fmt::format(" AS {}", spec_.table_alias);
    }
    if (!spec_.partitions.empty()) {
        std::string names;
        for (size_t i = 0; i < spec_.partitions.size(); ++i) {
            if (i > 0) names += ", ";
            names += spec_.partitions[i]->name;
        }
        out += fmt::format(" [partitions: {}]", names);
    }
    out +=
        fmt::format(" [columns: {}] [splits: {}]", columns.empty() ? "-" : columns, splits_.size());
    if (!spec_.prune.empty()) {
        std::string prune;
        for (size_t i = 0; i < spec_.prune.size(); ++i) {
            if (i > 0) prune += ", ";
            prune += spec_.prune[i].text;
        }
        out += fmt::format(" [zone-map pruning: {}]", prune);
    }
    return out;
}

}  // namespace tributary
