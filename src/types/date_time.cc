#include "types/date_time.h"

#include <fmt/format.h>

#include "base/string_util.h"

namespace tributary {
namespace {

// Floor division and its remainder, for negative day and microsecond counts.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// A cursor over date/time text; each Read* consumes what it recognises.
class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    bool AtEnd() const { return pos_ == text_.size(); }
    char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
    void Skip() { ++pos_; }

    bool Consume(char c) {
        if (Peek() != c) return false;
        ++pos_;
        return true;
    }

    // Reads between `min_digits` and `max_digits` decimal digits; false when fewer are present.
    bool ReadNumber(int min_digits, int max_digits, int32_t* value, int* digits_read = nullptr) {
        int32_t v = 0;
        int n = 0;
        while (n < max_digits && !AtEnd() && IsDigit(Peek())) {
            v = v * 10 + (Peek() - '0');
            ++pos_;
            ++n;
        }
        if (digits_read != nullptr) *digits_read = n;
        *value = v;
        return n >= min_digits;
    }

    static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

private:
    std::string_view text_;
    size_t pos_ = 0;
};

bool AllDigits(std::string_view s) {
    for (char c : s) {
        if (!Scanner::IsDigit(c)) return false;
    }
    return !s.empty();
}

int32_t DigitsValue(std::string_view s) {
    int32_t v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

// Reads ".ffffff" after the seconds, scaling to microseconds. Returns an error reason or "".
std::string ReadFraction(Scanner* scanner, int32_t* micros) {
    *micros = 0;
    if (!scanner->Consume('.')) return "";
    int32_t value = 0;
    int digits = 0;
    scanner->ReadNumber(0, 6, &value, &digits);
    if (Scanner::IsDigit(scanner->Peek())) return "more than 6 fractional second digits";
    for (int i = digits; i < 6; ++i) value *= 10;
    *micros = value;
    return "";
}

// Parses the fields of date or datetime text (a missing time part is midnight); returns an
// error reason, or "" on success. Ranges are checked afterwards by ValidateDateTime.
std::string ParseCivilFields(std::string_view text, CivilDateTime* out) {
    *out = CivilDateTime{};
    if (text.empty()) return "empty value";

    // Compact forms: "20200508", "20200508101112[.ffffff]".
    std::string_view integral = text.substr(0, text.find('.'));
    if (AllDigits(integral) && (integral.size() == 8 || integral.size() == 14)) {
        if (integral.size() == 8 && integral.size() != text.size()) {
            return "a compact date cannot have fractional seconds";
        }
        out->date.year = DigitsValue(integral.substr(0, 4));
        out->date.month = DigitsValue(integral.substr(4, 2));
        out->date.day = DigitsValue(integral.substr(6, 2));
        if (integral.size() == 14) {
            out->hour = DigitsValue(integral.substr(8, 2));
            out->minute = DigitsValue(integral.substr(10, 2));
            out->second = DigitsValue(integral.substr(12, 2));
            Scanner scanner(text.substr(14));
            std::string reason = ReadFraction(&scanner, &out->micros);
            if (!reason.empty()) return reason;
            if (!scanner.AtEnd()) return "unexpected characters after the seconds";
        }
        return "";
    }

    Scanner scanner(text);
    int digits = 0;
    if (!scanner.ReadNumber(4, 4, &out->date.year, &digits)) {
        return "the year must have 4 digits";
    }
    char separator = scanner.Peek();
    if (separator != '-' && separator != '/') return "expected '-' or '/' after the year";
    scanner.Skip();
    if (!scanner.ReadNumber(1, 2, &out->date.month)) return "missing month";
    if (!scanner.Consume(separator)) return fmt::format("expected '{}' after the month", separator);
    if (!scanner.ReadNumber(1, 2, &out->date.day)) return "missing day";
    if (scanner.AtEnd()) return "";

    if (!scanner.Consume(' ') && !scanner.Consume('T')) {
        return "unexpected characters after the day";
    }
    while (scanner.Consume(' ')) {
    }
    if (!scanner.ReadNumber(1, 2, &out->hour)) return "missing hour";
    if (!scanner.Consume(':')) return "expected ':' after the hour";
    if (!scanner.ReadNumber(1, 2, &out->minute)) return "missing minute";
    if (scanner.Consume(':')) {
        if (!scanner.ReadNumber(1, 2, &out->second)) return "missing second";
        std::string reason = ReadFraction(&scanner, &out->micros);
        if (!reason.empty()) return reason;
    }
    if (!scanner.AtEnd()) return "unexpected characters after the time";
    return "";
}

// Range checks of civil fields; returns an error reason, or "".
std::string ValidateDate(const CivilDate& d) {
    if (d.year < 0 || d.year > 9999) return fmt::format("year {} is out of range", d.year);
    if (d.month < 1 || d.month > 12) return fmt::format("month {} is out of range", d.month);
    if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
        return fmt::format("day {} is not valid in {:04d}-{:02d}", d.day, d.year, d.month);
    }
    return "";
}

std::string ValidateDateTime(const CivilDateTime& f) {
    std::string reason = ValidateDate(f.date);
    if (!reason.empty()) return reason;
    if (f.hour < 0 || f.hour > 23) return fmt::format("hour {} is out of range", f.hour);
    if (f.minute < 0 || f.minute > 59) return fmt::format("minute {} is out of range", f.minute);
    if (f.second < 0 || f.second > 59) return fmt::format("second {} is out of range", f.second);
    if (f.micros < 0 || f.micros > 999'999) {
        return fmt::format("microsecond {} is out of range", f.micros);
    }
    return "";
}

int64_t DateTimeFromValidFields(const CivilDateTime& f) {
    int64_t seconds_of_day = int64_t{f.hour} * 3600 + f.minute * 60 + f.second;
    return int64_t{DaysFromCivil(f.date)} * kMicrosPerDay + seconds_of_day * kMicrosPerSecond +
           f.micros;
}

Status InvalidText(std::string_view text, std::string_view type, std::string_view reason) {
    return Status::InvalidArgument(fmt::format("'{}' is not a valid {}: {}", text, type, reason),
                                   ErrorCode::kIncorrectValue);
}

}  // namespace

