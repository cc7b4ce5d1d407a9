// TransactionManager: labels, transaction states and partition versions; the one place where
// loaded data becomes visible.
//
// Every write (INSERT, Stream Load, each Routine Load task) is one transaction:
//   Begin    reserves the label (unique per database among transactions that are PREPARE, or
//            VISIBLE and still retained) and durably records the transaction as PREPARE.
//   (write)  storage writes and fsyncs segment files; nothing here is involved.
//   Commit   ONE atomic, synced MetaStore write that marks the transaction VISIBLE, moves every
//            touched partition from version v to v+1, stores the caller's rowset records (keyed
//            by the new version), the caller's extra ops (e.g. Routine Load progress) and the
//            transaction's opaque attachment. All of it is durable when Commit returns OK, or
//            none of it is. Commit and publish are one step, so there is no COMMITTED state.
//   Abort    durably marks it ABORTED; its label may then be reused.
//
// Versions: a partition starts at version 1 (empty, as in StarRocks) and needs no
// initialisation here: a partition the manager never committed to is at version 1. Each commit
// that touches a partition gives it exactly the next version, so a partition's versions have no
// gaps. Queries call Snapshot() at their start and read each partition at that version.
//
// Time: the injected clock (milliseconds since the Unix epoch) decides timeouts and retention,
// so tests never sleep. A PREPARE transaction older than its timeout is aborted with "timeout by
// txn manager" by whichever comes first: AbortExpired() (run every maintenance_interval_ms by the
// manager's own maintenance thread, or called by the owner), a Commit of it (refused), or a Begin
// that wants its label. Finished records leave the store after label_keep_max_second, and the
// oldest ones beyond label_keep_max_num per database (PurgeExpiredLabels(), also run by the
// maintenance thread); their labels can then be reused.
//
// Restart: Open() aborts, durably, every transaction still PREPARE ("aborted at restart: the
// writer did not finish"): its writer died with the process.
//
// Dropping a partition: the catalog drops it in its own write, then calls DropPartition() (an
// observer of the catalog does this), which deletes the version key. A crash between the two
// leaves a version key for a partition that no longer exists: harmless, since partition ids are
// never reused. A commit racing a drop must be refused by the caller's fence (the catalog checks
// that the partition still exists); otherwise it would recreate the version key.
//
// Thread safety: all methods may be called concurrently. State-changing calls are serialised by
// one writer lock held across their MetaStore write; readers (GetTransaction, Snapshot, ...) never
// wait for a write's fsync. Callbacks in a CommitRequest run under the writer lock: they must be
// quick and must not call Begin / Commit / Abort / AbortExpired / PurgeExpiredLabels /
// DropPartition (that would deadlock); they may call the read methods. Because the fence takes
// its owner's lock (the Routine Load job manager's) inside the writer lock, that owner must not
// hold the same lock while calling the write methods: the lock order is writer lock, then the
// fence's locks.
//
// Ownership: the MetaStore is not owned and must outlive the manager.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "meta/meta_store.h"
#include "txn/transaction_record.h"

namespace tributary {

struct TransactionManagerOptions {
    // Milliseconds since the Unix epoch; empty means the system clock.
    std::function<int64_t()> clock_ms;
    // How long finished transactions (and so their labels) are kept, in seconds; empty means
    // config::label_keep_max_second (read at each purge, so ADMIN SET takes effect).
    std::function<int64_t()> label_keep_max_second;
    // Finished transactions kept per database at most; the oldest beyond it are purged early
    // (StarRocks' label_keep_max_num).
    int64_t label_keep_max_num = 1000;
    // Running (PREPARE) transactions allowed per database (StarRocks' max_running_txn_num_per_db).
    int64_t max_running_txn_num_per_db = 1000;
    // Period of the maintenance thread that runs AbortExpired and PurgeExpiredLabels; 0 runs no
    // thread (the owner then calls them).
    int64_t maintenance_interval_ms = 5000;
};

struct BeginRequest {
    int64_t db_id = 0;
    int64_t table_id = 0;
    // Empty: the manager makes one, "insert_<uuid>".
    std::string label;
    int64_t timeout_seconds = 0;  // > 0
    TransactionSource source = TransactionSource::kInsert;
    std::string coordinator;
};

struct BeginResult {
    int64_t txn_id = 0;
    std::string label;  // as given, or the one the manager made
};

// What a commit makes visible in one partition.
struct PartitionCommit {
    int64_t partition_id = 0;
    // Adds the partition's rowset records (their keys include `version`) to `batch`. May be
    // empty when the caller has nothing to add beyond the version bump.
    std::function<Status(int64_t version, MetaWriteBatch* batch)> add_rowsets{};
    // Undoes what add_rowsets did besides adding to the batch (the primary index of a PRIMARY
    // KEY tablet) when the commit does not happen after it ran: a later callback or the write
    // failed. Runs under the writer lock, so no other commit saw the undone state.
    std::function<void()> undo_rowsets{};
};

struct CommitRequest {
    // Each partition at most once. May be empty: a commit that only stores its attachment and
    // extra ops (a Routine Load task whose offsets moved over no loadable row).
    std::vector<PartitionCommit> partitions{};
    // Opaque bytes stored with the transaction record (Routine Load: next offsets + statistics).
    std::string attachment{};
    // Adds ops that must become durable together with the commit (Routine Load job progress).
    std::function<Status(MetaWriteBatch* batch)> add_extra_ops{};
    // Evaluated first, under the lock that serialises commits; a non-OK result refuses the commit
    // and aborts the transaction with the result's message as reason (Routine Load: "is this
    // task still the job's current task?").
    std::function<Status()> fence{};
};

class TransactionManager {
public:
    // Loads the transaction records and partition versions from `store` and aborts the
    // transactions left PREPARE by the previous process. Fails with Corruption when a stored
    // value cannot be decoded.
    static StatusOr<std::unique_ptr<TransactionManager>> Open(
        MetaStore* store, TransactionManagerOptions options = {});
    ~TransactionManager();
    TransactionManager(const TransactionManager&) = delete;
    TransactionManager& operator=(const TransactionManager&) = delete;

