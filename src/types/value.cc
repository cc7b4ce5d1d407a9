#include "types/value.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "base/string_util.h"
#include "types/date_time.h"
#include "types/decimal.h"
#include "types/int128.h"

namespace tributary {
namespace {

// Decimal exponents printed in fixed notation; outside them, scientific.
constexpr int kMinFixedExponent = -7;
constexpr int kMaxFixedExponent = 15;

// Rewrites to_chars' shortest scientific form ("1.2345e+02") in StarRocks' style.
template <typename Float>
std::string FormatFloating(Float v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    if (v == 0) return std::signbit(v) ? "-0" : "0";

    char buffer[64];
    auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof(buffer), v, std::chars_format::scientific);
    std::string_view text(buffer, ec == std::errc() ? static_cast<size_t>(end - buffer) : 0);
    bool negative = !text.empty() && text[0] == '-';
    if (negative) text.remove_prefix(1);
    size_t e = text.find('e');
    std::string digits(text.substr(0, e));
    if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
    int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());

    std::string out = negative ? "-" : "";
    if (exponent >= kMinFixedExponent && exponent <= kMaxFixedExponent) {
        int integer_digits = exponent + 1;
        if (integer_digits <= 0) {
            out += "0.";
            out.append(static_cast<size_t>(-integer_digits), '0');
            out += digits;
        } else if (static_cast<size_t>(integer_digits) >= digits.size()) {
            out += digits;
            out.append(static_cast<size_t>(integer_digits) - digits.size(), '0');
        } else {
            out += digits.substr(0, static_cast<size_t>(integer_digits));
            out += '.';
            out += digits.substr(static_cast<size_t>(integer_digits));
        }
        return out;
    }
    out += digits[0];
    if (digits.size() > 1) {
        out += '.';
        out += digits.substr(1);
    }
    out += fmt::format("e{}{:02d}", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out;
}

// Orders two floating-point numbers totally: -0 == +0, NaN last and equal to NaN.
template <typename Float>
int CompareFloating(Float a, Float b) {
    bool a_nan = std::isnan(a), b_nan = std::isnan(b);
    if (a_nan || b_nan) return static_cast<int>(a_nan) - static_cast<int>(b_nan);
    return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace

std::string FormatDouble(double v) { return FormatFloating(v); }
std::string FormatFloat(float v) { return FormatFloating(v); }

std::string Value::Format(const TypeDesc& type) const {
    if (is_null()) return "NULL";
    switch (type.type) {
        case LogicalType::kBoolean:
            return Get<LogicalType::kBoolean>() != 0 ? "1" : "0";
        case LogicalType::kTinyInt:
            return fmt::format("{}", Get<LogicalType::kTinyInt>());
        case LogicalType::kSmallInt:
            return fmt::format("{}", Get<LogicalType::kSmallInt>());
        case LogicalType::kInt:
            return fmt::format("{}", Get<LogicalType::kInt>());
        case LogicalType::kBigInt:
            return fmt::format("{}", Get<LogicalType::kBigInt>());
        case LogicalType::kLargeInt:
            return Int128ToString(Get<LogicalType::kLargeInt>());
        case LogicalType::kFloat:
            return FormatFloat(Get<LogicalType::kFloat>());
        case LogicalType::kDouble:
            return FormatDouble(Get<LogicalType::kDouble>());
        case LogicalType::kDecimal:
            return FormatDecimal(Get<LogicalType::kDecimal>(), type.scale);
        case LogicalType::kDate:
            return FormatDate(Get<LogicalType::kDate>());
        case LogicalType::kDateTime:
            return FormatDateTime(Get<LogicalType::kDateTime>());
        case LogicalType::kChar:
        case LogicalType::kVarchar:
        case LogicalType::kJson:
            return Get<LogicalType::kVarchar>();
    }
    return "";
}

std::string Value::DebugString() const {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return "NULL";
            } else if constexpr (std::is_same_v<T, std::string>) {
                return QuoteString(v, '\'');
            } else if constexpr (std::is_same_v<T, int128_t>) {
                return Int128ToString(v);
            } else if constexpr (std::is_same_v<T, double>) {
                return FormatDouble(v);
            } else if constexpr (std::is_same_v<T, float>) {
                return FormatFloat(v);
            } else {
                return fmt::format("{}", static_cast<int64_t>(v));
            }
        },
        data_);
}

int Compare(const Value& a, const Value& b) {
    if (a.is_null() || b.is_null()) {
        if (a.is_null() && b.is_null()) return 0;
        return a.is_null() ? -1 : 1;
    }
    TRIBUTARY_DCHECK(a.data_.index() == b.data_.index(),
                     "Compare of values of different physical types");
    if (a.data_.index() != b.data_.index()) {
        return a.data_.index() < b.data_.index() ? -1 : 1;
    }
    return std::visit(
        [&](const auto& x) -> int {
            using T = std::decay_t<decltype(x)>;
            const T& y = *std::get_if<T>(&b.data_);
            if constexpr (std::is_same_v<T, std::monostate>) {
                return 0;
            } else if constexpr (std::is_floating_point_v<T>) {
                return CompareFloating(x, y);
            } else if constexpr (std::is_same_v<T, std::string>) {
                int c = x.compare(y);
                return c < 0 ? -1 : (c > 0 ? 1 : 0);
            } else {
                return x < y ? -1 : (x > y ? 1 : 0);
            }
        },
        a.data_);
}

}  // namespace tributary
