// Compaction through the StorageEngine: results unchanged, durable swap, crash points, stale
// rowsets, background thread, stats.
#include "storage/compaction.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>
#include <tuple>

#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "storage/snapshot_reader.h"
#include "storage/storage_engine.h"
#include "storage/storage_layout.h"

namespace tributary {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kPartition = 7;
constexpr int64_t kDupTablet = 11;
constexpr int64_t kAggTablet = 12;
constexpr int64_t kUniqueTablet = 13;

using Row = std::tuple<int64_t, int64_t, std::string>;  // (k, s, r)

ChunkSchema Schema() {
    return ChunkSchema{{{"k", TypeDesc::Of(LogicalType::kBigInt), false},
                        {"s", TypeDesc::Of(LogicalType::kBigInt), false},
                        {"r", TypeDesc::Varchar(32), false}}};
}

Chunk MakeChunk(const std::vector<Row>& rows) {
    Chunk chunk(Schema());
    for (const auto& [k, s, r] : rows) {
        static_cast<FixedColumn<int64_t>*>(chunk.column(0))->Append(k);
        static_cast<FixedColumn<int64_t>*>(chunk.column(1))->Append(s);
        static_cast<BinaryColumn*>(chunk.column(2))->Append(r);
    }
    return chunk;
}

KeyMergeSpec Spec(KeyModel model) {
    KeyMergeSpec spec{model, 1, {}};
    if (model == KeyModel::kAggregate) {
        spec.value_functions = {AggregateFunction::kSum, AggregateFunction::kReplace};
    }
    return spec;
}

// Rows of load `n` (0-based): keys overlap with the loads before, so that AGGREGATE and
// UNIQUE have equal keys to merge across rowsets.
std::vector<Row> LoadRows(int64_t n) {
    std::vector<Row> rows;
    for (int64_t i = 0; i < 5; ++i) {
        int64_t k = (n * 3 + i * 7) % 23;
        rows.emplace_back(k, n * 100 + i, "load" + std::to_string(n) + "_" + std::to_string(i));
    }
    return rows;
}

class CompactionTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("compaction_test_" + std::to_string(::getpid()) + "_" + info->name());
        fs::remove_all(dir_);
        specs_[kDupTablet] = Spec(KeyModel::kDuplicate);
        specs_[kAggTablet] = Spec(KeyModel::kAggregate);
        specs_[kUniqueTablet] = Spec(KeyModel::kUnique);
        options_.publish_wait_ms = 50;
        options_.compaction.key_merge_spec = [this](int64_t tablet_id) -> StatusOr<KeyMergeSpec> {
            std::lock_guard lock(specs_mu_);
            auto it = specs_.find(tablet_id);
            if (it == specs_.end()) return Status::NotFound("no such table");
            return it->second;
        };
        options_.compaction.background = false;
        options_.compaction.stale_retention_ms = 0;
        options_.compaction.policy.trigger_rowsets = 1;  // CompactTablet merges every rowset
        options_.compaction.policy.min_inputs = 2;
        Reopen();
    }

    void TearDown() override {
        engine_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }

    // Destroys engine and store (as a crash would) and opens them again with options_.
    void Reopen() {
        engine_.reset();
        store_.reset();
        auto store = MetaStore::Open((dir_ / "meta").string());
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        auto engine = StorageEngine::Open(dir_.string(), store_.get(), options_);
        ASSERT_TRUE(engine.ok()) << engine.status().ToString();
        engine_ = std::move(engine).value();
    }

    // Writes, commits and publishes `rows` as the next version of `tablet` (each tablet is
    // its own partition here). Returns the version.
    int64_t Load(int64_t tablet, const std::vector<Row>& rows) {
        auto sorted = SortAndMerge(MakeChunk(rows), specs_.at(tablet));
        EXPECT_TRUE(sorted.ok()) << sorted.status().ToString();
        auto writer = engine_->NewRowsetWriter(tablet, kPartition, ++txn_id_, Schema(), 1);
        EXPECT_TRUE(writer.ok()) << writer.status().ToString();
        Status appended = (*writer)->Append(*sorted);
        EXPECT_TRUE(appended.ok()) << appended.ToString();
        auto pending = (*writer)->Finish();
        EXPECT_TRUE(pending.ok()) << pending.status().ToString();
        int64_t version = engine_->GetTabletStats(tablet).max_version + 1;
        MetaWriteBatch batch;
        EXPECT_TRUE(engine_->AddRowsetRecords(*pending, version, &batch).ok());
        Status written = store_->Write(batch);
        EXPECT_TRUE(written.ok()) << written.ToString();
        Status published = engine_->Publish(*pending, version);
        EXPECT_TRUE(published.ok()) << published.ToString();
        return version;
    }

    // Loads LoadRows(0 .. count - 1) into `tablet`; returns the last version.
    int64_t LoadMany(int64_t tablet, int64_t count) {
        int64_t version = 1;
        for (int64_t n = 0; n < count; ++n) version = Load(tablet, LoadRows(n));
        return version;
    }

    // What a reader sees in `snapshot`: its rows merged with the tablet's spec, as text.
    std::vector<std::string> RowsOf(const TabletSnapshot& snapshot) {
        const uint32_t columns[] = {0, 1, 2};
        auto rows = ReadSnapshotRows(snapshot, columns);
        EXPECT_TRUE(rows.ok()) << rows.status().ToString();
        std::vector<Chunk> oldest_first;
        if (rows.ok()) {
            for (RowsetRows& rowset : *rows) {
                for (Chunk& segment : rowset.segments) oldest_first.push_back(std::move(segment));
            }
        }
        std::vector<std::string> text;
        if (oldest_first.empty()) return text;
        auto merged = MergeInputs(std::move(oldest_first), specs_.at(snapshot.tablet_id));
        EXPECT_TRUE(merged.ok()) << merged.status().ToString();
        for (size_t row = 0; merged.ok() && row < merged->num_rows(); ++row) {
            text.push_back(merged->DebugRow(row));
        }
        return text;
    }

    std::vector<std::string> Read(int64_t tablet, int64_t version) {
        auto snapshot = engine_->Snapshot(tablet, version);
        EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
        return snapshot.ok() ? RowsOf(*snapshot) : std::vector<std::string>{};
    }

    // Compacts `tablet` once and expects it to merge something.
    void Compact(int64_t tablet) {
        auto compacted = engine_->CompactTablet(tablet);
        ASSERT_TRUE(compacted.ok()) << compacted.status().ToString();
        ASSERT_TRUE(*compacted);
    }

    std::vector<std::string> SegmentFiles(const TabletSnapshot& snapshot) {
        std::vector<std::string> files;
        for (const RowsetPtr& rowset : snapshot.rowsets) {
            files.insert(files.end(), rowset->segment_paths().begin(),
                         rowset->segment_paths().end());
        }
        return files;
    }

    // Rowset meta keys of `tablet` in the MetaStore.
    std::vector<std::string> MetaKeys(int64_t tablet) {
        std::vector<std::string> keys;
        Status scanned =
            store_->Scan(TabletRowsetPrefix(tablet), [&](std::string_view key, std::string_view) {
                keys.emplace_back(key);
                return true;
            });
        EXPECT_TRUE(scanned.ok()) << scanned.ToString();
        return keys;
    }

    static bool AllExist(const std::vector<std::string>& files) {
        return std::all_of(files.begin(), files.end(), [](const auto& f) { return fs::exists(f); });
    }
    static bool NoneExists(const std::vector<std::string>& files) {
        return std::none_of(files.begin(), files.end(),
                            [](const auto& f) { return fs::exists(f); });
    }

    fs::path dir_;
    StorageEngineOptions options_;
    std::mutex specs_mu_;
    std::map<int64_t, KeyMergeSpec> specs_;
    int64_t txn_id_ = 0;
    std::unique_ptr<MetaStore> store_;
    std::unique_ptr<StorageEngine> engine_;
};

