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
// Live and stale rowsets: compaction replaces live inputs by one output (ReplaceRowsets); the
// inputs stay as stale rowsets until their retention ends, still captured by readers at
// versions the output does not fit, but no longer counted, listed as live or compacted again.
// The engine's live rowsets never overlap.
//
// Thread safety: none; the StorageEngine guards each Tablet with its own lock.
#pragma once

#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "storage/rowset.h"

namespace tributary {

// Per-tablet statistics for SHOW statements.
struct TabletStats {
    int64_t tablet_id = 0;
    int64_t rowset_count = 0;  // live rowsets only; the counts below are over them too
    int64_t segment_count = 0;
    int64_t num_rows = 0;
    int64_t data_bytes = 0;
    int64_t max_version = 1;         // the largest end version of a rowset; 1 when it has none
    int64_t stale_rowset_count = 0;  // compacted-away rowsets still kept for readers
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

    // Every rowset, live and stale, in version order.
    std::vector<RowsetPtr> Rowsets() const;
    // The live compaction output (a rowset spanning several versions) that holds `version`,
    // or null.
    RowsetPtr CompactedRowsetCovering(int64_t version) const;
    // The live rowsets, in version order, and their count.
    std::vector<RowsetPtr> LiveRowsets() const;
    size_t LiveRowsetCount() const { return by_start_.size() - stale_until_.size(); }
    // Every rowset, live and stale, in version order, and removes them from the tablet.
    std::vector<RowsetPtr> TakeAll();

    // Compaction: `output` becomes live in place of `inputs`, which stay as stale rowsets
    // until `stale_until_ms`. With `readable_from_version` (PRIMARY KEY tablets: the output's
    // delete vector is only right from that version on), readers at older versions keep using
    // the inputs. InvalidArgument, with no change, when an input is not a live rowset of the
    // tablet or `output` clashes (see Add).
    Status ReplaceRowsets(const std::vector<RowsetPtr>& inputs, RowsetPtr output,
                          int64_t stale_until_ms, int64_t readable_from_version = 0);
    // Removes and returns the stale rowsets whose retention ended at or before `now_ms`.
    std::vector<RowsetPtr> TakeExpiredStale(int64_t now_ms);

    TabletStats Stats() const;

private:
    bool IsStale(const Rowset& rowset) const { return stale_until_.contains(rowset.rowset_id()); }

    const int64_t tablet_id_;
    std::multimap<int64_t, RowsetPtr> by_start_;        // start_version -> rowset, live and stale
    std::unordered_map<int64_t, int64_t> stale_until_;  // rowset id -> end of its retention
    // Compaction outputs of PRIMARY KEY tablets -> the first version that may read them.
    std::unordered_map<int64_t, int64_t> readable_from_;
};

}  // namespace tributary
