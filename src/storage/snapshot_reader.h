// ReadSnapshotRows: reads every row of chosen columns of a TabletSnapshot, rowset by rowset in
// version order, one chunk per segment.
//
// Each chunk is one segment's rows, sorted by the table's key; the caller merges segments and
// rowsets (AGGREGATE / UNIQUE key models merge equal keys, later rowsets winning for REPLACE).
// Everything is read into memory: meant for small tablets, tests and compaction inputs until a
// streaming scan exists.
//
// Thread safety: reads only immutable files; the snapshot keeps them alive.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "storage/segment/segment_reader.h"
#include "storage/segment/zone_map.h"
#include "storage/storage_engine.h"

namespace tributary {

struct RowsetRows {
    int64_t rowset_id = 0;
    int64_t start_version = 0;
    int64_t end_version = 0;
    std::vector<Chunk> segments;  // one chunk per segment, in segment order
};

// A zone-map predicate on one column of the segments (its index in the segment schema), used to
// skip segments and pages that cannot hold a matching row.
struct ColumnPredicate {
    uint32_t column = 0;
    ZonePredicate predicate;
};

// The row ranges of `reader` that every predicate of `prune` lets through (sorted, disjoint;
// empty when the segment's zone maps rule it out). REQUIRES: predicate columns exist.
std::vector<RowRange> RowRangesToRead(const SegmentReader& reader,
                                      std::span<const ColumnPredicate> prune);

// The rows of `chunk` - the rows `ranges` of one segment, read in order - that `deletes` keeps.
Chunk WithoutDeletedRows(Chunk chunk, std::span<const RowRange> ranges,
                         const DeleteVector& deletes);

// PRIMARY KEY tablets: rows the snapshot's delete vectors hold are left out.
//
// Corruption naming the file when a segment is damaged or its row count disagrees with the
// rowset meta; InvalidArgument for a column id outside the segment schema.
//
// With `prune`, a segment whose zone map rules out any predicate is skipped, and only the pages
// that every predicate lets through are read: the result is a SUPERSET of the matching rows (the
// caller still filters). Pruning drops rows before merging, so for AGGREGATE / UNIQUE tablets
// the caller may only prune on key columns (all rows of a key share those values); on DUPLICATE
// tablets any column may be used.
StatusOr<std::vector<RowsetRows>> ReadSnapshotRows(const TabletSnapshot& snapshot,
                                                   std::span<const uint32_t> column_ids,
                                                   std::span<const ColumnPredicate> prune = {});

}  // namespace tributary
