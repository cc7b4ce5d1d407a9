// Specification of FilterOperator (rows where the predicate is TRUE; AND-ed conditions applied
// one at a time, cheapest first, with compaction, giving the rows of one mask) and
// ProjectOperator (one column per expression, the layout following the expressions).
#include <gtest/gtest.h>

#include "exec/exec_test_util.h"
#include "exec/filter_operator.h"
#include "exec/project_operator.h"

namespace tributary {
namespace {

using namespace exec_test;  // NOLINT(build/namespaces): test helpers

// a BIGINT NULL, s VARCHAR NULL, d DOUBLE NOT NULL.
const ChunkSchema& Input() {
    static const ChunkSchema schema{
        {Field("a", BigInt()), Field("s", Varchar()), Field("d", Double(), false)}};
    return schema;
}

ValueRow Row(std::optional<int64_t> a, std::optional<std::string> s, double d) {
    return {a ? Value::BigInt(*a) : Value::Null(), s ? Value::String(*s) : Value::Null(),
            Value::Double(d)};
}

// Rows with NULLs in a and s and a spread of values, deterministic.
std::vector<ValueRow> ManyRows(int64_t n) {
    std::vector<ValueRow> rows;
    for (int64_t i = 0; i < n; ++i) {
        rows.push_back(
            Row(i % 17 == 0 ? std::optional<int64_t>() : i,
                i % 23 == 0 ? std::optional<std::string>() : "x" + std::to_string(i % 50),
                static_cast<double>((i * 37) % 100) / 100));
    }
    return rows;
}

const std::vector<ValueRow>& SmallRows() {
    static const std::vector<ValueRow> rows = {Row(1, "one", 0.5), Row(std::nullopt, "none", 1.5),
                                               Row(3, std::nullopt, 2.5), Row(-4, "", 3.5)};
    return rows;
}

class FilterOperatorTest : public ::testing::Test {
protected:
    static std::unique_ptr<FilterOperator> Filter(const std::string& predicate,
                                                  const std::vector<ValueRow>& rows,
                                                  size_t rows_per_chunk = 2, int workers = 1) {
        return std::make_unique<FilterOperator>(Source(Input(), rows, rows_per_chunk, workers),
                                                Bind(predicate, Input()), Ctx());
    }

