#include "catalog/show_create_table.h"

#include <fmt/format.h>

#include "base/string_util.h"

namespace tributary {
namespace {

std::string QuotedColumns(const std::vector<std::string>& names) {
    std::vector<std::string> quoted;
    quoted.reserve(names.size());
    for (const std::string& name : names) quoted.push_back(QuoteIdentifier(name));
    return Join(quoted, ", ");
}

std::string PartitionClause(const TableInfo& table) {
    std::vector<TypeDesc> types = table.PartitionColumnTypes();
    std::vector<std::string> lines;
    for (const PartitionInfo& partition : table.partitions) {
        lines.push_back(
            fmt::format("PARTITION {} VALUES {}", partition.name, partition.range->ToSql(types)));
    }
    return fmt::format("PARTITION BY RANGE({})\n({})", QuotedColumns(table.partition_columns),
                       Join(lines, ",\n"));
}

std::string DistributionClause(const DistributionInfo& distribution) {
    std::string out =
        distribution.kind == DistributionInfo::Kind::kHash
            ? fmt::format("DISTRIBUTED BY HASH({})", QuotedColumns(distribution.columns))
            : std::string("DISTRIBUTED BY RANDOM");
    if (!distribution.buckets_auto) out += fmt::format(" BUCKETS {}", distribution.buckets);
    return out;
}

std::string PropertiesClause(const TableProperties& properties) {
    std::vector<std::string> lines;
    auto add = [&](std::string_view key, std::string_view value) {
        lines.push_back(fmt::format("{} = {}", QuoteString(key), QuoteString(value)));
    };
    add("replication_num", std::to_string(properties.replication_num));
    if (!properties.bloom_filter_columns.empty()) {
        add("bloom_filter_columns", Join(properties.bloom_filter_columns, ", "));
    }
    if (!properties.storage_medium.empty()) add("storage_medium", properties.storage_medium);
    add("compression", properties.compression);
    return fmt::format("PROPERTIES (\n{}\n)", Join(lines, ",\n"));
}

}  // namespace

std::string ColumnToSql(const ColumnInfo& column) {
    std::string out = fmt::format("{} {}", QuoteIdentifier(column.name), column.type.ToSql());
    if (column.aggregate != AggregateFunction::kNone) {
        out += fmt::format(" {}", AggregateFunctionName(column.aggregate));
    }
    out += column.nullable ? " NULL" : " NOT NULL";
    if (column.auto_increment) out += " AUTO_INCREMENT";
    if (column.default_value.has_value()) {
        out += column.default_value->is_current_timestamp
                   ? std::string(" DEFAULT CURRENT_TIMESTAMP")
                   : " DEFAULT " + QuoteString(column.default_value->literal);
    }
    out += " COMMENT " + QuoteString(column.comment);
    return out;
}

std::string ShowCreateTable(const TableInfo& table) {
    std::vector<std::string> columns;
    columns.reserve(table.columns.size());
    for (const ColumnInfo& column : table.columns) columns.push_back("  " + ColumnToSql(column));
    std::vector<std::string> keys;
    for (const ColumnInfo& column : table.columns) {
        if (column.is_key) keys.push_back(column.name);
    }
    std::vector<std::string> parts;
    parts.push_back(fmt::format("CREATE TABLE {} (\n{}\n) ENGINE=OLAP", QuoteIdentifier(table.name),
                                Join(columns, ",\n")));
    parts.push_back(fmt::format("{}({})", KeyModelSql(table.model), QuotedColumns(keys)));
    parts.push_back("COMMENT " + QuoteString(table.comment.empty() ? "OLAP" : table.comment));
    if (table.is_range_partitioned()) parts.push_back(PartitionClause(table));
    parts.push_back(DistributionClause(table.distribution));
    parts.push_back(PropertiesClause(table.properties) + ";");
    return Join(parts, "\n");
}

}  // namespace tributary
