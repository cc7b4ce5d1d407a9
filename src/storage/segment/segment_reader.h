// SegmentReader: opens a segment file, validates it, and reads columns and zone maps from it.
//
// Open() checks the trailer, the footer CRC and every column index (CRC, page extents inside
// the data region, rows contiguous and adding up to the segment's row count) before returning.
// Pages are checked (CRC, sizes, encoding, row count) as they are read. Every failure is a
// Status::Corruption whose message starts with the file path and says what is wrong; damaged
// bytes never crash the reader and never come back as rows.
//
// Thread safety: after Open, const methods may be called from many threads (reads use pread).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "storage/segment/segment_format.h"

namespace tributary {

// Rows [begin, end) of a segment.
struct RowRange {
    uint64_t begin = 0;
    uint64_t end = 0;
    bool operator==(const RowRange&) const = default;
};

class SegmentReader {
public:
    static StatusOr<std::unique_ptr<SegmentReader>> Open(const std::string& path);
    ~SegmentReader();
    SegmentReader(const SegmentReader&) = delete;
    SegmentReader& operator=(const SegmentReader&) = delete;

    const std::string& path() const { return path_; }
    const ChunkSchema& schema() const { return footer_.schema; }
    size_t num_key_columns() const { return footer_.num_key_columns; }
    uint64_t num_rows() const { return footer_.num_rows; }
    uint64_t file_size() const { return file_size_; }

    // Zone map of column `column` over the whole segment. REQUIRES: column < schema().size().
    const ZoneMap& segment_zone_map(size_t column) const { return footer_.columns[column].zone_map; }
    const std::vector<PageInfo>& pages(size_t column) const { return pages_[column]; }

    // Reads rows `range` of the listed columns into a chunk whose schema is those columns, in
    // the order listed. InvalidArgument for a bad column id or range.
    StatusOr<Chunk> ReadColumns(std::span<const uint32_t> column_ids, RowRange range) const;

    // Pruning: false when no row of the segment can satisfy `pred` on `column`.
    bool SegmentMayMatch(size_t column, const ZonePredicate& pred) const;
    // Indexes of the pages of `column` that may hold a row satisfying `pred`.
    std::vector<uint32_t> PagesMayMatch(size_t column, const ZonePredicate& pred) const;
    // The row ranges of those pages, adjacent ranges merged: read only these.
    std::vector<RowRange> RowRangesMayMatch(size_t column, const ZonePredicate& pred) const;

private:
    SegmentReader(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
    Status Load();
    Status ReadAt(uint64_t offset, size_t size, std::string* out) const;
    Status Corrupt(std::string_view what) const;

    std::string path_;
    int fd_;
    uint64_t file_size_ = 0;
    SegmentFooter footer_;
    std::vector<std::vector<PageInfo>> pages_;
};

}  // namespace tributary
