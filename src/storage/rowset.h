// Rowset: an immutable, committed rowset as the engine and readers share it.
//
// Ownership and lifetime: the engine's in-memory tablet holds a shared_ptr<const Rowset> while
// the rowset is part of the tablet; every TabletSnapshot that captured it holds another. When
// the rowset leaves the tablet for good (its tablet was dropped; compaction replaced it)
// the engine calls MarkObsolete(); the files are deleted by the destructor, that is when the
// last holder lets go. So a reader holding a snapshot can always open its segment files.
// A crash before that deletion leaves files no rowset meta references; Open removes them.
//
// Thread safety: immutable after construction except the obsolete flag, which is atomic.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "storage/rowset_meta.h"

namespace tributary {

class Rowset {
public:
    // `segment_paths[i]` is the file of segment i. REQUIRES: one path per meta segment.
    Rowset(RowsetMeta meta, std::vector<std::string> segment_paths);
    ~Rowset();
    Rowset(const Rowset&) = delete;
    Rowset& operator=(const Rowset&) = delete;

    const RowsetMeta& meta() const { return meta_; }
    int64_t rowset_id() const { return meta_.rowset_id; }
    int64_t start_version() const { return meta_.start_version; }
    int64_t end_version() const { return meta_.end_version; }
    const std::vector<std::string>& segment_paths() const { return segment_paths_; }

    // The files are deleted when the last reference goes. Idempotent.
    void MarkObsolete() const { obsolete_.store(true, std::memory_order_release); }

private:
    const RowsetMeta meta_;
    const std::vector<std::string> segment_paths_;
    mutable std::atomic<bool> obsolete_{false};
};

using RowsetPtr = std::shared_ptr<const Rowset>;

// Deletes `paths`, logging each failure other than "does not exist"; returns how many it removed.
size_t RemoveFiles(const std::vector<std::string>& paths);

}  // namespace tributary
