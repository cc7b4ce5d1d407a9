// ScanOperator: the rows of one table as of one snapshot, a few columns at a time.
//
// At construction the scan fixes the snapshot: the visible version of every partition it reads
// (every formal partition, or the ones the spec names; from the
// transaction manager) and, per tablet, the rowsets at that version. Loads committing later do
// not change what it returns, and compaction cannot delete the files it will read (the
// snapshot holds them).
//
// Splits: on a DUPLICATE KEY table every segment is a split, read directly and in parallel. On
// AGGREGATE / UNIQUE tables a split is a whole tablet: its rowsets are read and equal keys
// merged (key columns plus the value columns asked for) before any row is returned, because
// no single rowset holds a key's final value.
//
// Pruning: `prune` predicates (zone maps, see storage/snapshot_reader.h) skip segments and
// pages that cannot match. They make the result a superset: the plan still filters every row.
// On AGGREGATE / UNIQUE tables only predicates on key columns may prune (the caller's job).
//
// Output: the listed table columns, in the listed order, in chunks of up to kScanChunkRows.
// Thread safety: see operator.h.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "catalog/table_info.h"
#include "exec/operator.h"
#include "load/table_sink.h"
#include "storage/snapshot_reader.h"

namespace tributary {

inline constexpr size_t kScanChunkRows = 64 * 1024;

// A zone-map predicate on one column of the table (its index in TableInfo::columns).
struct ScanPredicate {
    uint32_t table_column = 0;
    ZonePredicate predicate;
    std::string text;  // for EXPLAIN
};

struct ScanSpec {
    std::shared_ptr<const TableInfo> table;
    // The partitions to read, pointers into *table: FROM t PARTITION (...) names formal ones,
    // FROM t TEMPORARY PARTITION (...) temporary ones. Empty: every formal partition.
    std::vector<const PartitionInfo*> partitions;
    std::string table_alias;        // for EXPLAIN
    std::vector<uint32_t> columns;  // table column indexes to return, in order
    std::vector<ScanPredicate> prune;
    int workers = 1;
};

class ScanOperator final : public Operator {
public:
    static StatusOr<std::unique_ptr<ScanOperator>> Open(const LoadServices& services,
                                                        ScanSpec spec);
    ~ScanOperator() override;

    StatusOr<std::optional<Chunk>> Next() override;
    int parallelism() const override;
    Status RunParallel(const ChunkSink& sink) override;
    std::string Describe() const override;

    // Statistics for EXPLAIN ANALYZE-style checks and tests.
    size_t num_splits() const;
    size_t segments_pruned() const { return segments_pruned_.load(); }

private:
    struct Split;
    ScanOperator(ChunkSchema schema, ScanSpec spec);
    // Reads one split and passes its chunks to `emit`.
    Status ReadSplit(const Split& split, const std::function<Status(Chunk)>& emit);

    ScanSpec spec_;
    std::vector<Split> splits_;
    std::atomic<size_t> segments_pruned_{0};
    // Next(): the split being returned and its remaining chunks.
    size_t next_split_ = 0;
    std::vector<Chunk> pending_;
    size_t pending_pos_ = 0;
};

}  // namespace tributary
