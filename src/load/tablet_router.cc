#include "load/tablet_router.h"

#include <fmt/format.h>

#include <algorithm>

#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "column/type_dispatch.h"
#include "storage/segment/crc32c.h"

namespace tributary {
namespace {

// The column holding the values (unwrapping a nullable column) and whether `row` is NULL.
const Column& DataOf(const Column& column, size_t row, bool* is_null) {
    if (column.is_nullable()) {
        const auto& nullable = static_cast<const NullableColumn&>(column);
        *is_null = nullable.IsNullAt(row);
        return *nullable.data();
    }
    *is_null = false;
    return column;
}

}  // namespace

uint32_t PlacementHash(const Chunk& rows, size_t row, const std::vector<int>& columns) {
    uint32_t crc = 0;
    for (int c : columns) {
        bool is_null = false;
        const Column& data = DataOf(*rows.column(c), row, &is_null);
        if (is_null) {
            const uint8_t marker = 0xff;
            crc = crc32c::Extend(crc, &marker, 1);
            continue;
        }
        VisitPhysicalType(data.type().type, [&]<typename Tag>(Tag) {
            using T = typename Tag::type;
            if constexpr (std::is_same_v<T, std::string_view>) {
                std::string_view v = static_cast<const BinaryColumn&>(data).value(row);
                crc = crc32c::Extend(crc, v.data(), v.size());
            } else {
                T v = static_cast<const FixedColumn<T>&>(data).value(row);
                crc = crc32c::Extend(crc, &v, sizeof(v));  // little-endian hosts only (x86-64)
            }
        });
    }
    return crc;
}

namespace {

std::vector<const PartitionInfo*> FormalPartitions(const TableInfo& table) {
    std::vector<const PartitionInfo*> out;
    for (const PartitionInfo& p : table.partitions) out.push_back(&p);
    return out;
}

}  // namespace

TabletRouter::TabletRouter(std::shared_ptr<const TableInfo> table)
    : TabletRouter(table, FormalPartitions(*table)) {}

StatusOr<TabletRouter> TabletRouter::ForPartitions(std::shared_ptr<const TableInfo> table,
                                                   PartitionKind kind,
                                                   const std::vector<std::string>& names) {
    const bool temporary = kind == PartitionKind::kTemporary;
    if (names.empty()) {
        return Status::InvalidArgument(
            fmt::format("a load into {}partitions of table '{}' must name at least one",
                        temporary ? "temporary " : "", table->name));
    }
    std::vector<const PartitionInfo*> chosen;
    for (const std::string& name : names) {
        const PartitionInfo* p = table->FindPartition(kind, name);
        if (p == nullptr) {
            return Status::NotFound(fmt::format("Unknown {}partition '{}' in table '{}'",
                                                temporary ? "temporary " : "", name, table->name),
                                    ErrorCode::kUnknownPartition);
        }
        if (std::find(chosen.begin(), chosen.end(), p) == chosen.end()) chosen.push_back(p);
    }
    return TabletRouter(std::move(table), std::move(chosen));
}

TabletRouter::TabletRouter(std::shared_ptr<const TableInfo> table,
                           std::vector<const PartitionInfo*> partitions)
    : table_(std::move(table)), partitions_(std::move(partitions)) {
    if (table_->is_range_partitioned()) {
        std::sort(partitions_.begin(), partitions_.end(),
                  [](const PartitionInfo* a, const PartitionInfo* b) {
                      return a->range->lower < b->range->lower;
                  });
    }
    for (const std::string& name : table_->partition_columns) {
        partition_columns_.push_back(table_->ColumnIndex(name));
    }
    partition_types_ = table_->PartitionColumnTypes();
    if (table_->distribution.kind == DistributionInfo::Kind::kHash) {
        for (const std::string& name : table_->distribution.columns) {
            distribution_columns_.push_back(table_->ColumnIndex(name));
        }
    }
}

TabletTarget TabletRouter::Route(const Chunk& rows, size_t row) {
    TabletTarget target;
    if (!table_->is_range_partitioned()) {
        if (partitions_.empty()) return target;
        target.partition = partitions_.front();
    } else {
        std::vector<PartitionValue> values;
        for (size_t i = 0; i < partition_columns_.size(); ++i) {
            bool is_null = false;
            const Column& data = DataOf(*rows.column(partition_columns_[i]), row, &is_null);
            if (is_null) {
                values.push_back(PartitionValue::Of(PartitionKey::TypeMin(partition_types_[i])));
                continue;
            }
            int128_t v = VisitPhysicalType(data.type().type, [&]<typename Tag>(Tag) -> int128_t {
                using T = typename Tag::type;
                if constexpr (std::is_same_v<T, std::string_view> || std::is_floating_point_v<T>) {
                    return 0;  // not a partition column type (the catalog refuses these)
                } else {
                    return static_cast<int128_t>(static_cast<const FixedColumn<T>&>(data).value(row));
                }
            });
            values.push_back(PartitionValue::Of(v));
        }
        target.partition = FindPartitionForKey(partitions_, PartitionKey(std::move(values)));
        if (target.partition == nullptr) return target;
        // The set is sorted by lower bound, and lower bounds are distinct.
        auto starts_before = [](const PartitionInfo* p, const PartitionKey& k) {
            return p->range->lower < k;
        };
        const auto it = std::lower_bound(partitions_.begin(), partitions_.end(),
                                         target.partition->range->lower, starts_before);
        target.partition_index = static_cast<size_t>(it - partitions_.begin());
    }
    const size_t buckets = target.partition->tablet_ids.size();
    if (distribution_columns_.empty()) {
        target.bucket = next_random_++ % buckets;
    } else {
        target.bucket = PlacementHash(rows, row, distribution_columns_) % buckets;
    }
    target.tablet_id = target.partition->tablet_ids[target.bucket];
    return target;
}

std::string TabletRouter::DescribePartitionKey(const Chunk& rows, size_t row) const {
    std::string out;
    for (size_t i = 0; i < partition_columns_.size(); ++i) {
        if (i) out += ", ";
        out += fmt::format("{} = {}", table_->partition_columns[i],
                           rows.column(partition_columns_[i])->DebugString(row));
    }
    return out;
}

}  // namespace tributary
