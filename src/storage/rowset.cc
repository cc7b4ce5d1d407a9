#include "storage/rowset.h"

#include <filesystem>

#include "base/check.h"
#include "base/logging.h"

namespace tributary {

Rowset::Rowset(RowsetMeta meta, std::vector<std::string> segment_paths)
    : meta_(std::move(meta)), segment_paths_(std::move(segment_paths)) {
    TRIBUTARY_CHECK(segment_paths_.size() == meta_.num_segments(),
                    "a rowset needs one path per segment");
}

Rowset::~Rowset() {
    if (obsolete_.load(std::memory_order_acquire)) {
        size_t removed = RemoveFiles(segment_paths_);
        LOG_INFO("removed {} segment file(s) of obsolete rowset {} of tablet {}", removed,
                 meta_.rowset_id, meta_.tablet_id);
    }
}

size_t RemoveFiles(const std::vector<std::string>& paths) {
    size_t removed = 0;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (std::filesystem::remove(path, ec)) {
            ++removed;
        } else if (ec) {
            LOG_WARN("cannot remove {}: {}", path, ec.message());
        }
    }
    return removed;
}

}  // namespace tributary
