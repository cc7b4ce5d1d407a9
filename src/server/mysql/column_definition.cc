#include "server/mysql/column_definition.h"

#include <fmt/format.h>

#include <utility>

#include "server/mysql/wire.h"

namespace tributary::mysql {
namespace {

constexpr std::string_view kCatalog = "def";
constexpr uint64_t kFixedFieldsLength = 0x0C;
// utf8mb4 takes up to four bytes per character.
constexpr uint32_t kMaxBytesPerChar = 4;

struct TypeMetadata {
    ColumnType type;
    uint32_t length;
    uint8_t decimals;
};

TypeMetadata MetadataOf(const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kBoolean:
            return {ColumnType::kTiny, 1, 0};
        case LogicalType::kTinyInt:
            return {ColumnType::kTiny, 4, 0};
        case LogicalType::kSmallInt:
            return {ColumnType::kShort, 6, 0};
        case LogicalType::kInt:
            return {ColumnType::kLong, 11, 0};
        case LogicalType::kBigInt:
            return {ColumnType::kLongLong, 20, 0};
        case LogicalType::kLargeInt:
            return {ColumnType::kString, 40, 0};
        case LogicalType::kFloat:
            return {ColumnType::kFloat, 12, kNotFixedDecimals};
        case LogicalType::kDouble:
            return {ColumnType::kDouble, 22, kNotFixedDecimals};
        case LogicalType::kDecimal: {
            // Digits, a sign, and a point when there are decimals (MySQL's
            // my_decimal_precision_to_length for a signed column).
            const uint32_t length =
                static_cast<uint32_t>(type.precision) + 1 + (type.scale > 0 ? 1 : 0);
            return {ColumnType::kNewDecimal, length, static_cast<uint8_t>(type.scale)};
        }
        case LogicalType::kDate:
            return {ColumnType::kDate, 10, 0};
        case LogicalType::kDateTime:
            return {ColumnType::kDateTime, 19, 0};
        case LogicalType::kChar:
            return {ColumnType::kString, static_cast<uint32_t>(type.length) * kMaxBytesPerChar, 0};
        case LogicalType::kVarchar:
            return {ColumnType::kVarString, static_cast<uint32_t>(type.length) * kMaxBytesPerChar,
                    0};
        case LogicalType::kJson:
            return {ColumnType::kString, TypeDesc::kStringLength * kMaxBytesPerChar, 0};
    }
    return {ColumnType::kVarString, 0, 0};
}

void AppendDefinition(const ColumnDefinition& column, WireWriter& w) {
    w.LengthEncodedString(kCatalog);
    w.LengthEncodedString(column.schema);
    w.LengthEncodedString(column.table);
    w.LengthEncodedString(column.org_table);
    w.LengthEncodedString(column.name);
    w.LengthEncodedString(column.org_name);
    w.LengthEncodedInt(kFixedFieldsLength);
    w.U16(column.charset);
    w.U32(column.column_length);
    w.U8(static_cast<uint8_t>(column.type));
    w.U16(column.flags);
    w.U8(column.decimals);
    w.Zeros(2);  // filler
}

}  // namespace

ColumnDefinition ColumnDefinitionFor(std::string name, const TypeDesc& type, bool nullable) {
    const TypeMetadata meta = MetadataOf(type);
    ColumnDefinition column;
    column.org_name = name;
    column.name = std::move(name);
    column.type = meta.type;
    column.column_length = meta.length;
    column.decimals = meta.decimals;
    const bool is_text =
        type.IsString() || type.type == LogicalType::kLargeInt || type.type == LogicalType::kJson;
    if (is_text) {
        column.charset = kCharsetUtf8mb4GeneralCi;
    } else {
        column.charset = kCharsetBinary;
        column.flags |= kBinaryFlag;
        if (type.IsNumeric() || type.type == LogicalType::kBoolean) column.flags |= kNumFlag;
    }
    if (!nullable) column.flags |= kNotNullFlag;
    return column;
}

std::string BuildColumnDefinition(const ColumnDefinition& column) {
    std::string payload;
    WireWriter w(&payload);
    AppendDefinition(column, w);
    return payload;
}

std::string BuildFieldListColumnDefinition(const ColumnDefinition& column,
                                           const std::optional<std::string>& default_value) {
    std::string payload;
    WireWriter w(&payload);
    AppendDefinition(column, w);
    if (default_value.has_value()) {
        w.LengthEncodedString(*default_value);
    } else {
        w.Null();
    }
    return payload;
}

StatusOr<ColumnDefinition> ParseColumnDefinition(std::string_view payload) {
    WireReader r(payload);
    ColumnDefinition column;
    ASSIGN_OR_RETURN(std::string_view catalog, r.ReadLengthEncodedString("catalog"));
    (void)catalog;  // always "def"
    ASSIGN_OR_RETURN(std::string_view schema, r.ReadLengthEncodedString("schema"));
    ASSIGN_OR_RETURN(std::string_view table, r.ReadLengthEncodedString("table"));
    ASSIGN_OR_RETURN(std::string_view org_table, r.ReadLengthEncodedString("org_table"));
    ASSIGN_OR_RETURN(std::string_view name, r.ReadLengthEncodedString("name"));
    ASSIGN_OR_RETURN(std::string_view org_name, r.ReadLengthEncodedString("org_name"));
    column.schema = schema;
    column.table = table;
    column.org_table = org_table;
    column.name = name;
    column.org_name = org_name;
    ASSIGN_OR_RETURN(uint64_t fixed_length, r.ReadLengthEncodedInt("length of fixed fields"));
    if (fixed_length != kFixedFieldsLength) {
        return Status::InvalidArgument(
            fmt::format("malformed packet: column definition announces {} fixed bytes, not 12",
                        fixed_length),
            ErrorCode::kNetReadError);
    }
    ASSIGN_OR_RETURN(column.charset, r.ReadU16("character set"));
    ASSIGN_OR_RETURN(column.column_length, r.ReadU32("column length"));
    ASSIGN_OR_RETURN(uint8_t type, r.ReadU8("column type"));
    column.type = static_cast<ColumnType>(type);
    ASSIGN_OR_RETURN(column.flags, r.ReadU16("column flags"));
    ASSIGN_OR_RETURN(column.decimals, r.ReadU8("decimals"));
    RETURN_IF_ERROR(r.Skip(2, "filler"));
    return column;
}

}  // namespace tributary::mysql
