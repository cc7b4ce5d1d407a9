#include "types/time_zone.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

#include "base/string_util.h"
#include "types/date_time.h"

namespace tributary {
namespace internal {

// One of the two yearly changes of a POSIX TZ rule ("M3.2.0/2").
struct PosixTransition {
    enum class Kind : uint8_t { kJulianNoLeap, kZeroBasedDay, kMonthWeekDay };
    Kind kind = Kind::kMonthWeekDay;
    int32_t day = 0;      // Jn: 1..365, n: 0..365
    int32_t month = 0;    // Mm.w.d
    int32_t week = 0;     // 1..5, 5 meaning the last
    int32_t weekday = 0;  // 0 = Sunday
    int32_t time = 7200;  // local seconds after midnight; may be negative or past 24h

    // Day number (days since 1970-01-01) of this change in `year`.
    int64_t DayIn(int32_t year) const {
        int64_t jan1 = DaysFromCivil(CivilDate{year, 1, 1});
        switch (kind) {
            case Kind::kJulianNoLeap:
                return jan1 + day - 1 + (IsLeapYear(year) && day >= 60 ? 1 : 0);
            case Kind::kZeroBasedDay:
                return jan1 + day;
            case Kind::kMonthWeekDay: {
                int32_t first = DaysFromCivil(CivilDate{year, month, 1});
                int32_t first_weekday = DayOfWeek(first) - 1;  // 0 = Sunday
                int64_t d = first + (weekday - first_weekday + 7) % 7 + 7 * (week - 1);
                int64_t month_end = first + DaysInMonth(year, month) - 1;
                while (d > month_end) d -= 7;
                return d;
            }
        }
        return jan1;
    }
};

// The footer rule of a TZif file: standard time, and optionally daylight time between two
// yearly changes. Offsets are seconds east of UTC (POSIX writes them west; parsing flips them).
struct PosixRule {
    int32_t std_offset = 0;
    bool has_dst = false;
    int32_t dst_offset = 0;
    PosixTransition start;  // into daylight time, at local standard time
    PosixTransition end;    // back to standard time, at local daylight time

    int32_t OffsetAt(int64_t unix_seconds) const {
        if (!has_dst) return std_offset;
        int64_t local_days = (unix_seconds + std_offset) / kSecondsPerDay -
                             ((unix_seconds + std_offset) % kSecondsPerDay < 0 ? 1 : 0);
        int32_t year = CivilFromDays(static_cast<int32_t>(local_days)).year;
        int64_t start_at = start.DayIn(year) * kSecondsPerDay + start.time - std_offset;
        int64_t end_at = end.DayIn(year) * kSecondsPerDay + end.time - dst_offset;
        bool in_dst = start_at < end_at ? (unix_seconds >= start_at && unix_seconds < end_at)
                                        : !(unix_seconds >= end_at && unix_seconds < start_at);
        return in_dst ? dst_offset : std_offset;
    }
};

struct ZoneRules {
    struct LocalType {
        int32_t utc_offset = 0;
        bool is_dst = false;
    };
    std::vector<int64_t> transitions;       // unix seconds, ascending
    std::vector<uint8_t> transition_types;  // index into `types` for each transition
    std::vector<LocalType> types;           // never empty
    std::optional<PosixRule> footer;        // in force after the last transition

    int32_t OffsetAt(int64_t unix_seconds) const {
        if (transitions.empty() || unix_seconds >= transitions.back()) {
            if (footer.has_value()) return footer->OffsetAt(unix_seconds);
            if (transitions.empty()) return types.front().utc_offset;
        }
        auto it = std::upper_bound(transitions.begin(), transitions.end(), unix_seconds);
        if (it == transitions.begin()) return types.front().utc_offset;
        size_t index = static_cast<size_t>(it - transitions.begin()) - 1;
        return types[transition_types[index]].utc_offset;
    }
};

}  // namespace internal

namespace {

using internal::PosixRule;
using internal::PosixTransition;
using internal::ZoneRules;

// A cursor over a POSIX TZ string.
class PosixParser {
public:
    explicit PosixParser(std::string_view text) : text_(text) {}

