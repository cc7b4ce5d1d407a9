#include "types/type_desc.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

TEST(TypeDescTest, AcceptsDisplayWidthsAndPrintsStarRocksSpelling) {
    auto t = TypeDesc::FromSql("BIGINT", {20});
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(t->type, LogicalType::kBigInt);
    EXPECT_EQ(t->ToSql(), "bigint(20)");
    EXPECT_EQ(TypeDesc::FromSql("int", {})->ToSql(), "int(11)");
}

TEST(TypeDescTest, StringIsVarchar65533) {
    auto t = TypeDesc::FromSql("string", {});
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->ToSql(), "varchar(65533)");
    EXPECT_FALSE(TypeDesc::FromSql("string", {10}).ok());
}

TEST(TypeDescTest, ValidatesLengthsAndDecimalScale) {
    EXPECT_EQ(TypeDesc::FromSql("varchar", {26})->length, 26);
    EXPECT_FALSE(TypeDesc::FromSql("varchar", {0}).ok());
    EXPECT_FALSE(TypeDesc::FromSql("char", {256}).ok());
    EXPECT_EQ(TypeDesc::FromSql("decimal", {10, 2})->ToSql(), "decimal(10, 2)");
    EXPECT_FALSE(TypeDesc::FromSql("decimal", {5, 6}).ok());
    EXPECT_FALSE(TypeDesc::FromSql("decimal", {39}).ok());
    EXPECT_FALSE(TypeDesc::FromSql("date", {1}).ok());
}

TEST(TypeDescTest, RejectsUnknownTypeByName) {
    auto t = TypeDesc::FromSql("blob", {});
    ASSERT_FALSE(t.ok());
    EXPECT_NE(t.status().message().find("blob"), std::string::npos);
}

TEST(TypeDescTest, FloatingPointCannotBeKey) {
    EXPECT_FALSE(TypeDesc::Of(LogicalType::kDouble).CanBeKey());
    EXPECT_TRUE(TypeDesc::Of(LogicalType::kDate).CanBeKey());
}

}  // namespace
}  // namespace tributary
