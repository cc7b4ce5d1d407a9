// Specification of the load pipeline between a reader and the committed rows: COLUMNS mapping
// (positional names, placeholders, derived columns), typed source fields, WHERE ("unselected"
// rows), StarRocks' strict-mode matrix, NOT NULL, defaults, partition routing and the PARTITION
// list, error-row accounting and max_filter_ratio. Rows are read back from real storage.
#include "load/load_pipeline.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "meta/meta_store.h"
#include "sql/parser.h"
#include "storage/snapshot_reader.h"
#include "storage/storage_engine.h"
#include "txn/transaction_manager.h"

namespace tributary {
namespace {

namespace fs = std::filesystem;

using Field = std::optional<std::string>;  // nullopt: a NULL field (\N)
using Row = std::vector<Field>;

struct ColumnSpec {
    ColumnSpec(std::string n, TypeDesc t, bool null_ok = true,
               std::optional<std::string> default_text = std::nullopt)
        : name(std::move(n)), type(t), nullable(null_ok), default_value(std::move(default_text)) {}
    std::string name;
    TypeDesc type;
    bool nullable;
    std::optional<std::string> default_value;
};

TypeDesc BigInt() { return TypeDesc::Of(LogicalType::kBigInt); }
TypeDesc Int() { return TypeDesc::Of(LogicalType::kInt); }
TypeDesc Double() { return TypeDesc::Of(LogicalType::kDouble); }
TypeDesc Date() { return TypeDesc::Of(LogicalType::kDate); }
TypeDesc Varchar(int n) { return TypeDesc::Varchar(n); }

// What one load did.
struct Outcome {
    Status status;            // Create or Consume failure
    LoadCounters counters;
    std::vector<std::string> errors;  // error-log lines
    std::vector<std::string> rows;    // committed table rows, "(v0, v1, ...)", sorted
};

class LoadPipelineTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("load_pipeline_test_" + std::to_string(::getpid()) + "_" + info->name());
        fs::remove_all(dir_);
        store_ = MetaStore::Open((dir_ / "meta").string()).value();
        TransactionManagerOptions txn_options;
        txn_options.maintenance_interval_ms = 0;
        txns_ = TransactionManager::Open(store_.get(), txn_options).value();
        StorageEngineOptions options;
        options.publish_wait_ms = 50;
        engine_ = StorageEngine::Open(dir_.string(), store_.get(), options).value();
    }

    void TearDown() override {
        engine_.reset();
        txns_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }

    // A DUPLICATE table keyed on its first column (AGGREGATE: see below), hash-distributed on
    // it over two buckets;
    // RANGE-partitioned on `range_column` with `ranges` (name, "lower", "upper") when given.
    std::shared_ptr<const TableInfo> Table(
        const std::vector<ColumnSpec>& specs, std::string range_column = "",
        const std::vector<std::tuple<std::string, std::string, std::string>>& ranges = {},
        KeyModel model = KeyModel::kDuplicate,
        const std::vector<std::tuple<std::string, std::string, std::string>>& temp_ranges = {}) {
        auto table = std::make_shared<TableInfo>();
        table->id = next_id_++;
        table->db_id = 1;
        table->name = "t";
        table->model = model;
        for (size_t i = 0; i < specs.size(); ++i) {
            ColumnInfo c;
            c.name = specs[i].name;
            c.type = specs[i].type;
            c.nullable = specs[i].nullable;
            // AGGREGATE: every column but the last is a key, the last is summed.
            c.is_key = model == KeyModel::kAggregate ? i + 1 < specs.size() : i == 0;
            if (!c.is_key && model == KeyModel::kAggregate) c.aggregate = AggregateFunction::kSum;
            if (specs[i].default_value) c.default_value = ColumnDefault::Literal(*specs[i].default_value);
            table->columns.push_back(c);
        }
        auto add_partition = [&](std::string name, std::optional<PartitionRange> range,
                                 bool temporary = false) {
            PartitionInfo p;
            p.id = next_id_++;
            p.name = std::move(name);
            p.range = std::move(range);
            p.bucket_count = 2;
            for (int b = 0; b < 2; ++b) p.tablet_ids.push_back(next_id_++);
            (temporary ? table->temp_partitions : table->partitions).push_back(p);
        };
        if (range_column.empty()) {
            add_partition("t", std::nullopt);
        } else {
            table->partition_columns = {range_column};
            const std::vector<TypeDesc> types = {table->FindColumn(range_column)->type};
            for (const auto& [name, lower, upper] : ranges) {
                PartitionRange range{PartitionKey::Parse({lower}, types, {range_column}).value(),
                                     PartitionKey::Parse({upper}, types, {range_column}).value()};
                add_partition(name, range);
            }
            for (const auto& [name, lower, upper] : temp_ranges) {
                PartitionRange range{PartitionKey::Parse({lower}, types, {range_column}).value(),
                                     PartitionKey::Parse({upper}, types, {range_column}).value()};
                add_partition(name, range, /*temporary=*/true);
            }
        }
        table->distribution.kind = DistributionInfo::Kind::kHash;
        table->distribution.columns = {specs[0].name};
        table->distribution.buckets = 2;
        return table;
    }

