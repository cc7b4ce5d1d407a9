// Session and client statements: SET, SET PASSWORD, USE, and the SHOW statements of clients.
#include <gtest/gtest.h>

#include "sql/parser_test_util.h"

namespace tributary {
namespace {

const SetAssignment& OnlyAssignment(const std::unique_ptr<Statement>& stmt) {
    const auto& set = stmt->As<SetStmt>();
    EXPECT_EQ(set.assignments.size(), 1u);
    return set.assignments[0];
}

TEST(ParseSet, ScopedSystemVariables) {
    struct Case {
        const char* sql;
        VariableScope scope;
        const char* name;
    } cases[] = {
        {"SET wait_timeout = 10", VariableScope::kDefault, "wait_timeout"},
        {"SET SESSION wait_timeout = 10", VariableScope::kSession, "wait_timeout"},
        {"set global wait_timeout=10", VariableScope::kGlobal, "wait_timeout"},
        {"SET LOCAL wait_timeout = 10", VariableScope::kLocal, "wait_timeout"},
        {"SET @@session.wait_timeout = 10", VariableScope::kSession, "wait_timeout"},
        {"SET @@global.wait_timeout = 10", VariableScope::kGlobal, "wait_timeout"},
        {"SET @@wait_timeout := 10", VariableScope::kDefault, "wait_timeout"},
    };
    for (const Case& c : cases) {
        auto stmt = MustParse(c.sql);
        ASSERT_NE(stmt, nullptr) << c.sql;
        const SetAssignment& a = OnlyAssignment(stmt);
        EXPECT_EQ(a.kind, SetAssignmentKind::kSystemVariable) << c.sql;
        EXPECT_EQ(a.scope, c.scope) << c.sql;
        EXPECT_EQ(a.name, c.name) << c.sql;
        EXPECT_EQ(a.value->As<LiteralExpr>().int_value, 10) << c.sql;
    }
}

TEST(ParseSet, SeveralAssignmentsInOrder) {
    auto stmt = MustParse("SET autocommit=1, @@session.sql_mode='STRICT', @u = 2, NAMES utf8");
    ASSERT_NE(stmt, nullptr);
    const auto& set = stmt->As<SetStmt>();
    ASSERT_EQ(set.assignments.size(), 4u);
    EXPECT_EQ(set.assignments[0].name, "autocommit");
    EXPECT_EQ(set.assignments[1].value->As<LiteralExpr>().text, "STRICT");
    EXPECT_EQ(set.assignments[2].kind, SetAssignmentKind::kUserVariable);
    EXPECT_EQ(set.assignments[2].name, "u");
    EXPECT_EQ(set.assignments[3].kind, SetAssignmentKind::kNames);
}

TEST(ParseSet, DefaultValue) {
    auto stmt = MustParse("SET sql_mode = DEFAULT");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(OnlyAssignment(stmt).value->kind, ExprKind::kDefault);
}

TEST(ParseSet, BareWordValueIsAString) {
    auto on = MustParse("SET autocommit = ON");
    ASSERT_NE(on, nullptr);
    EXPECT_EQ(OnlyAssignment(on).value->As<LiteralExpr>().text, "ON");
    auto off = MustParse("SET sql_safe_updates = OFF");
    ASSERT_NE(off, nullptr);
    EXPECT_EQ(OnlyAssignment(off).value->As<LiteralExpr>().literal_kind, LiteralKind::kString);
}

TEST(ParseSet, ExpressionValue) {
    auto stmt = MustParse("SET @x = 1 + 2 * 3");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(OnlyAssignment(stmt).value->ToSql(), "1 + 2 * 3");
}

TEST(ParseSet, NamesWithCollateOrDefault) {
    auto stmt = MustParse("SET NAMES utf8mb4 COLLATE utf8mb4_general_ci");
    ASSERT_NE(stmt, nullptr);
    const SetAssignment& a = OnlyAssignment(stmt);
    EXPECT_EQ(a.kind, SetAssignmentKind::kNames);
    EXPECT_EQ(a.charset, "utf8mb4");
    EXPECT_EQ(a.collation, "utf8mb4_general_ci");
    auto quoted = MustParse("SET NAMES 'utf8'");
    EXPECT_EQ(OnlyAssignment(quoted).charset, "utf8");
    auto def = MustParse("SET NAMES DEFAULT");
    EXPECT_EQ(OnlyAssignment(def).kind, SetAssignmentKind::kNames);
    EXPECT_TRUE(OnlyAssignment(def).charset.empty());
}

TEST(ParseSet, CharacterSet) {
    auto stmt = MustParse("SET CHARACTER SET utf8");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(OnlyAssignment(stmt).kind, SetAssignmentKind::kCharacterSet);
    EXPECT_EQ(OnlyAssignment(stmt).charset, "utf8");
    auto charset = MustParse("SET CHARSET DEFAULT");
    EXPECT_EQ(OnlyAssignment(charset).kind, SetAssignmentKind::kCharacterSet);
}

TEST(ParseSet, ExecutableCommentFromDumps) {
    auto result = ParseStatements(
        "/*!40101 SET NAMES utf8 */;\n/*!40101 SET character_set_client = utf8 */;");
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->size(), 2u);
    EXPECT_EQ((*result)[1]->As<SetStmt>().assignments[0].name, "character_set_client");
}

TEST(ParseSet, TransactionIsolationBecomesAVariable) {
    auto stmt = MustParse("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    ASSERT_NE(stmt, nullptr);
    const SetAssignment& a = OnlyAssignment(stmt);
    EXPECT_EQ(a.scope, VariableScope::kSession);
    EXPECT_EQ(a.name, "transaction_isolation");
    EXPECT_EQ(a.value->As<LiteralExpr>().text, "READ-COMMITTED");
    auto read_only = MustParse("SET TRANSACTION READ ONLY");
    EXPECT_EQ(OnlyAssignment(read_only).name, "transaction_read_only");
}

TEST(ParseSetPassword, PlainPasswordForCurrentUser) {
    auto stmt = MustParse("SET PASSWORD = PASSWORD('secret')");
    ASSERT_NE(stmt, nullptr);
    const auto& set = stmt->As<SetPasswordStmt>();
    EXPECT_FALSE(set.user.has_value());
    EXPECT_EQ(set.password, "secret");
    EXPECT_FALSE(set.is_hashed);
}

TEST(ParseSetPassword, HashedPasswordForUser) {
    auto stmt =
        MustParse("SET PASSWORD FOR 'jack'@'%' = '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9'");
    ASSERT_NE(stmt, nullptr);
    const auto& set = stmt->As<SetPasswordStmt>();
    ASSERT_TRUE(set.user.has_value());
    EXPECT_EQ(set.user->user, "jack");
    EXPECT_TRUE(set.is_hashed);
    EXPECT_EQ(set.password.substr(0, 1), "*");
}

TEST(ParseUse, PlainAndQuotedDatabase) {
    EXPECT_EQ(MustParse("USE example_db")->As<UseStmt>().database, "example_db");
    EXPECT_EQ(MustParse("use `my db`")->As<UseStmt>().database, "my db");
}

TEST(ParseShowVariables, ScopeAndFilter) {
    auto plain = MustParse("SHOW VARIABLES");
    ASSERT_NE(plain, nullptr);
    EXPECT_EQ(plain->As<ShowVariablesStmt>().scope, VariableScope::kDefault);
    auto like = MustParse("SHOW GLOBAL VARIABLES LIKE 'lower_case_%'");
    ASSERT_NE(like, nullptr);
    EXPECT_EQ(like->As<ShowVariablesStmt>().scope, VariableScope::kGlobal);
    EXPECT_EQ(like->As<ShowVariablesStmt>().filter.like, "lower_case_%");
    auto where = MustParse("SHOW SESSION VARIABLES WHERE Variable_name = 'x' OR Value = 1");
    ASSERT_NE(where, nullptr);
    EXPECT_NE(where->As<ShowVariablesStmt>().filter.where, nullptr);
    EXPECT_EQ(MustParse("show local variables")->As<ShowVariablesStmt>().scope,
              VariableScope::kLocal);
}

TEST(ParseShow, ClientShowStatements) {
    struct Case {
        const char* sql;
        StatementKind kind;
    } cases[] = {
        {"SHOW WARNINGS", StatementKind::kShowWarnings},
        {"SHOW WARNINGS LIMIT 10", StatementKind::kShowWarnings},
        {"SHOW ERRORS", StatementKind::kShowErrors},
        {"SHOW STATUS", StatementKind::kShowStatus},
        {"SHOW GLOBAL STATUS LIKE 'Up%'", StatementKind::kShowStatus},
        {"SHOW SESSION STATUS", StatementKind::kShowStatus},
        {"SHOW ENGINES", StatementKind::kShowEngines},
        {"SHOW STORAGE ENGINES", StatementKind::kShowEngines},
        {"SHOW CHARSET", StatementKind::kShowCharset},
        {"SHOW CHARACTER SET LIKE 'utf8%'", StatementKind::kShowCharset},
        {"SHOW COLLATION", StatementKind::kShowCollation},
        {"SHOW COLLATION LIKE 'utf8%'", StatementKind::kShowCollation},
        {"SHOW PROCESSLIST", StatementKind::kShowProcesslist},
        {"SHOW FULL PROCESSLIST", StatementKind::kShowProcesslist},
        {"SHOW DATABASES", StatementKind::kShowDatabases},
        {"SHOW SCHEMAS LIKE 'ex%'", StatementKind::kShowDatabases},
        {"SHOW TABLES", StatementKind::kShowTables},
        {"SHOW FULL TABLES FROM example_db LIKE 'e%'", StatementKind::kShowTables},
        {"SHOW COLUMNS FROM t", StatementKind::kShowColumns},
        {"SHOW FULL FIELDS IN t IN db LIKE 'a%'", StatementKind::kShowColumns},
        {"SHOW CREATE TABLE db.t", StatementKind::kShowCreateTable},
        {"SHOW GRANTS", StatementKind::kShowGrants},
        {"SHOW ROUTINE LOAD", StatementKind::kShowRoutineLoad},
        {"SHOW CREATE ROUTINE LOAD db.job", StatementKind::kShowCreateRoutineLoad},
    };
    for (const Case& c : cases) {
        auto stmt = MustParse(c.sql);
        ASSERT_NE(stmt, nullptr) << c.sql;
        EXPECT_EQ(stmt->kind, c.kind) << c.sql;
    }
}

TEST(ParseShow, TabletFromTableWithPartitions) {
    auto stmt = MustParse("SHOW TABLET FROM db.t PARTITION (p1, p2)");
    ASSERT_NE(stmt, nullptr);
    const auto& show = stmt->As<ShowTabletStmt>();
    EXPECT_EQ(show.table.db, "db");
    EXPECT_EQ(show.table.name, "t");
    EXPECT_EQ(show.partitions, (std::vector<std::string>{"p1", "p2"}));
}

TEST(ParseShow, PartitionsAndTemporaryPartitions) {
    auto stmt = MustParse(
        "SHOW TEMPORARY PARTITIONS FROM db.t WHERE PartitionName = 'tp1' "
        "ORDER BY PartitionId DESC LIMIT 1");
    ASSERT_NE(stmt, nullptr);
    const auto& show = stmt->As<ShowPartitionsStmt>();
    EXPECT_TRUE(show.temporary);
    EXPECT_EQ(show.table.db, "db");
    EXPECT_EQ(show.table.name, "t");
    EXPECT_NE(show.filter.where, nullptr);
    ASSERT_EQ(show.order_by.size(), 1u);
    EXPECT_TRUE(show.order_by[0].descending);
    EXPECT_EQ(show.limit->count, 1);
    auto plain = MustParse("SHOW PARTITIONS IN t");
    ASSERT_NE(plain, nullptr);
    EXPECT_FALSE(plain->As<ShowPartitionsStmt>().temporary);
    EXPECT_FALSE(plain->As<ShowPartitionsStmt>().limit.has_value());
}

TEST(ParseShow, WarningsLimit) {
    auto stmt = MustParse("SHOW WARNINGS LIMIT 2, 5");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(stmt->As<ShowWarningsStmt>().limit->offset, 2);
    EXPECT_EQ(stmt->As<ShowWarningsStmt>().limit->count, 5);
}

TEST(ParseShow, FullProcesslistFlag) {
    EXPECT_TRUE(MustParse("SHOW FULL PROCESSLIST")->As<ShowProcesslistStmt>().full);
    EXPECT_FALSE(MustParse("SHOW PROCESSLIST")->As<ShowProcesslistStmt>().full);
}

TEST(ParseShow, TablesFromDatabaseWithPattern) {
    auto stmt = MustParse("SHOW FULL TABLES IN example_db LIKE 'ex%'");
    ASSERT_NE(stmt, nullptr);
    const auto& show = stmt->As<ShowTablesStmt>();
    EXPECT_TRUE(show.full);
    EXPECT_EQ(show.database, "example_db");
    EXPECT_EQ(show.filter.like, "ex%");
}

TEST(ParseShow, ColumnsDatabaseClauseOverridesQualifier) {
    auto stmt = MustParse("SHOW COLUMNS FROM t FROM db");
    ASSERT_NE(stmt, nullptr);
    const auto& show = stmt->As<ShowColumnsStmt>();
    EXPECT_EQ(show.table.name, "t");
    EXPECT_EQ(show.table.db, "db");
    auto qualified = MustParse("SHOW FIELDS FROM db2.t");
    EXPECT_EQ(qualified->As<ShowColumnsStmt>().table.db, "db2");
}

TEST(ParseShow, ScopeOnlyBeforeVariablesOrStatus) {
    EXPECT_NE(ParseError("SHOW GLOBAL TABLES"), "");
}

}  // namespace
}  // namespace tributary
