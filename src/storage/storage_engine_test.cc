#include "storage/storage_engine.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "storage/snapshot_reader.h"
#include "storage/storage_layout.h"

namespace tributary {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kDb = 100;
constexpr int64_t kTable = 101;
constexpr int64_t kPartition = 102;
constexpr int64_t kTablet = 103;
constexpr int64_t kOtherTablet = 104;

ChunkSchema Schema() {
    return ChunkSchema{
        {{"k", TypeDesc::Of(LogicalType::kBigInt), false}, {"v", TypeDesc::Varchar(64), false}}};
}

// Rows (k, "v<k>") for k in [first, first + count).
Chunk Rows(int64_t first, int64_t count) {
    Chunk chunk(Schema());
    for (int64_t k = first; k < first + count; ++k) {
        static_cast<FixedColumn<int64_t>*>(chunk.column(0))->Append(k);
        static_cast<BinaryColumn*>(chunk.column(1))->Append("v" + std::to_string(k));
    }
    return chunk;
}

// One chunk of Rows(first, count) per element.
using KeyRanges = std::vector<std::pair<int64_t, int64_t>>;

class StorageEngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("storage_engine_test_" + std::to_string(::getpid()) + "_" + info->name());
        fs::remove_all(dir_);
        Reopen();
    }

    void TearDown() override {
        engine_.reset();
        txns_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }

    StorageEngineOptions Options() {
        StorageEngineOptions options;
        options.publish_wait_ms = 50;
        options.rowset_id_block = 3;
        return options;
    }

    // Destroys engine, transaction manager and store (as a crash would) and opens them again.
    void Reopen() {
        engine_.reset();
        txns_.reset();
        store_.reset();
        auto store = MetaStore::Open((dir_ / "meta").string());
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        TransactionManagerOptions txn_options;
        txn_options.maintenance_interval_ms = 0;
        auto txns = TransactionManager::Open(store_.get(), txn_options);
        ASSERT_TRUE(txns.ok()) << txns.status().ToString();
        txns_ = std::move(txns).value();
        auto engine = StorageEngine::Open(dir_.string(), store_.get(), Options());
        ASSERT_TRUE(engine.ok()) << engine.status().ToString();
        engine_ = std::move(engine).value();
    }

    int64_t Begin(const std::string& label) {
        BeginRequest request;
        request.db_id = kDb;
        request.table_id = kTable;
        request.label = label;
        request.timeout_seconds = 60;
        auto begun = txns_->Begin(request);
        EXPECT_TRUE(begun.ok()) << begun.status().ToString();
        return begun.ok() ? begun->txn_id : -1;
    }

    // Writes `chunks` (each sorted) to `tablet` as one pending rowset of `txn_id`.
    PendingRowset Write(int64_t tablet, int64_t txn_id, const KeyRanges& chunks) {
        auto writer = engine_->NewRowsetWriter(tablet, kPartition, txn_id, Schema(), 1);
        EXPECT_TRUE(writer.ok()) << writer.status().ToString();
        for (const auto& [first, count] : chunks) {
            Status st = (*writer)->Append(Rows(first, count));
            EXPECT_TRUE(st.ok()) << st.ToString();
        }
        auto pending = (*writer)->Finish();
        EXPECT_TRUE(pending.ok()) << pending.status().ToString();
        return std::move(pending).value();
    }

    // Commits `rowsets` of kPartition through the transaction manager; returns the version.
    int64_t Commit(int64_t txn_id, const std::vector<PendingRowset>& rowsets) {
        CommitRequest request;
        request.partitions.push_back(PartitionCommitFor(*engine_, kPartition, rowsets));
        auto versions = txns_->Commit(txn_id, request);
        EXPECT_TRUE(versions.ok()) << versions.status().ToString();
        return versions.ok() ? versions->at(0).version : -1;
    }

    // A whole load: begin, write one rowset per tablet, commit, publish. Returns the version.
    int64_t Load(const std::string& label, const KeyRanges& chunks, int64_t tablet = kTablet) {
        int64_t txn_id = Begin(label);
        PendingRowset pending = Write(tablet, txn_id, chunks);
        int64_t version = Commit(txn_id, {pending});
        Status st = engine_->Publish(pending, version);
        EXPECT_TRUE(st.ok()) << st.ToString();
        return version;
    }

    // The keys of every row of `tablet` at `version`, rowset by rowset, segment by segment.
    std::vector<int64_t> Keys(int64_t tablet, int64_t version) {
        auto snapshot = engine_->Snapshot(tablet, version);
        EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
        if (!snapshot.ok()) return {};
        return KeysOf(*snapshot);
    }

    static std::vector<int64_t> KeysOf(const TabletSnapshot& snapshot) {
        const uint32_t columns[] = {0};
        auto rows = ReadSnapshotRows(snapshot, columns);
        EXPECT_TRUE(rows.ok()) << rows.status().ToString();
        std::vector<int64_t> keys;
        if (!rows.ok()) return keys;
        for (const RowsetRows& rowset : *rows) {
            for (const Chunk& segment : rowset.segments) {
                const auto& data =
                    static_cast<const FixedColumn<int64_t>*>(segment.column(0))->data();
                keys.insert(keys.end(), data.begin(), data.end());
            }
        }
        return keys;
    }

    // Every regular file under the storage data root.
    std::vector<std::string> DataFiles() {
        std::vector<std::string> files;
        for (const auto& entry : fs::recursive_directory_iterator(StorageDataRoot(dir_.string()))) {
            if (entry.is_regular_file()) files.push_back(entry.path().string());
        }
        std::sort(files.begin(), files.end());
        return files;
    }

    fs::path dir_;
    std::unique_ptr<MetaStore> store_;
    std::unique_ptr<TransactionManager> txns_;
    std::unique_ptr<StorageEngine> engine_;
};