    // Loads `rows` (of `fields` fields each) with the COLUMNS list `columns` and WHERE `where`
    // (SQL text; empty for none) and commits when the filter ratio allows.
    Outcome Load(std::shared_ptr<const TableInfo> table, const std::string& columns,
                 const std::vector<Row>& rows, const std::string& where = "",
                 bool strict_mode = false, std::vector<std::string> partitions = {},
                 double max_filter_ratio = 1.0, bool temporary_partitions = false) {
        Outcome outcome;
        std::vector<LoadColumn> column_items;
        if (!columns.empty()) column_items = ParseLoadColumns(columns).value();
        ExprPtr where_expr;
        if (!where.empty()) where_expr = ParseExpression(where).value();
        LoadDescription description;
        description.columns = &column_items;
        description.where = where_expr.get();
        description.partitions = std::move(partitions);
        description.strict_mode = strict_mode;
        description.temporary_partitions = temporary_partitions;
        auto pipeline = LoadPipeline::Create(LoadServices{engine_.get(), txns_.get()}, table,
                                             description, EvalContext::Default());
        if (!pipeline.ok()) {
            outcome.status = pipeline.status();
            return outcome;
        }
        const size_t fields = (*pipeline)->source_fields().size();
        SourceBatch batch(fields);
        std::vector<std::string> raw;
        raw.reserve(rows.size());
        for (const Row& row : rows) {
            std::string text;
            for (const Field& f : row) text += (text.empty() ? "" : ",") + f.value_or("\\N");
            raw.push_back(text);
        }
        for (size_t r = 0; r < rows.size(); ++r) {
            if (rows[r].size() != fields) {
                batch.Reject(raw[r], "Value count does not match column count");
                continue;
            }
            std::vector<SourceField> row;
            for (const Field& f : rows[r]) {
                row.push_back(SourceField{f ? std::string_view(*f) : std::string_view(), !f});
            }
            batch.AppendRow(row, raw[r]);
        }
        outcome.status = (*pipeline)->Consume(batch);
        outcome.counters = (*pipeline)->counters();
        outcome.errors = (*pipeline)->error_log().lines();
        if (!outcome.status.ok()) return outcome;
        outcome.status = (*pipeline)->CheckFilterRatio(max_filter_ratio);
        if (!outcome.status.ok()) return outcome;
        auto committed = (*pipeline)->Commit(SinkCommitOptions{});
        if (!committed.ok()) {
            outcome.status = committed.status();
            return outcome;
        }
        outcome.rows = ReadRows(*table);
        return outcome;
    }

