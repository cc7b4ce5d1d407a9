#include "server/mysql/column_definition.h"

#include <gtest/gtest.h>

#include "server/mysql/test_util.h"

namespace tributary::mysql {
namespace {

using testing::FromHex;
using testing::ToHex;

ColumnDefinition BigintId() {
    ColumnDefinition column = ColumnDefinitionFor("id", TypeDesc::Of(LogicalType::kBigInt), false);
    column.schema = "db";
    column.table = "t";
    column.org_table = "t";
    return column;
}

TEST(ColumnDefinitionTest, MatchesGoldenBytes) {
    const std::string expected = FromHex(
        "03 64 65 66"  // catalog "def"
        "02 64 62"     // schema "db"
        "01 74"        // table "t"
        "01 74"        // org_table "t"
        "02 69 64"     // name "id"
        "02 69 64"     // org_name "id"
        "0c"           // length of the fixed fields
        "3f 00"        // charset 63 (binary)
        "14 00 00 00"  // column length 20
        "08"           // MYSQL_TYPE_LONGLONG
        "81 80"        // NOT_NULL | BINARY | NUM
        "00"           // decimals
        "00 00");      // filler
    EXPECT_EQ(ToHex(BuildColumnDefinition(BigintId())), ToHex(expected));
}

TEST(ColumnDefinitionTest, RoundTrips) {
    ColumnDefinition column = BigintId();
    column.name = std::string(300, 'n');
    auto parsed = ParseColumnDefinition(BuildColumnDefinition(column));
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(*parsed, column);
}

TEST(ColumnDefinitionTest, FieldListVariantAppendsDefaultValue) {
    const std::string plain = BuildColumnDefinition(BigintId());
    EXPECT_EQ(BuildFieldListColumnDefinition(BigintId(), std::nullopt), plain + "\xfb");
    EXPECT_EQ(BuildFieldListColumnDefinition(BigintId(), "0"), plain + FromHex("01 30"));
    EXPECT_TRUE(ParseColumnDefinition(plain + "\xfb").ok());
}

TEST(ColumnDefinitionTest, RejectsEveryTruncation) {
    const std::string payload = BuildColumnDefinition(BigintId());
    for (size_t n = 0; n < payload.size(); ++n) {
        EXPECT_FALSE(ParseColumnDefinition(payload.substr(0, n)).ok()) << n;
    }
}

TEST(ColumnDefinitionTest, RejectsWrongFixedFieldsLength) {
    std::string payload = BuildColumnDefinition(BigintId());
    payload[17] = 0x0b;  // the 0x0C after the six strings
    auto parsed = ParseColumnDefinition(payload);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.status().message().find("fixed"), std::string::npos);
}

struct MappingCase {
    TypeDesc type;
    ColumnType mysql_type;
    uint32_t length;
    uint8_t decimals;
    uint16_t charset;
    uint16_t flags;  // for a nullable column
};

TEST(ColumnDefinitionForTest, MapsEveryLogicalTypeLikeMySql) {
    const uint16_t kNumber = kBinaryFlag | kNumFlag;
    const MappingCase cases[] = {
        {TypeDesc::Of(LogicalType::kBoolean), ColumnType::kTiny, 1, 0, kCharsetBinary, kNumber},
        {TypeDesc::Of(LogicalType::kTinyInt), ColumnType::kTiny, 4, 0, kCharsetBinary, kNumber},
        {TypeDesc::Of(LogicalType::kSmallInt), ColumnType::kShort, 6, 0, kCharsetBinary, kNumber},
        {TypeDesc::Of(LogicalType::kInt), ColumnType::kLong, 11, 0, kCharsetBinary, kNumber},
        {TypeDesc::Of(LogicalType::kBigInt), ColumnType::kLongLong, 20, 0, kCharsetBinary, kNumber},
        {TypeDesc::Of(LogicalType::kLargeInt), ColumnType::kString, 40, 0, kCharsetUtf8mb4GeneralCi,
         0},
        {TypeDesc::Of(LogicalType::kFloat), ColumnType::kFloat, 12, 31, kCharsetBinary, kNumber},
        {TypeDesc::Of(LogicalType::kDouble), ColumnType::kDouble, 22, 31, kCharsetBinary, kNumber},
        {TypeDesc::Decimal(10, 2), ColumnType::kNewDecimal, 12, 2, kCharsetBinary, kNumber},
        {TypeDesc::Decimal(27, 0), ColumnType::kNewDecimal, 28, 0, kCharsetBinary, kNumber},
        {TypeDesc::Of(LogicalType::kDate), ColumnType::kDate, 10, 0, kCharsetBinary, kBinaryFlag},
        {TypeDesc::Of(LogicalType::kDateTime), ColumnType::kDateTime, 19, 0, kCharsetBinary,
         kBinaryFlag},
        {TypeDesc::Char(10), ColumnType::kString, 40, 0, kCharsetUtf8mb4GeneralCi, 0},
        {TypeDesc::Varchar(26), ColumnType::kVarString, 104, 0, kCharsetUtf8mb4GeneralCi, 0},
        {TypeDesc::Varchar(TypeDesc::kStringLength), ColumnType::kVarString, 262132, 0,
         kCharsetUtf8mb4GeneralCi, 0},
        {TypeDesc::Of(LogicalType::kJson), ColumnType::kString, 262132, 0, kCharsetUtf8mb4GeneralCi,
         0},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.type.ToSql());
        const ColumnDefinition column = ColumnDefinitionFor("c", c.type, /*nullable=*/true);
        EXPECT_EQ(column.name, "c");
        EXPECT_EQ(column.org_name, "c");
        EXPECT_EQ(column.type, c.mysql_type);
        EXPECT_EQ(column.column_length, c.length);
        EXPECT_EQ(column.decimals, c.decimals);
        EXPECT_EQ(column.charset, c.charset);
        EXPECT_EQ(column.flags, c.flags);
    }
}

TEST(ColumnDefinitionForTest, SetsNotNullFlagForNonNullableColumns) {
    const TypeDesc types[] = {TypeDesc::Of(LogicalType::kInt), TypeDesc::Varchar(5)};
    for (const auto& type : types) {
        EXPECT_NE(ColumnDefinitionFor("c", type, false).flags & kNotNullFlag, 0) << type.ToSql();
        EXPECT_EQ(ColumnDefinitionFor("c", type, true).flags & kNotNullFlag, 0) << type.ToSql();
    }
}

}  // namespace
}  // namespace tributary::mysql
