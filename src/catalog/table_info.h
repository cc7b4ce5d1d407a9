// The catalog's view of databases, tables and partitions: validated, immutable snapshots.
//
// A DatabaseInfo or TableInfo is built once (by validation, by a DDL change, or when the catalog
// loads) and never modified afterwards; the catalog hands them out as
// std::shared_ptr<const ...> so readers keep a consistent view for as long as they hold one,
// whatever DDL runs meanwhile. A change (ADD PARTITION, ...) produces a new TableInfo.
//
// Invariants of a TableInfo:
//   - the key columns are the first num_key_columns() columns (is_key set on exactly those);
//   - an unpartitioned table has exactly one partition, named after the table, without range;
//   - a RANGE-partitioned table has partition_columns set and zero or more partitions, each with
//     a range, sorted by lower bound and not overlapping;
//   - temporary partitions (StarRocks' TEMPORARY PARTITION) exist only on RANGE tables; they are
//     sorted by lower bound and do not overlap each other, but may overlap formal partitions.
//     Queries and loads see them only when they name them. Partition names are unique
//     (case-insensitively) across formal and temporary partitions together;
//   - every partition has bucket_count tablets, tablet_ids.size() == bucket_count;
//   - ids (database, table, partition, tablet) come from one counter and are never reused.
//
// Thread safety: immutable after construction; share freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/partition_key.h"
#include "catalog/table_definition.h"
#include "types/type_desc.h"

namespace tributary {

struct DatabaseInfo {
    int64_t id = 0;
    std::string name;
    int64_t create_time = 0;  // seconds since the Unix epoch
};

struct ColumnInfo {
    std::string name;  // as declared
    TypeDesc type;
    bool is_key = false;
    AggregateFunction aggregate = AggregateFunction::kNone;
    bool nullable = true;
    std::optional<ColumnDefault> default_value;
    std::string comment;
    bool auto_increment = false;
};

// Which of a RANGE table's two partition lists something addresses.
enum class PartitionKind : uint8_t {
    kFormal,     // the partitions queries and loads use by default
    kTemporary,  // TEMPORARY PARTITIONs, used only by name
};

struct PartitionInfo {
    int64_t id = 0;
    std::string name;
    std::optional<PartitionRange> range;  // nullopt for the implicit partition
    int32_t bucket_count = 0;
    std::vector<int64_t> tablet_ids;  // tablet of bucket i is tablet_ids[i]
};

struct DistributionInfo {
    enum class Kind : uint8_t { kHash, kRandom };
    Kind kind = Kind::kHash;
    std::vector<std::string> columns;  // kHash: the column names as declared in the table
    int32_t buckets = 0;               // the table's default bucket count
    bool buckets_auto = false;         // chosen by the catalog; SHOW CREATE TABLE omits it
};

struct TableProperties {
    int32_t replication_num = 1;
    std::string storage_medium;  // "HDD" / "SSD", empty when not set
    std::string compression = "LZ4";
    std::vector<std::string> bloom_filter_columns;  // column names as declared
};

struct TableInfo {
    int64_t id = 0;
    int64_t db_id = 0;
    std::string name;
    std::vector<ColumnInfo> columns;
    KeyModel model = KeyModel::kDuplicate;
    std::string comment;
    std::vector<std::string> partition_columns;  // empty: unpartitioned
    std::vector<PartitionInfo> partitions;       // the formal partitions
    std::vector<PartitionInfo> temp_partitions;  // TEMPORARY PARTITIONs
    DistributionInfo distribution;
    TableProperties properties;
    int64_t create_time = 0;  // seconds since the Unix epoch

    bool is_range_partitioned() const { return !partition_columns.empty(); }
    size_t num_key_columns() const;

    // Case-insensitive column lookup; nullptr / -1 when absent.
    const ColumnInfo* FindColumn(std::string_view name) const;
    int ColumnIndex(std::string_view name) const;

    // Case-insensitive partition lookup among the formal partitions; nullptr when absent.
    const PartitionInfo* FindPartition(std::string_view name) const;
    // The same among the temporary partitions.
    const PartitionInfo* FindTempPartition(std::string_view name) const;
    const PartitionInfo* FindPartition(PartitionKind kind, std::string_view name) const {
        return kind == PartitionKind::kFormal ? FindPartition(name) : FindTempPartition(name);
    }
    const std::vector<PartitionInfo>& PartitionsOf(PartitionKind kind) const {
        return kind == PartitionKind::kFormal ? partitions : temp_partitions;
    }

    // Every partition, formal ones first, then temporary ones: for whatever must see every
    // tablet of the table (drops, tablet lookups, SHOW TABLET).
    std::vector<const PartitionInfo*> AllPartitions() const;

    // Types of the partition columns, in PARTITION BY order (what PartitionKey needs).
    std::vector<TypeDesc> PartitionColumnTypes() const;

    // The formal partition whose range holds `key`, or nullptr (unpartitioned tables: their
    // only partition).
    const PartitionInfo* FindPartitionForKey(const PartitionKey& key) const;
};

// The partition among `partitions` (RANGE partitions sorted by lower bound, not overlapping, as
// both of a TableInfo's lists are) whose range holds `key`; nullptr when none does.
const PartitionInfo* FindPartitionForKey(const std::vector<const PartitionInfo*>& partitions,
                                         const PartitionKey& key);

}  // namespace tributary