    // Every visible row of `table`, formatted, sorted.
    std::vector<std::string> ReadRows(const TableInfo& table) {
        std::vector<std::string> rows;
        std::vector<uint32_t> column_ids;
        for (uint32_t c = 0; c < table.columns.size(); ++c) column_ids.push_back(c);
        std::vector<PartitionInfo> all = table.partitions;
        all.insert(all.end(), table.temp_partitions.begin(), table.temp_partitions.end());
        for (const PartitionInfo& p : all) {
            const int64_t version = txns_->VisibleVersion(p.id);
            for (int64_t tablet : p.tablet_ids) {
                auto snapshot = engine_->Snapshot(tablet, version);
                if (!snapshot.ok()) continue;  // never loaded
                auto rowsets = ReadSnapshotRows(*snapshot, column_ids).value();
                for (const RowsetRows& rowset : rowsets) {
                    for (const Chunk& segment : rowset.segments) {
                        for (size_t r = 0; r < segment.num_rows(); ++r) {
                            rows.push_back(segment.DebugRow(r));
                        }
                    }
                }
            }
        }
        std::sort(rows.begin(), rows.end());
        return rows;
    }

    fs::path dir_;
    std::unique_ptr<MetaStore> store_;
    std::unique_ptr<TransactionManager> txns_;
    std::unique_ptr<StorageEngine> engine_;
    int64_t next_id_ = 10;
};

TEST_F(LoadPipelineTest, SeedCsvColumnsDropThePlaceholderField) {
    auto table = Table({{"order_id", BigInt(), false},
                        {"pay_dt", Date(), false},
                        {"customer_name", Varchar(26)},
                        {"nationality", Varchar(26)},
                        {"price", Double()}});
    Outcome out = Load(table,
                       "order_id, pay_dt, customer_name, nationality, temp_gender, price",
                       {{"2020050802", "2020-05-08", "Johann Georg Faust", "Deutschland", "male", "895"},
                        {"2020050801", "2020-05-08", "Julien Sorel", "France", "male", "893"}});
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.counters.total_rows, 2u);
    EXPECT_EQ(out.counters.loaded_rows(), 2u);
    EXPECT_EQ(out.rows, (std::vector<std::string>{
                            "(2020050801, 2020-05-08, Julien Sorel, France, 893)",
                            "(2020050802, 2020-05-08, Johann Georg Faust, Deutschland, 895)"}));
}

TEST_F(LoadPipelineTest, WithoutColumnsTheFieldsAreTheTableColumnsInOrder) {
    auto table = Table({{"k", BigInt(), false}, {"v", Varchar(10)}});
    Outcome out = Load(table, "", {{"1", "a"}, {"2", std::nullopt}});
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.rows, (std::vector<std::string>{"(1, a)", "(2, NULL)"}));
}

TEST_F(LoadPipelineTest, DerivedColumnSeesTheSourceFieldAsItsTableType) {
    // The seed's JSON example: pay_time is BIGINT in the table, pay_dt derived from it.
    auto table = Table({{"commodity_id", Varchar(26)},
                        {"customer_name", Varchar(26)},
                        {"country", Varchar(26)},
                        {"pay_time", BigInt()},
                        {"pay_dt", Date()},
                        {"price", Double()}},
                       "", {}, KeyModel::kAggregate);  // price SUM
    Outcome out = Load(table,
                       "commodity_id, customer_name, country, pay_time, price, "
                       "pay_dt=from_unixtime(pay_time, '%Y%m%d')",
                       {{"1", "Mark Twain", "US", "1589191487", "875"},
                        {"1", "Mark Twain", "US", "1589191487", "25"}});
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    // UTC: 1589191487 is 2020-05-11 10:04:47; the AGGREGATE table sums price.
    EXPECT_EQ(out.rows, (std::vector<std::string>{
                            "(1, Mark Twain, US, 1589191487, 2020-05-11, 900)"}));
}

TEST_F(LoadPipelineTest, DerivedColumnFromAPlaceholder) {
    auto table = Table({{"k", BigInt(), false}, {"v", BigInt()}});
    Outcome out = Load(table, "k, tmp, v = tmp * 10 + k", {{"1", "4"}, {"2", "x"}});
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    // 'x' is no number: the expression gives NULL, which the nullable column takes.
    EXPECT_EQ(out.rows, (std::vector<std::string>{"(1, 41)", "(2, NULL)"}));
    EXPECT_EQ(out.counters.filtered_rows, 0u);
}

