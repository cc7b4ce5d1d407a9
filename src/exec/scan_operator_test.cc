// Specification of ScanOperator over real storage: every loaded row, the listed columns in
// order, splits read in parallel, a snapshot fixed at Open, equal keys merged on AGGREGATE
// tables, and zone-map pruning that skips segments without changing the filtered result.
#include "exec/scan_operator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "exec/exec_test_util.h"
#include "exec/filter_operator.h"
#include "meta/meta_store.h"
#include "storage/storage_engine.h"

namespace tributary {
namespace {

using namespace exec_test;  // NOLINT(build/namespaces): test helpers

namespace fs = std::filesystem;

constexpr int64_t kBuckets = 2;
constexpr int64_t kRowsPerLoad = 100;

class ScanOperatorTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("scan_operator_test_" + std::to_string(::getpid()) + "_" + info->name());
        fs::remove_all(dir_);
        auto store = MetaStore::Open((dir_ / "meta").string());
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        TransactionManagerOptions txn_options;
        txn_options.maintenance_interval_ms = 0;
        auto txns = TransactionManager::Open(store_.get(), txn_options);
        ASSERT_TRUE(txns.ok()) << txns.status().ToString();
        txns_ = std::move(txns).value();
        StorageEngineOptions options;
        options.publish_wait_ms = 50;
        auto engine = StorageEngine::Open(dir_.string(), store_.get(), options);
        ASSERT_TRUE(engine.ok()) << engine.status().ToString();
        engine_ = std::move(engine).value();
    }

    void TearDown() override {
        engine_.reset();
        txns_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }

    LoadServices Services() { return LoadServices{engine_.get(), txns_.get()}; }

    // k BIGINT NOT NULL (the key, hash-distributed over kBuckets tablets), v VARCHAR(32) NULL on
    // DUPLICATE and UNIQUE tables; k and v BIGINT SUM on an AGGREGATE one. Unpartitioned.
    static std::shared_ptr<const TableInfo> Table(KeyModel model) {
        auto table = std::make_shared<TableInfo>();
        table->id = 2;
        table->db_id = 1;
        table->name = "t";
        table->model = model;
        ColumnInfo k;
        k.name = "k";
        k.type = BigInt();
        k.is_key = true;
        k.nullable = false;
        ColumnInfo v;
        v.name = "v";
        v.type = model == KeyModel::kAggregate ? BigInt() : Varchar(32);
        if (model == KeyModel::kAggregate) v.aggregate = AggregateFunction::kSum;
        table->columns = {k, v};
        PartitionInfo partition;
        partition.id = 3;
        partition.name = "t";
        partition.bucket_count = kBuckets;
        for (int64_t b = 0; b < kBuckets; ++b) partition.tablet_ids.push_back(4 + b);
        table->partitions = {partition};
        table->distribution.kind = DistributionInfo::Kind::kHash;
        table->distribution.columns = {"k"};
        table->distribution.buckets = kBuckets;
        return table;
    }

    // One load (one transaction) of `rows` into `table`.
    void Load(const std::shared_ptr<const TableInfo>& table, const std::vector<ValueRow>& rows) {
        TableSink sink(Services(), table);
        const Status appended = sink.Append(MakeChunk(TableSink::SchemaOf(*table), rows));
        ASSERT_TRUE(appended.ok()) << appended.ToString();
        auto committed = sink.Commit(SinkCommitOptions{});
        ASSERT_TRUE(committed.ok()) << committed.status().ToString();
    }

    // Rows (k, "v<k>") for k in [first, first + kRowsPerLoad), every 10th v NULL.
    static std::vector<ValueRow> DuplicateRows(int64_t first) {
        std::vector<ValueRow> rows;
        for (int64_t k = first; k < first + kRowsPerLoad; ++k) {
            rows.push_back({Value::BigInt(k),
                            k % 10 == 0 ? Value::Null() : Value::String("v" + std::to_string(k))});
        }
        return rows;
    }

