#include "storage/snapshot_reader.h"

#include <fmt/format.h>

#include "storage/segment/segment_reader.h"

namespace tributary {

StatusOr<std::vector<RowsetRows>> ReadSnapshotRows(const TabletSnapshot& snapshot,
                                                   std::span<const uint32_t> column_ids) {
    std::vector<RowsetRows> out;
    for (const RowsetPtr& rowset : snapshot.rowsets) {
        RowsetRows rows{rowset->rowset_id(), rowset->start_version(), rowset->end_version(), {}};
        const RowsetMeta& meta = rowset->meta();
        for (size_t i = 0; i < meta.num_segments(); ++i) {
            const std::string& path = rowset->segment_paths()[i];
            ASSIGN_OR_RETURN(std::unique_ptr<SegmentReader> reader, SegmentReader::Open(path));
            if (static_cast<int64_t>(reader->num_rows()) != meta.segment_rows[i]) {
                return Status::Corruption(fmt::format(
                    "{}: holds {} rows but rowset {} of tablet {} recorded {}", path,
                    reader->num_rows(), meta.rowset_id, meta.tablet_id, meta.segment_rows[i]));
            }
            ASSIGN_OR_RETURN(Chunk chunk,
                             reader->ReadColumns(column_ids, RowRange{0, reader->num_rows()}));
            rows.segments.push_back(std::move(chunk));
        }
        out.push_back(std::move(rows));
    }
    return out;
}

}  // namespace tributary
