#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"

namespace tributary {
namespace {

using ::testing::ElementsAre;
using namespace tributary::testing;

const UserIdentity kRoot{"root", "%"};
const UserIdentity kAlice{"alice", "%"};
const std::string kHashA(kPasswordHashSize, 'a');
const std::string kHashB(kPasswordHashSize, 'b');

class PrivilegeTest : public CatalogFixture {
protected:
    void SetUp() override {
        CatalogFixture::SetUp();
        ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
        ASSERT_TRUE(catalog_->CreateDatabase("other", false).ok());
        MustCreateTable(DuplicateTable("t"));
        MustCreateTable(DuplicateTable("u"));
        MustCreateTable(DuplicateTable("t"), "other");
        ASSERT_TRUE(catalog_->CreateUser(kAlice, kHashA, false).ok());
    }

    void Grant(const UserIdentity& who, PrivilegeSet privileges, const GrantTarget& target) {
        Status st = catalog_->Grant(who, privileges, target);
        ASSERT_TRUE(st.ok()) << st.ToString();
    }
};

const PrivilegeSet kSelect = PrivilegeSet::Of({Privilege::kSelect});
const PrivilegeSet kInsert = PrivilegeSet::Of({Privilege::kInsert});

// --- root -----------------------------------------------------------------------------------

TEST_F(PrivilegeTest, RootExistsFromFirstStartWithEmptyPasswordAndAllPrivileges) {
    auto login = catalog_->FindUserForLogin("root", "10.1.2.3");
    ASSERT_TRUE(login.ok());
    EXPECT_EQ(login->identity, kRoot);
    EXPECT_TRUE(login->password_hash.empty());
    EXPECT_TRUE(catalog_->IsAdmin(kRoot));
    EXPECT_TRUE(catalog_->HasPrivilege(kRoot, Privilege::kDrop, "any", "thing"));
    EXPECT_THAT(*catalog_->ShowGrants(kRoot), ElementsAre("GRANT ALL ON *.* TO 'root'@'%'"));
}

TEST_F(PrivilegeTest, RootCannotBeDropped) {
    ExpectError(catalog_->DropUser(kRoot, false), ErrorCode::kCannotUser,
                "Operation DROP USER failed for 'root'@'%'");
    ExpectError(catalog_->DropUser(kRoot, true), ErrorCode::kCannotUser, "cannot be dropped");
}

TEST_F(PrivilegeTest, RootPrivilegesCannotBeChanged) {
    ExpectError(catalog_->Revoke(kRoot, kSelect, GrantTarget::Global()), ErrorCode::kWrongArguments,
                "cannot be changed");
    ExpectError(catalog_->Grant(kRoot, kSelect, GrantTarget::Database("db")),
                ErrorCode::kWrongArguments, "cannot be changed");
    EXPECT_TRUE(catalog_->IsAdmin(kRoot));
}

TEST_F(PrivilegeTest, RootPasswordCanBeSet) {
    ASSERT_TRUE(catalog_->SetPassword(kRoot, kHashB).ok());
    EXPECT_EQ(catalog_->FindUserForLogin("root", "h")->password_hash, kHashB);
}

// --- users ----------------------------------------------------------------------------------

TEST_F(PrivilegeTest, CreatedUserHasItsHashAndNoPrivileges) {
    auto login = catalog_->FindUserForLogin("alice", "1.2.3.4");
    ASSERT_TRUE(login.ok());
    EXPECT_EQ(login->password_hash, kHashA);
    EXPECT_FALSE(catalog_->IsAdmin(kAlice));
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", "t"));
    EXPECT_THAT(*catalog_->ShowGrants(kAlice), ElementsAre("GRANT USAGE ON *.* TO 'alice'@'%'"));
}

TEST_F(PrivilegeTest, RejectsCreatingAnExistingUser) {
    ExpectError(catalog_->CreateUser(kAlice, "", false), ErrorCode::kCannotUser,
                "Operation CREATE USER failed for 'alice'@'%'");
    EXPECT_TRUE(catalog_->CreateUser(kAlice, "", true).ok());
    EXPECT_EQ(catalog_->FindUserForLogin("alice", "h")->password_hash, kHashA);
}

TEST_F(PrivilegeTest, HostsOfAnIdentityCompareIgnoringCase) {
    ASSERT_TRUE(catalog_->CreateUser({"bob", "Example.COM"}, "", false).ok());
    ExpectError(catalog_->CreateUser({"bob", "example.com"}, "", false), ErrorCode::kCannotUser,
                "CREATE USER failed");
    EXPECT_TRUE(catalog_->DropUser({"bob", "EXAMPLE.com"}, false).ok());
}

TEST_F(PrivilegeTest, RejectsDroppingAnUnknownUser) {
    ExpectError(catalog_->DropUser({"nobody", "%"}, false), ErrorCode::kCannotUser,
                "Operation DROP USER failed for 'nobody'@'%'");
    EXPECT_TRUE(catalog_->DropUser({"nobody", "%"}, true).ok());
}

TEST_F(PrivilegeTest, RejectsInvalidUserNamesHostsAndHashes) {
    EXPECT_FALSE(catalog_->CreateUser({"", "%"}, "", false).ok());
    EXPECT_FALSE(catalog_->CreateUser({"bad name", "%"}, "", false).ok());
    EXPECT_FALSE(catalog_->CreateUser({std::string(65, 'u'), "%"}, "", false).ok());
    EXPECT_FALSE(catalog_->CreateUser({"bob", ""}, "", false).ok());
    EXPECT_FALSE(catalog_->CreateUser({"bob", "a'b"}, "", false).ok());
    EXPECT_FALSE(catalog_->CreateUser({"bob", "%"}, "short", false).ok());
    EXPECT_FALSE(catalog_->SetPassword(kAlice, "short").ok());
    EXPECT_TRUE(catalog_->CreateUser({"bob.smith-2", "10.0.%"}, "", false).ok());
}

TEST_F(PrivilegeTest, SetPasswordOfUnknownUserFails) {
    ExpectError(catalog_->SetPassword({"nobody", "%"}, kHashA), ErrorCode::kPasswordNoMatch,
                "Can't find any matching row in the user table");
}

TEST_F(PrivilegeTest, DropUserRemovesItsGrants) {
    Grant(kAlice, kSelect, GrantTarget::Database("db"));
    ASSERT_TRUE(catalog_->DropUser(kAlice, false).ok());
    EXPECT_FALSE(catalog_->FindUserForLogin("alice", "h").ok());
    ASSERT_TRUE(catalog_->CreateUser(kAlice, "", false).ok());
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", "t"));
}

TEST_F(PrivilegeTest, ListUsersIsSortedByNameThenHost) {
    ASSERT_TRUE(catalog_->CreateUser({"alice", "10.%"}, "", false).ok());
    ASSERT_TRUE(catalog_->CreateUser({"a.b", "%"}, "", false).ok());
    std::vector<std::string> users;
    for (const UserIdentity& id : catalog_->ListUsers()) users.push_back(id.ToString());
    EXPECT_THAT(users, ElementsAre("'a.b'@'%'", "'alice'@'%'", "'alice'@'10.%'", "'root'@'%'"));
}

// --- login matching -------------------------------------------------------------------------

TEST_F(PrivilegeTest, LoginPrefersAnExactHostOverPatterns) {
    ASSERT_TRUE(catalog_->CreateUser({"alice", "10.0.0.5"}, kHashB, false).ok());
    ASSERT_TRUE(catalog_->CreateUser({"alice", "10.0.0.%"}, "", false).ok());
    auto login = catalog_->FindUserForLogin("alice", "10.0.0.5");
    ASSERT_TRUE(login.ok());
    EXPECT_EQ(login->identity.host, "10.0.0.5");
    EXPECT_EQ(login->password_hash, kHashB);
}

TEST_F(PrivilegeTest, LoginPrefersMoreSpecificPatternsOverPercent) {
    ASSERT_TRUE(catalog_->CreateUser({"alice", "10.%"}, "", false).ok());
    ASSERT_TRUE(catalog_->CreateUser({"alice", "10.0.0.%"}, "", false).ok());
    EXPECT_EQ(catalog_->FindUserForLogin("alice", "10.0.0.7")->identity.host, "10.0.0.%");
    EXPECT_EQ(catalog_->FindUserForLogin("alice", "10.9.0.7")->identity.host, "10.%");
    EXPECT_EQ(catalog_->FindUserForLogin("alice", "192.168.0.1")->identity.host, "%");
}

TEST_F(PrivilegeTest, LocalhostPatternMatchesLoopbackClients) {
    ASSERT_TRUE(catalog_->CreateUser({"carol", "localhost"}, "", false).ok());
    EXPECT_TRUE(catalog_->FindUserForLogin("carol", "127.0.0.1").ok());
    EXPECT_TRUE(catalog_->FindUserForLogin("carol", "::1").ok());
    EXPECT_FALSE(catalog_->FindUserForLogin("carol", "10.0.0.1").ok());
}

TEST_F(PrivilegeTest, UnderscoreInAHostMatchesOneCharacter) {
    ASSERT_TRUE(catalog_->CreateUser({"dave", "10.0.0._"}, "", false).ok());
    EXPECT_TRUE(catalog_->FindUserForLogin("dave", "10.0.0.7").ok());
    EXPECT_FALSE(catalog_->FindUserForLogin("dave", "10.0.0.17").ok());
}

TEST_F(PrivilegeTest, LoginOfUnknownUserIsAccessDenied) {
    auto login = catalog_->FindUserForLogin("nobody", "1.2.3.4");
    ASSERT_FALSE(login.ok());
    EXPECT_TRUE(login.status().IsNotFound());
    EXPECT_EQ(login.status().error_code(), ErrorCode::kAccessDenied);
    EXPECT_FALSE(catalog_->FindUserForLogin("ALICE", "1.2.3.4").ok());  // names are exact
}

// --- privilege resolution -------------------------------------------------------------------

TEST_F(PrivilegeTest, GlobalGrantCoversEveryTable) {
    Grant(kAlice, kSelect, GrantTarget::Global());
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", "t"));
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "other", "t"));
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", ""));
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kInsert, "db", "t"));
    EXPECT_FALSE(catalog_->IsAdmin(kAlice));
}

