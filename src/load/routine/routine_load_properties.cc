#include "load/routine/routine_load_properties.h"

#include <fmt/format.h>

#include <set>

#include "base/string_util.h"
#include "load/json/json_reader.h"
#include "load/routine/schema_registry_client.h"
#include "types/time_zone.h"

namespace tributary {
namespace {

// StarRocks' job property names (CreateRoutineLoadStmt's PROPERTIES_SET, minus the ones of
// features we do not have yet, which fail with their own message).
const std::set<std::string, std::less<>> kJobProperties = {
    "desired_concurrent_number", "max_batch_interval", "max_batch_rows", "max_batch_size",
    "max_error_number", "max_filter_ratio", "strict_mode", "timezone", "format", "jsonpaths",
    "json_root", "strip_outer_array", "trim_space", "enclose", "escape",
    "log_rejected_record_num", "task_consume_second", "task_timeout_second",
    "pause_on_fatal_parse_error", "enable_profile", "partial_update", "partial_update_mode",
    "merge_condition", "warehouse"};

const std::set<std::string, std::less<>> kKafkaProperties = {
    "kafka_broker_list", "kafka_topic", "kafka_partitions", "kafka_offsets",
    "confluent.schema.registry.url"};

std::string WithoutSpaces(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c != ' ') out += c;
    }
    return out;
}

// An integer property: `text` must be a whole number and satisfy `ok`, else `message`.
template <typename Pred>
StatusOr<int64_t> IntProperty(std::string_view name, std::string_view text, Pred ok,
                              std::string_view message) {
    int64_t value = 0;
    if (!ParseInt64(Trim(text), &value)) {
        return Status::InvalidArgument(
            fmt::format("{} must be an integer, not '{}'", name, text));
    }
    if (!ok(value)) return Status::InvalidArgument(std::string(message));
    return value;
}

StatusOr<bool> BoolProperty(std::string_view name, std::string_view text) {
    const std::string_view v = Trim(text);
    if (EqualsIgnoreCase(v, "true")) return true;
    if (EqualsIgnoreCase(v, "false")) return false;
    return Status::InvalidArgument(fmt::format("{} should be a boolean", name));
}

StatusOr<char> ByteProperty(std::string_view name, std::string_view text) {
    if (text.size() != 1) {
        return Status::InvalidArgument(
            fmt::format("{} must be a single byte, not '{}'", name, text));
    }
    return text[0];
}

// StarRocks' ENDPOINT_REGEX: [-A-Za-z0-9+&@#/%?=~_|!:,.;]+[-A-Za-z0-9+&@#/%=~_|]
bool IsEndpoint(std::string_view s) {
    auto in = [](char c, std::string_view extra) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || extra.find(c) != std::string_view::npos;
    };
    if (s.size() < 2) return false;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        if (!in(s[i], "-+&@#/%?=~_|!:,.;")) return false;
    }
    return in(s.back(), "-+&@#/%=~_|");
}

}  // namespace

StatusOr<int64_t> ParseKafkaOffset(std::string_view text) {
    const std::string_view v = Trim(text);
    if (EqualsIgnoreCase(v, "OFFSET_BEGINNING")) return kKafkaOffsetBeginning;
    if (EqualsIgnoreCase(v, "OFFSET_END")) return kKafkaOffsetEnd;
    int64_t offset = 0;
    if (!ParseInt64(v, &offset)) {
        return Status::InvalidArgument(fmt::format(
            "kafka offset '{}' is not a number, OFFSET_BEGINNING or OFFSET_END", text));
    }
    if (offset < 0) return Status::InvalidArgument("Can not specify offset smaller than 0");
    return offset;
}

