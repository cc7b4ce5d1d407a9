// MySQL date format strings (DATE_FORMAT / STR_TO_DATE specifiers) and the calendar helpers
// they share with the date functions (week numbers, day of year, month and day names).
//
// A DateFormat is compiled once from its text and then formats or parses many values, so a
// constant format costs nothing per row. StarRocks' Java-style spellings 'yyyy-MM-dd HH:mm:ss',
// 'yyyy-MM-dd' and 'yyyyMMdd' are accepted as whole formats.
//
// Thread safety: a compiled DateFormat is immutable; the functions are pure.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "types/date_time.h"

namespace tributary {

inline constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
// Monday first, as WeekdayOf numbers them.
inline constexpr std::array<std::string_view, 7> kDayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Day of the year (1..366) of `days`, whose civil date is `d`.
int32_t DayOfYear(int32_t days, const CivilDate& d);

// Weekday with 0 for the first day of the week (Monday, or Sunday when `sunday_first`).
int32_t WeekdayFrom(int32_t days, bool sunday_first);

// MySQL's week behaviour bits (sql/sql_time.h).
inline constexpr uint32_t kWeekMondayFirst = 1;
inline constexpr uint32_t kWeekYear = 2;
inline constexpr uint32_t kWeekFirstWeekday = 4;

// MySQL's calc_week: the week number of a day under `behaviour`, and the year it belongs to.
int32_t CalcWeek(int32_t days, const CivilDate& d, uint32_t behaviour, int32_t* year);

// WEEK(date, mode)'s mode as calc_week behaviour bits.
uint32_t WeekBehaviour(int64_t mode);

// A compiled MySQL format string: literal text and % specifiers.
class DateFormat {
public:
    // Compiles `format`; an unknown specifier stands for its own character (%Q is "Q").
    explicit DateFormat(std::string_view format);

    // True when some specifier reads or writes a time of day (%H %i %s %f %p %T ...).
    bool has_time() const { return has_time_; }

    // The text of `datetime` (which must be within the valid range) in this format.
    void Format(int64_t datetime, std::string& out) const;

    // Reads `text` as STR_TO_DATE does: spaces before each field are skipped, numbers may have
    // fewer digits than their width, text after the last field is ignored. Missing fields
    // default to the first month / day and to midnight (0000 for a missing year). nullopt when
    // the text does not match or names an invalid date.
    std::optional<int64_t> Parse(std::string_view text) const;

private:
    struct Item {
        char spec;            // 0 for literal text
        std::string literal;  // when spec == 0
    };
    std::vector<Item> items_;
    bool has_time_ = false;
};

// Formats many DATETIMEs with one DateFormat. When the format has no time-of-day specifier,
// values of the same day share their text, so each day is formatted once and then copied
// from a small direct-mapped cache (a column of timestamps spans few distinct days).
//
// Ownership: borrows `format`, which must outlive the formatter. Thread safety: none.
class DateFormatter {
public:
    explicit DateFormatter(const DateFormat& format);
    // The text of `datetime`; valid until the next call.
    std::string_view Format(int64_t datetime);

private:
    struct Entry {
        int64_t day = INT64_MIN;
        std::string text;
    };
    const DateFormat& format_;
    std::vector<Entry> cache_;  // empty when the format reads the time of day
    std::string scratch_;
};

}  // namespace tributary
