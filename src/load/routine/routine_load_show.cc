#include "load/routine/routine_load_show.h"

#include <fmt/format.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "base/string_util.h"
#include "load/routine/schema_registry_client.h"

namespace tributary {
namespace {

using Json = nlohmann::ordered_json;

std::optional<std::string> OptionalTime(int64_t ms) {
    if (ms < 0) return std::nullopt;
    return FormatRoutineLoadTime(ms);
}

std::string OffsetMap(const std::map<int32_t, int64_t>& offsets) {
    Json out = Json::object();
    for (const auto& [partition, offset] : offsets) {
        out[std::to_string(partition)] = std::to_string(offset);
    }
    return out.dump();
}

std::string Bool(bool b) { return b ? "true" : "false"; }

std::string JobPropertiesJson(const RoutineLoadJobView& view) {
    const RoutineLoadJob& job = view.job;
    const RoutineLoadJobProperties& p = view.properties;
    Json j;
    j["partitions"] = job.partitions.empty() ? "*" : Join(job.partitions, ",");
    j["temporaryPartitions"] = Bool(job.temporary_partitions);
    j["columnToColumnExpr"] = Join(job.columns, ",");
    j["maxBatchIntervalS"] = std::to_string(p.max_batch_interval_s);
    j["whereExpr"] = job.where_sql.empty() ? "*" : job.where_sql;
    j["dataFormat"] = p.format;
    j["timezone"] = p.time_zone;
    j["format"] = p.format;
    j["columnSeparator"] = job.column_separator.value_or("\t");
    j["rowDelimiter"] = job.row_delimiter.value_or("\n");
    j["log_rejected_record_num"] = std::to_string(p.log_rejected_record_num);
    j["taskTimeoutSecond"] = std::to_string(p.task_timeout_second);
    j["json_root"] = p.json_root;
    j["maxFilterRatio"] = p.max_filter_ratio == static_cast<int64_t>(p.max_filter_ratio)
                              ? fmt::format("{:.1f}", p.max_filter_ratio)
                              : fmt::format("{}", p.max_filter_ratio);
    j["strict_mode"] = Bool(p.strict_mode);
    j["jsonpaths"] = p.jsonpaths_text;
    j["taskConsumeSecond"] = std::to_string(p.task_consume_second);
    j["desireTaskConcurrentNum"] = std::to_string(p.desired_concurrent_number);
    j["maxErrorNum"] = std::to_string(p.max_error_number);
    j["strip_outer_array"] = Bool(p.strip_outer_array);
    j["currentTaskConcurrentNum"] = std::to_string(view.current_task_num);
    j["maxBatchRows"] = std::to_string(p.max_batch_rows);
    j["trim_space"] = Bool(p.trim_space);
    j["enclose"] = p.enclose == 0 ? std::string() : std::string(1, p.enclose);
    j["escape"] = p.escape == 0 ? std::string() : std::string(1, p.escape);
    j["pause_on_fatal_parse_error"] = Bool(p.pause_on_fatal_parse_error);
    j["partial_update"] = Bool(p.partial_update);
    if (!p.merge_condition.empty()) j["merge_condition"] = p.merge_condition;
    return j.dump();
}

std::string DataSourcePropertiesJson(const RoutineLoadJobView& view) {
    Json j;
    j["topic"] = view.source.topic;
    std::vector<std::string> partitions;
    for (int32_t p : view.partitions) partitions.push_back(std::to_string(p));
    j["currentKafkaPartitions"] = Join(partitions, ",");
    j["brokerList"] = view.source.broker_list;
    if (!view.source.schema_registry_url.empty()) {
        j["confluent.schema.registry.url"] = MaskSchemaRegistryUrl(view.source.schema_registry_url);
    }
    return j.dump();
}

std::string CustomPropertiesJson(const RoutineLoadJobView& view) {
    Json j = Json::object();
    for (const auto& [key, value] : view.source.custom) j[key] = MaskedPropertyValue(key, value);
    return j.dump();
}

std::string StatisticJson(const RoutineLoadStatistics& s) {
    const int64_t ms = std::max<int64_t>(1, s.task_execute_ms);
    Json j;
    j["receivedBytes"] = s.received_bytes;
    j["errorRows"] = s.error_rows;
    j["committedTaskNum"] = s.committed_tasks;
    j["loadedRows"] = s.loaded_rows;
    j["loadRowsRate"] = s.loaded_rows * 1000 / ms;
    j["abortedTaskNum"] = s.aborted_tasks;
    j["totalRows"] = s.total_rows;
    j["unselectedRows"] = s.unselected_rows;
    j["receivedBytesRate"] = s.received_bytes * 1000 / ms;
    j["taskExecuteTimeMs"] = s.task_execute_ms;
    return j.dump();
}

// Messages not loaded yet per partition: latest - next, at least 0 (StarRocks subtracts the
// shown progress, next - 1, so a caught-up partition shows 1; we show 0). A partition whose
// start is still logical counts from 0.
std::string OffsetLagJson(const RoutineLoadJobView& view) {
    Json j = Json::object();
    for (const auto& [partition, latest] : view.latest_offsets) {
        auto it = view.job.progress.find(partition);
        const int64_t next = it != view.job.progress.end() && it->second >= 0 ? it->second : 0;
        j[std::to_string(partition)] = std::max<int64_t>(0, latest - next);
    }
    return j.dump();
}

}  // namespace

std::string FormatRoutineLoadTime(int64_t ms_since_epoch) {
    const time_t seconds = static_cast<time_t>(ms_since_epoch / 1000);
    std::tm tm{};
    localtime_r(&seconds, &tm);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

const std::vector<std::string>& RoutineLoadShowColumns() {
    static const std::vector<std::string> columns = {
        "Id",          "Name",          "CreateTime",         "PauseTime",
        "EndTime",     "DbName",        "TableName",          "State",
        "DataSourceType", "CurrentTaskNum", "JobProperties",   "DataSourceProperties",
        "CustomProperties", "Statistic", "Progress",           "TimestampProgress",
        "ReasonOfStateChanged", "ErrorLogUrls", "TrackingSQL", "OtherMsg",
        "LatestSourcePosition", "OffsetLag"};
    return columns;
}

ShowRow RoutineLoadShowRow(const RoutineLoadJobView& view) {
    const RoutineLoadJob& job = view.job;
    const std::string state =
        view.unstable ? std::string("UNSTABLE") : std::string(RoutineLoadStateName(job.state));
    return ShowRow{std::to_string(job.id),
                   job.name,
                   FormatRoutineLoadTime(job.create_time_ms),
                   OptionalTime(job.pause_time_ms),
                   OptionalTime(job.end_time_ms),
                   job.db_name,
                   job.table_name,
                   state,
                   std::string("KAFKA"),
                   std::to_string(view.current_task_num),
                   JobPropertiesJson(view),
                   DataSourcePropertiesJson(view),
                   CustomPropertiesJson(view),
                   StatisticJson(job.statistics),
                   ProgressJson(job.progress),
                   OffsetMap(job.timestamp_progress),
                   job.state_reason,
                   Join(job.error_log_urls, ", "),
                   std::string(),
                   job.other_msg,
                   OffsetMap(view.latest_offsets),
                   OffsetLagJson(view)};
}

const std::vector<std::string>& RoutineLoadTaskShowColumns() {
    static const std::vector<std::string> columns = {
        "TaskId",  "TxnId", "TxnStatus", "JobId",    "CreateTime",           "LastScheduledTime",
        "ExecuteStartTime", "Timeout",   "BeId",     "DataSourceProperties", "Message"};
    return columns;
}

ShowRow RoutineLoadTaskShowRow(const RoutineLoadTaskView& view) {
    return ShowRow{view.task_id,
                   std::to_string(view.txn_id),
                   view.txn_status,
                   std::to_string(view.job_id),
                   FormatRoutineLoadTime(view.create_time_ms),
                   OptionalTime(view.last_scheduled_time_ms),
                   OptionalTime(view.execute_start_time_ms),
                   std::to_string(view.timeout_s),
                   std::string("1"),
                   fmt::format("Progress:{},LatestOffset:{}", OffsetMap(view.progress),
                               OffsetMap(view.latest_offsets)),
                   view.message};
}

}  // namespace tributary
