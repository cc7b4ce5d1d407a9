#include "catalog/table_validator.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "base/string_util.h"
#include "catalog/name_rules.h"
#include "catalog/range_partitioning.h"
#include "catalog/table_properties.h"
#include "types/value_parse.h"

namespace tributary {
namespace {

// StarRocks' short-key limits for the default DUPLICATE KEY.
constexpr size_t kShortKeyMaxColumns = 3;
constexpr int32_t kShortKeyMaxBytes = 36;

std::string TypeName(const TypeDesc& type) { return ToUpper(LogicalTypeName(type.type)); }

bool IsFloatingPoint(const TypeDesc& type) {
    return type.type == LogicalType::kFloat || type.type == LogicalType::kDouble;
}

// Bytes a value of `type` takes in the short-key index (StarRocks' Type.getIndexSize()).
int32_t IndexSize(const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kBoolean:
        case LogicalType::kTinyInt:
            return 1;
        case LogicalType::kSmallInt:
            return 2;
        case LogicalType::kInt:
        case LogicalType::kFloat:
            return 4;
        case LogicalType::kBigInt:
        case LogicalType::kDouble:
        case LogicalType::kDateTime:
            return 8;
        case LogicalType::kLargeInt:
        case LogicalType::kJson:
            return 16;
        case LogicalType::kDecimal:
            return type.precision <= 9 ? 4 : type.precision <= 18 ? 8 : 16;
        case LogicalType::kDate:
            return 3;
        case LogicalType::kChar:
            return type.length;
        case LogicalType::kVarchar:
            return 20;
    }
    return 8;
}

int FindColumnIndex(const std::vector<ColumnDefinition>& columns, std::string_view name) {
    for (size_t i = 0; i < columns.size(); ++i) {
        if (EqualsIgnoreCase(columns[i].name, name)) return static_cast<int>(i);
    }
    return -1;
}

Status CheckNamesAndTexts(const TableDefinition& def) {
    RETURN_IF_ERROR(CheckUtf8Text("The table comment", def.comment));
    if (def.columns.empty()) return Status::InvalidArgument("A table must have at least 1 column");
    for (size_t i = 0; i < def.columns.size(); ++i) {
        const ColumnDefinition& column = def.columns[i];
        RETURN_IF_ERROR(CheckColumnName(column.name));
        RETURN_IF_ERROR(
            CheckUtf8Text(fmt::format("The comment of column '{}'", column.name), column.comment));
        if (column.default_value.has_value()) {
            RETURN_IF_ERROR(
                CheckUtf8Text(fmt::format("The default value of column '{}'", column.name),
                              column.default_value->literal));
        }
        for (size_t j = 0; j < i; ++j) {
            if (EqualsIgnoreCase(def.columns[i].name, def.columns[j].name)) {
                return Status::InvalidArgument(
                    fmt::format("Duplicate column name '{}'", def.columns[i].name),
                    ErrorCode::kDupFieldName);
            }
        }
    }
    return Status::OK();
}

// The key columns StarRocks picks when the statement has no key clause.
std::vector<std::string> DefaultDuplicateKeys(const std::vector<ColumnDefinition>& columns) {
    std::vector<std::string> keys;
    int32_t key_bytes = 0;
    for (const ColumnDefinition& column : columns) {
        key_bytes += IndexSize(column.type);
        if (keys.size() >= kShortKeyMaxColumns || key_bytes > kShortKeyMaxBytes) {
            if (keys.empty() && column.type.IsString()) keys.push_back(column.name);
            break;
        }
        if (!column.type.CanBeKey()) break;
        keys.push_back(column.name);
        if (column.type.type == LogicalType::kVarchar) break;
    }
    return keys;
}

struct KeySpec {
    KeyModel model = KeyModel::kDuplicate;
    size_t num_keys = 0;
};

StatusOr<KeySpec> ResolveKeys(const TableDefinition& def) {
    KeySpec spec;
    std::vector<std::string> keys = def.key_columns;
    spec.model = def.model;
    if (!def.model_stated) {
        if (!keys.empty()) {
            return Status::InvalidArgument("Key columns were given without a key model");
        }
        bool has_aggregate = std::any_of(
            def.columns.begin(), def.columns.end(),
            [](const ColumnDefinition& c) { return c.aggregate != AggregateFunction::kNone; });
        if (has_aggregate) {
            spec.model = KeyModel::kAggregate;
            for (const ColumnDefinition& column : def.columns) {
                if (column.aggregate == AggregateFunction::kNone) keys.push_back(column.name);
            }
        } else {
            spec.model = KeyModel::kDuplicate;
            keys = DefaultDuplicateKeys(def.columns);
            if (keys.empty()) {
                return Status::InvalidArgument(fmt::format("Data type of first column cannot be {}",
                                                           TypeName(def.columns[0].type)));
            }
        }
    }
    if (keys.empty()) return Status::InvalidArgument("The number of key columns is 0.");
    if (keys.size() > def.columns.size()) {
        return Status::InvalidArgument(
            "The number of key columns should be less than the number of columns.");
    }
    for (size_t i = 0; i < keys.size(); ++i) {
        const std::string& column_name = def.columns[i].name;
        if (EqualsIgnoreCase(keys[i], column_name)) continue;
        if (FindColumnIndex(def.columns, keys[i]) < 0) {
            return Status::InvalidArgument(fmt::format("Key column({}) doesn't exist.", keys[i]),
                                           ErrorCode::kBadFieldError);
        }
        return Status::InvalidArgument(fmt::format(
            "Key columns should be a ordered prefix of the schema. KeyColumns[{}] (starts from "
            "zero) is {}, but corresponding column is {} in the previous columns declaration.",
            i, keys[i], column_name));
    }
    spec.num_keys = keys.size();
    return spec;
}

bool AggregateSuitsType(AggregateFunction fn, const TypeDesc& type) {
    switch (fn) {
        case AggregateFunction::kNone:
        case AggregateFunction::kReplace:
        case AggregateFunction::kReplaceIfNotNull:
            return true;
        case AggregateFunction::kSum:
            return type.IsNumeric();
        case AggregateFunction::kMax:
        case AggregateFunction::kMin:
            return type.type != LogicalType::kJson;
        case AggregateFunction::kHllUnion:
        case AggregateFunction::kBitmapUnion:
            return false;  // need the HLL / BITMAP types, which Tributary does not have
    }
    return false;
}

bool IsPrimaryKeyType(const TypeDesc& type) {
    return type.type == LogicalType::kBoolean || type.IsInteger() ||
           type.type == LogicalType::kVarchar || type.IsDateLike();
}

Status CheckKeyColumn(const ColumnDefinition& def, KeyModel model) {
    if (def.aggregate != AggregateFunction::kNone) {
        return Status::InvalidArgument(
            fmt::format("Key column[{}] should not specify aggregate type.", def.name));
    }
    if (IsFloatingPoint(def.type)) {
        return Status::InvalidArgument(fmt::format(
            "Float or double can not used as a key, use decimal instead. Invalid key column[{}]",
            def.name));
    }
    if (!def.type.CanBeKey()) {
        return Status::InvalidArgument(
            fmt::format("Invalid data type of key column[{}]: {}", def.name, TypeName(def.type)));
    }
    if (model == KeyModel::kPrimary) {
        if (def.nullable.value_or(false)) {
            return Status::InvalidArgument(
                fmt::format("primary key column[{}] cannot be nullable", def.name));
        }
        if (!IsPrimaryKeyType(def.type)) {
            return Status::InvalidArgument(fmt::format(
                "primary key column[{}] type not supported: {}", def.name, def.type.ToSql()));
        }
    }
    return Status::OK();
}

// Returns the aggregate the value column keeps.
StatusOr<AggregateFunction> CheckValueColumn(const ColumnDefinition& def, KeyModel model) {
    if (model == KeyModel::kAggregate) {
        if (def.aggregate == AggregateFunction::kNone) {
            return Status::InvalidArgument(
                fmt::format("{} table should specify aggregate type for non-key column[{}]",
                            KeyModelInternalName(model), def.name));
        }
        if (!AggregateSuitsType(def.aggregate, def.type)) {
            return Status::InvalidArgument(
                fmt::format("Invalid aggregate function '{}' for '{}' of type {}",
                            AggregateFunctionName(def.aggregate), def.name, def.type.ToSql()));
        }
        return def.aggregate;
    }
    if (def.aggregate != AggregateFunction::kNone && def.aggregate != AggregateFunction::kReplace) {
        return Status::InvalidArgument(
            fmt::format("{} table should not specify aggregate type for non-key column[{}]",
                        KeyModelInternalName(model), def.name));
    }
    return AggregateFunction::kNone;
}

Status CheckDefault(const ColumnDefinition& def) {
    if (!def.default_value.has_value()) return Status::OK();
    if (def.auto_increment) {
        return Status::InvalidArgument(
            fmt::format("AUTO_INCREMENT column '{}' can not have a default value", def.name));
    }
    if (def.default_value->is_current_timestamp) {
        if (def.type.type != LogicalType::kDateTime) {
            return Status::InvalidArgument(
                fmt::format("Invalid default value for '{}': Types other than DATETIME cannot use "
                            "current_timestamp as the default value",
                            def.name));
        }
        return Status::OK();
    }
    if (def.type.type == LogicalType::kJson) {
        return Status::InvalidArgument(
            fmt::format("Invalid default value for '{}': JSON columns do not take a default value",
                        def.name));
    }
    Status st = ParseValue(def.default_value->literal, def.type).status();
    if (!st.ok()) {
        return Status::InvalidArgument(
            fmt::format("Invalid default value for '{}': {}", def.name, st.message()));
    }
    return Status::OK();
}

Status BuildColumns(const TableDefinition& def, const KeySpec& keys, TableInfo* table) {
    int auto_increment_columns = 0;
    for (size_t i = 0; i < def.columns.size(); ++i) {
        const ColumnDefinition& column_def = def.columns[i];
        ColumnInfo column;
        column.name = column_def.name;
        column.type = column_def.type;
        column.is_key = i < keys.num_keys;
        column.comment = column_def.comment;
        column.auto_increment = column_def.auto_increment;
        column.default_value = column_def.default_value;
        if (column.is_key) {
            RETURN_IF_ERROR(CheckKeyColumn(column_def, keys.model));
        } else {
            ASSIGN_OR_RETURN(column.aggregate, CheckValueColumn(column_def, keys.model));
        }
        bool forced_not_null = (column.is_key && keys.model == KeyModel::kPrimary);
        if (column_def.auto_increment) {
            if (++auto_increment_columns > 1) {
                return Status::InvalidArgument(
                    "More than one AUTO_INCREMENT column defined in CREATE TABLE Statement.");
            }
            if (column_def.type.type != LogicalType::kBigInt) {
                return Status::InvalidArgument(
                    fmt::format("The AUTO_INCREMENT column '{}' must be BIGINT", column_def.name));
            }
            if (column_def.nullable.value_or(false)) {
                return Status::InvalidArgument(fmt::format(
                    "The AUTO_INCREMENT column '{}' must be NOT NULL", column_def.name));
            }
            forced_not_null = true;
        }
        column.nullable = forced_not_null ? false : column_def.nullable.value_or(true);
        RETURN_IF_ERROR(CheckDefault(column_def));
        table->columns.push_back(std::move(column));
    }
    table->model = keys.model;
    return Status::OK();
}

Status CheckPartitionColumns(const RangePartitionDefinition& def, TableInfo* table) {
    if (def.columns.empty()) return Status::InvalidArgument("No partition columns.");
    for (size_t i = 0; i < def.columns.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
            if (EqualsIgnoreCase(def.columns[i], def.columns[j])) {
                return Status::InvalidArgument(
                    fmt::format("Duplicated partition column {}", def.columns[i]));
            }
        }
        const ColumnInfo* column = table->FindColumn(def.columns[i]);
        if (column == nullptr) {
            return Status::InvalidArgument(
                fmt::format("Partition column[{}] does not exist in column list.", def.columns[i]),
                ErrorCode::kBadFieldError);
        }
        if (!PartitionKey::IsSupportedColumnType(column->type)) {
            return Status::InvalidArgument(
                fmt::format("Column[{}] type[{}] cannot be a range partition key.", column->name,
                            TypeName(column->type)));
        }
        if (!column->is_key && table->model != KeyModel::kDuplicate) {
            return Status::InvalidArgument(fmt::format(
                "The partition column could not be aggregated column and {} table's partition "
                "column must be key column: {}",
                KeyModelSql(table->model), column->name));
        }
        table->partition_columns.push_back(column->name);
    }
    return Status::OK();
}