TEST_F(CompactionTest, DuplicateTabletReadsTheSameAfterCompaction) {
    const int64_t version = LoadMany(kDupTablet, 12);
    const std::vector<std::string> before = Read(kDupTablet, version);
    ASSERT_EQ(before.size(), 60u);
    Compact(kDupTablet);
    EXPECT_EQ(engine_->GetTabletStats(kDupTablet).rowset_count, 1);
    EXPECT_EQ(Read(kDupTablet, version), before);
    Reopen();
    EXPECT_EQ(Read(kDupTablet, version), before);
}

TEST_F(CompactionTest, AggregateTabletIsPreAggregatedAndReadsTheSame) {
    const int64_t version = LoadMany(kAggTablet, 12);
    const std::vector<std::string> before = Read(kAggTablet, version);
    Compact(kAggTablet);
    TabletStats stats = engine_->GetTabletStats(kAggTablet);
    EXPECT_EQ(stats.rowset_count, 1);
    EXPECT_EQ(stats.num_rows, static_cast<int64_t>(before.size()));  // one row per key
    EXPECT_LT(stats.num_rows, 60);
    EXPECT_EQ(Read(kAggTablet, version), before);
    // Loads after the compaction still merge on top of the compacted rowset.
    const int64_t later = Load(kAggTablet, LoadRows(12));
    const std::vector<std::string> after_load = Read(kAggTablet, later);
    Compact(kAggTablet);
    EXPECT_EQ(Read(kAggTablet, later), after_load);
}

