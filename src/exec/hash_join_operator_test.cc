// Specification of HashJoinOperator: INNER and LEFT OUTER equality joins (duplicates, NULL
// keys, one-string and multi-column keys), residual conditions, nested-loop (CROSS) joins, an
// empty build side, and a parallel probe.
#include "exec/hash_join_operator.h"

#include <gtest/gtest.h>

#include "exec/exec_test_util.h"

namespace tributary {
namespace {

using namespace exec_test;  // NOLINT(build/namespaces): test helpers

class HashJoinOperatorTest : public ::testing::Test {
protected:
    // Probe (left) side: id BIGINT NOT NULL, lk BIGINT NULL, ls VARCHAR NULL.
    const ChunkSchema left_{
        {Field("id", BigInt(), false), Field("lk", BigInt()), Field("ls", Varchar())}};
    // Build (right) side: rk BIGINT NULL, name VARCHAR NOT NULL, w BIGINT NOT NULL.
    const ChunkSchema right_{
        {Field("rk", BigInt()), Field("name", Varchar(), false), Field("w", BigInt(), false)}};

    static ValueRow L(int64_t id, std::optional<int64_t> lk, std::optional<std::string> ls = {}) {
        return {Value::BigInt(id), lk ? Value::BigInt(*lk) : Value::Null(),
                ls ? Value::String(*ls) : Value::Null()};
    }
    static ValueRow R(std::optional<int64_t> rk, std::string name, int64_t w = 0) {
        return {rk ? Value::BigInt(*rk) : Value::Null(), Value::String(std::move(name)),
                Value::BigInt(w)};
    }

    // The join's output layout, against which the residual is bound.
    ChunkSchema OutputSchema(JoinKind kind) const {
        ChunkSchema out = left_;
        for (ColumnSchema c : right_.columns) {
            if (kind == JoinKind::kLeftOuter) c.nullable = true;
            out.columns.push_back(c);
        }
        return out;
    }

    struct JoinSpec {
        std::vector<std::string> left_keys = {"lk"};
        std::vector<std::string> right_keys = {"rk"};
        std::string residual;  // empty: none
        int left_workers = 1;
        int right_workers = 1;
        size_t rows_per_chunk = 2;
    };