bool IsLeapYear(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t DaysInMonth(int32_t year, int32_t month) {
    static constexpr int32_t kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && IsLeapYear(year)) return 29;
    return kDays[month - 1];
}

bool IsValidCivilDate(const CivilDate& date) { return ValidateDate(date).empty(); }

// The classic era-based algorithm: shift the year to start in March so that the leap day is
// the last day of the year, then count 400-year eras of 146097 days.
int32_t DaysFromCivil(const CivilDate& date) {
    const int64_t y = int64_t{date.year} - (date.month <= 2 ? 1 : 0);
    const int64_t era = FloorDiv(y, 400);
    const int64_t year_of_era = y - era * 400;                                    // [0, 399]
    const int64_t month_from_march = (date.month + 9) % 12;                       // [0, 11]
    const int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;  // [0, 365]
    const int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
    return static_cast<int32_t>(era * 146'097 + day_of_era - 719'468);
}

CivilDate CivilFromDays(int32_t days) {
    const int64_t z = int64_t{days} + 719'468;
    const int64_t era = FloorDiv(z, 146'097);
    const int64_t day_of_era = z - era * 146'097;  // [0, 146096]
    const int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
    const int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
    const int64_t month_from_march = (5 * day_of_year + 2) / 153;                // [0, 11]
    CivilDate out;
    out.day = static_cast<int32_t>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    out.month =
        static_cast<int32_t>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    out.year = static_cast<int32_t>(year_of_era + era * 400 + (out.month <= 2 ? 1 : 0));
    return out;
}

StatusOr<int32_t> MakeDate(int32_t year, int32_t month, int32_t day) {
    CivilDate date{year, month, day};
    std::string reason = ValidateDate(date);
    if (!reason.empty()) return Status::InvalidArgument("invalid DATE: " + reason);
    return DaysFromCivil(date);
}

StatusOr<int64_t> MakeDateTime(const CivilDateTime& fields) {
    std::string reason = ValidateDateTime(fields);
    if (!reason.empty()) return Status::InvalidArgument("invalid DATETIME: " + reason);
    return DateTimeFromValidFields(fields);
}

CivilDateTime CivilFromDateTime(int64_t datetime) {
    CivilDateTime out;
    out.date = CivilFromDays(DateOfDateTime(datetime));
    int64_t micros_of_day = FloorMod(datetime, kMicrosPerDay);
    int64_t seconds_of_day = micros_of_day / kMicrosPerSecond;
    out.hour = static_cast<int32_t>(seconds_of_day / 3600);
    out.minute = static_cast<int32_t>(seconds_of_day / 60 % 60);
    out.second = static_cast<int32_t>(seconds_of_day % 60);
    out.micros = static_cast<int32_t>(micros_of_day % kMicrosPerSecond);
    return out;
}

int32_t DateOfDateTime(int64_t datetime) {
    return static_cast<int32_t>(FloorDiv(datetime, kMicrosPerDay));
}

int64_t DateTimeOfDate(int32_t date) { return int64_t{date} * kMicrosPerDay; }

int32_t WeekdayOf(int32_t date) {
    // 1970-01-01 was a Thursday (3 in Monday-based numbering).
    return static_cast<int32_t>(FloorMod(int64_t{date} + 3, 7));
}

int32_t DayOfWeek(int32_t date) { return (WeekdayOf(date) + 1) % 7 + 1; }

StatusOr<int32_t> AddDays(int32_t date, int64_t days) {
    // Both ranges are far below 2^62, so the sum cannot overflow when `days` is first bounded.
    if (days > int64_t{kMaxDate} - kMinDate || days < int64_t{kMinDate} - kMaxDate) {
        return Status::InvalidArgument(fmt::format("adding {} days leaves the DATE range", days));
    }
    int64_t result = int64_t{date} + days;
    if (result < kMinDate || result > kMaxDate) {
        return Status::InvalidArgument(
            fmt::format("{} + {} days is outside the DATE range", FormatDate(date), days));
    }
    return static_cast<int32_t>(result);
}

StatusOr<int32_t> AddMonths(int32_t date, int64_t months) {
    constexpr int64_t kMaxMonths = 10'000 * 12;
    if (months > kMaxMonths || months < -kMaxMonths) {
        return Status::InvalidArgument(
            fmt::format("adding {} months leaves the DATE range", months));
    }
    CivilDate civil = CivilFromDays(date);
    int64_t month_index = int64_t{civil.year} * 12 + (civil.month - 1) + months;
    int64_t year = FloorDiv(month_index, 12);
    if (year < 0 || year > 9999) {
        return Status::InvalidArgument(
            fmt::format("{} + {} months is outside the DATE range", FormatDate(date), months));
    }
    CivilDate out;
    out.year = static_cast<int32_t>(year);
    out.month = static_cast<int32_t>(FloorMod(month_index, 12) + 1);
    out.day = std::min(civil.day, DaysInMonth(out.year, out.month));
    return DaysFromCivil(out);
}

StatusOr<int64_t> AddMonthsToDateTime(int64_t datetime, int64_t months) {
    int32_t date = DateOfDateTime(datetime);
    int64_t time_of_day = datetime - DateTimeOfDate(date);
    ASSIGN_OR_RETURN(int32_t shifted, AddMonths(date, months));
    return DateTimeOfDate(shifted) + time_of_day;
}

StatusOr<int64_t> AddMicros(int64_t datetime, int64_t micros) {
    if (micros > kMaxDateTime - kMinDateTime || micros < kMinDateTime - kMaxDateTime) {
        return Status::InvalidArgument(
            fmt::format("adding {} microseconds leaves the DATETIME range", micros));
    }
    int64_t result = datetime + micros;
    if (result < kMinDateTime || result > kMaxDateTime) {
        return Status::InvalidArgument(
            fmt::format("{} + {} microseconds is outside the DATETIME range",
                        FormatDateTime(datetime), micros));
    }
    return result;
}

StatusOr<int32_t> ParseDate(std::string_view text) {
    std::string_view trimmed = Trim(text);
    CivilDateTime fields;
    std::string reason = ParseCivilFields(trimmed, &fields);
    if (reason.empty()) reason = ValidateDateTime(fields);
    if (!reason.empty()) return InvalidText(text, "DATE", reason);
    return DaysFromCivil(fields.date);
}

StatusOr<int64_t> ParseDateTime(std::string_view text) {
    std::string_view trimmed = Trim(text);
    CivilDateTime fields;
    std::string reason = ParseCivilFields(trimmed, &fields);
    if (reason.empty()) reason = ValidateDateTime(fields);
    if (!reason.empty()) return InvalidText(text, "DATETIME", reason);
    return DateTimeFromValidFields(fields);
}

std::string FormatDate(int32_t date) {
    CivilDate d = CivilFromDays(date);
    return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

std::string FormatDateTime(int64_t datetime) {
    CivilDateTime f = CivilFromDateTime(datetime);
    if (f.micros == 0) {
        return fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}", f.date.year, f.date.month,
                           f.date.day, f.hour, f.minute, f.second);
    }
    return fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}.{:06d}", f.date.year,
                       f.date.month, f.date.day, f.hour, f.minute, f.second, f.micros);
}

}  // namespace tributary
