// JSON paths of the JSON reader's `jsonpaths` and `json_root` (json_reader.h gives the syntax:
// "$", "$.a.b", "$.a[0]", "$['a.b']", or a plain key), parsed into steps once per load.
//
// Internal to src/load/json. Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tributary::json_internal {

// One step of a path: a member key, or an array index when index >= 0.
struct PathStep {
    std::string key;
    int64_t index = -1;
};

// Parses `path` (see json_reader.h) into `steps`; "$" gives none. `what` names the option.
Status ParsePath(std::string_view what, std::string_view path, std::vector<PathStep>* steps);

}  // namespace tributary::json_internal
