#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>

#include "catalog/catalog.h"
#include "catalog/catalog_codec.h"
#include "catalog/catalog_test_util.h"
#include "catalog/show_create_table.h"

namespace tributary {
namespace {

using ::testing::ElementsAre;
using namespace tributary::testing;

const UserIdentity kAlice{"alice", "10.%"};
const std::string kHash(kPasswordHashSize, '\x01');

class CatalogPersistenceTest : public CatalogFixture {};

std::vector<int64_t> AllIds(const TableInfo& table) {
    std::vector<int64_t> ids = {table.id};
    for (const PartitionInfo& p : table.partitions) {
        ids.push_back(p.id);
        ids.insert(ids.end(), p.tablet_ids.begin(), p.tablet_ids.end());
    }
    return ids;
}

TEST_F(CatalogPersistenceTest, DatabasesTablesPartitionsAndTabletsSurviveReopen) {
    auto db = catalog_->CreateDatabase("db", false);
    ASSERT_TRUE(db.ok());
    TableDefinition def = DatePartitionedTable(
        {LessThan("p1", {"2024-01-01"}), FixedRange("p2", {"2024-01-01"}, {"2024-02-01"})});
    def.columns[2].comment = "a \"quoted\" comment";
    def.columns[2].default_value = ColumnDefault::Literal("x");
    def.properties = {{"bloom_filter_columns", "v"}, {"storage_medium", "ssd"}};
    auto before = MustCreateTable(def);
    auto added = catalog_->AddPartition("db", "t", LessThan("p3", {}), false);
    ASSERT_TRUE(added.ok());
    auto unpartitioned = MustCreateTable(DuplicateTable("plain"));

    Reopen();

    auto reopened_db = catalog_->GetDatabase("db");
    ASSERT_TRUE(reopened_db.ok());
    EXPECT_EQ((*reopened_db)->id, (*db)->id);
    EXPECT_EQ((*reopened_db)->create_time, kNow);
    auto after = catalog_->GetTable("db", "t");
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(AllIds(**after), AllIds(**added));
    EXPECT_EQ(ShowCreateTable(**after), ShowCreateTable(**added));
    EXPECT_EQ((*after)->columns[2].default_value, ColumnDefault::Literal("x"));
    ASSERT_EQ((*after)->partitions.size(), 3u);
    EXPECT_EQ((*after)->partitions[2].name, "p3");
    auto plain = catalog_->GetTable("db", "plain");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(AllIds(**plain), AllIds(*unpartitioned));
    EXPECT_EQ((*plain)->partitions[0].name, "plain");
    EXPECT_EQ(catalog_->GetTableById(before->id)->name, "t");
}

TEST_F(CatalogPersistenceTest, DropsSurviveReopen) {
    ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    ASSERT_TRUE(catalog_->CreateDatabase("gone", false).ok());
    MustCreateTable(DuplicateTable("t"), "gone");
    MustCreateTable(DuplicateTable("t"));
    MustCreateTable(DuplicateTable("kept"));
    MustCreateTable(DatePartitionedTable(
        {LessThan("p1", {"2024-01-01"}), LessThan("p2", {"2024-02-01"})}, "ranged"));
    ASSERT_TRUE(catalog_->DropDatabase("gone", false).ok());
    ASSERT_TRUE(catalog_->DropTable("db", "t", false).ok());
    ASSERT_TRUE(catalog_->DropPartition("db", "ranged", "p1", false).ok());

    Reopen();

    EXPECT_FALSE(catalog_->GetDatabase("gone").ok());
    EXPECT_FALSE(catalog_->GetTable("db", "t").ok());
    EXPECT_TRUE(catalog_->GetTable("db", "kept").ok());
    auto ranged = catalog_->GetTable("db", "ranged");
    ASSERT_TRUE(ranged.ok());
    ASSERT_EQ((*ranged)->partitions.size(), 1u);
    EXPECT_EQ((*ranged)->partitions[0].name, "p2");
    // Nothing of the dropped objects is left in the store.
    for (const auto& [key, value] : DumpStore()) {
        if (key.starts_with(kTableKeyPrefix)) {
            EXPECT_EQ(value.find("\"name\":\"t\""), std::string::npos) << key;
        }
    }
}

TEST_F(CatalogPersistenceTest, IdCounterNeverReusesAnIdAfterReopen) {
    ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    auto first = MustCreateTable(DuplicateTable("t"));
    int64_t highest = AllIds(*first).back();
    ASSERT_TRUE(catalog_->DropTable("db", "t", false).ok());
    ASSERT_TRUE(catalog_->DropDatabase("db", false).ok());

    Reopen();

    auto db = catalog_->CreateDatabase("db", false);
    ASSERT_TRUE(db.ok());
    EXPECT_GT((*db)->id, highest);
    auto second = MustCreateTable(DuplicateTable("t"));
    EXPECT_GT(second->id, (*db)->id);
}

TEST_F(CatalogPersistenceTest, UsersPasswordsAndGrantsSurviveReopen) {
    ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    MustCreateTable(DuplicateTable("t"));
    ASSERT_TRUE(catalog_->CreateUser(kAlice, kHash, false).ok());
    ASSERT_TRUE(
        catalog_->Grant(kAlice, PrivilegeSet::Of({Privilege::kSelect}), GrantTarget::Global())
            .ok());
    ASSERT_TRUE(
        catalog_->Grant(kAlice, PrivilegeSet::Of({Privilege::kInsert}), GrantTarget::Database("db"))
            .ok());
    ASSERT_TRUE(catalog_->Grant(kAlice, PrivilegeSet::All(), GrantTarget::Table("db", "t")).ok());
    const std::string root_hash(kPasswordHashSize, '\x7f');
    ASSERT_TRUE(catalog_->SetPassword({"root", "%"}, root_hash).ok());
    auto grants_before = catalog_->ShowGrants(kAlice);
    ASSERT_TRUE(grants_before.ok());

    Reopen();

    auto login = catalog_->FindUserForLogin("alice", "10.1.1.1");
    ASSERT_TRUE(login.ok());
    EXPECT_EQ(login->identity, kAlice);
    EXPECT_EQ(login->password_hash, kHash);
    EXPECT_EQ(*catalog_->ShowGrants(kAlice), *grants_before);
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kDrop, "db", "t"));
    EXPECT_EQ(catalog_->FindUserForLogin("root", "h")->password_hash, root_hash);
    EXPECT_TRUE(catalog_->IsAdmin({"root", "%"}));
}

