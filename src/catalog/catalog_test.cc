#include "catalog/catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "catalog/catalog_test_util.h"

namespace tributary {
namespace {

using ::testing::ElementsAre;
using namespace tributary::testing;

class CatalogTest : public CatalogFixture {
protected:
    void SetUp() override {
        CatalogFixture::SetUp();
        ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    }
};

std::vector<int64_t> AllIds(const TableInfo& table) {
    std::vector<int64_t> ids = {table.id};
    for (const PartitionInfo& p : table.partitions) {
        ids.push_back(p.id);
        ids.insert(ids.end(), p.tablet_ids.begin(), p.tablet_ids.end());
    }
    return ids;
}

// --- databases ------------------------------------------------------------------------------

TEST_F(CatalogTest, CreateDatabaseRecordsNameIdAndCreateTime) {
    auto db = catalog_->GetDatabase("db");
    ASSERT_TRUE(db.ok());
    EXPECT_EQ((*db)->name, "db");
    EXPECT_GE((*db)->id, 10000);
    EXPECT_EQ((*db)->create_time, kNow);
}

TEST_F(CatalogTest, RejectsCreatingAnExistingDatabase) {
    ExpectError(catalog_->CreateDatabase("db", false), ErrorCode::kDbCreateExists,
                "Can't create database 'db'; database exists");
}

TEST_F(CatalogTest, CreateDatabaseIfNotExistsReturnsTheExistingOne) {
    auto first = catalog_->GetDatabase("db");
    auto again = catalog_->CreateDatabase("db", true);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*again)->id, (*first)->id);
}

TEST_F(CatalogTest, RejectsInvalidDatabaseName) {
    ExpectError(catalog_->CreateDatabase("my-db", false), ErrorCode::kWrongDbName,
                "Incorrect database name 'my-db'");
    ExpectError(catalog_->CreateDatabase(std::string(257, 'd'), false), ErrorCode::kWrongDbName,
                "at most 256");
}

TEST_F(CatalogTest, RejectsCreatingInformationSchema) {
    ExpectError(catalog_->CreateDatabase("INFORMATION_SCHEMA", false), ErrorCode::kDbCreateExists,
                "database exists");
}

TEST_F(CatalogTest, DatabaseNamesAreCaseSensitive) {
    ASSERT_TRUE(catalog_->CreateDatabase("DB", false).ok());
    EXPECT_EQ(catalog_->ListDatabases().size(), 2u);
}

TEST_F(CatalogTest, ListDatabasesIsSortedByName) {
    ASSERT_TRUE(catalog_->CreateDatabase("b", false).ok());
    ASSERT_TRUE(catalog_->CreateDatabase("a", false).ok());
    std::vector<std::string> names;
    for (const auto& db : catalog_->ListDatabases()) names.push_back(db->name);
    EXPECT_THAT(names, ElementsAre("a", "b", "db"));
}

TEST_F(CatalogTest, RejectsDroppingAnUnknownDatabase) {
    ExpectError(catalog_->DropDatabase("nope", false), ErrorCode::kDbDropExists,
                "Can't drop database 'nope'; database doesn't exist");
    EXPECT_TRUE(catalog_->DropDatabase("nope", true).ok());
}

TEST_F(CatalogTest, DropDatabaseDropsItsTables) {
    auto table = MustCreateTable(DuplicateTable());
    int64_t db_id = (*catalog_->GetDatabase("db"))->id;
    ASSERT_TRUE(catalog_->DropDatabase("db", false).ok());
    ExpectError(catalog_->GetDatabase("db"), ErrorCode::kBadDb, "Unknown database 'db'");
    EXPECT_EQ(catalog_->GetTableById(table->id), nullptr);
    EXPECT_EQ(catalog_->GetDatabaseById(db_id), nullptr);
}

// --- tables ---------------------------------------------------------------------------------

TEST_F(CatalogTest, CreateTableInUnknownDatabaseFails) {
    ExpectError(catalog_->CreateTable("nope", DuplicateTable(), false), ErrorCode::kBadDb,
                "Unknown database 'nope'");
}

TEST_F(CatalogTest, CreateTableAllocatesDistinctIdsForTablePartitionsAndTablets) {
    auto table = MustCreateTable(
        DatePartitionedTable({LessThan("p1", {"2024-01-01"}), LessThan("p2", {"2024-02-01"}, 2)}));
    ASSERT_NE(table, nullptr);
    ASSERT_EQ(table->partitions.size(), 2u);
    EXPECT_EQ(table->partitions[0].tablet_ids.size(), 3u);
    EXPECT_EQ(table->partitions[1].tablet_ids.size(), 2u);
    EXPECT_EQ(table->partitions[1].bucket_count, 2);
    std::vector<int64_t> ids = AllIds(*table);
    EXPECT_EQ(std::set<int64_t>(ids.begin(), ids.end()).size(), ids.size());
    int64_t db_id = (*catalog_->GetDatabase("db"))->id;
    for (int64_t id : ids) EXPECT_GT(id, db_id);
    EXPECT_EQ(table->db_id, db_id);
    EXPECT_EQ(table->create_time, kNow);
}

