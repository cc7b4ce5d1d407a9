// DECIMAL(p, s) values: parsing, formatting, rescaling and numeric conversion.
//
// A DECIMAL(p, s) value is held as an int128_t "unscaled" integer u meaning u / 10^s, with
// |u| < 10^p (see physical_type.h). 1 <= p <= 38 and 0 <= s <= p, as TypeDesc enforces.
//
// Rules (StarRocks' DECIMAL v3 behaviour):
//   - Text is "[+-]digits[.digits][e[+-]digits]" with surrounding spaces ignored; ".5" and "5."
//     are accepted.
//   - More fractional digits than the scale round half away from zero ("1.005" -> 1.01 in
//     DECIMAL(5, 2), "-1.005" -> -1.01).
//   - A value whose integer part does not fit in p - s digits, or that rounds up past 10^p, is
//     an error, never a silent wrap or clamp.
//   - Lowering the scale rounds half away from zero; raising it multiplies, checking precision.
//   - Conversion to an integer truncates toward zero, as StarRocks' CAST(2.7 AS INT) gives 2.
// Error messages name the input and the type: "'12.345' is out of range for DECIMAL(4, 2)".
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "types/int128.h"

namespace tributary {

// "DECIMAL(10, 2)", for messages.
std::string DecimalTypeName(int precision, int scale);

// True when |unscaled| < 10^precision.
bool FitsDecimalPrecision(int128_t unscaled, int precision);

// Parses decimal text into the unscaled value of DECIMAL(precision, scale).
StatusOr<int128_t> ParseDecimal(std::string_view text, int precision, int scale);

// Exactly `scale` fractional digits: FormatDecimal(-5, 2) = "-0.05", FormatDecimal(7, 0) = "7".
std::string FormatDecimal(int128_t unscaled, int scale);

// Converts an unscaled value from scale `from_scale` to DECIMAL(to_precision, to_scale).
StatusOr<int128_t> RescaleDecimal(int128_t unscaled, int from_scale, int to_precision,
                                  int to_scale);

// An integer as DECIMAL(precision, scale); fails when it needs more than p - s integer digits.
StatusOr<int128_t> DecimalFromInteger(int128_t value, int precision, int scale);

// A double as DECIMAL(precision, scale), taking the double's shortest round-trip decimal form
// (so 2.675 becomes 2.68 at scale 2, as the user wrote it) and rounding that. NaN and infinity
// are errors.
StatusOr<int128_t> DecimalFromDouble(double value, int precision, int scale);

// The nearest double to the decimal value (correctly rounded).
double DecimalToDouble(int128_t unscaled, int scale);

// The integer part, truncated toward zero.
int128_t DecimalToInteger(int128_t unscaled, int scale);

}  // namespace tributary
