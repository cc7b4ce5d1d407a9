// Specification of merge-on-write PRIMARY KEY tablets in the StorageEngine: each load's
// UPSERTs and DELETEs leave one live row per key (older rows in delete vectors), readers at an
// older version still see that version, a commit that fails is undone, the delete vectors
// survive a restart (the index is rebuilt from them), and compaction drops replaced and deleted
// rows - also when a load commits while it merges.
#include "storage/primary_key_tablet.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "storage/merge/key_merge.h"
#include "storage/snapshot_reader.h"
#include "storage/storage_engine.h"

namespace tributary {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kTablet = 21;
constexpr int64_t kPartition = 3;

// key -> value; std::nullopt marks a DELETE.
using Ops = std::vector<std::pair<int64_t, std::optional<std::string>>>;
using Rows = std::map<int64_t, std::string>;

ChunkSchema Schema() {
    return ChunkSchema{
        {{"k", TypeDesc::Of(LogicalType::kBigInt), false}, {"v", TypeDesc::Varchar(32), false}}};
}

class PrimaryKeyTabletTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("pk_tablet_test_" + std::to_string(::getpid()) + "_" + info->name());
        fs::remove_all(dir_);
        options_.publish_wait_ms = 50;
        options_.compaction.key_merge_spec = [](int64_t) -> StatusOr<KeyMergeSpec> {
            return KeyMergeSpec{KeyModel::kPrimary, 1, {}};
        };
        options_.compaction.background = false;
        options_.compaction.stale_retention_ms = 0;
        options_.compaction.policy.trigger_rowsets = 1;
        options_.compaction.policy.min_inputs = 2;
        Reopen();
    }
    void TearDown() override {
        engine_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }

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

    // Writes `ops` as one load, the way TableSink does, and applies it at the next version.
    // With `commit` false the apply is undone instead (a commit that failed). Returns the
    // version.
    int64_t Load(const Ops& ops, bool commit = true) {
        Chunk rows(Schema());
        std::vector<uint8_t> kinds;
        for (const auto& [k, v] : ops) {
            static_cast<FixedColumn<int64_t>*>(rows.column(0))->Append(k);
            static_cast<BinaryColumn*>(rows.column(1))->Append(v.value_or(""));
            kinds.push_back(v.has_value() ? kOpUpsert : kOpDelete);
        }
        auto resolved = ResolvePrimaryKeyOperations(rows, kinds, 1);
        EXPECT_TRUE(resolved.ok()) << resolved.status().ToString();
        auto writer = engine_->NewRowsetWriter(kTablet, kPartition, 1, Schema(), 1);
        EXPECT_TRUE(writer.ok());
        if (resolved->upserts.num_rows() > 0) {
            EXPECT_TRUE((*writer)->Append(resolved->upserts).ok());
        }
        auto pending = (*writer)->Finish();
        EXPECT_TRUE(pending.ok());
        auto delta = std::make_shared<PrimaryKeyDelta>();
        delta->num_key_columns = 1;
        ChunkSchema key_schema{{Schema().columns[0]}};
        std::vector<ColumnPtr> keys;
        keys.push_back(resolved->upserts.column(0)->Clone());
        delta->upserted_keys = Chunk(key_schema, std::move(keys));
        delta->deleted_keys = std::move(resolved->deletes);
        pending->primary = delta;
        EXPECT_TRUE(engine_->PreparePrimaryIndex(kTablet, key_schema).ok());
        const int64_t version = engine_->GetTabletStats(kTablet).max_version + 1;
        MetaWriteBatch batch;
        EXPECT_TRUE(engine_->AddRowsetRecords(*pending, version, &batch).ok());
        if (!commit) {
            engine_->UndoRowsetRecords(*pending);
            engine_->Discard(*pending);
            return version - 1;
        }
        EXPECT_TRUE(store_->Write(batch).ok());
        EXPECT_TRUE(engine_->Publish(*pending, version).ok());
        return version;
    }

    Rows Read(int64_t version = -1) {
        if (version < 0) version = engine_->GetTabletStats(kTablet).max_version;
        auto snapshot = engine_->Snapshot(kTablet, version);
        EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
        const uint32_t columns[] = {0, 1};
        auto read = ReadSnapshotRows(*snapshot, columns);
        EXPECT_TRUE(read.ok()) << read.status().ToString();
        Rows rows;
        for (const RowsetRows& rowset : *read) {
            for (const Chunk& chunk : rowset.segments) {
                for (size_t r = 0; r < chunk.num_rows(); ++r) {
                    int64_t k =
                        static_cast<const FixedColumn<int64_t>*>(chunk.column(0))->data()[r];
                    std::string v(static_cast<const BinaryColumn*>(chunk.column(1))->value(r));
                    EXPECT_TRUE(rows.emplace(k, v).second) << "key " << k << " read twice";
                }
            }
        }
        return rows;
    }

    fs::path dir_;
    StorageEngineOptions options_;
    std::unique_ptr<MetaStore> store_;
    std::unique_ptr<StorageEngine> engine_;
};