TEST_F(LoadPipelineTest, ColumnsNotGivenTakeTheirDefaults) {
    auto table = Table({{"k", BigInt(), false},
                        {"a", Varchar(10)},
                        {"b", Int(), false, "7"}});
    Outcome out = Load(table, "k", {{"1"}});
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.rows, (std::vector<std::string>{"(1, NULL, 7)"}));
}

TEST_F(LoadPipelineTest, NotNullColumnWithoutDefaultMustBeGiven) {
    auto table = Table({{"k", BigInt(), false}, {"b", Int(), false}});
    Outcome out = Load(table, "k", {{"1"}});
    EXPECT_EQ(out.status.error_code(), ErrorCode::kNoDefaultForField);
    EXPECT_NE(out.status.message().find("'b' is NOT NULL and has no default"), std::string::npos)
        << out.status.message();
}

TEST_F(LoadPipelineTest, DescriptionErrorsNameTheProblem) {
    auto table = Table({{"k", BigInt(), false}, {"v", BigInt()}});
    EXPECT_EQ(Load(table, "k, nope = 1", {}).status.error_code(), ErrorCode::kBadFieldError);
    EXPECT_EQ(Load(table, "k, k", {}).status.error_code(), ErrorCode::kFieldSpecifiedTwice);
    const Status unknown_in_expr = Load(table, "k, v = missing + 1", {}).status;
    EXPECT_EQ(unknown_in_expr.error_code(), ErrorCode::kBadFieldError);
    EXPECT_NE(unknown_in_expr.message().find("may use are: k"), std::string::npos)
        << unknown_in_expr.message();
    EXPECT_EQ(Load(table, "k, v", {}, "", false, {"p9"}).status.error_code(),
              ErrorCode::kUnknownPartition);
    EXPECT_FALSE(Load(table, "k, v = nosuchfn(k)", {}).status.ok());
}

TEST_F(LoadPipelineTest, WhereUnselectsRowsWithoutMakingThemErrors) {
    auto table = Table({{"k", BigInt(), false}, {"v", BigInt()}});
    Outcome out = Load(table, "k, v", {{"1", "10"}, {"2", "20"}, {"3", std::nullopt}}, "v > 15");
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.rows, (std::vector<std::string>{"(2, 20)"}));
    EXPECT_EQ(out.counters.unselected_rows, 2u);  // FALSE and NULL both unselect
    EXPECT_EQ(out.counters.filtered_rows, 0u);
    EXPECT_EQ(out.counters.loaded_rows(), 1u);
}

TEST_F(LoadPipelineTest, WhereMayUseAPlaceholderField) {
    auto table = Table({{"k", BigInt(), false}, {"v", BigInt()}});
    Outcome out = Load(table, "k, kind, v", {{"1", "keep", "1"}, {"2", "drop", "2"}},
                       "kind = 'keep'");
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.rows, (std::vector<std::string>{"(1, 1)"}));
}

TEST_F(LoadPipelineTest, ErrorRowsAreCheckedBeforeWhere) {
    auto table = Table({{"k", BigInt(), false}, {"v", BigInt()}});
    Outcome out = Load(table, "k, v", {{"x", "1"}, {"2", "1"}}, "v > 5");
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.counters.filtered_rows, 1u);
    EXPECT_EQ(out.counters.unselected_rows, 1u);
}

// The strict-mode matrix (StarRocks' "strict mode" page): a nullable INT, a NOT NULL INT and a
// VARCHAR(3), each given a good value, \N, an empty field, a bad value and a too-long string.
struct StrictCase {
    std::string name;
    Field value;
    bool strict;
    // What the row becomes in each column: "error" or the loaded value.
    std::string nullable_int, not_null_int;
};

