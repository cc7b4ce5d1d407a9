#include "load/field_conversion.h"

#include <fmt/format.h>
#include <simdjson.h>

#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "types/date_time.h"
#include "types/decimal.h"
#include "types/value_parse.h"

namespace tributary {
namespace {

// The parser of one fixed-width logical type, in its physical representation.
template <LogicalType T>
StatusOr<PhysicalTypeOf<T>> ParseFixed(std::string_view text, const TypeDesc& type) {
    if constexpr (T == LogicalType::kBoolean) return ParseBoolean(text);
    if constexpr (T == LogicalType::kTinyInt) return ParseTinyInt(text);
    if constexpr (T == LogicalType::kSmallInt) return ParseSmallInt(text);
    if constexpr (T == LogicalType::kInt) return ParseInt(text);
    if constexpr (T == LogicalType::kBigInt) return ParseBigInt(text);
    if constexpr (T == LogicalType::kLargeInt) return ParseLargeInt(text);
    if constexpr (T == LogicalType::kFloat) return ParseFloat(text);
    if constexpr (T == LogicalType::kDouble) return ParseDouble(text);
    if constexpr (T == LogicalType::kDecimal) return ParseDecimal(text, type.precision, type.scale);
    if constexpr (T == LogicalType::kDate) return ParseDate(text);
    if constexpr (T == LogicalType::kDateTime) return ParseDateTime(text);
}

template <LogicalType T>
ColumnPtr ConvertFixed(const BinaryColumn& text, const uint8_t* nulls, const TypeDesc& type,
                       const ConversionFailureFn& on_failure) {
    using Physical = PhysicalTypeOf<T>;
    const size_t rows = text.size();
    auto data = std::make_unique<FixedColumn<Physical>>(type);
    data->data().resize(rows);
    std::vector<uint8_t> null_map(rows, 0);
    Physical* out = data->data().data();
    for (size_t row = 0; row < rows; ++row) {
        if (nulls != nullptr && nulls[row]) {
            null_map[row] = 1;
            continue;
        }
        StatusOr<Physical> value = ParseFixed<T>(text.value(row), type);
        if (value.ok()) {
            out[row] = *value;
        } else {
            null_map[row] = 1;
            on_failure(row, ConversionFailure::kBadValue, value.status());
        }
    }
    return std::make_unique<NullableColumn>(std::move(data), std::move(null_map));
}

// CHAR / VARCHAR / JSON: the bytes as given, checked.
ColumnPtr ConvertString(const BinaryColumn& text, const uint8_t* nulls, const TypeDesc& type,
                        const ConversionFailureFn& on_failure) {
    const size_t rows = text.size();
    auto data = std::make_unique<BinaryColumn>(type);
    data->Reserve(rows);
    data->ReserveBytes(text.bytes().size());
    std::vector<uint8_t> null_map(rows, 0);
    const bool is_json = type.type == LogicalType::kJson;
    for (size_t row = 0; row < rows; ++row) {
        if (nulls != nullptr && nulls[row]) {
            null_map[row] = 1;
            data->AppendDefault(1);
            continue;
        }
        const std::string_view value = text.value(row);
        Status problem;
        if (is_json) {
            problem = CheckJson(value);
        } else if (!IsValidUtf8(value)) {
            problem = Status::InvalidArgument(fmt::format(
                "value '{}' is not valid UTF-8", AbbreviateForMessage(value)));
        } else {
            problem = CheckStringLength(value, type);
        }
        if (problem.ok()) {
            data->Append(value);
        } else {
            null_map[row] = 1;
            data->AppendDefault(1);
            on_failure(row, ConversionFailure::kInvalidString, problem);
        }
    }
    return std::make_unique<NullableColumn>(std::move(data), std::move(null_map));
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
    return simdjson::validate_utf8(text.data(), text.size());
}

ColumnPtr ConvertTextColumn(const BinaryColumn& text, const std::vector<uint8_t>& nulls,
                            const TypeDesc& type, const ConversionFailureFn& on_failure) {
    const uint8_t* null_bytes = nulls.empty() ? nullptr : nulls.data();
    return VisitLogicalType(type.type, [&]<LogicalType T>() -> ColumnPtr {
        if constexpr (IsFixedWidth(T)) {
            return ConvertFixed<T>(text, null_bytes, type, on_failure);
        } else {
            return ConvertString(text, null_bytes, type, on_failure);
        }
    });
}

}  // namespace tributary
