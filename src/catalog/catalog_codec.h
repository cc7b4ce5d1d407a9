// How the catalog lays out its objects in the MetaStore: keys and JSON values.
//
// Keys (ids are zero-padded to 20 digits so that keys sort by id):
//   catalog/next_id                          {"next_id": 10042}
//   catalog/db/<db_id>                       a database
//   catalog/table/<db_id>/<table_id>         a table with its columns and partitions
//   user/<name>@<lower-case host>            a user with its password hash and grants
//
// Values:
//   database  {"id": 10000, "name": "example_db", "create_time": 1700000000}
//   table     {"id": 10001, "db_id": 10000, "name": "t", "create_time": 1700000000,
//              "model": "DUPLICATE",                  // AGGREGATE | UNIQUE | PRIMARY
//              "comment": "",
//              "columns": [{"name": "k", "type": {"type": "bigint"}, "is_key": true,
//                           "aggregate": "NONE", "nullable": false,
//                           "default": {"current_timestamp": false, "value": "0"},  // optional
//                           "comment": "", "auto_increment": false}, ...],
//              // type: {"type": <LogicalTypeName>, "length": n (char/varchar),
//              //        "precision": p, "scale": s (decimal)}
//              "partition_columns": ["dt"],           // [] when unpartitioned
//              "partitions": [{"id": 10002, "name": "p1",
//                              "lower": ["0000-01-01"], "upper": ["2024-01-01"],  // range only;
//                              "buckets": 2, "tablets": [10003, 10004]}, ...],    // null=MAXVALUE
//              "temp_partitions": [...],              // as "partitions"; only when there are
//                                                     // any (absent in older records: none)
//              "distribution": {"kind": "HASH", "columns": ["k"], "buckets": 2,
//                               "buckets_auto": false},  // kind HASH | RANDOM
//              "properties": {"replication_num": 1, "storage_medium": "",
//                             "compression": "LZ4", "bloom_filter_columns": []}}
//   user      {"name": "alice", "host": "%", "password": "<40 hex digits or empty>",
//              "create_time": 1700000000, "global": ["SELECT"],
//              "databases": [{"db": "d", "privileges": ["SELECT", "INSERT"]}],
//              "tables": [{"db": "d", "table": "t", "privileges": ["SELECT"]}]}
//
// A table's partitions live inside the table's value, so ADD / DROP / REPLACE PARTITION rewrite
// one key, and REPLACE PARTITION moves partitions between the two lists in one write.
// Decoding checks shapes and fails with Corruption naming what is wrong; the JSON library stays
// inside catalog_codec.cc.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "catalog/table_info.h"
#include "catalog/user_record.h"

namespace tributary {

inline constexpr std::string_view kNextIdKey = "catalog/next_id";
inline constexpr std::string_view kDatabaseKeyPrefix = "catalog/db/";
inline constexpr std::string_view kTableKeyPrefix = "catalog/table/";
inline constexpr std::string_view kUserKeyPrefix = "user/";

std::string DatabaseKey(int64_t db_id);
std::string TableKey(int64_t db_id, int64_t table_id);
std::string UserKey(const UserIdentity& identity);

std::string EncodeNextId(int64_t next_id);
StatusOr<int64_t> DecodeNextId(std::string_view value);

std::string EncodeDatabase(const DatabaseInfo& db);
StatusOr<DatabaseInfo> DecodeDatabase(std::string_view value);

std::string EncodeTable(const TableInfo& table);
StatusOr<TableInfo> DecodeTable(std::string_view value);

std::string EncodeUser(const UserRecord& user);
StatusOr<UserRecord> DecodeUser(std::string_view value);

}  // namespace tributary
