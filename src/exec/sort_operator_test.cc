// Specification of SortOperator: ASC / DESC with NULLS FIRST / LAST, several keys, stability,
// and top-N (a limit) giving exactly the prefix of the full sort, across workers and chunks.
#include "exec/sort_operator.h"

#include <gtest/gtest.h>

#include <random>

#include "exec/exec_test_util.h"

namespace tributary {
namespace {

using namespace exec_test;  // NOLINT(build/namespaces): test helpers

class SortOperatorTest : public ::testing::Test {
protected:
    // k BIGINT NULL, s VARCHAR NULL, p BIGINT NOT NULL (the row's input position).
    const ChunkSchema input_{
        {Field("k", BigInt()), Field("s", Varchar()), Field("p", BigInt(), false)}};

    static SortKey Key(uint32_t column, bool descending, bool nulls_first) {
        return SortKey{column, descending, nulls_first, "#" + std::to_string(column)};
    }

    // Rows (k, s, position) from the given keys.
    static std::vector<ValueRow> MakeRows(const std::vector<std::optional<int64_t>>& ks,
                                          const std::vector<std::optional<std::string>>& ss = {}) {
        std::vector<ValueRow> rows;
        for (size_t i = 0; i < ks.size(); ++i) {
            const std::optional<std::string> s = i < ss.size() ? ss[i] : std::nullopt;
            rows.push_back({ks[i] ? Value::BigInt(*ks[i]) : Value::Null(),
                            s ? Value::String(*s) : Value::Null(),
                            Value::BigInt(static_cast<int64_t>(i))});
        }
        return rows;
    }

    // The sorted rows, read with Next() (the order is the result).
    Rows Sort(const std::vector<ValueRow>& rows, std::vector<SortKey> keys,
              std::optional<size_t> limit = std::nullopt, size_t rows_per_chunk = 3,
              int workers = 1) const {
        SortOperator sort(Source(input_, rows, rows_per_chunk, workers), std::move(keys), limit);
        return RowsInOrder(sort);
    }

    // The first `n` rows of `rows`.
    static Rows Prefix(const Rows& rows, size_t n) {
        return Rows(rows.begin(), rows.begin() + static_cast<ptrdiff_t>(std::min(n, rows.size())));
    }

    // Just the k column of `rows` ("(k, s, p)" -> "k").
    static std::vector<std::string> Ks(const Rows& rows) {
        std::vector<std::string> out;
        for (const std::string& r : rows) out.push_back(r.substr(1, r.find(',') - 1));
        return out;
    }