TEST_F(PrimaryKeyTabletTest, EachKeyKeepsItsLatestRowAndOlderVersionsStayReadable) {
    const int64_t v2 = Load({{1, "a"}, {2, "b"}, {3, "c"}});
    const int64_t v3 = Load({{2, "b2"}, {3, std::nullopt}, {4, "d"}, {4, std::nullopt}, {5, "e"}});
    EXPECT_EQ(Read(v3), (Rows{{1, "a"}, {2, "b2"}, {5, "e"}}));
    EXPECT_EQ(Read(v2), (Rows{{1, "a"}, {2, "b"}, {3, "c"}}));
    // Deleting a key that is not there changes nothing.
    Load({{9, std::nullopt}});
    EXPECT_EQ(Read(), (Rows{{1, "a"}, {2, "b2"}, {5, "e"}}));
    EXPECT_EQ(engine_->GetPrimaryIndexStats().keys, 3);
}

TEST_F(PrimaryKeyTabletTest, ACommitThatFailedIsUndone) {
    Load({{1, "a"}, {2, "b"}});
    Load({{1, "lost"}, {2, std::nullopt}, {3, "lost"}}, /*commit=*/false);
    EXPECT_EQ(Read(), (Rows{{1, "a"}, {2, "b"}}));
    Load({{2, "b2"}});  // the index still points at the committed rows
    EXPECT_EQ(Read(), (Rows{{1, "a"}, {2, "b2"}}));
}

TEST_F(PrimaryKeyTabletTest, DeleteVectorsSurviveARestartAndTheIndexIsRebuilt) {
    Load({{1, "a"}, {2, "b"}, {3, "c"}});
    Load({{1, "a2"}, {2, std::nullopt}});
    Reopen();  // as after kill -9: only what is durable
    EXPECT_EQ(Read(), (Rows{{1, "a2"}, {3, "c"}}));
    EXPECT_EQ(engine_->GetPrimaryIndexStats().keys, 0);  // built on first need
    Load({{1, "a3"}, {3, std::nullopt}, {2, "b3"}});
    EXPECT_EQ(Read(), (Rows{{1, "a3"}, {2, "b3"}}));
    EXPECT_EQ(engine_->GetPrimaryIndexStats().keys, 2);
}

TEST_F(PrimaryKeyTabletTest, CompactionDropsReplacedAndDeletedRows) {
    for (int i = 0; i < 6; ++i) Load({{i % 3, "v" + std::to_string(i)}, {10 + i, "x"}});
    Load({{10, std::nullopt}, {11, std::nullopt}});
    const Rows before = Read();
    auto compacted = engine_->CompactTablet(kTablet);
    ASSERT_TRUE(compacted.ok()) << compacted.status().ToString();
    ASSERT_TRUE(*compacted);
    EXPECT_EQ(Read(), before);
    TabletStats stats = engine_->GetTabletStats(kTablet);
    EXPECT_EQ(stats.rowset_count, 1);
    EXPECT_EQ(stats.num_rows, static_cast<int64_t>(before.size()));  // 7 live of 14 loaded
    // The index follows the rows into the output.
    Load({{0, "after"}, {12, std::nullopt}});
    Rows want = before;
    want[0] = "after";
    want.erase(12);
    EXPECT_EQ(Read(), want);
    Reopen();
    EXPECT_EQ(Read(), want);
}

TEST_F(PrimaryKeyTabletTest, ALoadCommittedWhileCompactionMergesIsNotLost) {
    for (int i = 0; i < 4; ++i) Load({{i, "v" + std::to_string(i)}});
    bool loaded = false;
    options_.compaction.crash_at = [&](std::string_view point) {
        if (point == "compaction:output_written" && !loaded) {
            loaded = true;
            Load({{1, "new"}, {2, std::nullopt}});  // replaces rows the output holds
        }
        return false;
    };
    Reopen();
    auto compacted = engine_->CompactTablet(kTablet);
    ASSERT_TRUE(compacted.ok()) << compacted.status().ToString();
    EXPECT_TRUE(loaded);
    const Rows want{{0, "v0"}, {1, "new"}, {3, "v3"}};
    EXPECT_EQ(Read(), want);
    Load({{3, "v3b"}});
    EXPECT_EQ(Read(), (Rows{{0, "v0"}, {1, "new"}, {3, "v3b"}}));
    Reopen();
    EXPECT_EQ(Read(), (Rows{{0, "v0"}, {1, "new"}, {3, "v3b"}}));
}

}  // namespace
}  // namespace tributary
