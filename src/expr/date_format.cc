#include "expr/date_format.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "base/string_util.h"

namespace tributary {

namespace {

void AppendPadded(std::string& out, int64_t v, int width) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof(buf), v);
    for (auto n = res.ptr - buf; n < width; ++n) out.push_back('0');
    out.append(buf, res.ptr);
}

}  // namespace

int32_t DayOfYear(int32_t days, const CivilDate& d) {
    return days - DaysFromCivil({d.year, 1, 1}) + 1;
}

// Weekday with 0 for the first day of the week (Monday, or Sunday when `sunday_first`).
int32_t WeekdayFrom(int32_t days, bool sunday_first) {
    return sunday_first ? (WeekdayOf(days) + 1) % 7 : WeekdayOf(days);
}

// MySQL's calc_week: the week number of a day under `behaviour`, and the year it belongs to.
int32_t CalcWeek(int32_t days, const CivilDate& d, uint32_t behaviour, int32_t* year) {
    const bool monday_first = (behaviour & kWeekMondayFirst) != 0;
    bool week_year = (behaviour & kWeekYear) != 0;
    const bool first_weekday = (behaviour & kWeekFirstWeekday) != 0;
    int32_t first_day = DaysFromCivil({d.year, 1, 1});
    int32_t weekday = WeekdayFrom(first_day, !monday_first);
    *year = d.year;
    if (d.month == 1 && d.day <= 7 - weekday) {
        if (!week_year && ((first_weekday && weekday != 0) || (!first_weekday && weekday >= 4))) {
            return 0;
        }
        week_year = true;
        --*year;
        const int32_t year_days = IsLeapYear(*year) ? 366 : 365;
        first_day -= year_days;
        weekday = (weekday + 53 * 7 - year_days) % 7;
    }
    int32_t offset;
    if ((first_weekday && weekday != 0) || (!first_weekday && weekday >= 4)) {
        offset = days - (first_day + (7 - weekday));
    } else {
        offset = days - (first_day - weekday);
    }
    if (week_year && offset >= 52 * 7) {
        weekday = (weekday + (IsLeapYear(*year) ? 366 : 365)) % 7;
        if ((!first_weekday && weekday < 4) || (first_weekday && weekday == 0)) {
            ++*year;
            return 1;
        }
    }
    return offset / 7 + 1;
}

// WEEK(date, mode)'s mode as calc_week behaviour bits.
uint32_t WeekBehaviour(int64_t mode) {
    uint32_t behaviour = static_cast<uint32_t>(mode & 7);
    if ((behaviour & kWeekMondayFirst) == 0) behaviour ^= kWeekFirstWeekday;
    return behaviour;
}

DateFormat::DateFormat(std::string_view format) {
    if (format == "yyyy-MM-dd HH:mm:ss") {
        format = "%Y-%m-%d %H:%i:%s";
    } else if (format == "yyyy-MM-dd") {
        format = "%Y-%m-%d";
    } else if (format == "yyyyMMdd") {
        format = "%Y%m%d";
    }
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '%' && i + 1 < format.size()) {
            const char c = format[++i];
            if (std::string_view("HkhIlisSfprT").find(c) != std::string_view::npos) {
                has_time_ = true;
            }
            if (c == '%') {
                items_.push_back({0, "%"});
            } else {
                items_.push_back({c, {}});
            }
            continue;
        }
        if (items_.empty() || items_.back().spec != 0) items_.push_back({0, {}});
        items_.back().literal.push_back(format[i]);
    }
}

