#include "frontend/frontend.h"

#include <fmt/format.h>

#include <chrono>

#include "base/logging.h"
#include "catalog/catalog.h"
#include "frontend/statement_handlers.h"
#include "sql/parser.h"

namespace tributary {
namespace {

int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

Frontend::Frontend(Catalog* catalog, LoadServices load_services, PasswordFormat password_format,
                   RoutineLoadManager* routine_loads)
    : catalog_(catalog),
      load_services_(load_services),
      password_format_(std::move(password_format)),
      routine_loads_(routine_loads) {}

QueryOutcome Frontend::ExecuteQuery(Session& session, std::string_view sql, bool allow_multi) {
    QueryOutcome outcome;
    session.warnings().clear();
    auto parsed = ParseStatements(sql);
    if (!parsed.ok()) {
        outcome.error = parsed.status();
        return outcome;
    }
    if (parsed->empty()) {
        outcome.error = Status::InvalidArgument("Query was empty", ErrorCode::kEmptyQuery);
        return outcome;
    }
    if (!allow_multi && parsed->size() > 1) {
        outcome.error = Status::SyntaxError(
            "the query holds several statements but the client did not enable "
            "CLIENT_MULTI_STATEMENTS; send them one at a time");
        return outcome;
    }
    for (const auto& stmt : *parsed) {
        SetCommand(session.connection_id(), "Query", stmt->sql, session.current_db());
        auto result = ExecuteStatement(session, *stmt);
        if (!result.ok()) {
            outcome.error = std::move(result).TakeStatus();
            LOG_DEBUG("connection {}: {} failed: {}", session.connection_id(),
                      StatementKindName(stmt->kind), outcome.error.ToString());
            break;
        }
        outcome.results.push_back(std::move(result).value());
    }
    SetCommand(session.connection_id(), "Sleep", "", session.current_db());
    return outcome;
}

StatusOr<StatementResult> Frontend::ExecuteStatement(Session& session, const Statement& stmt) {
    ExecContext ctx{*catalog_, session, *this};
    switch (stmt.kind) {
        // Session and client statements.
        case StatementKind::kSelect: return ExecuteSelect(ctx, stmt.As<SelectStmt>());
        case StatementKind::kSet: return ExecuteSet(ctx, stmt.As<SetStmt>());
        case StatementKind::kUse:
            RETURN_IF_ERROR(UseDatabase(session, stmt.As<UseStmt>().database));
            return StatementResult::Ok();
        case StatementKind::kShowVariables:
            return ExecuteShowVariables(ctx, stmt.As<ShowVariablesStmt>());
        case StatementKind::kShowStatus: return ExecuteShowStatus(ctx, stmt.As<ShowStatusStmt>());
        case StatementKind::kShowWarnings: return ExecuteShowWarnings(ctx, false);
        case StatementKind::kShowErrors: return ExecuteShowWarnings(ctx, true);
        case StatementKind::kShowEngines: return ExecuteShowEngines(ctx);
        case StatementKind::kShowCharset: return ExecuteShowCharset(ctx, stmt.As<ShowCharsetStmt>());
        case StatementKind::kShowCollation:
            return ExecuteShowCollation(ctx, stmt.As<ShowCollationStmt>());
        case StatementKind::kShowProcesslist:
            return ExecuteShowProcesslist(ctx, stmt.As<ShowProcesslistStmt>());
        // Databases.
        case StatementKind::kCreateDatabase:
            return ExecuteCreateDatabase(ctx, stmt.As<CreateDatabaseStmt>());
        case StatementKind::kDropDatabase:
            return ExecuteDropDatabase(ctx, stmt.As<DropDatabaseStmt>());
        case StatementKind::kShowDatabases:
            return ExecuteShowDatabases(ctx, stmt.As<ShowDatabasesStmt>());
        // Tables.
        case StatementKind::kShowTables: return ExecuteShowTables(ctx, stmt.As<ShowTablesStmt>());
        case StatementKind::kCreateTable:
            return ExecuteCreateTable(ctx, stmt.As<CreateTableStmt>());
        case StatementKind::kDropTable: return ExecuteDropTable(ctx, stmt.As<DropTableStmt>());
        case StatementKind::kShowCreateTable:
            return ExecuteShowCreateTable(ctx, stmt.As<ShowCreateTableStmt>());
        case StatementKind::kDescribe: return ExecuteDescribe(ctx, stmt.As<DescribeStmt>());
        case StatementKind::kShowColumns:
            return ExecuteShowColumns(ctx, stmt.As<ShowColumnsStmt>());
        case StatementKind::kAlterTable: return ExecuteAlterTable(ctx, stmt.As<AlterTableStmt>());
        case StatementKind::kShowTablet: return ExecuteShowTablet(ctx, stmt.As<ShowTabletStmt>());
        case StatementKind::kShowPartitions:
            return ExecuteShowPartitions(ctx, stmt.As<ShowPartitionsStmt>());
        // Administration.
        case StatementKind::kAdminSetFrontendConfig:
            return ExecuteAdminSetConfig(ctx, stmt.As<AdminSetFrontendConfigStmt>());
        case StatementKind::kAdminShowFrontendConfig:
            return ExecuteAdminShowConfig(ctx, stmt.As<AdminShowFrontendConfigStmt>());
        // Users and privileges.
        case StatementKind::kCreateUser: return ExecuteCreateUser(ctx, stmt.As<CreateUserStmt>());
        case StatementKind::kDropUser: return ExecuteDropUser(ctx, stmt.As<DropUserStmt>());
        case StatementKind::kSetPassword:
            return ExecuteSetPassword(ctx, stmt.As<SetPasswordStmt>());
        case StatementKind::kGrant: return ExecuteGrant(ctx, stmt.As<GrantStmt>());
        case StatementKind::kRevoke: return ExecuteRevoke(ctx, stmt.As<RevokeStmt>());
        case StatementKind::kShowGrants: return ExecuteShowGrants(ctx, stmt.As<ShowGrantsStmt>());
        // Data.
        case StatementKind::kInsert: return ExecuteInsert(ctx, stmt.As<InsertStmt>());
        case StatementKind::kDelete: return ExecuteDelete(ctx, stmt.As<DeleteStmt>());
        case StatementKind::kTruncateTable:
            return ExecuteTruncateTable(ctx, stmt.As<TruncateTableStmt>());
        // Routine Load.
        case StatementKind::kCreateRoutineLoad:
            return ExecuteCreateRoutineLoad(ctx, stmt.As<CreateRoutineLoadStmt>());
        case StatementKind::kAlterRoutineLoad:
            return ExecuteAlterRoutineLoad(ctx, stmt.As<AlterRoutineLoadStmt>());
        case StatementKind::kPauseRoutineLoad:
        case StatementKind::kResumeRoutineLoad:
        case StatementKind::kStopRoutineLoad:
            return ExecuteRoutineLoadStateChange(ctx, stmt);
        case StatementKind::kShowRoutineLoad:
            return ExecuteShowRoutineLoad(ctx, stmt.As<ShowRoutineLoadStmt>());
        case StatementKind::kShowRoutineLoadTask:
            return ExecuteShowRoutineLoadTask(ctx, stmt.As<ShowRoutineLoadTaskStmt>());
        case StatementKind::kShowCreateRoutineLoad:
            return ExecuteShowCreateRoutineLoad(ctx, stmt.As<ShowCreateRoutineLoadStmt>());
    }
    return Status::Internal("unhandled statement kind");
}

int64_t Frontend::UptimeSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                            started_)
        .count();
}

void Frontend::RegisterSession(const Session& session) {
    std::lock_guard lock(processes_mu_);
    ProcessInfo& p = processes_[session.connection_id()];
    p.id = session.connection_id();
    p.user = session.user().name;
    p.host = session.client_host();
    p.db = session.current_db();
    p.command_start_ms = NowMs();
}

void Frontend::UnregisterSession(uint32_t connection_id) {
    std::lock_guard lock(processes_mu_);
    processes_.erase(connection_id);
}

std::vector<ProcessInfo> Frontend::Processes() const {
    std::lock_guard lock(processes_mu_);
    std::vector<ProcessInfo> out;
    for (const auto& [id, p] : processes_) out.push_back(p);
    return out;
}

void Frontend::SetCommand(uint32_t id, std::string_view command, std::string_view info,
                          std::string_view db) {
    std::lock_guard lock(processes_mu_);
    auto it = processes_.find(id);
    if (it == processes_.end()) return;
    it->second.command = std::string(command);
    it->second.info = std::string(info);
    it->second.db = std::string(db);
    it->second.command_start_ms = NowMs();
}

}  // namespace tributary
