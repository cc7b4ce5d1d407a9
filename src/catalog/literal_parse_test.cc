#include "catalog/literal_parse.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

TEST(LiteralParseTest, ParsesIntegersWithinTheirTypeRange) {
    EXPECT_EQ(*ParseIntegerLiteral("127", LogicalType::kTinyInt), 127);
    EXPECT_EQ(*ParseIntegerLiteral("-128", LogicalType::kTinyInt), -128);
    EXPECT_EQ(*ParseIntegerLiteral("+42", LogicalType::kInt), 42);
    EXPECT_EQ(*ParseIntegerLiteral("-9223372036854775808", LogicalType::kBigInt), INT64_MIN);
    EXPECT_FALSE(ParseIntegerLiteral("128", LogicalType::kTinyInt).ok());
    EXPECT_FALSE(ParseIntegerLiteral("-129", LogicalType::kTinyInt).ok());
    EXPECT_FALSE(ParseIntegerLiteral("9223372036854775808", LogicalType::kBigInt).ok());
}

TEST(LiteralParseTest, ParsesTheWholeLargeintRange) {
    auto min =
        ParseIntegerLiteral("-170141183460469231731687303715884105728", LogicalType::kLargeInt);
    ASSERT_TRUE(min.ok());
    EXPECT_EQ(*min, IntegerTypeMin(LogicalType::kLargeInt));
    EXPECT_EQ(Int128ToString(*min), "-170141183460469231731687303715884105728");
    auto max =
        ParseIntegerLiteral("170141183460469231731687303715884105727", LogicalType::kLargeInt);
    ASSERT_TRUE(max.ok());
    EXPECT_EQ(Int128ToString(*max), "170141183460469231731687303715884105727");
    EXPECT_FALSE(
        ParseIntegerLiteral("170141183460469231731687303715884105728", LogicalType::kLargeInt)
            .ok());
}

TEST(LiteralParseTest, RejectsIntegersWithStrayCharacters) {
    EXPECT_FALSE(ParseIntegerLiteral("", LogicalType::kInt).ok());
    EXPECT_FALSE(ParseIntegerLiteral("-", LogicalType::kInt).ok());
    EXPECT_FALSE(ParseIntegerLiteral("1 ", LogicalType::kInt).ok());
    EXPECT_FALSE(ParseIntegerLiteral("1.0", LogicalType::kInt).ok());
}

TEST(LiteralParseTest, DatesAreDaysSinceTheUnixEpoch) {
    EXPECT_EQ(*ParseDateLiteral("1970-01-01"), 0);
    EXPECT_EQ(*ParseDateLiteral("1970-01-02"), 1);
    EXPECT_EQ(*ParseDateLiteral("1969-12-31"), -1);
    EXPECT_EQ(*ParseDateLiteral("2024-3-1"), *ParseDateLiteral("2024-03-01"));
    EXPECT_EQ(FormatDate(*ParseDateLiteral("2024-02-29")), "2024-02-29");
    EXPECT_EQ(FormatDate(MinDateDays()), "0000-01-01");
    EXPECT_EQ(FormatDate(*ParseDateLiteral("9999-12-31")), "9999-12-31");
}

TEST(LiteralParseTest, RejectsImpossibleDates) {
    EXPECT_FALSE(ParseDateLiteral("2023-02-29").ok());
    EXPECT_TRUE(ParseDateLiteral("2000-02-29").ok());
    EXPECT_FALSE(ParseDateLiteral("1900-02-29").ok());
    EXPECT_FALSE(ParseDateLiteral("2024-00-10").ok());
    EXPECT_FALSE(ParseDateLiteral("2024-04-31").ok());
    EXPECT_FALSE(ParseDateLiteral("24-01-01").ok());
    EXPECT_FALSE(ParseDateLiteral("2024/01/01").ok());
    EXPECT_FALSE(ParseDateLiteral("2024-01-01 00:00:00").ok());
}