TEST_F(CompactionTest, UniqueTabletKeepsTheLatestRowAndReadsTheSame) {
    const int64_t version = LoadMany(kUniqueTablet, 12);
    const std::vector<std::string> before = Read(kUniqueTablet, version);
    Compact(kUniqueTablet);
    EXPECT_EQ(engine_->GetTabletStats(kUniqueTablet).num_rows, static_cast<int64_t>(before.size()));
    EXPECT_EQ(Read(kUniqueTablet, version), before);
    Reopen();
    EXPECT_EQ(Read(kUniqueTablet, version), before);
}

TEST_F(CompactionTest, TabletOfEmptyRowsetsCompactsIntoAnEmptyRowset) {
    for (int i = 0; i < 4; ++i) Load(kDupTablet, {});
    Compact(kDupTablet);
    TabletStats stats = engine_->GetTabletStats(kDupTablet);
    EXPECT_EQ(stats.rowset_count, 1);
    EXPECT_EQ(stats.segment_count, 0);
    EXPECT_TRUE(Read(kDupTablet, 5).empty());
    Reopen();
    EXPECT_TRUE(engine_->Snapshot(kDupTablet, 5).ok());
}

TEST_F(CompactionTest, SnapshotTakenBeforeCompactionReadsTheSameAndKeepsItsFiles) {
    const int64_t version = LoadMany(kUniqueTablet, 6);
    auto snapshot = engine_->Snapshot(kUniqueTablet, version);
    ASSERT_TRUE(snapshot.ok());
    const std::vector<std::string> before = RowsOf(*snapshot);
    const std::vector<std::string> old_files = SegmentFiles(*snapshot);
    ASSERT_EQ(old_files.size(), 6u);
    Compact(kUniqueTablet);
    EXPECT_TRUE(AllExist(old_files));
    EXPECT_EQ(RowsOf(*snapshot), before);
    snapshot = Status::NotFound("released");  // the last holder of the old rowsets lets go
    EXPECT_TRUE(NoneExists(old_files));
    EXPECT_EQ(Read(kUniqueTablet, version), before);
}

TEST_F(CompactionTest, OlderVersionsStayReadableDuringStaleRetention) {
    options_.compaction.stale_retention_ms = 3'600'000;
    Reopen();
    LoadMany(kAggTablet, 6);
    const std::vector<std::string> at_four = Read(kAggTablet, 4);
    Compact(kAggTablet);
    TabletStats stats = engine_->GetTabletStats(kAggTablet);
    EXPECT_EQ(stats.rowset_count, 1);
    EXPECT_EQ(stats.stale_rowset_count, 6);
    EXPECT_EQ(Read(kAggTablet, 4), at_four);
    // A new reader at the latest version gets the compacted rowset only.
    auto latest = engine_->Snapshot(kAggTablet, 7);
    ASSERT_TRUE(latest.ok());
    EXPECT_EQ(latest->rowsets.size(), 1u);
}

