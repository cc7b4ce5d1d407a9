// Databases, tables, partitions, ADMIN and INSERT.
#include <gtest/gtest.h>

#include "sql/parser_test_util.h"

namespace tributary {
namespace {

TEST(ParseDatabase, CreateWithIfNotExistsAndProperties) {
    auto stmt = MustParse("CREATE DATABASE IF NOT EXISTS example_db PROPERTIES (\"a\" = \"1\")");
    ASSERT_NE(stmt, nullptr);
    const auto& create = stmt->As<CreateDatabaseStmt>();
    EXPECT_TRUE(create.if_not_exists);
    EXPECT_EQ(create.name, "example_db");
    ASSERT_EQ(create.properties.size(), 1u);
    EXPECT_EQ(create.properties[0].key, "a");
}

TEST(ParseDatabase, SchemaIsASynonym) {
    EXPECT_EQ(MustParse("CREATE SCHEMA s")->kind, StatementKind::kCreateDatabase);
    EXPECT_EQ(MustParse("DROP SCHEMA s")->kind, StatementKind::kDropDatabase);
}

TEST(ParseDatabase, DropWithIfExistsAndForce) {
    auto stmt = MustParse("DROP DATABASE IF EXISTS example_db FORCE");
    ASSERT_NE(stmt, nullptr);
    const auto& drop = stmt->As<DropDatabaseStmt>();
    EXPECT_TRUE(drop.if_exists);
    EXPECT_TRUE(drop.force);
    EXPECT_FALSE(MustParse("DROP DATABASE d")->As<DropDatabaseStmt>().if_exists);
}

TEST(ParseCreateTable, ColumnAttributesInAnyOrder) {
    auto stmt = MustParse(
        "CREATE TABLE t (\n"
        "  k1 INT KEY NOT NULL COMMENT 'key',\n"
        "  v1 BIGINT NULL SUM DEFAULT \"0\",\n"
        "  v2 DOUBLE max NOT NULL,\n"
        "  v3 varchar(10) REPLACE_IF_NOT_NULL,\n"
        "  id BIGINT NOT NULL AUTO_INCREMENT,\n"
        "  ts DATETIME DEFAULT CURRENT_TIMESTAMP,\n"
        "  d DATE DEFAULT (current_date()),\n"
        "  n INT DEFAULT -1\n"
        ")");
    ASSERT_NE(stmt, nullptr);
    const auto& create = stmt->As<CreateTableStmt>();
    ASSERT_EQ(create.columns.size(), 8u);
    EXPECT_TRUE(create.columns[0].is_key);
    EXPECT_EQ(create.columns[0].nullability, Nullability::kNotNull);
    EXPECT_EQ(create.columns[1].aggregation, "SUM");
    EXPECT_EQ(create.columns[1].nullability, Nullability::kNull);
    EXPECT_EQ(create.columns[1].default_kind, DefaultKind::kLiteral);
    EXPECT_EQ(create.columns[1].default_value->As<LiteralExpr>().text, "0");
    EXPECT_EQ(create.columns[2].aggregation, "MAX");
    EXPECT_EQ(create.columns[3].aggregation, "REPLACE_IF_NOT_NULL");
    EXPECT_TRUE(create.columns[4].auto_increment);
    EXPECT_EQ(create.columns[5].default_kind, DefaultKind::kCurrentTimestamp);
    EXPECT_EQ(create.columns[6].default_kind, DefaultKind::kExpr);
    EXPECT_EQ(create.columns[7].default_value->As<LiteralExpr>().int_value, -1);
    EXPECT_EQ(create.columns[0].pos, (SourcePos{2, 3}));
}

TEST(ParseCreateTable, EveryAggregateType) {
    for (const char* agg :
         {"SUM", "max", "Min", "REPLACE", "REPLACE_IF_NOT_NULL", "HLL_UNION", "BITMAP_UNION"}) {
        std::string sql =
            std::string("CREATE TABLE t (k INT, v INT ") + agg + ") AGGREGATE KEY (k)";
        auto stmt = MustParse(sql);
        ASSERT_NE(stmt, nullptr) << sql;
        EXPECT_FALSE(stmt->As<CreateTableStmt>().columns[1].aggregation.empty());
    }
}

TEST(ParseCreateTable, FullStarRocksClauses) {
    auto stmt = MustParse(
        "CREATE TABLE IF NOT EXISTS db.orders (\n"
        "  dt DATE NOT NULL,\n"
        "  id BIGINT,\n"
        "  amount DECIMAL(10, 2),\n"
        "  INDEX idx_id (id) USING BITMAP COMMENT 'bitmap on id'\n"
        ") ENGINE = OLAP\n"
        "PRIMARY KEY (dt, id)\n"
        "COMMENT 'orders'\n"
        "PARTITION BY RANGE (dt) (\n"
        "  PARTITION p1 VALUES LESS THAN (\"2023-01-01\"),\n"
        "  PARTITION p2 VALUES LESS THAN MAXVALUE\n"
        ")\n"
        "DISTRIBUTED BY HASH (id) BUCKETS 8\n"
        "ORDER BY (id)\n"
        "PROPERTIES (\"replication_num\" = \"1\", storage_medium = \"SSD\")");
    ASSERT_NE(stmt, nullptr);
    const auto& create = stmt->As<CreateTableStmt>();
    EXPECT_TRUE(create.if_not_exists);
    EXPECT_EQ(create.table.db, "db");
    EXPECT_EQ(create.columns[2].type, (TypeName{"DECIMAL", {10, 2}, {}}));
    ASSERT_EQ(create.indexes.size(), 1u);
    EXPECT_EQ(create.indexes[0].name, "idx_id");
    EXPECT_EQ(create.indexes[0].index_type, "BITMAP");
    EXPECT_EQ(create.indexes[0].comment, "bitmap on id");
    EXPECT_EQ(create.keys_type, KeysType::kPrimary);
    EXPECT_EQ(create.comment, "orders");
    ASSERT_TRUE(create.partition.has_value());
    EXPECT_EQ(create.partition->columns, (std::vector<std::string>{"dt"}));
    ASSERT_EQ(create.partition->partitions.size(), 2u);
    EXPECT_EQ(create.partition->partitions[0].name, "p1");
    EXPECT_EQ(create.partition->partitions[0].less_than,
              (std::vector<PartitionBoundValue>{{"2023-01-01", false}}));
    EXPECT_TRUE(create.partition->partitions[1].less_than[0].is_maxvalue);
    EXPECT_EQ(create.distribution->buckets, 8);
    EXPECT_EQ(create.order_by, (std::vector<std::string>{"id"}));
    ASSERT_EQ(create.properties.size(), 2u);
    EXPECT_EQ(create.properties[1].key, "storage_medium");
    EXPECT_EQ(create.properties[1].value, "SSD");
}

TEST(ParseCreateTable, MultiColumnAndFixedRangePartitions) {
    auto stmt = MustParse(
        "CREATE TABLE t (a INT, b INT) DUPLICATE KEY (a, b)\n"
        "PARTITION BY RANGE (a, b) (\n"
        "  PARTITION p1 VALUES LESS THAN (\"10\", \"20\"),\n"
        "  PARTITION p2 VALUES LESS THAN (MAXVALUE),\n"
        "  PARTITION p3 VALUES [(\"20\", \"1\"), (\"30\", \"1\")),\n"
        "  PARTITION p4 VALUES [(-5), (0))\n"
        ") DISTRIBUTED BY RANDOM BUCKETS 3");
    ASSERT_NE(stmt, nullptr);
    const auto& create = stmt->As<CreateTableStmt>();
    const auto& parts = create.partition->partitions;
    ASSERT_EQ(parts.size(), 4u);
    EXPECT_EQ(parts[0].less_than.size(), 2u);
    EXPECT_TRUE(parts[1].less_than[0].is_maxvalue);
    EXPECT_EQ(parts[2].kind, PartitionDefKind::kFixedRange);
    EXPECT_EQ(parts[2].lower, (std::vector<PartitionBoundValue>{{"20", false}, {"1", false}}));
    EXPECT_EQ(parts[2].upper, (std::vector<PartitionBoundValue>{{"30", false}, {"1", false}}));
    EXPECT_EQ(parts[3].lower[0].text, "-5");
    EXPECT_EQ(create.distribution->kind, DistributionKind::kRandom);
    EXPECT_EQ(create.distribution->buckets, 3);
}

TEST(ParseCreateTable, BatchPartitions) {
    auto stmt = MustParse(
        "CREATE TABLE t (dt DATE) PARTITION BY RANGE (dt) (\n"
        "  START (\"2021-01-01\") END (\"2021-02-01\") EVERY (INTERVAL 1 day)\n"
        ")");
    ASSERT_NE(stmt, nullptr);
    const auto& part = stmt->As<CreateTableStmt>().partition->partitions[0];
    EXPECT_EQ(part.kind, PartitionDefKind::kBatch);
    EXPECT_EQ(part.lower[0].text, "2021-01-01");
    EXPECT_EQ(part.upper[0].text, "2021-02-01");
    EXPECT_EQ(part.every->ToSql(), "INTERVAL 1 DAY");
}

TEST(ParseCreateTable, RejectsZeroBuckets) {
    EXPECT_EQ(ParseError("CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a) BUCKETS 0"),
              "Getting syntax error at line 1, column 55. Detail message: BUCKETS must be a "
              "positive integer.");
}

TEST(ParseCreateTable, RejectsTwoAggregates) {
    EXPECT_NE(ParseError("CREATE TABLE t (a INT SUM MAX)").find("at most one aggregate"),
              std::string::npos);
}

TEST(ParseTable, DropTable) {
    auto stmt = MustParse("DROP TABLE IF EXISTS db.t FORCE");
    ASSERT_NE(stmt, nullptr);
    const auto& drop = stmt->As<DropTableStmt>();
    EXPECT_TRUE(drop.if_exists);
    EXPECT_EQ(drop.table.db, "db");
    EXPECT_TRUE(drop.force);
}

TEST(ParseTable, TruncateWithPartitions) {
    auto stmt = MustParse("TRUNCATE TABLE db.t PARTITION (p1, p2)");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(stmt->As<TruncateTableStmt>().partitions, (std::vector<std::string>{"p1", "p2"}));
    EXPECT_TRUE(MustParse("TRUNCATE TABLE t")->As<TruncateTableStmt>().partitions.empty());
}

TEST(ParseTable, DescribeAndShowCreate) {
    auto desc = MustParse("DESC db.t ALL");
    ASSERT_NE(desc, nullptr);
    EXPECT_TRUE(desc->As<DescribeStmt>().all);
    EXPECT_EQ(desc->As<DescribeStmt>().table.db, "db");
    EXPECT_EQ(MustParse("DESCRIBE t")->kind, StatementKind::kDescribe);
    EXPECT_EQ(MustParse("SHOW CREATE TABLE t")->As<ShowCreateTableStmt>().table.name, "t");
}

TEST(ParseAlterTable, AddPartitionWithDistribution) {
    auto stmt = MustParse(
        "ALTER TABLE db.t ADD PARTITION IF NOT EXISTS p3 VALUES LESS THAN (\"2024-01-01\") "
        "DISTRIBUTED BY HASH(id) BUCKETS 4");
    ASSERT_NE(stmt, nullptr);
    const auto& alter = stmt->As<AlterTableStmt>();
    ASSERT_EQ(alter.clauses.size(), 1u);
    const AlterTableClause& clause = alter.clauses[0];
    EXPECT_EQ(clause.kind, AlterTableClauseKind::kAddPartition);
    EXPECT_TRUE(clause.partition.if_not_exists);
    EXPECT_EQ(clause.partition.name, "p3");
    EXPECT_EQ(clause.distribution->buckets, 4);
}

TEST(ParseAlterTable, AddFixedRangePartition) {
    auto stmt = MustParse("ALTER TABLE t ADD PARTITION p VALUES [(\"1\"), (\"5\"))");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(stmt->As<AlterTableStmt>().clauses[0].partition.kind, PartitionDefKind::kFixedRange);
}

TEST(ParseAlterTable, DropPartition) {
    auto stmt = MustParse("ALTER TABLE t DROP PARTITION IF EXISTS p1 FORCE");
    ASSERT_NE(stmt, nullptr);
    const AlterTableClause& clause = stmt->As<AlterTableStmt>().clauses[0];
    EXPECT_EQ(clause.kind, AlterTableClauseKind::kDropPartition);
    EXPECT_EQ(clause.partition_name, "p1");
    EXPECT_TRUE(clause.if_exists);
    EXPECT_TRUE(clause.force);
}

TEST(ParseAlterTable, TemporaryPartitions) {
    auto add = MustParse(
        "ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [(\"2020-01-01\"), (\"2020-02-01\")) "
        "DISTRIBUTED BY HASH(k) BUCKETS 2");
    ASSERT_NE(add, nullptr);
    const AlterTableClause& added = add->As<AlterTableStmt>().clauses[0];
    EXPECT_EQ(added.kind, AlterTableClauseKind::kAddPartition);
    EXPECT_TRUE(added.temporary);
    EXPECT_EQ(added.partition.name, "tp1");
    auto drop = MustParse("ALTER TABLE t DROP TEMPORARY PARTITION IF EXISTS tp1");
    ASSERT_NE(drop, nullptr);
    const AlterTableClause& dropped = drop->As<AlterTableStmt>().clauses[0];
    EXPECT_EQ(dropped.kind, AlterTableClauseKind::kDropPartition);
    EXPECT_TRUE(dropped.temporary);
    EXPECT_TRUE(dropped.if_exists);
}

TEST(ParseAlterTable, ReplacePartitionWithTemporaryPartition) {
    auto stmt = MustParse(
        "ALTER TABLE t REPLACE PARTITION (p1, `p2`) WITH TEMPORARY PARTITION (tp1, tp2) "
        "PROPERTIES (\"strict_range\" = \"false\", \"use_temp_partition_name\" = \"true\")");
    ASSERT_NE(stmt, nullptr);
    const AlterTableClause& clause = stmt->As<AlterTableStmt>().clauses[0];
    EXPECT_EQ(clause.kind, AlterTableClauseKind::kReplacePartition);
    EXPECT_EQ(clause.replaced_partitions, (std::vector<std::string>{"p1", "p2"}));
    EXPECT_EQ(clause.temp_partitions, (std::vector<std::string>{"tp1", "tp2"}));
    ASSERT_EQ(clause.properties.size(), 2u);
    EXPECT_EQ(clause.properties[1].key, "use_temp_partition_name");
    // Single names without parentheses, PARTITIONS, and no PROPERTIES.
    auto single = MustParse("ALTER TABLE t REPLACE PARTITION p1 WITH TEMPORARY PARTITIONS tp1");
    ASSERT_NE(single, nullptr);
    const AlterTableClause& one = single->As<AlterTableStmt>().clauses[0];
    EXPECT_EQ(one.replaced_partitions, (std::vector<std::string>{"p1"}));
    EXPECT_EQ(one.temp_partitions, (std::vector<std::string>{"tp1"}));
    EXPECT_TRUE(one.properties.empty());
}

TEST(ParseAlterTable, ReplaceNeedsTemporaryPartitions) {
    EXPECT_EQ(ParseError("ALTER TABLE t REPLACE PARTITION (p1) WITH PARTITION (p2)"),
              "Getting syntax error at line 1, column 43. Detail message: Unexpected input "
              "'PARTITION', expected one of: TEMPORARY.");
}

TEST(ParseAlterTable, OtherClausesAreSyntaxErrors) {
    EXPECT_EQ(ParseError("ALTER TABLE t MODIFY COLUMN a INT"),
              "Getting syntax error at line 1, column 15. Detail message: Unexpected input "
              "'MODIFY', expected one of: '.', ADD, DROP, REPLACE.");
}

TEST(ParseAdmin, SetAndShowFrontendConfig) {
    auto set =
        MustParse("ADMIN SET FRONTEND CONFIG (\"max_routine_load_task_concurrent_num\" = \"10\")");
    ASSERT_NE(set, nullptr);
    const auto& configs = set->As<AdminSetFrontendConfigStmt>().configs;
    ASSERT_EQ(configs.size(), 1u);
    EXPECT_EQ(configs[0].value, "10");
    auto show = MustParse("ADMIN SHOW FRONTEND CONFIG LIKE '%routine%'");
    ASSERT_NE(show, nullptr);
    EXPECT_EQ(show->As<AdminShowFrontendConfigStmt>().like, "%routine%");
    EXPECT_FALSE(MustParse("ADMIN SHOW FRONTEND CONFIG")
                     ->As<AdminShowFrontendConfigStmt>()
                     .like.has_value());
}

TEST(ParseInsert, ValuesWithColumnsAndLabel) {
    auto stmt =
        MustParse("INSERT INTO db.t WITH LABEL my_label (a, b) VALUES (1, 'x'), (-2, DEFAULT)");
    ASSERT_NE(stmt, nullptr);
    const auto& insert = stmt->As<InsertStmt>();
    EXPECT_FALSE(insert.overwrite);
    EXPECT_EQ(insert.table.db, "db");
    EXPECT_EQ(insert.label, "my_label");
    EXPECT_TRUE(insert.columns_written);
    EXPECT_EQ(insert.columns, (std::vector<std::string>{"a", "b"}));
    ASSERT_EQ(insert.rows.size(), 2u);
    EXPECT_EQ(insert.rows[1][0]->As<LiteralExpr>().int_value, -2);
    EXPECT_EQ(insert.rows[1][1]->kind, ExprKind::kDefault);
    EXPECT_EQ(insert.query, nullptr);
}

TEST(ParseInsert, OverwriteFromQuery) {
    auto stmt = MustParse("INSERT OVERWRITE t SELECT * FROM s WHERE a > 1");
    ASSERT_NE(stmt, nullptr);
    const auto& insert = stmt->As<InsertStmt>();
    EXPECT_TRUE(insert.overwrite);
    EXPECT_FALSE(insert.columns_written);
    ASSERT_NE(insert.query, nullptr);
    EXPECT_TRUE(insert.rows.empty());
}

TEST(ParseInsert, ParenthesisedQueryIsNotAColumnList) {
    auto stmt = MustParse("INSERT INTO t (SELECT 1)");
    ASSERT_NE(stmt, nullptr);
    EXPECT_FALSE(stmt->As<InsertStmt>().columns_written);
    EXPECT_NE(stmt->As<InsertStmt>().query, nullptr);
}

TEST(ParseDelete, TheRowsToDeleteAreAQueryOverTheTable) {
    auto stmt = MustParse("DELETE FROM db.t PARTITION (p1) WHERE a > 1 AND b = 'x'");
    ASSERT_NE(stmt, nullptr);
    const auto& del = stmt->As<DeleteStmt>();
    EXPECT_EQ(del.table.db, "db");
    EXPECT_EQ(del.table.name, "t");
    ASSERT_NE(del.query, nullptr);
    EXPECT_EQ(del.query->ToSql(),
              "SELECT * FROM `db`.`t` PARTITION (`p1`) WHERE `a` > 1 AND `b` = 'x'");
}

TEST(ParseDelete, NeedsAWhereAndATable) {
    EXPECT_FALSE(ParseStatement("DELETE FROM t").ok());
    EXPECT_FALSE(ParseStatement("DELETE FROM (SELECT 1) s WHERE 1 = 1").ok());
}

TEST(ParseInsert, PartitionsAndQuotedLabel) {
    auto stmt = MustParse("INSERT INTO t PARTITION (p1) WITH LABEL 'l-1' VALUES (1)");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(stmt->As<InsertStmt>().partitions, (std::vector<std::string>{"p1"}));
    EXPECT_EQ(stmt->As<InsertStmt>().label, "l-1");
}

}  // namespace
}  // namespace tributary
