// Validation of a CREATE TABLE's PROPERTIES clause into TableProperties.
//
// Accepted keys (case-insensitive; each at most once):
//   "replication_num"       "1".."3". Tributary keeps one copy whatever the number; the value
//                           is kept so that statements written for StarRocks clusters run
//                           unmodified and SHOW CREATE TABLE shows it back. Default 1.
//   "storage_medium"        "HDD" or "SSD" (case-insensitive; stored upper-case).
//   "compression"           "LZ4" or "ZSTD" (case-insensitive; stored upper-case). Default LZ4.
//   "bloom_filter_columns"  comma-separated column names: existing, not repeated, not of type
//                           TINYINT/FLOAT/DOUBLE/BOOLEAN/JSON, and key columns when the table
//                           is AGGREGATE KEY or UNIQUE KEY (as in StarRocks).
// Anything else is refused as StarRocks refuses it: "Unknown properties: {k=v, ...}".
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "catalog/table_info.h"

namespace tributary {

// `table` supplies the columns and key model the properties refer to.
StatusOr<TableProperties> ValidateTableProperties(
    const std::vector<std::pair<std::string, std::string>>& properties, const TableInfo& table);

}  // namespace tributary
