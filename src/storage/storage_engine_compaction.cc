// StorageEngine: compaction of tablets - one compaction (merge, write, durable swap), the
// background thread, stale rowsets and the counters. See compaction.h for the protocol.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>

#include "base/logging.h"
#include "storage/storage_engine.h"

namespace tributary {
namespace {

// Rows per RowsetWriter::Append, so that the writer can roll segments at its size threshold.
constexpr size_t kRowsPerAppend = 4096;
// The background thread compacts one tablet at most this many times per pass, so that one busy
// tablet does not starve the others.
constexpr int kMaxRoundsPerTablet = 4;

}  // namespace

StatusOr<bool> StorageEngine::CompactTablet(int64_t tablet_id) {
    if (!options_.compaction.key_merge_spec) return false;
    {
        std::lock_guard lock(compaction_mu_);
        if (!compacting_.insert(tablet_id).second) return false;
    }
    StatusOr<bool> result = CompactMarkedTablet(tablet_id);
    std::lock_guard lock(compaction_mu_);
    compacting_.erase(tablet_id);
    auto stats = compaction_stats_.find(tablet_id);
    if (stats != compaction_stats_.end()) stats->second.running = 0;
    return result;
}

// CompactTablet once the tablet is marked as being compacted by this thread.
StatusOr<bool> StorageEngine::CompactMarkedTablet(int64_t tablet_id) {
    StatusOr<KeyMergeSpec> spec = options_.compaction.key_merge_spec(tablet_id);
    if (!spec.ok()) {
        if (spec.status().IsNotFound()) return false;  // its table is gone
        RecordCompaction(tablet_id, spec.status(), CompactionStats{});
        return spec.status();
    }
    std::vector<RowsetPtr> live;
    {
        std::lock_guard lock(mu_);
        auto it = tablets_.find(tablet_id);
        if (dropped_.contains(tablet_id) || it == tablets_.end()) return false;
        live = it->second->LiveRowsets();
    }
    std::vector<RowsetMeta> metas;
    metas.reserve(live.size());
    for (const RowsetPtr& rowset : live) metas.push_back(rowset->meta());
    std::optional<RowsetRange> pick = PickRowsetsToCompact(metas, options_.compaction.policy);
    if (!pick.has_value()) return false;
    std::vector<RowsetPtr> inputs(live.begin() + static_cast<ptrdiff_t>(pick->first),
                                  live.begin() + static_cast<ptrdiff_t>(pick->last) + 1);
    {
        std::lock_guard lock(compaction_mu_);
        CompactionStats& stats = compaction_stats_[tablet_id];
        stats.tablet_id = tablet_id;
        stats.running = 1;
    }
    CompactionStats done;
    StatusOr<bool> swapped = MergeAndSwap(tablet_id, *spec, inputs, &done);
    if (!swapped.ok() || *swapped) RecordCompaction(tablet_id, swapped.status(), done);
    return swapped;
}

// Merges `inputs`, writes the output rowset and swaps it in. False when the tablet was
// dropped meanwhile (the output is discarded). `done` receives the counters of a success.
StatusOr<bool> StorageEngine::MergeAndSwap(int64_t tablet_id, const KeyMergeSpec& spec,
                                           const std::vector<RowsetPtr>& inputs,
                                           CompactionStats* done) {
    // PRIMARY KEY tablets: only the live rows are merged (every key once); rows deleted while
    // this merges are found by the swap.
    std::shared_ptr<PrimaryKeyTablet> primary;
    DeleteVectors deletes;
    if (spec.model == KeyModel::kPrimary) {
        primary = PrimaryTablet(tablet_id);
        deletes = primary->DeletesAt(std::numeric_limits<int64_t>::max());
    }
    ASSIGN_OR_RETURN(MergedRowsets merged, MergeRowsetInputs(inputs, spec, std::move(deletes)));
    ASSIGN_OR_RETURN(int64_t rowset_id, AllocateRowsetId());
    RowsetMeta meta;
    meta.rowset_id = rowset_id;
    meta.tablet_id = tablet_id;
    meta.partition_id = inputs.front()->meta().partition_id;
    meta.txn_id = 0;
    meta.create_time_ms = NowMs();
    RowsetWriter writer(data_dir_, std::move(meta), merged.rows.schema(), merged.num_key_columns,
                        options_.writer);
    const size_t num_rows = merged.has_rows ? merged.rows.num_rows() : 0;
    for (size_t offset = 0; offset < num_rows; offset += kRowsPerAppend) {
        Chunk slice(merged.rows.schema());
        slice.AppendRange(merged.rows, offset, std::min(kRowsPerAppend, num_rows - offset));
        RETURN_IF_ERROR(writer.Append(slice));
    }
    ASSIGN_OR_RETURN(PendingRowset output, writer.Finish());
    output.meta.start_version = inputs.front()->start_version();
    output.meta.end_version = inputs.back()->end_version();

    const CompactionOptions& options = options_.compaction;
    if (options.crash_at && options.crash_at("compaction:output_written")) {
        return Status::Aborted("compaction stopped after writing its output (test crash point)");
    }
    Chunk output_keys;
    if (primary != nullptr && merged.has_rows) {
        ChunkSchema key_schema;
        std::vector<ColumnPtr> key_columns;
        for (size_t c = 0; c < merged.num_key_columns; ++c) {
            key_schema.columns.push_back(merged.rows.schema().columns[c]);
            key_columns.push_back(merged.rows.column(c)->Clone());
        }
        output_keys = Chunk(std::move(key_schema), std::move(key_columns));
    }
    ASSIGN_OR_RETURN(bool swapped,
                     SwapCompactedRowsets(tablet_id, inputs, output, primary.get(), output_keys));
    if (!swapped) return false;

    done->input_rowsets = static_cast<int64_t>(inputs.size());
    done->input_rows = merged.input_rows;
    for (const RowsetPtr& input : inputs) done->input_bytes += input->meta().data_bytes;
    done->output_rows = output.meta.num_rows;
    done->output_bytes = output.meta.data_bytes;
    LOG_INFO("compacted tablet {}: {} rowsets [{}, {}] of {} rows into rowset {} of {} rows",
             tablet_id, inputs.size(), output.meta.start_version, output.meta.end_version,
             done->input_rows, output.meta.rowset_id, done->output_rows);
    return true;
}

// The durable swap: one synced write replaces the inputs' metas by the output's, then the
// tablet in memory follows. False, with the output discarded, when the tablet was dropped.
StatusOr<bool> StorageEngine::SwapCompactedRowsets(int64_t tablet_id,
                                                   const std::vector<RowsetPtr>& inputs,
                                                   const PendingRowset& output,
                                                   PrimaryKeyTablet* primary,
                                                   const Chunk& output_keys) {
    std::lock_guard swap_lock(swap_mu_);
    bool dropped = false;
    {
        std::lock_guard lock(mu_);
        dropped = dropped_.contains(tablet_id);
    }
    if (dropped) {
        Discard(output);
        return false;
    }
    MetaWriteBatch batch;
    for (const RowsetPtr& input : inputs) batch.Delete(RowsetMetaKey(input->meta()));
    batch.Put(RowsetMetaKey(output.meta), EncodeRowsetMeta(output.meta));
    const CompactionOptions& options = options_.compaction;
    std::vector<RowsetPtr> expired;  // destroyed after the locks are let go: may delete files
    auto swap = [&](MetaWriteBatch* batch, int64_t readable_from) -> Status {
        // On failure the output's files stay: whether a failed synced write is durable or not
        // is unknown, and deleting files a durable meta references would lose data. Open
        // removes them if no meta references them.
        RETURN_IF_ERROR(store_->Write(*batch));
        if (options.crash_at && options.crash_at("compaction:metas_swapped")) {
            return Status::Aborted("compaction stopped after its meta write (test crash point)");
        }
        RowsetPtr rowset = MakeRowset(output.meta);
        const int64_t now = NowMs();
        std::lock_guard lock(mu_);
        auto it = tablets_.find(tablet_id);
        // ForgetTablets, the only way a tablet leaves, waits for swap_mu_.
        Status replaced =
            it == tablets_.end()
                ? Status::NotFound(fmt::format("tablet {} is not in memory", tablet_id))
                : it->second->ReplaceRowsets(inputs, rowset,
                                             now + std::max<int64_t>(0, options.stale_retention_ms),
                                             readable_from);
        if (!replaced.ok()) {
            // Reads stay correct (the inputs hold the same rows); the next Open follows the
            // metas. Not expected to happen: only compaction removes live rowsets.
            LOG_ERROR("compaction of tablet {}: metas swapped but memory was not: {}", tablet_id,
                      replaced.ToString());
            return Status::Internal(
                fmt::format("compaction of tablet {}: {}", tablet_id, replaced.message()));
        }
        expired = it->second->TakeExpiredStale(now);
        return Status::OK();
    };
    if (primary != nullptr) {
        RETURN_IF_ERROR(primary->SwapCompacted(inputs, output, output_keys, &batch, swap));
    } else {
        RETURN_IF_ERROR(swap(&batch, 0));
    }
    ForgetDeleteVectors(tablet_id, expired);
    for (const RowsetPtr& stale : expired) stale->MarkObsolete();
    return true;
}

void StorageEngine::ForgetDeleteVectors(int64_t tablet_id, const std::vector<RowsetPtr>& gone) {
    if (gone.empty()) return;
    std::shared_ptr<PrimaryKeyTablet> primary = FindPrimaryTablet(tablet_id);
    if (primary == nullptr) return;
    std::vector<int64_t> ids;
    for (const RowsetPtr& rowset : gone) ids.push_back(rowset->rowset_id());
    primary->ForgetRowsets(ids);
}

void StorageEngine::RecordCompaction(int64_t tablet_id, const Status& status,
                                     const CompactionStats& done) {
    const int64_t now = NowMs();
    std::lock_guard lock(compaction_mu_);
    CompactionStats& stats = compaction_stats_[tablet_id];
    stats.tablet_id = tablet_id;
    for (CompactionStats* s : {&stats, &compaction_totals_}) {
        if (status.ok()) {
            ++s->compactions;
            s->input_rowsets += done.input_rowsets;
            s->input_rows += done.input_rows;
            s->output_rows += done.output_rows;
            s->input_bytes += done.input_bytes;
            s->output_bytes += done.output_bytes;
            s->last_success_ms = now;
            s->last_error.clear();
        } else {
            ++s->failures;
            s->last_failure_ms = now;
            s->last_error = fmt::format("tablet {}: {}", tablet_id, status.ToString());
        }
    }
    if (!status.ok()) LOG_WARN("compaction of tablet {} failed: {}", tablet_id, status.ToString());
}

std::vector<CompactionStats> StorageEngine::ListCompactionStats() const {
    std::vector<CompactionStats> all;
    {
        std::lock_guard lock(compaction_mu_);
        for (const auto& [id, stats] : compaction_stats_) all.push_back(stats);
    }
    std::sort(all.begin(), all.end(), [](const CompactionStats& a, const CompactionStats& b) {
        return a.tablet_id < b.tablet_id;
    });
    return all;
}

CompactionStats StorageEngine::GetCompactionTotals() const {
    std::lock_guard lock(compaction_mu_);
    CompactionStats totals = compaction_totals_;
    totals.tablet_id = 0;
    totals.running = 0;
    for (const auto& [id, stats] : compaction_stats_) totals.running += stats.running;
    return totals;
}

void StorageEngine::ReleaseExpiredStaleRowsets() {
    const int64_t now = NowMs();
    std::vector<RowsetPtr> expired;  // destroyed after the lock is let go: may delete files
    {
        std::lock_guard lock(mu_);
        for (auto& [id, tablet] : tablets_) {
            for (RowsetPtr& rowset : tablet->TakeExpiredStale(now)) {
                expired.push_back(std::move(rowset));
            }
        }
    }
    for (const RowsetPtr& rowset : expired) {
        ForgetDeleteVectors(rowset->meta().tablet_id, {rowset});
        rowset->MarkObsolete();
    }
}

void StorageEngine::DeleteLeftoverRowsetMetas(const std::vector<int64_t>& tablet_ids) {
    MetaWriteBatch batch;
    Status scanned = AddDropTabletRecords(tablet_ids, &batch);
    Status written = scanned.ok() && !batch.empty() ? store_->Write(batch) : scanned;
    if (!written.ok()) {
        LOG_WARN("storage engine: cannot delete leftover rowset metas of dropped tablets: {}",
                 written.ToString());
    } else if (!batch.empty()) {
        LOG_INFO("storage engine: deleted {} leftover rowset meta(s) of dropped tablets",
                 batch.size());
    }
}

void StorageEngine::StartCompactionThread() {
    if (!options_.compaction.background || !options_.compaction.key_merge_spec) return;
    compaction_thread_ = std::thread([this] { CompactionLoop(); });
}

void StorageEngine::StopCompactionThread() {
    {
        std::lock_guard lock(compaction_mu_);
        compaction_stop_ = true;
    }
    compaction_wake_.notify_all();
    if (compaction_thread_.joinable()) compaction_thread_.join();
}

void StorageEngine::WakeCompaction() {
    {
        std::lock_guard lock(compaction_mu_);
        compaction_wanted_ = true;
    }
    compaction_wake_.notify_all();
}

void StorageEngine::CompactionLoop() {
    const CompactionOptions& options = options_.compaction;
    const auto interval = std::chrono::milliseconds(std::max<int64_t>(1, options.interval_ms));
    std::unique_lock lock(compaction_mu_);
    while (true) {
        // A pass every interval, or at once when a publish pushed a tablet over the trigger.
        compaction_wake_.wait_for(lock, interval,
                                  [this] { return compaction_stop_ || compaction_wanted_; });
        if (compaction_stop_) break;
        compaction_wanted_ = false;
        lock.unlock();
        ReleaseExpiredStaleRowsets();
        // Tablets over the trigger, the most rowsets first.
        std::vector<std::pair<size_t, int64_t>> candidates;
        {
            std::lock_guard tablets_lock(mu_);
            for (const auto& [id, tablet] : tablets_) {
                size_t count = tablet->LiveRowsetCount();
                if (static_cast<int64_t>(count) > options.policy.trigger_rowsets) {
                    candidates.emplace_back(count, id);
                }
            }
        }
        std::sort(candidates.rbegin(), candidates.rend());
        for (const auto& [count, tablet_id] : candidates) {
            {
                std::lock_guard stats_lock(compaction_mu_);
                if (compaction_stop_) break;
                auto stats = compaction_stats_.find(tablet_id);
                if (stats != compaction_stats_.end() &&
                    stats->second.last_failure_ms > stats->second.last_success_ms &&
                    NowMs() < stats->second.last_failure_ms + options.failure_backoff_ms) {
                    continue;
                }
            }
            for (int round = 0; round < kMaxRoundsPerTablet; ++round) {
                StatusOr<bool> compacted = CompactTablet(tablet_id);
                if (!compacted.ok() || !*compacted) break;  // failures are logged and counted
            }
        }
        lock.lock();
    }
}

}  // namespace tributary
