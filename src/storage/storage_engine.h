// StorageEngine: the tablets and rowsets of this backend - what loads write into and what
// queries read from.
//
// Files and keys: segment files live under <data_dir>/storage/data (storage_layout.h); one
// RowsetMeta per committed rowset lives in the MetaStore (rowset_meta.h); the rowset id counter
// lives under "storage/next_rowset_id".
//
// Write path (one load, one transaction):
//   1. NewRowsetWriter(tablet, ...) per tablet of every partition the load touches - including
//      tablets that get no row: every tablet of a partition needs a rowset for every version
//      of the partition, so a reader can tell "nothing was loaded here" from "a rowset is
//      missing". A writer finished without rows makes no file and costs one meta key.
//   2. Append sorted chunks, Finish() -> PendingRowset: files durable, nothing visible.
//   3. TransactionManager::Commit with, per partition, a callback that calls AddRowsetRecords
//      for each of the partition's PendingRowsets (PartitionCommitFor builds it). The rowset
//      metas become durable in the same synced write that makes the transaction VISIBLE.
//   4. Publish(pending, version) for each, with the versions Commit returned; or, when the
//      commit failed or the load gave up, Discard(pending).
//
// Between 3 and 4 a reader may already see the partition's new version in the transaction
// manager while the engine does not have the rowset yet. Chosen resolution: Snapshot(tablet,
// V) waits (up to options.publish_wait_ms) until the tablet's published rowsets tile [2, V];
// every Publish wakes the waiters. Publish follows Commit on the committing thread without any
// I/O, so the wait is microseconds in practice; a tablet that stays incomplete (a writer that
// never published, a missing rowset) yields NotFound naming the tablet, the version and the
// missing version, never wrong rows. Commit + crash before Publish loses nothing: Open loads
// every committed rowset meta from the MetaStore.
//
// Recovery: Open loads every RowsetMeta (Corruption naming the key if one cannot be decoded),
// then deletes, logging each, every file under the data root that no committed rowset
// references: "*.tmp" files and segments of loads that crashed or were abandoned before their
// commit. Only Open does this, so files of loads in flight are never touched.
//
// Rowset ids are unique forever: the next id is persisted, reserved in blocks of
// options.rowset_id_block (one synced write per block, not per rowset), and Open starts after
// both the persisted counter and the largest loaded id.
//
// Dropping tablets (DROP TABLE / PARTITION): AddDropTabletRecords adds the deletes of every
// rowset meta of the tablets to the caller's batch (the catalog's own drop write, ideally);
// after that write succeeded, ForgetTablets removes them from memory, and their files are
// deleted once no snapshot holds them. DropTablets does both with its own write. A crash before
// the files went leaves unreferenced files that the next Open deletes.
//
// PRIMARY KEY tablets (merge-on-write, primary_key_tablet.h): a rowset with a primary-key delta
// is applied in its commit - the primary index moves each key to its new row and the replaced
// rows join their segments' delete vectors, durable in the commit's write. Snapshots carry the
// delete vectors of their version; Open loads them; the index is rebuilt on first need.
//
// Compaction (compaction.h, storage_engine_compaction.cc): CompactTablet merges consecutive
// live rowsets of a tablet into one and swaps them with one synced meta write. A background
// thread, started by Open when options.compaction has a key_merge_spec and stopped by the
// destructor, compacts every tablet with more than policy.trigger_rowsets live rowsets and
// drops stale rowsets whose retention ended. A merge holds no engine lock; the swap holds
// swap_mu_ across its meta write (excluding ForgetTablets, so a dropped tablet never gets a
// compaction output meta back) and mu_ only for the in-memory swap. One compaction per tablet
// at a time.
//
// Thread safety: all methods may be called concurrently. AddRowsetRecords takes no lock and may
// run inside TransactionManager's commit callbacks. Snapshot may block up to publish_wait_ms;
// nothing else waits for another thread, though NewRowsetWriter may do one synced MetaStore
// write. Ownership: the MetaStore is not owned and must outlive the engine; snapshots and
// writers may outlive the engine (they hold only shared rowsets and paths).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "meta/meta_store.h"
#include "storage/compaction.h"
#include "storage/primary_key_tablet.h"
#include "storage/rowset.h"
#include "storage/rowset_writer.h"
#include "storage/tablet.h"
#include "txn/transaction_manager.h"

