// CREATE / DROP / TRUNCATE TABLE, SHOW TABLES, SHOW TABLET, SHOW CREATE TABLE, DESC,
// SHOW COLUMNS, and COM_FIELD_LIST. ALTER TABLE and SHOW PARTITIONS: partition_statements.cc.
#include <fmt/format.h>

#include <map>

#include "base/string_util.h"
#include "catalog/catalog.h"
#include "catalog/show_create_table.h"
#include "storage/storage_engine.h"
#include "frontend/frontend.h"
#include "frontend/statement_handlers.h"
#include "frontend/table_definition_builder.h"

namespace tributary {
namespace {

// How DESC prints a type: integers without display width ("bigint"), others as in SHOW CREATE.
std::string DescribeType(const TypeDesc& type) {
    if (type.IsInteger()) return std::string(LogicalTypeName(type.type));
    return type.ToSql();
}

std::optional<std::string> DefaultText(const ColumnInfo& column) {
    if (!column.default_value) return std::nullopt;
    if (column.default_value->is_current_timestamp) return "CURRENT_TIMESTAMP";
    return column.default_value->literal;
}

std::string ExtraText(const ColumnInfo& column) {
    if (column.aggregate != AggregateFunction::kNone) {
        return std::string(AggregateFunctionName(column.aggregate));
    }
    return column.auto_increment ? "auto_increment" : "";
}

struct VisibleTable {
    std::string db;
    std::shared_ptr<const TableInfo> table;
};

// Resolves a written [db.]table, checks the user may see it, and fetches it.
StatusOr<VisibleTable> LookUpVisibleTable(ExecContext& ctx, const QualifiedName& name,
                                      std::string_view command) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, name.db));
    RETURN_IF_ERROR(CheckAnyPrivilegeOnTable(ctx, db, name.name, command));
    ASSIGN_OR_RETURN(auto table, ctx.catalog.GetTable(db, name.name));
    return VisibleTable{db, std::move(table)};
}

ResultSet ColumnRows(const TableInfo& table, bool full) {
    ResultSet rs;
    rs.AddColumn("Field", TypeDesc::Varchar(1024), false)
        .AddColumn("Type", TypeDesc::Varchar(64), false);
    if (full) rs.AddColumn("Collation", TypeDesc::Varchar(64));
    rs.AddColumn("Null", TypeDesc::Varchar(8), false)
        .AddColumn("Key", TypeDesc::Varchar(8), false)
        .AddColumn("Default", TypeDesc::Varchar(1024))
        .AddColumn("Extra", TypeDesc::Varchar(64), false);
    if (full) {
        rs.AddColumn("Privileges", TypeDesc::Varchar(64), false)
            .AddColumn("Comment", TypeDesc::Varchar(1024), false);
    }
    for (const ColumnInfo& c : table.columns) {
        ResultRow row{c.name, DescribeType(c.type)};
        if (full) {
            row.push_back(c.type.IsString() ? std::optional<std::string>("utf8mb4_general_ci")
                                            : std::nullopt);
        }
        row.push_back(c.nullable ? "YES" : "NO");
        row.push_back(c.is_key ? "true" : "false");
        row.push_back(DefaultText(c));
        row.push_back(ExtraText(c));
        if (full) {
            row.push_back("select,insert,update,references");
            row.push_back(c.comment);
        }
        rs.rows.push_back(std::move(row));
    }
    return rs;
}

}  // namespace

