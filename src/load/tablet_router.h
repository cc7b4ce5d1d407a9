// TabletRouter: which tablet of a table each row goes to (DESIGN §6: partition routing, then
// bucket hashing).
//
// Partition: unpartitioned tables have one partition; RANGE tables look up the row's partition
// key (a NULL partition value counts as the column type's minimum, as StarRocks does) among the
// router's partition set: the table's formal partitions by default, or a given set, e.g. the
// temporary partitions a load names (TEMPORARY PARTITION (...), Stream Load's
// `temporary_partitions`). A row that falls in no partition of the set has no tablet: the
// caller reports it ("no partition for ...").
// Bucket: HASH distribution uses CRC32C over the distribution columns' physical bytes - a
// placement that must never change across versions, because equal keys of AGGREGATE / UNIQUE
// tables must always land in the same tablet; RANDOM distribution spreads rows round-robin.
//
// Ownership: the router holds the TableInfo, so the PartitionInfo pointers it hands out stay
// valid for as long as it lives (also after it is moved).
// Thread safety: Route is not const (RANDOM distribution keeps a counter); use one router per
// load.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/table_info.h"
#include "column/chunk.h"

namespace tributary {

struct TabletTarget {
    const PartitionInfo* partition = nullptr;  // nullptr: the row fits no partition of the set
    size_t partition_index = 0;                // of `partition` in TabletRouter::partitions()
    size_t bucket = 0;
    int64_t tablet_id = 0;
};

class TabletRouter {
public:
    // Routes over the table's formal partitions. `rows` of Route are in table-column order.
    explicit TabletRouter(std::shared_ptr<const TableInfo> table);

    // Routes over `partitions` only: pointers into `table`'s partitions or temp_partitions, none
    // repeated and, on a RANGE table, not overlapping (true of either list and of any subset of
    // one). Any order: the router keeps them sorted by range.
    TabletRouter(std::shared_ptr<const TableInfo> table,
                 std::vector<const PartitionInfo*> partitions);

    // A router over the partitions of `kind` that `names` designate (case-insensitive, in any
    // order, repeats ignored): a load's TEMPORARY PARTITION (...) list with kTemporary. Fails
    // with 1735 "Unknown [temporary ]partition 'x' in table 't'" for a name that is not one, and
    // when `names` is empty.
    static StatusOr<TabletRouter> ForPartitions(std::shared_ptr<const TableInfo> table,
                                                PartitionKind kind,
                                                const std::vector<std::string>& names);

    TabletTarget Route(const Chunk& rows, size_t row);

    // The partitions rows are routed over, sorted by range; TabletTarget::partition_index and
    // per-partition buffers index this. The pointers stay valid as long as the router (which
    // holds the table).
    const std::vector<const PartitionInfo*>& partitions() const { return partitions_; }

    // The partition columns' values of `row` as text, for messages.
    std::string DescribePartitionKey(const Chunk& rows, size_t row) const;

private:
    std::shared_ptr<const TableInfo> table_;
    std::vector<const PartitionInfo*> partitions_;  // sorted by range on RANGE tables
    std::vector<int> partition_columns_;            // indexes into the table's columns
    std::vector<TypeDesc> partition_types_;
    std::vector<int> distribution_columns_;  // HASH only
    uint64_t next_random_ = 0;
};

// The stable placement hash of one row's `columns` (exposed for tests).
uint32_t PlacementHash(const Chunk& rows, size_t row, const std::vector<int>& columns);

}  // namespace tributary
