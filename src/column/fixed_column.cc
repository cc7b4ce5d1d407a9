#include "column/fixed_column.h"

#include <fmt/format.h>

#include "types/date_time.h"
#include "types/decimal.h"
#include "types/int128.h"
#include "types/value.h"

namespace tributary {

template <typename T>
std::string FormatFixedValue(const TypeDesc& type, T value) {
    if constexpr (std::is_same_v<T, __int128>) {
        if (type.type == LogicalType::kDecimal) return FormatDecimal(value, type.scale);
        return Int128ToString(value);
    } else if constexpr (std::is_same_v<T, double>) {
        return FormatDouble(value);
    } else if constexpr (std::is_same_v<T, float>) {
        return FormatFloat(value);
    } else {
        if (type.type == LogicalType::kDate) return FormatDate(static_cast<int32_t>(value));
        if (type.type == LogicalType::kDateTime) return FormatDateTime(static_cast<int64_t>(value));
        return fmt::format("{}", static_cast<int64_t>(value));
    }
}

template std::string FormatFixedValue<uint8_t>(const TypeDesc&, uint8_t);
template std::string FormatFixedValue<int8_t>(const TypeDesc&, int8_t);
template std::string FormatFixedValue<int16_t>(const TypeDesc&, int16_t);
template std::string FormatFixedValue<int32_t>(const TypeDesc&, int32_t);
template std::string FormatFixedValue<int64_t>(const TypeDesc&, int64_t);
template std::string FormatFixedValue<__int128>(const TypeDesc&, __int128);
template std::string FormatFixedValue<float>(const TypeDesc&, float);
template std::string FormatFixedValue<double>(const TypeDesc&, double);

}  // namespace tributary