void DateFormat::Format(int64_t datetime, std::string& out) const {
    const int32_t days = DateOfDateTime(datetime);
    const CivilDateTime t = CivilFromDateTime(datetime);
    const CivilDate& d = t.date;
    const int32_t hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
    int32_t week_year = 0;
    for (const Item& item : items_) {
        switch (item.spec) {
            case 0:
                out.append(item.literal);
                break;
            case 'Y':
                AppendPadded(out, d.year, 4);
                break;
            case 'y':
                AppendPadded(out, d.year % 100, 2);
                break;
            case 'm':
                AppendPadded(out, d.month, 2);
                break;
            case 'c':
                AppendPadded(out, d.month, 1);
                break;
            case 'd':
                AppendPadded(out, d.day, 2);
                break;
            case 'e':
                AppendPadded(out, d.day, 1);
                break;
            case 'D': {
                AppendPadded(out, d.day, 1);
                const int32_t tens = d.day / 10 % 10;
                const int32_t ones = d.day % 10;
                out.append(tens == 1 || ones > 3 || ones == 0 ? "th"
                           : ones == 1                        ? "st"
                           : ones == 2                        ? "nd"
                                                              : "rd");
                break;
            }
            case 'H':
                AppendPadded(out, t.hour, 2);
                break;
            case 'k':
                AppendPadded(out, t.hour, 1);
                break;
            case 'h':
            case 'I':
                AppendPadded(out, hour12, 2);
                break;
            case 'l':
                AppendPadded(out, hour12, 1);
                break;
            case 'i':
                AppendPadded(out, t.minute, 2);
                break;
            case 's':
            case 'S':
                AppendPadded(out, t.second, 2);
                break;
            case 'f':
                AppendPadded(out, t.micros, 6);
                break;
            case 'p':
                out.append(t.hour < 12 ? "AM" : "PM");
                break;
            case 'r':
                AppendPadded(out, hour12, 2);
                out.push_back(':');
                AppendPadded(out, t.minute, 2);
                out.push_back(':');
                AppendPadded(out, t.second, 2);
                out.append(t.hour < 12 ? " AM" : " PM");
                break;
            case 'T':
                AppendPadded(out, t.hour, 2);
                out.push_back(':');
                AppendPadded(out, t.minute, 2);
                out.push_back(':');
                AppendPadded(out, t.second, 2);
                break;
            case 'M':
                out.append(kMonthNames[d.month - 1]);
                break;
            case 'b':
                out.append(kMonthNames[d.month - 1].substr(0, 3));
                break;
            case 'W':
                out.append(kDayNames[WeekdayOf(days)]);
                break;
            case 'a':
                out.append(kDayNames[WeekdayOf(days)].substr(0, 3));
                break;
            case 'w':
                AppendPadded(out, DayOfWeek(days) - 1, 1);
                break;
            case 'j':
                AppendPadded(out, DayOfYear(days, d), 3);
                break;
            case 'U':
                AppendPadded(out, CalcWeek(days, d, kWeekFirstWeekday, &week_year), 2);
                break;
            case 'u':
                AppendPadded(out, CalcWeek(days, d, kWeekMondayFirst, &week_year), 2);
                break;
            case 'V':
                AppendPadded(out, CalcWeek(days, d, kWeekYear | kWeekFirstWeekday, &week_year), 2);
                break;
            case 'v':
                AppendPadded(out, CalcWeek(days, d, kWeekYear | kWeekMondayFirst, &week_year), 2);
                break;
            case 'X':
                CalcWeek(days, d, kWeekYear | kWeekFirstWeekday, &week_year);
                AppendPadded(out, week_year, 4);
                break;
            case 'x':
                CalcWeek(days, d, kWeekYear | kWeekMondayFirst, &week_year);
                AppendPadded(out, week_year, 4);
                break;
            default:
                out.push_back(item.spec);
                break;
        }
    }
}

// Reads up to `max_digits` decimal digits at text[*pos]; false when there is none.
bool ReadNumber(std::string_view text, size_t* pos, int max_digits, int32_t* value,
                int* digits = nullptr) {
    int32_t v = 0;
    int n = 0;
    while (*pos < text.size() && n < max_digits && text[*pos] >= '0' && text[*pos] <= '9') {
        v = v * 10 + (text[*pos] - '0');
        ++*pos;
        ++n;
    }
    if (n == 0) return false;
    *value = v;
    if (digits != nullptr) *digits = n;
    return true;
}

