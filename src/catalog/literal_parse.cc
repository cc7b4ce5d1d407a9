#include "catalog/literal_parse.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "base/string_util.h"

namespace tributary {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
int64_t DaysFromCivil(int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct CivilDate {
    int64_t year;
    int month;
    int day;
};

CivilDate CivilFromDays(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return CivilDate{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// Reads 1..max_digits digits at `*pos` into `*out`; false when there is none.
bool ReadNumber(std::string_view text, size_t* pos, size_t max_digits, int64_t* out) {
    size_t start = *pos;
    int64_t value = 0;
    while (*pos < text.size() && IsDigit(text[*pos]) && *pos - start < max_digits) {
        value = value * 10 + (text[*pos] - '0');
        ++*pos;
    }
    *out = value;
    return *pos > start;
}

// Parses "YYYY-MM-DD" at the start of `text`, leaving `*pos` after it.
StatusOr<int64_t> ParseDatePrefix(std::string_view text, size_t* pos) {
    int64_t year = 0, month = 0, day = 0;
    size_t year_start = *pos;
    if (!ReadNumber(text, pos, 4, &year) || *pos - year_start != 4 || *pos >= text.size() ||
        text[*pos] != '-') {
        return Status::InvalidArgument(
            fmt::format("'{}' is not a date in the format YYYY-MM-DD", text));
    }
    ++*pos;
    if (!ReadNumber(text, pos, 2, &month) || *pos >= text.size() || text[*pos] != '-') {
        return Status::InvalidArgument(
            fmt::format("'{}' is not a date in the format YYYY-MM-DD", text));
    }
    ++*pos;
    if (!ReadNumber(text, pos, 2, &day)) {
        return Status::InvalidArgument(
            fmt::format("'{}' is not a date in the format YYYY-MM-DD", text));
    }
    if (month < 1 || month > 12) {
        return Status::InvalidArgument(
            fmt::format("'{}' is not a valid date: month {} is out of range", text, month));
    }
    if (day < 1 || day > DaysInMonth(year, static_cast<int>(month))) {
        return Status::InvalidArgument(
            fmt::format("'{}' is not a valid date: day {} is out of range", text, day));
    }
    return DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
}

Status CheckDecimal(std::string_view text, const TypeDesc& type) {
    size_t pos = 0;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
    size_t int_start = pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
    std::string_view int_digits = text.substr(int_start, pos - int_start);
    std::string_view frac_digits;
    if (pos < text.size() && text[pos] == '.') {
        size_t frac_start = ++pos;
        while (pos < text.size() && IsDigit(text[pos])) ++pos;
        frac_digits = text.substr(frac_start, pos - frac_start);
    }
    if (pos != text.size() || (int_digits.empty() && frac_digits.empty())) {
        return Status::InvalidArgument(fmt::format("'{}' is not a decimal number", text));
    }
    while (!int_digits.empty() && int_digits.front() == '0') int_digits.remove_prefix(1);
    while (!frac_digits.empty() && frac_digits.back() == '0') frac_digits.remove_suffix(1);
    if (static_cast<int64_t>(int_digits.size()) > type.precision - type.scale ||
        static_cast<int64_t>(frac_digits.size()) > type.scale) {
        return Status::InvalidArgument(fmt::format("'{}' does not fit {}", text, type.ToSql()));
    }
    return Status::OK();
}

}  // namespace

Int128 IntegerTypeMin(LogicalType type) { return -IntegerTypeMax(type) - 1; }

Int128 IntegerTypeMax(LogicalType type) {
    switch (type) {
        case LogicalType::kTinyInt:
            return INT8_MAX;
        case LogicalType::kSmallInt:
            return INT16_MAX;
        case LogicalType::kInt:
            return INT32_MAX;
        case LogicalType::kBigInt:
            return INT64_MAX;
        default:
            return static_cast<Int128>((static_cast<unsigned __int128>(1) << 127) - 1);
    }
}

StatusOr<Int128> ParseIntegerLiteral(std::string_view text, LogicalType type) {
    size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        negative = text[pos] == '-';
        ++pos;
    }
    if (pos == text.size()) {
        return Status::InvalidArgument(fmt::format("'{}' is not an integer", text));
    }
    // Accumulate as a negative number so that the minimum of LARGEINT is representable.
    const Int128 min = IntegerTypeMin(type);
    const Int128 max = IntegerTypeMax(type);
    Int128 value = 0;
    for (; pos < text.size(); ++pos) {
        if (!IsDigit(text[pos])) {
            return Status::InvalidArgument(fmt::format("'{}' is not an integer", text));
        }
        int digit = text[pos] - '0';
        if (value < (min + digit) / 10) {
            return Status::InvalidArgument(
                fmt::format("{} is out of the range of {}", text, ToUpper(LogicalTypeName(type))));
        }
        value = value * 10 - digit;
    }
    if (!negative) {
        if (value < -max) {
            return Status::InvalidArgument(
                fmt::format("{} is out of the range of {}", text, ToUpper(LogicalTypeName(type))));
        }
        value = -value;
    }
    return value;
}

StatusOr<int64_t> ParseDateLiteral(std::string_view text) {
    size_t pos = 0;
    ASSIGN_OR_RETURN(int64_t days, ParseDatePrefix(text, &pos));
    if (pos != text.size()) {
        return Status::InvalidArgument(
            fmt::format("'{}' is not a date in the format YYYY-MM-DD", text));
    }
    return days;
}

StatusOr<int64_t> ParseDateTimeLiteral(std::string_view text, int32_t* micros) {
    size_t pos = 0;
    ASSIGN_OR_RETURN(int64_t days, ParseDatePrefix(text, &pos));
    if (micros != nullptr) *micros = 0;
    if (pos == text.size()) return days * kSecondsPerDay;
    auto bad = [&]() {
        return Status::InvalidArgument(
            fmt::format("'{}' is not a datetime in the format YYYY-MM-DD HH:MM:SS", text));
    };
    if (text[pos] != ' ' && text[pos] != 'T') return bad();
    ++pos;
    int64_t hour = 0, minute = 0, second = 0;
    if (!ReadNumber(text, &pos, 2, &hour) || pos >= text.size() || text[pos] != ':') return bad();
    ++pos;
    if (!ReadNumber(text, &pos, 2, &minute) || pos >= text.size() || text[pos] != ':') {
        return bad();
    }
    ++pos;
    if (!ReadNumber(text, &pos, 2, &second)) return bad();
    int64_t fraction = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        size_t start = pos;
        if (!ReadNumber(text, &pos, 6, &fraction)) return bad();
        for (size_t i = pos - start; i < 6; ++i) fraction *= 10;
    }
    if (pos != text.size()) return bad();
    if (hour > 23 || minute > 59 || second > 59) {
        return Status::InvalidArgument(
            fmt::format("'{}' is not a valid datetime: the time of day is out of range", text));
    }
    if (fraction != 0) {
        if (micros == nullptr) {
            return Status::InvalidArgument(
                fmt::format("'{}': fractional seconds are not allowed here", text));
        }
        *micros = static_cast<int32_t>(fraction);
    }
    return days * kSecondsPerDay + hour * 3600 + minute * 60 + second;
}

int64_t MinDateDays() { return DaysFromCivil(0, 1, 1); }
int64_t MinDateTimeSeconds() { return MinDateDays() * kSecondsPerDay; }

std::string FormatDate(int64_t days) {
    CivilDate date = CivilFromDays(days);
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string FormatDateTime(int64_t seconds) {
    int64_t days = seconds >= 0 ? seconds / kSecondsPerDay
                                : -((-seconds + kSecondsPerDay - 1) / kSecondsPerDay);
    int64_t of_day = seconds - days * kSecondsPerDay;
    return fmt::format("{} {:02}:{:02}:{:02}", FormatDate(days), of_day / 3600, (of_day / 60) % 60,
                       of_day % 60);
}

std::string Int128ToString(Int128 value) {
    if (value == 0) return "0";
    bool negative = value < 0;
    std::string digits;
    // Work on the negative side so that the minimum value does not overflow.
    Int128 v = negative ? value : -value;
    while (v != 0) {
        digits.push_back(static_cast<char>('0' - static_cast<int>(v % 10)));
        v /= 10;
    }
    if (negative) digits.push_back('-');
    return std::string(digits.rbegin(), digits.rend());
}

Status CheckLiteralFitsType(std::string_view text, const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kTinyInt:
        case LogicalType::kSmallInt:
        case LogicalType::kInt:
        case LogicalType::kBigInt:
        case LogicalType::kLargeInt:
            return ParseIntegerLiteral(text, type.type).status();
        case LogicalType::kBoolean:
            if (EqualsIgnoreCase(text, "true") || EqualsIgnoreCase(text, "false") || text == "1" ||
                text == "0") {
                return Status::OK();
            }
            return Status::InvalidArgument(fmt::format("'{}' is not a boolean", text));
        case LogicalType::kFloat:
        case LogicalType::kDouble: {
            double value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
                return Status::InvalidArgument(fmt::format("'{}' is not a number", text));
            }
            return Status::OK();
        }
        case LogicalType::kDecimal:
            return CheckDecimal(text, type);
        case LogicalType::kDate:
            return ParseDateLiteral(text).status();
        case LogicalType::kDateTime: {
            int32_t micros = 0;
            return ParseDateTimeLiteral(text, &micros).status();
        }
        case LogicalType::kChar:
        case LogicalType::kVarchar:
            if (text.size() > static_cast<size_t>(type.length)) {
                return Status::InvalidArgument(fmt::format(
                    "the value is {} bytes long, longer than {}", text.size(), type.ToSql()));
            }
            return Status::OK();
        case LogicalType::kJson:
            return Status::InvalidArgument("JSON columns do not take a default value");
    }
    return Status::Internal("unhandled logical type");
}

}  // namespace tributary
