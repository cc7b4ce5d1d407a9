// The states of a Routine Load job and the moves between them (reference §2).
//
//   NEED_SCHEDULE -> RUNNING        the scheduler split the job into tasks
//   NEED_SCHEDULE -> PAUSED         the split failed (Kafka unreachable, a bad partition ...)
//   RUNNING -> NEED_SCHEDULE        the topic's partitions changed: split again
//   RUNNING -> PAUSED               too many error rows, max_filter_ratio, Kafka errors, PAUSE
//   PAUSED -> NEED_SCHEDULE         RESUME
//   any non-final -> STOPPED        STOP
//   any non-final -> CANCELLED      the table or database was dropped
// STOPPED and CANCELLED are final. PAUSED -> PAUSED is refused, as StarRocks refuses it (a second
// PAUSE is an error the user sees), and so is every other move not listed. RUNNING has a
// substate, UNSTABLE when a partition lags; SHOW prints it in place of RUNNING.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/status.h"

namespace tributary {

enum class RoutineLoadState : uint8_t { kNeedSchedule, kRunning, kPaused, kStopped, kCancelled };

// "NEED_SCHEDULE", "RUNNING", "PAUSED", "STOPPED", "CANCELLED": StarRocks' spelling, also what
// jobs persist.
std::string_view RoutineLoadStateName(RoutineLoadState state);
// The inverse, case-insensitive; nullopt for other names.
std::optional<RoutineLoadState> ParseRoutineLoadState(std::string_view name);

bool IsFinal(RoutineLoadState state);

// OK when a job may move from `from` to `to`; else InvalidArgument
// "Could not transform STOPPED to PAUSED" (StarRocks' text).
Status CheckTransition(RoutineLoadState from, RoutineLoadState to);

}  // namespace tributary
