// SET, and the SHOW statements MySQL clients send.
#include <fmt/format.h>

#include <chrono>

#include "base/string_util.h"
#include "catalog/catalog.h"
#include "column/value_append.h"
#include "expr/expr_nodes.h"
#include "expr/type_coercion.h"
#include "frontend/frontend.h"
#include "frontend/statement_handlers.h"
#include "query/relation_scope.h"

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
    return ApplyShowWhere(ctx, *filter.where, rs);
}

Status ApplyShowWhere(ExecContext& ctx, const Expr& condition, ResultSet* rs) {
    // The rows as VARCHAR columns, lower-cased, and the condition's strings lower-cased too:
    // MySQL compares metadata case-insensitively (SHOW VARIABLES WHERE Variable_name =
    // 'AUTOCOMMIT' finds autocommit).
    const QueryEnvironment env = MakeQueryEnvironment(ctx);
    ChunkSchema schema;
    std::vector<ScopeColumn> columns;
    for (const ResultColumn& c : rs->columns) {
        schema.columns.push_back(ColumnSchema{c.name, AnyVarchar(), true});
        columns.push_back(ScopeColumn{"", "", c.name, AnyVarchar(), true});
    }
    Chunk chunk(schema);
    for (const ResultRow& row : rs->rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            RETURN_IF_ERROR(AppendValue(chunk.column(i),
                                        row[i] ? Value::String(ToLower(*row[i])) : Value::Null()));
        }
    }
    class LowerCaseStrings final : public RelationScope {
    public:
        using RelationScope::RelationScope;
        StatusOr<ExprNodePtr> Intercept(const Expr& expr) const override {
            const auto* lit = expr.TryAs<LiteralExpr>();
            if (lit == nullptr || lit->literal_kind != LiteralKind::kString) return ExprNodePtr();
            return ExprNodePtr(
                std::make_unique<LiteralNode>(AnyVarchar(), Value::String(ToLower(lit->text))));
        }
    };
    const LowerCaseStrings scope(env, std::move(columns));
    ASSIGN_OR_RETURN(ExprNodePtr where, BindExpression(condition, scope, env.eval));
    ASSIGN_OR_RETURN(where,
                     CastNode(std::move(where), TypeDesc::Of(LogicalType::kBoolean), env.eval));
    if (rs->rows.empty()) return Status::OK();
    ASSIGN_OR_RETURN(RowMask keep, EvaluatePredicate(*where, chunk, env.eval));
    std::vector<ResultRow> kept;
    for (size_t r = 0; r < rs->rows.size(); ++r) {
        if (keep[r]) kept.push_back(std::move(rs->rows[r]));
    }
    rs->rows = std::move(kept);
    return Status::OK();
}

// The value of a SET assignment: an expression over session values, where a bare word is
// itself (SET sql_mode = ANSI, SET x = ON).
StatusOr<TypedValue> EvaluateSetValue(ExecContext& ctx, const Expr& expr) {
    class BareWords final : public RelationScope {
    public:
        using RelationScope::RelationScope;
        StatusOr<ExprNodePtr> Intercept(const Expr& e) const override {
            const auto* ref = e.TryAs<ColumnRefExpr>();
            if (ref == nullptr || !ref->table.empty()) return ExprNodePtr();
            return ExprNodePtr(
                std::make_unique<LiteralNode>(AnyVarchar(), Value::String(ref->column)));
        }
    };
    const QueryEnvironment env = MakeQueryEnvironment(ctx);
    const BareWords scope(env, {});
    ASSIGN_OR_RETURN(ExprNodePtr node, BindExpression(expr, scope, env.eval));
    ASSIGN_OR_RETURN(Value v, EvaluateConstant(*node, env.eval));
    return TypedValue{node->type(), std::move(v)};
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
                    return Status::InvalidArgument(
                        fmt::format("Unknown character set: '{}'", a.charset),
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
                    ASSIGN_OR_RETURN(TypedValue v, EvaluateSetValue(ctx, *a.value));
                    is_null = v.value.is_null();
                    is_number = v.type.IsInteger() || v.type.type == LogicalType::kBoolean;
                    if (!is_null) text = v.value.Format(v.type);
                }
                if (a.scope == VariableScope::kGlobal) {
                    RETURN_IF_ERROR(
                        SessionVariables::SetGlobal(a.name, text, is_number, is_null, is_default));
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
    rs.rows.push_back(
        {"OLAP", "DEFAULT", "Tributary's columnar storage engine", "YES", "NO", "NO"});
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