std::vector<int64_t> Range(int64_t first, int64_t count) {
    std::vector<int64_t> keys;
    for (int64_t k = first; k < first + count; ++k) keys.push_back(k);
    return keys;
}

TEST_F(StorageEngineTest, CommittedAndPublishedRowsetIsReadBack) {
    int64_t version = Load("l1", {{0, 10}, {10, 5}});
    EXPECT_EQ(version, 2);
    EXPECT_EQ(Keys(kTablet, 2), Range(0, 15));

    auto snapshot = engine_->Snapshot(kTablet, 2);
    ASSERT_TRUE(snapshot.ok());
    const uint32_t columns[] = {1, 0};
    auto rows = ReadSnapshotRows(*snapshot, columns);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].start_version, 2);
    EXPECT_EQ((*rows)[0].segments[0].DebugRow(3), "(v3, 3)");
}

TEST_F(StorageEngineTest, ZoneMapPruningSkipsSegmentsThatCannotMatch) {
    Load("l1", {{0, 100}});
    int64_t version = Load("l2", {{1000, 100}});
    auto snapshot = engine_->Snapshot(kTablet, version);
    ASSERT_TRUE(snapshot.ok());
    const uint32_t columns[] = {0};
    auto keys_for = [&](std::optional<int64_t> lo, std::optional<int64_t> hi) {
        std::optional<std::string> lower, upper;
        if (lo) lower = EncodeZoneValue(*lo);
        if (hi) upper = EncodeZoneValue(*hi);
        const ColumnPredicate prune[] = {{0, ZonePredicate::Between(lower, upper)}};
        auto rows = ReadSnapshotRows(*snapshot, columns, prune);
        EXPECT_TRUE(rows.ok()) << rows.status().ToString();
        size_t segments = 0, count = 0;
        for (const RowsetRows& rowset : *rows) {
            segments += rowset.segments.size();
            for (const Chunk& c : rowset.segments) count += c.num_rows();
        }
        return std::make_pair(segments, count);
    };
    // k >= 1000 rules out the first load's segment; the result is a superset of the matches.
    EXPECT_EQ(keys_for(1000, std::nullopt), std::make_pair(size_t{1}, size_t{100}));
    EXPECT_EQ(keys_for(std::nullopt, 50), std::make_pair(size_t{1}, size_t{100}));
    EXPECT_EQ(keys_for(500, 600), std::make_pair(size_t{0}, size_t{0}));
    EXPECT_EQ(keys_for(std::nullopt, std::nullopt), std::make_pair(size_t{2}, size_t{200}));
    const ColumnPredicate bad[] = {{7, ZonePredicate::Between(std::nullopt, std::nullopt)}};
    EXPECT_FALSE(ReadSnapshotRows(*snapshot, columns, bad).ok());
}

