#include "types/type_desc.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "base/string_util.h"

namespace tributary {
namespace {

struct TypeName {
    std::string_view name;
    LogicalType type;
};

// Accepted spellings, including StarRocks' aliases.
constexpr std::array kTypeNames = {
    TypeName{"boolean", LogicalType::kBoolean},   TypeName{"bool", LogicalType::kBoolean},
    TypeName{"tinyint", LogicalType::kTinyInt},   TypeName{"smallint", LogicalType::kSmallInt},
    TypeName{"int", LogicalType::kInt},           TypeName{"integer", LogicalType::kInt},
    TypeName{"bigint", LogicalType::kBigInt},     TypeName{"largeint", LogicalType::kLargeInt},
    TypeName{"float", LogicalType::kFloat},       TypeName{"double", LogicalType::kDouble},
    TypeName{"decimal", LogicalType::kDecimal},   TypeName{"decimalv2", LogicalType::kDecimal},
    TypeName{"decimal32", LogicalType::kDecimal}, TypeName{"decimal64", LogicalType::kDecimal},
    TypeName{"decimal128", LogicalType::kDecimal}, TypeName{"numeric", LogicalType::kDecimal},
    TypeName{"date", LogicalType::kDate},         TypeName{"datetime", LogicalType::kDateTime},
    TypeName{"char", LogicalType::kChar},         TypeName{"varchar", LogicalType::kVarchar},
    TypeName{"string", LogicalType::kVarchar},    TypeName{"json", LogicalType::kJson},
};

// Display widths StarRocks prints for integer types.
int DisplayWidth(LogicalType t) {
    switch (t) {
        case LogicalType::kTinyInt: return 4;
        case LogicalType::kSmallInt: return 6;
        case LogicalType::kInt: return 11;
        case LogicalType::kBigInt: return 20;
        case LogicalType::kLargeInt: return 40;
        default: return 0;
    }
}

}  // namespace

std::string_view LogicalTypeName(LogicalType t) {
    switch (t) {
        case LogicalType::kBoolean: return "boolean";
        case LogicalType::kTinyInt: return "tinyint";
        case LogicalType::kSmallInt: return "smallint";
        case LogicalType::kInt: return "int";
        case LogicalType::kBigInt: return "bigint";
        case LogicalType::kLargeInt: return "largeint";
        case LogicalType::kFloat: return "float";
        case LogicalType::kDouble: return "double";
        case LogicalType::kDecimal: return "decimal";
        case LogicalType::kDate: return "date";
        case LogicalType::kDateTime: return "datetime";
        case LogicalType::kChar: return "char";
        case LogicalType::kVarchar: return "varchar";
        case LogicalType::kJson: return "json";
    }
    return "unknown";
}

bool ParseLogicalTypeName(std::string_view name, LogicalType* out) {
    for (const auto& entry : kTypeNames) {
        if (EqualsIgnoreCase(entry.name, name)) {
            *out = entry.type;
            return true;
        }
    }
    return false;
}

StatusOr<TypeDesc> TypeDesc::FromSql(std::string_view name, const std::vector<int64_t>& args) {
    LogicalType type;
    if (!ParseLogicalTypeName(name, &type)) {
        return Status::InvalidArgument(fmt::format("unknown type '{}'", name));
    }
    auto too_many = [&](size_t max) -> Status {
        if (args.size() > max) {
            return Status::InvalidArgument(
                fmt::format("type {} takes at most {} argument(s), got {}", ToUpper(name), max,
                            args.size()));
        }
        return Status::OK();
    };
    TypeDesc desc = Of(type);
    switch (type) {
        case LogicalType::kTinyInt:
        case LogicalType::kSmallInt:
        case LogicalType::kInt:
        case LogicalType::kBigInt:
        case LogicalType::kLargeInt:
            RETURN_IF_ERROR(too_many(1));  // display width, ignored
            if (!args.empty() && (args[0] < 0 || args[0] > 255)) {
                return Status::InvalidArgument(
                    fmt::format("display width of {} must be between 0 and 255", ToUpper(name)));
            }
            return desc;
        case LogicalType::kBoolean:
        case LogicalType::kFloat:
        case LogicalType::kDouble:
        case LogicalType::kDate:
        case LogicalType::kDateTime:
        case LogicalType::kJson:
            RETURN_IF_ERROR(too_many(type == LogicalType::kFloat || type == LogicalType::kDouble
                                         ? 2   // FLOAT(p) / DOUBLE(m, d) are accepted and ignored
                                         : 0));
            return desc;
        case LogicalType::kChar: {
            RETURN_IF_ERROR(too_many(1));
            int64_t len = args.empty() ? 1 : args[0];
            if (len < 1 || len > kMaxCharLength) {
                return Status::InvalidArgument(fmt::format(
                    "CHAR length must be between 1 and {}, got {}", kMaxCharLength, len));
            }
            desc.length = static_cast<int32_t>(len);
            return desc;
        }
        case LogicalType::kVarchar: {
            RETURN_IF_ERROR(too_many(1));
            bool is_string = EqualsIgnoreCase(name, "string");
            if (is_string && !args.empty()) {
                return Status::InvalidArgument("type STRING takes no length");
            }
            int64_t len = is_string ? kStringLength : (args.empty() ? kDefaultVarcharLength : args[0]);
            if (len < 1 || len > kMaxVarcharLength) {
                return Status::InvalidArgument(fmt::format(
                    "VARCHAR length must be between 1 and {}, got {}", kMaxVarcharLength, len));
            }
            desc.length = static_cast<int32_t>(len);
            return desc;
        }
        case LogicalType::kDecimal: {
            RETURN_IF_ERROR(too_many(2));
            int64_t precision = args.empty() ? 10 : args[0];
            int64_t scale = args.size() < 2 ? 0 : args[1];
            if (precision < 1 || precision > kMaxDecimalPrecision) {
                return Status::InvalidArgument(fmt::format(
                    "DECIMAL precision must be between 1 and {}, got {}", kMaxDecimalPrecision,
                    precision));
            }
            if (scale < 0 || scale > precision) {
                return Status::InvalidArgument(fmt::format(
                    "DECIMAL scale must be between 0 and the precision {}, got {}", precision,
                    scale));
            }
            desc.precision = static_cast<int32_t>(precision);
            desc.scale = static_cast<int32_t>(scale);
            return desc;
        }
    }
    return Status::Internal("unhandled logical type");
}

std::string TypeDesc::ToSql() const {
    switch (type) {
        case LogicalType::kTinyInt:
        case LogicalType::kSmallInt:
        case LogicalType::kInt:
        case LogicalType::kBigInt:
        case LogicalType::kLargeInt:
            return fmt::format("{}({})", LogicalTypeName(type), DisplayWidth(type));
        case LogicalType::kChar:
        case LogicalType::kVarchar:
            return fmt::format("{}({})", LogicalTypeName(type), length);
        case LogicalType::kDecimal:
            return fmt::format("decimal({}, {})", precision, scale);
        default:
            return std::string(LogicalTypeName(type));
    }
}

bool TypeDesc::IsInteger() const {
    switch (type) {
        case LogicalType::kTinyInt:
        case LogicalType::kSmallInt:
        case LogicalType::kInt:
        case LogicalType::kBigInt:
        case LogicalType::kLargeInt:
            return true;
        default:
            return false;
    }
}

bool TypeDesc::IsNumeric() const {
    return IsInteger() || type == LogicalType::kFloat || type == LogicalType::kDouble ||
           type == LogicalType::kDecimal;
}

bool TypeDesc::CanBeKey() const {
    return type != LogicalType::kFloat && type != LogicalType::kDouble &&
           type != LogicalType::kJson;
}

}  // namespace tributary
