#include "bench/order_rows.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "bench/lz4_baseline.h"
#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"

namespace tributary::bench {
namespace {

std::vector<Chunk> SmallOrders() {
    OrderRowsOptions options;
    options.rows = 50'000;
    options.chunk_rows = 4096;
    return MakeOrderChunks(options);
}

const BinaryColumn& Strings(const Chunk& chunk, size_t column) {
    return static_cast<const BinaryColumn&>(
        *static_cast<const NullableColumn*>(chunk.column(column))->data());
}

TEST(OrderRowsTest, MakesTheRequestedRowsInChunksOfTheSeedSchema) {
    std::vector<Chunk> chunks = SmallOrders();
    ASSERT_EQ(chunks.size(), 13u);
    size_t rows = 0;
    for (const Chunk& chunk : chunks) {
        EXPECT_EQ(chunk.schema(), OrderSchema());
        EXPECT_TRUE(chunk.Validate().ok());
        rows += chunk.num_rows();
    }
    EXPECT_EQ(rows, 50'000u);
}

TEST(OrderRowsTest, RowsAscendByKeyAcrossChunks) {
    std::vector<Chunk> chunks = SmallOrders();
    for (size_t i = 0; i < chunks.size(); ++i) {
        for (size_t row = 1; row < chunks[i].num_rows(); ++row) {
            ASSERT_LT(CompareRows(chunks[i], row - 1, chunks[i], row, kOrderKeyColumns), 0);
        }
        if (i > 0) {
            ASSERT_LT(CompareRows(chunks[i - 1], chunks[i - 1].num_rows() - 1, chunks[i], 0,
                                  kOrderKeyColumns),
                      0);
        }
    }
}

TEST(OrderRowsTest, ValuesHaveTheSeedsShape) {
    std::vector<Chunk> chunks = SmallOrders();
    std::set<int32_t> days;
    std::set<std::string> nationalities;
    std::set<std::string> names;
    size_t null_prices = 0;
    for (const Chunk& chunk : chunks) {
        const auto& dates = static_cast<const Int32Column&>(*chunk.column(1)).data();
        days.insert(dates.begin(), dates.end());
        for (size_t row = 0; row < chunk.num_rows(); ++row) {
            names.insert(std::string(Strings(chunk, 2).value(row)));
            EXPECT_LE(Strings(chunk, 2).value(row).size(), 26u);
            if (!chunk.column(3)->IsNullAt(row)) {
                nationalities.insert(std::string(Strings(chunk, 3).value(row)));
            }
            if (chunk.column(4)->IsNullAt(row)) {
                ++null_prices;
                continue;
            }
            const auto& price = static_cast<const DoubleColumn&>(
                *static_cast<const NullableColumn*>(chunk.column(4))->data());
            double cents = price.value(row) * 100;
            EXPECT_NEAR(cents, std::round(cents), 1e-6);
            EXPECT_GT(price.value(row), 0);
        }
    }
    EXPECT_GE(days.size(), 300u);
    EXPECT_LE(days.size(), 500u);
    EXPECT_EQ(nationalities.size(), 20u);
    EXPECT_GT(names.size(), 1000u);
    EXPECT_GT(null_prices, 0u);
    EXPECT_LT(null_prices, 1000u);
}

TEST(OrderRowsTest, SameOptionsGiveTheSameRows) {
    EXPECT_EQ(PlainBytes(SmallOrders()), PlainBytes(SmallOrders()));
}

TEST(OrderRowsTest, PlainBytesAreEveryColumnsPlainSize) {
    std::vector<Chunk> chunks = SmallOrders();
    uint64_t total = 0;
    for (uint32_t c = 0; c < OrderSchema().size(); ++c) total += PlainSize(chunks, c);
    EXPECT_EQ(PlainBytes(chunks).size(), total);
    EXPECT_EQ(PlainSize(chunks, 0), 50'000u * 8);
    EXPECT_EQ(PlainSize(chunks, 1), 50'000u * 4);
}

TEST(Lz4BaselineTest, BlocksRoundTripTheBytes) {
    std::string plain = PlainBytes(SmallOrders());
    auto blocks = Lz4CompressBlocks(plain);
    ASSERT_TRUE(blocks.ok()) << blocks.status().ToString();
    EXPECT_EQ(blocks->raw_sizes.size(), (plain.size() + kLz4BlockSize - 1) / kLz4BlockSize);
    EXPECT_LT(blocks->compressed.size(), plain.size());
    std::string restored(plain.size(), '\0');
    ASSERT_TRUE(Lz4DecompressBlocks(*blocks, &restored).ok());
    EXPECT_EQ(restored, plain);
}

TEST(Lz4BaselineTest, RejectsAnOutputOfTheWrongSize) {
    auto blocks = Lz4CompressBlocks(std::string(100'000, 'x'));
    ASSERT_TRUE(blocks.ok());
    std::string out(10, '\0');
    EXPECT_FALSE(Lz4DecompressBlocks(*blocks, &out).ok());
}

}  // namespace
}  // namespace tributary::bench