StatusOr<RoutineLoadJobProperties> ParseRoutineLoadJobProperties(
    const PropertyList& properties, const RoutineLoadDefaults& defaults) {
    RoutineLoadJobProperties p;
    p.desired_concurrent_number = defaults.desired_concurrent_number;
    p.time_zone = defaults.time_zone;
    bool has_consume = false;
    bool has_timeout = false;
    // Options that apply to some formats only, as given.
    std::vector<std::string> csv_only;
    std::vector<std::string> json_only;
    std::vector<std::string> paths;  // jsonpaths: JSON and Avro
    std::set<std::string, std::less<>> seen;
    for (const Property& prop : properties) {
        const std::string key = ToLower(prop.key);
        const std::string& v = prop.value;
        if (!kJobProperties.contains(key)) {
            return Status::InvalidArgument(fmt::format("{} is invalid property", prop.key));
        }
        if (!seen.insert(key).second) {
            return Status::InvalidArgument(fmt::format("property {} is set twice", prop.key));
        }
        if (key == "desired_concurrent_number") {
            ASSIGN_OR_RETURN(p.desired_concurrent_number,
                             IntProperty(key, v, [](int64_t n) { return n > 0; },
                                         "desired_concurrent_number should > 0"));
        } else if (key == "max_batch_interval") {
            ASSIGN_OR_RETURN(p.max_batch_interval_s,
                             IntProperty(key, v, [](int64_t n) { return n >= 5; },
                                         "max_batch_interval should >= 5"));
        } else if (key == "max_batch_rows") {
            ASSIGN_OR_RETURN(p.max_batch_rows,
                             IntProperty(key, v, [](int64_t n) { return n >= 200000; },
                                         "max_batch_rows should >= 200000"));
        } else if (key == "max_batch_size") {
            // Deprecated in StarRocks and ignored: the task byte cap is max_routine_load_batch_size.
        } else if (key == "max_error_number") {
            ASSIGN_OR_RETURN(p.max_error_number,
                             IntProperty(key, v, [](int64_t n) { return n >= 0; },
                                         "max_error_number should >= 0"));
        } else if (key == "max_filter_ratio") {
            double ratio = 0;
            if (!ParseDouble(Trim(v), &ratio)) {
                return Status::InvalidArgument("Incorrect format of max_filter_ratio");
            }
            if (ratio < 0.0 || ratio > 1.0) {
                return Status::InvalidArgument("max_filter_ratio must between 0.0 and 1.0.");
            }
            p.max_filter_ratio = ratio;
        } else if (key == "strict_mode") {
            ASSIGN_OR_RETURN(p.strict_mode, BoolProperty(key, v));
        } else if (key == "log_rejected_record_num") {
            ASSIGN_OR_RETURN(p.log_rejected_record_num,
                             IntProperty(key, v, [](int64_t n) { return n >= -1; },
                                         "log_rejected_record_num should >= -1"));
        } else if (key == "timezone") {
            ASSIGN_OR_RETURN(auto zone, TimeZone::Find(Trim(v)));
            p.time_zone = zone->name();
        } else if (key == "format") {
            const std::string format = ToLower(Trim(v));
            if (format != "csv" && format != "json" && format != "avro") {
                return Status::InvalidArgument(
                    fmt::format("Format type is invalid. format=`{}`", v));
            }
            p.format = format;
        } else if (key == "jsonpaths") {
            ASSIGN_OR_RETURN(p.jsonpaths, ParseJsonPathsProperty(v));
            p.jsonpaths_text = v;
            paths.push_back(key);
        } else if (key == "json_root") {
            p.json_root = std::string(Trim(v));
            json_only.push_back(key);
        } else if (key == "strip_outer_array") {
            ASSIGN_OR_RETURN(p.strip_outer_array, BoolProperty(key, v));
            json_only.push_back(key);
        } else if (key == "trim_space") {
            ASSIGN_OR_RETURN(p.trim_space, BoolProperty(key, v));
            csv_only.push_back(key);
        } else if (key == "enclose") {
            ASSIGN_OR_RETURN(p.enclose, ByteProperty(key, v));
            csv_only.push_back(key);
        } else if (key == "escape") {
            ASSIGN_OR_RETURN(p.escape, ByteProperty(key, v));
            csv_only.push_back(key);
        } else if (key == "task_consume_second") {
            ASSIGN_OR_RETURN(p.task_consume_second,
                             IntProperty(key, v, [](int64_t n) { return n > 0; },
                                         "task_consume_second should > 0"));
            has_consume = true;
        } else if (key == "task_timeout_second") {
            ASSIGN_OR_RETURN(p.task_timeout_second,
                             IntProperty(key, v, [](int64_t n) { return n > 0; },
                                         "task_timeout_second should > 0"));
            has_timeout = true;
        } else if (key == "pause_on_fatal_parse_error") {
            ASSIGN_OR_RETURN(p.pause_on_fatal_parse_error, BoolProperty(key, v));
        } else if (key == "enable_profile") {
            ASSIGN_OR_RETURN(bool ignored, BoolProperty(key, v));
            (void)ignored;
        } else if (key == "partial_update") {
            ASSIGN_OR_RETURN(p.partial_update, BoolProperty(key, v));
        } else if (key == "partial_update_mode") {
            if (!EqualsIgnoreCase(v, "row")) {
                return Status::NotSupported(
                    fmt::format("partial_update_mode '{}' is not supported; only row mode is", v),
                    ErrorCode::kNotSupportedYet);
            }
        } else if (key == "merge_condition") {
            p.merge_condition = std::string(v);
        } else if (key == "warehouse") {
            return Status::NotSupported("warehouses (shared-data mode) are not supported",
                                        ErrorCode::kNotSupportedYet);
        }
    }
    if (has_consume && !has_timeout) {
        p.task_timeout_second = p.task_consume_second * 4;
    } else if (has_timeout && !has_consume) {
        p.task_consume_second = std::max<int64_t>(1, p.task_timeout_second / 4);
    } else if (!has_consume && !has_timeout) {
        p.task_consume_second = defaults.task_consume_second;
        p.task_timeout_second = defaults.task_timeout_second;
    }
    if (p.task_timeout_second <= p.task_consume_second) {
        return Status::InvalidArgument(fmt::format(
            "task_timeout_second ({}) must be greater than task_consume_second ({})",
            p.task_timeout_second, p.task_consume_second));
    }
    std::vector<std::string> misplaced;
    if (p.format != "csv") misplaced.insert(misplaced.end(), csv_only.begin(), csv_only.end());
    if (p.format != "json") misplaced.insert(misplaced.end(), json_only.begin(), json_only.end());
    if (p.format == "csv") misplaced.insert(misplaced.end(), paths.begin(), paths.end());
    if (!misplaced.empty()) {
        return Status::InvalidArgument(fmt::format(
            "property {} does not apply to format {}", misplaced.front(), p.format));
    }
    if (p.enclose != 0 && p.enclose == p.escape) {
        return Status::InvalidArgument("enclose and escape must be different bytes");
    }
    return p;
}

