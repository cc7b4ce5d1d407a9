// Users and privileges.
#include <gtest/gtest.h>

#include "sql/parser_test_util.h"

namespace tributary {
namespace {

TEST(ParseUserIdentity, EverySpelling) {
    struct Case {
        const char* spelling;
        const char* user;
        const char* host;
    } cases[] = {
        {"'u'@'h'", "u", "h"},
        {"u@'%'", "u", "%"},
        {"`u`@`h`", "u", "h"},
        {"'u'", "u", "%"},
        {"u", "u", "%"},
        {"\"u\"@\"10.0.0.1\"", "u", "10.0.0.1"},
        {"'u' @ 'localhost'", "u", "localhost"},
    };
    for (const Case& c : cases) {
        std::string sql = std::string("DROP USER ") + c.spelling;
        auto stmt = MustParse(sql);
        ASSERT_NE(stmt, nullptr) << sql;
        const UserSpec& user = stmt->As<DropUserStmt>().user;
        EXPECT_EQ(user.user, c.user) << sql;
        EXPECT_EQ(user.host, c.host) << sql;
    }
}

TEST(ParseCreateUser, IdentifiedByPlainPassword) {
    auto stmt = MustParse("CREATE USER IF NOT EXISTS 'jack'@'%' IDENTIFIED BY '123456'");
    ASSERT_NE(stmt, nullptr);
    const auto& create = stmt->As<CreateUserStmt>();
    EXPECT_TRUE(create.if_not_exists);
    EXPECT_EQ(create.user.user, "jack");
    EXPECT_TRUE(create.has_password);
    EXPECT_EQ(create.password, "123456");
    EXPECT_FALSE(create.is_hashed);
}

TEST(ParseCreateUser, IdentifiedByHashedPassword) {
    auto stmt = MustParse(
        "CREATE USER jack IDENTIFIED BY PASSWORD '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9'");
    ASSERT_NE(stmt, nullptr);
    EXPECT_TRUE(stmt->As<CreateUserStmt>().is_hashed);
}

TEST(ParseCreateUser, IdentifiedWithPlugin) {
    auto by = MustParse("CREATE USER u IDENTIFIED WITH mysql_native_password BY 'pw'");
    ASSERT_NE(by, nullptr);
    EXPECT_EQ(by->As<CreateUserStmt>().auth_plugin, "mysql_native_password");
    EXPECT_EQ(by->As<CreateUserStmt>().password, "pw");
    EXPECT_FALSE(by->As<CreateUserStmt>().is_hashed);
    auto as = MustParse("CREATE USER u IDENTIFIED WITH mysql_native_password AS '*ABC'");
    ASSERT_NE(as, nullptr);
    EXPECT_TRUE(as->As<CreateUserStmt>().is_hashed);
}

TEST(ParseCreateUser, WithoutPassword) {
    auto stmt = MustParse("CREATE USER u");
    ASSERT_NE(stmt, nullptr);
    EXPECT_FALSE(stmt->As<CreateUserStmt>().has_password);
}

TEST(ParseDropUser, IfExists) {
    EXPECT_TRUE(MustParse("DROP USER IF EXISTS 'u'@'%'")->As<DropUserStmt>().if_exists);
}

TEST(ParseGrant, TargetsNormalise) {
    struct Case {
        const char* target;
        PrivilegeLevel level;
        const char* db;
        const char* table;
    } cases[] = {
        {"*.*", PrivilegeLevel::kGlobal, "", ""},
        {"db.*", PrivilegeLevel::kDatabase, "db", ""},
        {"db.tbl", PrivilegeLevel::kTable, "db", "tbl"},
        {"tbl", PrivilegeLevel::kTable, "", "tbl"},
        {"TABLE db.tbl", PrivilegeLevel::kTable, "db", "tbl"},
        {"DATABASE db", PrivilegeLevel::kDatabase, "db", ""},
        {"ALL TABLES IN DATABASE db", PrivilegeLevel::kDatabase, "db", ""},
        {"ALL TABLES IN ALL DATABASES", PrivilegeLevel::kGlobal, "", ""},
        {"ALL DATABASES", PrivilegeLevel::kGlobal, "", ""},
    };
    for (const Case& c : cases) {
        std::string sql = std::string("GRANT SELECT ON ") + c.target + " TO 'u'@'%'";
        auto stmt = MustParse(sql);
        ASSERT_NE(stmt, nullptr) << sql;
        const GrantOnClause& target = stmt->As<GrantStmt>().target;
        EXPECT_EQ(target.level, c.level) << sql;
        EXPECT_EQ(target.db, c.db) << sql;
        EXPECT_EQ(target.table, c.table) << sql;
    }
}

TEST(ParseGrant, PrivilegeListIsUpperCased) {
    auto stmt = MustParse("GRANT select, Insert, ALTER, create, drop, usage ON db.* TO USER u");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(stmt->As<GrantStmt>().privileges,
              (std::vector<std::string>{"SELECT", "INSERT", "ALTER", "CREATE", "DROP", "USAGE"}));
}

TEST(ParseGrant, AllPrivilegesAndMultiWordPrivileges) {
    auto all = MustParse("GRANT ALL PRIVILEGES ON *.* TO u");
    ASSERT_NE(all, nullptr);
    EXPECT_EQ(all->As<GrantStmt>().privileges, (std::vector<std::string>{"ALL"}));
    auto multi = MustParse("GRANT CREATE TABLE, load_priv ON DATABASE db TO u");
    ASSERT_NE(multi, nullptr);
    EXPECT_EQ(multi->As<GrantStmt>().privileges,
              (std::vector<std::string>{"CREATE TABLE", "LOAD_PRIV"}));
}

TEST(ParseRevoke, FromUser) {
    auto stmt = MustParse("REVOKE INSERT ON TABLE db.t FROM 'u'@'%'");
    ASSERT_NE(stmt, nullptr);
    const auto& revoke = stmt->As<RevokeStmt>();
    EXPECT_EQ(revoke.privileges, (std::vector<std::string>{"INSERT"}));
    EXPECT_EQ(revoke.target.level, PrivilegeLevel::kTable);
    EXPECT_EQ(revoke.user.user, "u");
}

TEST(ParseShowGrants, ForUserAndAll) {
    auto mine = MustParse("SHOW GRANTS");
    ASSERT_NE(mine, nullptr);
    EXPECT_FALSE(mine->As<ShowGrantsStmt>().user.has_value());
    auto theirs = MustParse("SHOW GRANTS FOR 'u'@'%'");
    ASSERT_NE(theirs, nullptr);
    EXPECT_EQ(theirs->As<ShowGrantsStmt>().user->user, "u");
    EXPECT_TRUE(MustParse("SHOW ALL GRANTS")->As<ShowGrantsStmt>().all);
}

}  // namespace
}  // namespace tributary
