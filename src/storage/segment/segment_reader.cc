#include "storage/segment/segment_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "storage/segment/byte_io.h"
#include "storage/segment/crc32c.h"
#include "storage/segment/page_codec.h"

namespace tributary {

StatusOr<std::unique_ptr<SegmentReader>> SegmentReader::Open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return Status::IOError(fmt::format("cannot open segment {}: {}", path,
                                           std::strerror(errno)));
    }
    auto reader = std::unique_ptr<SegmentReader>(new SegmentReader(path, fd));
    RETURN_IF_ERROR(reader->Load());
    return reader;
}

SegmentReader::~SegmentReader() { ::close(fd_); }

Status SegmentReader::Corrupt(std::string_view what) const {
    return Status::Corruption(fmt::format("segment {}: {}", path_, what));
}

Status SegmentReader::ReadAt(uint64_t offset, size_t size, std::string* out) const {
    if (offset > file_size_ || size > file_size_ - offset) {
        return Corrupt(fmt::format("read of {} bytes at {} passes the end of the file", size,
                                   offset));
    }
    out->resize(size);
    size_t done = 0;
    while (done < size) {
        ssize_t n = ::pread(fd_, out->data() + done, size - done,
                            static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            return Status::IOError(fmt::format("cannot read segment {}: {}", path_,
                                               std::strerror(errno)));
        }
        if (n == 0) return Corrupt("file shrank while being read");
        done += static_cast<size_t>(n);
    }
    return Status::OK();
}

Status SegmentReader::Load() {
    struct stat st;
    if (::fstat(fd_, &st) != 0) {
        return Status::IOError(fmt::format("cannot stat segment {}: {}", path_,
                                           std::strerror(errno)));
    }
    file_size_ = static_cast<uint64_t>(st.st_size);
    constexpr uint64_t kHeader = sizeof(kSegmentMagic);
    if (file_size_ < kHeader + kTrailerSize) {
        return Corrupt(fmt::format("file of {} bytes is too short to be a segment", file_size_));
    }
    std::string head;
    RETURN_IF_ERROR(ReadAt(0, kHeader, &head));
    if (std::memcmp(head.data(), kSegmentMagic, kHeader) != 0) return Corrupt("bad file magic");
    std::string trailer;
    RETURN_IF_ERROR(ReadAt(file_size_ - kTrailerSize, kTrailerSize, &trailer));
    ByteReader tr(trailer);
    uint32_t footer_size = 0, footer_crc = 0;
    std::string_view magic;
    if (!tr.Get(&footer_size) || !tr.Get(&footer_crc) || !tr.GetBytes(kHeader, &magic) ||
        std::memcmp(magic.data(), kSegmentMagic, kHeader) != 0) {
        return Corrupt("bad trailer magic");
    }
    uint64_t footer_end = file_size_ - kTrailerSize;
    if (footer_size > footer_end - kHeader) {
        return Corrupt(fmt::format("footer length {} exceeds the file", footer_size));
    }
    uint64_t footer_offset = footer_end - footer_size;
    std::string footer_bytes;
    RETURN_IF_ERROR(ReadAt(footer_offset, footer_size, &footer_bytes));
    if (crc32c::Value(footer_bytes) != footer_crc) return Corrupt("footer checksum mismatch");
    Status parsed = DecodeFooter(footer_bytes, &footer_);
    if (!parsed.ok()) return parsed.Prefixed(fmt::format("segment {}", path_));

    pages_.resize(footer_.columns.size());
    for (size_t c = 0; c < footer_.columns.size(); ++c) {
        const ColumnMeta& meta = footer_.columns[c];
        const std::string& name = footer_.schema.columns[c].name;
        if (meta.index_offset < kHeader || meta.index_offset > footer_offset ||
            meta.index_size > footer_offset - meta.index_offset) {
            return Corrupt(fmt::format("column {} index lies outside the index region", name));
        }
        std::string index;
        RETURN_IF_ERROR(ReadAt(meta.index_offset, meta.index_size, &index));
        if (crc32c::Value(index) != meta.index_crc) {
            return Corrupt(fmt::format("column {} index checksum mismatch", name));
        }
        Status st = DecodeColumnIndex(footer_.schema.columns[c].type.type, index, &pages_[c]);
        if (!st.ok()) return st.Prefixed(fmt::format("segment {}: column {}", path_, name));
        uint64_t next_row = 0;
        for (const PageInfo& p : pages_[c]) {
            if (p.first_row != next_row || p.num_rows == 0) {
                return Corrupt(fmt::format("column {} pages do not cover rows contiguously", name));
            }
            if (p.offset < kHeader || p.offset > meta.index_offset ||
                p.size > meta.index_offset - p.offset || p.size < kPageHeaderSize) {
                return Corrupt(fmt::format("column {} page at {} lies outside the data region",
                                           name, p.offset));
            }
            next_row += p.num_rows;
        }
        if (next_row != footer_.num_rows) {
            return Corrupt(fmt::format("column {} pages hold {} rows, footer says {}", name,
                                       next_row, footer_.num_rows));
        }
    }
    return Status::OK();
}

