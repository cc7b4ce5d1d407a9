// RowsetWriter and PendingRowset: writing what one load adds to one tablet.
//
// StorageEngine::NewRowsetWriter makes a writer with a fresh rowset id. Append(chunk) writes
// rows into the current segment; once the current segment has taken `segment_size_bytes` of
// row data (in-memory size of the appended chunks), the next Append starts a new segment.
// Finish() closes the last segment and returns a PendingRowset: every file is complete, fsynced
// and renamed to its final name, but no metadata references it, so it is invisible and is
// removed at the next engine Open unless a commit references it first.
//
// A load that wrote no row to a tablet still produces a (zero-segment) PendingRowset: every
// tablet of a partition needs a rowset for every version of the partition (see
// storage_engine.h).
//
// REQUIRES of Append: rows sorted ascending by the first num_key_columns columns within the
// current segment, across chunks too (SortChunkByKey sorts a chunk); with several segments,
// each is sorted on its own. Unsorted input is refused with InvalidArgument by SegmentWriter.
//
// A writer destroyed before Finish() removes the files it wrote. Thread safety: none (one
// thread per writer).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "storage/rowset_meta.h"

namespace tributary {

class SegmentWriter;

// PRIMARY KEY tablets: what a load changes besides adding its rows. The engine applies it in
// the commit that makes the rowset visible (merge-on-write, storage_engine.h).
struct PrimaryKeyDelta {
    size_t num_key_columns = 0;
    Chunk upserted_keys;  // the key columns of the rowset's rows, in row order over its segments
    Chunk deleted_keys;   // the key columns of the keys the load deletes (none of them upserted)
};

// A rowset whose files are durable but which no commit references yet. Its meta has no
// version (start_version = end_version = 0) until AddRowsetRecords / Publish give it one.
struct PendingRowset {
    RowsetMeta meta;
    std::vector<std::string> segment_paths;
    std::shared_ptr<const PrimaryKeyDelta> primary;  // PRIMARY KEY tablets only
};

struct RowsetWriterOptions {
    // Roll to a new segment after this many bytes of appended row data.
    size_t segment_size_bytes = 256u << 20;
};

class RowsetWriter {
public:
    // `data_dir` is the engine's data directory (storage_layout.h). Creates no file yet.
    RowsetWriter(std::string data_dir, RowsetMeta meta, ChunkSchema schema, size_t num_key_columns,
                 RowsetWriterOptions options);
    ~RowsetWriter();
    RowsetWriter(const RowsetWriter&) = delete;
    RowsetWriter& operator=(const RowsetWriter&) = delete;

    // REQUIRES: chunk.schema() equals the writer's schema (InvalidArgument otherwise).
    Status Append(const Chunk& chunk);
    // Finishes the last segment. Once only; the writer is done afterwards.
    StatusOr<PendingRowset> Finish();

private:
    Status StartSegment();
    Status FinishSegment();

    const std::string data_dir_;
    RowsetMeta meta_;
    const ChunkSchema schema_;
    const size_t num_key_columns_;
    const RowsetWriterOptions options_;
    std::unique_ptr<SegmentWriter> segment_;  // the open segment, if any
    size_t segment_bytes_ = 0;                // row data appended to the open segment
    std::vector<std::string> finished_paths_;
    bool finished_ = false;
};

}  // namespace tributary