TEST_F(StorageEngineTest, VersionOneIsTheEmptyTablet) {
    auto snapshot = engine_->Snapshot(kTablet, 1);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    EXPECT_TRUE(snapshot->rowsets.empty());
}

TEST_F(StorageEngineTest, UncommittedRowsetIsInvisibleAndRemovedAtNextOpen) {
    Load("l1", {{0, 3}});
    const std::vector<std::string> committed_files = DataFiles();
    int64_t txn_id = Begin("crashes");
    PendingRowset pending = Write(kTablet, txn_id, {{100, 3}});
    PendingRowset other = Write(kOtherTablet, txn_id, {{200, 3}});
    ASSERT_TRUE(fs::exists(pending.segment_paths.at(0)));
    std::ofstream(TabletDir(dir_.string(), kTablet) + "/999_0.dat.tmp") << "half";
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 2);

    Reopen();  // the crash: the transaction never committed

    EXPECT_FALSE(fs::exists(pending.segment_paths.at(0)));
    EXPECT_FALSE(fs::exists(other.segment_paths.at(0)));
    EXPECT_FALSE(fs::exists(TabletDir(dir_.string(), kOtherTablet)));
    EXPECT_EQ(DataFiles(), committed_files);
    EXPECT_EQ(Keys(kTablet, 2), Range(0, 3));
}

TEST_F(StorageEngineTest, ReopenRestoresCommittedRowsets) {
    Load("l1", {{0, 4}});
    Load("l2", {{4, 4}});
    Reopen();
    EXPECT_EQ(Keys(kTablet, 3), Range(0, 8));
    TabletStats stats = engine_->GetTabletStats(kTablet);
    EXPECT_EQ(stats.rowset_count, 2);
    EXPECT_EQ(stats.num_rows, 8);
    EXPECT_EQ(stats.max_version, 3);
    EXPECT_GT(stats.data_bytes, 0);
}

TEST_F(StorageEngineTest, CommitWithoutPublishIsRestoredByReopen) {
    int64_t txn_id = Begin("l1");
    PendingRowset pending = Write(kTablet, txn_id, {{0, 5}});
    EXPECT_EQ(Commit(txn_id, {pending}), 2);
    Reopen();  // crashed between Commit and Publish
    EXPECT_EQ(Keys(kTablet, 2), Range(0, 5));
}

TEST_F(StorageEngineTest, OlderVersionsSeeOlderData) {
    Load("l1", {{0, 2}});
    Load("l2", {{2, 2}});
    Load("l3", {{4, 2}});
    EXPECT_EQ(Keys(kTablet, 2), Range(0, 2));
    EXPECT_EQ(Keys(kTablet, 3), Range(0, 4));
    EXPECT_EQ(Keys(kTablet, 4), Range(0, 6));
}

TEST_F(StorageEngineTest, EmptyRowsetFillsTheVersionOfAnUntouchedTablet) {
    int64_t txn_id = Begin("l1");
    PendingRowset touched = Write(kTablet, txn_id, {{0, 2}});
    PendingRowset untouched = Write(kOtherTablet, txn_id, {});
    EXPECT_TRUE(untouched.segment_paths.empty());
    int64_t version = Commit(txn_id, {touched, untouched});
    ASSERT_TRUE(engine_->Publish(touched, version).ok());
    ASSERT_TRUE(engine_->Publish(untouched, version).ok());
    EXPECT_EQ(Keys(kOtherTablet, version), std::vector<int64_t>{});
}

TEST_F(StorageEngineTest, SnapshotWaitsForAPublishThatFollowsTheCommit) {
    int64_t txn_id = Begin("l1");
    PendingRowset pending = Write(kTablet, txn_id, {{0, 3}});
    int64_t version = Commit(txn_id, {pending});
    // A reader saw `version` in the transaction manager before the writer published.
    std::thread publisher([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ASSERT_TRUE(engine_->Publish(pending, version).ok());
    });
    auto snapshot = engine_->Snapshot(kTablet, version);
    publisher.join();
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    EXPECT_EQ(KeysOf(*snapshot), Range(0, 3));
}

