#include "storage/rowset_writer.h"

#include <fmt/format.h>

#include "storage/rowset.h"
#include "storage/segment/segment_writer.h"
#include "storage/storage_layout.h"

namespace tributary {

RowsetWriter::RowsetWriter(std::string data_dir, RowsetMeta meta, ChunkSchema schema,
                           size_t num_key_columns, RowsetWriterOptions options)
    : data_dir_(std::move(data_dir)),
      meta_(std::move(meta)),
      schema_(std::move(schema)),
      num_key_columns_(num_key_columns),
      options_(options) {}

RowsetWriter::~RowsetWriter() {
    if (!finished_) {
        segment_.reset();  // removes its temporary file
        RemoveFiles(finished_paths_);
    }
}

Status RowsetWriter::Append(const Chunk& chunk) {
    if (finished_) return Status::InvalidArgument("rowset writer is already finished");
    if (chunk.schema() != schema_) {
        return Status::InvalidArgument(
            fmt::format("rowset {} of tablet {}: chunk schema differs from the writer's",
                        meta_.rowset_id, meta_.tablet_id));
    }
    if (chunk.num_rows() == 0) return Status::OK();
    if (segment_ != nullptr && segment_bytes_ >= options_.segment_size_bytes) {
        RETURN_IF_ERROR(FinishSegment());
    }
    if (segment_ == nullptr) RETURN_IF_ERROR(StartSegment());
    RETURN_IF_ERROR(segment_->Append(chunk));
    segment_bytes_ += chunk.MemoryUsage();
    meta_.segment_rows.back() += static_cast<int64_t>(chunk.num_rows());
    meta_.num_rows += static_cast<int64_t>(chunk.num_rows());
    return Status::OK();
}

StatusOr<PendingRowset> RowsetWriter::Finish() {
    if (finished_) return Status::InvalidArgument("rowset writer is already finished");
    if (segment_ != nullptr) RETURN_IF_ERROR(FinishSegment());
    finished_ = true;
    return PendingRowset{meta_, finished_paths_, nullptr};
}

Status RowsetWriter::StartSegment() {
    if (meta_.segment_rows.empty()) {
        RETURN_IF_ERROR(CreateDirDurably(TabletDir(data_dir_, meta_.tablet_id)));
    }
    std::string path =
        SegmentPath(data_dir_, meta_.tablet_id, meta_.rowset_id, meta_.segment_rows.size());
    ASSIGN_OR_RETURN(segment_, SegmentWriter::Create(path, schema_, num_key_columns_));
    meta_.segment_rows.push_back(0);
    segment_bytes_ = 0;
    return Status::OK();
}

Status RowsetWriter::FinishSegment() {
    ASSIGN_OR_RETURN(SegmentInfo info, segment_->Finish());
    segment_.reset();
    finished_paths_.push_back(info.path);
    meta_.data_bytes += static_cast<int64_t>(info.file_size);
    return Status::OK();
}

}  // namespace tributary
