// CREATE USER, DROP USER, SET PASSWORD, GRANT, REVOKE, SHOW GRANTS.
#include <fmt/format.h>

#include "base/string_util.h"
#include "catalog/catalog.h"
#include "frontend/frontend.h"
#include "frontend/statement_handlers.h"

namespace tributary {
namespace {

UserIdentity ToIdentity(const UserSpec& spec) { return UserIdentity{spec.user, spec.host}; }

UserIdentity Me(const ExecContext& ctx) {
    return UserIdentity{ctx.session.user().name, ctx.session.user().host};
}

// The stored hash for a password as written: plain text is hashed; the form PASSWORD() prints
// ('*' + 40 hex digits) is the hash itself.
StatusOr<std::string> StoredHash(ExecContext& ctx, const std::string& password, bool is_hashed) {
    const Frontend::PasswordFormat& format = ctx.frontend.password_format();
    if (!is_hashed) return format.hash(password);
    auto hash = format.parse_printed(password);
    if (!hash.ok()) {
        return Status::InvalidArgument(
            "Password hash should be a 41-digit hexadecimal number starting with '*'",
            ErrorCode::kPasswordNoMatch);
    }
    return hash;
}

StatusOr<PrivilegeSet> ToPrivileges(const std::vector<std::string>& names) {
    PrivilegeSet set;
    for (const std::string& name : names) {
        if (EqualsIgnoreCase(name, "ALL") || EqualsIgnoreCase(name, "ALL PRIVILEGES")) {
            set = PrivilegeSet::All();
            continue;
        }
        if (EqualsIgnoreCase(name, "USAGE")) continue;
        Privilege p;
        if (!ParsePrivilegeName(name, &p)) {
            return Status::NotSupported(fmt::format(
                "privilege {} is not supported; use SELECT, INSERT, ALTER, CREATE, DROP or ALL",
                name));
        }
        set = set.Union(PrivilegeSet::Of({p}));
    }
    return set;
}

GrantTarget ToTarget(const GrantOnClause& on) {
    switch (on.level) {
        case PrivilegeLevel::kGlobal: return GrantTarget::Global();
        case PrivilegeLevel::kDatabase: return GrantTarget::Database(on.db);
        case PrivilegeLevel::kTable: return GrantTarget::Table(on.db, on.table);
    }
    return GrantTarget::Global();
}

// `tbl` without a database in GRANT means the current database's table.
StatusOr<GrantOnClause> ResolveTarget(ExecContext& ctx, GrantOnClause on) {
    if (on.level == PrivilegeLevel::kTable && on.db.empty()) {
        ASSIGN_OR_RETURN(on.db, ResolveDatabase(ctx, ""));
    }
    return on;
}

}  // namespace

StatusOr<StatementResult> ExecuteCreateUser(ExecContext& ctx, const CreateUserStmt& stmt) {
    RETURN_IF_ERROR(CheckAdmin(ctx, "CREATE USER"));
    if (!stmt.auth_plugin.empty() && !EqualsIgnoreCase(stmt.auth_plugin, "mysql_native_password")) {
        return Status::NotSupported(fmt::format(
            "authentication plugin {} is not supported; use mysql_native_password",
            stmt.auth_plugin));
    }
    std::string hash;
    if (stmt.has_password) {
        ASSIGN_OR_RETURN(hash, StoredHash(ctx, stmt.password, stmt.is_hashed));
    }
    RETURN_IF_ERROR(ctx.catalog.CreateUser(ToIdentity(stmt.user), hash, stmt.if_not_exists));
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteDropUser(ExecContext& ctx, const DropUserStmt& stmt) {
    RETURN_IF_ERROR(CheckAdmin(ctx, "DROP USER"));
    RETURN_IF_ERROR(ctx.catalog.DropUser(ToIdentity(stmt.user), stmt.if_exists));
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteSetPassword(ExecContext& ctx, const SetPasswordStmt& stmt) {
    UserIdentity target = stmt.user ? ToIdentity(*stmt.user) : Me(ctx);
    if (!(target == Me(ctx))) RETURN_IF_ERROR(CheckAdmin(ctx, "SET PASSWORD FOR another user"));
    ASSIGN_OR_RETURN(std::string hash, StoredHash(ctx, stmt.password, stmt.is_hashed));
    RETURN_IF_ERROR(ctx.catalog.SetPassword(target, hash));
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteGrant(ExecContext& ctx, const GrantStmt& stmt) {
    RETURN_IF_ERROR(CheckAdmin(ctx, "GRANT"));
    ASSIGN_OR_RETURN(PrivilegeSet privileges, ToPrivileges(stmt.privileges));
    if (privileges.empty()) return StatementResult::Ok();  // GRANT USAGE grants nothing
    ASSIGN_OR_RETURN(GrantOnClause on, ResolveTarget(ctx, stmt.target));
    RETURN_IF_ERROR(ctx.catalog.Grant(ToIdentity(stmt.user), privileges, ToTarget(on)));
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteRevoke(ExecContext& ctx, const RevokeStmt& stmt) {
    RETURN_IF_ERROR(CheckAdmin(ctx, "REVOKE"));
    ASSIGN_OR_RETURN(PrivilegeSet privileges, ToPrivileges(stmt.privileges));
    if (privileges.empty()) return StatementResult::Ok();
    ASSIGN_OR_RETURN(GrantOnClause on, ResolveTarget(ctx, stmt.target));
    RETURN_IF_ERROR(ctx.catalog.Revoke(ToIdentity(stmt.user), privileges, ToTarget(on)));
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteShowGrants(ExecContext& ctx, const ShowGrantsStmt& stmt) {
    std::vector<UserIdentity> users;
    if (stmt.all) {
        RETURN_IF_ERROR(CheckAdmin(ctx, "SHOW ALL GRANTS"));
        users = ctx.catalog.ListUsers();
    } else {
        UserIdentity target = stmt.user ? ToIdentity(*stmt.user) : Me(ctx);
        if (!(target == Me(ctx))) RETURN_IF_ERROR(CheckAdmin(ctx, "SHOW GRANTS FOR another user"));
        users.push_back(target);
    }
    ResultSet rs;
    rs.AddColumn("UserIdentity", TypeDesc::Varchar(256), false)
        .AddColumn("Catalog", TypeDesc::Varchar(64))
        .AddColumn("Grants", TypeDesc::Varchar(65533), false);
    for (const UserIdentity& user : users) {
        ASSIGN_OR_RETURN(std::vector<std::string> lines, ctx.catalog.ShowGrants(user));
        for (std::string& line : lines) {
            rs.rows.push_back({user.ToString(), "default_catalog", std::move(line)});
        }
    }
    return StatementResult::Rows(std::move(rs));
}

}  // namespace tributary
