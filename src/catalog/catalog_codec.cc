#include "catalog/catalog_codec.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/string_util.h"

namespace tributary {
namespace {

using Json = nlohmann::json;

// Thrown inside this file only, for shapes the JSON library would accept but we do not; caught
// by Decode() and turned into a Corruption status.
struct BadShape {
    std::string what;
};

std::string_view ModelName(KeyModel model) {
    switch (model) {
        case KeyModel::kDuplicate:
            return "DUPLICATE";
        case KeyModel::kAggregate:
            return "AGGREGATE";
        case KeyModel::kUnique:
            return "UNIQUE";
        case KeyModel::kPrimary:
            return "PRIMARY";
    }
    return "DUPLICATE";
}

KeyModel ParseModel(const std::string& name) {
    for (KeyModel m :
         {KeyModel::kDuplicate, KeyModel::kAggregate, KeyModel::kUnique, KeyModel::kPrimary}) {
        if (ModelName(m) == name) return m;
    }
    throw BadShape{"unknown key model '" + name + "'"};
}

Json EncodeType(const TypeDesc& type) {
    Json j = {{"type", std::string(LogicalTypeName(type.type))}};
    if (type.IsString()) j["length"] = type.length;
    if (type.type == LogicalType::kDecimal) {
        j["precision"] = type.precision;
        j["scale"] = type.scale;
    }
    return j;
}

TypeDesc DecodeType(const Json& j) {
    TypeDesc type;
    std::string name = j.at("type").get<std::string>();
    if (!ParseLogicalTypeName(name, &type.type)) throw BadShape{"unknown type '" + name + "'"};
    type.length = j.value("length", 0);
    type.precision = j.value("precision", 0);
    type.scale = j.value("scale", 0);
    return type;
}

Json EncodeColumn(const ColumnInfo& column) {
    Json j = {{"name", column.name},
              {"type", EncodeType(column.type)},
              {"is_key", column.is_key},
              {"aggregate", std::string(AggregateFunctionName(column.aggregate))},
              {"nullable", column.nullable},
              {"comment", column.comment},
              {"auto_increment", column.auto_increment}};
    if (column.default_value.has_value()) {
        j["default"] = {{"current_timestamp", column.default_value->is_current_timestamp},
                        {"value", column.default_value->literal}};
    }
    return j;
}

ColumnInfo DecodeColumn(const Json& j) {
    ColumnInfo column;
    column.name = j.at("name").get<std::string>();
    column.type = DecodeType(j.at("type"));
    column.is_key = j.at("is_key").get<bool>();
    std::string aggregate = j.at("aggregate").get<std::string>();
    if (!ParseAggregateFunction(aggregate, &column.aggregate)) {
        throw BadShape{"unknown aggregate '" + aggregate + "'"};
    }
    column.nullable = j.at("nullable").get<bool>();
    column.comment = j.value("comment", "");
    column.auto_increment = j.value("auto_increment", false);
    if (j.contains("default")) {
        const Json& d = j.at("default");
        column.default_value =
            ColumnDefault{d.at("current_timestamp").get<bool>(), d.at("value").get<std::string>()};
    }
    return column;
}

Json EncodeBound(const PartitionKey& key, const std::vector<TypeDesc>& types) {
    Json j = Json::array();
    for (const auto& text : key.ToTexts(types)) {
        j.push_back(text.has_value() ? Json(*text) : Json(nullptr));
    }
    return j;
}

PartitionKey DecodeBound(const Json& j, const TableInfo& table) {
    PartitionValues texts;
    for (const Json& v : j) {
        texts.push_back(v.is_null() ? std::nullopt
                                    : std::optional<std::string>(v.get<std::string>()));
    }
    if (texts.size() != table.partition_columns.size()) {
        throw BadShape{"a partition bound has the wrong number of values"};
    }
    StatusOr<PartitionKey> key =
        PartitionKey::Parse(texts, table.PartitionColumnTypes(), table.partition_columns);
    if (!key.ok()) throw BadShape{std::string(key.status().message())};
    return *std::move(key);
}

Json EncodePartition(const PartitionInfo& partition, const std::vector<TypeDesc>& types) {
    Json j = {{"id", partition.id},
              {"name", partition.name},
              {"buckets", partition.bucket_count},
              {"tablets", partition.tablet_ids}};
    if (partition.range.has_value()) {
        j["lower"] = EncodeBound(partition.range->lower, types);
        j["upper"] = EncodeBound(partition.range->upper, types);
    }
    return j;
}

PartitionInfo DecodePartition(const Json& j, const TableInfo& table) {
    PartitionInfo partition;
    partition.id = j.at("id").get<int64_t>();
    partition.name = j.at("name").get<std::string>();
    partition.bucket_count = j.at("buckets").get<int32_t>();
    partition.tablet_ids = j.at("tablets").get<std::vector<int64_t>>();
    if (static_cast<size_t>(partition.bucket_count) != partition.tablet_ids.size()) {
        throw BadShape{"partition " + partition.name + " has a tablet count unequal to buckets"};
    }
    if (j.contains("lower")) {
        partition.range =
            PartitionRange{DecodeBound(j.at("lower"), table), DecodeBound(j.at("upper"), table)};
    }
    return partition;
}

Json EncodePrivileges(PrivilegeSet privileges) { return privileges.Names(); }

PrivilegeSet DecodePrivileges(const Json& j) {
    PrivilegeSet set;
    for (const Json& name : j) {
        Privilege p;
        if (!ParsePrivilegeName(name.get<std::string>(), &p)) {
            throw BadShape{"unknown privilege '" + name.get<std::string>() + "'"};
        }
        set = set.Union(PrivilegeSet::Of({p}));
    }
    return set;
}

// Parses `value` and runs `decode` on it, turning any failure into Corruption.
template <typename T, typename Fn>
StatusOr<T> Decode(std::string_view what, std::string_view value, Fn decode) {
    Json j = Json::parse(value, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Status::Corruption(fmt::format("{} is not valid JSON", what));
    try {
        return decode(j);
    } catch (const BadShape& e) {
        return Status::Corruption(fmt::format("{} is malformed: {}", what, e.what));
    } catch (const std::exception& e) {
        return Status::Corruption(fmt::format("{} is malformed: {}", what, e.what()));
    }
}

std::string PaddedId(int64_t id) { return fmt::format("{:020}", id); }

// Validation keeps stored text UTF-8; replacing bad bytes is a safety net so that dump() never
// throws.
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

std::string DatabaseKey(int64_t db_id) { return std::string(kDatabaseKeyPrefix) + PaddedId(db_id); }

std::string TableKey(int64_t db_id, int64_t table_id) {
    return std::string(kTableKeyPrefix) + PaddedId(db_id) + "/" + PaddedId(table_id);
}

std::string UserKey(const UserIdentity& identity) {
    return std::string(kUserKeyPrefix) + identity.user + "@" + ToLower(identity.host);
}

std::string EncodeNextId(int64_t next_id) { return Dump(Json{{"next_id", next_id}}); }

StatusOr<int64_t> DecodeNextId(std::string_view value) {
    return Decode<int64_t>("the id counter", value,
                           [](const Json& j) { return j.at("next_id").get<int64_t>(); });
}

std::string EncodeDatabase(const DatabaseInfo& db) {
    return Dump(Json{{"id", db.id}, {"name", db.name}, {"create_time", db.create_time}});
}

StatusOr<DatabaseInfo> DecodeDatabase(std::string_view value) {
    return Decode<DatabaseInfo>("a database record", value, [](const Json& j) {
        return DatabaseInfo{j.at("id").get<int64_t>(), j.at("name").get<std::string>(),
                            j.at("create_time").get<int64_t>()};
    });
}

std::string EncodeTable(const TableInfo& table) {
    std::vector<TypeDesc> types = table.PartitionColumnTypes();
    Json columns = Json::array();
    for (const ColumnInfo& column : table.columns) columns.push_back(EncodeColumn(column));
    Json partitions = Json::array();
    for (const PartitionInfo& p : table.partitions) partitions.push_back(EncodePartition(p, types));
    Json temp_partitions = Json::array();
    for (const PartitionInfo& p : table.temp_partitions) {
        temp_partitions.push_back(EncodePartition(p, types));
    }
    const DistributionInfo& d = table.distribution;
    const TableProperties& props = table.properties;
    Json j = {
        {"id", table.id},
        {"db_id", table.db_id},
        {"name", table.name},
        {"create_time", table.create_time},
        {"model", std::string(ModelName(table.model))},
        {"comment", table.comment},
        {"columns", std::move(columns)},
        {"partition_columns", table.partition_columns},
        {"partitions", std::move(partitions)},
        {"distribution",
         {{"kind", d.kind == DistributionInfo::Kind::kHash ? "HASH" : "RANDOM"},
          {"columns", d.columns},
          {"buckets", d.buckets},
          {"buckets_auto", d.buckets_auto}}},
        {"properties",
         {{"replication_num", props.replication_num},
          {"storage_medium", props.storage_medium},
          {"compression", props.compression},
          {"bloom_filter_columns", props.bloom_filter_columns}}},
    };
    // Written only when there are any, so tables without them keep their older shape.
    if (!temp_partitions.empty()) j["temp_partitions"] = std::move(temp_partitions);
    return Dump(j);
}

StatusOr<TableInfo> DecodeTable(std::string_view value) {
    return Decode<TableInfo>("a table record", value, [](const Json& j) {
        TableInfo table;
        table.id = j.at("id").get<int64_t>();
        table.db_id = j.at("db_id").get<int64_t>();
        table.name = j.at("name").get<std::string>();
        table.create_time = j.at("create_time").get<int64_t>();
        table.model = ParseModel(j.at("model").get<std::string>());
        table.comment = j.value("comment", "");
        for (const Json& c : j.at("columns")) table.columns.push_back(DecodeColumn(c));
        table.partition_columns = j.at("partition_columns").get<std::vector<std::string>>();
        for (const std::string& name : table.partition_columns) {
            if (table.FindColumn(name) == nullptr) {
                throw BadShape{"partition column " + name + " is not a column"};
            }
        }
        for (const Json& p : j.at("partitions")) {
            table.partitions.push_back(DecodePartition(p, table));
        }
        if (j.contains("temp_partitions")) {
            for (const Json& p : j.at("temp_partitions")) {
                PartitionInfo partition = DecodePartition(p, table);
                if (!partition.range.has_value()) {
                    throw BadShape{"temporary partition " + partition.name + " has no range"};
                }
                table.temp_partitions.push_back(std::move(partition));
            }
        }
        const Json& d = j.at("distribution");
        std::string kind = d.at("kind").get<std::string>();
        if (kind != "HASH" && kind != "RANDOM") throw BadShape{"unknown distribution " + kind};
        table.distribution.kind =
            kind == "HASH" ? DistributionInfo::Kind::kHash : DistributionInfo::Kind::kRandom;
        table.distribution.columns = d.at("columns").get<std::vector<std::string>>();
        table.distribution.buckets = d.at("buckets").get<int32_t>();
        table.distribution.buckets_auto = d.at("buckets_auto").get<bool>();
        const Json& props = j.at("properties");
        table.properties.replication_num = props.at("replication_num").get<int32_t>();
        table.properties.storage_medium = props.at("storage_medium").get<std::string>();
        table.properties.compression = props.at("compression").get<std::string>();
        table.properties.bloom_filter_columns =
            props.at("bloom_filter_columns").get<std::vector<std::string>>();
        return table;
    });
}

std::string EncodeUser(const UserRecord& user) {
    Json databases = Json::array();
    for (const auto& [db, privileges] : user.databases) {
        databases.push_back({{"db", db}, {"privileges", EncodePrivileges(privileges)}});
    }
    Json tables = Json::array();
    for (const auto& [key, privileges] : user.tables) {
        tables.push_back({{"db", key.first},
                          {"table", key.second},
                          {"privileges", EncodePrivileges(privileges)}});
    }
    Json j = {{"name", user.identity.user},
              {"host", user.identity.host},
              {"password", HexEncode(user.password_hash)},
              {"create_time", user.create_time},
              {"global", EncodePrivileges(user.global)},
              {"databases", std::move(databases)},
              {"tables", std::move(tables)}};
    return Dump(j);
}

StatusOr<UserRecord> DecodeUser(std::string_view value) {
    return Decode<UserRecord>("a user record", value, [](const Json& j) {
        UserRecord user;
        user.identity.user = j.at("name").get<std::string>();
        user.identity.host = j.at("host").get<std::string>();
        StatusOr<std::string> hash = HexDecode(j.at("password").get<std::string>());
        if (!hash.ok()) throw BadShape{"password: " + std::string(hash.status().message())};
        if (!hash->empty() && hash->size() != kPasswordHashSize) {
            throw BadShape{"password hash has the wrong length"};
        }
        user.password_hash = *std::move(hash);
        user.create_time = j.at("create_time").get<int64_t>();
        user.global = DecodePrivileges(j.at("global"));
        for (const Json& d : j.at("databases")) {
            user.databases[d.at("db").get<std::string>()] = DecodePrivileges(d.at("privileges"));
        }
        for (const Json& t : j.at("tables")) {
            user.tables[{t.at("db").get<std::string>(), t.at("table").get<std::string>()}] =
                DecodePrivileges(t.at("privileges"));
        }
        return user;
    });
}

}  // namespace tributary
