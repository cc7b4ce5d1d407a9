// SHOW CREATE TABLE text, in StarRocks' layout:
//
//   CREATE TABLE `example_tbl1` (
//     `order_id` bigint(20) NOT NULL COMMENT "Order ID",
//     `price` double SUM NULL DEFAULT "0" COMMENT "Price"
//   ) ENGINE=OLAP
//   DUPLICATE KEY(`order_id`, `pay_dt`)
//   COMMENT "OLAP"
//   PARTITION BY RANGE(`pay_dt`)
//   (PARTITION p1 VALUES [("0000-01-01"), ("2024-01-01")),
//   PARTITION p2 VALUES [("2024-01-01"), ("2024-02-01")))
//   DISTRIBUTED BY HASH(`order_id`) BUCKETS 8
//   PROPERTIES (
//   "replication_num" = "1",
//   "compression" = "LZ4"
//   );
//
// As in StarRocks: an aggregate function follows the type on AGGREGATE KEY tables; a table
// without a comment shows COMMENT "OLAP"; every partition prints as a fixed range, whatever
// syntax created it; BUCKETS is omitted when the catalog chose it; RANDOM distribution prints
// `DISTRIBUTED BY RANDOM`. PROPERTIES lists replication_num, bloom_filter_columns and
// storage_medium when set, and compression. Unlike StarRocks, lines carry no trailing spaces.
//
// Thread safety: pure function.
#pragma once

#include <string>

#include "catalog/table_info.h"

namespace tributary {

std::string ShowCreateTable(const TableInfo& table);

// One column as SHOW CREATE TABLE prints it: "`price` double SUM NULL COMMENT \"Price\"".
std::string ColumnToSql(const ColumnInfo& column);

}  // namespace tributary
