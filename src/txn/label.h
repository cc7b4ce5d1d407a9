// Load labels: the rules a user-given label must follow and the labels made for loads that gave
// none.
//
// StarRocks' rule (FeNameFormat.checkLabel): 1 to 128 characters from [-_A-Za-z0-9:].
//
// Thread safety: ValidateLabel is pure; GenerateLabel may be called from any thread.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace tributary {

inline constexpr size_t kMaxLabelLength = 128;

// OK when `label` follows the rule; otherwise InvalidArgument with StarRocks' message
// ("Label format error. regex: ^[-_A-Za-z0-9:]{1,128}$, label: <label>").
Status ValidateLabel(std::string_view label);

// `<prefix>_<uuid>`, e.g. "insert_3f2a9c1e-8b4d-4e0f-9a61-0c5d7e2b8f14": a random version-4 UUID,
// so generated labels do not collide with each other. REQUIRES: `prefix` is a valid label of at
// most 91 characters, so that the result is one too.
std::string GenerateLabel(std::string_view prefix);

}  // namespace tributary
