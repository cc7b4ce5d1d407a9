// Column metadata of a result set (Protocol::ColumnDefinition41) and the mapping from our logical
// types to the MySQL type, length, flags, decimals and character set that clients expect.
//
// Wire layout: catalog "def", schema, table, org_table, name, org_name (string<lenenc> each),
// then int<lenenc> 0x0C, character set int<2>, column length int<4>, type int<1>, flags int<2>,
// decimals int<1> and two zero bytes. A COM_FIELD_LIST reply appends the column's default value
// (string<lenenc>, or 0xFB for NULL).
//
// Thread safety: plain values and stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "server/mysql/constants.h"
#include "types/type_desc.h"

namespace tributary::mysql {

struct ColumnDefinition {
    std::string schema;
    std::string table;      // the alias the query used
    std::string org_table;  // the physical table
    std::string name;       // the alias the query used
    std::string org_name;   // the physical column
    uint16_t charset = kCharsetUtf8mb4GeneralCi;
    uint32_t column_length = 0;  // maximum display length in bytes
    ColumnType type = ColumnType::kVarString;
    uint16_t flags = 0;
    // Digits after the point; 31 (NOT_FIXED_DEC) for FLOAT/DOUBLE, 0 for integers and strings.
    uint8_t decimals = 0;

    bool operator==(const ColumnDefinition&) const = default;
};

// Decimals MySQL sends for floating-point columns: "not fixed".
inline constexpr uint8_t kNotFixedDecimals = 31;

// The metadata MySQL would send for a column `name` of `type`:
//   BOOLEAN   TINY (as TINYINT(1)), length 1      TINYINT  TINY, 4     SMALLINT SHORT, 6
//   INT       LONG, 11                             BIGINT   LONGLONG, 20
//   LARGEINT  STRING, length 40, utf8mb4 (as StarRocks: MySQL has no 128-bit integer, and
//             clients read it as a decimal string)
//   FLOAT     FLOAT, 12, decimals 31               DOUBLE   DOUBLE, 22, decimals 31
//   DECIMAL   NEWDECIMAL, precision + sign (+1 when scale > 0), decimals = scale
//   DATE      DATE, 10                             DATETIME DATETIME, 19
//   CHAR(n)   STRING, n * 4                        VARCHAR(n) VAR_STRING, n * 4
//   JSON      STRING (as StarRocks), length of a STRING column
// Numbers and dates use the binary character set with BINARY_FLAG; numbers carry NUM_FLAG;
// strings use utf8mb4_general_ci. NOT_NULL_FLAG is set when !nullable. org_name is `name`;
// schema and tables are left empty for the caller to fill.
ColumnDefinition ColumnDefinitionFor(std::string name, const TypeDesc& type, bool nullable);

// The ColumnDefinition41 payload.
std::string BuildColumnDefinition(const ColumnDefinition& column);
// The same followed by the column's default value (nullopt: NULL), as COM_FIELD_LIST replies it.
std::string BuildFieldListColumnDefinition(const ColumnDefinition& column,
                                           const std::optional<std::string>& default_value);

// Parses a ColumnDefinition41 payload (client side), ignoring a trailing default value. Fails with
// InvalidArgument when a field is missing or the fixed-length block is not 0x0C bytes.
StatusOr<ColumnDefinition> ParseColumnDefinition(std::string_view payload);

}  // namespace tributary::mysql
