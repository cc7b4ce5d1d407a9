#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"

namespace tributary {
namespace {

// Every fixed-width logical type with a value maker that preserves the order of small ints.
template <typename T, LogicalType L>
struct FixedCase {
    using Value = T;
    static TypeDesc Type() {
        return L == LogicalType::kDecimal ? TypeDesc::Decimal(20, 2) : TypeDesc::Of(L);
    }
    static T Make(int v) { return static_cast<T>(L == LogicalType::kBoolean ? (v & 1) : v); }
};

template <typename C>
class FixedColumnTest : public ::testing::Test {};

using FixedCases = ::testing::Types<
    FixedCase<uint8_t, LogicalType::kBoolean>, FixedCase<int8_t, LogicalType::kTinyInt>,
    FixedCase<int16_t, LogicalType::kSmallInt>, FixedCase<int32_t, LogicalType::kInt>,
    FixedCase<int64_t, LogicalType::kBigInt>, FixedCase<__int128, LogicalType::kLargeInt>,
    FixedCase<float, LogicalType::kFloat>, FixedCase<double, LogicalType::kDouble>,
    FixedCase<__int128, LogicalType::kDecimal>, FixedCase<int32_t, LogicalType::kDate>,
    FixedCase<int64_t, LogicalType::kDateTime>>;
TYPED_TEST_SUITE(FixedColumnTest, FixedCases);

template <typename C>
std::unique_ptr<FixedColumn<typename C::Value>> MakeFixed(std::initializer_list<int> values) {
    auto col = std::make_unique<FixedColumn<typename C::Value>>(C::Type());
    for (int v : values) col->Append(C::Make(v));
    return col;
}

TYPED_TEST(FixedColumnTest, AppendRangeCopiesTheRange) {
    auto src = MakeFixed<TypeParam>({0, 1, 2, 3, 4});
    ColumnPtr dst = MakeColumn(TypeParam::Type(), false);
    dst->AppendRange(*src, 1, 3);
    ASSERT_EQ(dst->size(), 3u);
    for (size_t i = 0; i < 3; ++i) EXPECT_EQ(dst->CompareAt(i, *src, i + 1), 0);
}

TYPED_TEST(FixedColumnTest, FilterKeepsMaskedRowsInOrder) {
    auto col = MakeFixed<TypeParam>({0, 1, 2, 3, 4});
    auto expected = MakeFixed<TypeParam>({1, 3, 4});
    col->Filter({0, 1, 0, 1, 1});
    ASSERT_EQ(col->size(), 3u);
    for (size_t i = 0; i < 3; ++i) EXPECT_EQ(col->CompareAt(i, *expected, i), 0);
}

TYPED_TEST(FixedColumnTest, TakeGathersRowsByIndex) {
    auto col = MakeFixed<TypeParam>({0, 1, 2, 3});
    std::vector<uint32_t> idx = {3, 0, 0, 2};
    ColumnPtr taken = col->Take(idx);
    ASSERT_EQ(taken->size(), 4u);
    for (size_t i = 0; i < idx.size(); ++i) EXPECT_EQ(taken->CompareAt(i, *col, idx[i]), 0);
}

TYPED_TEST(FixedColumnTest, CompareOrdersValuesAndHashAgreesWithEquality) {
    auto col = MakeFixed<TypeParam>({0, 1, 0});
    EXPECT_LT(col->CompareAt(0, *col, 1), 0);
    EXPECT_GT(col->CompareAt(1, *col, 0), 0);
    EXPECT_EQ(col->CompareAt(0, *col, 2), 0);
    EXPECT_EQ(col->HashAt(0, 7), col->HashAt(2, 7));
    EXPECT_GT(col->MemoryUsage(), 0u);
}

TYPED_TEST(FixedColumnTest, NullableColumnSortsNullFirstAndFilters) {
    ColumnPtr col = MakeColumn(TypeParam::Type(), true);
    auto values = MakeFixed<TypeParam>({1, 0});
    col->AppendRange(*values, 0, 1);
    static_cast<NullableColumn*>(col.get())->AppendNull();
    col->AppendRange(*values, 1, 1);
    ASSERT_EQ(col->size(), 3u);
    EXPECT_TRUE(col->IsNullAt(1));
    EXPECT_EQ(col->DebugString(1), "NULL");
    EXPECT_LT(col->CompareAt(1, *col, 2), 0);
    EXPECT_GT(col->CompareAt(0, *col, 1), 0);
    std::vector<uint32_t> idx = {1, 0};
    ColumnPtr taken = col->Take(idx);
    EXPECT_TRUE(taken->IsNullAt(0));
    EXPECT_FALSE(taken->IsNullAt(1));
    col->Filter({0, 1, 1});
    ASSERT_EQ(col->size(), 2u);
    EXPECT_TRUE(col->IsNullAt(0));
    EXPECT_EQ(col->CompareAt(1, *values, 1), 0);
}

TEST(FixedColumn, FloatingPointOrderPutsNanLastAndNegativeZeroEqualsZero) {
    DoubleColumn col(TypeDesc::Of(LogicalType::kDouble));
    col.Append(std::numeric_limits<double>::quiet_NaN());
    col.Append(std::numeric_limits<double>::infinity());
    col.Append(-0.0);
    col.Append(0.0);
    EXPECT_GT(col.CompareAt(0, col, 1), 0);
    EXPECT_EQ(col.CompareAt(0, col, 0), 0);
    EXPECT_EQ(col.CompareAt(2, col, 3), 0);
    EXPECT_EQ(col.HashAt(2, 1), col.HashAt(3, 1));
}

TEST(FixedColumn, DebugStringUsesTheLogicalSpelling) {
    Int32Column date(TypeDesc::Of(LogicalType::kDate));
    date.Append(0);
    date.Append(-719528);  // 0000-01-01
    EXPECT_EQ(date.DebugString(0), "1970-01-01");
    EXPECT_EQ(date.DebugString(1), "0000-01-01");
    Int64Column dt(TypeDesc::Of(LogicalType::kDateTime));
    dt.Append(86400LL * 1000000 + 3723000001LL);
    EXPECT_EQ(dt.DebugString(0), "1970-01-02 01:02:03.000001");
    Int128Column dec(TypeDesc::Decimal(10, 2));
    dec.Append(-5);
    EXPECT_EQ(dec.DebugString(0), "-0.05");
    Int128Column big(TypeDesc::Of(LogicalType::kLargeInt));
    big.Append(static_cast<__int128>(1) << 127);  // minimum
    EXPECT_EQ(big.DebugString(0), "-170141183460469231731687303715884105728");
}

TEST(BinaryColumn, AppendFilterTakeCompare) {
    BinaryColumn col(TypeDesc::Varchar(10));
    for (const char* s : {"b", "", "abc", "ab", "zz"}) col.Append(s);
    BinaryColumn copy(TypeDesc::Varchar(10));
    copy.AppendRange(col, 1, 3);
    ASSERT_EQ(copy.size(), 3u);
    EXPECT_EQ(copy.value(0), "");
    EXPECT_EQ(copy.value(2), "ab");
    EXPECT_LT(col.CompareAt(1, col, 0), 0);  // "" < "b"
    EXPECT_GT(col.CompareAt(2, col, 3), 0);  // "abc" > "ab"
    std::vector<uint32_t> idx = {4, 1, 2};
    ColumnPtr taken = col.Take(idx);
    EXPECT_EQ(taken->DebugString(0), "zz");
    EXPECT_EQ(taken->DebugString(1), "");
    col.Filter({1, 0, 1, 0, 1});
    ASSERT_EQ(col.size(), 3u);
    EXPECT_EQ(col.value(0), "b");
    EXPECT_EQ(col.value(1), "abc");
    EXPECT_EQ(col.value(2), "zz");
    EXPECT_EQ(col.bytes().size(), 6u);
}

TEST(BinaryColumn, NullableStringsKeepEmptyDistinctFromNull) {
    ColumnPtr col = MakeColumn(TypeDesc::Varchar(5), true);
    auto* n = static_cast<NullableColumn*>(col.get());
    static_cast<BinaryColumn*>(n->data())->Append("");
    n->AppendNotNullMark();
    n->AppendNull();
    EXPECT_FALSE(col->IsNullAt(0));
    EXPECT_TRUE(col->IsNullAt(1));
    EXPECT_GT(col->CompareAt(0, *col, 1), 0);
    EXPECT_EQ(n->null_count(), 1u);
    EXPECT_NE(col->HashAt(0, 3), col->HashAt(1, 3));
}

}  // namespace
}  // namespace tributary
