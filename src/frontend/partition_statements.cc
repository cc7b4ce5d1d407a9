// ALTER TABLE partition clauses (ADD / DROP [TEMPORARY] PARTITION, REPLACE PARTITION) and
// SHOW [TEMPORARY] PARTITIONS.
#include <fmt/format.h>

#include <algorithm>

#include "base/string_util.h"
#include "catalog/catalog.h"
#include "frontend/frontend.h"
#include "frontend/statement_handlers.h"
#include "frontend/table_definition_builder.h"
#include "storage/storage_engine.h"

namespace tributary {
namespace {

StatusOr<StatementResult> ExecuteReplacePartition(ExecContext& ctx, const std::string& db,
                                                  const std::string& table,
                                                  const AlterTableClause& clause) {
    PartitionReplacement replacement;
    replacement.partitions = clause.replaced_partitions;
    replacement.temp_partitions = clause.temp_partitions;
    std::vector<std::pair<std::string, std::string>> properties;
    for (const Property& p : clause.properties) properties.emplace_back(p.key, p.value);
    RETURN_IF_ERROR(ParseReplacementProperties(properties, &replacement));
    RETURN_IF_ERROR(ctx.catalog.ReplacePartitions(db, table, replacement).status());
    return StatementResult::Ok();
}

// StarRocks prints a partition's range as Guava prints a Range of PartitionKeys:
// "[types: [DATE]; keys: [2020-01-01]; ..types: [DATE]; keys: [2020-02-01]; )".
std::string RangeText(const PartitionRange& range, const std::vector<TypeDesc>& types) {
    std::vector<std::string> type_names;
    for (const TypeDesc& t : types) type_names.push_back(ToUpper(LogicalTypeName(t.type)));
    auto key = [&](const PartitionKey& k) {
        std::vector<std::string> values;
        for (const auto& text : k.ToTexts(types)) values.push_back(text.value_or("MAXVALUE"));
        return fmt::format("types: [{}]; keys: [{}]; ", Join(type_names, ", "), Join(values, ", "));
    };
    return "[" + key(range.lower) + ".." + key(range.upper) + ")";
}

// "0B", "812B", "1.500KB", "3.000MB": StarRocks' readable data sizes.
std::string SizeText(int64_t bytes) {
    static constexpr const char* kUnits[] = {"KB", "MB", "GB", "TB"};
    if (bytes < 1024) return fmt::format("{}B", bytes);
    double value = static_cast<double>(bytes) / 1024;
    size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(kUnits)) {
        value /= 1024;
        ++unit;
    }
    return fmt::format("{:.3f}{}", value, kUnits[unit]);
}

ResultSet PartitionRows(ExecContext& ctx, const TableInfo& table,
                        const std::vector<PartitionInfo>& partitions) {
    const LoadServices& services = ctx.frontend.load_services();
    const TypeDesc number = TypeDesc::Of(LogicalType::kBigInt);
    ResultSet rs;
    rs.AddColumn("PartitionId", number, false)
        .AddColumn("PartitionName", TypeDesc::Varchar(256), false)
        .AddColumn("VisibleVersion", number, false)
        .AddColumn("VisibleVersionTime", TypeDesc::Varchar(32))
        .AddColumn("VisibleVersionHash", number, false)
        .AddColumn("State", TypeDesc::Varchar(16), false)
        .AddColumn("PartitionKey", TypeDesc::Varchar(256), false)
        .AddColumn("Range", TypeDesc::Varchar(1024), false)
        .AddColumn("DistributionKey", TypeDesc::Varchar(256), false)
        .AddColumn("Buckets", number, false)
        .AddColumn("ReplicationNum", number, false)
        .AddColumn("StorageMedium", TypeDesc::Varchar(16), false)
        .AddColumn("CooldownTime", TypeDesc::Varchar(32), false)
        .AddColumn("LastConsistencyCheckTime", TypeDesc::Varchar(32))
        .AddColumn("DataSize", TypeDesc::Varchar(32), false)
        .AddColumn("IsInMemory", TypeDesc::Varchar(8), false)
        .AddColumn("RowCount", number, false);
    std::vector<int64_t> ids;
    for (const PartitionInfo& p : partitions) ids.push_back(p.id);
    const auto versions = services.txns->Snapshot(ids);
    const std::vector<TypeDesc> types = table.PartitionColumnTypes();
    const std::string distribution = table.distribution.kind == DistributionInfo::Kind::kHash
                                         ? Join(table.distribution.columns, ", ")
                                         : "ALL KEY";
    const std::string medium =
        table.properties.storage_medium.empty() ? "HDD" : table.properties.storage_medium;
    for (const PartitionInfo& p : partitions) {
        int64_t rows = 0;
        int64_t bytes = 0;
        for (int64_t tablet : p.tablet_ids) {
            const TabletStats stats = services.storage->GetTabletStats(tablet);
            rows += stats.num_rows;
            bytes += stats.data_bytes;
        }
        auto version = versions.find(p.id);
        rs.rows.push_back({std::to_string(p.id), p.name,
                           std::to_string(version == versions.end() ? 1 : version->second),
                           std::nullopt, "0", "NORMAL", Join(table.partition_columns, ", "),
                           p.range ? RangeText(*p.range, types) : "", distribution,
                           std::to_string(p.bucket_count),
                           std::to_string(table.properties.replication_num), medium,
                           "9999-12-31 23:59:59", std::nullopt, SizeText(bytes), "false",
                           std::to_string(rows)});
    }
    return rs;
}

// Compares two values of a SHOW column: as integers when both are, else as text; NULL first.
bool ValueLess(const std::optional<std::string>& a, const std::optional<std::string>& b) {
    if (!a || !b) return !a && b;
    int64_t x = 0;
    int64_t y = 0;
    if (ParseInt64(*a, &x) && ParseInt64(*b, &y)) return x < y;
    return *a < *b;
}

// ORDER BY column names of `rs`, then LIMIT.
Status OrderAndLimit(const std::vector<OrderByItem>& order_by,
                     const std::optional<LimitClause>& limit, ResultSet* rs) {
    std::vector<std::pair<size_t, bool>> keys;  // column, descending
    for (const OrderByItem& item : order_by) {
        const auto* ref = item.expr->TryAs<ColumnRefExpr>();
        size_t column = rs->columns.size();
        for (size_t c = 0; ref != nullptr && c < rs->columns.size(); ++c) {
            if (ref->table.empty() && EqualsIgnoreCase(rs->columns[c].name, ref->column)) {
                column = c;
            }
        }
        if (column == rs->columns.size()) {
            return Status::InvalidArgument(
                fmt::format("ORDER BY of SHOW PARTITIONS takes column names, not '{}'",
                            item.expr->ToSql()),
                ErrorCode::kBadFieldError);
        }
        keys.emplace_back(column, item.descending);
    }
    std::stable_sort(rs->rows.begin(), rs->rows.end(), [&](const ResultRow& a, const ResultRow& b) {
        for (const auto& [column, descending] : keys) {
            if (ValueLess(a[column], b[column])) return !descending;
            if (ValueLess(b[column], a[column])) return descending;
        }
        return false;
    });
    if (limit) {
        const size_t offset = std::min(rs->rows.size(), static_cast<size_t>(limit->offset));
        rs->rows.erase(rs->rows.begin(), rs->rows.begin() + static_cast<ptrdiff_t>(offset));
        if (rs->rows.size() > static_cast<size_t>(limit->count)) {
            rs->rows.resize(static_cast<size_t>(limit->count));
        }
    }
    return Status::OK();
}

}  // namespace