namespace tributary {

inline constexpr std::string_view kNextRowsetIdKey = "storage/next_rowset_id";

struct StorageEngineOptions {
    RowsetWriterOptions writer;
    // How long Snapshot waits for a committed version to be published.
    int64_t publish_wait_ms = 10'000;
    // Rowset ids reserved per synced counter write.
    int64_t rowset_id_block = 1000;
    // Milliseconds since the Unix epoch for RowsetMeta::create_time_ms; empty: system clock.
    std::function<int64_t()> clock_ms;
    CompactionOptions compaction;
};

// The rowsets a reader at `version` uses for one tablet, in version order. Holding it keeps
// their files on disk.
struct TabletSnapshot {
    int64_t tablet_id = 0;
    int64_t version = 1;
    std::vector<RowsetPtr> rowsets;
    // PRIMARY KEY tablets: the deleted rows of each segment at `version` (readers skip them).
    DeleteVectors deletes;
};

// The primary indexes in memory, summed over tablets.
struct PrimaryIndexStats {
    int64_t tablets = 0;  // PRIMARY KEY tablets whose index is built
    int64_t keys = 0;
    int64_t memory_bytes = 0;
};

class StorageEngine {
public:
    // Opens the engine on `data_dir` (created if absent): loads the rowset metas and removes
    // unreferenced files (see the header comment). Corruption names the key of a bad meta.
    static StatusOr<std::unique_ptr<StorageEngine>> Open(std::string data_dir, MetaStore* store,
                                                         StorageEngineOptions options = {});
    ~StorageEngine();
    StorageEngine(const StorageEngine&) = delete;
    StorageEngine& operator=(const StorageEngine&) = delete;

    const std::string& data_dir() const { return data_dir_; }

    // --- Write side ----------------------------------------------------------------------
    // A writer of a new rowset of `tablet_id` with a fresh rowset id. NotFound when the tablet
    // was dropped; IOError when the id counter cannot be persisted.
    StatusOr<std::unique_ptr<RowsetWriter>> NewRowsetWriter(int64_t tablet_id, int64_t partition_id,
                                                            int64_t txn_id, ChunkSchema schema,
                                                            size_t num_key_columns);

    // PRIMARY KEY tablets: builds the tablet's primary index if it is not in memory (after a
    // restart), outside any commit. `key_schema`: the table's key columns. Loads call it for
    // each tablet they write before committing, so the apply in the commit finds it.
    // `new_keys`: how many keys the load may add (room is made for them).
    Status PreparePrimaryIndex(int64_t tablet_id, const ChunkSchema& key_schema,
                               size_t new_keys = 0);

    // Adds the rowset meta of `pending` at [version, version] to `batch`. With a primary-key
    // delta (pending.primary) it also applies it (primary_key_tablet.h): the index changes in
    // memory and the changed delete vectors join the batch; UndoRowsetRecords reverts that if
    // the commit does not happen. Runs inside TransactionManager's commit callback.
    Status AddRowsetRecords(const PendingRowset& pending, int64_t version,
                            MetaWriteBatch* batch) const;
    void UndoRowsetRecords(const PendingRowset& pending) const;

    // PRIMARY KEY loads that read stored rows (partial_update, merge_condition) hold the
    // tablet's update lock exclusively from the read through their commit; every other PRIMARY
    // KEY load holds it shared across its commit. So no commit lands between such a read and
    // the commit that relies on it. Take several in tablet id order.
    std::shared_ptr<std::shared_mutex> PrimaryUpdateLock(int64_t tablet_id) const;

    // The stored (live) rows of the keys `keys` of a PRIMARY KEY tablet: `found[i]` tells
    // whether key i has one; `rows` holds the columns `column_ids` of the found ones, in key
    // order. REQUIRES: PreparePrimaryIndex was called.
    struct StoredRows {
        std::vector<uint8_t> found;
        Chunk rows;
    };
    StatusOr<StoredRows> ReadStoredRows(int64_t tablet_id, const Chunk& keys,
                                        std::span<const uint32_t> column_ids) const;

    // Makes a committed rowset visible to Snapshot. REQUIRES: its records were committed with
    // the same `version`. Idempotent. NotFound when the tablet was dropped meanwhile (the
    // files are deleted); AlreadyExists when another rowset holds that version.
    Status Publish(const PendingRowset& pending, int64_t version);

    // Deletes the files of a rowset that will never be committed.
    void Discard(const PendingRowset& pending);

    // --- Read side -----------------------------------------------------------------------
    // The rowsets of `tablet_id` tiling [2, version], waiting for publishes as described
    // above. NotFound naming the tablet and version when the tablet was dropped or a version
    // stays uncovered; InvalidArgument for version < 1.
    StatusOr<TabletSnapshot> Snapshot(int64_t tablet_id, int64_t version) const;

    // --- Dropping ------------------------------------------------------------------------
    // Adds deletes of every committed rowset meta of `tablet_ids` to `batch` (read from the
    // MetaStore, so rowsets committed but not yet published are included).
    Status AddDropTabletRecords(const std::vector<int64_t>& tablet_ids,
                                MetaWriteBatch* batch) const;
    // After the batch above was written: forgets the tablets; their files go when the last
    // snapshot holding them goes. Later publishes to them are refused. Rowset metas of theirs
    // that appeared after the batch was built (a compaction's swap) are deleted too.
    void ForgetTablets(const std::vector<int64_t>& tablet_ids);
    // Both of the above with the engine's own synced write.
    Status DropTablets(const std::vector<int64_t>& tablet_ids);