Status BuildPartitions(const TableDefinition& def, ValidatedTable* out) {
    TableInfo& table = out->table;
    if (!def.partitioning.has_value()) {
        out->partitions.push_back(ValidatedPartition{def.name, std::nullopt, 0});
        return Status::OK();
    }
    RETURN_IF_ERROR(CheckPartitionColumns(*def.partitioning, &table));
    std::vector<TypeDesc> types = table.PartitionColumnTypes();
    std::vector<NamedRange> resolved;
    for (const PartitionDefinition& partition : def.partitioning->partitions) {
        RETURN_IF_ERROR(CheckPartitionName(partition.name));
        for (const NamedRange& other : resolved) {
            if (EqualsIgnoreCase(other.name, partition.name)) {
                return Status::AlreadyExists(
                    fmt::format("Duplicate partition name {}", partition.name),
                    ErrorCode::kSameNamePartition);
            }
        }
        if (partition.buckets.has_value()) RETURN_IF_ERROR(CheckBucketCount(*partition.buckets));
        ASSIGN_OR_RETURN(
            PartitionRange range,
            ResolvePartitionRange(partition, types, table.partition_columns, resolved));
        resolved.push_back(NamedRange{partition.name, range});
        out->partitions.push_back(
            ValidatedPartition{partition.name, std::move(range), partition.buckets.value_or(0)});
    }
    return Status::OK();
}