TEST_F(CatalogPersistenceTest, DroppedUsersAndRevokedGrantsStayGoneAfterReopen) {
    ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    ASSERT_TRUE(catalog_->CreateUser(kAlice, "", false).ok());
    ASSERT_TRUE(catalog_->CreateUser({"bob", "%"}, "", false).ok());
    ASSERT_TRUE(catalog_->Grant(kAlice, PrivilegeSet::All(), GrantTarget::Database("db")).ok());
    ASSERT_TRUE(
        catalog_->Revoke(kAlice, PrivilegeSet::Of({Privilege::kDrop}), GrantTarget::Database("db"))
            .ok());
    ASSERT_TRUE(catalog_->DropUser({"bob", "%"}, false).ok());

    Reopen();

    EXPECT_FALSE(catalog_->FindUserForLogin("bob", "h").ok());
    EXPECT_THAT(*catalog_->ShowGrants(kAlice),
                ElementsAre("GRANT USAGE ON *.* TO 'alice'@'10.%'",
                            "GRANT SELECT, INSERT, ALTER, CREATE ON `db`.* TO 'alice'@'10.%'"));
}

TEST_F(CatalogPersistenceTest, DroppingAnObjectRemovesItsGrantsDurably) {
    ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    MustCreateTable(DuplicateTable("t"));
    ASSERT_TRUE(catalog_->CreateUser(kAlice, "", false).ok());
    ASSERT_TRUE(catalog_->Grant(kAlice, PrivilegeSet::All(), GrantTarget::Table("db", "t")).ok());
    ASSERT_TRUE(catalog_->DropTable("db", "t", false).ok());

    Reopen();

    MustCreateTable(DuplicateTable("t"));
    EXPECT_FALSE(catalog_->HasAnyPrivilegeOn(kAlice, "db", ""));
}

TEST_F(CatalogPersistenceTest, RootIsCreatedOnlyOnTheFirstStart) {
    auto before = DumpStore();
    Reopen();
    EXPECT_EQ(DumpStore(), before);
    ASSERT_NE(catalog_->GetUser({"root", "%"}), nullptr);
    EXPECT_EQ(catalog_->GetUser({"root", "%"})->create_time, kNow);
}