TEST_F(LoadPipelineTest, StrictModeMatrix) {
    const std::vector<StrictCase> cases = {
        {"good", "12", false, "12", "12"},
        {"good", "12", true, "12", "12"},
        {"null", std::nullopt, false, "NULL", "error"},
        {"null", std::nullopt, true, "NULL", "error"},
        {"empty", "", false, "NULL", "error"},
        {"empty", "", true, "error", "error"},
        {"bad", "abc", false, "NULL", "error"},
        {"bad", "abc", true, "error", "error"},
        {"fraction", "1.5", false, "NULL", "error"},
        {"out of range", "99999999999", false, "NULL", "error"},
        {"out of range", "99999999999", true, "error", "error"},
    };
    for (const StrictCase& c : cases) {
        SCOPED_TRACE(c.name + (c.strict ? " strict" : " not strict"));
        for (bool not_null : {false, true}) {
            auto table = Table({{"k", BigInt(), false}, {"i", Int(), !not_null}});
            Outcome out = Load(table, "k, i", {{"1", c.value}}, "", c.strict);
            ASSERT_TRUE(out.status.ok()) << out.status.ToString();
            const std::string& expected = not_null ? c.not_null_int : c.nullable_int;
            if (expected == "error") {
                EXPECT_EQ(out.counters.filtered_rows, 1u);
                EXPECT_TRUE(out.rows.empty());
                ASSERT_EQ(out.errors.size(), 1u);
                EXPECT_NE(out.errors[0].find("column 'i'"), std::string::npos) << out.errors[0];
            } else {
                EXPECT_EQ(out.counters.filtered_rows, 0u);
                EXPECT_EQ(out.rows, (std::vector<std::string>{"(1, " + expected + ")"}));
            }
        }
    }
}

TEST_F(LoadPipelineTest, StringsKeepEmptyValuesAndRefuseOverflowAndBadUtf8InEveryMode) {
    for (bool strict : {false, true}) {
        auto table = Table({{"k", BigInt(), false}, {"s", Varchar(3)}});
        Outcome out = Load(table, "k, s",
                           {{"1", ""}, {"2", "abc"}, {"3", "abcd"}, {"4", "\xC3\xA9"},
                            {"5", "a\xFF"}, {"6", "\xC3"}},
                           "", strict);
        ASSERT_TRUE(out.status.ok()) << out.status.ToString();
        EXPECT_EQ(out.rows, (std::vector<std::string>{"(1, )", "(2, abc)", "(4, \xC3\xA9)"}));
        ASSERT_EQ(out.errors.size(), 3u);
        EXPECT_NE(out.errors[0].find("longer than VARCHAR(3)"), std::string::npos) << out.errors[0];
        EXPECT_NE(out.errors[1].find("not valid UTF-8"), std::string::npos) << out.errors[1];
        EXPECT_NE(out.errors[0].find("Row: 3,abcd"), std::string::npos) << out.errors[0];
    }
}

TEST_F(LoadPipelineTest, BadDatesFollowStrictMode) {
    auto table = Table({{"k", BigInt(), false}, {"d", Date()}});
    Outcome lenient = Load(table, "k, d", {{"1", "2020-13-45"}, {"2", "2020-02-29"}});
    EXPECT_EQ(lenient.rows, (std::vector<std::string>{"(1, NULL)", "(2, 2020-02-29)"}));
    auto table2 = Table({{"k", BigInt(), false}, {"d", Date()}});
    Outcome strict = Load(table2, "k, d", {{"1", "2020-13-45"}}, "", true);
    EXPECT_EQ(strict.counters.filtered_rows, 1u);
}

TEST_F(LoadPipelineTest, RowsOutsideEveryPartitionAreErrorRows) {
    auto table = Table({{"k", BigInt(), false}, {"d", Date(), false}}, "d",
                       {{"p1", "2020-01-01", "2020-02-01"}, {"p2", "2020-02-01", "2020-03-01"}});
    Outcome out = Load(table, "k, d", {{"1", "2020-01-15"}, {"2", "2020-02-15"}, {"3", "2021-01-01"}});
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.rows, (std::vector<std::string>{"(1, 2020-01-15)", "(2, 2020-02-15)"}));
    EXPECT_EQ(out.counters.filtered_rows, 1u);
    ASSERT_EQ(out.errors.size(), 1u);
    EXPECT_NE(out.errors[0].find("out of partition ranges"), std::string::npos) << out.errors[0];
    EXPECT_NE(out.errors[0].find("Row: 3,2021-01-01"), std::string::npos) << out.errors[0];
}