StatusOr<StatementResult> ExecuteShowTables(ExecContext& ctx, const ShowTablesStmt& stmt) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, stmt.database));
    UserIdentity me{ctx.session.user().name, ctx.session.user().host};
    if (!ctx.catalog.HasAnyPrivilegeOn(me, db, "")) {
        return Status::PermissionDenied(
            fmt::format("Access denied for user {} to database '{}'",
                        ctx.session.current_user_string(), db),
            ErrorCode::kDbAccessDenied);
    }
    ASSIGN_OR_RETURN(auto tables, ctx.catalog.ListTables(db));
    ResultSet rs;
    rs.AddColumn("Tables_in_" + db, TypeDesc::Varchar(256), false);
    if (stmt.full) rs.AddColumn("Table_type", TypeDesc::Varchar(32), false);
    for (const auto& t : tables) {
        if (!ctx.catalog.HasAnyPrivilegeOn(me, db, t->name)) continue;
        ResultRow row{t->name};
        if (stmt.full) row.push_back("BASE TABLE");
        rs.rows.push_back(std::move(row));
    }
    RETURN_IF_ERROR(ApplyShowFilter(ctx, stmt.filter, &rs));
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteCreateTable(ExecContext& ctx, const CreateTableStmt& stmt) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, stmt.table.db));
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kCreate, db, stmt.table.name));
    ASSIGN_OR_RETURN(TableDefinition def, BuildTableDefinition(stmt));
    RETURN_IF_ERROR(ctx.catalog.CreateTable(db, def, stmt.if_not_exists).status());
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteDropTable(ExecContext& ctx, const DropTableStmt& stmt) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, stmt.table.db));
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kDrop, db, stmt.table.name));
    RETURN_IF_ERROR(ctx.catalog.DropTable(db, stmt.table.name, stmt.if_exists));
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteTruncateTable(ExecContext& ctx, const TruncateTableStmt& stmt) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, stmt.table.db));
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kDrop, db, stmt.table.name));
    RETURN_IF_ERROR(ctx.catalog.TruncateTable(db, stmt.table.name, stmt.partitions).status());
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteShowTablet(ExecContext& ctx, const ShowTabletStmt& stmt) {
    ASSIGN_OR_RETURN(VisibleTable ref, LookUpVisibleTable(ctx, stmt.table, "SHOW"));
    const StorageEngine& storage = *ctx.frontend.load_services().storage;
    std::map<int64_t, CompactionStats> compaction;
    for (CompactionStats& c : storage.ListCompactionStats()) compaction[c.tablet_id] = c;
    ResultSet rs;
    const TypeDesc number = TypeDesc::Of(LogicalType::kBigInt);
    rs.AddColumn("TabletId", number, false)
        .AddColumn("PartitionId", number, false)
        .AddColumn("PartitionName", TypeDesc::Varchar(256), false);
    for (const char* name : {"Version", "RowsetCount", "StaleRowsetCount", "SegmentCount",
                             "RowCount", "DataSize", "Compactions", "CompactionFailures",
                             "RowsetsMerged", "CompactionRunning"}) {
        rs.AddColumn(name, number, false);
    }
    rs.AddColumn("LastCompactionError", TypeDesc::Varchar(1024), false);
    // Temporary partitions' tablets too (after the formal ones): they hold data and compact.
    for (const PartitionInfo* p : ref.table->AllPartitions()) {
        const PartitionInfo& partition = *p;
        bool chosen = stmt.partitions.empty();
        for (const std::string& name : stmt.partitions) {
            chosen |= EqualsIgnoreCase(name, partition.name);
        }
        if (!chosen) continue;
        for (int64_t tablet_id : partition.tablet_ids) {
            TabletStats t = storage.GetTabletStats(tablet_id);
            const CompactionStats& c = compaction[tablet_id];
            rs.rows.push_back({std::to_string(tablet_id), std::to_string(partition.id),
                               partition.name, std::to_string(t.max_version),
                               std::to_string(t.rowset_count), std::to_string(t.stale_rowset_count),
                               std::to_string(t.segment_count), std::to_string(t.num_rows),
                               std::to_string(t.data_bytes), std::to_string(c.compactions),
                               std::to_string(c.failures), std::to_string(c.input_rowsets),
                               std::to_string(c.running), c.last_error});
        }
    }
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowCreateTable(ExecContext& ctx,
                                                 const ShowCreateTableStmt& stmt) {
    ASSIGN_OR_RETURN(VisibleTable ref, LookUpVisibleTable(ctx, stmt.table, "SHOW"));
    ResultSet rs;
    rs.AddColumn("Table", TypeDesc::Varchar(256), false)
        .AddColumn("Create Table", TypeDesc::Varchar(65533), false);
    rs.rows.push_back({ref.table->name, ShowCreateTable(*ref.table)});
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteDescribe(ExecContext& ctx, const DescribeStmt& stmt) {
    ASSIGN_OR_RETURN(VisibleTable ref, LookUpVisibleTable(ctx, stmt.table, "SELECT"));
    ResultSet columns = ColumnRows(*ref.table, false);
    if (!stmt.all) return StatementResult::Rows(std::move(columns));
    // DESC ALL: StarRocks prefixes the index name and its key model (on its first row).
    ResultSet rs;
    rs.AddColumn("IndexName", TypeDesc::Varchar(256)).AddColumn("IndexKeysType",
                                                                  TypeDesc::Varchar(32));
    for (const auto& c : columns.columns) rs.columns.push_back(c);
    for (size_t i = 0; i < columns.rows.size(); ++i) {
        ResultRow row;
        row.push_back(i == 0 ? std::optional<std::string>(ref.table->name) : "");
        row.push_back(i == 0 ? std::optional<std::string>(
                                   std::string(KeyModelInternalName(ref.table->model)))
                             : "");
        for (auto& v : columns.rows[i]) row.push_back(std::move(v));
        rs.rows.push_back(std::move(row));
    }
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowColumns(ExecContext& ctx, const ShowColumnsStmt& stmt) {
    ASSIGN_OR_RETURN(VisibleTable ref, LookUpVisibleTable(ctx, stmt.table, "SELECT"));
    ResultSet rs = ColumnRows(*ref.table, stmt.full);
    RETURN_IF_ERROR(ApplyShowFilter(ctx, stmt.filter, &rs));
    return StatementResult::Rows(std::move(rs));
}

StatusOr<std::vector<ResultColumn>> Frontend::FieldList(Session& session, std::string_view table,
                                                        std::string_view wildcard) {
    ExecContext ctx{*catalog_, session, *this};
    QualifiedName name;
    name.name = std::string(table);
    ASSIGN_OR_RETURN(VisibleTable ref, LookUpVisibleTable(ctx, name, "SELECT"));
    std::vector<ResultColumn> out;
    for (const ColumnInfo& c : ref.table->columns) {
        if (!wildcard.empty() && !LikeMatch(c.name, wildcard, true)) continue;
        out.push_back(ResultColumn{c.name, c.type, c.nullable});
    }
    return out;
}

}  // namespace tributary