TEST_F(CatalogTest, UnpartitionedTableGetsOneImplicitPartitionWithAutoBuckets) {
    TableDefinition def = DuplicateTable("orders");
    def.distribution = Hash({"k1"});
    auto table = MustCreateTable(def);
    ASSERT_EQ(table->partitions.size(), 1u);
    EXPECT_EQ(table->partitions[0].name, "orders");
    EXPECT_EQ(table->partitions[0].bucket_count, 4);  // CatalogFixture's auto_buckets
    EXPECT_EQ(table->partitions[0].tablet_ids.size(), 4u);
    EXPECT_TRUE(table->distribution.buckets_auto);
}

TEST_F(CatalogTest, RejectsCreatingAnExistingTable) {
    MustCreateTable(DuplicateTable());
    ExpectError(catalog_->CreateTable("db", DuplicateTable(), false), ErrorCode::kTableExists,
                "Table 't' already exists");
}

TEST_F(CatalogTest, CreateTableIfNotExistsReturnsTheExistingTable) {
    auto first = MustCreateTable(DuplicateTable());
    TableDefinition other = DuplicateTable();
    other.columns.push_back(Col("extra", Int()));
    auto again = catalog_->CreateTable("db", other, true);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*again)->id, first->id);
    EXPECT_EQ((*again)->columns.size(), 3u);
}

TEST_F(CatalogTest, TableNamesAreCaseSensitive) {
    MustCreateTable(DuplicateTable("t"));
    MustCreateTable(DuplicateTable("T"));
    auto tables = catalog_->ListTables("db");
    ASSERT_TRUE(tables.ok());
    EXPECT_EQ(tables->size(), 2u);
}

TEST_F(CatalogTest, GetTableOfUnknownTableFails) {
    ExpectError(catalog_->GetTable("db", "nope"), ErrorCode::kUnknownTable,
                "Table 'db.nope' doesn't exist");
    ExpectError(catalog_->GetTable("nodb", "nope"), ErrorCode::kBadDb, "Unknown database");
}

TEST_F(CatalogTest, ListTablesIsSortedByName) {
    MustCreateTable(DuplicateTable("b"));
    MustCreateTable(DuplicateTable("a"));
    auto tables = catalog_->ListTables("db");
    ASSERT_TRUE(tables.ok());
    ASSERT_EQ(tables->size(), 2u);
    EXPECT_EQ((*tables)[0]->name, "a");
    EXPECT_EQ((*tables)[1]->name, "b");
    ExpectError(catalog_->ListTables("nodb"), ErrorCode::kBadDb, "Unknown database 'nodb'");
}

TEST_F(CatalogTest, DropTableRemovesIt) {
    auto table = MustCreateTable(DuplicateTable());
    ASSERT_TRUE(catalog_->DropTable("db", "t", false).ok());
    EXPECT_FALSE(catalog_->GetTable("db", "t").ok());
    EXPECT_EQ(catalog_->GetTableById(table->id), nullptr);
}

TEST_F(CatalogTest, RejectsDroppingAnUnknownTable) {
    ExpectError(catalog_->DropTable("db", "nope", false), ErrorCode::kBadTable,
                "Unknown table 'nope'");
    EXPECT_TRUE(catalog_->DropTable("db", "nope", true).ok());
    ExpectError(catalog_->DropTable("nodb", "t", true), ErrorCode::kBadDb, "Unknown database");
}

TEST_F(CatalogTest, FindsTablesAndDatabasesById) {
    auto table = MustCreateTable(DuplicateTable());
    EXPECT_EQ(catalog_->GetTableById(table->id), table);
    EXPECT_EQ(catalog_->GetDatabaseById(table->db_id)->name, "db");
    EXPECT_EQ(catalog_->GetTableById(-1), nullptr);
}

TEST_F(CatalogTest, FailedValidationWritesNothing) {
    auto before = DumpStore();
    TableDefinition bad = DuplicateTable();
    bad.key_columns = {"v"};
    EXPECT_FALSE(catalog_->CreateTable("db", bad, false).ok());
    EXPECT_FALSE(catalog_->CreateDatabase("bad-name", false).ok());
    EXPECT_EQ(DumpStore(), before);
    auto table = MustCreateTable(DuplicateTable());
    EXPECT_EQ(table->id, (*catalog_->GetDatabase("db"))->id + 1);
}

