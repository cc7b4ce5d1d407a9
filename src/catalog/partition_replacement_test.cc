// Specification of REPLACE PARTITION's rules (partition_replacement.h), on tables built by hand
// with one INT partition column so that ranges read as numbers: [10, 20) is R(10, 20).
#include "catalog/partition_replacement.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog_test_util.h"

namespace tributary {
namespace {

using ::testing::ElementsAre;
using namespace tributary::testing;

PartitionRange R(int64_t lower, int64_t upper) {
    return PartitionRange{PartitionKey({PartitionValue::Of(lower)}),
                          PartitionKey({PartitionValue::Of(upper)})};
}

PartitionInfo P(int64_t id, std::string name, PartitionRange range) {
    PartitionInfo p;
    p.id = id;
    p.name = std::move(name);
    p.range = std::move(range);
    p.bucket_count = 1;
    p.tablet_ids = {id + 1000};
    return p;
}

// Formal partitions p1 [10, 20), p2 [20, 30), p3 [40, 50), p4 [50, 60); `temp` as given.
TableInfo Table(std::vector<PartitionInfo> temp) {
    TableInfo table;
    table.name = "t";
    ColumnInfo k;
    k.name = "k";
    k.type = Int();
    k.is_key = true;
    table.columns = {k};
    table.partition_columns = {"k"};
    table.partitions = {P(1, "p1", R(10, 20)), P(2, "p2", R(20, 30)), P(3, "p3", R(40, 50)),
                        P(4, "p4", R(50, 60))};
    table.temp_partitions = std::move(temp);
    return table;
}

PartitionReplacement Replace(std::vector<std::string> partitions,
                             std::vector<std::string> temp_partitions) {
    PartitionReplacement r;
    r.partitions = std::move(partitions);
    r.temp_partitions = std::move(temp_partitions);
    return r;
}

std::vector<std::string> Names(const std::vector<PartitionInfo>& partitions) {
    std::vector<std::string> names;
    for (const PartitionInfo& p : partitions) names.push_back(p.name);
    return names;
}

std::vector<int64_t> Ids(const std::vector<PartitionInfo>& partitions) {
    std::vector<int64_t> ids;
    for (const PartitionInfo& p : partitions) ids.push_back(p.id);
    return ids;
}

TEST(PartitionReplacementTest, EqualCountsTakeTheReplacedNamesAndKeepTheTemporaryIds) {
    TableInfo table = Table({P(11, "tp1", R(10, 20)), P(12, "tp2", R(20, 30))});
    auto replaced = ReplacePartitions(table, Replace({"p1", "p2"}, {"tp1", "tp2"}));
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_THAT(Names(replaced->table.partitions), ElementsAre("p1", "p2", "p3", "p4"));
    EXPECT_THAT(Ids(replaced->table.partitions), ElementsAre(11, 12, 3, 4));
    EXPECT_EQ(replaced->table.partitions[0].tablet_ids, std::vector<int64_t>{1011});
    EXPECT_TRUE(replaced->table.temp_partitions.empty());
    EXPECT_THAT(Ids(replaced->removed), ElementsAre(1, 2));
}

TEST(PartitionReplacementTest, NamesPairUpInTheOrderWritten) {
    TableInfo table = Table({P(11, "tp1", R(10, 20)), P(12, "tp2", R(20, 30))});
    auto replaced = ReplacePartitions(table, Replace({"p2", "p1"}, {"tp1", "tp2"}));
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    // tp1 [10, 20) is now called p2, tp2 [20, 30) p1: StarRocks renames by position.
    EXPECT_THAT(Names(replaced->table.partitions), ElementsAre("p2", "p1", "p3", "p4"));
}

TEST(PartitionReplacementTest, UseTempPartitionNameKeepsTheTemporaryNames) {
    TableInfo table = Table({P(11, "tp1", R(10, 20))});
    PartitionReplacement r = Replace({"p1"}, {"tp1"});
    r.use_temp_partition_name = true;
    auto replaced = ReplacePartitions(table, r);
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_THAT(Names(replaced->table.partitions), ElementsAre("tp1", "p2", "p3", "p4"));
}

TEST(PartitionReplacementTest, DifferentCountsKeepTheTemporaryNames) {
    TableInfo table = Table({P(11, "tp12", R(10, 30))});
    auto replaced = ReplacePartitions(table, Replace({"p1", "p2"}, {"tp12"}));
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_THAT(Names(replaced->table.partitions), ElementsAre("tp12", "p3", "p4"));
    EXPECT_THAT(Ids(replaced->removed), ElementsAre(1, 2));
}

TEST(PartitionReplacementTest, StrictRangeComparesUnionsOfRanges) {
    // The documentation's first example: {[10, 20), [20, 30), [40, 50)} equals
    // {[10, 30), [40, 45), [45, 50)}.
    TableInfo table =
        Table({P(11, "tp1", R(10, 30)), P(12, "tp2", R(40, 45)), P(13, "tp3", R(45, 50))});
    auto replaced = ReplacePartitions(table, Replace({"p1", "p2", "p3"}, {"tp1", "tp2", "tp3"}));
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_THAT(Names(replaced->table.partitions), ElementsAre("p1", "p2", "p3", "p4"));
}

TEST(PartitionReplacementTest, StrictRangeRefusesDifferentUnions) {
    // The documentation's second example: [10, 50) against {[10, 30), [40, 50)}, here as
    // {p1, p2, p3} = {[10, 30), [40, 50)} against one [10, 50).
    TableInfo table = Table({P(11, "tp", R(10, 50))});
    ExpectInvalid(ReplacePartitions(table, Replace({"p1", "p2", "p3"}, {"tp"})),
                  "they must cover the same values");
}

TEST(PartitionReplacementTest, NonStrictRangeOnlyRefusesOverlapWithStayingPartitions) {
    TableInfo table = Table({P(11, "tp", R(10, 50))});
    PartitionReplacement r = Replace({"p1", "p2", "p3"}, {"tp"});
    r.strict_range = false;
    auto replaced = ReplacePartitions(table, r);
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_THAT(Names(replaced->table.partitions), ElementsAre("tp", "p4"));

    TableInfo overlapping = Table({P(11, "tp", R(10, 55))});
    ExpectInvalid(ReplacePartitions(overlapping, r),
                  "Range [(\"10\"), (\"55\")) of temporary partition 'tp' is intersected with "
                  "range [(\"50\"), (\"60\")) of partition 'p4'");
}

TEST(PartitionReplacementTest, OtherTemporaryPartitionsStayTemporary) {
    TableInfo table = Table({P(11, "tp1", R(10, 20)), P(12, "other", R(0, 100))});
    auto replaced = ReplacePartitions(table, Replace({"p1"}, {"tp1"}));
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_THAT(Names(replaced->table.temp_partitions), ElementsAre("other"));
}

TEST(PartitionReplacementTest, RefusesUnknownRepeatedAndMissingNames) {
    TableInfo table = Table({P(11, "tp1", R(10, 20))});
    ExpectError(ReplacePartitions(table, Replace({"nope"}, {"tp1"})), ErrorCode::kUnknownPartition,
                "Unknown partition 'nope' in table 't'");
    // A temporary partition is not a formal one, and the other way round.
    ExpectError(ReplacePartitions(table, Replace({"tp1"}, {"tp1"})), ErrorCode::kUnknownPartition,
                "Unknown partition 'tp1'");
    ExpectError(ReplacePartitions(table, Replace({"p1"}, {"p2"})), ErrorCode::kUnknownPartition,
                "Unknown temporary partition 'p2' in table 't'");
    ExpectInvalid(ReplacePartitions(table, Replace({"p1", "P1"}, {"tp1"})),
                  "Duplicated partition name: p1");
    ExpectInvalid(ReplacePartitions(table, Replace({}, {"tp1"})), "at least one partition");
}

TEST(PartitionReplacementTest, RefusesUnpartitionedTables) {
    TableInfo table;
    table.name = "plain";
    ExpectInvalid(ReplacePartitions(table, Replace({"plain"}, {"tp"})),
                  "is not partitioned by RANGE");
}

TEST(PartitionReplacementTest, ParsesItsTwoProperties) {
    PartitionReplacement r;
    ASSERT_TRUE(ParseReplacementProperties(
                    {{"STRICT_RANGE", "false"}, {"use_temp_partition_name", " TRUE "}}, &r)
                    .ok());
    EXPECT_FALSE(r.strict_range);
    EXPECT_TRUE(r.use_temp_partition_name);
    ExpectError(ParseReplacementProperties({{"strict_range", "yes"}}, &r), ErrorCode::kInvalidValue,
                "Invalid strict_range: \"yes\"");
    ExpectError(ParseReplacementProperties({{"foo", "bar"}}, &r), ErrorCode::kUnknownError,
                "Unknown properties: {foo=bar}");
}

}  // namespace
}  // namespace tributary
