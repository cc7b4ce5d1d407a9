// The PROPERTIES and FROM KAFKA (...) clauses of CREATE ROUTINE LOAD, validated with StarRocks'
// rules and messages (reference §1.1), into the settings a job keeps.
//
// Job properties. Unknown keys fail with "<key> is invalid property". Numbers must be integers
// in range ("desired_concurrent_number should > 0", "max_batch_interval should >= 5",
// "max_batch_rows should >= 200000", "max_error_number should >= 0", "log_rejected_record_num
// should >= -1", "max_filter_ratio must between 0.0 and 1.0."); booleans are true / false in any
// case ("strict_mode should be a boolean"); `format` is csv, json or avro ("Format type is
// invalid. format=`xml`"); `timezone` must name a zone. Defaults: desired_concurrent_number and the task
// times come from the FE config (max_routine_load_task_concurrent_num,
// routine_load_task_consume_second, routine_load_task_timeout_second) and timezone from the
// session; setting only one of task_consume_second / task_timeout_second derives the other
// (timeout = 4 x consume), as StarRocks does. `max_batch_size` is accepted and ignored
// (deprecated in StarRocks). Where StarRocks is lenient we are strict, and say so: a boolean
// that is not true / false, an enclose or escape longer than one byte, and CSV-only or
// JSON-only options given for another format are errors rather than silently ignored (jsonpaths
// applies to JSON and Avro). The PRIMARY KEY options partial_update (partial_update_mode row
// only) and merge_condition are parsed here and checked against the table by the load pipeline.
//
// Kafka properties. Allowed: kafka_broker_list and kafka_topic (required), kafka_partitions,
// kafka_offsets, confluent.schema.registry.url, and any property.<librdkafka key>; anything else
// is "<key> is invalid kafka custom property". Offsets are integers >= 0, OFFSET_BEGINNING or
// OFFSET_END (any case); kafka_offsets needs one per listed partition ("Partitions number should
// be equals to offsets number"). property.kafka_default_offsets is the start of listed
// partitions without an offset and of partitions found later (default OFFSET_END).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "sql/ast_common.h"

namespace tributary {

// librdkafka's logical offsets, as StarRocks stores them.
inline constexpr int64_t kKafkaOffsetBeginning = -2;
inline constexpr int64_t kKafkaOffsetEnd = -1;

// What a job falls back on for properties the statement does not set.
struct RoutineLoadDefaults {
    int64_t desired_concurrent_number = 5;  // max_routine_load_task_concurrent_num
    int64_t task_consume_second = 15;       // routine_load_task_consume_second
    int64_t task_timeout_second = 60;       // routine_load_task_timeout_second
    std::string time_zone = "Asia/Shanghai";  // the creating session's time_zone
};

struct RoutineLoadJobProperties {
    int64_t desired_concurrent_number = 5;
    int64_t max_batch_interval_s = 10;
    int64_t max_batch_rows = 200000;  // sizes the error window (10 x), never a batch
    int64_t max_error_number = 0;
    double max_filter_ratio = 1.0;  // 1: off
    bool strict_mode = false;
    int64_t log_rejected_record_num = 0;
    std::string time_zone;
    std::string format = "csv";  // "csv", "json" or "avro"
    // JSON and Avro
    std::vector<std::string> jsonpaths;  // empty: simple mode
    std::string jsonpaths_text;          // as written, for SHOW
    // JSON
    std::string json_root;
    bool strip_outer_array = false;
    // CSV
    bool trim_space = false;
    char enclose = 0;  // 0: none
    char escape = 0;   // 0: none
    // Tasks
    int64_t task_consume_second = 15;
    int64_t task_timeout_second = 60;
    bool pause_on_fatal_parse_error = false;
    // PRIMARY KEY tables (checked against the table by the load pipeline)
    bool partial_update = false;
    std::string merge_condition;
};

struct KafkaPartitionOffset {
    int32_t partition = 0;
    int64_t offset = kKafkaOffsetEnd;  // >= 0, kKafkaOffsetBeginning or kKafkaOffsetEnd

    bool operator==(const KafkaPartitionOffset&) const = default;
};

struct KafkaSourceProperties {
    std::string broker_list;  // spaces removed
    std::string topic;
    // kafka_partitions with their start offsets; empty: every partition, new ones found later.
    std::vector<KafkaPartitionOffset> partitions;
    std::optional<int64_t> default_offset;  // property.kafka_default_offsets
    // property.<key> = value, prefix removed, in statement order (librdkafka settings, group.id,
    // client.id, kafka_default_offsets).
    std::vector<std::pair<std::string, std::string>> custom;
    std::string schema_registry_url;  // confluent.schema.registry.url (Avro)
};

StatusOr<RoutineLoadJobProperties> ParseRoutineLoadJobProperties(
    const PropertyList& properties, const RoutineLoadDefaults& defaults);

StatusOr<KafkaSourceProperties> ParseKafkaSourceProperties(const PropertyList& properties);

// An offset property value: a number >= 0, OFFSET_BEGINNING or OFFSET_END (any case).
StatusOr<int64_t> ParseKafkaOffset(std::string_view text);

// Key / value pairs as a job keeps them, back in the form the parsers above take.
PropertyList ToPropertyList(const std::vector<std::pair<std::string, std::string>>& pairs);

// `value`, or "******" when `key` names a secret (contains "password" or "secret"), for SHOW;
// confluent.schema.registry.url with its credentials masked.
std::string MaskedPropertyValue(std::string_view key, std::string_view value);

}  // namespace tributary
