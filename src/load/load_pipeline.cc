#include "load/load_pipeline.h"

#include <fmt/format.h>

#include <chrono>
#include <optional>

#include "base/string_util.h"
#include "column/binary_column.h"
#include "column/nullable_column.h"
#include "expr/cast_kernel.h"
#include "expr/expr_binder.h"
#include "load/field_conversion.h"
#include "types/value_parse.h"

namespace tributary {
namespace {

// Names visible to an expression: each resolves to a column of the chunk it is evaluated on.
class NameScope final : public BindScope {
public:
    NameScope(std::string what, std::vector<BoundColumn> columns)
        : what_(std::move(what)), columns_(std::move(columns)) {}

    StatusOr<BoundColumn> ResolveColumn(const ColumnRefExpr& ref) const override {
        for (const BoundColumn& c : columns_) {
            if (EqualsIgnoreCase(c.name, ref.column)) return c;
        }
        std::vector<std::string> names;
        for (const BoundColumn& c : columns_) names.push_back(c.name);
        return Status::InvalidArgument(
            fmt::format("Unknown column '{}' in {}; the names it may use are: {}", ref.column,
                        what_, Join(names, ", ")),
            ErrorCode::kBadFieldError);
    }

private:
    std::string what_;
    std::vector<BoundColumn> columns_;
};

// The value a table column takes when the load does not give it.
StatusOr<Value> LoadDefault(const ColumnInfo& column, const EvalContext& eval) {
    if (!column.default_value) return Value::Null();  // only for nullable columns (checked)
    if (column.default_value->is_current_timestamp) {
        ASSIGN_OR_RETURN(int64_t datetime,
                         eval.time_zone->ToDateTime(eval.now_unix_micros / 1000000));
        return Value::DateTime(datetime);
    }
    return ParseValue(column.default_value->literal, column.type);
}

// A column as a nullable column of `rows` rows (the shape every pipeline stage works on).
ColumnPtr AsNullable(ColumnPtr column) {
    if (column->is_nullable()) return column;
    std::vector<uint8_t> nulls(column->size(), 0);
    return std::make_unique<NullableColumn>(std::move(column), std::move(nulls));
}

}  // namespace

// The bound form of a LoadDescription.
struct LoadPipeline::Plan {
    struct SourceField {
        std::string name;
        int direct_column = -1;  // the table column it loads, converted to its type; -1: VARCHAR
    };
    // Where a table column's values come from.
    struct Producer {
        int source_field = -1;               // a direct source field
        ExprNodePtr expr;                    // or a derived column
        std::optional<Value> default_value;  // or the column's default
    };
    std::vector<SourceField> fields;
    ChunkSchema source_schema;        // typed source fields, the scope of COLUMNS expressions
    std::vector<Producer> producers;  // one per table column
    ExprNodePtr where;                // over the table columns, then where_fields
    // The source fields that are no table column (placeholders), which WHERE may also name.
    std::vector<size_t> where_fields;
    bool strict_mode = false;
    // PRIMARY KEY tables: each row's operation, from `__op` in COLUMNS (a source field, or an
    // expression over the fields, as VARCHAR). Neither: every row is an UPSERT.
    int op_field = -1;
    ExprNodePtr op_expr;
    // partial_update: the table columns the load gives (others come from the stored row).
    std::vector<uint8_t> given_columns;
};

namespace {

constexpr std::string_view kOpColumn = "__op";

// A row's `__op` value as an operation: 0 / 'upsert' or 1 / 'delete' (case-insensitive).
std::optional<uint8_t> ParseOperation(std::string_view text) {
    text = Trim(text);
    if (text == "0" || EqualsIgnoreCase(text, "upsert")) return kOpUpsert;
    if (text == "1" || EqualsIgnoreCase(text, "delete")) return kOpDelete;
    return std::nullopt;
}

// Row `row` of a VARCHAR column, nullable or not. REQUIRES: not NULL.
std::string_view TextAt(const Column& column, size_t row) {
    const Column* data =
        column.is_nullable() ? static_cast<const NullableColumn&>(column).data() : &column;
    return static_cast<const BinaryColumn&>(*data).value(row);
}

}  // namespace

StatusOr<std::unique_ptr<LoadPipeline>> LoadPipeline::Create(LoadServices services,
                                                             std::shared_ptr<const TableInfo> table,
                                                             const LoadDescription& description,
                                                             EvalContext eval) {
    const TableInfo& t = *table;
    auto plan = std::make_unique<Plan>();
    plan->strict_mode = description.strict_mode;
    plan->producers.resize(t.columns.size());

    // 1. Source fields and derived columns, from COLUMNS (or the table's columns).
    std::vector<const LoadColumn*> derived;
    const LoadColumn* op_item = nullptr;  // `__op = expr`
    if (description.columns == nullptr || description.columns->empty()) {
        for (const ColumnInfo& c : t.columns) plan->fields.push_back({c.name, -1});
    } else {
        for (const LoadColumn& item : *description.columns) {
            for (const Plan::SourceField& f : plan->fields) {
                if (EqualsIgnoreCase(f.name, item.name) && item.expr == nullptr) {
                    return Status::InvalidArgument(
                        fmt::format("Duplicate column '{}' in COLUMNS", item.name),
                        ErrorCode::kFieldSpecifiedTwice);
                }
            }
            if (EqualsIgnoreCase(item.name, kOpColumn) && t.model != KeyModel::kPrimary) {
                return Status::InvalidArgument(fmt::format(
                    "COLUMNS item '{}': __op (UPSERT / DELETE) is only for PRIMARY KEY tables; "
                    "table '{}' is {}",
                    item.sql, t.name, KeyModelSql(t.model)));
            }
            if (item.expr == nullptr) {
                if (EqualsIgnoreCase(item.name, kOpColumn)) {
                    plan->op_field = static_cast<int>(plan->fields.size());
                }
                plan->fields.push_back({item.name, -1});
                continue;
            }
            if (EqualsIgnoreCase(item.name, kOpColumn)) {
                if (op_item != nullptr || plan->op_field >= 0) {
                    return Status::InvalidArgument("__op is given twice in COLUMNS",
                                                   ErrorCode::kFieldSpecifiedTwice);
                }
                op_item = &item;
                continue;
            }
            if (t.ColumnIndex(item.name) < 0) {
                return Status::InvalidArgument(
                    fmt::format("Unknown column '{}' in table '{}' (COLUMNS item '{}')", item.name,
                                t.name, item.sql),
                    ErrorCode::kBadFieldError);
            }
            for (const LoadColumn* d : derived) {
                if (EqualsIgnoreCase(d->name, item.name)) {
                    return Status::InvalidArgument(
                        fmt::format("Column '{}' is derived twice in COLUMNS", item.name),
                        ErrorCode::kFieldSpecifiedTwice);
                }
            }
            derived.push_back(&item);
        }
    }
    // A plain field loads its table column unless an expression derives that column.
    for (size_t f = 0; f < plan->fields.size(); ++f) {
        Plan::SourceField& field = plan->fields[f];
        const int column = t.ColumnIndex(field.name);
        bool is_derived = false;
        for (const LoadColumn* d : derived) is_derived |= EqualsIgnoreCase(d->name, field.name);
        if (column >= 0 && !is_derived) {
            field.direct_column = column;
            plan->producers[column].source_field = static_cast<int>(f);
        }
        const TypeDesc type =
            field.direct_column >= 0 ? t.columns[column].type : SourceBatch::FieldType();
        plan->source_schema.columns.push_back(ColumnSchema{field.name, type, true});
    }

    // 2. Derived columns: expressions over the (typed) source fields.
    std::vector<BoundColumn> source_scope;
    for (size_t f = 0; f < plan->fields.size(); ++f) {
        source_scope.push_back(BoundColumn{static_cast<uint32_t>(f),
                                           plan->source_schema.columns[f].type, true,
                                           plan->fields[f].name});
    }
    const NameScope columns_scope("COLUMNS", source_scope);
    for (const LoadColumn* d : derived) {
        const int column = t.ColumnIndex(d->name);
        ASSIGN_OR_RETURN(ExprNodePtr node, BindExpression(*d->expr, columns_scope, eval));
        const TypeDesc& type = t.columns[column].type;
        if (!CanCast(node->type(), type)) {
            return Status::InvalidArgument(fmt::format(
                "COLUMNS item '{}' gives {}, which cannot be stored in column '{}' of type {}",
                d->sql, node->type().ToSql(), t.columns[column].name, type.ToSql()));
        }
        ASSIGN_OR_RETURN(plan->producers[column].expr, CastNode(std::move(node), type, eval));
    }

    if (op_item != nullptr) {
        ASSIGN_OR_RETURN(ExprNodePtr node, BindExpression(*op_item->expr, columns_scope, eval));
        const TypeDesc text = SourceBatch::FieldType();
        if (!CanCast(node->type(), text)) {
            return Status::InvalidArgument(
                fmt::format("COLUMNS item '{}' gives {}; __op must be 0 / 'upsert' or 1 / 'delete'",
                            op_item->sql, node->type().ToSql()));
        }
        ASSIGN_OR_RETURN(plan->op_expr, CastNode(std::move(node), text, eval));
    }

    // 3. Columns the load does not give take their defaults.
    for (size_t c = 0; c < t.columns.size(); ++c) {
        Plan::Producer& p = plan->producers[c];
        if (p.source_field >= 0 || p.expr != nullptr) continue;
        const ColumnInfo& column = t.columns[c];
        const bool has_op = op_item != nullptr || plan->op_field >= 0;
        if ((has_op || description.partial_update) && !column.nullable && !column.default_value &&
            !column.is_key) {
            // A DELETE needs its key only; an UPSERT without the value is an error row.
            p.default_value = Value::Null();
            continue;
        }
        if (!column.nullable && !column.default_value) {
            return Status::InvalidArgument(
                fmt::format("Column '{}' is NOT NULL and has no default value, but the load "
                            "does not give it; add it to COLUMNS",
                            column.name),
                ErrorCode::kNoDefaultForField);
        }
        ASSIGN_OR_RETURN(p.default_value, LoadDefault(column, eval));
    }

    // PRIMARY KEY options.
    PrimaryKeyUpdateMode update_mode;
    if ((description.partial_update || !description.merge_condition.empty()) &&
        t.model != KeyModel::kPrimary) {
        return Status::InvalidArgument(
            fmt::format("{} needs a PRIMARY KEY table; table '{}' is {}",
                        description.partial_update ? "partial_update" : "merge_condition", t.name,
                        KeyModelSql(t.model)));
    }
    if (description.partial_update && !description.merge_condition.empty()) {
        return Status::InvalidArgument(
            "merge_condition cannot be used together with partial_update");
    }
    if (!description.merge_condition.empty()) {
        const int c = t.ColumnIndex(description.merge_condition);
        if (c < 0) {
            return Status::InvalidArgument(
                fmt::format("merge_condition column '{}' is not a column of table '{}'",
                            description.merge_condition, t.name),
                ErrorCode::kBadFieldError);
        }
        if (t.columns[c].is_key) {
            return Status::InvalidArgument(fmt::format(
                "merge_condition column '{}' is a key column; it must be a value column",
                description.merge_condition));
        }
        update_mode.merge_condition = c;
    }
    if (description.partial_update) {
        update_mode.given_columns.resize(t.columns.size(), 0);
        for (size_t c = 0; c < t.columns.size(); ++c) {
            const Plan::Producer& p = plan->producers[c];
            // Key columns are NOT NULL without a default, so the load gives them (checked above).
            update_mode.given_columns[c] = p.source_field >= 0 || p.expr != nullptr;
        }
        plan->given_columns = update_mode.given_columns;
    }

    // 4. WHERE: over the table's columns as loaded, then the fields that are no column.
    if (description.where != nullptr) {
        std::vector<BoundColumn> where_scope;
        for (size_t c = 0; c < t.columns.size(); ++c) {
            where_scope.push_back(BoundColumn{static_cast<uint32_t>(c), t.columns[c].type,
                                              t.columns[c].nullable, t.columns[c].name});
        }
        for (size_t f = 0; f < plan->fields.size(); ++f) {
            // A derived column's name means the column, not the field.
            if (t.ColumnIndex(plan->fields[f].name) < 0) plan->where_fields.push_back(f);
        }
        uint32_t next = static_cast<uint32_t>(t.columns.size());
        for (size_t f : plan->where_fields) {
            where_scope.push_back(
                BoundColumn{next++, SourceBatch::FieldType(), true, plan->fields[f].name});
        }
        ASSIGN_OR_RETURN(ExprNodePtr where,
                         BindExpression(*description.where, NameScope("WHERE", where_scope), eval));
        if (where->type().type != LogicalType::kBoolean) {
            ASSIGN_OR_RETURN(where,
                             CastNode(std::move(where), TypeDesc::Of(LogicalType::kBoolean), eval));
        }
        plan->where = std::move(where);
    }

    // 5. PARTITION (...) / TEMPORARY PARTITION (...).
    if (description.temporary_partitions) {
        ASSIGN_OR_RETURN(
            TabletRouter router,
            TabletRouter::ForPartitions(table, PartitionKind::kTemporary, description.partitions));
        auto pipeline = std::unique_ptr<LoadPipeline>(new LoadPipeline(
            std::move(table), std::move(plan), services, std::move(router), {}, std::move(eval)));
        pipeline->sink_.SetUpdateMode(std::move(update_mode));
        return pipeline;
    }
    std::vector<int64_t> partition_ids;
    for (const std::string& name : description.partitions) {
        const PartitionInfo* found = t.FindPartition(PartitionKind::kFormal, name);
        if (found == nullptr) {
            return Status::InvalidArgument(
                fmt::format("Unknown partition '{}' in table '{}'", name, t.name),
                ErrorCode::kUnknownPartition);
        }
        partition_ids.push_back(found->id);
    }
    TabletRouter router(table);
    auto pipeline = std::unique_ptr<LoadPipeline>(
        new LoadPipeline(std::move(table), std::move(plan), services, std::move(router),
                         std::move(partition_ids), std::move(eval)));
    pipeline->sink_.SetUpdateMode(std::move(update_mode));
    return pipeline;
}

LoadPipeline::LoadPipeline(std::shared_ptr<const TableInfo> table, std::unique_ptr<Plan> plan,
                           LoadServices services, TabletRouter router,
                           std::vector<int64_t> partition_ids, EvalContext eval)
    : table_(table),
      plan_(std::move(plan)),
      eval_(std::move(eval)),
      sink_(services, table, std::move(router), std::move(partition_ids)) {
    for (const Plan::SourceField& f : plan_->fields) source_names_.push_back(f.name);
}

LoadPipeline::~LoadPipeline() = default;

Status LoadPipeline::Consume(const SourceBatch& batch) {
    if (batch.num_fields() != plan_->fields.size()) {
        return Status::Internal(
            fmt::format("LoadPipeline: a batch of {} fields for {} source fields",
                        batch.num_fields(), plan_->fields.size()));
    }
    const TableInfo& t = *table_;
    const size_t rows = batch.num_rows();
    counters_.total_rows += rows + batch.num_rejected();
    counters_.input_bytes += batch.input_bytes();
    for (const RejectedRow& r : batch.rejected()) {
        ++counters_.filtered_rows;
        error_log_.Add(r.reason, r.raw);
    }
    if (rows == 0) return Status::OK();

    // Error rows of this batch: a mask and the first reason of each.
    std::vector<uint8_t> failed(rows, 0);
    auto fail = [&](size_t row, std::string reason) {
        if (failed[row]) return;
        failed[row] = 1;
        ++counters_.filtered_rows;
        error_log_.Add(reason, batch.raw(row));
    };

    // 1. Typed source columns.
    std::vector<ColumnPtr> source;
    source.reserve(plan_->fields.size());
    for (size_t f = 0; f < plan_->fields.size(); ++f) {
        const Plan::SourceField& field = plan_->fields[f];
        if (field.direct_column < 0) {
            ColumnPtr copy = batch.values(f).Clone();
            source.push_back(std::make_unique<NullableColumn>(std::move(copy), batch.nulls(f)));
            continue;
        }
        const ColumnInfo& column = t.columns[field.direct_column];
        const bool strict = plan_->strict_mode;
        source.push_back(ConvertTextColumn(
            batch.values(f), batch.nulls(f), column.type,
            [&](size_t row, ConversionFailure kind, const Status& reason) {
                if (kind == ConversionFailure::kInvalidString || strict) {
                    fail(row, fmt::format("column '{}': {}", column.name, reason.message()));
                } else if (!column.nullable) {
                    fail(row, fmt::format("column '{}' is NOT NULL and its value does not "
                                          "convert: {}",
                                          column.name, reason.message()));
                }
            }));
    }
    Chunk source_chunk(plan_->source_schema, std::move(source));

    // 2. Table columns: direct fields, derived columns, defaults.
    std::vector<ColumnPtr> table_columns(t.columns.size());
    for (size_t c = 0; c < t.columns.size(); ++c) {
        Plan::Producer& p = plan_->producers[c];
        if (p.expr == nullptr) continue;
        ASSIGN_OR_RETURN(EvalColumn value, p.expr->Evaluate(source_chunk, eval_));
        table_columns[c] = AsNullable(std::move(value).Materialize(rows));
    }
    std::vector<uint8_t> ops;  // PRIMARY KEY loads with __op: one per row
    if (plan_->op_expr != nullptr || plan_->op_field >= 0) {
        ColumnPtr op_values;
        const Column* op_column = nullptr;
        if (plan_->op_expr != nullptr) {
            ASSIGN_OR_RETURN(EvalColumn value, plan_->op_expr->Evaluate(source_chunk, eval_));
            op_values = AsNullable(std::move(value).Materialize(rows));
            op_column = op_values.get();
        } else {
            op_column = source_chunk.column(plan_->op_field);
        }
        ops.resize(rows, kOpUpsert);
        for (size_t row = 0; row < rows; ++row) {
            if (op_column->IsNullAt(row)) {
                fail(row, "__op is NULL; it must be 0 / 'upsert' or 1 / 'delete'");
                continue;
            }
            const std::string_view text = TextAt(*op_column, row);
            if (std::optional<uint8_t> op = ParseOperation(text)) {
                ops[row] = *op;
            } else {
                fail(row,
                     fmt::format("__op is '{}'; it must be 0 / 'upsert' or 1 / 'delete'", text));
            }
        }
    }
    std::vector<ColumnPtr> source_columns = std::move(source_chunk).ReleaseColumns();
    for (size_t c = 0; c < t.columns.size(); ++c) {
        Plan::Producer& p = plan_->producers[c];
        if (p.source_field >= 0) {
            table_columns[c] = std::move(source_columns[p.source_field]);
        } else if (p.default_value) {
            table_columns[c] =
                AsNullable(MakeConstant(t.columns[c].type, *p.default_value).Materialize(rows));
        }
    }

    // 3. NOT NULL columns (a DELETE needs its key only).
    const size_t num_keys = t.num_key_columns();
    for (size_t c = 0; c < t.columns.size(); ++c) {
        const ColumnInfo& column = t.columns[c];
        if (column.nullable) continue;
        const auto& nulls = static_cast<const NullableColumn&>(*table_columns[c]).null_map();
        for (size_t row = 0; row < rows; ++row) {
            if (c >= num_keys && !ops.empty() && ops[row] == kOpDelete) continue;
            if (!plan_->given_columns.empty() && !plan_->given_columns[c]) break;  // stored
            if (nulls[row] && !failed[row]) {
                fail(row,
                     fmt::format("column '{}' is NOT NULL but the value is NULL", column.name));
            }
        }
    }

    // 4. WHERE, on rows without errors.
    std::vector<uint8_t> keep(rows);
    for (size_t row = 0; row < rows; ++row) keep[row] = !failed[row];
    if (plan_->where != nullptr) {
        ChunkSchema schema;
        std::vector<ColumnPtr> columns;
        for (size_t c = 0; c < t.columns.size(); ++c) {
            schema.columns.push_back(ColumnSchema{t.columns[c].name, t.columns[c].type, true});
            columns.push_back(std::move(table_columns[c]));
        }
        for (size_t f : plan_->where_fields) {
            schema.columns.push_back(
                ColumnSchema{plan_->fields[f].name, SourceBatch::FieldType(), true});
            columns.push_back(std::move(source_columns[f]));
        }
        Chunk where_input(std::move(schema), std::move(columns));
        ASSIGN_OR_RETURN(RowMask selected, EvaluatePredicate(*plan_->where, where_input, eval_));
        std::vector<ColumnPtr> back = std::move(where_input).ReleaseColumns();
        for (size_t c = 0; c < t.columns.size(); ++c) table_columns[c] = std::move(back[c]);
        for (size_t row = 0; row < rows; ++row) {
            if (keep[row] && !selected[row]) {
                keep[row] = 0;
                ++counters_.unselected_rows;
            }
        }
    }

    // 5. The kept rows in the table's shape, routed into the sink.
    std::vector<uint32_t> kept_rows;
    kept_rows.reserve(rows);
    for (size_t row = 0; row < rows; ++row) {
        if (keep[row]) kept_rows.push_back(static_cast<uint32_t>(row));
    }
    if (kept_rows.empty()) return Status::OK();
    const bool all_kept = kept_rows.size() == rows;
    std::vector<ColumnPtr> out;
    out.reserve(t.columns.size());
    for (size_t c = 0; c < t.columns.size(); ++c) {
        ColumnPtr column = std::move(table_columns[c]);
        if (!all_kept) column = column->Take(kept_rows);
        if (!t.columns[c].nullable) {
            // No NULL is left: hand over the data column alone.
            column = std::move(static_cast<NullableColumn&>(*column)).ReleaseData();
        }
        out.push_back(std::move(column));
    }
    Chunk table_rows(TableSink::SchemaOf(t), std::move(out));
    std::vector<uint8_t> kept_ops;
    if (!ops.empty()) {
        kept_ops.reserve(kept_rows.size());
        for (uint32_t row : kept_rows) kept_ops.push_back(ops[row]);
    }
    std::vector<RouteFailure> route_failures;
    RETURN_IF_ERROR(sink_.Append(table_rows, &route_failures, kept_ops));
    for (const RouteFailure& r : route_failures) {
        ++counters_.filtered_rows;
        error_log_.Add(r.reason, batch.raw(kept_rows[r.row]));
    }
    return Status::OK();
}

Status LoadPipeline::CheckFilterRatio(double max_filter_ratio) const {
    const uint64_t considered = counters_.total_rows - counters_.unselected_rows;
    if (counters_.filtered_rows == 0 || considered == 0) return Status::OK();
    const double ratio = static_cast<double>(counters_.filtered_rows) / considered;
    if (ratio <= max_filter_ratio) return Status::OK();
    return Status::InvalidArgument(fmt::format(
        "too many filtered rows: {} of {} rows are errors (ratio {:.4g} > max_filter_ratio {}); "
        "first error: {}",
        counters_.filtered_rows, considered, ratio, max_filter_ratio, error_log_.first_reason()));
}

StatusOr<SinkCommitResult> LoadPipeline::Commit(const SinkCommitOptions& options) {
    return sink_.Commit(options);
}

}  // namespace tributary
