// RoutineLoadJob: everything a Routine Load job keeps across restarts (DESIGN §7), and its
// persisted form.
//
// The load description and the properties are kept as the user wrote them (SQL text and
// key/value pairs), so SHOW shows them back and each task re-parses and re-binds them against
// the table as it is then (ALTER and schema changes apply to the next task). Progress is the next
// offset to read per partition: a number >= 0, or kKafkaOffsetBeginning / kKafkaOffsetEnd before
// the first commit resolves it. SHOW prints StarRocks' "last consumed offset" (next - 1).
//
// Encode / Decode give the JSON the job store writes (one MetaStore value per job); Decode
// refuses values it cannot read with Corruption naming the problem, and ignores unknown keys
// (a newer version's fields).
//
// Thread safety: a plain value.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "load/routine/routine_load_state.h"

namespace tributary {

// StarRocks' Statistic keys (reference §6); rows and bytes of committed tasks.
struct RoutineLoadStatistics {
    int64_t total_rows = 0;
    int64_t loaded_rows = 0;
    int64_t error_rows = 0;
    int64_t unselected_rows = 0;
    int64_t received_bytes = 0;
    int64_t task_execute_ms = 1;  // starts at 1, as StarRocks' (a divisor of the rates)
    int64_t committed_tasks = 0;
    int64_t aborted_tasks = 0;

    bool operator==(const RoutineLoadStatistics&) const = default;
};

struct RoutineLoadJob {
    int64_t id = 0;
    std::string name;
    int64_t db_id = 0;
    std::string db_name;
    int64_t table_id = 0;
    std::string table_name;
    std::string user;  // who created it ('name'@'host')

    RoutineLoadState state = RoutineLoadState::kNeedSchedule;
    std::string state_reason;  // ReasonOfStateChanged
    std::string other_msg;     // OtherMsg: the latest task failure

    // The load description, as written.
    std::optional<std::string> column_separator;
    std::optional<std::string> row_delimiter;
    std::vector<std::string> columns;  // COLUMNS items' SQL text ("pay_dt=from_unixtime(...)")
    std::string where_sql;             // empty: none
    std::vector<std::string> partitions;
    bool temporary_partitions = false;

    // PROPERTIES (...) and FROM KAFKA (...), as written: (key, value) in statement order.
    std::vector<std::pair<std::string, std::string>> job_properties;
    std::vector<std::pair<std::string, std::string>> data_source_properties;

    std::map<int32_t, int64_t> progress;            // partition -> next offset to read
    std::map<int32_t, int64_t> timestamp_progress;  // partition -> last message time (ms)
    RoutineLoadStatistics statistics;
    std::vector<std::string> error_log_urls;  // the latest three, oldest first

    int64_t create_time_ms = 0;
    int64_t pause_time_ms = -1;
    int64_t end_time_ms = -1;

    bool operator==(const RoutineLoadJob&) const = default;
};

std::string EncodeRoutineLoadJob(const RoutineLoadJob& job);
StatusOr<RoutineLoadJob> DecodeRoutineLoadJob(std::string_view bytes);

// SHOW ROUTINE LOAD's Progress column: {"0":"41","1":"OFFSET_BEGINNING"} (next offset - 1, or
// the name of a logical offset before the first commit).
std::string ProgressJson(const std::map<int32_t, int64_t>& progress);

}  // namespace tributary
