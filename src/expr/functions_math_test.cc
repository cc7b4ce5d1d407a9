#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "expr/function_test_util.h"

namespace tributary {
namespace {

using namespace function_test;

std::string TypeName(LogicalType t) { return TypeDesc::Of(t).ToSql(); }

// --- abs ------------------------------------------------------------------------------------

TEST(MathFunctionsTest, AbsOfFloatingPointAndDecimalKeepsTheType) {
    EXPECT_EQ(Eval("abs", {Dbl(-1.5)}), "1.5");
    EXPECT_EQ(ResultType("abs", {Dbl(-1.5)}), "double");
    EXPECT_EQ(Eval("abs", {Dec("-3.14", 3, 2)}), "3.14");
    EXPECT_EQ(ResultType("abs", {Dec("-3.14", 3, 2)}), "decimal(3, 2)");
}

TEST(MathFunctionsTest, AbsWidensIntegersSoTheMinimumFits) {
    EXPECT_EQ(Eval("abs", {Int8(-128)}), "128");
    EXPECT_EQ(ResultType("abs", {Int8(-128)}), TypeName(LogicalType::kSmallInt));
    EXPECT_EQ(ResultType("abs", {Int32(-1)}), TypeName(LogicalType::kBigInt));
    EXPECT_EQ(Eval("abs", {Int64(INT64_MIN)}), "9223372036854775808");
    EXPECT_EQ(ResultType("abs", {Int64(-1)}), TypeName(LogicalType::kLargeInt));
}

TEST(MathFunctionsTest, AbsParsesText) {
    EXPECT_EQ(Eval("abs", {Str("-2")}), "2");
    EXPECT_EQ(Eval("abs", {Str("minus two")}), "NULL");
}

TEST(MathFunctionsTest, AbsRejectsNonNumbers) {
    EXPECT_EQ(Eval("abs", {Date("2020-01-01")}), "ERROR: abs expects a number, got date");
    EXPECT_EQ(Eval("abs", {}), "ERROR: abs expects 1 argument, got 0");
}

TEST(MathFunctionsTest, AbsOverColumns) {
    EXPECT_EQ(EvalRows("abs", {Int64s({-3, std::nullopt, 4})}), (Rows{"3", "NULL", "4"}));
}

// --- round / truncate / floor / ceil --------------------------------------------------------

TEST(MathFunctionsTest, RoundOfADoubleGivesABigint) {
    EXPECT_EQ(Eval("round", {Dbl(3.14)}), "3");
    EXPECT_EQ(Eval("round", {Dbl(-1.58)}), "-2");
    EXPECT_EQ(ResultType("round", {Dbl(3.14)}), TypeName(LogicalType::kBigInt));
    EXPECT_EQ(Eval("round", {Dbl(1e300)}), "NULL");
}

TEST(MathFunctionsTest, RoundGoesHalfAwayFromZero) {
    EXPECT_EQ(Eval("round", {Dbl(2.5)}), "3");
    EXPECT_EQ(Eval("round", {Dbl(-2.5)}), "-3");
    EXPECT_EQ(Eval("round", {Dec("-2.5", 2, 1)}), "-3");
    EXPECT_EQ(Eval("round", {Int64(-125), Int64(-1)}), "-130");
}

TEST(MathFunctionsTest, RoundToDigitsKeepsADouble) {
    EXPECT_EQ(Eval("round", {Dbl(3.14159), Int64(2)}), "3.14");
    EXPECT_EQ(Eval("round", {Dbl(1.298), Int64(1)}), "1.3");
    EXPECT_EQ(ResultType("round", {Dbl(1.298), Int64(1)}), "double");
}

TEST(MathFunctionsTest, RoundToNegativeDigitsRoundsLeftOfThePoint) {
    EXPECT_EQ(Eval("round", {Dbl(13.14), Int64(-1)}), "10");
    EXPECT_EQ(Eval("round", {Dbl(122.14), Int64(-2)}), "100");
    EXPECT_EQ(Eval("round", {Dbl(122.14), Int64(-3)}), "0");
    EXPECT_EQ(Eval("round", {Dbl(23.298), Int64(-1)}), "20");
}

TEST(MathFunctionsTest, RoundOfADecimalStaysDecimal) {
    EXPECT_EQ(Eval("round", {Dec("3.14", 3, 2)}), "3");
    EXPECT_EQ(ResultType("round", {Dec("3.14", 3, 2)}), "decimal(2, 0)");
    EXPECT_EQ(Eval("round", {Dec("2.675", 4, 3), Int64(2)}), "2.68");
    EXPECT_EQ(ResultType("round", {Dec("2.675", 4, 3), Int64(2)}), "decimal(4, 2)");
    EXPECT_EQ(Eval("round", {Dec("9.99", 3, 2), Int64(1)}), "10.0");
    EXPECT_EQ(Eval("round", {Dec("123.45", 5, 2), Int64(-2)}), "100");
    // More places than the scale widen it, as StarRocks and MySQL print round(1.5, 5).
    EXPECT_EQ(Eval("round", {Dec("1.5", 2, 1), Int64(5)}), "1.50000");
}

TEST(MathFunctionsTest, RoundOfADecimalWithPerRowDigitsKeepsTheScale) {
    EXPECT_EQ(EvalRows("round", {Const(Dec("1.298", 4, 3)), Int64s({1, 0, -1, std::nullopt})}),
              (Rows{"1.300", "1.000", "0.000", "NULL"}));
}

TEST(MathFunctionsTest, RoundOfAnIntegerStaysAnInteger) {
    EXPECT_EQ(Eval("round", {Int32(7)}), "7");
    EXPECT_EQ(ResultType("round", {Int32(7)}), TypeName(LogicalType::kBigInt));
    EXPECT_EQ(Eval("round", {Int64(125), Int64(-1)}), "130");
    EXPECT_EQ(Eval("round", {Int64(125), Int64(2)}), "125");
    EXPECT_EQ(Eval("round", {Int64(INT64_MAX), Int64(-1)}), "NULL");
}

TEST(MathFunctionsTest, TruncateDropsDigitsTowardZero) {
    EXPECT_EQ(Eval("truncate", {Dbl(3.14), Int64(1)}), "3.1");
    EXPECT_EQ(Eval("truncate", {Dbl(-3.99), Int64(0)}), "-3");
    EXPECT_EQ(Eval("truncate", {Dec("3.149", 4, 3), Int64(2)}), "3.14");
    EXPECT_EQ(ResultType("truncate", {Dec("3.149", 4, 3), Int64(2)}), "decimal(3, 2)");
    EXPECT_EQ(Eval("truncate", {Dec("-3.149", 4, 3), Int64(1)}), "-3.1");
    EXPECT_EQ(Eval("truncate", {Int64(129), Int64(-1)}), "120");
}

TEST(MathFunctionsTest, TruncateNeedsTheDigits) {
    EXPECT_EQ(Eval("truncate", {Dbl(3.14)}), "ERROR: truncate expects 2 arguments, got 1");
}

TEST(MathFunctionsTest, FloorAndCeilGiveBigints) {
    EXPECT_EQ(Eval("floor", {Dbl(3.14)}), "3");
    EXPECT_EQ(Eval("floor", {Dbl(-3.14)}), "-4");
    EXPECT_EQ(Eval("ceil", {Dbl(3.14)}), "4");
    EXPECT_EQ(Eval("ceiling", {Dbl(-3.14)}), "-3");
    EXPECT_EQ(ResultType("floor", {Dbl(3.14)}), TypeName(LogicalType::kBigInt));
    EXPECT_EQ(Eval("floor", {Str("2.5")}), "2");
    EXPECT_EQ(Eval("floor", {Int64(5)}), "5");
}

TEST(MathFunctionsTest, FloorAndCeilOfADecimalAreExact) {
    EXPECT_EQ(Eval("floor", {Dec("-3.5", 2, 1)}), "-4");
    EXPECT_EQ(Eval("ceil", {Dec("-3.5", 2, 1)}), "-3");
    EXPECT_EQ(Eval("ceil", {Dec("3.01", 3, 2)}), "4");
    EXPECT_EQ(Eval("floor", {Dec("99999999999999999999.5", 21, 1)}), "NULL");
}

TEST(MathFunctionsTest, FloorIsNullOutsideTheBigintRange) {
    EXPECT_EQ(Eval("floor", {Dbl(1e300)}), "NULL");
    EXPECT_EQ(Eval("ceil", {Dbl(std::nan(""))}), "NULL");
}

TEST(MathFunctionsTest, FloorOverColumns) {
    EXPECT_EQ(EvalRows("floor", {Doubles({1.5, std::nullopt, -0.5})}), (Rows{"1", "NULL", "-1"}));
}

// --- floating-point functions ---------------------------------------------------------------

TEST(MathFunctionsTest, ElementaryFunctions) {
    EXPECT_EQ(Eval("sqrt", {Dbl(4)}), "2");
    EXPECT_EQ(Eval("sqrt", {Int64(2)}), "1.4142135623730951");
    EXPECT_EQ(Eval("exp", {Int64(0)}), "1");
    EXPECT_EQ(Eval("ln", {Int64(1)}), "0");
    EXPECT_EQ(Eval("log10", {Int64(100)}), "2");
    EXPECT_EQ(Eval("log2", {Int64(8)}), "3");
    EXPECT_EQ(Eval("log", {Int64(10)}), "2.302585092994046");
    EXPECT_EQ(Eval("log", {Int64(2), Int64(8)}), "3");
    EXPECT_EQ(Eval("pow", {Int64(2), Int64(10)}), "1024");
    EXPECT_EQ(Eval("power", {Dbl(4), Dbl(0.5)}), "2");
    EXPECT_EQ(Eval("degrees", {Dbl(std::numbers::pi)}), "180");
    EXPECT_EQ(Eval("sin", {Int64(0)}), "0");
    EXPECT_EQ(ResultType("sqrt", {Int64(2)}), "double");
}

TEST(MathFunctionsTest, ResultsThatAreNotRealNumbersAreNull) {
    EXPECT_EQ(Eval("sqrt", {Dbl(-1)}), "NULL");
    EXPECT_EQ(Eval("ln", {Int64(0)}), "NULL");
    EXPECT_EQ(Eval("log10", {Int64(-5)}), "NULL");
    EXPECT_EQ(Eval("asin", {Int64(2)}), "NULL");
    EXPECT_EQ(Eval("exp", {Int64(1000)}), "NULL");
    EXPECT_EQ(Eval("pow", {Dbl(-8), Dbl(0.5)}), "NULL");
}

TEST(MathFunctionsTest, LogIsNullForAnInvalidBase) {
    EXPECT_EQ(Eval("log", {Int64(1), Int64(8)}), "NULL");
    EXPECT_EQ(Eval("log", {Int64(0), Int64(8)}), "NULL");
    EXPECT_EQ(Eval("log", {Int64(-2), Int64(8)}), "NULL");
}

TEST(MathFunctionsTest, SignGivesAFloat) {
    EXPECT_EQ(Eval("sign", {Dbl(-3.2)}), "-1");
    EXPECT_EQ(Eval("sign", {Int64(0)}), "0");
    EXPECT_EQ(Eval("sign", {Dec("0.01", 3, 2)}), "1");
    EXPECT_EQ(ResultType("sign", {Dbl(1)}), "float");
}

TEST(MathFunctionsTest, PiAndE) {
    EXPECT_EQ(Eval("pi", {}), "3.141592653589793");
    EXPECT_EQ(Eval("e", {}), "2.718281828459045");
    EXPECT_EQ(Eval("pi", {Int64(1)}), "ERROR: pi expects 0 arguments, got 1");
}

TEST(MathFunctionsTest, FloatingPointFunctionsOverColumns) {
    EXPECT_EQ(EvalRows("sqrt", {Doubles({9, std::nullopt, -1})}), (Rows{"3", "NULL", "NULL"}));
    EXPECT_EQ(EvalRows("pow", {Doubles({2, 3, std::nullopt}), Const(Int64(2))}),
              (Rows{"4", "9", "NULL"}));
}

// --- mod / pmod -----------------------------------------------------------------------------

TEST(MathFunctionsTest, ModTakesTheSignOfTheDividend) {
    EXPECT_EQ(Eval("mod", {Int64(-11), Int64(5)}), "-1");
    EXPECT_EQ(Eval("mod", {Int64(11), Int64(-5)}), "1");
    EXPECT_EQ(Eval("mod", {Dec("3.14", 3, 2), Int64(3)}), "0.14");
}

TEST(MathFunctionsTest, ModByZeroIsNull) { EXPECT_EQ(Eval("mod", {Int64(5), Int64(0)}), "NULL"); }

TEST(MathFunctionsTest, PmodTakesTheSignOfTheDivisor) {
    EXPECT_EQ(Eval("pmod", {Int64(-7), Int64(3)}), "2");
    EXPECT_EQ(Eval("pmod", {Int64(7), Int64(-3)}), "-2");
    EXPECT_EQ(Eval("pmod", {Int64(7), Int64(3)}), "1");
    EXPECT_EQ(Eval("pmod", {Dbl(-7.5), Dbl(2)}), "0.5");
    EXPECT_EQ(Eval("pmod", {Int64(1), Int64(0)}), "NULL");
}

// --- greatest / least -----------------------------------------------------------------------

TEST(MathFunctionsTest, GreatestAndLeastPickAmongTheArguments) {
    EXPECT_EQ(Eval("greatest", {Int64(1), Int64(5), Int64(3)}), "5");
    EXPECT_EQ(Eval("least", {Int64(1), Int64(5), Int64(3)}), "1");
    EXPECT_EQ(Eval("greatest", {Str("apple"), Str("banana")}), "banana");
    EXPECT_EQ(Eval("least", {Date("2020-01-02"), Date("2019-12-31")}), "2019-12-31");
}

TEST(MathFunctionsTest, GreatestComparesInTheCommonType) {
    EXPECT_EQ(Eval("greatest", {Int64(1), Dbl(2.5)}), "2.5");
    EXPECT_EQ(ResultType("greatest", {Int64(1), Dbl(2.5)}), "double");
}

TEST(MathFunctionsTest, GreatestIsNullWhenAnyArgumentIsNull) {
    EXPECT_EQ(Eval("greatest", {Int64(1), Null(TypeDesc::Of(LogicalType::kBigInt))}), "NULL");
    EXPECT_EQ(EvalRows("greatest", {Int64s({1, std::nullopt, 7}), Const(Int64(5))}),
              (Rows{"5", "NULL", "7"}));
    EXPECT_EQ(EvalRows("least", {Strings({"b", "a", std::nullopt}), Strings({"a", "c", "z"})}),
              (Rows{"a", "a", "NULL"}));
}

}  // namespace
}  // namespace tributary
