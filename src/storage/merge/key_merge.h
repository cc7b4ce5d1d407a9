// Merging rows with equal keys, the way each key model requires.
//
// A table's rows are sorted by its key columns (the leading `num_key_columns` columns) in every
// segment. Within one load and again on read (across the rowsets of a tablet, older versions
// first), rows with equal keys are merged:
//   DUPLICATE  every row is kept (only sorted);
//   UNIQUE,    the latest row of each key wins (latest = later in the input, i.e. later arrival
//   PRIMARY    within a load, newer version across rowsets);
//   AGGREGATE  one row per key; each value column combines the key's rows with its function:
//              SUM (NULLs ignored; NULL when every value is NULL; integers wrap like StarRocks),
//              MAX / MIN (NULLs ignored), REPLACE (the latest value, NULL included),
//              REPLACE_IF_NOT_NULL (the latest non-NULL value).
// Because SUM, MAX, MIN and the REPLACE family are associative in arrival order, the result does
// not depend on how rows were split into loads or rowsets: merging merged rowsets again gives the
// same answer as merging all rows at once (tests check this).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "types/key_model.h"

namespace tributary {

struct KeyMergeSpec {
    KeyModel model = KeyModel::kDuplicate;
    size_t num_key_columns = 0;
    // AGGREGATE only: one function per value column (columns num_key_columns .. end).
    std::vector<AggregateFunction> value_functions;
};

// Sorts `rows` by key (stably: equal keys keep their input order) and merges equal keys.
// Fails with InvalidArgument when the spec does not fit the chunk (e.g. SUM over a string).
StatusOr<Chunk> SortAndMerge(const Chunk& rows, const KeyMergeSpec& spec);

// The net effect of one load on a PRIMARY KEY table: per key, the last operation wins (rows in
// input order; ops[i] is the operation of row i).
struct PrimaryKeyOperations {
    Chunk upserts;  // full rows, sorted by key, one per key
    Chunk deletes;  // the key columns only, sorted, one per key
};
inline constexpr uint8_t kOpUpsert = 0;
inline constexpr uint8_t kOpDelete = 1;

// REQUIRES: ops is empty (every row an UPSERT) or has one entry per row, each kOpUpsert or
// kOpDelete (InvalidArgument otherwise).
StatusOr<PrimaryKeyOperations> ResolvePrimaryKeyOperations(const Chunk& rows,
                                                           std::span<const uint8_t> ops,
                                                           size_t num_key_columns);

// Merges the rows of several inputs, given oldest first (rowsets in version order). Each input
// may or may not be sorted. The result is sorted and merged as SortAndMerge describes.
StatusOr<Chunk> MergeInputs(std::vector<Chunk> oldest_first, const KeyMergeSpec& spec);

}  // namespace tributary
