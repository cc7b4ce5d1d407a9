// Specification of TabletRouter's partition sets: formal partitions by default, a given set of
// partitions (a load's TEMPORARY PARTITION list) otherwise, with partition pointers and indexes
// into that set.
#include "load/tablet_router.h"

#include <gtest/gtest.h>

#include "column/value_append.h"

namespace tributary {
namespace {

constexpr int32_t kBuckets = 2;

PartitionInfo P(int64_t id, std::string name, int64_t lower, int64_t upper) {
    PartitionInfo p;
    p.id = id;
    p.name = std::move(name);
    p.range = PartitionRange{PartitionKey({PartitionValue::Of(lower)}),
                             PartitionKey({PartitionValue::Of(upper)})};
    p.bucket_count = kBuckets;
    p.tablet_ids = {id * 10, id * 10 + 1};
    return p;
}

// k INT NOT NULL, partitioned by RANGE(k), HASH(k) over 2 buckets. Formal partitions
// p1 [0, 10), p2 [10, 20); temporary tp2 [15, 30) and tp1 [5, 15) (overlapping the formal ones,
// stored in range order).
std::shared_ptr<const TableInfo> Table() {
    auto table = std::make_shared<TableInfo>();
    table->id = 1;
    table->name = "t";
    ColumnInfo k;
    k.name = "k";
    k.type = TypeDesc::Of(LogicalType::kInt);
    k.is_key = true;
    k.nullable = false;
    table->columns = {k};
    table->partition_columns = {"k"};
    table->partitions = {P(2, "p1", 0, 10), P(3, "p2", 10, 20)};
    table->temp_partitions = {P(4, "tp1", 5, 15), P(5, "tp2", 15, 30)};
    table->distribution.kind = DistributionInfo::Kind::kHash;
    table->distribution.columns = {"k"};
    table->distribution.buckets = kBuckets;
    return table;
}

// One INT NOT NULL column holding `keys`.
Chunk Keys(const std::vector<int32_t>& keys) {
    Chunk chunk(ChunkSchema{{ColumnSchema{"k", TypeDesc::Of(LogicalType::kInt), false}}});
    for (int32_t k : keys) EXPECT_TRUE(AppendValue(chunk.column(0), Value::Int(k)).ok());
    return chunk;
}

// The name of the partition each key is routed to ("-" for none).
std::vector<std::string> RoutedNames(TabletRouter& router, const std::vector<int32_t>& keys) {
    const Chunk chunk = Keys(keys);
    std::vector<std::string> out;
    for (size_t row = 0; row < keys.size(); ++row) {
        const TabletTarget target = router.Route(chunk, row);
        out.push_back(target.partition == nullptr ? "-" : target.partition->name);
    }
    return out;
}

TEST(TabletRouterTest, RoutesOverTheFormalPartitionsByDefault) {
    TabletRouter router(Table());
    ASSERT_EQ(router.partitions().size(), 2u);
    EXPECT_EQ(RoutedNames(router, {0, 9, 10, 19, 20, 25}),
              (std::vector<std::string>{"p1", "p1", "p2", "p2", "-", "-"}));
}

TEST(TabletRouterTest, RoutesOverTheNamedTemporaryPartitionsOnly) {
    auto router = TabletRouter::ForPartitions(Table(), PartitionKind::kTemporary, {"TP2", "tp1"});
    ASSERT_TRUE(router.ok()) << router.status().ToString();
    EXPECT_EQ(RoutedNames(*router, {0, 5, 14, 15, 29, 30}),
              (std::vector<std::string>{"-", "tp1", "tp1", "tp2", "tp2", "-"}));
}

TEST(TabletRouterTest, ATemporarySubsetLeavesOtherRangesUnrouted) {
    auto router = TabletRouter::ForPartitions(Table(), PartitionKind::kTemporary, {"tp2"});
    ASSERT_TRUE(router.ok()) << router.status().ToString();
    EXPECT_EQ(RoutedNames(*router, {5, 16}), (std::vector<std::string>{"-", "tp2"}));
}

TEST(TabletRouterTest, TargetsPointIntoTheTableAndIndexTheSortedSet) {
    auto table = Table();
    // Given out of order: the router sorts the set by range.
    TabletRouter router(table, {&table->temp_partitions[1], &table->temp_partitions[0]});
    ASSERT_EQ(router.partitions().size(), 2u);
    EXPECT_EQ(router.partitions()[0]->name, "tp1");
    EXPECT_EQ(router.partitions()[1]->name, "tp2");
    const Chunk chunk = Keys({7, 20});
    const TabletTarget first = router.Route(chunk, 0);
    EXPECT_EQ(first.partition, &table->temp_partitions[0]);
    EXPECT_EQ(first.partition_index, 0u);
    EXPECT_EQ(first.tablet_id, first.partition->tablet_ids[first.bucket]);
    const TabletTarget second = router.Route(chunk, 1);
    EXPECT_EQ(second.partition, &table->temp_partitions[1]);
    EXPECT_EQ(second.partition_index, 1u);
    EXPECT_EQ(second.tablet_id, second.partition->tablet_ids[second.bucket]);
}

TEST(TabletRouterTest, EqualKeysLandInTheSameBucketOfAnyPartition) {
    // Placement depends on the key only: a row moved from p1 to tp1 by REPLACE PARTITION would
    // have been routed to the same bucket index.
    auto table = Table();
    TabletRouter formal(table);
    auto temporary = TabletRouter::ForPartitions(table, PartitionKind::kTemporary, {"tp1"});
    ASSERT_TRUE(temporary.ok());
    const Chunk chunk = Keys({7});
    EXPECT_EQ(formal.Route(chunk, 0).bucket, temporary->Route(chunk, 0).bucket);
}

TEST(TabletRouterTest, ForPartitionsRefusesUnknownNamesOfTheKind) {
    auto unknown = TabletRouter::ForPartitions(Table(), PartitionKind::kTemporary, {"p1"});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.status().error_code(), ErrorCode::kUnknownPartition);
    EXPECT_EQ(unknown.status().message(), "Unknown temporary partition 'p1' in table 't'");
    auto formal = TabletRouter::ForPartitions(Table(), PartitionKind::kFormal, {"tp1"});
    ASSERT_FALSE(formal.ok());
    EXPECT_EQ(formal.status().message(), "Unknown partition 'tp1' in table 't'");
    EXPECT_FALSE(TabletRouter::ForPartitions(Table(), PartitionKind::kTemporary, {}).ok());
}

TEST(TabletRouterTest, RoutingSurvivesMovingTheRouter) {
    auto router = TabletRouter::ForPartitions(Table(), PartitionKind::kTemporary, {"tp1"});
    ASSERT_TRUE(router.ok());
    TabletRouter moved = std::move(router).value();
    EXPECT_EQ(RoutedNames(moved, {6}), (std::vector<std::string>{"tp1"}));
}

}  // namespace
}  // namespace tributary
