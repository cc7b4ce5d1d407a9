#include "load/routine/routine_load_job.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "load/routine/routine_load_properties.h"

namespace tributary {
namespace {

using Json = nlohmann::ordered_json;

using Pairs = std::vector<std::pair<std::string, std::string>>;

Json PropertiesToJson(const Pairs& properties) {
    Json out = Json::array();
    for (const auto& [key, value] : properties) out.push_back(Json::array({key, value}));
    return out;
}

Pairs PropertiesFromJson(const Json& j) {
    Pairs out;
    for (const Json& pair : j) {
        out.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    }
    return out;
}

Json OffsetsToJson(const std::map<int32_t, int64_t>& offsets) {
    Json out = Json::object();
    for (const auto& [partition, offset] : offsets) out[std::to_string(partition)] = offset;
    return out;
}

std::map<int32_t, int64_t> OffsetsFromJson(const Json& j) {
    std::map<int32_t, int64_t> out;
    for (const auto& [key, value] : j.items()) out[std::stoi(key)] = value.get<int64_t>();
    return out;
}

}  // namespace

std::string EncodeRoutineLoadJob(const RoutineLoadJob& job) {
    Json j;
    j["version"] = 1;
    j["id"] = job.id;
    j["name"] = job.name;
    j["db_id"] = job.db_id;
    j["db_name"] = job.db_name;
    j["table_id"] = job.table_id;
    j["table_name"] = job.table_name;
    j["user"] = job.user;
    j["state"] = RoutineLoadStateName(job.state);
    j["state_reason"] = job.state_reason;
    j["other_msg"] = job.other_msg;
    if (job.column_separator) j["column_separator"] = *job.column_separator;
    if (job.row_delimiter) j["row_delimiter"] = *job.row_delimiter;
    j["columns"] = job.columns;
    j["where"] = job.where_sql;
    j["partitions"] = job.partitions;
    j["temporary_partitions"] = job.temporary_partitions;
    j["job_properties"] = PropertiesToJson(job.job_properties);
    j["data_source_properties"] = PropertiesToJson(job.data_source_properties);
    j["progress"] = OffsetsToJson(job.progress);
    j["timestamp_progress"] = OffsetsToJson(job.timestamp_progress);
    const RoutineLoadStatistics& s = job.statistics;
    j["statistics"] = {{"total_rows", s.total_rows},
                       {"loaded_rows", s.loaded_rows},
                       {"error_rows", s.error_rows},
                       {"unselected_rows", s.unselected_rows},
                       {"received_bytes", s.received_bytes},
                       {"task_execute_ms", s.task_execute_ms},
                       {"committed_tasks", s.committed_tasks},
                       {"aborted_tasks", s.aborted_tasks}};
    j["error_log_urls"] = job.error_log_urls;
    j["create_time_ms"] = job.create_time_ms;
    j["pause_time_ms"] = job.pause_time_ms;
    j["end_time_ms"] = job.end_time_ms;
    return j.dump();
}

StatusOr<RoutineLoadJob> DecodeRoutineLoadJob(std::string_view bytes) {
    try {
        const Json j = Json::parse(bytes);
        if (j.at("version").get<int>() != 1) {
            return Status::Corruption(
                fmt::format("routine load job record has unknown version {}", j.at("version").dump()));
        }
        RoutineLoadJob job;
        job.id = j.at("id").get<int64_t>();
        job.name = j.at("name").get<std::string>();
        job.db_id = j.at("db_id").get<int64_t>();
        job.db_name = j.at("db_name").get<std::string>();
        job.table_id = j.at("table_id").get<int64_t>();
        job.table_name = j.at("table_name").get<std::string>();
        job.user = j.at("user").get<std::string>();
        const std::string state = j.at("state").get<std::string>();
        std::optional<RoutineLoadState> parsed = ParseRoutineLoadState(state);
        if (!parsed) {
            return Status::Corruption(
                fmt::format("routine load job {} has unknown state '{}'", job.id, state));
        }
        job.state = *parsed;
        job.state_reason = j.at("state_reason").get<std::string>();
        job.other_msg = j.at("other_msg").get<std::string>();
        if (j.contains("column_separator")) job.column_separator = j["column_separator"].get<std::string>();
        if (j.contains("row_delimiter")) job.row_delimiter = j["row_delimiter"].get<std::string>();
        job.columns = j.at("columns").get<std::vector<std::string>>();
        job.where_sql = j.at("where").get<std::string>();
        job.partitions = j.at("partitions").get<std::vector<std::string>>();
        job.temporary_partitions = j.at("temporary_partitions").get<bool>();
        job.job_properties = PropertiesFromJson(j.at("job_properties"));
        job.data_source_properties = PropertiesFromJson(j.at("data_source_properties"));
        job.progress = OffsetsFromJson(j.at("progress"));
        job.timestamp_progress = OffsetsFromJson(j.at("timestamp_progress"));
        const Json& s = j.at("statistics");
        job.statistics.total_rows = s.at("total_rows").get<int64_t>();
        job.statistics.loaded_rows = s.at("loaded_rows").get<int64_t>();
        job.statistics.error_rows = s.at("error_rows").get<int64_t>();
        job.statistics.unselected_rows = s.at("unselected_rows").get<int64_t>();
        job.statistics.received_bytes = s.at("received_bytes").get<int64_t>();
        job.statistics.task_execute_ms = s.at("task_execute_ms").get<int64_t>();
        job.statistics.committed_tasks = s.at("committed_tasks").get<int64_t>();
        job.statistics.aborted_tasks = s.at("aborted_tasks").get<int64_t>();
        job.error_log_urls = j.at("error_log_urls").get<std::vector<std::string>>();
        job.create_time_ms = j.at("create_time_ms").get<int64_t>();
        job.pause_time_ms = j.at("pause_time_ms").get<int64_t>();
        job.end_time_ms = j.at("end_time_ms").get<int64_t>();
        return job;
    } catch (const std::exception& e) {
        return Status::Corruption(fmt::format("routine load job record is unreadable: {}", e.what()));
    }
}

std::string ProgressJson(const std::map<int32_t, int64_t>& progress) {
    Json out = Json::object();
    for (const auto& [partition, next] : progress) {
        std::string shown;
        if (next == kKafkaOffsetBeginning) {
            shown = "OFFSET_BEGINNING";
        } else if (next == kKafkaOffsetEnd) {
            shown = "OFFSET_END";
        } else if (next == 0) {
            shown = "OFFSET_ZERO";  // StarRocks' name for "nothing consumed from offset 0"
        } else {
            shown = std::to_string(next - 1);
        }
        out[std::to_string(partition)] = shown;
    }
    return out.dump();
}

}  // namespace tributary
