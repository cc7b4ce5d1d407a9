#include "catalog/show_create_table.h"

#include <gtest/gtest.h>

#include "catalog/catalog_test_util.h"
#include "catalog/table_validator.h"

namespace tributary {
namespace {

using namespace tributary::testing;

// Builds the TableInfo the catalog would store for `def` (ids aside).
TableInfo Build(const TableDefinition& def) {
    auto validated = ValidateCreateTable(def, 8);
    EXPECT_TRUE(validated.ok()) << validated.status().ToString();
    if (!validated.ok()) return TableInfo{};
    TableInfo table = validated->table;
    for (const ValidatedPartition& p : validated->partitions) {
        PartitionInfo partition;
        partition.name = p.name;
        partition.range = p.range;
        partition.bucket_count = p.bucket_count;
        table.partitions.push_back(partition);
    }
    return table;
}

ColumnDefinition Commented(ColumnDefinition column, std::string comment) {
    column.comment = std::move(comment);
    return column;
}

TEST(ShowCreateTableTest, PrintsTheSeedTableLikeStarRocks) {
    TableDefinition def;
    def.name = "example_tbl1";
    def.columns = {Commented(Col("order_id", BigInt(), false), "Order ID"),
                   Commented(Col("pay_dt", Date(), false), "Payment date"),
                   Commented(Col("customer_name", Varchar(26), true), "Customer name"),
                   Commented(Col("nationality", Varchar(26), true), "Nationality"),
                   Commented(Col("price", Double(), true), "Price")};
    def.model = KeyModel::kDuplicate;
    def.model_stated = true;
    def.key_columns = {"order_id", "pay_dt"};
    def.distribution = Hash({"order_id"});
    EXPECT_EQ(ShowCreateTable(Build(def)),
              "CREATE TABLE `example_tbl1` (\n"
              "  `order_id` bigint(20) NOT NULL COMMENT \"Order ID\",\n"
              "  `pay_dt` date NOT NULL COMMENT \"Payment date\",\n"
              "  `customer_name` varchar(26) NULL COMMENT \"Customer name\",\n"
              "  `nationality` varchar(26) NULL COMMENT \"Nationality\",\n"
              "  `price` double NULL COMMENT \"Price\"\n"
              ") ENGINE=OLAP\n"
              "DUPLICATE KEY(`order_id`, `pay_dt`)\n"
              "COMMENT \"OLAP\"\n"
              "DISTRIBUTED BY HASH(`order_id`)\n"
              "PROPERTIES (\n"
              "\"replication_num\" = \"1\",\n"
              "\"compression\" = \"LZ4\"\n"
              ");");
}

TEST(ShowCreateTableTest, PrintsAggregateFunctionsAfterTheType) {
    TableDefinition def;
    def.name = "example_tbl2";
    def.columns = {Col("commodity_id", Varchar(26)), Col("pay_time", BigInt()),
                   Commented(Col("price", Double(), true, AggregateFunction::kSum), "Price")};
    def.model = KeyModel::kAggregate;
    def.model_stated = true;
    def.key_columns = {"commodity_id", "pay_time"};
    def.distribution = Hash({"commodity_id"}, 10);
    def.comment = "sales";
    std::string text = ShowCreateTable(Build(def));
    EXPECT_NE(text.find("  `price` double SUM NULL COMMENT \"Price\"\n"), std::string::npos)
        << text;
    EXPECT_NE(text.find("\nAGGREGATE KEY(`commodity_id`, `pay_time`)\nCOMMENT \"sales\"\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("\nDISTRIBUTED BY HASH(`commodity_id`) BUCKETS 10\n"), std::string::npos)
        << text;
}

TEST(ShowCreateTableTest, PrintsEveryPartitionAsAFixedRange) {
    TableDefinition def = DatePartitionedTable({LessThan("p1", {"2024-01-01"}),
                                                FixedRange("p2", {"2024-01-01"}, {"2024-02-01"}),
                                                LessThan("pmax", {})});
    std::string text = ShowCreateTable(Build(def));
    EXPECT_NE(text.find("PARTITION BY RANGE(`k2`)\n"
                        "(PARTITION p1 VALUES [(\"0000-01-01\"), (\"2024-01-01\")),\n"
                        "PARTITION p2 VALUES [(\"2024-01-01\"), (\"2024-02-01\")),\n"
                        "PARTITION pmax VALUES [(\"2024-02-01\"), (MAXVALUE)))\n"
                        "DISTRIBUTED BY HASH(`k1`) BUCKETS 3\n"),
              std::string::npos)
        << text;
}

TEST(ShowCreateTableTest, PrintsARangeTableWithoutPartitions) {
    std::string text = ShowCreateTable(Build(DatePartitionedTable({})));
    EXPECT_NE(text.find("PARTITION BY RANGE(`k2`)\n()\nDISTRIBUTED"), std::string::npos) << text;
}

TEST(ShowCreateTableTest, PrintsDefaultsAutoIncrementAndEscapedComments) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("id", BigInt()));
    def.columns.back().auto_increment = true;
    def.columns.push_back(Col("ts", DateTime()));
    def.columns.back().default_value = ColumnDefault::CurrentTimestamp();
    def.columns.push_back(Commented(Col("n", Int(), false), "say \"hi\""));
    def.columns.back().default_value = ColumnDefault::Literal("0");
    std::string text = ShowCreateTable(Build(def));
    EXPECT_NE(text.find("  `id` bigint(20) NOT NULL AUTO_INCREMENT COMMENT \"\",\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("  `ts` datetime NULL DEFAULT CURRENT_TIMESTAMP COMMENT \"\",\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("  `n` int(11) NOT NULL DEFAULT \"0\" COMMENT \"say \\\"hi\\\"\"\n"),
              std::string::npos)
        << text;
}

TEST(ShowCreateTableTest, PrintsRandomDistributionAndStatedProperties) {
    TableDefinition def = DuplicateTable();
    def.distribution = DistributionDefinition{DistributionDefinition::Kind::kRandom, {}, 2};
    def.properties = {{"compression", "zstd"},
                      {"storage_medium", "SSD"},
                      {"bloom_filter_columns", "v"},
                      {"replication_num", "3"}};
    std::string text = ShowCreateTable(Build(def));
    EXPECT_NE(text.find("\nDISTRIBUTED BY RANDOM BUCKETS 2\n"
                        "PROPERTIES (\n"
                        "\"replication_num\" = \"3\",\n"
                        "\"bloom_filter_columns\" = \"v\",\n"
                        "\"storage_medium\" = \"SSD\",\n"
                        "\"compression\" = \"ZSTD\"\n"
                        ");"),
              std::string::npos)
        << text;
}

TEST(ShowCreateTableTest, PrimaryKeyTablePrintsNoAggregates) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kPrimary;
    def.columns[2].aggregate = AggregateFunction::kReplace;
    std::string text = ShowCreateTable(Build(def));
    EXPECT_NE(text.find("  `v` varchar(26) NULL COMMENT \"\"\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\nPRIMARY KEY(`k1`, `k2`)\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace tributary