    std::unique_ptr<HashJoinOperator> Join(JoinKind kind, const std::vector<ValueRow>& left,
                                           const std::vector<ValueRow>& right,
                                           const JoinSpec& spec) const {
        ExprNodePtr residual;
        if (!spec.residual.empty()) residual = Bind(spec.residual, OutputSchema(kind));
        return std::make_unique<HashJoinOperator>(
            kind, Source(left_, left, spec.rows_per_chunk, spec.left_workers),
            Source(right_, right, spec.rows_per_chunk, spec.right_workers),
            BindAll(spec.left_keys, left_), BindAll(spec.right_keys, right_), std::move(residual),
            Ctx());
    }
    std::unique_ptr<HashJoinOperator> Join(JoinKind kind, const std::vector<ValueRow>& left,
                                           const std::vector<ValueRow>& right) const {
        return Join(kind, left, right, JoinSpec{});
    }
};

TEST_F(HashJoinOperatorTest, InnerJoinPairsEveryMatchOfDuplicateKeysOnBothSides) {
    auto join = Join(JoinKind::kInner, {L(1, 1), L(2, 1), L(3, 2), L(4, 3)},
                     {R(1, "x"), R(1, "y"), R(2, "z"), R(4, "q")});
    EXPECT_EQ(SortedRows(*join),
              (Rows{"(1, 1, NULL, 1, x, 0)", "(1, 1, NULL, 1, y, 0)", "(2, 1, NULL, 1, x, 0)",
                    "(2, 1, NULL, 1, y, 0)", "(3, 2, NULL, 2, z, 0)"}));
}

TEST_F(HashJoinOperatorTest, InnerJoinKeepsTheRightSidesNullability) {
    auto join = Join(JoinKind::kInner, {}, {});
    ASSERT_EQ(join->schema().size(), 6u);
    EXPECT_EQ(join->schema(), OutputSchema(JoinKind::kInner));
    EXPECT_FALSE(join->schema().columns[4].nullable);
}

TEST_F(HashJoinOperatorTest, NullKeysNeverMatch) {
    auto join = Join(JoinKind::kInner, {L(1, std::nullopt), L(2, 0)}, {R(std::nullopt, "n")});
    EXPECT_EQ(SortedRows(*join), Rows{});
}

TEST_F(HashJoinOperatorTest, NullProbeKeyDoesNotMatchZeroOfANotNullBuildKey) {
    // w is NOT NULL on the build side, so its keys carry no null byte; a NULL lk (0 underneath)
    // must still not find w = 0.
    JoinSpec spec;
    spec.right_keys = {"w"};
    auto join = Join(JoinKind::kInner, {L(1, std::nullopt), L(2, 0)}, {R(5, "zero", 0)}, spec);
    EXPECT_EQ(SortedRows(*join), (Rows{"(2, 0, NULL, 5, zero, 0)"}));
}

TEST_F(HashJoinOperatorTest, LeftJoinMarksRightColumnsNullable) {
    auto join = Join(JoinKind::kLeftOuter, {}, {});
    EXPECT_EQ(join->schema(), OutputSchema(JoinKind::kLeftOuter));
    for (size_t c = 3; c < 6; ++c) EXPECT_TRUE(join->schema().columns[c].nullable) << c;
    EXPECT_FALSE(join->schema().columns[0].nullable);
}

TEST_F(HashJoinOperatorTest, LeftJoinEmitsUnmatchedRowsWithNulls) {
    auto join = Join(JoinKind::kLeftOuter, {L(1, 1), L(2, std::nullopt), L(3, 9)},
                     {R(1, "x"), R(std::nullopt, "n")});
    EXPECT_EQ(SortedRows(*join), (Rows{"(1, 1, NULL, 1, x, 0)", "(2, NULL, NULL, NULL, NULL, NULL)",
                                       "(3, 9, NULL, NULL, NULL, NULL)"}));
}

TEST_F(HashJoinOperatorTest, InnerJoinKeepsOnlyPairsPassingTheResidual) {
    JoinSpec spec;
    spec.residual = "id < w";
    auto join = Join(JoinKind::kInner, {L(1, 1), L(5, 1)}, {R(1, "a", 3), R(1, "b", 9)}, spec);
    EXPECT_EQ(SortedRows(*join),
              (Rows{"(1, 1, NULL, 1, a, 3)", "(1, 1, NULL, 1, b, 9)", "(5, 1, NULL, 1, b, 9)"}));
}

TEST_F(HashJoinOperatorTest, LeftJoinEmitsARowOnceWhenEveryCandidateFailsTheResidual) {
    JoinSpec spec;
    spec.residual = "id < w";
    auto join = Join(JoinKind::kLeftOuter, {L(5, 1), L(1, 1)}, {R(1, "a", 1), R(1, "b", 2)}, spec);
    EXPECT_EQ(SortedRows(*join), (Rows{"(1, 1, NULL, 1, b, 2)", "(5, 1, NULL, NULL, NULL, NULL)"}));
}

TEST_F(HashJoinOperatorTest, LeftJoinResidualCanReadTheNullableRightColumns) {
    JoinSpec spec;
    spec.residual = "name IS NOT NULL AND name <> 'skip'";
    auto join = Join(JoinKind::kLeftOuter, {L(1, 1), L(2, 2)}, {R(1, "skip"), R(2, "keep")}, spec);
    EXPECT_EQ(SortedRows(*join),
              (Rows{"(1, 1, NULL, NULL, NULL, NULL)", "(2, 2, NULL, 2, keep, 0)"}));
}

TEST_F(HashJoinOperatorTest, JoinsOnOneStringKey) {
    JoinSpec spec;
    spec.left_keys = {"ls"};
    spec.right_keys = {"name"};
    auto join = Join(JoinKind::kLeftOuter, {L(1, 0, "a"), L(2, 0, ""), L(3, 0, std::nullopt)},
                     {R(7, "a"), R(8, "")}, spec);
    EXPECT_EQ(SortedRows(*join),
              (Rows{"(1, 0, a, 7, a, 0)", "(2, 0, , 8, , 0)", "(3, 0, NULL, NULL, NULL, NULL)"}));
}

TEST_F(HashJoinOperatorTest, JoinsOnSeveralKeysIncludingStrings) {
    JoinSpec spec;
    spec.left_keys = {"lk", "ls"};
    spec.right_keys = {"rk", "name"};
    auto join =
        Join(JoinKind::kInner, {L(1, 1, "a"), L(2, 1, "b"), L(3, std::nullopt, "a"), L(4, 2, "a")},
             {R(1, "a"), R(1, "b"), R(std::nullopt, "a"), R(1, "a", 5)}, spec);
    EXPECT_EQ(SortedRows(*join),
              (Rows{"(1, 1, a, 1, a, 0)", "(1, 1, a, 1, a, 5)", "(2, 1, b, 1, b, 0)"}));
}

TEST_F(HashJoinOperatorTest, CrossJoinPairsEveryRow) {
    JoinSpec spec;
    spec.left_keys = {};
    spec.right_keys = {};
    auto join = Join(JoinKind::kInner, {L(1, 1), L(2, std::nullopt), L(3, 3)},
                     {R(std::nullopt, "x"), R(2, "y")}, spec);
    EXPECT_EQ(SortedRows(*join), (Rows{"(1, 1, NULL, 2, y, 0)", "(1, 1, NULL, NULL, x, 0)",
                                       "(2, NULL, NULL, 2, y, 0)", "(2, NULL, NULL, NULL, x, 0)",
                                       "(3, 3, NULL, 2, y, 0)", "(3, 3, NULL, NULL, x, 0)"}));
}

TEST_F(HashJoinOperatorTest, NestedLoopLeftJoinAppliesTheCondition) {
    JoinSpec spec;
    spec.left_keys = {};
    spec.right_keys = {};
    spec.residual = "id < w";
    auto join = Join(JoinKind::kLeftOuter, {L(1, 0), L(4, 0)}, {R(1, "a", 2), R(1, "b", 3)}, spec);
    EXPECT_EQ(SortedRows(*join), (Rows{"(1, 0, NULL, 1, a, 2)", "(1, 0, NULL, 1, b, 3)",
                                       "(4, 0, NULL, NULL, NULL, NULL)"}));
}

TEST_F(HashJoinOperatorTest, EmptyBuildSideGivesNoRowsForAnInnerJoin) {
    EXPECT_EQ(SortedRows(*Join(JoinKind::kInner, {L(1, 1)}, {})), Rows{});
    JoinSpec cross;
    cross.left_keys = {};
    cross.right_keys = {};
    EXPECT_EQ(SortedRows(*Join(JoinKind::kInner, {L(1, 1)}, {}, cross)), Rows{});
}

TEST_F(HashJoinOperatorTest, EmptyBuildSideKeepsEveryRowOfALeftJoin) {
    const Rows expected = {"(1, 1, NULL, NULL, NULL, NULL)", "(2, NULL, b, NULL, NULL, NULL)"};
    EXPECT_EQ(SortedRows(*Join(JoinKind::kLeftOuter, {L(1, 1), L(2, std::nullopt, "b")}, {})),
              expected);
    JoinSpec cross;
    cross.left_keys = {};
    cross.right_keys = {};
    EXPECT_EQ(
        SortedRows(*Join(JoinKind::kLeftOuter, {L(1, 1), L(2, std::nullopt, "b")}, {}, cross)),
        expected);
}

TEST_F(HashJoinOperatorTest, ParallelProbeGivesTheRowsOfNext) {
    std::vector<ValueRow> left;
    std::vector<ValueRow> right;
    for (int64_t i = 0; i < 3000; ++i) {
        left.push_back(L(i, i % 13 == 0 ? std::optional<int64_t>() : i % 101));
    }
    for (int64_t i = 0; i < 150; ++i) right.push_back(R(i % 75, "r" + std::to_string(i), i));
    JoinSpec serial;
    serial.rows_per_chunk = 128;
    serial.residual = "w % 3 <> id % 3";
    JoinSpec parallel = serial;
    parallel.left_workers = 4;
    parallel.right_workers = 2;
    for (JoinKind kind : {JoinKind::kInner, JoinKind::kLeftOuter}) {
        SCOPED_TRACE(kind == JoinKind::kInner ? "inner" : "left");
        const Rows expected = Sorted(RowsInOrder(*Join(kind, left, right, serial)));
        EXPECT_FALSE(expected.empty());
        EXPECT_TRUE(SameRows(SortedRows(*Join(kind, left, right, parallel)), expected));
    }
}

}  // namespace
}  // namespace tributary
