// Parsing and printing of the literal texts the catalog validates: partition bounds and column
// DEFAULT values.
//
// Representations (shared with whoever builds PartitionKeys from row values, e.g. load routing):
//   - integers (TINYINT .. LARGEINT): the value, as a 128-bit integer;
//   - DATE: days since 1970-01-01 in the proleptic Gregorian calendar (negative before);
//   - DATETIME: seconds since 1970-01-01 00:00:00, no time zone.
// Accepted spellings: integers `[+-]?digits`; dates `YYYY-MM-DD` (month and day may have one
// digit), years 0000..9999; datetimes `YYYY-MM-DD[( |T)HH:MM:SS[.ffffff]]` (a date alone means
// midnight).
//
// Errors are InvalidArgument with a short reason ("month 13 is out of range"); callers prefix
// the object concerned.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "types/type_desc.h"

namespace tributary {

using Int128 = __int128;

// Smallest and largest value of an integer type. REQUIRES: type.IsInteger().
Int128 IntegerTypeMin(LogicalType type);
Int128 IntegerTypeMax(LogicalType type);

// Parses a whole string as a decimal integer within the range of integer `type`.
StatusOr<Int128> ParseIntegerLiteral(std::string_view text, LogicalType type);

// Days since 1970-01-01 of a `YYYY-MM-DD` text.
StatusOr<int64_t> ParseDateLiteral(std::string_view text);

// Seconds since 1970-01-01 00:00:00. Fractional seconds are returned in `*micros` when it is
// given; without it, a non-zero fraction is an error.
StatusOr<int64_t> ParseDateTimeLiteral(std::string_view text, int32_t* micros = nullptr);

// Day 0 of DATE and second 0 of DATETIME are 1970-01-01; these give the type minimums
// (0000-01-01 and 0000-01-01 00:00:00).
int64_t MinDateDays();
int64_t MinDateTimeSeconds();

std::string FormatDate(int64_t days);         // "2024-02-29"
std::string FormatDateTime(int64_t seconds);  // "2024-02-29 13:05:00"
std::string Int128ToString(Int128 value);

// Checks that `text` is a valid literal of `type` (used for DEFAULT values): integers in range,
// DECIMAL within precision and scale, finite FLOAT/DOUBLE, BOOLEAN true/false/1/0, DATE,
// DATETIME, CHAR/VARCHAR not longer than their length in bytes. JSON takes no literal.
Status CheckLiteralFitsType(std::string_view text, const TypeDesc& type);

}  // namespace tributary