StatusOr<KafkaSourceProperties> ParseKafkaSourceProperties(const PropertyList& properties) {
    KafkaSourceProperties k;
    std::optional<std::string> partitions_text;
    std::optional<std::string> offsets_text;
    for (const Property& prop : properties) {
        const std::string& key = prop.key;
        if (key.starts_with("property.")) {
            const std::string name = key.substr(std::string_view("property.").size());
            if (name.empty()) {
                return Status::InvalidArgument("kafka property value could not be a empty string");
            }
            k.custom.emplace_back(name, prop.value);
            if (name == "kafka_default_offsets") {
                ASSIGN_OR_RETURN(int64_t offset, ParseKafkaOffset(prop.value));
                k.default_offset = offset;
            }
            continue;
        }
        if (!kKafkaProperties.contains(key)) {
            return Status::InvalidArgument(
                fmt::format("{} is invalid kafka custom property", key));
        }
        if (key == "kafka_broker_list") {
            k.broker_list = WithoutSpaces(prop.value);
        } else if (key == "kafka_topic") {
            k.topic = WithoutSpaces(prop.value);
        } else if (key == "kafka_partitions") {
            partitions_text = WithoutSpaces(prop.value);
        } else if (key == "kafka_offsets") {
            offsets_text = WithoutSpaces(prop.value);
        } else if (key == "confluent.schema.registry.url") {
            k.schema_registry_url = prop.value;
        }
    }
    if (k.broker_list.empty()) {
        return Status::InvalidArgument("kafka_broker_list is a required property");
    }
    for (const std::string& broker : Split(k.broker_list, ",")) {
        if (!IsEndpoint(broker)) {
            return Status::InvalidArgument(fmt::format(
                "kafka_broker_list:{} not match pattern "
                "[-A-Za-z0-9+&@#/%?=~_|!:,.;]+[-A-Za-z0-9+&@#/%=~_|]",
                broker));
        }
    }
    if (k.topic.empty()) return Status::InvalidArgument("kafka_topic is a required property");
    if (partitions_text) {
        if (partitions_text->empty()) {
            return Status::InvalidArgument("kafka_partitions could not be a empty string");
        }
        for (const std::string& p : Split(*partitions_text, ",")) {
            int64_t partition = 0;
            if (!ParseInt64(p, &partition) || partition < 0 || partition > INT32_MAX) {
                return Status::InvalidArgument(
                    "kafka_partitions must be a number string with comma-separated");
            }
            for (const KafkaPartitionOffset& seen : k.partitions) {
                if (seen.partition == partition) {
                    return Status::InvalidArgument(
                        fmt::format("kafka_partitions lists partition {} twice", partition));
                }
            }
            k.partitions.push_back(KafkaPartitionOffset{
                static_cast<int32_t>(partition), k.default_offset.value_or(kKafkaOffsetEnd)});
        }
    }
    if (offsets_text) {
        if (offsets_text->empty()) {
            return Status::InvalidArgument("kafka_offsets could not be a empty string");
        }
        const std::vector<std::string> offsets = Split(*offsets_text, ",");
        if (offsets.size() != k.partitions.size()) {
            return Status::InvalidArgument("Partitions number should be equals to offsets number");
        }
        for (size_t i = 0; i < offsets.size(); ++i) {
            ASSIGN_OR_RETURN(k.partitions[i].offset, ParseKafkaOffset(offsets[i]));
        }
    }
    return k;
}

PropertyList ToPropertyList(const std::vector<std::pair<std::string, std::string>>& pairs) {
    PropertyList list;
    for (const auto& [key, value] : pairs) list.push_back(Property{key, value, {}});
    return list;
}

std::string MaskedPropertyValue(std::string_view key, std::string_view value) {
    const std::string lower = ToLower(key);
    if (lower == "confluent.schema.registry.url") return MaskSchemaRegistryUrl(value);
    if (lower.find("password") != std::string::npos || lower.find("secret") != std::string::npos) {
        return "******";
    }
    return std::string(value);
}

}  // namespace tributary
