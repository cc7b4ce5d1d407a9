// Specification of temporary partitions in the catalog: ADD / DROP TEMPORARY PARTITION, REPLACE
// PARTITION, what drops and TRUNCATE do to them, tablet lookups, and persistence.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/catalog_codec.h"
#include "catalog/catalog_test_util.h"

namespace tributary {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAreArray;
using namespace tributary::testing;

// Records what the catalog hands over, and writes a marker key into the catalog's own batch so
// that tests can see the data removal is part of the same write.
class RecordingDataOwner : public TabletDataOwner {
public:
    Status AddDropRecords(const DroppedData& dropped, MetaWriteBatch* batch) override {
        for (int64_t tablet : dropped.tablet_ids) {
            batch->Put("test/dropped_tablet/" + std::to_string(tablet), "");
        }
        return Status::OK();
    }
    void OnDropped(const DroppedData& dropped) override {
        tablets.insert(tablets.end(), dropped.tablet_ids.begin(), dropped.tablet_ids.end());
        partitions.insert(partitions.end(), dropped.partition_ids.begin(),
                          dropped.partition_ids.end());
    }
    std::vector<int64_t> tablets;
    std::vector<int64_t> partitions;
};

class CatalogTempPartitionTest : public CatalogFixture {
protected:
    void SetUp() override {
        CatalogFixture::SetUp();
        ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
        catalog_->SetTabletDataOwner(&owner_);
        // p1 [MIN, 2024-01-01), p2 [2024-01-01, 2024-02-01), 3 buckets each.
        MustCreateTable(
            DatePartitionedTable({LessThan("p1", {"2024-01-01"}), LessThan("p2", {"2024-02-01"})}));
    }

    void Reopen() {
        CatalogFixture::Reopen();
        catalog_->SetTabletDataOwner(&owner_);
    }

    std::shared_ptr<const TableInfo> MustAddTemp(const PartitionDefinition& def) {
        auto table = catalog_->AddTempPartition("db", "t", def, false);
        EXPECT_TRUE(table.ok()) << table.status().ToString();
        return table.ok() ? *table : nullptr;
    }

    std::shared_ptr<const TableInfo> Table() { return *catalog_->GetTable("db", "t"); }

    bool StoreHas(const std::string& key) {
        for (const auto& [k, v] : DumpStore()) {
            if (k == key) return true;
        }
        return false;
    }