// Matches one of `names` (or its first three letters when `abbreviated`), case-insensitively;
// returns its index or -1.
template <size_t N>
int ReadName(std::string_view text, size_t* pos, const std::array<std::string_view, N>& names,
             bool abbreviated) {
    const std::string_view rest = text.substr(*pos);
    for (size_t i = 0; i < N; ++i) {
        const std::string_view name = abbreviated ? names[i].substr(0, 3) : names[i];
        if (StartsWithIgnoreCase(rest, name)) {
            *pos += name.size();
            return static_cast<int>(i);
        }
    }
    return -1;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::optional<int64_t> DateFormat::Parse(std::string_view text) const {
    int32_t year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0;
    int32_t yearday = 0;
    int32_t week = -1;  // %U %u %V %v
    bool week_sunday_first = false;
    bool strict_week = false;  // %V / %v, which need %X / %x
    int32_t week_year = -1;    // %X / %x
    bool week_year_sunday_first = false;
    int32_t weekday = 0;  // 1 = Monday .. 7 = Sunday, from %W %a %w
    bool twelve_hour = false;
    int pm = -1;  // %p: 0 AM, 1 PM
    size_t pos = 0;
    auto expect = [&](char c) {
        if (pos >= text.size() || text[pos] != c) return false;
        ++pos;
        return true;
    };
    for (const Item& item : items_) {
        if (item.spec == 0) {
            for (char c : item.literal) {
                if (IsSpace(c)) continue;
                while (pos < text.size() && IsSpace(text[pos])) ++pos;
                if (pos >= text.size()) return std::nullopt;
                if (!expect(c)) return std::nullopt;
            }
            continue;
        }
        while (pos < text.size() && IsSpace(text[pos])) ++pos;
        if (pos >= text.size()) return std::nullopt;  // fields left but no text
        int digits = 0;
        bool ok = true;
        switch (item.spec) {
            case 'Y':
                ok = ReadNumber(text, &pos, 4, &year, &digits);
                if (ok && digits <= 2) year += year < 70 ? 2000 : 1900;
                break;
            case 'y':
                ok = ReadNumber(text, &pos, 2, &year);
                if (ok) year += year < 70 ? 2000 : 1900;
                break;
            case 'm':
            case 'c':
                ok = ReadNumber(text, &pos, 2, &month);
                break;
            case 'd':
            case 'e':
                ok = ReadNumber(text, &pos, 2, &day);
                break;
            case 'D':
                ok = ReadNumber(text, &pos, 2, &day);
                if (ok && pos + 2 <= text.size() && std::isalpha(static_cast<uint8_t>(text[pos]))) {
                    pos += 2;
                }
                break;
            case 'H':
            case 'k':
                ok = ReadNumber(text, &pos, 2, &hour);
                break;
            case 'h':
            case 'I':
            case 'l':
                ok = ReadNumber(text, &pos, 2, &hour);
                twelve_hour = true;
                break;
            case 'i':
                ok = ReadNumber(text, &pos, 2, &minute);
                break;
            case 's':
            case 'S':
                ok = ReadNumber(text, &pos, 2, &second);
                break;
            case 'f':
                ok = ReadNumber(text, &pos, 6, &micros, &digits);
                for (int k = digits; ok && k < 6; ++k) micros *= 10;
                break;
            case 'p':
                if (StartsWithIgnoreCase(text.substr(pos), "AM")) {
                    pm = 0;
                } else if (StartsWithIgnoreCase(text.substr(pos), "PM")) {
                    pm = 1;
                } else {
                    ok = false;
                }
                pos += 2;
                break;
            case 'T':
                ok = ReadNumber(text, &pos, 2, &hour) && expect(':') &&
                     ReadNumber(text, &pos, 2, &minute) && expect(':') &&
                     ReadNumber(text, &pos, 2, &second);
                break;
            case 'r': {
                ok = ReadNumber(text, &pos, 2, &hour) && expect(':') &&
                     ReadNumber(text, &pos, 2, &minute) && expect(':') &&
                     ReadNumber(text, &pos, 2, &second);
                twelve_hour = true;
                while (pos < text.size() && IsSpace(text[pos])) ++pos;
                const std::string_view rest = text.substr(pos);
                if (ok && (StartsWithIgnoreCase(rest, "AM") || StartsWithIgnoreCase(rest, "PM"))) {
                    pm = StartsWithIgnoreCase(rest, "PM") ? 1 : 0;
                    pos += 2;
                } else {
                    ok = false;
                }
                break;
            }
            case 'M': {
                const int m = ReadName(text, &pos, kMonthNames, false);
                ok = m >= 0;
                month = m + 1;
                break;
            }
            case 'b': {
                const int m = ReadName(text, &pos, kMonthNames, true);
                ok = m >= 0;
                month = m + 1;
                break;
            }
            case 'W':
            case 'a': {
                const int w = ReadName(text, &pos, kDayNames, item.spec == 'a');
                ok = w >= 0;
                weekday = w + 1;
                break;
            }
            case 'w':
                ok = ReadNumber(text, &pos, 1, &weekday);
                if (ok && weekday == 0) weekday = 7;
                ok = ok && weekday <= 7;
                break;
            case 'j':
                ok = ReadNumber(text, &pos, 3, &yearday);
                break;
            case 'U':
            case 'u':
            case 'V':
            case 'v':
                ok = ReadNumber(text, &pos, 2, &week);
                week_sunday_first = item.spec == 'U' || item.spec == 'V';
                strict_week = item.spec == 'V' || item.spec == 'v';
                break;
            case 'X':
            case 'x':
                ok = ReadNumber(text, &pos, 4, &week_year);
                week_year_sunday_first = item.spec == 'X';
                break;
            default:
                ok = expect(item.spec);
                break;
        }
        if (!ok) return std::nullopt;
    }
    if (twelve_hour || pm >= 0) {
        if (hour < 1 || hour > 12) return std::nullopt;
        hour = hour % 12 + (pm == 1 ? 12 : 0);
    }
    int32_t days;
    if (yearday > 0) {
        if (yearday > (IsLeapYear(year) ? 366 : 365)) return std::nullopt;
        days = DaysFromCivil({year, 1, 1}) + yearday - 1;
    } else if (week >= 0 && weekday > 0) {
        // MySQL: %V / %v need %X / %x of the same kind; %U / %u go with %Y.
        if (strict_week ? (week_year < 0 || week_year_sunday_first != week_sunday_first)
                        : week_year >= 0) {
            return std::nullopt;
        }
        const int32_t y = strict_week ? week_year : year;
        const int32_t first = DaysFromCivil({y, 1, 1});
        const int32_t first_weekday = WeekdayFrom(first, week_sunday_first);
        if (week_sunday_first) {
            days =
                first + (first_weekday == 0 ? 0 : 7) - first_weekday + (week - 1) * 7 + weekday % 7;
        } else {
            days = first + (first_weekday <= 3 ? 0 : 7) - first_weekday + (week - 1) * 7 +
                   (weekday - 1);
        }
        if (days < kMinDate || days > kMaxDate) return std::nullopt;
    } else {
        const CivilDate date{year, month, day};
        if (!IsValidCivilDate(date)) return std::nullopt;
        days = DaysFromCivil(date);
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    return DateTimeOfDate(days) + ((int64_t{hour} * 60 + minute) * 60 + second) * kMicrosPerSecond +
           micros;
}

DateFormatter::DateFormatter(const DateFormat& format) : format_(format) {
    if (!format.has_time()) cache_.resize(1024);
}

std::string_view DateFormatter::Format(int64_t datetime) {
    if (cache_.empty()) {
        scratch_.clear();
        format_.Format(datetime, scratch_);
        return scratch_;
    }
    const int64_t day = DateOfDateTime(datetime);
    Entry& entry = cache_[static_cast<uint64_t>(day) & (cache_.size() - 1)];
    if (entry.day != day) {
        entry.day = day;
        entry.text.clear();
        format_.Format(DateTimeOfDate(static_cast<int32_t>(day)), entry.text);
    }
    return entry.text;
}

}  // namespace tributary
