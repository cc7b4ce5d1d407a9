// What SHOW ROUTINE LOAD and SHOW ROUTINE LOAD TASK print (reference §1.4, §1.5, §6): StarRocks'
// columns in its order, and the keys of its JSON columns.
//
// SHOW ROUTINE LOAD: Id, Name, CreateTime, PauseTime, EndTime, DbName, TableName, State (UNSTABLE
// in place of RUNNING when a partition lags), DataSourceType, CurrentTaskNum, JobProperties,
// DataSourceProperties, CustomProperties (secrets masked), Statistic, Progress (last consumed
// offset = next - 1, or OFFSET_BEGINNING / OFFSET_END / OFFSET_ZERO), TimestampProgress,
// ReasonOfStateChanged, ErrorLogUrls (the latest three, comma-separated), TrackingSQL,
// OtherMsg, LatestSourcePosition (high watermark per partition), OffsetLag (latest - shown
// progress, at least 0).
//
// SHOW ROUTINE LOAD TASK: TaskId, TxnId, TxnStatus, JobId, CreateTime, LastScheduledTime,
// ExecuteStartTime, Timeout, BeId, DataSourceProperties ("Progress:{..},LatestOffset:{..}"),
// Message.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "load/routine/routine_load_manager.h"

namespace tributary {

using ShowRow = std::vector<std::optional<std::string>>;

const std::vector<std::string>& RoutineLoadShowColumns();
ShowRow RoutineLoadShowRow(const RoutineLoadJobView& view);

const std::vector<std::string>& RoutineLoadTaskShowColumns();
ShowRow RoutineLoadTaskShowRow(const RoutineLoadTaskView& view);

// "2023-06-07 21:30:15" in the server's local time, as StarRocks prints job times.
std::string FormatRoutineLoadTime(int64_t ms_since_epoch);

}  // namespace tributary
