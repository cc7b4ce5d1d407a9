#include "types/physical_type.h"

#include <gtest/gtest.h>

#include <type_traits>

namespace tributary {
namespace {

TEST(PhysicalTypeTest, MapsLogicalTypesToTheirStorage) {
    static_assert(std::is_same_v<PhysicalTypeOf<LogicalType::kDate>, int32_t>);
    static_assert(std::is_same_v<PhysicalTypeOf<LogicalType::kDateTime>, int64_t>);
    static_assert(std::is_same_v<PhysicalTypeOf<LogicalType::kDecimal>, int128_t>);
    static_assert(std::is_same_v<PhysicalTypeOf<LogicalType::kJson>, std::string>);
    EXPECT_EQ(FixedWidthOf(LogicalType::kBoolean), 1u);
    EXPECT_EQ(FixedWidthOf(LogicalType::kLargeInt), 16u);
    EXPECT_EQ(FixedWidthOf(LogicalType::kDecimal), 16u);
    EXPECT_EQ(FixedWidthOf(LogicalType::kVarchar), 0u);
    EXPECT_FALSE(IsFixedWidth(LogicalType::kChar));
}

TEST(PhysicalTypeTest, VisitorAgreesWithFixedWidth) {
    for (LogicalType t :
         {LogicalType::kBoolean, LogicalType::kTinyInt, LogicalType::kSmallInt, LogicalType::kInt,
          LogicalType::kBigInt, LogicalType::kLargeInt, LogicalType::kFloat, LogicalType::kDouble,
          LogicalType::kDecimal, LogicalType::kDate, LogicalType::kDateTime}) {
        size_t size =
            VisitLogicalType(t, []<LogicalType T>() { return sizeof(PhysicalTypeOf<T>); });
        EXPECT_EQ(size, FixedWidthOf(t)) << LogicalTypeName(t);
    }
}

}  // namespace
}  // namespace tributary