TEST_F(PrivilegeTest, DatabaseGrantCoversOnlyItsTables) {
    Grant(kAlice, kInsert, GrantTarget::Database("db"));
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kInsert, "db", "t"));
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kInsert, "db", "u"));
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kInsert, "db", ""));
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kInsert, "other", "t"));
}

TEST_F(PrivilegeTest, TableGrantCoversOnlyThatTable) {
    Grant(kAlice, kSelect, GrantTarget::Table("db", "t"));
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", "t"));
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", "u"));
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "other", "t"));
    // A database-level check (e.g. CREATE TABLE in db) ignores table grants.
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", ""));
}

TEST_F(PrivilegeTest, DatabaseAndTableNamesInGrantsAreCaseSensitive) {
    Grant(kAlice, kSelect, GrantTarget::Database("db"));
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "DB", "t"));
}

TEST_F(PrivilegeTest, AnyPrivilegeOnATableMakesItsDatabaseVisible) {
    EXPECT_FALSE(catalog_->HasAnyPrivilegeOn(kAlice, "db", ""));
    Grant(kAlice, kSelect, GrantTarget::Table("db", "t"));
    EXPECT_TRUE(catalog_->HasAnyPrivilegeOn(kAlice, "db", ""));
    EXPECT_TRUE(catalog_->HasAnyPrivilegeOn(kAlice, "db", "t"));
    EXPECT_FALSE(catalog_->HasAnyPrivilegeOn(kAlice, "db", "u"));
    EXPECT_FALSE(catalog_->HasAnyPrivilegeOn(kAlice, "other", ""));
}

