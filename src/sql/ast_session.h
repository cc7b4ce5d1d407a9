// Session and client statements: SELECT, SET, SET PASSWORD, USE and the SHOW statements that
// MySQL clients and drivers send (variables, status, warnings, engines, charsets, ...).
//
// Ownership and thread safety as in sql/ast_statement.h.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast_common.h"
#include "sql/ast_expr.h"
#include "sql/ast_query.h"
#include "sql/ast_statement.h"

namespace tributary {

struct SelectStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kSelect;
    std::unique_ptr<Query> query;
    bool explain = false;  // EXPLAIN SELECT ...: show the plan instead of running it

    explicit SelectStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

enum class SetAssignmentKind : uint8_t {
    kSystemVariable,  // SET [SESSION|GLOBAL|LOCAL] v = e, SET @@[scope.]v = e, SET v = DEFAULT
    kUserVariable,    // SET @u = e
    kNames,           // SET NAMES charset [COLLATE collation] | SET NAMES DEFAULT
    kCharacterSet,    // SET CHARACTER SET charset | SET CHARSET charset | ... DEFAULT
};

struct SetAssignment {
    SetAssignmentKind kind = SetAssignmentKind::kSystemVariable;
    SourcePos pos;

    // kSystemVariable, kUserVariable. `value` is a DefaultExpr for `= DEFAULT`; a bare word
    // value (`SET autocommit = ON`, `SET sql_mode = ANSI`) is the string literal of that word,
    // as in MySQL. `SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED` becomes the system
    // variable transaction_isolation = 'READ-COMMITTED' (READ ONLY / READ WRITE set
    // transaction_read_only to 'ON' / 'OFF').
    VariableScope scope = VariableScope::kDefault;
    std::string name;
    ExprPtr value;

    // kNames, kCharacterSet. `charset` is empty when DEFAULT was written.
    std::string charset;
    std::string collation;  // empty when no COLLATE
};

// SET a = 1, @@session.b = 2, NAMES utf8mb4, ...; in the order written.
struct SetStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kSet;
    std::vector<SetAssignment> assignments;

    explicit SetStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SET PASSWORD [FOR user] = PASSWORD('pw') | '*HEX'.
struct SetPasswordStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kSetPassword;
    std::optional<UserSpec> user;  // absent: the current user
    std::string password;              // plain text, or the '*HEX' hash when is_hashed
    bool is_hashed = false;

    explicit SetPasswordStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

struct UseStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kUse;
    std::string database;

    explicit UseStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW [GLOBAL|SESSION|LOCAL] VARIABLES [LIKE 'p' | WHERE e].
struct ShowVariablesStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowVariables;
    VariableScope scope = VariableScope::kDefault;
    ShowFilter filter;

    explicit ShowVariablesStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW [GLOBAL|SESSION|LOCAL] STATUS [LIKE 'p' | WHERE e].
struct ShowStatusStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowStatus;
    VariableScope scope = VariableScope::kDefault;
    ShowFilter filter;

    explicit ShowStatusStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW WARNINGS [LIMIT [offset,] n].
struct ShowWarningsStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowWarnings;
    std::optional<LimitClause> limit;

    explicit ShowWarningsStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW ERRORS [LIMIT [offset,] n].
struct ShowErrorsStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowErrors;
    std::optional<LimitClause> limit;

    explicit ShowErrorsStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW [STORAGE] ENGINES.
struct ShowEnginesStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowEngines;

    explicit ShowEnginesStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW CHARSET | SHOW CHARACTER SET [LIKE 'p' | WHERE e].
struct ShowCharsetStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowCharset;
    ShowFilter filter;

    explicit ShowCharsetStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW COLLATION [LIKE 'p' | WHERE e].
struct ShowCollationStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowCollation;
    ShowFilter filter;

    explicit ShowCollationStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW [FULL] PROCESSLIST.
struct ShowProcesslistStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowProcesslist;
    bool full = false;

    explicit ShowProcesslistStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

}  // namespace tributary