    RecordingDataOwner owner_;
};

std::vector<std::string> Names(const std::vector<PartitionInfo>& partitions) {
    std::vector<std::string> names;
    for (const PartitionInfo& p : partitions) names.push_back(p.name);
    return names;
}

std::vector<int64_t> TabletsOf(const std::vector<PartitionInfo>& partitions) {
    std::vector<int64_t> ids;
    for (const PartitionInfo& p : partitions) {
        ids.insert(ids.end(), p.tablet_ids.begin(), p.tablet_ids.end());
    }
    return ids;
}

// --- ADD / DROP TEMPORARY PARTITION ---------------------------------------------------------

TEST_F(CatalogTempPartitionTest, AddTempPartitionLeavesTheFormalPartitionsAlone) {
    auto before = Table();
    auto after = MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    EXPECT_THAT(Names(after->partitions), ElementsAre("p1", "p2"));
    ASSERT_THAT(Names(after->temp_partitions), ElementsAre("tp1"));
    const PartitionInfo& tp1 = after->temp_partitions[0];
    EXPECT_EQ(tp1.tablet_ids.size(), 3u);
    EXPECT_GT(tp1.id, TabletsOf(before->partitions).back());
    EXPECT_EQ(after->FindTempPartition("TP1"), &tp1);
    EXPECT_EQ(after->FindPartition("tp1"), nullptr);
}

TEST_F(CatalogTempPartitionTest, TemporaryRangesMayOverlapFormalButNotEachOther) {
    // [2023-06-01, 2024-06-01) overlaps p1 and p2: allowed for a temporary partition.
    MustAddTemp(FixedRange("tp1", {"2023-06-01"}, {"2024-06-01"}));
    ExpectInvalid(catalog_->AddTempPartition(
                      "db", "t", FixedRange("tp2", {"2024-05-01"}, {"2024-07-01"}), false),
                  "is intersected with range [(\"2023-06-01\"), (\"2024-06-01\")) of partition "
                  "'tp1'");
}

TEST_F(CatalogTempPartitionTest, LessThanStartsAtThePreviousTemporaryPartition) {
    MustAddTemp(LessThan("tp1", {"2020-02-01"}));
    auto table = MustAddTemp(LessThan("tp2", {"2020-03-01"}));
    ASSERT_EQ(table->temp_partitions.size(), 2u);
    EXPECT_EQ(table->temp_partitions[0].range->ToSql({Date()}),
              R"([("0000-01-01"), ("2020-02-01")))");
    // StarRocks: the upper bound of the previous temporary partition, whatever the formal ones.
    EXPECT_EQ(table->temp_partitions[1].range->ToSql({Date()}),
              R"([("2020-02-01"), ("2020-03-01")))");
}

TEST_F(CatalogTempPartitionTest, TemporaryPartitionsAreKeptSortedByRange) {
    MustAddTemp(FixedRange("late", {"2025-01-01"}, {"2025-02-01"}));
    auto table = MustAddTemp(FixedRange("early", {"2020-01-01"}, {"2020-02-01"}));
    EXPECT_THAT(Names(table->temp_partitions), ElementsAre("early", "late"));
}

TEST_F(CatalogTempPartitionTest, NamesAreUniqueAcrossFormalAndTemporaryPartitions) {
    MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    ExpectError(catalog_->AddTempPartition("db", "t", LessThan("P1", {"2020-01-01"}), false),
                ErrorCode::kSameNamePartition, "Duplicate partition name P1");
    ExpectError(catalog_->AddTempPartition("db", "t", LessThan("tp1", {"2020-01-01"}), false),
                ErrorCode::kSameNamePartition, "Duplicate partition name tp1");
    ExpectError(catalog_->AddPartition("db", "t", LessThan("TP1", {"2025-01-01"}), false),
                ErrorCode::kSameNamePartition, "Duplicate partition name TP1");
    // IF NOT EXISTS looks at both lists, as in StarRocks.
    auto unchanged = catalog_->AddTempPartition("db", "t", LessThan("p1", {"2020-01-01"}), true);
    ASSERT_TRUE(unchanged.ok());
    EXPECT_EQ((*unchanged)->temp_partitions.size(), 1u);
    unchanged = catalog_->AddPartition("db", "t", LessThan("tp1", {"2025-01-01"}), true);
    ASSERT_TRUE(unchanged.ok());
    EXPECT_EQ((*unchanged)->partitions.size(), 2u);
}

TEST_F(CatalogTempPartitionTest, UnpartitionedTablesHaveNoTemporaryPartitions) {
    MustCreateTable(DuplicateTable("plain"));
    ExpectInvalid(catalog_->AddTempPartition("db", "plain", LessThan("tp", {"1"}), false),
                  "Table 'plain' is not partitioned by RANGE: temporary partitions cannot be "
                  "added");
}

TEST_F(CatalogTempPartitionTest, DropTempPartitionDropsItsDataInTheSameWrite) {
    auto table = MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    const PartitionInfo tp1 = table->temp_partitions[0];
    auto dropped = catalog_->DropTempPartition("db", "t", "TP1", false);
    ASSERT_TRUE(dropped.ok()) << dropped.status().ToString();
    EXPECT_TRUE((*dropped)->temp_partitions.empty());
    EXPECT_EQ((*dropped)->partitions.size(), 2u);
    EXPECT_EQ(owner_.tablets, tp1.tablet_ids);
    EXPECT_THAT(owner_.partitions, ElementsAre(tp1.id));
    EXPECT_TRUE(StoreHas("test/dropped_tablet/" + std::to_string(tp1.tablet_ids[0])));
}

TEST_F(CatalogTempPartitionTest, DropStatementsSeeOnlyTheirOwnKind) {
    MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    ExpectError(catalog_->DropPartition("db", "t", "tp1", false), ErrorCode::kUnknownPartition,
                "Unknown partition 'tp1' in table 't'");
    ExpectError(catalog_->DropTempPartition("db", "t", "p1", false), ErrorCode::kUnknownPartition,
                "Unknown temporary partition 'p1' in table 't'");
    EXPECT_TRUE(catalog_->DropTempPartition("db", "t", "p1", true).ok());
    EXPECT_TRUE(owner_.tablets.empty());
}

// --- REPLACE PARTITION ----------------------------------------------------------------------

TEST_F(CatalogTempPartitionTest, ReplaceSwapsInOneWriteAndDropsOnlyTheReplacedData) {
    auto table = MustAddTemp(FixedRange("tp2", {"2024-01-01"}, {"2024-02-01"}));
    const PartitionInfo old_p2 = *table->FindPartition("p2");
    const PartitionInfo tp2 = table->temp_partitions[0];
    PartitionReplacement r;
    r.partitions = {"p2"};
    r.temp_partitions = {"tp2"};
    auto replaced = catalog_->ReplacePartitions("db", "t", r);
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_THAT(Names((*replaced)->partitions), ElementsAre("p1", "p2"));
    const PartitionInfo& new_p2 = (*replaced)->partitions[1];
    EXPECT_EQ(new_p2.id, tp2.id);
    EXPECT_EQ(new_p2.tablet_ids, tp2.tablet_ids);
    EXPECT_TRUE((*replaced)->temp_partitions.empty());
    EXPECT_EQ(owner_.tablets, old_p2.tablet_ids);
    EXPECT_THAT(owner_.partitions, ElementsAre(old_p2.id));
    EXPECT_TRUE(StoreHas("test/dropped_tablet/" + std::to_string(old_p2.tablet_ids[0])));
    EXPECT_EQ(catalog_->FindTableByTabletId(old_p2.tablet_ids[0]), nullptr);
    EXPECT_NE(catalog_->FindTableByTabletId(tp2.tablet_ids[0]), nullptr);
}

TEST_F(CatalogTempPartitionTest, FailedReplaceChangesNothing) {
    MustAddTemp(FixedRange("tp", {"2024-01-01"}, {"2024-01-15"}));
    const auto store_before = DumpStore();
    PartitionReplacement r;
    r.partitions = {"p2"};
    r.temp_partitions = {"tp"};
    ExpectInvalid(catalog_->ReplacePartitions("db", "t", r), "must cover the same values");
    EXPECT_EQ(DumpStore(), store_before);
    EXPECT_THAT(Names(Table()->temp_partitions), ElementsAre("tp"));
    EXPECT_TRUE(owner_.tablets.empty());
}

TEST_F(CatalogTempPartitionTest, ObserversHearOfReplacedPartitions) {
    class Observer : public CatalogObserver {
    public:
        void OnPartitionDropped(int64_t, int64_t, int64_t partition_id,
                                const std::vector<int64_t>&) override {
            dropped.push_back(partition_id);
        }
        std::vector<int64_t> dropped;
    } observer;
    catalog_->AddObserver(&observer);
    MustAddTemp(FixedRange("tp", {"0000-01-01"}, {"2024-02-01"}));
    const auto before = Table();
    PartitionReplacement r;
    r.partitions = {"p1", "p2"};
    r.temp_partitions = {"tp"};
    ASSERT_TRUE(catalog_->ReplacePartitions("db", "t", r).ok());
    EXPECT_THAT(observer.dropped, ElementsAre(before->partitions[0].id, before->partitions[1].id));
    catalog_->RemoveObserver(&observer);
}

// --- Everything that enumerates a table's tablets -------------------------------------------

TEST_F(CatalogTempPartitionTest, FindTableByTabletIdFindsTemporaryTablets) {
    auto table = MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    auto found = catalog_->FindTableByTabletId(table->temp_partitions[0].tablet_ids[2]);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->id, table->id);
}

