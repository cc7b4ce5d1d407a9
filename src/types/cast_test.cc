#include "types/cast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "types/int128.h"

namespace tributary {
namespace {

TypeDesc T(LogicalType t) { return TypeDesc::Of(t); }

// Casts and formats the result, or returns the error message.
std::string Cast(const Value& v, const TypeDesc& from, const TypeDesc& to) {
    StatusOr<Value> out = CastValue(v, from, to);
    if (!out.ok()) return "error: " + std::string(out.status().message());
    return out->Format(to);
}

TEST(CastTest, NullStaysNull) {
    StatusOr<Value> out = CastValue(Value::Null(), T(LogicalType::kInt), T(LogicalType::kDate));
    ASSERT_TRUE(out.ok());
    EXPECT_TRUE(out->is_null());
}

TEST(CastTest, IntegersNarrowOnlyWhenTheValueFits) {
    EXPECT_EQ(Cast(Value::BigInt(127), T(LogicalType::kBigInt), T(LogicalType::kTinyInt)), "127");
    EXPECT_EQ(Cast(Value::BigInt(128), T(LogicalType::kBigInt), T(LogicalType::kTinyInt)),
              "error: value 128 is out of range for TINYINT");
    EXPECT_EQ(Cast(Value::LargeInt(kInt128Max), T(LogicalType::kLargeInt), T(LogicalType::kBigInt)),
              "error: value 170141183460469231731687303715884105727 is out of range for BIGINT");
    EXPECT_EQ(Cast(Value::BigInt(INT64_MIN), T(LogicalType::kBigInt), T(LogicalType::kLargeInt)),
              "-9223372036854775808");
}

TEST(CastTest, BooleansAndIntegersConvert) {
    EXPECT_EQ(Cast(Value::Boolean(true), T(LogicalType::kBoolean), T(LogicalType::kInt)), "1");
    EXPECT_EQ(Cast(Value::Int(-5), T(LogicalType::kInt), T(LogicalType::kBoolean)), "1");
    EXPECT_EQ(Cast(Value::Int(0), T(LogicalType::kInt), T(LogicalType::kBoolean)), "0");
}

TEST(CastTest, NumbersBecomeTheirText) {
    EXPECT_EQ(Cast(Value::Int(-42), T(LogicalType::kInt), TypeDesc::Varchar(10)), "-42");
    EXPECT_EQ(Cast(Value::Decimal(150), TypeDesc::Decimal(5, 2), TypeDesc::Varchar(10)), "1.50");
    EXPECT_EQ(Cast(Value::Double(0.1), T(LogicalType::kDouble), TypeDesc::Varchar(10)), "0.1");
    EXPECT_EQ(Cast(Value::Date(0), T(LogicalType::kDate), TypeDesc::Varchar(20)), "1970-01-01");
    EXPECT_EQ(Cast(Value::Int(12345), T(LogicalType::kInt), TypeDesc::Varchar(3)),
              "error: value '12345' (5 bytes) is longer than VARCHAR(3)");
}

TEST(CastTest, TextParsesWithTheStrictParser) {
    EXPECT_EQ(Cast(Value::String(" 12 "), TypeDesc::Varchar(10), T(LogicalType::kInt)), "12");
    EXPECT_EQ(Cast(Value::String("1.5"), TypeDesc::Varchar(10), T(LogicalType::kInt)),
              "error: '1.5' is not a valid INT");
    EXPECT_EQ(Cast(Value::String("2020-5-8"), TypeDesc::Varchar(10), T(LogicalType::kDate)),
              "2020-05-08");
    EXPECT_EQ(Cast(Value::String("abcd"), TypeDesc::Varchar(10), TypeDesc::Char(2)),
              "error: value 'abcd' (4 bytes) is longer than CHAR(2)");
    EXPECT_EQ(Cast(Value::String("[1]"), TypeDesc::Varchar(10), T(LogicalType::kJson)), "[1]");
}

TEST(CastTest, IntegersBecomeDecimalsExactly) {
    EXPECT_EQ(Cast(Value::Int(42), T(LogicalType::kInt), TypeDesc::Decimal(5, 2)), "42.00");
    EXPECT_EQ(Cast(Value::Int(1000), T(LogicalType::kInt), TypeDesc::Decimal(5, 2)),
              "error: '1000' is out of range for DECIMAL(5, 2)");
}

TEST(CastTest, DecimalsTruncateTowardZeroIntoIntegers) {
    EXPECT_EQ(Cast(Value::Decimal(27), TypeDesc::Decimal(5, 1), T(LogicalType::kInt)), "2");
    EXPECT_EQ(Cast(Value::Decimal(-27), TypeDesc::Decimal(5, 1), T(LogicalType::kInt)), "-2");
    EXPECT_EQ(Cast(Value::Decimal(3000), TypeDesc::Decimal(5, 1), T(LogicalType::kTinyInt)),
              "error: value 300.0 is out of range for TINYINT");
}

TEST(CastTest, DecimalsRescaleAndBecomeDoubles) {
    EXPECT_EQ(Cast(Value::Decimal(12'345), TypeDesc::Decimal(10, 3), TypeDesc::Decimal(10, 2)),
              "12.35");
    EXPECT_EQ(Cast(Value::Decimal(12'345), TypeDesc::Decimal(10, 3), T(LogicalType::kDouble)),
              "12.345");
}

TEST(CastTest, FloatsTruncateIntoIntegersWithinRange) {
    EXPECT_EQ(Cast(Value::Double(2.9), T(LogicalType::kDouble), T(LogicalType::kInt)), "2");
    EXPECT_EQ(Cast(Value::Double(-2.9), T(LogicalType::kDouble), T(LogicalType::kInt)), "-2");
    EXPECT_EQ(Cast(Value::Double(3e9), T(LogicalType::kDouble), T(LogicalType::kInt)),
              "error: value 3000000000 is out of range for INT");
    EXPECT_EQ(Cast(Value::Double(std::nan("")), T(LogicalType::kDouble), T(LogicalType::kBigInt)),
              "error: value nan is out of range for BIGINT");
    EXPECT_EQ(Cast(Value::Double(1e300), T(LogicalType::kDouble), T(LogicalType::kLargeInt)),
              "error: value 1e+300 is out of range for LARGEINT");
    EXPECT_EQ(Cast(Value::Float(0.1f), T(LogicalType::kFloat), TypeDesc::Decimal(5, 2)), "0.10");
    EXPECT_EQ(Cast(Value::Double(1e300), T(LogicalType::kDouble), T(LogicalType::kFloat)),
              "error: value 1e+300 is out of range for FLOAT");
}

TEST(CastTest, DatesAndDatetimesConvert) {
    EXPECT_EQ(Cast(Value::Date(18'390), T(LogicalType::kDate), T(LogicalType::kDateTime)),
              "2020-05-08 00:00:00");
    EXPECT_EQ(Cast(Value::DateTime(-1), T(LogicalType::kDateTime), T(LogicalType::kDate)),
              "1969-12-31");
}

TEST(CastTest, RefusesUnsupportedPairsByName) {
    EXPECT_EQ(Cast(Value::Date(0), T(LogicalType::kDate), T(LogicalType::kInt)),
              "error: cannot cast DATE to INT");
    EXPECT_EQ(Cast(Value::String("{}"), T(LogicalType::kJson), T(LogicalType::kInt)),
              "error: cannot cast JSON to INT");
}

}  // namespace
}  // namespace tributary
