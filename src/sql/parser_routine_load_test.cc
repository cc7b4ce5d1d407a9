// Routine Load statements beyond the documentation seeds (see parser_seed_test.cc).
#include <gtest/gtest.h>

#include "sql/parser_test_util.h"

namespace tributary {
namespace {

TEST(ParseCreateRoutineLoad, LoadPropertiesWithoutCommas) {
    auto stmt = MustParse(
        "CREATE ROUTINE LOAD job ON tbl\n"
        "COLUMNS TERMINATED BY '|'\n"
        "ROWS TERMINATED BY '\\n'\n"
        "COLUMNS (a, b, c = a + b)\n"
        "WHERE a > 1 AND b IS NOT NULL\n"
        "TEMPORARY PARTITION (tp1)\n"
        "FROM KAFKA (\"kafka_topic\" = \"t\")");
    ASSERT_NE(stmt, nullptr);
    const auto& load = stmt->As<CreateRoutineLoadStmt>();
    EXPECT_TRUE(load.job.db.empty());
    EXPECT_EQ(load.job.name, "job");
    EXPECT_EQ(load.load.column_separator, "|");
    EXPECT_EQ(load.load.row_delimiter, "\n");
    ASSERT_EQ(load.load.columns.size(), 3u);
    EXPECT_EQ(load.load.columns[2].sql, "c = a + b");
    EXPECT_EQ(load.load.columns[2].expr->ToSql(), "`a` + `b`");
    EXPECT_EQ(load.load.where_sql, "a > 1 AND b IS NOT NULL");
    EXPECT_TRUE(load.load.has_temporary_partitions);
    EXPECT_EQ(load.load.temporary_partitions, (std::vector<std::string>{"tp1"}));
    EXPECT_FALSE(load.load.has_partitions);
    EXPECT_TRUE(load.properties.empty());
}

TEST(ParseCreateRoutineLoad, LoadPropertiesInAnyOrder) {
    auto stmt = MustParse(
        "CREATE ROUTINE LOAD db.job ON tbl PARTITION (p1, p2), WHERE k = 'x', "
        "COLUMNS (k, v) PROPERTIES (\"format\" = \"csv\") FROM kafka (\"kafka_topic\" = \"t\")");
    ASSERT_NE(stmt, nullptr);
    const auto& load = stmt->As<CreateRoutineLoadStmt>();
    EXPECT_EQ(load.load.partitions, (std::vector<std::string>{"p1", "p2"}));
    EXPECT_EQ(load.load.where_sql, "k = 'x'");
    EXPECT_EQ(load.load.columns.size(), 2u);
    EXPECT_EQ(load.data_source, "kafka");
}

TEST(ParseCreateRoutineLoad, ColumnNamedLikeKeywords) {
    auto stmt = MustParse(
        "CREATE ROUTINE LOAD j ON t COLUMNS (name, data, date, type, `value`, status = 1) "
        "FROM KAFKA (\"kafka_topic\" = \"t\")");
    ASSERT_NE(stmt, nullptr);
    const auto& columns = stmt->As<CreateRoutineLoadStmt>().load.columns;
    ASSERT_EQ(columns.size(), 6u);
    EXPECT_EQ(columns[4].name, "value");
    EXPECT_EQ(columns[5].name, "status");
}

TEST(ParseCreateRoutineLoad, UnquotedPropertyKeys) {
    auto stmt = MustParse(
        "CREATE ROUTINE LOAD j ON t PROPERTIES (format = 'json', max_batch_rows = 300000) "
        "FROM KAFKA (kafka_topic = 't', property.group.id = 'g')");
    ASSERT_NE(stmt, nullptr);
    const auto& load = stmt->As<CreateRoutineLoadStmt>();
    EXPECT_EQ(load.properties[1].key, "max_batch_rows");
    EXPECT_EQ(load.properties[1].value, "300000");
    EXPECT_EQ(load.data_source_properties[1].key, "property.group.id");
}

TEST(ParseCreateRoutineLoad, DuplicatePropertiesAreKept) {
    auto stmt = MustParse(
        "CREATE ROUTINE LOAD j ON t PROPERTIES (\"a\" = \"1\", \"a\" = \"2\") "
        "FROM KAFKA (\"kafka_topic\" = \"t\")");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(stmt->As<CreateRoutineLoadStmt>().properties.size(), 2u);
}

TEST(ParseCreateRoutineLoad, RejectsRepeatedLoadProperty) {
    EXPECT_EQ(ParseError(
                  "CREATE ROUTINE LOAD j ON t WHERE a = 1, WHERE b = 2 FROM KAFKA (\"x\" = \"y\")"),
              "Getting syntax error at line 1, column 41. Detail message: WHERE is specified more "
              "than once.");
}

TEST(ParseCreateRoutineLoad, RequiresDataSource) {
    EXPECT_EQ(ParseError("CREATE ROUTINE LOAD j ON t PROPERTIES (\"a\" = \"1\")"),
              "Getting syntax error at line 1, column 50. Detail message: Unexpected end of "
              "input, expected one of: FROM.");
}

TEST(ParseAlterRoutineLoad, OnlyDataSource) {
    auto stmt = MustParse("ALTER ROUTINE LOAD FOR db.job FROM KAFKA (\"kafka_offsets\" = \"1\")");
    ASSERT_NE(stmt, nullptr);
    const auto& alter = stmt->As<AlterRoutineLoadStmt>();
    EXPECT_EQ(alter.job.db, "db");
    EXPECT_EQ(alter.data_source, "KAFKA");
    EXPECT_TRUE(alter.properties.empty());
}

TEST(ParseRoutineLoadControl, QualifiedJobNames) {
    EXPECT_EQ(MustParse("PAUSE ROUTINE LOAD FOR db.j")->As<PauseRoutineLoadStmt>().job.db, "db");
    EXPECT_EQ(MustParse("resume routine load for j")->As<ResumeRoutineLoadStmt>().job.name, "j");
    EXPECT_EQ(MustParse("STOP ROUTINE LOAD FOR `j-1`")->As<StopRoutineLoadStmt>().job.name, "j-1");
}

TEST(ParseShowRoutineLoad, AllForFromWhereOrderLimit) {
    auto all = MustParse(
        "SHOW ALL ROUTINE LOAD FROM example_db WHERE State = 'RUNNING' "
        "ORDER BY CreateTime DESC LIMIT 10");
    ASSERT_NE(all, nullptr);
    const auto& show = all->As<ShowRoutineLoadStmt>();
    EXPECT_TRUE(show.all);
    EXPECT_EQ(show.database, "example_db");
    EXPECT_NE(show.where, nullptr);
    ASSERT_EQ(show.order_by.size(), 1u);
    EXPECT_TRUE(show.order_by[0].descending);
    EXPECT_EQ(show.limit->count, 10);
    auto one = MustParse("SHOW ROUTINE LOAD FOR example_db.job");
    ASSERT_NE(one, nullptr);
    EXPECT_EQ(one->As<ShowRoutineLoadStmt>().job->db, "example_db");
    EXPECT_FALSE(one->As<ShowRoutineLoadStmt>().all);
}

TEST(ParseShowRoutineLoadTask, FromDatabase) {
    auto stmt = MustParse("SHOW ROUTINE LOAD TASK FROM example_db WHERE JobName = \"j\"");
    ASSERT_NE(stmt, nullptr);
    EXPECT_EQ(stmt->As<ShowRoutineLoadTaskStmt>().database, "example_db");
}

TEST(ParseShowRoutineLoadTask, RequiresWhere) {
    EXPECT_NE(ParseError("SHOW ROUTINE LOAD TASK").find("expected one of: FROM, IN, WHERE"),
              std::string::npos);
}

}  // namespace
}  // namespace tributary
