// User and privilege statements: CREATE/DROP USER, GRANT, REVOKE, SHOW GRANTS.
//
// Privilege targets are normalised by the parser into a GrantOnClause {level, db, table}; privilege
// names are upper-cased and not validated (the executor rejects unknown ones).
// Ownership and thread safety as in sql/ast_statement.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/ast_common.h"
#include "sql/ast_statement.h"

namespace tributary {

// CREATE USER [IF NOT EXISTS] user [IDENTIFIED BY [PASSWORD] 'pw'
//                                  | IDENTIFIED WITH plugin [BY|AS] 'pw'].
struct CreateUserStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kCreateUser;
    bool if_not_exists = false;
    UserSpec user;
    bool has_password = false;
    std::string password;     // plain text, or a hash when is_hashed
    bool is_hashed = false;   // IDENTIFIED BY PASSWORD '*HEX' or IDENTIFIED WITH plugin AS '*HEX'
    std::string auth_plugin;  // as written after IDENTIFIED WITH; empty when absent

    explicit CreateUserStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// DROP USER [IF EXISTS] user.
struct DropUserStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kDropUser;
    bool if_exists = false;
    UserSpec user;

    explicit DropUserStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

enum class PrivilegeLevel : uint8_t { kGlobal, kDatabase, kTable };

// What a privilege applies to:
//   *.*, ALL DATABASES, ALL TABLES IN ALL DATABASES       -> kGlobal
//   db.*, DATABASE db, ALL TABLES IN DATABASE db          -> kDatabase {db}
//   db.tbl, tbl, TABLE db.tbl, TABLE tbl                  -> kTable {db (may be empty), table}
struct GrantOnClause {
    PrivilegeLevel level = PrivilegeLevel::kGlobal;
    std::string db;
    std::string table;
    SourcePos pos;
};

// GRANT privs ON target TO [USER] user.
struct GrantStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kGrant;
    // Upper-cased; words of a multi-word privilege joined by one space ("CREATE TABLE");
    // ALL [PRIVILEGES] is "ALL".
    std::vector<std::string> privileges;
    GrantOnClause target;
    UserSpec user;

    explicit GrantStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// REVOKE privs ON target FROM [USER] user. Fields as in GrantStmt.
struct RevokeStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kRevoke;
    std::vector<std::string> privileges;
    GrantOnClause target;
    UserSpec user;

    explicit RevokeStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

// SHOW GRANTS [FOR user] | SHOW ALL GRANTS.
struct ShowGrantsStmt : Statement {
    static constexpr StatementKind kKind = StatementKind::kShowGrants;
    bool all = false;
    std::optional<UserSpec> user;  // absent: the current user

    explicit ShowGrantsStmt(SourcePos p = {}) : Statement(kKind, p) {}
};

}  // namespace tributary
