#include "load/routine/routine_load_state.h"

#include <fmt/format.h>

#include "base/string_util.h"

namespace tributary {

std::string_view RoutineLoadStateName(RoutineLoadState state) {
    switch (state) {
        case RoutineLoadState::kNeedSchedule: return "NEED_SCHEDULE";
        case RoutineLoadState::kRunning: return "RUNNING";
        case RoutineLoadState::kPaused: return "PAUSED";
        case RoutineLoadState::kStopped: return "STOPPED";
        case RoutineLoadState::kCancelled: return "CANCELLED";
    }
    return "UNKNOWN";
}

std::optional<RoutineLoadState> ParseRoutineLoadState(std::string_view name) {
    for (RoutineLoadState s : {RoutineLoadState::kNeedSchedule, RoutineLoadState::kRunning,
                               RoutineLoadState::kPaused, RoutineLoadState::kStopped,
                               RoutineLoadState::kCancelled}) {
        if (EqualsIgnoreCase(name, RoutineLoadStateName(s))) return s;
    }
    return std::nullopt;
}

bool IsFinal(RoutineLoadState state) {
    return state == RoutineLoadState::kStopped || state == RoutineLoadState::kCancelled;
}

Status CheckTransition(RoutineLoadState from, RoutineLoadState to) {
    using S = RoutineLoadState;
    bool allowed = false;
    if (!IsFinal(from)) {
        switch (to) {
            case S::kNeedSchedule:
                allowed = from == S::kRunning || from == S::kPaused;
                break;
            case S::kRunning:
                allowed = from == S::kNeedSchedule;
                break;
            case S::kPaused:
                allowed = from == S::kNeedSchedule || from == S::kRunning;
                break;
            case S::kStopped:
            case S::kCancelled:
                allowed = true;
                break;
        }
    }
    if (allowed) return Status::OK();
    return Status::InvalidArgument(fmt::format("Could not transform {} to {}",
                                               RoutineLoadStateName(from),
                                               RoutineLoadStateName(to)));
}

}  // namespace tributary
