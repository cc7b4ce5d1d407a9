#include "catalog/partition_replacement.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/string_util.h"

namespace tributary {
namespace {

constexpr std::string_view kStrictRange = "strict_range";
constexpr std::string_view kUseTempPartitionName = "use_temp_partition_name";

Status ParseBoolean(std::string_view key, std::string_view value, bool* out) {
    const std::string text = ToLower(Trim(value));
    if (text != "true" && text != "false") {
        return Status::InvalidArgument(
            fmt::format("Invalid {}: \"{}\". It must be true or false", key, value),
            ErrorCode::kInvalidValue);
    }
    *out = text == "true";
    return Status::OK();
}

// The partitions `names` designate in `table`'s `kind` list, in the order written.
StatusOr<std::vector<const PartitionInfo*>> Resolve(const TableInfo& table,
                                                    const std::vector<std::string>& names,
                                                    PartitionKind kind) {
    const bool temporary = kind == PartitionKind::kTemporary;
    if (names.empty()) {
        return Status::InvalidArgument(
            fmt::format("REPLACE PARTITION needs at least one {}",
                        temporary ? "temporary partition" : "partition"));
    }
    std::vector<const PartitionInfo*> out;
    for (const std::string& name : names) {
        const PartitionInfo* partition = table.FindPartition(kind, name);
        if (partition == nullptr) {
            return Status::NotFound(fmt::format("Unknown {}partition '{}' in table '{}'",
                                                temporary ? "temporary " : "", name, table.name),
                                    ErrorCode::kUnknownPartition);
        }
        if (std::find(out.begin(), out.end(), partition) != out.end()) {
            return Status::InvalidArgument(
                fmt::format("Duplicated partition name: {}", partition->name));
        }
        out.push_back(partition);
    }
    return out;
}

// The union of the partitions' ranges as sorted, disjoint, non-adjacent ranges.
std::vector<PartitionRange> UnionOfRanges(const std::vector<const PartitionInfo*>& partitions) {
    std::vector<PartitionRange> ranges;
    for (const PartitionInfo* p : partitions) ranges.push_back(*p->range);
    std::sort(ranges.begin(), ranges.end(),
              [](const PartitionRange& a, const PartitionRange& b) { return a.lower < b.lower; });
    std::vector<PartitionRange> merged;
    for (PartitionRange& range : ranges) {
        if (!merged.empty() && range.lower <= merged.back().upper) {
            merged.back().upper = std::max(merged.back().upper, range.upper);
        } else {
            merged.push_back(std::move(range));
        }
    }
    return merged;
}

std::string DescribeRanges(const std::vector<PartitionRange>& ranges,
                           const std::vector<TypeDesc>& types) {
    std::vector<std::string> texts;
    for (const PartitionRange& r : ranges) texts.push_back(r.ToSql(types));
    return Join(texts, ", ");
}

std::string DescribeNames(const std::vector<const PartitionInfo*>& partitions) {
    std::vector<std::string> names;
    for (const PartitionInfo* p : partitions) names.push_back(p->name);
    return Join(names, ", ");
}

bool Contains(const std::vector<const PartitionInfo*>& partitions, const PartitionInfo& p) {
    return std::find(partitions.begin(), partitions.end(), &p) != partitions.end();
}

}  // namespace

Status ParseReplacementProperties(
    const std::vector<std::pair<std::string, std::string>>& properties,
    PartitionReplacement* replacement) {
    std::vector<std::string> unknown;
    for (const auto& [raw_key, value] : properties) {
        const std::string key = ToLower(Trim(raw_key));
        if (key == kStrictRange) {
            RETURN_IF_ERROR(ParseBoolean(kStrictRange, value, &replacement->strict_range));
        } else if (key == kUseTempPartitionName) {
            RETURN_IF_ERROR(
                ParseBoolean(kUseTempPartitionName, value, &replacement->use_temp_partition_name));
        } else {
            unknown.push_back(fmt::format("{}={}", raw_key, value));
        }
    }
    if (!unknown.empty()) {
        return Status::InvalidArgument(
            fmt::format("Unknown properties: {{{}}}", Join(unknown, ", ")));
    }
    return Status::OK();
}

StatusOr<ReplacedTable> ReplacePartitions(const TableInfo& table,
                                          const PartitionReplacement& replacement) {
    if (!table.is_range_partitioned()) {
        return Status::InvalidArgument(fmt::format(
            "Table '{}' is not partitioned by RANGE: it has no temporary partitions to replace "
            "its partition with",
            table.name));
    }
    ASSIGN_OR_RETURN(std::vector<const PartitionInfo*> old_partitions,
                     Resolve(table, replacement.partitions, PartitionKind::kFormal));
    ASSIGN_OR_RETURN(std::vector<const PartitionInfo*> new_partitions,
                     Resolve(table, replacement.temp_partitions, PartitionKind::kTemporary));
    const std::vector<TypeDesc> types = table.PartitionColumnTypes();

    if (replacement.strict_range) {
        const std::vector<PartitionRange> replaced = UnionOfRanges(old_partitions);
        const std::vector<PartitionRange> replacing = UnionOfRanges(new_partitions);
        bool same = replaced.size() == replacing.size();
        for (size_t i = 0; same && i < replaced.size(); ++i) {
            same =
                replaced[i].lower == replacing[i].lower && replaced[i].upper == replacing[i].upper;
        }
        if (!same) {
            return Status::InvalidArgument(fmt::format(
                "The ranges of partitions ({}) are {} but the ranges of temporary partitions "
                "({}) are {}: with \"strict_range\" = \"true\" they must cover the same values",
                DescribeNames(old_partitions), DescribeRanges(replaced, types),
                DescribeNames(new_partitions), DescribeRanges(replacing, types)));
        }
    } else {
        for (const PartitionInfo& staying : table.partitions) {
            if (Contains(old_partitions, staying)) continue;
            for (const PartitionInfo* incoming : new_partitions) {
                if (incoming->range->Overlaps(*staying.range)) {
                    return Status::InvalidArgument(fmt::format(
                        "Range {} of temporary partition '{}' is intersected with range {} of "
                        "partition '{}'",
                        incoming->range->ToSql(types), incoming->name, staying.range->ToSql(types),
                        staying.name));
                }
            }
        }
    }

    ReplacedTable out;
    out.table = table;
    out.table.partitions.clear();
    out.table.temp_partitions.clear();
    for (const PartitionInfo& p : table.partitions) {
        (Contains(old_partitions, p) ? out.removed : out.table.partitions).push_back(p);
    }
    const bool take_old_names =
        !replacement.use_temp_partition_name && old_partitions.size() == new_partitions.size();
    for (const PartitionInfo& p : table.temp_partitions) {
        if (!Contains(new_partitions, p)) out.table.temp_partitions.push_back(p);
    }
    for (size_t i = 0; i < new_partitions.size(); ++i) {
        PartitionInfo promoted = *new_partitions[i];
        if (take_old_names) promoted.name = old_partitions[i]->name;
        out.table.partitions.push_back(std::move(promoted));
    }
    std::sort(out.table.partitions.begin(), out.table.partitions.end(),
              [](const PartitionInfo& a, const PartitionInfo& b) {
                  return a.range->lower < b.range->lower;
              });
    return out;
}

}  // namespace tributary
