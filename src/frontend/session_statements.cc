// SELECT without tables, SET, and the SHOW statements MySQL clients send.
#include <fmt/format.h>

#include <chrono>

#include "base/string_util.h"
#include "catalog/catalog.h"
#include "exec/table_scan.h"
#include "frontend/frontend.h"
#include "frontend/simple_eval.h"
#include "frontend/statement_handlers.h"

namespace tributary {
namespace {

TypeDesc TypeOf(const SimpleValue& v) {
    switch (v.kind) {
        case SimpleValue::Kind::kInt: return TypeDesc::Of(LogicalType::kBigInt);
        case SimpleValue::Kind::kDouble: return TypeDesc::Of(LogicalType::kDouble);
        default: return TypeDesc::Varchar(256);
    }
}

// The column name MySQL gives an unaliased select item: the expression as written.
std::string ItemName(const SelectItem& item) {
    if (!item.alias.empty()) return item.alias;
    if (!item.text.empty()) return item.text;
    return item.expr->ToSql();
}

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

// SELECT <columns | *> FROM [db.]table [LIMIT n [OFFSET m]]: a whole-table read through the
// storage-level scan, until the query engine (src/exec operators) answers every SELECT.
StatusOr<StatementResult> SelectFromTable(ExecContext& ctx, const Query& query,
                                          const SelectBody& body) {
    const TableRef& from = *body.from;
    if (from.kind != TableRefKind::kTable || body.where || !body.group_by.empty() ||
        body.having || !query.order_by.empty() || body.distinct) {
        return Status::NotSupported(
            "this SELECT is not supported yet: only SELECT <columns | *> FROM <table> [LIMIT] "
            "reads tables until the query engine arrives with its own issue");
    }
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, from.table.db));
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kSelect, db, from.table.name));
    ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table,
                     ctx.catalog.GetTable(db, from.table.name));
    ResultSet rs;
    std::vector<int> projection;
    for (const SelectItem& item : body.items) {
        if (item.expr->kind == ExprKind::kStar) {
            for (size_t c = 0; c < table->columns.size(); ++c) {
                projection.push_back(static_cast<int>(c));
                rs.AddColumn(table->columns[c].name, table->columns[c].type,
                             table->columns[c].nullable);
            }
            continue;
        }
        const auto* ref = item.expr->TryAs<ColumnRefExpr>();
        if (ref == nullptr) {
            return Status::NotSupported(fmt::format(
                "expression '{}' over a table is not supported yet: only columns can be selected "
                "until the query engine arrives",
                item.text));
        }
        int c = table->ColumnIndex(ref->column);
        if (c < 0) {
            return Status::NotFound(
                fmt::format("Unknown column '{}' in 'field list'", ref->column),
                ErrorCode::kBadFieldError);
        }
        projection.push_back(c);
        rs.AddColumn(ItemName(item), table->columns[c].type, table->columns[c].nullable);
    }
    ASSIGN_OR_RETURN(std::vector<Chunk> chunks, ScanTable(ctx.frontend.load_services(), table));
    int64_t skip = query.limit ? query.limit->offset : 0;
    int64_t left = query.limit ? query.limit->count : INT64_MAX;
    for (const Chunk& chunk : chunks) {
        for (size_t row = 0; row < chunk.num_rows() && left > 0; ++row) {
            if (skip > 0) {
                --skip;
                continue;
            }
            ResultRow out;
            for (int c : projection) {
                const Column& column = *chunk.column(static_cast<size_t>(c));
                if (column.IsNullAt(row)) {
                    out.push_back(std::nullopt);
                } else {
                    out.push_back(column.DebugString(row));
                }
            }
            rs.rows.push_back(std::move(out));
            --left;
        }
    }
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteSelect(ExecContext& ctx, const SelectStmt& stmt) {
    const Query& query = *stmt.query;
    const auto* body = query.body->kind == QueryBodyKind::kSelect
                           ? &query.body->As<SelectBody>()
                           : nullptr;
    if (body != nullptr && body->from) return SelectFromTable(ctx, query, *body);
    if (body == nullptr || body->where || !body->group_by.empty() || body->having ||
        !query.order_by.empty()) {
        return Status::NotSupported(
            "this SELECT is not supported yet: the query engine arrives with its own issue");
    }
    ResultSet rs;
    ResultRow row;
    for (const SelectItem& item : body->items) {
        if (item.expr->kind == ExprKind::kStar) {
            return Status::InvalidArgument("No tables used", ErrorCode::kUnknownError);
        }
        ASSIGN_OR_RETURN(SimpleValue v, EvaluateSimple(*item.expr, ctx.session, nullptr));
        rs.AddColumn(ItemName(item), TypeOf(v), v.is_null());
        row.push_back(v.ToText());
    }
    bool limited_away = query.limit && (query.limit->count == 0 || query.limit->offset > 0);
    if (!limited_away) rs.rows.push_back(std::move(row));
    return StatementResult::Rows(std::move(rs));
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