    // Four loads of disjoint key ranges [0, 100), [100, 200), ... into a DUPLICATE table.
    std::shared_ptr<const TableInfo> LoadedDuplicateTable() {
        auto table = Table(KeyModel::kDuplicate);
        for (int64_t load = 0; load < 4; ++load) Load(table, DuplicateRows(load * kRowsPerLoad));
        return table;
    }

    std::unique_ptr<ScanOperator> Open(std::shared_ptr<const TableInfo> table,
                                       std::vector<uint32_t> columns, int workers = 1,
                                       std::vector<ScanPredicate> prune = {}) {
        ScanSpec spec;
        spec.table = std::move(table);
        spec.table_alias = "t";
        spec.columns = std::move(columns);
        spec.prune = std::move(prune);
        spec.workers = workers;
        auto scan = ScanOperator::Open(Services(), std::move(spec));
        EXPECT_TRUE(scan.ok()) << scan.status().ToString();
        return scan.ok() ? std::move(scan).value() : nullptr;
    }

    // k BETWEEN lo AND hi, for zone maps.
    static ScanPredicate KBetween(int64_t lo, int64_t hi) {
        return ScanPredicate{0, ZonePredicate::Between(EncodeZoneValue(lo), EncodeZoneValue(hi)),
                             "k BETWEEN " + std::to_string(lo) + " AND " + std::to_string(hi)};
    }

    // The expected DebugRows of loads [0, loads) of DuplicateRows, sorted.
    static Rows ExpectedDuplicateRows(int64_t loads) {
        const ChunkSchema schema = TableSink::SchemaOf(*Table(KeyModel::kDuplicate));
        Rows rows;
        for (int64_t load = 0; load < loads; ++load) {
            for (const std::string& r : RowsOf(MakeChunk(schema, DuplicateRows(load * 100)))) {
                rows.push_back(r);
            }
        }
        return Sorted(rows);
    }

    fs::path dir_;
    std::unique_ptr<MetaStore> store_;
    std::unique_ptr<TransactionManager> txns_;
    std::unique_ptr<StorageEngine> engine_;
};

TEST_F(ScanOperatorTest, EmptyTableHasNoSplitsAndNoRows) {
    auto scan = Open(Table(KeyModel::kDuplicate), {0, 1});
    ASSERT_NE(scan, nullptr);
    EXPECT_EQ(scan->num_splits(), 0u);
    EXPECT_EQ(SortedRows(*scan), Rows{});
}

TEST_F(ScanOperatorTest, ReadsEveryRowOfEveryLoad) {
    auto scan = Open(LoadedDuplicateTable(), {0, 1});
    ASSERT_NE(scan, nullptr);
    EXPECT_EQ(scan->num_splits(), 4u * kBuckets) << "one split per non-empty segment";
    EXPECT_TRUE(SameRows(SortedRows(*scan), ExpectedDuplicateRows(4)));
}

TEST_F(ScanOperatorTest, ReturnsTheListedColumnsInOrder) {
    auto scan = Open(LoadedDuplicateTable(), {1, 0});
    ASSERT_NE(scan, nullptr);
    ASSERT_EQ(scan->schema().size(), 2u);
    EXPECT_EQ(scan->schema().columns[0], Field("v", Varchar(32), true));
    EXPECT_EQ(scan->schema().columns[1], Field("k", BigInt(), false));
    const Rows rows = SortedRows(*scan);
    ASSERT_EQ(rows.size(), 400u);
    EXPECT_EQ(rows.front(), "(NULL, 0)");
}

TEST_F(ScanOperatorTest, ParallelWorkersReadTheRowsOfNext) {
    auto table = LoadedDuplicateTable();
    auto serial = Open(table, {0, 1});
    auto parallel = Open(table, {0, 1}, /*workers=*/3);
    ASSERT_NE(serial, nullptr);
    ASSERT_NE(parallel, nullptr);
    EXPECT_EQ(parallel->parallelism(), 3);
    EXPECT_TRUE(SameRows(SortedRows(*parallel), Sorted(RowsInOrder(*serial))));
}