TEST_F(CompactionTest, OlderVersionsAreGoneOnceRetentionEnded) {
    LoadMany(kAggTablet, 6);
    Compact(kAggTablet);
    EXPECT_EQ(engine_->GetTabletStats(kAggTablet).stale_rowset_count, 0);
    EXPECT_TRUE(engine_->Snapshot(kAggTablet, 4).status().IsNotFound());
}

TEST_F(CompactionTest, CrashAfterWritingTheOutputLeavesTheOldRowsetsVisible) {
    const int64_t version = LoadMany(kDupTablet, 5);
    auto snapshot = engine_->Snapshot(kDupTablet, version);
    ASSERT_TRUE(snapshot.ok());
    const std::vector<std::string> before = RowsOf(*snapshot);
    const std::vector<std::string> old_files = SegmentFiles(*snapshot);
    snapshot = Status::NotFound("released");
    const std::vector<std::string> old_keys = MetaKeys(kDupTablet);

    options_.compaction.crash_at = [](std::string_view point) {
        return point == "compaction:output_written";
    };
    Reopen();
    auto compacted = engine_->CompactTablet(kDupTablet);
    EXPECT_EQ(compacted.status().code(), Status::Code::kAborted);
    const std::string tablet_dir = TabletDir(dir_.string(), kDupTablet);
    const size_t files_with_output =
        static_cast<size_t>(std::distance(fs::directory_iterator(tablet_dir), {}));
    EXPECT_GT(files_with_output, old_files.size());  // the output's segment is there

    options_.compaction.crash_at = nullptr;
    Reopen();
    EXPECT_EQ(MetaKeys(kDupTablet), old_keys);
    EXPECT_EQ(engine_->GetTabletStats(kDupTablet).rowset_count, 5);
    EXPECT_TRUE(AllExist(old_files));
    EXPECT_EQ(static_cast<size_t>(std::distance(fs::directory_iterator(tablet_dir), {})),
              old_files.size());
    EXPECT_EQ(Read(kDupTablet, version), before);
}

TEST_F(CompactionTest, CrashAfterTheMetaSwapLeavesTheOutputVisible) {
    const int64_t version = LoadMany(kAggTablet, 5);
    auto snapshot = engine_->Snapshot(kAggTablet, version);
    ASSERT_TRUE(snapshot.ok());
    const std::vector<std::string> before = RowsOf(*snapshot);
    const std::vector<std::string> old_files = SegmentFiles(*snapshot);
    snapshot = Status::NotFound("released");

    options_.compaction.crash_at = [](std::string_view point) {
        return point == "compaction:metas_swapped";
    };
    Reopen();
    auto compacted = engine_->CompactTablet(kAggTablet);
    EXPECT_EQ(compacted.status().code(), Status::Code::kAborted);
    EXPECT_EQ(MetaKeys(kAggTablet).size(), 1u);

    options_.compaction.crash_at = nullptr;
    Reopen();
    TabletStats stats = engine_->GetTabletStats(kAggTablet);
    EXPECT_EQ(stats.rowset_count, 1);
    EXPECT_TRUE(NoneExists(old_files));
    auto after = engine_->Snapshot(kAggTablet, version);
    ASSERT_TRUE(after.ok());
    ASSERT_EQ(after->rowsets.size(), 1u);
    EXPECT_EQ(after->rowsets[0]->start_version(), 2);
    EXPECT_EQ(after->rowsets[0]->end_version(), version);
    EXPECT_EQ(RowsOf(*after), before);
}