    // --- Stats ---------------------------------------------------------------------------
    // Statistics of the published rowsets of `tablet_id` (all zero, max_version 1, when the
    // tablet has none).
    TabletStats GetTabletStats(int64_t tablet_id) const;
    std::vector<TabletStats> ListTabletStats() const;
    PrimaryIndexStats GetPrimaryIndexStats() const;

    // --- Compaction ----------------------------------------------------------------------
    // Compacts `tablet_id` once if options.compaction.policy picks rowsets of it. True when
    // it merged rowsets; false when there was nothing to do: no key_merge_spec or none for
    // the tablet (NotFound), the tablet is unknown, dropped or already being compacted, or
    // the policy picks nothing. Errors of reading, merging, writing or the meta write leave
    // the tablet as it was (and are counted in its stats); Aborted when crash_at stopped it.
    StatusOr<bool> CompactTablet(int64_t tablet_id);
    // Counters of every tablet that was ever compacted (or tried), by tablet id; and of the
    // whole engine.
    std::vector<CompactionStats> ListCompactionStats() const;
    CompactionStats GetCompactionTotals() const;

private:
    StorageEngine(std::string data_dir, MetaStore* store, StorageEngineOptions options);

    Status LoadRowsets();
    Status LoadDeleteVectors();
    // The merge-on-write state of `tablet_id`, made on first use.
    std::shared_ptr<PrimaryKeyTablet> PrimaryTablet(int64_t tablet_id) const;
    // Null when the tablet never had a PRIMARY KEY delta or delete vector.
    std::shared_ptr<PrimaryKeyTablet> FindPrimaryTablet(int64_t tablet_id) const;
    Status RemoveUnreferencedFiles();
    Status LoadRowsetIdCounter();
    StatusOr<int64_t> AllocateRowsetId();
    int64_t NowMs() const;
    RowsetPtr MakeRowset(RowsetMeta meta) const;

    // Compaction internals (storage_engine_compaction.cc).
    StatusOr<bool> CompactMarkedTablet(int64_t tablet_id);
    StatusOr<bool> MergeAndSwap(int64_t tablet_id, const KeyMergeSpec& spec,
                                const std::vector<RowsetPtr>& inputs, CompactionStats* done);
    // `primary` (PRIMARY KEY tablets; else null) remaps its index and delete vectors in the
    // swap; `output_keys` are the key columns of the output's rows.
    StatusOr<bool> SwapCompactedRowsets(int64_t tablet_id, const std::vector<RowsetPtr>& inputs,
                                        const PendingRowset& output, PrimaryKeyTablet* primary,
                                        const Chunk& output_keys);
    // Drops the in-memory delete vectors of rowsets that left `tablet_id` for good.
    void ForgetDeleteVectors(int64_t tablet_id, const std::vector<RowsetPtr>& gone);
    void RecordCompaction(int64_t tablet_id, const Status& status, const CompactionStats& done);
    void StartCompactionThread();
    void StopCompactionThread();
    void CompactionLoop();
    void ReleaseExpiredStaleRowsets();
    void DeleteLeftoverRowsetMetas(const std::vector<int64_t>& tablet_ids);

    const std::string data_dir_;
    MetaStore* const store_;
    const StorageEngineOptions options_;

    std::mutex id_mu_;  // guards the two ids below; held across the counter's write
    int64_t next_rowset_id_ = 1;
    int64_t reserved_until_ = 1;  // ids below this are persisted as used

    mutable std::mutex mu_;                      // guards tablets_ and dropped_
    mutable std::condition_variable published_;  // notified by every Publish and drop
    std::unordered_map<int64_t, std::unique_ptr<Tablet>> tablets_;
    std::unordered_set<int64_t> dropped_;  // tablet ids are never reused

    mutable std::mutex primary_mu_;  // guards primary_ (not the tablets' own state)
    mutable std::unordered_map<int64_t, std::shared_ptr<PrimaryKeyTablet>> primary_;
    mutable std::unordered_map<int64_t, std::shared_ptr<std::shared_mutex>> update_locks_;

    // Held across a compaction's meta swap and by ForgetTablets; taken before mu_.
    std::mutex swap_mu_;

    mutable std::mutex compaction_mu_;  // guards the members below
    std::condition_variable compaction_wake_;
    bool compaction_stop_ = false;
    bool compaction_wanted_ = false;  // a tablet crossed the trigger since the last pass
    std::unordered_set<int64_t> compacting_;                         // tablets being compacted now
    std::unordered_map<int64_t, CompactionStats> compaction_stats_;  // running one included
    CompactionStats compaction_totals_;  // running not kept: derived from compaction_stats_
    std::thread compaction_thread_;      // joinable while the background thread runs

    // Asks the background compactor for a pass now (a tablet crossed the trigger).
    void WakeCompaction();
};

// A PartitionCommit for TransactionManager::Commit that records `rowsets` (all of partition
// `partition_id`) at the version the commit gives the partition. `engine` must outlive it.
PartitionCommit PartitionCommitFor(const StorageEngine& engine, int64_t partition_id,
                                   std::vector<PendingRowset> rowsets);

}  // namespace tributary
