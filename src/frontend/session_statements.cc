// SET, and the SHOW statements MySQL clients send.
#include <fmt/format.h>

#include <chrono>

#include "base/string_util.h"
#include "catalog/catalog.h"
#include "frontend/frontend.h"
#include "frontend/simple_eval.h"
#include "frontend/statement_handlers.h"

namespace tributary {
namespace {

ResultSet VariableRows(const std::vector<std::pair<std::string, std::string>>& vars) {
    ResultSet rs;
    rs.AddColumn("Variable_name", TypeDesc::Varchar(64), false)
        .AddColumn("Value", TypeDesc::Varchar(1024));
    for (const auto& [name, value] : vars) rs.rows.push_back({name, value});
    return rs;
}

}  // namespace

Status ApplyShowFilter(ExecContext& ctx, const ShowFilter& filter, ResultSet* rs) {
    if (filter.like) {
        std::vector<ResultRow> kept;
        for (auto& row : rs->rows) {
            if (row[0] && LikeMatch(*row[0], *filter.like, true)) kept.push_back(std::move(row));
        }
        rs->rows = std::move(kept);
        return Status::OK();
    }
    if (!filter.where) return Status::OK();
    std::vector<ResultRow> kept;
    for (auto& row : rs->rows) {
        ColumnResolver resolve = [&](const std::string& name) -> StatusOr<SimpleValue> {
            for (size_t i = 0; i < rs->columns.size(); ++i) {
                if (EqualsIgnoreCase(rs->columns[i].name, name)) {
                    if (!row[i]) return SimpleValue::Null();
                    return SimpleValue::String(*row[i]);
                }
            }
            return Status::NotFound(fmt::format("Unknown column '{}' in 'where clause'", name),
                                    ErrorCode::kBadFieldError);
        };
        ASSIGN_OR_RETURN(SimpleValue keep, EvaluateSimple(*filter.where, ctx.session, resolve));
        if (keep.Truthy()) kept.push_back(std::move(row));
    }
    rs->rows = std::move(kept);
    return Status::OK();
}

StatusOr<StatementResult> ExecuteSet(ExecContext& ctx, const SetStmt& stmt) {
    SessionVariables& vars = ctx.session.variables();
    for (const SetAssignment& a : stmt.assignments) {
        switch (a.kind) {
            case SetAssignmentKind::kNames:
            case SetAssignmentKind::kCharacterSet: {
                // Every connection speaks utf8mb4; accept the usual names so clients connect.
                std::string cs = a.charset.empty() ? "utf8mb4" : ToLower(a.charset);
                if (cs != "utf8mb4" && cs != "utf8" && cs != "utf8mb3" && cs != "latin1" &&
                    cs != "binary" && cs != "ascii") {
                    return Status::InvalidArgument(fmt::format("Unknown character set: '{}'",
                                                               a.charset),
                                                   ErrorCode::kWrongValueForVar);
                }
                RETURN_IF_ERROR(vars.Set("character_set_client", cs, false, false, false));
                RETURN_IF_ERROR(vars.Set("character_set_results", cs, false, false, false));
                if (a.kind == SetAssignmentKind::kNames) {
                    RETURN_IF_ERROR(vars.Set("character_set_connection", cs, false, false, false));
                    if (!a.collation.empty()) {
                        RETURN_IF_ERROR(
                            vars.Set("collation_connection", a.collation, false, false, false));
                    }
                }
                break;
            }
            case SetAssignmentKind::kUserVariable:
                break;  // accepted; user variables are not kept yet
            case SetAssignmentKind::kSystemVariable: {
                bool is_default = a.value->kind == ExprKind::kDefault;
                std::string text;
                bool is_number = false, is_null = false;
                if (!is_default) {
                    ColumnResolver bare_word = [](const std::string& name) -> StatusOr<SimpleValue> {
                        return SimpleValue::String(name);  // SET sql_mode = ANSI, SET x = ON
                    };
                    ASSIGN_OR_RETURN(SimpleValue v,
                                     EvaluateSimple(*a.value, ctx.session, bare_word));
                    is_null = v.is_null();
                    is_number = v.kind == SimpleValue::Kind::kInt;
                    text = v.text;
                }
                if (a.scope == VariableScope::kGlobal) {
                    RETURN_IF_ERROR(SessionVariables::SetGlobal(a.name, text, is_number, is_null,
                                                                is_default));
                } else {
                    RETURN_IF_ERROR(vars.Set(a.name, text, is_number, is_null, is_default));
                }
                break;
            }
        }
    }
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteShowVariables(ExecContext& ctx, const ShowVariablesStmt& stmt) {
    ResultSet rs;
    if (stmt.scope == VariableScope::kGlobal) {
        rs = VariableRows(SessionVariables().All());
    } else {
        rs = VariableRows(ctx.session.variables().All());
    }
    RETURN_IF_ERROR(ApplyShowFilter(ctx, stmt.filter, &rs));
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowStatus(ExecContext& ctx, const ShowStatusStmt& stmt) {
    ResultSet rs = VariableRows({
        {"Threads_connected", std::to_string(ctx.frontend.Processes().size())},
        {"Uptime", std::to_string(ctx.frontend.UptimeSeconds())},
    });
    RETURN_IF_ERROR(ApplyShowFilter(ctx, stmt.filter, &rs));
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowWarnings(ExecContext& ctx, bool errors_only) {
    ResultSet rs;
    rs.AddColumn("Level", TypeDesc::Varchar(16), false)
        .AddColumn("Code", TypeDesc::Of(LogicalType::kInt), false)
        .AddColumn("Message", TypeDesc::Varchar(1024), false);
    for (const Warning& w : ctx.session.warnings()) {
        if (errors_only && w.level != "Error") continue;
        rs.rows.push_back({w.level, std::to_string(w.code), w.message});
    }
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowEngines(ExecContext&) {
    ResultSet rs;
    for (const char* c : {"Engine", "Support", "Comment", "Transactions", "XA", "Savepoints"}) {
        rs.AddColumn(c, TypeDesc::Varchar(64));
    }
    rs.rows.push_back({"OLAP", "DEFAULT", "Tributary's columnar storage engine", "YES", "NO",
                       "NO"});
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowCharset(ExecContext& ctx, const ShowCharsetStmt& stmt) {
    ResultSet rs;
    rs.AddColumn("Charset", TypeDesc::Varchar(64), false)
        .AddColumn("Description", TypeDesc::Varchar(64), false)
        .AddColumn("Default collation", TypeDesc::Varchar(64), false)
        .AddColumn("Maxlen", TypeDesc::Of(LogicalType::kBigInt), false);
    rs.rows.push_back({"utf8mb4", "UTF-8 Unicode", "utf8mb4_general_ci", "4"});
    rs.rows.push_back({"utf8", "UTF-8 Unicode", "utf8_general_ci", "3"});
    rs.rows.push_back({"binary", "Binary pseudo charset", "binary", "1"});
    RETURN_IF_ERROR(ApplyShowFilter(ctx, stmt.filter, &rs));
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowCollation(ExecContext& ctx, const ShowCollationStmt& stmt) {
    ResultSet rs;
    rs.AddColumn("Collation", TypeDesc::Varchar(64), false)
        .AddColumn("Charset", TypeDesc::Varchar(64), false)
        .AddColumn("Id", TypeDesc::Of(LogicalType::kBigInt), false)
        .AddColumn("Default", TypeDesc::Varchar(8), false)
        .AddColumn("Compiled", TypeDesc::Varchar(8), false)
        .AddColumn("Sortlen", TypeDesc::Of(LogicalType::kBigInt), false);
    rs.rows.push_back({"utf8mb4_general_ci", "utf8mb4", "45", "Yes", "Yes", "1"});
    rs.rows.push_back({"utf8_general_ci", "utf8", "33", "Yes", "Yes", "1"});
    rs.rows.push_back({"binary", "binary", "63", "Yes", "Yes", "1"});
    RETURN_IF_ERROR(ApplyShowFilter(ctx, stmt.filter, &rs));
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowProcesslist(ExecContext& ctx,
                                                 const ShowProcesslistStmt& stmt) {
    ResultSet rs;
    rs.AddColumn("Id", TypeDesc::Of(LogicalType::kBigInt), false)
        .AddColumn("User", TypeDesc::Varchar(64))
        .AddColumn("Host", TypeDesc::Varchar(64))
        .AddColumn("db", TypeDesc::Varchar(64))
        .AddColumn("Command", TypeDesc::Varchar(16))
        .AddColumn("Time", TypeDesc::Of(LogicalType::kBigInt))
        .AddColumn("State", TypeDesc::Varchar(64))
        .AddColumn("Info", TypeDesc::Varchar(65533));
    int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now().time_since_epoch())
                         .count();
    for (const ProcessInfo& p : ctx.frontend.Processes()) {
        std::optional<std::string> info;
        if (!p.info.empty()) info = stmt.full ? p.info : p.info.substr(0, 100);
        rs.rows.push_back({std::to_string(p.id), p.user, p.host,
                           p.db.empty() ? std::nullopt : std::optional<std::string>(p.db),
                           p.command, std::to_string((now_ms - p.command_start_ms) / 1000), "",
                           info});
    }
    return StatementResult::Rows(std::move(rs));
}

}  // namespace tributary
