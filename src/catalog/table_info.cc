#include "catalog/table_info.h"

#include <algorithm>

#include "base/string_util.h"

namespace tributary {

size_t TableInfo::num_key_columns() const {
    size_t n = 0;
    while (n < columns.size() && columns[n].is_key) ++n;
    return n;
}

const ColumnInfo* TableInfo::FindColumn(std::string_view column_name) const {
    int index = ColumnIndex(column_name);
    return index < 0 ? nullptr : &columns[static_cast<size_t>(index)];
}

int TableInfo::ColumnIndex(std::string_view column_name) const {
    for (size_t i = 0; i < columns.size(); ++i) {
        if (EqualsIgnoreCase(columns[i].name, column_name)) return static_cast<int>(i);
    }
    return -1;
}

const PartitionInfo* TableInfo::FindPartition(std::string_view partition_name) const {
    for (const PartitionInfo& partition : partitions) {
        if (EqualsIgnoreCase(partition.name, partition_name)) return &partition;
    }
    return nullptr;
}

std::vector<TypeDesc> TableInfo::PartitionColumnTypes() const {
    std::vector<TypeDesc> types;
    types.reserve(partition_columns.size());
    for (const std::string& column : partition_columns) {
        const ColumnInfo* info = FindColumn(column);
        types.push_back(info != nullptr ? info->type : TypeDesc{});
    }
    return types;
}

const PartitionInfo* TableInfo::FindPartitionForKey(const PartitionKey& key) const {
    if (!is_range_partitioned()) return partitions.empty() ? nullptr : &partitions.front();
    // Partitions are sorted by lower bound: the candidate is the last one starting at or
    // before the key.
    auto it = std::upper_bound(
        partitions.begin(), partitions.end(), key,
        [](const PartitionKey& k, const PartitionInfo& p) { return k < p.range->lower; });
    if (it == partitions.begin()) return nullptr;
    --it;
    return it->range->Contains(key) ? &*it : nullptr;
}

}  // namespace tributary
