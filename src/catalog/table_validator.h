// Validation of CREATE TABLE and ADD PARTITION the way StarRocks validates them.
//
// ValidateCreateTable turns a TableDefinition into a TableInfo without ids, or fails with the
// first rule broken (messages follow StarRocks' wording where it has one). Rules, in order:
//   1. Names: table (name_rules.h), columns (rules, duplicates case-insensitively -> 1060).
//   2. Key model. Without a key clause: if some column names an aggregate function the table is
//      AGGREGATE KEY on the columns without one; otherwise DUPLICATE KEY on the leading columns,
//      StarRocks' rule: take columns while fewer than 3 are taken and their index sizes sum to
//      at most 36 bytes, stop before a FLOAT/DOUBLE/JSON column, stop after the first VARCHAR,
//      and take a leading CHAR even when it is longer than 36 bytes.
//      With a key clause: the key columns exist and are the leading columns in order; they carry
//      no aggregate and are not FLOAT/DOUBLE/JSON.
//   3. Value columns: AGGREGATE KEY needs an aggregate on every value column; the other models
//      accept none except REPLACE (which they imply, and which is then dropped). Aggregates must
//      suit the type (SUM: numbers; MIN/MAX: not JSON; HLL_UNION/BITMAP_UNION: no supported type).
//   4. Nullability: PRIMARY KEY key columns and AUTO_INCREMENT columns are NOT NULL (stating NULL
//      is an error); every other column is NULL unless NOT NULL is stated.
//      PRIMARY KEY key columns are BOOLEAN, integers, VARCHAR, DATE or DATETIME.
//   5. AUTO_INCREMENT: at most one column, BIGINT, without DEFAULT.
//   6. DEFAULT: the literal must be a valid value of the column type (types/value_parse.h);
//      CURRENT_TIMESTAMP only for DATETIME.
//   7. PARTITION BY RANGE: columns exist, are not repeated, are integers/DATE/DATETIME, and are key
//      columns unless the table is DUPLICATE KEY (StarRocks: not an aggregated column);
//      partitions have valid unique names (1517) and non-overlapping ranges
//      (range_partitioning.h).
//   8. DISTRIBUTED BY: HASH columns exist, are not repeated, are not FLOAT/DOUBLE/JSON, and are
//      key columns unless the table is DUPLICATE KEY; RANDOM only for DUPLICATE KEY. Without the
//      clause a DUPLICATE KEY table is RANDOM and the other models are refused. BUCKETS is
//      1..kMaxBuckets; when omitted the catalog's automatic count is used (buckets_auto).
//   9. PROPERTIES: replication_num (1..3), storage_medium (HDD/SSD), compression (LZ4/ZSTD),
//      bloom_filter_columns (existing, not TINYINT/FLOAT/DOUBLE/BOOLEAN/JSON, key columns only
//      for AGGREGATE/UNIQUE tables). Anything else: "Unknown properties: {k=v, ...}".
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/table_definition.h"
#include "catalog/table_info.h"

namespace tributary {

inline constexpr int32_t kMaxBuckets = 1024;
// The automatic bucket count: one per hardware thread, at least 1 and at most this.
inline constexpr int32_t kMaxAutoBuckets = 16;

// min(kMaxAutoBuckets, max(1, std::thread::hardware_concurrency())).
int32_t DefaultAutoBucketCount();

// A partition to be created: everything but its ids.
struct ValidatedPartition {
    std::string name;
    std::optional<PartitionRange> range;
    int32_t bucket_count = 0;
};

struct ValidatedTable {
    TableInfo table;  // ids are zero and partitions empty
    std::vector<ValidatedPartition> partitions;
};

// Validates a CREATE TABLE. `auto_buckets` is the bucket count used when BUCKETS is omitted.
StatusOr<ValidatedTable> ValidateCreateTable(const TableDefinition& def, int32_t auto_buckets);

// Validates ALTER TABLE `table` ADD [TEMPORARY] PARTITION `def` (name, range, buckets). The
// table must be RANGE partitioned. The name must differ from every formal and temporary
// partition's (StarRocks' rule; 1517). The range is resolved against, and may not overlap, the
// partitions of the same `kind` only: a temporary partition may overlap formal ones, and its
// VALUES LESS THAN starts at the previous temporary partition. A partition without BUCKETS gets
// the table's bucket count.
StatusOr<ValidatedPartition> ValidateAddPartition(const TableInfo& table,
                                                  const PartitionDefinition& def,
                                                  PartitionKind kind = PartitionKind::kFormal);

// BUCKETS must lie in 1..kMaxBuckets.
Status CheckBucketCount(int64_t buckets);

}  // namespace tributary