StatusOr<Chunk> SegmentReader::ReadColumns(std::span<const uint32_t> column_ids,
                                           RowRange range) const {
    if (range.begin > range.end || range.end > footer_.num_rows) {
        return Status::InvalidArgument(fmt::format("rows [{}, {}) outside segment {} of {} rows",
                                                   range.begin, range.end, path_,
                                                   footer_.num_rows));
    }
    ChunkSchema schema;
    for (uint32_t id : column_ids) {
        if (id >= footer_.schema.size()) {
            return Status::InvalidArgument(fmt::format("segment {} has no column {}", path_, id));
        }
        schema.columns.push_back(footer_.schema.columns[id]);
    }
    Chunk chunk(schema);
    std::string page;
    for (size_t i = 0; i < column_ids.size(); ++i) {
        const std::vector<PageInfo>& pages = pages_[column_ids[i]];
        Column* out = chunk.column(i);
        out->Reserve(range.end - range.begin);
        // First page whose rows end after range.begin.
        auto it = std::upper_bound(pages.begin(), pages.end(), range.begin,
                                   [](uint64_t row, const PageInfo& p) {
                                       return row < p.first_row + p.num_rows;
                                   });
        for (; it != pages.end() && it->first_row < range.end; ++it) {
            RETURN_IF_ERROR(ReadAt(it->offset, it->size, &page));
            const uint64_t from = std::max(range.begin, it->first_row);
            const uint64_t to = std::min(range.end, it->first_row + it->num_rows);
            const bool whole_page = from == it->first_row && to == it->first_row + it->num_rows;
            // A page wholly inside the range decodes straight into the output.
            ColumnPtr decoded = whole_page ? nullptr : out->CloneEmpty();
            Status st = DecodePage(page, it->num_rows, whole_page ? out : decoded.get());
            if (!st.ok()) {
                return st.Prefixed(fmt::format("segment {}: column {} page at offset {}", path_,
                                               schema.columns[i].name, it->offset));
            }
            if (!whole_page) out->AppendRange(*decoded, from - it->first_row, to - from);
        }
    }
    return chunk;
}

bool SegmentReader::SegmentMayMatch(size_t column, const ZonePredicate& pred) const {
    return ZoneMayMatch(footer_.schema.columns[column].type.type,
                        footer_.columns[column].zone_map, pred);
}

std::vector<uint32_t> SegmentReader::PagesMayMatch(size_t column,
                                                   const ZonePredicate& pred) const {
    std::vector<uint32_t> result;
    LogicalType type = footer_.schema.columns[column].type.type;
    for (size_t i = 0; i < pages_[column].size(); ++i) {
        if (ZoneMayMatch(type, pages_[column][i].zone_map, pred)) {
            result.push_back(static_cast<uint32_t>(i));
        }
    }
    return result;
}

std::vector<RowRange> SegmentReader::RowRangesMayMatch(size_t column,
                                                       const ZonePredicate& pred) const {
    std::vector<RowRange> ranges;
    for (uint32_t i : PagesMayMatch(column, pred)) {
        const PageInfo& p = pages_[column][i];
        if (!ranges.empty() && ranges.back().end == p.first_row) {
            ranges.back().end = p.first_row + p.num_rows;
        } else {
            ranges.push_back({p.first_row, p.first_row + p.num_rows});
        }
    }
    return ranges;
}

}  // namespace tributary
