#include "types/decimal.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tributary {
namespace {

std::string RoundTrip(std::string_view text, int precision, int scale) {
    StatusOr<int128_t> v = ParseDecimal(text, precision, scale);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? FormatDecimal(*v, scale) : "";
}

std::string Error(std::string_view text, int precision, int scale) {
    StatusOr<int128_t> v = ParseDecimal(text, precision, scale);
    EXPECT_FALSE(v.ok()) << text;
    return std::string(v.status().message());
}

TEST(DecimalTest, FormatsExactlyScaleDigits) {
    EXPECT_EQ(RoundTrip("1.5", 10, 2), "1.50");
    EXPECT_EQ(RoundTrip("-0.05", 10, 2), "-0.05");
    EXPECT_EQ(RoundTrip("7", 5, 0), "7");
    EXPECT_EQ(RoundTrip("0", 5, 3), "0.000");
    EXPECT_EQ(RoundTrip(".5", 5, 1), "0.5");
    EXPECT_EQ(RoundTrip("5.", 5, 1), "5.0");
    EXPECT_EQ(RoundTrip("  +12.30 ", 5, 2), "12.30");
    EXPECT_EQ(RoundTrip("000123.4", 5, 1), "123.4");
}

TEST(DecimalTest, RoundsHalfAwayFromZero) {
    EXPECT_EQ(RoundTrip("1.005", 5, 2), "1.01");
    EXPECT_EQ(RoundTrip("-1.005", 5, 2), "-1.01");
    EXPECT_EQ(RoundTrip("1.004999", 5, 2), "1.00");
    EXPECT_EQ(RoundTrip("0.5", 5, 0), "1");
    EXPECT_EQ(RoundTrip("-0.5", 5, 0), "-1");
    EXPECT_EQ(RoundTrip("0.0049", 5, 2), "0.00");
}

TEST(DecimalTest, AcceptsExponents) {
    EXPECT_EQ(RoundTrip("1.5e3", 10, 2), "1500.00");
    EXPECT_EQ(RoundTrip("15E-3", 10, 2), "0.02");
    EXPECT_EQ(RoundTrip("1e-100000000", 10, 2), "0.00");
}

TEST(DecimalTest, HoldsTheExtremesOfPrecision38) {
    const std::string max38 = std::string(38, '9');
    EXPECT_EQ(RoundTrip(max38, 38, 0), max38);
    EXPECT_EQ(RoundTrip("-" + max38, 38, 0), "-" + max38);
    const std::string max38_10 = std::string(28, '9') + "." + std::string(10, '9');
    EXPECT_EQ(RoundTrip(max38_10, 38, 10), max38_10);
    EXPECT_EQ(RoundTrip("0." + std::string(38, '9'), 38, 38), "0." + std::string(38, '9'));
}

TEST(DecimalTest, RejectsValuesThatDoNotFitThePrecision) {
    EXPECT_EQ(Error("123.4", 4, 2), "'123.4' is out of range for DECIMAL(4, 2)");
    EXPECT_EQ(Error("99.995", 4, 2), "'99.995' is out of range for DECIMAL(4, 2)");
    EXPECT_EQ(Error(std::string(39, '9'), 38, 0),
              "'" + std::string(39, '9') + "' is out of range for DECIMAL(38, 0)");
    EXPECT_EQ(Error("1", 2, 2), "'1' is out of range for DECIMAL(2, 2)");
    EXPECT_EQ(Error("1e100000000", 10, 2), "'1e100000000' is out of range for DECIMAL(10, 2)");
}

TEST(DecimalTest, RejectsMalformedText) {
    EXPECT_EQ(Error("abc", 10, 2), "'abc' is not a valid DECIMAL(10, 2)");
    EXPECT_EQ(Error("", 10, 2), "'' is not a valid DECIMAL(10, 2)");
    EXPECT_EQ(Error(".", 10, 2), "'.' is not a valid DECIMAL(10, 2)");
    EXPECT_EQ(Error("1.2.3", 10, 2), "'1.2.3' is not a valid DECIMAL(10, 2)");
    EXPECT_EQ(Error("1e", 10, 2), "'1e' is not a valid DECIMAL(10, 2)");
    EXPECT_EQ(Error("--1", 10, 2), "'--1' is not a valid DECIMAL(10, 2)");
    EXPECT_EQ(Error("1 2", 10, 2), "'1 2' is not a valid DECIMAL(10, 2)");
}

TEST(DecimalTest, RescalesWithRoundingAndOverflowChecks) {
    EXPECT_EQ(*RescaleDecimal(12'345, 3, 10, 2), 1'235);  // 12.345 -> 12.35
    EXPECT_EQ(*RescaleDecimal(-12'345, 3, 10, 2), -1'235);
    EXPECT_EQ(*RescaleDecimal(125, 2, 10, 4), 12'500);
    StatusOr<int128_t> overflow = RescaleDecimal(99'999, 2, 5, 3);
    ASSERT_FALSE(overflow.ok());
    EXPECT_EQ(overflow.status().message(), "'999.99' is out of range for DECIMAL(5, 3)");
    EXPECT_FALSE(RescaleDecimal(9'999, 2, 3, 1).ok());  // 99.99 -> 100.0 needs 4 digits
}

TEST(DecimalTest, ConvertsIntegers) {
    EXPECT_EQ(*DecimalFromInteger(42, 10, 2), 4'200);
    EXPECT_FALSE(DecimalFromInteger(100, 4, 2).ok());
    EXPECT_EQ(DecimalToInteger(-27, 1), -2);
    EXPECT_EQ(DecimalToInteger(27, 1), 2);
}

TEST(DecimalTest, ConvertsDoubles) {
    EXPECT_EQ(*DecimalFromDouble(2.675, 10, 2), 268);
    EXPECT_EQ(*DecimalFromDouble(-0.1, 10, 3), -100);
    EXPECT_EQ(*DecimalFromDouble(1e20, 38, 0), PowerOfTen(20));
    EXPECT_FALSE(DecimalFromDouble(1e20, 10, 0).ok());
    StatusOr<int128_t> nan = DecimalFromDouble(std::nan(""), 10, 2);
    ASSERT_FALSE(nan.ok());
    EXPECT_EQ(nan.status().message(), "nan cannot be converted to DECIMAL(10, 2)");
    EXPECT_EQ(DecimalToDouble(12'345, 2), 123.45);
    EXPECT_EQ(DecimalToDouble(-1, 38), -1e-38);
}

}  // namespace
}  // namespace tributary
