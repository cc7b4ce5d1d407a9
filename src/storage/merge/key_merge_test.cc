#include "storage/merge/key_merge.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>

#include "column/fixed_column.h"
#include "column/nullable_column.h"

namespace tributary {
namespace {

// Rows of (k INT NOT NULL, v BIGINT NULL): the shape every test here uses.
Chunk Rows(const std::vector<std::pair<int32_t, std::optional<int64_t>>>& rows) {
    ChunkSchema schema;
    schema.columns = {ColumnSchema{"k", TypeDesc::Of(LogicalType::kInt), false},
                      ColumnSchema{"v", TypeDesc::Of(LogicalType::kBigInt), true}};
    Chunk chunk(schema);
    auto& k = static_cast<FixedColumn<int32_t>&>(*chunk.column(0));
    auto& v = static_cast<NullableColumn&>(*chunk.column(1));
    for (const auto& [key, value] : rows) {
        k.Append(key);
        if (value) {
            static_cast<FixedColumn<int64_t>&>(*v.data()).Append(*value);
            v.AppendNotNullMark();
        } else {
            v.AppendNull();
        }
    }
    return chunk;
}

std::vector<std::string> Dump(const Chunk& chunk) {
    std::vector<std::string> out;
    for (size_t r = 0; r < chunk.num_rows(); ++r) out.push_back(chunk.DebugRow(r));
    return out;
}

KeyMergeSpec Aggregate(AggregateFunction fn) {
    return KeyMergeSpec{KeyModel::kAggregate, 1, {fn}};
}

std::vector<std::string> Merged(const Chunk& rows, const KeyMergeSpec& spec) {
    auto merged = SortAndMerge(rows, spec);
    EXPECT_TRUE(merged.ok()) << merged.status().ToString();
    return merged.ok() ? Dump(*merged) : std::vector<std::string>{};
}

TEST(KeyMergeTest, DuplicateKeepsEveryRowSortedByKey) {
    Chunk rows = Rows({{2, 20}, {1, 10}, {2, 21}});
    EXPECT_EQ(Merged(rows, KeyMergeSpec{KeyModel::kDuplicate, 1, {}}),
              Dump(Rows({{1, 10}, {2, 20}, {2, 21}})));
}

TEST(KeyMergeTest, UniqueKeepsTheLatestRowOfEachKey) {
    Chunk rows = Rows({{2, 20}, {1, 10}, {2, std::nullopt}, {1, 11}});
    EXPECT_EQ(Merged(rows, KeyMergeSpec{KeyModel::kUnique, 1, {}}),
              Dump(Rows({{1, 11}, {2, std::nullopt}})));
}

TEST(KeyMergeTest, SumIgnoresNullsAndIsNullOnlyWhenAllAre) {
    Chunk rows = Rows({{1, 5}, {1, std::nullopt}, {1, 7}, {2, std::nullopt}, {3, -4}});
    EXPECT_EQ(Merged(rows, Aggregate(AggregateFunction::kSum)),
              Dump(Rows({{1, 12}, {2, std::nullopt}, {3, -4}})));
}

TEST(KeyMergeTest, SumWrapsOnOverflowLikeStarRocks) {
    Chunk rows = Rows({{1, INT64_MAX}, {1, 1}});
    EXPECT_EQ(Merged(rows, Aggregate(AggregateFunction::kSum)), Dump(Rows({{1, INT64_MIN}})));
}

TEST(KeyMergeTest, MaxAndMinIgnoreNulls) {
    Chunk rows = Rows({{1, 5}, {1, std::nullopt}, {1, 9}, {1, -3}, {2, std::nullopt}});
    EXPECT_EQ(Merged(rows, Aggregate(AggregateFunction::kMax)),
              Dump(Rows({{1, 9}, {2, std::nullopt}})));
    EXPECT_EQ(Merged(rows, Aggregate(AggregateFunction::kMin)),
              Dump(Rows({{1, -3}, {2, std::nullopt}})));
}

TEST(KeyMergeTest, ReplaceTakesTheLatestValueEvenNull) {
    Chunk rows = Rows({{1, 5}, {1, std::nullopt}, {2, 1}, {2, 2}});
    EXPECT_EQ(Merged(rows, Aggregate(AggregateFunction::kReplace)),
              Dump(Rows({{1, std::nullopt}, {2, 2}})));
}

TEST(KeyMergeTest, ReplaceIfNotNullKeepsTheLatestNonNullValue) {
    Chunk rows = Rows({{1, 5}, {1, std::nullopt}, {2, std::nullopt}});
    EXPECT_EQ(Merged(rows, Aggregate(AggregateFunction::kReplaceIfNotNull)),
              Dump(Rows({{1, 5}, {2, std::nullopt}})));
}

TEST(KeyMergeTest, SumOverAStringColumnIsRefused) {
    ChunkSchema schema;
    schema.columns = {ColumnSchema{"k", TypeDesc::Of(LogicalType::kInt), false},
                      ColumnSchema{"s", TypeDesc::Varchar(10), false}};
    Chunk chunk(schema);
    static_cast<FixedColumn<int32_t>&>(*chunk.column(0)).Append(1);
    static_cast<FixedColumn<int32_t>&>(*chunk.column(0)).Append(1);
    chunk.column(1)->AppendDefault(2);
    auto merged = SortAndMerge(chunk, Aggregate(AggregateFunction::kSum));
    ASSERT_FALSE(merged.ok());
    EXPECT_NE(merged.status().message().find("SUM cannot aggregate"), std::string::npos);
}

TEST(KeyMergeTest, WrongNumberOfValueFunctionsIsRefused) {
    EXPECT_FALSE(SortAndMerge(Rows({{1, 1}}), KeyMergeSpec{KeyModel::kAggregate, 1, {}}).ok());
    EXPECT_FALSE(SortAndMerge(Rows({{1, 1}}), KeyMergeSpec{KeyModel::kUnique, 3, {}}).ok());
}

// The property the storage engine relies on: however rows are split into loads (rowsets), and
// whatever is merged early, merging everything again gives the same answer as merging all rows
// at once.
TEST(KeyMergeTest, ResultDoesNotDependOnBatchBoundaries) {
    std::mt19937 rng(42);
    const AggregateFunction functions[] = {AggregateFunction::kSum, AggregateFunction::kMax,
                                           AggregateFunction::kMin, AggregateFunction::kReplace,
                                           AggregateFunction::kReplaceIfNotNull};
    for (int round = 0; round < 200; ++round) {
        std::vector<std::pair<int32_t, std::optional<int64_t>>> all;
        const int n = 1 + static_cast<int>(rng() % 60);
        for (int i = 0; i < n; ++i) {
            std::optional<int64_t> v;
            if (rng() % 4 != 0) v = static_cast<int64_t>(rng() % 200) - 100;
            all.emplace_back(static_cast<int32_t>(rng() % 8), v);
        }
        // Split into consecutive batches at random boundaries, merged once per batch.
        std::vector<std::vector<std::pair<int32_t, std::optional<int64_t>>>> batches(1);
        for (const auto& row : all) {
            if (!batches.back().empty() && rng() % 5 == 0) batches.emplace_back();
            batches.back().push_back(row);
        }
        std::vector<KeyMergeSpec> specs = {KeyMergeSpec{KeyModel::kUnique, 1, {}}};
        for (AggregateFunction fn : functions) specs.push_back(Aggregate(fn));
        for (const KeyMergeSpec& spec : specs) {
            std::vector<Chunk> rowsets;
            for (const auto& batch : batches) {
                auto merged = SortAndMerge(Rows(batch), spec);
                ASSERT_TRUE(merged.ok());
                rowsets.push_back(std::move(merged).value());
            }
            auto read = MergeInputs(std::move(rowsets), spec);
            ASSERT_TRUE(read.ok());
            EXPECT_EQ(Dump(*read), Merged(Rows(all), spec))
                << "round " << round << ", function "
                << AggregateFunctionName(spec.value_functions.empty() ? AggregateFunction::kNone
                                                                      : spec.value_functions[0]);
        }
    }
}

}  // namespace
}  // namespace tributary
