// The per-family statement handlers behind Frontend::ExecuteQuery (internal to src/frontend).
//
// Each handler validates its statement, checks the session's privileges, performs the change
// (durably, before returning) and returns what the client sees. Families live in their own
// files: select_statement.cc (SELECT, EXPLAIN), session_statements.cc (SET, SHOW VARIABLES and
// other client probes), database_statements.cc, table_statements.cc, partition_statements.cc
// (ALTER TABLE partitions, SHOW PARTITIONS), insert_statement.cc, user_statements.cc,
// admin_statements.cc, routine_load_statements.cc.
#pragma once

#include "base/status.h"
#include "catalog/privilege.h"
#include "frontend/result_set.h"
#include "frontend/session.h"
#include "query/query_planner.h"
#include "sql/ast.h"

namespace tributary {

class Catalog;
class Frontend;

struct ExecContext {
    Catalog& catalog;
    Session& session;
    Frontend& frontend;
};

// select_statement.cc
StatusOr<StatementResult> ExecuteSelect(ExecContext& ctx, const SelectStmt& stmt);
// The planner's view of this session: catalog, storage, current database, time zone, now().
QueryEnvironment MakeQueryEnvironment(ExecContext& ctx);
// Plans and runs a query, returning every row as text.
StatusOr<ResultSet> RunQuery(ExecContext& ctx, const Query& query);

// session_statements.cc
StatusOr<StatementResult> ExecuteSet(ExecContext& ctx, const SetStmt& stmt);
StatusOr<StatementResult> ExecuteShowVariables(ExecContext& ctx, const ShowVariablesStmt& stmt);
StatusOr<StatementResult> ExecuteShowStatus(ExecContext& ctx, const ShowStatusStmt& stmt);
StatusOr<StatementResult> ExecuteShowWarnings(ExecContext& ctx, bool errors_only);
StatusOr<StatementResult> ExecuteShowEngines(ExecContext& ctx);
StatusOr<StatementResult> ExecuteShowCharset(ExecContext& ctx, const ShowCharsetStmt& stmt);
StatusOr<StatementResult> ExecuteShowCollation(ExecContext& ctx, const ShowCollationStmt& stmt);
StatusOr<StatementResult> ExecuteShowProcesslist(ExecContext& ctx, const ShowProcesslistStmt& stmt);

// database_statements.cc
StatusOr<StatementResult> ExecuteCreateDatabase(ExecContext& ctx, const CreateDatabaseStmt& stmt);
StatusOr<StatementResult> ExecuteDropDatabase(ExecContext& ctx, const DropDatabaseStmt& stmt);
StatusOr<StatementResult> ExecuteShowDatabases(ExecContext& ctx, const ShowDatabasesStmt& stmt);

// table_statements.cc
StatusOr<StatementResult> ExecuteShowTables(ExecContext& ctx, const ShowTablesStmt& stmt);
StatusOr<StatementResult> ExecuteCreateTable(ExecContext& ctx, const CreateTableStmt& stmt);
StatusOr<StatementResult> ExecuteDropTable(ExecContext& ctx, const DropTableStmt& stmt);
StatusOr<StatementResult> ExecuteTruncateTable(ExecContext& ctx, const TruncateTableStmt& stmt);
StatusOr<StatementResult> ExecuteShowTablet(ExecContext& ctx, const ShowTabletStmt& stmt);
StatusOr<StatementResult> ExecuteShowCreateTable(ExecContext& ctx,
                                                 const ShowCreateTableStmt& stmt);
StatusOr<StatementResult> ExecuteDescribe(ExecContext& ctx, const DescribeStmt& stmt);
StatusOr<StatementResult> ExecuteShowColumns(ExecContext& ctx, const ShowColumnsStmt& stmt);

// partition_statements.cc
StatusOr<StatementResult> ExecuteAlterTable(ExecContext& ctx, const AlterTableStmt& stmt);
StatusOr<StatementResult> ExecuteShowPartitions(ExecContext& ctx, const ShowPartitionsStmt& stmt);

// insert_statement.cc
StatusOr<StatementResult> ExecuteInsert(ExecContext& ctx, const InsertStmt& stmt);
StatusOr<StatementResult> ExecuteDelete(ExecContext& ctx, const DeleteStmt& stmt);

// routine_load_statements.cc
StatusOr<StatementResult> ExecuteCreateRoutineLoad(ExecContext& ctx,
                                                   const CreateRoutineLoadStmt& stmt);
StatusOr<StatementResult> ExecuteAlterRoutineLoad(ExecContext& ctx,
                                                  const AlterRoutineLoadStmt& stmt);
StatusOr<StatementResult> ExecuteRoutineLoadStateChange(ExecContext& ctx, const Statement& stmt);
StatusOr<StatementResult> ExecuteShowRoutineLoad(ExecContext& ctx, const ShowRoutineLoadStmt& stmt);
StatusOr<StatementResult> ExecuteShowRoutineLoadTask(ExecContext& ctx,
                                                     const ShowRoutineLoadTaskStmt& stmt);
StatusOr<StatementResult> ExecuteShowCreateRoutineLoad(ExecContext& ctx,
                                                       const ShowCreateRoutineLoadStmt& stmt);

// routine_load_statements.cc
StatusOr<StatementResult> ExecuteCreateRoutineLoad(ExecContext& ctx,
                                                   const CreateRoutineLoadStmt& stmt);
StatusOr<StatementResult> ExecuteAlterRoutineLoad(ExecContext& ctx,
                                                  const AlterRoutineLoadStmt& stmt);
StatusOr<StatementResult> ExecuteRoutineLoadStateChange(ExecContext& ctx, const Statement& stmt);
StatusOr<StatementResult> ExecuteShowRoutineLoad(ExecContext& ctx, const ShowRoutineLoadStmt& stmt);
StatusOr<StatementResult> ExecuteShowRoutineLoadTask(ExecContext& ctx,
                                                     const ShowRoutineLoadTaskStmt& stmt);
StatusOr<StatementResult> ExecuteShowCreateRoutineLoad(ExecContext& ctx,
                                                       const ShowCreateRoutineLoadStmt& stmt);

// admin_statements.cc
StatusOr<StatementResult> ExecuteAdminSetConfig(ExecContext& ctx,
                                                const AdminSetFrontendConfigStmt& stmt);
StatusOr<StatementResult> ExecuteAdminShowConfig(ExecContext& ctx,
                                                 const AdminShowFrontendConfigStmt& stmt);

// user_statements.cc
StatusOr<StatementResult> ExecuteCreateUser(ExecContext& ctx, const CreateUserStmt& stmt);
StatusOr<StatementResult> ExecuteDropUser(ExecContext& ctx, const DropUserStmt& stmt);
StatusOr<StatementResult> ExecuteSetPassword(ExecContext& ctx, const SetPasswordStmt& stmt);
StatusOr<StatementResult> ExecuteGrant(ExecContext& ctx, const GrantStmt& stmt);
StatusOr<StatementResult> ExecuteRevoke(ExecContext& ctx, const RevokeStmt& stmt);
StatusOr<StatementResult> ExecuteShowGrants(ExecContext& ctx, const ShowGrantsStmt& stmt);

// privileges.cc: the checks shared by the handlers. Each returns OK or the MySQL error a
// client expects (1142 naming the command, user and table; 1044 for a database; 1227 for
// administrator-only statements).
Status CheckTablePrivilege(ExecContext& ctx, Privilege privilege, const std::string& db,
                           const std::string& table);
Status CheckDatabasePrivilege(ExecContext& ctx, Privilege privilege, const std::string& db);
Status CheckAnyPrivilegeOnTable(ExecContext& ctx, const std::string& db, const std::string& table,
                                std::string_view command);
Status CheckAdmin(ExecContext& ctx, std::string_view what);
// The privilege a statement that is parsed but not executed yet would need (INSERT on its table
// for CREATE ROUTINE LOAD), so that refusals come before "not supported yet".
Status CheckStatementPrivilege(ExecContext& ctx, const Statement& stmt);

// The database a statement names, or the session's current one; 1046 when neither.
StatusOr<std::string> ResolveDatabase(ExecContext& ctx, const std::string& written);

// Keeps the rows of `rs` that pass `filter` (LIKE on the first column, or WHERE over the
// columns by name). Used by every SHOW with a LIKE / WHERE tail.
Status ApplyShowFilter(ExecContext& ctx, const ShowFilter& filter, ResultSet* rs);
// Keeps the rows of `rs` for which `condition` (over the columns by name) is true.
Status ApplyShowWhere(ExecContext& ctx, const Expr& condition, ResultSet* rs);

}  // namespace tributary