TEST_F(ScanOperatorTest, ParallelismIsAtMostTheNumberOfSplits) {
    auto table = Table(KeyModel::kDuplicate);
    Load(table, DuplicateRows(0));
    auto scan = Open(table, {0}, /*workers=*/16);
    ASSERT_NE(scan, nullptr);
    EXPECT_EQ(scan->parallelism(), static_cast<int>(scan->num_splits()));
}

TEST_F(ScanOperatorTest, SnapshotIsFixedAtOpen) {
    auto table = Table(KeyModel::kDuplicate);
    Load(table, DuplicateRows(0));
    auto scan = Open(table, {0, 1});
    ASSERT_NE(scan, nullptr);
    Load(table, DuplicateRows(100));
    EXPECT_TRUE(SameRows(SortedRows(*scan), ExpectedDuplicateRows(1)));
}

TEST_F(ScanOperatorTest, PruningSkipsSegmentsWithoutChangingTheFilteredResult) {
    auto table = LoadedDuplicateTable();
    const std::string where = "k >= 150 AND k <= 160";
    auto filtered = [&](std::vector<ScanPredicate> prune, size_t* pruned) {
        auto scan = Open(table, {0, 1}, 2, std::move(prune));
        const ScanOperator* raw = scan.get();
        const ChunkSchema schema = scan->schema();
        FilterOperator filter(std::move(scan), Bind(where, schema), Ctx());
        Rows rows = SortedRows(filter);
        *pruned = raw->segments_pruned();
        return rows;
    };
    size_t pruned_without = 0;
    size_t pruned_with = 0;
    const Rows unpruned = filtered({}, &pruned_without);
    const Rows pruned = filtered({KBetween(150, 160)}, &pruned_with);
    EXPECT_EQ(pruned_without, 0u);
    EXPECT_EQ(pruned_with, 3u * kBuckets) << "only load 1's segments hold keys 150..160";
    EXPECT_EQ(unpruned.size(), 11u);
    EXPECT_EQ(pruned, unpruned);
}

TEST_F(ScanOperatorTest, PruningEverythingGivesNoRows) {
    auto scan = Open(LoadedDuplicateTable(), {0}, 1, {KBetween(1000, 2000)});
    ASSERT_NE(scan, nullptr);
    EXPECT_EQ(SortedRows(*scan), Rows{});
    EXPECT_EQ(scan->segments_pruned(), 4u * kBuckets);
}

TEST_F(ScanOperatorTest, AggregateTableMergesEqualKeysAcrossLoads) {
    auto table = Table(KeyModel::kAggregate);
    for (int64_t load = 1; load <= 3; ++load) {
        std::vector<ValueRow> rows;
        for (int64_t k = 0; k < 5; ++k) rows.push_back({Value::BigInt(k), Value::BigInt(load)});
        Load(table, rows);
    }
    auto scan = Open(table, {1, 0}, 2);
    ASSERT_NE(scan, nullptr);
    EXPECT_EQ(scan->num_splits(), static_cast<size_t>(kBuckets)) << "one split per tablet";
    EXPECT_EQ(SortedRows(*scan), (Rows{"(6, 0)", "(6, 1)", "(6, 2)", "(6, 3)", "(6, 4)"}));
}

TEST_F(ScanOperatorTest, AggregateTableScanOfTheKeysAloneGivesEachKeyOnce) {
    auto table = Table(KeyModel::kAggregate);
    for (int64_t load = 1; load <= 2; ++load) {
        Load(table,
             {{Value::BigInt(7), Value::BigInt(load)}, {Value::BigInt(8), Value::BigInt(1)}});
    }
    auto scan = Open(table, {0});
    ASSERT_NE(scan, nullptr);
    EXPECT_EQ(SortedRows(*scan), (Rows{"(7)", "(8)"}));
}