TEST_F(CatalogTest, SnapshotsDoNotChangeWhenTheCatalogDoes) {
    auto before = MustCreateTable(DatePartitionedTable({LessThan("p1", {"2024-01-01"})}));
    auto after = catalog_->AddPartition("db", "t", LessThan("p2", {"2024-02-01"}), false);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(before->partitions.size(), 1u);
    EXPECT_EQ((*after)->partitions.size(), 2u);
    ASSERT_TRUE(catalog_->DropDatabase("db", false).ok());
    EXPECT_EQ(before->name, "t");
}

TEST_F(CatalogTest, ConcurrentCreatesGetDistinctIds) {
    constexpr int kThreads = 4;
    constexpr int kTablesPerThread = 5;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kTablesPerThread; ++i) {
                std::string name = "t" + std::to_string(t) + "_" + std::to_string(i);
                if (!catalog_->CreateTable("db", DuplicateTable(name), false).ok()) ++failures;
                IgnoreError(catalog_->ListTables("db").status());  // readers run meanwhile
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    auto tables = catalog_->ListTables("db");
    ASSERT_TRUE(tables.ok());
    ASSERT_EQ(tables->size(), static_cast<size_t>(kThreads * kTablesPerThread));
    std::set<int64_t> ids;
    size_t count = 0;
    for (const auto& table : *tables) {
        for (int64_t id : AllIds(*table)) {
            ids.insert(id);
            ++count;
        }
    }
    EXPECT_EQ(ids.size(), count);
}

// --- partitions -----------------------------------------------------------------------------

TEST_F(CatalogTest, AddPartitionAllocatesNewIdsAndKeepsPartitionsSorted) {
    auto table =
        MustCreateTable(DatePartitionedTable({FixedRange("p2", {"2024-02-01"}, {"2024-03-01"})}));
    auto changed = catalog_->AddPartition("db", "t", LessThan("p1", {"2024-02-01"}, 1), false);
    ASSERT_TRUE(changed.ok()) << changed.status().ToString();
    ASSERT_EQ((*changed)->partitions.size(), 2u);
    const PartitionInfo& added = (*changed)->partitions[0];
    EXPECT_EQ(added.name, "p1");
    EXPECT_EQ(added.tablet_ids.size(), 1u);
    EXPECT_GT(added.id, AllIds(*table).back());
    EXPECT_EQ((*changed)->partitions[1].name, "p2");
    EXPECT_EQ(added.range->ToSql({Date()}), R"([("0000-01-01"), ("2024-02-01")))");
    EXPECT_EQ((*catalog_->GetTable("db", "t"))->partitions.size(), 2u);
}

TEST_F(CatalogTest, AddPartitionRejectsOverlapAndDuplicateNames) {
    MustCreateTable(DatePartitionedTable({LessThan("p1", {"2024-01-01"})}));
    ExpectError(
        catalog_->AddPartition("db", "t", FixedRange("p2", {"2023-06-01"}, {"2024-06-01"}), false),
        ErrorCode::kUnknownError, "of partition 'p1'");
    ExpectError(catalog_->AddPartition("db", "t", LessThan("p1", {"2025-01-01"}), false),
                ErrorCode::kSameNamePartition, "Duplicate partition name p1");
}

TEST_F(CatalogTest, AddPartitionIfNotExistsKeepsTheExistingPartition) {
    auto table = MustCreateTable(DatePartitionedTable({LessThan("p1", {"2024-01-01"})}));
    auto again = catalog_->AddPartition("db", "t", LessThan("P1", {"2025-01-01"}), true);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*again)->partitions.size(), 1u);
    EXPECT_EQ((*again)->partitions[0].id, table->partitions[0].id);
}

TEST_F(CatalogTest, AddPartitionToUnpartitionedTableFails) {
    MustCreateTable(DuplicateTable());
    ExpectError(catalog_->AddPartition("db", "t", LessThan("p1", {"2024-01-01"}), false),
                ErrorCode::kUnknownError, "is not partitioned by RANGE");
}

TEST_F(CatalogTest, DropPartitionRemovesIt) {
    MustCreateTable(
        DatePartitionedTable({LessThan("p1", {"2024-01-01"}), LessThan("p2", {"2024-02-01"})}));
    auto changed = catalog_->DropPartition("db", "t", "P1", false);
    ASSERT_TRUE(changed.ok());
    ASSERT_EQ((*changed)->partitions.size(), 1u);
    EXPECT_EQ((*changed)->partitions[0].name, "p2");
}

