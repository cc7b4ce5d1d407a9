// Privilege checks shared by the statement handlers, with MySQL's error numbers and texts.
#include <fmt/format.h>

#include "catalog/catalog.h"
#include "frontend/statement_handlers.h"

namespace tributary {
namespace {

UserIdentity Identity(const ExecContext& ctx) {
    return UserIdentity{ctx.session.user().name, ctx.session.user().host};
}

}  // namespace

StatusOr<std::string> ResolveDatabase(ExecContext& ctx, const std::string& written) {
    if (!written.empty()) return written;
    if (!ctx.session.current_db().empty()) return ctx.session.current_db();
    return Status::InvalidArgument("No database selected", ErrorCode::kNoDbSelected);
}

Status CheckTablePrivilege(ExecContext& ctx, Privilege privilege, const std::string& db,
                           const std::string& table) {
    if (ctx.catalog.HasPrivilege(Identity(ctx), privilege, db, table)) return Status::OK();
    return Status::PermissionDenied(
        fmt::format("{} command denied to user {} for table '{}'", PrivilegeName(privilege),
                    ctx.session.current_user_string(), table),
        ErrorCode::kTableAccessDenied);
}

Status CheckDatabasePrivilege(ExecContext& ctx, Privilege privilege, const std::string& db) {
    if (ctx.catalog.HasPrivilege(Identity(ctx), privilege, db, "")) return Status::OK();
    return Status::PermissionDenied(
        fmt::format("Access denied for user {} to database '{}' ({} privilege needed)",
                    ctx.session.current_user_string(), db, PrivilegeName(privilege)),
        ErrorCode::kDbAccessDenied);
}

Status CheckAnyPrivilegeOnTable(ExecContext& ctx, const std::string& db, const std::string& table,
                                std::string_view command) {
    if (ctx.catalog.HasAnyPrivilegeOn(Identity(ctx), db, table)) return Status::OK();
    return Status::PermissionDenied(
        fmt::format("{} command denied to user {} for table '{}'", command,
                    ctx.session.current_user_string(), table),
        ErrorCode::kTableAccessDenied);
}

Status CheckAdmin(ExecContext& ctx, std::string_view what) {
    if (ctx.catalog.IsAdmin(Identity(ctx))) return Status::OK();
    return Status::PermissionDenied(
        fmt::format("Access denied; you need (at least one of) the ALL ON *.* privilege(s) for "
                    "this operation ({})",
                    what),
        ErrorCode::kSpecificAccessDenied);
}

Status CheckStatementPrivilege(ExecContext& ctx, const Statement& stmt) {
    switch (stmt.kind) {
        case StatementKind::kCreateRoutineLoad: {
            // Managing a Routine Load job needs INSERT on its table (StarRocks' rule).
            const auto& s = stmt.As<CreateRoutineLoadStmt>();
            ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, s.job.db));
            return CheckTablePrivilege(ctx, Privilege::kInsert, db, s.table);
        }
        default:
            return Status::OK();
    }
}

}  // namespace tributary