Status CheckHashColumns(const DistributionDefinition& def, TableInfo* table) {
    if (def.columns.empty()) return Status::InvalidArgument("Number of hash column is zero.");
    for (size_t i = 0; i < def.columns.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
            if (EqualsIgnoreCase(def.columns[i], def.columns[j])) {
                return Status::InvalidArgument(
                    fmt::format("Duplicated distribution column {}", def.columns[i]));
            }
        }
        const ColumnInfo* column = table->FindColumn(def.columns[i]);
        if (column == nullptr) {
            return Status::InvalidArgument(
                fmt::format("Distribution column({}) doesn't exist.", def.columns[i]),
                ErrorCode::kBadFieldError);
        }
        if (!column->is_key && table->model != KeyModel::kDuplicate) {
            return Status::InvalidArgument(
                fmt::format("Distribution column[{}] is not key column", column->name));
        }
        if (IsFloatingPoint(column->type)) {
            return Status::InvalidArgument(fmt::format(
                "Floating point type column can not be distribution column: {}", column->name));
        }
        if (column->type.type == LogicalType::kJson) {
            return Status::InvalidArgument(
                fmt::format("JSON type column can not be distribution column: {}", column->name));
        }
        table->distribution.columns.push_back(column->name);
    }
    return Status::OK();
}