TEST_F(ScanOperatorTest, UniqueTableKeepsTheLatestLoadsValue) {
    auto table = Table(KeyModel::kUnique);
    Load(table,
         {{Value::BigInt(1), Value::String("old")}, {Value::BigInt(2), Value::String("two")}});
    Load(table, {{Value::BigInt(1), Value::String("new")}});
    auto scan = Open(table, {0, 1}, 2);
    ASSERT_NE(scan, nullptr);
    EXPECT_EQ(SortedRows(*scan), (Rows{"(1, new)", "(2, two)"}));
}

TEST_F(ScanOperatorTest, AggregateTablePrunesOnKeysBeforeMerging) {
    auto table = Table(KeyModel::kAggregate);
    for (int64_t load = 1; load <= 2; ++load) {
        Load(table,
             {{Value::BigInt(1), Value::BigInt(load)}, {Value::BigInt(50), Value::BigInt(10)}});
    }
    auto scan = Open(table, {0, 1}, 1, {KBetween(40, 60)});
    ASSERT_NE(scan, nullptr);
    const Rows rows = SortedRows(*scan);
    EXPECT_NE(std::find(rows.begin(), rows.end(), "(50, 20)"), rows.end());
    for (const std::string& r : rows) {
        EXPECT_TRUE(r == "(50, 20)" || r == "(1, 3)")
            << "a pruned key may only appear merged: " << r;
    }
}

// Partition choice: a DUPLICATE table RANGE-partitioned on k with formal partitions p1 [0, 100),
// p2 [100, 200) and a temporary partition tp [0, 200) holding other rows.
TEST_F(ScanOperatorTest, ReadsOnlyTheChosenPartitionsTemporaryOnesIncluded) {
    auto range = [](int64_t lower, int64_t upper) {
        return PartitionRange{PartitionKey({PartitionValue::Of(lower)}),
                              PartitionKey({PartitionValue::Of(upper)})};
    };
    auto partition = [&](int64_t id, std::string name, PartitionRange r) {
        PartitionInfo p;
        p.id = id;
        p.name = std::move(name);
        p.range = std::move(r);
        p.bucket_count = kBuckets;
        for (int64_t b = 0; b < kBuckets; ++b) p.tablet_ids.push_back(id * 10 + b);
        return p;
    };
    auto base = std::make_shared<TableInfo>(*Table(KeyModel::kDuplicate));
    base->partition_columns = {"k"};
    base->partitions = {partition(3, "p1", range(0, 100)), partition(5, "p2", range(100, 200))};
    base->temp_partitions = {partition(7, "tp", range(0, 200))};
    std::shared_ptr<const TableInfo> table = base;
    Load(table, DuplicateRows(0));    // p1
    Load(table, DuplicateRows(100));  // p2
    // Loads route over formal partitions; the same ids and tablets seen as formal put rows in tp.
    auto as_formal = std::make_shared<TableInfo>(*table);
    as_formal->partitions = table->temp_partitions;
    as_formal->temp_partitions.clear();
    Load(as_formal, {{Value::BigInt(7), Value::String("temp")}});

    auto read = [&](std::vector<const PartitionInfo*> partitions) {
        ScanSpec spec;
        spec.table = table;
        spec.partitions = std::move(partitions);
        spec.columns = {0, 1};
        auto scan = ScanOperator::Open(Services(), std::move(spec));
        EXPECT_TRUE(scan.ok()) << scan.status().ToString();
        return scan.ok() ? SortedRows(**scan) : Rows{};
    };
    EXPECT_EQ(read({}).size(), 200u) << "every formal partition, never the temporary one";
    const Rows p2 = read({&table->partitions[1]});
    ASSERT_EQ(p2.size(), 100u);
    EXPECT_EQ(p2.front(), "(100, NULL)");
    EXPECT_EQ(read({&table->temp_partitions[0]}), (Rows{"(7, temp)"}));
}

}  // namespace
}  // namespace tributary
