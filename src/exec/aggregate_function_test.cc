// Specification of the aggregate functions: the result types ResolveAggregate gives (StarRocks'
// rules), and each state's Update / Merge / Finalize, NULL inputs, all-NULL groups, constant
// arguments and count(DISTINCT ...).
#include "exec/aggregate_function.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exec/exec_test_util.h"

namespace tributary {
namespace {

using namespace exec_test;  // NOLINT(build/namespaces): test helpers

using Ids = std::vector<uint32_t>;

// DECIMAL(10, 2) from its unscaled value (125 -> 1.25).
Value Cents(int64_t unscaled) { return Value::Decimal(unscaled); }

class AggregateFunctionTest : public ::testing::Test {
protected:
    static StatusOr<AggregateSignature> TryResolve(std::string_view name,
                                                   std::vector<TypeDesc> types,
                                                   bool distinct = false) {
        return ResolveAggregate(name, /*star=*/false, distinct, types);
    }
    static AggregateSignature Resolve(std::string_view name, std::vector<TypeDesc> types,
                                      bool distinct = false) {
        StatusOr<AggregateSignature> sig = TryResolve(name, std::move(types), distinct);
        EXPECT_TRUE(sig.ok()) << name << ": " << sig.status().ToString();
        return sig.ok() ? *sig : AggregateSignature{};
    }
    static AggregateSignature CountStar() {
        StatusOr<AggregateSignature> sig = ResolveAggregate("count", true, false, {});
        EXPECT_TRUE(sig.ok()) << sig.status().ToString();
        return *sig;
    }

    // A full (non-constant) argument column.
    static EvalColumn Arg(TypeDesc type, const std::vector<Value>& values, bool nullable = true) {
        ColumnPtr column = MakeColumn(type, nullable);
        for (const Value& v : values) {
            const Status st = AppendValue(column.get(), v);
            EXPECT_TRUE(st.ok()) << st.ToString();
        }
        return EvalColumn(std::move(column), /*is_constant=*/false);
    }

    // A state of `sig` that has seen row i of `args` in group groups[i].
    static std::unique_ptr<AggregateState> Fed(const AggregateSignature& sig,
                                               const std::vector<EvalColumn>& args,
                                               const Ids& groups, size_t num_groups) {
        std::unique_ptr<AggregateState> state = MakeAggregateState(sig);
        state->Resize(num_groups);
        state->Update(groups.data(), args, groups.size());
        return state;
    }

    // Finalize of groups [0, num_groups), each as text.
    static Rows Results(const AggregateSignature& sig, AggregateState& state, size_t num_groups) {
        ColumnPtr out = MakeColumn(sig.result_type, sig.nullable);
        const Status st = state.Finalize(num_groups, out.get());
        EXPECT_TRUE(st.ok()) << st.ToString();
        EXPECT_EQ(out->size(), num_groups);
        Rows rows;
        for (size_t g = 0; g < out->size(); ++g) rows.push_back(out->DebugString(g));
        return rows;
    }

    // Update then Finalize.
    static Rows Run(const AggregateSignature& sig, const std::vector<EvalColumn>& args,
                    const Ids& groups, size_t num_groups) {
        std::unique_ptr<AggregateState> state = Fed(sig, args, groups, num_groups);
        return Results(sig, *state, num_groups);
    }
    static Rows Run(const AggregateSignature& sig, EvalColumn arg, const Ids& groups,
                    size_t num_groups) {
        std::vector<EvalColumn> args;
        args.push_back(std::move(arg));
        return Run(sig, args, groups, num_groups);
    }

