// ScanTable: every row of a table as of one snapshot, merged by the table's key model.
//
// The storage-level read path (issue 3, item 8) on which the query engine builds: it takes the
// visible version of every partition from the transaction manager at its start (loads committing
// meanwhile do not affect it), captures each tablet's rowsets at that version, reads them and
// merges equal keys across rowsets (AGGREGATE / UNIQUE), oldest version first. Rows come back in
// table-column order, one chunk per tablet.
//
// Reads whole tablets into memory: a vectorized, streaming scan with column projection and
// zone-map pruning replaces it in the query-engine issue.
//
// Thread safety: pure function over thread-safe services.
#pragma once

#include <memory>
#include <vector>

#include "base/status.h"
#include "catalog/table_info.h"
#include "column/chunk.h"
#include "load/table_sink.h"

namespace tributary {

StatusOr<std::vector<Chunk>> ScanTable(const LoadServices& services,
                                       const std::shared_ptr<const TableInfo>& table);

}  // namespace tributary
