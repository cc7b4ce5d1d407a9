// Specification of LimitOperator (LIMIT / OFFSET across chunk boundaries, pulling no more chunks
// than it needs) and UnionAllOperator / ValuesOperator (children in turn, nullability widened
// to the union's layout).
#include <gtest/gtest.h>

#include "exec/exec_test_util.h"
#include "exec/limit_operator.h"
#include "exec/union_operator.h"

namespace tributary {
namespace {

using namespace exec_test;  // NOLINT(build/namespaces): test helpers

// n BIGINT NOT NULL holding 0, 1, 2, ...
ChunkSchema Numbers(bool nullable = false) { return ChunkSchema{{Field("n", BigInt(), nullable)}}; }

std::vector<ValueRow> Range(int64_t first, int64_t count) {
    std::vector<ValueRow> rows;
    for (int64_t i = first; i < first + count; ++i) rows.push_back({Value::BigInt(i)});
    return rows;
}

Rows Texts(int64_t first, int64_t count) {
    Rows rows;
    for (int64_t i = first; i < first + count; ++i) rows.push_back("(" + std::to_string(i) + ")");
    return rows;
}

class LimitOperatorTest : public ::testing::Test {
protected:
    // LIMIT count OFFSET offset over 0..rows-1 in chunks of 3; source_pulled_ counts the
    // chunks the limit read.
    std::unique_ptr<LimitOperator> Limit(int64_t rows, size_t count, size_t offset) {
        auto source = Source(Numbers(), Range(0, rows), 3);
        pulled_ = source->pulled();
        return std::make_unique<LimitOperator>(std::move(source), count, offset);
    }
    size_t pulled() const { return pulled_->load(); }

    std::shared_ptr<const std::atomic<size_t>> pulled_;
};

TEST_F(LimitOperatorTest, ReturnsTheFirstRowsAcrossChunkBoundaries) {
    auto limit = Limit(12, 5, 0);
    EXPECT_EQ(RowsInOrder(*limit), Texts(0, 5));
}

TEST_F(LimitOperatorTest, OffsetSkipsRowsAcrossChunkBoundaries) {
    // Skips chunk 0 whole and one row of chunk 1; returns parts of chunks 1 and 2.
    auto limit = Limit(12, 4, 4);
    EXPECT_EQ(RowsInOrder(*limit), Texts(4, 4));
}

TEST_F(LimitOperatorTest, CountPastTheEndReturnsTheRest) {
    auto limit = Limit(7, 100, 2);
    EXPECT_EQ(RowsInOrder(*limit), Texts(2, 5));
}

TEST_F(LimitOperatorTest, OffsetPastTheEndReturnsNothing) {
    auto limit = Limit(7, 5, 7);
    EXPECT_EQ(RowsInOrder(*limit), Rows{});
}

TEST_F(LimitOperatorTest, StopsPullingOnceItHasEnoughRows) {
    auto limit = Limit(30, 4, 0);
    EXPECT_EQ(RowsInOrder(*limit), Texts(0, 4));
    EXPECT_EQ(pulled(), 2u) << "rows 0-2 and 3-5 hold the four rows";
    ASSERT_TRUE(limit->Next().ok());
    EXPECT_EQ(pulled(), 2u) << "Next() after the limit reads nothing more";
}

TEST_F(LimitOperatorTest, StopsPullingWhenTheLimitEndsExactlyAtAChunkEnd) {
    auto limit = Limit(30, 3, 3);
    EXPECT_EQ(RowsInOrder(*limit), Texts(3, 3));
    EXPECT_EQ(pulled(), 2u);
}

TEST_F(LimitOperatorTest, LimitZeroPullsNothing) {
    auto limit = Limit(30, 0, 0);
    EXPECT_EQ(RowsInOrder(*limit), Rows{});
    EXPECT_EQ(pulled(), 0u);
}

class UnionAllOperatorTest : public ::testing::Test {
protected:
    // UNION ALL of a NOT NULL child (0..2) and a nullable one (10, NULL), with the union's
    // layout nullable; the children read by `workers` workers each.
    static std::unique_ptr<UnionAllOperator> Union(int workers = 1) {
        std::vector<OperatorPtr> children;
        children.push_back(Source(Numbers(false), Range(0, 3), 2, workers));
        children.push_back(Source(Numbers(true), {{Value::BigInt(10)}, {Value::Null()}}, 1, 1));
        return std::make_unique<UnionAllOperator>(std::move(children), Numbers(true));
    }
};

TEST_F(UnionAllOperatorTest, ReturnsEachChildsRowsInTurn) {
    auto u = Union();
    EXPECT_EQ(RowsInOrder(*u), (Rows{"(0)", "(1)", "(2)", "(10)", "(NULL)"}));
}

TEST_F(UnionAllOperatorTest, WidensNotNullChildColumnsToTheUnionsNullability) {
    auto u = Union();
    const std::vector<Chunk> chunks = ChunksInOrder(*u);
    ASSERT_FALSE(chunks.empty());
    for (const Chunk& c : chunks) {
        EXPECT_EQ(c.schema(), Numbers(true));
        EXPECT_TRUE(c.column(0)->is_nullable());
        EXPECT_TRUE(c.Validate().ok()) << c.Validate().ToString();
    }
}

TEST_F(UnionAllOperatorTest, RunParallelPushesEveryChildsRowsInTheUnionsLayout) {
    auto u = Union(/*workers=*/3);
    EXPECT_EQ(u->parallelism(), 3);
    std::mutex mu;
    Rows rows;
    const Status st = u->RunParallel([&](int worker, Chunk chunk) {
        EXPECT_LT(worker, 3);
        EXPECT_TRUE(chunk.column(0)->is_nullable());
        std::lock_guard<std::mutex> lock(mu);
        for (const std::string& r : RowsOf(chunk)) rows.push_back(r);
        return Status::OK();
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(Sorted(rows), (Rows{"(0)", "(1)", "(10)", "(2)", "(NULL)"}));
}

TEST_F(UnionAllOperatorTest, RunParallelStopsAtTheFirstError) {
    auto u = Union();
    size_t calls = 0;
    const Status st = u->RunParallel([&](int, Chunk) {
        ++calls;
        return Status::Aborted("sink full");
    });
    EXPECT_EQ(st.code(), Status::Code::kAborted);
    EXPECT_EQ(calls, 1u) << "the second child is not read after the first one failed";
}

TEST_F(UnionAllOperatorTest, ValuesOperatorYieldsItsRowsOnce) {
    ValuesOperator values(MakeChunk(Numbers(), Range(5, 2)));
    EXPECT_EQ(RowsInOrder(values), Texts(5, 2));
    StatusOr<std::optional<Chunk>> again = values.Next();
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->has_value());
}

TEST_F(UnionAllOperatorTest, OneRowChunkHoldsOneRow) { EXPECT_EQ(OneRowChunk().num_rows(), 1u); }

}  // namespace
}  // namespace tributary
