// TableSink: the end of the load pipeline (DESIGN §6) - rows in, one transaction out.
//
// Append() routes rows (in table-column order, already converted to the column types) to
// tablets and buffers them; Commit() begins a transaction with the label, sorts and merges each
// tablet's rows by the table's key model (storage/merge/key_merge.h), writes one rowset per
// tablet of every touched partition, commits them atomically through the TransactionManager and
// publishes them. If anything fails before the commit, the rowsets' files are discarded and the
// transaction is aborted: nothing becomes visible. INSERT uses it now; Stream Load and Routine
// Load tasks later (with an attachment and a fence).
//
// Thread safety: one sink per load, used by one thread. The services must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/table_info.h"
#include "column/chunk.h"
#include "load/tablet_router.h"
#include "storage/merge/key_merge.h"
#include "txn/transaction_manager.h"

namespace tributary {

class StorageEngine;

// What a load needs from the backend: storage to write rowsets and the transaction manager to
// make them visible.
struct LoadServices {
    StorageEngine* storage = nullptr;
    TransactionManager* txns = nullptr;
};

struct SinkCommitOptions {
    std::string label;  // empty: the transaction manager makes one
    int64_t timeout_seconds = 300;
    TransactionSource source = TransactionSource::kInsert;
    std::string attachment;
    std::function<Status()> fence;
};

struct SinkCommitResult {
    int64_t txn_id = 0;
    std::string label;
    uint64_t rows = 0;
};

// How a table's rows with equal keys merge (its key model and value columns' functions).
KeyMergeSpec KeyMergeSpecOf(const TableInfo& table);

class TableSink {
public:
    TableSink(LoadServices services, std::shared_ptr<const TableInfo> table);

    // The schema Append expects: the table's columns with their types and nullability.
    static ChunkSchema SchemaOf(const TableInfo& table);

    // Routes every row of `rows`. A row that falls in no partition fails the whole load with a
    // message naming its partition key (StarRocks: "the row is out of partition ranges").
    Status Append(const Chunk& rows);

    StatusOr<SinkCommitResult> Commit(const SinkCommitOptions& options);

private:
    LoadServices services_;
    std::shared_ptr<const TableInfo> table_;
    ChunkSchema schema_;
    TabletRouter router_;
    // partition id -> tablet id -> row indexes of `buffered_` rows
    std::map<int64_t, std::map<int64_t, std::vector<uint32_t>>> routed_;
    Chunk buffered_;
};

}  // namespace tributary
