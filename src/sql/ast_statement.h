// The Statement base of the SQL AST and the list of statement kinds.
//
// ParseStatement returns a std::unique_ptr<Statement>; the executor switches on `kind` and
// downcasts with `stmt.As<CreateTableStmt>()` (checked in debug builds against T::kKind) or
// `stmt.TryAs<CreateTableStmt>()` (nullptr when the kind differs). The derived structs live in
// ast_session.h, ast_ddl.h, ast_user.h and ast_routine_load.h; sql/ast.h includes them all.
//
// Every statement owns its whole tree and keeps the SourcePos of its first token and a copy of
// its own SQL text. Thread safety: immutable after parsing; const access is safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/check.h"
#include "sql/ast_common.h"
#include "sql/ast_expr.h"

namespace tributary {

enum class StatementKind : uint8_t {
    // Session and client statements (ast_session.h).
    kSelect,
    kSet,
    kSetPassword,
    kUse,
    kShowVariables,
    kShowStatus,
    kShowWarnings,
    kShowErrors,
    kShowEngines,
    kShowCharset,
    kShowCollation,
    kShowProcesslist,
    // Databases, tables, data (ast_ddl.h).
    kCreateDatabase,
    kDropDatabase,
    kShowDatabases,
    kShowTables,
    kCreateTable,
    kDropTable,
    kTruncateTable,
    kShowCreateTable,
    kDescribe,
    kShowColumns,
    kShowTablet,
    kShowPartitions,
    kAlterTable,
    kAdminSetFrontendConfig,
    kAdminShowFrontendConfig,
    kInsert,
    kDelete,
    // Users and privileges (ast_user.h).
    kCreateUser,
    kDropUser,
    kGrant,
    kRevoke,
    kShowGrants,
    // Routine Load (ast_routine_load.h).
    kCreateRoutineLoad,
    kAlterRoutineLoad,
    kPauseRoutineLoad,
    kResumeRoutineLoad,
    kStopRoutineLoad,
    kShowRoutineLoad,
    kShowRoutineLoadTask,
    kShowCreateRoutineLoad,
};

// "SELECT", "CREATE TABLE", "SHOW ROUTINE LOAD", ...: for logs and error messages.
std::string_view StatementKindName(StatementKind kind);

struct Statement {
    StatementKind kind;
    SourcePos pos;
    std::string sql;  // this statement's text as written, without the terminating ';'

    explicit Statement(StatementKind k, SourcePos p = {}) : kind(k), pos(p) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    virtual ~Statement();

    template <typename T>
    const T& As() const {
        TRIBUTARY_DCHECK(kind == T::kKind,
                         "Statement::As<T> called on a statement of another kind");
        return static_cast<const T&>(*this);
    }
    template <typename T>
    T& As() {
        TRIBUTARY_DCHECK(kind == T::kKind,
                         "Statement::As<T> called on a statement of another kind");
        return static_cast<T&>(*this);
    }
    template <typename T>
    const T* TryAs() const {
        return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
    }
};

// The `LIKE 'pattern'` or `WHERE expr` tail of SHOW statements; at most one of them is set.
struct ShowFilter {
    std::optional<std::string> like;
    ExprPtr where;
};

}  // namespace tributary
