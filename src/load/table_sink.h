// TableSink: the end of the load pipeline (DESIGN §6) - rows in, one transaction out.
//
// Append() routes rows (in table-column order, already converted to the column types) to
// tablets and buffers them; Commit() begins a transaction with the label, sorts and merges each
// tablet's rows by the table's key model (storage/merge/key_merge.h), writes one rowset per
// tablet of every touched partition, commits them atomically through the TransactionManager and
// publishes them. PRIMARY KEY tables: each tablet's rows resolve to one operation per key (the
// last), the UPSERTed rows are written and the rowset carries the keys it upserts and deletes,
// which the engine applies to the tablet's primary index and delete vectors in the commit. If
// anything fails before the commit, the rowsets' files are discarded and the transaction is
// aborted: nothing becomes visible. INSERT uses it now; Stream Load and Routine Load tasks later
// (with an attachment and a fence).
//
// Thread safety: one sink per load, used by one thread. The services must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/table_info.h"
#include "column/chunk.h"
#include "load/tablet_router.h"
#include "storage/merge/key_merge.h"
#include "txn/transaction_manager.h"

namespace tributary {

class ErrorLogStore;
class StorageEngine;

// What a load needs from the backend: storage to write rowsets and the transaction manager to
// make them visible.
struct LoadServices {
    StorageEngine* storage = nullptr;
    TransactionManager* txns = nullptr;
    ErrorLogStore* error_logs = nullptr;  // where loads keep their error rows; may be null
};

struct SinkCommitOptions {
    std::string label;  // empty: the transaction manager makes one
    int64_t timeout_seconds = 300;
    TransactionSource source = TransactionSource::kInsert;
    std::string attachment;
    std::function<Status()> fence;
    // Ops made durable in the commit's own MetaStore write (Routine Load: the job's progress).
    std::function<Status(MetaWriteBatch* batch)> add_extra_ops;
};

struct SinkCommitResult {
    int64_t txn_id = 0;
    std::string label;
    uint64_t rows = 0;
};

// How a table's rows with equal keys merge (its key model and value columns' functions).
KeyMergeSpec KeyMergeSpecOf(const TableInfo& table);

// PRIMARY KEY loads whose rows depend on the stored ones (StarRocks' partial_update and
// merge_condition). Both read the key's stored row at commit, holding the tablet's update lock
// (StorageEngine::PrimaryUpdateLock) until the commit is done.
struct PrimaryKeyUpdateMode {
    // partial_update: per table column, whether the load gives it. A stored key keeps its
    // stored value in the others; a new key takes their defaults. Empty: rows are whole.
    std::vector<uint8_t> given_columns;
    // merge_condition: the column whose new value must be >= the stored one for an UPSERT of a
    // stored key to apply (NULL is smallest); -1: none.
    int merge_condition = -1;

    bool active() const { return !given_columns.empty() || merge_condition >= 0; }
};

// A row Append could not route, with the reason.
struct RouteFailure {
    uint32_t row = 0;  // index in the appended chunk
    std::string reason;
};

class TableSink {
public:
    // `target_partitions` (ids) restricts the load to those partitions (a load's PARTITION
    // (...) list); empty allows every partition.
    TableSink(LoadServices services, std::shared_ptr<const TableInfo> table,
              std::vector<int64_t> target_partitions = {});
    // Routes over `router`'s partition set instead of the table's formal partitions (a load
    // into TEMPORARY PARTITIONs: TabletRouter::ForPartitions).
    TableSink(LoadServices services, std::shared_ptr<const TableInfo> table, TabletRouter router,
              std::vector<int64_t> target_partitions = {});

    // The schema Append expects: the table's columns with their types and nullability.
    static ChunkSchema SchemaOf(const TableInfo& table);

    // Routes every row of `rows`. A row that falls in no partition, or in one outside the
    // target partitions, is skipped and reported in `failures` with a message naming its
    // partition key; without `failures` it fails the whole append (INSERT's behaviour,
    // StarRocks: "the row is out of partition ranges").
    //
    // `ops` (PRIMARY KEY tables only; empty: every row an UPSERT) gives each row's operation,
    // kOpUpsert or kOpDelete (storage/merge/key_merge.h); within the load the last operation
    // on a key wins.
    Status Append(const Chunk& rows, std::vector<RouteFailure>* failures = nullptr,
                  std::span<const uint8_t> ops = {});

    // PRIMARY KEY tables: how rows combine with the stored ones (before Commit).
    void SetUpdateMode(PrimaryKeyUpdateMode mode) { update_mode_ = std::move(mode); }

    // Begins the load's transaction now, reserving its label before any data arrives (Stream
    // Load reports the id and refuses a used label up front). Optional: Commit begins one
    // itself otherwise. Fails as TransactionManager::Begin does (a label in use, too many
    // running transactions).
    StatusOr<BeginResult> Begin(const SinkCommitOptions& options);

    // Writes the buffered rows and commits them as one transaction (the one Begin started, or
    // a new one with options.label).
    StatusOr<SinkCommitResult> Commit(const SinkCommitOptions& options);

    // Aborts the transaction Begin started, recording `reason`; nothing becomes visible. A
    // no-op when none was begun (or it already ended).
    void Abort(std::string_view reason);

private:
    // PRIMARY KEY tables: the net operation per key of the buffered rows `rows` (one bucket).
    StatusOr<PrimaryKeyOperations> ResolveBucketOperations(const std::vector<uint32_t>& rows,
                                                           size_t num_key_columns) const;
    static Chunk KeyColumns(const Chunk& rows, size_t num_key_columns);
    // Applies update_mode_ to the UPSERT rows of one tablet (their stored rows read now).
    StatusOr<Chunk> CombineWithStored(int64_t tablet_id, Chunk upserts) const;

    LoadServices services_;
    std::shared_ptr<const TableInfo> table_;
    ChunkSchema schema_;
    TabletRouter router_;
    std::vector<int64_t> target_partitions_;  // sorted; empty: all
    Chunk buffered_;
    std::vector<uint8_t> buffered_ops_;  // PRIMARY KEY tables: one per buffered row
    PrimaryKeyUpdateMode update_mode_;
    // [partition index][bucket] -> indexes of `buffered_` rows (a partition without rows has
    // no buckets)
    std::vector<std::vector<std::vector<uint32_t>>> routed_;
    std::optional<BeginResult> txn_;  // set by Begin / Commit until the transaction ends
};

}  // namespace tributary
