// Catalog and data statements: databases, tables (CREATE TABLE with StarRocks' key models,
// partitions and distribution), ALTER TABLE partitions (formal and temporary), SHOW/DESC of
// tables and partitions, ADMIN frontend
// config, and INSERT.
//
// Ownership and thread safety as in sql/ast_statement.h. Names keep the spelling written; the
// parser never validates types, properties or column references (the executor does).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast_common.h"
#include "sql/ast_expr.h"
#include "sql/ast_query.h"
#include "sql/ast_statement.h"

namespace tributary {

// CREATE DATABASE|SCHEMA [IF NOT EXISTS] db [PROPERTIES (...)].
struct CreateDatabaseStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kCreateDatabase;
    bool if_not_exists = false;
    std::string name;
    PropertyList properties;

    explicit CreateDatabaseStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// DROP DATABASE|SCHEMA [IF EXISTS] db [FORCE].
struct DropDatabaseStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kDropDatabase;
    bool if_exists = false;
    std::string name;
    bool force = false;

    explicit DropDatabaseStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW DATABASES|SCHEMAS [LIKE 'p' | WHERE e].
struct ShowDatabasesStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowDatabases;
    ShowFilter filter;

    explicit ShowDatabasesStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW [FULL] TABLES [FROM|IN db] [LIKE 'p' | WHERE e].
struct ShowTablesStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowTables;
    bool full = false;
    std::string database;  // empty: the session's current database
    ShowFilter filter;

    explicit ShowTablesStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// ---- CREATE TABLE ---------------------------------------------------------------------------

enum class Nullability : uint8_t { kUnspecified, kNull, kNotNull };

enum class DefaultKind : uint8_t {
    kNone,              // no DEFAULT clause
    kLiteral,           // DEFAULT 'x' | DEFAULT 1 | DEFAULT NULL; expr is a LiteralExpr
    kCurrentTimestamp,  // DEFAULT CURRENT_TIMESTAMP [()]; expr is null
    kExpr,              // DEFAULT (expr) or DEFAULT fn(...); expr is the expression
};

// `name type [KEY] [agg] [NULL|NOT NULL] [DEFAULT ...] [AUTO_INCREMENT] [COMMENT 'c']`.
struct ColumnDef {
    std::string name;
    TypeName type;
    bool is_key = false;      // the KEY word after the type (StarRocks' explicit key column)
    std::string aggregation;  // upper-cased: SUM MAX MIN REPLACE REPLACE_IF_NOT_NULL HLL_UNION
                              // BITMAP_UNION; empty when none
    Nullability nullability = Nullability::kUnspecified;
    DefaultKind default_kind = DefaultKind::kNone;
    ExprPtr default_value;
    bool auto_increment = false;
    std::optional<std::string> comment;
    SourcePos pos;
};

// INDEX name (cols) [USING BITMAP] [COMMENT 'c'].
struct IndexDef {
    std::string name;
    std::vector<std::string> columns;
    std::string index_type;  // upper-cased ("BITMAP"); empty when no USING
    std::optional<std::string> comment;
    SourcePos pos;
};

enum class KeysType : uint8_t { kNone, kDuplicate, kAggregate, kUnique, kPrimary };

std::string_view KeysTypeName(KeysType t);  // "DUPLICATE KEY", ...

// One bound of a range partition: a literal's text (strings unquoted), or MAXVALUE.
struct PartitionBoundValue {
    std::string text;
    bool is_maxvalue = false;

    bool operator==(const PartitionBoundValue&) const = default;
};

enum class PartitionDefKind : uint8_t {
    kLessThan,    // PARTITION p VALUES LESS THAN ("v1"[, "v2"]) | MAXVALUE | (MAXVALUE)
    kFixedRange,  // PARTITION p VALUES [("a"[, ...]), ("b"[, ...]))
    kBatch,       // START ("x") END ("y") EVERY (INTERVAL 1 DAY | n)
};

struct PartitionDef {
    PartitionDefKind kind = PartitionDefKind::kLessThan;
    std::string name;            // empty for kBatch
    bool if_not_exists = false;  // ALTER TABLE ... ADD PARTITION IF NOT EXISTS
    // kLessThan: the upper bound (a single {is_maxvalue} for MAXVALUE).
    std::vector<PartitionBoundValue> less_than;
    // kFixedRange: [lower, upper). kBatch: START lower END upper.
    std::vector<PartitionBoundValue> lower;
    std::vector<PartitionBoundValue> upper;
    // kBatch: the EVERY step, an IntervalExpr or an integer literal.
    ExprPtr every;
    PropertyList properties;  // optional per-partition ("k" = "v") list
    SourcePos pos;
};

// PARTITION BY RANGE (cols) (partition, ...).
struct PartitionDesc {
    std::vector<std::string> columns;
    std::vector<PartitionDef> partitions;
    SourcePos pos;
};

enum class DistributionKind : uint8_t { kHash, kRandom };

// DISTRIBUTED BY HASH (cols) [BUCKETS n] | DISTRIBUTED BY RANDOM [BUCKETS n].
struct DistributionDesc {
    DistributionKind kind = DistributionKind::kHash;
    std::vector<std::string> columns;
    int64_t buckets = 0;  // 0: not written (choose automatically)
    SourcePos pos;
};

struct CreateTableStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kCreateTable;
    bool if_not_exists = false;
    QualifiedName table;
    std::vector<ColumnDef> columns;
    std::vector<IndexDef> indexes;
    std::string engine;  // as written after ENGINE =; empty when absent
    KeysType keys_type = KeysType::kNone;
    std::vector<std::string> key_columns;
    std::optional<std::string> comment;
    std::optional<PartitionDesc> partition;
    std::optional<DistributionDesc> distribution;
    std::vector<std::string> order_by;
    PropertyList properties;

