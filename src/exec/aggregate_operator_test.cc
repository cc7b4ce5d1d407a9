// Specification of AggregateOperator: GROUP BY with aggregates, per-worker partial results
// merged into the single-worker answer, global aggregation (one row even over no input), and
// DISTINCT without aggregates.
#include "exec/aggregate_operator.h"

#include <gtest/gtest.h>

#include "exec/exec_test_util.h"

namespace tributary {
namespace {

using namespace exec_test;  // NOLINT(build/namespaces): test helpers

class AggregateOperatorTest : public ::testing::Test {
protected:
    // g VARCHAR NULL, k BIGINT NULL, v BIGINT NULL, d DECIMAL(10, 2) NULL.
    const ChunkSchema input_{{Field("g", Varchar()), Field("k", BigInt()), Field("v", BigInt()),
                              Field("d", Decimal(10, 2))}};

    // The aggregate `name` over `args` (expressions over input_); count with no argument is
    // count(*).
    AggregateCall Call(std::string name, const std::vector<std::string>& args,
                       bool distinct = false) const {
        AggregateCall call;
        call.name = name;
        call.args = BindAll(args, input_);
        std::vector<TypeDesc> types;
        for (const ExprNodePtr& a : call.args) types.push_back(a->type());
        const bool star = args.empty();
        StatusOr<AggregateSignature> sig = ResolveAggregate(name, star, distinct, types);
        EXPECT_TRUE(sig.ok()) << sig.status().ToString();
        if (sig.ok()) call.signature = *sig;
        call.text = name + "(" + (distinct ? "DISTINCT " : "") + (star ? "*" : "");
        for (size_t i = 0; i < args.size(); ++i) call.text += (i > 0 ? ", " : "") + args[i];
        call.text += ")";
        return call;
    }

    // count(*), count(v), sum(v), min(g), max(v), avg(d), count(DISTINCT v % 100),
    // count(DISTINCT g, k).
    std::vector<AggregateCall> AllAggregates() const {
        std::vector<AggregateCall> calls;
        calls.push_back(Call("count", {}));
        calls.push_back(Call("count", {"v"}));
        calls.push_back(Call("sum", {"v"}));
        calls.push_back(Call("min", {"g"}));
        calls.push_back(Call("max", {"v"}));
        calls.push_back(Call("avg", {"d"}));
        calls.push_back(Call("count", {"v % 100"}, /*distinct=*/true));
        calls.push_back(Call("count", {"g", "k"}, /*distinct=*/true));
        return calls;
    }

    // GROUP BY `keys` over `source`.
    std::unique_ptr<AggregateOperator> Aggregate(std::unique_ptr<ChunksOperator> source,
                                                 const std::vector<std::string>& keys,
                                                 std::vector<AggregateCall> calls) const {
        return std::make_unique<AggregateOperator>(std::move(source), BindAll(keys, input_), keys,
                                                   std::move(calls), Ctx());
    }