Status BuildDistribution(const TableDefinition& def, int32_t auto_buckets, TableInfo* table) {
    DistributionInfo& distribution = table->distribution;
    bool has_replace =
        std::any_of(table->columns.begin(), table->columns.end(), [](const ColumnInfo& c) {
            return c.aggregate == AggregateFunction::kReplace ||
                   c.aggregate == AggregateFunction::kReplaceIfNotNull;
        });
    bool random_allowed = table->model == KeyModel::kDuplicate ||
                          (table->model == KeyModel::kAggregate && !has_replace);
    if (!def.distribution.has_value()) {
        if (table->model != KeyModel::kDuplicate) {
            return Status::InvalidArgument(
                fmt::format("Currently only support default distribution in DUP_KEYS; a {} "
                            "table needs DISTRIBUTED BY HASH(...)",
                            KeyModelSql(table->model)));
        }
        distribution.kind = DistributionInfo::Kind::kRandom;
    } else if (def.distribution->kind == DistributionDefinition::Kind::kRandom) {
        if (!random_allowed) {
            return Status::InvalidArgument(fmt::format("{}{} must use hash distribution",
                                                       KeyModelSql(table->model),
                                                       has_replace ? " with replace" : ""));
        }
        distribution.kind = DistributionInfo::Kind::kRandom;
    } else {
        distribution.kind = DistributionInfo::Kind::kHash;
        RETURN_IF_ERROR(CheckHashColumns(*def.distribution, table));
    }
    std::optional<int> buckets =
        def.distribution.has_value() ? def.distribution->buckets : std::nullopt;
    if (buckets.has_value()) {
        RETURN_IF_ERROR(CheckBucketCount(*buckets));
        distribution.buckets = *buckets;
        distribution.buckets_auto = false;
    } else {
        distribution.buckets = std::clamp(auto_buckets, 1, kMaxBuckets);
        distribution.buckets_auto = true;
    }
    return Status::OK();
}

}  // namespace

