// TabletRouter: which tablet of a table each row goes to (DESIGN §6: partition routing, then
// bucket hashing).
//
// Partition: unpartitioned tables have one partition; RANGE tables look up the row's partition
// key (a NULL partition value counts as the column type's minimum, as StarRocks does). A row
// that falls in no partition has no tablet: the caller reports it ("no partition for ...").
// Bucket: HASH distribution uses CRC32C over the distribution columns' physical bytes - a
// placement that must never change across versions, because equal keys of AGGREGATE / UNIQUE
// tables must always land in the same tablet; RANDOM distribution spreads rows round-robin.
//
// Thread safety: Route is const but RANDOM distribution keeps a counter; use one router per
// load.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "catalog/table_info.h"
#include "column/chunk.h"

namespace tributary {

struct TabletTarget {
    const PartitionInfo* partition = nullptr;  // nullptr: the row fits no partition
    size_t bucket = 0;
    int64_t tablet_id = 0;
};

class TabletRouter {
public:
    // `table` must outlive the router. `rows` of Route are in table-column order.
    explicit TabletRouter(std::shared_ptr<const TableInfo> table);

    TabletTarget Route(const Chunk& rows, size_t row);

    // The partition columns' values of `row` as text, for messages.
    std::string DescribePartitionKey(const Chunk& rows, size_t row) const;

private:
    std::shared_ptr<const TableInfo> table_;
    std::vector<int> partition_columns_;     // indexes into the table's columns
    std::vector<TypeDesc> partition_types_;
    std::vector<int> distribution_columns_;  // HASH only
    uint64_t next_random_ = 0;
};

// The stable placement hash of one row's `columns` (exposed for tests).
uint32_t PlacementHash(const Chunk& rows, size_t row, const std::vector<int>& columns);

}  // namespace tributary