    // The rows of `rows` for which `predicate`, evaluated whole over each chunk, is TRUE.
    static Rows OneMask(const std::string& predicate, const std::vector<ValueRow>& rows,
                        size_t rows_per_chunk) {
        ExprNodePtr node = Bind(predicate, Input());
        Rows out;
        for (Chunk& chunk : SplitRows(Input(), rows, rows_per_chunk)) {
            StatusOr<RowMask> mask = EvaluatePredicate(*node, chunk, Ctx());
            EXPECT_TRUE(mask.ok()) << mask.status().ToString();
            if (!mask.ok()) return {};
            chunk.Filter(*mask);
            for (const std::string& r : RowsOf(chunk)) out.push_back(r);
        }
        return out;
    }
};

TEST_F(FilterOperatorTest, KeepsRowsWhereThePredicateIsTrue) {
    EXPECT_EQ(RowsInOrder(*Filter("d > 1 AND d < 3", SmallRows())),
              (Rows{"(NULL, none, 1.5)", "(3, NULL, 2.5)"}));
}

TEST_F(FilterOperatorTest, DropsRowsWhereThePredicateIsNull) {
    EXPECT_EQ(RowsInOrder(*Filter("a > 0", SmallRows())),
              (Rows{"(1, one, 0.5)", "(3, NULL, 2.5)"}));
    EXPECT_EQ(RowsInOrder(*Filter("NOT (a > 0)", SmallRows())), (Rows{"(-4, , 3.5)"}));
    EXPECT_EQ(RowsInOrder(*Filter("s = 'one' OR a = 3", SmallRows())),
              (Rows{"(1, one, 0.5)", "(3, NULL, 2.5)"}));
}

TEST_F(FilterOperatorTest, AndedConditionsGiveTheRowsOfOneMask) {
    const std::vector<ValueRow> rows = ManyRows(6'000);
    const std::vector<std::string> predicates = {
        // A string condition first (reordered after the numeric one).
        "s LIKE '%3%' AND a % 2 = 0",
        // Nothing selective: no compaction.
        "a % 10 <> 0 AND d < 0.9 AND s <> 'x5'",
        // Selective first: compacted before the later conditions.
        "a % 10 = 0 AND s LIKE 'x%' AND d > 0.1",
        // Selective in the middle, then an OR with NULLs.
        "d < 0.95 AND a % 7 = 1 AND (s IS NULL OR s > 'x2')",
        "a IS NULL AND s IS NULL",
        "d > 2",
    };
    for (const std::string& predicate : predicates) {
        for (size_t per_chunk : {size_t{3}, size_t{333}, kChunkRows}) {
            SCOPED_TRACE(predicate + ", rows per chunk " + std::to_string(per_chunk));
            EXPECT_TRUE(SameRows(RowsInOrder(*Filter(predicate, rows, per_chunk)),
                                 OneMask(predicate, rows, per_chunk)));
        }
    }
}

TEST_F(FilterOperatorTest, ConstantConditionsKeepEveryRowOrNone) {
    EXPECT_EQ(RowsInOrder(*Filter("1 = 1", SmallRows())).size(), SmallRows().size());
    EXPECT_EQ(RowsInOrder(*Filter("1 = 0", SmallRows())), Rows{});
    EXPECT_EQ(RowsInOrder(*Filter("NULL", SmallRows())), Rows{});
    EXPECT_EQ(RowsInOrder(*Filter("d < 2 AND 1 = 1", SmallRows())),
              (Rows{"(1, one, 0.5)", "(NULL, none, 1.5)"}));
}

TEST_F(FilterOperatorTest, SkipsChunksWithNoPassingRows) {
    // Chunks (1, NULL), (3, -4): only the second holds a match.
    auto filter = Filter("a = 3", SmallRows());
    const std::vector<Chunk> chunks = ChunksInOrder(*filter);
    ASSERT_EQ(chunks.size(), 1u);
    EXPECT_EQ(RowsOf(chunks[0]), (Rows{"(3, NULL, 2.5)"}));
}

TEST_F(FilterOperatorTest, RunParallelFiltersOnEveryWorker) {
    const std::vector<ValueRow> rows = ManyRows(5'000);
    const std::string predicate = "a % 3 = 0 AND s LIKE '%1%'";
    auto parallel = Filter(predicate, rows, 100, 4);
    EXPECT_EQ(parallel->parallelism(), 4);
    EXPECT_TRUE(SameRows(SortedRows(*parallel), Sorted(OneMask(predicate, rows, 100))));
}

TEST_F(FilterOperatorTest, KeepsTheChildsLayout) {
    EXPECT_EQ(Filter("a > 0", {})->schema(), Input());
}

class ProjectOperatorTest : public ::testing::Test {
protected:
    static std::unique_ptr<ProjectOperator> Project(const std::vector<std::string>& exprs,
                                                    const std::vector<ValueRow>& rows,
                                                    size_t rows_per_chunk = 2, int workers = 1) {
        return std::make_unique<ProjectOperator>(Source(Input(), rows, rows_per_chunk, workers),
                                                 BindAll(exprs, Input()), exprs, Ctx());
    }
};

TEST_F(ProjectOperatorTest, OutputLayoutFollowsTheExpressionsTypesAndNullability) {
    const std::vector<std::string> exprs = {"a + 1",     "d * 2", "s",
                                            "a IS NULL", "1",     "ifnull(a, 0)"};
    auto project = Project(exprs, {});
    const std::vector<ExprNodePtr> nodes = BindAll(exprs, Input());
    const ChunkSchema& schema = project->schema();
    ASSERT_EQ(schema.size(), exprs.size());
    for (size_t i = 0; i < exprs.size(); ++i) {
        SCOPED_TRACE(exprs[i]);
        EXPECT_EQ(schema.columns[i].name, exprs[i]);
        EXPECT_EQ(schema.columns[i].type.ToSql(), nodes[i]->type().ToSql());
        EXPECT_EQ(schema.columns[i].nullable, nodes[i]->nullable());
    }
    EXPECT_TRUE(schema.columns[0].nullable);   // a + 1
    EXPECT_FALSE(schema.columns[1].nullable);  // d * 2
    EXPECT_FALSE(schema.columns[3].nullable);  // IS NULL is never NULL
    EXPECT_EQ(schema.columns[3].type.ToSql(), Boolean().ToSql());
}

TEST_F(ProjectOperatorTest, ComputesOneColumnPerExpressionIncludingConstants) {
    auto project = Project({"a + 1", "s", "d * 2", "'k'"}, SmallRows());
    EXPECT_EQ(RowsInOrder(*project),
              (Rows{"(2, one, 1, k)", "(NULL, none, 3, k)", "(4, NULL, 5, k)", "(-3, , 7, k)"}));
}

TEST_F(ProjectOperatorTest, EveryColumnMatchesItsDeclaredNullability) {
    // Expressions whose values may or may not hold NULL, over chunks with and without NULLs.
    const std::vector<std::string> exprs = {"a",
                                            "d",
                                            "ifnull(a, 0)",
                                            "coalesce(s, 'z')",
                                            "if(a > 0, s, NULL)",
                                            "CASE WHEN a > 0 THEN 1 END",
                                            "NULL",
                                            "a / 0",
                                            "CAST(s AS BIGINT)",
                                            "a IS NOT NULL",
                                            "s = 'one'",
                                            "d + 1",
                                            "concat(s, 'x')"};
    const std::vector<ValueRow> without_nulls = {Row(1, "one", 0.5), Row(2, "two", 1.5)};
    for (const std::vector<ValueRow>* rows : {&SmallRows(), &without_nulls}) {
        auto project = Project(exprs, *rows);
        const std::vector<Chunk> chunks = ChunksInOrder(*project);
        ASSERT_FALSE(chunks.empty());
        for (const Chunk& c : chunks) {
            EXPECT_TRUE(c.Validate().ok()) << c.Validate().ToString();
        }
    }
}

TEST_F(ProjectOperatorTest, RunParallelProjectsOnEveryWorker) {
    const std::vector<ValueRow> rows = ManyRows(2'000);
    auto serial = Project({"a * 2", "concat(s, '!')"}, rows, 64, 1);
    auto parallel = Project({"a * 2", "concat(s, '!')"}, rows, 64, 3);
    EXPECT_EQ(parallel->parallelism(), 3);
    EXPECT_TRUE(SameRows(SortedRows(*parallel), Sorted(RowsInOrder(*serial))));
}

}  // namespace
}  // namespace tributary