    // --- Writes ------------------------------------------------------------------------------
    // Begins a transaction and durably records it as PREPARE. Errors: InvalidArgument for a bad
    // label or timeout; AlreadyExists with kLabelAlreadyExists ("Label [l1] has already been
    // used, relate to txn [12]") when a PREPARE or retained VISIBLE transaction of the database
    // holds the label; Aborted when the database has too many running transactions.
    StatusOr<BeginResult> Begin(const BeginRequest& request);

    // Makes the transaction's writes visible (see the header comment) and returns the version
    // given to each partition, in request order. Refused - and nothing but an abort is written -
    // when: the transaction is unknown (NotFound), not PREPARE (InvalidArgument for VISIBLE,
    // Aborted for ABORTED), past its timeout (TimedOut; it is aborted), or the fence fails (the
    // fence's status; it is aborted with the fence's message). When a callback or the MetaStore
    // write fails, nothing is written and the transaction stays PREPARE.
    StatusOr<std::vector<PartitionVersion>> Commit(int64_t txn_id, const CommitRequest& request);

    // Durably aborts a PREPARE transaction with `reason`. OK when it was aborted already;
    // InvalidArgument when it is VISIBLE; NotFound when unknown.
    Status Abort(int64_t txn_id, std::string_view reason);

    // Aborts, in one write, every PREPARE transaction past its timeout; returns how many.
    StatusOr<int64_t> AbortExpired();

    // Removes, in one write, the finished records past label_keep_max_second and the oldest ones
    // beyond label_keep_max_num per database; returns how many.
    StatusOr<int64_t> PurgeExpiredLabels();

    // Forgets a dropped partition's version (durably). Idempotent.
    Status DropPartition(int64_t partition_id);

    // --- Reads -------------------------------------------------------------------------------
    // NotFound when the transaction is unknown or was purged.
    StatusOr<TransactionRecord> GetTransaction(int64_t txn_id) const;
    // The newest retained transaction of `db_id` with `label`; NotFound when there is none.
    StatusOr<TransactionRecord> FindByLabel(int64_t db_id, std::string_view label) const;
    // The retained transactions of `db_id`, by id.
    std::vector<TransactionRecord> ListTransactions(int64_t db_id) const;
    // PREPARE transactions of `db_id`.
    int64_t RunningTransactionCount(int64_t db_id) const;

    // The visible version of a partition (1 when nothing was ever committed to it).
    int64_t VisibleVersion(int64_t partition_id) const;
    // The visible version of each of `partition_ids`, read at one instant: no commit is half
    // seen.
    std::unordered_map<int64_t, int64_t> Snapshot(const std::vector<int64_t>& partition_ids) const;

private:
    struct State;
    TransactionManager(MetaStore* store, TransactionManagerOptions options);

    int64_t Now() const;
    int64_t LabelKeepMaxSecond() const;
    Status Load();
    // Durably aborts the PREPARE transactions `txn_ids`. REQUIRES: write_mu_ held.
    Status AbortLocked(const std::vector<int64_t>& txn_ids, std::string_view reason);
    void StartMaintenance();
    void StopMaintenance();

    MetaStore* const store_;
    const TransactionManagerOptions options_;
    std::unique_ptr<State> state_;
};

}  // namespace tributary
