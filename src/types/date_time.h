// DATE and DATETIME: civil-calendar arithmetic, parsing and formatting with StarRocks' rules.
//
// Representation (see physical_type.h): a DATE is an int32_t count of days since 1970-01-01 in
// the proleptic Gregorian calendar; a DATETIME is an int64_t count of microseconds since
// 1970-01-01 00:00:00 of wall-clock time, with no time zone. Valid values span
// 0000-01-01 .. 9999-12-31 (23:59:59.999999); every function that produces a value checks this
// range and reports an error instead of producing something outside it.
//
// The arithmetic is done on integers, so it has none of the C library's time_t / struct tm
// limits and does not depend on the process time zone or locale.
//
// Accepted text (surrounding ASCII whitespace is ignored):
//   date      "2020-05-08", "2020-5-8", "2020/05/08", "20200508"
//   datetime  a date, optionally followed by ' ' or 'T' and "HH:MM[:SS[.ffffff]]" (one or two
//             digits per field, up to 6 fractional digits), or "20200508101112[.ffffff]".
// A date alone parses as a DATETIME at midnight; a datetime parsed as a DATE keeps its date.
// Formatting gives "2020-05-08" and "2020-05-08 10:11:12", with ".123456" appended only when
// the microseconds are not zero (as StarRocks prints them).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tributary {

inline constexpr int64_t kMicrosPerSecond = 1'000'000;
inline constexpr int64_t kSecondsPerDay = 86'400;
inline constexpr int64_t kMicrosPerDay = kSecondsPerDay * kMicrosPerSecond;

struct CivilDate {
    int32_t year = 1970;
    int32_t month = 1;  // 1..12
    int32_t day = 1;    // 1..31

    bool operator==(const CivilDate&) const = default;
};

struct CivilDateTime {
    CivilDate date;
    int32_t hour = 0;    // 0..23
    int32_t minute = 0;  // 0..59
    int32_t second = 0;  // 0..59
    int32_t micros = 0;  // 0..999999

    bool operator==(const CivilDateTime&) const = default;
};

// Days since 1970-01-01 of the first and last valid DATE (0000-01-01, 9999-12-31).
inline constexpr int32_t kMinDate = -719'528;
inline constexpr int32_t kMaxDate = 2'932'896;
inline constexpr int64_t kMinDateTime = int64_t{kMinDate} * kMicrosPerDay;
inline constexpr int64_t kMaxDateTime = (int64_t{kMaxDate} + 1) * kMicrosPerDay - 1;

bool IsLeapYear(int32_t year);
// Days in `month` (1..12) of `year`.
int32_t DaysInMonth(int32_t year, int32_t month);
// True when y/m/d names a real day within 0000-01-01 .. 9999-12-31.
bool IsValidCivilDate(const CivilDate& date);

// Days since 1970-01-01 of a civil date. REQUIRES: IsValidCivilDate(date) or at least month in
// 1..12; the arithmetic itself holds for any year.
int32_t DaysFromCivil(const CivilDate& date);
// Inverse of DaysFromCivil for any int32 day count.
CivilDate CivilFromDays(int32_t days);

// Builds a DATE, failing with a message naming the bad field ("day 30 is not valid in 2021-02").
StatusOr<int32_t> MakeDate(int32_t year, int32_t month, int32_t day);
// Builds a DATETIME from its civil fields, validating each.
StatusOr<int64_t> MakeDateTime(const CivilDateTime& fields);

// Splits a DATETIME into civil fields (floor division, so negative values work).
CivilDateTime CivilFromDateTime(int64_t datetime);
// The DATE part of a DATETIME.
int32_t DateOfDateTime(int64_t datetime);
// A DATE at midnight.
int64_t DateTimeOfDate(int32_t date);

// 0 = Monday .. 6 = Sunday (ISO order; MySQL's WEEKDAY()).
int32_t WeekdayOf(int32_t date);
// 1 = Sunday .. 7 = Saturday (MySQL's DAYOFWEEK()).
int32_t DayOfWeek(int32_t date);

// date + days, failing when the result leaves the valid range.
StatusOr<int32_t> AddDays(int32_t date, int64_t days);
// date + months with MySQL's end-of-month clamping (2020-01-31 + 1 month = 2020-02-29).
StatusOr<int32_t> AddMonths(int32_t date, int64_t months);
// datetime + months, keeping the time of day.
StatusOr<int64_t> AddMonthsToDateTime(int64_t datetime, int64_t months);
// datetime + micros, failing when the result leaves the valid range.
StatusOr<int64_t> AddMicros(int64_t datetime, int64_t micros);

// Parses DATE text (see the top of this file). A time part is accepted and dropped.
// Errors read "'2021-02-30' is not a valid DATE: day 30 is not valid in 2021-02".
StatusOr<int32_t> ParseDate(std::string_view text);
// Parses DATETIME text (see the top of this file).
StatusOr<int64_t> ParseDateTime(std::string_view text);

// "2020-05-08". REQUIRES: date within the valid range.
std::string FormatDate(int32_t date);
// "2020-05-08 10:11:12" or "2020-05-08 10:11:12.000500". REQUIRES: within the valid range.
std::string FormatDateTime(int64_t datetime);

}  // namespace tributary