TEST_F(StorageEngineTest, SnapshotWaitsForAnEarlierVersionPublishedLate) {
    int64_t first_txn = Begin("l1");
    PendingRowset first = Write(kTablet, first_txn, {{0, 2}});
    int64_t first_version = Commit(first_txn, {first});
    Load("l2", {{2, 2}});  // committed and published before l1 is published
    std::thread publisher([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ASSERT_TRUE(engine_->Publish(first, first_version).ok());
    });
    auto snapshot = engine_->Snapshot(kTablet, 3);
    publisher.join();
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    EXPECT_EQ(KeysOf(*snapshot), Range(0, 4));
}

TEST_F(StorageEngineTest, SnapshotNamesTabletAndMissingVersionWhenAHoleStays) {
    Load("l1", {{0, 1}});
    int64_t txn_id = Begin("l2");
    PendingRowset never_published = Write(kTablet, txn_id, {{1, 1}});
    Commit(txn_id, {never_published});
    Load("l3", {{2, 1}});
    auto snapshot = engine_->Snapshot(kTablet, 4);
    ASSERT_FALSE(snapshot.ok());
    EXPECT_TRUE(snapshot.status().IsNotFound());
    EXPECT_EQ(snapshot.status().message(),
              "tablet 103 cannot be read at version 4: no rowset covers version 3");
    EXPECT_EQ(Keys(kTablet, 2), Range(0, 1));  // older versions are still whole
}

TEST_F(StorageEngineTest, SnapshotKeepsFilesAliveAcrossDropTablets) {
    Load("l1", {{0, 3}});
    auto snapshot = engine_->Snapshot(kTablet, 2);
    ASSERT_TRUE(snapshot.ok());
    const std::string file = snapshot->rowsets.at(0)->segment_paths().at(0);

    ASSERT_TRUE(engine_->DropTablets({kTablet}).ok());
    EXPECT_TRUE(fs::exists(file));
    EXPECT_EQ(KeysOf(*snapshot), Range(0, 3));
    EXPECT_TRUE(engine_->Snapshot(kTablet, 2).status().IsNotFound());

    snapshot = Status::NotFound("released");  // the last reference goes
    EXPECT_FALSE(fs::exists(file));
}

TEST_F(StorageEngineTest, DroppedTabletStaysGoneAfterReopen) {
    Load("l1", {{0, 3}});
    ASSERT_TRUE(engine_->DropTablets({kTablet}).ok());
    Reopen();
    EXPECT_EQ(engine_->GetTabletStats(kTablet).rowset_count, 0);
    EXPECT_TRUE(DataFiles().empty());
}

TEST_F(StorageEngineTest, DropRecordsInTheCallersBatchIncludeUnpublishedRowsets) {
    Load("l1", {{0, 1}});
    int64_t txn_id = Begin("l2");
    PendingRowset unpublished = Write(kTablet, txn_id, {{1, 1}});
    Commit(txn_id, {unpublished});
    MetaWriteBatch batch;
    ASSERT_TRUE(engine_->AddDropTabletRecords({kTablet}, &batch).ok());
    EXPECT_EQ(batch.size(), 2u);
    ASSERT_TRUE(store_->Write(batch).ok());
    engine_->ForgetTablets({kTablet});
    Reopen();
    EXPECT_TRUE(DataFiles().empty());
    EXPECT_EQ(engine_->GetTabletStats(kTablet).rowset_count, 0);
}

TEST_F(StorageEngineTest, PublishToADroppedTabletIsRefusedAndDeletesFiles) {
    PendingRowset pending = Write(kTablet, 7, {{0, 1}});
    engine_->ForgetTablets({kTablet});
    EXPECT_TRUE(engine_->Publish(pending, 2).IsNotFound());
    EXPECT_FALSE(fs::exists(pending.segment_paths.at(0)));
}

TEST_F(StorageEngineTest, DiscardDeletesThePendingFiles) {
    PendingRowset pending = Write(kTablet, 7, {{0, 1}});
    engine_->Discard(pending);
    EXPECT_FALSE(fs::exists(pending.segment_paths.at(0)));
}

