#include "types/decimal.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string>

#include "base/string_util.h"

namespace tributary {
namespace {

// The largest exponent worth reading: anything beyond it overflows (or underflows to zero)
// every DECIMAL, and bounding it keeps the position arithmetic in range.
constexpr int64_t kMaxExponent = 100'000;

Status OutOfRange(std::string_view text, int precision, int scale) {
    return Status::InvalidArgument(
        fmt::format("'{}' is out of range for {}", text, DecimalTypeName(precision, scale)));
}

Status NotADecimal(std::string_view text, int precision, int scale) {
    return Status::InvalidArgument(
        fmt::format("'{}' is not a valid {}", text, DecimalTypeName(precision, scale)));
}

// Divides by 10^digits, rounding half away from zero.
int128_t DivideRounded(int128_t value, int digits) {
    if (digits == 0) return value;
    int128_t divisor = PowerOfTen(digits);
    int128_t quotient = value / divisor;
    int128_t remainder = value % divisor;
    int128_t twice = remainder < 0 ? -remainder * 2 : remainder * 2;
    // remainder < divisor <= 10^38 < 2^127 / 2, so doubling cannot overflow.
    if (twice >= divisor) quotient += value < 0 ? -1 : 1;
    return quotient;
}

}  // namespace

std::string DecimalTypeName(int precision, int scale) {
    return fmt::format("DECIMAL({}, {})", precision, scale);
}

bool FitsDecimalPrecision(int128_t unscaled, int precision) {
    int128_t limit = PowerOfTen(precision);
    return unscaled < limit && unscaled > -limit;
}

StatusOr<int128_t> ParseDecimal(std::string_view text, int precision, int scale) {
    std::string_view s = Trim(text);
    size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        ++i;
    }
    // All mantissa digits without the point, and how many of them precede the point.
    std::string digits;
    int64_t point = 0;
    bool seen_point = false;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            if (!seen_point) ++point;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (digits.empty()) return NotADecimal(text, precision, scale);
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool exponent_negative = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            exponent_negative = s[i] == '-';
            ++i;
        }
        if (i == s.size()) return NotADecimal(text, precision, scale);
        int64_t exponent = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
            exponent = std::min(exponent * 10 + (s[i] - '0'), kMaxExponent);
        }
        point += exponent_negative ? -exponent : exponent;
    }
    if (i != s.size()) return NotADecimal(text, precision, scale);

    // Drop leading zeros so that digits[0], if any, is the most significant non-zero digit.
    size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return int128_t{0};
    point -= static_cast<int64_t>(first);
    std::string_view significant = std::string_view(digits).substr(first);

    // `point` is now the count of integer digits (negative for 0.00ddd).
    if (point > precision - scale) return OutOfRange(text, precision, scale);
    const int64_t kept = point + scale;  // digits that make the unscaled value, <= precision
    int128_t value = 0;
    for (int64_t k = 0; k < kept; ++k) {
        int digit = k < static_cast<int64_t>(significant.size()) ? significant[k] - '0' : 0;
        value = value * 10 + digit;
    }
    if (kept >= 0 && kept < static_cast<int64_t>(significant.size()) && significant[kept] >= '5') {
        ++value;  // half away from zero: the sign is applied afterwards
    }
    if (!FitsDecimalPrecision(value, precision)) return OutOfRange(text, precision, scale);
    return negative ? -value : value;
}

std::string FormatDecimal(int128_t unscaled, int scale) {
    std::string digits = Int128ToString(unscaled);
    bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.erase(0, 1);
    if (scale > 0) {
        if (digits.size() <= static_cast<size_t>(scale)) {
            digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
        }
        digits.insert(digits.size() - static_cast<size_t>(scale), 1, '.');
    }
    if (negative) digits.insert(0, 1, '-');
    return digits;
}

StatusOr<int128_t> RescaleDecimal(int128_t unscaled, int from_scale, int to_precision,
                                  int to_scale) {
    int128_t result = 0;
    if (to_scale >= from_scale) {
        int128_t factor = PowerOfTen(to_scale - from_scale);
        int128_t limit = (PowerOfTen(to_precision) - 1) / factor;
        if (unscaled > limit || unscaled < -limit) {
            return OutOfRange(FormatDecimal(unscaled, from_scale), to_precision, to_scale);
        }
        result = unscaled * factor;
    } else {
        result = DivideRounded(unscaled, from_scale - to_scale);
    }
    if (!FitsDecimalPrecision(result, to_precision)) {
        return OutOfRange(FormatDecimal(unscaled, from_scale), to_precision, to_scale);
    }
    return result;
}

StatusOr<int128_t> DecimalFromInteger(int128_t value, int precision, int scale) {
    int128_t limit = PowerOfTen(precision - scale);
    if (value >= limit || value <= -limit) {
        return OutOfRange(Int128ToString(value), precision, scale);
    }
    return value * PowerOfTen(scale);
}

StatusOr<int128_t> DecimalFromDouble(double value, int precision, int scale) {
    if (!std::isfinite(value)) {
        return Status::InvalidArgument(
            fmt::format("{} cannot be converted to {}", value, DecimalTypeName(precision, scale)));
    }
    char buffer[64];
    auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
    if (ec != std::errc()) return Status::Internal("cannot format a double");
    return ParseDecimal(std::string_view(buffer, static_cast<size_t>(end - buffer)), precision,
                        scale);
}

double DecimalToDouble(int128_t unscaled, int scale) {
    std::string text = FormatDecimal(unscaled, scale);
    double result = 0;
    // A formatted decimal has at most 40 digits and always parses; from_chars rounds correctly.
    std::from_chars(text.data(), text.data() + text.size(), result);
    return result;
}

int128_t DecimalToInteger(int128_t unscaled, int scale) { return unscaled / PowerOfTen(scale); }

}  // namespace tributary
