// REPLACE PARTITION: formal partitions of a RANGE table swapped for temporary ones, with
// StarRocks' rules (OlapTable.replaceTempPartitions):
//
//   ALTER TABLE t REPLACE PARTITION (p1, p2) WITH TEMPORARY PARTITION (tp1, tp2)
//       [PROPERTIES ("strict_range" = "true", "use_temp_partition_name" = "false")]
//
//   1. Both lists are non-empty and repeat no name (case-insensitively); every name of the first
//      is a formal partition and every name of the second a temporary one (1735 otherwise).
//   2. strict_range (default true): the union of the replaced partitions' ranges must equal the
//      union of the temporary partitions' ranges, so {[10, 20), [20, 30)} may be replaced by
//      {[10, 30)} but {[10, 50)} not by {[10, 30), [40, 50)}. With "false" the temporary ranges
//      need only not overlap the formal partitions that stay.
//   3. The replaced partitions leave the table (their tablets' data is dropped, as by DROP
//      PARTITION); the temporary ones become formal partitions with their ids, tablets and data.
//   4. use_temp_partition_name (default false): when false and both lists have the same length,
//      the i-th temporary partition takes the name of the i-th replaced partition; otherwise the
//      temporary partitions keep their own names.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "catalog/table_info.h"

namespace tributary {

struct PartitionReplacement {
    std::vector<std::string> partitions;       // formal partitions to replace
    std::vector<std::string> temp_partitions;  // temporary partitions taking their place
    bool strict_range = true;
    bool use_temp_partition_name = false;
};

// Reads the PROPERTIES of REPLACE PARTITION into `replacement`: "strict_range" and
// "use_temp_partition_name" (keys case-insensitive; values "true" or "false", case-insensitive).
// Any other key: "Unknown properties: {k=v, ...}".
Status ParseReplacementProperties(
    const std::vector<std::pair<std::string, std::string>>& properties,
    PartitionReplacement* replacement);

struct ReplacedTable {
    TableInfo table;                     // `table` after the replacement
    std::vector<PartitionInfo> removed;  // the formal partitions that left it
};

// Checks `replacement` against `table` (rules 1 and 2) and returns the table after it (rules 3
// and 4), formal partitions sorted by lower bound.
StatusOr<ReplacedTable> ReplacePartitions(const TableInfo& table,
                                          const PartitionReplacement& replacement);

}  // namespace tributary
