// Text of Avro logical-type values and JSON strings (avro_value_text.h).
#include "load/avro/avro_value_text.h"

#include <gtest/gtest.h>

namespace tributary::avro_internal {
namespace {

std::string Text(const std::function<Status(std::string*)>& append) {
    std::string out;
    Status st = append(&out);
    return st.ok() ? out : "error: " + std::string(st.message());
}

TEST(AvroValueTextTest, DatesAndTimesOfDay) {
    EXPECT_EQ(Text([](auto* o) { return AppendAvroDate(0, o); }), "1970-01-01");
    EXPECT_EQ(Text([](auto* o) { return AppendAvroDate(-719528, o); }), "0000-01-01");
    EXPECT_EQ(Text([](auto* o) { return AppendAvroDate(2932897, o); }),
              "error: date 2932897 days from 1970-01-01 is out of range");
    EXPECT_EQ(Text([](auto* o) { return AppendAvroTimeOfDay(86399999999, o); }), "23:59:59.999999");
    EXPECT_EQ(Text([](auto* o) { return AppendAvroTimeOfDay(-1, o); }),
              "error: time -1 microseconds is not within a day");
}

TEST(AvroValueTextTest, TimestampsAreInstantsShownInTheZoneAndLocalOnesAsWritten) {
    auto ny = *TimeZone::Find("America/New_York");
    auto ts = [&](int64_t v, AvroLogical l) {
        return Text([&](auto* o) { return AppendAvroTimestamp(v, l, *ny, o); });
    };
    EXPECT_EQ(ts(0, AvroLogical::kTimestampMillis), "1969-12-31 19:00:00");
    EXPECT_EQ(ts(1500, AvroLogical::kTimestampMillis), "1969-12-31 19:00:01.500000");
    EXPECT_EQ(ts(-1, AvroLogical::kTimestampMicros), "1969-12-31 18:59:59.999999");
    EXPECT_EQ(ts(0, AvroLogical::kLocalTimestampMicros), "1970-01-01 00:00:00");
    EXPECT_EQ(ts(INT64_MAX, AvroLogical::kTimestampMillis),
              "error: timestamp 9223372036854775807 ms is out of range");
    EXPECT_EQ(ts(253402300800000000, AvroLogical::kLocalTimestampMicros),  // 10000-01-01
              "error: timestamp 253402300800000000 us is out of range");
}

TEST(AvroValueTextTest, DecimalsFromTwosComplementBytes) {
    auto dec = [](std::string bytes, int scale) {
        return Text([&](auto* o) { return AppendAvroDecimal(bytes, scale, o); });
    };
    EXPECT_EQ(dec("", 2), "0.00");
    EXPECT_EQ(dec("\x01", 0), "1");
    EXPECT_EQ(dec("\xff", 1), "-0.1");
    EXPECT_EQ(dec(std::string("\x00\x80", 2), 0), "128");
    EXPECT_EQ(dec(std::string(20, '\xff'), 0), "-1");  // sign-extended past 16 bytes
    EXPECT_EQ(dec("\x01" + std::string(16, '\0'), 0), "error: decimal value needs more than 128 bits");
    EXPECT_EQ(dec("\x01", 39), "error: decimal scale 39 exceeds 38");
}

TEST(AvroValueTextTest, JsonStringsEscapeQuotesControlsAndBytes) {
    std::string out;
    AppendJsonString("a\"b\\c\n\xc3\xa9", false, &out);
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\u000a\xc3\xa9\"");
    out.clear();
    AppendJsonString("\xc3\xa9", true, &out);
    EXPECT_EQ(out, "\"\\u00c3\\u00a9\"");
}

}  // namespace
}  // namespace tributary::avro_internal
