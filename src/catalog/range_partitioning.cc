#include "catalog/range_partitioning.h"

#include <fmt/format.h>

namespace tributary {

StatusOr<PartitionRange> ResolvePartitionRange(const PartitionDefinition& def,
                                               const std::vector<TypeDesc>& types,
                                               const std::vector<std::string>& column_names,
                                               const std::vector<NamedRange>& existing) {
    PartitionRange range;
    if (def.kind == PartitionDefinition::Kind::kFixedRange) {
        if (def.lower.empty() || def.upper.empty()) {
            return Status::InvalidArgument(
                fmt::format("Partition '{}' needs both a lower and an upper bound", def.name));
        }
        ASSIGN_OR_RETURN(range.lower, PartitionKey::Parse(def.lower, types, column_names));
        ASSIGN_OR_RETURN(range.upper, PartitionKey::Parse(def.upper, types, column_names));
        if (range.lower >= range.upper) {
            return Status::InvalidArgument(fmt::format(
                "The lower values must smaller than upper values: partition '{}' has the range "
                "{}",
                def.name, range.ToSql(types)));
        }
    } else {
        if (def.upper.empty()) {
            range.upper = PartitionKey::Max(types.size());
        } else {
            ASSIGN_OR_RETURN(range.upper, PartitionKey::Parse(def.upper, types, column_names));
        }
        if (range.upper.IsMin(types)) {
            return Status::InvalidArgument(
                fmt::format("Partition's upper value should not be MIN VALUE: partition '{}' "
                            "VALUES LESS THAN {}",
                            def.name, range.upper.ToSql(types)));
        }
        range.lower = PartitionKey::Min(types);
        for (const NamedRange& other : existing) {
            if (other.range.upper <= range.upper && other.range.upper > range.lower) {
                range.lower = other.range.upper;
            }
        }
        if (range.lower == range.upper) {
            return Status::InvalidArgument(fmt::format(
                "Partition '{}' VALUES LESS THAN {} covers no values: an existing partition "
                "already ends at that bound",
                def.name, range.upper.ToSql(types)));
        }
    }
    for (const NamedRange& other : existing) {
        if (range.Overlaps(other.range)) {
            return Status::InvalidArgument(fmt::format(
                "Range {} of partition '{}' is intersected with range {} of partition '{}'",
                range.ToSql(types), def.name, other.range.ToSql(types), other.name));
        }
    }
    return range;
}

}  // namespace tributary
