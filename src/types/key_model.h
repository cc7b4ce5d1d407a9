// The key models of StarRocks tables and the aggregate functions of AGGREGATE KEY value columns.
//
// Schema vocabulary shared by the catalog (which validates tables) and storage (which merges rows
// with equal keys): DUPLICATE keeps every row; AGGREGATE merges equal keys with each value
// column's function; UNIQUE keeps the latest row of a key; PRIMARY (merge-on-write) keeps the
// latest row, resolved at write time.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string_view>

namespace tributary {

enum class KeyModel : uint8_t {
    kDuplicate,
    kAggregate,
    kUnique,
    kPrimary,
};

// The aggregate function of an AGGREGATE KEY table's value column (kNone for keys and for the
// columns of the other models).
enum class AggregateFunction : uint8_t {
    kNone,
    kSum,
    kMax,
    kMin,
    kReplace,
    kReplaceIfNotNull,
    kHllUnion,
    kBitmapUnion,
};

// "DUPLICATE KEY", "AGGREGATE KEY", "UNIQUE KEY", "PRIMARY KEY".
std::string_view KeyModelSql(KeyModel model);
// StarRocks' internal names used in its error messages: "DUP_KEYS", "AGG_KEYS", ...
std::string_view KeyModelInternalName(KeyModel model);
// "SUM", "MAX", "REPLACE_IF_NOT_NULL", ... ("NONE" for kNone).
std::string_view AggregateFunctionName(AggregateFunction fn);
// Case-insensitive inverse of AggregateFunctionName; false when `name` is not one.
bool ParseAggregateFunction(std::string_view name, AggregateFunction* out);

}  // namespace tributary