TEST_F(CompactionTest, RepeatedPublishOfAMergedRowsetChangesNothing) {
    auto writer = engine_->NewRowsetWriter(kDupTablet, kPartition, ++txn_id_, Schema(), 1);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Append(MakeChunk({{1, 1, "a"}})).ok());
    auto pending = (*writer)->Finish();
    ASSERT_TRUE(pending.ok());
    MetaWriteBatch batch;
    ASSERT_TRUE(engine_->AddRowsetRecords(*pending, 2, &batch).ok());
    ASSERT_TRUE(store_->Write(batch).ok());
    ASSERT_TRUE(engine_->Publish(*pending, 2).ok());
    const int64_t version = Load(kDupTablet, LoadRows(1));
    const std::vector<std::string> before = Read(kDupTablet, version);
    Compact(kDupTablet);
    EXPECT_TRUE(engine_->Publish(*pending, 2).ok());
    EXPECT_EQ(engine_->GetTabletStats(kDupTablet).rowset_count, 1);
    EXPECT_EQ(Read(kDupTablet, version), before);
}

TEST_F(CompactionTest, TabletWithoutASpecIsSkipped) {
    LoadMany(kDupTablet, 4);
    {
        std::lock_guard lock(specs_mu_);
        specs_.erase(kDupTablet);
    }
    auto compacted = engine_->CompactTablet(kDupTablet);
    ASSERT_TRUE(compacted.ok());
    EXPECT_FALSE(*compacted);
    EXPECT_EQ(engine_->GetTabletStats(kDupTablet).rowset_count, 4);
}

TEST_F(CompactionTest, NothingToDoAtOrBelowTheTrigger) {
    options_.compaction.policy.trigger_rowsets = 4;
    Reopen();
    LoadMany(kDupTablet, 4);
    auto compacted = engine_->CompactTablet(kDupTablet);
    ASSERT_TRUE(compacted.ok());
    EXPECT_FALSE(*compacted);
    EXPECT_FALSE(engine_->CompactTablet(999).value());  // unknown tablet
}

TEST_F(CompactionTest, FailedCompactionLeavesTheTabletAsItWasAndIsCounted) {
    const int64_t version = LoadMany(kDupTablet, 4);
    const std::vector<std::string> before = Read(kDupTablet, version);
    KeyMergeSpec good = specs_.at(kDupTablet);
    {
        std::lock_guard lock(specs_mu_);
        specs_[kDupTablet].num_key_columns = 2;  // disagrees with the segments
    }
    auto compacted = engine_->CompactTablet(kDupTablet);
    EXPECT_EQ(compacted.status().code(), Status::Code::kInvalidArgument);
    {
        std::lock_guard lock(specs_mu_);
        specs_[kDupTablet] = good;
    }
    EXPECT_EQ(engine_->GetTabletStats(kDupTablet).rowset_count, 4);
    EXPECT_EQ(Read(kDupTablet, version), before);
    std::vector<CompactionStats> stats = engine_->ListCompactionStats();
    ASSERT_EQ(stats.size(), 1u);
    EXPECT_EQ(stats[0].tablet_id, kDupTablet);
    EXPECT_EQ(stats[0].failures, 1);
    EXPECT_EQ(stats[0].compactions, 0);
    EXPECT_NE(stats[0].last_error.find("key columns"), std::string::npos);
    EXPECT_EQ(engine_->GetCompactionTotals().failures, 1);
}

TEST_F(CompactionTest, StatsCountRowsetsRowsAndBytes) {
    LoadMany(kAggTablet, 6);
    const int64_t input_bytes = engine_->GetTabletStats(kAggTablet).data_bytes;
    Compact(kAggTablet);
    LoadMany(kDupTablet, 3);
    Compact(kDupTablet);
    std::vector<CompactionStats> stats = engine_->ListCompactionStats();
    ASSERT_EQ(stats.size(), 2u);
    const CompactionStats& agg = stats[1];
    EXPECT_EQ(agg.tablet_id, kAggTablet);
    EXPECT_EQ(agg.compactions, 1);
    EXPECT_EQ(agg.running, 0);
    EXPECT_EQ(agg.input_rowsets, 6);
    EXPECT_EQ(agg.input_rows, 30);
    EXPECT_EQ(agg.output_rows, engine_->GetTabletStats(kAggTablet).num_rows);
    EXPECT_EQ(agg.input_bytes, input_bytes);
    EXPECT_EQ(agg.output_bytes, engine_->GetTabletStats(kAggTablet).data_bytes);
    EXPECT_GT(agg.last_success_ms, 0);
    EXPECT_TRUE(agg.last_error.empty());
    CompactionStats totals = engine_->GetCompactionTotals();
    EXPECT_EQ(totals.tablet_id, 0);
    EXPECT_EQ(totals.compactions, 2);
    EXPECT_EQ(totals.input_rowsets, 9);
    EXPECT_EQ(totals.running, 0);
}