TEST_F(CatalogTest, RangeTableMayDropItsLastPartition) {
    MustCreateTable(DatePartitionedTable({LessThan("p1", {"2024-01-01"})}));
    auto changed = catalog_->DropPartition("db", "t", "p1", false);
    ASSERT_TRUE(changed.ok());
    EXPECT_TRUE((*changed)->partitions.empty());
    auto again = catalog_->AddPartition("db", "t", LessThan("p1", {"2024-01-01"}), false);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
}

TEST_F(CatalogTest, RejectsDroppingAnUnknownPartition) {
    MustCreateTable(DatePartitionedTable({LessThan("p1", {"2024-01-01"})}));
    ExpectError(catalog_->DropPartition("db", "t", "nope", false), ErrorCode::kUnknownPartition,
                "Unknown partition 'nope' in table 't'");
    EXPECT_TRUE(catalog_->DropPartition("db", "t", "nope", true).ok());
}

TEST_F(CatalogTest, RejectsDroppingThePartitionOfAnUnpartitionedTable) {
    MustCreateTable(DuplicateTable());
    ExpectError(catalog_->DropPartition("db", "t", "t", false), ErrorCode::kUnknownError,
                "is not partitioned by RANGE");
}

// --- observers ------------------------------------------------------------------------------

class RecordingObserver : public CatalogObserver {
public:
    explicit RecordingObserver(Catalog* catalog) : catalog_(catalog) {}
    void OnTableDropped(int64_t db_id, int64_t table_id) override {
        events.push_back("table " + std::to_string(table_id));
        // Called outside the catalog's lock: reading and writing the catalog must not deadlock.
        catalog_->ListDatabases();
        IgnoreError(catalog_->CreateDatabase("created_by_observer", true).status());
    }
    void OnDatabaseDropped(int64_t db_id) override {
        events.push_back("db " + std::to_string(db_id));
    }
    void OnPartitionDropped(int64_t db_id, int64_t table_id, int64_t partition_id,
                            const std::vector<int64_t>& tablet_ids) override {
        events.push_back("partition " + std::to_string(partition_id) + " tablets " +
                         std::to_string(tablet_ids.size()));
    }
    std::vector<std::string> events;

private:
    Catalog* catalog_;
};

TEST_F(CatalogTest, ObserverHearsOfDroppedTablesAfterTheDrop) {
    RecordingObserver observer(catalog_.get());
    catalog_->AddObserver(&observer);
    auto table = MustCreateTable(DuplicateTable());
    ASSERT_TRUE(catalog_->DropTable("db", "t", false).ok());
    EXPECT_THAT(observer.events, ElementsAre("table " + std::to_string(table->id)));
    EXPECT_TRUE(catalog_->GetDatabase("created_by_observer").ok());
    catalog_->RemoveObserver(&observer);
}

TEST_F(CatalogTest, ObserverHearsOfEachTableThenTheDroppedDatabase) {
    auto table = MustCreateTable(DuplicateTable());
    int64_t db_id = table->db_id;
    RecordingObserver observer(catalog_.get());
    catalog_->AddObserver(&observer);
    ASSERT_TRUE(catalog_->DropDatabase("db", false).ok());
    EXPECT_THAT(observer.events,
                ElementsAre("table " + std::to_string(table->id), "db " + std::to_string(db_id)));
    catalog_->RemoveObserver(&observer);
}

TEST_F(CatalogTest, ObserverHearsOfDroppedPartitionsWithTheirTablets) {
    auto table = MustCreateTable(DatePartitionedTable({LessThan("p1", {"2024-01-01"})}));
    RecordingObserver observer(catalog_.get());
    catalog_->AddObserver(&observer);
    ASSERT_TRUE(catalog_->DropPartition("db", "t", "p1", false).ok());
    EXPECT_THAT(observer.events,
                ElementsAre("partition " + std::to_string(table->partitions[0].id) + " tablets 3"));
    catalog_->RemoveObserver(&observer);
}

TEST_F(CatalogTest, RemovedObserverIsNotCalled) {
    RecordingObserver observer(catalog_.get());
    catalog_->AddObserver(&observer);
    catalog_->RemoveObserver(&observer);
    MustCreateTable(DuplicateTable());
    ASSERT_TRUE(catalog_->DropTable("db", "t", false).ok());
    EXPECT_TRUE(observer.events.empty());
}

TEST_F(CatalogTest, FailedDropDoesNotNotify) {
    RecordingObserver observer(catalog_.get());
    catalog_->AddObserver(&observer);
    EXPECT_FALSE(catalog_->DropTable("db", "nope", false).ok());
    EXPECT_TRUE(catalog_->DropTable("db", "nope", true).ok());
    EXPECT_TRUE(observer.events.empty());
    catalog_->RemoveObserver(&observer);
}

}  // namespace
}  // namespace tributary
