#include "types/value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "types/int128.h"

namespace tributary {
namespace {

TEST(ValueTest, NullIsDefaultAndSortsFirst) {
    Value null = Value::Null();
    EXPECT_TRUE(null.is_null());
    EXPECT_TRUE(Value().is_null());
    EXPECT_LT(Compare(null, Value::Int(INT32_MIN)), 0);
    EXPECT_GT(Compare(Value::Int(INT32_MIN), null), 0);
    EXPECT_EQ(Compare(null, Value::Null()), 0);
    EXPECT_EQ(null.Format(TypeDesc::Of(LogicalType::kInt)), "NULL");
}

TEST(ValueTest, TypedAccessorsReturnThePhysicalValue) {
    EXPECT_EQ(Value::Int(7).Get<LogicalType::kInt>(), 7);
    EXPECT_EQ(Value::Date(18'390).Get<LogicalType::kDate>(), 18'390);
    EXPECT_TRUE(Value::Date(1).Holds<LogicalType::kInt>());  // same physical type
    EXPECT_FALSE(Value::BigInt(1).Holds<LogicalType::kInt>());
    EXPECT_EQ(Value::String("x").Get<LogicalType::kJson>(), "x");
    EXPECT_EQ(Value::Boolean(true).Get<LogicalType::kBoolean>(), 1);
}

TEST(ValueTest, FormatsEveryTypeAsTheMysqlTextProtocolDoes) {
    EXPECT_EQ(Value::Boolean(true).Format(TypeDesc::Of(LogicalType::kBoolean)), "1");
    EXPECT_EQ(Value::TinyInt(-128).Format(TypeDesc::Of(LogicalType::kTinyInt)), "-128");
    EXPECT_EQ(Value::SmallInt(32'767).Format(TypeDesc::Of(LogicalType::kSmallInt)), "32767");
    EXPECT_EQ(Value::BigInt(INT64_MIN).Format(TypeDesc::Of(LogicalType::kBigInt)),
              "-9223372036854775808");
    EXPECT_EQ(Value::LargeInt(kInt128Min).Format(TypeDesc::Of(LogicalType::kLargeInt)),
              "-170141183460469231731687303715884105728");
    EXPECT_EQ(Value::Decimal(-5).Format(TypeDesc::Decimal(10, 2)), "-0.05");
    EXPECT_EQ(Value::Date(18'390).Format(TypeDesc::Of(LogicalType::kDate)), "2020-05-08");
    EXPECT_EQ(Value::DateTime(0).Format(TypeDesc::Of(LogicalType::kDateTime)),
              "1970-01-01 00:00:00");
    EXPECT_EQ(Value::Double(895).Format(TypeDesc::Of(LogicalType::kDouble)), "895");
    EXPECT_EQ(Value::Float(0.1f).Format(TypeDesc::Of(LogicalType::kFloat)), "0.1");
    EXPECT_EQ(Value::String("héllo").Format(TypeDesc::Varchar(10)), "héllo");
}

TEST(ValueTest, FormatsDoublesInShortestRoundTripForm) {
    EXPECT_EQ(FormatDouble(895.0), "895");
    EXPECT_EQ(FormatDouble(0.1), "0.1");
    EXPECT_EQ(FormatDouble(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(FormatDouble(-123456.789), "-123456.789");
    EXPECT_EQ(FormatDouble(1e15), "1000000000000000");
    EXPECT_EQ(FormatDouble(1e16), "1e+16");
    EXPECT_EQ(FormatDouble(1e20), "1e+20");
    EXPECT_EQ(FormatDouble(1.5e-8), "1.5e-08");
    EXPECT_EQ(FormatDouble(1e-7), "0.0000001");
    EXPECT_EQ(FormatDouble(-2.5e300), "-2.5e+300");
    EXPECT_EQ(FormatDouble(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
    EXPECT_EQ(FormatDouble(std::numeric_limits<double>::denorm_min()), "5e-324");
    EXPECT_EQ(FormatDouble(0.0), "0");
    EXPECT_EQ(FormatDouble(-0.0), "-0");
    EXPECT_EQ(FormatDouble(std::numeric_limits<double>::infinity()), "inf");
    EXPECT_EQ(FormatDouble(-std::numeric_limits<double>::infinity()), "-inf");
    EXPECT_EQ(FormatDouble(std::nan("")), "nan");
}

TEST(ValueTest, FormatsFloatsWithFloatPrecision) {
    EXPECT_EQ(FormatFloat(0.1f), "0.1");
    EXPECT_EQ(FormatFloat(3.4028235e38f), "3.4028235e+38");
    EXPECT_EQ(FormatFloat(16777216.0f), "16777216");
}

TEST(ValueTest, ComparesNumbersByValue) {
    EXPECT_LT(Compare(Value::Int(-1), Value::Int(1)), 0);
    EXPECT_EQ(Compare(Value::BigInt(5), Value::BigInt(5)), 0);
    EXPECT_GT(Compare(Value::LargeInt(kInt128Max), Value::LargeInt(kInt128Min)), 0);
    EXPECT_LT(Compare(Value::Decimal(-100), Value::Decimal(1)), 0);
    EXPECT_LT(Compare(Value::Date(-1), Value::Date(0)), 0);
}

TEST(ValueTest, OrdersFloatingPointTotally) {
    const double nan = std::nan("");
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_EQ(Compare(Value::Double(-0.0), Value::Double(0.0)), 0);
    EXPECT_LT(Compare(Value::Double(inf), Value::Double(nan)), 0);
    EXPECT_EQ(Compare(Value::Double(nan), Value::Double(nan)), 0);
    EXPECT_LT(Compare(Value::Double(-inf), Value::Double(-1e308)), 0);
    EXPECT_LT(Compare(Value::Null(), Value::Double(nan)), 0);
}

TEST(ValueTest, ComparesStringsByUnsignedBytes) {
    EXPECT_LT(Compare(Value::String("a"), Value::String("b")), 0);
    EXPECT_LT(Compare(Value::String("ab"), Value::String("abc")), 0);
    EXPECT_LT(Compare(Value::String("z"), Value::String("\xC3\xA9")), 0);  // 'z' < 'é'
    EXPECT_EQ(Compare(Value::String(""), Value::String("")), 0);
}

}  // namespace
}  // namespace tributary
