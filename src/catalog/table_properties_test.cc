#include "catalog/table_properties.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog_test_util.h"
#include "catalog/table_validator.h"

namespace tributary {
namespace {

using namespace tributary::testing;

// --- properties -----------------------------------------------------------------------------

TEST(TablePropertiesTest, AcceptsKnownProperties) {
    TableDefinition def = DuplicateTable();
    def.properties = {{"replication_num", "3"},
                      {"Storage_Medium", "ssd"},
                      {"compression", "zstd"},
                      {"bloom_filter_columns", "v, K1"}};
    auto result = Validate(def);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    const TableProperties& p = result->table.properties;
    EXPECT_EQ(p.replication_num, 3);
    EXPECT_EQ(p.storage_medium, "SSD");
    EXPECT_EQ(p.compression, "ZSTD");
    EXPECT_EQ(p.bloom_filter_columns, (std::vector<std::string>{"v", "k1"}));
}

TEST(TablePropertiesTest, PropertiesDefaultToOneReplicaAndLz4) {
    auto result = Validate(DuplicateTable());
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->table.properties.replication_num, 1);
    EXPECT_EQ(result->table.properties.compression, "LZ4");
    EXPECT_EQ(result->table.properties.storage_medium, "");
}

TEST(TablePropertiesTest, RejectsUnknownPropertiesListingThemAll) {
    TableDefinition def = DuplicateTable();
    def.properties = {{"foo", "bar"}, {"replication_num", "1"}, {"in_memory", "false"}};
    ExpectInvalid(Validate(def), "Unknown properties: {foo=bar, in_memory=false}");
}

TEST(TablePropertiesTest, RejectsReplicationNumOutsideOneToThree) {
    TableDefinition def = DuplicateTable();
    def.properties = {{"replication_num", "4"}};
    ExpectInvalid(Validate(def), "Invalid replication_num", ErrorCode::kInvalidValue);
    def.properties = {{"replication_num", "x"}};
    ExpectInvalid(Validate(def), "Invalid replication_num", ErrorCode::kInvalidValue);
}

TEST(TablePropertiesTest, RejectsUnknownStorageMediumAndCompression) {
    TableDefinition def = DuplicateTable();
    def.properties = {{"storage_medium", "tape"}};
    ExpectInvalid(Validate(def), "Invalid storage_medium", ErrorCode::kInvalidValue);
    def.properties = {{"compression", "snappy"}};
    ExpectInvalid(Validate(def), "Unknown compression type", ErrorCode::kInvalidValue);
}

TEST(TablePropertiesTest, RejectsPropertyGivenTwice) {
    TableDefinition def = DuplicateTable();
    def.properties = {{"replication_num", "1"}, {"REPLICATION_NUM", "1"}};
    ExpectInvalid(Validate(def), "more than once");
}

TEST(TablePropertiesTest, RejectsBloomFilterOnUnknownColumn) {
    TableDefinition def = DuplicateTable();
    def.properties = {{"bloom_filter_columns", "nope"}};
    ExpectInvalid(Validate(def),
                  "Bloom filter column does not exist in table. invalid column: nope");
}

TEST(TablePropertiesTest, RejectsBloomFilterOnDoubleColumn) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("f", Double()));
    def.properties = {{"bloom_filter_columns", "f"}};
    ExpectInvalid(Validate(def), "not supported in bloom filter index. invalid column: f");
}

TEST(TablePropertiesTest, RejectsBloomFilterOnAggregateTableValueColumn) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kAggregate;
    def.columns[2].aggregate = AggregateFunction::kReplace;
    def.properties = {{"bloom_filter_columns", "v"}};
    ExpectInvalid(Validate(def), "key columns of UNIQUE_KEYS/AGG_KEYS table. invalid column: v");
}

}  // namespace
}  // namespace tributary
