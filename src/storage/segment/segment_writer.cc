#include "storage/segment/segment_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "column/binary_column.h"
#include "column/nullable_column.h"
#include "storage/segment/byte_io.h"
#include "storage/segment/crc32c.h"

namespace tributary {

struct SegmentWriter::ColumnState {
    ColumnPtr pending;  // rows not yet in a page
    size_t pending_bytes = 0;
    std::vector<PageInfo> pages;
    ZoneMapBuilder page_zone;
    ZoneMapBuilder segment_zone;
    ColumnState(const ColumnSchema& c)
        : pending(MakeColumn(c.type, c.nullable)), page_zone(c.type.type),
          segment_zone(c.type.type) {}
};

namespace {

Status ErrnoStatus(const std::string& what, const std::string& path) {
    return Status::IOError(fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

// Plain-encoded bytes of rows [offset, offset + count) of `column`, the page size measure.
size_t PlainBytes(const Column& column, size_t offset, size_t count) {
    const Column* data = column.is_nullable()
                             ? static_cast<const NullableColumn&>(column).data()
                             : &column;
    size_t width = FixedWidthOf(column.type().type);
    if (width != 0) return count * width;
    const auto& off = static_cast<const BinaryColumn&>(*data).offsets();
    return count * 4 + (off[offset + count] - off[offset]);
}

}  // namespace

StatusOr<std::unique_ptr<SegmentWriter>> SegmentWriter::Create(std::string path,
                                                               ChunkSchema schema,
                                                               size_t num_key_columns,
                                                               SegmentWriterOptions options) {
    if (schema.size() == 0) return Status::InvalidArgument("a segment needs at least one column");
    if (num_key_columns > schema.size()) {
        return Status::InvalidArgument("more key columns than columns");
    }
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoStatus("cannot create segment", tmp);
    auto writer = std::unique_ptr<SegmentWriter>(
        new SegmentWriter(std::move(path), std::move(schema), num_key_columns, options, fd));
    RETURN_IF_ERROR(writer->Write(std::string_view(kSegmentMagic, sizeof(kSegmentMagic))));
    return writer;
}

SegmentWriter::SegmentWriter(std::string path, ChunkSchema schema, size_t num_key_columns,
                             SegmentWriterOptions options, int fd)
    : path_(std::move(path)), tmp_path_(path_ + ".tmp"), schema_(std::move(schema)),
      num_key_columns_(num_key_columns), options_(options), fd_(fd) {
    for (const ColumnSchema& c : schema_.columns) {
        columns_.push_back(std::make_unique<ColumnState>(c));
    }
}

SegmentWriter::~SegmentWriter() {
    if (fd_ >= 0) ::close(fd_);
    if (!finished_) ::unlink(tmp_path_.c_str());
}

Status SegmentWriter::Write(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return ErrnoStatus("cannot write segment", tmp_path_);
        }
        bytes.remove_prefix(static_cast<size_t>(n));
        offset_ += static_cast<uint64_t>(n);
    }
    return Status::OK();
}

Status SegmentWriter::CheckSorted(const Chunk& chunk) {
    if (num_key_columns_ == 0 || chunk.num_rows() == 0) return Status::OK();
    if (last_key_ && CompareRows(*last_key_, 0, chunk, 0, num_key_columns_) > 0) {
        return Status::InvalidArgument("segment rows must be sorted by key: a chunk starts "
                                       "below the previous one");
    }
    for (size_t i = 1; i < chunk.num_rows(); ++i) {
        if (CompareRows(chunk, i - 1, chunk, i, num_key_columns_) > 0) {
            return Status::InvalidArgument(
                fmt::format("segment rows must be sorted by key: row {} sorts after row {}", i - 1,
                            i));
        }
    }
    Chunk last(chunk.schema());
    last.AppendRange(chunk, chunk.num_rows() - 1, 1);
    last_key_ = std::move(last);
    return Status::OK();
}

Status SegmentWriter::Append(const Chunk& chunk) {
    if (finished_) return Status::Internal("SegmentWriter::Append after Finish");
    if (!(chunk.schema() == schema_)) {
        return Status::InvalidArgument("chunk schema differs from the segment schema");
    }
    RETURN_IF_ERROR(chunk.Validate());
    RETURN_IF_ERROR(CheckSorted(chunk));
    size_t rows = chunk.num_rows();
    for (size_t c = 0; c < columns_.size(); ++c) {
        ColumnState& state = *columns_[c];
        const Column& src = *chunk.column(c);
        size_t width = FixedWidthOf(src.type().type);
        size_t row = 0;
        while (row < rows) {
            // Take rows until the page reaches its target size (at least one row per page).
            size_t take = 0;
            if (width != 0) {
                size_t room = options_.page_size > state.pending_bytes
                                  ? (options_.page_size - state.pending_bytes + width - 1) / width
                                  : 1;
                take = std::min(rows - row, std::max<size_t>(room, 1));
            } else {
                size_t bytes = state.pending_bytes;
                while (row + take < rows && (take == 0 || bytes < options_.page_size)) {
                    bytes += PlainBytes(src, row + take, 1);
                    ++take;
                }
            }
            state.pending->AppendRange(src, row, take);
            state.pending_bytes += PlainBytes(src, row, take);
            row += take;
            if (state.pending_bytes >= options_.page_size) RETURN_IF_ERROR(FlushPage(c));
        }
    }
    num_rows_ += rows;
    return Status::OK();
}

Status SegmentWriter::FlushPage(size_t column) {
    ColumnState& state = *columns_[column];
    size_t rows = state.pending->size();
    if (rows == 0) return Status::OK();
    std::string page = EncodePage(*state.pending, 0, rows, options_.force_encoding);
    state.page_zone.Reset();
    state.page_zone.Add(*state.pending, 0, rows);
    state.segment_zone.Merge(state.page_zone);
    PageInfo info;
    info.offset = offset_;
    info.size = static_cast<uint32_t>(page.size());
    info.first_row = state.pages.empty()
                         ? 0
                         : state.pages.back().first_row + state.pages.back().num_rows;
    info.num_rows = static_cast<uint32_t>(rows);
    info.zone_map = state.page_zone.Finish();
    RETURN_IF_ERROR(Write(page));
    state.pages.push_back(std::move(info));
    state.pending->Clear();
    state.pending_bytes = 0;
    return Status::OK();
}

StatusOr<SegmentInfo> SegmentWriter::Finish() {
    if (finished_) return Status::Internal("SegmentWriter::Finish called twice");
    SegmentFooter footer;
    footer.num_rows = num_rows_;
    footer.schema = schema_;
    footer.num_key_columns = static_cast<uint32_t>(num_key_columns_);
    SegmentInfo info;
    info.path = path_;
    info.num_rows = num_rows_;
    for (size_t c = 0; c < columns_.size(); ++c) {
        RETURN_IF_ERROR(FlushPage(c));
        std::string index;
        EncodeColumnIndex(columns_[c]->pages, &index);
        ColumnMeta meta;
        meta.index_offset = offset_;
        meta.index_size = static_cast<uint32_t>(index.size());
        meta.index_crc = crc32c::Value(index);
        meta.zone_map = columns_[c]->segment_zone.Finish();
        info.zone_maps.push_back(meta.zone_map);
        footer.columns.push_back(std::move(meta));
        RETURN_IF_ERROR(Write(index));
    }
    std::string tail;
    EncodeFooter(footer, &tail);
    uint32_t footer_size = static_cast<uint32_t>(tail.size());
    uint32_t footer_crc = crc32c::Value(tail);
    ByteWriter w(&tail);
    w.Put<uint32_t>(footer_size);
    w.Put<uint32_t>(footer_crc);
    w.PutBytes(std::string_view(kSegmentMagic, sizeof(kSegmentMagic)));
    RETURN_IF_ERROR(Write(tail));
    if (::fsync(fd_) != 0) return ErrnoStatus("cannot fsync segment", tmp_path_);
    if (::close(fd_) != 0) {
        fd_ = -1;
        return ErrnoStatus("cannot close segment", tmp_path_);
    }
    fd_ = -1;
    if (::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
        return ErrnoStatus("cannot rename segment to", path_);
    }
    finished_ = true;
    const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    const std::string dir = parent.empty() ? std::string(".") : parent.string();
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return ErrnoStatus("cannot open directory", dir);
    int rc = ::fsync(dfd);
    ::close(dfd);
    if (rc != 0) return ErrnoStatus("cannot fsync directory", dir);
    info.file_size = offset_;
    return info;
}

}  // namespace tributary
