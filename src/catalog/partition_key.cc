#include "catalog/partition_key.h"

#include <fmt/format.h>

#include <algorithm>

namespace tributary {
namespace {

std::string FormatValue(Int128 value, const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kDate:
            return FormatDate(static_cast<int64_t>(value));
        case LogicalType::kDateTime:
            return FormatDateTime(static_cast<int64_t>(value));
        default:
            return Int128ToString(value);
    }
}

StatusOr<Int128> ParseValue(std::string_view text, const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kDate: {
            ASSIGN_OR_RETURN(int64_t days, ParseDateLiteral(text));
            return static_cast<Int128>(days);
        }
        case LogicalType::kDateTime: {
            ASSIGN_OR_RETURN(int64_t seconds, ParseDateTimeLiteral(text));
            return static_cast<Int128>(seconds);
        }
        default:
            return ParseIntegerLiteral(text, type.type);
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

Int128 PartitionKey::TypeMin(const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kDate:
            return MinDateDays();
        case LogicalType::kDateTime:
            return MinDateTimeSeconds();
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
            StatusOr<Int128> value = ParseValue(*texts[i], types[i]);
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