    std::optional<PosixRule> Parse() {
        PosixRule rule;
        int32_t west = 0;
        if (!SkipName() || !ReadOffset(&west)) return std::nullopt;
        rule.std_offset = -west;
        if (AtEnd()) return rule;
        if (!SkipName()) return std::nullopt;
        rule.has_dst = true;
        rule.dst_offset = rule.std_offset + 3600;
        if (!AtEnd() && Peek() != ',') {
            if (!ReadOffset(&west)) return std::nullopt;
            rule.dst_offset = -west;
        }
        if (AtEnd()) {
            // No rule given: the US rules, as POSIX implementations default to.
            rule.start = PosixTransition{PosixTransition::Kind::kMonthWeekDay, 0, 3, 2, 0, 7200};
            rule.end = PosixTransition{PosixTransition::Kind::kMonthWeekDay, 0, 11, 1, 0, 7200};
            return rule;
        }
        if (!Consume(',') || !ReadTransition(&rule.start) || !Consume(',') ||
            !ReadTransition(&rule.end) || !AtEnd()) {
            return std::nullopt;
        }
        return rule;
    }

private:
    bool AtEnd() const { return pos_ == text_.size(); }
    char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
    bool Consume(char c) {
        if (Peek() != c) return false;
        ++pos_;
        return true;
    }
    static bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

    // A zone abbreviation: three or more letters, or anything within <...>.
    bool SkipName() {
        if (Consume('<')) {
            while (!AtEnd() && Peek() != '>') ++pos_;
            return Consume('>');
        }
        size_t begin = pos_;
        while (IsAlpha(Peek())) ++pos_;
        return pos_ - begin >= 3;
    }

    bool ReadInt(int32_t max, int32_t* out) {
        if (!IsDigit(Peek())) return false;
        int32_t v = 0;
        while (IsDigit(Peek())) {
            v = v * 10 + (Peek() - '0');
            ++pos_;
            if (v > max) return false;
        }
        *out = v;
        return true;
    }

    // [+-]hh[:mm[:ss]] in seconds; hours may reach 167 for transition times (RFC 8536).
    bool ReadOffset(int32_t* seconds) {
        int32_t sign = 1;
        if (Consume('-')) {
            sign = -1;
        } else {
            Consume('+');
        }
        int32_t hours = 0, minutes = 0, secs = 0;
        if (!ReadInt(167, &hours)) return false;
        if (Consume(':')) {
            if (!ReadInt(59, &minutes)) return false;
            if (Consume(':') && !ReadInt(59, &secs)) return false;
        }
        *seconds = sign * (hours * 3600 + minutes * 60 + secs);
        return true;
    }

    bool ReadTransition(PosixTransition* out) {
        using Kind = PosixTransition::Kind;
        *out = PosixTransition{};
        if (Consume('J')) {
            out->kind = Kind::kJulianNoLeap;
            if (!ReadInt(365, &out->day) || out->day < 1) return false;
        } else if (Consume('M')) {
            out->kind = Kind::kMonthWeekDay;
            if (!ReadInt(12, &out->month) || out->month < 1 || !Consume('.') ||
                !ReadInt(5, &out->week) || out->week < 1 || !Consume('.') ||
                !ReadInt(6, &out->weekday)) {
                return false;
            }
        } else {
            out->kind = Kind::kZeroBasedDay;
            if (!ReadInt(365, &out->day)) return false;
        }
        if (Consume('/') && !ReadOffset(&out->time)) return false;
        return true;
    }

    std::string_view text_;
    size_t pos_ = 0;
};

// Big-endian reader over the TZif bytes that reports running off the end.
class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

    bool Has(size_t n) const { return bytes_.size() - pos_ >= n; }
    size_t position() const { return pos_; }
    void Skip(size_t n) { pos_ += n; }
    std::string_view Rest() const { return bytes_.substr(pos_); }

    uint8_t U8() { return static_cast<uint8_t>(bytes_[pos_++]); }
    uint32_t U32() {
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | U8();
        return v;
    }
    int64_t I64() {
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | U8();
        return static_cast<int64_t>(v);
    }

private:
    std::string_view bytes_;
    size_t pos_ = 0;
};

struct TzifCounts {
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;

