#include "storage/compaction_policy.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace tributary {
namespace {

// True when rowset i + 1 starts right after rowset i ends.
bool Adjacent(std::span<const RowsetMeta> rowsets, size_t i) {
    return rowsets[i].end_version + 1 == rowsets[i + 1].start_version;
}

// The longest prefix of [first, last] within max_inputs rowsets and max_input_bytes bytes.
RowsetRange TrimToBudget(std::span<const RowsetMeta> rowsets, size_t first, size_t last,
                         size_t max_inputs, int64_t max_input_bytes) {
    int64_t bytes = rowsets[first].data_bytes;
    size_t end = first;
    while (end < last && end - first + 1 < max_inputs &&
           bytes + rowsets[end + 1].data_bytes <= max_input_bytes) {
        ++end;
        bytes += rowsets[end].data_bytes;
    }
    return RowsetRange{first, end};
}

// Step 1 of the pick for tier bound `tier`: the newest run of adjacent rowsets of tier <= tier
// with at least min_inputs rowsets, trimmed to the budget.
std::optional<RowsetRange> PickTieredRun(std::span<const RowsetMeta> rowsets,
                                         const std::vector<int64_t>& tiers, int64_t tier,
                                         size_t min_inputs, const CompactionPolicy& policy,
                                         size_t max_inputs) {
    size_t last = rowsets.size();  // one past the run being grown, scanning newest first
    for (size_t i = rowsets.size(); i-- > 0;) {
        bool joins_newer = i + 1 < last && Adjacent(rowsets, i);
        if (tiers[i] > tier) {
            last = i;
            continue;
        }
        if (!joins_newer) last = i + 1;
        // The run is [i, last - 1]; it is maximal once its older neighbour cannot join.
        bool run_ends = i == 0 || tiers[i - 1] > tier || !Adjacent(rowsets, i - 1);
        if (!run_ends || last - i < min_inputs) continue;
        RowsetRange range = TrimToBudget(rowsets, i, last - 1, max_inputs, policy.max_input_bytes);
        if (range.last - range.first + 1 >= min_inputs) return range;
    }
    return std::nullopt;
}

// Step 2: the least-bytes window of `width` adjacent rowsets within max_input_bytes.
std::optional<RowsetRange> PickCheapestWindow(std::span<const RowsetMeta> rowsets, size_t width,
                                              int64_t max_input_bytes) {
    std::optional<RowsetRange> best;
    int64_t best_bytes = std::numeric_limits<int64_t>::max();
    for (size_t first = 0; first + width <= rowsets.size(); ++first) {
        int64_t bytes = rowsets[first].data_bytes;
        bool adjacent = true;
        for (size_t i = first + 1; i < first + width && adjacent; ++i) {
            adjacent = Adjacent(rowsets, i - 1);
            bytes += rowsets[i].data_bytes;
        }
        if (adjacent && bytes <= max_input_bytes && bytes < best_bytes) {
            best = RowsetRange{first, first + width - 1};
            best_bytes = bytes;
        }
    }
    return best;
}

}  // namespace

int64_t SizeTier(int64_t data_bytes, const CompactionPolicy& policy) {
    const int64_t ratio = std::max<int64_t>(2, policy.tier_ratio);
    int64_t bound = std::max<int64_t>(1, policy.tier_base_bytes);
    int64_t tier = 0;
    while (data_bytes >= bound) {
        ++tier;
        if (bound > std::numeric_limits<int64_t>::max() / ratio) break;
        bound *= ratio;
    }
    return tier;
}

std::optional<RowsetRange> PickRowsetsToCompact(std::span<const RowsetMeta> rowsets,
                                                const CompactionPolicy& policy) {
    const int64_t count = static_cast<int64_t>(rowsets.size());
    if (count <= std::max<int64_t>(1, policy.trigger_rowsets)) return std::nullopt;
    const size_t min_inputs = static_cast<size_t>(std::max<int64_t>(2, policy.min_inputs));
    const size_t max_inputs =
        std::max(min_inputs, static_cast<size_t>(std::max<int64_t>(2, policy.max_inputs)));

    std::vector<int64_t> tiers;
    for (const RowsetMeta& meta : rowsets) tiers.push_back(SizeTier(meta.data_bytes, policy));
    const int64_t max_tier = *std::max_element(tiers.begin(), tiers.end());
    for (int64_t tier = 0; tier <= max_tier; ++tier) {
        std::optional<RowsetRange> run =
            PickTieredRun(rowsets, tiers, tier, min_inputs, policy, max_inputs);
        if (run.has_value()) return run;
    }
    for (size_t width = std::min(min_inputs, rowsets.size()); width >= 2; --width) {
        std::optional<RowsetRange> window =
            PickCheapestWindow(rowsets, width, policy.max_input_bytes);
        if (window.has_value()) return window;
    }
    return std::nullopt;
}

}  // namespace tributary
