#include "types/value_parse.h"

#include <gtest/gtest.h>

#include "types/date_time.h"
#include "types/int128.h"

namespace tributary {
namespace {

TypeDesc T(LogicalType t) { return TypeDesc::Of(t); }

// Parses and formats back, or returns the error message.
std::string Parse(std::string_view text, const TypeDesc& type) {
    StatusOr<Value> v = ParseValue(text, type);
    if (!v.ok()) return "error: " + std::string(v.status().message());
    return v->Format(type);
}

TEST(ValueParseTest, IntegersAcceptSpacesAndSigns) {
    EXPECT_EQ(Parse(" 42 ", T(LogicalType::kInt)), "42");
    EXPECT_EQ(Parse("+7", T(LogicalType::kTinyInt)), "7");
    EXPECT_EQ(Parse("-0", T(LogicalType::kSmallInt)), "0");
    EXPECT_EQ(Parse("\t-12\n", T(LogicalType::kBigInt)), "-12");
}

TEST(ValueParseTest, IntegersRoundTripTheirExtremes) {
    EXPECT_EQ(Parse("-128", T(LogicalType::kTinyInt)), "-128");
    EXPECT_EQ(Parse("127", T(LogicalType::kTinyInt)), "127");
    EXPECT_EQ(Parse("-32768", T(LogicalType::kSmallInt)), "-32768");
    EXPECT_EQ(Parse("2147483647", T(LogicalType::kInt)), "2147483647");
    EXPECT_EQ(Parse("-9223372036854775808", T(LogicalType::kBigInt)), "-9223372036854775808");
    EXPECT_EQ(Parse("9223372036854775807", T(LogicalType::kBigInt)), "9223372036854775807");
    EXPECT_EQ(Parse("-170141183460469231731687303715884105728", T(LogicalType::kLargeInt)),
              "-170141183460469231731687303715884105728");
    EXPECT_EQ(Parse("170141183460469231731687303715884105727", T(LogicalType::kLargeInt)),
              "170141183460469231731687303715884105727");
}

TEST(ValueParseTest, IntegersRejectJunkFractionsAndOverflow) {
    EXPECT_EQ(Parse("12x", T(LogicalType::kInt)), "error: '12x' is not a valid INT");
    EXPECT_EQ(Parse("1.5", T(LogicalType::kInt)), "error: '1.5' is not a valid INT");
    EXPECT_EQ(Parse("", T(LogicalType::kInt)), "error: '' is not a valid INT");
    EXPECT_EQ(Parse("-", T(LogicalType::kInt)), "error: '-' is not a valid INT");
    EXPECT_EQ(Parse("1 2", T(LogicalType::kInt)), "error: '1 2' is not a valid INT");
    EXPECT_EQ(Parse("128", T(LogicalType::kTinyInt)), "error: '128' is out of range for TINYINT");
    EXPECT_EQ(Parse("-32769", T(LogicalType::kSmallInt)),
              "error: '-32769' is out of range for SMALLINT");
    EXPECT_EQ(Parse("2147483648", T(LogicalType::kInt)),
              "error: '2147483648' is out of range for INT");
    EXPECT_EQ(Parse("9223372036854775808", T(LogicalType::kBigInt)),
              "error: '9223372036854775808' is out of range for BIGINT");
    EXPECT_EQ(Parse("170141183460469231731687303715884105728", T(LogicalType::kLargeInt)),
              "error: '170141183460469231731687303715884105728' is out of range for LARGEINT");
    EXPECT_EQ(Parse("1e3", T(LogicalType::kLargeInt)), "error: '1e3' is not a valid LARGEINT");
}

TEST(ValueParseTest, BooleansAcceptWordsAndDigits) {
    EXPECT_EQ(Parse("TRUE", T(LogicalType::kBoolean)), "1");
    EXPECT_EQ(Parse("false", T(LogicalType::kBoolean)), "0");
    EXPECT_EQ(Parse(" 1 ", T(LogicalType::kBoolean)), "1");
    EXPECT_EQ(Parse("0", T(LogicalType::kBoolean)), "0");
    EXPECT_EQ(Parse("yes", T(LogicalType::kBoolean)), "error: 'yes' is not a valid BOOLEAN");
    EXPECT_EQ(Parse("2", T(LogicalType::kBoolean)), "error: '2' is not a valid BOOLEAN");
}

TEST(ValueParseTest, FloatingPointUsesShortestRoundTrip) {
    EXPECT_EQ(Parse("0.1", T(LogicalType::kDouble)), "0.1");
    EXPECT_EQ(Parse("+1e20", T(LogicalType::kDouble)), "1e+20");
    EXPECT_EQ(Parse(" -895.0 ", T(LogicalType::kDouble)), "-895");
    EXPECT_EQ(Parse("0.1", T(LogicalType::kFloat)), "0.1");
    EXPECT_EQ(Parse("inf", T(LogicalType::kDouble)), "inf");
    EXPECT_EQ(Parse("1e400", T(LogicalType::kDouble)), "error: '1e400' is out of range for DOUBLE");
    EXPECT_EQ(Parse("1e39", T(LogicalType::kFloat)), "error: '1e39' is out of range for FLOAT");
    EXPECT_EQ(Parse("1.5x", T(LogicalType::kDouble)), "error: '1.5x' is not a valid DOUBLE");
    EXPECT_EQ(Parse("+-1", T(LogicalType::kDouble)), "error: '+-1' is not a valid DOUBLE");
    EXPECT_EQ(Parse("", T(LogicalType::kFloat)), "error: '' is not a valid FLOAT");
}

TEST(ValueParseTest, DecimalsRoundAndCheckPrecision) {
    EXPECT_EQ(Parse("3.14159", TypeDesc::Decimal(5, 2)), "3.14");
    EXPECT_EQ(Parse("2.675", TypeDesc::Decimal(5, 2)), "2.68");
    EXPECT_EQ(Parse("1234", TypeDesc::Decimal(5, 2)),
              "error: '1234' is out of range for DECIMAL(5, 2)");
}

TEST(ValueParseTest, DatesAndDatetimesConvertBetweenEachOther) {
    EXPECT_EQ(Parse("2020-05-08 10:11:12", T(LogicalType::kDate)), "2020-05-08");
    EXPECT_EQ(Parse("2020-05-08", T(LogicalType::kDateTime)), "2020-05-08 00:00:00");
    EXPECT_EQ(Parse("2020-05-08T10:11:12.123456", T(LogicalType::kDateTime)),
              "2020-05-08 10:11:12.123456");
    EXPECT_EQ(Parse("2020-02-30", T(LogicalType::kDate)),
              "error: '2020-02-30' is not a valid DATE: day 30 is not valid in 2020-02");
}

TEST(ValueParseTest, StringsAreLimitedInBytes) {
    EXPECT_EQ(Parse("abc", TypeDesc::Varchar(3)), "abc");
    EXPECT_EQ(Parse("abcd", TypeDesc::Varchar(3)),
              "error: value 'abcd' (4 bytes) is longer than VARCHAR(3)");
    EXPECT_EQ(Parse("\xC3\xA9\xC3\xA9", TypeDesc::Char(3)),
              "error: value '\xC3\xA9\xC3\xA9' (4 bytes) is longer than CHAR(3)");
    EXPECT_EQ(Parse("  padded  ", TypeDesc::Varchar(10)), "  padded  ");
    EXPECT_EQ(Parse("", TypeDesc::Varchar(1)), "");
}

TEST(ValueParseTest, LongValuesAreShortenedInMessagesOnUtf8Boundaries) {
    std::string long_text(80, 'a');
    EXPECT_EQ(
        Parse(long_text, TypeDesc::Varchar(3)),
        "error: value '" + std::string(64, 'a') + "...' (80 bytes) is longer than VARCHAR(3)");
    // 63 ASCII bytes then 'é' (2 bytes): the cut at 64 would split it, so it backs up to 63.
    std::string utf8 = std::string(63, 'b') + "\xC3\xA9" + "zzzz";
    EXPECT_EQ(AbbreviateForMessage(utf8), std::string(63, 'b') + "...");
}

TEST(ValueParseTest, JsonMustBeValid) {
    EXPECT_EQ(Parse(R"({"a": [1, 2]})", T(LogicalType::kJson)), R"({"a": [1, 2]})");
    EXPECT_EQ(Parse("{", T(LogicalType::kJson)), "error: '{' is not a valid JSON");
}

}  // namespace
}  // namespace tributary
