// Specification of the binder and the core nodes: literals, columns, operators, AND / OR / NOT
// three-valued logic, IN, BETWEEN, CASE, casts, and constant folding.
#include "expr/expr_binder.h"

#include <gtest/gtest.h>

#include "column/value_append.h"
#include "expr/expr_nodes.h"
#include "sql/parser.h"

namespace tributary {
namespace {

// Columns a (BIGINT NULL), s (VARCHAR(20) NULL), d (DATE NOT NULL).
class TestScope : public BindScope {
public:
    StatusOr<BoundColumn> ResolveColumn(const ColumnRefExpr& ref) const override {
        if (ref.column == "a") return BoundColumn{0, TypeDesc::Of(LogicalType::kBigInt), true, "a"};
        if (ref.column == "s") return BoundColumn{1, TypeDesc::Varchar(20), true, "s"};
        if (ref.column == "d") return BoundColumn{2, TypeDesc::Of(LogicalType::kDate), false, "d"};
        return Status::NotFound("Unknown column '" + ref.column + "' in 'field list'",
                                ErrorCode::kBadFieldError);
    }
};

class ExprBinderTest : public ::testing::Test {
protected:
    ExprBinderTest() : ctx_(EvalContext::Default()) {
        ChunkSchema schema;
        schema.columns = {{"a", TypeDesc::Of(LogicalType::kBigInt), true},
                          {"s", TypeDesc::Varchar(20), true},
                          {"d", TypeDesc::Of(LogicalType::kDate), false}};
        chunk_ = Chunk(schema);
        AddRow(Value::BigInt(1), Value::String("apple"), Value::Date(18'000));
        AddRow(Value::Null(), Value::String("banana"), Value::Date(19'000));
        AddRow(Value::BigInt(-7), Value::Null(), Value::Date(19'500));
    }

    void AddRow(Value a, Value s, Value d) {
        ASSERT_TRUE(AppendValue(chunk_.column(0), a).ok());
        ASSERT_TRUE(AppendValue(chunk_.column(1), s).ok());
        ASSERT_TRUE(AppendValue(chunk_.column(2), d).ok());
    }

    StatusOr<ExprNodePtr> Bind(std::string_view sql) {
        auto parsed = ParseExpression(sql);
        if (!parsed.ok()) return parsed.status();
        return BindExpression(**parsed, scope_, ctx_);
    }

    // Each row's value as text ("NULL" for NULL).
    std::vector<std::string> Eval(std::string_view sql) {
        auto node = Bind(sql);
        EXPECT_TRUE(node.ok()) << sql << ": " << node.status().ToString();
        if (!node.ok()) return {};
        auto result = (*node)->Evaluate(chunk_, ctx_);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        std::vector<std::string> out;
        for (size_t i = 0; i < chunk_.num_rows(); ++i) {
            Value v = result->ValueAt(i);
            out.push_back(v.is_null() ? "NULL" : v.Format((*node)->type()));
        }
        return out;
    }

    using V = std::vector<std::string>;
    EvalContext ctx_;
    TestScope scope_;
    Chunk chunk_;
};

TEST_F(ExprBinderTest, ArithmeticPropagatesNull) {
    EXPECT_EQ(Eval("a + 1"), (V{"2", "NULL", "-6"}));
}

TEST_F(ExprBinderTest, IntegerDivisionGivesDoubleAndDivisionByZeroGivesNull) {
    EXPECT_EQ(Eval("a / 2"), (V{"0.5", "NULL", "-3.5"}));
    EXPECT_EQ(Eval("a / 0"), (V{"NULL", "NULL", "NULL"}));
    EXPECT_EQ(Eval("a % 0"), (V{"NULL", "NULL", "NULL"}));
}

TEST_F(ExprBinderTest, DecimalArithmeticKeepsScale) {
    EXPECT_EQ(Eval("1.25 + 1"), (V{"2.25", "2.25", "2.25"}));
    EXPECT_EQ(Eval("1.5 * 1.5"), (V{"2.25", "2.25", "2.25"}));
}

TEST_F(ExprBinderTest, ComparisonsWithNullAreNull) {
    EXPECT_EQ(Eval("a > 0"), (V{"1", "NULL", "0"}));
    EXPECT_EQ(Eval("a <=> NULL"), (V{"0", "1", "0"}));
}

TEST_F(ExprBinderTest, AndOrUseThreeValuedLogic) {
    EXPECT_EQ(Eval("a > 0 AND s = 'apple'"), (V{"1", "0", "0"}));  // FALSE wins over NULL
    EXPECT_EQ(Eval("a > 0 OR s = 'banana'"), (V{"1", "1", "NULL"}));
    EXPECT_EQ(Eval("NOT (a > 0)"), (V{"0", "NULL", "1"}));
}

TEST_F(ExprBinderTest, InListFollowsSqlNullRules) {
    EXPECT_EQ(Eval("a IN (1, 2)"), (V{"1", "NULL", "0"}));
    EXPECT_EQ(Eval("a NOT IN (1, NULL)"), (V{"0", "NULL", "NULL"}));
    EXPECT_EQ(Eval("s IN ('apple', 'kiwi')"), (V{"1", "0", "NULL"}));
}

TEST_F(ExprBinderTest, BetweenIsInclusive) {
    EXPECT_EQ(Eval("a BETWEEN -7 AND 1"), (V{"1", "NULL", "1"}));
    EXPECT_EQ(Eval("a NOT BETWEEN 0 AND 5"), (V{"0", "NULL", "1"}));
}

TEST_F(ExprBinderTest, DatesCompareWithStringConstants) {
    EXPECT_EQ(Eval("d >= '2022-01-01'"), (V{"0", "1", "1"}));
    EXPECT_EQ(Eval("d = DATE '2019-04-14'"), (V{"1", "0", "0"}));
}

TEST_F(ExprBinderTest, LikeMatchesCaseSensitively) {
    EXPECT_EQ(Eval("s LIKE 'b%'"), (V{"0", "1", "NULL"}));
    EXPECT_EQ(Eval("s LIKE '%an%'"), (V{"0", "1", "NULL"}));
    EXPECT_EQ(Eval("s LIKE 'A%'"), (V{"0", "0", "NULL"}));
    EXPECT_EQ(Eval("s NOT LIKE '_pple'"), (V{"0", "1", "NULL"}));
}

TEST_F(ExprBinderTest, CaseTakesTheFirstTrueBranch) {
    EXPECT_EQ(Eval("CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' END"),
              (V{"pos", "NULL", "neg"}));
    EXPECT_EQ(Eval("CASE a WHEN 1 THEN 10 ELSE 20 END"), (V{"10", "20", "20"}));
}

TEST_F(ExprBinderTest, IsNullAndIsTrueNeverReturnNull) {
    EXPECT_EQ(Eval("s IS NULL"), (V{"0", "0", "1"}));
    EXPECT_EQ(Eval("(a > 0) IS NOT TRUE"), (V{"0", "1", "1"}));
}

TEST_F(ExprBinderTest, CastOfUnparsableTextIsNull) {
    EXPECT_EQ(Eval("CAST(s AS INT)"), (V{"NULL", "NULL", "NULL"}));
    EXPECT_EQ(Eval("CAST('12' AS INT) + a"), (V{"13", "NULL", "5"}));
    EXPECT_EQ(Eval("CAST(d AS DATETIME)"),
              (V{"2019-04-14 00:00:00", "2022-01-08 00:00:00", "2023-05-23 00:00:00"}));
}

TEST_F(ExprBinderTest, ConstantSubtreesAreFolded) {
    auto node = Bind("1 + 2 * 3");
    ASSERT_TRUE(node.ok());
    ASSERT_TRUE(IsLiteral(**node));
    EXPECT_EQ(static_cast<const LiteralNode&>(**node).value().Format((*node)->type()), "7");
}

TEST_F(ExprBinderTest, UnknownColumnIsError1054) {
    auto node = Bind("nope + 1");
    ASSERT_FALSE(node.ok());
    EXPECT_EQ(node.status().error_code(), ErrorCode::kBadFieldError);
}

TEST_F(ExprBinderTest, UnknownFunctionIsError1305) {
    auto node = Bind("no_such_fn(a)");
    ASSERT_FALSE(node.ok());
    EXPECT_EQ(node.status().error_code(), ErrorCode::kSpDoesNotExist);
}

TEST_F(ExprBinderTest, AggregateOutsideAggregationIsError1111) {
    auto node = Bind("sum(a) + 1");
    ASSERT_FALSE(node.ok());
    EXPECT_EQ(node.status().error_code(), ErrorCode::kInvalidGroupFuncUse);
}

}  // namespace
}  // namespace tributary
