#include "catalog/partition_key.h"

#include <fmt/format.h>

#include <algorithm>

#include "types/date_time.h"
#include "types/int128.h"
#include "types/value_parse.h"

namespace tributary {
namespace {

std::string FormatValue(int128_t value, const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kDate:
            return FormatDate(static_cast<int32_t>(value));
        case LogicalType::kDateTime:
            return FormatDateTime(static_cast<int64_t>(value));
        default:
            return Int128ToString(value);
    }
}

// A partition bound's text as the 128-bit key value of its column type (types/value_parse.h
// rules: DATE as days, DATETIME as microseconds, integers range-checked).
StatusOr<int128_t> ParseBound(std::string_view text, const TypeDesc& type) {
    ASSIGN_OR_RETURN(Value v, ParseValue(text, type));
    switch (type.type) {
        case LogicalType::kDate: return v.Get<LogicalType::kDate>();
        case LogicalType::kDateTime: return v.Get<LogicalType::kDateTime>();
        case LogicalType::kTinyInt: return v.Get<LogicalType::kTinyInt>();
        case LogicalType::kSmallInt: return v.Get<LogicalType::kSmallInt>();
        case LogicalType::kInt: return v.Get<LogicalType::kInt>();
        case LogicalType::kBigInt: return v.Get<LogicalType::kBigInt>();
        case LogicalType::kLargeInt: return v.Get<LogicalType::kLargeInt>();
        default:
            return Status::InvalidArgument(
                fmt::format("type {} cannot be a partition column", type.ToSql()));
    }
}

int128_t IntegerTypeMin(LogicalType type) {
    switch (type) {
        case LogicalType::kTinyInt: return INT8_MIN;
        case LogicalType::kSmallInt: return INT16_MIN;
        case LogicalType::kInt: return INT32_MIN;
        case LogicalType::kBigInt: return INT64_MIN;
        default: return kInt128Min;
    }
}

}  // namespace

std::strong_ordering PartitionValue::operator<=>(const PartitionValue& other) const {
    if (is_max || other.is_max) return is_max <=> other.is_max;
    if (value < other.value) return std::strong_ordering::less;
    if (value > other.value) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

bool PartitionKey::IsSupportedColumnType(const TypeDesc& type) {
    return type.IsInteger() || type.IsDateLike();
}

int128_t PartitionKey::TypeMin(const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kDate:
            return kMinDate;
        case LogicalType::kDateTime:
            return kMinDateTime;
        default:
            return IntegerTypeMin(type.type);
    }
}

PartitionKey PartitionKey::Min(const std::vector<TypeDesc>& types) {
    std::vector<PartitionValue> values;
    values.reserve(types.size());
    for (const TypeDesc& type : types) values.push_back(PartitionValue::Of(TypeMin(type)));
    return PartitionKey(std::move(values));
}

PartitionKey PartitionKey::Max(size_t num_columns) {
    return PartitionKey(std::vector<PartitionValue>(num_columns, PartitionValue::Max()));
}

StatusOr<PartitionKey> PartitionKey::Parse(const PartitionValues& texts,
                                           const std::vector<TypeDesc>& types,
                                           const std::vector<std::string>& column_names) {
    if (texts.size() > types.size()) {
        return Status::InvalidArgument(
            fmt::format("Partition values have {} values but the table has {} partition "
                        "column(s)",
                        texts.size(), types.size()));
    }
    std::vector<PartitionValue> values;
    values.reserve(types.size());
    for (size_t i = 0; i < types.size(); ++i) {
        if (i >= texts.size()) {
            values.push_back(PartitionValue::Of(TypeMin(types[i])));
        } else if (!texts[i].has_value()) {
            values.push_back(PartitionValue::Max());
        } else {
            StatusOr<int128_t> value = ParseBound(*texts[i], types[i]);
            if (!value.ok()) {
                return Status::InvalidArgument(fmt::format(
                    "Invalid value \"{}\" for partition column '{}' of type {}: {}", *texts[i],
                    column_names[i], types[i].ToSql(), value.status().message()));
            }
            values.push_back(PartitionValue::Of(*value));
        }
    }
    return PartitionKey(std::move(values));
}

PartitionValues PartitionKey::ToTexts(const std::vector<TypeDesc>& types) const {
    PartitionValues texts;
    texts.reserve(values_.size());
    for (size_t i = 0; i < values_.size(); ++i) {
        if (values_[i].is_max) {
            texts.emplace_back(std::nullopt);
        } else {
            texts.emplace_back(FormatValue(values_[i].value, types[i]));
        }
    }
    return texts;
}

std::string PartitionKey::ToSql(const std::vector<TypeDesc>& types) const {
    std::string out = "(";
    for (size_t i = 0; i < values_.size(); ++i) {
        if (i > 0) out += ", ";
        if (values_[i].is_max) {
            out += "MAXVALUE";
        } else {
            out += '"';
            out += FormatValue(values_[i].value, types[i]);
            out += '"';
        }
    }
    out += ")";
    return out;
}

bool PartitionKey::IsMin(const std::vector<TypeDesc>& types) const { return *this == Min(types); }

std::strong_ordering PartitionKey::operator<=>(const PartitionKey& other) const {
    size_t n = std::min(values_.size(), other.values_.size());
    for (size_t i = 0; i < n; ++i) {
        std::strong_ordering c = values_[i] <=> other.values_[i];
        if (c != 0) return c;
    }
    return values_.size() <=> other.values_.size();
}

std::string PartitionRange::ToSql(const std::vector<TypeDesc>& types) const {
    return fmt::format("[{}, {})", lower.ToSql(types), upper.ToSql(types));
}

}  // namespace tributary