int32_t DefaultAutoBucketCount() {
    unsigned threads = std::thread::hardware_concurrency();
    return std::clamp(static_cast<int32_t>(threads), 1, kMaxAutoBuckets);
}

Status CheckBucketCount(int64_t buckets) {
    if (buckets < 1 || buckets > kMaxBuckets) {
        return Status::InvalidArgument(
            fmt::format("BUCKETS must be between 1 and {}, got {}", kMaxBuckets, buckets));
    }
    return Status::OK();
}

StatusOr<ValidatedTable> ValidateCreateTable(const TableDefinition& def, int32_t auto_buckets) {
    RETURN_IF_ERROR(CheckTableName(def.name));
    RETURN_IF_ERROR(CheckNamesAndTexts(def));
    ASSIGN_OR_RETURN(KeySpec keys, ResolveKeys(def));
    ValidatedTable out;
    TableInfo& table = out.table;
    table.name = def.name;
    table.comment = def.comment;
    RETURN_IF_ERROR(BuildColumns(def, keys, &table));
    RETURN_IF_ERROR(BuildPartitions(def, &out));
    RETURN_IF_ERROR(BuildDistribution(def, auto_buckets, &table));
    ASSIGN_OR_RETURN(table.properties, ValidateTableProperties(def.properties, table));
    for (ValidatedPartition& partition : out.partitions) {
        if (partition.bucket_count == 0) partition.bucket_count = table.distribution.buckets;
    }
    return out;
}

StatusOr<ValidatedPartition> ValidateAddPartition(const TableInfo& table,
                                                  const PartitionDefinition& def,
                                                  PartitionKind kind) {
    if (!table.is_range_partitioned()) {
        return Status::InvalidArgument(
            fmt::format("Table '{}' is not partitioned by RANGE: {} cannot be added", table.name,
                        kind == PartitionKind::kFormal ? "partitions" : "temporary partitions"));
    }
    RETURN_IF_ERROR(CheckPartitionName(def.name));
    if (table.FindPartition(def.name) != nullptr || table.FindTempPartition(def.name) != nullptr) {
        return Status::AlreadyExists(fmt::format("Duplicate partition name {}", def.name),
                                     ErrorCode::kSameNamePartition);
    }
    if (def.buckets.has_value()) RETURN_IF_ERROR(CheckBucketCount(*def.buckets));
    const std::vector<PartitionInfo>& same_kind = table.PartitionsOf(kind);
    std::vector<NamedRange> existing;
    existing.reserve(same_kind.size());
    for (const PartitionInfo& partition : same_kind) {
        existing.push_back(NamedRange{partition.name, *partition.range});
    }
    ASSIGN_OR_RETURN(PartitionRange range,
                     ResolvePartitionRange(def, table.PartitionColumnTypes(),
                                           table.partition_columns, existing));
    return ValidatedPartition{def.name, std::move(range),
                              def.buckets.value_or(table.distribution.buckets)};
}

}  // namespace tributary
