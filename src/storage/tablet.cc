#include "storage/tablet.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace tributary {

Status Tablet::Add(RowsetPtr rowset) {
    auto [begin, end] = by_start_.equal_range(rowset->start_version());
    for (auto it = begin; it != end; ++it) {
        if (it->second->rowset_id() == rowset->rowset_id()) return Status::OK();
        if (it->second->end_version() == rowset->end_version()) {
            return Status::AlreadyExists(fmt::format(
                "tablet {} already has rowset {} for versions [{}, {}]; rowset {} is refused",
                tablet_id_, it->second->rowset_id(), rowset->start_version(), rowset->end_version(),
                rowset->rowset_id()));
        }
    }
    by_start_.emplace(rowset->start_version(), std::move(rowset));
    return Status::OK();
}

StatusOr<std::vector<RowsetPtr>> Tablet::Capture(int64_t version) const {
    std::vector<RowsetPtr> chain;
    if (version <= 1) return chain;
    // Depth-first search over start versions, widest rowset first; each start version is
    // explored once, so this is linear in the number of rowsets.
    std::set<int64_t> explored;
    int64_t furthest = 2;  // the first version not covered by the longest partial chain
    auto search = [&](auto&& self, int64_t start) -> bool {
        if (start == version + 1) return true;
        if (!explored.insert(start).second) return false;
        furthest = std::max(furthest, start);
        auto [begin, end] = by_start_.equal_range(start);
        std::vector<RowsetPtr> candidates;
        for (auto it = begin; it != end; ++it) {
            if (it->second->end_version() > version) continue;
            auto from = readable_from_.find(it->second->rowset_id());
            if (from != readable_from_.end() && from->second > version) continue;
            candidates.push_back(it->second);
        }
        std::sort(candidates.begin(), candidates.end(), [](const RowsetPtr& a, const RowsetPtr& b) {
            return a->end_version() > b->end_version();
        });
        for (const RowsetPtr& rowset : candidates) {
            chain.push_back(rowset);
            if (self(self, rowset->end_version() + 1)) return true;
            chain.pop_back();
        }
        return false;
    };
    if (!search(search, 2)) {
        return Status::NotFound(
            fmt::format("tablet {} cannot be read at version {}: no rowset covers version {}",
                        tablet_id_, version, furthest));
    }
    return chain;
}

std::vector<RowsetPtr> Tablet::Rowsets() const {
    std::vector<RowsetPtr> all;
    for (const auto& [start, rowset] : by_start_) all.push_back(rowset);
    return all;
}

RowsetPtr Tablet::CompactedRowsetCovering(int64_t version) const {
    for (auto it = by_start_.begin(); it != by_start_.end() && it->first <= version; ++it) {
        const RowsetPtr& rowset = it->second;
        if (rowset->start_version() < rowset->end_version() && rowset->end_version() >= version &&
            !IsStale(*rowset)) {
            return rowset;
        }
    }
    return nullptr;
}

std::vector<RowsetPtr> Tablet::LiveRowsets() const {
    std::vector<RowsetPtr> live;
    for (const auto& [start, rowset] : by_start_) {
        if (!IsStale(*rowset)) live.push_back(rowset);
    }
    return live;
}

std::vector<RowsetPtr> Tablet::TakeAll() {
    std::vector<RowsetPtr> all;
    for (auto& [start, rowset] : by_start_) all.push_back(std::move(rowset));
    by_start_.clear();
    stale_until_.clear();
    return all;
}

Status Tablet::ReplaceRowsets(const std::vector<RowsetPtr>& inputs, RowsetPtr output,
                              int64_t stale_until_ms, int64_t readable_from_version) {
    for (const RowsetPtr& input : inputs) {
        auto [begin, end] = by_start_.equal_range(input->start_version());
        bool live = !IsStale(*input) && std::any_of(begin, end, [&](const auto& entry) {
            return entry.second == input;
        });
        if (!live) {
            return Status::InvalidArgument(
                fmt::format("tablet {}: rowset {} is not a live rowset; compaction output {} "
                            "cannot replace it",
                            tablet_id_, input->rowset_id(), output->rowset_id()));
        }
    }
    const int64_t output_id = output->rowset_id();
    RETURN_IF_ERROR(Add(std::move(output)));
    if (readable_from_version > 0) readable_from_[output_id] = readable_from_version;
    for (const RowsetPtr& input : inputs) stale_until_[input->rowset_id()] = stale_until_ms;
    return Status::OK();
}

std::vector<RowsetPtr> Tablet::TakeExpiredStale(int64_t now_ms) {
    std::vector<RowsetPtr> expired;
    if (stale_until_.empty()) return expired;
    for (auto it = by_start_.begin(); it != by_start_.end();) {
        auto stale = stale_until_.find(it->second->rowset_id());
        if (stale == stale_until_.end() || stale->second > now_ms) {
            ++it;
            continue;
        }
        stale_until_.erase(stale);
        readable_from_.erase(it->second->rowset_id());
        expired.push_back(std::move(it->second));
        it = by_start_.erase(it);
    }
    return expired;
}

TabletStats Tablet::Stats() const {
    TabletStats stats;
    stats.tablet_id = tablet_id_;
    for (const auto& [start, rowset] : by_start_) {
        if (IsStale(*rowset)) {
            ++stats.stale_rowset_count;
            continue;
        }
        const RowsetMeta& meta = rowset->meta();
        ++stats.rowset_count;
        stats.segment_count += static_cast<int64_t>(meta.num_segments());
        stats.num_rows += meta.num_rows;
        stats.data_bytes += meta.data_bytes;
        stats.max_version = std::max(stats.max_version, meta.end_version);
    }
    return stats;
}

}  // namespace tributary
