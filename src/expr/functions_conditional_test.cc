#include <gtest/gtest.h>

#include "expr/function_test_util.h"

namespace tributary {
namespace {

using namespace function_test;

TypeDesc BigIntType() { return TypeDesc::Of(LogicalType::kBigInt); }

// Whether the binding of `name` may be NULL when the arguments have these nullabilities.
bool BindsNullable(std::string_view name, const std::vector<std::pair<TypeDesc, bool>>& args) {
    std::vector<ArgInfo> infos;
    for (const auto& [type, nullable] : args) infos.push_back({type, nullable, nullptr});
    StatusOr<FunctionBinding> b = BindFunction(name, infos);
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    return b.ok() && b->nullable;
}

// --- if -------------------------------------------------------------------------------------

TEST(ConditionalFunctionsTest, IfChoosesByTheCondition) {
    EXPECT_EQ(Eval("if", {Bool(true), Int64(1), Int64(2)}), "1");
    EXPECT_EQ(Eval("if", {Bool(false), Int64(1), Int64(2)}), "2");
    EXPECT_EQ(Eval("if", {Bool(true), Str("yes"), Str("no")}), "yes");
}

TEST(ConditionalFunctionsTest, IfTreatsANullConditionAsFalse) {
    EXPECT_EQ(Eval("if", {Null(TypeDesc::Of(LogicalType::kBoolean)), Int64(1), Int64(2)}), "2");
}

TEST(ConditionalFunctionsTest, IfConvertsANumericCondition) {
    EXPECT_EQ(Eval("if", {Int64(5), Str("a"), Str("b")}), "a");
    EXPECT_EQ(Eval("if", {Int64(0), Str("a"), Str("b")}), "b");
}

TEST(ConditionalFunctionsTest, IfGivesTheCommonTypeOfItsBranches) {
    EXPECT_EQ(Eval("if", {Bool(true), Int64(1), Dbl(2.5)}), "1");
    EXPECT_EQ(ResultType("if", {Bool(true), Int64(1), Dbl(2.5)}), "double");
    EXPECT_EQ(Eval("if", {Bool(false), Date("2020-01-01"), DateTime("2020-01-02 03:04:05")}),
              "2020-01-02 03:04:05");
}

TEST(ConditionalFunctionsTest, IfIsNullWhenTheChosenBranchIsNull) {
    EXPECT_EQ(Eval("if", {Bool(true), Null(BigIntType()), Int64(2)}), "NULL");
    EXPECT_EQ(Eval("if", {Bool(false), Null(BigIntType()), Int64(2)}), "2");
    EXPECT_FALSE(BindsNullable("if", {{TypeDesc::Of(LogicalType::kBoolean), true},
                                      {BigIntType(), false},
                                      {BigIntType(), false}}));
}

TEST(ConditionalFunctionsTest, IfOverColumns) {
    EXPECT_EQ(EvalRows("if", {Bools({true, false, std::nullopt, true}),
                              Int64s({1, 2, 3, std::nullopt}), Const(Int64(0))}),
              (Rows{"1", "0", "0", "NULL"}));
    EXPECT_EQ(EvalRows("if", {Bools({true, false}), Strings({"a", "b"}), Strings({"x", "y"})}),
              (Rows{"a", "y"}));
}

TEST(ConditionalFunctionsTest, IfNeedsThreeArguments) {
    EXPECT_EQ(Eval("if", {Bool(true), Int64(1)}), "ERROR: if expects 3 arguments, got 2");
}

// --- ifnull / nvl / coalesce ----------------------------------------------------------------

TEST(ConditionalFunctionsTest, IfNullReplacesNull) {
    EXPECT_EQ(Eval("ifnull", {Null(BigIntType()), Int64(2)}), "2");
    EXPECT_EQ(Eval("ifnull", {Int64(1), Int64(2)}), "1");
    EXPECT_EQ(Eval("nvl", {NullStr(), Str("x")}), "x");
    EXPECT_EQ(Eval("ifnull", {Null(BigIntType()), Null(BigIntType())}), "NULL");
}

TEST(ConditionalFunctionsTest, IfNullIsNotNullableWhenEitherArgumentIsNot) {
    EXPECT_FALSE(BindsNullable("ifnull", {{BigIntType(), true}, {BigIntType(), false}}));
    EXPECT_FALSE(BindsNullable("ifnull", {{BigIntType(), false}, {BigIntType(), true}}));
    EXPECT_TRUE(BindsNullable("ifnull", {{BigIntType(), true}, {BigIntType(), true}}));
}

TEST(ConditionalFunctionsTest, IfNullOverColumns) {
    EXPECT_EQ(
        EvalRows("ifnull", {Int64s({1, std::nullopt, std::nullopt}), Int64s({9, 8, std::nullopt})}),
        (Rows{"1", "8", "NULL"}));
    EXPECT_EQ(EvalRows("ifnull", {Strings({std::nullopt, "a"}), Const(Str("-"))}),
              (Rows{"-", "a"}));
}

TEST(ConditionalFunctionsTest, CoalesceGivesTheFirstNonNullArgument) {
    EXPECT_EQ(Eval("coalesce", {Null(BigIntType()), Null(BigIntType()), Int64(3), Int64(4)}), "3");
    EXPECT_EQ(Eval("coalesce", {Int64(1)}), "1");
    EXPECT_EQ(Eval("coalesce", {Null(BigIntType()), Null(BigIntType())}), "NULL");
    EXPECT_EQ(Eval("coalesce", {NullStr(), Int64(7)}), "7");
}

TEST(ConditionalFunctionsTest, CoalesceIsNullableOnlyWhenEveryArgumentIs) {
    EXPECT_FALSE(BindsNullable(
        "coalesce", {{BigIntType(), true}, {BigIntType(), false}, {BigIntType(), true}}));
    EXPECT_TRUE(BindsNullable("coalesce", {{BigIntType(), true}, {BigIntType(), true}}));
}

TEST(ConditionalFunctionsTest, CoalesceOverColumns) {
    EXPECT_EQ(EvalRows("coalesce", {Int64s({1, std::nullopt, std::nullopt}),
                                    Int64s({std::nullopt, 2, std::nullopt}), Const(Int64(0))}),
              (Rows{"1", "2", "0"}));
}

TEST(ConditionalFunctionsTest, CoalesceNeedsAnArgument) {
    EXPECT_EQ(Eval("coalesce", {}), "ERROR: coalesce expects at least 1 argument, got 0");
}

// --- nullif ---------------------------------------------------------------------------------

TEST(ConditionalFunctionsTest, NullIfIsNullWhenTheArgumentsAreEqual) {
    EXPECT_EQ(Eval("nullif", {Int64(1), Int64(1)}), "NULL");
    EXPECT_EQ(Eval("nullif", {Int64(1), Int64(2)}), "1");
    EXPECT_EQ(Eval("nullif", {Str("a"), Str("a")}), "NULL");
    EXPECT_EQ(Eval("nullif", {Int64(1), Dbl(1.0)}), "NULL");
}

TEST(ConditionalFunctionsTest, NullIfWithNullArguments) {
    EXPECT_EQ(Eval("nullif", {Null(BigIntType()), Int64(1)}), "NULL");
    EXPECT_EQ(Eval("nullif", {Int64(1), Null(BigIntType())}), "1");
}

TEST(ConditionalFunctionsTest, NullIfOverColumns) {
    EXPECT_EQ(EvalRows("nullif", {Strings({"a", "b", std::nullopt}), Const(Str("a"))}),
              (Rows{"NULL", "b", "NULL"}));
}

// --- isnull ---------------------------------------------------------------------------------

TEST(ConditionalFunctionsTest, IsNullIsABooleanThatIsNeverNull) {
    EXPECT_EQ(Eval("isnull", {Null(BigIntType())}), "1");
    EXPECT_EQ(Eval("isnull", {Int64(1)}), "0");
    EXPECT_EQ(Eval("isnotnull", {Int64(1)}), "1");
    EXPECT_EQ(ResultType("isnull", {Int64(1)}), "boolean");
    EXPECT_FALSE(BindsNullable("isnull", {{BigIntType(), true}}));
}

TEST(ConditionalFunctionsTest, IsNullOverColumns) {
    EXPECT_EQ(EvalRows("isnull", {Strings({"a", std::nullopt})}), (Rows{"0", "1"}));
    EXPECT_EQ(EvalRows("isnotnull", {Int64s({1, std::nullopt})}), (Rows{"1", "0"}));
}

}  // namespace
}  // namespace tributary
