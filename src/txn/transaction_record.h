// TransactionRecord: what the transaction manager knows about one load transaction, as
// GetTransaction / FindByLabel / ListTransactions return it and SHOW TRANSACTION will print it.
//
// States (a subset of StarRocks' TransactionStatus; commit and publish are one step here, so a
// transaction goes straight from PREPARE to VISIBLE and is never COMMITTED-but-unpublished):
//   PREPARE  begun, the writer is still writing; nothing is visible
//   VISIBLE  committed and published in one atomic write; final
//   ABORTED  refused, timed out, aborted by the writer or at restart; final
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tributary {

enum class TransactionState : uint8_t { kPrepare, kVisible, kAborted };

// Who began the transaction (StarRocks' LoadJobSourceType, in our spelling).
enum class TransactionSource : uint8_t { kInsert, kStreamLoad, kRoutineLoad };

// "PREPARE", "VISIBLE", "ABORTED": the spelling StarRocks prints and we persist.
std::string_view TransactionStateName(TransactionState state);
std::optional<TransactionState> ParseTransactionState(std::string_view name);

// "INSERT_STREAMING", "BACKEND_STREAMING", "ROUTINE_LOAD_TASK": StarRocks' LoadJobSourceType
// names for INSERT, Stream Load and Routine Load, as SHOW TRANSACTION prints them.
std::string_view TransactionSourceName(TransactionSource source);
std::optional<TransactionSource> ParseTransactionSource(std::string_view name);

// The version a commit gave one partition.
struct PartitionVersion {
    int64_t partition_id = 0;
    int64_t version = 0;

    bool operator==(const PartitionVersion&) const = default;
};

struct TransactionRecord {
    int64_t txn_id = 0;
    int64_t db_id = 0;
    int64_t table_id = 0;
    std::string label;
    TransactionSource source = TransactionSource::kInsert;
    std::string coordinator;  // free text naming who drives the load ("FE: 127.0.0.1", a job)
    TransactionState state = TransactionState::kPrepare;
    std::string reason;  // why it was aborted; empty otherwise
    int64_t timeout_seconds = 0;
    // Milliseconds since the Unix epoch from the manager's clock; -1 when it has not happened.
    int64_t prepare_time_ms = -1;
    int64_t commit_time_ms = -1;  // also the publish time: commit and publish are one step
    int64_t finish_time_ms = -1;  // when it became VISIBLE or ABORTED
    std::vector<PartitionVersion> versions;  // set when VISIBLE, in the order the commit listed
    std::string attachment;                  // opaque bytes stored by the commit

    bool IsFinal() const { return state != TransactionState::kPrepare; }
    // The instant past which a PREPARE transaction is timed out.
    int64_t DeadlineMs() const { return prepare_time_ms + timeout_seconds * 1000; }
};

}  // namespace tributary
