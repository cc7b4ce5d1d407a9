// Text to typed values with StarRocks' rules: the single parser INSERT literals, CSV / JSON
// fields of the load pipeline and CAST(string AS T) all use.
//
// ParseValue(text, type) returns a Value holding the physical representation of `type`
// (value.h, physical_type.h). The per-type functions below are the same parsers without the
// Value wrapper, for loaders that write straight into typed columns.
//
// Rules, for text that is not NULL (deciding what spells NULL, e.g. "\N", is the caller's job):
//   integers   surrounding ASCII whitespace ignored, optional sign, decimal digits only;
//              trailing junk, fractions ("1.5") and out-of-range values are errors, never wrapped
//              or truncated.
//   BOOLEAN    true / false / 1 / 0, case-insensitive.
//   FLOAT, DOUBLE  std::from_chars syntax (also "inf", "nan"), optional '+'; overflow is an error.
//   DECIMAL    see decimal.h (rounds half away from zero past the scale; overflow is an error).
//   DATE, DATETIME see date_time.h (a datetime into DATE keeps the date; a date into DATETIME is
//              midnight).
//   CHAR, VARCHAR  bytes kept as given; longer than the declared length in BYTES is an error
//              (StarRocks counts bytes, so 'é' is 2).
//   JSON       must be valid JSON text; kept as the text.
// Every error is InvalidArgument and names the value and the type:
//   "'12x' is not a valid INT", "'300' is out of range for TINYINT",
//   "value 'abcd' (4 bytes) is longer than VARCHAR(3)". Long inputs are shortened with "...".
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "types/date_time.h"
#include "types/decimal.h"
#include "types/physical_type.h"
#include "types/type_desc.h"
#include "types/value.h"

namespace tributary {

StatusOr<Value> ParseValue(std::string_view text, const TypeDesc& type);

StatusOr<uint8_t> ParseBoolean(std::string_view text);
StatusOr<int8_t> ParseTinyInt(std::string_view text);
StatusOr<int16_t> ParseSmallInt(std::string_view text);
StatusOr<int32_t> ParseInt(std::string_view text);
StatusOr<int64_t> ParseBigInt(std::string_view text);
StatusOr<int128_t> ParseLargeInt(std::string_view text);
StatusOr<float> ParseFloat(std::string_view text);
StatusOr<double> ParseDouble(std::string_view text);
// Checks a CHAR / VARCHAR value's byte length against `type.length`.
Status CheckStringLength(std::string_view text, const TypeDesc& type);
// Checks that `text` is one complete JSON value.
Status CheckJson(std::string_view text);

// The parser of fixed-width logical type T, giving T's physical representation (for loops that
// write typed columns: the load pipeline's conversion, CAST from strings).
template <LogicalType T>
StatusOr<PhysicalTypeOf<T>> ParseAs(std::string_view text, const TypeDesc& type) {
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

// `text` for an error message: at most 64 bytes (cut on a UTF-8 boundary), then "...".
std::string AbbreviateForMessage(std::string_view text);

}  // namespace tributary
