// StorageEngine: writing, publishing, snapshots, drops and stats. Opening and startup cleanup
// are in storage_engine_open.cc.
#include "storage/storage_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "base/logging.h"
#include "storage/segment/segment_reader.h"
#include "storage/storage_layout.h"

namespace tributary {

StorageEngine::StorageEngine(std::string data_dir, MetaStore* store, StorageEngineOptions options)
    : data_dir_(std::move(data_dir)), store_(store), options_(std::move(options)) {}

StorageEngine::~StorageEngine() { StopCompactionThread(); }

int64_t StorageEngine::NowMs() const {
    if (options_.clock_ms) return options_.clock_ms();
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

RowsetPtr StorageEngine::MakeRowset(RowsetMeta meta) const {
    std::vector<std::string> paths;
    for (size_t i = 0; i < meta.num_segments(); ++i) {
        paths.push_back(SegmentPath(data_dir_, meta.tablet_id, meta.rowset_id, i));
    }
    return std::make_shared<const Rowset>(std::move(meta), std::move(paths));
}

StatusOr<int64_t> StorageEngine::AllocateRowsetId() {
    std::lock_guard lock(id_mu_);
    if (next_rowset_id_ == reserved_until_) {
        // Persist the end of a new block before handing out any id of it, so that ids used
        // before a crash are never handed out again.
        const int64_t until = next_rowset_id_ + options_.rowset_id_block;
        MetaWriteBatch batch;
        batch.Put(std::string(kNextRowsetIdKey), std::to_string(until));
        RETURN_IF_ERROR(store_->Write(batch));
        reserved_until_ = until;
    }
    return next_rowset_id_++;
}

StatusOr<std::unique_ptr<RowsetWriter>> StorageEngine::NewRowsetWriter(int64_t tablet_id,
                                                                       int64_t partition_id,
                                                                       int64_t txn_id,
                                                                       ChunkSchema schema,
                                                                       size_t num_key_columns) {
    if (tablet_id <= 0) return Status::InvalidArgument(fmt::format("bad tablet id {}", tablet_id));
    if (num_key_columns == 0 || num_key_columns > schema.size()) {
        return Status::InvalidArgument(
            fmt::format("tablet {}: {} key columns for a schema of {} columns", tablet_id,
                        num_key_columns, schema.size()));
    }
    {
        std::lock_guard lock(mu_);
        if (dropped_.contains(tablet_id)) {
            return Status::NotFound(fmt::format("tablet {} was dropped", tablet_id));
        }
    }
    ASSIGN_OR_RETURN(int64_t rowset_id, AllocateRowsetId());
    RowsetMeta meta;
    meta.rowset_id = rowset_id;
    meta.tablet_id = tablet_id;
    meta.partition_id = partition_id;
    meta.txn_id = txn_id;
    meta.create_time_ms = NowMs();
    return std::make_unique<RowsetWriter>(data_dir_, std::move(meta), std::move(schema),
                                          num_key_columns, options_.writer);
}

std::shared_ptr<PrimaryKeyTablet> StorageEngine::PrimaryTablet(int64_t tablet_id) const {
    std::lock_guard lock(primary_mu_);
    std::shared_ptr<PrimaryKeyTablet>& tablet = primary_[tablet_id];
    if (tablet == nullptr) {
        tablet = std::make_shared<PrimaryKeyTablet>(tablet_id, [this] { return NowMs(); });
    }
    return tablet;
}

std::shared_ptr<PrimaryKeyTablet> StorageEngine::FindPrimaryTablet(int64_t tablet_id) const {
    std::lock_guard lock(primary_mu_);
    auto it = primary_.find(tablet_id);
    return it == primary_.end() ? nullptr : it->second;
}

Status StorageEngine::PreparePrimaryIndex(int64_t tablet_id, const ChunkSchema& key_schema,
                                          size_t new_keys) {
    {
        std::lock_guard lock(mu_);
        if (dropped_.contains(tablet_id)) {
            return Status::NotFound(fmt::format("tablet {} was dropped", tablet_id));
        }
    }
    auto live_rowsets = [this, tablet_id] {
        std::lock_guard lock(mu_);
        auto it = tablets_.find(tablet_id);
        return it != tablets_.end() ? it->second->LiveRowsets() : std::vector<RowsetPtr>{};
    };
    return PrimaryTablet(tablet_id)->EnsureIndex(live_rowsets, key_schema, new_keys);
}

Status StorageEngine::AddRowsetRecords(const PendingRowset& pending, int64_t version,
                                       MetaWriteBatch* batch) const {
    RowsetMeta meta = pending.meta;
    meta.start_version = version;
    meta.end_version = version;
    batch->Put(RowsetMetaKey(meta), EncodeRowsetMeta(meta));
    if (pending.primary == nullptr) return Status::OK();
    return PrimaryTablet(meta.tablet_id)->Apply(pending, version, batch);
}

void StorageEngine::UndoRowsetRecords(const PendingRowset& pending) const {
    if (pending.primary == nullptr) return;
    if (auto tablet = FindPrimaryTablet(pending.meta.tablet_id)) tablet->Undo();
}

Status StorageEngine::Publish(const PendingRowset& pending, int64_t version) {
    bool over_trigger = false;  // wake the compactor at once instead of at its next tick
    if (version < 2) {
        return Status::InvalidArgument(
            fmt::format("rowset {} of tablet {}: cannot publish at version {}; loads start at 2",
                        pending.meta.rowset_id, pending.meta.tablet_id, version));
    }
    RowsetMeta meta = pending.meta;
    meta.start_version = version;
    meta.end_version = version;
    RowsetPtr rowset = MakeRowset(std::move(meta));
    {
        std::lock_guard lock(mu_);
        if (dropped_.contains(rowset->meta().tablet_id)) {
            rowset->MarkObsolete();
            return Status::NotFound(fmt::format("tablet {} was dropped; rowset {} is discarded",
                                                rowset->meta().tablet_id, rowset->rowset_id()));
        }
        auto& tablet = tablets_[rowset->meta().tablet_id];
        if (tablet == nullptr) tablet = std::make_unique<Tablet>(rowset->meta().tablet_id);
        // A repeated publish of a rowset that compaction has merged already: nothing to do.
        // (Compaction merges published versions only, so a first publish never lands here.)
        if (RowsetPtr merged = tablet->CompactedRowsetCovering(version); merged != nullptr) {
            return Status::OK();
        }
        RETURN_IF_ERROR(tablet->Add(rowset));
        over_trigger = static_cast<int64_t>(tablet->LiveRowsetCount()) >
                       options_.compaction.policy.trigger_rowsets;
    }
    published_.notify_all();
    if (over_trigger) WakeCompaction();
    return Status::OK();
}

void StorageEngine::Discard(const PendingRowset& pending) {
    size_t removed = RemoveFiles(pending.segment_paths);
    LOG_INFO("discarded rowset {} of tablet {} (txn {}): removed {} file(s)",
             pending.meta.rowset_id, pending.meta.tablet_id, pending.meta.txn_id, removed);
}

StatusOr<TabletSnapshot> StorageEngine::Snapshot(int64_t tablet_id, int64_t version) const {
    if (version < 1) {
        return Status::InvalidArgument(
            fmt::format("tablet {}: cannot read at version {}", tablet_id, version));
    }
    TabletSnapshot snapshot{tablet_id, version, {}, {}};
    if (version == 1) return snapshot;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.publish_wait_ms);
    std::unique_lock lock(mu_);
    while (true) {
        if (dropped_.contains(tablet_id)) {
            return Status::NotFound(fmt::format("tablet {} was dropped", tablet_id));
        }
        auto it = tablets_.find(tablet_id);
        StatusOr<std::vector<RowsetPtr>> rowsets =
            it != tablets_.end() ? it->second->Capture(version)
                                 : StatusOr<std::vector<RowsetPtr>>(Status::NotFound(fmt::format(
                                       "tablet {} cannot be read at version {}: it has no rowset",
                                       tablet_id, version)));
        if (rowsets.ok()) {
            snapshot.rowsets = std::move(rowsets).value();
            lock.unlock();
            // Delete vectors of a version are in memory before the version is visible (they
            // are applied inside its commit), so these match the rowsets.
            if (auto primary = FindPrimaryTablet(tablet_id)) {
                snapshot.deletes = primary->DeletesAt(version);
            }
            return snapshot;
        }
        if (published_.wait_until(lock, deadline) == std::cv_status::timeout) {
            // One last look: a publish may have landed right at the deadline.
            auto again = tablets_.find(tablet_id);
            if (again != tablets_.end() && again->second->Capture(version).ok()) continue;
            return rowsets.status();
        }
    }
}

Status StorageEngine::AddDropTabletRecords(const std::vector<int64_t>& tablet_ids,
                                           MetaWriteBatch* batch) const {
    for (int64_t tablet_id : tablet_ids) {
        for (const std::string& prefix :
             {TabletRowsetPrefix(tablet_id), TabletDeleteVectorPrefix(tablet_id)}) {
            RETURN_IF_ERROR(store_->Scan(prefix, [&](std::string_view key, std::string_view) {
                batch->Delete(std::string(key));
                return true;
            }));
        }
    }
    return Status::OK();
}

void StorageEngine::ForgetTablets(const std::vector<int64_t>& tablet_ids) {
    // Holding swap_mu_: a compaction swap either wrote its output's meta before (deleted by
    // DeleteLeftoverRowsetMetas below) or will see the tablets dropped and write nothing.
    std::lock_guard swap_lock(swap_mu_);
    std::vector<RowsetPtr> released;  // destroyed after the lock is let go: may delete files
    {
        std::lock_guard lock(mu_);
        for (int64_t tablet_id : tablet_ids) {
            dropped_.insert(tablet_id);
            auto it = tablets_.find(tablet_id);
            if (it == tablets_.end()) continue;
            for (RowsetPtr& rowset : it->second->TakeAll()) {
                rowset->MarkObsolete();
                released.push_back(std::move(rowset));
            }
            tablets_.erase(it);
        }
    }
    published_.notify_all();  // waiting snapshots of these tablets fail now
    {
        std::lock_guard lock(primary_mu_);
        for (int64_t tablet_id : tablet_ids) primary_.erase(tablet_id);
    }
    DeleteLeftoverRowsetMetas(tablet_ids);
    {
        std::lock_guard lock(compaction_mu_);
        for (int64_t tablet_id : tablet_ids) compaction_stats_.erase(tablet_id);
    }
    LOG_INFO("storage engine: forgot {} tablet(s) with {} rowset(s)", tablet_ids.size(),
             released.size());
}

Status StorageEngine::DropTablets(const std::vector<int64_t>& tablet_ids) {
    MetaWriteBatch batch;
    RETURN_IF_ERROR(AddDropTabletRecords(tablet_ids, &batch));
    if (!batch.empty()) RETURN_IF_ERROR(store_->Write(batch));
    ForgetTablets(tablet_ids);
    return Status::OK();
}

TabletStats StorageEngine::GetTabletStats(int64_t tablet_id) const {
    std::lock_guard lock(mu_);
    auto it = tablets_.find(tablet_id);
    if (it == tablets_.end()) return TabletStats{.tablet_id = tablet_id};
    return it->second->Stats();
}

std::vector<TabletStats> StorageEngine::ListTabletStats() const {
    std::vector<TabletStats> all;
    {
        std::lock_guard lock(mu_);
        for (const auto& [id, tablet] : tablets_) all.push_back(tablet->Stats());
    }
    std::sort(all.begin(), all.end(),
              [](const TabletStats& a, const TabletStats& b) { return a.tablet_id < b.tablet_id; });
    return all;
}

std::shared_ptr<std::shared_mutex> StorageEngine::PrimaryUpdateLock(int64_t tablet_id) const {
    std::lock_guard lock(primary_mu_);
    std::shared_ptr<std::shared_mutex>& mutex = update_locks_[tablet_id];
    if (mutex == nullptr) mutex = std::make_shared<std::shared_mutex>();
    return mutex;
}

StatusOr<StorageEngine::StoredRows> StorageEngine::ReadStoredRows(
    int64_t tablet_id, const Chunk& keys, std::span<const uint32_t> column_ids) const {
    // The rowsets (held, so their files stay) and then the locations: a compaction swap in
    // between moves the index to a rowset not taken yet; that is retried.
    std::map<int64_t, RowsetPtr> rowsets;
    std::vector<std::optional<std::pair<SegmentId, uint32_t>>> located;
    for (int attempt = 0;; ++attempt) {
        rowsets.clear();
        {
            std::lock_guard lock(mu_);
            auto it = tablets_.find(tablet_id);
            if (it != tablets_.end()) {
                for (const RowsetPtr& rowset : it->second->Rowsets()) {
                    rowsets[rowset->rowset_id()] = rowset;
                }
            }
        }
        ASSIGN_OR_RETURN(located, PrimaryTablet(tablet_id)->Lookup(keys));
        const bool complete = std::all_of(located.begin(), located.end(), [&](const auto& at) {
            return !at.has_value() || rowsets.contains(at->first.rowset_id);
        });
        if (complete || attempt == 3) break;
    }
    // The wanted rows of each segment, read as one range per segment.
    std::map<SegmentId, std::vector<uint32_t>> wanted;
    for (const auto& at : located) {
        if (at.has_value()) wanted[at->first].push_back(at->second);
    }
    std::map<SegmentId, std::pair<Chunk, uint32_t>> read;  // segment -> rows [first, ...]
    for (auto& [segment, rows] : wanted) {
        auto rowset = rowsets.find(segment.rowset_id);
        if (rowset == rowsets.end() || segment.segment >= rowset->second->segment_paths().size()) {
            return Status::Internal(
                fmt::format("tablet {}: the primary index points at rowset {} "
                            "which is not live",
                            tablet_id, segment.rowset_id));
        }
        const auto [low, high] = std::minmax_element(rows.begin(), rows.end());
        ASSIGN_OR_RETURN(std::unique_ptr<SegmentReader> reader,
                         SegmentReader::Open(rowset->second->segment_paths()[segment.segment]));
        ASSIGN_OR_RETURN(Chunk chunk, reader->ReadColumns(column_ids, RowRange{*low, *high + 1u}));
        read.emplace(segment, std::make_pair(std::move(chunk), *low));
    }
    StoredRows out;
    out.found.resize(located.size(), 0);
    bool first = true;
    for (size_t i = 0; i < located.size(); ++i) {
        if (!located[i].has_value()) continue;
        const auto& [chunk, base] = read.at(located[i]->first);
        if (first) {
            out.rows = Chunk(chunk.schema());
            first = false;
        }
        out.rows.AppendRange(chunk, located[i]->second - base, 1);
        out.found[i] = 1;
    }
    return out;
}

PrimaryIndexStats StorageEngine::GetPrimaryIndexStats() const {
    std::vector<std::shared_ptr<PrimaryKeyTablet>> tablets;
    {
        std::lock_guard lock(primary_mu_);
        for (const auto& [id, tablet] : primary_) tablets.push_back(tablet);
    }
    PrimaryIndexStats stats;
    for (const auto& tablet : tablets) {
        const size_t bytes = tablet->index_memory_bytes();
        if (bytes == 0) continue;
        ++stats.tablets;
        stats.keys += static_cast<int64_t>(tablet->index_keys());
        stats.memory_bytes += static_cast<int64_t>(bytes);
    }
    return stats;
}

PartitionCommit PartitionCommitFor(const StorageEngine& engine, int64_t partition_id,
                                   std::vector<PendingRowset> rowsets) {
    PartitionCommit commit;
    commit.partition_id = partition_id;
    auto shared = std::make_shared<const std::vector<PendingRowset>>(std::move(rowsets));
    auto applied = std::make_shared<size_t>(0);  // rowsets whose records were added
    commit.add_rowsets = [&engine, shared, applied](int64_t version, MetaWriteBatch* batch) {
        *applied = 0;
        for (const PendingRowset& rowset : *shared) {
            Status st = engine.AddRowsetRecords(rowset, version, batch);
            if (!st.ok()) {
                // This rowset's own apply failed before changing anything.
                return st.Prefixed(fmt::format("tablet {}", rowset.meta.tablet_id));
            }
            ++*applied;
        }
        return Status::OK();
    };
    commit.undo_rowsets = [&engine, shared, applied] {
        for (size_t i = *applied; i-- > 0;) engine.UndoRowsetRecords((*shared)[i]);
    };
    return commit;
}

}  // namespace tributary
