// How the transaction manager lays out its state in the MetaStore: keys and JSON values.
//
// Keys (ids zero-padded to 20 digits so that keys sort numerically):
//   txn/next_id                                   {"next_id": 1005}
//   txn/record/<db_id:020>/<txn_id:020>           one transaction (below)
//   txn/partition_version/<partition_id:020>      {"version": 7}
//
// Values:
//   record  {"txn_id": 1004, "db_id": 10000, "table_id": 10001, "label": "l1",
//            "source": "ROUTINE_LOAD_TASK",   // | INSERT_STREAMING | BACKEND_STREAMING
//            "coordinator": "FE: 127.0.0.1",
//            "state": "VISIBLE",              // | PREPARE | ABORTED
//            "reason": "",                    // why it was aborted
//            "timeout_seconds": 60,
//            "prepare_time_ms": 1700000000000, "commit_time_ms": 1700000001000,
//            "finish_time_ms": 1700000001000,  // -1 when it has not happened
//            "versions": [{"partition_id": 10002, "version": 3}, ...],
//            "attachment": "<text>"}           // or "attachment_hex": "<hex>" (below)
//
// The attachment is opaque bytes: it is stored as a JSON string when it is valid UTF-8 (the usual
// case: Routine Load stores JSON text, easy to read with a RocksDB dump tool), otherwise as
// lower-case hex under "attachment_hex" so that any byte string round-trips exactly.
//
// There is no label key: the label index lives in memory and is rebuilt from the records at open
// (every retained record is loaded anyway). A partition without a version key is at version 1,
// StarRocks' "empty" version, so creating a partition needs no write here.
//
// Decoding checks shapes and fails with Corruption naming the key's kind and what is wrong; the
// JSON library stays inside txn_codec.cc.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "txn/transaction_record.h"

namespace tributary {

inline constexpr std::string_view kTxnNextIdKey = "txn/next_id";
inline constexpr std::string_view kTxnRecordPrefix = "txn/record/";
inline constexpr std::string_view kPartitionVersionPrefix = "txn/partition_version/";

std::string TxnRecordKey(int64_t db_id, int64_t txn_id);
std::string PartitionVersionKey(int64_t partition_id);
// The partition id in a key under kPartitionVersionPrefix; Corruption when it is not one.
StatusOr<int64_t> ParsePartitionVersionKey(std::string_view key);

std::string EncodeTxnNextId(int64_t next_id);
StatusOr<int64_t> DecodeTxnNextId(std::string_view value);

std::string EncodeTransactionRecord(const TransactionRecord& record);
StatusOr<TransactionRecord> DecodeTransactionRecord(std::string_view value);

std::string EncodePartitionVersion(int64_t version);
StatusOr<int64_t> DecodePartitionVersion(std::string_view value);

}  // namespace tributary
