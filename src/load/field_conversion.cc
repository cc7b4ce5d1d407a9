#include "load/field_conversion.h"

#include <fmt/format.h>
#include <simdjson.h>

#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "types/value_parse.h"

namespace tributary {
namespace {

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
        StatusOr<Physical> value = ParseAs<T>(text.value(row), type);
        if (value.ok()) {
            out[row] = *value;
        } else {
            null_map[row] = 1;
            on_failure(row, ConversionFailure::kBadValue, value.status());
        }
    }
    return std::make_unique<NullableColumn>(std::move(data), std::move(null_map));
}

// Whether every value of `text` is valid UTF-8, in one SIMD pass over all the bytes: when the
// whole buffer is valid and no value boundary falls inside a character (on a continuation
// byte), each value is made of whole characters.
bool AllValuesValidUtf8(const BinaryColumn& text) {
    const std::vector<char>& bytes = text.bytes();
    const std::vector<uint64_t>& offsets = text.offsets();
    if (!simdjson::validate_utf8(bytes.data(), bytes.size())) return false;
    for (size_t i = 1; i + 1 < offsets.size(); ++i) {
        if (offsets[i] < bytes.size() && (static_cast<uint8_t>(bytes[offsets[i]]) & 0xC0) == 0x80) {
            return false;
        }
    }
    return true;
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
    const bool check_each_value = !is_json && !AllValuesValidUtf8(text);
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
        } else if (check_each_value && !IsValidUtf8(value)) {
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
