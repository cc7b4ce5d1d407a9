// INSERT INTO t [(columns)] VALUES (...), ... and INSERT INTO t [(columns)] SELECT ...: converts
// the values to the column types with StarRocks' rules and loads them as one transaction through
// the load pipeline's TableSink. DELETE FROM t WHERE ... (PRIMARY KEY tables) runs its query and
// loads the matching rows as DELETEs, one transaction too.
//
// VALUES items are evaluated by the expression engine and then parsed into the column's type,
// so '1.5' into an INT column is an error (1366), as StarRocks' strict INSERT gives. SELECT
// results are cast column by column; a value that cannot take the column's type is an error
// naming the row, and NULL into a NOT NULL column is error 1048.
#include <fmt/format.h>

#include <chrono>

#include "catalog/catalog.h"
#include "column/value_append.h"
#include "expr/cast_kernel.h"
#include "expr/expr_binder.h"
#include "frontend/frontend.h"
#include "frontend/statement_handlers.h"
#include "load/table_sink.h"
#include "query/relation_scope.h"
#include "txn/label.h"
#include "types/time_zone.h"
#include "types/value_parse.h"

namespace tributary {
namespace {

// The value a column takes when a row does not give one (or gives DEFAULT).
StatusOr<Value> DefaultValue(ExecContext& ctx, const ColumnInfo& column) {
    if (!column.default_value) {
        if (column.nullable) return Value::Null();
        return Status::InvalidArgument(
            fmt::format("Field '{}' doesn't have a default value", column.name),
            ErrorCode::kNoDefaultForField);
    }
    if (column.default_value->is_current_timestamp) {
        ASSIGN_OR_RETURN(VariableValue tz_name, ctx.session.variables().Get("time_zone"));
        ASSIGN_OR_RETURN(auto tz, TimeZone::Find(tz_name.text));
        const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
        ASSIGN_OR_RETURN(int64_t datetime, tz->ToDateTime(now));
        return Value::DateTime(datetime);
    }
    return ParseValue(column.default_value->literal, column.type);
}

// One VALUES item converted to `column`'s type.
StatusOr<Value> ConvertValue(ExecContext& ctx, const QueryEnvironment& env, const Expr& expr,
                             const ColumnInfo& column) {
    if (expr.kind == ExprKind::kDefault) return DefaultValue(ctx, column);
    const RelationScope no_columns(env, {});
    ASSIGN_OR_RETURN(ExprNodePtr node, BindExpression(expr, no_columns, env.eval));
    ASSIGN_OR_RETURN(Value v, EvaluateConstant(*node, env.eval));
    if (v.is_null()) {
        if (!column.nullable) {
            return Status::InvalidArgument(fmt::format("Column '{}' cannot be null", column.name),
                                           ErrorCode::kBadNullError);
        }
        return Value::Null();
    }
    return ParseValue(v.Format(node->type()), column.type);
}

// INSERT ... SELECT: casts each query column into its table column.
StatusOr<Chunk> ConvertQueryChunk(ExecContext& ctx, const TableInfo& table,
                                  const std::vector<int>& source, const Chunk& chunk,
                                  size_t first_row) {
    const size_t rows = chunk.num_rows();
    std::vector<ColumnPtr> columns;
    for (size_t c = 0; c < table.columns.size(); ++c) {
        const ColumnInfo& column = table.columns[c];
        EvalColumn value;
        if (source[c] < 0) {
            ASSIGN_OR_RETURN(Value d, DefaultValue(ctx, column));
            value = MakeConstant(column.type, d);
        } else {
            const EvalColumn in = EvalColumn::Borrow(*chunk.column(source[c]));
            ASSIGN_OR_RETURN(value, CastColumn(in, column.type, rows));
            for (size_t r = 0; r < rows; ++r) {
                if (value.IsNullAt(r) && !in.IsNullAt(r)) {
                    return Status::InvalidArgument(
                        fmt::format("row {}, column '{}': '{}' is not a valid {}",
                                    first_row + r + 1, column.name, in.column->DebugString(r),
                                    column.type.ToSql()),
                        ErrorCode::kIncorrectValue);
                }
            }
        }
        ColumnPtr out = MakeColumn(column.type, column.nullable);
        for (size_t r = 0; r < rows; ++r) {
            Status st = AppendValue(out.get(), value.ValueAt(r));
            if (!st.ok()) {
                return Status::InvalidArgument(fmt::format("row {}: Column '{}' cannot be null",
                                                           first_row + r + 1, column.name),
                                               ErrorCode::kBadNullError);
            }
        }
        columns.push_back(std::move(out));
    }
    return Chunk(TableSink::SchemaOf(table), std::move(columns));
}

// Commits a statement's load (within the session's query_timeout) and answers as StarRocks
// does. `label` empty: the transaction manager makes one.
StatusOr<StatementResult> CommitStatement(ExecContext& ctx, TableSink& sink, std::string label) {
    SinkCommitOptions options;
    options.label = std::move(label);
    ASSIGN_OR_RETURN(VariableValue timeout, ctx.session.variables().Get("query_timeout"));
    options.timeout_seconds = timeout.number > 0 ? timeout.number : 300;
    ASSIGN_OR_RETURN(SinkCommitResult committed, sink.Commit(options));
    StatementResult result = StatementResult::Ok(committed.rows);
    // StarRocks' reply text, which clients print after "Query OK".
    result.info = fmt::format("{{'label':'{}', 'status':'VISIBLE', 'txnId':'{}'}}", committed.label,
                              committed.txn_id);
    return result;
}

}  // namespace

StatusOr<StatementResult> ExecuteInsert(ExecContext& ctx, const InsertStmt& stmt) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, stmt.table.db));
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kInsert, db, stmt.table.name));
    ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table,
                     ctx.catalog.GetTable(db, stmt.table.name));
    if (stmt.overwrite || !stmt.partitions.empty()) {
        return Status::NotSupported(
            "INSERT OVERWRITE and INSERT ... PARTITION are not supported yet");
    }

    // Where each table column's value comes from: a position in the VALUES rows, or -1.
    std::vector<int> source(table->columns.size(), -1);
    size_t width = table->columns.size();
    if (stmt.columns_written) {
        width = stmt.columns.size();
        for (size_t i = 0; i < stmt.columns.size(); ++i) {
            int c = table->ColumnIndex(stmt.columns[i]);
            if (c < 0) {
                return Status::NotFound(
                    fmt::format("Unknown column '{}' in '{}'", stmt.columns[i], table->name),
                    ErrorCode::kBadFieldError);
            }
            if (source[c] >= 0) {
                return Status::InvalidArgument(
                    fmt::format("Column '{}' specified twice", stmt.columns[i]),
                    ErrorCode::kFieldSpecifiedTwice);
            }
            source[c] = static_cast<int>(i);
        }
    } else {
        for (size_t c = 0; c < source.size(); ++c) source[c] = static_cast<int>(c);
    }

    const QueryEnvironment env = MakeQueryEnvironment(ctx);
    TableSink sink(ctx.frontend.load_services(), table);
    if (stmt.query) {
        ASSIGN_OR_RETURN(QueryPlan plan, PlanQuery(*stmt.query, env));
        if (plan.root->schema().size() != width) {
            return Status::InvalidArgument(
                fmt::format(
                    "Column count doesn't match value count: {} columns, the query gives {}", width,
                    plan.root->schema().size()),
                ErrorCode::kWrongValueCountOnRow);
        }
        size_t done = 0;
        while (true) {
            ASSIGN_OR_RETURN(std::optional<Chunk> chunk, plan.root->Next());
            if (!chunk) break;
            ASSIGN_OR_RETURN(Chunk rows, ConvertQueryChunk(ctx, *table, source, *chunk, done));
            done += chunk->num_rows();
            RETURN_IF_ERROR(sink.Append(rows));
        }
    } else {
        Chunk rows(TableSink::SchemaOf(*table));
        for (size_t r = 0; r < stmt.rows.size(); ++r) {
            const ExprList& values = stmt.rows[r];
            if (values.size() != width) {
                return Status::InvalidArgument(
                    fmt::format("Column count doesn't match value count at row {}", r + 1),
                    ErrorCode::kWrongValueCountOnRow);
            }
            for (size_t c = 0; c < table->columns.size(); ++c) {
                const ColumnInfo& column = table->columns[c];
                auto value = source[c] >= 0 ? ConvertValue(ctx, env, *values[source[c]], column)
                                            : DefaultValue(ctx, column);
                if (!value.ok()) {
                    return value.status().Prefixed(
                        fmt::format("row {}, column '{}'", r + 1, column.name));
                }
                RETURN_IF_ERROR(AppendValue(rows.column(c), *value));
            }
        }
        RETURN_IF_ERROR(sink.Append(rows));
    }
    return CommitStatement(ctx, sink, stmt.label);
}