    using Ints = std::vector<std::optional<int64_t>>;
    const Ints ks_ = {3, std::nullopt, 1, 2, std::nullopt};
};

TEST_F(SortOperatorTest, SortsAscendingWithNullsFirst) {
    EXPECT_EQ(Ks(Sort(MakeRows(ks_), {Key(0, false, true)})),
              (std::vector<std::string>{"NULL", "NULL", "1", "2", "3"}));
}

TEST_F(SortOperatorTest, SortsAscendingWithNullsLast) {
    EXPECT_EQ(Ks(Sort(MakeRows(ks_), {Key(0, false, false)})),
              (std::vector<std::string>{"1", "2", "3", "NULL", "NULL"}));
}

TEST_F(SortOperatorTest, SortsDescendingWithNullsLast) {
    EXPECT_EQ(Ks(Sort(MakeRows(ks_), {Key(0, true, false)})),
              (std::vector<std::string>{"3", "2", "1", "NULL", "NULL"}));
}

TEST_F(SortOperatorTest, SortsDescendingWithNullsFirst) {
    EXPECT_EQ(Ks(Sort(MakeRows(ks_), {Key(0, true, true)})),
              (std::vector<std::string>{"NULL", "NULL", "3", "2", "1"}));
}

TEST_F(SortOperatorTest, SortsOnSeveralKeysInOrder) {
    // k ASC NULLS LAST, then s DESC NULLS FIRST.
    const std::vector<ValueRow> rows =
        MakeRows({1, 2, 1, 1, std::nullopt, 2}, {"a", "b", std::nullopt, "c", "z", "a"});
    EXPECT_EQ(
        Sort(rows, {Key(0, false, false), Key(1, true, true)}),
        (Rows{"(1, NULL, 2)", "(1, c, 3)", "(1, a, 0)", "(2, b, 1)", "(2, a, 5)", "(NULL, z, 4)"}));
}

TEST_F(SortOperatorTest, KeepsEqualRowsInInputOrder) {
    std::vector<std::optional<int64_t>> ks;
    for (int i = 0; i < 50; ++i) ks.push_back(i % 3 == 0 ? std::optional<int64_t>() : i % 2);
    const Rows sorted = Sort(MakeRows(ks), {Key(0, true, false)}, std::nullopt, 7);
    ASSERT_EQ(sorted.size(), ks.size());
    // Within each run of equal k the positions ascend.
    for (size_t i = 1; i < sorted.size(); ++i) {
        if (Ks({sorted[i - 1]}) != Ks({sorted[i]})) continue;
        const int64_t before = std::stoll(sorted[i - 1].substr(sorted[i - 1].rfind(' ') + 1));
        const int64_t after = std::stoll(sorted[i].substr(sorted[i].rfind(' ') + 1));
        EXPECT_LT(before, after) << sorted[i - 1] << " then " << sorted[i];
    }
}

TEST_F(SortOperatorTest, EmptyInputGivesNoRows) {
    EXPECT_EQ(Sort({}, {Key(0, false, true)}), Rows{});
    EXPECT_EQ(Sort({}, {Key(0, false, true)}, 10), Rows{});
}

TEST_F(SortOperatorTest, TopNIsThePrefixOfTheFullSortAcrossWorkersAndChunks) {
    // Distinct keys (a shuffled range, NULLs aside), so that the full order is unique whatever
    // the workers' interleaving.
    constexpr int64_t kRows = 20'000;
    std::vector<int64_t> perm(kRows);
    for (int64_t i = 0; i < kRows; ++i) perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), std::mt19937_64(42));
    std::vector<std::optional<int64_t>> ks;
    for (int64_t i = 0; i < kRows; ++i) {
        ks.push_back(i == 17 ? std::optional<int64_t>() : perm[i]);
    }
    const std::vector<ValueRow> rows = MakeRows(ks);
    const std::vector<SortKey> keys = {Key(0, true, false)};
    const Rows full = Sort(rows, keys, std::nullopt, 1000);
    ASSERT_EQ(full.size(), static_cast<size_t>(kRows));
    const std::vector<std::pair<int, size_t>> configs = {{1, 97}, {3, 97}, {3, 1000}};
    for (size_t limit : {size_t{0}, size_t{1}, size_t{10}, size_t{999}, kChunkRows, size_t{5000},
                         size_t{kRows + 5}}) {
        for (const auto& [workers, per_chunk] : configs) {
            SCOPED_TRACE(::testing::Message() << "limit " << limit << ", workers " << workers
                                              << ", rows per chunk " << per_chunk);
            EXPECT_TRUE(SameRows(Sort(rows, keys, limit, per_chunk, workers), Prefix(full, limit)));
        }
    }
}

// Rows tied at the cut: a heap selection (std::partial_sort) alone may keep a later row and
// drop an earlier one; top-N must keep exactly the first n rows of the stable sort. Here LIMIT 2
// over k = 2, 1, 1, 1, 2, 0 must keep the 1 at position 1.
TEST_F(SortOperatorTest, TopNKeepsTheFirstOfRowsTiedAtTheCut) {
    const std::vector<ValueRow> rows = MakeRows({2, 1, 1, 1, 2, 0});
    const std::vector<SortKey> keys = {Key(0, false, true)};
    const Rows full = Sort(rows, keys, std::nullopt, 6);
    EXPECT_EQ(Prefix(full, 2), (Rows{"(0, NULL, 5)", "(1, NULL, 1)"}));
    EXPECT_EQ(Sort(rows, keys, 2, 6), Prefix(full, 2));
}

// At LIMIT 5000 the cut falls inside a run of equal keys that are not the smallest.
TEST_F(SortOperatorTest, TopNWithManyTiesOnOneWorkerIsThePrefixOfTheFullSort) {
    std::vector<std::optional<int64_t>> ks;
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20'000; ++i) ks.push_back(static_cast<int64_t>(rng() % 10));
    const std::vector<ValueRow> rows = MakeRows(ks);
    const std::vector<SortKey> keys = {Key(0, false, true)};
    const Rows full = Sort(rows, keys, std::nullopt, 1000);
    for (size_t limit : {size_t{5}, size_t{1500}, size_t{5000}}) {
        SCOPED_TRACE(limit);
        EXPECT_TRUE(SameRows(Sort(rows, keys, limit, 1000), Prefix(full, limit)));
    }
}

TEST_F(SortOperatorTest, EmitsLargeResultsInSeveralChunks) {
    std::vector<std::optional<int64_t>> ks;
    for (int64_t i = 0; i < 70'000; ++i) ks.push_back(70'000 - i);
    SortOperator sort(Source(input_, MakeRows(ks), kChunkRows, 2), {Key(0, false, true)},
                      std::nullopt);
    const std::vector<Chunk> chunks = ChunksInOrder(sort);
    EXPECT_GT(chunks.size(), 1u);
    const Rows rows = RowsOf(chunks);
    ASSERT_EQ(rows.size(), ks.size());
    EXPECT_EQ(rows.front(), "(1, NULL, 69999)");
    EXPECT_EQ(rows.back(), "(70000, NULL, 0)");
}

}  // namespace
}  // namespace tributary
