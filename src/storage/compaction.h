// Compaction: merging consecutive rowsets of a tablet into one - what it needs and what it
// reports. The policy (which rowsets) is in compaction_policy.h; the engine side (the
// background thread, the durable swap) is StorageEngine::CompactTablet and
// storage_engine_compaction.cc.
//
// One compaction of tablet T over its live rowsets [a..b] (versions consecutive):
//   1. read every row of the inputs, oldest version first (MergeRowsetInputs);
//   2. merge them with T's KeyMergeSpec: DUPLICATE re-sorts, AGGREGATE / UNIQUE merge equal
//      keys, older first, exactly as readers would (so results are identical before and after);
//   3. write one new rowset [a, b] (txn_id 0) with a RowsetWriter - invisible until step 4;
//   4. ONE synced MetaWriteBatch deletes the inputs' metas and puts the output's; only after it
//      succeeded the in-memory tablet swaps them. The inputs stay readable as stale rowsets for
//      stale_retention_ms (a query that picked an older version a moment ago can still read
//      it), then are marked obsolete: their files go when the last snapshot lets go.
// A crash before 4 leaves the inputs visible and the output's files unreferenced; after 4 the
// output is visible and the inputs' files unreferenced; StorageEngine::Open removes
// unreferenced files. Never both, never neither.
//
// The engine does not know table schemas: CompactionOptions::key_merge_spec, wired by the app
// from the catalog, gives the merge rules of a tablet; a tablet without one (NotFound: its table
// is gone) is skipped.
//
// Thread safety: MergeRowsetInputs is a pure function over immutable files; the structs are
// plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "storage/compaction_policy.h"
#include "storage/merge/key_merge.h"
#include "storage/primary_key_tablet.h"
#include "storage/rowset.h"

namespace tributary {

struct CompactionOptions {
    // The merge rules of a tablet's table. NotFound: the tablet is skipped. Empty: no
    // background compaction (CompactTablet then skips every tablet). Called from the
    // compaction thread without engine locks: must be thread-safe; may block briefly.
    std::function<StatusOr<KeyMergeSpec>(int64_t tablet_id)> key_merge_spec;
    // Run the background thread (when key_merge_spec is set).
    bool background = true;
    // How often the background thread looks for tablets over policy.trigger_rowsets.
    int64_t interval_ms = 1000;
    // How long replaced inputs stay readable for snapshots at their versions.
    int64_t stale_retention_ms = 300'000;
    // After a failed compaction the background thread leaves the tablet alone this long.
    int64_t failure_backoff_ms = 60'000;
    CompactionPolicy policy;
    // Tests only (a sync point): called with "compaction:output_written" (output files durable,
    // metas untouched) and "compaction:metas_swapped" (metas written, memory untouched).
    // Returning true abandons the compaction right there without any cleanup, as a crash
    // would; CompactTablet then returns Aborted.
    std::function<bool(std::string_view point)> crash_at;
};

// Counters of one tablet (tablet_id > 0) or of the whole engine (tablet_id 0, summed over
// tablets, `running` = compactions in progress).
struct CompactionStats {
    int64_t tablet_id = 0;
    int64_t running = 0;        // 1 while a compaction of the tablet is in progress
    int64_t compactions = 0;    // successful compactions
    int64_t failures = 0;       // failed compactions
    int64_t input_rowsets = 0;  // rowsets merged away
    int64_t input_rows = 0;
    int64_t output_rows = 0;  // fewer than input_rows when equal keys merged
    int64_t input_bytes = 0;
    int64_t output_bytes = 0;
    int64_t last_success_ms = 0;  // milliseconds since the Unix epoch; 0: never
    int64_t last_failure_ms = 0;
    std::string last_error;  // of the last failure; empty when the last attempt succeeded
};

// The merged rows of a compaction's inputs.
struct MergedRowsets {
    // False when no input has a segment: the output is an empty rowset and `rows` and
    // `num_key_columns` are unset.
    bool has_rows = false;
    size_t num_key_columns = 0;
    Chunk rows;  // sorted by key, equal keys merged as `spec` says
    int64_t input_rows = 0;
};

// Reads every row of `inputs` (rowsets in version order) but those `deletes` holds (PRIMARY KEY
// tablets' delete vectors) and merges them with `spec`.
// InvalidArgument when the segments' schemas differ from each other or their key columns
// from `spec`; Corruption naming the file for a damaged segment.
StatusOr<MergedRowsets> MergeRowsetInputs(const std::vector<RowsetPtr>& inputs,
                                          const KeyMergeSpec& spec, DeleteVectors deletes = {});

}  // namespace tributary
