// Routine Load statements: CREATE / ALTER / PAUSE / RESUME / STOP ROUTINE LOAD, SHOW ROUTINE LOAD
// [TASK] and SHOW CREATE ROUTINE LOAD, in StarRocks' grammar.
//
// Load properties (COLUMNS TERMINATED BY, ROWS TERMINATED BY, COLUMNS (...), WHERE, PARTITION)
// keep both the parsed expression and the raw SQL text the user wrote, because StarRocks shows
// the text back in SHOW ROUTINE LOAD and jobs persist it.
// Ownership and thread safety as in sql/ast_statement.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/ast_common.h"
#include "sql/ast_expr.h"
#include "sql/ast_query.h"
#include "sql/ast_statement.h"

namespace tributary {

// One item of COLUMNS (...): a plain `name` (expr null) or `name = expr`.
struct LoadColumn {
    std::string name;
    ExprPtr expr;
    std::string sql;  // the item's text as written, e.g. "pay_dt=from_unixtime(pay_time, '%Y%m%d')"
    SourcePos pos;
};

// The load properties of CREATE / ALTER ROUTINE LOAD; each is optional.
struct LoadProperties {
    std::optional<std::string> column_separator;  // COLUMNS TERMINATED BY 'sep' (unescaped)
    std::optional<std::string> row_delimiter;     // ROWS TERMINATED BY 'sep' (unescaped)
    bool has_columns = false;
    std::vector<LoadColumn> columns;  // COLUMNS (item, ...)
    ExprPtr where;                    // WHERE expr
    std::string where_sql;            // its text as written
    bool has_partitions = false;
    std::vector<std::string> partitions;  // PARTITION (p, ...)
    bool has_temporary_partitions = false;
    std::vector<std::string> temporary_partitions;  // TEMPORARY PARTITION (p, ...)
};

// CREATE ROUTINE LOAD [db.]job ON tbl [load properties] [PROPERTIES (...)]
//   FROM data_source (...).
struct CreateRoutineLoadStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kCreateRoutineLoad;
    QualifiedName job;
    std::string table;
    LoadProperties load;
    PropertyList properties;
    std::string data_source;  // as written ("KAFKA", "kafka"); compare case-insensitively
    PropertyList data_source_properties;

    explicit CreateRoutineLoadStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// ALTER ROUTINE LOAD FOR [db.]job [load properties] [PROPERTIES (...)] [FROM source (...)].
struct AlterRoutineLoadStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kAlterRoutineLoad;
    QualifiedName job;
    LoadProperties load;
    PropertyList properties;
    std::string data_source;  // empty when no FROM clause
    PropertyList data_source_properties;

    explicit AlterRoutineLoadStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// PAUSE ROUTINE LOAD FOR [db.]job.
struct PauseRoutineLoadStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kPauseRoutineLoad;
    QualifiedName job;

    explicit PauseRoutineLoadStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// RESUME ROUTINE LOAD FOR [db.]job.
struct ResumeRoutineLoadStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kResumeRoutineLoad;
    QualifiedName job;

    explicit ResumeRoutineLoadStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// STOP ROUTINE LOAD FOR [db.]job.
struct StopRoutineLoadStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kStopRoutineLoad;
    QualifiedName job;

    explicit StopRoutineLoadStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW [ALL] ROUTINE LOAD [FOR [db.]job | FROM db] [WHERE e] [ORDER BY ...] [LIMIT ...].
struct ShowRoutineLoadStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowRoutineLoad;
    bool all = false;  // include STOPPED / CANCELLED jobs
    std::optional<QualifiedName> job;
    std::string database;  // FROM db; empty when absent (job.db may still be set)
    ExprPtr where;
    std::vector<OrderByItem> order_by;
    std::optional<LimitClause> limit;

    explicit ShowRoutineLoadStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW ROUTINE LOAD TASK [FROM db] WHERE e.
struct ShowRoutineLoadTaskStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowRoutineLoadTask;
    std::string database;
    ExprPtr where;

    explicit ShowRoutineLoadTaskStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW CREATE ROUTINE LOAD [db.]job.
struct ShowCreateRoutineLoadStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowCreateRoutineLoad;
    QualifiedName job;

    explicit ShowCreateRoutineLoadStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

}  // namespace tributary
