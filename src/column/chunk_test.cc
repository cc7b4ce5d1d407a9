#include "column/chunk.h"

#include <gtest/gtest.h>

#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"

namespace tributary {
namespace {

ChunkSchema TwoColumns() {
    return ChunkSchema{{{"k", TypeDesc::Of(LogicalType::kInt), true},
                        {"v", TypeDesc::Varchar(8), false}}};
}

Chunk MakeRows(const std::vector<std::pair<std::optional<int>, std::string>>& rows) {
    Chunk chunk(TwoColumns());
    auto* k = static_cast<NullableColumn*>(chunk.column(0));
    auto* v = static_cast<BinaryColumn*>(chunk.column(1));
    for (const auto& [key, val] : rows) {
        if (key) {
            static_cast<Int32Column*>(k->data())->Append(*key);
            k->AppendNotNullMark();
        } else {
            k->AppendNull();
        }
        v->Append(val);
    }
    return chunk;
}

TEST(Chunk, NewChunkHasOneEmptyColumnPerField) {
    Chunk chunk(TwoColumns());
    EXPECT_EQ(chunk.num_columns(), 2u);
    EXPECT_EQ(chunk.num_rows(), 0u);
    EXPECT_TRUE(chunk.column(0)->is_nullable());
    EXPECT_FALSE(chunk.column(1)->is_nullable());
    EXPECT_TRUE(chunk.Validate().ok());
}

TEST(Chunk, ValidateRejectsColumnsOfDifferentLengths) {
    Chunk chunk = MakeRows({{1, "a"}});
    static_cast<BinaryColumn*>(chunk.column(1))->Append("extra");
    EXPECT_FALSE(chunk.Validate().ok());
}

TEST(Chunk, SortByKeyIsStableAndPutsNullFirst) {
    Chunk chunk = MakeRows({{3, "a"}, {1, "b"}, {std::nullopt, "c"}, {1, "d"}});
    Chunk sorted = SortChunkByKey(chunk, 1);
    ASSERT_EQ(sorted.num_rows(), 4u);
    EXPECT_EQ(sorted.DebugRow(0), "(NULL, c)");
    EXPECT_EQ(sorted.DebugRow(1), "(1, b)");
    EXPECT_EQ(sorted.DebugRow(2), "(1, d)");
    EXPECT_EQ(sorted.DebugRow(3), "(3, a)");
}

TEST(Chunk, FilterAndAppendRangeWorkAcrossColumns) {
    Chunk chunk = MakeRows({{1, "a"}, {2, "b"}, {3, "c"}});
    chunk.Filter({1, 0, 1});
    ASSERT_EQ(chunk.num_rows(), 2u);
    EXPECT_EQ(chunk.DebugRow(1), "(3, c)");
    Chunk other(TwoColumns());
    other.AppendRange(chunk, 1, 1);
    EXPECT_EQ(other.DebugRow(0), "(3, c)");
    EXPECT_EQ(CompareRows(chunk, 1, other, 0, 2), 0);
    EXPECT_EQ(chunk.schema().FindColumn("v"), 1);
}

}  // namespace
}  // namespace tributary