    size_t DataSize(size_t time_size) const {
        return size_t{timecnt} * time_size + timecnt + size_t{typecnt} * 6 + charcnt +
               size_t{leapcnt} * (time_size + 4) + isstdcnt + isutcnt;
    }
};

// Reads a 44-byte TZif header; returns the version character ('\0', '2', '3', '4') or an error.
StatusOr<char> ReadHeader(ByteReader* reader, TzifCounts* counts) {
    if (!reader->Has(44)) return Status::Corruption("truncated TZif header");
    std::string_view magic = reader->Rest().substr(0, 4);
    if (magic != "TZif") return Status::Corruption("not a TZif file (bad magic)");
    reader->Skip(4);
    char version = static_cast<char>(reader->U8());
    reader->Skip(15);
    counts->isutcnt = reader->U32();
    counts->isstdcnt = reader->U32();
    counts->leapcnt = reader->U32();
    counts->timecnt = reader->U32();
    counts->typecnt = reader->U32();
    counts->charcnt = reader->U32();
    if (counts->typecnt == 0 || counts->typecnt > 256) {
        return Status::Corruption("TZif file has an invalid number of local time types");
    }
    return version;
}

StatusOr<ZoneRules> ParseTzif(std::string_view bytes) {
    ByteReader reader(bytes);
    TzifCounts counts{};
    ASSIGN_OR_RETURN(char version, ReadHeader(&reader, &counts));
    size_t time_size = 4;
    if (version != '\0') {
        // Skip the 32-bit block and use the 64-bit one that follows it.
        if (!reader.Has(counts.DataSize(4))) return Status::Corruption("truncated TZif data");
        reader.Skip(counts.DataSize(4));
        ASSIGN_OR_RETURN(version, ReadHeader(&reader, &counts));
        time_size = 8;
    }
    if (!reader.Has(counts.DataSize(time_size))) return Status::Corruption("truncated TZif data");

    ZoneRules rules;
    rules.transitions.reserve(counts.timecnt);
    for (uint32_t i = 0; i < counts.timecnt; ++i) {
        int64_t t = time_size == 8 ? reader.I64() : static_cast<int32_t>(reader.U32());
        if (!rules.transitions.empty() && t <= rules.transitions.back()) {
            return Status::Corruption("TZif transition times are not ascending");
        }
        rules.transitions.push_back(t);
    }
    for (uint32_t i = 0; i < counts.timecnt; ++i) {
        uint8_t type = reader.U8();
        if (type >= counts.typecnt) return Status::Corruption("TZif transition names no type");
        rules.transition_types.push_back(type);
    }
    for (uint32_t i = 0; i < counts.typecnt; ++i) {
        ZoneRules::LocalType type;
        type.utc_offset = static_cast<int32_t>(reader.U32());
        type.is_dst = reader.U8() != 0;
        reader.U8();  // abbreviation index, unused
        rules.types.push_back(type);
    }
    reader.Skip(counts.charcnt + size_t{counts.leapcnt} * (time_size + 4) + counts.isstdcnt +
                counts.isutcnt);

    if (time_size == 8) {
        std::string_view rest = reader.Rest();
        if (rest.size() >= 2 && rest[0] == '\n') {
            size_t end = rest.find('\n', 1);
            if (end == std::string_view::npos)
                return Status::Corruption("unterminated TZif footer");
            std::string_view footer = rest.substr(1, end - 1);
            if (!footer.empty()) {
                rules.footer = PosixParser(footer).Parse();
                if (!rules.footer.has_value()) {
                    return Status::Corruption(
                        fmt::format("unsupported TZ rule '{}' in TZif footer", footer));
                }
            }
        }
    }
    return rules;
}

// "+08:00", "-5:30", "+0800" -> seconds east of UTC; nullopt when `name` is not such an offset.
std::optional<int32_t> ParseFixedOffset(std::string_view name) {
    if (name.size() < 2 || (name[0] != '+' && name[0] != '-')) return std::nullopt;
    int32_t sign = name[0] == '-' ? -1 : 1;
    std::string_view rest = name.substr(1);
    std::string_view hours_text, minutes_text;
    size_t colon = rest.find(':');
    if (colon != std::string_view::npos) {
        hours_text = rest.substr(0, colon);
        minutes_text = rest.substr(colon + 1);
    } else if (rest.size() == 4) {
        hours_text = rest.substr(0, 2);
        minutes_text = rest.substr(2);
    } else {
        hours_text = rest;
        minutes_text = "00";
    }
    int64_t hours = 0, minutes = 0;
    if (hours_text.empty() || hours_text.size() > 2 || minutes_text.size() != 2 ||
        !ParseInt64(hours_text, &hours) || !ParseInt64(minutes_text, &minutes) || hours < 0 ||
        minutes < 0 || minutes > 59 || hours_text[0] == '+' || minutes_text[0] == '+') {
        return std::nullopt;
    }
    int32_t seconds = static_cast<int32_t>(hours * 3600 + minutes * 60);
    if (seconds > 14 * 3600) return std::nullopt;
    return sign * seconds;
}

bool IsSafeZoneName(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos) {
        return false;
    }
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '/' || c == '_' || c == '-' || c == '+';
        if (!ok) return false;
    }
    return true;
}

std::string ZoneInfoDir() {
    const char* dir = std::getenv("TZDIR");
    return dir != nullptr && *dir != '\0' ? std::string(dir) : "/usr/share/zoneinfo";
}