TEST_F(CatalogTempPartitionTest, DropTableDropsTemporaryPartitionsData) {
    auto table = MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    ASSERT_TRUE(catalog_->DropTable("db", "t", false).ok());
    std::vector<int64_t> expected = TabletsOf(table->partitions);
    for (int64_t id : table->temp_partitions[0].tablet_ids) expected.push_back(id);
    EXPECT_THAT(owner_.tablets, UnorderedElementsAreArray(expected));
}

TEST_F(CatalogTempPartitionTest, DropDatabaseDropsTemporaryPartitionsData) {
    auto table = MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    ASSERT_TRUE(catalog_->DropDatabase("db", false).ok());
    for (int64_t id : table->temp_partitions[0].tablet_ids) {
        EXPECT_NE(std::find(owner_.tablets.begin(), owner_.tablets.end(), id),
                  owner_.tablets.end());
    }
}

TEST_F(CatalogTempPartitionTest, TruncateTableDropsTemporaryPartitions) {
    auto table = MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    auto truncated = catalog_->TruncateTable("db", "t", {});
    ASSERT_TRUE(truncated.ok()) << truncated.status().ToString();
    EXPECT_TRUE((*truncated)->temp_partitions.empty());
    EXPECT_THAT(Names((*truncated)->partitions), ElementsAre("p1", "p2"));
    for (int64_t id : table->temp_partitions[0].tablet_ids) {
        EXPECT_NE(std::find(owner_.tablets.begin(), owner_.tablets.end(), id),
                  owner_.tablets.end());
    }
}

