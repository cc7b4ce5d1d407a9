// The text the Avro reader gives logical-type values and JSON strings (avro_reader.h lists the
// rules). Pure functions on decoded numbers and bytes, apart from avro-c so they can be tested on
// their own.
//
// Internal to src/load/avro. Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "load/avro/avro_schema.h"
#include "types/time_zone.h"

namespace tributary::avro_internal {

// "2024-05-01" for days since 1970-01-01; OutOfRange outside 0000-01-01 .. 9999-12-31.
Status AppendAvroDate(int64_t days, std::string* out);

// "10:11:12" or "10:11:12.345000" for microseconds after midnight; OutOfRange outside a day.
Status AppendAvroTimeOfDay(int64_t micros, std::string* out);

// A DATETIME for a timestamp-millis / -micros value (a UTC instant, shown in `zone`) or a
// local-timestamp-millis / -micros one (wall-clock, shown as written). OutOfRange when the
// result lies outside 0000-01-01 .. 9999-12-31.
Status AppendAvroTimestamp(int64_t value, AvroLogical logical, const TimeZone& zone,
                           std::string* out);

// The decimal text of a two's-complement big-endian unscaled value with `scale` fractional
// digits ("-12.50"). OutOfRange when it needs more than 128 bits or scale exceeds 38.
Status AppendAvroDecimal(std::string_view unscaled, int scale, std::string* out);

// `bytes` as a JSON string with its quotes. Strings are UTF-8 and kept as they are, apart from
// '"', '\\' and control characters; Avro bytes / fixed map each byte to the code point of its
// value (as Avro's own JSON encoding does), so bytes >= 0x80 become \u0080 .. \u00ff.
void AppendJsonString(std::string_view bytes, bool bytes_as_code_points, std::string* out);

}  // namespace tributary::avro_internal
