// Compaction policy: which consecutive rowsets of a tablet to merge next.
//
// Goal: however often loads commit, a tablet keeps a bounded number of live rowsets, and each
// byte is rewritten only a logarithmic number of times (size-tiered, like LSM "universal" or
// StarRocks' size-tiered compaction).
//
// Rowsets are grouped into size tiers: tier 0 holds rowsets under `tier_base_bytes`, tier t
// those under tier_base_bytes * tier_ratio^t. The pick, for a tablet with more than
// `trigger_rowsets` live rowsets:
//   1. For t = 0, 1, ...: take the maximal runs of version-consecutive rowsets whose tier is at
//      most t; the newest run with at least `min_inputs` rowsets wins, trimmed (dropping its
//      newest rowsets) to `max_inputs` rowsets and `max_input_bytes`. Small loads therefore
//      merge among themselves first, and merged outputs climb the tiers.
//   2. Otherwise (tiers too mixed): the cheapest window - the least total bytes - of
//      `min_inputs` consecutive rowsets, or of fewer (down to 2) when no such window fits in
//      max_input_bytes. This keeps the count bounded when tier rules find nothing: "too many
//      versions" must never stop a load. Only rowsets too big to merge in memory with any
//      neighbour (each above max_input_bytes / 2 or so) are left alone; they accumulate only
//      as fast as such big loads arrive.
// Rowsets whose versions are not consecutive (a version committed but not published yet sits
// between them) are never merged together.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "storage/rowset_meta.h"

namespace tributary {

struct CompactionPolicy {
    // A tablet is compacted only when it has more live rowsets than this.
    int64_t trigger_rowsets = 10;
    // Fewest rowsets one tier-driven compaction merges (at least 2).
    int64_t min_inputs = 5;
    // Most rowsets one compaction merges.
    int64_t max_inputs = 100;
    // Tier boundaries: tier 0 is below tier_base_bytes, each next tier tier_ratio times larger.
    int64_t tier_base_bytes = 4 << 20;
    int64_t tier_ratio = 5;
    // Tier-driven picks stay below this many input bytes (inputs are merged in memory).
    int64_t max_input_bytes = 256 << 20;
};

// Rowsets [first, last] (indexes into the list given to PickRowsetsToCompact), last > first.
struct RowsetRange {
    size_t first = 0;
    size_t last = 0;
    bool operator==(const RowsetRange&) const = default;
};

// The size tier of a rowset of `data_bytes` under `policy`.
int64_t SizeTier(int64_t data_bytes, const CompactionPolicy& policy);

// The rowsets to merge next, given a tablet's live rowsets in version order; nullopt when the
// tablet has at most trigger_rowsets rowsets or no two are version-consecutive.
std::optional<RowsetRange> PickRowsetsToCompact(std::span<const RowsetMeta> rowsets,
                                                const CompactionPolicy& policy);

}  // namespace tributary