StatusOr<std::shared_ptr<const TimeZone>> LoadUncached(std::string_view name) {
    if (EqualsIgnoreCase(name, "UTC") || EqualsIgnoreCase(name, "GMT") || name == "Z" ||
        EqualsIgnoreCase(name, "Etc/UTC")) {
        return TimeZone::Fixed(std::string(name), 0);
    }
    if (std::optional<int32_t> offset = ParseFixedOffset(name)) {
        return TimeZone::Fixed(std::string(name), *offset);
    }
    std::string_view file_name = EqualsIgnoreCase(name, "CST") ? "Asia/Shanghai" : name;
    if (!IsSafeZoneName(file_name)) {
        return Status::InvalidArgument(fmt::format("unknown time zone '{}'", name));
    }
    std::ifstream in(ZoneInfoDir() + "/" + std::string(file_name), std::ios::binary);
    if (!in) return Status::InvalidArgument(fmt::format("unknown time zone '{}'", name));
    std::ostringstream contents;
    contents << in.rdbuf();
    if (in.bad()) return Status::IOError(fmt::format("cannot read time zone '{}'", name));
    std::string bytes = contents.str();
    StatusOr<std::shared_ptr<const TimeZone>> zone = TimeZone::FromTzif(std::string(name), bytes);
    if (!zone.ok()) {
        // A directory or a non-zone file under zoneinfo is an unknown name, not corruption.
        return Status::InvalidArgument(
            fmt::format("unknown time zone '{}': {}", name, zone.status().message()));
    }
    return zone;
}

}  // namespace

StatusOr<std::shared_ptr<const TimeZone>> TimeZone::Find(std::string_view name) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
    {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = cache.find(name);
        if (it != cache.end()) return it->second;
    }
    // Loading happens outside the lock; two threads may load the same zone, and the first to
    // insert wins, which is harmless because zones are immutable.
    ASSIGN_OR_RETURN(std::shared_ptr<const TimeZone> zone, LoadUncached(name));
    std::lock_guard<std::mutex> lock(mutex);
    return cache.emplace(std::string(name), std::move(zone)).first->second;
}

StatusOr<std::shared_ptr<const TimeZone>> TimeZone::FromTzif(std::string name,
                                                             std::string_view bytes) {
    StatusOr<ZoneRules> rules = ParseTzif(bytes);
    if (!rules.ok()) return rules.status().Prefixed(fmt::format("time zone '{}'", name));
    return std::shared_ptr<const TimeZone>(
        new TimeZone(std::move(name), std::make_shared<const ZoneRules>(std::move(rules).value())));
}

std::shared_ptr<const TimeZone> TimeZone::Fixed(std::string name, int32_t utc_offset_seconds) {
    auto rules = std::make_shared<ZoneRules>();
    rules->types.push_back(ZoneRules::LocalType{utc_offset_seconds, false});
    return std::shared_ptr<const TimeZone>(new TimeZone(std::move(name), std::move(rules)));
}

int32_t TimeZone::UtcOffsetAt(int64_t unix_seconds) const { return rules_->OffsetAt(unix_seconds); }

StatusOr<int64_t> TimeZone::ToDateTime(int64_t unix_seconds) const {
    constexpr int64_t kMinSeconds = kMinDateTime / kMicrosPerSecond - kSecondsPerDay;
    constexpr int64_t kMaxSeconds = kMaxDateTime / kMicrosPerSecond + kSecondsPerDay;
    if (unix_seconds >= kMinSeconds && unix_seconds <= kMaxSeconds) {
        int64_t local = (unix_seconds + UtcOffsetAt(unix_seconds)) * kMicrosPerSecond;
        if (local >= kMinDateTime && local <= kMaxDateTime) return local;
    }
    return Status::InvalidArgument(fmt::format(
        "unix time {} is outside the DATETIME range in time zone '{}'", unix_seconds, name_));
}

int64_t TimeZone::ToUnixSeconds(int64_t datetime) const {
    int64_t local = datetime / kMicrosPerSecond - (datetime % kMicrosPerSecond < 0 ? 1 : 0);
    // Offsets never exceed 26 hours, so the offsets that could apply to `local` are those in
    // force a little more than a day either side; real zones never change twice in that window.
    constexpr int64_t kWindow = 26 * 3600 + 60;
    const int32_t before = UtcOffsetAt(local - kWindow);
    const int32_t after = UtcOffsetAt(local + kWindow);
    if (UtcOffsetAt(local - before) == before) return local - before;  // unique, or repeated
    if (UtcOffsetAt(local - after) == after) return local - after;
    return local - before;  // skipped: read with the offset in force before the change
}

}  // namespace tributary
