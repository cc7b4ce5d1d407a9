// SELECT and EXPLAIN SELECT: planned by src/query, run by src/exec, returned as a ResultSet.
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "exec/operator.h"
#include "frontend/frontend.h"
#include "frontend/statement_handlers.h"
#include "frontend/version.h"
#include "query/query_planner.h"

namespace tributary {

namespace {

TypedValue Text(std::string s) {
    return TypedValue{TypeDesc::Varchar(256), Value::String(std::move(s))};
}
TypedValue Number(int64_t v) {
    return TypedValue{TypeDesc::Of(LogicalType::kBigInt), Value::BigInt(v)};
}
TypedValue NullText() { return TypedValue{TypeDesc::Varchar(256), Value::Null()}; }

std::shared_ptr<const TimeZone> SessionTimeZone(const Session& session) {
    StatusOr<VariableValue> tz = session.variables().Get("time_zone");
    if (tz.ok() && tz->kind == VariableKind::kString && !tz->is_null) {
        StatusOr<std::shared_ptr<const TimeZone>> zone = TimeZone::Find(tz->text);
        if (zone.ok()) return *zone;
    }
    return TimeZone::Fixed("UTC", 0);
}

}  // namespace

QueryEnvironment MakeQueryEnvironment(ExecContext& ctx) {
    QueryEnvironment env;
    env.catalog = &ctx.catalog;
    env.services = ctx.frontend.load_services();
    env.current_db = ctx.session.current_db();
    env.eval.time_zone = SessionTimeZone(ctx.session);
    env.eval.now_unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
    env.workers = std::max(1u, std::thread::hardware_concurrency());
    env.check_select = [&ctx](const std::string& db, const std::string& table) {
        return CheckTablePrivilege(ctx, Privilege::kSelect, db, table);
    };
    const Session* session = &ctx.session;
    env.variable = [session](const VariableExpr& var) -> std::optional<StatusOr<TypedValue>> {
        if (!var.is_system) return StatusOr<TypedValue>(NullText());  // user variables: not kept
        StatusOr<VariableValue> v = session->variables().Get(var.name);
        if (!v.ok()) return StatusOr<TypedValue>(v.status());
        if (v->kind != VariableKind::kString) return StatusOr<TypedValue>(Number(v->number));
        if (v->is_null) return StatusOr<TypedValue>(NullText());
        return StatusOr<TypedValue>(Text(v->text));
    };
    env.session_function = [session](std::string_view name) -> std::optional<StatusOr<TypedValue>> {
        if (name == "database" || name == "schema") {
            return StatusOr<TypedValue>(
                session->current_db().empty() ? NullText() : Text(session->current_db()));
        }
        if (name == "user" || name == "session_user" || name == "system_user") {
            return StatusOr<TypedValue>(Text(session->login_string()));
        }
        if (name == "current_user")
            return StatusOr<TypedValue>(Text(session->current_user_string()));
        if (name == "connection_id") return StatusOr<TypedValue>(Number(session->connection_id()));
        if (name == "version") return StatusOr<TypedValue>(Text(kMysqlServerVersion));
        if (name == "last_insert_id") return StatusOr<TypedValue>(Number(0));
        return std::nullopt;
    };
    return env;
}

StatusOr<ResultSet> RunQuery(ExecContext& ctx, const Query& query) {
    const QueryEnvironment env = MakeQueryEnvironment(ctx);
    ASSIGN_OR_RETURN(QueryPlan plan, PlanQuery(query, env));
    ResultSet rs;
    const ChunkSchema& schema = plan.root->schema();
    for (size_t c = 0; c < schema.size(); ++c) {
        rs.AddColumn(plan.column_names[c], schema.columns[c].type, schema.columns[c].nullable);
    }
    while (true) {
        ASSIGN_OR_RETURN(std::optional<Chunk> chunk, plan.root->Next());
        if (!chunk) break;
        for (size_t row = 0; row < chunk->num_rows(); ++row) {
            ResultRow out;
            out.reserve(schema.size());
            for (size_t c = 0; c < schema.size(); ++c) {
                const Column& column = *chunk->column(c);
                if (column.IsNullAt(row)) {
                    out.push_back(std::nullopt);
                } else {
                    out.push_back(column.DebugString(row));
                }
            }
            rs.rows.push_back(std::move(out));
        }
    }
    return rs;
}

StatusOr<StatementResult> ExecuteSelect(ExecContext& ctx, const SelectStmt& stmt) {
    if (stmt.explain) {
        const QueryEnvironment env = MakeQueryEnvironment(ctx);
        ASSIGN_OR_RETURN(QueryPlan plan, PlanQuery(*stmt.query, env));
        ResultSet rs;
        rs.AddColumn("Explain String", TypeDesc::Varchar(1024), false);
        const std::string text = ExplainPlan(*plan.root);
        size_t start = 0;
        while (start < text.size()) {
            const size_t end = text.find('\n', start);
            rs.rows.push_back({text.substr(start, end - start)});
            if (end == std::string::npos) break;
            start = end + 1;
        }
        return StatementResult::Rows(std::move(rs));
    }
    ASSIGN_OR_RETURN(ResultSet rs, RunQuery(ctx, *stmt.query));
    return StatementResult::Rows(std::move(rs));
}

}  // namespace tributary
