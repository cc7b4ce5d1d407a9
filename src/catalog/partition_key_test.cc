#include "catalog/partition_key.h"

#include <gtest/gtest.h>

#include "catalog/table_info.h"

namespace tributary {
namespace {

const std::vector<TypeDesc> kIntDate = {TypeDesc::Of(LogicalType::kInt),
                                        TypeDesc::Of(LogicalType::kDate)};
const std::vector<std::string> kNames = {"a", "b"};

PartitionKey Key(PartitionValues texts) {
    auto key = PartitionKey::Parse(texts, kIntDate, kNames);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    return key.ok() ? *key : PartitionKey();
}

TEST(PartitionKeyTest, ComparesValuesLexicographically) {
    EXPECT_LT(Key({"1", "2024-01-01"}), Key({"1", "2024-01-02"}));
    EXPECT_LT(Key({"1", "2024-12-31"}), Key({"2", "2000-01-01"}));
    EXPECT_EQ(Key({"1"}), Key({"1", "0000-01-01"}));
}

TEST(PartitionKeyTest, MaxvalueIsGreaterThanEveryValue) {
    EXPECT_LT(Key({"2147483647", "9999-12-31"}), Key({std::nullopt}));
    EXPECT_LT(Key({"5", "9999-12-31"}), Key({"5", std::nullopt}));
    EXPECT_EQ(PartitionKey::Max(2), Key({std::nullopt, std::nullopt}));
}

TEST(PartitionKeyTest, MissingValuesAreTheTypeMinimum) {
    EXPECT_TRUE(Key({}).IsMin(kIntDate));
    EXPECT_EQ(Key({"7"}).ToSql(kIntDate), R"(("7", "0000-01-01"))");
    EXPECT_EQ(PartitionKey::Min(kIntDate).ToSql(kIntDate), R"(("-2147483648", "0000-01-01"))");
}

TEST(PartitionKeyTest, PrintsCanonicalTextsAndMaxvalue) {
    EXPECT_EQ(Key({"+007", "2024-1-5"}).ToSql(kIntDate), R"(("7", "2024-01-05"))");
    EXPECT_EQ(Key({"1", std::nullopt}).ToSql(kIntDate), R"(("1", MAXVALUE))");
    PartitionValues texts = Key({"1", std::nullopt}).ToTexts(kIntDate);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts[0], std::optional<std::string>("1"));
    EXPECT_FALSE(texts[1].has_value());
}

TEST(PartitionKeyTest, DatetimeColumnsAcceptADateAlone) {
    std::vector<TypeDesc> types = {TypeDesc::Of(LogicalType::kDateTime)};
    auto key = PartitionKey::Parse({"2024-01-01"}, types, {"ts"});
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(key->ToSql(types), R"(("2024-01-01 00:00:00"))");
}

TEST(PartitionKeyTest, RejectsValuesThatDoNotFitTheColumn) {
    auto key = PartitionKey::Parse({"2147483648"}, kIntDate, kNames);
    ASSERT_FALSE(key.ok());
    EXPECT_NE(key.status().message().find("partition column 'a' of type int(11)"),
              std::string_view::npos);
}

TEST(PartitionKeyTest, RangeContainsItsLowerBoundButNotItsUpperBound) {
    PartitionRange range{Key({"10"}), Key({"20"})};
    EXPECT_TRUE(range.Contains(Key({"10"})));
    EXPECT_TRUE(range.Contains(Key({"19", "9999-12-31"})));
    EXPECT_FALSE(range.Contains(Key({"20"})));
    EXPECT_FALSE(range.Overlaps(PartitionRange{Key({"20"}), Key({"30"})}));
    EXPECT_TRUE(range.Overlaps(PartitionRange{Key({"19"}), Key({"30"})}));
}

TEST(PartitionKeyTest, TableFindsThePartitionHoldingAKey) {
    TableInfo table;
    ColumnInfo column;
    column.name = "a";
    column.type = kIntDate[0];
    table.columns = {column};
    table.partition_columns = {"a"};
    std::vector<TypeDesc> types = {kIntDate[0]};
    auto key = [&](PartitionValues v) { return *PartitionKey::Parse(v, types, {"a"}); };
    auto partition = [&](std::string name, PartitionValues lower, PartitionValues upper) {
        PartitionInfo p;
        p.name = std::move(name);
        p.range = PartitionRange{key(std::move(lower)), key(std::move(upper))};
        return p;
    };
    table.partitions.push_back(partition("p1", {"0"}, {"10"}));
    table.partitions.push_back(partition("p2", {"20"}, {"30"}));
    EXPECT_EQ(table.FindPartitionForKey(key({"5"}))->name, "p1");
    EXPECT_EQ(table.FindPartitionForKey(key({"20"}))->name, "p2");
    EXPECT_EQ(table.FindPartitionForKey(key({"15"})), nullptr);
    EXPECT_EQ(table.FindPartitionForKey(key({"-1"})), nullptr);
    EXPECT_EQ(table.FindPartitionForKey(key({"30"})), nullptr);
}

}  // namespace
}  // namespace tributary