TEST_F(StorageEngineTest, WriterDestroyedBeforeFinishRemovesItsFiles) {
    engine_.reset();
    StorageEngineOptions options = Options();
    options.writer.segment_size_bytes = 1;  // the first segment is complete after one chunk
    auto engine = StorageEngine::Open(dir_.string(), store_.get(), options);
    ASSERT_TRUE(engine.ok());
    engine_ = std::move(engine).value();
    {
        auto writer = engine_->NewRowsetWriter(kTablet, kPartition, 1, Schema(), 1);
        ASSERT_TRUE(writer.ok());
        ASSERT_TRUE((*writer)->Append(Rows(0, 2)).ok());
        ASSERT_TRUE((*writer)->Append(Rows(0, 2)).ok());  // rolls: segment 0 is finished
        EXPECT_FALSE(DataFiles().empty());
    }
    EXPECT_TRUE(DataFiles().empty());
}

TEST_F(StorageEngineTest, RowsetIdsAreNeverReusedAfterReopen) {
    std::set<int64_t> seen;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 4; ++i) {  // more than one block of 3 per round
            auto writer = engine_->NewRowsetWriter(kTablet, kPartition, 1, Schema(), 1);
            ASSERT_TRUE(writer.ok());
            auto pending = (*writer)->Finish();
            ASSERT_TRUE(pending.ok());
            EXPECT_TRUE(seen.insert(pending->meta.rowset_id).second) << pending->meta.rowset_id;
        }
        Reopen();
    }
}

TEST_F(StorageEngineTest, WriterRollsToANewSegmentPastTheSizeThreshold) {
    engine_.reset();
    StorageEngineOptions options = Options();
    options.writer.segment_size_bytes = 1;
    auto engine = StorageEngine::Open(dir_.string(), store_.get(), options);
    ASSERT_TRUE(engine.ok());
    engine_ = std::move(engine).value();
    // Each segment is sorted on its own; the second starts below the first's end.
    PendingRowset pending;
    int64_t txn_id = Begin("l1");
    pending = Write(kTablet, txn_id, {{10, 3}, {0, 3}});
    EXPECT_EQ(pending.meta.segment_rows, (std::vector<int64_t>{3, 3}));
    int64_t version = Commit(txn_id, {pending});
    ASSERT_TRUE(engine_->Publish(pending, version).ok());
    std::vector<int64_t> expected = Range(10, 3);
    for (int64_t k : Range(0, 3)) expected.push_back(k);
    EXPECT_EQ(Keys(kTablet, version), expected);
}

TEST_F(StorageEngineTest, UnsortedChunkIsRefused) {
    auto writer = engine_->NewRowsetWriter(kTablet, kPartition, 1, Schema(), 1);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Append(Rows(5, 2)).ok());
    Status st = (*writer)->Append(Rows(0, 2));
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument) << st.ToString();
}

TEST_F(StorageEngineTest, CorruptRowsetMetaIsReportedWithItsKey) {
    Load("l1", {{0, 1}});
    const std::string key = RowsetMetaKey(kTablet, 2, 1);
    MetaWriteBatch batch;
    batch.Put(key, "{not json");
    ASSERT_TRUE(store_->Write(batch).ok());
    engine_.reset();
    auto engine = StorageEngine::Open(dir_.string(), store_.get(), Options());
    ASSERT_FALSE(engine.ok());
    EXPECT_EQ(engine.status().code(), Status::Code::kCorruption);
    EXPECT_NE(engine.status().message().find(key), std::string_view::npos)
        << engine.status().ToString();
}

TEST_F(StorageEngineTest, StatsListEveryPublishedTablet) {
    Load("l1", {{0, 2}}, kTablet);
    Load("l2", {{0, 3}}, kOtherTablet);
    std::vector<TabletStats> stats = engine_->ListTabletStats();
    ASSERT_EQ(stats.size(), 2u);
    EXPECT_EQ(stats[0].tablet_id, kTablet);
    EXPECT_EQ(stats[0].num_rows, 2);
    EXPECT_EQ(stats[1].tablet_id, kOtherTablet);
    EXPECT_EQ(stats[1].num_rows, 3);
    EXPECT_EQ(stats[1].max_version, 3);
}

}  // namespace
}  // namespace tributary