TEST(LiteralParseTest, DatetimesAreSecondsSinceTheUnixEpoch) {
    EXPECT_EQ(*ParseDateTimeLiteral("1970-01-01 00:00:01"), 1);
    EXPECT_EQ(*ParseDateTimeLiteral("1970-01-02"), 86400);
    EXPECT_EQ(*ParseDateTimeLiteral("1970-01-01T01:00:00"), 3600);
    EXPECT_EQ(FormatDateTime(*ParseDateTimeLiteral("1969-12-31 23:59:59")), "1969-12-31 23:59:59");
    EXPECT_EQ(FormatDateTime(MinDateTimeSeconds()), "0000-01-01 00:00:00");
}

TEST(LiteralParseTest, FractionalSecondsNeedAPlaceToGo) {
    int32_t micros = 0;
    EXPECT_EQ(*ParseDateTimeLiteral("2024-01-01 00:00:00.5", &micros),
              *ParseDateTimeLiteral("2024-01-01"));
    EXPECT_EQ(micros, 500000);
    EXPECT_FALSE(ParseDateTimeLiteral("2024-01-01 00:00:00.5").ok());
    EXPECT_TRUE(ParseDateTimeLiteral("2024-01-01 00:00:00.000").ok());
}

TEST(LiteralParseTest, RejectsImpossibleTimes) {
    EXPECT_FALSE(ParseDateTimeLiteral("2024-01-01 24:00:00").ok());
    EXPECT_FALSE(ParseDateTimeLiteral("2024-01-01 00:60:00").ok());
    EXPECT_FALSE(ParseDateTimeLiteral("2024-01-01 00:00").ok());
    EXPECT_FALSE(ParseDateTimeLiteral("2024-01-01 00:00:00 ").ok());
}

TEST(LiteralParseTest, ChecksDecimalPrecisionAndScale) {
    TypeDesc type = TypeDesc::Decimal(5, 2);
    EXPECT_TRUE(CheckLiteralFitsType("123.45", type).ok());
    EXPECT_TRUE(CheckLiteralFitsType("-0.5", type).ok());
    EXPECT_TRUE(CheckLiteralFitsType("1.200", type).ok());
    EXPECT_TRUE(CheckLiteralFitsType("007", type).ok());
    EXPECT_FALSE(CheckLiteralFitsType("1234", type).ok());
    EXPECT_FALSE(CheckLiteralFitsType("1.234", type).ok());
    EXPECT_FALSE(CheckLiteralFitsType(".", type).ok());
    EXPECT_FALSE(CheckLiteralFitsType("1e3", type).ok());
}

TEST(LiteralParseTest, ChecksFloatingPointAndBooleanLiterals) {
    EXPECT_TRUE(CheckLiteralFitsType("-1.5e10", TypeDesc::Of(LogicalType::kDouble)).ok());
    EXPECT_FALSE(CheckLiteralFitsType("abc", TypeDesc::Of(LogicalType::kFloat)).ok());
    EXPECT_FALSE(CheckLiteralFitsType("inf", TypeDesc::Of(LogicalType::kDouble)).ok());
    EXPECT_TRUE(CheckLiteralFitsType("FALSE", TypeDesc::Of(LogicalType::kBoolean)).ok());
    EXPECT_TRUE(CheckLiteralFitsType("1", TypeDesc::Of(LogicalType::kBoolean)).ok());
    EXPECT_FALSE(CheckLiteralFitsType("2", TypeDesc::Of(LogicalType::kBoolean)).ok());
}

TEST(LiteralParseTest, ChecksStringLengthInBytes) {
    EXPECT_TRUE(CheckLiteralFitsType("", TypeDesc::Char(1)).ok());
    EXPECT_TRUE(CheckLiteralFitsType("\xc3\xa9", TypeDesc::Varchar(2)).ok());
    EXPECT_FALSE(CheckLiteralFitsType("\xc3\xa9", TypeDesc::Varchar(1)).ok());
}

}  // namespace
}  // namespace tributary