TEST_F(PrivilegeTest, AllOnGlobalMakesAnAdministrator) {
    Grant(kAlice, PrivilegeSet::All(), GrantTarget::Database("db"));
    EXPECT_FALSE(catalog_->IsAdmin(kAlice));
    Grant(kAlice, PrivilegeSet::All(), GrantTarget::Global());
    EXPECT_TRUE(catalog_->IsAdmin(kAlice));
}

TEST_F(PrivilegeTest, UnknownUsersHoldNothing) {
    UserIdentity ghost{"ghost", "%"};
    EXPECT_FALSE(catalog_->HasPrivilege(ghost, Privilege::kSelect, "db", "t"));
    EXPECT_FALSE(catalog_->HasAnyPrivilegeOn(ghost, "db", ""));
    EXPECT_FALSE(catalog_->IsAdmin(ghost));
    ExpectError(catalog_->ShowGrants(ghost).status(), ErrorCode::kNonexistingGrant,
                "There is no such grant defined for user 'ghost' on host '%'");
}

// --- GRANT / REVOKE errors ------------------------------------------------------------------

TEST_F(PrivilegeTest, GrantsOnObjectsThatDoNotExistAreRefused) {
    ExpectError(catalog_->Grant(kAlice, kSelect, GrantTarget::Database("nodb")), ErrorCode::kBadDb,
                "Unknown database 'nodb'");
    ExpectError(catalog_->Grant(kAlice, kSelect, GrantTarget::Table("db", "nope")),
                ErrorCode::kUnknownTable, "Table 'db.nope' doesn't exist");
}