TEST_F(LoadPipelineTest, PartitionListRestrictsTheLoad) {
    auto table = Table({{"k", BigInt(), false}, {"d", Date(), false}}, "d",
                       {{"p1", "2020-01-01", "2020-02-01"}, {"p2", "2020-02-01", "2020-03-01"}});
    Outcome out = Load(table, "k, d", {{"1", "2020-01-15"}, {"2", "2020-02-15"}}, "", false, {"p1"});
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.rows, (std::vector<std::string>{"(1, 2020-01-15)"}));
    ASSERT_EQ(out.errors.size(), 1u);
    EXPECT_NE(out.errors[0].find("partition 'p2'"), std::string::npos) << out.errors[0];
}

TEST_F(LoadPipelineTest, TemporaryPartitionLoadWritesOnlyTheNamedTemporaryPartitions) {
    // tp1 overlaps the formal p1 (allowed for temporary partitions); rows go to tp1 only.
    auto table = Table({{"k", BigInt(), false}, {"d", Date(), false}}, "d",
                       {{"p1", "2020-01-01", "2020-02-01"}}, KeyModel::kDuplicate,
                       {{"tp1", "2020-01-01", "2020-03-01"}, {"tp2", "2020-03-01", "2020-04-01"}});
    Outcome out = Load(table, "k, d", {{"1", "2020-01-15"}, {"2", "2020-02-15"}, {"3", "2020-03-15"}},
                       "", false, {"tp1"}, 1.0, /*temporary_partitions=*/true);
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.rows, (std::vector<std::string>{"(1, 2020-01-15)", "(2, 2020-02-15)"}));
    EXPECT_EQ(txns_->VisibleVersion(table->partitions[0].id), 1);  // p1 untouched
    EXPECT_EQ(txns_->VisibleVersion(table->temp_partitions[0].id), 2);
    ASSERT_EQ(out.errors.size(), 1u);  // 2020-03-15 belongs to tp2, which the load does not name
    EXPECT_NE(out.errors[0].find("Row: 3,2020-03-15"), std::string::npos) << out.errors[0];

    const Status unknown = Load(table, "k, d", {}, "", false, {"p1"}, 1.0, true).status;
    EXPECT_EQ(unknown.error_code(), ErrorCode::kUnknownPartition) << unknown.ToString();
}

TEST_F(LoadPipelineTest, ReaderRejectionsAreErrorRowsWithTheirText) {
    auto table = Table({{"k", BigInt(), false}, {"v", BigInt()}});
    Outcome out = Load(table, "k, v", {{"1", "1"}, {"2"}});
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.counters.total_rows, 2u);
    EXPECT_EQ(out.counters.filtered_rows, 1u);
    EXPECT_EQ(out.errors, (std::vector<std::string>{
                              "Error: Value count does not match column count. Row: 2"}));
}

TEST_F(LoadPipelineTest, MaxFilterRatioFailsTheLoadAndNothingIsVisible) {
    auto table = Table({{"k", BigInt(), false}, {"v", BigInt()}});
    // 1 error row of 4 considered (the unselected row does not count): 0.25.
    Outcome refused = Load(table, "k, v", {{"1", "1"}, {"x", "1"}, {"3", "1"}, {"4", "1"}, {"5", "9"}},
                           "v < 5", false, {}, 0.2);
    EXPECT_FALSE(refused.status.ok());
    EXPECT_NE(refused.status.message().find("too many filtered rows"), std::string::npos);
    EXPECT_NE(refused.status.message().find("1 of 4 rows"), std::string::npos)
        << refused.status.message();
    EXPECT_NE(refused.status.message().find("column 'k'"), std::string::npos);
    EXPECT_TRUE(ReadRows(*table).empty());

    Outcome accepted = Load(table, "k, v", {{"1", "1"}, {"x", "1"}, {"3", "1"}, {"4", "1"}},
                            "", false, {}, 0.25);
    ASSERT_TRUE(accepted.status.ok()) << accepted.status.ToString();
    EXPECT_EQ(accepted.rows.size(), 3u);
}

}  // namespace
}  // namespace tributary