    // Two workers' states: `mine` over groups of this state, `theirs` merged in through `map`.
    static Rows Merged(const AggregateSignature& sig, const std::vector<Value>& mine,
                       const Ids& my_groups, const std::vector<Value>& theirs,
                       const Ids& their_groups, const Ids& map, size_t num_groups) {
        const TypeDesc type = sig.arg_types[0];
        std::vector<EvalColumn> a;
        a.push_back(Arg(type, mine));
        std::vector<EvalColumn> b;
        b.push_back(Arg(type, theirs));
        std::unique_ptr<AggregateState> total = Fed(sig, a, my_groups, num_groups);
        std::unique_ptr<AggregateState> other = Fed(sig, b, their_groups, map.size());
        total->Merge(*other, map);
        return Results(sig, *total, num_groups);
    }
};

// --- Result types -----------------------------------------------------------------------

TEST_F(AggregateFunctionTest, CountIsBigIntNotNull) {
    for (const AggregateSignature& sig : {CountStar(), Resolve("count", {Varchar()}),
                                          Resolve("count", {BigInt(), Varchar()}, true)}) {
        EXPECT_EQ(sig.result_type.ToSql(), BigInt().ToSql());
        EXPECT_FALSE(sig.nullable);
    }
}

TEST_F(AggregateFunctionTest, SumOfIntegersIsBigInt) {
    for (const TypeDesc& t : {TypeDesc::Of(LogicalType::kTinyInt), Int(), BigInt(), Boolean()}) {
        const AggregateSignature sig = Resolve("sum", {t});
        EXPECT_EQ(sig.result_type.ToSql(), BigInt().ToSql()) << t.ToSql();
        EXPECT_TRUE(sig.nullable);
    }
    EXPECT_EQ(Resolve("sum", {LargeInt()}).result_type.ToSql(), LargeInt().ToSql());
    EXPECT_EQ(Resolve("sum", {TypeDesc::Of(LogicalType::kFloat)}).result_type.ToSql(),
              Double().ToSql());
}

TEST_F(AggregateFunctionTest, SumOfDecimalWidensToPrecision38KeepingScale) {
    EXPECT_EQ(Resolve("sum", {Decimal(10, 2)}).result_type.ToSql(), Decimal(38, 2).ToSql());
}

TEST_F(AggregateFunctionTest, AvgOfDecimalTakesTheDivisionScale) {
    EXPECT_EQ(Resolve("avg", {Decimal(10, 2)}).result_type.ToSql(), Decimal(38, 8).ToSql());
    EXPECT_EQ(Resolve("avg", {Decimal(20, 9)}).result_type.ToSql(), Decimal(38, 12).ToSql());
}

TEST_F(AggregateFunctionTest, AvgOfIntegersIsDouble) {
    EXPECT_EQ(Resolve("avg", {BigInt()}).result_type.ToSql(), Double().ToSql());
}

TEST_F(AggregateFunctionTest, MinAndMaxKeepTheArgumentType) {
    for (const TypeDesc& t : {Varchar(20), Date(), Decimal(10, 2), Double()}) {
        EXPECT_EQ(Resolve("min", {t}).result_type.ToSql(), t.ToSql());
        EXPECT_EQ(Resolve("max", {t}).result_type.ToSql(), t.ToSql());
    }
}

TEST_F(AggregateFunctionTest, RefusesSumOfVarchar) {
    StatusOr<AggregateSignature> sig = TryResolve("sum", {Varchar(20)});
    ASSERT_FALSE(sig.ok());
    EXPECT_EQ(sig.status().code(), Status::Code::kInvalidArgument);
    EXPECT_THAT(std::string(sig.status().message()), ::testing::HasSubstr("not supported"));
}

TEST_F(AggregateFunctionTest, RefusesDistinctOtherThanCount) {
    StatusOr<AggregateSignature> sig = TryResolve("sum", {BigInt()}, /*distinct=*/true);
    ASSERT_FALSE(sig.ok());
    EXPECT_EQ(sig.status().code(), Status::Code::kNotSupported);
}

TEST_F(AggregateFunctionTest, RefusesCountWithoutArgument) {
    EXPECT_FALSE(TryResolve("count", {}).ok());
}

TEST_F(AggregateFunctionTest, RefusesUnknownFunction) {
    EXPECT_FALSE(TryResolve("median", {BigInt()}).ok());
}

// --- count ------------------------------------------------------------------------------

TEST_F(AggregateFunctionTest, CountStarCountsEveryRowIncludingNulls) {
    EXPECT_EQ(Run(CountStar(), std::vector<EvalColumn>{}, {0, 1, 0, 0}, 3), (Rows{"3", "1", "0"}));
}

TEST_F(AggregateFunctionTest, CountSkipsNullsAndGivesZeroForAllNullGroups) {
    EXPECT_EQ(Run(Resolve("count", {BigInt()}),
                  Arg(BigInt(), {Value::BigInt(1), Value::Null(), Value::BigInt(3), Value::Null()}),
                  {0, 0, 0, 1}, 2),
              (Rows{"2", "0"}));
}

TEST_F(AggregateFunctionTest, CountOfAConstantCountsEveryRowAndOfNullNone) {
    const AggregateSignature sig = Resolve("count", {BigInt()});
    EXPECT_EQ(Run(sig, MakeConstant(BigInt(), Value::BigInt(7)), {0, 1, 1}, 2), (Rows{"1", "2"}));
    EXPECT_EQ(Run(sig, MakeConstant(BigInt(), Value::Null()), {0, 1, 1}, 2), (Rows{"0", "0"}));
}

TEST_F(AggregateFunctionTest, CountMergeAddsTheOtherWorkersCounts) {
    EXPECT_EQ(Merged(Resolve("count", {BigInt()}), {Value::BigInt(1), Value::BigInt(2)}, {0, 1},
                     {Value::BigInt(1), Value::Null(), Value::BigInt(5)}, {0, 1, 2}, {1, 0, 2}, 3),
              (Rows{"1", "2", "1"}));
}

// --- sum / avg --------------------------------------------------------------------------

TEST_F(AggregateFunctionTest, SumSkipsNullsAndIsNullForAllNullGroups) {
    EXPECT_EQ(Run(Resolve("sum", {Int()}),
                  Arg(Int(), {Value::Int(1), Value::Null(), Value::Int(-4), Value::Null()}),
                  {0, 0, 0, 1}, 3),
              (Rows{"-3", "NULL", "NULL"}));
}

TEST_F(AggregateFunctionTest, SumOfAConstantAddsItOncePerRow) {
    const AggregateSignature sig = Resolve("sum", {BigInt()});
    EXPECT_EQ(Run(sig, MakeConstant(BigInt(), Value::BigInt(5)), {0, 0, 1}, 2), (Rows{"10", "5"}));
    EXPECT_EQ(Run(sig, MakeConstant(BigInt(), Value::Null()), {0, 0, 1}, 2),
              (Rows{"NULL", "NULL"}));
}

TEST_F(AggregateFunctionTest, SumOfDecimalKeepsTheScale) {
    EXPECT_EQ(Run(Resolve("sum", {Decimal(10, 2)}),
                  Arg(Decimal(10, 2), {Cents(125), Cents(250), Cents(-1)}), {0, 0, 0}, 1),
              (Rows{"3.74"}));
}

TEST_F(AggregateFunctionTest, SumMergeKeepsGroupsNullOnlyWhenNullInBothWorkers) {
    // Group 0: 1 here, NULL there. Group 1: NULL here, 5 there. Group 2: NULL in both.
    EXPECT_EQ(Merged(Resolve("sum", {BigInt()}), {Value::BigInt(1), Value::Null(), Value::Null()},
                     {0, 1, 2}, {Value::Null(), Value::BigInt(5), Value::Null()}, {0, 1, 2},
                     {0, 1, 2}, 3),
              (Rows{"1", "5", "NULL"}));
}

TEST_F(AggregateFunctionTest, AvgOfIntegersDividesInDouble) {
    EXPECT_EQ(Run(Resolve("avg", {BigInt()}),
                  Arg(BigInt(), {Value::BigInt(1), Value::BigInt(2), Value::Null()}), {0, 0, 1}, 2),
              (Rows{"1.5", "NULL"}));
}

TEST_F(AggregateFunctionTest, AvgOfDecimalRoundsHalfAwayFromZeroAtTheDivisionScale) {
    // (1.00 + 1.00 + 2.00) / 3 and (-1.00 - 1.00 + 0.00) / 3, at scale 8.
    EXPECT_EQ(Run(Resolve("avg", {Decimal(10, 2)}),
                  Arg(Decimal(10, 2),
                      {Cents(100), Cents(100), Cents(200), Cents(-100), Cents(-100), Cents(0)}),
                  {0, 0, 0, 1, 1, 1}, 2),
              (Rows{"1.33333333", "-0.66666667"}));
}

TEST_F(AggregateFunctionTest, AvgMergeDividesTheTotalSumByTheTotalCount) {
    // 1 here; 2 and 6 there: 3, not the average of the two averages (2.5).
    EXPECT_EQ(Merged(Resolve("avg", {BigInt()}), {Value::BigInt(1)}, {0},
                     {Value::BigInt(2), Value::BigInt(6)}, {0, 0}, {0}, 1),
              (Rows{"3"}));
}

// --- min / max --------------------------------------------------------------------------

TEST_F(AggregateFunctionTest, MinAndMaxSkipNullsAndAreNullForAllNullGroups) {
    const std::vector<Value> values = {Value::BigInt(3), Value::Null(), Value::BigInt(-2),
                                       Value::Null()};
    const Ids groups = {0, 0, 0, 1};
    EXPECT_EQ(Run(Resolve("min", {BigInt()}), Arg(BigInt(), values), groups, 2),
              (Rows{"-2", "NULL"}));
    EXPECT_EQ(Run(Resolve("max", {BigInt()}), Arg(BigInt(), values), groups, 2),
              (Rows{"3", "NULL"}));
}

TEST_F(AggregateFunctionTest, MinAndMaxOfStringsCompareBytes) {
    const std::vector<Value> values = {Value::String("pear"), Value::String("Apple"), Value::Null(),
                                       Value::String("apple"), Value::String("")};
    const Ids groups = {0, 0, 0, 0, 1};
    EXPECT_EQ(Run(Resolve("min", {Varchar()}), Arg(Varchar(), values), groups, 2),
              (Rows{"Apple", ""}));
    EXPECT_EQ(Run(Resolve("max", {Varchar()}), Arg(Varchar(), values), groups, 2),
              (Rows{"pear", ""}));
}

TEST_F(AggregateFunctionTest, MinAndMaxOfAConstant) {
    EXPECT_EQ(Run(Resolve("max", {BigInt()}), MakeConstant(BigInt(), Value::BigInt(4)), {0, 1}, 3),
              (Rows{"4", "4", "NULL"}));
}

TEST_F(AggregateFunctionTest, MinAndMaxMergeKeepTheExtreme) {
    EXPECT_EQ(
        Merged(Resolve("min", {Varchar()}), {Value::String("b"), Value::Null()}, {0, 1},
               {Value::String("a"), Value::String("c"), Value::Null()}, {0, 1, 2}, {0, 1, 2}, 3),
        (Rows{"a", "c", "NULL"}));
    EXPECT_EQ(Merged(Resolve("max", {BigInt()}), {Value::BigInt(2), Value::Null()}, {0, 1},
                     {Value::BigInt(1), Value::BigInt(9)}, {0, 1}, {0, 1}, 2),
              (Rows{"2", "9"}));
}

// --- count(DISTINCT ...) ----------------------------------------------------------------

TEST_F(AggregateFunctionTest, CountDistinctCountsDistinctNonNullValues) {
    EXPECT_EQ(Run(Resolve("count", {BigInt()}, true),
                  Arg(BigInt(), {Value::BigInt(0), Value::BigInt(1), Value::BigInt(0),
                                 Value::Null(), Value::BigInt(-1), Value::Null()}),
                  {0, 0, 0, 0, 0, 1}, 2),
              (Rows{"3", "0"}));
}

TEST_F(AggregateFunctionTest, CountDistinctTreatsNegativeZeroAsZero) {
    EXPECT_EQ(Run(Resolve("count", {Double()}, true),
                  Arg(Double(), {Value::Double(-0.0), Value::Double(0.0), Value::Double(1)}),
                  {0, 0, 0}, 1),
              (Rows{"2"}));
}

TEST_F(AggregateFunctionTest, CountDistinctOfStringsCountsTheEmptyStringButNotNull) {
    EXPECT_EQ(Run(Resolve("count", {Varchar()}, true),
                  Arg(Varchar(),
                      {Value::String(""), Value::Null(), Value::String("a"), Value::String("")}),
                  {0, 0, 0, 0}, 1),
              (Rows{"2"}));
}

TEST_F(AggregateFunctionTest, CountDistinctOfDecimalsUsesAllBits) {
    // Unscaled values differing only above bit 64.
    const int128_t high = static_cast<int128_t>(1) << 70;
    EXPECT_EQ(Run(Resolve("count", {Decimal(38, 0)}, true),
                  Arg(Decimal(38, 0), {Value::Decimal(high), Value::Decimal(high + 1),
                                       Value::Decimal(2 * high), Value::Decimal(high)}),
                  {0, 0, 0, 0}, 1),
              (Rows{"3"}));
}

TEST_F(AggregateFunctionTest, CountDistinctOfTuplesSkipsTuplesWithANull) {
    std::vector<EvalColumn> args;
    args.push_back(Arg(BigInt(), {Value::BigInt(1), Value::BigInt(1), Value::BigInt(1),
                                  Value::Null(), Value::BigInt(2), Value::Null()}));
    args.push_back(Arg(Varchar(), {Value::String("x"), Value::String("x"), Value::Null(),
                                   Value::String("x"), Value::String("x"), Value::Null()}));
    EXPECT_EQ(Run(Resolve("count", {BigInt(), Varchar()}, true), args, {0, 0, 0, 0, 0, 1}, 2),
              (Rows{"2", "0"}));
}

TEST_F(AggregateFunctionTest, CountDistinctOfTuplesKeepsValueBoundaries) {
    std::vector<EvalColumn> args;
    args.push_back(Arg(Varchar(), {Value::String("ab"), Value::String("a")}));
    args.push_back(Arg(Varchar(), {Value::String("c"), Value::String("bc")}));
    EXPECT_EQ(Run(Resolve("count", {Varchar(), Varchar()}, true), args, {0, 0}, 1), (Rows{"2"}));
}

// Tuples are keyed by their values' text, in which -0.0 ("-0") and 0.0 ("0") differ; they must
// still count once, as in count(DISTINCT d) and GROUP BY d, s.
TEST_F(AggregateFunctionTest, CountDistinctOfTuplesTreatsNegativeZeroAsZero) {
    std::vector<EvalColumn> args;
    args.push_back(Arg(Double(), {Value::Double(-0.0), Value::Double(0.0)}));
    args.push_back(Arg(Varchar(), {Value::String("x"), Value::String("x")}));
    EXPECT_EQ(Run(Resolve("count", {Double(), Varchar()}, true), args, {0, 0}, 1), (Rows{"1"}));
}

TEST_F(AggregateFunctionTest, CountDistinctOfAConstantCountsOneValuePerGroupWithRows) {
    EXPECT_EQ(Run(Resolve("count", {BigInt()}, true), MakeConstant(BigInt(), Value::BigInt(3)),
                  {0, 0, 1}, 3),
              (Rows{"1", "1", "0"}));
}

TEST_F(AggregateFunctionTest, CountDistinctMergeUnionsTheSets) {
    // Group 0: {1, 2} here, {2, 3} there. Group 1: {} here, {0} there.
    EXPECT_EQ(Merged(Resolve("count", {BigInt()}, true),
                     {Value::BigInt(1), Value::BigInt(2), Value::Null()}, {0, 0, 1},
                     {Value::BigInt(2), Value::BigInt(3), Value::BigInt(0)}, {0, 0, 1}, {0, 1}, 2),
              (Rows{"3", "1"}));
    EXPECT_EQ(Merged(Resolve("count", {Varchar()}, true), {Value::String("a"), Value::String("b")},
                     {0, 0}, {Value::String("b"), Value::String("c")}, {0, 0}, {0}, 1),
              (Rows{"3"}));
}

}  // namespace
}  // namespace tributary