TEST_F(PrivilegeTest, GrantToUnknownUserFails) {
    ExpectError(catalog_->Grant({"ghost", "%"}, kSelect, GrantTarget::Global()),
                ErrorCode::kPasswordNoMatch, "Can't find any matching row");
}

TEST_F(PrivilegeTest, GrantWithoutPrivilegesFails) {
    EXPECT_FALSE(catalog_->Grant(kAlice, PrivilegeSet(), GrantTarget::Global()).ok());
}

TEST_F(PrivilegeTest, RevokingWhatWasNotGrantedFails) {
    ExpectError(catalog_->Revoke(kAlice, kSelect, GrantTarget::Database("db")),
                ErrorCode::kNonexistingGrant,
                "There is no such grant defined for user 'alice' on host '%'");
    Grant(kAlice, kSelect, GrantTarget::Global());
    // Revoking at another level than the grant's is not revoking the grant.
    ExpectError(catalog_->Revoke(kAlice, kSelect, GrantTarget::Database("db")),
                ErrorCode::kNonexistingGrant, "no such grant");
}

TEST_F(PrivilegeTest, RevokeRemovesOnlyTheNamedPrivileges) {
    Grant(kAlice, kSelect.Union(kInsert), GrantTarget::Database("db"));
    ASSERT_TRUE(catalog_->Revoke(kAlice, PrivilegeSet::All(), GrantTarget::Database("db")).ok());
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", "t"));
    Grant(kAlice, kSelect.Union(kInsert), GrantTarget::Database("db"));
    ASSERT_TRUE(catalog_->Revoke(kAlice, kInsert, GrantTarget::Database("db")).ok());
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", "t"));
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kInsert, "db", "t"));
}

// --- SHOW GRANTS ----------------------------------------------------------------------------

TEST_F(PrivilegeTest, ShowGrantsListsEveryLevel) {
    Grant(kAlice, PrivilegeSet::Of({Privilege::kInsert, Privilege::kSelect}),
          GrantTarget::Database("db"));
    Grant(kAlice, PrivilegeSet::All(), GrantTarget::Table("other", "t"));
    Grant(kAlice, PrivilegeSet::Of({Privilege::kDrop, Privilege::kAlter}), GrantTarget::Global());
    EXPECT_THAT(*catalog_->ShowGrants(kAlice),
                ElementsAre("GRANT ALTER, DROP ON *.* TO 'alice'@'%'",
                            "GRANT SELECT, INSERT ON `db`.* TO 'alice'@'%'",
                            "GRANT ALL ON `other`.`t` TO 'alice'@'%'"));
}

// --- dropped objects lose their grants ------------------------------------------------------

TEST_F(PrivilegeTest, RecreatedTableDoesNotInheritGrants) {
    Grant(kAlice, kSelect, GrantTarget::Table("db", "t"));
    ASSERT_TRUE(catalog_->DropTable("db", "t", false).ok());
    MustCreateTable(DuplicateTable("t"));
    EXPECT_FALSE(catalog_->HasPrivilege(kAlice, Privilege::kSelect, "db", "t"));
}

TEST_F(PrivilegeTest, RecreatedDatabaseDoesNotInheritGrants) {
    Grant(kAlice, kSelect, GrantTarget::Database("db"));
    Grant(kAlice, kInsert, GrantTarget::Table("db", "u"));
    Grant(kAlice, kInsert, GrantTarget::Table("other", "t"));
    ASSERT_TRUE(catalog_->DropDatabase("db", false).ok());
    ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
    MustCreateTable(DuplicateTable("u"));
    EXPECT_FALSE(catalog_->HasAnyPrivilegeOn(kAlice, "db", ""));
    EXPECT_TRUE(catalog_->HasPrivilege(kAlice, Privilege::kInsert, "other", "t"));
}

}  // namespace
}  // namespace tributary