StatusOr<StatementResult> ExecuteAlterTable(ExecContext& ctx, const AlterTableStmt& stmt) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, stmt.table.db));
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kAlter, db, stmt.table.name));
    if (stmt.clauses.size() != 1) {
        return Status::NotSupported(
            "ALTER TABLE takes one ADD, DROP or REPLACE PARTITION clause at a time");
    }
    const AlterTableClause& clause = stmt.clauses.front();
    const std::string& table = stmt.table.name;
    switch (clause.kind) {
        case AlterTableClauseKind::kAddPartition: {
            ASSIGN_OR_RETURN(PartitionDefinition def,
                             BuildPartitionDefinition(clause.partition, clause.distribution));
            const bool if_not_exists = clause.partition.if_not_exists;
            RETURN_IF_ERROR((clause.temporary
                                 ? ctx.catalog.AddTempPartition(db, table, def, if_not_exists)
                                 : ctx.catalog.AddPartition(db, table, def, if_not_exists))
                                .status());
            break;
        }
        case AlterTableClauseKind::kDropPartition: {
            const std::string& name = clause.partition_name;
            RETURN_IF_ERROR((clause.temporary
                                 ? ctx.catalog.DropTempPartition(db, table, name, clause.if_exists)
                                 : ctx.catalog.DropPartition(db, table, name, clause.if_exists))
                                .status());
            break;
        }
        case AlterTableClauseKind::kReplacePartition:
            return ExecuteReplacePartition(ctx, db, table, clause);
    }
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteShowPartitions(ExecContext& ctx, const ShowPartitionsStmt& stmt) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, stmt.table.db));
    // StarRocks (3.0 and later) needs SELECT on the table.
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kSelect, db, stmt.table.name));
    ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table,
                     ctx.catalog.GetTable(db, stmt.table.name));
    ResultSet rs =
        PartitionRows(ctx, *table, stmt.temporary ? table->temp_partitions : table->partitions);
    RETURN_IF_ERROR(ApplyShowFilter(ctx, stmt.filter, &rs));
    RETURN_IF_ERROR(OrderAndLimit(stmt.order_by, stmt.limit, &rs));
    return StatementResult::Rows(std::move(rs));
}

}  // namespace tributary
