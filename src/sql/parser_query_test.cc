// SELECT queries: select lists, FROM / joins, clauses, UNION, and the client probes drivers send.
#include <gtest/gtest.h>

#include "sql/parser_test_util.h"

namespace tributary {
namespace {

const Query& QueryOf(const std::unique_ptr<Statement>& stmt) {
    return *stmt->As<SelectStmt>().query;
}

const SelectBody& SelectOf(const std::unique_ptr<Statement>& stmt) {
    return QueryOf(stmt).body->As<SelectBody>();
}

TEST(ParseSelect, ClientProbesParse) {
    const char* probes[] = {
        "SELECT @@version_comment LIMIT 1",
        "SELECT @@version",
        "SELECT DATABASE()",
        "SELECT CONNECTION_ID()",
        "SELECT 1",
        "SELECT USER()",
        "SELECT CURRENT_USER()",
        "select @@max_allowed_packet,@@system_time_zone,@@time_zone,@@auto_increment_increment",
        "/* mysql-connector-java-8.0.33 */SELECT  @@session.auto_increment_increment AS "
        "auto_increment_increment, @@character_set_client AS character_set_client, "
        "@@character_set_connection AS character_set_connection, @@wait_timeout AS wait_timeout",
        "SELECT @@session.transaction_isolation",
        "SELECT @@tx_isolation",
    };
    for (const char* sql : probes) {
        auto stmt = MustParse(sql);
        ASSERT_NE(stmt, nullptr) << sql;
        EXPECT_EQ(stmt->kind, StatementKind::kSelect);
    }
}

TEST(ParseSelect, VersionCommentProbeHasLimit) {
    auto stmt = MustParse("SELECT @@version_comment LIMIT 1");
    ASSERT_NE(stmt, nullptr);
    const Query& query = QueryOf(stmt);
    ASSERT_TRUE(query.limit.has_value());
    EXPECT_EQ(query.limit->count, 1);
    const SelectBody& select = SelectOf(stmt);
    ASSERT_EQ(select.items.size(), 1u);
    EXPECT_EQ(select.items[0].expr->As<VariableExpr>().name, "version_comment");
    EXPECT_EQ(select.from, nullptr);
}

TEST(ParseSelect, ConnectorProbeKeepsAliases) {
    auto stmt = MustParse(
        "/* mysql-connector-java-8.0.33 */SELECT  @@session.auto_increment_increment AS "
        "auto_increment_increment, @@wait_timeout AS wait_timeout");
    ASSERT_NE(stmt, nullptr);
    const SelectBody& select = SelectOf(stmt);
    ASSERT_EQ(select.items.size(), 2u);
    EXPECT_EQ(select.items[0].alias, "auto_increment_increment");
    EXPECT_EQ(select.items[0].expr->As<VariableExpr>().scope, VariableScope::kSession);
    EXPECT_EQ(stmt->pos, (SourcePos{1, 34}));
}

TEST(ParseSelect, ItemsKeepTheirTextAsWrittenForColumnNames) {
    auto stmt = MustParse("SELECT  DATABASE() ,@@Version_Comment, 1 +  2 AS three");
    ASSERT_NE(stmt, nullptr);
    const SelectBody& select = SelectOf(stmt);
    ASSERT_EQ(select.items.size(), 3u);
    EXPECT_EQ(select.items[0].text, "DATABASE()");
    EXPECT_EQ(select.items[1].text, "@@Version_Comment");
    EXPECT_EQ(select.items[2].text, "1 +  2");
}

TEST(ParseSelect, AliasesWithAndWithoutAsAndAsString) {
    auto stmt = MustParse("SELECT a x, b AS y, c 'z', d AS `w w`, e AS \"v\" FROM t");
    ASSERT_NE(stmt, nullptr);
    const SelectBody& select = SelectOf(stmt);
    std::vector<std::string> aliases;
    for (const SelectItem& item : select.items) aliases.push_back(item.alias);
    EXPECT_EQ(aliases, (std::vector<std::string>{"x", "y", "z", "w w", "v"}));
}

TEST(ParseSelect, StarAndQualifiedStar) {
    auto stmt = MustParse("SELECT *, t.*, db.u.* FROM t, db.u");
    ASSERT_NE(stmt, nullptr);
    const SelectBody& select = SelectOf(stmt);
    ASSERT_EQ(select.items.size(), 3u);
    EXPECT_EQ(select.items[0].expr->kind, ExprKind::kStar);
    EXPECT_EQ(select.items[1].expr->As<StarExpr>().table, "t");
    EXPECT_EQ(select.items[2].expr->As<StarExpr>().db, "db");
}

TEST(ParseSelect, DistinctAndAll) {
    EXPECT_TRUE(SelectOf(MustParse("SELECT DISTINCT a FROM t")).distinct);
    EXPECT_FALSE(SelectOf(MustParse("SELECT ALL a FROM t")).distinct);
}

TEST(ParseSelect, AllClauses) {
    auto stmt = MustParse(
        "SELECT a, count(*) AS n FROM db.t AS x WHERE b > 1 GROUP BY a, c HAVING n > 2 "
        "ORDER BY n DESC NULLS LAST, a ASC LIMIT 10 OFFSET 5");
    ASSERT_NE(stmt, nullptr);
    const Query& query = QueryOf(stmt);
    const SelectBody& select = SelectOf(stmt);
    ASSERT_NE(select.from, nullptr);
    EXPECT_EQ(select.from->kind, TableRefKind::kTable);
    EXPECT_EQ(select.from->table.db, "db");
    EXPECT_EQ(select.from->alias, "x");
    EXPECT_NE(select.where, nullptr);
    EXPECT_EQ(select.group_by.size(), 2u);
    EXPECT_NE(select.having, nullptr);
    ASSERT_EQ(query.order_by.size(), 2u);
    EXPECT_TRUE(query.order_by[0].descending);
    EXPECT_EQ(query.order_by[0].nulls, NullsOrder::kLast);
    EXPECT_FALSE(query.order_by[1].descending);
    EXPECT_EQ(query.limit->count, 10);
    EXPECT_EQ(query.limit->offset, 5);
}

TEST(ParseSelect, LimitOffsetCommaForm) {
    auto stmt = MustParse("SELECT a FROM t LIMIT 5, 10");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(QueryOf(stmt).limit->offset, 5);
    EXPECT_EQ(QueryOf(stmt).limit->count, 10);
}

TEST(ParseSelect, TablePartitionsComeBeforeTheAlias) {
    auto stmt = MustParse("SELECT * FROM db.t TEMPORARY PARTITION (tp1, `tp2`) AS x");
    ASSERT_NE(stmt, nullptr);
    const TableRef& from = *SelectOf(stmt).from;
    EXPECT_TRUE(from.temporary_partitions);
    EXPECT_EQ(from.partitions, (std::vector<std::string>{"tp1", "tp2"}));
    EXPECT_EQ(from.alias, "x");
    EXPECT_EQ(from.ToSql(), "`db`.`t` TEMPORARY PARTITION (`tp1`, `tp2`) AS `x`");

    auto formal = MustParse("SELECT * FROM t PARTITION p1 JOIN u PARTITIONS (p2) ON t.a = u.a");
    ASSERT_NE(formal, nullptr);
    const TableRef& join = *SelectOf(formal).from;
    ASSERT_EQ(join.kind, TableRefKind::kJoin);
    EXPECT_FALSE(join.left->temporary_partitions);
    EXPECT_EQ(join.left->partitions, (std::vector<std::string>{"p1"}));
    EXPECT_EQ(join.right->partitions, (std::vector<std::string>{"p2"}));
}

TEST(ParseSelect, PartitionAndTemporaryStayUsableAsAliases) {
    EXPECT_EQ(SelectOf(MustParse("SELECT * FROM t partition WHERE 1")).from->alias, "partition");
    EXPECT_EQ(SelectOf(MustParse("SELECT * FROM t temporary")).from->alias, "temporary");
}

TEST(ParseSelect, FromDualHasNoTable) {
    EXPECT_EQ(SelectOf(MustParse("SELECT 1 FROM DUAL")).from, nullptr);
}

TEST(ParseSelect, JoinsOfEveryKind) {
    auto stmt = MustParse(
        "SELECT * FROM a JOIN b ON a.id = b.id INNER JOIN c ON c.id = a.id "
        "LEFT OUTER JOIN d ON d.id = a.id RIGHT JOIN e ON e.id = a.id CROSS JOIN f");
    ASSERT_NE(stmt, nullptr);
    const TableRef* ref = SelectOf(stmt).from.get();
    std::vector<JoinType> types;
    while (ref->kind == TableRefKind::kJoin) {
        types.push_back(ref->join_type);
        ref = ref->left.get();
    }
    EXPECT_EQ(ref->table.name, "a");
    EXPECT_EQ(types,
              (std::vector<JoinType>{JoinType::kCross, JoinType::kRightOuter, JoinType::kLeftOuter,
                                     JoinType::kInner, JoinType::kInner}));
}

TEST(ParseSelect, CommaJoinBindsLooserThanJoin) {
    auto stmt = MustParse("SELECT * FROM a, b JOIN c ON b.x = c.x");
    ASSERT_NE(stmt, nullptr);
    const TableRef& from = *SelectOf(stmt).from;
    ASSERT_EQ(from.kind, TableRefKind::kJoin);
    EXPECT_EQ(from.join_type, JoinType::kCross);
    EXPECT_EQ(from.right->kind, TableRefKind::kJoin);
    EXPECT_EQ(from.ToSql(), "`a` CROSS JOIN (`b` INNER JOIN `c` ON `b`.`x` = `c`.`x`)");
}

TEST(ParseSelect, LeftJoinRequiresOn) {
    EXPECT_EQ(ParseError("SELECT * FROM a LEFT JOIN b"),
              "Getting syntax error at line 1, column 28. Detail message: Unexpected end of "
              "input, expected one of: '.', AS, ON.");
}

TEST(ParseSelect, DerivedTableWithAlias) {
    auto stmt = MustParse("SELECT s.n FROM (SELECT count(*) n FROM t) AS s");
    ASSERT_NE(stmt, nullptr);
    const TableRef& from = *SelectOf(stmt).from;
    EXPECT_EQ(from.kind, TableRefKind::kSubquery);
    EXPECT_EQ(from.alias, "s");
    EXPECT_NE(from.subquery, nullptr);
}

TEST(ParseSelect, TableAliasMayBeANonReservedKeyword) {
    auto stmt = MustParse("SELECT status.a FROM t status WHERE status.a = 1");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(SelectOf(stmt).from->alias, "status");
}

TEST(ParseSelect, UnionChainsAreLeftDeep) {
    auto stmt = MustParse("SELECT 1 UNION SELECT 2 UNION ALL SELECT 3 UNION DISTINCT SELECT 4");
    ASSERT_NE(stmt, nullptr);
    const auto& top = QueryOf(stmt).body->As<SetOperationBody>();
    EXPECT_FALSE(top.all);
    const auto& middle = top.left->As<SetOperationBody>();
    EXPECT_TRUE(middle.all);
    EXPECT_EQ(middle.left->kind, QueryBodyKind::kSetOperation);
}

TEST(ParseSelect, ParenthesisedQueriesKeepTheirOwnOrderAndLimit) {
    auto stmt = MustParse(
        "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u) "
        "ORDER BY 1 LIMIT 2");
    ASSERT_NE(stmt, nullptr);
    const Query& query = QueryOf(stmt);
    EXPECT_EQ(query.order_by.size(), 1u);
    const auto& set = query.body->As<SetOperationBody>();
    const Query& inner = *set.left->As<ParenthesizedBody>().query;
    EXPECT_EQ(inner.limit->count, 1);
    EXPECT_EQ(query.ToSql(),
              "(SELECT `a` FROM `t` ORDER BY `a` LIMIT 1) UNION ALL (SELECT `b` FROM `u`) "
              "ORDER BY 1 LIMIT 2");
}

TEST(ParseSelect, QueryToSqlRoundTrips) {
    const char* cases[] = {
        ("SELECT DISTINCT a AS x, t.* FROM db.t AS t WHERE a > 1 GROUP BY a HAVING count(*) > 1 "
         "ORDER BY a DESC NULLS FIRST LIMIT 3 OFFSET 1"),
        "SELECT * FROM a LEFT JOIN b ON a.x = b.x, (SELECT 1 AS one) AS s",
        "SELECT 1 UNION ALL (SELECT 2 LIMIT 1) UNION SELECT 3",
    };
    for (const char* sql : cases) {
        auto first = MustParse(sql);
        ASSERT_NE(first, nullptr);
        std::string printed = QueryOf(first).ToSql();
        auto second = MustParse(printed);
        ASSERT_NE(second, nullptr) << printed;
        EXPECT_EQ(QueryOf(second).ToSql(), printed);
    }
}

TEST(ParseSelect, KeepsStatementText) {
    auto result = ParseStatements("  SELECT 1 ;\nSELECT  2");
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result->size(), 2u);
    EXPECT_EQ((*result)[0]->sql, "SELECT 1");
    EXPECT_EQ((*result)[1]->sql, "SELECT  2");
    EXPECT_EQ((*result)[1]->pos, (SourcePos{2, 1}));
}

}  // namespace
}  // namespace tributary
