// Logical column types of the catalog, and their SQL spelling.
//
// A TypeDesc names one logical type with its parameters (length of CHAR / VARCHAR, precision and
// scale of DECIMAL). It is what a table's column is declared as; physical layouts belong to
// src/column and src/storage. StarRocks' spellings are accepted (`bigint(20)`, `STRING`,
// `DECIMAL64(10,2)`, ...) and printed back the way StarRocks prints them in SHOW CREATE TABLE.
//
// Thread safety: plain value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tributary {

enum class LogicalType : uint8_t {
    kBoolean,
    kTinyInt,
    kSmallInt,
    kInt,
    kBigInt,
    kLargeInt,
    kFloat,
    kDouble,
    kDecimal,
    kDate,
    kDateTime,
    kChar,
    kVarchar,
    kJson,
};

struct TypeDesc {
    static constexpr int32_t kMaxCharLength = 255;
    static constexpr int32_t kMaxVarcharLength = 1048576;
    static constexpr int32_t kDefaultVarcharLength = 1;       // VARCHAR without a length
    static constexpr int32_t kStringLength = 65533;           // STRING = VARCHAR(65533)
    static constexpr int32_t kMaxDecimalPrecision = 38;

    LogicalType type = LogicalType::kInt;
    int32_t length = 0;     // CHAR / VARCHAR: maximum length in bytes
    int32_t precision = 0;  // DECIMAL
    int32_t scale = 0;      // DECIMAL

    static TypeDesc Of(LogicalType t) { return TypeDesc{t, 0, 0, 0}; }
    static TypeDesc Varchar(int32_t len) { return TypeDesc{LogicalType::kVarchar, len, 0, 0}; }
    static TypeDesc Char(int32_t len) { return TypeDesc{LogicalType::kChar, len, 0, 0}; }
    static TypeDesc Decimal(int32_t p, int32_t s) { return TypeDesc{LogicalType::kDecimal, 0, p, s}; }

    // Builds a type from a SQL type name and its parenthesised arguments, validating them the
    // way StarRocks does. Display widths on integer types (`int(11)`) are accepted and ignored.
    // Fails with InvalidArgument naming the type and the bad argument.
    static StatusOr<TypeDesc> FromSql(std::string_view name, const std::vector<int64_t>& args);

    // StarRocks' spelling in SHOW CREATE TABLE / DESC: "bigint(20)", "varchar(26)",
    // "decimal(10, 2)", "date", ...
    std::string ToSql() const;

    bool IsInteger() const;
    bool IsNumeric() const;  // integers, floating point, decimal
    bool IsString() const { return type == LogicalType::kChar || type == LogicalType::kVarchar; }
    bool IsDateLike() const { return type == LogicalType::kDate || type == LogicalType::kDateTime; }
    // Floating point and JSON columns may not be keys in StarRocks.
    bool CanBeKey() const;

    bool operator==(const TypeDesc&) const = default;
};

// Lower-case base name of a logical type ("bigint", "varchar", ...).
std::string_view LogicalTypeName(LogicalType t);

// Inverse of LogicalTypeName; false when `name` is not one.
bool ParseLogicalTypeName(std::string_view name, LogicalType* out);

}  // namespace tributary