TEST_F(CatalogTempPartitionTest, TruncatePartitionsLeavesTemporaryPartitionsAlone) {
    auto table = MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    auto truncated = catalog_->TruncateTable("db", "t", {"p1"});
    ASSERT_TRUE(truncated.ok()) << truncated.status().ToString();
    ASSERT_EQ((*truncated)->temp_partitions.size(), 1u);
    EXPECT_EQ((*truncated)->temp_partitions[0].id, table->temp_partitions[0].id);
    EXPECT_EQ(owner_.tablets, table->partitions[0].tablet_ids);
    // StarRocks: TRUNCATE cannot name a temporary partition.
    ExpectError(catalog_->TruncateTable("db", "t", {"tp1"}), ErrorCode::kUnknownPartition,
                "Unknown partition 'tp1'");
}

// --- Persistence ----------------------------------------------------------------------------

TEST_F(CatalogTempPartitionTest, TemporaryPartitionsSurviveReopen) {
    auto table = MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    Reopen();
    auto after = Table();
    ASSERT_EQ(after->temp_partitions.size(), 1u);
    const PartitionInfo& tp1 = after->temp_partitions[0];
    EXPECT_EQ(tp1.name, "tp1");
    EXPECT_EQ(tp1.id, table->temp_partitions[0].id);
    EXPECT_EQ(tp1.tablet_ids, table->temp_partitions[0].tablet_ids);
    EXPECT_EQ(tp1.range->ToSql({Date()}), R"([("2024-01-01"), ("2024-02-01")))");
    // The id counter accounts for them: new ids never collide with a temporary partition's.
    auto added = catalog_->AddPartition("db", "t", LessThan("p3", {"2024-03-01"}), false);
    ASSERT_TRUE(added.ok());
    EXPECT_GT((*added)->partitions[2].id, tp1.tablet_ids.back());
}

TEST_F(CatalogTempPartitionTest, ReplacementSurvivesReopen) {
    auto table = MustAddTemp(FixedRange("tp2", {"2024-01-01"}, {"2024-02-01"}));
    PartitionReplacement r;
    r.partitions = {"p2"};
    r.temp_partitions = {"tp2"};
    ASSERT_TRUE(catalog_->ReplacePartitions("db", "t", r).ok());
    Reopen();
    auto after = Table();
    EXPECT_TRUE(after->temp_partitions.empty());
    ASSERT_EQ(after->partitions.size(), 2u);
    EXPECT_EQ(after->partitions[1].name, "p2");
    EXPECT_EQ(after->partitions[1].id, table->temp_partitions[0].id);
}

TEST_F(CatalogTempPartitionTest, RecordsWithoutTemporaryPartitionsKeepTheirShape) {
    // Older records have no "temp_partitions" key; tables without any still write none.
    const std::string encoded = EncodeTable(*Table());
    EXPECT_EQ(encoded.find("temp_partitions"), std::string::npos);
    auto decoded = DecodeTable(encoded);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_TRUE(decoded->temp_partitions.empty());

    auto with_temp = MustAddTemp(FixedRange("tp1", {"2024-01-01"}, {"2024-02-01"}));
    auto round_trip = DecodeTable(EncodeTable(*with_temp));
    ASSERT_TRUE(round_trip.ok()) << round_trip.status().ToString();
    EXPECT_THAT(Names(round_trip->temp_partitions), ElementsAre("tp1"));
}

}  // namespace
}  // namespace tributary