TEST_F(CatalogPersistenceTest, FailedChangesWriteNothing) {
    ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    MustCreateTable(DatePartitionedTable({LessThan("p1", {"2024-01-01"})}));
    ASSERT_TRUE(catalog_->CreateUser(kAlice, "", false).ok());
    auto before = DumpStore();
    TableDefinition bad = DuplicateTable("bad");
    bad.properties = {{"nonsense", "1"}};
    EXPECT_FALSE(catalog_->CreateTable("db", bad, false).ok());
    EXPECT_FALSE(catalog_->CreateTable("db", DuplicateTable("t"), false).ok());
    EXPECT_FALSE(catalog_->AddPartition("db", "t", LessThan("p0", {"2023-01-01"}), false).ok());
    EXPECT_FALSE(catalog_->CreateUser(kAlice, "", false).ok());
    EXPECT_FALSE(
        catalog_->Grant(kAlice, PrivilegeSet::All(), GrantTarget::Table("db", "nope")).ok());
    EXPECT_FALSE(catalog_->Revoke(kAlice, PrivilegeSet::All(), GrantTarget::Global()).ok());
    EXPECT_FALSE(catalog_->DropUser({"root", "%"}, false).ok());
    EXPECT_EQ(DumpStore(), before);
}

TEST_F(CatalogPersistenceTest, OpenFailsWithCorruptionOnAMalformedRecord) {
    MetaWriteBatch batch;
    batch.Put(DatabaseKey(99999), "{not json");
    ASSERT_TRUE(store_->Write(batch).ok());
    catalog_.reset();
    auto reopened = Catalog::Open(store_.get(), Options());
    ASSERT_FALSE(reopened.ok());
    EXPECT_EQ(reopened.status().code(), Status::Code::kCorruption);
    EXPECT_NE(reopened.status().message().find(DatabaseKey(99999)), std::string_view::npos)
        << reopened.status().ToString();
}

TEST_F(CatalogPersistenceTest, OpenFailsWhenATableBelongsToNoDatabase) {
    ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    auto table = MustCreateTable(DuplicateTable());
    MetaWriteBatch batch;
    batch.Delete(DatabaseKey(table->db_id));
    ASSERT_TRUE(store_->Write(batch).ok());
    catalog_.reset();
    auto reopened = Catalog::Open(store_.get(), Options());
    ASSERT_FALSE(reopened.ok());
    EXPECT_EQ(reopened.status().code(), Status::Code::kCorruption);
}

TEST_F(CatalogPersistenceTest, CounterBehindTheIdsInUseIsAdvancedOnOpen) {
    ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    auto table = MustCreateTable(DuplicateTable());
    MetaWriteBatch batch;
    batch.Put(std::string(kNextIdKey), EncodeNextId(1));
    ASSERT_TRUE(store_->Write(batch).ok());
    Reopen();
    auto next = MustCreateTable(DuplicateTable("t2"));
    EXPECT_GT(next->id, AllIds(*table).back());
}

// Acknowledged changes survive the process being killed: a child process makes changes and
// SIGKILLs itself without closing anything; the parent then opens the same directory.
TEST(CatalogCrashTest, AcknowledgedChangesSurviveKill9) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "catalog_test_crash_kill9";
    std::filesystem::remove_all(dir);
    EXPECT_EXIT(
        {
            auto store = MetaStore::Open(dir.string());
            if (!store.ok()) std::_Exit(1);
            auto catalog = Catalog::Open(store->get());
            if (!catalog.ok()) std::_Exit(2);
            if (!(*catalog)->CreateDatabase("db", false).ok()) std::_Exit(3);
            if (!(*catalog)->CreateTable("db", DuplicateTable(), false).ok()) std::_Exit(4);
            if (!(*catalog)->CreateUser({"alice", "%"}, "", false).ok()) std::_Exit(5);
            std::raise(SIGKILL);
        },
        ::testing::KilledBySignal(SIGKILL), "");
    {
        auto store = MetaStore::Open(dir.string());
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        auto catalog = Catalog::Open(store->get());
        ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
        auto table = (*catalog)->GetTable("db", "t");
        ASSERT_TRUE(table.ok()) << table.status().ToString();
        EXPECT_EQ((*table)->partitions[0].tablet_ids.size(), 3u);
        EXPECT_TRUE((*catalog)->FindUserForLogin("alice", "h").ok());
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tributary
