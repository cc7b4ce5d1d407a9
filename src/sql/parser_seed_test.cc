// The StarRocks documentation statements the project must run unmodified (shared/seeds), copied
// verbatim into testdata/: every one parses, into the expected statement.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sql/parser_test_util.h"

namespace tributary {
namespace {

std::string ReadTestData(const std::string& relative) {
    std::ifstream in(std::string(TRIBUTARY_SQL_TESTDATA_DIR) + "/" + relative, std::ios::binary);
    EXPECT_TRUE(in.good()) << "missing test data " << relative;
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::unique_ptr<Statement> ParseFile(const std::string& relative) {
    return MustParse(ReadTestData(relative));
}

TEST(SeedStatements, EverySeedFileParsesToOneStatement) {
    int files = 0;
    for (const char* dir : {"seed_000", "alter_routine_load_002"}) {
        for (const auto& entry : std::filesystem::directory_iterator(
                 std::string(TRIBUTARY_SQL_TESTDATA_DIR) + "/" + dir)) {
            std::string sql =
                ReadTestData(std::string(dir) + "/" + entry.path().filename().string());
            auto result = ParseStatements(sql);
            ASSERT_TRUE(result.ok()) << entry.path() << "\n" << result.status().ToString();
            EXPECT_EQ(result->size(), 1u) << entry.path();
            ++files;
        }
    }
    EXPECT_EQ(files, 16);
}

TEST(SeedStatements, CreateTableExampleTbl1) {
    auto stmt = ParseFile("seed_000/01_create_table_example_tbl1.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& create = stmt->As<CreateTableStmt>();
    EXPECT_EQ(create.table.db, "example_db");
    EXPECT_EQ(create.table.name, "example_tbl1");
    ASSERT_EQ(create.columns.size(), 5u);
    EXPECT_EQ(create.columns[0].name, "order_id");
    EXPECT_EQ(create.columns[0].type.name, "bigint");
    EXPECT_EQ(create.columns[0].nullability, Nullability::kNotNull);
    EXPECT_EQ(create.columns[0].comment, "Order ID");
    EXPECT_EQ(create.columns[2].type, (TypeName{"varchar", {26}, {}}));
    EXPECT_EQ(create.columns[4].name, "price");  // `price`double: no space needed
    EXPECT_EQ(create.columns[4].type.name, "double");
    EXPECT_EQ(create.columns[4].nullability, Nullability::kNull);
    EXPECT_EQ(create.engine, "OLAP");
    EXPECT_EQ(create.keys_type, KeysType::kDuplicate);
    EXPECT_EQ(create.key_columns, (std::vector<std::string>{"order_id", "pay_dt"}));
    ASSERT_TRUE(create.distribution.has_value());
    EXPECT_EQ(create.distribution->kind, DistributionKind::kHash);
    EXPECT_EQ(create.distribution->columns, (std::vector<std::string>{"order_id"}));
    EXPECT_EQ(create.distribution->buckets, 0);
}

TEST(SeedStatements, CreateTableExampleTbl2HasSumAggregation) {
    auto stmt = ParseFile("seed_000/03_create_table_example_tbl2.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& create = stmt->As<CreateTableStmt>();
    EXPECT_TRUE(create.table.db.empty());
    EXPECT_EQ(create.columns[3].type, (TypeName{"bigint", {20}, {}}));
    EXPECT_EQ(create.columns[5].aggregation, "SUM");
    EXPECT_EQ(create.columns[5].nullability, Nullability::kNull);
    EXPECT_EQ(create.keys_type, KeysType::kAggregate);
    EXPECT_EQ(create.key_columns.size(), 5u);
}

TEST(SeedStatements, CreateTableSensorLogUsesKeywordColumnNames) {
    auto stmt = ParseFile("seed_000/05_create_table_sensor_log.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& create = stmt->As<CreateTableStmt>();
    ASSERT_EQ(create.columns.size(), 5u);
    EXPECT_EQ(create.columns[1].name, "name");
    EXPECT_EQ(create.columns[3].name, "data");
    EXPECT_EQ(create.columns[2].type.name, "boolean");
    EXPECT_EQ(create.key_columns, (std::vector<std::string>{"id"}));
}

TEST(SeedStatements, CreateRoutineLoadCsv) {
    auto stmt = ParseFile("seed_000/02_create_routine_load_csv.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& load = stmt->As<CreateRoutineLoadStmt>();
    EXPECT_EQ(load.job.db, "example_db");
    EXPECT_EQ(load.job.name, "example_tbl1_ordertest1");
    EXPECT_EQ(load.table, "example_tbl1");
    EXPECT_EQ(load.load.column_separator, ",");
    ASSERT_TRUE(load.load.has_columns);
    ASSERT_EQ(load.load.columns.size(), 6u);
    EXPECT_EQ(load.load.columns[4].name, "temp_gender");
    EXPECT_EQ(load.load.columns[4].expr, nullptr);
    ASSERT_EQ(load.properties.size(), 1u);
    EXPECT_EQ(load.properties[0].key, "desired_concurrent_number");
    EXPECT_EQ(load.properties[0].value, "5");
    EXPECT_EQ(load.data_source, "KAFKA");
    ASSERT_EQ(load.data_source_properties.size(), 4u);
    EXPECT_EQ(load.data_source_properties[1].key, "kafka_topic");
    EXPECT_EQ(load.data_source_properties[1].value, "ordertest1");
    EXPECT_EQ(load.data_source_properties[3].key, "property.kafka_default_offsets");
}

TEST(SeedStatements, CreateRoutineLoadJsonKeepsColumnMappingText) {
    auto stmt = ParseFile("seed_000/04_create_routine_load_json.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& load = stmt->As<CreateRoutineLoadStmt>();
    ASSERT_EQ(load.load.columns.size(), 6u);
    const LoadColumn& mapped = load.load.columns[5];
    EXPECT_EQ(mapped.name, "pay_dt");
    EXPECT_EQ(mapped.sql, "pay_dt=from_unixtime(pay_time, '%Y%m%d')");
    ASSERT_NE(mapped.expr, nullptr);
    EXPECT_EQ(mapped.expr->ToSql(), "from_unixtime(`pay_time`, '%Y%m%d')");
    EXPECT_EQ(load.properties[2].key, "jsonpaths");
    EXPECT_EQ(load.properties[2].value,
              R"(["$.commodity_id","$.customer_name","$.country","$.pay_time","$.price"])");
}

TEST(SeedStatements, CreateRoutineLoadAvroHasNoLoadProperties) {
    auto stmt = ParseFile("seed_000/06_create_routine_load_avro.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& load = stmt->As<CreateRoutineLoadStmt>();
    EXPECT_FALSE(load.load.has_columns);
    EXPECT_FALSE(load.load.column_separator.has_value());
    EXPECT_EQ(load.data_source_properties[1].key, "confluent.schema.registry.url");
}

TEST(SeedStatements, ShowRoutineLoadAndTask) {
    auto show = ParseFile("seed_000/07_show_routine_load.sql");
    ASSERT_NE(show, nullptr);
    const auto& jobs = show->As<ShowRoutineLoadStmt>();
    ASSERT_TRUE(jobs.job.has_value());
    EXPECT_EQ(jobs.job->name, "example_tbl2_ordertest2");

    auto task = ParseFile("seed_000/08_show_routine_load_task.sql");
    ASSERT_NE(task, nullptr);
    const auto& tasks = task->As<ShowRoutineLoadTaskStmt>();
    ASSERT_NE(tasks.where, nullptr);
    EXPECT_EQ(tasks.where->ToSql(), "`JobName` = 'example_tbl2_ordertest2'");
}

TEST(SeedStatements, PauseResumeStop) {
    auto pause = ParseFile("seed_000/09_pause_routine_load.sql");
    ASSERT_NE(pause, nullptr);
    EXPECT_EQ(pause->As<PauseRoutineLoadStmt>().job.name, "example_tbl2_ordertest2");
    auto resume = ParseFile("seed_000/10_resume_routine_load.sql");
    ASSERT_NE(resume, nullptr);
    EXPECT_EQ(resume->As<ResumeRoutineLoadStmt>().job.name, "example_tbl2_ordertest2");
    auto stop = ParseFile("seed_000/12_stop_routine_load.sql");
    ASSERT_NE(stop, nullptr);
    EXPECT_EQ(stop->As<StopRoutineLoadStmt>().job.name, "example_tbl2_ordertest2");
}

TEST(SeedStatements, AlterRoutineLoadWithLowerCaseKafka) {
    auto stmt = ParseFile("seed_000/11_alter_routine_load.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& alter = stmt->As<AlterRoutineLoadStmt>();
    EXPECT_EQ(alter.properties[0].value, "6");
    EXPECT_EQ(alter.data_source, "kafka");
    ASSERT_EQ(alter.data_source_properties.size(), 2u);
    EXPECT_EQ(alter.data_source_properties[0].value, "0,1,2,3,4,5,6,7");
}

TEST(SeedStatements, AlterRoutineLoadSyntaxBlockWithEveryLoadProperty) {
    auto stmt = ParseFile("alter_routine_load_002/01_syntax.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& alter = stmt->As<AlterRoutineLoadStmt>();
    EXPECT_EQ(alter.job.db, "example_db");
    EXPECT_EQ(alter.load.column_separator, ",");
    EXPECT_EQ(alter.load.row_delimiter, "\n");
    EXPECT_EQ(alter.load.columns.size(), 6u);
    EXPECT_EQ(alter.load.where_sql, "price > 100");
    EXPECT_EQ(alter.load.partitions, (std::vector<std::string>{"p202306", "p202307"}));
    EXPECT_EQ(alter.load.temporary_partitions, (std::vector<std::string>{"tp1", "tp2"}));
    EXPECT_EQ(alter.properties.size(), 2u);
    EXPECT_EQ(alter.data_source_properties.size(), 2u);
}

TEST(SeedStatements, AlterRoutineLoadPropertiesOnly) {
    auto stmt = ParseFile("alter_routine_load_002/02_properties.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& alter = stmt->As<AlterRoutineLoadStmt>();
    EXPECT_EQ(alter.properties.size(), 1u);
    EXPECT_TRUE(alter.data_source.empty());
}

TEST(SeedStatements, AlterRoutineLoadPropertiesAndSource) {
    auto stmt = ParseFile("alter_routine_load_002/03_properties_and_source.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& alter = stmt->As<AlterRoutineLoadStmt>();
    EXPECT_EQ(alter.data_source_properties[2].key, "property.group.id");
    EXPECT_EQ(alter.data_source_properties[2].value, "new_group");
}

TEST(SeedStatements, AlterRoutineLoadWhereWithDateLikeArithmeticAndPartition) {
    auto stmt = ParseFile("alter_routine_load_002/04_where_and_partition.sql");
    ASSERT_NE(stmt, nullptr);
    const auto& alter = stmt->As<AlterRoutineLoadStmt>();
    EXPECT_EQ(alter.load.where_sql, "pay_dt < 2023-06-31");
    ASSERT_NE(alter.load.where, nullptr);
    EXPECT_EQ(alter.load.where->ToSql(), "`pay_dt` < 2023 - 06 - 31");
    EXPECT_EQ(alter.load.partitions, (std::vector<std::string>{"p202306"}));
}

}  // namespace
}  // namespace tributary
