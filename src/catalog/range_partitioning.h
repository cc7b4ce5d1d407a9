// Resolution of RANGE partition definitions into non-overlapping key ranges.
//
// One algorithm serves CREATE TABLE (each partition resolved against those declared before it,
// in statement order) and ALTER TABLE ... ADD PARTITION (resolved against the table's
// partitions), as in StarRocks:
//   - VALUES [(lower), (upper)): the range is [lower, upper); lower must be below upper.
//   - VALUES LESS THAN (upper): the range starts at the greatest upper bound of the existing
//     partitions that is not above `upper`, or at the minimum key when there is none; so
//     increasing LESS THAN partitions build consecutive ranges from MIN. `upper` must not be the
//     minimum key. LESS THAN MAXVALUE has an upper bound of MAXVALUE in every column.
//   - The range may not overlap an existing partition's range; the error names both ranges and
//     both partitions. (A LESS THAN below an existing partition's upper bound therefore fails.)
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "catalog/partition_key.h"
#include "catalog/table_definition.h"

namespace tributary {

struct NamedRange {
    std::string name;
    PartitionRange range;
};

// Computes the range of `def` given the `existing` partitions of the table. `types` and
// `column_names` describe the partition columns.
StatusOr<PartitionRange> ResolvePartitionRange(const PartitionDefinition& def,
                                               const std::vector<TypeDesc>& types,
                                               const std::vector<std::string>& column_names,
                                               const std::vector<NamedRange>& existing);

}  // namespace tributary