TEST_F(CompactionTest, TabletDroppedDuringTheMergeGetsNoOutput) {
    LoadMany(kDupTablet, 4);
    options_.compaction.crash_at = [this](std::string_view point) {
        if (point == "compaction:output_written") {
            Status dropped = engine_->DropTablets({kDupTablet});
            EXPECT_TRUE(dropped.ok()) << dropped.ToString();
        }
        return false;
    };
    Reopen();
    auto compacted = engine_->CompactTablet(kDupTablet);
    ASSERT_TRUE(compacted.ok()) << compacted.status().ToString();
    EXPECT_FALSE(*compacted);
    EXPECT_TRUE(MetaKeys(kDupTablet).empty());
    const std::string tablet_dir = TabletDir(dir_.string(), kDupTablet);
    EXPECT_TRUE(!fs::exists(tablet_dir) || fs::is_empty(tablet_dir));
}

TEST_F(CompactionTest, ForgetTabletsDeletesAnOutputMetaWrittenAfterTheDropBatch) {
    LoadMany(kDupTablet, 4);
    MetaWriteBatch drop;
    ASSERT_TRUE(engine_->AddDropTabletRecords({kDupTablet}, &drop).ok());
    Compact(kDupTablet);  // slips in between the drop's scan and its write
    ASSERT_TRUE(store_->Write(drop).ok());
    EXPECT_EQ(MetaKeys(kDupTablet).size(), 1u);  // the output's meta survived the batch
    engine_->ForgetTablets({kDupTablet});
    EXPECT_TRUE(MetaKeys(kDupTablet).empty());
    Reopen();
    EXPECT_EQ(engine_->GetTabletStats(kDupTablet).rowset_count, 0);
}

TEST_F(CompactionTest, BackgroundThreadKeepsVersionsBoundedUnderManyLoads) {
    options_.compaction.background = true;
    options_.compaction.interval_ms = 2;
    options_.compaction.policy.trigger_rowsets = 10;
    options_.compaction.policy.min_inputs = 5;
    Reopen();
    constexpr int64_t kLoads = 300;
    constexpr int64_t kBound = 50;
    int64_t most = 0;
    int64_t version = 1;
    for (int64_t n = 0; n < kLoads; ++n) {
        version = Load(kUniqueTablet, LoadRows(n));
        most = std::max(most, engine_->GetTabletStats(kUniqueTablet).rowset_count);
    }
    EXPECT_LE(most, kBound);
    // Wait, generously, for the thread to bring the tablet back under its trigger.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (engine_->GetTabletStats(kUniqueTablet).rowset_count > 10 &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_LE(engine_->GetTabletStats(kUniqueTablet).rowset_count, 10);
    EXPECT_GT(engine_->GetCompactionTotals().compactions, 0);

    // Same rows as merging every load at once.
    std::vector<Chunk> loads;
    for (int64_t n = 0; n < kLoads; ++n) loads.push_back(MakeChunk(LoadRows(n)));
    auto expected = MergeInputs(std::move(loads), specs_.at(kUniqueTablet));
    ASSERT_TRUE(expected.ok());
    std::vector<std::string> expected_rows;
    for (size_t row = 0; row < expected->num_rows(); ++row) {
        expected_rows.push_back(expected->DebugRow(row));
    }
    EXPECT_EQ(Read(kUniqueTablet, version), expected_rows);
}

}  // namespace
}  // namespace tributary
