#include "catalog/table_properties.h"

#include <fmt/format.h>

#include "base/string_util.h"

namespace tributary {
namespace {

constexpr std::string_view kReplicationNum = "replication_num";
constexpr std::string_view kStorageMedium = "storage_medium";
constexpr std::string_view kCompression = "compression";
constexpr std::string_view kBloomFilterColumns = "bloom_filter_columns";

Status ParseReplicationNum(std::string_view value, int32_t* out) {
    int64_t n = 0;
    if (!ParseInt64(Trim(value), &n) || n < 1 || n > 3) {
        return Status::InvalidArgument(
            fmt::format("Invalid replication_num: \"{}\". It must be an integer from 1 to 3",
                        value),
            ErrorCode::kInvalidValue);
    }
    *out = static_cast<int32_t>(n);
    return Status::OK();
}

Status ParseStorageMedium(std::string_view value, std::string* out) {
    std::string medium = ToUpper(Trim(value));
    if (medium != "HDD" && medium != "SSD") {
        return Status::InvalidArgument(
            fmt::format("Invalid storage_medium: \"{}\". It must be HDD or SSD", value),
            ErrorCode::kInvalidValue);
    }
    *out = std::move(medium);
    return Status::OK();
}

Status ParseCompression(std::string_view value, std::string* out) {
    std::string compression = ToUpper(Trim(value));
    if (compression != "LZ4" && compression != "ZSTD") {
        return Status::InvalidArgument(
            fmt::format("Unknown compression type: \"{}\". Supported: LZ4, ZSTD", value),
            ErrorCode::kInvalidValue);
    }
    *out = std::move(compression);
    return Status::OK();
}

bool TypeSupportsBloomFilter(const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kTinyInt:
        case LogicalType::kFloat:
        case LogicalType::kDouble:
        case LogicalType::kBoolean:
        case LogicalType::kJson:
            return false;
        default:
            return true;
    }
}

Status ParseBloomFilterColumns(std::string_view value, const TableInfo& table,
                               std::vector<std::string>* out) {
    for (const std::string& piece : Split(value, ",")) {
        std::string_view name = Trim(piece);
        if (name.empty()) continue;
        const ColumnInfo* column = table.FindColumn(name);
        if (column == nullptr) {
            return Status::InvalidArgument(fmt::format(
                "Bloom filter column does not exist in table. invalid column: {}", name));
        }
        for (const std::string& seen : *out) {
            if (EqualsIgnoreCase(seen, name)) {
                return Status::InvalidArgument(
                    fmt::format("Reduplicated bloom filter column: {}", name));
            }
        }
        if (!TypeSupportsBloomFilter(column->type)) {
            return Status::InvalidArgument(fmt::format(
                "TINYINT, FLOAT, DOUBLE, BOOLEAN and JSON types are not supported in bloom "
                "filter index. invalid column: {}",
                name));
        }
        bool key_only = table.model == KeyModel::kAggregate || table.model == KeyModel::kUnique;
        if (key_only && !column->is_key) {
            return Status::InvalidArgument(fmt::format(
                "Bloom filter index only used in columns of DUP_KEYS/PRIMARY table or key "
                "columns of UNIQUE_KEYS/AGG_KEYS table. invalid column: {}",
                name));
        }
        out->push_back(column->name);
    }
    return Status::OK();
}

}  // namespace

StatusOr<TableProperties> ValidateTableProperties(
    const std::vector<std::pair<std::string, std::string>>& properties, const TableInfo& table) {
    TableProperties out;
    std::vector<std::string> seen;
    std::vector<std::string> unknown;
    for (const auto& [raw_key, value] : properties) {
        std::string key = ToLower(Trim(raw_key));
        for (const std::string& earlier : seen) {
            if (earlier == key) {
                return Status::InvalidArgument(
                    fmt::format("Property \"{}\" is given more than once", raw_key));
            }
        }
        seen.push_back(key);
        if (key == kReplicationNum) {
            RETURN_IF_ERROR(ParseReplicationNum(value, &out.replication_num));
        } else if (key == kStorageMedium) {
            RETURN_IF_ERROR(ParseStorageMedium(value, &out.storage_medium));
        } else if (key == kCompression) {
            RETURN_IF_ERROR(ParseCompression(value, &out.compression));
        } else if (key == kBloomFilterColumns) {
            RETURN_IF_ERROR(ParseBloomFilterColumns(value, table, &out.bloom_filter_columns));
        } else {
            unknown.push_back(fmt::format("{}={}", raw_key, value));
        }
    }
    if (!unknown.empty()) {
        return Status::InvalidArgument(
            fmt::format("Unknown properties: {{{}}}", Join(unknown, ", ")));
    }
    return out;
}

}  // namespace tributary
