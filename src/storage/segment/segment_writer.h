// SegmentWriter: writes one immutable columnar segment file (docs/formats/segment.md).
//
// Usage: Create(path, schema, key columns), Append(chunk) any number of times, Finish().
// Rows are cut into pages of about `page_size` bytes of values per column. The file is written
// under "<path>.tmp", fsynced, renamed to `path`, and the directory fsynced, so a crash never
// leaves a half-written file under the final name. A writer destroyed before Finish() removes
// its temporary file.
//
// REQUIRES of Append: rows sorted ascending by the leading key columns, across chunks too
// (SortChunkByKey in column/chunk.h sorts a chunk); out-of-order rows are refused with
// InvalidArgument. Thread safety: none (one thread per writer).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "storage/segment/page_codec.h"
#include "storage/segment/segment_format.h"

namespace tributary {

struct SegmentWriterOptions {
    size_t page_size = 64 * 1024;  // target bytes of plain values per page
    // Forces one encoding on every page whose column type it supports (tests); else per-page choice.
    std::optional<PageEncoding> force_encoding;
};

// What Finish() reports about the file it wrote.
struct SegmentInfo {
    std::string path;
    uint64_t num_rows = 0;
    uint64_t file_size = 0;
    std::vector<ZoneMap> zone_maps;  // per column, of the whole segment
};

class SegmentWriter {
public:
    static StatusOr<std::unique_ptr<SegmentWriter>> Create(std::string path, ChunkSchema schema,
                                                           size_t num_key_columns,
                                                           SegmentWriterOptions options = {});
    ~SegmentWriter();
    SegmentWriter(const SegmentWriter&) = delete;
    SegmentWriter& operator=(const SegmentWriter&) = delete;

    // Appends the rows of `chunk`. REQUIRES: chunk.schema() equals the writer's schema.
    Status Append(const Chunk& chunk);
    // Writes the remaining pages, the indexes and the footer, syncs and renames. Once only.
    StatusOr<SegmentInfo> Finish();

private:
    struct ColumnState;

    SegmentWriter(std::string path, ChunkSchema schema, size_t num_key_columns,
                  SegmentWriterOptions options, int fd);
    Status FlushPage(size_t column);
    Status Write(std::string_view bytes);
    Status CheckSorted(const Chunk& chunk);

    std::string path_;
    std::string tmp_path_;
    ChunkSchema schema_;
    size_t num_key_columns_;
    SegmentWriterOptions options_;
    int fd_;
    uint64_t offset_ = 0;
    uint64_t num_rows_ = 0;
    bool finished_ = false;
    std::vector<std::unique_ptr<ColumnState>> columns_;
    std::optional<Chunk> last_key_;  // the last row appended, for the sort check
};

}  // namespace tributary
