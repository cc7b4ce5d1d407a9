#include "catalog/table_info.h"

#include <algorithm>
#include <iterator>

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

namespace {

const PartitionInfo* FindByName(const std::vector<PartitionInfo>& partitions,
                                std::string_view name) {
    for (const PartitionInfo& partition : partitions) {
        if (EqualsIgnoreCase(partition.name, name)) return &partition;
    }
    return nullptr;
}

}  // namespace

const PartitionInfo* TableInfo::FindPartition(std::string_view partition_name) const {
    return FindByName(partitions, partition_name);
}

const PartitionInfo* TableInfo::FindTempPartition(std::string_view partition_name) const {
    return FindByName(temp_partitions, partition_name);
}

std::vector<const PartitionInfo*> TableInfo::AllPartitions() const {
    std::vector<const PartitionInfo*> all;
    all.reserve(partitions.size() + temp_partitions.size());
    for (const PartitionInfo& p : partitions) all.push_back(&p);
    for (const PartitionInfo& p : temp_partitions) all.push_back(&p);
    return all;
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

namespace {

const PartitionInfo& Deref(const PartitionInfo& p) { return p; }
const PartitionInfo& Deref(const PartitionInfo* p) { return *p; }

// Over partitions sorted by lower bound the candidate is the last one starting at or before the
// key. `Container` holds PartitionInfo or pointers to them.
template <typename Container>
const PartitionInfo* FindSortedPartitionForKey(const Container& partitions,
                                               const PartitionKey& key) {
    auto it = std::upper_bound(
        partitions.begin(), partitions.end(), key,
        [](const PartitionKey& k, const auto& p) { return k < Deref(p).range->lower; });
    if (it == partitions.begin()) return nullptr;
    const PartitionInfo& candidate = Deref(*std::prev(it));
    return candidate.range->Contains(key) ? &candidate : nullptr;
}

}  // namespace

const PartitionInfo* TableInfo::FindPartitionForKey(const PartitionKey& key) const {
    if (!is_range_partitioned()) return partitions.empty() ? nullptr : &partitions.front();
    return FindSortedPartitionForKey(partitions, key);
}

const PartitionInfo* FindPartitionForKey(const std::vector<const PartitionInfo*>& partitions,
                                         const PartitionKey& key) {
    return FindSortedPartitionForKey(partitions, key);
}

}  // namespace tributary
