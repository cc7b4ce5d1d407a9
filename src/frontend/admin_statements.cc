// ADMIN SET FRONTEND CONFIG and ADMIN SHOW FRONTEND CONFIG.
#include <fmt/format.h>

#include "base/config.h"
#include "base/logging.h"
#include "frontend/statement_handlers.h"

namespace tributary {

StatusOr<StatementResult> ExecuteAdminSetConfig(ExecContext& ctx,
                                                const AdminSetFrontendConfigStmt& stmt) {
    RETURN_IF_ERROR(CheckAdmin(ctx, "ADMIN SET FRONTEND CONFIG"));
    if (stmt.configs.size() != 1) {
        return Status::InvalidArgument("ADMIN SET FRONTEND CONFIG takes exactly one \"key\" = \"value\"",
                                       ErrorCode::kWrongArguments);
    }
    const Property& p = stmt.configs.front();
    RETURN_IF_ERROR(ConfigRegistry::Instance().SetMutable(p.key, p.value));
    LOG_INFO("config {} set to {} by {}", p.key, p.value, ctx.session.current_user_string());
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteAdminShowConfig(ExecContext& ctx,
                                                 const AdminShowFrontendConfigStmt& stmt) {
    RETURN_IF_ERROR(CheckAdmin(ctx, "ADMIN SHOW FRONTEND CONFIG"));
    ResultSet rs;
    rs.AddColumn("Key", TypeDesc::Varchar(128), false)
        .AddColumn("AliasNames", TypeDesc::Varchar(128), false)
        .AddColumn("Value", TypeDesc::Varchar(1024), false)
        .AddColumn("Type", TypeDesc::Varchar(16), false)
        .AddColumn("IsMutable", TypeDesc::Varchar(8), false)
        .AddColumn("Comment", TypeDesc::Varchar(1024), false);
    for (const ConfigEntry& e : ConfigRegistry::Instance().List(stmt.like.value_or(""))) {
        rs.rows.push_back({e.name, "[]", e.value, e.type, e.is_mutable ? "true" : "false",
                           e.comment});
    }
    return StatementResult::Rows(std::move(rs));
}

}  // namespace tributary
