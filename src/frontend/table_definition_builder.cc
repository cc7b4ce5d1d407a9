#include "frontend/table_definition_builder.h"

#include <fmt/format.h>

#include "base/string_util.h"

namespace tributary {
namespace {

StatusOr<ColumnDefinition> BuildColumn(const ColumnDef& def) {
    ColumnDefinition col;
    col.name = def.name;
    auto type = TypeDesc::FromSql(def.type.name, def.type.args);
    if (!type.ok()) {
        return Status::InvalidArgument(fmt::format("column '{}': {}", def.name,
                                                   type.status().message()));
    }
    col.type = *type;
    if (!def.aggregation.empty() && !ParseAggregateFunction(def.aggregation, &col.aggregate)) {
        return Status::InvalidArgument(
            fmt::format("column '{}': unknown aggregate function {}", def.name, def.aggregation));
    }
    if (def.nullability != Nullability::kUnspecified) {
        col.nullable = def.nullability == Nullability::kNull;
    }
    switch (def.default_kind) {
        case DefaultKind::kNone:
            break;
        case DefaultKind::kLiteral: {
            const auto& lit = def.default_value->As<LiteralExpr>();
            if (lit.literal_kind == LiteralKind::kNull) break;  // DEFAULT NULL: no default
            if (lit.literal_kind == LiteralKind::kBool) {
                col.default_value = ColumnDefault::Literal(lit.bool_value ? "1" : "0");
            } else {
                col.default_value = ColumnDefault::Literal(lit.text);
            }
            break;
        }
        case DefaultKind::kCurrentTimestamp:
            col.default_value = ColumnDefault::CurrentTimestamp();
            break;
        case DefaultKind::kExpr: {
            const auto* call = def.default_value->TryAs<FunctionCallExpr>();
            if (call && call->args.empty() &&
                (EqualsIgnoreCase(call->name, "now") ||
                 EqualsIgnoreCase(call->name, "current_timestamp"))) {
                col.default_value = ColumnDefault::CurrentTimestamp();
                break;
            }
            return Status::NotSupported(fmt::format(
                "column '{}': DEFAULT ({}) is not supported; use a literal or CURRENT_TIMESTAMP",
                def.name, def.default_value->ToSql()));
        }
    }
    col.comment = def.comment.value_or("");
    col.auto_increment = def.auto_increment;
    return col;
}

PartitionValues ToValues(const std::vector<PartitionBoundValue>& values) {
    PartitionValues out;
    for (const auto& v : values) {
        out.push_back(v.is_maxvalue ? std::nullopt : std::optional<std::string>(v.text));
    }
    return out;
}

}  // namespace

StatusOr<PartitionDefinition> BuildPartitionDefinition(const PartitionDef& def,
                                                       const std::optional<DistributionDesc>& dist) {
    PartitionDefinition out;
    out.name = def.name;
    switch (def.kind) {
        case PartitionDefKind::kLessThan:
            out.kind = PartitionDefinition::Kind::kLessThan;
            // LESS THAN MAXVALUE is an empty upper bound for the catalog.
            if (!(def.less_than.size() == 1 && def.less_than[0].is_maxvalue)) {
                out.upper = ToValues(def.less_than);
            }
            break;
        case PartitionDefKind::kFixedRange:
            out.kind = PartitionDefinition::Kind::kFixedRange;
            out.lower = ToValues(def.lower);
            out.upper = ToValues(def.upper);
            break;
        case PartitionDefKind::kBatch:
            return Status::NotSupported(
                "PARTITION BY RANGE with START ... END ... EVERY is not supported yet; list the "
                "partitions with VALUES LESS THAN or VALUES [lower, upper)");
    }
    if (!def.properties.empty()) {
        return Status::NotSupported(fmt::format("partition '{}': per-partition properties are "
                                                "not supported yet",
                                                def.name));
    }
    if (dist && dist->buckets > 0) out.buckets = static_cast<int>(dist->buckets);
    return out;
}

StatusOr<TableDefinition> BuildTableDefinition(const CreateTableStmt& stmt) {
    if (!stmt.engine.empty() && !EqualsIgnoreCase(stmt.engine, "olap")) {
        return Status::NotSupported(
            fmt::format("ENGINE={} is not supported; Tributary tables are ENGINE=OLAP",
                        stmt.engine));
    }
    if (!stmt.indexes.empty()) {
        return Status::NotSupported("INDEX definitions in CREATE TABLE are not supported yet");
    }
    if (!stmt.order_by.empty()) {
        return Status::NotSupported("ORDER BY in CREATE TABLE is not supported yet");
    }
    TableDefinition def;
    def.name = stmt.table.name;
    for (const ColumnDef& c : stmt.columns) {
        ASSIGN_OR_RETURN(ColumnDefinition col, BuildColumn(c));
        def.columns.push_back(std::move(col));
    }
    switch (stmt.keys_type) {
        case KeysType::kNone: def.model_stated = false; break;
        case KeysType::kDuplicate: def.model = KeyModel::kDuplicate; def.model_stated = true; break;
        case KeysType::kAggregate: def.model = KeyModel::kAggregate; def.model_stated = true; break;
        case KeysType::kUnique: def.model = KeyModel::kUnique; def.model_stated = true; break;
        case KeysType::kPrimary: def.model = KeyModel::kPrimary; def.model_stated = true; break;
    }
    def.key_columns = stmt.key_columns;
    def.comment = stmt.comment.value_or("");
    if (stmt.partition) {
        RangePartitionDefinition range;
        range.columns = stmt.partition->columns;
        for (const PartitionDef& p : stmt.partition->partitions) {
            ASSIGN_OR_RETURN(PartitionDefinition pd, BuildPartitionDefinition(p, std::nullopt));
            range.partitions.push_back(std::move(pd));
        }
        def.partitioning = std::move(range);
    }
    if (stmt.distribution) {
        DistributionDefinition dist;
        dist.kind = stmt.distribution->kind == DistributionKind::kHash
                        ? DistributionDefinition::Kind::kHash
                        : DistributionDefinition::Kind::kRandom;
        dist.columns = stmt.distribution->columns;
        if (stmt.distribution->buckets > 0) {
            dist.buckets = static_cast<int>(stmt.distribution->buckets);
        }
        def.distribution = std::move(dist);
    }
    for (const Property& p : stmt.properties) def.properties.emplace_back(p.key, p.value);
    return def;
}

}  // namespace tributary