    // Rows with NULLs sprinkled in every column, keys repeating.
    static std::vector<ValueRow> ManyRows(int64_t n) {
        std::vector<ValueRow> rows;
        for (int64_t i = 0; i < n; ++i) {
            rows.push_back(
                {i % 7 == 0 ? Value::Null() : Value::String("g" + std::to_string(i % 13)),
                 i % 11 == 0 ? Value::Null() : Value::BigInt(i % 17),
                 i % 5 == 0 ? Value::Null() : Value::BigInt(i),
                 i % 3 == 0 ? Value::Null() : Value::Decimal(i * 7)});
        }
        return rows;
    }
};

TEST_F(AggregateOperatorTest, GroupsRowsByKeyWithNullAsOneGroup) {
    auto source =
        Source(input_,
               {{Value::String("a"), Value::Null(), Value::BigInt(1), Value::Decimal(100)},
                {Value::String("a"), Value::Null(), Value::Null(), Value::Decimal(300)},
                {Value::Null(), Value::Null(), Value::BigInt(5), Value::Null()},
                {Value::String("b"), Value::Null(), Value::BigInt(2), Value::Null()},
                {Value::Null(), Value::Null(), Value::BigInt(7), Value::Null()}},
               2);
    std::vector<AggregateCall> calls;
    calls.push_back(Call("count", {}));
    calls.push_back(Call("sum", {"v"}));
    calls.push_back(Call("avg", {"d"}));
    auto agg = Aggregate(std::move(source), {"g"}, std::move(calls));
    EXPECT_EQ(SortedRows(*agg),
              (Rows{"(NULL, 2, 12, NULL)", "(a, 2, 1, 2.00000000)", "(b, 1, 2, NULL)"}));
}

TEST_F(AggregateOperatorTest, OutputIsTheKeysThenOneColumnPerAggregate) {
    std::vector<AggregateCall> calls;
    calls.push_back(Call("count", {}));
    calls.push_back(Call("sum", {"v"}));
    auto agg = Aggregate(Source(input_, {}), {"k", "g"}, std::move(calls));
    const ChunkSchema& schema = agg->schema();
    ASSERT_EQ(schema.size(), 4u);
    EXPECT_EQ(schema.columns[0], Field("k", BigInt(), true));
    EXPECT_EQ(schema.columns[1], Field("g", Varchar(), true));
    EXPECT_EQ(schema.columns[2], Field("count(*)", BigInt(), false));
    EXPECT_EQ(schema.columns[3], Field("sum(v)", BigInt(), true));
}

TEST_F(AggregateOperatorTest, GroupByOverNoInputGivesNoRows) {
    auto agg = Aggregate(Source(input_, {}), {"k"}, AllAggregates());
    EXPECT_EQ(SortedRows(*agg), Rows{});
}

TEST_F(AggregateOperatorTest, ParallelWorkersGiveTheSingleWorkerResult) {
    const std::vector<ValueRow> rows = ManyRows(12'000);
    // One key of each GroupKeyTable layout (fixed, one string, serialized) and an expression.
    const std::vector<std::vector<std::string>> key_sets = {{"k"}, {"g"}, {"g", "k"}, {"k % 3"}};
    for (const std::vector<std::string>& keys : key_sets) {
        SCOPED_TRACE(keys.size() == 1 ? keys[0] : keys[0] + ", " + keys[1]);
        auto single = Aggregate(Source(input_, rows, 500, 1), keys, AllAggregates());
        auto four = Aggregate(Source(input_, rows, 500, 4), keys, AllAggregates());
        auto three = Aggregate(Source(input_, rows, 97, 3), keys, AllAggregates());
        const Rows expected = SortedRows(*single);
        EXPECT_FALSE(expected.empty());
        EXPECT_TRUE(SameRows(SortedRows(*four), expected));
        EXPECT_TRUE(SameRows(SortedRows(*three), expected));
    }
}

TEST_F(AggregateOperatorTest, GlobalAggregationOverNoInputGivesOneRow) {
    for (int workers : {1, 4}) {
        SCOPED_TRACE(workers);
        auto agg = Aggregate(Source(input_, {}, kChunkRows, workers), {}, AllAggregates());
        EXPECT_EQ(SortedRows(*agg), (Rows{"(0, 0, NULL, NULL, NULL, NULL, 0, 0)"}));
    }
}

TEST_F(AggregateOperatorTest, GlobalAggregationMergesWorkersThatSawNoRows) {
    // Two chunks for four workers: workers 2 and 3 see nothing.
    const std::vector<ValueRow> rows = {
        {Value::String("a"), Value::BigInt(1), Value::BigInt(10), Value::Decimal(150)},
        {Value::Null(), Value::Null(), Value::Null(), Value::Null()},
        {Value::String("b"), Value::BigInt(2), Value::BigInt(20), Value::Decimal(250)}};
    auto agg = Aggregate(Source(input_, rows, 2, 4), {}, AllAggregates());
    EXPECT_EQ(SortedRows(*agg), (Rows{"(3, 2, 30, a, 20, 2.00000000, 2, 2)"}));
}

TEST_F(AggregateOperatorTest, GroupByAConstantMakesOneGroup) {
    const std::vector<ValueRow> rows = {
        {Value::Null(), Value::Null(), Value::BigInt(1), Value::Null()},
        {Value::Null(), Value::Null(), Value::BigInt(2), Value::Null()},
        {Value::Null(), Value::Null(), Value::BigInt(3), Value::Null()}};
    std::vector<AggregateCall> calls;
    calls.push_back(Call("sum", {"v"}));
    auto agg = Aggregate(Source(input_, rows, 2, 2), {"'x'"}, std::move(calls));
    EXPECT_EQ(SortedRows(*agg), (Rows{"(x, 6)"}));
}

TEST_F(AggregateOperatorTest, DistinctWithoutAggregatesEmitsEachKeyOnce) {
    const std::vector<ValueRow> rows = {
        {Value::String("a"), Value::BigInt(1), Value::Null(), Value::Null()},
        {Value::Null(), Value::BigInt(1), Value::Null(), Value::Null()},
        {Value::String("a"), Value::BigInt(1), Value::Null(), Value::Null()},
        {Value::String("a"), Value::BigInt(2), Value::Null(), Value::Null()},
        {Value::Null(), Value::BigInt(1), Value::Null(), Value::Null()}};
    auto agg = Aggregate(Source(input_, rows, 2, 2), {"g", "k"}, {});
    EXPECT_EQ(SortedRows(*agg), (Rows{"(NULL, 1)", "(a, 1)", "(a, 2)"}));
}

TEST_F(AggregateOperatorTest, ManyGroupsAreEmittedInChunksOfAtMostChunkRows) {
    constexpr int64_t kGroups = 5 * static_cast<int64_t>(kChunkRows) + 3;
    std::vector<ValueRow> rows;
    for (int64_t i = 0; i < kGroups; ++i) {
        rows.push_back({Value::Null(), Value::BigInt(i), Value::BigInt(1), Value::Null()});
    }
    std::vector<AggregateCall> calls;
    calls.push_back(Call("sum", {"v"}));
    auto agg = Aggregate(Source(input_, rows, kChunkRows, 2), {"k"}, std::move(calls));
    const std::vector<Chunk> chunks = ChunksInOrder(*agg);
    size_t total = 0;
    for (const Chunk& c : chunks) {
        EXPECT_LE(c.num_rows(), kChunkRows);
        total += c.num_rows();
    }
    EXPECT_EQ(total, static_cast<size_t>(kGroups));
    EXPECT_GT(chunks.size(), 1u);
}

}  // namespace
}  // namespace tributary
