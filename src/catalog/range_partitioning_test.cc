#include "catalog/range_partitioning.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog_test_util.h"
#include "catalog/table_validator.h"

namespace tributary {
namespace {

using namespace tributary::testing;

// --- partitions -----------------------------------------------------------------------------

TEST(RangePartitioningTest, UnpartitionedTableHasOneImplicitPartitionNamedAfterIt) {
    auto result = Validate(DuplicateTable("orders"));
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result->partitions.size(), 1u);
    EXPECT_EQ(result->partitions[0].name, "orders");
    EXPECT_FALSE(result->partitions[0].range.has_value());
    EXPECT_EQ(result->partitions[0].bucket_count, 3);
    EXPECT_FALSE(result->table.is_range_partitioned());
}

TEST(RangePartitioningTest, LessThanPartitionsBuildConsecutiveRangesFromMin) {
    auto result = Validate(DatePartitionedTable(
        {LessThan("p1", {"2024-01-01"}), LessThan("p2", {"2024-02-01"}), LessThan("p3", {})}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    std::vector<TypeDesc> types = {Date()};
    ASSERT_EQ(result->partitions.size(), 3u);
    EXPECT_EQ(result->partitions[0].range->ToSql(types), R"([("0000-01-01"), ("2024-01-01")))");
    EXPECT_EQ(result->partitions[1].range->ToSql(types), R"([("2024-01-01"), ("2024-02-01")))");
    EXPECT_EQ(result->partitions[2].range->ToSql(types), R"([("2024-02-01"), (MAXVALUE)))");
}

TEST(RangePartitioningTest, AcceptsFixedRangePartitionsWithGaps) {
    auto result =
        Validate(DatePartitionedTable({FixedRange("p1", {"2024-01-01"}, {"2024-02-01"}),
                                       FixedRange("p2", {"2024-03-01"}, {"2024-04-01"})}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->partitions.size(), 2u);
}

TEST(RangePartitioningTest, LessThanAfterAFixedRangeStartsAtItsUpperBound) {
    auto result = Validate(DatePartitionedTable(
        {FixedRange("p1", {"2024-01-01"}, {"2024-02-01"}), LessThan("p2", {"2024-03-01"})}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->partitions[1].range->ToSql({Date()}), R"([("2024-02-01"), ("2024-03-01")))");
}

TEST(RangePartitioningTest, RejectsFixedRangeWhoseLowerIsNotBelowUpper) {
    ExpectInvalid(
        Validate(DatePartitionedTable({FixedRange("p1", {"2024-02-01"}, {"2024-02-01"})})),
        "The lower values must smaller than upper values");
}

TEST(RangePartitioningTest, RejectsOverlappingRangesNamingBoth) {
    ExpectInvalid(
        Validate(DatePartitionedTable({FixedRange("p1", {"2024-01-01"}, {"2024-03-01"}),
                                       FixedRange("p2", {"2024-02-01"}, {"2024-04-01"})})),
        R"(Range [("2024-02-01"), ("2024-04-01")) of partition 'p2' is intersected with )"
        R"(range [("2024-01-01"), ("2024-03-01")) of partition 'p1')");
}

TEST(RangePartitioningTest, RejectsDecreasingLessThanPartitions) {
    ExpectInvalid(Validate(DatePartitionedTable(
                      {LessThan("p1", {"2024-02-01"}), LessThan("p2", {"2024-01-01"})})),
                  "is intersected with range");
}

TEST(RangePartitioningTest, RejectsLessThanEqualToAnExistingUpperBound) {
    ExpectInvalid(Validate(DatePartitionedTable(
                      {LessThan("p1", {"2024-02-01"}), LessThan("p2", {"2024-02-01"})})),
                  "covers no values");
}

TEST(RangePartitioningTest, RejectsLessThanTheMinimumValue) {
    ExpectInvalid(Validate(DatePartitionedTable({LessThan("p1", {"0000-01-01"})})),
                  "Partition's upper value should not be MIN VALUE");
}

TEST(RangePartitioningTest, RejectsDuplicatePartitionNamesIgnoringCase) {
    ExpectInvalid(Validate(DatePartitionedTable(
                      {LessThan("p1", {"2024-01-01"}), LessThan("P1", {"2024-02-01"})})),
                  "Duplicate partition name P1", ErrorCode::kSameNamePartition);
}

TEST(RangePartitioningTest, RejectsInvalidPartitionName) {
    ExpectInvalid(Validate(DatePartitionedTable({LessThan("1p", {"2024-01-01"})})),
                  "Incorrect partition name '1p'");
}

TEST(RangePartitioningTest, RejectsInvalidPartitionValue) {
    ExpectInvalid(Validate(DatePartitionedTable({LessThan("p1", {"2024-13-01"})})),
                  "Invalid value \"2024-13-01\" for partition column 'k2' of type date");
}

TEST(RangePartitioningTest, RejectsMorePartitionValuesThanColumns) {
    ExpectInvalid(Validate(DatePartitionedTable({LessThan("p1", {"2024-01-01", "1"})})),
                  "Partition values have 2 values but the table has 1 partition column(s)");
}

TEST(RangePartitioningTest, RejectsUnknownPartitionColumn) {
    TableDefinition def = DatePartitionedTable({LessThan("p1", {"2024-01-01"})});
    def.partitioning->columns = {"nope"};
    ExpectInvalid(Validate(def), "Partition column[nope] does not exist in column list.",
                  ErrorCode::kBadFieldError);
}

TEST(RangePartitioningTest, RejectsRepeatedPartitionColumn) {
    TableDefinition def = DatePartitionedTable({});
    def.partitioning->columns = {"k2", "K2"};
    ExpectInvalid(Validate(def), "Duplicated partition column K2");
}

TEST(RangePartitioningTest, RejectsVarcharPartitionColumn) {
    TableDefinition def = DatePartitionedTable({});
    def.partitioning->columns = {"v"};
    ExpectInvalid(Validate(def), "Column[v] type[VARCHAR] cannot be a range partition key.");
}

TEST(RangePartitioningTest, RejectsNonKeyPartitionColumnOnAggregateTable) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kAggregate;
    def.columns[2] = Col("v", Int(), {}, AggregateFunction::kMax);
    def.partitioning = RangePartitionDefinition{{"v"}, {LessThan("p1", {"10"})}};
    ExpectInvalid(Validate(def), "partition column must be key column");
}

TEST(RangePartitioningTest, AcceptsNonKeyPartitionColumnOnDuplicateTable) {
    TableDefinition def = DuplicateTable();
    def.columns[2] = Col("v", Int());
    def.partitioning = RangePartitionDefinition{{"v"}, {LessThan("p1", {"10"})}};
    EXPECT_TRUE(Validate(def).ok());
}

TEST(RangePartitioningTest, MultiColumnPartitionValuesFillMissingTrailingValuesWithMin) {
    TableDefinition def = DuplicateTable();
    def.partitioning = RangePartitionDefinition{
        {"k1", "k2"}, {LessThan("p1", {"10"}), LessThan("p2", {"10", "2024-01-01"})}};
    auto result = Validate(def);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    std::vector<TypeDesc> types = {BigInt(), Date()};
    EXPECT_EQ(result->partitions[0].range->ToSql(types),
              R"([("-9223372036854775808", "0000-01-01"), ("10", "0000-01-01")))");
    EXPECT_EQ(result->partitions[1].range->ToSql(types),
              R"([("10", "0000-01-01"), ("10", "2024-01-01")))");
}

TEST(RangePartitioningTest, PartitionBucketsOverrideTheTableBuckets) {
    auto result = Validate(
        DatePartitionedTable({LessThan("p1", {"2024-01-01"}, 5), LessThan("p2", {"2024-02-01"})}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->partitions[0].bucket_count, 5);
    EXPECT_EQ(result->partitions[1].bucket_count, 3);
}

TEST(RangePartitioningTest, RejectsPartitionBucketsOutsideOneTo1024) {
    ExpectInvalid(Validate(DatePartitionedTable({LessThan("p1", {"2024-01-01"}, 0)})),
                  "BUCKETS must be between 1 and 1024");
}

TEST(RangePartitioningTest, AddPartitionResolvesAgainstTheTablePartitions) {
    auto created = Validate(DatePartitionedTable({LessThan("p1", {"2024-01-01"})}));
    ASSERT_TRUE(created.ok());
    TableInfo table = created->table;
    table.partitions.push_back(PartitionInfo{1, "p1", created->partitions[0].range, 3, {2, 3, 4}});
    auto added = ValidateAddPartition(table, LessThan("p2", {"2024-02-01"}));
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    EXPECT_EQ(added->range->ToSql({Date()}), R"([("2024-01-01"), ("2024-02-01")))");
    EXPECT_EQ(added->bucket_count, 3);
    ExpectInvalid(ValidateAddPartition(table, LessThan("P1", {"2024-03-01"})),
                  "Duplicate partition name P1", ErrorCode::kSameNamePartition);
    ExpectInvalid(ValidateAddPartition(table, FixedRange("p3", {"2023-01-01"}, {"2023-02-01"})),
                  "is intersected with range");
}

}  // namespace
}  // namespace tributary