StatusOr<StatementResult> ExecuteDelete(ExecContext& ctx, const DeleteStmt& stmt) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, stmt.table.db));
    // No DELETE privilege yet: deleting rows needs INSERT (a load) and SELECT (its query).
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kInsert, db, stmt.table.name));
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kSelect, db, stmt.table.name));
    ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table,
                     ctx.catalog.GetTable(db, stmt.table.name));
    if (table->model != KeyModel::kPrimary) {
        return Status::NotSupported(
            fmt::format("DELETE is supported on PRIMARY KEY tables; table '{}' is {}", table->name,
                        KeyModelSql(table->model)));
    }
    const QueryEnvironment env = MakeQueryEnvironment(ctx);
    ASSIGN_OR_RETURN(QueryPlan plan, PlanQuery(*stmt.query, env));
    std::vector<int> source(table->columns.size());
    for (size_t c = 0; c < source.size(); ++c) source[c] = static_cast<int>(c);
    TableSink sink(ctx.frontend.load_services(), table);
    size_t done = 0;
    while (true) {
        ASSIGN_OR_RETURN(std::optional<Chunk> chunk, plan.root->Next());
        if (!chunk) break;
        ASSIGN_OR_RETURN(Chunk rows, ConvertQueryChunk(ctx, *table, source, *chunk, done));
        done += chunk->num_rows();
        const std::vector<uint8_t> ops(rows.num_rows(), kOpDelete);
        RETURN_IF_ERROR(sink.Append(rows, nullptr, ops));
    }
    return CommitStatement(ctx, sink, GenerateLabel("delete"));
}

}  // namespace tributary
