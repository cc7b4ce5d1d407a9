#include "load/avro/avro_value_text.h"

#include <fmt/format.h>

#include "types/date_time.h"
#include "types/decimal.h"

namespace tributary::avro_internal {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Status AppendAvroDate(int64_t days, std::string* out) {
    if (days < kMinDate || days > kMaxDate) {
        return Status::OutOfRange(fmt::format("date {} days from 1970-01-01 is out of range", days));
    }
    *out += FormatDate(static_cast<int32_t>(days));
    return Status::OK();
}

Status AppendAvroTimeOfDay(int64_t micros, std::string* out) {
    if (micros < 0 || micros >= kMicrosPerDay) {
        return Status::OutOfRange(fmt::format("time {} microseconds is not within a day", micros));
    }
    const int64_t seconds = micros / kMicrosPerSecond;
    fmt::format_to(std::back_inserter(*out), "{:02}:{:02}:{:02}", seconds / 3600,
                   seconds / 60 % 60, seconds % 60);
    if (micros % kMicrosPerSecond != 0) {
        fmt::format_to(std::back_inserter(*out), ".{:06}", micros % kMicrosPerSecond);
    }
    return Status::OK();
}

Status AppendAvroTimestamp(int64_t value, AvroLogical logical, const TimeZone& zone,
                           std::string* out) {
    const bool millis = logical == AvroLogical::kTimestampMillis ||
                        logical == AvroLogical::kLocalTimestampMillis;
    // Beyond these no DATETIME exists, and micros below cannot overflow.
    constexpr int64_t kLimitMicros = int64_t{10'000} * 366 * kMicrosPerDay;
    const int64_t limit = millis ? kLimitMicros / 1000 : kLimitMicros;
    auto out_of_range = [&] {
        return Status::OutOfRange(fmt::format("timestamp {} {} is out of range", value,
                                              millis ? "ms" : "us"));
    };
    if (value < -limit || value > limit) return out_of_range();
    const int64_t micros = millis ? value * 1000 : value;
    int64_t datetime = micros;
    if (logical == AvroLogical::kTimestampMillis || logical == AvroLogical::kTimestampMicros) {
        const int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
        auto wall = zone.ToDateTime(seconds);
        if (!wall.ok()) return out_of_range();
        datetime = *wall + (micros - seconds * kMicrosPerSecond);
    }
    if (datetime < kMinDateTime || datetime > kMaxDateTime) return out_of_range();
    *out += FormatDateTime(datetime);
    return Status::OK();
}

Status AppendAvroDecimal(std::string_view unscaled, int scale, std::string* out) {
    if (scale > 38) return Status::OutOfRange(fmt::format("decimal scale {} exceeds 38", scale));
    if (unscaled.empty()) {
        *out += FormatDecimal(0, scale);
        return Status::OK();
    }
    const bool negative = (static_cast<uint8_t>(unscaled[0]) & 0x80) != 0;
    // Leading bytes that only repeat the sign carry no value.
    const char sign_byte = negative ? static_cast<char>(0xff) : 0;
    while (unscaled.size() > 16 && unscaled[0] == sign_byte) unscaled.remove_prefix(1);
    if (unscaled.size() > 16 ||
        (unscaled.size() == 16 && ((static_cast<uint8_t>(unscaled[0]) & 0x80) != 0) != negative)) {
        return Status::OutOfRange("decimal value needs more than 128 bits");
    }
    unsigned __int128 bits = negative ? ~static_cast<unsigned __int128>(0) : 0;
    for (char c : unscaled) bits = (bits << 8) | static_cast<uint8_t>(c);
    *out += FormatDecimal(static_cast<int128_t>(bits), scale);
    return Status::OK();
}

void AppendJsonString(std::string_view bytes, bool bytes_as_code_points, std::string* out) {
    out->push_back('"');
    for (char c : bytes) {
        const auto b = static_cast<uint8_t>(c);
        if (c == '"' || c == '\\') {
            out->push_back('\\');
            out->push_back(c);
        } else if (b < 0x20 || (bytes_as_code_points && b >= 0x80)) {
            fmt::format_to(std::back_inserter(*out), "\\u{:04x}", b);
        } else {
            out->push_back(c);
        }
    }
    out->push_back('"');
}

}  // namespace tributary::avro_internal
