// Tablet: the in-memory set of committed, published rowsets of one tablet, and the choice of
// the rowsets a reader at a given version uses.
//
// Rowsets are indexed by start version; several may start at the same version while
// compaction output and its inputs coexist ([2, 5] next to [2, 2], [3, 3], ...). A reader at
// version V needs rowsets whose ranges tile [2, V] exactly: the first starts at 2, each next
// one starts right after the previous ends, the last ends at V. Capture() finds such a chain,
// preferring the widest rowsets (fewest files to merge). Version 1 is the empty partition, so
// V = 1 captures nothing.
//
// Thread safety: none; the StorageEngine guards each Tablet with its own lock.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "base/status.h"
#include "storage/rowset.h"

namespace tributary {

// Per-tablet statistics for SHOW statements.
struct TabletStats {
    int64_t tablet_id = 0;
    int64_t rowset_count = 0;
    int64_t segment_count = 0;
    int64_t num_rows = 0;  // summed over rowsets; rows of compacted-away inputs counted too
    int64_t data_bytes = 0;
    int64_t max_version = 1;  // the largest end version of a rowset; 1 when it has none
};

class Tablet {
public:
    explicit Tablet(int64_t tablet_id) : tablet_id_(tablet_id) {}

    int64_t tablet_id() const { return tablet_id_; }

    // Adds a rowset. OK and no change when a rowset with its id is there already (a repeated
    // publish); AlreadyExists when another rowset has the same version range.
    Status Add(RowsetPtr rowset);

    // The rowsets tiling [2, version], in version order. NotFound naming the tablet, the
    // version and the first version no rowset covers when there is no such chain.
    StatusOr<std::vector<RowsetPtr>> Capture(int64_t version) const;

    // Every rowset, in version order.
    std::vector<RowsetPtr> Rowsets() const;
    // Every rowset, in version order, and removes them from the tablet.
    std::vector<RowsetPtr> TakeAll();

    TabletStats Stats() const;

private:
    const int64_t tablet_id_;
    std::multimap<int64_t, RowsetPtr> by_start_;  // start_version -> rowset
};

}  // namespace tributary