    explicit CreateTableStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// ---- other table statements -----------------------------------------------------------------

// DROP TABLE [IF EXISTS] [db.]tbl [FORCE].
struct DropTableStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kDropTable;
    bool if_exists = false;
    QualifiedName table;
    bool force = false;

    explicit DropTableStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// TRUNCATE TABLE [db.]tbl [PARTITION (p, ...)].
struct TruncateTableStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kTruncateTable;
    QualifiedName table;
    std::vector<std::string> partitions;  // empty: the whole table

    explicit TruncateTableStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW CREATE TABLE [db.]tbl.
struct ShowCreateTableStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowCreateTable;
    QualifiedName table;

    explicit ShowCreateTableStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// DESC | DESCRIBE [db.]tbl [ALL].
struct DescribeStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kDescribe;
    QualifiedName table;
    bool all = false;

    explicit DescribeStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW [FULL] COLUMNS|FIELDS FROM|IN [db.]tbl [FROM|IN db] [LIKE 'p' | WHERE e]. A database
// given by the second FROM overrides the qualifier and is stored in table.db.
struct ShowColumnsStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowColumns;
    bool full = false;
    QualifiedName table;
    ShowFilter filter;

    explicit ShowColumnsStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW TABLET FROM [db.]tbl [PARTITION (p, ...)]: the tablets of a table with their rowsets,
// versions and compaction progress.
struct ShowTabletStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowTablet;
    QualifiedName table;
    std::vector<std::string> partitions;  // empty: every partition

    explicit ShowTabletStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW [TEMPORARY] PARTITIONS FROM [db.]tbl [WHERE e] [ORDER BY ...] [LIMIT ...].
struct ShowPartitionsStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowPartitions;
    bool temporary = false;
    QualifiedName table;
    ShowFilter filter;  // WHERE only
    std::vector<OrderByItem> order_by;
    std::optional<LimitClause> limit;

    explicit ShowPartitionsStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

enum class AlterTableClauseKind : uint8_t { kAddPartition, kDropPartition, kReplacePartition };

struct AlterTableClause {
    AlterTableClauseKind kind = AlterTableClauseKind::kAddPartition;
    SourcePos pos;
    bool temporary = false;  // ADD|DROP TEMPORARY PARTITION
    // kAddPartition: ADD [TEMPORARY] PARTITION [IF NOT EXISTS] p VALUES ... [DISTRIBUTED BY ...]
    PartitionDef partition;
    std::optional<DistributionDesc> distribution;
    // kDropPartition: DROP [TEMPORARY] PARTITION [IF EXISTS] p [FORCE]
    std::string partition_name;
    bool if_exists = false;
    bool force = false;
    // kReplacePartition: REPLACE PARTITION (p, ...) WITH TEMPORARY PARTITION (tp, ...)
    //   [PROPERTIES (...)]; either list may also be PARTITIONS (...) or PARTITION name.
    std::vector<std::string> replaced_partitions;
    std::vector<std::string> temp_partitions;
    PropertyList properties;
};

// ALTER TABLE [db.]tbl clause [, clause ...].
struct AlterTableStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kAlterTable;
    QualifiedName table;
    std::vector<AlterTableClause> clauses;  // at least one

    explicit AlterTableStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// ADMIN SET FRONTEND CONFIG ("k" = "v").
struct AdminSetFrontendConfigStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kAdminSetFrontendConfig;
    PropertyList configs;

    explicit AdminSetFrontendConfigStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// ADMIN SHOW FRONTEND CONFIG [LIKE 'p'].
struct AdminShowFrontendConfigStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kAdminShowFrontendConfig;
    std::optional<std::string> like;

    explicit AdminShowFrontendConfigStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// INSERT INTO|OVERWRITE [db.]tbl [PARTITION (p, ...)] [WITH LABEL l] [(cols)]
//   VALUES (e, ...), ... | query.
// Exactly one of `rows` (non-empty) and `query` is set. A DEFAULT in VALUES is a DefaultExpr.
struct InsertStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kInsert;
    bool overwrite = false;
    QualifiedName table;
    std::vector<std::string> partitions;
    std::string label;  // empty when no WITH LABEL
    bool columns_written = false;
    std::vector<std::string> columns;
    std::vector<ExprList> rows;
    std::unique_ptr<Query> query;

    explicit InsertStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// DELETE FROM [db.]tbl [PARTITION (p, ...)] [[AS] alias] WHERE cond (PRIMARY KEY tables): the
// rows of SELECT * FROM tbl [PARTITION (...)] WHERE cond are deleted, in one transaction.
struct DeleteStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kDelete;
    QualifiedName table;
    std::unique_ptr<Query> query;  // SELECT * FROM the table WHERE cond

    explicit DeleteStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

}  // namespace tributary
