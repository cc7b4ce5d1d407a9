// CREATE DATABASE, DROP DATABASE, SHOW DATABASES, and USE.
#include <fmt/format.h>

#include "catalog/catalog.h"
#include "frontend/frontend.h"
#include "frontend/statement_handlers.h"

namespace tributary {

StatusOr<StatementResult> ExecuteCreateDatabase(ExecContext& ctx, const CreateDatabaseStmt& stmt) {
    RETURN_IF_ERROR(CheckDatabasePrivilege(ctx, Privilege::kCreate, stmt.name));
    if (!stmt.properties.empty()) {
        return Status::InvalidArgument(
            fmt::format("Unknown properties: {{{}={}}}", stmt.properties[0].key,
                        stmt.properties[0].value),
            ErrorCode::kUnknownError);
    }
    RETURN_IF_ERROR(ctx.catalog.CreateDatabase(stmt.name, stmt.if_not_exists).status());
    return StatementResult::Ok(1);
}

StatusOr<StatementResult> ExecuteDropDatabase(ExecContext& ctx, const DropDatabaseStmt& stmt) {
    RETURN_IF_ERROR(CheckDatabasePrivilege(ctx, Privilege::kDrop, stmt.name));
    RETURN_IF_ERROR(ctx.catalog.DropDatabase(stmt.name, stmt.if_exists));
    if (ctx.session.current_db() == stmt.name) ctx.session.set_current_db("");
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteShowDatabases(ExecContext& ctx, const ShowDatabasesStmt& stmt) {
    UserIdentity me{ctx.session.user().name, ctx.session.user().host};
    ResultSet rs;
    rs.AddColumn("Database", TypeDesc::Varchar(256), false);
    for (const auto& db : ctx.catalog.ListDatabases()) {
        if (ctx.catalog.HasAnyPrivilegeOn(me, db->name, "")) rs.rows.push_back({db->name});
    }
    RETURN_IF_ERROR(ApplyShowFilter(ctx, stmt.filter, &rs));
    return StatementResult::Rows(std::move(rs));
}

Status Frontend::UseDatabase(Session& session, std::string_view db) {
    RETURN_IF_ERROR(catalog_->GetDatabase(db).status());
    UserIdentity me{session.user().name, session.user().host};
    if (!catalog_->HasAnyPrivilegeOn(me, db, "")) {
        return Status::PermissionDenied(
            fmt::format("Access denied for user {} to database '{}'",
                        session.current_user_string(), db),
            ErrorCode::kDbAccessDenied);
    }
    session.set_current_db(std::string(db));
    SetCommand(session.connection_id(), "Sleep", "", db);
    return Status::OK();
}

StatusOr<LoginCandidate> Frontend::FindUserForLogin(std::string_view name,
                                                    std::string_view client_host) const {
    ASSIGN_OR_RETURN(LoginUser user, catalog_->FindUserForLogin(name, client_host));
    return LoginCandidate{SessionUser{user.identity.user, user.identity.host},
                          user.password_hash};
}

}  // namespace tributary
